import { describe, expect, it } from 'vitest';
import {
  confirmedOnOf,
  effectiveSettings,
  highestPosition,
  historyFromLine,
  localDateOf,
  membershipRulesOn,
  membershipRulesWith,
  mergeLine,
  OrganizationSettings,
  registerLineChanges,
  registerStatus,
  reimportLine,
  SETTING_DEFAULTS,
  standingOn,
  validateHistory,
} from '../src/index.ts';

const CELL = 'cell-a';
const line = { cellId: CELL, admittedOn: '2020-03-26', confirmedOn: '2021-03-26', position: null };

describe('historyFromLine: a register line to exact periods', () => {
  it.each([
    ['an official member', line, '2021-03-25', 'probationary', '2021-03-26', 'official'],
    ['a probationary member', { ...line, confirmedOn: null }, '2020-03-26', 'probationary', '2030-01-01', 'probationary'],
  ] as const)('%s', (_name, l, dayBefore, statusBefore, dayAfter, statusAfter) => {
    const h = { memberId: 'm', fullName: 'Nguyễn Văn A', ...historyFromLine(l) };
    expect(validateHistory(h, membershipRulesOn('2026-01-01'))).toEqual([]);
    expect(standingOn(h, dayBefore)?.status).toBe(statusBefore);
    expect(standingOn(h, dayAfter)?.status).toBe(statusAfter);
    expect(standingOn(h, '2020-03-25')).toBeNull();
  });

  it('a member who joined the cell later is attached (and holds the post) from that day', () => {
    const h = historyFromLine({ ...line, joinedOn: '2024-09-01', position: 'group_leader' });
    expect(h.memberships).toEqual([{ organizationId: CELL, kind: 'official', from: '2024-09-01', to: null }]);
    expect(h.positions).toEqual([{ organizationId: CELL, position: 'group_leader', from: '2024-09-01', to: null }]);
    expect(confirmedOnOf(h)).toBe('2021-03-26');
  });
});

describe('mergeLine: the same line read again', () => {
  const existing = {
    ...historyFromLine({ ...line, position: 'group_leader' }),
    statuses: [...historyFromLine(line).statuses, { status: 'exempt' as const, exemptTrack: 'A' as const, from: '2025-01-01', to: null }],
  };

  it('changes nothing when nothing changed, and keeps an exemption laid over the standing', () => {
    const r = mergeLine(existing, { ...line, position: 'group_leader' }, '2026-11-25');
    expect(r.changed).toBe(false);
    expect(r.history.statuses.filter((s) => s.status === 'exempt')).toHaveLength(1);
  });

  it('a new post ends the old term yesterday and starts today; the past keeps the old post', () => {
    const r = mergeLine(existing, { ...line, position: 'committee_member' }, '2026-11-25');
    expect(r.changed).toBe(true);
    expect(r.history.positions).toEqual([
      { organizationId: CELL, position: 'group_leader', from: '2020-03-26', to: '2026-11-24' },
      { organizationId: CELL, position: 'committee_member', from: '2026-11-25', to: null },
    ]);
  });

  it('new dates replace the standing', () => {
    const r = mergeLine(existing, { ...line, confirmedOn: '2021-04-01', position: 'group_leader' }, '2026-11-25');
    expect(r.changed).toBe(true);
    expect(confirmedOnOf(r.history)).toBe('2021-04-01');
  });
});

describe('reimportLine: only the columns a file has change a known member', () => {
  const history = historyFromLine({ ...line, position: 'deputy_secretary' });
  const person = { gender: 'female' as const, birthDate: '1979-09-02', email: 'thuha@example.vn', phone: '0912000111' };
  const row = { fullName: 'Trần Thị Thu Hà', birthDate: null, gender: null, admittedOn: '2020-03-26', confirmedOn: null, position: null, status: 'probationary' as const, email: null, phone: null };

  it('a file with name and admission only changes nothing', () => {
    const r = reimportLine({ person, history }, row, new Set(['fullName', 'admittedOn'] as const), CELL, '2026-11-25');
    expect(r.changed).toBe(false);
    expect(r.value).toMatchObject({ ...person, confirmedOn: '2021-03-26', status: 'official' });
    expect(r.history).toEqual(history);
  });

  it('a column it has does change: an emptied phone, a new post, a confirmation date', () => {
    const columns = new Set(['fullName', 'admittedOn', 'phone', 'position', 'confirmedOn'] as const);
    const r = reimportLine({ person, history }, { ...row, confirmedOn: '2021-04-01', status: 'official', position: 'secretary' }, columns, CELL, '2026-11-25');
    expect(r.changed).toBe(true);
    expect(r.value).toMatchObject({ phone: null, email: 'thuha@example.vn' });
    expect(r.history.positions.map((p) => [p.position, p.to])).toEqual([['deputy_secretary', '2026-11-24'], ['secretary', null]]);
    expect(r.history.statuses.find((s) => s.status === 'official')?.from).toBe('2021-04-01');
  });
});

