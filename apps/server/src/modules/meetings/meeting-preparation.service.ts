/**
 * What a meeting is prepared with (issue 4, points 5, 6, 8): documents (the type read from the
 * bytes, the posting time kept), papers (tham luận: assigned → submitted → accepted or
 * returned) and members' absence requests; and the member's "next meeting" card.
 */
import crypto from 'node:crypto';
import { and, asc, eq, gte, inArray, ne, or } from 'drizzle-orm';
import {
  ALLOWED_DOCUMENTS_TEXT,
  DOCUMENT_TYPES,
  localDateOf,
  meetsInCell,
  rollOn,
  sniffDocumentType,
  type DocumentKind,
} from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { absenceRequests, meetingDocuments, meetingPapers, meetings } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { actorCan, requireActor } from '../../lib/policy.ts';
import { loadMembers, rollOfCell } from '../members/members.repo.ts';
import { organizationsByIds, type OrganizationRow } from '../organizations/organizations.repo.ts';
import { lockMeeting, loadMeeting, type MeetingRow } from './meetings.access.ts';
import { audit, dayOfMeeting } from './meetings.service.ts';
import * as repo from './meetings.repo.ts';

/** A meeting document at most this big (the route refuses a larger body before reading it). */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

const CLOSED = ['ended', 'cancelled'];

/** Who meets with the cell on the meeting's day. */
async function attendeesOf(db: Queryable, meeting: MeetingRow, org: OrganizationRow) {
  return (await rollOfCell(db, org.id, dayOfMeeting(meeting, org))).filter(meetsInCell);
}

// ---------------------------------------------------------------- documents

export interface UploadDocument {
  kind: DocumentKind;
  title: string;
  fileName: string;
}

/**
 * A file a meeting keeps (document or paper): not empty, not too big, and really of an allowed
 * type; stored under its name with the real type's extension.
 */
function checkedFile(fileName: string, bytes: Buffer): { fileName: string; contentType: string; bytes: Buffer } {
  if (bytes.length === 0) throw new AppError('validation_failed', 'Tệp rỗng.');
  if (bytes.length > DOCUMENT_MAX_BYTES) throw new AppError('payload_too_large', `Tệp quá lớn: tối đa ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB.`);
  const type = sniffDocumentType(bytes);
  if (!type) {
    throw new AppError('unsupported_media_type', `Nội dung tệp "${fileName}" không phải loại được nhận (${ALLOWED_DOCUMENTS_TEXT}). Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.`);
  }
  const info = DOCUMENT_TYPES[type];
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return { fileName: `${base}.${info.extension}`, contentType: info.contentType, bytes };
}

export async function uploadDocument(ctx: Ctx, meetingId: string, meta: UploadDocument, bytes: Buffer): Promise<repo.DocumentMeta> {
  const actor = requireActor(ctx);
  const { org } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  const file = checkedFile(meta.fileName, bytes);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    if (CLOSED.includes(meeting.status)) throw new AppError('conflict', 'Cuộc họp đã kết thúc hoặc đã hủy, không đăng thêm tài liệu.');
    const [row] = await tx
      .insert(meetingDocuments)
      .values({
        id: crypto.randomUUID(),
        meetingId,
        kind: meta.kind,
        title: meta.title,
        fileName: file.fileName,
        contentType: file.contentType,
        size: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
        postedByAccountId: actor.accountId,
        postedAt: now,
      })
      .returning({ id: meetingDocuments.id });
    if (!row) throw new AppError('internal_error');
    await audit(tx, ctx, org, meetingId, 'meeting.document_posted', { documentId: row.id, title: meta.title, kind: meta.kind, fileName: file.fileName, size: bytes.length, contentType: file.contentType });
    const stored = (await repo.documentsOf(tx, meetingId)).find((d) => d.id === row.id);
    if (!stored) throw new AppError('internal_error');
    return stored;
  });
}

async function documentWithMeeting(ctx: Ctx, id: string, permission: 'meeting.read' | 'meeting.manage') {
  const doc = await repo.findDocumentMeta(ctx.db, id);
  if (!doc) throw new AppError('not_found', 'Không tìm thấy tài liệu.');
  const { meeting, org } = await loadMeeting(ctx, doc.meetingId, permission);
  return { doc, meeting, org };
}

