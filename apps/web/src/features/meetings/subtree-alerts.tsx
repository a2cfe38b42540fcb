import { Alert, Anchor, Badge, Group, List, Loader, Paper, Spoiler, Stack, Text, Title } from '@mantine/core';
import type { ComplianceAlertDto, OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlerts } from './meeting-queries.ts';

const collator = new Intl.Collator('vi');

/**
 * A committee's view: this year's alerts of the cells below it, one entry per cell (a committee
 * may oversee hundreds), most alerts first, each opening the cell's year plan.
 */
export function SubtreeAlerts({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const alerts = useAlerts(organization.id);
  const byCell = new Map<string, ComplianceAlertDto[]>();
  for (const a of alerts.data ?? []) byCell.set(a.organizationId, [...(byCell.get(a.organizationId) ?? []), a]);
  const cells = [...byCell.values()].sort((a, b) => b.length - a.length || collator.compare(a[0]?.organizationName ?? '', b[0]?.organizationName ?? ''));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="subtree-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="subtree-title">
          {t('meetings.subtree.alerts')}
        </Title>
        {alerts.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {alerts.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {alerts.error.message}
          </Alert>
        )}
        {alerts.isSuccess && cells.length === 0 && <Text>{t('meetings.subtree.none')}</Text>}
        {cells.length > 0 && (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} data-testid="subtree-alerts">
            {cells.map((items) => {
              const first = items[0];
              if (!first) return null;
              return (
                <Paper component="li" key={first.organizationId} withBorder p="sm" radius="sm">
                  <Stack gap={6}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Anchor component={Link} to={`/to-chuc/${first.organizationId}/ke-hoach`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {first.organizationName}
                      </Anchor>
                      <Badge variant="dot" color="orange" c="dark.7" tt="none" radius="sm">
                        {t('meetings.subtree.count', { count: items.length })}
                      </Badge>
                    </Group>
                    <Spoiler maxHeight={48} showLabel={t('meetings.subtree.showAll')} hideLabel={t('common.close')}>
                      <List size="sm" spacing={4}>
                        {items.map((a) => (
                          <List.Item key={`${a.code}-${a.period}-${a.meetingId ?? ''}`}>{a.message}</List.Item>
                        ))}
                      </List>
                    </Spoiler>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
