import { Anchor } from '@mantine/core';
import type { MeetingDetailDto } from '@chibo/core';
import type { ReactNode } from 'react';
import { FactsPanel } from '../../app/facts-panel.tsx';
import { useTranslation } from 'react-i18next';
import { useRegister } from '../../api/queries.ts';
import { formatDateTime } from '../../lib/format.ts';

/** Name of a member of the cell's register, for chair and minute-taker. */
export function useMemberNames(organizationId: string) {
  const register = useRegister(organizationId, {});
  const items = register.data?.items ?? [];
  return { items, nameOf: (id: string | null) => (id === null ? null : (items.find((x) => x.id === id)?.fullName ?? null)) };
}

/** When, where, how long and by which rules; chair, minute-taker and guests. */
export function MeetingFacts({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const { nameOf } = useMemberNames(m.organizationId);
  const period = [m.monthPeriod, m.quarterPeriod].filter((p) => p !== null).join(', ');
  const rows: [string, ReactNode][] = [
    [t('meetings.page.when'), <time dateTime={m.startsAt}>{formatDateTime(m.startsAt, timeZone)}</time>],
    [t('meetings.page.where'), m.place],
    [
      t('meetings.page.online'),
      m.onlineUrl ? (
        <Anchor href={m.onlineUrl} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
          {m.onlineUrl}
        </Anchor>
      ) : null,
    ],
    [t('meetings.fields.topic'), m.topic],
    [t('meetings.page.duration'), t('meetings.page.durationValue', { planned: m.plannedMinutes, min: m.minMinutes })],
    [t('meetings.page.period'), period === '' ? null : period],
    [t('meetings.page.rules'), m.rulesId],
    [t('meetings.page.chair'), nameOf(m.chairMemberId)],
    [t('meetings.page.minuteTaker'), nameOf(m.minuteTakerMemberId)],
    [t('meetings.page.guests'), m.guests.length === 0 ? null : m.guests.map((g) => `${g.name} (${t(`meetings.guestRole.${g.role}`)})`).join('; ')],
    [t('meetings.fields.note'), m.note],
  ];
  return <FactsPanel id="meeting-facts-title" title={t('meetings.page.facts')} rows={rows} labelWidth="35%" />;
}
