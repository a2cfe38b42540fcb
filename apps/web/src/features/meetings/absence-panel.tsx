import { Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { AbsenceRequestInput, type AbsenceRequestDto, type MeetingDetailDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeAbsenceReason, decideAbsence, requestAbsence, withdrawAbsence } from '../../api/meeting-endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { usePartSaved } from './meeting-queries.ts';

const ABSENCE_COLORS: Record<AbsenceRequestDto['status'], string> = { pending: 'blue', approved: 'green', refused: 'red' };

export function AbsenceStatusBadge({ status }: { status: AbsenceRequestDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={ABSENCE_COLORS[status]} c="dark.7" tt="none" size="md" radius="sm">
      {t(`meetings.absence.status.${status}`)}
    </Badge>
  );
}

/**
 * Xin vắng mặt: a member asks once per meeting and sees the answer; officers see every request
 * and approve or refuse it (an approved absence counts as excused in attendance).
 */
export function AbsencePanel({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const open = m.status === 'draft' || m.status === 'announced';
  const isMember = me.account.memberId !== null;
  // An officer's own request is in both places; show it once, as "mine".
  const others = m.absences.filter((a) => a.id !== m.myAbsence?.id);
  if (!m.canManage && !isMember) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="absence-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="absence-title">
          {m.canManage ? t('meetings.absence.listTitle') : t('meetings.absence.title')}
        </Title>
        {isMember && m.myAbsence && <MyAbsence meeting={m} absence={m.myAbsence} timeZone={timeZone} changeable={open && m.myAbsence.status === 'pending' && new Date(m.startsAt) > new Date()} />}
        {isMember && !m.myAbsence && open && <AbsenceForm meeting={m} />}
        {isMember && !m.myAbsence && !open && !m.canManage && (
          <Text size="sm" c="dimmed">
            {t('meetings.absence.closed')}
          </Text>
        )}
        {m.canManage &&
          (others.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('meetings.absence.empty')}
            </Text>
          ) : (
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} data-testid="absences">
              {others.map((a) => (
                <AbsenceItem key={a.id} meeting={m} absence={a} timeZone={timeZone} canDecide={open || m.status === 'in_progress'} />
              ))}
            </Stack>
          ))}
      </Stack>
    </Paper>
  );
}

/** The member's own request; while it waits (and the meeting is ahead) they may change its reason or withdraw it. */
function MyAbsence({ meeting: m, absence: a, timeZone, changeable }: { meeting: MeetingDetailDto; absence: AbsenceRequestDto; timeZone: string; changeable: boolean }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [editing, { open: edit, close: stopEditing }] = useDisclosure(false);
  const [confirming, { open: confirm, close: stopConfirming }] = useDisclosure(false);
  const [reason, setReason] = useState(a.reason);
  const [error, setError] = useState<string | undefined>();
  const change = useMutation({
    mutationFn: (r: string) => changeAbsenceReason(a.id, r),
    onSuccess: async () => {
      stopEditing();
      await saved(t('meetings.absence.changed'));
    },
  });
  const withdraw = useMutation({ mutationFn: () => withdrawAbsence(a.id), onSuccess: () => saved(t('meetings.absence.withdrawn')) });
  const handleChange = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = AbsenceRequestInput.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    change.mutate(parsed.data.reason);
  };
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="my-absence">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{t('meetings.absence.mine')}</Text>
          <AbsenceStatusBadge status={a.status} />
        </Group>
        {editing ? (
          <form onSubmit={handleChange} noValidate>
            <Stack gap="xs">
              <MutationError error={change.error} placed={['reason']} />
              <Textarea label={t('meetings.absence.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error ?? fieldError(change.error, 'reason')} />
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={stopEditing}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={change.isPending}>
                  {t('meetings.absence.saveReason')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <AbsenceDetails request={a} timeZone={timeZone} />
        )}
        {changeable && !editing && !confirming && (
          <Group gap="xs" justify="flex-end">
            <Button variant="default" size="compact-md" onClick={edit}>
              {t('meetings.absence.editReason')}
            </Button>
            <Button variant="outline" color="red.9" size="compact-md" onClick={confirm}>
              {t('meetings.absence.withdraw')}
            </Button>
          </Group>
        )}
        {confirming && (
          <Stack gap="xs" role="group" aria-label={t('meetings.absence.withdraw')}>
            <MutationError error={withdraw.error} />
            <Text size="sm">{t('meetings.absence.withdrawConfirm')}</Text>
            <Group gap="xs" justify="flex-end">
              <Button variant="default" size="compact-md" onClick={stopConfirming}>
                {t('meetings.absence.keep')}
              </Button>
              <Button color="red.9" size="compact-md" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
                {t('meetings.absence.withdrawSubmit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function AbsenceForm({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (r: string) => requestAbsence(m.id, r, requestKey(formKey, { reason: r })),
    onSuccess: () => saved(t('meetings.absence.sent')),
  });
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = AbsenceRequestInput.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    mutation.mutate(parsed.data.reason);
  };
  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="absence-form-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="absence-form-title">
          {t('meetings.absence.title')}
        </Title>
        <MutationError error={mutation.error} placed={['reason']} />
        <Textarea
          label={t('meetings.absence.reason')}
          description={t('meetings.absence.reasonHint')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error ?? fieldError(mutation.error, 'reason')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('meetings.absence.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AbsenceItem({ meeting: m, absence: a, timeZone, canDecide }: { meeting: MeetingDetailDto; absence: AbsenceRequestDto; timeZone: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [note, setNote] = useState('');
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (decision: 'approve' | 'refuse') => {
      const n = note.trim() === '' ? null : note.trim();
      return decideAbsence(a.id, decision, n, requestKey(formKey, { decision, note: n }));
    },
    onSuccess: () => saved(t('meetings.absence.decided')),
  });
  return (
    <Paper component="li" withBorder p="sm" radius="sm" aria-labelledby={`absence-${a.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} id={`absence-${a.id}`}>
            {a.memberName}
          </Text>
          <AbsenceStatusBadge status={a.status} />
        </Group>
        <AbsenceDetails request={a} timeZone={timeZone} />
        {a.status === 'pending' && canDecide && (
          <>
            <MutationError error={mutation.error} />
            <TextInput label={t('meetings.absence.noteFor', { name: a.memberName })} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Group gap="xs" justify="flex-end">
              <Button variant="default" loading={mutation.isPending && mutation.variables === 'refuse'} onClick={() => mutation.mutate('refuse')}>
                {t('meetings.absence.refuse')}
              </Button>
              <Button loading={mutation.isPending && mutation.variables === 'approve'} onClick={() => mutation.mutate('approve')}>
                {t('meetings.absence.approve')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** A request's reason, the decision's note and when it was sent (the member's and the officers' views). */
function AbsenceDetails({ request: a, timeZone }: { request: AbsenceRequestDto; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('meetings.absence.reasonOf', { reason: a.reason })}
      </Text>
      {a.decisionNote && <Text size="sm">{t('meetings.absence.noteOf', { note: a.decisionNote })}</Text>}
      <Text size="xs" c="dimmed">
        {t('meetings.absence.sentAt', { at: formatDateTime(a.createdAt, timeZone) })}
      </Text>
    </>
  );
}
