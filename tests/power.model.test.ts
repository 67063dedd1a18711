/**
 * The power model run directly (input schema, model, output schema) through runModel: what it says
 * about its sizing, its assumptions and their sources, the dawn-dusk eclipse season, element sets,
 * the 365-day year, the like-for-like ground comparison and the depth of discharge from the cycle
 * count. Statuses and pointers are tests/power.api.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { CELLS, SOURCES } from '../fixtures/index.js';
import { orbitEstimator } from '../models/orbit.js';
import { powerEstimator } from '../models/power.js';
import { runModel } from './helpers.js';

const EPOCH = '2026-01-01T00:00:00Z';
const DAWN_DUSK = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };
const power = (body: unknown) => runModel(powerEstimator, body);

/** 1 MW for 5 years from the common epoch: the battery cases' frame. */
const FIVE_YEARS_1MW = { load_kw: 1000, epoch: EPOCH, mission_years: 5 };

/** Strictly between `lo` and `hi`. */
function expectBetween(x: number, lo: number, hi: number) {
  expect(x).toBeGreaterThan(lo);
  expect(x).toBeLessThan(hi);
}

describe('success', () => {
  it('has the examples the issue names', () => {
    expect(Object.keys(powerEstimator.examples)).toEqual(expect.arrayContaining(['iss_like', 'starlink_shell', 'dawn_dusk_650']));
  });

  it('declares every default it used, each with a source that resolves, and says which eclipse sized it', () => {
    const res = power({ load_kw: 1000, orbit: { altitude_km: 550, inclination_deg: 53 }, epoch: EPOCH });
    const names = res.assumptions.map((a: { name: string }) => a.name);
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
    for (const a of res.assumptions) expect(SOURCES, a.name).toHaveProperty(a.source);
    expect(res.sizing_eclipse).toMatchObject({ basis: 'worst case over the year', beta_deg: 0, window_days: 365 });
    expect(res.energy_basis).toBe('annual mean over 365 days from the epoch');
    // The annual mean sunlit fraction is more than the worst revolution's.
    expect(res.energy_sunlit_fraction).toBeGreaterThan(1 - res.sizing_eclipse.eclipse_fraction);
    expect(res.ground_comparison.method).toBe('capacity_factor');
  });

  it('a caller-given figure is not reported as an assumption', () => {
    const res = power({
      load_kw: 1000,
      eclipse_fraction: 0.35,
      period_min: 95,
      mission_years: 10,
      cell: { efficiency: 0.3, degradation_per_year: 0.01 },
      regulation: 'det',
    });
    const names = res.assumptions.map((a: { name: string }) => a.name);
    expect(names).not.toContain('cell.efficiency');
    expect(names).not.toContain('cell.technology');
    expect(names).not.toContain('mission_years');
    expect(names).not.toContain('regulation');
    expect(res.path_efficiency).toEqual({ regulation: 'det', daylight: 0.85, eclipse: 0.65 });
    expect(res.sizing_eclipse.basis).toBe('given');
  });

  it('every catalogue cell sizes an array, each citing its own sources', () => {
    for (const [id, cell] of Object.entries(CELLS)) {
      const res = power({ load_kw: 1000, eclipse_fraction: 0.35, period_min: 95, cell: id });
      expect(res.cell).toMatchObject({ technology: id, efficiency: cell.efficiency });
      const eff = res.assumptions.find((a: { name: string }) => a.name === 'cell.efficiency');
      expect(eff.source).toBe(cell.sources.efficiency);
    }
  });

  it('a dawn-dusk orbit sized outside its eclipse season sizes no battery and warns about the season', () => {
    const res = power({ load_kw: 1000, orbit: DAWN_DUSK, epoch: EPOCH, sizing_window_days: 90 });
    expect(res.eclipse_duration_min).toBe(0);
    expect(res.battery_energy_kwh).toBe(0);
    expect(res.battery_mass_kg).toBe(0);
    expect(res.sizing_eclipse.reason).toMatch(/no eclipse and no battery/);
    expect(res.warnings.join(' ')).toMatch(/eclipsed on \d+ days .*unpowered/);
    // No battery default is claimed for a battery that was not sized.
    expect(res.assumptions.map((a: { name: string }) => a.name)).not.toContain('battery.depth_of_discharge');
    // Sized over the year, the same orbit gets its eclipse-season battery.
    const year = power({ load_kw: 1000, orbit: DAWN_DUSK, epoch: EPOCH });
    expect(year.battery_energy_kwh).toBeGreaterThan(0);
    // No season warning (the only one left is about the default array specific power).
    expect(year.warnings.filter((w: string) => !/W\/kg \(ISS\)/.test(w))).toEqual([]);
    expect(year.orbit.annual.eclipse_days).toBeGreaterThan(60);
  });

  it('sizing at the epoch alone (window 0) uses the epoch’s beta', () => {
    const res = power({
      load_kw: 1000,
      orbit: { altitude_km: 550, inclination_deg: 53 },
      epoch: EPOCH,
      sizing_window_days: 0,
    });
    expect(res.sizing_eclipse.basis).toBe('at the epoch');
    const orbit = runModel(orbitEstimator, {
      orbit: { altitude_km: 550, inclination_deg: 53 },
      epoch: EPOCH,
      propagated_check: false,
    });
    expect(res.sizing_eclipse.beta_deg).toBeCloseTo(orbit.beta_deg, 9);
    expect(res.eclipse_duration_min).toBeCloseTo(orbit.eclipse_duration_min, 9);
  });

  it('an element set (TLE) goes through the orbit model', () => {
    const tle = (orbitEstimator.examples.iss_tle as { value: { orbit: unknown } }).value.orbit;
    const res = power({ load_kw: 1000, orbit: tle });
    expect(res.orbit.orbit_kind).toBe('tle');
    expect(res.eclipse_duration_min).toBeGreaterThan(30);
  });

  it('array.w_per_m2 replaces the cell model and reports the implied efficiency', () => {
    const res = power({
      load_kw: 1000,
      eclipse_fraction: 0,
      period_min: 95,
      array: { w_per_m2: '0.25 kW/m^2' },
    });
    expect(res.eol_w_per_m2).toBeCloseTo(250, 9);
    expect(res.implied_efficiency).toBeCloseTo(250 / 1361, 12);
    expect(res.ideal_w_per_m2).toBeNull();
    expect(res.warnings.join(' ')).toMatch(/replaces the cell model/);
  });

  it('the default specific power is flagged for an array far beyond the wings it was quoted for', () => {
    const body = { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95 };
    const byDefault = power(body);
    const used = byDefault.assumptions.find((a: { name: string }) => a.name === 'array.specific_power_w_per_kg');
    expect(SOURCES).toHaveProperty(used.source);
    expect(byDefault.warnings.join(' ')).toMatch(/W\/kg \(ISS\)/);
    // A figure of the caller's own, or a small array within the quoted wing sizes, carries no such warning.
    const given = power({ ...body, array: { specific_power_w_per_kg: 40 } });
    expect(given.warnings.join(' ')).not.toMatch(/W\/kg \(ISS\)/);
    const small = power({ ...body, load_kw: 1 });
    expect(small.warnings.join(' ')).not.toMatch(/W\/kg \(ISS\)/);
  });

  it('the latitude comparison: an equatorial panel gets more than a polar one, and both less than orbit', () => {
    const at = (latitude_deg: number) => power({ load_kw: 1000, eclipse_fraction: 0, period_min: 95, ground: { latitude_deg } });
    const equator = at(0);
    const north = at(60);
    expect(equator.ground_comparison.ground_kwh_per_m2_year).toBeGreaterThan(north.ground_comparison.ground_kwh_per_m2_year);
    expect(equator.orbit_to_ground_energy_ratio).toBeGreaterThan(1);
    expect(equator.assumptions.map((a: { name: string }) => a.name)).toContain('ground.clearness_index');
  });
});

