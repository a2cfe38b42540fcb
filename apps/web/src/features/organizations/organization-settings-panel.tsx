import { Alert, Button, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OrganizationSettings, SETTING_KEYS, type OrganizationDto, type OrganizationSettingsDto, type SettingKey } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { putSettings } from '../../api/endpoints.ts';
import { fetchRulesInForce } from '../../api/meeting-endpoints.ts';
import { ruleValueText } from '../meetings/rule-overrides-panel.tsx';
import { keys, useSettings } from '../../api/queries.ts';
import { notifyDone } from '../../lib/notify.ts';

type Effective = OrganizationSettingsDto['effective'][SettingKey];

/**
 * Settings in force at an organization, each with where it comes from: set here, inherited
 * from an organization above ("kế thừa từ …"), or the default with its source. Those who
 * manage the organization set its own values; a blank field inherits again.
 */
export function OrganizationSettingsPanel({ organization, canEdit }: { organization: OrganizationDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useSettings(organization.id);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="settings-title">
          {t('settings.title')}
        </Title>
        {settings.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {settings.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {settings.error.message}
          </Alert>
        )}
        {settings.data && (
          <>
            <Table variant="vertical" layout="fixed" withTableBorder={false}>
              <Table.Tbody>
                <RulesInForceRows organizationId={organization.id} />
                {SETTING_KEYS.map((key) => (
                  <Table.Tr key={key}>
                    <Table.Th w="40%">{t(`settings.keys.${key}`)}</Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text>{valueText(key, settings.data.effective[key], t)}</Text>
                      <Text size="sm" c="dimmed">
                        {originText(settings.data.own[key] !== undefined, settings.data.effective[key], t)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canEdit && organization.closedAt === null && <SettingsForm organizationId={organization.id} own={settings.data.own} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}

type T = TFunction;

/**
 * The meeting rules in force today (the target day first): the same values the year plan and
 * the alerts judge by, with the committee that set them — set in the rules panel, never here.
 */
function RulesInForceRows({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: keys.rulesInForce(organizationId), queryFn: ({ signal }) => fetchRulesInForce(organizationId, signal) });
  if (!rules.data) return null;
  return (
    <>
      {rules.data.values.map((v) => (
        <Table.Tr key={v.rule} data-testid={`rule-in-force-${v.rule}`}>
          <Table.Th w="40%">{t(`meetings.overrides.rule.${v.rule}`)}</Table.Th>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>
            <Text>{ruleValueText(t, v.rule, v.value)}</Text>
            <Text size="sm" c="dimmed">
              {v.setBy ? t('settings.ruleSetBy', { organization: v.setBy.name }) : t('settings.defaultFrom', { source: v.source })}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

function valueText(key: SettingKey, e: Effective, t: T): string {
  if (e.value === null) return t('settings.unset');
  if (key === 'probationAlertDays') return t('settings.daysValue', { count: Number(e.value) });
  return String(e.value);
}

function originText(isOwn: boolean, e: Effective, t: T): string {
  if (isOwn) return t('settings.own');
  if (e.setBy) return t('settings.inherited', { organization: e.setBy.name });
  if (e.value !== null) return e.source ? t('settings.defaultFrom', { source: e.source }) : t('settings.default');
  return '';
}

function SettingsForm({ organizationId, own }: { organizationId: string; own: OrganizationSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [place, setPlace] = useState(own.meetingPlace ?? '');
  const [alertDays, setAlertDays] = useState<string | number>(own.probationAlertDays ?? '');
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({});

  const mutation = useMutation({
    mutationFn: (input: OrganizationSettings) => putSettings(organizationId, input),
    onSuccess: async (dto) => {
      queryClient.setQueryData(keys.settings(organizationId), dto);
      notifyDone(t('settings.saved'));
      // Settings flow down the tree (and the probation window reads them): read everything again.
      await queryClient.invalidateQueries({ queryKey: keys.organizations });
    },
  });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = {
      ...(place.trim() !== '' ? { meetingPlace: place } : {}),
      ...(alertDays !== '' ? { probationAlertDays: Number(alertDays) } : {}),
    };
    const parsed = OrganizationSettings.safeParse(input);
    if (!parsed.success) {
      const next: Partial<Record<SettingKey, string>> = {};
      for (const issue of parsed.error.issues) {
        const k = SETTING_KEYS.find((s) => s === issue.path[0]);
        if (k && next[k] === undefined) next[k] = issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="settings-form-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="settings-form-title">
          {t('settings.edit')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.blankInherits')}
        </Text>
        {mutation.error instanceof ApiError && (
          <Alert color="red" role="alert">
            {mutation.error.message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.keys.meetingPlace')} maxLength={200} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.meetingPlace} />
          <NumberInput label={t('settings.keys.probationAlertDays')} min={7} max={120} allowDecimal={false} hideControls value={alertDays} onChange={setAlertDays} error={errors.probationAlertDays} />
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
