/**
 * A meeting's life (issue 4): draft → announced → in progress → ended, or cancelled, and its
 * agenda. Every change goes through `changeMeeting` — row lock, revision check (409 when the
 * page was stale), status check, audit — and answers with the meeting's page built in the same
 * transaction. Announcing, moving and cancelling tell everyone in that transaction too.
 */
import crypto from 'node:crypto';
import { agendaCheck, agendaTemplate, announceRefusal, localDateOf, startRefusal, meetingPeriods, type AgendaItemInput, type CreateMeetingInput, type MeetingKind, type MeetingPeriods, type MeetingStatus, type UpdateMeetingInput } from '@chibo/core';
import type { Queryable, Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { grantPathsOf } from '../auth/auth.service.ts';
import { announcementPreview, notifyMeeting, type Recipient } from '../notices/notices.service.ts';
import { authorizeOnOrganization, settingsOf, type OrganizationRow } from '../organizations/organizations.service.ts';
import { papersOfMeeting } from '../papers/papers.service.ts';
import { rulesOf } from '../rule-overrides/rule-overrides.service.ts';
import { pageOf, type MeetingPage } from './meeting-page.service.ts';
import { requireCell, requireRevision, requireStatus } from './meetings.policy.ts';
import { attendeesOf, dayOfMeeting, loadMeeting, lockMeeting, type MeetingRow } from './meetings.service.ts';
import * as repo from './meetings.repo.ts';

/** The periods a meeting fulfils (core `meetingPeriods`), or a 400 naming the field. */
function periodsFor(kind: MeetingKind, day: string, given: Partial<MeetingPeriods>, stored?: MeetingPeriods): MeetingPeriods {
  const r = meetingPeriods(kind, day, given, stored);
  if (!r.ok) throw new AppError('validation_failed', r.message, { issues: [{ path: r.path, message: r.message }] });
  return { monthPeriod: r.monthPeriod, quarterPeriod: r.quarterPeriod };
}

/**
 * The chair and the minute-taker attend the meeting that day; guests with an account are people
 * of the cell's superior committees (or the cell itself): a notice is never sent to an account
 * elsewhere in the installation.
 */
async function checkPeople(db: Queryable, org: OrganizationRow, meeting: Pick<MeetingRow, 'kind' | 'startsAt'>, people: { chairMemberId?: string | null; minuteTakerMemberId?: string | null; guests?: readonly { accountId: string | null }[] }): Promise<void> {
  const ids = [people.chairMemberId, people.minuteTakerMemberId].filter((x): x is string => typeof x === 'string');
  if (ids.length > 0) {
    const roll = await attendeesOf(db, meeting, org);
    for (const [field, id, label] of [
      ['chairMemberId', people.chairMemberId, 'Người chủ trì'],
      ['minuteTakerMemberId', people.minuteTakerMemberId, 'Thư ký'],
    ] as const) {
      if (typeof id === 'string' && !roll.some((e) => e.memberId === id)) {
        const message = meeting.kind === 'preparatory' ? `${label} phải là thành viên chi ủy vào ngày họp.` : `${label} phải là đảng viên sinh hoạt ở chi bộ vào ngày họp.`;
        throw new AppError('validation_failed', message, { issues: [{ path: field, message }] });
      }
    }
  }
  const accountIds = (people.guests ?? []).map((g) => g.accountId).filter((x): x is string => x !== null);
  if (accountIds.length > 0) {
    const grants = await grantPathsOf(db, accountIds);
    for (const id of accountIds) {
      if (!grants.some((g) => g.accountId === id && org.path.startsWith(g.path))) {
        const message = 'Khách mời có tài khoản phải thuộc chi bộ hoặc cấp ủy cấp trên của chi bộ.';
        throw new AppError('validation_failed', message, { issues: [{ path: 'guests', message }] });
      }
    }
  }
}

const audit = (tx: Tx, ctx: Ctx, org: OrganizationRow, meetingId: string, action: string, data: Record<string, unknown>, at: Date) =>
  recordChange(tx, ctx, { at, action, targetType: 'meeting', targetId: meetingId, organization: org, data });

export async function createMeeting(ctx: Ctx, input: CreateMeetingInput): Promise<MeetingPage> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', input.organizationId);
  requireCell(org);
  const startsAt = new Date(input.startsAt);
  const day = localDateOf(startsAt, org.timeZone);
  const periods = periodsFor(input.kind, day, input);
  await checkPeople(ctx.db, org, { kind: input.kind, startsAt }, input);
  const usualPlace = (await settingsOf(ctx.db, [org])).get(org.id)?.meetingPlace.value ?? null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertMeeting(tx, {
      id: crypto.randomUUID(),
      organizationId: org.id,
      kind: input.kind,
      status: 'draft',
      ...periods,
      startsAt,
      plannedMinutes: input.plannedMinutes,
      place: input.place ?? usualPlace,
      onlineUrl: input.onlineUrl ?? null,
      topic: input.topic ?? null,
      chairMemberId: input.chairMemberId ?? null,
      minuteTakerMemberId: input.minuteTakerMemberId ?? null,
      guests: input.guests ?? [],
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.withAgenda) await repo.replaceAgenda(tx, row.id, agendaTemplate(input.kind, org.cellType, row.topic).map((i) => ({ ...i, paperId: null })));
    await audit(tx, ctx, org, row.id, 'meeting.created', { kind: row.kind, startsAt: row.startsAt.toISOString(), monthPeriod: row.monthPeriod, quarterPeriod: row.quarterPeriod }, now);
    return pageOf(tx, ctx, row, org);
  });
}

