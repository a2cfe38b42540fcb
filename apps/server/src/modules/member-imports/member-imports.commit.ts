/**
 * The commit's writes, inside its transaction: new members by COPY (members.service), each
 * update under the member's row lock with the revision the check saw, and the audit entries
 * in one batch. What was read for a new member is the upload (its SHA-256 is in the import's
 * summary entry) and the row number, so each entry stays small.
 */
import { foldForSearch, type ImportedMember, type ImportPreviewDto } from '@chibo/core';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { recordChanges, type AuditChange } from '../audit/audit.service.ts';
import { insertImportedMembers, updateImportedMember } from '../members/members.service.ts';
import type { OrganizationRow } from '../organizations/organizations.service.ts';
import type { RowToWrite } from './member-imports.analysis.ts';
import type { ImportRow } from './member-imports.repo.ts';

const personOf = (v: Pick<ImportedMember, 'gender' | 'birthDate' | 'email' | 'phone'>) => ({ gender: v.gender, birthDate: v.birthDate, email: v.email, phone: v.phone });

export async function writeCheckedRows(
  ctx: Ctx,
  tx: Tx,
  actor: Actor,
  cell: OrganizationRow,
  imp: ImportRow,
  checks: readonly RowToWrite[],
  counts: ImportPreviewDto['counts'],
  onWritten: (done: number) => void,
): Promise<void> {
  const now = ctx.clock.now();
  const creates = checks.flatMap((r) => (r.action === 'create' && r.value && r.parts ? [{ row: r.row, value: r.value, parts: r.parts }] : []));
  const updates = checks.flatMap((r) =>
    r.action === 'update' && r.value && r.parts && r.memberId && r.memberRevision !== null ? [{ row: r.row, value: r.value, parts: r.parts, memberId: r.memberId, revision: r.memberRevision }] : [],
  );
  const audit: AuditChange[] = [];
  const entry = (action: string, targetId: string, data: Record<string, unknown>): AuditChange => ({
    at: now,
    by: { accountId: actor.accountId, name: actor.displayName },
    action,
    targetType: 'member',
    targetId,
    organization: cell,
    data: { importId: imp.id, ...data },
  });
  const ids = await insertImportedMembers(
    tx,
    creates.map(({ value: v, parts }) => ({
      values: { fullName: v.fullName, searchName: foldForSearch(v.fullName), admittedOn: v.admittedOn, createdAt: now, updatedAt: now, ...personOf(v) },
      parts,
    })),
  );
  onWritten(creates.length);
  creates.forEach((r, i) => audit.push(entry('member.imported', ids[i] ?? '', { row: r.row, fullName: r.value.fullName })));
  for (const [i, r] of updates.entries()) {
    const before = await updateImportedMember(tx, r.memberId, r.revision, { ...personOf(r.value), admittedOn: r.parts.admittedOn, updatedAt: now }, r.parts);
    if (!before) throw new AppError('conflict', `Hồ sơ đồng chí ${r.value.fullName} vừa được thay đổi sau khi xem trước: hãy tải lại bước xem trước rồi xác nhận.`);
    audit.push(
      entry('member.import_updated', r.memberId, {
        row: r.row,
        before: { ...personOf(before.row), history: before.history },
        after: { ...personOf(r.value), history: r.parts },
      }),
    );
    if (i % 500 === 0) onWritten(creates.length + i);
  }
  audit.push({ ...entry('members.import_committed', imp.id, { fileName: imp.fileName, sha256: imp.fileSha256, ...counts }), targetType: 'member_import' });
  await recordChanges(tx, ctx, audit);
  onWritten(creates.length + updates.length);
}
