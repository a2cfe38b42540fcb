/**
 * The audit log is hash-chained: each entry's hash covers the previous entry's hash and
 * the entry's own fields in a canonical form, so that any edit, insertion or deletion in
 * the middle of the chain is found by recomputing it. Hashing itself is the server's
 * (it owns crypto); the canonical form lives here so that writer and verifier share it.
 */

export interface AuditEntryFields {
  seq: number;
  at: string; // ISO 8601 UTC with milliseconds
  actorAccountId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  organizationId: string | null;
  /** Decides who may read the entry, so it is covered by the hash like everything else. */
  organizationPath: string | null;
  data: unknown;
}

/** JSON with object keys sorted at every depth; jsonb reorders keys, so the hash must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHashInput(prevHash: string, e: AuditEntryFields): string {
  return canonicalJson({
    v: AUDIT_HASH_VERSION,
    prev: prevHash,
    seq: e.seq,
    at: e.at,
    actor: e.actorAccountId,
    actorName: e.actorName,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    org: e.organizationId,
    orgPath: e.organizationPath,
    data: e.data,
  });
}

/** Bumped whenever the hashed form changes; part of every hash. */
export const AUDIT_HASH_VERSION = 1;

/** The hash the first entry chains to. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
