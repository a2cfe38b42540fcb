import { Alert, Button, Group, Loader, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RuleOverrideInput, type OrganizationDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { createRuleOverride, deleteRuleOverride, fetchRuleOverrides, type RuleOverride } from '../../api/meeting-endpoints.ts';
import { keys } from '../../api/queries.ts';
import { DayInput } from '../../lib/date-fields.tsx';
import { formatDay, todayIn } from '../../lib/format.ts';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { notifyDone } from '../../lib/notify.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';

type Rule = RuleOverride['rule'];
const RULES = RuleOverrideInput.shape.rule.options;

/**
 * The superior's adjustments of the meeting rules (rules are data): own ones may be removed,
 * those inherited from a committee above are shown with where they come from.
 */
export function RuleOverridesPanel({ organization, canEdit }: { organization: OrganizationDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const overrides = useQuery({ queryKey: keys.ruleOverrides(organization.id), queryFn: ({ signal }) => fetchRuleOverrides(organization.id, signal) });
  // Every plan and alert below may change with a rule.
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.organizations });
  const remove = useMutation({
    mutationFn: (id: string) => deleteRuleOverride(id),
    onSuccess: async () => {
      notifyDone(t('meetings.overrides.removed'));
      await refresh();
    },
  });
  const items = overrides.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="overrides-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="overrides-title">
          {t('meetings.overrides.title')}
        </Title>
        <Text size="sm">{t('meetings.overrides.hint')}</Text>
        {overrides.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {overrides.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {overrides.error.message}
          </Alert>
        )}
        {overrides.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.overrides.empty')}
          </Text>
        )}
        {remove.error instanceof ApiError && (
          <Alert color="red" role="alert">
            {remove.error.message}
          </Alert>
        )}
        {items.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((o) => (
              <Group component="li" key={o.id} justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={500}>{t(`meetings.overrides.rule.${o.rule}`)}</Text>
                  <Text size="sm">{t('meetings.overrides.line', { value: o.value, from: formatDay(o.from) })}</Text>
                  <Text size="xs" c="dimmed">
                    {o.inherited ? t('meetings.overrides.inherited', { organization: o.organizationName }) : t('meetings.overrides.own')}
                  </Text>
                </div>
                {canEdit && !o.inherited && (
                  <Button
                    variant="outline"
                    color="red.9"
                    size="compact-sm"
                    aria-label={t('meetings.overrides.remove', { rule: t(`meetings.overrides.rule.${o.rule}`) })}
                    loading={remove.isPending && remove.variables === o.id}
                    onClick={() => remove.mutate(o.id)}
                  >
                    {t('meetings.overrides.removeShort')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {canEdit && <OverrideForm organization={organization} onSaved={refresh} />}
      </Stack>
    </Paper>
  );
}

function OverrideForm({ organization, onSaved }: { organization: OrganizationDto; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<Rule>('targetDay');
  const [value, setValue] = useState<number | string>(10);
  const [from, setFrom] = useState(() => todayIn(organization.timeZone));
  const [errors, setErrors] = useState<{ value?: string; from?: string }>({});
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (input: RuleOverrideInput) => createRuleOverride(organization.id, input, requestKey(formKey, input)),
    onSuccess: async () => {
      notifyDone(t('meetings.overrides.added'));
      await onSaved();
    },
  });
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = RuleOverrideInput.safeParse({ rule, value: typeof value === 'number' ? value : Number.NaN, from });
    const next: { value?: string; from?: string } = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'value') next.value = t('meetings.overrides.valueInvalid');
        if (issue.path[0] === 'from') next.from = t('meetings.overrides.dateRequired');
      }
    }
    setErrors(next);
    if (!parsed.success) return;
    mutation.mutate(parsed.data);
  };
  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="override-add-title">
      <Stack gap="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h4" id="override-add-title">
          {t('meetings.overrides.add')}
        </Title>
        <MutationError error={mutation.error} placed={['value', 'from']} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('meetings.overrides.ruleLabel')}
            data={RULES.map((r) => ({ value: r, label: t(`meetings.overrides.rule.${r}`) }))}
            value={rule}
            onChange={(e) => setRule(RULES.find((r) => r === e.currentTarget.value) ?? 'targetDay')}
          />
          <NumberInput label={t('meetings.overrides.value')} required min={1} max={600} value={value} onChange={setValue} error={errors.value ?? fieldError(mutation.error, 'value')} />
          <DayInput
            label={t('meetings.overrides.from')}
            required
            value={from}
            onChange={setFrom}
            error={errors.from ?? fieldError(mutation.error, 'from')}
          />
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