export async function documentFile(ctx: Ctx, id: string): Promise<{ doc: repo.DocumentMeta; content: Uint8Array }> {
  const { doc } = await documentWithMeeting(ctx, id, 'meeting.read');
  const content = await repo.documentContent(ctx.db, id);
  if (!content) throw new AppError('not_found', 'Không tìm thấy tài liệu.');
  return { doc, content };
}

export async function deleteDocument(ctx: Ctx, id: string): Promise<void> {
  const { doc, meeting, org } = await documentWithMeeting(ctx, id, 'meeting.manage');
  await ctx.db.transaction(async (tx) => {
    // Under the meeting's lock: ending the meeting and removing its document do not interleave.
    const locked = await lockMeeting(tx, meeting.id);
    if (!locked || CLOSED.includes(locked.status)) throw new AppError('conflict', 'Cuộc họp đã kết thúc hoặc đã hủy, không xóa tài liệu.');
    await tx.delete(meetingDocuments).where(eq(meetingDocuments.id, id));
    await audit(tx, ctx, org, meeting.id, 'meeting.document_removed', { documentId: id, title: doc.title, fileName: doc.fileName, sha256: doc.sha256 });
  });
}

// ---------------------------------------------------------------- papers

export async function assignPaper(ctx: Ctx, meetingId: string, input: { title: string; authorMemberId: string; dueDate: string }): Promise<repo.PaperRow> {
  const { meeting, org } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  if (CLOSED.includes(meeting.status)) throw new AppError('conflict', 'Cuộc họp đã kết thúc hoặc đã hủy.');
  if (!(await attendeesOf(ctx.db, meeting, org)).some((e) => e.memberId === input.authorMemberId)) {
    throw new AppError('validation_failed', 'Người viết tham luận phải là đảng viên sinh hoạt ở chi bộ vào ngày họp.', { issues: [{ path: 'authorMemberId', message: 'Không thuộc chi bộ.' }] });
  }
  if (input.dueDate > dayOfMeeting(meeting, org)) {
    throw new AppError('validation_failed', 'Hạn nộp tham luận phải trước hoặc đúng ngày họp.', { issues: [{ path: 'dueDate', message: 'Sau ngày họp.' }] });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    await tx.insert(meetingPapers).values({ id, meetingId, title: input.title, authorMemberId: input.authorMemberId, dueDate: input.dueDate, createdAt: now });
    await audit(tx, ctx, org, meetingId, 'meeting.paper_assigned', { paperId: id, title: input.title, authorMemberId: input.authorMemberId, dueDate: input.dueDate });
    const row = await repo.findPaper(tx, id);
    if (!row) throw new AppError('internal_error');
    return row;
  });
}

/** What the author hands in: the text written in the app, or a file (typed by its bytes). */
export type PaperSubmission = { body: string } | { fileName: string; bytes: Buffer };

/** The author writes or uploads the paper (again, after it was returned). */
export async function submitPaper(ctx: Ctx, id: string, submission: PaperSubmission): Promise<repo.PaperRow> {
  const actor = requireActor(ctx);
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { meeting, org } = await loadMeeting(ctx, paper.meetingId, 'meeting.read');
  if (actor.memberId !== paper.authorMemberId) throw new AppError('forbidden', 'Chỉ người được phân công mới nộp được tham luận này.');
  if (CLOSED.includes(meeting.status)) throw new AppError('conflict', 'Cuộc họp đã kết thúc hoặc đã hủy.');
  const file = 'bytes' in submission ? checkedFile(submission.fileName, submission.bytes) : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.findPaper(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy tham luận.');
    if (locked.status !== 'assigned' && locked.status !== 'returned') throw new AppError('conflict', locked.status === 'accepted' ? 'Tham luận đã được duyệt.' : 'Tham luận đã nộp, đang chờ duyệt.');
    // A new submission replaces the previous one, text or file.
    const content = file ? { body: null, fileName: file.fileName, contentType: file.contentType, content: file.bytes } : { body: (submission as { body: string }).body, fileName: null, contentType: null, content: null };
    await tx.update(meetingPapers).set({ ...content, status: 'submitted', submittedAt: now }).where(eq(meetingPapers.id, id));
    const hashed = file ? file.bytes : Buffer.from(content.body ?? '');
    await audit(tx, ctx, org, paper.meetingId, 'meeting.paper_submitted', {
      paperId: id,
      ...(file ? { fileName: file.fileName, contentType: file.contentType, size: file.bytes.length } : { length: content.body?.length ?? 0 }),
      sha256: crypto.createHash('sha256').update(hashed).digest('hex'),
    });
    const row = await repo.findPaper(tx, id);
    if (!row) throw new AppError('internal_error');
    return row;
  });
}

