/**
 * When a meeting's files may change: documents are posted and removed, papers handed in and
 * decided, while the meeting is still ahead or running — an ended or cancelled meeting's files
 * are its record and stay as they were.
 */
import type { MeetingStatus } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

const CLOSED: readonly MeetingStatus[] = ['ended', 'cancelled'];

export function isMeetingClosed(status: MeetingStatus): boolean {
  return CLOSED.includes(status);
}

export function requireOpenMeeting(status: MeetingStatus, message: string): void {
  if (isMeetingClosed(status)) throw new AppError('conflict', message);
}
