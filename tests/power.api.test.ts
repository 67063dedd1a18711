/**
 * POST /v1/power through app.inject(): what it says about its sizing, its assumptions and their
 * sources, the dawn-dusk eclipse season, element sets, and every 400 and 422 it answers.
 */
import { describe, expect, it } from 'vitest';
import { CELLS, SOURCES } from '../fixtures/index.js';
import { orbitEstimator } from '../models/orbit.js';
import { powerEstimator } from '../models/power.js';
import { post, useApp } from './helpers.js';

const app = useApp();
const EPOCH = '2026-01-01T00:00:00Z';
const DAWN_DUSK = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };

function expectProblem(res: { status: number; body: any }, status: number, pointer?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.status).toBe(status);
  if (pointer !== undefined) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
}

describe('success', () => {
  it('has the examples the issue names', () => {
    expect(Object.keys(powerEstimator.examples)).toEqual(expect.arrayContaining(['iss_like', 'starlink_shell', 'dawn_dusk_650']));
  });

  it('declares every default it used, each with a source that resolves, and says which eclipse sized it', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, orbit: { altitude_km: 550, inclination_deg: 53 }, epoch: EPOCH });
    expect(res.status).toBe(200);
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'cell.technology',
        'cell.efficiency',
        'cell.inherent_degradation',
        'regulation',
        'mission_years',
        'battery.depth_of_discharge',
        'array.specific_power_w_per_kg',
        'ground.capacity_factor_ac',
      ]),
    );
    for (const a of res.body.assumptions) expect(SOURCES, a.name).toHaveProperty(a.source);
    expect(res.body.sizing_eclipse).toMatchObject({ basis: 'worst case over the year', beta_deg: 0, window_days: 365 });
    expect(res.body.energy_basis).toBe('annual mean over 365 days from the epoch');
    // The annual mean sunlit fraction is more than the worst revolution's.
    expect(res.body.energy_sunlit_fraction).toBeGreaterThan(1 - res.body.sizing_eclipse.eclipse_fraction);
    expect(res.body.ground_comparison.method).toBe('capacity_factor');
  });

  it('a caller-given figure is not reported as an assumption', async () => {
    const res = await post(app(), '/v1/power', {
      load_kw: 1000,
      eclipse_fraction: 0.35,
      period_min: 95,
      mission_years: 10,
      cell: { efficiency: 0.3, degradation_per_year: 0.01 },
      regulation: 'det',
    });
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names).not.toContain('cell.efficiency');
    expect(names).not.toContain('cell.technology');
    expect(names).not.toContain('mission_years');
    expect(names).not.toContain('regulation');
    expect(res.body.path_efficiency).toEqual({ regulation: 'det', daylight: 0.85, eclipse: 0.65 });
    expect(res.body.sizing_eclipse.basis).toBe('given');
  });

  it('every catalogue cell sizes an array, each citing its own sources', async () => {
    for (const [id, cell] of Object.entries(CELLS)) {
      const res = await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95, cell: id });
      expect(res.status).toBe(200);
      expect(res.body.cell).toMatchObject({ technology: id, efficiency: cell.efficiency });
      const eff = res.body.assumptions.find((a: { name: string }) => a.name === 'cell.efficiency');
      expect(eff.source).toBe(cell.sources.efficiency);
    }
  });

  it('a dawn-dusk orbit sized outside its eclipse season sizes no battery and warns about the season', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, orbit: DAWN_DUSK, epoch: EPOCH, sizing_window_days: 90 });
    expect(res.status).toBe(200);
    expect(res.body.eclipse_duration_min).toBe(0);
    expect(res.body.battery_energy_kwh).toBe(0);
    expect(res.body.battery_mass_kg).toBe(0);
    expect(res.body.sizing_eclipse.reason).toMatch(/no eclipse and no battery/);
    expect(res.body.warnings.join(' ')).toMatch(/eclipsed on \d+ days .*unpowered/);
    // No battery default is claimed for a battery that was not sized.
    expect(res.body.assumptions.map((a: { name: string }) => a.name)).not.toContain('battery.depth_of_discharge');
    // Sized over the year, the same orbit gets its eclipse-season battery.
    const year = await post(app(), '/v1/power', { load_kw: 1000, orbit: DAWN_DUSK, epoch: EPOCH });
    expect(year.body.battery_energy_kwh).toBeGreaterThan(0);
    // No season warning (the only one left is about the default array specific power).
    expect(year.body.warnings.filter((w: string) => !/W\/kg \(ISS\)/.test(w))).toEqual([]);
    expect(year.body.orbit.annual.eclipse_days).toBeGreaterThan(60);
  });

  it('sizing at the epoch alone (window 0) uses the epoch’s beta', async () => {
    const res = await post(app(), '/v1/power', {
      load_kw: 1000,
      orbit: { altitude_km: 550, inclination_deg: 53 },
      epoch: EPOCH,
      sizing_window_days: 0,
    });
    expect(res.status).toBe(200);
    expect(res.body.sizing_eclipse.basis).toBe('at the epoch');
    const orbit = await post(app(), '/v1/orbit', {
      orbit: { altitude_km: 550, inclination_deg: 53 },
      epoch: EPOCH,
      propagated_check: false,
    });
    expect(res.body.sizing_eclipse.beta_deg).toBeCloseTo(orbit.body.beta_deg, 9);
    expect(res.body.eclipse_duration_min).toBeCloseTo(orbit.body.eclipse_duration_min, 9);
  });

  it('an element set (TLE) goes through the orbit model', async () => {
    const tle = (orbitEstimator.examples.iss_tle as { value: { orbit: unknown } }).value.orbit;
    const res = await post(app(), '/v1/power', { load_kw: 1000, orbit: tle });
    expect(res.status).toBe(200);
    expect(res.body.orbit.orbit_kind).toBe('tle');
    expect(res.body.eclipse_duration_min).toBeGreaterThan(30);
  });

  it('array.w_per_m2 replaces the cell model and reports the implied efficiency', async () => {
    const res = await post(app(), '/v1/power', {
      load_kw: 1000,
      eclipse_fraction: 0,
      period_min: 95,
      array: { w_per_m2: '0.25 kW/m^2' },
    });
    expect(res.status).toBe(200);
    expect(res.body.eol_w_per_m2).toBeCloseTo(250, 9);
    expect(res.body.implied_efficiency).toBeCloseTo(250 / 1361, 12);
    expect(res.body.ideal_w_per_m2).toBeNull();
    expect(res.body.warnings.join(' ')).toMatch(/replaces the cell model/);
  });

  it('the default specific power is flagged for an array far beyond the wings it was quoted for', async () => {
    const body = { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95 };
    const byDefault = await post(app(), '/v1/power', body);
    expect(byDefault.status).toBe(200);
    const used = byDefault.body.assumptions.find((a: { name: string }) => a.name === 'array.specific_power_w_per_kg');
    expect(SOURCES).toHaveProperty(used.source);
    expect(byDefault.body.warnings.join(' ')).toMatch(/W\/kg \(ISS\)/);
    // A figure of the caller's own, or a small array within the quoted wing sizes, carries no such warning.
    const given = await post(app(), '/v1/power', { ...body, array: { specific_power_w_per_kg: 40 } });
    expect(given.body.warnings.join(' ')).not.toMatch(/W\/kg \(ISS\)/);
    const small = await post(app(), '/v1/power', { ...body, load_kw: 1 });
    expect(small.body.warnings.join(' ')).not.toMatch(/W\/kg \(ISS\)/);
  });

  it('the latitude comparison: an equatorial panel gets more than a polar one, and both less than orbit', async () => {
    const at = async (latitude_deg: number) =>
      (await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 0, period_min: 95, ground: { latitude_deg } })).body;
    const equator = await at(0);
    const north = await at(60);
    expect(equator.ground_comparison.ground_kwh_per_m2_year).toBeGreaterThan(north.ground_comparison.ground_kwh_per_m2_year);
    expect(equator.orbit_to_ground_energy_ratio).toBeGreaterThan(1);
    expect(equator.assumptions.map((a: { name: string }) => a.name)).toContain('ground.clearness_index');
  });
});

