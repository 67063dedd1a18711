/**
 * "What would have to be true": the value of one input field of any estimator at which one of its
 * outputs equals a target. The field's range is the caller's bracket, or the bounds its schema
 * states (widened over many decades where it states only a lower one); the root is found by the
 * same bracketed search as the claims' flip conditions (`rootInRange`: a scan for sign changes,
 * then Brent's method), and fed back. A range that holds no root is a 422 with the range searched
 * and the outputs met in it.
 */
import { z } from 'zod';
import { PhysicallyImpossible } from './errors.js';
import type { Estimator } from './estimator.js';
import { runEstimator } from './estimator.js';
import { plain } from './format.js';
import { BRENT_MAX_ITERATIONS, rootInRange } from './numerics.js';
import { pointerTokens, valueAt, withValueAt } from './pointer.js';
import { assumedNumber } from './provenance.js';
import { type Bounds, numberBounds, schemasOf } from './schema-paths.js';

export interface SolveProblem {
  estimator: Estimator;
  base: Record<string, unknown>;
  field: string;
  target: { output: string; value: number };
  bracket?: [number, number] | undefined;
}

/** The range searched: its ends, its spacing, the value the nearest root is sought to, and the scan's samples. */
export interface SearchRange {
  min: number;
  max: number;
  scale: 'linear' | 'log';
  near?: number;
  samples: number;
}

/** Decades searched above a field's value (or 1) when its schema states no upper bound, and below it when its lower bound is 0. */
const OPEN_DECADES_UP = 9;
const OPEN_DECADES_DOWN = 6;
/** Scan samples per decade of a log range, and their least and most. */
const SAMPLES_PER_DECADE = 4;
const MIN_SAMPLES = 12;
const MAX_SAMPLES = 64;
/** Relative tolerance of the root, of the bracket's scale. */
const RTOL = 1e-10;

/** The output at a value of the field: NaN where the estimator refuses that input or answers no number there. */
export function outputAt(p: SolveProblem, x: number): number {
  try {
    const input = p.estimator.input.parse(withValueAt(p.base, p.field, x));
    const v = valueAt(runEstimator(p.estimator, input, 'finite'), p.target.output);
    return typeof v === 'number' ? v : Number.NaN;
  } catch (error) {
    if (error instanceof PhysicallyImpossible || error instanceof z.ZodError) return Number.NaN;
    throw error;
  }
}

/** The field's bounds as its schema states them (none when it states none). */
export function fieldBounds(estimator: Estimator, field: string): Bounds {
  const { input } = schemasOf(estimator);
  return numberBounds(input, pointerTokens(field), input.$defs ?? {}) ?? {};
}

/** Scan samples for a range: a few per decade of a log range, a fixed number of a linear one. */
function samplesFor(min: number, max: number, scale: 'linear' | 'log'): number {
  if (scale === 'linear') return 24;
  const decades = Math.log10(max / min);
  return Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.ceil(decades * SAMPLES_PER_DECADE)));
}

/** A range from its ends: log spacing when it is positive and spans more than three decades. */
function rangeOf(min: number, max: number, near: number | undefined): SearchRange {
  const scale = min > 0 && max / min > 1000 ? 'log' : 'linear';
  return {
    min,
    max,
    scale,
    near: near !== undefined && near >= min && near <= max ? near : undefined,
    samples: samplesFor(min, max, scale),
  };
}

/**
 * The range to search: the caller's bracket; else the schema's bounds, an exclusive bound moved in by
 * a relative hair, a missing upper bound OPEN_DECADES_UP decades above the field's value (or 1), a
 * lower bound of 0 OPEN_DECADES_DOWN decades below it, and without bounds ±10⁹ times it.
 */
