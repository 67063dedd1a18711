/**
 * Generic one-dimensional numerics, used by every estimator that needs them: angles wrapped to a
 * turn, Brent's root finder and minimiser, an event search (where a sampled function crosses a
 * level, like Skyfield's searchlib), and a bracketed root of a monotone model output (break-even
 * prices, the claims' flip conditions, the solver). Pure functions of their arguments.
 */

/** An angle in degrees brought into [0, 360). */
export const wrap360 = (deg: number): number => ((deg % 360) + 360) % 360;

/** An angle in degrees brought into [−180, 180). */
export const wrap180 = (deg: number): number => ((((deg + 180) % 360) + 360) % 360) - 180;

/** Iterations of Brent's root finder at most (one evaluation of f each). */
export const BRENT_MAX_ITERATIONS = 100;

/** Brent's root finder on [a, b] with f(a), f(b) of opposite signs (Brent 1973, ch. 4; "zeroin"). */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, xtol: number): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < BRENT_MAX_ITERATIONS; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      // Make b the best estimate so far: a takes b's place, b takes c's, c keeps the old b.
      [a, b, c] = [b, c, b];
      [fa, fb, fc] = [fb, fc, fb];
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/** ∫ f over [a, b] by the composite midpoint rule with n panels: for smooth integrands where a few digits do. */
export function midpointIntegral(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += f(a + (k + 0.5) * h);
  return sum * h;
}

/** The golden-section fraction (3 − √5)/2: the share of a bracket a golden-section step moves by. */
export const GOLDEN = (3 - Math.sqrt(5)) / 2;

/** Brent's minimiser on [a, b]: golden section with parabolic steps (Brent 1973, ch. 5; "fminbound"). */
export function brentMinimum(f: (x: number) => number, a: number, b: number, xtol: number): { x: number; fx: number } {
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < 200; iter++) {
    const mid = 0.5 * (a + b);
    const tol1 = xtol / 3 + 1e-12 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const eOld = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = mid >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= mid ? a - x : b - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  // The ends are candidates too (a culmination at the edge of a clipped window).
  return { x, fx };
}

/** The largest value of f on [a, b]: Brent's minimiser on −f, then the ends as candidates (a maximum at an edge of the interval). */
export function maximumOn(f: (x: number) => number, a: number, b: number, xtol: number): { x: number; fx: number } {
  const best = brentMinimum((x) => -f(x), a, b, xtol);
  let x = best.x;
  let fx = -best.fx;
  for (const edge of [a, b]) {
    const fe = f(edge);
    if (fe > fx) {
      fx = fe;
      x = edge;
    }
  }
  return { x, fx };
}

// ---------------------------------------------------------------------------------------------
// Event search: where a sampled function crosses a level (Skyfield's searchlib, Orekit's detectors)
// ---------------------------------------------------------------------------------------------

/** A function evaluated once at x: its value, and a witness a bound reads (e.g. a distance it cannot close faster than some rate). */
export interface Probe<W> {
  y: number;
  w: W;
}

/**
 * Whether [a, b] may hold a point where the function reaches the level, from the witnesses at its
 * ends; false only when a bound proves that it cannot.
 */
export type Reachable<W> = (a: number, wa: W, b: number, wb: W) => boolean;

/**
 * A golden-section search for the maximum of g on [lo, hi] that stops at the first point where
 * g ≥ 0 (and returns it), or returns null when the bracket is narrower than `xtol`, or when
 * `reachable` proves the bracket left holds no such point (then no more evaluations are spent).
 * g unimodal on [lo, hi]: a maximum above 0 is found, one below is given up on.
 */
export function goldenAbove<W>(
  g: (x: number) => { g: number; w: W },
  bracket: { lo: number; wlo: W; hi: number; whi: W },
  xtol: number,
  reachable: Reachable<W> = () => true,
): number | null {
  let { lo: a, wlo: wa, hi: b, whi: wb } = bracket;
  let x1 = b - (1 - GOLDEN) * (b - a);
  let x2 = a + (1 - GOLDEN) * (b - a);
  let p1 = g(x1);
  let p2 = g(x2);
  for (let iter = 0; iter < 80; iter++) {
    if (p1.g >= 0) return x1;
    if (p2.g >= 0) return x2;
    if (!reachable(a, wa, b, wb) || b - a < xtol) return null;
    if (p1.g > p2.g) {
      b = x2;
      wb = p2.w;
      x2 = x1;
      p2 = p1;
      x1 = b - (1 - GOLDEN) * (b - a);
      p1 = g(x1);
    } else {
      a = x1;
      wa = p1.w;
      x1 = x2;
      p1 = p2;
      x2 = a + (1 - GOLDEN) * (b - a);
      p2 = g(x2);
    }
  }
  return null;
}

