import { z } from 'zod';
import { ERRORS, type ErrorCode } from './errors.ts';

// Validation messages in Vietnamese wherever a schema gives none of its own.
z.config(z.locales.vi());

// A UUID is 36 characters; the bound is said so that the OpenAPI document carries it too.
export const Id = z.uuid({ error: 'Mã định danh không hợp lệ.' }).max(36, { error: 'Mã định danh không hợp lệ.' });
export const IdParams = z.object({ id: Id });
export const ErrorResponse = z.object({
  error: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  /** For validation_failed: which field failed and why, for forms to place the message. */
  details: z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) }).optional(),
});
export const OkResponse = z.object({ ok: z.literal(true) });

// Control characters (NUL cannot be stored by PostgreSQL at all) other than tab and newline,
// and UTF-16 halves without their pair (not valid Unicode, refused by jsonb).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

/** Any string that reaches the database: no control characters, valid Unicode. */
export const SafeString = z.string().refine(isStorableText, { error: 'Có ký tự không hợp lệ.' });

/**
 * Trimmed, NFC-normalized text (STYLE §10: Vietnamese text is normalized on the way in). The
 * length is counted after normalizing, as before; normalize and trim are zod's in-place
 * steps rather than a transform, so the bounds reach the OpenAPI document as minLength and
 * maxLength (a transform hides everything after it from the input's JSON schema).
 */
export function text(min: number, max: number) {
  return SafeString.normalize('NFC')
    .trim()
    .min(min, { error: `Cần ít nhất ${min} ký tự.` })
    .max(max, { error: `Tối đa ${max} ký tự.` });
}


/** A calendar date (YYYY-MM-DD) in the years a party register can hold. */
export const IsoDate = z.iso
  .date({ error: 'Ngày phải có dạng YYYY-MM-DD.' })
  .max(10, { error: 'Ngày phải có dạng YYYY-MM-DD.' })
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= 1900 && year <= 2100;
  }, { error: 'Ngày phải trong khoảng năm 1900–2100.' });
