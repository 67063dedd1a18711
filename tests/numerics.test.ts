/** The generic numerics (models/numerics.ts) against functions whose answers are known in closed form. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brentMinimum,
  brentRoot,
  complementIntervals,
  findCrossings,
  goldenAbove,
  intervalsAtOrAbove,
  intervalsFromCrossings,
  type LevelSearch,
  MinHeap,
  maximumOn,
  mergeIntervals,
  midpointIntegral,
  quantileSorted,
  type Reachable,
  roundTo,
  sampleCount,
  solveBracketed,
  sumValues,
  wholeCount,
} from '../models/numerics.js';

describe('roots and minima', () => {
  it('Brent finds √2 as the root of x² − 2 and π as the root of sin on [3, 4]', () => {
    const f = (x: number) => x * x - 2;
    expect(brentRoot(f, 0, 2, f(0), f(2), 1e-14)).toBeCloseTo(Math.SQRT2, 13);
    expect(brentRoot(Math.sin, 3, 4, Math.sin(3), Math.sin(4), 1e-14)).toBeCloseTo(Math.PI, 13);
  });

  it("Brent's minimiser finds the vertex of a parabola and the minimum of cos on [2, 4] (π)", () => {
    expect(brentMinimum((x) => (x - 1.25) ** 2 + 3, -10, 10, 1e-10).x).toBeCloseTo(1.25, 7);
    const cos = brentMinimum(Math.cos, 2, 4, 1e-10);
    expect(cos.x).toBeCloseTo(Math.PI, 7);
    expect(cos.fx).toBeCloseTo(-1, 12);
  });

  it('a bracketed root of a monotone function, found from a bracket that must grow, feeds back to its target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1e4, noNaN: true }), (target) => {
        const root = solveBracketed(Math.log, Math.log(target), { lo: 0.05, hi: 1, max: 1e5 });
        return root !== null && Math.abs(root.x / target - 1) < 1e-9;
      }),
    );
  });

  it('the midpoint rule integrates x² over [0, 1] to 1/3 with an error that falls as 1/n²', () => {
    const e100 = Math.abs(midpointIntegral((x) => x * x, 0, 1, 100) - 1 / 3);
    const e1000 = Math.abs(midpointIntegral((x) => x * x, 0, 1, 1000) - 1 / 3);
    expect(e100).toBeCloseTo(1 / (12 * 100 ** 2), 12);
    expect(e100 / e1000).toBeCloseTo(100, 3);
  });
});

describe('counts, quantiles, rounding', () => {
  it('quantiles of 1…100 (type 7): the median 50.5, p95 95.05, the ends exact', () => {
    const xs = Array.from({ length: 100 }, (_, k) => k + 1);
    expect(quantileSorted(xs, 0.5)).toBe(50.5);
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(95.05, 12);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(100);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('whole counts do not round up a float residue of an exact multiple, and cover any excess', () => {
    expect(wholeCount((0.1 + 0.2) / 0.1)).toBe(3);
    expect(wholeCount(3.0001)).toBe(4);
    expect(wholeCount(0)).toBe(0);
  });

  it('a record of named parts sums in its own order, nothing to zero', () => {
    expect(sumValues({ compute_kg: 11_300, array_kg: 27_000, radiator_kg: 9_000 })).toBe(47_300);
    expect(sumValues({ a: 0.1, b: 0.2, c: 0.3 })).toBe(0.1 + 0.2 + 0.3);
    expect(sumValues({})).toBe(0);
  });

  it('samples include both ends, an end a float residue short included', () => {
    expect(sampleCount(10, 1)).toBe(11);
    expect(sampleCount(0.3, 0.1)).toBe(4);
    expect(sampleCount(10.5, 1)).toBe(11);
  });

  it('rounds half away from zero', () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1.23456, 3)).toBe(1.235);
  });
});

describe('the heap', () => {
  it('pops keys in ascending order, with their values, whatever order they were pushed in', () => {
    fc.assert(
      // -0 and +0 are one key to the heap, two values to toEqual: keys are taken without the sign of zero.
      fc.property(
        fc.array(
          fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
          { maxLength: 200 },
        ),
        (keys) => {
          const heap = new MinHeap();
          for (const [i, k] of keys.entries()) heap.push(k, i);
          const popped: number[] = [];
          while (heap.size > 0) {
            const [key, value] = heap.pop();
            expect(keys[value]).toBe(key);
            popped.push(key);
          }
          expect(popped).toEqual([...keys].sort((a, b) => a - b));
        },
      ),
    );
  });
});

describe('the event search', () => {
  /** sin x + sin 2x = 2 sin(3x/2) cos(x/2): simple zeros at 2kπ/3 and (2k+1)π, never together. */
  const y = (x: number) => Math.sin(x) + Math.sin(2 * x);
  /** Its maxima: y′ = cos x + 2 cos 2x = 0 at cos x = (√33 − 1)/8, the highest ≈ 1.7602 there. */
  const xMax = Math.acos((Math.sqrt(33) - 1) / 8);
  const yMax = y(xMax);
  /** |y′| ≤ |cos x| + 2 |cos 2x| ≤ 3: over [a, b], y cannot rise above (ya + yb + 3 (b − a)) / 2. */
  const lipschitz =
    (level: number): Reachable<number> =>
    (a, ya, b, yb) =>
      (ya + yb + 3 * (b - a)) / 2 >= level;

  /** An event search of f against `lvl`, sampled every `h` over [x0, x1], the witness being f itself; evaluations counted. */
  function searchOf(f: (x: number) => number, lvl: number, x0: number, x1: number, h: number, bound?: Reachable<number>) {
    const xs: number[] = [];
    for (let x = x0; x < x1; x += h) xs.push(x);
    xs.push(x1);
    const ys = xs.map(f);
    const calls = { n: 0 };
    const search: LevelSearch<number> = {
      xs,
      ys,
      ws: ys,
      level: lvl,
      probe: (x) => {
        calls.n++;
        const v = f(x);
        return { y: v, w: v };
      },
      reachable: bound,
      xtol: 1e-12,
    };
    return { search, calls };
  }

  it('finds the zeros of sin x + sin 2x, 2kπ/3 and (2k+1)π, rising and falling in turn', () => {
    const { search } = searchOf(y, 0, 0.1, 6 * Math.PI - 0.1, 0.3);
    const crossings = findCrossings(search);
    const zeros = [2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16].map((k) => (k * Math.PI) / 3);
    expect(crossings.map((c) => c.x)).toHaveLength(zeros.length);
    crossings.forEach((c, i) => {
      expect(c.x).toBeCloseTo(zeros[i] as number, 10);
      // y falls through 2π/3, rises through π, and so on: the sign of y′ = cos x + 2 cos 2x.
      expect(c.rising).toBe(Math.cos(c.x) + 2 * Math.cos(2 * c.x) > 0);
    });
  });

  it('finds the excursions above a level just under the maxima, which every coarse sample misses', () => {
    const level = yMax - 1e-4;
    const { search } = searchOf(y, level, 0.2, 6 * Math.PI, 0.5);
    expect(search.ys.every((v) => v < level)).toBe(true);
    const intervals = intervalsAtOrAbove(search);
    expect(intervals).toHaveLength(3);
    intervals.forEach(([a, b], k) => {
      // Each one straddles a maximum xMax + 2kπ, its ends on the level, ~0.013 wide (2 √(2·10⁻⁴ / |y″|)).
      expect(a).toBeLessThan(xMax + 2 * k * Math.PI);
      expect(b).toBeGreaterThan(xMax + 2 * k * Math.PI);
      expect(y(a) - level).toBeCloseTo(0, 11);
      expect(y(b) - level).toBeCloseTo(0, 11);
      expect(b - a).toBeCloseTo(2 * Math.sqrt(2e-4 / (Math.sin(xMax) + 4 * Math.sin(2 * xMax))), 5);
    });
  });

  it('gives the exact edges of the excursions of cos x above cos δ, [2kπ − δ, 2kπ + δ], between samples', () => {
    const delta = 0.01;
    const { search } = searchOf(Math.cos, Math.cos(delta), 1, 4 * Math.PI - 1, 0.4);
    expect(intervalsAtOrAbove(search)).toEqual([
      [expect.closeTo(2 * Math.PI - delta, 9), expect.closeTo(2 * Math.PI + delta, 9)],
    ]);
  });

  it('a level above the maxima gives no interval; the bound stops the golden search early', () => {
    const level = yMax + 0.01;
    const free = searchOf(y, level, 0, 6 * Math.PI, 0.5);
    const bounded = searchOf(y, level, 0, 6 * Math.PI, 0.5, lipschitz(level));
    expect(intervalsAtOrAbove(free.search)).toEqual([]);
    expect(intervalsAtOrAbove(bounded.search)).toEqual([]);
    expect(bounded.calls.n).toBeLessThan(free.calls.n / 3);
  });

  it('the bound does not lose an excursion it cannot rule out', () => {
    const level = yMax - 1e-4;
    const free = intervalsAtOrAbove(searchOf(y, level, 0.2, 6 * Math.PI, 0.5).search);
    expect(free).toHaveLength(3);
    expect(intervalsAtOrAbove(searchOf(y, level, 0.2, 6 * Math.PI, 0.5, lipschitz(level)).search)).toEqual(free);
  });

  // A dip below the level narrower than the coarse step may go unseen (two excursions then read as
  // one, as a window's brief fade under the mask does): the search promises every excursion covered,
  // each edge a true crossing, not every dip.
  it('covers every excursion a fine scan of sin x + sin 2x finds, at any level and coarse step, with true edges', () => {
    fc.assert(
      fc.property(fc.double({ min: -1.7, max: 1.7, noNaN: true }), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (lvl, h) => {
        const found = intervalsAtOrAbove(searchOf(y, lvl, 0, 2 * Math.PI, h).search);
        const scan: [number, number][] = [];
        const dx = 1e-4;
        for (let x = 0; x <= 2 * Math.PI; x += dx) {
          if (y(x) < lvl) continue;
          const last = scan.at(-1);
          if (last && x - last[1] < 1.5 * dx) last[1] = x;
          else scan.push([x, x]);
        }
        const longEnough = scan.filter(([a, b]) => b - a > 4 * dx);
        const covered = longEnough.every(([a, b]) => found.some(([c, d]) => c < a + 2 * dx && d > b - 2 * dx));
        const trueEdges = found.every(([c, d]) => [c, d].every((x) => x <= 0 || x >= 2 * Math.PI || Math.abs(y(x) - lvl) < 1e-6));
        return covered && trueEdges;
      }),
      { numRuns: 60 },
    );
  });

  it('an interval open at the start or still open at the end is cut there', () => {
    const crossings = [
      { x: 1, rising: false },
      { x: 2, rising: true },
      { x: 3, rising: false },
      { x: 4, rising: true },
    ];
    expect(intervalsFromCrossings(crossings, true, 0, 5)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(intervalsFromCrossings(crossings.slice(1), false, 0, 5)).toEqual([
      [2, 3],
      [4, 5],
    ]);
  });

  it('the golden search returns the first point at or above 0, or null when the maximum stays below', () => {
    const probe = (x: number) => ({ g: 0.5 - (x - 0.3) ** 2, w: 0 });
    const top = goldenAbove(probe, { lo: -2, wlo: 0, hi: 2, whi: 0 }, 1e-12);
    expect(top).not.toBeNull();
    expect(probe(top as number).g).toBeGreaterThanOrEqual(0);
    const below = (x: number) => ({ g: -0.5 - (x - 0.3) ** 2, w: 0 });
    expect(goldenAbove(below, { lo: -2, wlo: 0, hi: 2, whi: 0 }, 1e-9)).toBeNull();
  });

  it('the maximum on an interval: an interior one by Brent, or an end', () => {
    expect(maximumOn(Math.sin, 0, 3, 1e-10).x).toBeCloseTo(Math.PI / 2, 7);
    expect(maximumOn(Math.sin, 0, 3, 1e-10).fx).toBeCloseTo(1, 12);
    expect(maximumOn(Math.sin, 0, 1, 1e-10)).toEqual({ x: 1, fx: Math.sin(1) });
  });
});

describe('intervals', () => {
  it('merges overlapping and touching intervals, in order, and their complement covers the rest exactly', () => {
    const merged = mergeIntervals([
      [5, 7],
      [1, 3],
      [2, 4],
      [7, 8],
    ]);
    expect(merged).toEqual([
      [1, 4],
      [5, 8],
    ]);
    expect(complementIntervals(merged, 10)).toEqual([
      [0, 1],
      [4, 5],
      [8, 10],
    ]);
  });

  it('an interval set and its complement partition [0, T]: their lengths sum to T', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 90, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }))),
        (raw) => {
          const merged = mergeIntervals(raw.map(([s, d]): [number, number] => [s, s + d]));
          const T = 100;
          const length = (xs: [number, number][]) => xs.reduce((sum, [a, b]) => sum + (b - a), 0);
          expect(length(merged) + length(complementIntervals(merged, T))).toBeCloseTo(T, 9);
        },
      ),
    );
  });
});
