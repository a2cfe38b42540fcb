import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DEFAULT_TIME_ZONE } from '../../lib/format.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * A meeting's time is an instant; officers type it as the wall-clock time of the cell's own
 * zone (STYLE §9: convert at the edges), whatever zone the browser is in.
 */

/** ISO instant → the value a date-and-time field holds (DayTimeInput), in the zone. */
export function toLocalInput(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(iso).tz(timeZone).format('YYYY-MM-DDTHH:mm');
}

/** 'YYYY-MM-DDTHH:mm' typed in the zone → ISO 8601 with its offset; null when not a time. */
export function fromLocalInput(value: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = dayjs.tz(value, timeZone);
  return d.isValid() ? d.format('YYYY-MM-DDTHH:mm:ssZ') : null;
}

/** The calendar month 'YYYY-MM' of an instant in the zone. */
export function monthOf(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(iso).tz(timeZone).format('YYYY-MM');
}

/** Weekday and date for a heading, e.g. "Thứ Ba, 15/12/2026 14:00", in the UI language. */
export function formatLongDateTime(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const d = dayjs(iso).tz(timeZone);
  const weekday = d.format('dddd');
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${d.format('DD/MM/YYYY HH:mm')}`;
}

/** The day before an instant in the zone ('YYYY-MM-DD'), a sensible due date for a paper. */
export function dayBefore(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(iso).tz(timeZone).subtract(1, 'day').format('YYYY-MM-DD');
}
