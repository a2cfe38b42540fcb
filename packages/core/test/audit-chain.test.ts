import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHashInput, canonicalJson, type AuditEntryFields } from '../src/index.ts';

describe('canonicalJson', () => {
  it('does not depend on key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('round-trips through JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('every field of an entry changes the hash input', () => {
    const e: AuditEntryFields = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actorAccountId: 'a1',
      actorName: 'Lê Minh Tuấn',
      action: 'a',
      targetType: 't',
      targetId: 'x',
      organizationId: 'o1',
      organizationPath: '/o1/',
      data: { x: 1 },
    };
    const base = auditHashInput('p', e);
    expect(auditHashInput('q', e)).not.toBe(base);
    const changed: Partial<Record<keyof AuditEntryFields, unknown>> = {
      seq: 2, at: '2026-01-01T00:00:00.001Z', actorAccountId: 'a2', actorName: 'Người khác', action: 'b',
      targetType: 'u', targetId: 'y', organizationId: 'o2', organizationPath: '/o2/', data: { x: 2 },
    };
    // Every field of the entry is covered: a new field without a line here fails to compile.
    for (const key of Object.keys(e) as (keyof AuditEntryFields)[]) {
      expect(auditHashInput('p', { ...e, [key]: changed[key] }), key).not.toBe(base);
    }
    expect(Object.keys(changed).sort()).toEqual(Object.keys(e).sort());
  });
});
