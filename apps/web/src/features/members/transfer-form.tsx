import { Button, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { isCalendarDate, isCellKind, type MemberDto, type OrganizationDto, type TransferInput } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { transferMember } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { DayInput } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { canOnOrganization } from '../../lib/permissions.ts';
import { ServerErrors, useMemberSaved } from './member-mutations.tsx';

type Errors = Partial<Record<'toOrganizationId' | 'from' | 'to', string>>;

/**
 * Chuyển sinh hoạt: official (the old attachment and its posts end the day before) or
 * "sinh hoạt tạm thời" (the home cell stays). The server builds the new history itself.
 * Only open cells the caller manages can receive the member.
 */
export function TransferForm({ member, organizations }: { member: MemberDto; organizations: readonly OrganizationDto[] }) {
  const { t } = useTranslation();
  const me = useSession();
  const targets = organizations.filter(
    (o) => isCellKind(o.kind) && o.closedAt === null && o.id !== member.organizationId && canOnOrganization(me, 'member.manage', o),
  );
  const [values, setValues] = useState({ kind: 'official' as TransferInput['kind'], toOrganizationId: targets[0]?.id ?? '', from: '', to: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formKey] = useState(randomKey);
  const saved = useMemberSaved();
  const mutation = useMutation({
    mutationFn: (input: TransferInput) => transferMember(member.id, input, requestKey(formKey, input)),
    onSuccess: saved,
  });

  if (targets.length === 0) return <Text c="dimmed">{t('memberPage.form.noTargets')}</Text>;

  const set = (field: 'toOrganizationId' | 'from' | 'to') => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next: Errors = {};
    if (values.toOrganizationId === '') next.toOrganizationId = t('memberPage.form.pickOne');
    if (!isCalendarDate(values.from)) next.from = t('memberPage.form.dateRequired');
    else if (values.to !== '' && values.to < values.from) next.to = t('memberPage.form.toBeforeFrom');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    mutation.mutate({ kind: values.kind, toOrganizationId: values.toOrganizationId, from: values.from, to: values.to === '' ? null : values.to });
  };

  // Field errors the server places (validation_failed with details: 'from', 'toOrganizationId').
  const serverField = (path: string) => (mutation.error instanceof ApiError ? mutation.error.issues.find((i) => i.path === path)?.message : undefined);

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('memberPage.tabs.transfer')}>
      <Stack>
        <ServerErrors error={mutation.error} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('memberPage.form.transferKind')}
            data={(['official', 'temporary'] as const).map((k) => ({ value: k, label: t(`memberPage.form.transfer.${k}`) }))}
            value={values.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value === 'temporary' ? 'temporary' : 'official';
              setValues((v) => ({ ...v, kind }));
            }}
          />
          <NativeSelect
            label={t('memberPage.form.toCell')}
            data={targets.map((o) => ({ value: o.id, label: o.name }))}
            value={values.toOrganizationId}
            onChange={set('toOrganizationId')}
            error={errors.toOrganizationId ?? serverField('toOrganizationId')}
          />
          <DayInput required label={t('memberPage.form.from')} value={values.from} onChange={set('from')} error={errors.from ?? serverField('from')} />
          <DayInput
            label={t('memberPage.form.to')}
            value={values.to}
            onChange={set('to')}
            error={errors.to ?? serverField('to')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('memberPage.form.transferSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
