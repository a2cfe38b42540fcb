import { Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/queries.ts';
import { PositionBadge, StatusBadge } from './member-badges.tsx';

interface Props {
  organizationId: string;
  /** Heading level of the roster title within its page. */
  headingOrder?: 2 | 3;
  /** Put in the title bar, e.g. the "add member" button. */
  actions?: ReactNode;
}

/**
 * A cell's members in the server's order (given name, then family name, by Vietnamese
 * collation), as a list rather than a table so that it reads well on a 360 px phone.
 */
export function MemberRoster({ organizationId, headingOrder = 2, actions }: Props) {
  const { t } = useTranslation();
  const members = useMembers(organizationId);
  const titleId = `roster-${organizationId}`;

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" gap="sm">
        <div>
          <Title order={headingOrder} size="h3" id={titleId}>
            {t('member.roster')}
          </Title>
          {members.data && (
            <Text size="sm" c="dimmed">
              {t('member.count', { count: members.data.length })}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      {members.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {members.isError && (
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {members.error.message}
        </Alert>
      )}
      {members.data?.length === 0 && <Text c="dimmed">{t('member.empty')}</Text>}
      {members.data && members.data.length > 0 && (
        <Paper withBorder radius="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="roster">
          {members.data.map((m, i) => (
            <li
              key={m.id}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-3)',
              }}
            >
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {m.fullName}
                </Text>
                <Group gap={6} wrap="wrap">
                  {m.position && <PositionBadge position={m.position} />}
                  <StatusBadge status={m.status} />
                </Group>
              </Group>
            </li>
          ))}
        </Paper>
      )}
    </Stack>
  );
}
