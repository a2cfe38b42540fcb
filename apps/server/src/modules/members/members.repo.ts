import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rollOn, type RollEntry } from '@chibo/core';
import type { MemberHistory, MembershipPeriod, PositionTerm, StatusPeriod, HistoryParts } from '@chibo/core';
import { members, memberPositions, memberStatuses, memberships, organizations } from '../../db/schema/index.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { copyRows } from '../../db/copy.ts';

export type MemberRow = typeof members.$inferSelect;
export type NewMember = Omit<typeof members.$inferInsert, 'id'> & { id?: string };

export async function findMember(db: Queryable, id: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

export async function lockMember(db: Queryable, id: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id)).for('update');
  return row;
}

/** Members ever attached (officially or temporarily) to any of these organizations. */
export async function memberIdsAttachedTo(db: Queryable, organizationIds: readonly string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: memberships.memberId })
    .from(memberships)
    .where(inArray(memberships.organizationId, [...organizationIds]));
  return rows.map((r) => r.id);
}

export interface LoadedMember {
  row: MemberRow;
  history: MemberHistory;
}

/** Members with their whole history, as core's pure functions read it. */
export async function loadMembers(db: Queryable, ids: readonly string[]): Promise<LoadedMember[]> {
  if (ids.length === 0) return [];
  const idList = [...ids];
  const [rows, ms, ss, ps] = await Promise.all([
    db.select().from(members).where(inArray(members.id, idList)),
    db.select().from(memberships).where(inArray(memberships.memberId, idList)),
    db.select().from(memberStatuses).where(inArray(memberStatuses.memberId, idList)),
    db.select().from(memberPositions).where(inArray(memberPositions.memberId, idList)),
  ]);
  const group = <T extends { memberId: string }>(items: T[]) => {
    const m = new Map<string, T[]>();
    for (const it of items) m.set(it.memberId, [...(m.get(it.memberId) ?? []), it]);
    return m;
  };
  const [gm, gs, gp] = [group(ms), group(ss), group(ps)];
  const byFrom = (a: { fromDate: string }, b: { fromDate: string }) => a.fromDate.localeCompare(b.fromDate);
  return rows.map((row) => ({
    row,
    history: {
      memberId: row.id,
      fullName: row.fullName,
      admittedOn: row.admittedOn,
      memberships: (gm.get(row.id) ?? []).sort(byFrom).map(
        (m): MembershipPeriod => ({ organizationId: m.organizationId, kind: m.kind, from: m.fromDate, to: m.toDate }),
      ),
      statuses: (gs.get(row.id) ?? []).sort(byFrom).map(
        (s): StatusPeriod => ({
          status: s.status,
          from: s.fromDate,
          to: s.toDate,
          ...(s.exemptTrack ? { exemptTrack: s.exemptTrack } : {}),
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.decisionRef ? { decisionRef: s.decisionRef } : {}),
        }),
      ),
      positions: (gp.get(row.id) ?? []).sort(byFrom).map(
        (p): PositionTerm => ({ organizationId: p.organizationId, position: p.position, from: p.fromDate, to: p.toDate }),
      ),
    },
  }));
}

/** A cell's roll on a day (core `rollOn`), each entry with its member's stored row. */
export async function rollOfCell(db: Queryable, cellId: string, day: string): Promise<(RollEntry & { row: MemberRow })[]> {
  const loaded = await loadMembers(db, await memberIdsAttachedTo(db, [cellId]));
  const rows = new Map(loaded.map((l) => [l.row.id, l.row]));
  return rollOn(loaded.map((l) => l.history), cellId, day).flatMap((e) => {
    const row = rows.get(e.memberId);
    return row ? [{ ...e, row }] : [];
  });
}

