import { useQuery } from '@tanstack/react-query';
import { fetchNotices } from '../../api/meeting-endpoints.ts';
import { keys } from '../../api/queries.ts';

/** The inbox; the navigation's badge reads the same query, refreshed now and then. */
export function useNotices() {
  return useQuery({ queryKey: keys.notices, queryFn: ({ signal }) => fetchNotices(signal), refetchInterval: 120_000 });
}
