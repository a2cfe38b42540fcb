import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateMemberInput, GENDERS, POSITIONS, type MemberDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { createMember } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import { DayInput } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { notifyDone } from '../../lib/notify.ts';

const FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'status',
  'position',
  'admittedOn',
  'confirmedOn',
  'joinedOn',
  'email',
  'phone',
] as const;
type Field = (typeof FIELDS)[number];
type FormValues = Record<Field, string>;

const EMPTY: FormValues = {
  fullName: '',
  gender: '',
  birthDate: '',
  status: 'official',
  position: '',
  admittedOn: '',
  confirmedOn: '',
  joinedOn: '',
  email: '',
  phone: '',
};

function isField(v: unknown): v is Field {
  return typeof v === 'string' && (FIELDS as readonly string[]).includes(v);
}

/** Blank optional fields are "not given" (null), not empty strings. */
function toInput(v: FormValues): Record<string, string | null> {
  const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    fullName: v.fullName,
    gender: blankToNull(v.gender),
    birthDate: blankToNull(v.birthDate),
    status: v.status,
    position: blankToNull(v.position),
    admittedOn: blankToNull(v.admittedOn),
    // A probationary member has no confirmation date yet, whatever the hidden field held.
    confirmedOn: v.status === 'official' ? blankToNull(v.confirmedOn) : null,
    joinedOn: blankToNull(v.joinedOn),
    email: blankToNull(v.email),
    phone: blankToNull(v.phone),
  };
}

interface Props {
  organizationId: string;
  onDone: (member: MemberDto) => void;
  onCancel: () => void;
}

/** POST /organizations/:id/members, validated first by the same zod schema the server uses. */
export function AddMemberForm({ organizationId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // One key per opening of the form: a double tap, or a resubmit after a lost answer, records once.
  // The key covers the body too, so an edited resubmission is a new key.
  const [formKey] = useState(randomKey);

  const mutation = useMutation({
    mutationFn: (input: CreateMemberInput) => createMember(organizationId, input, requestKey(formKey, input)),
    onSuccess: async (member) => {
      notifyDone(t('member.added', { name: member.fullName }));
      // The cell's register, leadership and probation list, and the registers of committees above it.
      await queryClient.invalidateQueries({ queryKey: keys.organizations });
      onDone(member);
    },
  });

  const set = (field: Field) => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = CreateMemberInput.safeParse(toInput(values));
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isField(field) && next[field] === undefined) next[field] = issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  const serverError = mutation.error instanceof ApiError ? mutation.error : null;
  // A new member is entered with their party standing; exemption and suspension come later.
  const statusOptions = (['official', 'probationary'] as const).map((s) => ({ value: s, label: t(`member.status.${s}`) }));
  const isOfficial = values.status === 'official';
  const positionOptions = [
    { value: '', label: t('member.noPosition') },
    ...POSITIONS.map((p) => ({ value: p, label: t(`member.position.${p}`) })),
  ];
  const genderOptions = [
    { value: '', label: t('member.form.genderUnset') },
    ...GENDERS.map((g) => ({ value: g, label: t(`member.gender.${g}`) })),
  ];

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        {serverError && (
          <Alert color="red" role="alert" title={t('member.form.failed')}>
            {serverError.message}
          </Alert>
        )}
        <TextInput
          label={t('member.form.fullName')}
          placeholder={t('member.form.fullNamePlaceholder')}
          required
          data-autofocus
          autoComplete="off"
          value={values.fullName}
          onChange={set('fullName')}
          error={errors.fullName}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('member.statusLabel')}
            required
            data={statusOptions}
            value={values.status}
            onChange={set('status')}
            error={errors.status}
          />
          <NativeSelect
            label={t('member.positionLabel')}
            data={positionOptions}
            value={values.position}
            onChange={set('position')}
            error={errors.position}
          />
          <NativeSelect
            label={t('member.form.gender')}
            data={genderOptions}
            value={values.gender}
            onChange={set('gender')}
            error={errors.gender}
          />
          <DayInput
            label={t('member.form.birthDate')}
            value={values.birthDate}
            onChange={set('birthDate')}
            error={errors.birthDate}
          />
          <DayInput
            label={t('member.form.admittedOn')}
            required
            value={values.admittedOn}
            onChange={set('admittedOn')}
            error={errors.admittedOn}
          />
          {isOfficial && (
            <DayInput
              label={t('member.form.confirmedOn')}
              required
              value={values.confirmedOn}
              onChange={set('confirmedOn')}
              error={errors.confirmedOn}
            />
          )}
          <DayInput
            label={t('member.form.joinedOn')}
            description={t('member.form.joinedOnHint')}
            value={values.joinedOn}
            onChange={set('joinedOn')}
            error={errors.joinedOn}
          />
          <TextInput
            type="email"
            label={t('member.form.email')}
            autoComplete="off"
            value={values.email}
            onChange={set('email')}
            error={errors.email}
          />
          <TextInput
            type="tel"
            label={t('member.form.phone')}
            autoComplete="off"
            value={values.phone}
            onChange={set('phone')}
            error={errors.phone}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
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
