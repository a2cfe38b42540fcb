import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHashInput, canonicalJson } from '../src/index.ts';

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
    const e = { seq: 1, at: '2026-01-01T00:00:00.000Z', actorAccountId: null, action: 'a', targetType: 't', targetId: null, organizationId: null, data: { x: 1 } };
    const base = auditHashInput('p', e);
    expect(auditHashInput('q', e)).not.toBe(base);
    expect(auditHashInput('p', { ...e, seq: 2 })).not.toBe(base);
    expect(auditHashInput('p', { ...e, action: 'b' })).not.toBe(base);
    expect(auditHashInput('p', { ...e, data: { x: 2 } })).not.toBe(base);
  });
});
