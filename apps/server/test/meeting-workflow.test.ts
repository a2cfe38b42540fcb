/**
 * Issue 9, points 8 and 9, through the API with the clock at 15/10/2026: announcing is previewed
 * (who is told, what they receive) before anything is sent; starting too early is refused as
 * "not now", not as a stale page; the year plan says what it will make; a member changes or
 * withdraws their own absence request and paper before they are decided; every request, paper
 * and decision is told to the other side; the home page counts what waits; the notice carries
 * the planned end and no raw link.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbsenceRequestDto, AnnouncementPreviewDto, MeetingDetailDto, NoticeDto, PaperDto, PendingDto, YearPlanDto, YearPlanPreviewDto } from '@chibo/core';
import type { Session, TestApp } from './support/test-app.ts';
import { openRegisterWorld, type client, type DemoOrgs, type ErrorBody } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien: Nguyễn Thị Lan
let secretary: Session; // bithu
let superior: Session;
let o: DemoOrgs;
let meeting: MeetingDetailDto;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

const json = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  return res.json<T>();
};
const inbox = async (s: Session) => json<{ items: NoticeDto[]; unread: number }>(await api.get(s, '/api/v1/notices'));
const noticesOfKind = async (s: Session, kind: NoticeDto['kind']) => (await inbox(s)).items.filter((n) => n.meetingId === meeting.id && n.kind === kind);

describe('the year plan says what it will make', () => {
  it('the preview lists the drafts and writes nothing; the plan then makes exactly those', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const preview = json<YearPlanPreviewDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan/preview`, { year: 2026 }));
    // What is left of 2026 on 15/10: November (with the quarter's thematic part) and December.
    expect(preview.drafts.map((d) => [d.kind, d.startsAt])).toEqual([
      ['combined', '2026-11-10T07:00:00.000Z'],
      ['regular', '2026-12-10T07:00:00.000Z'],
    ]);
    expect(json<YearPlanDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/year-plan?year=2026`)).meetings).toHaveLength(0);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
    const plan = json<YearPlanDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2026 }));
    expect(plan.meetings.map((m) => [m.kind, m.startsAt])).toEqual(preview.drafts.map((d) => [d.kind, d.startsAt]));
    expect(json<YearPlanPreviewDto>(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan/preview`, { year: 2026 })).drafts).toEqual([]);
    meeting = json<MeetingDetailDto>(await api.get(secretary, `/api/v1/meetings/${plan.meetings[0]?.id ?? ''}`));
    meeting = json<MeetingDetailDto>(
      await api.request(secretary, 'PATCH', `/api/v1/meetings/${meeting.id}`, { revision: meeting.revision, place: 'Phòng họp tầng 3', guests: [{ name: 'Đỗ Thị Hồng Nhung', role: 'follower', accountId: superior.me.account.id }] }),
    );
  });
});

describe('announcing', () => {
  it('shows who will be told and what they receive, and sends nothing', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const p = json<AnnouncementPreviewDto>(await api.get(secretary, `/api/v1/meetings/${meeting.id}/announcement`));
    const roll = await api.roll(superior, o.fund.id, 'on=2026-11-10');
    const expected = roll.filter((e) => e.status !== 'exempt' && e.attachment !== 'away').map((e) => e.fullName);
    expect(expected.length).toBeGreaterThan(5);
    expect(p.recipients.filter((r) => !r.guest).map((r) => r.name).sort()).toEqual([...expected].sort());
    expect(p.recipients.filter((r) => r.guest).map((r) => r.name)).toEqual(['Đỗ Thị Hồng Nhung']);
    // No SMTP on this server: everyone is told in the app only, and the page says so.
    expect(p.emailEnabled).toBe(false);
    expect(p.recipients.every((r) => !r.byEmail)).toBe(true);
    expect(p.title).toContain('10/11/2026 14:00');
    // The planned end is in the text; the link is the app's button (and the e-mail's line), not text.
    expect(p.body).toContain('14:00 – 16:15 (giờ Việt Nam, dự kiến 135 phút)');
    expect(p.body).not.toMatch(/https?:\/\//);
    expect(p.reminders).toEqual([3 * 24 * 60, 120]);
    expect(await noticesOfKind(member, 'announced')).toEqual([]);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
    // A member cannot look: it is the officers' step.
    expect((await api.get(member, `/api/v1/meetings/${meeting.id}/announcement`)).statusCode).toBe(403);
  });

  it('then sends exactly that, to exactly those', async () => {
    const p = json<AnnouncementPreviewDto>(await api.get(secretary, `/api/v1/meetings/${meeting.id}/announcement`));
    meeting = json<MeetingDetailDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/announce`, { revision: meeting.revision }));
    const receipts = json<{ items: { recipientName: string }[] }>(await api.get(secretary, `/api/v1/meetings/${meeting.id}/notices`));
    expect(receipts.items.map((r) => r.recipientName).sort()).toEqual(p.recipients.map((r) => r.name).sort());
    const [notice] = await noticesOfKind(member, 'announced');
    expect(notice).toMatchObject({ title: p.title, body: p.body });
    // Announced: there is nothing to preview any more.
    expect((await api.get(secretary, `/api/v1/meetings/${meeting.id}/announcement`)).statusCode).toBe(409);
  });

  it('starting weeks early is refused as not possible yet, with why — not as a page someone changed', async () => {
    const res = await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/start`, { revision: meeting.revision });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>()).toMatchObject({ error: 'action_unavailable' });
    expect(res.json<ErrorBody>().message).toContain('một giờ trước giờ họp');
  });
});

describe('an absence request, both ways', () => {
  let request: AbsenceRequestDto;

  it('the officers are told when it arrives', async () => {
    request = json<AbsenceRequestDto>(await api.request(member, 'POST', `/api/v1/meetings/${meeting.id}/absence`, { reason: 'Đi công tác tại Hải Phòng' }), 201);
    const [n] = await noticesOfKind(secretary, 'absence_requested');
    expect(n?.title).toBe('Đơn xin vắng mặt: đ/c Nguyễn Thị Lan');
    expect(n?.body).toContain('Đi công tác tại Hải Phòng');
    // The member is not told of their own step.
    expect(await noticesOfKind(member, 'absence_requested')).toEqual([]);
  });

  it('its author changes the reason, or withdraws it, while it waits; someone else cannot', async () => {
    const changed = json<AbsenceRequestDto>(await api.request(member, 'PATCH', `/api/v1/absence-requests/${request.id}`, { reason: 'Đi công tác tại Quảng Ninh' }));
    expect(changed.reason).toBe('Đi công tác tại Quảng Ninh');
    expect((await api.request(secretary, 'PATCH', `/api/v1/absence-requests/${request.id}`, { reason: 'Không phải đơn của tôi' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/absence-requests/${request.id}`, headers: secretary.headers() })).statusCode).toBe(404);
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/v1/absence-requests/${request.id}`, headers: member.headers() });
    expect(gone.statusCode, gone.body).toBe(204);
    expect(json<MeetingDetailDto>(await api.get(member, `/api/v1/meetings/${meeting.id}`)).myAbsence).toBeNull();
    const actions = json<{ items: { action: string }[] }>(await api.get(superior, `/api/v1/audit?organizationId=${o.fund.id}&limit=5`)).items.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['meeting.absence_withdrawn', 'meeting.absence_changed']);
  });

  it('once decided it is the officers’ record, and the member is told the decision', async () => {
    request = json<AbsenceRequestDto>(await api.request(member, 'POST', `/api/v1/meetings/${meeting.id}/absence`, { reason: 'Chăm con ốm' }), 201);
    json(await api.request(secretary, 'POST', `/api/v1/absence-requests/${request.id}/decision`, { decision: 'approve', note: 'Đồng ý' }));
    const [n] = await noticesOfKind(member, 'absence_decided');
    expect(n?.title).toBe('Đơn xin vắng mặt của đồng chí được chấp thuận');
    expect(n?.body).toContain('Ý kiến: Đồng ý');
    const late = await t.app.inject({ method: 'DELETE', url: `/api/v1/absence-requests/${request.id}`, headers: member.headers() });
    expect(late.statusCode).toBe(409);
    expect(late.json<ErrorBody>().message).toContain('đã được chấp thuận');
  });
});

describe('a paper, both ways', () => {
  let paper: PaperDto;

  it('is told to the officers when handed in, and may be rewritten or taken back before it is decided', async () => {
    paper = json<PaperDto>(await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/papers`, { title: 'Vai trò nêu gương', authorMemberId: member.me.account.memberId, dueDate: '2026-11-05' }), 201);
    const pending = json<PendingDto>(await api.get(member, '/api/v1/me/pending'));
    expect(pending.mine.map((i) => [i.kind, i.title])).toContainEqual(['paper_to_write', 'Vai trò nêu gương']);
    const body = 'Đảng viên phải gương mẫu trong công việc và đời sống hằng ngày.';
    json(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/submit`, { body }));
    expect((await noticesOfKind(secretary, 'paper_submitted')).map((n) => n.title)).toEqual(['Tham luận đã nộp: đ/c Nguyễn Thị Lan']);
    const toDecide = json<PendingDto>(await api.get(secretary, '/api/v1/me/pending'));
    expect(toDecide.toDecide.map((i) => [i.kind, i.memberName])).toEqual([['paper_to_decide', 'Nguyễn Thị Lan']]);
    // Rewritten while it waits.
    const rewritten = json<PaperDto>(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/submit`, { body: `${body} Bản sửa lại.` }));
    expect(rewritten.body).toContain('Bản sửa lại.');
    // Taken back: assigned again, the text kept as the author's draft.
    const back = json<PaperDto>(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/withdraw`));
    expect(back).toMatchObject({ status: 'assigned', submittedAt: null });
    expect(back.body).toContain('Bản sửa lại.');
    expect(json<PendingDto>(await api.get(secretary, '/api/v1/me/pending')).toDecide).toEqual([]);
    expect((await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/withdraw`)).statusCode).toBe(403);
  });

  it('the author is told the decision with the officers’ comment', async () => {
    json(await api.request(member, 'POST', `/api/v1/papers/${paper.id}/submit`, { body: 'Đảng viên phải gương mẫu, bản cuối cùng để chi bộ xem xét.' }));
    json(await api.request(secretary, 'POST', `/api/v1/papers/${paper.id}/decision`, { decision: 'return', comment: 'Bổ sung ví dụ ở chi bộ' }));
    const [n] = await noticesOfKind(member, 'paper_decided');
    expect(n?.title).toBe('Tham luận của đồng chí được trả lại để sửa');
    expect(n?.body).toContain('Ý kiến: Bổ sung ví dụ ở chi bộ');
    const pending = json<PendingDto>(await api.get(member, '/api/v1/me/pending'));
    expect(pending.mine.map((i) => i.kind)).toContain('paper_to_write');
    expect(pending.unreadNotices).toBeGreaterThan(0);
  });
  it('the meeting’s receipts list only who was told about the meeting, not these steps', async () => {
    const receipts = json<{ items: { kind: string }[] }>(await api.get(secretary, `/api/v1/meetings/${meeting.id}/notices`));
    expect(new Set(receipts.items.map((r) => r.kind))).toEqual(new Set(['announced']));
  });
});