export async function insertMember(db: Queryable, values: NewMember): Promise<MemberRow> {
  const [row] = await db.insert(members).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateMember(db: Queryable, id: string, patch: Partial<MemberRow>): Promise<MemberRow> {
  const [row] = await db
    .update(members)
    .set({ ...patch, revision: sql`${members.revision} + 1` })
    .where(eq(members.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Several members in one statement (their ids given, so histories can refer to them). */
export async function insertMembersWithIds(db: Queryable, values: (NewMember & { id: string })[]): Promise<void> {
  if (values.length > 0) await db.insert(members).values(values);
}

/** Replace a member's periods with `parts` (the caller has validated them). */
export async function replaceHistory(tx: Queryable, memberId: string, parts: HistoryParts): Promise<void> {
  await tx.delete(memberships).where(eq(memberships.memberId, memberId));
  await tx.delete(memberStatuses).where(eq(memberStatuses.memberId, memberId));
  await tx.delete(memberPositions).where(eq(memberPositions.memberId, memberId));
  await insertHistories(tx, [{ memberId, parts }]);
}

/** Periods of several members in three statements. */
export async function insertHistories(tx: Queryable, items: readonly { memberId: string; parts: HistoryParts }[]): Promise<void> {
  const ms = items.flatMap(({ memberId, parts }) => parts.memberships.map((m) => ({ memberId, organizationId: m.organizationId, kind: m.kind, fromDate: m.from, toDate: m.to })));
  const ss = items.flatMap(({ memberId, parts }) =>
    parts.statuses.map((s) => ({ memberId, status: s.status, exemptTrack: s.exemptTrack ?? null, reason: s.reason ?? null, decisionRef: s.decisionRef ?? null, fromDate: s.from, toDate: s.to })),
  );
  const ps = items.flatMap(({ memberId, parts }) => parts.positions.map((p) => ({ memberId, organizationId: p.organizationId, position: p.position, fromDate: p.from, toDate: p.to })));
  if (ms.length > 0) await tx.insert(memberships).values(ms);
  if (ss.length > 0) await tx.insert(memberStatuses).values(ss);
  if (ps.length > 0) await tx.insert(memberPositions).values(ps);
}

/**
 * Many new members and their histories through COPY (an import of a large file): four COPY
 * streams instead of hundreds of thousands of INSERTs. Ids are made here so the rows link up.
 */
export async function copyNewMembers(tx: Tx, items: readonly { values: NewMember; parts: HistoryParts }[]): Promise<string[]> {
  const ids = items.map((it) => it.values.id ?? crypto.randomUUID());
  const now = new Date().toISOString();
  await copyRows(
    tx,
    'members',
    ['id', 'full_name', 'search_name', 'gender', 'birth_date', 'admitted_on', 'email', 'phone', 'created_at', 'updated_at'],
    items.map(({ values: v }, i) => [ids[i] ?? null, v.fullName, v.searchName, v.gender ?? null, v.birthDate ?? null, v.admittedOn ?? null, v.email ?? null, v.phone ?? null, v.createdAt?.toISOString() ?? now, v.updatedAt?.toISOString() ?? now]),
  );
  const each = function* <T>(pick: (parts: HistoryParts) => readonly T[], row: (id: string, x: T) => (string | null)[]) {
    for (const [i, it] of items.entries()) for (const x of pick(it.parts)) yield row(ids[i] ?? '', x);
  };
  await copyRows(tx, 'member_memberships', ['id', 'member_id', 'organization_id', 'kind', 'from_date', 'to_date'],
    each((p) => p.memberships, (id, m) => [crypto.randomUUID(), id, m.organizationId, m.kind, m.from, m.to]));
  await copyRows(tx, 'member_statuses', ['id', 'member_id', 'status', 'exempt_track', 'reason', 'decision_ref', 'from_date', 'to_date'],
    each((p) => p.statuses, (id, s) => [crypto.randomUUID(), id, s.status, s.exemptTrack ?? null, s.reason ?? null, s.decisionRef ?? null, s.from, s.to]));
  await copyRows(tx, 'member_positions', ['id', 'member_id', 'organization_id', 'position', 'from_date', 'to_date'],
    each((p) => p.positions, (id, x) => [crypto.randomUUID(), id, x.organizationId, x.position, x.from, x.to]));
  return ids;
}

/**
 * The cell holding a member's record on `day`, in one query: core recordCellOn in SQL (the
 * official attachment that started last by then; before any, the first).
 */
export async function recordCellIdOn(db: Queryable, memberId: string, day: string): Promise<string | null> {
  const [row] = await db
    .select({ id: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.memberId, memberId), eq(memberships.kind, 'official')))
    .orderBy(sql`${memberships.fromDate} > ${day}`, sql`case when ${memberships.fromDate} <= ${day} then ${memberships.fromDate} end desc nulls last`, memberships.fromDate)
    .limit(1);
  return row?.id ?? null;
}

/** Organization names for a history's ids (the member page names every cell). */
export async function organizationNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Does anyone have an attachment to this organization still running on or after `day`? */
export async function hasCurrentAttachments(db: Queryable, organizationId: string, day: string): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), sql`(${memberships.toDate} is null or ${memberships.toDate} >= ${day})`))
    .limit(1);
  return rows.length > 0;
}

/**
 * A fingerprint of a cell's register: how many members were ever attached and the sum of
 * their revisions. Every write to a member's record or history bumps its revision (never
 * down), and a new attachment adds a member, so any change moves it.
 */
export async function registerVersion(db: Queryable, organizationId: string): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, revisions: sql<string>`coalesce(sum(${members.revision}), 0)::text` })
    .from(members)
    .where(inArray(members.id, db.selectDistinct({ id: memberships.memberId }).from(memberships).where(eq(memberships.organizationId, organizationId))));
  return `${row?.n ?? 0}|${row?.revisions ?? '0'}`;
}
