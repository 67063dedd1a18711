/**
 * The claims' probabilities: the share of samples of a claim's decisive assumptions (its flip fields
 * that have a distribution) in which its verdict holds. Each is a share or null with the reason; the
 * same seed gives the same numbers bit for bit; where one sampled field moves the figure one way,
 * the probability is that distribution's CDF at the flip value (a Latin hypercube of n samples puts
 * exactly one in each 1/n of it, so within 1/n); every default distribution cites known sources and
 * is given back as assumptions; the samples are priced.
 */
import { describe, expect, it } from 'vitest';
import { defaultClaims } from '../api/claims.js';
import { CLAIM_DISTRIBUTIONS, CLAIMS, SOURCES } from '../fixtures/index.js';
import { claimsEstimator } from '../models/claims.js';
import { runEstimator } from '../models/estimator.js';
import { Provenance } from '../models/provenance.js';
import { expectProblem, post, useApp } from './helpers.js';

const app = useApp();
const DEFAULT_SAMPLES = Provenance.value('claims.probability_samples');

type Claims = Awaited<ReturnType<typeof defaultClaims>>;
const claimsWith = (body: unknown): Claims => runEstimator(claimsEstimator, claimsEstimator.input.parse(body));
const byId = (result: Claims, id: string) => result.claims.find((c) => c.id === id) as Claims['claims'][number];

describe('each claim’s probability', () => {
  it('is a share of its samples where a decisive assumption has a distribution, else null with the reason', async () => {
    const result = await defaultClaims();
    const sampled = result.claims.filter((c) => c.probability !== null);
    expect(sampled.length).toBeGreaterThanOrEqual(5);
    for (const c of result.claims) {
      const claim = CLAIMS.find((x) => x.id === c.id);
      const flips = claim?.flip.map((f) => f.field) ?? [];
      if (c.probability === null) {
        expect(c.probability_reason, c.id).toEqual(expect.any(String));
        expect(c.probability_basis, c.id).toBeNull();
        expect(
          flips.filter((f) => f in CLAIM_DISTRIBUTIONS),
          c.id,
        ).toEqual([]);
        continue;
      }
      expect(c.probability, c.id).toBeGreaterThanOrEqual(0);
      expect(c.probability, c.id).toBeLessThanOrEqual(1);
      expect(c.probability_reason, c.id).toBeNull();
      const basis = c.probability_basis as NonNullable<typeof c.probability_basis>;
      expect(basis.samples, c.id).toBe(DEFAULT_SAMPLES);
      expect(basis.method, c.id).toBe('latin_hypercube');
      expect(basis.fields, c.id).toEqual(flips.filter((f) => f in CLAIM_DISTRIBUTIONS));
      expect(basis.failed, c.id).toBeGreaterThanOrEqual(0);
      expect(c.probability * basis.samples + basis.failed, c.id).toBeLessThanOrEqual(basis.samples);
      const holding = c.probability * basis.samples;
      expect(holding, `${c.id}: a share of whole samples`).toBeCloseTo(Math.round(holding), 9);
    }
  });

  it('the same seed gives the same probabilities, bit for bit', async () => {
    const cached = await defaultClaims();
    const seed = Provenance.value('claims.probability_seed');
    const again = claimsWith({ probability_seed: seed });
    const probabilities = (r: Claims) => r.claims.map((c) => [c.id, c.probability, c.probability_basis]);
    expect(probabilities(again)).toEqual(probabilities(cached));
    for (const [a, b] of again.claims.map((c, i) => [c.probability, cached.claims[i]?.probability]))
      expect(Object.is(a, b)).toBe(true);
  });

  it('with one sampled field that moves its figure one way, it is the CDF at the flip value (within 1/n)', async () => {
    const n = 200;
    const base = await defaultClaims();
    const result = claimsWith({
      probability_samples: n,
      probability_distributions: {
        '/thermal/radiator_temp_k': { uniform: { min: 300, max: 340 } },
        '/yardsticks/mid_latitude_deg': { triangular: { min: 30, mode: 45, max: 60 } },
      },
    });
    // AI1's radiator: hotter is smaller; unsupported (1.5 times the claimed area or more) below the flip.
    const ai1 = byId(result, 'spacex-ai1-radiator');
    const t = byId(base, 'spacex-ai1-radiator').flip_condition?.value as number;
    expect(t).toBeGreaterThan(300);
    expect(t).toBeLessThan(340);
    expect(ai1.verdict).toBe('unsupported');
    expect(ai1.probability_basis?.fields).toEqual(['/thermal/radiator_temp_k']);
    expect(Math.abs((ai1.probability as number) - (t - 300) / 40)).toBeLessThanOrEqual(1 / n + 1e-12);
    // Suncatcher's 8×: the higher the latitude, the less the ground gets; supported above the flip.
    const sun = byId(result, 'suncatcher-8x-solar');
    const lat = byId(base, 'suncatcher-8x-solar').flip_condition?.value as number;
    expect(lat).toBeGreaterThan(30);
    expect(lat).toBeLessThan(45);
    expect(sun.verdict).toBe('supported');
    const cdf = (lat - 30) ** 2 / ((60 - 30) * (45 - 30));
    expect(Math.abs((sun.probability as number) - (1 - cdf))).toBeLessThanOrEqual(1 / n + 1e-12);
    expect(sun.probability_basis?.failed).toBe(0);
  });

  it('probability_samples: 0 skips them: every probability null, with the reason', async () => {
    const res = await post(app(), '/v1/claims', { probability_samples: 0 });
    expect(res.status).toBe(200);
    for (const c of res.body.claims) {
      expect(c.probability, c.id).toBeNull();
      expect(c.probability_basis, c.id).toBeNull();
      expect(c.probability_reason, c.id).toMatch(/probability_samples: 0/);
    }
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names.filter((name: string) => name.startsWith('probability'))).toEqual([]);
  });
});

