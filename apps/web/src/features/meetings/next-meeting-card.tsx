import { Alert, Anchor, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_TIME_ZONE } from '../../lib/format.ts';
import { AbsenceStatusBadge } from './absence-panel.tsx';
import { DocumentList } from './documents-panel.tsx';
import { MeetingStatusBadge } from './meeting-badges.tsx';
import { useNextMeeting, useOrganizationIf } from './meeting-queries.ts';
import { formatLongDateTime } from './meeting-time.ts';
import { PaperStatusBadge } from './papers-panel.tsx';

/** "Cuộc họp sắp tới" on the home page: what a member needs on their phone before the meeting. */
export function NextMeetingCard({ homeOrganizationId }: { homeOrganizationId: string | null }) {
  const { t } = useTranslation();
  const next = useNextMeeting();
  const org = useOrganizationIf(next.data?.meeting?.organizationId ?? homeOrganizationId);
  const timeZone = org.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const m = next.data?.meeting ?? null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="next-meeting-title" data-testid="next-meeting">
      <Stack gap="sm">
        <Title order={2} size="h3" id="next-meeting-title">
          {t('meetings.next.title')}
        </Title>
        {next.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {next.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {next.error.message}
          </Alert>
        )}
        {next.isSuccess && m === null && <Text c="dimmed">{t('meetings.next.empty')}</Text>}
        {next.data && m && (
          <>
            <div>
              <Text fw={700} size="lg">
                <time dateTime={m.startsAt}>{formatLongDateTime(m.startsAt, timeZone)}</time>
              </Text>
              <Group gap="xs" wrap="wrap">
                <Text>{t(`meetings.kind.${m.kind}`)}</Text>
                <MeetingStatusBadge status={m.status} />
              </Group>
              {m.place && <Text style={{ overflowWrap: 'anywhere' }}>{t('meetings.page.where')}: {m.place}</Text>}
              {m.onlineUrl && (
                <Anchor href={m.onlineUrl} target="_blank" rel="noopener noreferrer">
                  {t('meetings.page.openOnline')}
                </Anchor>
              )}
              {m.topic && <Text style={{ overflowWrap: 'anywhere' }}>{t('meetings.fields.topic')}: {m.topic}</Text>}
            </div>
            <Stack gap={4}>
              <Title order={3} size="h5">
                {t('meetings.next.documents')}
              </Title>
              <DocumentList documents={next.data.documents} timeZone={timeZone} />
            </Stack>
            {next.data.myPapers.length > 0 && (
              <Stack gap={4}>
                <Title order={3} size="h5">
                  {t('meetings.next.papers')}
                </Title>
                {next.data.myPapers.map((p) => (
                  <Group key={p.id} gap="xs" wrap="wrap">
                    <Text style={{ overflowWrap: 'anywhere' }}>{p.title}</Text>
                    <PaperStatusBadge status={p.status} />
                    {(p.status === 'assigned' || p.status === 'returned') && (
                      <Anchor component={Link} to={`/cuoc-hop/${m.id}#papers-title`}>
                        {t('meetings.next.writePaper')}
                      </Anchor>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
            {next.data.myAbsence && (
              <Group gap="xs" wrap="wrap">
                <Text>{t('meetings.absence.mine')}:</Text>
                <AbsenceStatusBadge status={next.data.myAbsence.status} />
              </Group>
            )}
            <div>
              <Anchor component={Link} to={`/cuoc-hop/${m.id}`} fw={600}>
                {t('meetings.next.open')}
              </Anchor>
            </div>
          </>
        )}
      </Stack>
    </Paper>
  );
}