/**
 * An event search: the function y sampled by the caller on a coarse grid (with a witness at each
 * sample for the bound), the level it is watched against, the same function for refinement, and
 * the tolerance on the crossings. The g function of the search is y − level (≥ 0: at or above it).
 */
export interface LevelSearch<W> {
  /** Sample abscissae, ascending, and the function and its witness at each. */
  xs: readonly number[];
  ys: readonly number[];
  ws: readonly W[];
  level: number;
  /** One evaluation of the function at x, with its witness. */
  probe: (x: number) => Probe<W>;
  /** A bound that proves a bracket cannot reach the level; default: every bracket may. */
  reachable?: Reachable<W>;
  /** Tolerance on the crossings, in x. */
  xtol: number;
}

/** A crossing of the level: where, and whether the function rises through it or falls. */
export interface Crossing {
  x: number;
  rising: boolean;
}

/** Each sign change of y − level between consecutive samples, refined by Brent's root finder. */
function sampledCrossings<W>(s: LevelSearch<W>, g: (x: number) => number): Crossing[] {
  const crossings: Crossing[] = [];
  for (let i = 0; i + 1 < s.xs.length; i++) {
    const ga = (s.ys[i] as number) - s.level;
    const gb = (s.ys[i + 1] as number) - s.level;
    if (ga >= 0 !== gb >= 0)
      crossings.push({ x: brentRoot(g, s.xs[i] as number, s.xs[i + 1] as number, ga, gb, s.xtol), rising: ga < 0 });
  }
  return crossings;
}

/**
 * Sample i is a discrete maximum of y below the level, with no sign change beside it (the first
 * sample counts when it is no lower than the second): a pass of y above the level may hide around it.
 */
function isNearMiss(ys: readonly number[], level: number, i: number): boolean {
  const n = ys.length;
  const y = ys[i] as number;
  if (y >= level) return false;
  const left = i > 0 ? (ys[i - 1] as number) : -Infinity;
  const right = i + 1 < n ? (ys[i + 1] as number) : -Infinity;
  if (left >= level || right >= level) return false; // a sign change, found by sampledCrossings
  return (y > left && y >= right) || (i === 0 && n > 1 && y >= right);
}

/**
 * Excursions above the level between samples: around each near miss whose samples the bound does not
 * rule out, the golden-section search looks for a point above the level; when it finds one, the rise
 * and the fall either side of it are refined by Brent's root finder.
 */
function hiddenCrossings<W>(s: LevelSearch<W>, g: (x: number) => number): Crossing[] {
  const { xs, ys, ws, level } = s;
  const reachable = s.reachable ?? (() => true);
  const at = (x: number) => {
    const p = s.probe(x);
    return { g: p.y - level, w: p.w };
  };
  const crossings: Crossing[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!isNearMiss(ys, level, i)) continue;
    const lo = Math.max(0, i - 1);
    const hi = Math.min(xs.length - 1, i + 1);
    if (lo === hi) continue;
    let candidate = false;
    for (let j = lo; j < hi; j++) candidate ||= reachable(xs[j] as number, ws[j] as W, xs[j + 1] as number, ws[j + 1] as W);
    if (!candidate) continue;
    const [xlo, xhi] = [xs[lo] as number, xs[hi] as number];
    const top = goldenAbove(at, { lo: xlo, wlo: ws[lo] as W, hi: xhi, whi: ws[hi] as W }, s.xtol, reachable);
    if (top === null) continue;
    const gTop = g(top);
    crossings.push({ x: brentRoot(g, xlo, top, (ys[lo] as number) - level, gTop, s.xtol), rising: true });
    crossings.push({ x: brentRoot(g, top, xhi, gTop, (ys[hi] as number) - level, s.xtol), rising: false });
  }
  return crossings;
}

