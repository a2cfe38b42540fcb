/**
 * Sending one notice by e-mail through nodemailer: the notice's text as the body and the
 * meeting as an .ics invitation (or cancellation) attached, rebuilt from the meeting row.
 */
import nodemailer from 'nodemailer';
import { MEETING_NOTICE_KINDS } from '@chibo/core';
import type { MeetingRow } from '../meetings/meetings.service.ts';
import type { OrganizationRow } from '../organizations/organizations.service.ts';
import { meetingLink, type DeliverySettings } from './delivery.ts';
import type { NoticeRow } from './notices.repo.ts';
import { meetingInvitation, parseAddress } from './ics.ts';

export interface MailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Lets a reader (and the tests) tie a received message to its notice. */
  noticeId: string;
  /** The invitation or cancellation, for notices of the meeting's schedule. */
  ics: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(settings: DeliverySettings): Mailer | null {
  if (!settings.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A stuck server must not hold a job past its lease (jobs.ts LEASE_MS).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Chibo-Notice': message.noticeId },
        attachments: message.ics
          ? [
              {
                filename: message.ics.method === 'CANCEL' ? 'huy-lich-hop.ics' : 'lich-hop.ics',
                content: message.ics.content,
                contentType: `text/calendar; charset=utf-8; method=${message.ics.method}`,
              },
            ]
          : [],
      });
    },
    close: () => transport.close(),
  };
}

/** The notice as an e-mail: its text with the link to the meeting, and for a notice of the schedule the .ics. */
export function noticeMessage(notice: NoticeRow, meeting: MeetingRow, org: OrganizationRow, settings: DeliverySettings, now: Date): MailMessage | null {
  if (!notice.email) return null;
  const link = meetingLink(settings, meeting.id);
  const text = `${notice.body}\n\nXem chi tiết: ${link}`;
  const to = { name: notice.recipientName, address: notice.email };
  // A step of preparation (a request, a paper, a decision) is not an invitation: no calendar entry.
  if (!isMeetingNotice(notice.kind)) return { to, subject: notice.title, text, noticeId: notice.id, ics: null };
  const method = notice.kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const content = meetingInvitation(
    { meeting, cellName: org.name, description: notice.body, url: link },
    { method, now, organizer: { ...parseAddress(settings.from), name: org.name }, attendee: { name: notice.recipientName, email: notice.email } },
  );
  return { to, subject: notice.title, text, noticeId: notice.id, ics: { method, content } };
}

function isMeetingNotice(kind: NoticeRow['kind']): boolean {
  return (MEETING_NOTICE_KINDS as readonly string[]).includes(kind);
}
