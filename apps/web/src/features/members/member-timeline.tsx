import { Box, Stack, Text } from '@mantine/core';
import type { MemberHistoryDto } from '@chibo/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format.ts';

interface TimelineEntry {
  key: string;
  from: string;
  to: string | null;
  /** Admission first on a shared day, then attachments, standings and posts. */
  rank: number;
  title: string;
  details: string[];
  tone: 'red' | 'blue' | 'green' | 'gray' | 'orange';
}

/** Every period of the history as one list, ordered by the day it began. */
export function timelineEntries(h: MemberHistoryDto, t: TFunction): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (h.admittedOn !== null) {
    entries.push({ key: 'admitted', from: h.admittedOn, to: h.admittedOn, rank: 0, title: t('timeline.admitted'), details: [], tone: 'red' });
  }
  h.memberships.forEach((m, i) => {
    entries.push({
      key: `m${i}`,
      from: m.from,
      to: m.to,
      rank: 1,
      title: t(m.kind === 'official' ? 'timeline.membershipOfficial' : 'timeline.membershipTemporary', { organization: m.organizationName }),
      details: [],
      tone: m.kind === 'official' ? 'red' : 'orange',
    });
  });
  h.statuses.forEach((s, i) => {
    const details: string[] = [];
    if (s.reason) details.push(t('timeline.reason', { reason: s.reason }));
    if (s.decisionRef) details.push(t('timeline.decision', { decision: s.decisionRef }));
    const title =
      s.status === 'exempt' && s.exemptTrack
        ? t('timeline.exemptTrack', { track: s.exemptTrack, trackLabel: t(`timeline.track${s.exemptTrack}`) })
        : t(`timeline.status.${s.status}`);
    const tone = s.status === 'official' ? 'green' : s.status === 'probationary' ? 'blue' : s.status === 'exempt' ? 'gray' : 'red';
    entries.push({ key: `s${i}`, from: s.from, to: s.to, rank: 2, title, details, tone });
  });
  h.positions.forEach((p, i) => {
    entries.push({
      key: `p${i}`,
      from: p.from,
      to: p.to,
      rank: 3,
      title: t('timeline.position', { position: t(`member.position.${p.position}`), organization: p.organizationName }),
      details: [],
      tone: 'red',
    });
  });
  return entries.sort((a, b) => a.from.localeCompare(b.from) || a.rank - b.rank);
}

function rangeText(e: TimelineEntry, t: TFunction): string {
  if (e.to === e.from) return formatDay(e.from);
  return e.to === null
    ? t('timeline.since', { from: formatDay(e.from) })
    : t('timeline.range', { from: formatDay(e.from), to: formatDay(e.to) });
}

/** The member's history as a dated list: attachments, standings, exemptions and posts with terms. */
export function MemberTimeline({ history }: { history: MemberHistoryDto }) {
  const { t } = useTranslation();
  const entries = timelineEntries(history, t);
  if (entries.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  return (
    <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="timeline">
      {entries.map((e) => (
        <Box
          component="li"
          key={e.key}
          pl="md"
          pb="sm"
          style={{ borderLeft: `3px solid var(--mantine-color-${e.tone}-7)`, marginBottom: 'var(--mantine-spacing-xs)' }}
        >
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              <time dateTime={e.from}>{rangeText(e, t)}</time>
            </Text>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {e.title}
            </Text>
            {e.details.map((d) => (
              <Text key={d} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {d}
              </Text>
            ))}
          </Stack>
        </Box>
      ))}
    </Box>
  );
}
