/**
 * Uncertainty over any estimator: inputs given distributions, sampled from a seed (plainly or as a
 * Latin hypercube), each sample answered as its own request would be, the chosen outputs summarised
 * (moments, quantiles, histogram), the probabilities of thresholds, and each input's sensitivity:
 * Spearman's rank correlation with each output, and the tornado swing (the output with that input at
 * its p10 and at its p90, the others at their medians). Samples are cut into chunks that never span
 * a seed stream, priced before any work (413 above the budget), and run inline or in the worker
 * pool; a sample's numbers depend on the seed and its index alone, so the answer is the same
 * whatever the pool's size.
 */
import { z } from 'zod';
import { CLAIM_DISTRIBUTIONS } from '../../fixtures/index.js';
import {
  DESIGN_METHODS,
  type DesignMethod,
  type Distribution,
  DistributionEntry,
  quantileOf,
  STREAM_SIZE,
  sampleDesign,
} from '../../models/distributions.js';
import { TooLarge } from '../../models/errors.js';
import { type Estimator, refusalSeconds } from '../../models/estimator.js';
import { PointerSchema, withValueAt } from '../../models/pointer.js';
import { ESTIMATOR_BY_NAME, ESTIMATOR_NAMES } from '../../models/registry.js';
import { ProblemError, RequestRefused } from '../problem.js';
import {
  AT_REQUEST_ROOT,
  allOf,
  type Item,
  type Prepared,
  prepareChunks,
  type Result,
  type RunOptions,
  runChunks,
  totalCost,
} from './run.js';
import { checkPointers } from './sweep.js';

/** Tornado runs sit at these quantiles of each input (p10 and p90), the others at their medians. */
export const TORNADO_QUANTILES = [0.1, 0.9] as const;

const Threshold = z
  .object({
    output: PointerSchema.describe('JSON pointer of an output listed in `outputs`'),
    below: z.number().optional().describe('The probability that the output is below this value'),
    above: z.number().optional().describe('The probability that the output is above this value'),
  })
  .strict()
  .refine((t) => (t.below === undefined) !== (t.above === undefined), {
    message: 'expected exactly one of below or above',
    path: ['below'],
  });

export function uncertaintyRequestSchema(maxSamples: number) {
  return z
    .object({
      estimator: z.enum(ESTIMATOR_NAMES).describe('The estimator run at every sample'),
      base: z
        .record(z.string(), z.unknown())
        .default({})
        .describe('Its input at every sample, before the uncertain fields are set (the defaults where empty)'),
      distributions: z
        .array(DistributionEntry)
        .min(1)
        .max(16)
        .describe('The uncertain input fields, each with its distribution in the unit of the field'),
      outputs: z
        .array(PointerSchema)
        .min(1)
        .max(16)
        .describe('JSON pointers of the numeric output fields to summarise, e.g. "/cost_ratio"'),
      samples: z
        .number()
        .int()
        .min(2)
        .max(maxSamples)
        .default(1000)
        .describe(`Number of samples, at most ${maxSamples.toLocaleString('en-US')} (default 1,000)`),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .default(1)
        .describe('Seed of the generator (xoroshiro128+): the same seed gives the same answer, bit for bit'),
      method: z
        .enum(DESIGN_METHODS)
        .default('random')
        .describe('Independent draws, or a Latin hypercube (each input stratified into `samples` equal-probability bins)'),
      thresholds: z
        .array(Threshold)
        .max(32)
        .default([])
        .describe('Probabilities to compute, e.g. { output: "/cost_ratio", below: 1 }'),
    })
    .strict();
}
export type UncertaintyRequest = z.output<ReturnType<typeof uncertaintyRequestSchema>>;
export type ThresholdRequest = z.output<typeof Threshold>;

/** A checked request: the estimator, the distributions in order, and the outputs' names and units. */
export interface Plan {
  request: UncertaintyRequest;
  estimator: Estimator;
  distributions: Distribution[];
  fields: string[];
}

/** 400 before any work: fields the estimator has no place for, outputs it does not answer, thresholds on outputs not asked for, a field given twice. */
export function planUncertainty(request: UncertaintyRequest): Plan {
  const estimator = ESTIMATOR_BY_NAME.get(request.estimator) as Estimator;
  const fields = request.distributions.map((d) => d.field);
  checkPointers(
    estimator,
    fields.map((pointer, k) => ({ pointer, at: `/distributions/${k}/field` })),
    request.outputs.map((pointer, k) => ({ pointer, at: `/outputs/${k}` })),
    true,
  );
  fields.forEach((f, k) => {
    if (fields.indexOf(f) !== k) refuse(`/distributions/${k}/field`, `the field ${JSON.stringify(f)} is given two distributions`);
  });
  request.thresholds.forEach((t, k) => {
    if (!request.outputs.includes(t.output))
      refuse(`/thresholds/${k}/output`, `${JSON.stringify(t.output)} is not among the outputs asked for`);
  });
  return { request, estimator, distributions: request.distributions.map(toDistribution), fields };
}

function refuse(pointer: string, message: string): never {
  throw new RequestRefused(400, `${pointer}: ${message}`, { pointer });
}

/** The distribution of an entry, without its field. */
function toDistribution(entry: z.output<typeof DistributionEntry>): Distribution {
  const { field: _, ...rest } = entry;
  return rest as Distribution;
}

/** The input with each uncertain field set to its value. */
function inputWith(plan: Plan, values: ArrayLike<number>, offset: number): Record<string, unknown> {
  let input: Record<string, unknown> = plan.request.base;
  plan.fields.forEach((field, d) => {
    input = withValueAt(input, field, values[offset + d]);
  });
  return input;
}

