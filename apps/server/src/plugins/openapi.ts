/**
 * The OpenAPI document (/api/docs/json) is made from the routes' zod schemas by
 * fastify-type-provider-zod; this adds what zod cannot say and corrects what it says wrong.
 * - An upload reads the file's bytes, not JSON: its route names the media types it reads in
 *   `schema.consumes` and declares no zod body (the handler refuses anything but bytes with
 *   415); the document gets a binary request body for each of those types.
 * - OpenAPI 3.0 has no null type. The transform writes a nullable enum as `nullable: true`
 *   beside an enum without null, which OpenAPI 3.0.3 reads as "null is not allowed", and a
 *   nullable union as `nullable` without a `type`, which has no effect: validators refuse the
 *   nulls the server sends. Null goes into the enum, and onto each branch of the union.
 * - A 204 declared as `z.null()` would be documented as a JSON body `null`: it has no body.
 */
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const BINARY_BODY = { type: 'string', format: 'binary' };
const NO_CONTENT = { type: 'null', description: 'Không có nội dung.' };

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

function nullsExplicit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullsExplicit);
  if (!isNode(value)) return value;
  const node: Node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullsExplicit(v)]));
  if (node.nullable !== true) return node;
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...(node.enum as unknown[]), null];
  const key = node.anyOf ? 'anyOf' : 'oneOf';
  const branches: unknown = node[key];
  if (node.type === undefined && Array.isArray(branches)) {
    node[key] = branches.map((b: unknown) => (isNode(b) ? nullsExplicit({ ...b, nullable: true }) : b));
    delete node.nullable;
  }
  return node;
}

export const openApiTransform: typeof jsonSchemaTransform = (document) => {
  const out = jsonSchemaTransform(document);
  if (out.schema.hide) return out;
  const schema = nullsExplicit(out.schema) as typeof out.schema;
  if (isNode(schema.response) && schema.response['204']) schema.response['204'] = NO_CONTENT;
  const consumes = (document.schema as { consumes?: unknown }).consumes;
  if (Array.isArray(consumes) && consumes.length > 0 && !document.schema.body) schema.body = BINARY_BODY;
  return { ...out, schema };
};
