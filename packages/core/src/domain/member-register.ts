/**
 * From a register line (the add-member form, an imported row) to a member's history, and
 * back: what a register prints for a day. A line gives dates, not periods; the periods are
 * built from them exactly: probation from admission to the day before confirmation, official
 * from confirmation, attachment to the cell from the day the member joined it.
 */
import type { MemberStatus, Position } from '../contracts/members.ts';
import { REGISTER_TEXT, type ImportedMember, type ImportField } from './member-import.ts';
import type { IsoDateString } from '../rules/membership-rules.ts';
import { addDays, formatDateVi, spanCovers } from './calendar-days.ts';
import { confirmedOnOf, isPartyStanding, type MemberHistory, type MembershipPeriod, type PositionTerm, type Standing, type StatusPeriod } from './member-history.ts';

export interface RegisterLine {
  cellId: string;
  admittedOn: IsoDateString;
  confirmedOn: IsoDateString | null;
  /** First day in this cell; the admission date when not given. */
  joinedOn?: IsoDateString | null;
  position: Position | null;
}

export type HistoryParts = Pick<MemberHistory, 'admittedOn' | 'memberships' | 'statuses' | 'positions'>;

function standingsFrom(admittedOn: IsoDateString, confirmedOn: IsoDateString | null): StatusPeriod[] {
  if (confirmedOn === null) return [{ status: 'probationary', from: admittedOn, to: null }];
  return [
    { status: 'probationary', from: admittedOn, to: addDays(confirmedOn, -1) },
    { status: 'official', from: confirmedOn, to: null },
  ];
}

/** A new member's history from the line that registers them. */
export function historyFromLine(line: RegisterLine): HistoryParts {
  const joined = line.joinedOn ?? line.admittedOn;
  const memberships: MembershipPeriod[] = [{ organizationId: line.cellId, kind: 'official', from: joined, to: null }];
  const positions: PositionTerm[] = line.position ? [{ organizationId: line.cellId, position: line.position, from: joined, to: null }] : [];
  return { admittedOn: line.admittedOn, memberships, statuses: standingsFrom(line.admittedOn, line.confirmedOn), positions };
}

/**
 * A known member's history after the same line is read again (re-import): dates replace the
 * party standing (exemptions and suspensions laid over it stay), attachments stay, and a post
 * that differs from the posts held in the cell `today` ends yesterday while the new one starts
 * today — unless the file has no post column (`keepPosts`), or names one of the posts already
 * held (a register prints one post per member). `changed` says whether anything differs, so
 * an unchanged row writes nothing.
 */
export function mergeLine(existing: HistoryParts, line: RegisterLine, today: IsoDateString, keepPosts = false): { history: HistoryParts; changed: boolean } {
  const layers = existing.statuses.filter((s) => !isPartyStanding(s.status));
  const standings = standingsFrom(line.admittedOn, line.confirmedOn);
  const oldStandings = existing.statuses.filter((s) => isPartyStanding(s.status));
  const sameStandings =
    oldStandings.length === standings.length &&
    standings.every((s) => oldStandings.some((o) => o.status === s.status && o.from === s.from && o.to === s.to));

  const heldToday = existing.positions.filter((p) => p.organizationId === line.cellId && spanCovers(p, today));
  const samePosts = keepPosts || (line.position === null ? heldToday.length === 0 : heldToday.some((p) => p.position === line.position));
  let positions = [...existing.positions];
  if (!samePosts) {
    positions = positions.flatMap((p) => {
      if (!heldToday.includes(p)) return [p];
      if (p.from >= today) return [];
      return [{ ...p, to: addDays(today, -1) }];
    });
    if (line.position) positions.push({ organizationId: line.cellId, position: line.position, from: today, to: null });
  }
  const changed = !sameStandings || !samePosts || existing.admittedOn !== line.admittedOn;
  return {
    history: { admittedOn: line.admittedOn, memberships: existing.memberships, statuses: [...standings, ...layers], positions },
    changed,
  };
}