/**
 * Where a function crosses a level, by event search (Skyfield's `find_discrete`, Orekit's event
 * detection): the crossings between coarse samples refined by Brent's root finder, then the
 * excursions that lie entirely between samples, found from the discrete maxima below the level by
 * a golden-section search that a bound may stop early. Sorted by x (in the order found at ties).
 * y unimodal between two samples either side of a maximum: the step must resolve its oscillations.
 */
export function findCrossings<W>(s: LevelSearch<W>): Crossing[] {
  const g = (x: number) => s.probe(x).y - s.level;
  const crossings = [...sampledCrossings(s, g), ...hiddenCrossings(s, g)];
  return crossings.sort((p, q) => p.x - q.x);
}

/**
 * The intervals of [x0, x1] in which the function is at or above the level, from its ordered
 * crossings and whether it starts above: an interval open at x0 or still open at x1 is cut there.
 */
export function intervalsFromCrossings(crossings: readonly Crossing[], aboveAtStart: boolean, x0: number, x1: number) {
  let openAt: number | null = aboveAtStart ? x0 : null;
  const intervals: [number, number][] = [];
  for (const c of crossings) {
    if (c.rising && openAt === null) openAt = c.x;
    else if (!c.rising && openAt !== null) {
      intervals.push([openAt, c.x]);
      openAt = null;
    }
  }
  if (openAt !== null) intervals.push([openAt, x1]);
  return intervals;
}

/** The intervals over the sampled range in which the function is at or above the level, by event search. */
export function intervalsAtOrAbove<W>(s: LevelSearch<W>): [number, number][] {
  const above = (s.ys[0] as number) >= s.level;
  return intervalsFromCrossings(findCrossings(s), above, s.xs[0] as number, s.xs[s.xs.length - 1] as number);
}

/** A root found in a bracket: where, after how many evaluations of the model, and in which bracket. */
export interface Root {
  x: number;
  iterations: number;
  bracket: [number, number];
}

/**
 * Widen [lo, hi] geometrically (hi ← lo + (hi − lo)·grow) until g changes sign across it or hi
 * passes `max`; null when it never does (no root in the range searched).
 */
export function expandBracket(
  g: (x: number) => number,
  lo: number,
  hi: number,
  max: number,
  grow = 4,
): { lo: number; hi: number; glo: number; ghi: number } | null {
  const glo = g(lo);
  let ghi = g(hi);
  while (glo * ghi > 0 && hi < max) {
    hi = Math.min(max, lo + (hi - lo) * grow);
    ghi = g(hi);
  }
  return glo * ghi <= 0 && Number.isFinite(glo) && Number.isFinite(ghi) ? { lo, hi, glo, ghi } : null;
}

/**
 * The x in [lo, max] at which f(x) = target, for a continuous f: the bracket [lo, hi] is widened
 * up to `max` until it holds a sign change, then Brent's method refines it to a relative
 * tolerance `rtol` of the bracket's scale. Null when no sign change is found up to `max`.
 */
export function solveBracketed(
  f: (x: number) => number,
  target: number,
  range: { lo: number; hi: number; max: number },
  rtol = 1e-13,
): Root | null {
  let iterations = 0;
  const g = (x: number) => {
    iterations++;
    return f(x) - target;
  };
  const b = expandBracket(g, range.lo, range.hi, range.max);
  if (b === null) return null;
  const scale = Math.max(Math.abs(b.lo), Math.abs(b.hi), Number.MIN_VALUE);
  const x = brentRoot(g, b.lo, b.hi, b.glo, b.ghi, rtol * scale);
  return { x, iterations, bracket: [b.lo, b.hi] };
}

/**
 * A root of f(x) = target in [min, max], for an f that may be non-monotone or undefined (NaN) in
 * places: f is sampled at `samples` points (evenly, or evenly in log x), the brackets where f − target
 * changes sign between finite samples are collected, the one nearest `near` is taken, and Brent's
 * method refines it to a relative tolerance `rtol`. Null when no sample pair brackets a root.
 */
