/**
 * Fixtures carry provenance: every default cites a source that exists, every source has a
 * citation, a URL (or, for the project's own method, its file) and a date, and every source is cited.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHOICES, CITED, DEFAULTS, SOURCES, SourceSchema } from '../fixtures/index.js';

const MODELS = new URL('../models/', import.meta.url);

/**
 * Sources the models name in words only (in a doc line or a method text), not yet by key; each
 * should be cited by key where it is used (a SourceKey, as CONSTANT_SOURCES does for constants).
 */
const NAMED_IN_WORDS_ONLY: Record<string, string> = {
  'rickman-tfaws-2020': 'models/orbit.ts: the cylindrical-shadow eclipse fraction',
  'satellitejs-shadow': 'models/orbit.ts: the propagated check, satellite.js shadowFraction and sunPos',
  'howell-configuration-factors': "models/thermal.ts: the radiator's view factor to the Earth",
};

/** The source keys written in the models' code: every one is a SourceKey (the compiler checks it). */
function keysInModels(): Set<string> {
  const text = readdirSync(MODELS)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, MODELS), 'utf8'))
    .join('\n');
  return new Set([...text.matchAll(/'([a-z0-9][a-z0-9-]*)'/g)].map((m) => m[1] as string).filter((k) => k in SOURCES));
}

describe('fixtures', () => {
  it('every default has a finite value, a unit and a known source', () => {
    expect(Object.keys(DEFAULTS).length).toBeGreaterThan(0);
    for (const [name, d] of Object.entries(DEFAULTS)) {
      expect(Number.isFinite(d.value), name).toBe(true);
      expect(d.unit, name).toBeTypeOf('string');
      expect(SOURCES, `${name} cites ${d.source}`).toHaveProperty(d.source);
    }
  });

  it('every choice default is a non-empty value with a known source', () => {
    expect(Object.keys(CHOICES).length).toBeGreaterThan(0);
    for (const [name, c] of Object.entries(CHOICES)) {
      expect(c.value.length, name).toBeGreaterThan(0);
      expect(SOURCES, `${name} cites ${c.source}`).toHaveProperty(c.source);
    }
  });

  it('every source has a citation, a URL or a file of this project, and an as_of date no later than today', () => {
    for (const [key, s] of Object.entries(SOURCES)) {
      expect(s.citation.length, key).toBeGreaterThan(10);
      if (s.project_file === undefined) expect(() => new URL(s.url ?? ''), key).not.toThrow();
      else expect(existsSync(new URL(`../${s.project_file}`, import.meta.url)), `${key}: ${s.project_file}`).toBe(true);
      expect(Date.parse(s.as_of), key).toBeLessThanOrEqual(Date.now());
    }
  });

  it('a source gives a URL or a file of this project, never both or neither', () => {
    const base = { citation: 'a source of at least ten characters', as_of: '2026-01-01' };
    expect(SourceSchema.safeParse({ ...base, url: 'https://example.org/a' }).success).toBe(true);
    expect(SourceSchema.safeParse({ ...base, project_file: 'bench/cost.ts' }).success).toBe(true);
    expect(SourceSchema.safeParse({ ...base, url: 'https://example.org/a', project_file: 'README.md' }).success).toBe(false);
    expect(SourceSchema.safeParse(base).success).toBe(false);
    expect(SourceSchema.safeParse({ ...base, project_file: '../outside' }).success).toBe(false);
  });

  it('every source is cited: by a fixture entry, or by its key in the models', () => {
    const byKey = new Set<string>([...CITED, ...keysInModels()]);
    const uncited = Object.keys(SOURCES).filter((k) => !byKey.has(k) && !(k in NAMED_IN_WORDS_ONLY));
    expect(uncited).toEqual([]);
    const citedNow = Object.keys(NAMED_IN_WORDS_ONLY).filter((k) => byKey.has(k));
    expect(citedNow, 'cited by key now: take them off NAMED_IN_WORDS_ONLY').toEqual([]);
    for (const k of Object.keys(NAMED_IN_WORDS_ONLY)) expect(SOURCES, k).toHaveProperty(k);
  });
});
