/**
 * Sending one notice by e-mail through nodemailer: the notice's text as the body and the
 * meeting as an .ics invitation (or cancellation) attached, rebuilt from the meeting row.
 */
import nodemailer from 'nodemailer';
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
  ics: { method: 'REQUEST' | 'CANCEL'; content: string };
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
        attachments: [
          {
            filename: message.ics.method === 'CANCEL' ? 'huy-lich-hop.ics' : 'lich-hop.ics',
            content: message.ics.content,
            contentType: `text/calendar; charset=utf-8; method=${message.ics.method}`,
          },
        ],
      });
    },
    close: () => transport.close(),
  };
}

export function noticeMessage(notice: NoticeRow, meeting: MeetingRow, org: OrganizationRow, settings: DeliverySettings, now: Date): MailMessage | null {
  if (!notice.email) return null;
  const method = notice.kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const content = meetingInvitation(
    { meeting, cellName: org.name, description: notice.body, url: meetingLink(settings, meeting.id) },
    { method, now, organizer: { ...parseAddress(settings.from), name: org.name }, attendee: { name: notice.recipientName, email: notice.email } },
  );
  return { to: { name: notice.recipientName, address: notice.email }, subject: notice.title, text: notice.body, noticeId: notice.id, ics: { method, content } };
}
