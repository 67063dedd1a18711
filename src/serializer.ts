/**
 * The response serializer: fast-json-stringify, compiled once per route from the JSON Schema of the
 * route's zod response schema. It writes the fields the schema declares and does not validate: an
 * estimator's answer is validated once, against its output schema, by `runEstimator`
 * (models/estimator.ts), which also refuses non-finite figures (fast-json-stringify would write them
 * as null). Problem bodies are sent as strings and never pass through here.
 */

import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

function zodOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new TypeError(`a response schema must be a zod schema, got ${JSON.stringify(schema)?.slice(0, 80)}`);
}

type Node = Record<string, unknown>;

/**
 * `anyOf: [S, {type: "null"}]` (zod's `.nullable()`) as `S` with `type: [S.type, "null"]`: the same
 * values, and fast-json-stringify writes them without running a validator to pick the branch.
 */
function nullableAsType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsType);
  if (node === null || typeof node !== 'object') return node;
  const out: Node = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAsType(v)]));
  const branches = out.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return out;
  const isNull = (b: Node) => b.type === 'null' && Object.keys(b).length === 1;
  const nullAt = branches.findIndex((b: Node) => isNull(b));
  const other = branches[1 - nullAt] as Node | undefined;
  if (nullAt < 0 || !other || typeof other.type !== 'string') return out;
  const { anyOf: _, ...rest } = out;
  return {
    ...rest,
    ...other,
    type: [other.type, 'null'],
    ...(Array.isArray(other.enum) && { enum: [...other.enum, null] }),
  };
}

/** JSON Schema (draft-07, which fast-json-stringify reads) of what a zod schema outputs. */
export function responseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' });
  return nullableAsType(json) as Record<string, unknown>;
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) =>
  fastJson(responseJsonSchema(zodOf(schema)) as unknown as Parameters<typeof fastJson>[0]);
