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