/** The year plan's drafts (year-plan.service), with their agenda from the template, in its transaction. */
export async function insertDrafts(tx: Tx, org: OrganizationRow, drafts: readonly (Pick<MeetingRow, 'kind' | 'monthPeriod' | 'quarterPeriod' | 'startsAt' | 'plannedMinutes' | 'place' | 'topic'>)[], now: Date): Promise<MeetingRow[]> {
  const created: MeetingRow[] = [];
  for (const d of drafts) {
    const row = await repo.insertMeeting(tx, { id: crypto.randomUUID(), organizationId: org.id, status: 'draft', ...d, createdAt: now, updatedAt: now });
    await repo.replaceAgenda(tx, row.id, agendaTemplate(d.kind, org.cellType, d.topic).map((i) => ({ ...i, paperId: null })));
    created.push(row);
  }
  return created;
}

/**
 * A change of a meeting by an officer: authorized on its cell, then in one transaction under the
 * meeting's row lock, refused when the page was stale (revision) or the status does not allow
 * it; `change` does the rest and returns the stored row, and the answer is the page after it.
 */
async function changeMeeting(
  ctx: Ctx,
  id: string,
  revision: number,
  allowed: readonly MeetingStatus[],
  refused: string,
  change: (tx: Tx, before: MeetingRow, org: OrganizationRow, now: Date) => Promise<MeetingRow>,
): Promise<MeetingPage> {
  const { org } = await loadMeeting(ctx, id, 'meeting.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (!before) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    requireRevision(before, revision);
    requireStatus(before, allowed, refused);
    const row = await change(tx, before, org, now);
    return pageOf(tx, ctx, row, org);
  });
}

const EDITABLE = ['draft', 'announced'] as const;
/** What, changed on an announced meeting, is told to everyone again (the kind decides who is invited). */
const SCHEDULE_FIELDS = ['startsAt', 'place', 'onlineUrl', 'kind'] as const;

function pick(row: MeetingRow, keys: readonly (keyof MeetingRow)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] instanceof Date ? row[k].toISOString() : row[k]]));
}

