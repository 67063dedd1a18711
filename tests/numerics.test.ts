/** The generic numerics (models/numerics.ts) against functions whose answers are known in closed form. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brentMinimum,
  brentRoot,
  MinHeap,
  midpointIntegral,
  quantileSorted,
  roundTo,
  sampleCount,
  solveBracketed,
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
