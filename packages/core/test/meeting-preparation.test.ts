import { describe, expect, it } from 'vitest';
import {
  agendaCheck,
  agendaTemplate,
  complianceAlerts,
  instantOf,
  localTimeOf,
  meetingPeriods,
  meetsInCell,
  OVERRIDABLE,
  OVERRIDE_BOUNDS,
  planYear,
  previousMonth,
  quarterOf,
  ruleSetFor,
  sniffDocumentType,
  yearDrafts,
  yearPeriods,
  zipEntryNames,
  type MeetingFacts,
  type RuleOverride,
} from '../src/index.ts';

const rulesOn = (d: string) => ruleSetFor(d);

describe('agenda templates', () => {
  it('the regular meeting opens with purpose, minute-taker, attendance, dues and agenda, and closes with the minutes', () => {
    const items = agendaTemplate('regular', null);
    expect(items.slice(0, 5).map((i) => i.category)).toEqual(['procedure', 'procedure', 'attendance', 'dues', 'procedure']);
    expect(items.at(-1)?.category).toBe('minutes');
    expect(items.map((i) => i.category)).toEqual(expect.arrayContaining(['criticism', 'vote', 'tasks', 'quality']));
    expect(agendaCheck(items, 'regular', ruleSetFor('2026-11-10')).short).toBe(false);
  });

  it('a combined session runs the thematic part before the regular closing and reaches HD 42’s 120 minutes', () => {
    const items = agendaTemplate('combined', 'administrative', 'Học tập và làm theo Bác');
    const firstThematic = items.findIndex((i) => i.category === 'presentation');
    const firstClosing = items.findIndex((i) => i.section === 'closing');
    expect(firstThematic).toBeGreaterThan(0);
    expect(firstThematic).toBeLessThan(firstClosing);
    expect(items[firstThematic]?.title).toBe('Trình bày chuyên đề: Học tập và làm theo Bác');
    expect(items.some((i) => i.category === 'focus')).toBe(true);
    const check = agendaCheck(items, 'combined', ruleSetFor('2026-11-10'));
    expect(check.minimum).toBe(120);
    expect(check.short).toBe(false);
  });

  it('the minimum follows the rule set and its overrides; a chi ủy meeting has none', () => {
    const overrides: RuleOverride[] = [{ organizationId: 'x', organizationName: 'Đảng ủy phường', rule: 'minDurationMinutes', value: 60, from: '2026-01-01' }];
    expect(agendaCheck([{ plannedMinutes: 70 }], 'regular', ruleSetFor('2026-03-10', overrides)).short).toBe(false);
    expect(agendaCheck([{ plannedMinutes: 70 }], 'regular', ruleSetFor('2025-12-10', overrides)).short).toBe(true);
    expect(agendaCheck([{ plannedMinutes: 20 }], 'preparatory', ruleSetFor('2026-03-10')).minimum).toBeNull();
  });
});

const fact = (over: Partial<MeetingFacts>): MeetingFacts => ({
  id: 'm1',
  kind: 'regular',
  status: 'announced',
  monthPeriod: '2026-11',
  quarterPeriod: null,
  day: '2026-11-10',
  announcedDay: '2026-10-15',
  plannedMinutes: 90,
  agendaMinutes: 100,
  firstDocumentDay: '2026-11-01',
  cancelReason: null,
  ...over,
});

