/**
 * POST /v1/thermal through app.inject(): the route answers what the model answers, and every problem
 * it answers (400 naming the field, 422 with the sink). The figures themselves are tested on the
 * model directly (tests/thermal.model.test.ts, tests/thermal.properties.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { thermalEstimator } from '../models/thermal.js';
import { expectProblem, post, runModel, useApp } from './helpers.js';

const app = useApp();

describe('thermal: the route answers what the model answers', () => {
  it.each([
    { heat_kw: 1000, radiator_temp_k: 300, orientation: 'edge_on', altitude_km: 550 },
    { heat_kw: 1000, area_m2: 2000, environment: 'none', emissivity: 0.9, sides: 2 },
    {
      heat_kw: 1000,
      chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 },
      heat_pump: { carnot_fraction: 0.4 },
      radiator_temp_k: 380,
    },
    { radiator_temp_k: 320, finish: 'osr-silvered-quartz' },
  ])('200 with the model’s figures, assumptions and warnings: %j', async (body) => {
    const res = await post(app(), '/v1/thermal', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(runModel(thermalEstimator, body));
  });
});

describe('thermal: problems', () => {
  it('422: a radiator not hotter than its sink, with the sink temperature and the field', async () => {
    const res = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: 240, orientation: 'nadir', altitude_km: 550 });
    expectProblem(res, 422);
    expect(res.body.errors[0].pointer).toBe('/radiator_temp_k');
    expect(res.body.figures.sink_temp_k).toBeGreaterThan(240);
    expect(res.body.detail).toMatch(/sink temperature/);
  });

  it('422: the coolant outlet falls to the sink', async () => {
    const res = await post(app(), '/v1/thermal', {
      heat_kw: 1000,
      radiator_temp_k: 280,
      coolant_delta_t_k: 40,
      orientation: 'nadir',
    });
    expectProblem(res, 422);
    expect(res.body.errors[0].pointer).toBe('/coolant_delta_t_k');
    expect(res.body.figures).toMatchObject({ radiator_temp_k: 280, radiator_outlet_temp_k: 240 });
  });

  it('422: a heat pump that would not lift, and an orbit inside the atmosphere', async () => {
    const pump = await post(app(), '/v1/thermal', { heat_kw: 100, radiator_temp_k: 300, heat_pump: { source_temp_k: 320 } });
    expectProblem(pump, 422);
    expect(pump.body.figures).toMatchObject({ radiator_temp_k: 300, source_temp_k: 320 });
    const orbit = await post(app(), '/v1/thermal', { radiator_temp_k: 300, orbit: { altitude_km: 90 } });
    expectProblem(orbit, 422);
    expect(orbit.body.errors[0].pointer).toBe('/orbit/altitude_km');
    // The same altitude given as altitude_km is refused the same way, not sized as an orbit.
    const altitude = await post(app(), '/v1/thermal', { radiator_temp_k: 300, altitude_km: 90 });
    expectProblem(altitude, 422);
    expect(altitude.body.errors[0].pointer).toBe('/altitude_km');
    expect(altitude.body.figures).toMatchObject({ altitude_km: 90, min_altitude_km: 120 });
  });

  it.each([
    [{ radiator_temp_k: '5 kg' }, '/radiator_temp_k', /temperature/],
    [{ radiator_temp_k: 300, sides: 3 }, '/sides', /1 .* or 2/],
    [{ radiator_temp_k: 300, emissivity: 1.2 }, '/emissivity', /1/],
    [{ radiator_temp_k: 300, finish: 'gold-leaf' }, '/finish', /white-paint-az93/],
    [{ radiator_temp_k: 300, radiator_temp_c: 20 }, '', /"radiator_temp_c"/],
    [{ heat_kw: 1, load_kw: 1, radiator_temp_k: 300 }, '/load_kw', /not both/],
    [{ radiator_temp_k: 300, altitude_km: 550, orbit: { altitude_km: 550 } }, '/orbit', /not both/],
    [{ radiator_temp_k: 300, earth_ir_w_per_m2: 237, earth_temp_k: 254 }, '/earth_temp_k', /not both/],
    [{ radiator_temp_k: 300, orientation: 'tilted', solar_incidence_fraction: 0 }, '/tilt_deg', /tilt_deg/],
    [{ radiator_temp_k: 300, orientation: 'nadir', tilt_deg: 10 }, '/tilt_deg', /tilted/],
    [{ heat_kw: 1, radiator_temp_k: 300, area_m2: 10 }, '/area_m2', /two of/],
    [{ heat_kw: 1 }, '/radiator_temp_k', /radiator_temp_k/],
    [{ radiator_temp_k: 300, chip: { die_limit_k: 360, die_to_coolant_k: 20 } }, '/radiator_temp_k', /chip/],
    [{ radiator_temp_k: 300, heat_pump: {} }, '/heat_pump/source_temp_k', /source_temp_k/],
    [{ radiator_temp_k: 300, sides: 1, earth_view_factor: 1.5 }, '/earth_view_factor', /at most 1/],
    [
      { radiator_temp_k: 300, coolant_delta_t_k: '20 degC' },
      '/coolant_delta_t_k',
      /temperature difference.*in K.*20 degC is 20 K/,
    ],
    [
      { heat_kw: 1000, chip: { die_limit_k: '85 degC', die_to_coolant_k: '25 degC' } },
      '/chip/die_to_coolant_k',
      /temperature difference/,
    ],
    [{ radiator_temp_k: 300, sigma_w_per_m2_k4: 1 }, '/sigma_w_per_m2_k4', /./],
  ])('400: %j names %s', async (body, pointer, message) => {
    const res = await post(app(), '/v1/thermal', body);
    expectProblem(res, 400);
    const hit = res.body.errors.find((e: { pointer: string }) => e.pointer === pointer);
    expect(hit, JSON.stringify(res.body.errors)).toBeDefined();
    expect(hit.message).toMatch(message);
  });
});

describe('thermal: emissivity below any real surface', () => {
  const app = useApp();
  it('400 names the field and the bound', async () => {
    const r = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: 300, emissivity: 1e-300, altitude_km: 550 });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ pointer: '/emissivity', message: expect.stringMatching(/≥ 0.01/) });
  });
});
