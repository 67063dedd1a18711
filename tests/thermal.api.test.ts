/**
 * POST /v1/thermal through app.inject(): the modes, the options (finish, load, chip, heat pump,
 * coolant drop), provenance, and every problem it answers (400 naming the field, 422 with the sink).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, FINISHES, SOURCES } from '../fixtures/index.js';
import { edgeOnViewFactor, nadirViewFactor } from '../models/thermal.js';
import { expectProblem, post, useApp } from './helpers.js';

const app = useApp();
const SIGMA = 5.670374419e-8;
const names = (body: { assumptions: { name: string }[] }) => body.assumptions.map((a) => a.name);

describe('thermal: answers', () => {
  it('edge-on and nadir panels at 550 km: geometry, loads and the balance add up', async () => {
    for (const [orientation, F] of [
      ['edge_on', 2 * edgeOnViewFactor(550)],
      ['nadir', nadirViewFactor(550)],
    ] as const) {
      const res = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: 300, orientation, altitude_km: 550 });
      expect(res.status).toBe(200);
      const b = res.body;
      expect(b.earth_view_factor).toBeCloseTo(F, 12);
      const S = DEFAULTS['sun.solar_constant_w_per_m2'].value;
      const a = DEFAULTS['thermal.albedo'].value;
      const ir = DEFAULTS['thermal.earth_ir_w_per_m2'].value;
      const alpha = DEFAULTS['thermal.absorptivity'].value;
      const eps = DEFAULTS['thermal.emissivity'].value;
      expect(b.absorbed_albedo_w_per_m2).toBeCloseTo(alpha * S * a * F, 9);
      expect(b.absorbed_earth_ir_w_per_m2).toBeCloseTo(eps * ir * F, 9);
      expect(b.absorbed_solar_w_per_m2).toBeCloseTo(alpha * S * b.solar_incidence_fraction, 9);
      expect(b.emitted_w_per_m2).toBeCloseTo(2 * eps * SIGMA * 300 ** 4, 9);
      expect(b.net_w_per_m2).toBeCloseTo(b.emitted_w_per_m2 - b.absorbed_w_per_m2, 9);
      expect(b.area_m2).toBeCloseTo(1e6 / b.net_w_per_m2, 6);
      expect(b.mass_kg).toBeCloseTo(b.area_m2 * DEFAULTS['thermal.areal_density_kg_per_m2'].value, 6);
      expect(b.per_mw.area_m2).toBeCloseTo(b.area_m2, 6);
      expect(b.per_mw.ideal_area_m2).toBeLessThan(b.per_mw.area_m2);
      expect(2 * eps * SIGMA * b.sink_temp_k ** 4).toBeCloseTo(b.absorbed_w_per_m2, 9);
      for (const x of b.assumptions) expect(SOURCES).toHaveProperty(x.source);
    }
  });

  it('a finish supplies α and ε with its own source; explicit values override it', async () => {
    const f = FINISHES['osr-silvered-quartz']!;
    const res = await post(app(), '/v1/thermal', { radiator_temp_k: 320, finish: 'osr-silvered-quartz' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ emissivity: f.emissivity, absorptivity: f.absorptivity, mode: 'flux', area_m2: null });
    expect(res.body.assumptions).toEqual(
      expect.arrayContaining([{ name: 'emissivity', value: f.emissivity, unit: '1', source: f.source }]),
    );
    const over = await post(app(), '/v1/thermal', { radiator_temp_k: 320, finish: 'osr-silvered-quartz', emissivity: 0.85 });
    expect(over.body.emissivity).toBe(0.85);
    expect(over.body.absorptivity).toBe(f.absorptivity);
  });

  it('load_kw: the heat includes the conversion losses', async () => {
    const res = await post(app(), '/v1/thermal', { load_kw: 800, radiator_temp_k: 300, conversion_efficiency: 0.8 });
    expect(res.body.heat_kw).toBeCloseTo(800 / 0.8, 9);
    expect(res.body.terrestrial.it_load_kw).toBe(800);
    expect(res.body.terrestrial.overhead_kw).toBeCloseTo(800 * (DEFAULTS['terrestrial.pue'].value - 1), 9);
  });

  it('terrestrial comparison: (PUE − 1) of the IT load, all year', async () => {
    const res = await post(app(), '/v1/thermal', { heat_kw: 2000, radiator_temp_k: 300, pue: 1.2 });
    expect(res.body.terrestrial).toMatchObject({ pue: 1.2, it_load_kw: 2000 });
    expect(res.body.terrestrial.overhead_kw).toBeCloseTo(400, 9);
    expect(res.body.terrestrial.overhead_mwh_per_year).toBeCloseTo(400 * 8.76, 9);
    expect(res.body.terrestrial.per_mw.overhead_mwh_per_year).toBeCloseTo(200 * 8.76, 9);
    expect(names(res.body)).not.toContain('pue');
  });

  it('equilibrium temperature of a given area, and the heat a given area rejects', async () => {
    const eq = await post(app(), '/v1/thermal', { heat_kw: 1000, area_m2: 2000, environment: 'none', emissivity: 0.9, sides: 2 });
    expect(eq.body.mode).toBe('temperature');
    expect(eq.body.radiator_temp_k).toBeCloseTo((1e6 / 2000 / (2 * 0.9 * SIGMA)) ** 0.25, 9);
    const cap = await post(app(), '/v1/thermal', {
      area_m2: 2000,
      radiator_temp_k: eq.body.radiator_temp_k,
      environment: 'none',
      emissivity: 0.9,
      sides: 2,
    });
    expect(cap.body.mode).toBe('capacity');
    expect(cap.body.heat_kw).toBeCloseTo(1000, 6);
  });

  it('the chip chain sets the radiator temperature; a heat pump adds its work to the heat', async () => {
    const chip = await post(app(), '/v1/thermal', { heat_kw: 1000, chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 } });
    expect(chip.status).toBe(200);
    expect(chip.body.radiator_temp_k).toBeCloseTo(358.15 - 25, 9);
    expect(chip.body.chip.coolant_temp_k).toBeCloseTo(333.15, 9);

    const pumped = await post(app(), '/v1/thermal', {
      heat_kw: 1000,
      chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 },
      heat_pump: { carnot_fraction: 0.4 },
      radiator_temp_k: 380,
    });
    expect(pumped.status).toBe(200);
    const hp = pumped.body.heat_pump;
    expect(hp.cop).toBeCloseTo((0.4 * 333.15) / (380 - 333.15), 9);
    expect(hp.work_kw).toBeCloseTo(1000 / hp.cop, 9);
    expect(pumped.body.rejected_kw).toBeCloseTo(1000 + hp.work_kw, 9);
    expect(pumped.body.area_m2).toBeCloseTo((pumped.body.rejected_kw * 1000) / pumped.body.net_w_per_m2, 6);
    // Without the pump, the same chips radiate at the coolant temperature: the direct case above.
    expect(hp.area_m2_per_mw_without_pump).toBeCloseTo(chip.body.area_m2, 6);
    expect(hp.area_ratio).toBeCloseTo(pumped.body.area_m2 / chip.body.area_m2, 9);
  });

  it('a coolant drop: inlet, outlet and the effective temperature between them', async () => {
    const res = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: 330, coolant_delta_t_k: 30 });
    expect(res.body).toMatchObject({ radiator_temp_k: 330, radiator_outlet_temp_k: 300 });
    expect(res.body.effective_radiator_temp_k).toBeGreaterThan(300);
    expect(res.body.effective_radiator_temp_k).toBeLessThan(330);
  });

  it('environment "none" is the ideal radiator and says what it ignored', async () => {
    const res = await post(app(), '/v1/thermal', {
      heat_kw: 1000,
      radiator_temp_k: 300,
      environment: 'none',
      orientation: 'nadir',
      albedo: 0.4,
    });
    expect(res.body).toMatchObject({
      sink_temp_k: 0,
      absorbed_w_per_m2: 0,
      earth_view_factor: 0,
      orientation: null,
      absorptivity: null,
    });
    expect(res.body.warnings.join(' ')).toMatch(/ignored orientation, albedo/);
    expect(names(res.body)).not.toContain('albedo');
  });

  it('an orbit gives the altitude (its mean altitude), without the orbit’s own defaults', async () => {
    const res = await post(app(), '/v1/thermal', { radiator_temp_k: 300, orientation: 'nadir', orbit: { altitude_km: 550 } });
    expect(res.status).toBe(200);
    expect(res.body.altitude_km).toBe(550);
    expect(res.body.earth_view_factor).toBeCloseTo(nadirViewFactor(550), 12);
    expect(names(res.body)).not.toContain('orbit.inclination_deg');
    expect(names(res.body)).not.toContain('epoch');
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

describe('thermal: the defaults that flatter orbit, made visible', () => {
  const base = { heat_kw: '1 MW', radiator_temp_k: 318.15, orientation: 'edge_on', altitude_km: 550 };
  const kg = (x: number) => `${Math.round(x).toLocaleString('en-US')} kg`;
  const m2 = (x: number) => `${Math.round(x).toLocaleString('en-US')} m²`;

  it('the default 5 kg/m²: what this radiator would weigh at the ISS radiators’ as-flown density', async () => {
    const res = await post(app(), '/v1/thermal', base);
    expect(res.status).toBe(200);
    const iss = DEFAULTS['thermal.iss_as_flown_areal_density_kg_per_m2'];
    expect(iss.value).toBeGreaterThan(14);
    expect(iss.value).toBeLessThan(17.5);
    expect(SOURCES).toHaveProperty(iss.source);
    const warning = res.body.warnings.find((w: string) => /ISS/.test(w));
    expect(warning, res.body.warnings.join('\n')).toBeDefined();
    expect(warning).toContain(`${iss.value} kg/m²`);
    expect(warning).toContain(kg(res.body.area_m2 * iss.value));
    expect(warning).toContain(kg(res.body.mass_kg));
    // Given by the caller, it is the caller's figure: no such warning.
    const given = await post(app(), '/v1/thermal', { ...base, areal_density_kg_per_m2: 12 });
    expect(given.body.warnings.join(' ')).not.toMatch(/ISS/);
  });

  it('the default isothermal panel: what it assumes, and the area with a representative coolant drop', async () => {
    const res = await post(app(), '/v1/thermal', base);
    const dT = DEFAULTS['thermal.representative_coolant_delta_t_k'].value;
    expect(dT).toBeGreaterThanOrEqual(10);
    expect(dT).toBeLessThanOrEqual(20);
    const withDrop = await post(app(), '/v1/thermal', { ...base, coolant_delta_t_k: dT });
    expect(withDrop.body.area_m2).toBeGreaterThan(res.body.area_m2);
    const warning = res.body.warnings.find((w: string) => /isothermal/.test(w));
    expect(warning, res.body.warnings.join('\n')).toBeDefined();
    expect(warning).toContain(`${dT} K`);
    expect(warning).toContain(m2(withDrop.body.area_m2));
    expect(warning).toContain(kg(withDrop.body.mass_kg));
    // A coolant drop of the caller's own (even 0): no such warning.
    for (const coolant_delta_t_k of [0, 10]) {
      const given = await post(app(), '/v1/thermal', { ...base, coolant_delta_t_k });
      expect(given.body.warnings.join(' ')).not.toMatch(/isothermal/);
    }
  });

  it('per MW when there is no heat, and the inlet temperature when the area is given', async () => {
    const flux = await post(app(), '/v1/thermal', { radiator_temp_k: 318.15, altitude_km: 550 });
    const dT = DEFAULTS['thermal.representative_coolant_delta_t_k'].value;
    const fluxDrop = await post(app(), '/v1/thermal', { radiator_temp_k: 318.15, altitude_km: 550, coolant_delta_t_k: dT });
    expect(flux.body.warnings.find((w: string) => /isothermal/.test(w))).toContain(`${m2(fluxDrop.body.per_mw.area_m2)} per MW`);
    expect(flux.body.warnings.find((w: string) => /ISS/.test(w))).toMatch(/per MW/);
    const eq = await post(app(), '/v1/thermal', { heat_kw: 1000, area_m2: 2000, altitude_km: 550 });
    const eqDrop = await post(app(), '/v1/thermal', { heat_kw: 1000, area_m2: 2000, altitude_km: 550, coolant_delta_t_k: dT });
    expect(eq.body.warnings.find((w: string) => /isothermal/.test(w))).toContain(`${eqDrop.body.radiator_temp_k.toFixed(1)} K`);
  });
});
