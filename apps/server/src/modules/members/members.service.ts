import {
  applyTransfer,
  confirmedOnOf,
  isConfirmed,
  probationDueDate,
  standingOn,
  type HistoryProblem,
  type Standing,
  
  effectiveSettings,
  membershipRulesWith,
  registerDayOf,
  recordCellOn,
  historyPartsOf,
  compareVietnameseNames,
  foldForSearch,
  historyFromLine,
  isCellKind,
  leadershipWarnings,
  localDateOf,
  matchesSearch,
  membershipRulesOn,
  probationAlerts,
  registerStatus,
  rollOn,
  validateHistory,
  isOfficialMemberOfCell,
  type CreateMemberInput,
  type HistoryInput,
  type HistoryParts,
  type LeadershipWarning,
  type MemberHistory,
  
  type ProbationAlert,
  type RegisterQuery,
  type RollEntry,
  type TransferInput,
  type UpdateMemberInput,
} from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { authorizeOnOrganization, cellsUnder as cellsAtOrUnder, lockOrganization, settingsOf, type OrganizationRow } from '../organizations/organizations.service.ts';
import { checkExemptionRights, mayReadPrivate } from './members.policy.ts';
import * as repo from './members.repo.ts';

export interface RegisterEntry extends RollEntry {
  row: repo.MemberRow;
  history: MemberHistory;
}

/** The register's "today": the organization's own calendar day. */
export function todayOf(ctx: Ctx, org: Pick<OrganizationRow, 'timeZone'>): string {
  return localDateOf(ctx.clock.now(), org.timeZone);
}

const isCell = (org: OrganizationRow) => isCellKind(org.kind);

/** The cells at or under `org`, closed ones too: their past rolls still answer (a cell is its own only one). */
function cellsUnder(ctx: Ctx, org: OrganizationRow): Promise<OrganizationRow[]> {
  return cellsAtOrUnder(ctx.db, org, { includeClosed: true });
}

/**
 * Who stands in the register of `org` on `on`: a cell's roll (its own members, and guests in
 * "sinh hoạt tạm thời"), or for a committee every cell's own members below it.
 */
export async function registerOf(ctx: Ctx, org: OrganizationRow, on: string): Promise<RegisterEntry[]> {
  const cells = await cellsUnder(ctx, org);
  const loaded = await repo.loadMembers(ctx.db, await repo.memberIdsAttachedTo(ctx.db, cells.map((c) => c.id)));
  const byId = new Map(loaded.map((l) => [l.row.id, l]));
  const histories = loaded.map((l) => l.history);
  const entries: RegisterEntry[] = [];
  for (const cell of cells) {
    for (const e of rollOn(histories, cell.id, on)) {
      // Below a committee, each member once: in their own cell, not again as a guest.
      if (!isCell(org) && e.attachment === 'temporary') continue;
      const l = byId.get(e.memberId);
      if (l) entries.push({ ...e, row: l.row, history: l.history });
    }
  }
  return entries.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}

/** The register as a list: filtered by status, post and a name typed with or without diacritics. */
export async function listRegister(ctx: Ctx, organizationId: string, query: RegisterQuery): Promise<{ on: string; items: RegisterEntry[]; privateView: boolean }> {
  const org = await authorizeOnOrganization(ctx, 'member.read', organizationId);
  // A member sees fellow members' names, posts and status; dates and the rest are for officers.
  const privateView = mayReadPrivate(requireActor(ctx), org);
  const on = query.on ?? todayOf(ctx, org);
  let items = await registerOf(ctx, org, on);
  if (query.q) {
    const q = query.q;
    items = items.filter((e) => matchesSearch(e.fullName, q));
  }
  if (query.status) items = items.filter((e) => registerStatus(e.standing) === query.status);
  if (query.position === 'none') items = items.filter((e) => e.cellPositions.length === 0);
  else if (query.position) {
    const p = query.position;
    items = items.filter((e) => e.cellPositions.includes(p));
  }
  if (query.sort === 'admitted' && privateView) items = [...items].sort((a, b) => (a.row.admittedOn ?? '').localeCompare(b.row.admittedOn ?? '') || compareVietnameseNames(a.fullName, b.fullName));
  return { on, items, privateView };
}

