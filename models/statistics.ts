/**
 * Statistics of samples: the summary of a distribution (moments, quantiles, histogram) and
 * Spearman's rank correlation between an input and an output. Pure numerics, used by the
 * uncertainty route's answer (the claims' probabilities count shares of samples and need none of it).
 */
import { quantileSorted } from './numerics.js';

export interface Summary {
  mean: number;
  sd: number;
  p5: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

/** Ascending copy of finite values. */
export function sortedFinite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return out.sort((a, b) => a - b);
}

/** Mean and sample standard deviation (n − 1), by Welford's update (Welford 1962: stable for large n). */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k] as number;
    const delta = x - mean;
    mean += delta / (k + 1);
    m2 += delta * (x - mean);
  }
  return { mean, sd: values.length > 1 ? Math.sqrt(m2 / (values.length - 1)) : 0 };
}

/** Moments and quantiles (Hyndman & Fan type 7) of sorted values; null when there are none. */
export function summarize(sorted: readonly number[]): Summary | null {
  if (sorted.length === 0) return null;
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    ...meanAndSd(sorted),
    p5: q(0.05),
    p10: q(0.1),
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

export interface Histogram {
  /** Bin edges, bins + 1 of them, ascending. */
  edges: number[];
  /** Values in each bin [edges[k], edges[k + 1]) (the last bin closed). */
  counts: number[];
}

/**
 * Equal-width histogram of sorted values over [min, max], with the number of bins from the
 * Freedman–Diaconis rule (width 2·IQR·n^(−1/3); Freedman & Diaconis 1981), between 1 and `maxBins`;
 * an IQR of 0 (the middle half all one value, the rule's width 0) gives 10 bins. All values equal:
 * one bin of zero width.
 */
export function histogram(sorted: readonly number[], maxBins = 40): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [] };
  const lo = sorted[0] as number;
  const hi = sorted[n - 1] as number;
  if (hi === lo) return { edges: [lo, hi], counts: [n] };
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const width = 2 * iqr * n ** (-1 / 3);
  const bins = width > 0 ? Math.min(maxBins, Math.max(1, Math.ceil((hi - lo) / width))) : Math.min(maxBins, 10);
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + k * step));
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) {
    const k = Math.min(bins - 1, Math.floor((v - lo) / step));
    counts[k] = (counts[k] as number) + 1;
  }
  return { edges, counts };
}

/** Ranks 1..n of values, ties given their mean rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => (values[a] as number) - (values[b] as number));
  const r = new Float64Array(n);
  let k = 0;
  while (k < n) {
    let end = k;
    while (end + 1 < n && values[order[end + 1] as number] === values[order[k] as number]) end++;
    const rank = (k + end) / 2 + 1;
    for (let j = k; j <= end; j++) r[order[j] as number] = rank;
    k = end + 1;
  }
  return r;
}

/** Pearson's correlation of two equal-length series; null when either does not vary. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const mx = meanAndSd(x).mean;
  const my = meanAndSd(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < x.length; k++) {
    const dx = (x[k] as number) - mx;
    const dy = (y[k] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Spearman's rank correlation: Pearson's on the ranks, ties at their mean rank (Spearman 1904). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return pearson(ranks(x), ranks(y));
}
