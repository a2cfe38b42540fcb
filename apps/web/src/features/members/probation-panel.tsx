import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { isCellKind, type OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProbation } from '../../api/queries.ts';
import { formatDay } from '../../lib/format.ts';

/**
 * Probationary members whose probation ends within the alert window or has ended without
 * confirmation (Điều lệ Đ.5): for officers and superiors, who must prepare the confirmation.
 */
export function ProbationPanel({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const probation = useProbation(organization.id);
  const showCell = !isCellKind(organization.kind);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="probation-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="probation-title">
          {t('probation.title')}
        </Title>
        {probation.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {probation.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {probation.error.message}
          </Alert>
        )}
        {probation.data?.items.length === 0 && <Text c="dimmed">{t('probation.none')}</Text>}
        {probation.data && probation.data.items.length > 0 && (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} data-testid="probation">
            {probation.data.items.map((a) => (
              <li key={a.memberId}>
                <Group gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/dang-vien/${a.memberId}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {a.fullName}
                  </Anchor>
                  <Badge variant="dot" color={a.state === 'overdue' ? 'red' : 'yellow'} c="dark.7" tt="none" size="lg" radius="sm">
                    {a.state === 'overdue' ? t('probation.overdue', { count: -a.daysLeft }) : t('probation.dueSoon', { count: a.daysLeft })}
                  </Badge>
                </Group>
                <Text size="sm">
                  {t('probation.dates', { admitted: formatDay(a.admittedOn), due: formatDay(a.dueDate) })}
                  {showCell && ` · ${a.organizationName}`}
                </Text>
                <Text size="sm" c="dimmed">
                  {a.message}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
