/**
 * Papers (tham luận, issue 4 point 6): officers assign one to a member of the cell with a due
 * date; the author writes it in the app or hands in a file (checked by its bytes like a
 * document); officers accept it — it joins the agenda once — or return it with a comment.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { checkedFile } from '../documents/documents.service.ts';
import { requireOpenMeeting } from '../documents/documents.policy.ts';
import { appendAgendaItem, agendaOf, attendeesOf, dayOfMeeting, loadMeeting, lockMeeting, touchMeeting } from '../meetings/meetings.service.ts';
import { notifyWorkflow } from '../notices/notices.service.ts';
import { isAuthor, mayReadPaper } from './papers.policy.ts';
import * as repo from './papers.repo.ts';

export type { PaperRow } from './papers.repo.ts';

export interface PaperView {
  row: repo.PaperRow;
  /** May the caller read its text, file and comment (papers.policy)? */
  readable: boolean;
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

async function reread(db: Queryable, id: string): Promise<repo.PaperRow> {
  const row = await repo.findPaper(db, id);
  if (!row) throw new AppError('internal_error');
  return row;
}

export async function assignPaper(ctx: Ctx, meetingId: string, input: { title: string; authorMemberId: string; dueDate: string }): Promise<PaperView> {
  const { meeting, org } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  requireOpenMeeting(meeting.status, 'Cuộc họp đã kết thúc hoặc đã hủy.');
  if (!(await attendeesOf(ctx.db, meeting, org)).some((e) => e.memberId === input.authorMemberId)) {
    throw new AppError('validation_failed', 'Người viết tham luận phải là đảng viên sinh hoạt ở chi bộ vào ngày họp.', { issues: [{ path: 'authorMemberId', message: 'Không thuộc chi bộ.' }] });
  }
  if (input.dueDate > dayOfMeeting(meeting, org)) {
    throw new AppError('validation_failed', 'Hạn nộp tham luận phải trước hoặc đúng ngày họp.', { issues: [{ path: 'dueDate', message: 'Sau ngày họp.' }] });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    await repo.insertPaper(tx, { id, meetingId, title: input.title, authorMemberId: input.authorMemberId, dueDate: input.dueDate, createdAt: now });
    await recordChange(tx, ctx, { at: now, action: 'meeting.paper_assigned', targetType: 'meeting', targetId: meetingId, organization: org, data: { paperId: id, title: input.title, authorMemberId: input.authorMemberId, dueDate: input.dueDate } });
    return { row: await reread(tx, id), readable: true };
  });
}

/** What the author hands in: the text written in the app, or a file (typed by its bytes). */
export type PaperSubmission = { body: string } | { fileName: string; bytes: Buffer };

/** The author writes or uploads the paper — again after it was returned, or to replace what waits for a decision. */
export async function submitPaper(ctx: Ctx, id: string, submission: PaperSubmission): Promise<PaperView> {
  const actor = requireActor(ctx);
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { meeting, org } = await loadMeeting(ctx, paper.meetingId, 'meeting.read');
  if (!isAuthor(actor, paper)) throw new AppError('forbidden', 'Chỉ người được phân công mới nộp được tham luận này.');
  requireOpenMeeting(meeting.status, 'Cuộc họp đã kết thúc hoặc đã hủy.');
  const file = 'bytes' in submission ? checkedFile(submission.fileName, submission.bytes) : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.findPaper(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy tham luận.');
    if (locked.status === 'accepted') throw new AppError('conflict', 'Tham luận đã được duyệt: không sửa được nữa.');
    // A new submission replaces the previous one, text or file.
    const content = file ? { body: null, fileName: file.fileName, contentType: file.contentType, content: file.bytes } : { body: 'body' in submission ? submission.body : null, fileName: null, contentType: null, content: null };
    await repo.updatePaper(tx, id, { ...content, status: 'submitted', submittedAt: now });
    await recordChange(tx, ctx, {
      at: now,
      action: 'meeting.paper_submitted',
      targetType: 'meeting',
      targetId: paper.meetingId,
      organization: org,
      data: {
        paperId: id,
        ...(file ? { fileName: file.fileName, contentType: file.contentType, size: file.bytes.length } : { length: content.body?.length ?? 0 }),
        sha256: sha256(file ? file.bytes : Buffer.from(content.body ?? '')),
        ...(locked.status === 'submitted' ? { replaced: true } : {}),
      },
    });
    // The officers are told a paper waits for their decision.
    await notifyWorkflow(tx, ctx.delivery, { kind: 'paper_submitted', meeting, org, memberId: paper.authorMemberId, memberName: paper.authorName, paperTitle: paper.title, stepId: id, now });
    return { row: await reread(tx, id), readable: true };
  });
}

