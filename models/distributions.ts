/**
 * Distributions of uncertain inputs and the seeded designs that sample them: uniform, triangular,
 * normal and lognormal, each by its inverse CDF, from unit numbers drawn by xoroshiro128+ (pure-rand)
 * in seed streams, plainly or as a Latin hypercube. A sample's numbers depend only on the seed, the
 * sample's index and the design's size: a run split into streams over threads, processes or
 * replicas gives the same numbers, bit for bit, whatever the split.
 */
import erfcinv from '@stdlib/math-base-special-erfcinv';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { z } from 'zod';
import { PointerSchema } from './pointer.js';

const finite = (what: string) => z.number().describe(what);

const Uniform = z
  .object({ min: finite('Lower end, in the unit of the field'), max: finite('Upper end, in the unit of the field') })
  .strict()
  .refine((d) => d.max > d.min, { message: 'expected max > min', path: ['max'] })
  .describe('Uniform between min and max');

const Triangular = z
  .object({
    min: finite('Lower end, in the unit of the field'),
    mode: finite('Most likely value, in the unit of the field'),
    max: finite('Upper end, in the unit of the field'),
  })
  .strict()
  .refine((d) => d.max > d.min, { message: 'expected max > min', path: ['max'] })
  .refine((d) => d.mode >= d.min && d.mode <= d.max, { message: 'expected min ≤ mode ≤ max', path: ['mode'] })
  .describe('Triangular from min to max, peaked at mode');

const Normal = z
  .object({
    mean: finite('Mean, in the unit of the field'),
    sd: z.number().positive().describe('Standard deviation, in the unit of the field (> 0)'),
  })
  .strict()
  .describe('Normal (Gaussian)');

const Lognormal = z
  .object({
    median: z.number().positive().describe('Median, in the unit of the field (> 0): exp(μ)'),
    sigma: z.number().positive().describe('Standard deviation of the natural logarithm (> 0): σ'),
  })
  .strict()
  .describe('Lognormal: ln x normal with mean ln(median) and standard deviation sigma');

