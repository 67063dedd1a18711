/**
 * Where an estimator's input and answer have their fields: JSON pointers checked against the JSON
 * schemas of its zod schemas (any branch of a union will do), and the numeric bounds a field's schema
 * states. What scripts (sweeps, uncertainty, the solver) check a pointer with before any work.
 */
import { z } from 'zod';
import type { Estimator } from './estimator.js';
import { withProvenance } from './estimator.js';
import { pointerTokens } from './pointer.js';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** The schema a node stands for: itself, or the definition its `$ref` names. */
const resolve = (node: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema | undefined =>
  node.$ref ? defs[node.$ref.split('/').pop() as string] : node;

/** The branches of a union or intersection. */
const branchesOf = (node: JsonSchema): JsonSchema[] => [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];

/** The schema of a node's child at one pointer token: a property, an array element, or an open record's value. */
function childAt(node: JsonSchema, token: string): JsonSchema | undefined {
  return (
    node.properties?.[token] ??
    (/^\d+$/.test(token) ? (node.prefixItems?.[Number(token)] ?? node.items) : undefined) ??
    (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined)
  );
}

/** Whether a JSON schema has a place at the pointer's tokens (any branch of a union will do). */
export function schemaHas(node: JsonSchema, tokens: readonly string[], defs: Record<string, JsonSchema>): boolean {
  const resolved = resolve(node, defs);
  if (!resolved) return false;
  const branches = branchesOf(resolved);
  if (branches.some((b) => schemaHas(b, tokens, defs))) return true;
  const [head, ...rest] = tokens;
  if (head === undefined) return true;
  const child = childAt(resolved, head);
  if (child) return schemaHas(child, rest, defs);
  // A schema that says nothing of its contents (an open record, an unrepresentable type) accepts any path.
  return resolved.additionalProperties === true || (!resolved.type && !resolved.properties && branches.length === 0);
}

const schemas = new WeakMap<Estimator, { input: JsonSchema; output: JsonSchema }>();

/** The estimator's input and served output as JSON schemas, worked out once. */
export function schemasOf(estimator: Estimator) {
  let s = schemas.get(estimator);
  if (!s) {
    const options = { unrepresentable: 'any', cycles: 'ref', reused: 'inline' } as const;
    s = {
      input: z.toJSONSchema(estimator.input, { ...options, io: 'input' }) as JsonSchema,
      output: z.toJSONSchema(withProvenance(estimator.output), { ...options, io: 'output' }) as JsonSchema,
    };
    schemas.set(estimator, s);
  }
  return s;
}

/** Numeric bounds of a field as its schema states them (inclusive or exclusive); absent where it states none. */
export interface Bounds {
  min?: number;
  max?: number;
  gt?: number;
  lt?: number;
}

/** The bounds of the number a schema admits at the pointer's tokens (the first number branch found), or null when it admits no number there. */
export function numberBounds(node: JsonSchema, tokens: readonly string[], defs: Record<string, JsonSchema>): Bounds | null {
  const resolved = resolve(node, defs);
  if (!resolved) return null;
  const [head, ...rest] = tokens;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (head === undefined && (types.includes('number') || types.includes('integer')))
    return {
      ...(resolved.minimum !== undefined && { min: resolved.minimum }),
      ...(resolved.maximum !== undefined && { max: resolved.maximum }),
      ...(resolved.exclusiveMinimum !== undefined && { gt: resolved.exclusiveMinimum }),
      ...(resolved.exclusiveMaximum !== undefined && { lt: resolved.exclusiveMaximum }),
    };
  for (const b of branchesOf(resolved)) {
    const found = numberBounds(b, tokens, defs);
    if (found) return found;
  }
  if (head === undefined) return null;
  const child = childAt(resolved, head);
  return child ? numberBounds(child, rest, defs) : null;
}

/** Whether an estimator's input (or served output) admits a number at the pointer. */
export function admitsNumber(estimator: Estimator, pointer: string, side: 'input' | 'output'): boolean {
  const schema = schemasOf(estimator)[side];
  return numberBounds(schema, pointerTokens(pointer), schema.$defs ?? {}) !== null;
}
