/**
 * What a notice says, in Vietnamese: the kind of meeting, the cell, the local time in the
 * cell's time zone (dd/MM/yyyy HH:mm), the place or online link, the topic and, when a
 * meeting moves or is cancelled, why. The link to the meeting is the app's button in the inbox
 * and a line the e-mail adds (mailer.ts), never text shown beside the button.
 */
import type { MeetingKind, NoticeKind } from '@chibo/core';

type MeetingNoticeKind = Extract<NoticeKind, 'announced' | 'moved' | 'cancelled' | 'reminder'>;
import type { MeetingRow } from '../meetings/meetings.service.ts';

const KIND_NAMES: Record<MeetingKind, string> = {
  regular: 'Sinh hoạt chi bộ thường kỳ',
  thematic: 'Sinh hoạt chuyên đề',
  combined: 'Sinh hoạt thường kỳ kết hợp chuyên đề',
  preparatory: 'Họp chi ủy chuẩn bị',
  extraordinary: 'Sinh hoạt bất thường',
};

export function meetingKindName(kind: string): string {
  return KIND_NAMES[kind as MeetingKind] ?? 'Cuộc họp chi bộ';
}

/** 'dd/MM/yyyy HH:mm' on the wall clock of `timeZone`. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

function zoneLabel(timeZone: string): string {
  return timeZone === 'Asia/Ho_Chi_Minh' || timeZone === 'Asia/Saigon' ? 'giờ Việt Nam' : `múi giờ ${timeZone}`;
}

/** '3 ngày', '2 giờ', '1 giờ 30 phút'. */
export function formatOffset(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} ngày` : '', h ? `${h} giờ` : '', m ? `${m} phút` : ''].filter(Boolean).join(' ') || '0 phút';
}

export interface NoticeTextInput {
  kind: MeetingNoticeKind;
  meeting: MeetingRow;
  cellName: string;
  timeZone: string;
  reason?: string | null | undefined;
  /** Reminders: how long before the meeting. */
  offsetMinutes?: number | undefined;
}

export function meetingSummary(meeting: MeetingRow, cellName: string): string {
  return `${meetingKindName(meeting.kind)} — ${cellName}`;
}

export function noticeText(input: NoticeTextInput): { title: string; body: string } {
  const { meeting, cellName, timeZone } = input;
  const kindName = meetingKindName(meeting.kind);
  const when = formatLocalDateTime(meeting.startsAt, timeZone);
  const title = {
    announced: `Thông báo: ${kindName}, ${when}`,
    moved: `Thay đổi lịch: ${kindName}, ${when}`,
    cancelled: `Hủy lịch: ${kindName}, ${when}`,
    reminder: `Nhắc lịch (còn ${formatOffset(input.offsetMinutes ?? 0)}): ${kindName}, ${when}`,
  }[input.kind];
  const lead = {
    announced: `${cellName} thông báo lịch ${lowerFirst(kindName)}.`,
    moved: `${cellName} thay đổi lịch ${lowerFirst(kindName)}. Thông tin mới:`,
    cancelled: `${cellName} hủy ${lowerFirst(kindName)} đã thông báo.`,
    reminder: `Nhắc đồng chí: ${lowerFirst(kindName)} của ${cellName} sẽ bắt đầu sau ${formatOffset(input.offsetMinutes ?? 0)}.`,
  }[input.kind];
  // The planned end too: an agenda longer than the plan would otherwise surprise everyone.
  const end = formatLocalDateTime(new Date(meeting.startsAt.getTime() + meeting.plannedMinutes * 60_000), timeZone).slice(11);
  const lines = [lead, '', `Thời gian: ${when} – ${end} (${zoneLabel(timeZone)}, dự kiến ${meeting.plannedMinutes} phút)`];
  if (meeting.place) lines.push(`Địa điểm: ${meeting.place}`);
  if (meeting.onlineUrl) lines.push(`Họp trực tuyến: ${meeting.onlineUrl}`);
  if (meeting.topic) lines.push(`Chủ đề: ${meeting.topic}`);
  if (input.reason && (input.kind === 'moved' || input.kind === 'cancelled')) lines.push(`Lý do: ${input.reason}`);
  return { title, body: lines.join('\n') };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

export type WorkflowNoticeKind = Exclude<NoticeKind, MeetingNoticeKind>;

export interface WorkflowTextInput {
  kind: WorkflowNoticeKind;
  meeting: MeetingRow;
  cellName: string;
  timeZone: string;
  /** The member who asked to be excused or wrote the paper. */
  memberName: string;
  /** The paper's title (papers). */
  paperTitle?: string | undefined;
  /** The member's reason (a request), or the officers' note or comment (a decision). */
  text?: string | null | undefined;
  /** For a decision. */
  outcome?: 'approved' | 'refused' | 'accepted' | 'returned' | undefined;
}

/** A step of a meeting's preparation, told to the other side: the request or paper arrived, or it was decided. */
export function workflowNoticeText(input: WorkflowTextInput): { title: string; body: string } {
  const { meeting, cellName, timeZone } = input;
  const what = `${lowerFirst(meetingKindName(meeting.kind))} ngày ${formatLocalDateTime(meeting.startsAt, timeZone)}`;
  const outcome = {
    approved: 'được chấp thuận',
    refused: 'không được chấp thuận',
    accepted: 'được duyệt, đưa vào chương trình',
    returned: 'được trả lại để sửa',
  }[input.outcome ?? 'approved'];
  const paper = input.paperTitle ? `"${input.paperTitle}"` : '';
  const title = {
    absence_requested: `Đơn xin vắng mặt: đ/c ${input.memberName}`,
    absence_decided: `Đơn xin vắng mặt của đồng chí ${outcome}`,
    paper_submitted: `Tham luận đã nộp: đ/c ${input.memberName}`,
    paper_decided: `Tham luận của đồng chí ${outcome}`,
  }[input.kind];
  const lead = {
    absence_requested: `Đồng chí ${input.memberName} xin vắng mặt ${what} (${cellName}).`,
    absence_decided: `Đơn xin vắng mặt ${what} của đồng chí ${outcome}.`,
    paper_submitted: `Đồng chí ${input.memberName} đã nộp tham luận ${paper} cho ${what} (${cellName}).`,
    paper_decided: `Tham luận ${paper} cho ${what} ${outcome}.`,
  }[input.kind];
  const lines = [lead];
  if (input.text) lines.push('', `${input.kind === 'absence_requested' ? 'Lý do' : 'Ý kiến'}: ${input.text}`);
  if (input.kind === 'absence_requested' || input.kind === 'paper_submitted') lines.push('', 'Xem và quyết định trên trang chuẩn bị cuộc họp.');
  return { title, body: lines.join('\n') };
}
