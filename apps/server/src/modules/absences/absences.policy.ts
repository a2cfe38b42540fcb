/**
 * A member asks to be excused from a meeting they attend (core attendsMeeting), before it
 * starts; the cell's officers decide. A request is its member's: only they see it among the
 * members, the officers see every request of the meeting.
 */
import type { MeetingStatus } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

/** A request can be made, changed or withdrawn only before the meeting is under way. */
export function requireBeforeMeeting(meeting: { status: MeetingStatus; startsAt: Date }, now: Date): void {
  if (meeting.status !== 'announced' && meeting.status !== 'draft') throw new AppError('conflict', 'Chỉ xin vắng mặt được trước khi cuộc họp diễn ra.');
  if (meeting.startsAt.getTime() <= now.getTime()) throw new AppError('conflict', 'Cuộc họp đã đến giờ: không xin vắng mặt được nữa.');
}