/** A paper's file, for its author, the officers, and everyone once it is accepted. */
export async function paperFile(ctx: Ctx, id: string): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const actor = requireActor(ctx);
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { org } = await loadMeeting(ctx, paper.meetingId, 'meeting.read');
  const mayRead = paper.status === 'accepted' || paper.authorMemberId === actor.memberId || actorCan(actor, 'meeting.manage', org.path);
  if (!mayRead) throw new AppError('forbidden', 'Tham luận chưa được duyệt: chỉ người viết và chi ủy được xem.');
  const content = await repo.paperContent(ctx.db, id);
  if (!content || !paper.fileName || !paper.contentType) throw new AppError('not_found', 'Tham luận này không có tệp đính kèm.');
  return { fileName: paper.fileName, contentType: paper.contentType, content };
}

/** Officers accept a paper (it joins the agenda) or return it with a comment. */
export async function decidePaper(ctx: Ctx, id: string, decision: 'accept' | 'return', comment: string | null): Promise<repo.PaperRow> {
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { org } = await loadMeeting(ctx, paper.meetingId, 'meeting.manage');
  if (decision === 'return' && !comment) throw new AppError('validation_failed', 'Cần ghi ý kiến khi trả lại tham luận.', { issues: [{ path: 'comment', message: 'Cần ghi ý kiến.' }] });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, paper.meetingId);
    const locked = await repo.findPaper(tx, id, true);
    if (!meeting || !locked) throw new AppError('not_found', 'Không tìm thấy tham luận.');
    if (locked.status !== 'submitted') throw new AppError('conflict', 'Chỉ duyệt được tham luận đã nộp.');
    if (CLOSED.includes(meeting.status)) throw new AppError('conflict', 'Cuộc họp đã kết thúc hoặc đã hủy.');
    await tx
      .update(meetingPapers)
      .set({ status: decision === 'accept' ? 'accepted' : 'returned', comment, decidedAt: now })
      .where(eq(meetingPapers.id, id));
    if (decision === 'accept') {
      const agenda = await repo.agendaOf(tx, meeting.id);
      if (!agenda.some((i) => i.paperId === id)) {
        await repo.appendAgendaItem(tx, meeting.id, { section: 'content', category: 'paper', title: `Tham luận: ${locked.title} (đ/c ${locked.authorName})`, plannedMinutes: 10, paperId: id });
        await repo.updateMeeting(tx, meeting.id, {}, now);
      }
    }
    await audit(tx, ctx, org, meeting.id, decision === 'accept' ? 'meeting.paper_accepted' : 'meeting.paper_returned', { paperId: id, comment });
    const row = await repo.findPaper(tx, id);
    if (!row) throw new AppError('internal_error');
    return row;
  });
}

// ---------------------------------------------------------------- absence requests