export async function leadership(
  ctx: Ctx,
  organizationId: string,
  onDate: string | undefined,
): Promise<{ on: string; officialMembers: number; holders: RegisterEntry[]; warnings: LeadershipWarning[] }> {
  const org = await authorizeOnOrganization(ctx, 'member.read', organizationId);
  if (!isCell(org)) throw new AppError('validation_failed', 'Chỉ chi bộ mới có bí thư, phó bí thư và chi ủy.');
  const on = onDate ?? todayOf(ctx, org);
  const roll = await registerOf(ctx, org, on);
  return {
    on,
    officialMembers: roll.filter(isOfficialMemberOfCell).length,
    holders: roll.filter((e) => e.cellPositions.length > 0),
    warnings: leadershipWarnings(roll, membershipRulesOn(on)),
  };
}

/** Probation ending within the window or overdue, for a cell or every cell under a committee. */
export async function probationList(ctx: Ctx, organizationId: string, onDate: string | undefined): Promise<{ on: string; items: (ProbationAlert & { cell: OrganizationRow })[] }> {
  const org = await authorizeOnOrganization(ctx, 'member.read_private', organizationId);
  const on = onDate ?? todayOf(ctx, org);
  const cells = await cellsUnder(ctx, org);
  const loaded = await repo.loadMembers(ctx.db, await repo.memberIdsAttachedTo(ctx.db, cells.map((c) => c.id)));
  const histories = loaded.map((l) => l.history);
  const settings = await settingsOf(ctx.db, cells);
  const items: (ProbationAlert & { cell: OrganizationRow })[] = [];
  for (const cell of cells) {
    const rules = membershipRulesWith(membershipRulesOn(on), settings.get(cell.id) ?? effectiveSettings([]));
    for (const a of probationAlerts(histories, cell.id, on, rules)) items.push({ ...a, cell });
  }
  return { on, items: items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || compareVietnameseNames(a.fullName, b.fullName)) };
}

async function loadOne(ctx: Ctx, id: string): Promise<repo.LoadedMember> {
  const [loaded] = await repo.loadMembers(ctx.db, [id]);
  if (!loaded) throw new AppError('not_found', 'Không tìm thấy đảng viên.');
  return loaded;
}

/** A member's record as the member page shows it: the day it is read on, its cell then, and the names of the cells in its history. */
export interface MemberRecord extends repo.LoadedMember {
  today: string;
  recordCellId: string;
  names: Map<string, string>;
  /** Their standing today (null: not a member that day). */
  standing: Standing | null;
  confirmedOn: string | null;
  /** When probation ends, while it has not been confirmed. */
  probationDueOn: string | null;
  /** What the rules find wrong in the stored history (core validateHistory). */
  problems: HistoryProblem[];
}

async function recordView(ctx: Ctx, loaded: repo.LoadedMember): Promise<MemberRecord> {
  const today = registerDayOf(ctx.clock.now());
  const recordCellId = recordCellOn(loaded.history, today);
  // Every stored history has an official attachment (HistoryInput, historyFromLine).
  if (recordCellId === null) throw new Error(`member ${loaded.row.id} has no official attachment`);
  const ids = [...loaded.history.memberships, ...loaded.history.positions].map((x) => x.organizationId);
  const { history } = loaded;
  return {
    ...loaded,
    today,
    recordCellId,
    names: await repo.organizationNames(ctx.db, ids),
    standing: standingOn(history, today),
    confirmedOn: confirmedOnOf(history),
    probationDueOn: history.admittedOn && !isConfirmed(history) ? probationDueDate(history.admittedOn, membershipRulesOn(today)) : null,
    problems: validateHistory(history),
  };
}

/**
 * Authorized on the cell holding the record today. Outside the caller's trees, a member is as
 * unknown as one that does not exist.
 */
