/**
 * A paper (tham luận) is its author's until it is accepted: its text and file are for the
 * author and the officers; once accepted into the agenda, everyone who reads the meeting reads it.
 * Only the author hands it in.
 */
import type { Actor } from '../../lib/context.ts';
import { actorCan } from '../../lib/policy.ts';
import type { PaperRow } from './papers.repo.ts';

export function mayReadPaper(actor: Actor, cellPath: string, paper: Pick<PaperRow, 'status' | 'authorMemberId'>): boolean {
  return paper.status === 'accepted' || paper.authorMemberId === actor.memberId || actorCan(actor, 'meeting.manage', cellPath);
}

export function isAuthor(actor: Actor, paper: Pick<PaperRow, 'authorMemberId'>): boolean {
  return actor.memberId !== null && actor.memberId === paper.authorMemberId;
}
