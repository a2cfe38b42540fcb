/**
 * iCalendar for meetings: the .ics attached to each notice e-mail and the personal feed.
 * Times are written in UTC with 'Z' and the calendar carries no time zone: ical-generator
 * with a zone but no VTIMEZONE generator writes a floating local time that is off by the
 * zone's offset (reference/stack-notes.md). Calendar apps show UTC in the reader's zone.
 * UID is stable per meeting and SEQUENCE is its revision, so a move or a cancellation
 * updates the event already in the reader's calendar instead of adding a second one.
 */
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { MeetingRow } from '../meetings/meetings.service.ts';
import { meetingSummary } from './notice-text.ts';

export interface IcsMeeting {
  meeting: MeetingRow;
  cellName: string;
  /** Shown as the event's DESCRIPTION (the notice text, or a summary for the feed). */
  description: string;
  url: string;
}

export function meetingUid(meetingId: string): string {
  return `${meetingId}@chibo`;
}

/** "Chi bộ số <no-reply@x>" → { name, email }. */
export function parseAddress(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m?.[2]) return { name: m[1]?.trim() || m[2], email: m[2].trim() };
  return { name: from.trim(), email: from.trim() };
}

function location(meeting: MeetingRow): string | null {
  const parts = [meeting.place, meeting.onlineUrl ? `Trực tuyến: ${meeting.onlineUrl}` : null].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' — ') : null;
}

function addEvent(cal: ICalCalendar, m: IcsMeeting, now: Date, extra: { organizer?: { name: string; email: string }; attendee?: { name: string; email: string } } = {}): void {
  const { meeting } = m;
  const cancelled = meeting.status === 'cancelled';
  const event = cal.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.revision,
    stamp: now,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + meeting.plannedMinutes * 60_000),
    summary: meetingSummary(meeting, m.cellName),
    location: location(meeting),
    description: m.description,
    url: m.url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (extra.organizer) event.organizer(extra.organizer);
  if (extra.attendee) event.createAttendee({ ...extra.attendee, role: ICalAttendeeRole.REQ, rsvp: false });
}

/** The invitation or cancellation attached to one e-mail (METHOD:REQUEST or METHOD:CANCEL). */
export function meetingInvitation(m: IcsMeeting, opts: { method: 'REQUEST' | 'CANCEL'; now: Date; organizer: { name: string; email: string }; attendee: { name: string; email: string } | null }): string {
  const cal = ical({
    prodId: { company: 'Chi bo so', product: 'chibo', language: 'VI' },
    method: opts.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(cal, m, opts.now, { organizer: opts.organizer, ...(opts.attendee ? { attendee: opts.attendee } : {}) });
  return cal.toString();
}

/** A subscribed calendar: every meeting, cancelled ones with STATUS:CANCELLED. */
export function meetingsCalendar(name: string, items: readonly IcsMeeting[], now: Date): string {
  const cal = ical({ prodId: { company: 'Chi bo so', product: 'chibo', language: 'VI' }, name, method: ICalCalendarMethod.PUBLISH });
  for (const m of items) addEvent(cal, m, now);
  return cal.toString();
}
