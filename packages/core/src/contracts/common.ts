import { z } from 'zod';
import { ERRORS, type ErrorCode } from './errors.ts';

// Validation messages in Vietnamese wherever a schema gives none of its own.
z.config(z.locales.vi());

export const Id = z.uuid({ error: 'Mã định danh không hợp lệ.' });
export const IdParams = z.object({ id: Id });
export const ErrorResponse = z.object({
  error: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  /** For validation_failed: which field failed and why, for forms to place the message. */
  details: z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) }).optional(),
});
export const OkResponse = z.object({ ok: z.literal(true) });

/** Trimmed, NFC-normalized text (STYLE §10: Vietnamese text is normalized on the way in). */
export function text(min: number, max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min, { error: `Cần ít nhất ${min} ký tự.` }).max(max, { error: `Tối đa ${max} ký tự.` }));
}
