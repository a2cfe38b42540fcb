import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { fetchCalendarFeedStatus, revokeCalendarFeed, rotateCalendarFeed } from '../../api/meeting-endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { notifyDone } from '../../lib/notify.ts';

/**
 * "Lịch cá nhân (.ics)": the server keeps only a digest of the secret, so the address is shown
 * once, when made; making a new one retires the old (rotation), revoking retires it for good.
 */
const FEED_KEY = ['calendar-feed'] as const;

export function CalendarFeedPanel() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: FEED_KEY, queryFn: ({ signal }) => fetchCalendarFeedStatus(signal) });
  const rotate = useMutation({
    mutationFn: rotateCalendarFeed,
    onSettled: () => queryClient.invalidateQueries({ queryKey: FEED_KEY }),
    onSuccess: (res) => {
      // The server may answer a path; a calendar app needs the full address.
      setUrl(new URL(res.url, window.location.origin).toString());
      notifyDone(t('notices.feed.created'));
    },
  });
  const revoke = useMutation({
    mutationFn: revokeCalendarFeed,
    onSettled: () => queryClient.invalidateQueries({ queryKey: FEED_KEY }),
    onSuccess: () => {
      setUrl(null);
      notifyDone(t('notices.feed.revoked'));
    },
  });
  const error = rotate.error ?? revoke.error;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="feed-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="feed-title">
          {t('notices.feed.title')}
        </Title>
        <Text size="sm">{t('notices.feed.hint')}</Text>
        {error instanceof ApiError && (
          <Alert color="red" role="alert" title={t('notices.feed.failed')}>
            {error.message}
          </Alert>
        )}
        {!url && status.data?.active && status.data.createdAt && (
          <Text size="sm" data-testid="feed-active">
            {t('notices.feed.active', { at: formatDateTime(status.data.createdAt) })}
          </Text>
        )}
        {url && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              style={{ flex: '1 1 16rem' }}
              label={t('notices.feed.url')}
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              data-testid="feed-url"
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} aria-live="polite">
                  {copied ? t('notices.feed.copied') : t('notices.feed.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Group gap="xs" wrap="wrap">
          <Button onClick={() => rotate.mutate()} loading={rotate.isPending}>
            {url || status.data?.active ? t('notices.feed.rotate') : t('notices.feed.create')}
          </Button>
          <Button variant="outline" color="red.9" onClick={() => revoke.mutate()} loading={revoke.isPending} disabled={!url && status.data?.active === false}>
            {t('notices.feed.revoke')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('notices.feed.rotateHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
