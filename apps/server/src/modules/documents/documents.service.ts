/**
 * A meeting's documents (issue 4, point 5): the type read from the bytes, never the name; the
 * posting time kept (compliance reads it: documents posted at least a day before). Officers post
 * and remove them while the meeting is open; everyone who reads the meeting reads its documents.
 */
import crypto from 'node:crypto';
import { ALLOWED_DOCUMENTS_TEXT, DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, sniffDocumentType, type DocumentKind } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { loadMeeting, lockMeeting } from '../meetings/meetings.service.ts';
import { requireOpenMeeting } from './documents.policy.ts';
import * as repo from './documents.repo.ts';

export type { DocumentMeta } from './documents.repo.ts';

export interface UploadDocument {
  kind: DocumentKind;
  title: string;
  fileName: string;
}

export interface CheckedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * A file a meeting keeps (document or paper): not empty, not too big, and really of an allowed
 * type; stored under its name with the real type's extension.
 */
export function checkedFile(fileName: string, bytes: Buffer): CheckedFile {
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

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export async function uploadDocument(ctx: Ctx, meetingId: string, meta: UploadDocument, bytes: Buffer): Promise<repo.DocumentMeta> {
  const actor = requireActor(ctx);
  const { org } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  const file = checkedFile(meta.fileName, bytes);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    requireOpenMeeting(meeting.status, 'Cuộc họp đã kết thúc hoặc đã hủy, không đăng thêm tài liệu.');
    const id = crypto.randomUUID();
    await repo.insertDocument(tx, {
      id,
      meetingId,
      kind: meta.kind,
      title: meta.title,
      fileName: file.fileName,
      contentType: file.contentType,
      size: bytes.length,
      sha256: sha256(bytes),
      content: bytes,
      postedByAccountId: actor.accountId,
      postedAt: now,
    });
    await recordChange(tx, ctx, {
      at: now,
      action: 'meeting.document_posted',
      targetType: 'meeting',
      targetId: meetingId,
      organization: org,
      data: { documentId: id, title: meta.title, kind: meta.kind, fileName: file.fileName, size: bytes.length, contentType: file.contentType },
    });
    const stored = await repo.findDocumentMeta(tx, id);
    if (!stored) throw new AppError('internal_error');
    return { ...stored, postedBy: actor.displayName };
  });
}

async function documentWithMeeting(ctx: Ctx, id: string, permission: 'meeting.read' | 'meeting.manage') {
  const doc = await repo.findDocumentMeta(ctx.db, id);
  if (!doc) throw new AppError('not_found', 'Không tìm thấy tài liệu.');
  const { meeting, org } = await loadMeeting(ctx, doc.meetingId, permission);
  return { doc, meeting, org };
}

export async function documentFile(ctx: Ctx, id: string): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const { doc } = await documentWithMeeting(ctx, id, 'meeting.read');
  const content = await repo.documentContent(ctx.db, id);
  if (!content) throw new AppError('not_found', 'Không tìm thấy tài liệu.');
  return { fileName: doc.fileName, contentType: doc.contentType, content };
}

export async function deleteDocument(ctx: Ctx, id: string): Promise<void> {
  const { doc, meeting, org } = await documentWithMeeting(ctx, id, 'meeting.manage');
  await ctx.db.transaction(async (tx) => {
    // Under the meeting's lock: ending the meeting and removing its document do not interleave.
    const locked = await lockMeeting(tx, meeting.id);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    requireOpenMeeting(locked.status, 'Cuộc họp đã kết thúc hoặc đã hủy, không xóa tài liệu.');
    await repo.deleteDocument(tx, id);
    await recordChange(tx, ctx, { action: 'meeting.document_removed', targetType: 'meeting', targetId: meeting.id, organization: org, data: { documentId: id, title: doc.title, fileName: doc.fileName, sha256: doc.sha256 } });
  });
}

/** A meeting's documents, oldest first (its page and the member's card list them). */
export function documentsOfMeeting(db: Queryable, meetingId: string): Promise<repo.DocumentMeta[]> {
  return repo.documentsOf(db, meetingId);
}
