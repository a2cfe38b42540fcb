/**
 * Planning and preparing meetings (issue 4) through the API, on the demo's Quỹ trợ vốn cell
 * with a fixed clock (15/10/2026, 10:00 in Hà Nội): the year plan, a meeting's life with its
 * notices, documents whose type is read from the bytes, papers, absence requests, superior
 * overrides and compliance alerts. Refused calls write nothing (the audit head stays).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbsenceRequestDto, DocumentDto, MeetingDetailDto, NextMeetingDto, NoticeDto, PaperDto, YearPlanDto } from '@chibo/core';
import type { Session, TestApp } from './support/test-app.ts';
import type { client} from './support/register-fixtures.ts';
import { type DemoOrgs, type ErrorBody, openRegisterWorld } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien: Nguyễn Thị Lan, Quỹ trợ vốn
let secretary: Session; // bithu: Lê Minh Tuấn, Quỹ trợ vốn
let superior: Session; // capuy
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

const json = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  return res.json<T>();
};
const raw = (s: Session, method: 'POST', url: string, body: Buffer) =>
  t.app.inject({ method, url, headers: { ...s.headers(), 'content-type': 'application/octet-stream' }, payload: body });
const del = (s: Session, url: string) => t.app.inject({ method: 'DELETE', url, headers: s.headers() });

/** A minimal valid PDF: what the upload must accept. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let meeting: MeetingDetailDto;

describe('year plan', () => {
  it('plans the rest of 2026 by the target day: December regular, November combined with the Q4 thematic', async () => {
    const before = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
    expect(before.meetings).toHaveLength(0);
    expect(before.targetDay).toBe(10);
    expect(before.periods).toHaveLength(16);
    // October's deadline (10/10) has passed with nothing held.
    expect(before.periods.find((p) => p.period === '2026-10')?.state).toBe('planned');
    expect(before.alerts.some((a) => a.code === 'regular_not_held' && a.period === '2026-10')).toBe(true);
    expect(before.periods.find((p) => p.period === '2026-09')?.state).toBe('missed');

    const plan = json<YearPlanDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2026 }));
    // Only what is still ahead: 10/11 (Tuesday) combined, 10/12 (Thursday) regular.
    expect(plan.meetings.map((m) => [m.kind, m.startsAt, m.monthPeriod, m.quarterPeriod, m.plannedMinutes])).toEqual([
      ['combined', '2026-11-10T07:00:00.000Z', '2026-11', '2026-Q4', 135],
      ['regular', '2026-12-10T07:00:00.000Z', '2026-12', null, 110],
    ]);
    expect(plan.meetings.every((m) => m.status === 'draft' && m.rulesId === 'HD42-2025')).toBe(true);
    // Planning again adds nothing.
    const again = json<YearPlanDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2026 }));
    expect(again.meetings).toHaveLength(2);
  });

  it('plans a whole year ahead: 12 sessions, the quarter’s thematic meeting with the middle month', async () => {
    const plan = json<YearPlanDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2027, time: '08:00' }));
    expect(plan.meetings).toHaveLength(12);
    expect(plan.meetings.filter((m) => m.kind === 'combined').map((m) => m.monthPeriod)).toEqual(['2027-02', '2027-05', '2027-08', '2027-11']);
    // 10/01/2027 is a Sunday: planned on Friday 08/01, 08:00 in Hà Nội.
    expect(plan.meetings[0]?.startsAt).toBe('2027-01-08T01:00:00.000Z');
    expect(plan.alerts).toEqual([]);
  });

  it('a superior’s override of the target day from 2028 plans 2028 by it, and is audited', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const set = await api.request(superior, 'POST', `/api/v1/organizations/${o.committee.id}/rule-overrides`, { rule: 'targetDay', value: 5, from: '2028-01-01' });
    expect(set.statusCode, set.body).toBe(201);
    expect(await api.auditHead(superior, o.committee.id)).toBeGreaterThan(head);
    const listed = json<{ items: { rule: string; value: number; inherited: boolean }[] }>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/rule-overrides`));
    expect(listed.items).toEqual([expect.objectContaining({ rule: 'targetDay', value: 5, inherited: true })]);
    const plan = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2028`));
    expect(plan.targetDay).toBe(5);
    expect(plan.targetDaySource).toContain(o.committee.name);
    const y2027 = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2027`));
    expect(y2027.targetDay).toBe(10);
  });

  it('cell officers and members may not set rules; bad values are refused with nothing written', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    for (const s of [secretary, member]) {
      const res = await api.request(s, 'POST', `/api/v1/organizations/${o.fund.id}/rule-overrides`, { rule: 'targetDay', value: 8, from: '2027-01-01' });
      expect([403, 404]).toContain(res.statusCode);
    }
    const bad = await api.request(superior, 'POST', `/api/v1/organizations/${o.fund.id}/rule-overrides`, { rule: 'targetDay', value: 40, from: '2027-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().message).toContain('1 đến 31');
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});

describe('a meeting prepared and announced', () => {
  it('the secretary opens November’s session with its agenda from the template', async () => {
    const plan = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
    const id = plan.meetings[0]?.id ?? '';
    meeting = json<MeetingDetailDto>(await api.get(secretary, `/api/v1/meetings/${id}`));
    expect(meeting.canManage).toBe(true);
    expect(meeting.minMinutes).toBe(120);
    expect(meeting.agendaMinutes).toBeGreaterThanOrEqual(120);
    expect(meeting.agenda[0]?.title).toBe('Tuyên bố lý do, giới thiệu đại biểu');
    expect(meeting.agenda.some((i) => i.category === 'presentation')).toBe(true);
    expect(meeting.agenda.at(-1)?.category).toBe('minutes');
  });

  it('an agenda under the minimum is reported; a stale revision is refused', async () => {
    const short = json<MeetingDetailDto>(
      await api.request(secretary, 'PUT', `/api/v1/meetings/${meeting.id}/agenda`, {
        revision: meeting.revision,
        items: [{ section: 'content', category: 'discussion', title: 'Thảo luận', plannedMinutes: 30 }],
      }),
    );
    expect(short.agendaMinutes).toBe(30);
    expect(short.alerts.map((a) => a.code)).toContain('duration_short');
    const stale = await api.request(secretary, 'PUT', `/api/v1/meetings/${meeting.id}/agenda`, { revision: meeting.revision, items: [] });
    expect(stale.statusCode).toBe(409);
    meeting = json<MeetingDetailDto>(
      await api.request(secretary, 'PUT', `/api/v1/meetings/${meeting.id}/agenda`, { revision: short.revision, items: meeting.agenda.map(({ id: _id, position: _p, ...i }) => i) }),
    );
    expect(meeting.alerts.map((a) => a.code)).not.toContain('duration_short');
  });

  it('details need a place before announcing; a member cannot change anything', async () => {
    const noPlace = await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/announce`, { revision: meeting.revision });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json<ErrorBody>().message).toContain('địa điểm');
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/meetings/${meeting.id}`, { revision: meeting.revision, place: 'Hội trường' }],
      ['POST', `/api/v1/meetings/${meeting.id}/announce`, { revision: meeting.revision }],
      ['POST', `/api/v1/meetings/${meeting.id}/papers`, { title: 'Tham luận', authorMemberId: member.me.account.memberId, dueDate: '2026-11-05' }],
    ] as const) {
      expect((await api.request(member, method, url, body)).statusCode, url).toBe(403);
      expect((await api.request(superior, method, url, body)).statusCode, url).toBe(403);
    }
    const bad = await api.request(secretary, 'PATCH', `/api/v1/meetings/${meeting.id}`, { revision: meeting.revision, plannedMinutes: 5, onlineUrl: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    meeting = json<MeetingDetailDto>(
      await api.request(secretary, 'PATCH', `/api/v1/meetings/${meeting.id}`, {
        revision: meeting.revision,
        place: 'Phòng họp tầng 3, 95 Trần Hưng Đạo',
        topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
        guests: [{ name: 'Đỗ Thị Hồng Nhung', role: 'follower', accountId: superior.me.account.id }],
      }),
    );
    expect(meeting.place).toBe('Phòng họp tầng 3, 95 Trần Hưng Đạo');
  });

  it('a document is posted; a file whose bytes are not an allowed type, or too big, is refused and not stored', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const fake = await raw(secretary, 'POST', `/api/v1/meetings/${meeting.id}/documents?kind=draft_resolution&title=${encodeURIComponent('Dự thảo')}&fileName=du-thao.pdf`, Buffer.from('Đây là văn bản, không phải PDF.'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json<ErrorBody>().message).toContain('không phải loại được nhận');
    const big = await raw(secretary, 'POST', `/api/v1/meetings/${meeting.id}/documents?kind=other&title=Lớn&fileName=lon.pdf`, Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
    expect(json<MeetingDetailDto>(await api.get(secretary, `/api/v1/meetings/${meeting.id}`)).documents).toEqual([]);

    const doc = json<DocumentDto>(
      await raw(secretary, 'POST', `/api/v1/meetings/${meeting.id}/documents?kind=draft_resolution&title=${encodeURIComponent('Dự thảo nghị quyết tháng 11')}&fileName=${encodeURIComponent('dự-thảo.PDF')}`, PDF),
      201,
    );
    expect(doc).toMatchObject({ contentType: 'application/pdf', fileName: 'dự-thảo.pdf', size: PDF.length, postedAt: '2026-10-15T03:00:00.000Z' });
    const file = await api.get(member, `/api/v1/documents/${doc.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    // Members read documents; only officers post them.
    expect((await raw(member, 'POST', `/api/v1/meetings/${meeting.id}/documents?kind=other&title=Tệp&fileName=a.pdf`, PDF)).statusCode).toBe(403);
  });

  it('announcing tells every member expected and the superior’s follower; the member sees the next meeting', async () => {
    meeting = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/announce`, { revision: meeting.revision }));
    expect(meeting.status).toBe('announced');
    const inbox = json<{ items: NoticeDto[]; unread: number }>(await api.get(member, '/api/v1/notices'));
    expect(inbox.items.filter((n) => n.meetingId === meeting.id && n.kind === 'announced')).toHaveLength(1);
    const followerInbox = json<{ items: NoticeDto[] }>(await api.get(superior, '/api/v1/notices'));
    expect(followerInbox.items.some((n) => n.meetingId === meeting.id)).toBe(true);
    // Exactly the members expected that day (not those exempt or "sinh hoạt tạm thời" elsewhere), and the follower.
    const roll = await api.roll(superior, o.fund.id, 'on=2026-11-10');
    const expected = roll.filter((e) => e.status !== 'exempt' && e.attachment !== 'away').map((e) => e.fullName);
    expect(roll.some((e) => e.status === 'exempt')).toBe(true);
    const receipts = json<{ items: { recipientName: string; kind: string }[] }>(await api.get(secretary, `/api/v1/meetings/${meeting.id}/notices`));
    expect(receipts.items.map((r) => r.recipientName).sort()).toEqual([...expected, 'Đỗ Thị Hồng Nhung'].sort());
    const next = json<NextMeetingDto>(await api.get(member, '/api/v1/me/next-meeting'));
    expect(next.meeting?.id).toBe(meeting.id);
    expect(next.documents).toHaveLength(1);
    // Announced twice: refused.
    expect((await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/announce`, { revision: meeting.revision })).statusCode).toBe(409);
  });

  it('a paper is assigned, written by its author, returned, rewritten and accepted into the agenda', async () => {
    const lan = member.me.account.memberId ?? '';
    const late = await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/papers`, { title: 'Tham luận', authorMemberId: lan, dueDate: '2026-11-20' });
    expect(late.statusCode).toBe(400);
    const paper = json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/papers`, { title: 'Vai trò nêu gương của đảng viên', authorMemberId: lan, dueDate: '2026-11-05' }), 201);
    expect(paper.status).toBe('assigned');
    // Only the author writes it.
    expect((await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/submit`, { body: 'Nội dung do người khác viết thay, không được phép.' })).statusCode).toBe(403);
    const text = 'Đảng viên phải gương mẫu trong công tác, học tập và sinh hoạt.';
    expect(json<PaperDto>(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/submit`, { body: text })).status).toBe('submitted');
    expect((await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'return' })).statusCode).toBe(400);
    const returned = json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'return', comment: 'Bổ sung ví dụ cụ thể ở đơn vị.' }));
    expect(returned.status).toBe('returned');
    // Rewritten as a file this time: its bytes decide its type, as for documents.
    const fake = await raw(member, 'POST', `/api/v1/papers/${paper.id}/file?fileName=tham-luan.pdf`, Buffer.from('Không phải PDF.'));
    expect(fake.statusCode).toBe(415);
    const filed = json<PaperDto>(await raw(member, 'POST', `/api/v1/papers/${paper.id}/file?fileName=${encodeURIComponent('tham-luận.PDF')}`, PDF));
    expect(filed).toMatchObject({ status: 'submitted', hasFile: true, fileName: 'tham-luận.pdf', body: null });
    // Until accepted, only the author and the officers read it.
    expect((await api.get(superior, `/api/v1/papers/${paper.id}/file`)).statusCode).toBe(403);
    const read = await api.get(secretary, `/api/v1/papers/${paper.id}/file`);
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(PDF)).toBe(true);
    expect((await api.request(member, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'accept' }));
    expect(accepted.status).toBe('accepted');
    expect((await api.get(superior, `/api/v1/papers/${paper.id}/file`)).statusCode).toBe(200);
    meeting = json<MeetingDetailDto>(await api.get(secretary, `/api/v1/meetings/${meeting.id}`));
    expect(meeting.agenda.filter((i) => i.paperId === paper.id).map((i) => i.title)).toEqual(['Tham luận: Vai trò nêu gương của đảng viên (đ/c Nguyễn Thị Lan)']);
    const next = json<NextMeetingDto>(await api.get(member, '/api/v1/me/next-meeting'));
    expect(next.myPapers.map((p) => p.status)).toEqual(['accepted']);
  });

  it('a member asks to be excused; the secretary approves; asking again is refused', async () => {
    const req = json<AbsenceRequestDto>(await api.request(member, 'POST', `/api/v1/meetings/${meeting.id}/absence`, { reason: 'Đi công tác tại Hải Phòng theo quyết định của cơ quan.' }), 201);
    expect(req.status).toBe('pending');
    expect((await api.request(member, 'POST', `/api/v1/meetings/${meeting.id}/absence`, { reason: 'Lý do khác nữa.' })).statusCode).toBe(409);
    expect((await api.request(member, 'POST', `/api/v1/absence-requests/${req.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const seen = json<MeetingDetailDto>(await api.get(member, `/api/v1/meetings/${meeting.id}`));
    expect(seen.absences).toEqual([]);
    expect(seen.myAbsence?.id).toBe(req.id);
    const approved = json<AbsenceRequestDto>(await api.request(secretary, 'POST', `/api/v1/absence-requests/${req.id}/decision`, { decision: 'approve', note: 'Đồng ý.' }));
    expect(approved.status).toBe('approved');
    expect((await api.request(secretary, 'POST', `/api/v1/absence-requests/${req.id}/decision`, { decision: 'refuse' })).statusCode).toBe(409);
  });

  it('moving the announced meeting tells everyone again; cancelling too; a cancelled meeting stays as it is', async () => {
    const moved = json<MeetingDetailDto>(
      await api.request(secretary, 'PATCH', `/api/v1/meetings/${meeting.id}`, { revision: meeting.revision, startsAt: '2026-11-09T07:30:00.000Z', reason: 'Trùng lịch họp của Đảng ủy.' }),
    );
    expect(moved.startsAt).toBe('2026-11-09T07:30:00.000Z');
    const inbox = json<{ items: NoticeDto[] }>(await api.get(member, '/api/v1/notices'));
    const movedNotice = inbox.items.find((n) => n.meetingId === meeting.id && n.kind === 'moved');
    expect(movedNotice?.body).toContain('Trùng lịch họp của Đảng ủy.');
    const other = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`)).meetings[1];
    const cancelled = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${other?.id ?? ''}/cancel`, { revision: other?.revision, reason: 'Gộp vào kỳ tháng 11.' }));
    expect(cancelled.status).toBe('cancelled');
    expect((await api.request(secretary, 'PATCH', `/api/v1/meetings/${cancelled.id}`, { revision: cancelled.revision, place: 'Khác' })).statusCode).toBe(409);
    const plan = json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`));
    expect(plan.periods.find((p) => p.period === '2026-12')?.reason).toBe('Chưa lập cuộc họp.');
  });

  it('a superior sees the alerts of every cell below it; a member of another cell cannot see this meeting', async () => {
    const alerts = json<{ items: { code: string; organizationId: string; period: string }[] }>(await api.get(superior, `/api/v1/organizations/${o.committee.id}/alerts`));
    expect(alerts.items.some((a) => a.organizationId === o.fund.id && a.code === 'regular_not_held' && a.period === '2026-10')).toBe(true);
    expect(alerts.items.some((a) => a.organizationId === o.office.id)).toBe(true);
    expect((await api.get(superior, `/api/v1/meetings/${meeting.id}`)).statusCode).toBe(200);
    const planOther = await api.request(secretary, 'POST', `/api/v1/organizations/${o.office.id}/year-plan`, { year: 2027 });
    expect([403, 404]).toContain(planOther.statusCode);
    expect((await del(member, `/api/v1/documents/${meeting.documents[0]?.id ?? ''}`)).statusCode).toBe(403);
  });
});

describe('the demo', () => {
  it('holds the seed article’s thematic meeting of 19/01/2021, judged by HD 12, with its four papers in the agenda', async () => {
    const plan = json<YearPlanDto>(await api.get(member, `/api/v1/organizations/${o.fund.id}/year-plan?year=2021`));
    const held = plan.meetings.find((m) => m.startsAt.startsWith('2021-01-19'));
    expect(held).toMatchObject({ kind: 'thematic', status: 'ended', topic: 'Giải pháp nâng cao chất lượng sinh hoạt chi bộ', rulesId: 'HD12-2018', quarterPeriod: '2021-Q1' });
    expect(plan.periods.find((p) => p.period === '2021-Q1')?.state).toBe('held_on_time');
    const detail = json<MeetingDetailDto>(await api.get(member, `/api/v1/meetings/${held?.id ?? ''}`));
    expect(detail.papers.map((p) => p.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(detail.papers.map((p) => p.title)).toContain('Phát huy dân chủ trong sinh hoạt thường kỳ, sinh hoạt chuyên đề của Chi bộ Quỹ trợ vốn');
    expect(detail.agenda.filter((i) => i.category === 'paper')).toHaveLength(4);
    expect(detail.guests[0]?.name).toContain('Phạm Bá Vĩnh');
  });
});
