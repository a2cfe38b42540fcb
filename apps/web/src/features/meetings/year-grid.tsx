import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MeetingDto, PeriodDto, YearPlanDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { COMPLIANCE_COLORS, ComplianceBadge, MeetingStatusBadge } from './meeting-badges.tsx';
import { monthOf } from './meeting-time.ts';

const QUARTERS = [1, 2, 3, 4] as const;
const ROMAN = ['I', 'II', 'III', 'IV'] as const;

interface Cell {
  key: string;
  heading: string;
  period: PeriodDto | undefined;
  meetings: MeetingDto[];
}

/**
 * The year as four quarters: each with its three months (the regular meeting's period) and the
 * quarter's thematic period. A cell is edged in the colour of its period's state and says the
 * state in words, with the reason the server gives.
 */
export function YearGrid({ plan, timeZone }: { plan: YearPlanDto; timeZone: string }) {
  const { t } = useTranslation();
  const byId = new Map(plan.meetings.map((m) => [m.id, m]));
  const periodOf = (p: string) => plan.periods.find((x) => x.period === p);
  const placed = new Set(plan.periods.flatMap((p) => p.meetingIds));
  const meetingsOf = (p: PeriodDto | undefined) => (p?.meetingIds ?? []).flatMap((id) => byId.get(id) ?? []);
  // Extraordinary and preparatory meetings fulfil no period: they sit in the month they happen.
  const loose = plan.meetings.filter((m) => !placed.has(m.id));

  const monthCell = (month: number): Cell => {
    const key = `${plan.year}-${String(month).padStart(2, '0')}`;
    const period = periodOf(key);
    const own = meetingsOf(period);
    const others = loose.filter((m) => monthOf(m.startsAt, timeZone) === key);
    return { key, heading: t('meetings.plan.month', { month }), period, meetings: [...own, ...others] };
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="year-grid-title">
      <Title order={2} size="h3" id="year-grid-title">
        {t('meetings.plan.grid')}
      </Title>
      <Legend />
      {QUARTERS.map((q) => {
        const key = `${plan.year}-Q${q}`;
        const thematic = periodOf(key);
        const cells = [monthCell(q * 3 - 2), monthCell(q * 3 - 1), monthCell(q * 3)];
        return (
          <Stack key={q} gap="xs" component="section" aria-labelledby={`quarter-${q}`}>
            <Title order={3} size="h4" id={`quarter-${q}`}>
              {t('meetings.plan.quarter', { quarter: ROMAN[q - 1] })}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              {cells.map((c) => (
                <PeriodCell key={c.key} cell={c} timeZone={timeZone} />
              ))}
              <PeriodCell
                cell={{ key, heading: t('meetings.plan.thematicOf', { quarter: ROMAN[q - 1] }), period: thematic, meetings: meetingsOf(thematic) }}
                timeZone={timeZone}
              />
            </SimpleGrid>
          </Stack>
        );
      })}
    </Stack>
  );
}

function PeriodCell({ cell, timeZone }: { cell: Cell; timeZone: string }) {
  const { t } = useTranslation();
  const state = cell.period?.state;
  const color = state ? COMPLIANCE_COLORS[state] : 'gray';
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid={`period-${cell.key}`}
      data-state={state ?? 'none'}
      style={{ borderLeft: `6px solid var(--mantine-color-${color}-7)` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap={6} wrap="wrap">
          <Text fw={700} component="h4" m={0} size="md">
            {cell.heading}
          </Text>
          {state && <ComplianceBadge state={state} />}
        </Group>
        {cell.period && (
          <Text size="xs" c="dimmed">
            {t('meetings.plan.deadline', { date: formatDay(cell.period.deadline) })}
          </Text>
        )}
        {cell.period?.reason && <Text size="sm">{cell.period.reason}</Text>}
        {cell.meetings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.plan.noMeeting')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {cell.meetings.map((m) => (
              <li key={m.id}>
                <Anchor component={Link} to={`/cuoc-hop/${m.id}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {t(`meetings.kind.${m.kind}`)} — {formatDateTime(m.startsAt, timeZone)}
                </Anchor>
                <div>
                  <MeetingStatusBadge status={m.status} />
                </div>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" aria-label={t('meetings.plan.legend')} role="group">
      {(['planned', 'held_on_time', 'held_late', 'missed'] as const).map((s) => (
        <ComplianceBadge key={s} state={s} />
      ))}
    </Group>
  );
}
