/**
 * A reminder job: the in-app notice (and e-mail jobs) of "the meeting starts in …" for everyone
 * expected. It goes out only if the meeting is still announced for the start it was scheduled
 * for (a move reschedules; a cancellation cancels) and has not begun. Run late (the server was
 * down at its moment), it says the time really left, not the offset it was planned for.
 */
import type { DeliverySettings } from '../config/config.ts';
import type { Tx } from '../db/client.ts';
import { findMeeting } from '../modules/meetings/meetings.service.ts';
import { writeMeetingNotices, type ReminderPayload } from '../modules/notices/notices.service.ts';
import { findOrganization } from '../modules/organizations/organizations.service.ts';
import { finishJob, type JobRow } from './jobs.repo.ts';
import type { JobLog } from './runner.ts';

/** A reminder run more than this after its moment tells the time left instead of its planned offset. */
export const REMINDER_GRACE_MS = 5 * 60_000;

export async function runReminder(tx: Tx, job: JobRow, now: Date, settings: DeliverySettings, log: JobLog): Promise<void> {
  const p = job.payload as ReminderPayload;
  const meeting = await findMeeting(tx, p.meetingId);
  const current = meeting && meeting.status === 'announced' && meeting.startsAt.toISOString() === p.startsAt && meeting.startsAt > now;
  const org = meeting && current ? await findOrganization(tx, meeting.organizationId) : undefined;
  if (!meeting || !org) {
    await finishJob(tx, job.id, 'cancelled', now, 'Cuộc họp không còn diễn ra vào thời gian đã nhắc.');
    return;
  }
  const late = now.getTime() - job.runAt.getTime() > REMINDER_GRACE_MS;
  const left = Math.max(1, Math.round((meeting.startsAt.getTime() - now.getTime()) / 60_000));
  const written = await writeMeetingNotices(tx, settings, {
    meeting,
    org,
    kind: 'reminder',
    now,
    offsetMinutes: late ? left : p.offsetMinutes,
    dedupeKeyOf: (recipientKey) => `reminder:${meeting.id}:${p.offsetMinutes}:${p.startsAt}:${recipientKey}`,
  });
  await finishJob(tx, job.id, 'done', now);
  log.info({ meetingId: meeting.id, offsetMinutes: p.offsetMinutes, late, notices: written }, 'meeting reminder sent');
}
