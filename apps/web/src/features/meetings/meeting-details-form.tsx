import { ActionIcon, Button, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { GUEST_ROLES, UpdateMeetingInput, type Guest, type MeetingDetailDto } from '@chibo/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchGuestAccounts, updateMeeting } from '../../api/meeting-endpoints.ts';
import { DayTimeInput } from '../../lib/date-fields.tsx';
import { useMemberNames } from './meeting-facts.tsx';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { useMeetingMutation } from './meeting-queries.ts';
import { fromLocalInput, toLocalInput } from './meeting-time.ts';

type GuestRole = Guest['role'];
interface GuestRow {
  name: string;
  role: GuestRole;
  accountId: string | null;
}
interface Values {
  startsAt: string;
  plannedMinutes: number | string;
  place: string;
  onlineUrl: string;
  topic: string;
  chairMemberId: string;
  minuteTakerMemberId: string;
  note: string;
  guests: GuestRow[];
}
type Field = Exclude<keyof Values, 'guests'> | 'guests';
const FIELDS: readonly Field[] = ['startsAt', 'plannedMinutes', 'place', 'onlineUrl', 'topic', 'chairMemberId', 'minuteTakerMemberId', 'note', 'guests'];

function initial(m: MeetingDetailDto, timeZone: string): Values {
  return {
    startsAt: toLocalInput(m.startsAt, timeZone),
    plannedMinutes: m.plannedMinutes,
    place: m.place ?? '',
    onlineUrl: m.onlineUrl ?? '',
    topic: m.topic ?? '',
    chairMemberId: m.chairMemberId ?? '',
    minuteTakerMemberId: m.minuteTakerMemberId ?? '',
    note: m.note ?? '',
    guests: m.guests.map((g) => ({ ...g })),
  };
}

/** Only what changed goes to the server: moving an announced meeting is its own action. */
function changes(m: MeetingDetailDto, v: Values, timeZone: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const blank = (s: string) => (s.trim() === '' ? null : s.trim());
  const startsAt = fromLocalInput(v.startsAt, timeZone);
  if (v.startsAt !== toLocalInput(m.startsAt, timeZone)) out.startsAt = startsAt ?? v.startsAt;
  if (v.plannedMinutes !== m.plannedMinutes) out.plannedMinutes = typeof v.plannedMinutes === 'number' ? v.plannedMinutes : Number.NaN;
  if (blank(v.place) !== m.place) out.place = blank(v.place);
  if (blank(v.onlineUrl) !== m.onlineUrl) out.onlineUrl = blank(v.onlineUrl);
  if (blank(v.topic) !== m.topic) out.topic = blank(v.topic);
  if (blank(v.note) !== m.note) out.note = blank(v.note);
  if ((v.chairMemberId || null) !== m.chairMemberId) out.chairMemberId = v.chairMemberId || null;
  if ((v.minuteTakerMemberId || null) !== m.minuteTakerMemberId) out.minuteTakerMemberId = v.minuteTakerMemberId || null;
  const guests = v.guests.map((g) => ({ ...g, name: g.name.trim() }));
  if (JSON.stringify(guests) !== JSON.stringify(m.guests)) out.guests = guests;
  return out;
}

function fieldOf(path: PropertyKey | undefined): Field | undefined {
  return FIELDS.find((f) => f === path);
}

/** PATCH /meetings/:id with the revision the form was opened on. */
export function MeetingDetailsForm({ meeting: m, timeZone, onDone }: { meeting: MeetingDetailDto; timeZone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => initial(m, timeZone));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const { items: members } = useMemberNames(m.organizationId);
  const guestAccounts = useQuery({ queryKey: ['guest-accounts', m.organizationId], queryFn: ({ signal }) => fetchGuestAccounts(m.organizationId, signal) });
  const { mutation, conflict } = useMeetingMutation(m, (input: UpdateMeetingInput) => updateMeeting(m.id, input), t('meetings.actions.saved'), onDone);
  const timeLocked = m.status !== 'draft';

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const diff = changes(m, values, timeZone);
    if (timeLocked) delete diff.startsAt;
    const next: Partial<Record<Field, string>> = {};
    if (diff.startsAt !== undefined && fromLocalInput(values.startsAt, timeZone) === null) next.startsAt = t('meetings.fields.timeRequired');
    const parsed = UpdateMeetingInput.safeParse({ revision: m.revision, ...diff });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = fieldOf(issue.path[0]);
        if (f && next[f] === undefined) next[f] = issue.message;
      }
    }
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    if (Object.keys(diff).length === 0) {
      onDone();
      return;
    }
    mutation.mutate(parsed.data);
  };

  const set = (field: Exclude<Field, 'guests' | 'plannedMinutes'>) => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const setGuest = (i: number, patch: Partial<GuestRow>) =>
    setValues((v) => ({ ...v, guests: v.guests.map((g, j) => (j === i ? { ...g, ...patch } : g)) }));
  const err = (f: Field) => errors[f] ?? fieldError(mutation.error, f);
  const memberOptions = [{ value: '', label: t('meetings.fields.none') }, ...members.map((x) => ({ value: x.id, label: x.fullName }))];

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <MutationError error={mutation.error} conflict={conflict} placed={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DayTimeInput
            label={t('meetings.fields.startsAt')}
            description={timeLocked ? t('meetings.actions.timeLocked') : undefined}
            disabled={timeLocked}
            required
            value={values.startsAt}
            onChange={set('startsAt')}
            error={err('startsAt')}
          />
          <NumberInput
            label={t('meetings.fields.plannedMinutes')}
            required
            min={15}
            max={600}
            step={15}
            value={values.plannedMinutes}
            onChange={(v) => setValues((x) => ({ ...x, plannedMinutes: v }))}
            error={err('plannedMinutes')}
          />
          <TextInput label={t('meetings.fields.place')} value={values.place} onChange={set('place')} error={err('place')} />
          <TextInput type="url" label={t('meetings.fields.onlineUrl')} placeholder="https://" value={values.onlineUrl} onChange={set('onlineUrl')} error={err('onlineUrl')} />
          <NativeSelect label={t('meetings.fields.chair')} data={memberOptions} value={values.chairMemberId} onChange={set('chairMemberId')} error={err('chairMemberId')} />
          <NativeSelect
            label={t('meetings.fields.minuteTaker')}
            data={memberOptions}
            value={values.minuteTakerMemberId}
            onChange={set('minuteTakerMemberId')}
            error={err('minuteTakerMemberId')}
          />
        </SimpleGrid>
        <TextInput label={t('meetings.fields.topic')} value={values.topic} onChange={set('topic')} error={err('topic')} />
        <Fieldset legend={t('meetings.fields.guests')} variant="unstyled">
          <Stack gap="xs">
            {values.guests.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('meetings.fields.noGuests')}
              </Text>
            )}
            {values.guests.map((g, i) => (
              // Guests have no id of their own: the row's place is its identity while editing.
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  style={{ flex: '1 1 12rem' }}
                  label={t('meetings.fields.guestName', { n: i + 1 })}
                  value={g.name}
                  onChange={(e) => setGuest(i, { name: e.currentTarget.value })}
                  error={fieldError(mutation.error, `guests.${i}.name`)}
                />
                <NativeSelect
                  style={{ flex: '1 1 12rem' }}
                  label={t('meetings.fields.guestAccount', { n: i + 1 })}
                  description={t('meetings.fields.guestAccountHint')}
                  data={[
                    { value: '', label: t('meetings.fields.noAccount') },
                    ...(guestAccounts.data ?? []).map((a) => ({ value: a.accountId, label: `${a.displayName} — ${a.organizationName}` })),
                  ]}
                  value={g.accountId ?? ''}
                  onChange={(e) => {
                    const picked = guestAccounts.data?.find((a) => a.accountId === e.currentTarget.value);
                    // The account's holder is the guest: their name fills an empty name field.
                    setGuest(i, { accountId: picked?.accountId ?? null, ...(picked && g.name.trim() === '' ? { name: picked.displayName } : {}) });
                  }}
                />
                <NativeSelect
                  style={{ flex: '1 1 12rem' }}
                  label={t('meetings.fields.guestRole', { n: i + 1 })}
                  data={GUEST_ROLES.map((r) => ({ value: r, label: t(`meetings.guestRole.${r}`) }))}
                  value={g.role}
                  onChange={(e) => setGuest(i, { role: e.currentTarget.value === 'follower' ? 'follower' : 'invitee' })}
                />
                <ActionIcon
                  variant="default"
                  size="input-sm"
                  aria-label={t('meetings.fields.removeGuest', { n: i + 1 })}
                  onClick={() => setValues((v) => ({ ...v, guests: v.guests.filter((_, j) => j !== i) }))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {err('guests') && (
              <Text size="sm" c="red.9">
                {err('guests')}
              </Text>
            )}
            <div>
              <Button variant="default" size="compact-md" onClick={() => setValues((v) => ({ ...v, guests: [...v.guests, { name: '', role: 'invitee', accountId: null }] }))}>
                {t('meetings.fields.addGuest')}
              </Button>
            </div>
          </Stack>
        </Fieldset>
        <Textarea label={t('meetings.fields.note')} autosize minRows={2} value={values.note} onChange={set('note')} error={err('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
