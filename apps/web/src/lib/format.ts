import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DEFAULT_TIME_ZONE, formatDateVi, localDateOf } from '@chibo/core';

dayjs.extend(utc);
dayjs.extend(timezone);

export { DEFAULT_TIME_ZONE };

/** dd/mm/yyyy HH:mm in the organization's zone (STYLE §9: convert at the edges). */
export function formatDateTime(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(iso).tz(timeZone).format('DD/MM/YYYY HH:mm');
}

/** The same instant as a machine-readable value for <time dateTime>. */
export function isoInstant(iso: string): string {
  return dayjs(iso).toISOString();
}

/** dd/mm/yyyy for a calendar day 'YYYY-MM-DD', as a register writes it. */
export function formatDay(day: string): string {
  return formatDateVi(day);
}

/** Today's calendar day in the organization's zone: the register's "today", as the server counts it. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE): string {
  return localDateOf(new Date(), timeZone);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * A period as people say it: 'YYYY-MM' → "Tháng 12/2026" / "December 2026", 'YYYY-Qn' → "Quý IV/2026"
 * / "Q4 2026". Never the internal code on screen.
 */
export function formatPeriod(period: string, lang: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return lang === 'en' ? `Q${q[2] ?? ''} ${q[1] ?? ''}` : `Quý ${ROMAN[Number(q[2]) - 1] ?? ''}/${q[1] ?? ''}`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const month = Number(m[2]);
  return lang === 'en' ? dayjs(`${period}-01`).locale('en').format('MMMM YYYY') : `Tháng ${month}/${m[1] ?? ''}`;
}

/** Consecutive months as one range ("Tháng 11/2026 – Tháng 12/2026"), others listed. */
export function formatMonths(periods: readonly string[], lang: string): string {
  if (periods.length === 0) return '';
  const [first] = periods;
  const last = periods[periods.length - 1];
  const consecutive = periods.every((p, i) => i === 0 || dayjs(`${periods[i - 1] ?? ''}-01`).add(1, 'month').format('YYYY-MM') === p);
  if (consecutive && periods.length > 2 && first && last) return `${formatPeriod(first, lang)} – ${formatPeriod(last, lang)}`;
  return periods.map((p) => formatPeriod(p, lang)).join(', ');
}
