/**
 * The demo's present (issue 9, point 13): a newcomer should find working cells, not empty ones.
 * Each demo cell has held this year's regular meetings so far by the target-day rule, the
 * quarter's thematic part in the middle month of each quarter, and its next meeting announced
 * (with its draft resolution posted and the members told). The Quỹ trợ vốn cell also shows a
 * meeting held late and a month missed, and the Văn phòng cell one held late, so every state of
 * the year plan and of the superior's table is there to see. Meetings are written as they would
 * stand after being held: the officers' actions check today's clock, which the past cannot meet.
 */
import crypto from 'node:crypto';
import { agendaTemplate, agendaTotal, instantOf, localDateOf, plannedRegularDay, ruleSetFor, type MeetingKind } from '@chibo/core';
import type { DeliverySettings } from '../config/config.ts';
import type { Tx } from '../db/client.ts';
import type { AuditChange } from '../modules/audit/audit.service.ts';
import { notifyMeeting } from '../modules/notices/notices.service.ts';
import { findMeeting } from '../modules/meetings/meetings.service.ts';
import type { OrganizationRow } from '../modules/organizations/organizations.service.ts';
import { insertAgendaRows, insertDocumentRow, insertMeetingRows, type MeetingValues } from './demo.repo.ts';

const TIME = '14:00';
const pad = (n: number) => String(n).padStart(2, '0');

/** What each cell shows besides meetings held on time: month numbers counted back from the current one. */
export interface DemoYearShape {
  /** Held, but after the target day (months back from the current month: 2 = two months ago). */
  lateMonthsBack: number | null;
  /** Not held at all. */
  missedMonthsBack: number | null;
}

export const DEMO_YEAR_SHAPES: readonly DemoYearShape[] = [
  { lateMonthsBack: 3, missedMonthsBack: 2 },
  { lateMonthsBack: 2, missedMonthsBack: null },
  { lateMonthsBack: null, missedMonthsBack: null },
];

/** A one-page PDF, so the announced meeting has its draft resolution posted. */
export function demoPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Session {
  month: string;
  kind: MeetingKind;
  quarter: string | null;
  day: string;
}

/** This year's sessions up to and including the next one ahead of `now`, each month's by the target-day rule. */
function sessionsOf(now: Date, timeZone: string): { past: Session[]; next: Session } {
  const today = localDateOf(now, timeZone);
  const year = Number(today.slice(0, 4));
  const past: Session[] = [];
  for (let y = year, m = 1; ; m === 12 ? ((m = 1), y++) : m++) {
    const month = `${y}-${pad(m)}`;
    const rules = ruleSetFor(`${month}-01`);
    const { date } = plannedRegularDay(y, m, rules.targetDay.value);
    // The quarter's thematic part goes with its middle month (the year plan's default).
    const thematic = m % 3 === 2;
    const s: Session = { month, kind: thematic ? 'combined' : 'regular', quarter: thematic ? `${y}-Q${Math.ceil(m / 3)}` : null, day: date };
    if (instantOf(date, TIME, timeZone) > now) return { past, next: s };
    past.push(s);
  }
}

export interface DemoYearArgs {
  cell: OrganizationRow;
  shape: DemoYearShape;
  now: Date;
  chairMemberId: string | undefined;
  minuteTakerMemberId: string | undefined;
  followerAccountId: string | undefined;
  followerName: string;
  delivery: DeliverySettings;
}

