import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingDetailDto } from '@chibo/core';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { fetchAlerts, fetchMeeting, fetchMeetingNotices, fetchNextMeeting, fetchYearPlan } from '../../api/meeting-endpoints.ts';
import { fetchOrganization } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import i18n from '../../i18n/index.ts';
import { notifyDone } from '../../lib/notify.ts';

/** The organization (for its time zone) once its id is known. */
export function useOrganizationIf(id: string | null | undefined) {
  return useQuery({ queryKey: keys.organization(id ?? ''), queryFn: ({ signal }) => fetchOrganization(id ?? '', signal), enabled: !!id });
}

export function useYearPlan(organizationId: string, year: number) {
  return useQuery({ queryKey: keys.yearPlan(organizationId, year), queryFn: ({ signal }) => fetchYearPlan(organizationId, year, signal) });
}

export function useAlerts(organizationId: string, enabled = true) {
  return useQuery({ queryKey: keys.alerts(organizationId), queryFn: ({ signal }) => fetchAlerts(organizationId, signal), enabled });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: keys.meeting(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
}

export function useMeetingNotices(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.meetingNotices(id), queryFn: ({ signal }) => fetchMeetingNotices(id, signal), enabled });
}

export function useNextMeeting(enabled = true) {
  return useQuery({ queryKey: keys.nextMeeting, queryFn: ({ signal }) => fetchNextMeeting(signal), enabled });
}

/**
 * What every change of a meeting refreshes: its page, the year plan and alerts of its cell,
 * the members' next-meeting card and the notices it may have sent.
 */
export function useInvalidateMeeting() {
  const queryClient = useQueryClient();
  return async (meetingId: string, organizationId: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.meeting(meetingId) }),
      queryClient.invalidateQueries({ queryKey: ['organizations', organizationId, 'year-plan'] }),
      queryClient.invalidateQueries({ queryKey: keys.alerts(organizationId) }),
      queryClient.invalidateQueries({ queryKey: keys.nextMeeting }),
      queryClient.invalidateQueries({ queryKey: keys.notices }),
      queryClient.invalidateQueries({ queryKey: keys.pending }),
    ]);
  };
}

/** A 409 on a meeting: someone else changed it (stale revision) or its status moved on. */
export function isConflict(error: unknown): boolean {
  // A rule's "not now" (action_unavailable) is not someone else's change: the page stays as it is.
  return isApiError(error) && error.status === 409 && error.code !== 'idempotency_key_reused' && error.code !== 'request_in_progress' && error.code !== 'action_unavailable';
}

/** The current time, moving on every `everyMs` (buttons that become usable at an hour show it). */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * A mutation of the meeting that answers with the whole meeting: the page shows the answer
 * at once; on a 409 the page reloads the meeting and says why (the form keeps its error).
 */
export function useMeetingMutation<V>(meeting: MeetingDetailDto, fn: (vars: V) => Promise<MeetingDetailDto>, doneMessage: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMeeting();
  const [conflict, setConflict] = useState(false);
  const mutation = useMutation({
    mutationFn: fn,
    onMutate: () => setConflict(false),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.meeting(saved.id), saved);
      notifyDone(doneMessage);
      onDone?.();
      await invalidate(saved.id, saved.organizationId);
    },
    onError: async (e) => {
      if (isConflict(e)) {
        setConflict(true);
        // The form that failed may disappear with the reloaded status: say it where it stays.
        notifications.show({ color: 'orange', message: `${isApiError(e) ? e.message : ''} ${i18n.t('meetings.page.conflict')}`.trim(), closeButtonProps: { 'aria-label': i18n.t('common.close') } });
        await invalidate(meeting.id, meeting.organizationId);
      }
    },
  });
  return { mutation, conflict };
}

/** After a change of a part of the meeting (document, paper, absence): read the meeting again. */
export function usePartSaved(meeting: { id: string; organizationId: string }) {
  const invalidate = useInvalidateMeeting();
  return (message: string) => {
    notifyDone(message);
    return invalidate(meeting.id, meeting.organizationId);
  };
}
