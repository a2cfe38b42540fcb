import type {
  AuditEventDto,
  ChangePasswordInput,
  CloseOrganizationInput,
  CreateMemberInput,
  HistoryInput,
  LeadershipDto,
  LoginInput,
  MeDto,
  MemberDto,
  MemberListResponse,
  MoveOrganizationInput,
  OrganizationDto,
  OrganizationSettings,
  OrganizationSettingsDto,
  ProbationListDto,
  RegisterQuery,
  TransferInput,
  UpdateMemberInput,
} from '@chibo/core';
import { api, setCsrfToken } from './client.ts';

/** Typed calls of /api/v1, one per endpoint, shapes from the contracts in @chibo/core. */

/** The type a zod schema of the contracts parses to (core exports some only as schemas). */
type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
export type RegisterData = Output<typeof MemberListResponse>;
export type LeadershipData = Output<typeof LeadershipDto>;
export type ProbationData = Output<typeof ProbationListDto>;

export const V1 = '/api/v1';
const org = (id: string) => `${V1}/organizations/${encodeURIComponent(id)}`;
const member = (id: string) => `${V1}/members/${encodeURIComponent(id)}`;

/** Query string of the defined values only. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export async function fetchMe(signal?: AbortSignal): Promise<MeDto> {
  const me = await api.get<MeDto>(`${V1}/me`, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function login(input: LoginInput): Promise<MeDto> {
  const me = await api.post<MeDto>(`${V1}/auth/login`, input);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  await api.post<{ ok: true }>(`${V1}/auth/logout`);
  setCsrfToken(null);
}

export function changePassword(input: ChangePasswordInput): Promise<{ ok: true }> {
  return api.post(`${V1}/auth/password`, input);
}

export async function fetchOrganizations(signal?: AbortSignal): Promise<OrganizationDto[]> {
  const res = await api.get<{ items: OrganizationDto[] }>(`${V1}/organizations`, signal);
  return res.items;
}

export function fetchOrganization(id: string, signal?: AbortSignal): Promise<OrganizationDto> {
  return api.get(org(id), signal);
}

export function moveOrganization(id: string, input: MoveOrganizationInput): Promise<OrganizationDto> {
  return api.post(`${org(id)}/move`, input);
}

export function closeOrganization(id: string, input: CloseOrganizationInput): Promise<OrganizationDto> {
  return api.post(`${org(id)}/close`, input);
}

export function fetchSettings(id: string, signal?: AbortSignal): Promise<OrganizationSettingsDto> {
  return api.get(`${org(id)}/settings`, signal);
}

export function putSettings(id: string, input: OrganizationSettings): Promise<OrganizationSettingsDto> {
  return api.put(`${org(id)}/settings`, input);
}

/** The register of a cell (or of every cell under a committee) as of a day. */
export function fetchRegister(organizationId: string, query: RegisterQuery, signal?: AbortSignal): Promise<RegisterData> {
  return api.get(`${org(organizationId)}/members${queryString(query)}`, signal);
}

/** A plain link: the browser downloads the file with the session cookie. */
export function registerExportUrl(organizationId: string, format: 'xlsx' | 'csv', on?: string): string {
  return `${org(organizationId)}/members/export${queryString({ format, on })}`;
}

export function createMember(organizationId: string, input: CreateMemberInput, idempotencyKey?: string): Promise<MemberDto> {
  return api.post(`${org(organizationId)}/members`, input, idempotencyKey);
}

export function fetchLeadership(organizationId: string, on?: string, signal?: AbortSignal): Promise<LeadershipData> {
  return api.get(`${org(organizationId)}/leadership${queryString({ on })}`, signal);
}

export function fetchProbation(organizationId: string, on?: string, signal?: AbortSignal): Promise<ProbationData> {
  return api.get(`${org(organizationId)}/probation${queryString({ on })}`, signal);
}

export function fetchMember(id: string, signal?: AbortSignal): Promise<MemberDto> {
  return api.get(member(id), signal);
}

export function updateMember(id: string, input: UpdateMemberInput): Promise<MemberDto> {
  return api.patch(member(id), input);
}

export function replaceHistory(id: string, input: HistoryInput): Promise<MemberDto> {
  return api.put(`${member(id)}/history`, input);
}

export function transferMember(id: string, input: TransferInput, idempotencyKey?: string): Promise<MemberDto> {
  return api.post(`${member(id)}/transfers`, input, idempotencyKey);
}

export async function fetchAudit(organizationId: string, limit: number, signal?: AbortSignal): Promise<AuditEventDto[]> {
  const res = await api.get<{ items: AuditEventDto[] }>(`${V1}/audit${queryString({ organizationId, limit })}`, signal);
  return res.items;
}