describe('problems', () => {
  const base = { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95 };

  it('400: a cell efficiency outside (0, 1) names the field', async () => {
    for (const efficiency of [0, 1, 1.2, -0.1]) {
      const res = await post(app(), '/v1/power', { ...base, cell: { efficiency } });
      expectProblem(res, 400, '/cell/efficiency');
      expect(res.body.errors[0].message).toMatch(/cell efficiency/);
    }
  });

  it('400: a depth of discharge of 0 names the field', async () => {
    const res = await post(app(), '/v1/power', { ...base, battery: { depth_of_discharge: 0 } });
    expectProblem(res, 400, '/battery/depth_of_discharge');
  });

  it('400: a negative or zero load names the field, whatever its unit', async () => {
    for (const load_kw of [-5, 0, '-1 MW']) expectProblem(await post(app(), '/v1/power', { ...base, load_kw }), 400, '/load_kw');
    expectProblem(await post(app(), '/v1/power', { ...base, load_kw: '5 kg' }), 400, '/load_kw');
  });

  it('400: an unknown cell, conflicting or missing orbit inputs, conflicting array inputs', async () => {
    expectProblem(await post(app(), '/v1/power', { ...base, cell: 'perovskite' }), 400, '/cell');
    expectProblem(await post(app(), '/v1/power', { ...base, orbit: { altitude_km: 550 } }), 400, '/period_min');
    expectProblem(await post(app(), '/v1/power', { load_kw: 1000 }), 400, '/orbit');
    expectProblem(await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 0.3 }), 400, '/period_min');
    expectProblem(await post(app(), '/v1/power', { ...base, cell: 'silicon', array: { w_per_m2: 300 } }), 400, '/cell');
    expectProblem(
      await post(app(), '/v1/power', { ...base, array: { specific_power_w_per_kg: 100, areal_density_kg_per_m2: 2 } }),
      400,
      '/array/areal_density_kg_per_m2',
    );
    expectProblem(
      await post(app(), '/v1/power', { ...base, ground: { latitude_deg: 40, capacity_factor: 0.2 } }),
      400,
      '/ground',
    );
    expectProblem(await post(app(), '/v1/power', { ...base, regulation: 'mppt' }), 400, '/regulation');
    expectProblem(await post(app(), '/v1/power', { ...base, battery: { dod: 0.3 } }), 400, '/battery');
  });

  it('422: an eclipse as long as the period leaves no daylight to recharge', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, eclipse_duration_min: 100, period_min: 95 });
    expectProblem(res, 422, '/eclipse_duration_min');
    expect(res.body.detail).toMatch(/no daylight/);
    expect(res.body.figures).toMatchObject({ eclipse_duration_min: 100, period_min: 95 });
    expectProblem(
      await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 1, period_min: 95 }),
      422,
      '/eclipse_fraction',
    );
  });

  it('422: an array cap the load cannot fit under, with the figures', async () => {
    const res = await post(app(), '/v1/power', { ...base, array: { max_area_m2: 1000 } });
    expectProblem(res, 422, '/array/max_area_m2');
    expect(res.body.detail).toMatch(/cannot close within 1000 m²/);
    expect(res.body.figures.array_area_m2).toBeGreaterThan(1000);
    const mass = await post(app(), '/v1/power', { ...base, array: { max_mass_kg: 100 } });
    expectProblem(mass, 422, '/array/max_mass_kg');
  });

  it('422: an array that degrades to nothing over the mission', async () => {
    const res = await post(app(), '/v1/power', {
      ...base,
      mission_years: 100,
      cell: { efficiency: 0.3, degradation_per_year: 0.9999999 },
    });
    expectProblem(res, 422, '/mission_years');
    expect(res.body.detail).toMatch(/degrades to nothing/);
  });

  it('422: the orbit model’s refusals pass through with their pointer', async () => {
    expectProblem(await post(app(), '/v1/power', { load_kw: 1000, orbit: { altitude_km: 90 } }), 422, '/orbit/altitude_km');
  });
});