export async function requestAbsence(ctx: Ctx, meetingId: string, reason: string): Promise<repo.AbsenceRow> {
  const actor = requireActor(ctx);
  const { meeting, org } = await loadMeeting(ctx, meetingId, 'meeting.read');
  if (!actor.memberId) throw new AppError('forbidden', 'Tài khoản này không gắn với đảng viên nào.');
  if (meeting.status !== 'announced' && meeting.status !== 'draft') throw new AppError('conflict', 'Chỉ xin vắng mặt được trước khi cuộc họp diễn ra.');
  const now = ctx.clock.now();
  if (meeting.startsAt.getTime() <= now.getTime()) throw new AppError('conflict', 'Cuộc họp đã đến giờ: không xin vắng mặt được nữa.');
  const memberId = actor.memberId;
  if (!(await attendeesOf(ctx.db, meeting, org)).some((e) => e.memberId === memberId)) throw new AppError('forbidden', 'Bạn không thuộc danh sách đảng viên dự cuộc họp này.');
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.absenceOfMember(tx, meetingId, memberId);
    if (existing && existing.status !== 'refused') {
      throw new AppError('conflict', existing.status === 'approved' ? 'Đơn xin vắng mặt của bạn đã được chấp thuận.' : 'Bạn đã gửi đơn xin vắng mặt, đang chờ xem xét.');
    }
    if (existing) {
      await tx.update(absenceRequests).set({ reason, status: 'pending', decidedAt: null, decidedByAccountId: null, decisionNote: null, createdAt: now }).where(eq(absenceRequests.id, existing.id));
    } else {
      await tx.insert(absenceRequests).values({ id: crypto.randomUUID(), meetingId, memberId, reason, createdAt: now });
    }
    const row = await repo.absenceOfMember(tx, meetingId, memberId);
    if (!row) throw new AppError('internal_error');
    await audit(tx, ctx, org, meetingId, 'meeting.absence_requested', { requestId: row.id, memberId, reason });
    return row;
  });
}

export async function decideAbsence(ctx: Ctx, id: string, decision: 'approve' | 'refuse', note: string | null): Promise<repo.AbsenceRow> {
  const actor = requireActor(ctx);
  const request = await repo.findAbsence(ctx.db, id);
  if (!request) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
  const { org } = await loadMeeting(ctx, request.meetingId, 'meeting.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, request.meetingId);
    if (meeting?.status === 'cancelled') throw new AppError('conflict', 'Cuộc họp đã hủy.');
    const locked = await repo.findAbsence(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
    if (locked.status !== 'pending') throw new AppError('conflict', 'Đơn này đã được xem xét.');
    await tx
      .update(absenceRequests)
      .set({ status: decision === 'approve' ? 'approved' : 'refused', decidedAt: now, decidedByAccountId: actor.accountId, decisionNote: note })
      .where(eq(absenceRequests.id, id));
    await audit(tx, ctx, org, request.meetingId, decision === 'approve' ? 'meeting.absence_approved' : 'meeting.absence_refused', { requestId: id, memberId: request.memberId, note });
    const row = await repo.findAbsence(tx, id);
    if (!row) throw new AppError('internal_error');
    return row;
  });
}

// ---------------------------------------------------------------- the member's next meeting

/**
 * The next meeting the caller is expected at: announced or under way, in a cell where they
 * stand on the roll that day (their own, or one they are temporarily attached to).
 */
export async function nextMeetingOf(ctx: Ctx): Promise<{ meeting: MeetingRow; org: OrganizationRow } | null> {
  const actor = requireActor(ctx);
  if (!actor.memberId) return null;
  const memberId = actor.memberId;
  const [loaded] = await loadMembers(ctx.db, [memberId]);
  if (!loaded) return null;
  const cellIds = [...new Set(loaded.history.memberships.map((m) => m.organizationId))];
  if (cellIds.length === 0) return null;
  // A meeting under way is still "next" until it ends; one that started a day ago is not.
  const since = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const candidates = await ctx.db
    .select()
    .from(meetings)
    .where(and(inArray(meetings.organizationId, cellIds), or(eq(meetings.status, 'announced'), eq(meetings.status, 'in_progress')), gte(meetings.startsAt, since), ne(meetings.kind, 'preparatory')))
    .orderBy(asc(meetings.startsAt))
    .limit(20);
  const cells = new Map((await organizationsByIds(ctx.db, [...new Set(candidates.map((m) => m.organizationId))])).map((o) => [o.id, o]));
  for (const meeting of candidates) {
    const org = cells.get(meeting.organizationId);
    if (!org) continue;
    const entry = rollOn([loaded.history], org.id, localDateOf(meeting.startsAt, org.timeZone))[0];
    if (entry && meetsInCell(entry)) return { meeting, org };
  }
  return null;
}
