import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { GENDERS, UpdateMemberInput, type MemberDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMember } from '../../api/endpoints.ts';
import { DayInput } from '../../lib/date-fields.tsx';
import { ServerErrors, useMemberSaved } from './member-mutations.tsx';

const FIELDS = ['fullName', 'gender', 'birthDate', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number];
const isField = (v: unknown): v is Field => typeof v === 'string' && (FIELDS as readonly string[]).includes(v);

/** PATCH /members/:id with the fields that changed; checked first by the contract's own schema. */
export function PersonalDataForm({ member }: { member: MemberDto }) {
  const { t } = useTranslation();
  const stored: Record<Field, string> = {
    fullName: member.fullName,
    gender: member.gender ?? '',
    birthDate: member.birthDate ?? '',
    email: member.email ?? '',
    phone: member.phone ?? '',
  };
  const [values, setValues] = useState(stored);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const saved = useMemberSaved();
  const mutation = useMutation({ mutationFn: (input: UpdateMemberInput) => updateMember(member.id, input), onSuccess: saved });

  const set = (field: Field) => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const changed: Record<string, string | null> = {};
    for (const f of FIELDS) {
      if (values[f].trim() !== stored[f]) changed[f] = values[f].trim() === '' && f !== 'fullName' ? null : values[f].trim();
    }
    const parsed = UpdateMemberInput.safeParse(changed);
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        if (isField(f) && next[f] === undefined) next[f] = issue.message;
      }
      // "Nothing to change" belongs to no field: show it on the name.
      if (Object.keys(next).length === 0) next.fullName = parsed.error.issues[0]?.message;
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('memberPage.tabs.personal')}>
      <Stack>
        <ServerErrors error={mutation.error} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('member.form.fullName')} required value={values.fullName} onChange={set('fullName')} error={errors.fullName} />
          <NativeSelect
            label={t('member.form.gender')}
            data={[{ value: '', label: t('member.form.genderUnset') }, ...GENDERS.map((g) => ({ value: g, label: t(`member.gender.${g}`) }))]}
            value={values.gender}
            onChange={set('gender')}
            error={errors.gender}
          />
          <DayInput label={t('member.form.birthDate')} value={values.birthDate} onChange={set('birthDate')} error={errors.birthDate} />
          <TextInput type="email" label={t('member.form.email')} autoComplete="off" value={values.email} onChange={set('email')} error={errors.email} />
          <TextInput type="tel" label={t('member.form.phone')} autoComplete="off" value={values.phone} onChange={set('phone')} error={errors.phone} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
