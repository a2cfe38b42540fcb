import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { PendingItemDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchPending } from '../../api/meeting-endpoints.ts';
import { keys } from '../../api/queries.ts';
import { formatDateTime, formatDay } from '../../lib/format.ts';

/**
 * "Việc đang chờ": what the user must hand in (a paper, their request not yet decided) and, for
 * officers, the requests and papers of their cells that wait for a decision — each opening the
 * meeting where it is done. Nothing to show: nothing is drawn but the unread count, if any.
 */
export function PendingCard() {
  const { t } = useTranslation();
  const pending = useQuery({ queryKey: keys.pending, queryFn: ({ signal }) => fetchPending(signal) });
  const p = pending.data;
  if (pending.isError) {
    return (
      <Alert color="red" role="alert" title={t('common.loadFailed')}>
        {pending.error.message}
      </Alert>
    );
  }
  if (!p) return null;
  const total = p.mine.length + p.toDecide.length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="pending-title" data-testid="pending">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h3" id="pending-title">
            {t('home.pending.title')}
          </Title>
          {p.unreadNotices > 0 && (
            <Anchor component={Link} to="/thong-bao">
              {t('home.pending.unread', { count: p.unreadNotices })}
            </Anchor>
          )}
        </Group>
        {total === 0 && <Text size="sm">{t('home.pending.none')}</Text>}
        {p.toDecide.length > 0 && <PendingList title={t('home.pending.toDecide', { count: p.toDecide.length })} items={p.toDecide} />}
        {p.mine.length > 0 && <PendingList title={t('home.pending.mine', { count: p.mine.length })} items={p.mine} />}
        {p.more && <Text size="sm">{t('home.pending.more')}</Text>}
      </Stack>
    </Paper>
  );
}

function PendingList({ title, items }: { title: string; items: PendingItemDto[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text fw={600}>{title}</Text>
      <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((i) => (
          <Group component="li" key={`${i.kind}-${i.id}`} gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="light" color={i.kind.endsWith('to_decide') ? 'orange' : 'blue'} c="dark.7" tt="none" size="sm" style={{ flexShrink: 0 }}>
              {t(`home.pending.kind.${i.kind}`)}
            </Badge>
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/cuoc-hop/${i.meetingId}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {i.memberName ? `${i.memberName}: ${i.title}` : i.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {i.dueDate ? t('home.pending.due', { date: formatDay(i.dueDate), at: formatDateTime(i.meetingStartsAt) }) : t('home.pending.meeting', { at: formatDateTime(i.meetingStartsAt), organization: i.organizationName })}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