async function authorizeOnMember(ctx: Ctx, permission: 'member.read_private' | 'member.manage', loaded: repo.LoadedMember): Promise<OrganizationRow> {
  const cellId = recordCellOn(loaded.history, registerDayOf(ctx.clock.now()));
  try {
    if (cellId === null) throw new AppError('not_found');
    return await authorizeOnOrganization(ctx, permission, cellId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw new AppError('not_found', 'Không tìm thấy đảng viên.');
    throw err;
  }
}

/** A member's full record with history: the member themselves, or whoever may read private records of their cell. */
export async function getMember(ctx: Ctx, id: string): Promise<MemberRecord> {
  const actor = requireActor(ctx);
  const loaded = await loadOne(ctx, id);
  if (actor.memberId !== id) await authorizeOnMember(ctx, 'member.read_private', loaded);
  return recordView(ctx, loaded);
}

function historyProblems(history: MemberHistory, on: string): void {
  const problems = validateHistory(history, membershipRulesOn(on));
  if (problems.length > 0) {
    throw new AppError('history_invalid', problems.map((p) => p.message).join(' '), { issues: problems.map((p) => ({ path: p.path, message: p.message })) });
  }
}

type Period = HistoryParts['memberships'][number] | HistoryParts['positions'][number];
const periodKey = (p: Period) => JSON.stringify([p.organizationId, 'kind' in p ? p.kind : p.position, p.from, p.to]);

/**
 * The cells whose register a new history touches must be ones the caller manages: every cell
 * where an attachment or a post is added, removed or altered — an edit or a back-dated
 * transfer must not rewrite another cell's past roll. A changed period may not run in a cell
 * after it closed.
 */
async function authorizeCells(ctx: Ctx, before: HistoryParts, after: HistoryParts): Promise<void> {
  const periods = (h: HistoryParts): Period[] => [...h.memberships, ...h.positions];
  const beforeKeys = new Set(periods(before).map(periodKey));
  const afterKeys = new Set(periods(after).map(periodKey));
  const touched = new Map<string, Period[]>();
  for (const p of periods(after)) {
    if (beforeKeys.has(periodKey(p))) continue;
    touched.set(p.organizationId, [...(touched.get(p.organizationId) ?? []), p]);
  }
  for (const p of periods(before)) if (!afterKeys.has(periodKey(p)) && !touched.has(p.organizationId)) touched.set(p.organizationId, []);
  for (const [id, added] of touched) {
    const org = await authorizeOnOrganization(ctx, 'member.manage', id);
    if (!isCell(org)) throw new AppError('validation_failed', `"${org.name}" không phải chi bộ: đảng viên chỉ sinh hoạt ở chi bộ.`);
    if (org.closedAt) {
      const closedOn = localDateOf(org.closedAt, org.timeZone);
      if (added.some((p) => p.to === null || p.to >= closedOn)) throw new AppError('organization_closed', `${org.name} đã giải thể từ ${closedOn.split('-').reverse().join('/')}: không thể ghi sinh hoạt hay chức vụ sau ngày đó.`);
    }
  }
}

function auditHistory(parts: HistoryParts) {
  return { admittedOn: parts.admittedOn, memberships: parts.memberships, statuses: parts.statuses, positions: parts.positions };
}

export async function createMember(ctx: Ctx, organizationId: string, input: CreateMemberInput): Promise<MemberRecord> {
  const org = await authorizeOnOrganization(ctx, 'member.manage', organizationId);
  if (org.closedAt) throw new AppError('organization_closed');
  if (!isCell(org)) throw new AppError('validation_failed', 'Đảng viên chỉ sinh hoạt ở chi bộ: hãy chọn một chi bộ.');
  const now = ctx.clock.now();
  const parts = historyFromLine({ cellId: org.id, admittedOn: input.admittedOn, confirmedOn: input.confirmedOn ?? null, joinedOn: input.joinedOn ?? null, position: input.position ?? null });
  historyProblems({ memberId: '', fullName: input.fullName, ...parts }, todayOf(ctx, org));
  const id = await ctx.db.transaction(async (tx) => {
    // Queued with imports into the same cell (member-imports: one writer per register).
    await lockOrganization(tx, org.id);
    const row = await repo.insertMember(tx, {
      fullName: input.fullName,
      searchName: foldForSearch(input.fullName),
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      admittedOn: input.admittedOn,
      email: input.email ?? null,
      phone: input.phone ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertHistories(tx, [{ memberId: row.id, parts }]);
    await recordChange(tx, ctx, {
      at: now,
      action: 'member.created',
      targetType: 'member',
      targetId: row.id,
      organization: org,
      data: { fullName: row.fullName, history: auditHistory(parts) },
    });
    return row.id;
  });
  return recordView(ctx, await loadOne(ctx, id));
}

export async function updateMember(ctx: Ctx, id: string, input: UpdateMemberInput): Promise<MemberRecord> {
  const org = await authorizeOnMember(ctx, 'member.manage', await loadOne(ctx, id));
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockMember(tx, id);
    if (!before) throw new AppError('not_found', 'Không tìm thấy đảng viên.');
    const patch: Partial<repo.MemberRow> = { updatedAt: now };
    if (input.fullName !== undefined) Object.assign(patch, { fullName: input.fullName, searchName: foldForSearch(input.fullName) });
    if (input.gender !== undefined) patch.gender = input.gender;
    if (input.birthDate !== undefined) patch.birthDate = input.birthDate;
    if (input.email !== undefined) patch.email = input.email;
    if (input.phone !== undefined) patch.phone = input.phone;
    if (patch.birthDate && before.admittedOn && before.admittedOn <= patch.birthDate) {
      throw new AppError('validation_failed', 'Ngày vào Đảng phải sau ngày sinh.', { issues: [{ path: 'birthDate', message: 'Ngày vào Đảng phải sau ngày sinh.' }] });
    }
    const after = await repo.updateMember(tx, id, patch);
    const pick = (r: repo.MemberRow) => ({ fullName: r.fullName, gender: r.gender, birthDate: r.birthDate, email: r.email, phone: r.phone });
    await recordChange(tx, ctx, {
      at: now,
      action: 'member.updated',
      targetType: 'member',
      targetId: id,
      organization: { id: org.id, path: org.path },
      data: { before: pick(before), after: pick(after) },
    });
  });
  return recordView(ctx, await loadOne(ctx, id));
}

/** Write a whole new history after checking it, unless another write came first (the member's revision moved). */
async function writeHistory(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: string,
  build: (current: repo.LoadedMember) => HistoryParts,
  extra: Record<string, unknown> = {},
  alsoAuditAt?: OrganizationRow,
): Promise<MemberRecord> {
  const current = await loadOne(ctx, id);
  const org = await authorizeOnMember(ctx, 'member.manage', current);
  const now = ctx.clock.now();
  const parts = build(current);
  // Nothing changes: nothing to write, nothing to audit.
  if (JSON.stringify(auditHistory(parts)) === JSON.stringify(auditHistory(current.history))) return recordView(ctx, current);
  await authorizeCells(ctx, current.history, parts);
  checkExemptionRights(requireActor(ctx), current.history, parts, org, todayOf(ctx, org));
  historyProblems({ ...current.history, ...parts }, todayOf(ctx, org));
  await ctx.db.transaction(async (tx) => {
    // Under the member's row lock: two officers editing at once each audit what they replaced.
    const locked = await repo.lockMember(tx, id);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đảng viên.');
    if (locked.revision !== current.row.revision) {
      throw new AppError('conflict', 'Quá trình sinh hoạt vừa được người khác thay đổi. Vui lòng tải lại trang.');
    }
    await repo.replaceHistory(tx, id, parts);
    await repo.updateMember(tx, id, { admittedOn: parts.admittedOn, updatedAt: now });
    await recordChange(tx, ctx, { at: now, action, targetType: 'member', targetId: id, organization: org, data: { ...extra, before: auditHistory(current.history), after: auditHistory(parts) } });
    // The receiving cell's log shows the arrival too.
    if (alsoAuditAt && alsoAuditAt.id !== org.id) {
      await recordChange(tx, ctx, { at: now, action: `${action}_in`, targetType: 'member', targetId: id, organization: alsoAuditAt, data: { fromOrganizationId: org.id, ...extra } });
    }
  });
  return recordView(ctx, await loadOne(ctx, id));
}

export async function replaceMemberHistory(ctx: Ctx, id: string, input: HistoryInput): Promise<MemberRecord> {
  const actor = requireActor(ctx);
  return writeHistory(ctx, actor, id, 'member.history_changed', () => historyPartsOf(input));
}

/** Chuyển sinh hoạt (core applyTransfer), authorized on the receiving cell and on every cell it changes. */
export async function transferMember(ctx: Ctx, id: string, input: TransferInput): Promise<MemberRecord> {
  const actor = requireActor(ctx);
  const target = await authorizeOnOrganization(ctx, 'member.manage', input.toOrganizationId);
  if (!isCell(target)) throw new AppError('validation_failed', 'Chỉ chuyển sinh hoạt đến một chi bộ.');
  if (target.closedAt) throw new AppError('organization_closed', `${target.name} đã giải thể, không thể chuyển đến.`);
  return writeHistory(
    ctx,
    actor,
    id,
    input.kind === 'official' ? 'member.transferred' : 'member.temporarily_attached',
    ({ history }) => {
      const r = applyTransfer(history, { toCellId: target.id, kind: input.kind, from: input.from, to: input.to ?? null });
      if (r.ok) return r.history;
      if (r.problem === 'same_cell') throw new AppError('validation_failed', 'Đảng viên đang sinh hoạt chính thức tại chi bộ này.', { issues: [{ path: 'toOrganizationId', message: 'Hãy chọn chi bộ khác.' }] });
      throw new AppError('validation_failed', 'Ngày chuyển không nằm trong thời gian sinh hoạt chính thức hiện tại của đảng viên.', { issues: [{ path: 'from', message: 'Ngày chuyển phải trong thời gian đảng viên đang sinh hoạt chính thức.' }] });
    },
    { toOrganizationId: target.id, from: input.from },
    target,
  );
}

// ---------------------------------------------------------------- reads other modules make

/** A cell's roll on a day (core `rollOn`), each entry with its member's stored row. */
export const rollOfCell = repo.rollOfCell;
/** Members with their whole history (core's pure functions read it). */
export const membersWithHistory = repo.loadMembers;
/** The cell holding a member's record on a day (core recordCellOn, in one query). */
export const recordCellIdOn = repo.recordCellIdOn;
/** Does anyone have an attachment to this organization still running on or after `day`? */
export const hasCurrentAttachments = repo.hasCurrentAttachments;
export type { MemberRow, LoadedMember } from './members.repo.ts';
/** New members with their ids given, and their histories, in the caller's transaction (the demo, imports). */
export const insertMembersWithIds = repo.insertMembersWithIds;
export const insertHistories = repo.insertHistories;

// ---------------------------------------------------------------- for member imports

/** A cell's register fingerprint (members ever attached, their revisions): an import's check holds while it is the same. */
export function registerVersionOf(db: Queryable, cellId: string): Promise<string> {
  return repo.registerVersion(db, cellId);
}

/** One writer per cell register at a time: imports and hand-added members queue on the cell's row. */
export async function lockRegister(tx: Tx, cellId: string): Promise<void> {
  await lockOrganization(tx, cellId);
}

/** An import's new members with their histories (COPY, one statement per table); their ids in order. */
export function insertImportedMembers(tx: Tx, items: readonly { values: repo.NewMember; parts: HistoryParts }[]): Promise<string[]> {
  return repo.copyNewMembers(tx, items);
}

/**
 * An imported row's change of a known member, under the member's row lock: the record as it
 * was before, or null when it changed after the import checked it (its revision moved).
 */
export async function updateImportedMember(
  tx: Tx,
  memberId: string,
  checkedRevision: number,
  patch: Pick<repo.MemberRow, 'gender' | 'birthDate' | 'email' | 'phone' | 'admittedOn' | 'updatedAt'>,
  parts: HistoryParts,
): Promise<repo.LoadedMember | null> {
  const locked = await repo.lockMember(tx, memberId);
  if (locked?.revision !== checkedRevision) return null;
  const [before] = await repo.loadMembers(tx, [memberId]);
  await repo.replaceHistory(tx, memberId, parts);
  await repo.updateMember(tx, memberId, patch);
  return before ?? null;
}
