import { Alert, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import type { MeetingDetailDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganization } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { DEFAULT_TIME_ZONE } from '../../lib/format.ts';
import { AbsencePanel } from './absence-panel.tsx';
import { AgendaPanel } from './agenda-editor.tsx';
import { ComplianceAlerts } from './compliance-alerts.tsx';
import { DocumentsPanel } from './documents-panel.tsx';
import { MeetingActions } from './meeting-actions.tsx';
import { MeetingStatusBadge } from './meeting-badges.tsx';
import { MeetingFacts } from './meeting-facts.tsx';
import { useMeeting } from './meeting-queries.ts';
import { formatLongDateTime, monthOf } from './meeting-time.ts';
import { PapersPanel } from './papers-panel.tsx';
import { ReceiptsPanel } from './receipts-panel.tsx';

/**
 * /cuoc-hop/:id: preparing a meeting. Officers edit it, announce, move, cancel, start and
 * end it, set the agenda, post documents, assign papers and answer absence requests; a member
 * reads what to prepare, writes the paper assigned to them and asks to be excused.
 */
export function MeetingPage() {
  const { id = '' } = useParams();
  return <MeetingView key={id} id={id} />;
}

function MeetingView({ id }: { id: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(id);

  if (meeting.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (meeting.isError) {
    return (
      <>
        <PageTitle>{t('meetings.page.title')}</PageTitle>
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {meeting.error.message}
        </Alert>
      </>
    );
  }
  return <MeetingBody meeting={meeting.data} />;
}

function MeetingBody({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const org = useOrganization(m.organizationId);
  const timeZone = org.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const year = Number(monthOf(m.startsAt, timeZone).slice(0, 4));

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/to-chuc/${m.organizationId}/ke-hoach?nam=${year}`} size="sm">
          ← {t('meetings.page.back', { year })}
        </Anchor>
        <PageTitle>{`${t(`meetings.kind.${m.kind}`)} — ${formatLongDateTime(m.startsAt, timeZone)}`}</PageTitle>
        <Group gap="xs" wrap="wrap" mt={-8}>
          <MeetingStatusBadge status={m.status} />
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {m.organizationName}
          </Text>
        </Group>
        {m.status === 'cancelled' && m.cancelReason && (
          <Alert color="red" mt="sm">
            {t('meetings.page.cancelled', { reason: m.cancelReason })}
          </Alert>
        )}
      </div>

      {m.canManage && <MeetingActions meeting={m} timeZone={timeZone} />}
      <ComplianceAlerts alerts={m.alerts} title={t('meetings.page.alerts')} />
      <MeetingFacts meeting={m} timeZone={timeZone} />
      <DocumentsPanel meeting={m} timeZone={timeZone} />
      <PapersPanel meeting={m} timeZone={timeZone} />
      <AbsencePanel meeting={m} timeZone={timeZone} />
      <AgendaPanel meeting={m} />
      {m.canManage && <ReceiptsPanel meeting={m} timeZone={timeZone} />}
    </Stack>
  );
}