describe('what a register prints', () => {
  it('suspension over exemption over standing; the highest post', () => {
    const h = { memberId: 'm', fullName: 'A', ...historyFromLine(line) };
    const exempt = { ...h, statuses: [...h.statuses, { status: 'exempt' as const, exemptTrack: 'A' as const, from: '2025-01-01', to: '2025-12-31' }] };
    expect(registerStatus(standingOn(exempt, '2025-06-01') ?? (null as never))).toBe('exempt');
    expect(registerStatus(standingOn(exempt, '2026-01-01') ?? (null as never))).toBe('official');
    expect(highestPosition(['group_leader', 'deputy_secretary'])).toBe('deputy_secretary');
    expect(highestPosition([])).toBeNull();
  });
});

describe('registerLineChanges: what a re-imported line changes, as the register prints it', () => {
  const person = { gender: 'female' as const, birthDate: '1990-02-03', email: null, phone: '0912345678' };
  const before = { person, history: historyFromLine(line) };
  it.each([
    ['nothing', before, []],
    ['a post from today', { person, history: mergeLine(before.history, { ...line, position: 'deputy_secretary' }, '2026-10-15').history }, [{ field: 'position', from: '', to: 'Phó Bí thư' }]],
    ['the confirmation day and the phone', { person: { ...person, phone: '0987654321' }, history: historyFromLine({ ...line, confirmedOn: '2021-04-01' }) }, [
      { field: 'confirmedOn', from: '26/03/2021', to: '01/04/2021' },
      { field: 'phone', from: '0912345678', to: '0987654321' },
    ]],
  ] as const)('%s', (_case, after, changes) => {
    expect(registerLineChanges(before, after, CELL, '2026-10-15')).toEqual(changes);
  });
});

describe('organization settings inherit down the tree', () => {
  it('the nearest organization that sets a value wins; otherwise the default with its source', () => {
    const chain = [
      { id: 'city', settings: { probationAlertDays: 45 } },
      { id: 'committee', settings: { meetingPlace: 'Hội trường tầng 2' } },
      { id: 'cell', settings: { probationAlertDays: 60 } },
    ];
    const e = effectiveSettings(chain);
    expect(e.probationAlertDays).toEqual({ value: 60, setBy: 'cell' });
    expect(e.meetingPlace).toEqual({ value: 'Hội trường tầng 2', setBy: 'committee' });
    expect(effectiveSettings(chain.slice(0, 2)).probationAlertDays).toEqual({ value: 45, setBy: 'city' });
    expect(effectiveSettings([]).probationAlertDays).toEqual({ value: 30, setBy: null });
    expect(effectiveSettings([]).meetingPlace).toEqual({ value: null, setBy: null });
    // A default names where it comes from, in words a user reads (never a file of ours).
    expect(SETTING_DEFAULTS.probationAlertDays?.source).toBe('Chi bộ số');
  });

  it('adjust the membership rules: the probation alert window', () => {
    const rules = membershipRulesOn('2026-01-01');
    expect(membershipRulesWith(rules, effectiveSettings([{ id: 'c', settings: { probationAlertDays: 60 } }])).probationAlertDays.value).toBe(60);
    expect(membershipRulesWith(rules, effectiveSettings([])).probationAlertDays.value).toBe(rules.probationAlertDays.value);
  });

  it('refuses values outside the allowed range, in Vietnamese', () => {
    const r = OrganizationSettings.safeParse({ probationAlertDays: 200 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Nhiều nhất 120 ngày.');
    // The target day is a meeting rule now (dated, previewed): no longer a setting.
    expect(OrganizationSettings.safeParse({ regularMeetingDay: 5 }).success).toBe(false);
    expect(OrganizationSettings.safeParse({ unknown: 1 }).success).toBe(false);
  });
});

describe('localDateOf: the register’s "today" is the organization’s calendar day', () => {
  it('23:30 UTC is already the next day in Hà Nội', () => {
    const instant = new Date('2026-11-24T23:30:00Z');
    expect(localDateOf(instant, 'Asia/Ho_Chi_Minh')).toBe('2026-11-25');
    expect(localDateOf(instant, 'UTC')).toBe('2026-11-24');
  });
});