/** The kinds of distribution an uncertain input may have: each an entry's key. */
export const DISTRIBUTION_KINDS = ['uniform', 'triangular', 'normal', 'lognormal'] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/** An uncertain input: the field (a JSON pointer into the estimator's input) and exactly one distribution. */
export const DistributionEntry = z
  .object({
    field: PointerSchema.describe('JSON pointer of the input field, e.g. "/launch_usd_per_kg"'),
    uniform: Uniform.optional(),
    triangular: Triangular.optional(),
    normal: Normal.optional(),
    lognormal: Lognormal.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const given = DISTRIBUTION_KINDS.filter((k) => e[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: given.length > 1 ? [given[1] as string] : [],
        message: `expected exactly one distribution among ${DISTRIBUTION_KINDS.join(', ')}; got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      });
    else if (!isRepresentable({ [given[0] as string]: e[given[0] as DistributionKind] } as Distribution))
      ctx.addIssue({
        code: 'custom',
        path: [given[0] as string],
        message: 'the distribution spreads beyond any representable number: its mean, variance or extreme quantiles overflow',
      });
  })
  .describe('An uncertain input field and its distribution');

/** One distribution, by its kind: what a field's uncertainty is. */
export const DistributionShape = z.union([
  z.object({ uniform: Uniform }).strict(),
  z.object({ triangular: Triangular }).strict(),
  z.object({ normal: Normal }).strict(),
  z.object({ lognormal: Lognormal }).strict(),
]);
export type Distribution = z.output<typeof DistributionShape>;

/** The kind of a distribution: its one key. */
export function kindOf(d: Distribution): DistributionKind {
  if ('uniform' in d) return 'uniform';
  if ('triangular' in d) return 'triangular';
  if ('normal' in d) return 'normal';
  return 'lognormal';
}

/** Standard normal quantile: Φ⁻¹(u) = −√2·erfcinv(2u), exact down to the smallest u (2u − 1 would round to −1 below 1e-16). */
export function standardNormalQuantile(u: number): number {
  return -Math.SQRT2 * erfcinv(2 * u);
}

/** The inverse CDF: the value below which a share `u` (0 < u < 1) of the distribution lies. */
export function quantileOf(d: Distribution, u: number): number {
  if ('uniform' in d) return d.uniform.min + u * (d.uniform.max - d.uniform.min);
  if ('normal' in d) return d.normal.mean + d.normal.sd * standardNormalQuantile(u);
  if ('lognormal' in d) return d.lognormal.median * Math.exp(d.lognormal.sigma * standardNormalQuantile(u));
  const { min, mode, max } = d.triangular;
  const split = (mode - min) / (max - min);
  return u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** Mean and variance in closed form (Evans, Hastings & Peacock, Statistical Distributions, 4th ed.). */
export function momentsOf(d: Distribution): { mean: number; variance: number } {
  if ('uniform' in d) {
    const { min, max } = d.uniform;
    return { mean: (min + max) / 2, variance: (max - min) ** 2 / 12 };
  }
  if ('normal' in d) return { mean: d.normal.mean, variance: d.normal.sd ** 2 };
  if ('lognormal' in d) {
    const { median, sigma } = d.lognormal;
    const s2 = sigma * sigma;
    return { mean: median * Math.exp(s2 / 2), variance: median * median * Math.exp(s2) * (Math.exp(s2) - 1) };
  }
  const { min: a, mode: c, max: b } = d.triangular;
  return { mean: (a + b + c) / 3, variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18 };
}

/** The smallest and largest unit numbers a design can draw (a Latin hypercube's first stratum of 20,000 reaches 1e-20). */
const U_EXTREMES = [1e-300, 1 - 2 ** -53] as const;

/** Whether every value and moment of a distribution is a finite number (a normal's sd of 1e308 overflows). */
export function isRepresentable(d: Distribution): boolean {
  const { mean, variance } = momentsOf(d);
  return [mean, variance, ...U_EXTREMES.map((u) => quantileOf(d, u))].every(Number.isFinite);
}

/** How the unit numbers of a design are drawn: independently, or stratified per input (a Latin hypercube, McKay, Beckman & Conover 1979). */
export const DESIGN_METHODS = ['random', 'latin_hypercube'] as const;
export type DesignMethod = (typeof DESIGN_METHODS)[number];

/** Samples per seed stream: the unit a run is split by (streams, not threads, fix the numbers). */
export const STREAM_SIZE = 256;

/**
 * The generator of stream `k` of a seed: xoroshiro128+ seeded once, then jumped k + 1 times (each
 * jump moves 2⁶⁴ draws on, so streams never overlap). Stream 0 is the Latin hypercube's
 * permutations; samples start at stream 1.
 */
function streamGenerator(seed: number, k: number): JumpableRandomGenerator {
  const rng = xoroshiro128plus(seed);
  for (let j = 0; j <= k; j++) rng.jump();
  return rng;
}

/** For each input, a random permutation of the n strata (Fisher–Yates), drawn from stream 0. */
function strataPermutations(seed: number, n: number, dims: number): Int32Array[] {
  const rng = streamGenerator(seed, 0);
  return Array.from({ length: dims }, () => {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  });
}

/**
 * The unit numbers (0 < u < 1) of samples [from, to) of an n-sample design over `dims` inputs, row
 * by row (sample i, input d at i·dims + d, counted from `from`). A uniform draw is moved off 0 so
 * that every inverse CDF stays finite. With a Latin hypercube, input d of sample i falls in stratum
 * π_d(i) of n: u = (π_d(i) + draw) / n.
 */
export function unitDesign(seed: number, n: number, dims: number, method: DesignMethod, from = 0, to = n): Float64Array {
  const out = new Float64Array((to - from) * dims);
  const strata = method === 'latin_hypercube' ? strataPermutations(seed, n, dims) : null;
  let rng: JumpableRandomGenerator | null = null;
  for (let i = from; i < to; i++) {
    if (rng === null || i % STREAM_SIZE === 0) rng = streamGenerator(seed, 1 + Math.floor(i / STREAM_SIZE));
    if (i === from && i % STREAM_SIZE !== 0) for (let skip = 0; skip < (i % STREAM_SIZE) * dims; skip++) uniformFloat64(rng);
    for (let d = 0; d < dims; d++) {
      const draw = uniformFloat64(rng) || Number.EPSILON;
      out[(i - from) * dims + d] = strata ? ((strata[d] as Int32Array)[i] as number) / n + draw / n : draw;
    }
  }
  return out;
}

/** The values of samples [from, to): each input's quantile at its unit number, row by row as in `unitDesign`. */
export function sampleDesign(
  distributions: readonly Distribution[],
  n: number,
  seed: number,
  method: DesignMethod,
  from = 0,
  to = n,
): Float64Array {
  const dims = distributions.length;
  const u = unitDesign(seed, n, dims, method, from, to);
  for (let k = 0; k < u.length; k++) u[k] = quantileOf(distributions[k % dims] as Distribution, u[k] as number);
  return u;
}
