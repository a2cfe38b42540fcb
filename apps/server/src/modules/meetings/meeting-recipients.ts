/**
 * Who a meeting's notices go to: every member expected to attend on the meeting's day (the
 * cell's roll, less members "sinh hoạt tạm thời" elsewhere and members exempt from meetings)
 * — for a chi ủy preparatory meeting, the chi ủy members only — and the guests with an account, such as the superior committee's assigned follower.
 */
import { eq, inArray } from 'drizzle-orm';
import { localDateOf, meetsInCell } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { accounts } from '../../db/schema/index.ts';
import { loadMembers, rollOfCell } from '../members/members.repo.ts';
import { findOrganization } from '../organizations/organizations.repo.ts';
import type { MeetingRow } from './meetings.access.ts';

export interface Recipient {
  /** Stable within a meeting: 'm:<memberId>' or 'a:<accountId>' (notices' dedupe keys use it). */
  key: string;
  memberId: string | null;
  accountId: string | null;
  name: string;
  email: string | null;
}

export async function meetingRecipients(db: Queryable, meeting: MeetingRow): Promise<Recipient[]> {
  const org = await findOrganization(db, meeting.organizationId);
  if (!org) return [];
  const day = localDateOf(meeting.startsAt, org.timeZone);
  const out: Recipient[] = [];
  for (const e of await rollOfCell(db, org.id, day)) {
    if (!meetsInCell(e) || e.standing.exempt !== null) continue;
    // A chi ủy preparatory meeting is the committee's: its members only.
    if (meeting.kind === 'preparatory' && !e.cellPositions.some((p) => p !== 'group_leader')) continue;
    out.push({ key: `m:${e.memberId}`, memberId: e.memberId, accountId: null, name: e.fullName, email: e.row.email });
  }
  const guestAccounts = meeting.guests.map((g) => g.accountId).filter((id): id is string => id !== null);
  if (guestAccounts.length > 0) {
    const accs = await db.select().from(accounts).where(inArray(accounts.id, guestAccounts));
    const memberEmails = new Map(
      (await loadMembers(db, accs.map((a) => a.memberId).filter((id): id is string => id !== null))).map((l) => [l.row.id, l.row.email]),
    );
    for (const a of accs) {
      if (a.disabledAt) continue;
      // A guest who is also a member of the cell is told once.
      if (a.memberId && out.some((r) => r.memberId === a.memberId)) continue;
      out.push({ key: `a:${a.id}`, memberId: null, accountId: a.id, name: a.displayName, email: a.email ?? (a.memberId ? (memberEmails.get(a.memberId) ?? null) : null) });
    }
  }
  return out;
}

/** The account that reads a member's inbox, if the member has one. */
export async function accountOfMember(db: Queryable, memberId: string): Promise<string | null> {
  const [a] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.memberId, memberId));
  return a?.id ?? null;
}