/** Edit details; moving an announced meeting (time, place, link) tells everyone again. */
export async function updateMeeting(ctx: Ctx, id: string, input: UpdateMeetingInput): Promise<MeetingPage> {
  return changeMeeting(ctx, id, input.revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy, không sửa được kế hoạch.', async (tx, before, org, now) => {
    const patch: Partial<MeetingRow> = {};
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt);
    if (input.plannedMinutes !== undefined) patch.plannedMinutes = input.plannedMinutes;
    if (input.place !== undefined) patch.place = input.place;
    if (input.onlineUrl !== undefined) patch.onlineUrl = input.onlineUrl;
    if (input.topic !== undefined) patch.topic = input.topic;
    if (input.chairMemberId !== undefined) patch.chairMemberId = input.chairMemberId;
    if (input.minuteTakerMemberId !== undefined) patch.minuteTakerMemberId = input.minuteTakerMemberId;
    if (input.guests !== undefined) patch.guests = input.guests;
    if (input.note !== undefined) patch.note = input.note;
    const kind = patch.kind ?? before.kind;
    const startsAt = patch.startsAt ?? before.startsAt;
    const day = localDateOf(startsAt, org.timeZone);
    if (input.kind !== undefined || input.startsAt !== undefined || input.monthPeriod !== undefined || input.quarterPeriod !== undefined) {
      Object.assign(patch, periodsFor(kind, day, { monthPeriod: input.monthPeriod, quarterPeriod: input.quarterPeriod }, before));
    }
    await checkPeople(tx, org, { kind, startsAt }, {
      chairMemberId: patch.chairMemberId ?? before.chairMemberId,
      minuteTakerMemberId: patch.minuteTakerMemberId ?? before.minuteTakerMemberId,
      guests: patch.guests ?? [],
    });
    const moved =
      before.status === 'announced' &&
      SCHEDULE_FIELDS.some((f) => {
        const a = patch[f];
        const b = before[f];
        return a !== undefined && (a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b);
      });
    if (moved && patch.startsAt && patch.startsAt.getTime() < now.getTime()) {
      throw new AppError('validation_failed', 'Không thể dời cuộc họp về thời điểm đã qua.', { issues: [{ path: 'startsAt', message: 'Thời điểm đã qua.' }] });
    }
    const row = await repo.updateMeeting(tx, id, patch, now);
    const keys = Object.keys(patch) as (keyof MeetingRow)[];
    await audit(tx, ctx, org, id, moved ? 'meeting.moved' : 'meeting.updated', { before: pick(before, keys), after: pick(row, keys), ...(input.reason ? { reason: input.reason } : {}) }, now);
    if (moved) await notifyMeeting(tx, ctx.delivery, { meeting: row, org, kind: 'moved', now, reason: input.reason ?? null });
    return row;
  });
}

/** draft → announced: every member expected and the superior's follower are told, reminders are set. */
export async function announceMeeting(ctx: Ctx, id: string, revision: number): Promise<MeetingPage> {
  return changeMeeting(ctx, id, revision, ['draft'], 'Chỉ công bố được cuộc họp đang ở dạng dự kiến.', async (tx, before, org, now) => {
    const why = announceRefusal(before, now);
    if (why) throw new AppError('validation_failed', why, before.place || before.onlineUrl ? undefined : { issues: [{ path: 'place', message: 'Chưa có địa điểm.' }] });
    const row = await repo.updateMeeting(tx, id, { status: 'announced', announcedAt: now }, now);
    const told = await notifyMeeting(tx, ctx.delivery, { meeting: row, org, kind: 'announced', now });
    await audit(tx, ctx, org, id, 'meeting.announced', { startsAt: row.startsAt.toISOString(), notices: told }, now);
    return row;
  });
}

