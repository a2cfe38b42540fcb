import { Alert, Anchor, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { highestPosition, POSITIONS, type OrganizationDto, type Position } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLeadership } from '../../api/queries.ts';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization } from '../../lib/permissions.ts';
import { PositionBadge } from './member-badges.tsx';

/** Secretary first, then deputies, committee members and group leaders. */
function byRank<T extends { positions: Position[] }>(holders: readonly T[]): T[] {
  const rank = (h: T) => POSITIONS.indexOf(highestPosition(h.positions) ?? 'group_leader');
  return [...holders].sort((a, b) => rank(a) - rank(b));
}

/** A cell's secretary, deputies and committee today, and where its shape breaks the rules. */
export function LeadershipPanel({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const me = useSession();
  const leadership = useLeadership(organization.id);
  const canOpen = canOnOrganization(me, 'member.read_private', organization);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="leadership-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="leadership-title">
          {t('leadership.title')}
        </Title>
        {leadership.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {leadership.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {leadership.error.message}
          </Alert>
        )}
        {leadership.data && (
          <>
            <Text size="sm">{t('leadership.officialMembers', { count: leadership.data.officialMembers })}</Text>
            {leadership.data.holders.length === 0 ? (
              <Text c="dimmed">{t('leadership.none')}</Text>
            ) : (
              <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('leadership.holders')}>
                {byRank(leadership.data.holders).map((h) => (
                  <Group component="li" key={h.memberId} gap="xs" wrap="wrap">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {canOpen || h.memberId === me.account.memberId ? (
                        <Anchor component={Link} to={`/dang-vien/${h.memberId}`} inherit>
                          {h.fullName}
                        </Anchor>
                      ) : (
                        h.fullName
                      )}
                    </Text>
                    {h.positions.map((p) => (
                      <PositionBadge key={p} position={p} />
                    ))}
                  </Group>
                ))}
              </Stack>
            )}
            {leadership.data.warnings.length > 0 && (
              <Alert color="yellow" title={t('leadership.warnings')} data-testid="leadership-warnings">
                <List size="sm">
                  {leadership.data.warnings.map((w) => (
                    <List.Item key={w.code + w.message}>{w.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
