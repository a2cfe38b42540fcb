import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MeDto, RegisterQuery } from '@chibo/core';
import { isApiError } from './client.ts';
import {
  fetchAudit,
  fetchLeadership,
  fetchMe,
  fetchMember,
  fetchOrganization,
  fetchOrganizations,
  fetchProbation,
  fetchRegister,
  fetchSettings,
} from './endpoints.ts';

/**
 * Query keys in one place so that mutations invalidate exactly what they change. Everything
 * about one organization starts with ['organizations', id]: a change of membership
 * invalidates that prefix (or ['organizations'] when several cells are touched).
 */
export const keys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  organization: (id: string) => ['organizations', id] as const,
  register: (organizationId: string, query: RegisterQuery) => ['organizations', organizationId, 'members', query] as const,
  leadership: (organizationId: string, on: string | undefined) => ['organizations', organizationId, 'leadership', on ?? null] as const,
  probation: (organizationId: string) => ['organizations', organizationId, 'probation'] as const,
  settings: (organizationId: string) => ['organizations', organizationId, 'settings'] as const,
  member: (id: string) => ['members', id] as const,
  audit: (organizationId: string) => ['audit', organizationId] as const,
  // Meetings (issue 4). A meeting's own reads start with ['meetings', id]; a change of a meeting
  // also invalidates its cell's year plan (['organizations', cell, 'year-plan', …]).
  yearPlan: (organizationId: string, year: number) => ['organizations', organizationId, 'year-plan', year] as const,
  alerts: (organizationId: string) => ['organizations', organizationId, 'alerts'] as const,
  ruleOverrides: (organizationId: string) => ['organizations', organizationId, 'rule-overrides'] as const,
  rulesInForce: (organizationId: string) => ['organizations', organizationId, 'rules'] as const,
  meetings: ['meetings'] as const,
  meeting: (id: string) => ['meetings', id] as const,
  meetingNotices: (id: string) => ['meetings', id, 'notices'] as const,
  nextMeeting: ['next-meeting'] as const,
  pending: ['pending'] as const,
  notices: ['notices'] as const,
};

/** The signed-in account, or null when there is no session (401 unauthenticated). */
export function useMe() {
  return useQuery<MeDto | null>({
    queryKey: keys.me,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (e) {
        if (isApiError(e) && e.code === 'unauthenticated') return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({ queryKey: keys.organizations, queryFn: ({ signal }) => fetchOrganizations(signal), enabled });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.organization(id), queryFn: ({ signal }) => fetchOrganization(id, signal) });
}

/** The register as the filters ask for it; the previous list stays while the next one loads. */
export function useRegister(organizationId: string, query: RegisterQuery) {
  return useQuery({
    queryKey: keys.register(organizationId, query),
    queryFn: ({ signal }) => fetchRegister(organizationId, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLeadership(organizationId: string, on?: string, enabled = true) {
  return useQuery({
    queryKey: keys.leadership(organizationId, on),
    queryFn: ({ signal }) => fetchLeadership(organizationId, on, signal),
    enabled,
  });
}

export function useProbation(organizationId: string, enabled = true) {
  return useQuery({
    queryKey: keys.probation(organizationId),
    queryFn: ({ signal }) => fetchProbation(organizationId, undefined, signal),
    enabled,
  });
}

export function useSettings(organizationId: string) {
  return useQuery({ queryKey: keys.settings(organizationId), queryFn: ({ signal }) => fetchSettings(organizationId, signal) });
}

export function useMember(id: string) {
  return useQuery({ queryKey: keys.member(id), queryFn: ({ signal }) => fetchMember(id, signal) });
}

export function useAudit(organizationId: string | null, limit = 100) {
  return useQuery({
    queryKey: keys.audit(organizationId ?? ''),
    queryFn: ({ signal }) => fetchAudit(organizationId ?? '', limit, signal),
    enabled: organizationId !== null,
  });
}