export function searchRange(p: SolveProblem, current: number | undefined): SearchRange {
  if (p.bracket) return { ...rangeOf(Math.min(...p.bracket), Math.max(...p.bracket), current), scale: 'linear', samples: 8 };
  const b = fieldBounds(p.estimator, p.field);
  const scale = Math.max(Math.abs(current ?? 1), Number.MIN_VALUE) || 1;
  const hair = (x: number) => Math.max(Math.abs(x), 1) * 1e-9;
  let lo = b.min ?? (b.gt !== undefined ? b.gt + hair(b.gt) : undefined);
  let hi = b.max ?? (b.lt !== undefined ? b.lt - hair(b.lt) : undefined);
  if (lo === undefined && hi === undefined) return rangeOf(-1e9 * scale, 1e9 * scale, current);
  // A lower bound of 0, inclusive or not, is searched from six decades below the value, not from the hair above 0.
  const floor = scale * 10 ** -OPEN_DECADES_DOWN;
  if ((b.min === 0 || b.gt === 0) && (hi === undefined || floor < hi)) lo = floor;
  hi ??= Math.max(scale, lo ?? 0) * 10 ** OPEN_DECADES_UP;
  lo ??= hi - 1e9 * scale;
  return rangeOf(lo, hi, current);
}

/**
 * The evaluations a solve may take at most: the base, the longest scan (its samples and both ends),
 * Brent's refinement at its iteration cap (one evaluation each; it converges in some 10–20) and the
 * value fed back.
 */
export const SOLVE_MAX_EVALUATIONS = 1 + (MAX_SAMPLES + 1) + BRENT_MAX_ITERATIONS + 1;

/** A value of the field to price the solve at: the base's, the bracket's middle, or the middle of the range searched. */
export function probeValue(p: SolveProblem): number {
  const given = valueAt(p.base, p.field);
  if (typeof given === 'number') return given;
  const r = searchRange(p, undefined);
  return r.scale === 'log' ? Math.sqrt(r.min * r.max) : (r.min + r.max) / 2;
}

/** The field's value in the base input, else the default the estimator used for it (its assumption), else none. */
export function currentValue(p: SolveProblem): number | undefined {
  const given = valueAt(p.base, p.field);
  if (typeof given === 'number') return given;
  try {
    return assumedNumber(runEstimator(p.estimator, p.estimator.input.parse(p.base), 'finite').assumptions, p.field);
  } catch {
    return undefined;
  }
}

export interface Solution {
  value: number;
  output_value: number;
  iterations: number;
  bracket: [number, number];
  searched: SearchRange;
  current: number | null;
}

/** Solve for the field: the root nearest its current value, fed back; 422 with the range and the outputs met when none exists. */
export function solveField(p: SolveProblem): Solution {
  const current = currentValue(p);
  const range = searchRange(p, current);
  const met: number[] = [];
  const f = (x: number) => {
    const y = outputAt(p, x);
    if (Number.isFinite(y)) met.push(y);
    return y;
  };
  const root = rootInRange(f, p.target.value, range, RTOL);
  if (root === null) throw noRoot(p, range, met);
  return {
    value: root.x,
    output_value: outputAt(p, root.x),
    iterations: root.iterations + 1,
    bracket: root.bracket,
    searched: range,
    current: current ?? null,
  };
}

function noRoot(p: SolveProblem, range: SearchRange, met: number[]): PhysicallyImpossible {
  const lo = met.length ? Math.min(...met) : null;
  const hi = met.length ? Math.max(...met) : null;
  const seen =
    lo === null || hi === null
      ? 'the estimator answered no number anywhere in it'
      : `${p.target.output} ranges from ${plain(lo)} to ${plain(hi)} there`;
  return new PhysicallyImpossible(
    `no value of ${p.field} from ${plain(range.min)} to ${plain(range.max)} (${range.scale}, ${range.samples} samples) brings ${p.target.output} to ${p.target.value}: ${seen}`,
    '/field',
    {
      searched_min: range.min,
      searched_max: range.max,
      target: p.target.value,
      ...(lo !== null && hi !== null && { output_min: lo, output_max: hi }),
    },
  );
}
