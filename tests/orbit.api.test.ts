/**
 * The orbit estimator through the API: conflicting or missing fields answer 400 and are named. The
 * figures are tested on the model itself in orbit.model.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { orbitEstimator } from '../models/orbit.js';
import { post, useApp } from './helpers.js';

const app = useApp();
const example = (name: string) => (orbitEstimator.examples[name] as { value: Record<string, unknown> }).value;

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
