/**
 * Calendar days as registers write them: 'YYYY-MM-DD' strings compared as days, with no
 * time zone; spans closed at both ends (`to: null` still running).
 */
import type { IsoDateString } from '../rules/membership-rules.ts';
import { DEFAULT_TIME_ZONE } from '../contracts/organizations.ts';

/** A closed run of days; `to: null` is still running. */
export interface DateSpan {
  from: IsoDateString;
  to: IsoDateString | null;
}

export const END_OF_TIME = '9999-12-31';
const DAY_MS = 86_400_000;

// Imports check hundreds of thousands of periods: the conversions are memoized (a register's
// days span two centuries, so the tables stay small).
const dayNumbers = new Map<string, number>();
const isoDays = new Map<number, IsoDateString>();

export function dayNumber(d: IsoDateString): number {
  let n = dayNumbers.get(d);
  if (n === undefined) {
    const [y = NaN, m = NaN, day = NaN] = d.split('-').map(Number);
    n = Date.UTC(y, m - 1, day) / DAY_MS;
    if (dayNumbers.size < 200_000) dayNumbers.set(d, n);
  }
  return n;
}
export function fromDayNumber(n: number): IsoDateString {
  let d = isoDays.get(n);
  if (d === undefined) {
    d = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (isoDays.size < 200_000) isoDays.set(n, d);
  }
  return d;
}
/** A real calendar day written 'YYYY-MM-DD' (not 2025-02-30). */
export function isCalendarDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= '1900-01-01' && fromDayNumber(dayNumber(d)) === d;
}
export function addDays(d: IsoDateString, n: number): IsoDateString {
  return fromDayNumber(dayNumber(d) + n);
}
export function daysBetween(from: IsoDateString, to: IsoDateString): number {
  return dayNumber(to) - dayNumber(from);
}
/** Same day n months later; a day the month lacks falls to its last (29/02/2024 + 12 → 28/02/2025). */
export function addMonths(d: IsoDateString, n: number): IsoDateString {
  const [y = NaN, m = NaN, day = NaN] = d.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(y, m - 1 + n, Math.min(day, lastDay)) / DAY_MS);
}
/** dd/mm/yyyy, as a register writes it. */
export function formatDateVi(d: IsoDateString): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}
export function spanCovers(s: DateSpan, d: IsoDateString): boolean {
  return s.from <= d && d <= (s.to ?? END_OF_TIME);
}
export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return a.from <= (b.to ?? END_OF_TIME) && b.from <= (a.to ?? END_OF_TIME);
}
export function latestCovering<T extends DateSpan>(spans: readonly T[], d: IsoDateString): T | undefined {
  let best: T | undefined;
  for (const s of spans) if (spanCovers(s, d) && (!best || s.from >= best.from)) best = s;
  return best;
}
/** Every day of `span` lies in one of `spans` (which may touch, overlap or leave gaps). */
export function isSpanCovered(span: DateSpan, spans: readonly DateSpan[]): boolean {
  let cursor = span.from;
  for (const s of [...spans].sort((a, b) => a.from.localeCompare(b.from))) {
    if (s.from > cursor) return false;
    if (s.to === null) return true;
    if (s.to >= cursor) cursor = addDays(s.to, 1);
    if (span.to !== null && cursor > span.to) return true;
  }
  return false;
}

/** The calendar day an instant falls on in a time zone ('Asia/Ho_Chi_Minh' → the register's "today"). */
export function localDateOf(instant: Date, timeZone: string): IsoDateString {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The installation's calendar day, on which the cell holding each member's record is decided. */
export function registerDayOf(instant: Date): IsoDateString {
  return localDateOf(instant, DEFAULT_TIME_ZONE);
}

/**
 * The instant a wall-clock time of a local day is in a time zone ('2026-12-10', '14:00',
 * 'Asia/Ho_Chi_Minh' → 07:00Z). The zone's offset is read at the guess and once more at the
 * result, which settles days where the offset changes.
 */
export function instantOf(day: IsoDateString, time: string, timeZone: string): Date {
  const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number);
  const [hh = NaN, mm = NaN] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(t));
    const get = (k: string) => Number(parts.find((p) => p.type === k)?.value ?? NaN);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(t / 60_000) * 60_000;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/** 'HH:MM' of an instant in a time zone. */
export function localTimeOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(instant);
}
