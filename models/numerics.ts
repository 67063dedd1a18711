/**
 * Generic one-dimensional numerics, used by every estimator that needs them: Brent's root finder
 * and minimiser, and a bracketed root of a monotone model output (break-even prices, the claims'
 * flip conditions, the solver). Pure functions of their arguments.
 */

/** Brent's root finder on [a, b] with f(a), f(b) of opposite signs (Brent 1973, ch. 4; "zeroin"). */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, xtol: number): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 100; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
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
