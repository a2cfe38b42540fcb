import { Alert, Anchor, Badge, Collapse, Group, Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NoticeDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { markNoticeRead } from '../../api/meeting-endpoints.ts';
import { keys } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CalendarFeedPanel } from './calendar-feed-panel.tsx';
import { useNotices } from './notice-queries.ts';

/** /thong-bao: the member's notices, newest first; opening one marks it read. */
export function InboxPage() {
  const { t } = useTranslation();
  const notices = useNotices();
  const items = notices.data?.items ?? [];
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <PageTitle>{t('notices.title')}</PageTitle>
        {notices.data && notices.data.unread > 0 && (
          <Text mt={-8} aria-live="polite">
            {t('notices.unreadCount', { count: notices.data.unread })}
          </Text>
        )}
      </div>
      <Stack gap="sm" component="section" aria-labelledby="notice-list-title">
        <Title order={2} size="h3" id="notice-list-title">
          {t('notices.list')}
        </Title>
        {notices.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {notices.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {notices.error.message}
          </Alert>
        )}
        {notices.isSuccess && items.length === 0 && <Text c="dimmed">{t('notices.empty')}</Text>}
        {items.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} data-testid="notices">
            {items.map((n) => (
              <NoticeItem key={n.id} notice={n} />
            ))}
          </Stack>
        )}
      </Stack>
      <CalendarFeedPanel />
    </Stack>
  );
}

function NoticeItem({ notice: n }: { notice: NoticeDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const unread = n.readAt === null;
  const mutation = useMutation({
    mutationFn: () => markNoticeRead(n.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.notices });
    },
  });
  const bodyId = `notice-body-${n.id}`;
  const handleToggle = () => {
    setOpened((o) => !o);
    if (unread && !mutation.isPending) mutation.mutate();
  };
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-unread={unread ? 'true' : 'false'}>
      <UnstyledButton onClick={handleToggle} aria-expanded={opened} aria-controls={bodyId} w="100%">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={unread ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
              {n.title}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`notices.kind.${n.kind}`)} · {t('notices.receivedAt', { at: formatDateTime(n.createdAt) })}
            </Text>
          </div>
          <Badge variant={unread ? 'filled' : 'dot'} color={unread ? 'red.9' : 'gray'} c={unread ? undefined : 'dark.7'} tt="none" radius="sm" style={{ flexShrink: 0 }}>
            {unread ? t('notices.unread') : t('notices.read')}
          </Badge>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened} id={bodyId}>
        <Stack gap="xs" pt="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {n.body}
          </Text>
          <Anchor component={Link} to={`/cuoc-hop/${n.meetingId}`} fw={600}>
            {t('notices.openMeeting')}
          </Anchor>
        </Stack>
      </Collapse>
    </Paper>
  );
}
