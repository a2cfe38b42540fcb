/**
 * Inputs for the schema-driven pass (fuzz-pass.test.ts), made from the OpenAPI document's
 * JSON schemas with a seeded generator: the same seed gives the same requests. Valid values
 * follow the schema (ids drawn from real objects where the field names one); invalid ones
 * break it one way at a time (a wrong type, a missing field, a string one past its maxLength,
 * a control character, a huge number, an unknown field).
 */
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';

export type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** mulberry32: small, fast, and the same sequence for the same seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `k` items of `items`, in their order (all when there are no more). */
  sample<T>(items: readonly T[], k: number): T[] {
    const keep = new Set<number>();
    while (keep.size < Math.min(k, items.length)) keep.add(this.int(0, items.length - 1));
    return items.filter((_, i) => keep.has(i));
  }
  uuid(): string {
    const b = Buffer.from(Array.from({ length: 16 }, () => this.int(0, 255)));
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** Real objects of the demo, by the kind of id a field or a path names. */
export type IdPools = Record<'organization' | 'member' | 'meeting' | 'document' | 'paper' | 'absence' | 'notice' | 'import' | 'override' | 'account', string[]>;

/** Which pool a field's name points at (authorMemberId → member, parentId → organization). */
export function poolOfField(name: string): keyof IdPools | null {
  if (/organizationid$|^parentid$/i.test(name)) return 'organization';
  if (/memberid$/i.test(name)) return 'member';
  if (/^paperid$/i.test(name)) return 'paper';
  if (/^accountid$/i.test(name)) return 'account';
  return null;
}

/** Which pool a path's `{id}` points at, from the segment before it. */
export function poolOfPath(path: string): keyof IdPools | null {
  const segment = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
  const bySegment: Record<string, keyof IdPools> = {
    organizations: 'organization',
    members: 'member',
    meetings: 'meeting',
    documents: 'document',
    papers: 'paper',
    'absence-requests': 'absence',
    notices: 'notice',
    'member-imports': 'import',
    'rule-overrides': 'override',
  };
  return segment ? (bySegment[segment] ?? null) : null;
}

const LETTERS = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789';

function words(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) s += s.length > 0 && s.length < length - 1 && rng.chance(0.15) ? ' ' : rng.pick([...LETTERS]);
  return s.slice(0, length);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Values for the patterns the contracts use (a generic generator cannot invert a regex). */
const PATTERNS: Record<string, (rng: Rng) => string> = {
  '^\\d{4}-(0[1-9]|1[0-2])$': (rng) => `${rng.int(2024, 2028)}-${pad(rng.int(1, 12))}`,
  '^\\d{4}-Q[1-4]$': (rng) => `${rng.int(2024, 2028)}-Q${rng.int(1, 4)}`,
  '^([01]\\d|2[0-3]):[0-5]\\d$': (rng) => `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}`,
  '^[0-9 +().-]{6,20}$': (rng) => `09${rng.int(10_000_000, 99_999_999)}`,
};

/** Field names whose values a schema cannot describe fully (a time zone, a URL, a demo login). */
const BY_NAME: Record<string, (rng: Rng) => string> = {
  login: (rng) => rng.pick(['dangvien', 'bithu', 'capuy', 'quantri', words(rng, 8)]),
  password: (rng) => (rng.chance(0.5) ? DEMO_PASSWORD : words(rng, 12)),
  timeZone: (rng) => rng.pick(['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'UTC']),
  onlineUrl: (rng) => `https://hop.example.vn/${words(rng, 6).replace(/[^a-z0-9]/gi, 'x')}`,
};

function validString(s: JsonSchema, rng: Rng, name: string, pools: IdPools): string {
  if (s.format === 'uuid') {
    const pool = pools[poolOfField(name) ?? 'organization'];
    return pool.length > 0 && rng.chance(0.9) ? rng.pick(pool) : rng.uuid();
  }
  if (s.format === 'date') return `${rng.int(2020, 2027)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  if (s.format === 'date-time') return new Date(Date.now() + rng.int(1, 60) * 86_400_000).toISOString().replace(/T.*/, `T${pad(rng.int(7, 20))}:00:00+07:00`);
  if (s.format === 'email') return `dv${rng.int(1, 99_999)}@example.vn`;
  const byName = BY_NAME[name];
  if (byName) return byName(rng);
  const byPattern = s.pattern ? PATTERNS[s.pattern] : undefined;
  if (byPattern) return byPattern(rng);
  const min = Math.max(s.minLength ?? 0, 1);
  const max = Math.min(s.maxLength ?? min + 30, min + 40);
  return words(rng, rng.int(min, Math.max(min, max)));
}

/** A value the schema accepts (as far as a schema can say: the server's own rules may still refuse it). */
export function validValue(s: JsonSchema, rng: Rng, pools: IdPools, name = ''): unknown {
  if (s.nullable && rng.chance(0.1)) return null;
  if (s.enum) return rng.pick(s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return validValue(rng.pick(branches), rng, pools, name);
  switch (s.type) {
    case 'string':
      return validString(s, rng, name, pools);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 0;
      const max = Math.min(s.maximum ?? min + 100, min + 1000);
      return rng.int(Math.ceil(min), Math.floor(max));
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'array': {
      const n = rng.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 2));
      return Array.from({ length: n }, () => validValue(s.items ?? {}, rng, pools, name));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if ((s.required ?? []).includes(key) || rng.chance(0.5)) out[key] = validValue(prop, rng, pools, key);
      }
      return out;
    }
    default:
      return s.default ?? null;
  }
}

export interface BadBody {
  name: string;
  payload: string;
  contentType: string;
}

/** Each way a JSON body can be wrong, made from a valid one: as a whole, and one field at a time. */
export function invalidBodies(schema: JsonSchema, valid: unknown): { whole: BadBody[]; fields: BadBody[] } {
  const json = (name: string, value: unknown): BadBody => ({ name, payload: JSON.stringify(value), contentType: 'application/json' });
  const whole: BadBody[] = [
    { name: 'not JSON', payload: '{"a": ', contentType: 'application/json' },
    { name: 'empty JSON body', payload: '', contentType: 'application/json' },
    { name: 'deep nesting', payload: '['.repeat(5000) + ']'.repeat(5000), contentType: 'application/json' },
    { name: 'proto pollution', payload: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}', contentType: 'application/json' },
    { name: 'too large', payload: JSON.stringify({ x: 'a'.repeat(70 * 1024) }), contentType: 'application/json' },
    { name: 'XML', payload: '<a/>', contentType: 'application/xml' },
    { name: 'form', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    json('null', null),
    json('an array', [1, 2, 3]),
    json('a string', 'x'),
    json('a huge number', 1e308),
  ];
  const out: BadBody[] = [];
  if (schema.type !== 'object' || !valid || typeof valid !== 'object' || Array.isArray(valid)) return { whole, fields: out };
  const base = valid as Record<string, unknown>;
  whole.push(json('an unknown field', { ...base, zzzUnknown: 1 }));
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = base;
    out.push(json(`without ${key}`, rest));
  }
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const type = prop.type ?? prop.anyOf?.[0]?.type;
    out.push(json(`${key} of the wrong type`, { ...base, [key]: type === 'string' ? 12345 : type === 'array' ? 'x' : type === 'object' ? [] : 'x' }));
    if (type === 'string' && prop.maxLength !== undefined) out.push(json(`${key} too long`, { ...base, [key]: 'x'.repeat(prop.maxLength + 1) }));
    if (type === 'string') {
      out.push(json(`${key} with a NUL`, { ...base, [key]: 'Nguyễn\u0000Văn' }));
      out.push(json(`${key} with a bell`, { ...base, [key]: 'Chi bộ\u0007 mới' }));
      // A lone surrogate cannot be made by JSON.stringify: written in the JSON text itself.
      out.push({ name: `${key} with a lone surrogate`, payload: JSON.stringify({ ...base, [key]: 'SURROGATE' }).replace('"SURROGATE"', '"Nguy\\ud800n"'), contentType: 'application/json' });
    }
    if (type === 'integer' || type === 'number') {
      // 2^53 + 1 cannot be a JavaScript number: written in the JSON text itself, as a client may.
      for (const n of [1e308, -1e308, 1.5, -1]) out.push(json(`${key} = ${n}`, { ...base, [key]: n }));
      out.push({ name: `${key} = 2^53 + 1`, payload: JSON.stringify({ ...base, [key]: 0 }).replace(`"${key}":0`, `"${key}":9007199254740993`), contentType: 'application/json' });
    }
    if (type === 'array' && prop.maxItems !== undefined) out.push(json(`${key} with too many items`, { ...base, [key]: Array.from({ length: prop.maxItems + 1 }, () => ({})) }));
  }
  return { whole, fields: out };
}

/** Path values an id (or a calendar token) must refuse. */
export const BAD_PATH_VALUES = ['not-a-uuid', '%E0%A4%A', '%', 'a'.repeat(300), '%00', '..%2F..%2Fetc%2Fpasswd', '%C4%91%C3%A2y', '00000000-0000-0000-0000-000000000000', '7D0C0E1E-3F7A-4C2B-9A51-0E6F2B7D9C11'];

/** Ways a query parameter can be wrong, by its schema. */
export function badQueryValues(s: JsonSchema): string[] {
  const type = s.type ?? s.anyOf?.[0]?.type;
  const values = ['%E0%A4%A', '%00', 'x'.repeat((s.maxLength ?? 300) + 1)];
  if (type === 'integer' || type === 'number') values.push('abc', '1e400', '-1', '99999999999999999999', '1.5');
  return values;
}
