import { Button, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { CreateMeetingInput, MEETING_KINDS, type MeetingDetailDto, type MeetingKind } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createMeeting } from '../../api/meeting-endpoints.ts';
import { DayTimeInput } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { notifyDone } from '../../lib/notify.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { useInvalidateMeeting } from './meeting-queries.ts';
import { fromLocalInput } from './meeting-time.ts';

type Field = 'kind' | 'startsAt' | 'plannedMinutes' | 'place' | 'topic';

/**
 * "Thêm cuộc họp": an extraordinary meeting or the committee's preparatory one, most often;
 * the regular and thematic ones come from the year plan but may be added by hand too.
 */
export function CreateMeetingButton({ organizationId, timeZone }: { organizationId: string; timeZone: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('meetings.create.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('meetings.create.title')} size="lg" fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {opened && <CreateMeetingForm organizationId={organizationId} timeZone={timeZone} onCancel={close} />}
      </Modal>
    </>
  );
}

// Extraordinary and preparatory first: the plan already makes the others.
const KIND_ORDER: readonly MeetingKind[] = ['extraordinary', 'preparatory', ...MEETING_KINDS.filter((k) => k !== 'extraordinary' && k !== 'preparatory')];

function CreateMeetingForm({ organizationId, timeZone, onCancel }: { organizationId: string; timeZone: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateMeeting();
  const [values, setValues] = useState({ kind: 'extraordinary' as MeetingKind, startsAt: '', plannedMinutes: 90 as number | string, place: '', topic: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (input: CreateMeetingInput) => createMeeting(input, requestKey(formKey, input)),
    onSuccess: async (m: MeetingDetailDto) => {
      notifyDone(t('meetings.create.done'));
      await invalidate(m.id, m.organizationId);
      await navigate(`/cuoc-hop/${m.id}`);
    },
  });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const startsAt = fromLocalInput(values.startsAt, timeZone);
    const parsed = CreateMeetingInput.safeParse({
      organizationId,
      kind: values.kind,
      startsAt: startsAt ?? '',
      plannedMinutes: typeof values.plannedMinutes === 'number' ? values.plannedMinutes : Number.NaN,
      place: values.place,
      topic: values.topic,
    });
    const next: Partial<Record<Field, string>> = {};
    if (startsAt === null) next.startsAt = t('meetings.fields.timeRequired');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        if ((f === 'plannedMinutes' || f === 'place' || f === 'topic' || f === 'kind') && next[f] === undefined) next[f] = issue.message;
      }
    }
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    mutation.mutate(parsed.data);
  };

  const set = (field: 'startsAt' | 'place' | 'topic') => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <MutationError error={mutation.error} placed={['kind', 'startsAt', 'plannedMinutes', 'place', 'topic']} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('meetings.create.kind')}
            data={KIND_ORDER.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
            value={values.kind}
            onChange={(e) => {
              const kind = MEETING_KINDS.find((k) => k === e.currentTarget.value) ?? 'extraordinary';
              setValues((v) => ({ ...v, kind }));
            }}
            error={errors.kind ?? fieldError(mutation.error, 'kind')}
          />
          <DayTimeInput
            label={t('meetings.fields.startsAt')}
            required
            value={values.startsAt}
            onChange={set('startsAt')}
            error={errors.startsAt ?? fieldError(mutation.error, 'startsAt')}
          />
          <NumberInput
            label={t('meetings.fields.plannedMinutes')}
            required
            min={15}
            max={600}
            step={15}
            value={values.plannedMinutes}
            onChange={(v) => setValues((x) => ({ ...x, plannedMinutes: v }))}
            error={errors.plannedMinutes ?? fieldError(mutation.error, 'plannedMinutes')}
          />
          <TextInput label={t('meetings.fields.place')} value={values.place} onChange={set('place')} error={errors.place ?? fieldError(mutation.error, 'place')} />
        </SimpleGrid>
        <TextInput label={t('meetings.fields.topic')} value={values.topic} onChange={set('topic')} error={errors.topic ?? fieldError(mutation.error, 'topic')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('meetings.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
