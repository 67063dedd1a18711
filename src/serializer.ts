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

/** JSON Schema (draft-07, which fast-json-stringify reads) of what a zod schema outputs. */
export function responseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) =>
  fastJson(responseJsonSchema(zodOf(schema)) as unknown as Parameters<typeof fastJson>[0]);
