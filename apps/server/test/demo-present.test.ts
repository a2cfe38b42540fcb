/**
 * The demo has a present (issue 9, point 13): seeded on 15/10/2026, each cell has held this
 * year's meetings so far, a thematic part each quarter, its next meeting announced with a
 * document and its members told; one cell shows a meeting held late and a month missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceAlertDto, NextMeetingDto, NoticeDto, YearPlanDto } from '@chibo/core';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';
import { FUND_NAME, NOW, OFFICE_NAME, fixedClock } from './support/register-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false, clock: fixedClock });
  expect(await seedDemo(t.db.database.db, fixedClock, { present: { delivery: t.delivery } })).toBe(true);
});
afterAll(() => t.close());

async function get<T>(user: string, url: string): Promise<T> {
  const s = await t.login(user);
  const res = await t.app.inject({ method: 'GET', url, headers: s.headers() });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json<T>();
}

describe('the demo on 15/10/2026', () => {
  it('the Quỹ trợ vốn cell has held its months, one late and one missed, a thematic part each quarter, November announced', async () => {
    const me = await get<{ homeOrganizationId: string }>('bithu', '/api/v1/me');
    const plan = await get<YearPlanDto>('bithu', `/api/v1/organizations/${me.homeOrganizationId}/year-plan?year=2026`);
    const state = Object.fromEntries(plan.periods.map((p) => [p.period, p.state]));
    expect(state).toMatchObject({
      '2026-01': 'held_on_time',
      '2026-07': 'held_on_time',
      '2026-08': 'held_late',
      '2026-09': 'missed',
      '2026-10': 'held_on_time',
      '2026-11': 'planned',
      '2026-Q1': 'held_on_time',
      '2026-Q2': 'held_on_time',
      '2026-Q3': 'held_on_time',
      '2026-Q4': 'planned',
    });
    const next = plan.meetings.find((m) => m.status === 'announced');
    expect(next).toMatchObject({ kind: 'combined', monthPeriod: '2026-11', quarterPeriod: '2026-Q4', startsAt: '2026-11-10T07:00:00.000Z' });
    expect(plan.meetings.filter((m) => m.status === 'ended')).toHaveLength(9);
    // What the alerts say of it.
    expect(plan.alerts.filter((a) => a.code === 'regular_not_held').map((a) => a.period).sort()).toEqual(['2026-08', '2026-09']);
  });

  it('the member sees the next meeting with its document, and was told of it', async () => {
    const next = await get<NextMeetingDto>('dangvien', '/api/v1/me/next-meeting');
    expect(next.meeting?.startsAt).toBe('2026-11-10T07:00:00.000Z');
    expect(next.documents.map((d) => d.title)).toEqual(['Dự thảo nghị quyết tháng 11/2026']);
    const inbox = await get<{ items: NoticeDto[] }>('dangvien', '/api/v1/notices');
    expect(inbox.items.filter((n) => n.kind === 'announced' && n.meetingId === next.meeting?.id)).toHaveLength(1);
    // The superior's follower was told too.
    const follower = await get<{ items: NoticeDto[] }>('capuy', '/api/v1/notices');
    expect(follower.items.filter((n) => n.kind === 'announced')).toHaveLength(3);
  });

  it('the superior sees each cell in its own state', async () => {
    const me = await get<{ grants: { organizationId: string }[] }>('capuy', '/api/v1/me');
    const alerts = await get<{ items: ComplianceAlertDto[] }>('capuy', `/api/v1/organizations/${me.grants[0]?.organizationId ?? ''}/alerts`);
    const late = (name: string) => alerts.items.filter((a) => a.organizationName === name && a.code === 'regular_not_held').map((a) => a.period);
    expect(late(FUND_NAME).sort()).toEqual(['2026-08', '2026-09']);
    expect(late(OFFICE_NAME)).toEqual(['2026-09']);
    expect(alerts.items.filter((a) => a.code === 'thematic_missing')).toEqual([]);
    expect(NOW.toISOString()).toBe('2026-10-15T03:00:00.000Z');
  });
});
