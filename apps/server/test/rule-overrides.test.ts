/**
 * A superior's rule override (issue 9, point 2), on the demo with the clock at 15/10/2026: a
 * value outside its bounds is refused with the bounds (0 is never saved as 1); what it would
 * change (cells, months) is shown before it is saved; one that starts in the past — rewriting how
 * past months are judged — is refused unless the superior says so, and so is removing one that
 * has started; the rules in force are what every page shows, the undated setting is gone.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationSettingsDto, RuleOverrideDto, RuleOverridePreviewDto, RulesInForceDto, YearPlanDto } from '@chibo/core';
import type { Session, TestApp } from './support/test-app.ts';
import { openRegisterWorld, type client, type DemoOrgs, type ErrorBody } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let secretary: Session;
let superior: Session;
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

const json = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  return res.json<T>();
};
const overridesUrl = (id: string) => `/api/v1/organizations/${id}/rule-overrides`;
const listed = async (id: string) => json<{ items: RuleOverrideDto[] }>(await api.get(superior, overridesUrl(id))).items;
const preview = async (id: string, body: object) => json<RuleOverridePreviewDto>(await api.request(superior, 'POST', `${overridesUrl(id)}/preview`, body));
const periodStates = async (cellId: string) =>
  Object.fromEntries(json<YearPlanDto>(await api.get(superior, `/api/v1/organizations/${cellId}/year-plan?year=2026`)).periods.map((p) => [p.period, [p.state, p.deadline]]));
const auditOf = async (id: string) => json<{ items: { action: string; data: Record<string, unknown> }[] }>(await api.get(superior, `/api/v1/audit?organizationId=${id}&limit=20`)).items;

describe('a value outside its bounds', () => {
  it('0 for the target day is refused with the bounds in the message, never saved as 1', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    for (const value of [0, 32, -1]) {
      const res = await api.request(superior, 'POST', overridesUrl(o.committee.id), { rule: 'targetDay', value, from: '2027-01-01' });
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<ErrorBody>();
      expect(err.message).toContain('từ 1 đến 31');
      expect(err.details?.issues).toContainEqual({ path: 'value', message: 'Ngày sinh hoạt định kỳ từ 1 đến 31.' });
    }
    const short = await api.request(superior, 'POST', `${overridesUrl(o.committee.id)}/preview`, { rule: 'minDurationMinutes', value: 20, from: '2027-01-01' });
    expect(short.json<ErrorBody>().message).toContain('từ 30 đến 600 phút');
    expect(await listed(o.committee.id)).toEqual([]);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});

describe('before it is saved', () => {
  it('the preview names the cells and the months that change, and saves nothing', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const p = await preview(o.committee.id, { rule: 'targetDay', value: 5, from: '2026-11-01' });
    expect(p).toMatchObject({ current: 10, startsInPast: false, pastMonths: [], cellsShadowed: 0 });
    expect(p.months).toEqual(['2026-11', '2026-12']);
    expect(p.cells.map((c) => c.organizationName).sort()).toEqual([o.fund.name, o.office.name, o.inspection.name].sort());
    expect(p.cells.every((c) => c.before === 10 && c.after === 5 && c.months.join() === '2026-11,2026-12')).toBe(true);
    expect(p.cells).toHaveLength(p.cellsChanged);
    expect(await listed(o.committee.id)).toEqual([]);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('a cell whose own value stands is left out, and counted as shadowed', async () => {
    json(await api.request(superior, 'POST', overridesUrl(o.fund.id), { rule: 'targetDay', value: 7, from: '2026-11-01' }), 201);
    const p = await preview(o.committee.id, { rule: 'targetDay', value: 5, from: '2026-11-01' });
    expect(p.cells.map((c) => c.organizationId)).not.toContain(o.fund.id);
    expect(p.cells).toHaveLength(2);
    expect(p.cellsShadowed).toBe(1);
  });

  it('a duration from mid-month changes that month, from its day on', async () => {
    const p = await preview(o.committee.id, { rule: 'minDurationMinutes', value: 60, from: '2026-11-20' });
    expect(p.months).toEqual(['2026-11', '2026-12']);
    expect(p.cells[0]).toMatchObject({ before: 90, after: 60 });
  });
});

describe('the past stays as it was judged', () => {
  it('a backdated override is refused with the months it would re-judge; the year plan is unchanged', async () => {
    const before = await periodStates(o.office.id);
    const head = await api.auditHead(superior, o.committee.id);
    const res = await api.request(superior, 'POST', overridesUrl(o.committee.id), { rule: 'targetDay', value: 25, from: '2026-01-01' });
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json<ErrorBody>();
    expect(err.message).toContain('01/01/2026 đã qua');
    expect(err.message).toContain('tháng 1/2026');
    expect(err.message).toContain('Áp dụng cả cho các kỳ đã qua');
    expect(err.details?.issues[0]?.path).toBe('from');
    expect(await periodStates(o.office.id)).toEqual(before);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
    // The preview says so before anyone tries.
    const p = await preview(o.committee.id, { rule: 'targetDay', value: 25, from: '2026-01-01' });
    expect(p.startsInPast).toBe(true);
    expect(p.pastMonths).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
  });

  it('said explicitly, it is saved and re-judges those months, and the audit says so', async () => {
    const before = await periodStates(o.office.id);
    expect(before['2026-05']?.[1]).toBe('2026-05-10');
    json(await api.request(superior, 'POST', overridesUrl(o.committee.id), { rule: 'targetDay', value: 25, from: '2026-01-01', applyToPast: true }), 201);
    const after = await periodStates(o.office.id);
    expect(after['2026-05']?.[1]).toBe('2026-05-25');
    const [entry] = (await auditOf(o.committee.id)).filter((e) => e.action === 'rules.override_set');
    expect(entry?.data).toMatchObject({ rule: 'targetDay', from: '2026-01-01', after: 25, applyToPast: true });
    expect((entry?.data as { pastMonths: string[] }).pastMonths).toContain('2026-05');
  });

  it('removing an override that has started is refused unless said explicitly; one not started goes at once', async () => {
    const started = (await listed(o.committee.id)).find((x) => x.from === '2026-01-01');
    const later = (await listed(o.fund.id)).find((x) => x.from === '2026-11-01' && !x.inherited);
    expect(started && later).toBeTruthy();
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/v1/rule-overrides/${started?.id ?? ''}`, headers: superior.headers() });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<ErrorBody>().message).toContain('đã áp dụng từ 01/01/2026');
    const removal = json<RuleOverridePreviewDto>(await api.get(superior, `/api/v1/rule-overrides/${started?.id ?? ''}/removal-preview`));
    expect(removal.startsInPast).toBe(true);
    expect(removal.cells.find((c) => c.organizationId === o.office.id)).toMatchObject({ before: 25, after: 10 });
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/v1/rule-overrides/${later?.id ?? ''}`, headers: superior.headers() });
    expect(gone.statusCode, gone.body).toBe(204);
    const forced = await t.app.inject({ method: 'DELETE', url: `/api/v1/rule-overrides/${started?.id ?? ''}?applyToPast=true`, headers: superior.headers() });
    expect(forced.statusCode, forced.body).toBe(204);
    expect((await periodStates(o.office.id))['2026-05']?.[1]).toBe('2026-05-10');
  });
});

describe('one value in force, shown everywhere', () => {
  it('the rules in force name their setter; the settings no longer carry a target day of their own', async () => {
    json(await api.request(superior, 'POST', overridesUrl(o.committee.id), { rule: 'targetDay', value: 5, from: '2026-10-15' }), 201);
    const rules = json<RulesInForceDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/rules`));
    expect(rules.values.find((v) => v.rule === 'targetDay')).toMatchObject({ value: 5, setBy: { id: o.committee.id, name: o.committee.name } });
    expect(rules.values.find((v) => v.rule === 'minDurationMinutes')).toMatchObject({ value: 90, setBy: null });
    expect(rules.title).toContain('HD 42-HD/BTCTW');
    const settings = json<OrganizationSettingsDto>(await api.get(secretary, `/api/v1/organizations/${o.fund.id}/settings`));
    expect(Object.keys(settings.effective).sort()).toEqual(['meetingPlace', 'probationAlertDays']);
    // The plan of the months ahead reads the same value.
    expect((await periodStates(o.fund.id))['2026-12']?.[1]).toBe('2026-12-05');
  });
});
