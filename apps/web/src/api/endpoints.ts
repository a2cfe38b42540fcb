import type {
  AuditEventDto,
  ChangePasswordInput,
  CreateMemberInput,
  LoginInput,
  MeDto,
  MemberDto,
  MemberSummaryDto,
  OrganizationDto,
} from '@chibo/core';
import { api, setCsrfToken } from './client.ts';

/** Typed calls of /api/v1, one per endpoint, shapes from the contracts in @chibo/core. */

const V1 = '/api/v1';

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
  return api.get(`${V1}/organizations/${encodeURIComponent(id)}`, signal);
}

export async function fetchMembers(organizationId: string, signal?: AbortSignal): Promise<MemberSummaryDto[]> {
  const res = await api.get<{ items: MemberSummaryDto[] }>(
    `${V1}/organizations/${encodeURIComponent(organizationId)}/members`,
    signal,
  );
  return res.items;
}

export function createMember(organizationId: string, input: CreateMemberInput, idempotencyKey?: string): Promise<MemberDto> {
  return api.post(`${V1}/organizations/${encodeURIComponent(organizationId)}/members`, input, idempotencyKey);
}

export async function fetchAudit(organizationId: string, limit: number, signal?: AbortSignal): Promise<AuditEventDto[]> {
  const q = new URLSearchParams({ organizationId, limit: String(limit) });
  const res = await api.get<{ items: AuditEventDto[] }>(`${V1}/audit?${q.toString()}`, signal);
  return res.items;
}
