/**
 * The orbit model run directly (tests/helpers.ts runModel): the forms of OrbitSpec agree with each
 * other, sun-synchronous elements round-trip their LTAN, and elements without an epoch say which
 * one they used. Statuses and pointers are tested through the API in orbit.api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { orbitEstimator } from '../models/orbit.js';
import { runModel } from './helpers.js';

const example = (name: string) => (orbitEstimator.examples[name] as { value: Record<string, unknown> }).value;

describe('orbit: forms of the same orbit agree', () => {
  it('a TLE and the same element set as OMM give the same figures', () => {
    const tle = runModel(orbitEstimator, example('iss_tle'));
    const omm = runModel(orbitEstimator, example('iss_omm'));
    expect(omm.orbit_kind).toBe('omm');
    for (const field of ['period_min', 'inclination_deg', 'raan_deg', 'beta_deg', 'eclipse_fraction', 'altitude_km']) {
      expect(omm[field], field).toBeCloseTo(tle[field], 6);
    }
  });

  it('a sun-synchronous orbit returns the LTAN it was given, drifts with the sun, and is flagged', () => {
    for (const ltan_h of [6, 10.5, 13.5, 18]) {
      const r = runModel(orbitEstimator, {
        orbit: { altitude_km: 700, sun_synchronous: true, ltan_h },
        epoch: '2026-05-01T00:00:00Z',
      });
      expect(r.ltan_h).toBeCloseTo(ltan_h, 9);
      expect(r.sun_synchronous).toBe(true);
      expect(r.raan_rate_deg_per_day).toBeCloseTo(360 / 365.242189, 6);
    }
  });

  it('elements without an epoch use now, and say so', () => {
    const before = Date.now();
    const r = runModel(orbitEstimator, { orbit: { altitude_km: 550, inclination_deg: 53 }, propagated_check: false });
    const epoch = r.assumptions.find((a: { name: string }) => a.name === 'epoch');
    expect(Date.parse(epoch.value)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('orbit: the step of the 365-day picture', () => {
  const dawnDusk = {
    orbit: { altitude_km: '650 km', sun_synchronous: true, ltan_h: 18 },
    epoch: '2026-01-01T00:00:00Z',
    annual: true,
    propagated_check: false,
  };
  const names = (r: { assumptions: { name: string }[] }) => r.assumptions.map((a) => a.name);

  it('defaults to the sourced step and says so; a given step is used and not reported as assumed', () => {
    const byDefault = runModel(orbitEstimator, dawnDusk);
    expect(byDefault.annual.step_h).toBe(6);
    expect(names(byDefault)).toContain('annual_step_h');
    for (const annual_step_h of [3, 12]) {
      const given = runModel(orbitEstimator, { ...dawnDusk, annual_step_h });
      expect(given.annual.step_h).toBe(annual_step_h);
      expect(names(given)).not.toContain('annual_step_h');
    }
  });

  it('a finer or coarser step changes the year’s figures little: the same eclipse days, the sunlit share within 1e-5', () => {
    const at = (annual_step_h: number) => runModel(orbitEstimator, { ...dawnDusk, annual_step_h }).annual;
    const six = at(6);
    for (const other of [at(3), at(12)]) {
      expect(other.eclipse_days).toBe(six.eclipse_days);
      expect(Math.abs(other.sunlit_fraction - six.sunlit_fraction)).toBeLessThan(1e-5);
      expect(Math.abs(other.max_eclipse_min - six.max_eclipse_min)).toBeLessThan(0.01);
    }
  });
});
