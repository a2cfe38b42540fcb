/**
 * Who a meeting is for, answered once for every place that asks: who may open it, who is
 * expected at it (and so told and reminded), who may write a paper for it or ask to be excused,
 * and whose calendar lists it. HD 12-HD/BTCTW Phần II mục 1.1: the chi ủy (or the bí thư and phó
 * bí thư) meets first to prepare the cell's meeting — that preparatory meeting is the committee's
 * own; every other kind is the whole cell's.
 */
import type { MeetingKind } from '../contracts/meetings.ts';
import type { Position } from '../contracts/members.ts';
import { meetsInCell, type RollEntry } from './member-history.ts';

/** The posts that make a member of the chi ủy (a tổ trưởng đảng is not one). */
const COMMITTEE_POSTS: readonly Position[] = ['secretary', 'deputy_secretary', 'committee_member'];

export function isCommitteeMember(entry: Pick<RollEntry, 'cellPositions'>): boolean {
  return entry.cellPositions.some((p) => COMMITTEE_POSTS.includes(p));
}

/** Meets with the cell at a meeting of `kind` that day: on the roll, not away, and for the chi ủy's meeting one of its members. */
export function attendsMeeting(entry: RollEntry, kind: MeetingKind): boolean {
  return meetsInCell(entry) && (kind !== 'preparatory' || isCommitteeMember(entry));
}

/** Expected, so told and reminded: attends, and is not exempt from party meetings that day. */
export function isExpectedAt(entry: RollEntry, kind: MeetingKind): boolean {
  return attendsMeeting(entry, kind) && entry.standing.exempt === null;
}

/** What a caller is to the meeting's cell (from its grants, its roll entry, the meeting's guests). */
export interface MeetingViewer {
  /** Holds meeting.manage on the cell (its officers, administrators). */
  manages: boolean;
  /** Holds oversight.read on the cell (the superior committees above). */
  oversees: boolean;
  /** Attends it (attendsMeeting) or was invited to it as a guest. */
  attends: boolean;
  /** Reads the cell's meetings (meeting.read), or is on its roll that day as a guest member. */
  readsCell: boolean;
}

/**
 * May the viewer open a meeting of `kind`? The cell's meetings are read by those who read the
 * cell; a chi ủy meeting only by its officers, the superiors above and those who attend it.
 */
export function seesMeeting(kind: MeetingKind, viewer: MeetingViewer): boolean {
  if (viewer.manages || viewer.oversees) return true;
  if (kind === 'preparatory') return viewer.attends;
  return viewer.readsCell || viewer.attends;
}