describe('periods and compliance alerts', () => {
  it('a month held on time, one held late, one missed with its reason, one still planned', () => {
    const meetings = [
      fact({ id: 'sep', monthPeriod: '2026-09', day: '2026-09-09', status: 'ended' }),
      fact({ id: 'oct', monthPeriod: '2026-10', day: '2026-10-14', status: 'ended' }),
      fact({ id: 'aug', monthPeriod: '2026-08', day: '2026-08-10', status: 'cancelled', cancelReason: 'Bão số 3' }),
      fact({ id: 'nov' }),
    ];
    const periods = yearPeriods(2026, meetings, rulesOn, '2026-10-20');
    const of = (p: string) => periods.find((x) => x.period === p);
    expect(of('2026-09')?.state).toBe('held_on_time');
    expect(of('2026-10')).toMatchObject({ state: 'held_late', reason: 'Tổ chức ngày 14/10/2026, sau hạn 10/10/2026.' });
    expect(of('2026-08')).toMatchObject({ state: 'missed', reason: 'Cuộc họp đã bị hủy: Bão số 3' });
    expect(of('2026-11')).toMatchObject({ state: 'planned', reason: 'Dự kiến ngày 10/11/2026.' });
    expect(of('2026-Q3')?.state).toBe('missed');
    expect(periods).toHaveLength(16);
  });

  it('alerts: not held by the target day, no thematic in a past quarter, documents late, not announced by the 20th, too short', () => {
    const meetings = [
      fact({ id: 'oct', monthPeriod: '2026-10', day: '2026-10-14', status: 'ended' }),
      // Announced on the 25th (after the 20th), documents posted the day before only under HD 42's "1 day" rule.
      fact({ id: 'nov', announcedDay: '2026-10-25', firstDocumentDay: '2026-11-10', plannedMinutes: 60, agendaMinutes: 60 }),
    ];
    const alerts = complianceAlerts(2026, meetings, rulesOn, '2026-11-10');
    const codes = alerts.map((a) => `${a.code}:${a.period}`);
    expect(codes).toContain('regular_not_held:2026-10');
    expect(codes).toContain('thematic_missing:2026-Q3');
    expect(codes).toContain('documents_late:2026-11');
    expect(codes).toContain('not_announced:2026-11');
    expect(codes).toContain('duration_short:2026-11');
    expect(alerts.find((a) => a.code === 'documents_late')?.source).toContain('HD 42-HD/BTCTW');
    // Q4 is not over: no thematic alert for it yet.
    expect(codes).not.toContain('thematic_missing:2026-Q4');
  });

  it('an announcement day beyond the previous month’s end is that month’s last day (31 → 28/02)', () => {
    const o: RuleOverride[] = [{ organizationId: 'x', organizationName: 'Đảng ủy', rule: 'nextMeetingAnnouncedByDay', value: 31, from: '2026-01-01' }];
    const alerts = complianceAlerts(2026, [], (d) => ruleSetFor(d, o), '2026-03-05');
    expect(alerts.find((a) => a.code === 'not_announced' && a.period === '2026-03')?.message).toBe('Lịch sinh hoạt tháng 03/2026 chưa được thông báo trước ngày 28/02/2026.');
  });

  it('HD 12 sets no number of days for documents: a 2021 meeting raises no documents alert', () => {
    const m = fact({ id: 'jan', monthPeriod: '2021-01', day: '2021-01-19', announcedDay: '2020-12-15', firstDocumentDay: null, status: 'ended' });
    const alerts = complianceAlerts(2021, [m], rulesOn, '2021-01-25');
    expect(alerts.map((a) => a.code)).not.toContain('documents_late');
  });
});

describe('instantOf / localTimeOf', () => {
  it.each([
    ['2026-12-10', '14:00', 'Asia/Ho_Chi_Minh', '2026-12-10T07:00:00.000Z'],
    ['2027-01-01', '00:30', 'Asia/Ho_Chi_Minh', '2026-12-31T17:30:00.000Z'],
    ['2026-03-29', '09:00', 'Europe/Berlin', '2026-03-29T07:00:00.000Z'],
    ['2026-06-01', '08:00', 'UTC', '2026-06-01T08:00:00.000Z'],
  ])('%s %s in %s', (day, time, tz, iso) => {
    const t = instantOf(day, time, tz);
    expect(t.toISOString()).toBe(iso);
    expect(localTimeOf(t, tz)).toBe(time);
  });
});