describe('a year is one length: 365 days, as in thermal and economics', () => {
  const HOURS = 365 * 24;

  it('per-year energy, the ground plant and the eclipse count all use 8,760 h', () => {
    const res = power({
      load_kw: 1000,
      eclipse_fraction: 0.35,
      period_min: 95,
      ground: { capacity_factor: 0.2 },
    });
    const b = res;
    expect(b.array_output_kwh_per_m2_year).toBeCloseTo((b.bol_w_per_m2 * b.energy_sunlit_fraction * HOURS) / 1000, 9);
    expect(b.ground_comparison.ground_kwh_per_m2_year).toBeCloseTo((0.2 * HOURS * 1000) / 1000, 9);
    expect(b.eclipses_per_year).toBeCloseTo((HOURS * 60) / 95, 9);
    expect(b.battery_cycles_over_mission).toBeCloseTo(b.eclipses_per_year * 5, 9);
  });
});

describe('orbit-to-ground energy ratio, like for like', () => {
  const dawnDusk = { load_kw: '1 MW', orbit: DAWN_DUSK, epoch: EPOCH, mission_years: 5 };

  it('650 km dawn-dusk: about 5.5 net of the same losses as the ground plant, 7.17 in gross sunlight', () => {
    const res = power(dawnDusk);
    const b = res;
    const Id = b.cell.inherent_degradation;
    expect(Id).toBe(0.77);
    // The headline is the like-for-like figure; the gross sunlight ratio is reported under its own name.
    expect(b.orbit_to_ground_sunlight_ratio).toBeCloseTo(7.17, 2);
    expectBetween(b.orbit_to_ground_energy_ratio, 5.45, 5.6);
    expect(b.orbit_to_ground_energy_ratio).toBeLessThan(b.orbit_to_ground_sunlight_ratio);
    expect(b.orbit_to_ground_energy_ratio / b.orbit_to_ground_sunlight_ratio).toBeCloseTo(Id, 12);
    const g = b.ground_comparison;
    expect(g.orbit_like_for_like_kwh_per_m2_year / g.orbit_sunlight_kwh_per_m2_year).toBeCloseTo(Id, 12);
    expect(g.orbit_like_for_like_kwh_per_m2_year / g.ground_kwh_per_m2_year).toBeCloseTo(b.orbit_to_ground_energy_ratio, 12);
    expect(g.like_for_like_basis).toMatch(/inherent degradation/);
  });

  it('a cell of the caller’s own: its I_d forms the like-for-like side', () => {
    const res = power({
      ...dawnDusk,
      cell: { efficiency: 0.3, degradation_per_year: 0.01, inherent_degradation: 0.85 },
    });
    expect(res.orbit_to_ground_energy_ratio / res.orbit_to_ground_sunlight_ratio).toBeCloseTo(0.85, 12);
  });

  it('array.w_per_m2 (already net) does not name its losses: the like-for-like side takes SMAD’s I_d and says so', () => {
    const res = power({ ...dawnDusk, array: { w_per_m2: 300 } });
    expect(res.orbit_to_ground_energy_ratio / res.orbit_to_ground_sunlight_ratio).toBeCloseTo(0.77, 12);
    expect(res.ground_comparison.like_for_like_basis).toMatch(/w_per_m2/);
    expect(res.assumptions).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'cell.inherent_degradation', value: 0.77, source: 'smad-3rd' })]),
    );
  });

  it('against the latitude model (sunlight on the ground, before any panel loss) sunlight is compared with sunlight', () => {
    const res = power({ ...dawnDusk, ground: { latitude_deg: 35 } });
    expect(res.orbit_to_ground_energy_ratio).toBe(res.orbit_to_ground_sunlight_ratio);
    expect(res.ground_comparison.like_for_like_basis).toMatch(/sunlight/);
  });
});

