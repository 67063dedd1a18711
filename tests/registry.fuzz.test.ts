/**
 * For every estimator in the registry: its examples, with one to three fields set to hostile values
 * (wrong types, wrong units, out of range, non-finite, huge, missing) — fields the example has, and
 * any field its input schema declares — never produce a 500, and every success is finite. New
 * estimators are covered by adding them to the registry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withProvenance } from '../models/estimator.js';
import { ESTIMATORS } from '../models/registry.js';
import { useApp } from './helpers.js';

const app = useApp();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every leaf of a JSON value. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
}

/** Paths of every property an input schema declares (through unions, arrays and nesting). */
function schemaPaths(schema: any, path: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (!schema || typeof schema !== 'object' || depth > 5) return [];
  const out: (string | number)[][] = [];
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    out.push([...path, key], ...schemaPaths(sub, [...path, key], depth + 1));
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    out.push(...schemaPaths(branch, path, depth + 1));
  if (schema.items) out.push(...schemaPaths(schema.items, [...path, 0], depth + 1));
  return out;
}

function replaceAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = replaceAt(copy[head] ?? (typeof rest[0] === 'number' ? [] : {}), rest, replacement);
  return copy;
}

const hostile = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 1e21),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('1 MW', '5 kg', '20 degC', '-1 km', '1e400 km', 'NaN', '', '1/0', '550 km', '0 K', '2 + 2', '1 USD/kg'),
  fc.boolean(),
  fc.constant(null),
  fc.constant([] as Json),
  fc.constant({} as Json),
  fc.constant(undefined),
);

describe('every estimator: hostile variations of its examples', () => {
  for (const estimator of ESTIMATORS) {
    const examples = Object.values(estimator.examples).map((e) => e.value as Json);
    const declared = schemaPaths(z.toJSONSchema(estimator.input, { io: 'input', unrepresentable: 'any' }));
    const served = withProvenance(estimator.output);
    it(`${estimator.name}: no 500, problems are problem+json, successes are finite and match the output schema`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...examples),
          fc.array(fc.tuple(fc.boolean(), fc.nat(), hostile), { minLength: 1, maxLength: 3 }),
          async (example, edits) => {
            let body = example;
            for (const [fromSchema, pick, value] of edits) {
              const paths = fromSchema && declared.length > 0 ? declared : leaves(body);
              body = replaceAt(body, paths[pick % paths.length] as (string | number)[], value);
            }
            const res = await app().inject({ method: 'POST', url: `/v1/${estimator.name}`, payload: body as object });
            expect(res.statusCode, res.body.slice(0, 400)).not.toBe(500);
            const json = res.json();
            if (res.statusCode === 200) {
              expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
              // The route checks only finiteness; the answer as served must match the whole schema.
              expect(served.safeParse(json).error?.issues ?? []).toEqual([]);
            } else {
              expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
              // A body replaced whole by a string goes out as text, not JSON: 415.
              expect(typeof body === 'string' ? [400, 413, 415, 422] : [400, 413, 422]).toContain(res.statusCode);
            }
          },
        ),
        { numRuns: estimator.heavy ? 10 : 100 },
      );
    });
  }
});
