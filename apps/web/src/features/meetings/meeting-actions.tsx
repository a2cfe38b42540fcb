import { Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { MeetingDetailDto } from '@chibo/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelMeeting, transitionMeeting, updateMeeting, type Transition } from '../../api/meeting-endpoints.ts';
import { DayTimeInput } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { MeetingDetailsForm } from './meeting-details-form.tsx';
import { useMeetingMutation } from './meeting-queries.ts';
import { fromLocalInput, toLocalInput } from './meeting-time.ts';

/** The officers' buttons, each offered only in the status where the server allows it. */
export function MeetingActions({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const isOpen = m.status === 'draft' || m.status === 'announced';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('meetings.actions.label')}>
      <Group gap="xs" wrap="wrap">
        {isOpen && (
          <Dialog label={t('meetings.actions.edit')} title={t('meetings.actions.editTitle')} size="xl">
            {(close) => <MeetingDetailsForm meeting={m} timeZone={timeZone} onDone={close} />}
          </Dialog>
        )}
        {m.status === 'draft' && <TransitionButton meeting={m} transition="announce" primary />}
        {m.status === 'announced' && (
          <Dialog label={t('meetings.actions.move')} title={t('meetings.actions.moveTitle')}>
            {(close) => <MoveForm meeting={m} timeZone={timeZone} onDone={close} />}
          </Dialog>
        )}
        {m.status === 'announced' && <TransitionButton meeting={m} transition="start" primary />}
        {m.status === 'in_progress' && <TransitionButton meeting={m} transition="end" primary />}
        {isOpen && (
          <Dialog label={t('meetings.actions.cancel')} title={t('meetings.actions.cancel')} danger>
            {(close) => <CancelForm meeting={m} onDone={close} />}
          </Dialog>
        )}
      </Group>
    </Paper>
  );
}

function Dialog({ label, title, danger, size, children }: { label: string; title: string; danger?: boolean; size?: string; children: (close: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button variant={danger ? 'outline' : 'default'} color={danger ? 'red.9' : undefined} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size={size ?? 'md'} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {opened && children(close)}
      </Modal>
    </>
  );
}

const TRANSITION_LABELS = {
  announce: ['meetings.actions.announce', 'meetings.actions.announced'],
  start: ['meetings.actions.start', 'meetings.actions.started'],
  end: ['meetings.actions.end', 'meetings.actions.ended'],
} as const;

function TransitionButton({ meeting: m, transition, primary }: { meeting: MeetingDetailDto; transition: Transition; primary?: boolean }) {
  const { t } = useTranslation();
  const [label, done] = TRANSITION_LABELS[transition];
  // One transition of one revision records once, however often the button is pressed.
  const { mutation, conflict } = useMeetingMutation(m, () => transitionMeeting(m.id, transition, m.revision, `${m.id}:${transition}:${m.revision}`), t(done));
  return (
    <Stack gap={4}>
      <Button variant={primary ? 'filled' : 'default'} loading={mutation.isPending} onClick={() => mutation.mutate(undefined)}>
        {t(label)}
      </Button>
      {mutation.isError && <MutationError error={mutation.error} conflict={conflict} />}
    </Stack>
  );
}

function MoveForm({ meeting: m, timeZone, onDone }: { meeting: MeetingDetailDto; timeZone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [startsAt, setStartsAt] = useState(toLocalInput(m.startsAt, timeZone));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ startsAt?: string; reason?: string }>({});
  const { mutation, conflict } = useMeetingMutation(
    m,
    (input: { startsAt: string; reason: string }) => updateMeeting(m.id, { revision: m.revision, ...input }),
    t('meetings.actions.moved'),
    onDone,
  );
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const iso = fromLocalInput(startsAt, timeZone);
    const next: { startsAt?: string; reason?: string } = {};
    if (iso === null) next.startsAt = t('meetings.fields.timeRequired');
    if (reason.trim().length < 3) next.reason = t('meetings.actions.reasonRequired');
    setErrors(next);
    if (iso === null || Object.keys(next).length > 0) return;
    mutation.mutate({ startsAt: iso, reason: reason.trim() });
  };
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <Text size="sm">{t('meetings.actions.moveHint')}</Text>
        <MutationError error={mutation.error} conflict={conflict} placed={['startsAt', 'reason']} />
        <DayTimeInput
          label={t('meetings.actions.newTime')}
          required
          value={startsAt}
          onChange={setStartsAt}
          error={errors.startsAt ?? fieldError(mutation.error, 'startsAt')}
        />
        <Textarea
          label={t('meetings.actions.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason ?? fieldError(mutation.error, 'reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('meetings.actions.move')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelForm({ meeting: m, onDone }: { meeting: MeetingDetailDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formKey] = useState(randomKey);
  const { mutation, conflict } = useMeetingMutation(
    m,
    (r: string) => cancelMeeting(m.id, m.revision, r, requestKey(formKey, { revision: m.revision, reason: r })),
    t('meetings.actions.cancelled'),
    onDone,
  );
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError(t('meetings.actions.reasonRequired'));
      return;
    }
    setError(undefined);
    mutation.mutate(reason.trim());
  };
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <Text size="sm">{t('meetings.actions.cancelHint')}</Text>
        <MutationError error={mutation.error} conflict={conflict} placed={['reason']} />
        <Textarea
          label={t('meetings.actions.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error ?? fieldError(mutation.error, 'reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.close')}
          </Button>
          <Button type="submit" color="red.9" loading={mutation.isPending}>
            {t('meetings.actions.cancelSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
