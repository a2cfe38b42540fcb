/**
 * What the register tests share: a fixed clock (the register's "today" is the organization's
 * calendar day, never the machine's), the demo's organizations found by name, members found
 * by name in a roll, and the audit chain's head to prove refused calls wrote nothing.
 */
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { historyInputOf, type HistoryInput, type MemberDto, type MemberSummaryDto, type OrganizationDto } from '@chibo/core';
import { DEMO_CELLS, DEMO_SUPERIOR } from '../../src/demo/demo-data.ts';
import type { Clock } from '../../src/lib/context.ts';
import { createTestApp, type Session, type TestApp } from './test-app.ts';

/** 2026-10-15 in Hà Nội (and in UTC): inside Âu Văn Quý's temporary attachment to Quỹ trợ vốn. */
export const TODAY = '2026-10-15';
export const NOW = new Date(`${TODAY}T03:00:00.000Z`);
export const fixedClock: Clock = { now: () => new Date(NOW.getTime()) };

export const FUND_NAME = DEMO_CELLS[0]?.name ?? '';
export const OFFICE_NAME = DEMO_CELLS[1]?.name ?? '';
export const INSPECTION_NAME = DEMO_CELLS[2]?.name ?? '';

export interface DemoOrgs {
  committee: OrganizationDto;
  /** Chi bộ Quỹ trợ vốn… (dangvien, bithu). */
  fund: OrganizationDto;
  /** Chi bộ Văn phòng Liên đoàn Lao động thành phố. */
  office: OrganizationDto;
  /** Chi bộ Ban Tổ chức – Kiểm tra. */
  inspection: OrganizationDto;
}

export interface ErrorBody {
  error: string;
  message: string;
  details?: { issues: { path: string; message: string }[] };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export function client(t: TestApp) {
  const request = (s: Session, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers(), ...(payload === undefined ? {} : { payload }) });
  const get = (s: Session, url: string) => request(s, 'GET', url);

  async function orgs(superior: Session): Promise<DemoOrgs> {
    const items = (await get(superior, '/api/v1/organizations')).json<{ items: OrganizationDto[] }>().items;
    const byName = (name: string) => {
      const o = items.find((x) => x.name === name);
      if (!o) throw new Error(`no organization named ${name}`);
      return o;
    };
    return { committee: byName(DEMO_SUPERIOR), fund: byName(FUND_NAME), office: byName(OFFICE_NAME), inspection: byName(INSPECTION_NAME) };
  }

  async function roll(s: Session, orgId: string, query = ''): Promise<MemberSummaryDto[]> {
    const res = await get(s, `/api/v1/organizations/${orgId}/members${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: MemberSummaryDto[] }>().items;
  }

  /** The id of the member of that name in the organization's roll on `on` (default today). */
  async function memberId(s: Session, orgId: string, fullName: string, on?: string): Promise<string> {
    const found = (await roll(s, orgId, on ? `on=${on}` : '')).find((m) => m.fullName === fullName);
    if (!found) throw new Error(`${fullName} is not in the roll of ${orgId}`);
    return found.id;
  }

  async function record(s: Session, id: string): Promise<MemberDto> {
    const res = await get(s, `/api/v1/members/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MemberDto>();
  }

  /** The last audit seq the superior sees for the organization's subtree. */
  async function auditHead(superior: Session, orgId: string): Promise<number> {
    const res = await get(superior, `/api/v1/audit?organizationId=${orgId}&limit=1`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { seq: number }[] }>().items[0]?.seq ?? 0;
  }

  return { request, get, orgs, roll, memberId, record, auditHead };
}

/** A member's stored history as the PUT /history body that would store it again (core historyInputOf). */
export function historyBody(m: MemberDto): HistoryInput {
  const body = historyInputOf(m.history);
  if (!body) throw new Error(`${m.fullName} has no admission date`);
  return body;
}

export function expectRefused(res: LightMyRequestResponse, label: string): void {
  expect([403, 404], `${label}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
}

/** A fresh demo app on the fixed clock, the three demo callers and the demo's organizations. */
export async function openRegisterWorld(): Promise<{ t: TestApp; api: ReturnType<typeof client>; member: Session; secretary: Session; superior: Session; o: DemoOrgs }> {
  const t = await createTestApp({ clock: fixedClock, config: { loginRatePerMinute: 10_000 } });
  const api = client(t);
  const [member, secretary, superior] = [await t.login('dangvien'), await t.login('bithu'), await t.login('capuy')];
  return { t, api, member, secretary, superior, o: await api.orgs(superior) };
}