/** What a register prints as a member's status on a day: a suspension or an exemption over the standing. */
export function registerStatus(standing: Standing): MemberStatus {
  if (standing.suspended) return 'suspended';
  if (standing.exempt) return 'exempt';
  return standing.status;
}

const POST_RANK: Readonly<Record<Position, number>> = { secretary: 0, deputy_secretary: 1, committee_member: 2, group_leader: 3 };

/** The highest post among several (a register's "Chức vụ" column shows one). */
export function highestPosition(positions: readonly Position[]): Position | null {
  return [...positions].sort((a, b) => POST_RANK[a] - POST_RANK[b])[0] ?? null;
}

/** What a member's row holds besides the history. */
export type PersonFields = Pick<ImportedMember, 'gender' | 'birthDate' | 'email' | 'phone'>;

/**
 * A known member read again from a file (re-import): only what the file has columns for
 * changes — a file without a contact, birth date, post or confirmation column keeps what the
 * register holds. Returns the row as it will be saved, the new history and whether anything differs.
 */
export function reimportLine(
  existing: { person: PersonFields; history: HistoryParts },
  row: ImportedMember,
  columns: ReadonlySet<ImportField>,
  cellId: string,
  today: IsoDateString,
): { value: ImportedMember; history: HistoryParts; changed: boolean } {
  const has = (f: ImportField) => columns.has(f);
  const datesSay = has('confirmedOn') || has('status');
  const confirmedOn = datesSay ? row.confirmedOn : confirmedOnOf(existing.history);
  const value: ImportedMember = {
    ...row,
    gender: has('gender') ? row.gender : existing.person.gender,
    birthDate: has('birthDate') ? row.birthDate : existing.person.birthDate,
    email: has('email') ? row.email : existing.person.email,
    phone: has('phone') ? row.phone : existing.person.phone,
    confirmedOn,
    status: datesSay ? row.status : confirmedOn ? 'official' : 'probationary',
  };
  const merged = mergeLine(existing.history, { cellId, admittedOn: row.admittedOn ?? existing.history.admittedOn ?? '', confirmedOn, position: row.position }, today, !has('position'));
  const person = (['gender', 'birthDate', 'email', 'phone'] as const).some((f) => value[f] !== existing.person[f]);
  return { value, history: merged.history, changed: merged.changed || person };
}

/** A member as one register line shows them on `today`, field by field ('' for nothing). */
export function registerLineText(person: PersonFields, history: HistoryParts, cellId: string, today: IsoDateString): Record<Exclude<ImportField, 'fullName' | 'status'>, string> {
  const date = (d: IsoDateString | null) => (d ? formatDateVi(d) : '');
  const post = highestPosition(history.positions.filter((p) => p.organizationId === cellId && spanCovers(p, today)).map((p) => p.position));
  return {
    birthDate: date(person.birthDate),
    gender: person.gender ? REGISTER_TEXT.gender[person.gender] : '',
    admittedOn: date(history.admittedOn),
    confirmedOn: date(confirmedOnOf(history)),
    position: post ? REGISTER_TEXT.position[post] : '',
    email: person.email ?? '',
    phone: person.phone ?? '',
  };
}

/** What a re-imported line changes in a member's register line (the preview and the CLI list it). */
export function registerLineChanges(
  before: { person: PersonFields; history: HistoryParts },
  after: { person: PersonFields; history: HistoryParts },
  cellId: string,
  today: IsoDateString,
): { field: ImportField; from: string; to: string }[] {
  const a = registerLineText(before.person, before.history, cellId, today);
  const b = registerLineText(after.person, after.history, cellId, today);
  return (Object.keys(a) as (keyof typeof a)[]).filter((f) => a[f] !== b[f]).map((field) => ({ field, from: a[field], to: b[field] }));
}