/** A paper's file, for its author, the officers, and everyone once it is accepted. */
export async function paperFile(ctx: Ctx, id: string): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const actor = requireActor(ctx);
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { org } = await loadMeeting(ctx, paper.meetingId, 'meeting.read');
  if (!mayReadPaper(actor, org.path, paper)) throw new AppError('forbidden', 'Tham luận chưa được duyệt: chỉ người viết và chi ủy được xem.');
  const content = await repo.paperContent(ctx.db, id);
  if (!content || !paper.fileName || !paper.contentType) throw new AppError('not_found', 'Tham luận này không có tệp đính kèm.');
  return { fileName: paper.fileName, contentType: paper.contentType, content };
}

/** Officers accept a paper (it joins the agenda) or return it with a comment. */
export async function decidePaper(ctx: Ctx, id: string, decision: 'accept' | 'return', comment: string | null): Promise<PaperView> {
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
    requireOpenMeeting(meeting.status, 'Cuộc họp đã kết thúc hoặc đã hủy.');
    await repo.updatePaper(tx, id, { status: decision === 'accept' ? 'accepted' : 'returned', comment, decidedAt: now });
    if (decision === 'accept' && !(await agendaOf(tx, meeting.id)).some((i) => i.paperId === id)) {
      await appendAgendaItem(tx, meeting.id, { section: 'content', category: 'paper', title: `Tham luận: ${locked.title} (đ/c ${locked.authorName})`, plannedMinutes: 10, paperId: id });
      await touchMeeting(tx, meeting.id, now);
    }
    await recordChange(tx, ctx, { at: now, action: decision === 'accept' ? 'meeting.paper_accepted' : 'meeting.paper_returned', targetType: 'meeting', targetId: meeting.id, organization: org, data: { paperId: id, comment } });
    // The author is told the decision.
    await notifyWorkflow(tx, ctx.delivery, { kind: 'paper_decided', meeting, org, memberId: locked.authorMemberId, memberName: locked.authorName, paperTitle: locked.title, outcome: decision === 'accept' ? 'accepted' : 'returned', text: comment, stepId: id, now });
    return { row: await reread(tx, id), readable: true };
  });
}

/** The author takes a submitted paper back before it is decided (it is theirs to finish again). */
export async function withdrawPaper(ctx: Ctx, id: string): Promise<PaperView> {
  const actor = requireActor(ctx);
  const paper = await repo.findPaper(ctx.db, id);
  if (!paper) throw new AppError('not_found', 'Không tìm thấy tham luận.');
  const { meeting, org } = await loadMeeting(ctx, paper.meetingId, 'meeting.read');
  if (!isAuthor(actor, paper)) throw new AppError('forbidden', 'Chỉ người viết mới rút được tham luận này.');
  requireOpenMeeting(meeting.status, 'Cuộc họp đã kết thúc hoặc đã hủy.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.findPaper(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy tham luận.');
    if (locked.status !== 'submitted') throw new AppError('conflict', locked.status === 'accepted' ? 'Tham luận đã được duyệt: không rút được nữa.' : 'Tham luận chưa nộp hoặc đã được trả lại.');
    // What was written stays as the author's draft: taking it back is not deleting it.
    await repo.updatePaper(tx, id, { status: 'assigned', submittedAt: null });
    await recordChange(tx, ctx, { at: now, action: 'meeting.paper_withdrawn', targetType: 'meeting', targetId: paper.meetingId, organization: org, data: { paperId: id } });
    return { row: await reread(tx, id), readable: true };
  });
}

/** A meeting's papers as the caller may see them (papers.policy). */
export async function papersOfMeeting(db: Queryable, actor: Actor, cellPath: string, meetingId: string): Promise<PaperView[]> {
  return (await repo.papersOf(db, [meetingId])).map((row) => ({ row, readable: mayReadPaper(actor, cellPath, row) }));
}

/** Papers the member still has to hand in (assigned or returned), of meetings still ahead. */
export function papersToWrite(db: Queryable, memberId: string, limit: number) {
  return repo.papersWaiting(db, { authorMemberId: memberId, statuses: ['assigned', 'returned'], limit });
}

/** Papers handed in and waiting for the officers of these cells to decide. */
export function papersToDecide(db: Queryable, cellIds: readonly string[], limit: number) {
  return cellIds.length === 0 ? Promise.resolve([]) : repo.papersWaiting(db, { cellIds, statuses: ['submitted'], limit });
}