/** Writes the cell's year so far and its next meeting; returns the audit changes to record with the seed's. */
export async function seedDemoYear(tx: Tx, a: DemoYearArgs): Promise<AuditChange[]> {
  const { cell, now } = a;
  const tz = cell.timeZone;
  const { past, next } = sessionsOf(now, tz);
  const back = (s: Session) => past.length - past.indexOf(s);
  const rows: MeetingValues[] = [];
  const agendas: { meetingId: string; kind: MeetingKind; topic: string | null }[] = [];
  const minutesOf = (kind: MeetingKind, topic: string | null) => agendaTotal(agendaTemplate(kind, cell.cellType, topic));
  const topicOf = (s: Session) => (s.quarter ? 'Nâng cao chất lượng sinh hoạt chi bộ và vai trò tiền phong, gương mẫu của đảng viên' : null);
  for (const s of past) {
    if (back(s) === a.shape.missedMonthsBack) continue;
    const late = back(s) === a.shape.lateMonthsBack;
    // Held late: a week after the target day (still in its month).
    const day = late ? `${s.month}-${pad(Math.min(Number(s.day.slice(8)) + 7, 28))}` : s.day;
    const startsAt = instantOf(day, TIME, tz);
    const id = crypto.randomUUID();
    const topic = topicOf(s);
    const plannedMinutes = minutesOf(s.kind, topic);
    const announcedAt = new Date(startsAt.getTime() - 10 * 86_400_000);
    rows.push({
      id,
      organizationId: cell.id,
      kind: s.kind,
      status: 'ended',
      monthPeriod: s.month,
      quarterPeriod: s.quarter,
      startsAt,
      plannedMinutes,
      place: 'Phòng họp cơ quan',
      topic,
      chairMemberId: a.chairMemberId ?? null,
      minuteTakerMemberId: a.minuteTakerMemberId ?? null,
      announcedAt,
      startedAt: startsAt,
      endedAt: new Date(startsAt.getTime() + plannedMinutes * 60_000),
      revision: 3,
      createdAt: announcedAt,
      updatedAt: startsAt,
    });
    agendas.push({ meetingId: id, kind: s.kind, topic });
  }
  const nextId = crypto.randomUUID();
  const nextTopic = topicOf(next);
  const nextStarts = instantOf(next.day, TIME, tz);
  const guests = a.followerAccountId ? [{ name: a.followerName, role: 'follower', accountId: a.followerAccountId }] : [];
  rows.push({
    id: nextId,
    organizationId: cell.id,
    kind: next.kind,
    status: 'announced',
    monthPeriod: next.month,
    quarterPeriod: next.quarter,
    startsAt: nextStarts,
    plannedMinutes: minutesOf(next.kind, nextTopic),
    place: 'Phòng họp cơ quan',
    topic: nextTopic,
    chairMemberId: a.chairMemberId ?? null,
    minuteTakerMemberId: a.minuteTakerMemberId ?? null,
    guests,
    announcedAt: now,
    revision: 2,
    createdAt: now,
    updatedAt: now,
  });
  agendas.push({ meetingId: nextId, kind: next.kind, topic: nextTopic });
  await insertMeetingRows(tx, rows);
  await insertAgendaRows(
    tx,
    agendas.flatMap(({ meetingId, kind, topic }) => agendaTemplate(kind, cell.cellType, topic).map((i, n) => ({ meetingId, position: n + 1, ...i, paperId: null }))),
  );
  const pdf = demoPdf();
  await insertDocumentRow(tx, {
    id: crypto.randomUUID(),
    meetingId: nextId,
    kind: 'draft_resolution',
    title: `Dự thảo nghị quyết tháng ${Number(next.month.slice(5))}/${next.month.slice(0, 4)}`,
    fileName: 'du-thao-nghi-quyet.pdf',
    contentType: 'application/pdf',
    size: pdf.length,
    sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    content: pdf,
    postedByAccountId: null,
    postedAt: now,
  });
  // Its members (and the follower) are told, as announcing does: the demo member's inbox has it.
  const announced = await findMeeting(tx, nextId);
  const told = announced ? await notifyMeeting(tx, a.delivery, { meeting: announced, org: cell, kind: 'announced', now }) : 0;
  return rows.map((r) => ({
    at: now,
    by: { accountId: null, name: 'chibo seed-demo' },
    action: r.status === 'announced' ? 'meeting.announced' : 'meeting.created',
    targetType: 'meeting',
    targetId: r.id ?? '',
    organization: cell,
    data: { demo: true, kind: r.kind, startsAt: r.startsAt instanceof Date ? r.startsAt.toISOString() : null, ...(r.status === 'announced' ? { notices: told } : { held: true }) },
  }));
}
