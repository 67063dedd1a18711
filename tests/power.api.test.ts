/**
 * POST /v1/power through app.inject(): the route answers what the model answers, and every 400 and
 * 422 it answers with its pointer. The figures themselves are tested on the model directly
 * (tests/power.model.test.ts, tests/power.properties.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { powerEstimator } from '../models/power.js';
import { expectRefusal, post, runModel, useApp } from './helpers.js';

const app = useApp();
const EPOCH = '2026-01-01T00:00:00Z';
const DAWN_DUSK = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };

describe('the route answers what the model answers', () => {
  it.each([
    { load_kw: 1000, orbit: { altitude_km: 550, inclination_deg: 53 }, epoch: EPOCH },
    { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95, cell: 'silicon', ground: { latitude_deg: 35 } },
    { load_kw: 1000, eclipse_duration_min: 35, period_min: 95, array: { w_per_m2: 300, areal_density_kg_per_m2: 2 } },
    { load_kw: 1000, orbit: DAWN_DUSK, epoch: EPOCH, sizing_window_days: 90 },
  ])('200 with the model’s figures, assumptions and warnings: %j', async (body) => {
    const res = await post(app(), '/v1/power', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(runModel(powerEstimator, body));
  });
});

describe('problems', () => {
  const base = { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95 };

  it('400: a cell efficiency outside (0, 1) names the field', async () => {
    for (const efficiency of [0, 1, 1.2, -0.1]) {
      const res = await post(app(), '/v1/power', { ...base, cell: { efficiency } });
      expectRefusal(res, 400, '/cell/efficiency');
      expect(res.body.errors[0].message).toMatch(/cell efficiency/);
    }
  });

  it('400: a depth of discharge of 0 names the field', async () => {
    const res = await post(app(), '/v1/power', { ...base, battery: { depth_of_discharge: 0 } });
    expectRefusal(res, 400, '/battery/depth_of_discharge');
  });

  it('400: a negative or zero load names the field, whatever its unit', async () => {
    for (const load_kw of [-5, 0, '-1 MW']) expectRefusal(await post(app(), '/v1/power', { ...base, load_kw }), 400, '/load_kw');
    expectRefusal(await post(app(), '/v1/power', { ...base, load_kw: '5 kg' }), 400, '/load_kw');
  });

  it('400: an unknown cell, conflicting or missing orbit inputs, conflicting array inputs', async () => {
    expectRefusal(await post(app(), '/v1/power', { ...base, cell: 'perovskite' }), 400, '/cell');
    expectRefusal(await post(app(), '/v1/power', { ...base, orbit: { altitude_km: 550 } }), 400, '/period_min');
    expectRefusal(await post(app(), '/v1/power', { load_kw: 1000 }), 400, '/orbit');
    expectRefusal(await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 0.3 }), 400, '/period_min');
    expectRefusal(await post(app(), '/v1/power', { ...base, cell: 'silicon', array: { w_per_m2: 300 } }), 400, '/cell');
    expectRefusal(
      await post(app(), '/v1/power', { ...base, array: { specific_power_w_per_kg: 100, areal_density_kg_per_m2: 2 } }),
      400,
      '/array/areal_density_kg_per_m2',
    );
    expectRefusal(
      await post(app(), '/v1/power', { ...base, ground: { latitude_deg: 40, capacity_factor: 0.2 } }),
      400,
      '/ground',
    );
    expectRefusal(await post(app(), '/v1/power', { ...base, regulation: 'mppt' }), 400, '/regulation');
    expectRefusal(await post(app(), '/v1/power', { ...base, battery: { dod: 0.3 } }), 400, '/battery');
  });

  it('422: an eclipse as long as the period leaves no daylight to recharge', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, eclipse_duration_min: 100, period_min: 95 });
    expectRefusal(res, 422, '/eclipse_duration_min');
    expect(res.body.detail).toMatch(/no daylight/);
    expect(res.body.figures).toMatchObject({ eclipse_duration_min: 100, period_min: 95 });
    expectRefusal(
      await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 1, period_min: 95 }),
      422,
      '/eclipse_fraction',
    );
  });

  it('422: an array cap the load cannot fit under, with the figures', async () => {
    const res = await post(app(), '/v1/power', { ...base, array: { max_area_m2: 1000 } });
    expectRefusal(res, 422, '/array/max_area_m2');
    expect(res.body.detail).toMatch(/cannot close within 1000 m²/);
    expect(res.body.figures.array_area_m2).toBeGreaterThan(1000);
    const mass = await post(app(), '/v1/power', { ...base, array: { max_mass_kg: 100 } });
    expectRefusal(mass, 422, '/array/max_mass_kg');
  });

  it('422: an array that degrades to nothing over the mission', async () => {
    const res = await post(app(), '/v1/power', {
      ...base,
      mission_years: 100,
      cell: { efficiency: 0.3, degradation_per_year: 0.9999999 },
    });
    expectRefusal(res, 422, '/mission_years');
    expect(res.body.detail).toMatch(/degrades to nothing/);
  });

  it('422: the orbit model’s refusals pass through with their pointer', async () => {
    expectRefusal(await post(app(), '/v1/power', { load_kw: 1000, orbit: { altitude_km: 90 } }), 422, '/orbit/altitude_km');
  });
});
