/**
 * Property tests (fast-check) for the orbit estimator: eclipse fraction falls with altitude and
 * with |beta|; unit strings give the same answer as numbers (hostile inputs: tests/registry.fuzz.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaStarDeg, eclipseFraction, orbitEstimator, periodMin, sunSynchronousInclinationDeg } from '../models/orbit.js';
import { runModel } from './helpers.js';

const altitude = fc.double({ min: 150, max: 40_000, noNaN: true });
const beta = fc.double({ min: -90, max: 90, noNaN: true });

describe('orbit closed forms: invariants', () => {
  it('eclipse fraction falls (or stays) as altitude rises, at any beta', () => {
    fc.assert(
      fc.property(altitude, altitude, beta, (h1, h2, b) => {
        const [lo, hi] = h1 < h2 ? [h1, h2] : [h2, h1];
        expect(eclipseFraction(hi, b)).toBeLessThanOrEqual(eclipseFraction(lo, b) + 1e-12);
      }),
    );
  });

  it('eclipse fraction falls as |beta| rises, and is 0 beyond beta*', () => {
    fc.assert(
      fc.property(altitude, beta, beta, (h, b1, b2) => {
        const [lo, hi] = Math.abs(b1) < Math.abs(b2) ? [b1, b2] : [b2, b1];
        expect(eclipseFraction(h, hi)).toBeLessThanOrEqual(eclipseFraction(h, lo) + 1e-12);
        if (Math.abs(hi) >= betaStarDeg(h)) expect(eclipseFraction(h, hi)).toBe(0);
      }),
    );
  });

  it('fractions lie in [0, 0.5) and periods rise with altitude', () => {
    fc.assert(
      fc.property(altitude, beta, (h, b) => {
        const f = eclipseFraction(h, b);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(0.5);
        expect(periodMin(6378.137 + h + 1)).toBeGreaterThan(periodMin(6378.137 + h));
      }),
    );
  });

  it('sun-synchronous inclination is retrograde and rises with altitude up to the limit', () => {
    let previous = 90;
    for (let h = 200; h <= 5900; h += 100) {
      const i = sunSynchronousInclinationDeg(6378.137 + h) as number;
      expect(i).toBeGreaterThan(previous);
      previous = i;
    }
    expect(sunSynchronousInclinationDeg(6378.137 + 6500)).toBeNull();
  });
});

describe('orbit model: invariants', () => {
  it('unit strings give the same answer as numbers', () => {
    fc.assert(
      fc.property(fc.double({ min: 200, max: 2000, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }), (h, b) => {
        const epoch = '2026-01-01T00:00:00Z';
        const a = runModel(orbitEstimator, { orbit: { altitude_km: h }, beta_deg: b, epoch, propagated_check: false });
        const s = runModel(orbitEstimator, {
          orbit: { altitude_km: `${h * 1000} m` },
          beta_deg: `${(b * Math.PI) / 180} rad`,
          epoch,
          propagated_check: false,
        });
        expect(s.eclipse_fraction).toBeCloseTo(a.eclipse_fraction, 9);
        expect(s.period_min).toBeCloseTo(a.period_min, 9);
      }),
      { numRuns: 40 },
    );
  });
});
