/**
 * Real objects for the schema-driven pass to aim at: the demo's organizations, members and
 * 2021 meeting, plus a fresh meeting (announced, so members have notices) with a document, a
 * paper, an absence request, a member import, a rule override and a calendar feed.
 */
import type { TestApp, Session } from './test-app.ts';
import type { IdPools } from './fuzz-inputs.ts';
import { PDF_BYTES } from './meeting-route-bodies.ts';

export type DemoSessions = Record<'dangvien' | 'bithu' | 'capuy' | 'quantri', Session>;

export const IMPORT_CSV = Buffer.from('Họ và tên,Ngày sinh,Ngày vào Đảng\r\nNguyễn Văn Thử,01/02/1990,19/05/2015\r\n', 'utf8');

/** The secret of a feed URL (…/calendar/<token>.ics). */
export const tokenOf = (url: string) => (url.split('/').pop() ?? '').replace(/\.ics$/, '');

export async function demoObjects(t: TestApp, s: DemoSessions): Promise<{ pools: IdPools; calendarToken: string }> {
  async function call<T>(who: Session, method: 'GET' | 'POST', url: string, payload?: object | Buffer, contentType?: string): Promise<T> {
    const headers = contentType ? { ...who.headers(), 'content-type': contentType } : who.headers();
    const res = await t.app.inject({ method, url, headers, payload });
    if (res.statusCode >= 300) throw new Error(`setting up the pass: ${method} ${url} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json<T>();
  }
  type Items = { items: { id: string }[] };
  const cell = s.bithu.me.homeOrganizationId ?? '';
  const organizations = (await call<Items>(s.quantri, 'GET', '/api/v1/organizations')).items.map((o) => o.id);
  const members: string[] = [];
  for (const org of organizations) members.push(...(await call<Items>(s.quantri, 'GET', `/api/v1/organizations/${org}/members`)).items.map((m) => m.id));
  const plan2021 = await call<{ meetings: { id: string }[] }>(s.bithu, 'GET', `/api/v1/organizations/${cell}/year-plan?year=2021`);
  const demoMeeting = plan2021.meetings[0]?.id ?? '';
  const demoPapers = (await call<{ papers: { id: string }[] }>(s.bithu, 'GET', `/api/v1/meetings/${demoMeeting}`)).papers.map((p) => p.id);

  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const fresh = await call<{ id: string; revision: number }>(s.bithu, 'POST', '/api/v1/meetings', {
    organizationId: cell,
    kind: 'regular',
    startsAt: `${day}T08:00:00+07:00`,
    plannedMinutes: 120,
    place: 'Hội trường tầng 3',
  });
  await call(s.bithu, 'POST', `/api/v1/meetings/${fresh.id}/announce`, { revision: fresh.revision });
  const document = await call<{ id: string }>(s.bithu, 'POST', `/api/v1/meetings/${fresh.id}/documents?kind=other&fileName=du-thao.pdf`, PDF_BYTES, 'application/octet-stream');
  const paper = await call<{ id: string }>(s.bithu, 'POST', `/api/v1/meetings/${fresh.id}/papers`, { title: 'Tham luận về công tác phát triển đảng viên', authorMemberId: s.dangvien.me.account.memberId, dueDate: day });
  const absence = await call<{ id: string }>(s.dangvien, 'POST', `/api/v1/meetings/${fresh.id}/absence`, { reason: 'Đi công tác tỉnh xa theo kế hoạch' });
  const notices = (await call<Items>(s.dangvien, 'GET', '/api/v1/notices')).items.map((n) => n.id);
  const imported = await call<{ id: string }>(s.bithu, 'POST', `/api/v1/organizations/${cell}/member-imports?fileName=danh-sach.csv`, IMPORT_CSV, 'text/csv');
  const superior = s.capuy.me.grants[0]?.organizationId ?? '';
  const override = await call<{ id: string }>(s.capuy, 'POST', `/api/v1/organizations/${superior}/rule-overrides`, { rule: 'targetDay', value: 5, from: '2027-01-01' });
  const feed = await call<{ url: string }>(s.dangvien, 'POST', '/api/v1/me/calendar-feed', {});
  const guests = (await call<{ items: { accountId: string }[] }>(s.bithu, 'GET', `/api/v1/organizations/${cell}/guest-accounts`)).items.map((g) => g.accountId);

  return {
    pools: {
      organization: organizations,
      member: members,
      meeting: [demoMeeting, fresh.id],
      document: [document.id],
      paper: [...demoPapers, paper.id],
      absence: [absence.id],
      notice: notices,
      import: [imported.id],
      override: [override.id],
      account: [...new Set([...guests, ...Object.values(s).map((x) => x.me.account.id)])],
    },
    calendarToken: tokenOf(feed.url),
  };
}
