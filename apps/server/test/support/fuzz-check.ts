/**
 * Checks one answer against what the OpenAPI document says of its operation: the status is
 * declared, never a 5xx; the body matches the schema declared for that status and media type
 * (ajv); an error is `{ error, message }` with a known code and a Vietnamese message.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { ERRORS } from '@chibo/core';
import type { JsonSchema } from './fuzz-inputs.ts';

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
}

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

// ajv-formats is CommonJS: its default export is the module object for the type checker, the function at run time.
const formats = addFormatsPlugin as unknown as ((ajv: Ajv) => Ajv) & { default?: (ajv: Ajv) => Ajv };
const addFormats = formats.default ?? formats;

const mediaOf = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? '';

export class ContractChecker {
  readonly operations: Operation[];
  private readonly ajv = new Ajv({ strict: false, allErrors: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path, parameters: op.parameters ?? [] })),
    );
  }

  /** The schema's validator, or why a validator cannot be made of it (then the document itself is wrong). */
  private validator(key: string, schema: JsonSchema): ValidateFunction | string {
    let v = this.compiled.get(key);
    if (!v) {
      try {
        v = this.ajv.compile(schema);
      } catch (e) {
        return `the declared schema is not valid JSON Schema: ${(e as Error).message}`;
      }
      this.compiled.set(key, v);
    }
    return v;
  }

  /** What is wrong with this answer; empty when it is inside the contract. `op` null: no operation matched (an unknown route). */
  problemsOf(op: Operation | null, res: Answer): string[] {
    const problems: string[] = [];
    const status = res.statusCode;
    const contentType = String(res.headers['content-type'] ?? '');
    if (status >= 500) problems.push(`a ${status}`);
    if (status >= 400) problems.push(...errorShapeProblems(res.body, contentType));
    if (!op) {
      if (status < 400) problems.push(`${status} for a request no operation takes`);
      return problems;
    }
    const declared = op.responses[String(status)] ?? op.responses.default;
    if (!declared) {
      problems.push(`status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`);
      return problems;
    }
    const content = declared.content;
    if (!content || Object.keys(content).length === 0) {
      if (res.body.length > 0) problems.push(`a body where none is declared: ${res.body.slice(0, 80)}`);
      return problems;
    }
    const entry = Object.entries(content).find(([type]) => mediaOf(type) === mediaOf(contentType));
    if (!entry) {
      problems.push(`content type "${contentType}" is not declared for ${status} (declared: ${Object.keys(content).join(', ')})`);
      return problems;
    }
    const [type, { schema }] = entry;
    if (!mediaOf(type).endsWith('json')) return problems;
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      problems.push('the body is not JSON');
      return problems;
    }
    const validate = this.validator(`${op.method} ${op.path} ${status} ${type}`, schema);
    if (typeof validate === 'string') problems.push(validate);
    else if (!validate(parsed)) problems.push(`the body does not match the declared schema: ${this.ajv.errorsText(validate.errors)}`);
    return problems;
  }
}

/** An error is `{ error, message }` (details optional): a known code, a Vietnamese message. */
export function errorShapeProblems(body: string, contentType: string): string[] {
  if (!contentType.startsWith('application/json')) return [`an error answered as "${contentType}"`];
  if (body === '') return []; // HEAD: the same answer without its body
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['an error body that is not JSON'];
  }
  const e = parsed as { error?: unknown; message?: unknown; code?: unknown; statusCode?: unknown };
  const problems: string[] = [];
  if (typeof e.error !== 'string' || !(e.error in ERRORS)) problems.push(`error code ${JSON.stringify(e.error)} is not one of ours`);
  if (typeof e.message !== 'string' || e.message.trim() === '') problems.push('an error without a message');
  else if (!VIETNAMESE.test(e.message)) problems.push(`a message that is not Vietnamese: ${e.message}`);
  const extra = Object.keys(e).filter((k) => k !== 'error' && k !== 'message' && k !== 'details');
  if (extra.length > 0) problems.push(`an error with other fields: ${extra.join(', ')}`);
  return problems;
}
