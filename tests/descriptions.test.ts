/**
 * Every output field is described (DESIGN §7): each property of every success answer in the
 * OpenAPI document carries a `description` with its meaning (its unit is in its name).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Schema = {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

const doc = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'));
const components: Record<string, Schema> = doc.components?.schemas ?? {};
const resolve = (s: Schema): Schema => (s.$ref ? (components[s.$ref.split('/').pop() as string] ?? {}) : s);

/** A property is described when it, the schema it refers to, or one of its union branches says what it is. */
const described = (s: Schema) =>
  Boolean(
    s.description || resolve(s).description || [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some((b) => resolve(b).description),
  );

/** Pointers of the undescribed properties under `s`, and the number of properties seen. */
function walk(s: Schema, at: string, seen: Set<string>, out: { total: number; missing: string[] }): void {
  if (s.$ref) {
    if (seen.has(s.$ref)) return;
    seen.add(s.$ref);
  }
  const r = resolve(s);
  for (const b of [...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])]) walk(b, at, seen, out);
  for (const [key, child] of Object.entries(r.properties ?? {})) {
    out.total++;
    if (!described(child)) out.missing.push(`${at}/${key}`);
    walk(child, `${at}/${key}`, seen, out);
  }
  if (r.items) walk(r.items, `${at}/*`, seen, out);
  if (typeof r.additionalProperties === 'object') walk(r.additionalProperties, `${at}/{key}`, seen, out);
}

describe('output descriptions', () => {
  const routes = Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, any> }>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => {
        const schema = op.responses?.['200']?.content?.['application/json']?.schema;
        return schema ? [[`${method.toUpperCase()} ${path}`, schema as Schema] as const] : [];
      }),
  );

  it.each(routes)('%s: every field of its answer has a description', (_, schema) => {
    const out = { total: 0, missing: [] as string[] };
    walk(schema, '', new Set(), out);
    expect(out.missing).toEqual([]);
  });
});
