/**
 * The distributions and the seeded designs that sample them: inverse CDFs against known quantiles,
 * sample moments against the closed forms, the Latin hypercube's strata, streams that give the same
 * numbers however the run is split; and the sample statistics (quantiles, histogram, Spearman).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  DistributionEntry,
  momentsOf,
  quantileOf,
  STREAM_SIZE,
  sampleDesign,
  unitDesign,
} from '../models/distributions.js';
import { histogram, meanAndSd, pearson, ranks, sortedFinite, spearman, summarize } from '../models/statistics.js';

const CASES: [string, Distribution][] = [
  ['uniform', { uniform: { min: 2, max: 5 } }],
  ['triangular', { triangular: { min: 1, mode: 2, max: 10 } }],
  ['normal', { normal: { mean: -3, sd: 2.5 } }],
  ['lognormal', { lognormal: { median: 500, sigma: 0.8 } }],
];

/** Column d of a row-by-row design. */
const column = (values: Float64Array, dims: number, d: number) =>
  Array.from({ length: values.length / dims }, (_, i) => values[i * dims + d] as number);

describe('inverse CDFs', () => {
  it('give the published quantiles of the standard normal (Abramowitz & Stegun, Table 26.5)', () => {
    const z = (u: number) => quantileOf({ normal: { mean: 0, sd: 1 } }, u);
    expect(z(0.5)).toBe(0);
    expect(z(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(z(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(z(0.05)).toBeCloseTo(-1.6448536269514722, 12);
    // The far tail stays finite and exact where 2u − 1 would round to −1 (Φ⁻¹(1e-20) = −9.262340089798408).
    expect(z(1e-20)).toBeCloseTo(-9.26234008979841, 10);
  });

  it('give each distribution’s closed-form quantiles', () => {
    expect(quantileOf({ uniform: { min: 2, max: 5 } }, 0.25)).toBeCloseTo(2.75, 14);
    expect(quantileOf({ lognormal: { median: 500, sigma: 0.8 } }, 0.5)).toBeCloseTo(500, 10);
    expect(quantileOf({ lognormal: { median: 500, sigma: 0.8 } }, 0.9)).toBeCloseTo(500 * Math.exp(0.8 * 1.2815515655446004), 8);
    // Triangular: F(mode) = (c − a)/(b − a).
    expect(quantileOf({ triangular: { min: 1, mode: 2, max: 10 } }, 1 / 9)).toBeCloseTo(2, 12);
  });

  it('are increasing in u for every distribution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        (a, b) => {
          for (const [, d] of CASES) {
            const [lo, hi] = a < b ? [a, b] : [b, a];
            expect(quantileOf(d, lo)).toBeLessThanOrEqual(quantileOf(d, hi));
          }
        },
      ),
    );
  });
});

describe('sample moments match the closed forms', () => {
  const n = 40_000;
  for (const method of ['random', 'latin_hypercube'] as const)
    for (const [name, d] of CASES)
      it(`${name}, ${method}`, () => {
        const { mean, variance } = momentsOf(d);
        const values = column(sampleDesign([d], n, 2026, method), 1, 0);
        const s = meanAndSd(values);
        // Within 4 standard errors of the mean; the variance within 5 % (the lognormal's heavy tail needs the room).
        expect(Math.abs(s.mean - mean)).toBeLessThan((4 * Math.sqrt(variance)) / Math.sqrt(n));
        expect(s.sd ** 2 / variance).toBeGreaterThan(0.95);
        expect(s.sd ** 2 / variance).toBeLessThan(1.05);
      });
});

