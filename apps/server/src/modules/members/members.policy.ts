/**
 * What a caller may see and change in the register. A member sees fellow members' names, posts
 * and status; dates and contact details are for those who may read private records (officers,
 * superiors). An exemption of track B is decided by the grassroots committee (rules:
 * exemptionDecidedBy), so recording or undoing one needs rights above the cell.
 */
import { membershipRulesOn, parentPathOf, type HistoryParts } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Actor } from '../../lib/context.ts';
import { actorCan } from '../../lib/policy.ts';

/** May the caller see private records in the member's cell (officers and superiors)? */
export function mayReadPrivate(actor: Actor, cell: { path: string }): boolean {
  return actorCan(actor, 'member.read_private', cell.path);
}

type StatusPart = HistoryParts['statuses'][number];
const statusKey = (s: StatusPart) => JSON.stringify([s.status, s.exemptTrack ?? null, s.from, s.to, s.reason ?? null, s.decisionRef ?? null]);

/** Refuses (403) a change of exemptions the cell may not decide itself. */
export function checkExemptionRights(actor: Actor, before: HistoryParts, after: HistoryParts, cell: { path: string }, on: string): void {
  const decidedBy = membershipRulesOn(on).exemptionDecidedBy;
  const oldKeys = new Set(before.statuses.map(statusKey));
  const newKeys = new Set(after.statuses.map(statusKey));
  // Added, and removed or altered: undoing a committee's decision needs the committee too.
  const touched = [...after.statuses.filter((s) => !oldKeys.has(statusKey(s))), ...before.statuses.filter((s) => !newKeys.has(statusKey(s)))].filter((s) => s.status === 'exempt');
  for (const s of touched) {
    if (decidedBy.value[s.exemptTrack ?? 'A'] !== 'grassroots_committee') continue;
    const parentPath = parentPathOf(cell.path);
    if (parentPath === null || !actorCan(actor, 'member.manage', parentPath)) {
      throw new AppError('forbidden', `Miễn công tác và sinh hoạt đảng diện B do đảng ủy cơ sở quyết định (${decidedBy.source}, ${decidedBy.article}): chi bộ không tự ghi được.`);
    }
  }
}
