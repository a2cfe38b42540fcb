/**
 * Which of a meeting's actions can be taken now, and why not: the server refuses with these
 * reasons and the page offers only what will be accepted (with the reason beside what will
 * not), so that an officer is never offered a button that is then refused.
 */
import type { MeetingStatus } from '../contracts/meetings.ts';
import { localDateOf } from './calendar-days.ts';

/** A meeting may start from an hour before its time, on its own day. */
export const START_EARLY_MS = 60 * 60_000;

/**
 * Why an announced meeting cannot start at `now`, or null when it can. Held is judged by the
 * day it really starts: early by more than an hour, or on another day, the meeting must be moved
 * first (and everyone told).
 */
export function startRefusal(startsAt: Date, timeZone: string, now: Date): string | null {
  if (now.getTime() < startsAt.getTime() - START_EARLY_MS) return 'Chưa đến giờ họp: chỉ bắt đầu được từ một giờ trước giờ họp. Nếu họp sớm hơn, hãy dời lịch để báo mọi người.';
  if (localDateOf(now, timeZone) !== localDateOf(startsAt, timeZone)) return 'Đã qua ngày họp theo lịch: hãy dời lịch sang hôm nay trước khi bắt đầu.';
  return null;
}

/** When the start button becomes usable (the page counts down to it). */
export function startableFrom(startsAt: Date): Date {
  return new Date(startsAt.getTime() - START_EARLY_MS);
}

/** Why a draft cannot be announced at `now`, or null when it can. */
export function announceRefusal(m: { startsAt: Date; place: string | null; onlineUrl: string | null }, now: Date): string | null {
  if (m.startsAt.getTime() <= now.getTime()) return 'Thời điểm họp đã qua: hãy dời lịch trước khi công bố.';
  if (!m.place && !m.onlineUrl) return 'Cần địa điểm hoặc đường dẫn họp trực tuyến trước khi công bố.';
  return null;
}

/** A meeting's plan (time, place, agenda) can be edited while it is a draft or announced. */
export function isPlanEditable(status: MeetingStatus): boolean {
  return status === 'draft' || status === 'announced';
}
