/**
 * The answer of an uncertainty run: each output's moments, quantiles and histogram over the samples
 * that gave it, the probabilities of the thresholds, and each input's sensitivity (Spearman's rank
 * correlation over the samples, the tornado swing from the reference runs). Pure: no I/O.
 */

import { type Distribution, kindOf, momentsOf, quantileOf } from '../../models/distributions.js';
import { PhysicallyImpossible } from '../../models/errors.js';
import { histogram, type Summary, sortedFinite, spearman, summarize } from '../../models/statistics.js';
import type { Problem } from '../problem.js';
import type { Result } from './run.js';
import { columnFor, unitOf } from './table.js';
import { type Plan, referenceValues, type Sampled, TORNADO_QUANTILES, tornadoRun } from './uncertainty.js';
import { type AxisName, histogramChart, tornadoChart } from './uncertainty-chart.js';

/** Failed samples quoted in the answer. */
const FAILED_QUOTED = 5;

/** What a distribution is, for the answer: its kind, its closed-form moments and quantiles. */
function describeInput(field: string, d: Distribution) {
  const { mean, variance } = momentsOf(d);
  return {
    field,
    unit: unitOf(field),
    distribution: kindOf(d),
    parameters: Object.values(d)[0] as Record<string, number>,
    mean,
    sd: Math.sqrt(variance),
    p10: quantileOf(d, 0.1),
    p50: quantileOf(d, 0.5),
    p90: quantileOf(d, 0.9),
  };
}

/** The problem of a failed sample, quoted with its values. */
function failedSamples(plan: Plan, sampled: Sampled) {
  const dims = plan.fields.length;
  const first: { sample: number; inputs: Record<string, number>; problem: Problem }[] = [];
  let count = 0;
  for (let i = 0; i < plan.request.samples; i++) {
    const r = sampled.results[i] as Result;
    if (r.ok) continue;
    count++;
    if (first.length < FAILED_QUOTED)
      first.push({
        sample: i,
        inputs: Object.fromEntries(plan.fields.map((f, d) => [f, sampled.values[i * dims + d] as number])),
        problem: r.problem,
      });
  }
  return { count, first };
}

/** An output's value in each sample: NaN where the sample failed or the answer has no number there. */
export function outputColumn(sampled: Sampled, output: string, from = 0, to = sampled.plan.request.samples): Float64Array {
  const column = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const r = sampled.results[i] as Result;
    const v = r.ok ? r.output[output] : undefined;
    column[i - from] = typeof v === 'number' ? v : Number.NaN;
  }
  return column;
}

/** An input's sampled values. */
function inputColumn(sampled: Sampled, d: number): Float64Array {
  const dims = sampled.plan.fields.length;
  const n = sampled.plan.request.samples;
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = sampled.values[i * dims + d] as number;
  return column;
}

/** The output's summary over the samples that gave a number, with its histogram; nulls when none did. */
function outputSummary(sampled: Sampled, output: string) {
  const sorted = sortedFinite(outputColumn(sampled, output));
  const s: Summary | null = summarize(sorted);
  const nulls = { mean: null, sd: null, p5: null, p10: null, p50: null, p90: null, p95: null, min: null, max: null };
  return { output, unit: unitOf(output), samples: sorted.length, ...(s ?? nulls), histogram: histogram(sorted) };
}

/** The share of the samples with a number for the output that lie below (or above) the threshold. */
function probabilities(sampled: Sampled) {
  return sampled.plan.request.thresholds.map((t) => {
    const sorted = sortedFinite(outputColumn(sampled, t.output));
    const hits = sorted.filter((v) => (t.below !== undefined ? v < t.below : v > (t.above as number))).length;
    const side = t.below !== undefined ? { below: t.below } : { above: t.above as number };
    return { output: t.output, ...side, probability: sorted.length > 0 ? hits / sorted.length : null, samples: sorted.length };
  });
}

/** Spearman's correlation of an input with an output over the samples where both are numbers. */
function rankCorrelation(input: Float64Array, output: Float64Array): number | null {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < output.length; i++)
    if (Number.isFinite(output[i] as number)) {
      x.push(input[i] as number);
      y.push(output[i] as number);
    }
  return x.length > 2 ? spearman(x, y) : null;
}

