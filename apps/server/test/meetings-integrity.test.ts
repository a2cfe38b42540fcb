/**
 * Meetings (issue 4): what a first reading of the code got wrong, each kept as a test —
 * periods tied to the meeting's day, people on the roll, papers once in the agenda, and more.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDetailDto, PaperDto, YearPlanDto } from '@chibo/core';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { client, NOW, type DemoOrgs, type ErrorBody } from './support/register-fixtures.ts';
import { insertAccount, insertGrant } from '../src/modules/auth/accounts.repo.ts';
import { hashPassword } from '../src/lib/passwords.ts';

let nowMs = NOW.getTime();
const clock = { now: () => new Date(nowMs) };

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session;
let secretary: Session;
let superior: Session;
let o: DemoOrgs;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { loginRatePerMinute: 10_000 } });
  api = client(t);
  [member, secretary, superior] = [await t.login('dangvien'), await t.login('bithu'), await t.login('capuy')];
  o = await api.orgs(superior);
});
afterAll(() => t.close());

const json = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  return res.json<T>();
};
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

async function newMeeting(body: Record<string, unknown>): Promise<MeetingDetailDto> {
  return json<MeetingDetailDto>(
    await api.request(secretary, 'POST', '/api/v1/meetings', { organizationId: o.fund.id, kind: 'regular', plannedMinutes: 120, place: 'Hội trường', ...body }),
    201,
  );
}

describe('agenda and papers', () => {
  it('an accepted paper cannot be put into the agenda twice', async () => {
    const m = await newMeeting({ startsAt: '2026-11-04T07:00:00.000Z' });
    const lan = member.me.account.memberId ?? '';
    const paper = json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${m.id}/papers`, { title: 'Tham luận thử', authorMemberId: lan, dueDate: '2026-11-01' }), 201);
    json<PaperDto>(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/submit`, { body: 'Nội dung tham luận đủ dài để được nhận vào chương trình.' }));
    json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'accept' }));
    const cur = json<MeetingDetailDto>(await api.get(secretary, `/api/v1/meetings/${m.id}`));
    const slot = { section: 'content', category: 'paper', title: 'Tham luận thử', plannedMinutes: 10, paperId: paper.id };
    const head = await api.auditHead(superior, o.committee.id);
    const res = await api.request(secretary, 'PUT', `/api/v1/meetings/${m.id}/agenda`, { revision: cur.revision, items: [slot, slot] });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});

describe('meeting fields', () => {
  it('the chair must be on the cell’s roll (a member of another cell is refused)', async () => {
    const stranger = (await api.roll(superior, o.office.id))[0]?.id ?? '';
    expect(stranger).not.toBe('');
    const res = await api.request(secretary, 'POST', '/api/v1/meetings', {
      organizationId: o.fund.id,
      kind: 'regular',
      plannedMinutes: 120,
      place: 'Hội trường',
      startsAt: '2026-11-06T07:00:00.000Z',
      chairMemberId: stranger,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json<ErrorBody>().details?.issues).toEqual([{ path: 'chairMemberId', message: 'Người chủ trì phải là đảng viên sinh hoạt ở chi bộ vào ngày họp.' }]);
  });

  it('a month period far from the meeting’s day is refused (one October meeting cannot fulfil December)', async () => {
    const res = await api.request(secretary, 'POST', '/api/v1/meetings', {
      organizationId: o.fund.id,
      kind: 'regular',
      plannedMinutes: 120,
      place: 'Hội trường',
      startsAt: '2026-10-20T07:00:00.000Z',
      monthPeriod: '2026-12',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json<ErrorBody>().message).toBe('Cuộc họp ngày 20/10/2026 chỉ tính cho tháng 10/2026 (hoặc bù cho tháng trước).');
  });

  it('a document upload with another Content-Type is a 415 with a Vietnamese message', async () => {
    const m = await newMeeting({ startsAt: '2026-11-07T07:00:00.000Z' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${m.id}/documents?fileName=a.pdf`, headers: { ...secretary.headers(), 'content-type': 'application/pdf' }, payload: PDF });
    expect(res.statusCode).toBe(415);
    expect(res.json<ErrorBody>().message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it('a document’s title is at least 2 characters even when it defaults from the file name', async () => {
    const m = await newMeeting({ startsAt: '2026-11-08T07:00:00.000Z' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${m.id}/documents?fileName=.pdf`, headers: { ...secretary.headers(), 'content-type': 'application/octet-stream' }, payload: PDF });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ title: string; fileName: string }>()).toMatchObject({ title: 'Tài liệu', fileName: '.pdf' });
  });
});

describe('compliance uses when the meeting was really held', () => {
  it('a meeting planned for 05/11 but started on 25/11 is held late, not on time', async () => {
    let m = await newMeeting({ startsAt: '2026-11-05T07:00:00.000Z' });
    m = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${m.id}/announce`, { revision: m.revision }));
    nowMs = Date.parse('2026-11-25T07:00:00.000Z');
    try {
      const sec = await t.login('bithu');
      const started = await api.request(sec, 'POST', `/api/v1/meetings/${m.id}/start`, { revision: m.revision });
      // Three weeks late: the meeting must be moved first (everyone is told), then judged by its day.
      expect(started.statusCode).toBe(409);
      expect(started.json<ErrorBody>().message).toContain('dời lịch');
      m = json<MeetingDetailDto>(await api.request(sec, 'PATCH', `/api/v1/meetings/${m.id}`, { revision: m.revision, startsAt: '2026-11-25T08:00:00.000Z', reason: 'Bí thư đi công tác.' }));
      m = json<MeetingDetailDto>(await api.request(sec, 'POST', `/api/v1/meetings/${m.id}/start`, { revision: m.revision }));
      json<MeetingDetailDto>(await api.request(sec, 'POST', `/api/v1/meetings/${m.id}/end`, { revision: m.revision }));
      const plan = json<YearPlanDto>(await api.get(sec, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
      expect(plan.periods.find((p) => p.period === '2026-11')).toMatchObject({ state: 'held_late', reason: 'Tổ chức ngày 25/11/2026, sau hạn 10/11/2026.' });
    } finally {
      nowMs = NOW.getTime();
    }
  });
});

describe('year plan when the quarter’s thematic month has passed', () => {
  it('planning on 12/02/2027 still plans Q1’s thematic meeting (the quarter runs to 31/03)', async () => {
    nowMs = Date.parse('2027-02-12T03:00:00.000Z');
    try {
      const sec = await t.login('bithu');
      const plan = json<YearPlanDto>(await api.request(sec, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2027 }));
      expect(plan.meetings.find((m) => m.monthPeriod === '2027-03')?.kind).toBeDefined();
      expect(plan.meetings.some((m) => m.quarterPeriod === '2027-Q1'), 'no meeting planned for 2027-Q1').toBe(true);
    } finally {
      nowMs = NOW.getTime();
    }
  });
});

describe('who sees what', () => {
  // The clock went forward in the tests above, which ended the first sessions.
  beforeAll(async () => {
    [member, secretary, superior] = [await t.login('dangvien'), await t.login('bithu'), await t.login('capuy')];
  });

  it('a chi ủy preparatory meeting is for its officers and the superior, not for members', async () => {
    const m = await newMeeting({ kind: 'preparatory', startsAt: '2026-11-03T07:00:00.000Z', plannedMinutes: 30, note: 'Thống nhất dự thảo nghị quyết.' });
    expect((await api.get(member, `/api/v1/meetings/${m.id}`)).statusCode).toBe(403);
    expect((await api.get(superior, `/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    const seenByMember = json<YearPlanDto>(await api.get(member, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
    expect(seenByMember.meetings.some((x) => x.id === m.id)).toBe(false);
    const seenBySecretary = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
    expect(seenBySecretary.meetings.some((x) => x.id === m.id)).toBe(true);
  });

  it('a secretary picks a follower among the accounts of the committees above; a member may not list them', async () => {
    const list = json<{ items: { accountId: string; displayName: string; organizationName: string }[] }>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/guest-accounts`));
    expect(list.items).toEqual([{ accountId: superior.me.account.id, displayName: 'Đỗ Thị Hồng Nhung', organizationName: o.committee.name }]);
    expect((await api.get(member, `/api/v1/organizations/${o.fund.id}/guest-accounts`)).statusCode).toBe(403);
  });

  it('a guest account must belong to the cell or a committee above it', async () => {
    const other = await t.login('quantri');
    const outsider = await insertAccount(t.db.database.db, { username: 'nguoingoai', displayName: 'Người ngoài', passwordHash: 'x' });
    const refused = await api.request(secretary, 'POST', '/api/v1/meetings', {
      organizationId: o.fund.id,
      kind: 'regular',
      startsAt: '2026-11-06T07:00:00.000Z',
      plannedMinutes: 90,
      guests: [{ name: 'Người ngoài', role: 'invitee', accountId: outsider.id }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().message).toContain('cấp ủy cấp trên');
    const ok = await newMeeting({ startsAt: '2026-11-06T07:00:00.000Z', guests: [{ name: 'Quản trị', role: 'invitee', accountId: other.me.account.id }, { name: 'Đỗ Thị Hồng Nhung', role: 'follower', accountId: superior.me.account.id }] });
    expect(ok.guests).toHaveLength(2);
  });

  it('a member "sinh hoạt tạm thời" in the cell reads its meeting and asks to be excused there', async () => {
    const quy = await api.memberId(superior, o.fund.id, 'Âu Văn Quý');
    const account = await insertAccount(t.db.database.db, { username: 'auvanquy', displayName: 'Âu Văn Quý', passwordHash: await hashPassword('ChiBo@2026'), memberId: quy });
    await insertGrant(t.db.database.db, account.id, o.inspection.id, 'member');
    const guest = await t.login('auvanquy');
    let m = await newMeeting({ startsAt: '2026-11-07T07:00:00.000Z' });
    m = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${m.id}/announce`, { revision: m.revision }));
    expect((await api.get(guest, `/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    const asked = await api.request(guest, 'POST', `/api/v1/meetings/${m.id}/absence`, { reason: 'Họp tại chi bộ nơi sinh hoạt chính thức.' });
    expect(asked.statusCode, asked.body).toBe(201);
    // Still no management there.
    expect((await api.request(guest, 'POST', `/api/v1/meetings/${m.id}/cancel`, { revision: m.revision, reason: 'Thử hủy' })).statusCode).toBe(403);
    // A request on a cancelled meeting is not decided any more.
    const cancelled = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${m.id}/cancel`, { revision: m.revision, reason: 'Gộp kỳ.' }));
    expect(cancelled.status).toBe('cancelled');
    const decided = await api.request(secretary, 'POST', `/api/v1/absence-requests/${asked.json<{ id: string }>().id}/decision`, { decision: 'approve' });
    expect(decided.statusCode).toBe(409);
  });
});

describe('planning on a planned day', () => {
  it('after the planned hour, that day’s meeting is not drafted (nobody could announce it)', async () => {
    // Thursday 10/01/2030, 15:00 in Hà Nội: January's meeting would have been at 14:00 today.
    nowMs = Date.parse('2030-01-10T08:00:00.000Z');
    try {
      const sec = await t.login('bithu');
      const plan = json<YearPlanDto>(await api.request(sec, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2030, time: '14:00' }));
      expect(plan.meetings.map((m) => m.monthPeriod)[0]).toBe('2030-02');
      expect(plan.periods.find((p) => p.period === '2030-01')?.reason).toBe('Chưa lập cuộc họp.');
      // Before the hour it still is.
      nowMs = Date.parse('2031-01-10T06:00:00.000Z');
      const sec2 = await t.login('bithu');
      const next = json<YearPlanDto>(await api.request(sec2, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2031, time: '14:00' }));
      expect(next.meetings[0]?.startsAt).toBe('2031-01-10T07:00:00.000Z');
    } finally {
      nowMs = NOW.getTime();
    }
  });
});

describe('what the plan takes from above', () => {
  beforeAll(async () => {
    [member, secretary, superior] = [await t.login('dangvien'), await t.login('bithu'), await t.login('capuy')];
  });

  it('the usual place set by the committee and a shorter minimum it allows reach the cell’s plan', async () => {
    json(await api.request(superior, 'PUT', `/api/v1/organizations/${o.committee.id}/settings`, { meetingPlace: 'Hội trường tầng 2, trụ sở Đảng ủy' }));
    json(await api.request(superior, 'POST', `/api/v1/organizations/${o.committee.id}/rule-overrides`, { rule: 'minDurationMinutes', value: 60, from: '2029-01-01' }), 201);
    const plan = json<YearPlanDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2029 }));
    const january = plan.meetings.find((m) => m.monthPeriod === '2029-01');
    // The minimum moves to 60; the draft is as long as the agenda it starts with.
    expect(january).toMatchObject({ kind: 'regular', plannedMinutes: 110, minMinutes: 60, place: 'Hội trường tầng 2, trụ sở Đảng ủy' });
    const made = await newMeeting({ startsAt: '2026-11-27T07:00:00.000Z', place: undefined });
    expect(made.place).toBe('Hội trường tầng 2, trụ sở Đảng ủy');
  });
});
