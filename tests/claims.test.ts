/**
 * The claims register: every claim answers with figures, a verdict computed from them against a
 * stated criterion, and a flip condition that flips it (checked a little either side), or null
 * with the reason; a reader's scenario re-evaluates them; the README table is what the service says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultClaims } from '../api/claims.js';
import claimsJson from '../fixtures/claims.json' with { type: 'json' };
import { CLAIMS, SOURCES } from '../fixtures/index.js';
import { verdictOf, verdictWith } from '../models/claims.js';
import { claimsTable, TABLE_END, TABLE_START } from '../src/cli/claims-table.js';
import { post, tableCells, useApp } from './helpers.js';

const app = useApp();

describe('GET /v1/claims', () => {
  it('answers every claim of the register: ten of the seed article, five of the industry', async () => {
    const res = await app().inject({ method: 'GET', url: '/v1/claims' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.claims.map((c: { id: string }) => c.id)).toEqual(CLAIMS.map((c) => c.id));
    expect(body.claims.filter((c: { kind: string }) => c.kind === 'seed')).toHaveLength(10);
    expect(body.claims.filter((c: { kind: string }) => c.kind === 'industry').length).toBeGreaterThanOrEqual(5);
    for (const c of body.claims) {
      expect(c.figures.length, c.id).toBeGreaterThan(0);
      for (const f of c.figures) {
        expect(Number.isFinite(f.value), `${c.id}: ${f.name}`).toBe(true);
        expect(f.unit, `${c.id}: ${f.name}`).toBeTypeOf('string');
      }
      for (const s of c.sources) expect(SOURCES, `${c.id} cites ${s}`).toHaveProperty(s);
      expect(c.flip_condition !== null || typeof c.flip_reason === 'string', c.id).toBe(true);
      expect(c.explanation).toMatch(new RegExp(`^${c.verdict[0].toUpperCase()}${c.verdict.slice(1)}:`));
    }
  });

  it('each verdict is the criterion applied to its figure, never a value of the fixture', async () => {
    const result = await defaultClaims();
    for (const c of result.claims) {
      const figure = c.figures.find((f) => f.name === c.criterion.figure);
      expect(figure, c.id).toBeDefined();
      expect(verdictOf(figure?.value as number, c.criterion), c.id).toBe(c.verdict);
    }
    expect(JSON.stringify(claimsJson.claims)).not.toMatch(/"verdict"/);
  });

  it('the criterion: supported beyond one bound, unsupported beyond the other, depends between', () => {
    const below = { figure: 'x', direction: 'below' as const, supported: 1, unsupported: 1.5, meaning: '' };
    expect([0.5, 1, 1.2, 1.5, 9].map((v) => verdictOf(v, below))).toEqual([
      'supported',
      'supported',
      'depends',
      'unsupported',
      'unsupported',
    ]);
    const above = { ...below, direction: 'above' as const, supported: 0.1, unsupported: 0.01 };
    expect([1, 0.1, 0.05, 0.01, -1].map((v) => verdictOf(v, above))).toEqual([
      'supported',
      'supported',
      'depends',
      'unsupported',
      'unsupported',
    ]);
  });

  it('a little either side of every flip condition the verdict differs', async () => {
    const result = await defaultClaims();
    const flips = result.claims.filter((c) => c.flip_condition !== null);
    expect(flips.length).toBeGreaterThanOrEqual(10);
    for (const c of flips) {
      const { field, value } = c.flip_condition as { field: string; value: number };
      const step = Math.max(Math.abs(value) * 1e-3, 1e-6);
      const below = verdictWith(c.id, {}, field, value - step);
      const above = verdictWith(c.id, {}, field, value + step);
      expect(below, `${c.id} at ${field} = ${value} ± ${step}`).not.toBe(above);
      expect([below, above], c.id).toContain(c.verdict);
    }
  });

  it('is served from a cache: the same evaluation twice', async () => {
    const a = await app().inject({ method: 'GET', url: '/v1/claims' });
    const b = await app().inject({ method: 'GET', url: '/v1/claims' });
    expect(b.body).toBe(a.body);
  });
});

describe('POST /v1/claims { scenario }', () => {
  it('re-evaluates every claim on a reader’s own optimism', async () => {
    const optimist = await post(app(), '/v1/claims', {
      scenario: { launch_usd_per_kg: 20, satellite_usd_per_w: 1, grid_usd_per_kwh: 0.5, nre_usd: 0 },
    });
    expect(optimist.status).toBe(200);
    const base = await defaultClaims();
    const changed = optimist.body.claims.filter(
      (c: { id: string; verdict: string }) => base.claims.find((b) => b.id === c.id)?.verdict !== c.verdict,
    );
    expect(changed.length).toBeGreaterThan(0);
    const cost = optimist.body.claims.find((c: { id: string }) => c.id === 'usage-costs-rise');
    expect(cost.figures.find((f: { name: string }) => f.name === 'cost_ratio').value).toBeLessThan(
      base.claims.find((c) => c.id === 'usage-costs-rise')?.figures.find((f) => f.name === 'cost_ratio')?.value as number,
    );
  });

  it('a claim keeps the scenario its source assumes, under the caller’s fields', async () => {
    const res = await post(app(), '/v1/claims', { scenario: { launch_usd_per_kg: 30 } });
    const starcloud = res.body.claims.find((c: { id: string }) => c.id === 'starcloud-20x-cheaper');
    expect(starcloud.scenario).toMatchObject({ load_kw: 40000, mission_years: 10, launch_usd_per_kg: 30 });
    expect(starcloud.scenario.vehicle).toBeUndefined();
  });

  it('a workload of inference alone still lets the training claim be judged, on the default training beside it', async () => {
    const res = await post(app(), '/v1/claims', {
      probability_samples: 0,
      scenario: { links: { workload: { inference: { output_tokens_per_s: 1e6 } } } },
    });
    expect(res.status).toBe(200);
    const base = await defaultClaims();
    const claim = (body: { claims: { id: string; figures: { name: string; value: number }[] }[] }) =>
      body.claims.find((c) => c.id === 'train-across-satellites')?.figures.find((f) => f.name === 'allreduce_over_link')?.value;
    expect(claim(res.body)).toBe(claim(base));
  });

  it('400: a scenario field out of range points into the scenario', async () => {
    const res = await post(app(), '/v1/claims', { scenario: { load_kw: -5 } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/scenario/load_kw');
  });
});

describe('README', () => {
  it('its claims table is what the service answers (npm run claims:table)', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const a = readme.indexOf(TABLE_START);
    const b = readme.indexOf(TABLE_END);
    expect(a, 'the README has a claims table block').toBeGreaterThan(0);
    // Cells as written, whatever padding the formatter gives the columns.
    expect(tableCells(readme.slice(a + TABLE_START.length, b))).toBe(tableCells(claimsTable(await defaultClaims())));
  });
});