describe('seeded designs', () => {
  it('give the same numbers for the same seed, and others for another', () => {
    expect(unitDesign(7, 1000, 3, 'random')).toEqual(unitDesign(7, 1000, 3, 'random'));
    expect(unitDesign(7, 1000, 3, 'latin_hypercube')).toEqual(unitDesign(7, 1000, 3, 'latin_hypercube'));
    expect(unitDesign(8, 1000, 3, 'random')).not.toEqual(unitDesign(7, 1000, 3, 'random'));
  });

  it('give any slice the numbers of the whole: a run split into streams or chunks anywhere is the same run', () => {
    const n = 3 * STREAM_SIZE + 17;
    for (const method of ['random', 'latin_hypercube'] as const) {
      const whole = unitDesign(42, n, 2, method);
      for (const [from, to] of [
        [0, 1],
        [5, STREAM_SIZE + 3],
        [STREAM_SIZE, 2 * STREAM_SIZE],
        [n - 10, n],
      ] as const)
        expect(unitDesign(42, n, 2, method, from, to)).toEqual(whole.slice(from * 2, to * 2));
    }
  });

  it('put exactly one sample of a Latin hypercube in each of the n strata of every input', () => {
    const n = 500;
    const u = unitDesign(3, n, 4, 'latin_hypercube');
    for (let d = 0; d < 4; d++) {
      const strata = column(u, 4, d).map((x) => Math.floor(x * n));
      expect(new Set(strata).size).toBe(n);
    }
  });

  it('keep every unit number strictly inside (0, 1), so every inverse CDF is finite', () => {
    const u = unitDesign(0, 5000, 2, 'random');
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });
});

describe('distribution entries', () => {
  it('take exactly one distribution per field', () => {
    expect(DistributionEntry.safeParse({ field: '/x', uniform: { min: 0, max: 1 } }).success).toBe(true);
    const two = DistributionEntry.safeParse({ field: '/x', uniform: { min: 0, max: 1 }, normal: { mean: 0, sd: 1 } });
    expect(two.success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x' }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x', uniform: { min: 1, max: 1 } }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x', triangular: { min: 0, mode: 3, max: 2 } }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x', lognormal: { median: 0, sigma: 1 } }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: 'x', normal: { mean: 0, sd: 1 } }).success).toBe(false);
    // Spreads whose values or moments overflow a double are refused, so that no sample is ±Infinity.
    expect(DistributionEntry.safeParse({ field: '/x', normal: { mean: 0, sd: 1e308 } }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x', lognormal: { median: 1, sigma: 40 } }).success).toBe(false);
    expect(DistributionEntry.safeParse({ field: '/x', uniform: { min: -1e308, max: 1e308 } }).success).toBe(false);
  });
});

describe('sample statistics', () => {
  it('summarise sorted values with type-7 quantiles', () => {
    const s = summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s).toMatchObject({ mean: 5.5, p50: 5.5, min: 1, max: 10 });
    expect(s?.p10).toBeCloseTo(1.9, 12);
    expect(s?.sd).toBeCloseTo(Math.sqrt(55 / 6), 12);
    expect(summarize([])).toBeNull();
  });

  it('bin every value once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const h = histogram(sortedFinite(xs));
        expect(h.counts.reduce((a, b) => a + b, 0)).toBe(xs.length);
        expect(h.edges.length).toBe(h.counts.length + 1);
      }),
    );
  });

  it('bin by the Freedman–Diaconis width 2·IQR·n^(−1/3), and into 10 bins when the IQR is 0', () => {
    // 1..100: IQR 75.25 − 25.75 = 49.5, width 99 / 100^(1/3) = 21.3, ⌈99 / 21.3⌉ = 5 bins of 19.8.
    const h = histogram(Array.from({ length: 100 }, (_, k) => k + 1));
    expect(h.counts).toEqual([20, 20, 20, 20, 20]);
    for (const [k, e] of h.edges.entries()) expect(e).toBeCloseTo(1 + 19.8 * k, 12);
    const flat = histogram([...new Array<number>(80).fill(0), ...Array.from({ length: 20 }, (_, k) => k + 1)]);
    expect(flat.counts).toHaveLength(10);
  });

  it("give Pearson's r of Anscombe's quartet (Anscombe 1973, The American Statistician 27(1): 0.816 for each set)", () => {
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const y2 = [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74];
    expect(pearson(x, y1)).toBeCloseTo(0.816, 3);
    expect(pearson(x, y2)).toBeCloseTo(0.816, 3);
  });

  it("give Spearman's rho of the worked example of Wikipedia's article on it, IQ against hours of television a week: 1 − 6·194/(10·99) = −29/165", () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 14);
  });

  it('rank ties at their mean rank, and correlate monotone series at ±1', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    const x = Array.from({ length: 50 }, (_, k) => k);
    expect(
      spearman(
        x,
        x.map((v) => Math.exp(v / 10)),
      ),
    ).toBeCloseTo(1, 14);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3)),
      ),
    ).toBeCloseTo(-1, 14);
    expect(
      spearman(
        x,
        x.map(() => 3),
      ),
    ).toBeNull();
  });
});