/** The output of a reference run (`referenceValues` order: medians, then each input at p10 and p90). */
function referenceOutput(sampled: Sampled, run: number, output: string): number | null {
  const r = sampled.results[sampled.plan.request.samples + run] as Result | undefined;
  const v = r?.ok ? r.output[output] : undefined;
  return typeof v === 'number' ? v : null;
}

/**
 * Each input against each output: Spearman's rank correlation, and the tornado's ends (the output
 * with the input at its p10 and its p90, the others at their medians) and swing; per output, the
 * inputs ranked by swing, largest first.
 */
function sensitivity(sampled: Sampled) {
  const { plan } = sampled;
  const refs = referenceValues(plan);
  return plan.request.outputs.flatMap((output) => {
    const column = outputColumn(sampled, output);
    const rows = plan.fields.map((field, d) => {
      const [lowRun, highRun] = [tornadoRun(d, 0), tornadoRun(d, 1)];
      const low = referenceOutput(sampled, lowRun, output);
      const high = referenceOutput(sampled, highRun, output);
      return {
        field,
        output,
        rank_correlation: rankCorrelation(inputColumn(sampled, d), column),
        input_low: refs[lowRun]?.[d] as number,
        input_high: refs[highRun]?.[d] as number,
        low,
        high,
        swing: low === null || high === null ? null : Math.abs(high - low),
      };
    });
    return rows.sort((a, b) => (b.swing ?? -1) - (a.swing ?? -1));
  });
}

/** The whole answer of an uncertainty run. */
export function uncertaintyJson(sampled: Sampled) {
  const { plan } = sampled;
  const { request } = plan;
  const failed = failedSamples(plan, sampled);
  const medians = referenceValues(plan)[0] as number[];
  return {
    estimator: request.estimator,
    samples: request.samples,
    seed: request.seed,
    method: request.method,
    succeeded: request.samples - failed.count,
    failed_samples: failed,
    inputs: plan.fields.map((f, d) => describeInput(f, plan.distributions[d] as (typeof plan.distributions)[number])),
    outputs: request.outputs.map((o) => outputSummary(sampled, o)),
    probabilities: probabilities(sampled),
    sensitivity: sensitivity(sampled),
    at_medians: {
      inputs: Object.fromEntries(plan.fields.map((f, d) => [f, medians[d] as number])),
      outputs: Object.fromEntries(request.outputs.map((o) => [o, referenceOutput(sampled, 0, o)])),
    },
    tornado_quantiles: [...TORNADO_QUANTILES],
  };
}

export type UncertaintyAnswer = ReturnType<typeof uncertaintyJson>;

/** A pointer named as the charts name a field: its column name, label and unit. */
function axisName(pointer: string): AxisName {
  const { name, label, unit } = columnFor(pointer, 'output');
  return { name, label, unit };
}

/**
 * The chart of an answer's first output: the tornado of its inputs ranked by swing, or, when one
 * input varies, the histogram of the output with its quantiles and thresholds. A 422 when no sample
 * gave the output a number: there is nothing to draw.
 */
export function uncertaintyChart(answer: UncertaintyAnswer): string {
  const first = answer.outputs[0] as UncertaintyAnswer['outputs'][number];
  const output = axisName(first.output);
  if (answer.inputs.length > 1) {
    const bars = answer.sensitivity
      .filter((s) => s.output === first.output)
      .map((s) => ({ field: axisName(s.field), input_low: s.input_low, input_high: s.input_high, low: s.low, high: s.high }));
    const base = answer.at_medians.outputs[first.output] ?? null;
    return tornadoChart({ estimator: answer.estimator, output, base, bars, samples: answer.samples });
  }
  if (first.p10 === null || first.p50 === null || first.p90 === null)
    throw new PhysicallyImpossible(`no sample gave ${first.output} a number: there is no distribution to draw`, '/outputs/0');
  const thresholds = answer.probabilities.flatMap((p) =>
    p.output === first.output && p.probability !== null
      ? [
          {
            value: (p.below ?? p.above) as number,
            side: p.below !== undefined ? ('below' as const) : ('above' as const),
            probability: p.probability,
          },
        ]
      : [],
  );
  const { edges, counts } = first.histogram;
  const [p10, p50, p90] = [first.p10, first.p50, first.p90];
  return histogramChart({
    estimator: answer.estimator,
    output,
    edges,
    counts,
    p10,
    p50,
    p90,
    thresholds,
    samples: answer.samples,
    failed: answer.failed_samples.count,
  });
}
