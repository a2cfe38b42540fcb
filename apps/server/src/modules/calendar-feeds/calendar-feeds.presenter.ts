import type { MeetingRow } from '../meetings/meetings.service.ts';
import { formatLocalDateTime, meetingKindName } from '../notices/notice-text.ts';

/** The event text a calendar app shows for a meeting. */
export function feedDescription(meeting: MeetingRow, cellName: string, timeZone: string): string {
  const lines = [`${meetingKindName(meeting.kind)} — ${cellName}`, `Thời gian: ${formatLocalDateTime(meeting.startsAt, timeZone)}`];
  if (meeting.place) lines.push(`Địa điểm: ${meeting.place}`);
  if (meeting.onlineUrl) lines.push(`Họp trực tuyến: ${meeting.onlineUrl}`);
  if (meeting.topic) lines.push(`Chủ đề: ${meeting.topic}`);
  if (meeting.status === 'cancelled') lines.push(`Đã hủy${meeting.cancelReason ? `: ${meeting.cancelReason}` : '.'}`);
  return lines.join('\n');
}