describe('battery depth of discharge from the charge–discharge cycles', () => {
  const LEO = { altitude_km: 550, inclination_deg: 53 };
  const GEO = { altitude_km: 35786, inclination_deg: 0 };
  const dodOf = (body: { assumptions: { name: string; value: unknown; source: string }[] }) =>
    body.assumptions.find((a) => a.name === 'battery.depth_of_discharge');

  it('LEO, 5 years (about 26,000 cycles): about 0.3, the depth Li-ion cells are life-tested at for 5 LEO years', () => {
    const b = power({ ...FIVE_YEARS_1MW, orbit: LEO });
    expectBetween(b.battery_cycles_over_mission, 24_000, 28_000);
    expectBetween(b.battery_depth_of_discharge, 0.29, 0.32);
    // Recorded under the name the caller overrides, with its value and a source that says it comes from the cycle count.
    const a = dodOf(b);
    expect(a).toMatchObject({ value: b.battery_depth_of_discharge, unit: '1', source: 'li-ion-dod-from-cycles' });
    expect(SOURCES).toHaveProperty(a?.source as string);
    expect(SOURCES['li-ion-dod-from-cycles']?.citation).toMatch(/cycle/);
    expect(b.battery_depth_of_discharge_basis).toMatch(/cycles/);
    expect(b.battery_energy_kwh).toBeCloseTo((1000 * b.eclipse_duration_min) / 60 / (b.battery_depth_of_discharge * 0.9), 6);
  });

  it('GEO (about 90 eclipses a year): a much deeper discharge, and a smaller battery than at the LEO depth', () => {
    const b = power({ ...FIVE_YEARS_1MW, orbit: GEO });
    expectBetween(b.eclipses_per_year, 80, 100);
    expect(b.battery_depth_of_discharge).toBeGreaterThanOrEqual(0.7);
    expect(dodOf(b)?.value).toBe(b.battery_depth_of_discharge);
    // The same GEO battery at the LEO depth of 0.3, as it was sized before.
    const atLeoDepth = power({ ...FIVE_YEARS_1MW, orbit: GEO, battery: { depth_of_discharge: 0.3 } });
    expect(b.battery_mass_kg).toBeLessThan(atLeoDepth.battery_mass_kg / 2);
    expect(b.battery_mass_kg / atLeoDepth.battery_mass_kg).toBeCloseTo(0.3 / b.battery_depth_of_discharge, 9);
  });

  it('the caller’s depth of discharge still overrides, with a warning when it is deeper than the cycles allow', () => {
    const res = power({ ...FIVE_YEARS_1MW, orbit: LEO, battery: { depth_of_discharge: 0.6 } });
    expect(res.battery_depth_of_discharge).toBe(0.6);
    expect(dodOf(res)).toBeUndefined();
    expect(res.battery_depth_of_discharge_basis).toMatch(/given/);
    expect(res.warnings.join(' ')).toMatch(/depth of discharge 0\.6 .*cycles/);
  });
});
