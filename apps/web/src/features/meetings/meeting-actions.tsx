import { Alert, Badge, Button, Group, Loader, Modal, Paper, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { startRefusal, startableFrom, type MeetingDetailDto } from '@chibo/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelMeeting, fetchAnnouncementPreview, transitionMeeting, updateMeeting, type Transition } from '../../api/meeting-endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DayTimeInput } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { MeetingDetailsForm } from './meeting-details-form.tsx';
import { useMeetingMutation, useNow } from './meeting-queries.ts';
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
        {m.status === 'draft' && (
          <Dialog label={t('meetings.actions.announce')} title={t('meetings.actions.announceTitle')} size="lg" primary>
            {(close) => <AnnounceForm meeting={m} onDone={close} />}
          </Dialog>
        )}
        {m.status === 'announced' && (
          <Dialog label={t('meetings.actions.move')} title={t('meetings.actions.moveTitle')}>
            {(close) => <MoveForm meeting={m} timeZone={timeZone} onDone={close} />}
          </Dialog>
        )}
        {m.status === 'announced' && <StartButton meeting={m} timeZone={timeZone} />}
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

function Dialog({ label, title, danger, primary, size, children }: { label: string; title: string; danger?: boolean; primary?: boolean; size?: string; children: (close: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button variant={danger ? 'outline' : primary ? 'filled' : 'default'} color={danger ? 'red.9' : undefined} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size={size ?? 'md'} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {opened && children(close)}
      </Modal>
    </>
  );
}

/**
 * Before announcing: who will be told (in the app, by e-mail) and what they will receive, then
 * one press sends it. Nothing goes out until the officer has seen it.
 */
function AnnounceForm({ meeting: m, onDone }: { meeting: MeetingDetailDto; onDone: () => void }) {
  const { t } = useTranslation();
  const preview = useQuery({ queryKey: ['meetings', m.id, 'announcement', m.revision], queryFn: ({ signal }) => fetchAnnouncementPreview(m.id, signal) });
  const { mutation, conflict } = useMeetingMutation(m, () => transitionMeeting(m.id, 'announce', m.revision, `${m.id}:announce:${m.revision}`), t('meetings.actions.announced'), onDone);
  if (preview.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (preview.isError) {
    return (
      <Alert color="red" role="alert" title={t('common.loadFailed')}>
        {preview.error.message}
      </Alert>
    );
  }
  const p = preview.data;
  const byEmail = p.recipients.filter((r) => r.byEmail).length;
  const reminderText = (minutes: number): string =>
    minutes % 1440 === 0 ? t('meetings.actions.days', { count: minutes / 1440 }) : minutes % 60 === 0 ? t('meetings.actions.hours', { count: minutes / 60 }) : t('meetings.actions.minutes', { count: minutes });
  return (
    <Stack gap="sm">
      <MutationError error={mutation.error} conflict={conflict} />
      <Text>{t('meetings.actions.announceWho', { count: p.recipients.length })}</Text>
      <Text size="sm" c="dimmed">
        {p.emailEnabled ? t('meetings.actions.announceEmail', { count: byEmail }) : t('meetings.actions.announceNoEmail')}
      </Text>
      <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, 'aria-label': t('meetings.actions.announceListLabel') }}>
        <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} data-testid="announce-recipients">
          {p.recipients.map((r) => (
            <Group component="li" key={`${r.name}-${r.guest ? 'g' : 'm'}`} gap="xs" wrap="wrap">
              <Text size="sm">{r.name}</Text>
              {r.guest && (
                <Badge variant="light" color="gray" c="dark.7" tt="none" size="sm">
                  {t('meetings.actions.guest')}
                </Badge>
              )}
              {r.byEmail && (
                <Badge variant="light" color="blue" c="dark.7" tt="none" size="sm">
                  {t('meetings.actions.byEmail')}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Paper withBorder p="sm" radius="sm" bg="gray.0">
        <Title order={3} size="h5" mb={4}>
          {p.title}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="announce-body">
          {p.body}
        </Text>
      </Paper>
      {p.reminders.length > 0 && <Text size="sm">{t('meetings.actions.announceReminders', { offsets: p.reminders.map(reminderText).join(', ') })}</Text>}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={mutation.isPending} onClick={() => mutation.mutate(undefined)}>
          {t('meetings.actions.announceSend', { count: p.recipients.length })}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * "Bắt đầu" is offered from an hour before the meeting on its day (core startRefusal, the
 * server's own rule); before that the page says when it can start, and why not yet.
 */
function StartButton({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const why = startRefusal(new Date(m.startsAt), timeZone, now);
  if (why === null) return <TransitionButton meeting={m} transition="start" primary />;
  const from = startableFrom(new Date(m.startsAt));
  return (
    <Stack gap={4} maw={420}>
      <Button disabled aria-describedby={`start-why-${m.id}`}>
        {t('meetings.actions.start')}
      </Button>
      <Text size="sm" id={`start-why-${m.id}`} data-testid="start-why">
        {now < from ? t('meetings.actions.startFrom', { at: formatDateTime(from.toISOString(), timeZone) }) : why}
      </Text>
    </Stack>
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