describe('a year is one length: 365 days, as in thermal and economics', () => {
  const HOURS = 365 * 24;

  it('per-year energy, the ground plant and the eclipse count all use 8,760 h', async () => {
    const res = await post(app(), '/v1/power', {
      load_kw: 1000,
      eclipse_fraction: 0.35,
      period_min: 95,
      ground: { capacity_factor: 0.2 },
    });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.array_output_kwh_per_m2_year).toBeCloseTo((b.bol_w_per_m2 * b.energy_sunlit_fraction * HOURS) / 1000, 9);
    expect(b.ground_comparison.ground_kwh_per_m2_year).toBeCloseTo((0.2 * HOURS * 1000) / 1000, 9);
    expect(b.eclipses_per_year).toBeCloseTo((HOURS * 60) / 95, 9);
    expect(b.battery_cycles_over_mission).toBeCloseTo(b.eclipses_per_year * 5, 9);
  });
});

describe('orbit-to-ground energy ratio, like for like', () => {
  const dawnDusk = { load_kw: '1 MW', orbit: DAWN_DUSK, epoch: EPOCH, mission_years: 5 };

  it('650 km dawn-dusk: about 5.5 net of the same losses as the ground plant, 7.17 in gross sunlight', async () => {
    const res = await post(app(), '/v1/power', dawnDusk);
    expect(res.status).toBe(200);
    const b = res.body;
    const Id = b.cell.inherent_degradation;
    expect(Id).toBe(0.77);
    // The headline is the like-for-like figure; the gross sunlight ratio is reported under its own name.
    expect(b.orbit_to_ground_sunlight_ratio).toBeCloseTo(7.17, 2);
    expect(b.orbit_to_ground_energy_ratio).toBeGreaterThan(5.45);
    expect(b.orbit_to_ground_energy_ratio).toBeLessThan(5.6);
    expect(b.orbit_to_ground_energy_ratio).toBeLessThan(b.orbit_to_ground_sunlight_ratio);
    expect(b.orbit_to_ground_energy_ratio / b.orbit_to_ground_sunlight_ratio).toBeCloseTo(Id, 12);
    const g = b.ground_comparison;
    expect(g.orbit_like_for_like_kwh_per_m2_year / g.orbit_sunlight_kwh_per_m2_year).toBeCloseTo(Id, 12);
    expect(g.orbit_like_for_like_kwh_per_m2_year / g.ground_kwh_per_m2_year).toBeCloseTo(b.orbit_to_ground_energy_ratio, 12);
    expect(g.like_for_like_basis).toMatch(/inherent degradation/);
  });

  it('a cell of the caller’s own: its I_d forms the like-for-like side', async () => {
    const res = await post(app(), '/v1/power', {
      ...dawnDusk,
      cell: { efficiency: 0.3, degradation_per_year: 0.01, inherent_degradation: 0.85 },
    });
    expect(res.body.orbit_to_ground_energy_ratio / res.body.orbit_to_ground_sunlight_ratio).toBeCloseTo(0.85, 12);
  });

  it('array.w_per_m2 (already net) does not name its losses: the like-for-like side takes SMAD’s I_d and says so', async () => {
    const res = await post(app(), '/v1/power', { ...dawnDusk, array: { w_per_m2: 300 } });
    expect(res.status).toBe(200);
    expect(res.body.orbit_to_ground_energy_ratio / res.body.orbit_to_ground_sunlight_ratio).toBeCloseTo(0.77, 12);
    expect(res.body.ground_comparison.like_for_like_basis).toMatch(/w_per_m2/);
    expect(res.body.assumptions).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'cell.inherent_degradation', value: 0.77, source: 'smad-3rd' })]),
    );
  });

  it('against the latitude model (sunlight on the ground, before any panel loss) sunlight is compared with sunlight', async () => {
    const res = await post(app(), '/v1/power', { ...dawnDusk, ground: { latitude_deg: 35 } });
    expect(res.body.orbit_to_ground_energy_ratio).toBe(res.body.orbit_to_ground_sunlight_ratio);
    expect(res.body.ground_comparison.like_for_like_basis).toMatch(/sunlight/);
  });
});

