import { parseVietnameseDate } from '@chibo/core';

/**
 * What the date and time fields hold, and what they hand their forms. The forms send what they
 * sent when the browser drew its own fields: 'YYYY-MM-DD' for a day, 'HH:mm' for a time, and a
 * meeting's 'YYYY-MM-DDTHH:mm' in the cell's zone (meeting-time.ts turns it into an instant).
 */

/** How a day is shown, whatever the browser's language: as a register writes it (03/02/2026). */
export const DAY_FORMAT = 'DD/MM/YYYY';

/**
 * A typed day → 'YYYY-MM-DD'; null when it is not one. Day first, always, with the one reading
 * the member import uses (core's parseVietnameseDate): "03/02/2026" is the 3rd of February in an
 * American browser too, and "31/02/2026" is no day rather than the 3rd of March.
 */
export function dayOfText(text: string): string | null {
  const read = parseVietnameseDate(text);
  return read.ok ? read.value : null;
}

/**
 * The value a day field hands its form: '' when cleared, 'YYYY-MM-DD' for a day, and the text
 * itself when it is not a day, so that the form refuses it instead of keeping the last good day
 * while the field shows something else.
 */
export function dayFieldValue(text: string): string {
  if (text.trim() === '') return '';
  return dayOfText(text) ?? text;
}

/** 'YYYY-MM-DDTHH:mm' → its day and its time; either part may be empty or half typed. */
export function splitDayTime(value: string): { day: string; time: string } {
  // The time part is digits and a colon only, so the last "T" is the separator.
  const at = value.lastIndexOf('T');
  return at < 0 ? { day: value, time: '' } : { day: value.slice(0, at), time: value.slice(at + 1) };
}

/** The inverse of splitDayTime; '' when both parts are empty (nothing typed yet). */
export function joinDayTime(day: string, time: string): string {
  return day === '' && time === '' ? '' : `${day}T${time}`;
}
