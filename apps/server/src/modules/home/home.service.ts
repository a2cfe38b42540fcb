/**
 * What waits for the caller (issue 9, point 9), for their home page: the papers they must hand in
 * and their requests not yet decided; for officers, the requests and papers of their cells that
 * wait for a decision; and how many notices are unread.
 */
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { absencesToDecide, myPendingAbsences } from '../absences/absences.service.ts';
import { unreadCount } from '../notices/notices.service.ts';
import { cellsUnder, findOrganization, organizationsByIds } from '../organizations/organizations.service.ts';
import { papersToDecide, papersToWrite } from '../papers/papers.service.ts';
import { managedRoots } from './home.policy.ts';

const LIMIT = 20;

export interface PendingItem {
  kind: 'paper_to_write' | 'absence_waiting' | 'absence_to_decide' | 'paper_to_decide';
  id: string;
  meetingId: string;
  meetingStartsAt: Date;
  organizationId: string;
  title: string;
  memberName: string | null;
  dueDate: string | null;
}

export interface Pending {
  unreadNotices: number;
  mine: PendingItem[];
  toDecide: PendingItem[];
  organizationNames: Map<string, string>;
  more: boolean;
}

export async function pendingFor(ctx: Ctx): Promise<Pending> {
  const actor = requireActor(ctx);
  const mine: PendingItem[] = [];
  if (actor.memberId) {
    for (const p of await papersToWrite(ctx.db, actor.memberId, LIMIT)) mine.push({ kind: 'paper_to_write', id: p.id, meetingId: p.meetingId, meetingStartsAt: p.meetingStartsAt, organizationId: p.organizationId, title: p.title, memberName: null, dueDate: p.dueDate });
    for (const a of await myPendingAbsences(ctx.db, actor.memberId, LIMIT)) mine.push({ kind: 'absence_waiting', id: a.id, meetingId: a.meetingId, meetingStartsAt: a.meetingStartsAt, organizationId: a.organizationId, title: a.reason, memberName: null, dueDate: null });
  }
  const cellIds = new Set<string>();
  for (const g of managedRoots(actor)) {
    const org = await findOrganization(ctx.db, g.organizationId);
    if (org) for (const c of await cellsUnder(ctx.db, org)) cellIds.add(c.id);
  }
  const toDecide: PendingItem[] = [];
  const absences = await absencesToDecide(ctx.db, [...cellIds], LIMIT + 1);
  const papers = await papersToDecide(ctx.db, [...cellIds], LIMIT + 1);
  for (const a of absences.slice(0, LIMIT)) toDecide.push({ kind: 'absence_to_decide', id: a.id, meetingId: a.meetingId, meetingStartsAt: a.meetingStartsAt, organizationId: a.organizationId, title: a.reason, memberName: a.memberName, dueDate: null });
  for (const p of papers.slice(0, LIMIT)) toDecide.push({ kind: 'paper_to_decide', id: p.id, meetingId: p.meetingId, meetingStartsAt: p.meetingStartsAt, organizationId: p.organizationId, title: p.title, memberName: p.authorName, dueDate: p.dueDate });
  const byTime = (a: PendingItem, b: PendingItem) => a.meetingStartsAt.getTime() - b.meetingStartsAt.getTime();
  const orgIds = [...new Set([...mine, ...toDecide].map((i) => i.organizationId))];
  return {
    unreadNotices: await unreadCount(ctx),
    mine: mine.sort(byTime),
    toDecide: toDecide.sort(byTime),
    organizationNames: new Map((await organizationsByIds(ctx.db, orgIds)).map((o) => [o.id, o.name])),
    more: absences.length > LIMIT || papers.length > LIMIT,
  };
}