describe('battery depth of discharge from the charge–discharge cycles', () => {
  const LEO = { altitude_km: 550, inclination_deg: 53 };
  const GEO = { altitude_km: 35786, inclination_deg: 0 };
  const dodOf = (body: { assumptions: { name: string; value: unknown; source: string }[] }) =>
    body.assumptions.find((a) => a.name === 'battery.depth_of_discharge');

  it('LEO, 5 years (about 26,000 cycles): about 0.3, the depth Li-ion cells are life-tested at for 5 LEO years', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, orbit: LEO, epoch: EPOCH, mission_years: 5 });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.battery_cycles_over_mission).toBeGreaterThan(24_000);
    expect(b.battery_cycles_over_mission).toBeLessThan(28_000);
    expect(b.battery_depth_of_discharge).toBeGreaterThan(0.29);
    expect(b.battery_depth_of_discharge).toBeLessThan(0.32);
    // Recorded under the name the caller overrides, with its value and a source that says it comes from the cycle count.
    const a = dodOf(b);
    expect(a).toMatchObject({ value: b.battery_depth_of_discharge, unit: '1', source: 'li-ion-dod-from-cycles' });
    expect(SOURCES).toHaveProperty(a?.source as string);
    expect(SOURCES['li-ion-dod-from-cycles']?.citation).toMatch(/cycle/);
    expect(b.battery_depth_of_discharge_basis).toMatch(/cycles/);
    expect(b.battery_energy_kwh).toBeCloseTo((1000 * b.eclipse_duration_min) / 60 / (b.battery_depth_of_discharge * 0.9), 6);
  });

  it('GEO (about 90 eclipses a year): a much deeper discharge, and a smaller battery than at the LEO depth', async () => {
    const res = await post(app(), '/v1/power', { load_kw: 1000, orbit: GEO, epoch: EPOCH, mission_years: 5 });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.eclipses_per_year).toBeGreaterThan(80);
    expect(b.eclipses_per_year).toBeLessThan(100);
    expect(b.battery_depth_of_discharge).toBeGreaterThanOrEqual(0.7);
    expect(dodOf(b)?.value).toBe(b.battery_depth_of_discharge);
    // The same GEO battery at the LEO depth of 0.3, as it was sized before.
    const atLeoDepth = await post(app(), '/v1/power', {
      load_kw: 1000,
      orbit: GEO,
      epoch: EPOCH,
      mission_years: 5,
      battery: { depth_of_discharge: 0.3 },
    });
    expect(b.battery_mass_kg).toBeLessThan(atLeoDepth.body.battery_mass_kg / 2);
    expect(b.battery_mass_kg / atLeoDepth.body.battery_mass_kg).toBeCloseTo(0.3 / b.battery_depth_of_discharge, 9);
  });

  it('the caller’s depth of discharge still overrides, with a warning when it is deeper than the cycles allow', async () => {
    const res = await post(app(), '/v1/power', {
      load_kw: 1000,
      orbit: LEO,
      epoch: EPOCH,
      mission_years: 5,
      battery: { depth_of_discharge: 0.6 },
    });
    expect(res.body.battery_depth_of_discharge).toBe(0.6);
    expect(dodOf(res.body)).toBeUndefined();
    expect(res.body.battery_depth_of_discharge_basis).toMatch(/given/);
    expect(res.body.warnings.join(' ')).toMatch(/depth of discharge 0\.6 .*cycles/);
  });
});
