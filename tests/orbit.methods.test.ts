/**
 * Two independent methods agree: the analytic cylindrical-shadow eclipse fraction against one
 * revolution propagated with SGP4 and measured with satellite.js shadowFraction (conical shadow,
 * ≥ 50 % of the disc hidden), at several beta angles; and the annual picture against closed forms.
 */
import { describe, expect, it } from 'vitest';
import { DEG } from '../models/constants.js';
import { betaDeg, eclipseFraction, intervalsAbove, orbitEstimator, raanForBetaDeg, sunUnit } from '../models/orbit.js';
import { runModel } from './helpers.js';

const run = (body: unknown) => runModel(orbitEstimator, body);
const withinFractionOfOrbit = 0.002;

describe('analytic eclipse vs propagated SGP4 + shadowFraction', () => {
  const epoch = '2026-03-20T12:00:00Z';
  for (const altitude_km of [400, 550, 1200]) {
    for (const beta of [0, 20, 40, 55, 60]) {
      it(`${altitude_km} km, beta ${beta}°`, () => {
        const r = run({ orbit: { altitude_km, inclination_deg: 70 }, beta_deg: beta, epoch });
        expect(r.propagated).not.toBeNull();
        const p = r.propagated as NonNullable<typeof r.propagated>;
        // The propagated orbit really flies at that beta.
        expect(p.beta_deg).toBeCloseTo(beta, 6);
        expect(Math.abs(p.eclipse_fraction - r.eclipse_fraction)).toBeLessThan(withinFractionOfOrbit);
        // The umbra is inside the 50 % shadow, and the penumbra lasts seconds to a minute or so.
        expect(p.umbra_fraction).toBeLessThanOrEqual(p.eclipse_fraction + 1e-9);
        if (r.eclipse_fraction > 0) expect(p.penumbra_min).toBeGreaterThan(0);
      });
    }
  }

  it('a real element set at its epoch (ISS, Wikipedia TLE example)', () => {
    const r = run(orbitEstimator.examples.iss_tle?.value);
    const p = r.propagated as NonNullable<typeof r.propagated>;
    expect(Math.abs(p.eclipse_fraction - r.eclipse_fraction)).toBeLessThan(withinFractionOfOrbit);
  });

  it('raanForBetaDeg inverts betaDeg', () => {
    const sun = sunUnit(new Date('2026-06-21T00:00:00Z'));
    for (const beta of [-55, -10, 0, 33, 50]) {
      const raan = raanForBetaDeg(beta, 97.8 * DEG, sun) as number;
      expect(betaDeg(97.8 * DEG, raan * DEG, sun)).toBeCloseTo(beta, 9);
    }
    // At the June solstice the normal of a 97.8° orbit stays ≥ 31.2° from the sun: beta ≤ 58.8°.
    expect(raanForBetaDeg(70, 97.8 * DEG, sun)).toBeNull();
    expect(raanForBetaDeg(89, 10 * DEG, sun)).toBeNull();
  });
});

describe('annual picture against closed forms', () => {
  it('beta stays within ±(i + 23.44°) for an equatorial-ish orbit, and sunlit fraction matches the mean of the analytic form', () => {
    const r = run({ orbit: { altitude_km: 550, inclination_deg: 10 }, epoch: '2026-01-01T00:00:00Z', annual: true });
    const a = r.annual as NonNullable<typeof r.annual>;
    expect(a.beta_max_deg).toBeLessThanOrEqual(10 + 23.45);
    expect(a.beta_min_deg).toBeGreaterThanOrEqual(-10 - 23.45);
    // Eclipse every day; the longest is the beta-0 eclipse (the node sweeps through beta 0 many times a year).
    expect(a.eclipse_days).toBe(365);
    expect(a.max_eclipse_min).toBeCloseTo(eclipseFraction(550, 0) * r.period_min, 1);
    expect(a.sunlit_fraction).toBeGreaterThan(1 - eclipseFraction(550, 0));
    expect(a.sunlit_fraction).toBeLessThan(1 - eclipseFraction(550, 33.5));
  });

  it('a dawn-dusk SSO at 650 km has an eclipse season around the June solstice, not all year', () => {
    const r = run({
      orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
      epoch: '2026-01-01T00:00:00Z',
      annual: true,
    });
    const a = r.annual as NonNullable<typeof r.annual>;
    expect(r.sun_synchronous).toBe(true);
    expect(a.eclipse_days).toBeGreaterThan(60);
    expect(a.eclipse_days).toBeLessThan(120);
    expect(a.seasons).toHaveLength(1);
    const peak = new Date(a.max_eclipse_at);
    expect(Math.abs(peak.getTime() - Date.parse('2026-06-21T00:00:00Z')) / 86_400_000).toBeLessThan(10);
    // The season's worst eclipse is set by its lowest beta: closed form at that beta.
    expect(a.max_eclipse_min).toBeCloseTo(eclipseFraction(650, a.beta_min_deg) * r.period_min, 6);
    // Sun-synchronous: the beta range is narrow (the node follows the sun; only the declination moves it).
    expect(a.beta_max_deg - a.beta_min_deg).toBeLessThan(2 * 23.44 + 2);
  });

  it('a noon-midnight SSO is eclipsed every day', () => {
    const r = run({
      orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 12 },
      epoch: '2026-01-01T00:00:00Z',
      annual: true,
    });
    expect((r.annual as NonNullable<typeof r.annual>).eclipse_days).toBe(365);
  });
});

describe('intervalsAbove (the propagated eclipse timing)', () => {
  it('interpolates crossings and joins a shadow that wraps around the revolution', () => {
    // Above 0.5 on [0, 1.5] and [3.5, 5]: one eclipse of 3 samples across the period boundary.
    expect(intervalsAbove([1, 1, 0, 0, 1, 1], 0.5)).toEqual({ total: 3, longest: 3 });
    // One interior interval: crossings at 1 + 0.5/0.8 = 1.625 and 3 + 0.3/0.8 = 3.375.
    expect(intervalsAbove([0, 0, 0.8, 0.8, 0, 0], 0.5)).toEqual({ total: 1.75, longest: 1.75 });
    expect(intervalsAbove([0, 0, 0], 0.5)).toEqual({ total: 0, longest: 0 });
    expect(intervalsAbove([1, 1, 1], 0.5)).toEqual({ total: 2, longest: 2 });
  });
});
