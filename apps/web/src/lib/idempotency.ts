/**
 * Idempotency keys for forms that record something (server ADR 0004): one key per opening
 * of a form, so that a double tap or a resubmission after a lost answer records once; the
 * body's digest is part of the key, so an edited resubmission is a new request.
 */

/** 128 random bits as hex. (crypto.randomUUID needs HTTPS; a cell's server on a LAN may be plain HTTP.) */
export function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A short stable digest of a text (not cryptographic: it tells versions apart). */
export function hashText(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** The key for sending `body` from the form opened with `formKey`. */
export function requestKey(formKey: string, body: unknown): string {
  const json = JSON.stringify(body);
  return `${formKey}:${json.length}:${hashText(json)}`;
}