export async function cancelMeeting(ctx: Ctx, id: string, revision: number, reason: string): Promise<MeetingPage> {
  return changeMeeting(ctx, id, revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy.', async (tx, before, org, now) => {
    const row = await repo.updateMeeting(tx, id, { status: 'cancelled', cancelledAt: now, cancelReason: reason }, now);
    const told = before.status === 'announced' ? await notifyMeeting(tx, ctx.delivery, { meeting: row, org, kind: 'cancelled', now, reason }) : 0;
    await audit(tx, ctx, org, id, 'meeting.cancelled', { reason, wasAnnounced: before.status === 'announced', notices: told }, now);
    return row;
  });
}

/** announced → in progress → ended (minutes and reporting come with later issues). */
export async function transitionMeeting(ctx: Ctx, id: string, revision: number, to: 'in_progress' | 'ended'): Promise<MeetingPage> {
  const [from, refused] = to === 'in_progress' ? (['announced', 'Chỉ bắt đầu được cuộc họp đã công bố.'] as const) : (['in_progress', 'Chỉ kết thúc được cuộc họp đang diễn ra.'] as const);
  return changeMeeting(ctx, id, revision, [from], refused, async (tx, before, org, now) => {
    if (to === 'in_progress') {
      const why = startRefusal(before.startsAt, org.timeZone, now);
      if (why) throw new AppError('action_unavailable', why);
    }
    const row = await repo.updateMeeting(tx, id, to === 'in_progress' ? { status: to, startedAt: now } : { status: to, endedAt: now }, now);
    await audit(tx, ctx, org, id, to === 'in_progress' ? 'meeting.started' : 'meeting.ended', {}, now);
    return row;
  });
}

export async function putAgenda(ctx: Ctx, id: string, revision: number, items: readonly AgendaItemInput[]): Promise<MeetingPage> {
  return changeMeeting(ctx, id, revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy, không sửa được chương trình.', async (tx, before, org, now) => {
    const paperIds = items.map((i) => i.paperId).filter((p): p is string => p !== null);
    if (new Set(paperIds).size !== paperIds.length) throw new AppError('validation_failed', 'Mỗi tham luận chỉ có một mục trong chương trình.');
    if (paperIds.length > 0) {
      const papers = await papersOfMeeting(tx, requireActor(ctx), org.path, id);
      const bad = paperIds.find((p) => !papers.some((x) => x.row.id === p && x.row.status === 'accepted'));
      if (bad) throw new AppError('validation_failed', 'Chỉ đưa vào chương trình tham luận đã được duyệt của cuộc họp này.');
    }
    const old = await repo.agendaOf(tx, id);
    await repo.replaceAgenda(tx, id, items.map((i) => ({ section: i.section, category: i.category, title: i.title, plannedMinutes: i.plannedMinutes, paperId: i.paperId })));
    const row = await repo.updateMeeting(tx, id, {}, now);
    const rulesOn = await rulesOf(tx, org);
    const check = agendaCheck(items, row.kind, rulesOn(dayOfMeeting(row, org)), before.plannedMinutes);
    await audit(tx, ctx, org, id, 'meeting.agenda_set', { before: old.map((i) => [i.title, i.plannedMinutes]), after: items.map((i) => [i.title, i.plannedMinutes]), total: check.total }, now);
    return row;
  });
}

export interface AnnouncementPreview {
  recipients: Recipient[];
  title: string;
  body: string;
  email: boolean;
  reminders: number[];
}

/** What announcing would send, to whom and by which way, before anything is sent (a draft only). */
export async function previewAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementPreview> {
  const { meeting, org } = await loadMeeting(ctx, id, 'meeting.manage');
  requireStatus(meeting, ['draft'], 'Chỉ công bố được cuộc họp đang ở dạng dự kiến.');
  const now = ctx.clock.now();
  const preview = await announcementPreview(ctx.db, ctx.delivery, meeting, org);
  const reminders = ctx.delivery.reminderOffsetsMinutes.filter((m) => meeting.startsAt.getTime() - m * 60_000 > now.getTime());
  return { ...preview, reminders: [...reminders] };
}
