import { useQuery } from '@tanstack/react-query';
import type { MeDto } from '@chibo/core';
import { isApiError } from './client.ts';
import { fetchAudit, fetchMe, fetchMembers, fetchOrganization, fetchOrganizations } from './endpoints.ts';

/** Query keys in one place so that mutations invalidate exactly what they change. */
export const keys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  organization: (id: string) => ['organizations', id] as const,
  members: (organizationId: string) => ['organizations', organizationId, 'members'] as const,
  audit: (organizationId: string) => ['audit', organizationId] as const,
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

export function useMembers(organizationId: string, enabled = true) {
  return useQuery({
    queryKey: keys.members(organizationId),
    queryFn: ({ signal }) => fetchMembers(organizationId, signal),
    enabled,
  });
}

export function useAudit(organizationId: string | null, limit = 100) {
  return useQuery({
    queryKey: keys.audit(organizationId ?? ''),
    queryFn: ({ signal }) => fetchAudit(organizationId ?? '', limit, signal),
    enabled: organizationId !== null,
  });
}