/** The inputs of the reference runs: every input at its median, then each input at its p10 and its p90. */
export function referenceValues(plan: Plan): number[][] {
  const medians = plan.distributions.map((d) => quantileOf(d, 0.5));
  const runs = [medians];
  plan.distributions.forEach((d, k) => {
    for (const q of TORNADO_QUANTILES) runs.push(medians.map((m, j) => (j === k ? quantileOf(d, q) : m)));
  });
  return runs;
}

/** The reference run (`referenceValues` order) with input d at the k-th tornado quantile (0: its p10, 1: its p90). */
export function tornadoRun(d: number, k: number): number {
  return 1 + TORNADO_QUANTILES.length * d + k;
}

/** The samples' inputs, then the reference runs' (`referenceValues`), as items of the estimator. */
function* sampleItems(plan: Plan, values: Float64Array): Generator<Item> {
  const dims = plan.fields.length;
  const item = (input: unknown): Item => ({ estimator: plan.estimator.name, input });
  for (let i = 0; i < plan.request.samples; i++) yield item(inputWith(plan, values, i * dims));
  for (const v of referenceValues(plan)) yield item(inputWith(plan, v, 0));
}

/**
 * Validate and price the samples and the reference runs in chunks (run.ts, `prepareChunks`): a chunk
 * never spans a seed stream, and the reference runs come last, in chunks of their own.
 */
export function prepareSamples(plan: Plan, values: Float64Array, options: RunOptions): Promise<Prepared[][]> {
  const n = plan.request.samples;
  const fresh = (k: number) => k === n || (k > 0 && k < n && k % STREAM_SIZE === 0);
  return prepareChunks(sampleItems(plan, values), AT_REQUEST_ROOT, options, fresh);
}

/** 413 before any work when the samples and reference runs together pass the budget. */
export function checkSamplesCost(chunks: Prepared[][], budget_cpu_s: number): void {
  const total = totalCost(chunks.flat());
  if (total <= budget_cpu_s) return;
  const estimated = refusalSeconds(total);
  throw new TooLarge(
    `these samples would take about ${estimated} s of CPU together, more than the budget of ${budget_cpu_s} s per request: ask for fewer samples`,
    { estimated_cpu_s: estimated, budget_cpu_s },
    '/samples',
  );
}

/** Every result in order: the samples, then the reference runs. */

export interface Sampled {
  plan: Plan;
  /** Sample values, row by row (sample i, input d at i·dims + d). */
  values: Float64Array;
  /** One result per sample, then the reference runs (`referenceValues`), each reduced to the outputs. */
  results: Result[];
}

/** Check, sample, price (413 above the budget) and run: every result, reduced to the outputs asked for. */
export async function runUncertainty(request: UncertaintyRequest, options: RunOptions, wholeBudget = true): Promise<Sampled> {
  const plan = planUncertainty(request);
  const method: DesignMethod = request.method;
  const values = sampleDesign(plan.distributions, request.samples, request.seed, method);
  const chunks = await prepareSamples(plan, values, options);
  refuseBadMedian(plan, chunks);
  if (wholeBudget) checkSamplesCost(chunks, options.budget_cpu_s);
  const results = await allOf(runChunks(chunks, { ...options, outputs: request.outputs }));
  return { plan, values, results };
}

/**
 * When the run with every input at its median fails its schema on a field no distribution sets, or
 * sets a field out of its range, the request itself is wrong: 400 with the pointer into `base` or
 * the distribution, instead of a summary of failures.
 */
function refuseBadMedian(plan: Plan, chunks: Prepared[][]): void {
  const center = chunks.flat()[plan.request.samples]?.problem;
  if (!center?.errors?.length || center.status !== 400) return;
  const errors = center.errors.map((e) => {
    const k = plan.fields.findIndex((f) => e.pointer === f || e.pointer.startsWith(`${f}/`));
    return { ...e, pointer: k >= 0 ? `/distributions/${k}` : `/base${e.pointer}` };
  });
  const head = errors[0] as { pointer: string; message: string };
  throw new ProblemError({ ...center, detail: `the input at the medians is refused: ${head.pointer}: ${head.message}`, errors });
}

/** The fields of the claims' spreads that an economics request has: launch and grid prices, the array's W/kg, the radiator's temperature. */
const ECONOMICS_FIELDS = [
  '/launch_usd_per_kg',
  '/grid_usd_per_kwh',
  '/power/array/specific_power_w_per_kg',
  '/thermal/radiator_temp_k',
];

/** The request: 1 GW for 5 years, each field from its published spread (fixtures/claims.json), 4,000 Latin-hypercube samples. */
export function costRatioSpec() {
  return {
    estimator: 'economics',
    base: { load_kw: '1 GW', mission_years: 5 },
    distributions: ECONOMICS_FIELDS.map((field) => {
      const entry = CLAIM_DISTRIBUTIONS[field];
      if (!entry) throw new Error(`fixtures/claims.json has no spread for ${field}`);
      return { field, ...entry.distribution };
    }),
    outputs: ['/cost_ratio', '/orbital_usd_per_kwh', '/terrestrial_usd_per_kwh'],
    samples: 4000,
    seed: 1,
    method: 'latin_hypercube',
    thresholds: [
      { output: '/cost_ratio', below: 1 },
      { output: '/cost_ratio', below: 10 },
    ],
  };
}