export function rootInRange(
  f: (x: number) => number,
  target: number,
  range: { min: number; max: number; scale: 'linear' | 'log'; near?: number; samples?: number },
  rtol = 1e-10,
): Root | null {
  const n = range.samples ?? 12;
  const log = range.scale === 'log';
  const to = (u: number) => (log ? Math.exp(u) : u);
  const from = (x: number) => (log ? Math.log(x) : x);
  const [u0, u1] = [from(range.min), from(range.max)];
  let iterations = 0;
  const g = (x: number) => {
    iterations++;
    return f(x) - target;
  };
  const xs = Array.from({ length: n + 1 }, (_, k) => to(u0 + ((u1 - u0) * k) / n));
  const gs = xs.map(g);
  const near = from(range.near ?? to((u0 + u1) / 2));
  let best: { a: number; b: number; ga: number; gb: number; d: number } | null = null;
  for (let k = 0; k < n; k++) {
    const [a, b, ga, gb] = [xs[k] as number, xs[k + 1] as number, gs[k] as number, gs[k + 1] as number];
    if (!Number.isFinite(ga) || !Number.isFinite(gb) || ga * gb > 0) continue;
    const d = Math.abs((from(a) + from(b)) / 2 - near);
    if (best === null || d < best.d) best = { a, b, ga, gb, d };
  }
  if (best === null) return null;
  const scale = Math.max(Math.abs(best.a), Math.abs(best.b), Number.MIN_VALUE);
  const x = brentRoot(g, best.a, best.b, best.ga, best.gb, rtol * scale);
  return { x, iterations, bracket: [best.a, best.b] };
}

/**
 * y(x) from a table by piecewise-linear interpolation between its points, held at its ends; with
 * `logX` / `logY` the interpolation is linear in log x / log y (a power law or an exponential between
 * two points). `xs` ascending.
 */
export function interpolate(
  xs: readonly number[],
  ys: readonly number[],
  x: number,
  scale: { logX?: boolean; logY?: boolean } = {},
): number {
  const last = xs.length - 1;
  if (!(x > (xs[0] as number))) return ys[0] as number;
  if (x >= (xs[last] as number)) return ys[last] as number;
  const i = xs.findIndex((xi) => xi > x);
  const X = (v: number) => (scale.logX ? Math.log(v) : v);
  const Y = (v: number) => (scale.logY ? Math.log(v) : v);
  const [x0, x1, y0, y1] = [xs[i - 1] as number, xs[i] as number, ys[i - 1] as number, ys[i] as number];
  const y = Y(y0) + ((X(x) - X(x0)) / (X(x1) - X(x0))) * (Y(y1) - Y(y0));
  return scale.logY ? Math.exp(y) : y;
}

/** `x` rounded to `digits` decimals, half away from zero (for figures quoted in refusals). */
export function roundTo(x: number, digits: number): number {
  const scale = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * scale)) / scale;
}

/** Linear-interpolated quantile of sorted values (Hyndman & Fan type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The sum of a record's values, in their order (a total of named parts: masses, costs). */
export function sumValues(parts: Readonly<Record<string, number>>): number {
  return Object.values(parts).reduce((a, b) => a + b, 0);
}

/** A count of whole things covering `x`, a hair below the quotient so that exact multiples do not round up on a float residue. */
export function wholeCount(x: number): number {
  return Math.ceil(x * (1 - 1e-12));
}

/** Samples from 0 to `duration_s` every `step_s`, both ends included (an end a float residue short still counts). */
export function sampleCount(duration_s: number, step_s: number): number {
  return Math.floor(duration_s / step_s + 1e-9) + 1;
}

/** A binary min-heap of (key, value) number pairs: the smallest key first (Dijkstra's frontier). */
export class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(key: number, val: number) {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((k[parent] as number) <= key) break;
      k[i] = k[parent] as number;
      v[i] = v[parent] as number;
      i = parent;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): [number, number] {
    const k = this.keys;
    const v = this.vals;
    const top: [number, number] = [k[0] as number, v[0] as number];
    const lastK = k.pop() as number;
    const lastV = v.pop() as number;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const c = r < k.length && (k[r] as number) < (k[l] as number) ? r : l;
        if ((k[c] as number) >= lastK) break;
        k[i] = k[c] as number;
        v[i] = v[c] as number;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

/** Union of intervals, sorted and merged. */
export function mergeIntervals(intervals: readonly [number, number][]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Parts of [0, duration] outside the merged intervals. */
export function complementIntervals(merged: readonly [number, number][], duration_s: number): [number, number][] {
  const gaps: [number, number][] = [];
  let cursor = 0;
  for (const [s, e] of merged) {
    if (s > cursor) gaps.push([cursor, s]);
    cursor = Math.max(cursor, e);
  }
  if (cursor < duration_s) gaps.push([cursor, duration_s]);
  return gaps;
}
