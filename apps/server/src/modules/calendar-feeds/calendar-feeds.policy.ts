/**
 * Which meetings a personal calendar lists: those of the account's cells (its record's cell and
 * the cells where it holds the member or cell officer role) and those it was told about as a
 * guest — each as core's `seesMeeting` would let the account open it (a chi ủy meeting only for
 * its officers, the superiors above and those invited).
 */
import { can, seesMeeting, type GrantScope, type MeetingKind } from '@chibo/core';

export function feedLists(grants: readonly GrantScope[], meeting: { kind: MeetingKind; cellPath: string; inCells: boolean; noticed: boolean }): boolean {
  return seesMeeting(meeting.kind, {
    manages: can(grants, 'meeting.manage', meeting.cellPath),
    oversees: can(grants, 'oversight.read', meeting.cellPath),
    attends: meeting.noticed,
    readsCell: meeting.inCells,
  });
}