/** A ZIP with the given (empty, stored) entries: enough for the central directory to name them. */
function zipOf(names: string[]): Uint8Array {
  const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  for (const name of names) {
    const offset = locals.length;
    const n = [...enc(name)];
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(n.length), ...u16(0), ...n);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(n.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...n);
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length), ...u32(central.length), ...u32(locals.length), ...u16(0)];
  return Uint8Array.from([...locals, ...central, ...end]);
}

describe('sniffDocumentType: the bytes decide, not the name', () => {
  it.each([
    ['pdf', Uint8Array.from('%PDF-1.7\n', (c) => c.charCodeAt(0))],
    ['png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['docx', zipOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])],
    ['xlsx', zipOf(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])],
  ] as const)('%s', (type, bytes) => {
    expect(sniffDocumentType(bytes)).toBe(type);
  });

  it.each([
    ['text', Uint8Array.from('Biên bản họp chi bộ', (c) => c.charCodeAt(0) & 0xff)],
    ['a plain ZIP', zipOf(['notes.txt'])],
    ['a truncated ZIP', zipOf(['[Content_Types].xml', 'word/document.xml']).slice(0, 40)],
    ['an executable', Uint8Array.from([0x4d, 0x5a, 0x90, 0])],
    ['nothing', new Uint8Array()],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffDocumentType(bytes)).toBeNull();
  });

  it('refuses a macro-enabled package (.docm, .xlsm) though it is a Word or Excel file', () => {
    expect(sniffDocumentType(zipOf(['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin']))).toBeNull();
    expect(sniffDocumentType(zipOf(['[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin']))).toBeNull();
  });

  it('reads entry names from the central directory', () => {
    expect(zipEntryNames(zipOf(['a.txt', 'b/c.xml']))).toEqual(['a.txt', 'b/c.xml']);
    expect(zipEntryNames(Uint8Array.from([1, 2, 3]))).toBeNull();
  });
});

describe('meetingPeriods: a meeting fulfils only the periods of its day', () => {
  it.each([
    ['regular', '2026-11-09', {}, undefined, { ok: true, monthPeriod: '2026-11', quarterPeriod: null }],
    ['regular', '2026-11-09', { monthPeriod: '2026-10' }, undefined, { ok: true, monthPeriod: '2026-10', quarterPeriod: null }],
    ['combined', '2027-01-08', {}, undefined, { ok: true, monthPeriod: '2027-01', quarterPeriod: '2027-Q1' }],
    ['combined', '2027-01-08', { monthPeriod: '2026-12' }, undefined, { ok: true, monthPeriod: '2026-12', quarterPeriod: '2027-Q1' }],
    ['thematic', '2026-11-09', {}, undefined, { ok: true, monthPeriod: null, quarterPeriod: '2026-Q4' }],
    ['extraordinary', '2026-11-09', { monthPeriod: '2026-11' }, undefined, { ok: true, monthPeriod: null, quarterPeriod: null }],
    // Moved within the month: the make-up it was for is kept while it still fits.
    ['regular', '2026-11-20', {}, { monthPeriod: '2026-10', quarterPeriod: null }, { ok: true, monthPeriod: '2026-10', quarterPeriod: null }],
    // Moved to December: October no longer fits, the new month is taken.
    ['regular', '2026-12-02', {}, { monthPeriod: '2026-10', quarterPeriod: null }, { ok: true, monthPeriod: '2026-12', quarterPeriod: null }],
  ] as const)('%s on %s with %j (had %j)', (kind, day, given, stored, expected) => {
    expect(meetingPeriods(kind, day, given, stored)).toEqual(expected);
  });

  it.each([
    ['regular', '2026-10-20', { monthPeriod: '2026-12' }, 'monthPeriod', 'Cuộc họp ngày 20/10/2026 chỉ tính cho tháng 10/2026 (hoặc bù cho tháng trước).'],
    ['regular', '2026-10-20', { monthPeriod: '2026-08' }, 'monthPeriod', 'Cuộc họp ngày 20/10/2026 chỉ tính cho tháng 10/2026 (hoặc bù cho tháng trước).'],
    ['thematic', '2026-10-20', { quarterPeriod: '2026-Q3' }, 'quarterPeriod', 'Cuộc họp ngày 20/10/2026 chỉ tính cho quý 4/2026.'],
  ] as const)('refuses %s on %s claiming %j', (kind, day, given, path, message) => {
    expect(meetingPeriods(kind, day, given)).toEqual({ ok: false, path, message });
  });

  it('quarterOf and previousMonth across the year boundary', () => {
    expect([quarterOf('2026-03-31'), quarterOf('2026-04-01'), quarterOf('2026-12-31')]).toEqual(['2026-Q1', '2026-Q2', '2026-Q4']);
    expect([previousMonth('2027-01'), previousMonth('2026-10')]).toEqual(['2026-12', '2026-09']);
  });
});

