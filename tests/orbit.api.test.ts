/**
 * Orbit estimator behaviours through the API: the forms of OrbitSpec agree with each other,
 * sun-synchronous elements round-trip their LTAN, and conflicting fields are named.
 */
import { describe, expect, it } from 'vitest';
import { orbitEstimator } from '../models/orbit.js';
import { post, useApp } from './helpers.js';

const app = useApp();
const example = (name: string) => (orbitEstimator.examples[name] as { value: Record<string, unknown> }).value;

describe('orbit: forms of the same orbit agree', () => {
  it('a TLE and the same element set as OMM give the same figures', async () => {
    const tle = await post(app(), '/v1/orbit', example('iss_tle'));
    const omm = await post(app(), '/v1/orbit', example('iss_omm'));
    expect(omm.status).toBe(200);
    expect(omm.body.orbit_kind).toBe('omm');
    for (const field of ['period_min', 'inclination_deg', 'raan_deg', 'beta_deg', 'eclipse_fraction', 'altitude_km']) {
      expect(omm.body[field], field).toBeCloseTo(tle.body[field], 6);
    }
  });

  it('a sun-synchronous orbit returns the LTAN it was given, drifts with the sun, and is flagged', async () => {
    for (const ltan_h of [6, 10.5, 13.5, 18]) {
      const r = await post(app(), '/v1/orbit', {
        orbit: { altitude_km: 700, sun_synchronous: true, ltan_h },
        epoch: '2026-05-01T00:00:00Z',
      });
      expect(r.body.ltan_h).toBeCloseTo(ltan_h, 9);
      expect(r.body.sun_synchronous).toBe(true);
      expect(r.body.raan_rate_deg_per_day).toBeCloseTo(360 / 365.242189, 6);
    }
  });

  it('elements without an epoch use now, and say so', async () => {
    const before = Date.now();
    const r = await post(app(), '/v1/orbit', { orbit: { altitude_km: 550, inclination_deg: 53 }, propagated_check: false });
    const epoch = r.body.assumptions.find((a: { name: string }) => a.name === 'epoch');
    expect(Date.parse(epoch.value)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('orbit: conflicting or missing fields are named', () => {
  it.each([
    [{ orbit: { altitude_km: 550, sun_synchronous: true, inclination_deg: 97 } }, '/orbit/inclination_deg'],
    [{ orbit: { altitude_km: 550, ltan_h: 6, raan_deg: 10 } }, '/orbit/raan_deg'],
    [{ orbit: { altitude_km: 550, ...(example('iss_tle').orbit as object) } }, '/orbit'],
    [{ orbit: { ...(example('iss_tle').orbit as object), inclination_deg: 10 } }, '/orbit/inclination_deg'],
    [{ orbit: {} }, '/orbit'],
    [{}, '/orbit'],
    [{ orbit: { altitude_km: 550 }, beta_deg: '120 deg' }, '/beta_deg'],
    [{ orbit: { altitude_km: 550 }, epoch: '2026-13-01T00:00:00Z' }, '/epoch'],
  ])('%j → 400 at %s', async (body, pointer) => {
    const r = await post(app(), '/v1/orbit', body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});