describe('the default distributions', () => {
  it('cite sources GET /v1/sources lists', async () => {
    const res = await app().inject({ method: 'GET', url: '/v1/sources' });
    const listed = res.json();
    for (const [field, d] of Object.entries(CLAIM_DISTRIBUTIONS))
      for (const key of [d.source, ...(d.see_also ?? [])]) {
        expect(SOURCES, `${field} cites ${key}`).toHaveProperty(key);
        expect(JSON.stringify(listed), `${field} cites ${key}`).toContain(`"${key}"`);
      }
  });

  it('are given back as assumptions, each parameter under the field that overrides it, with its source', async () => {
    const result = await defaultClaims();
    for (const [field, d] of Object.entries(CLAIM_DISTRIBUTIONS)) {
      const [kind, params] = Object.entries(d.distribution)[0] as [string, Record<string, number>];
      for (const [param, value] of Object.entries(params))
        expect(result.assumptions, `${field} ${kind}.${param}`).toContainEqual(
          expect.objectContaining({ name: `probability_distributions.${field}.${kind}.${param}`, value, source: d.source }),
        );
    }
    for (const name of ['probability_samples', 'probability_seed', 'probability_method'])
      expect(result.assumptions.map((a) => a.name)).toContain(name);
  });

  it('one given replaces its default, which is no longer assumed', () => {
    const given = { '/grid_usd_per_kwh': { uniform: { min: 0.5, max: 2 } } };
    const result = claimsWith({ probability_samples: 8, probability_distributions: given });
    expect(result.assumptions.map((a) => a.name).filter((name) => name.includes('/grid_usd_per_kwh'))).toEqual([]);
    expect(byId(result, 'starcloud-20x-cheaper').probability_basis?.fields).toEqual(['/grid_usd_per_kwh']);
  });
});

describe('input and cost', () => {
  it('400: a distribution for a field no claim is flipped by, or more samples than allowed', async () => {
    const unknown = await post(app(), '/v1/claims', {
      probability_distributions: { '/nre_usd': { uniform: { min: 0, max: 1 } } },
    });
    expectProblem(unknown, 400);
    const many = await post(app(), '/v1/claims', { probability_samples: 2001 });
    expectProblem(many, 400);
    expect(many.body.errors[0].pointer).toBe('/probability_samples');
  });

  it('the samples are priced: the estimate grows with them, and too many are refused before any work', async () => {
    const cost = (body: unknown) => claimsEstimator.cost(claimsEstimator.input.parse(body));
    const none = cost({ probability_samples: 0 });
    const byDefault = cost({});
    const sampled = byDefault.cpu_s - none.cpu_s;
    expect(sampled).toBeGreaterThan(0);
    expect(cost({ probability_samples: 2 * DEFAULT_SAMPLES }).cpu_s - none.cpu_s).toBeCloseTo(2 * sampled, 9);
    expect(byDefault.basis).toMatch(new RegExp(`${DEFAULT_SAMPLES} samples × \\d+ claims`));
    const res = await post(app(), '/v1/claims', { probability_samples: 2000 });
    expectProblem(res, 413);
    expect(res.body.figures.estimated_cpu_s).toBeGreaterThan(res.body.figures.budget_cpu_s);
  });
});