describe('yearDrafts: what a year plan adds', () => {
  const none = { months: new Set<string>(), quarters: new Set<string>() };
  const drafts = (today: string, taken = none, thematicMonthOfQuarter: 1 | 2 | 3 = 2) =>
    yearDrafts(planYear(2027, rulesOn, { thematicMonthOfQuarter }), taken, today, (d) => d >= today, rulesOn);

  it('a whole year ahead: twelve sessions, the middle month of each quarter combined (120 min), the others 90', () => {
    const all = drafts('2026-12-01');
    expect(all).toHaveLength(12);
    expect(all.filter((d) => d.kind === 'combined').map((d) => [d.monthPeriod, d.quarterPeriod, d.plannedMinutes])).toEqual([
      ['2027-02', '2027-Q1', 120],
      ['2027-05', '2027-Q2', 120],
      ['2027-08', '2027-Q3', 120],
      ['2027-11', '2027-Q4', 120],
    ]);
    expect(all.filter((d) => d.kind === 'regular').every((d) => d.plannedMinutes === 90 && d.quarterPeriod === null)).toBe(true);
    expect(all[1]?.topic).not.toBeNull();
  });

  it('the quarter’s planned month past: its thematic meeting goes with the quarter’s next session', () => {
    const rest = drafts('2027-02-12');
    expect(rest[0]).toMatchObject({ kind: 'combined', monthPeriod: '2027-03', quarterPeriod: '2027-Q1' });
  });

  it('periods already fulfilled are left alone: a month taken gives a thematic meeting alone, both taken nothing', () => {
    const taken = { months: new Set(['2027-02']), quarters: new Set(['2027-Q2']) };
    const some = drafts('2026-12-01', taken);
    expect(some.find((d) => d.date.startsWith('2027-02'))).toMatchObject({ kind: 'thematic', monthPeriod: null, quarterPeriod: '2027-Q1', plannedMinutes: 90 });
    expect(some.find((d) => d.date.startsWith('2027-05'))).toMatchObject({ kind: 'regular', quarterPeriod: null });
    expect(drafts('2027-12-11')).toEqual([]);
  });
});

describe('OVERRIDE_BOUNDS', () => {
  it('bounds every overridable value, and the rule sets’ own values lie inside them', () => {
    expect(Object.keys(OVERRIDE_BOUNDS).sort()).toEqual([...OVERRIDABLE].sort());
    for (const rule of OVERRIDABLE) {
      const v = ruleSetFor('2026-01-01')[rule].value;
      const b = OVERRIDE_BOUNDS[rule];
      expect(v !== null && v >= b.min && v <= b.max, rule).toBe(true);
    }
  });
});

describe('meetsInCell', () => {
  it('a cell meets with its own members and its temporary guests, not its members attached elsewhere', () => {
    const entry = (attachment: 'home' | 'away' | 'temporary') => ({ attachment }) as Parameters<typeof meetsInCell>[0];
    expect([meetsInCell(entry('home')), meetsInCell(entry('temporary')), meetsInCell(entry('away'))]).toEqual([true, true, false]);
  });
});
