/**
 * One physics chain: economics prices the facility that power, thermal and launch size, and the
 * conventions that flatter orbit are named, charged like for like, or said.
 */
import { describe, expect, it } from 'vitest';
import { CHOICES, SOURCES } from '../fixtures/index.js';
import { economicsEstimator } from '../models/economics.js';
import { post, runModel, useApp } from './helpers.js';

const app = useApp();
const onePercent = 0.01;
const epoch = '2026-01-01T00:00:00Z';

type Assumption = { name: string; value: unknown; source: string };
const assumption = (body: { assumptions: Assumption[] }, name: string) => body.assumptions.find((a) => a.name === name);

describe('economics sizes the facility POST /v1/launch rolls up', () => {
  const orbits = [
    { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
    { altitude_km: 550, inclination_deg: 53 },
    { altitude_km: 420, inclination_deg: 51.64 },
    { altitude_km: 1200, inclination_deg: 87 },
  ];
  const loads = ['120 kW', '40 MW', '1 GW'];

  it('the same mass and start-of-life array as launch, within 1 %, for several orbits and loads', async () => {
    for (const orbit of orbits)
      for (const load_kw of loads) {
        const request = { load_kw, orbit, mission_years: 5, vehicle: 'starship' };
        const econ = await post(app(), '/v1/economics', { ...request, epoch });
        const launch = await post(app(), '/v1/launch', { ...request, power: { epoch } });
        expect(econ.status, JSON.stringify(econ.body).slice(0, 300)).toBe(200);
        expect(launch.status).toBe(200);
        expect(Math.abs(econ.body.mass_kg / launch.body.total_mass_kg - 1)).toBeLessThan(onePercent);
        expect(Math.abs(econ.body.installed_power_kw / launch.body.subsystems.array_bol_power_kw - 1)).toBeLessThan(onePercent);
        expect(econ.body.subsystems.radiator_heat_kw).toBeCloseTo(launch.body.subsystems.radiator_heat_kw, 6);
        expect(econ.body.launches).toBe(launch.body.launches);
        expect(econ.body.launch_usd).toBeCloseTo(launch.body.launch_cost_usd, 0);
      }
  });

  it('without an orbit it sizes in the sourced reference orbit, and says so; the response names its sizing', async () => {
    const res = await post(app(), '/v1/economics', { load_kw: '1 MW', launch_usd_per_kg: 1000 });
    expect(res.status).toBe(200);
    expect(res.body.sizing).toBe('roll_up');
    const orbit = assumption(res.body, 'orbit');
    expect(orbit?.value).toMatch(/650 km sun-synchronous/);
    expect(SOURCES).toHaveProperty(orbit?.source as string);
    expect(assumption(res.body, 'epoch')?.value).toBe(CHOICES['scenario.epoch'].value);
    // The same request without a default gives the same facility as launch in that orbit.
    const launch = await post(app(), '/v1/launch', {
      load_kw: '1 MW',
      orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
      power: { epoch: '2027-01-01T00:00:00Z' },
    });
    expect(res.body.mass_kg).toBeCloseTo(launch.body.total_mass_kg, 6);
  });

  it('a fixed W/kg is a shortcut the caller names, never the silent default', async () => {
    const refused = await post(app(), '/v1/economics', { load_kw: '1 GW', specific_power_w_per_kg: 36.5 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe('/specific_power_w_per_kg');
    expect(refused.body.errors[0].message).toMatch(/sizing: "specific_power"/);
    const named = await post(app(), '/v1/economics', {
      load_kw: '1 GW',
      sizing: 'specific_power',
      specific_power_w_per_kg: 36.5,
      launch_usd_per_kg: 500,
    });
    expect(named.status).toBe(200);
    expect(named.body.sizing).toBe('specific_power');
    expect(named.body.subsystems).toBeNull();
    // The shortcut takes no orbit: that belongs to the roll-up.
    const mixed = await post(app(), '/v1/economics', { load_kw: 1000, sizing: 'specific_power', orbit: { altitude_km: 550 } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].pointer).toBe('/orbit');
  });

  it('the energy delivered counts the hours the design serves: a battery sized outside the eclipse season leaves hours dark', async () => {
    const request = {
      load_kw: '1 MW',
      orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
      epoch,
      launch_usd_per_kg: 1000,
    };
    const year = await post(app(), '/v1/economics', request);
    const january = await post(app(), '/v1/economics', { ...request, power: { epoch, sizing_window_days: 30 } });
    expect(year.body.served_fraction).toBe(1);
    expect(january.body.subsystems.battery_energy_kwh).toBe(0);
    // No battery: every eclipse of the May–August season is unpowered, about 4 % of the year at 650 km.
    expect(january.body.served_fraction).toBeLessThan(0.97);
    expect(january.body.served_fraction).toBeGreaterThan(0.95);
    expect(january.body.energy_kwh / year.body.energy_kwh).toBeCloseTo(january.body.served_fraction, 12);
    expect(january.body.warnings.join(' ')).toMatch(/unpowered/);
  });

  it('the hours served are those of the orbit the power model sized in, its own as parsed, units and all', () => {
    const request = (altitude_km: number | string) => ({
      load_kw: '1 MW',
      launch_usd_per_kg: 1000,
      power: { orbit: { altitude_km, sun_synchronous: true, ltan_h: 18 }, epoch, sizing_window_days: 30 },
    });
    const numbers = runModel(economicsEstimator, request(650));
    const units = runModel(economicsEstimator, request('650 km'));
    expect(numbers.served_fraction).toBeLessThan(0.97);
    expect(units.served_fraction).toBe(numbers.served_fraction);
    expect(units.orbital_total_usd).toBe(numbers.orbital_total_usd);
  });
});

describe('the ground side, charged like for like', () => {
  it('a mission shorter than the facility life is charged its share of the capex, with the life as an assumption', async () => {
    const res = await post(app(), '/v1/economics', { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 500 });
    const t = res.body.terrestrial;
    const life = assumption(res.body, 'terrestrial.asset_life_years');
    expect(life).toMatchObject({ value: 20, source: 'dupont-fabros-10k-2014' });
    expect(t.capex_share_charged).toBeCloseTo(5 / 20, 12);
    expect(t.capex_usd).toBeCloseTo(t.capex_full_usd * 0.25, 3);
    expect(t.capex_rule).toMatch(/20-year asset life/);
    // A mission as long as the life, or longer, is charged all of it.
    const long = await post(app(), '/v1/economics', { load_kw: '1 GW', mission_years: 25, launch_usd_per_kg: 500 });
    expect(long.body.terrestrial.capex_share_charged).toBe(1);
    // The mccalip convention keeps its own rule and says so.
    const theirs = await post(app(), '/v1/economics', {
      load_kw: '1 GW',
      mission_years: 5,
      launch_usd_per_kg: 500,
      convention: 'mccalip',
    });
    expect(theirs.body.terrestrial.capex_share_charged).toBe(1);
    expect(theirs.body.terrestrial.capex_rule).toMatch(/McCalip convention: the whole capex/);
  });

  it('Starcloud 40 MW: its itemised space side against its itemised ground side is its own 8.2 / 167', async () => {
    // The white paper's figures, as the estimator's example gives them.
    const example = (economicsEstimator.examples.starcloud_40mw as { value: Record<string, unknown> }).value;
    const res = await post(app(), '/v1/economics', example);
    expect(res.status).toBe(200);
    expect(res.body.terrestrial_total_usd).toBeCloseTo(140.16e6 + 27e6, 0);
    expect(res.body.cost_ratio).toBeCloseTo(8.2 / 167.16, 6);
    const i = res.body.itemisation;
    expect(i.orbital_items).toEqual(['solar', 'launch', 'shielding']);
    expect(i.terrestrial_items).toEqual(['energy', 'cooling', 'backup_power']);
    expect(i.orbital_missing).toEqual(['radiator', 'structure', 'operations', 'replacement', 'nre']);
    expect(i.complete).toBe(false);
    expect(res.body.breakeven_launch_usd_per_kg).toBeNull();
    expect(res.body.breakeven.reason).toMatch(/incomplete/);
    expect(res.body.warnings.join(' ')).toMatch(/itemisation is incomplete/);
    // The whole chain beside it: the same 40 MW, 10 years and launch price, rolled up.
    expect(res.body.consistent.cost_ratio).toBeGreaterThan(1);
    expect(res.body.consistent.mass_kg).toBeGreaterThan(1e6);
  });

  it('the example in the catalogue is that like-for-like comparison', async () => {
    const doc = await app().inject({ method: 'GET', url: '/openapi.json' });
    const examples = doc.json().paths['/v1/economics'].post.requestBody.content['application/json'].examples;
    expect(examples.starcloud_40mw.value.terrestrial_costs_usd).toEqual({ cooling: 7e6, backup_power: 20e6 });
  });
});

describe('McCalip convention', () => {
  it('a negative calculator break-even is not a price: null with the reason', async () => {
    const res = await post(app(), '/v1/economics', {
      load_kw: '1 GW',
      mission_years: 5,
      launch_usd_per_kg: 500,
      convention: 'mccalip',
    });
    expect(res.status).toBe(200);
    expect(res.body.mccalip.calculator_breakeven_usd_per_kg).toBeNull();
    expect(res.body.mccalip.calculator_breakeven_reason).toMatch(/-263\.66 USD\/kg/);
    // Beside it, the same request on the consistent chain.
    expect(res.body.consistent.cost_ratio).toBeGreaterThan(res.body.cost_ratio);
  });
});

describe('one fact, one value', () => {
  it('the accelerator failure rate: one name and one figure, the Llama 3 field rate, in launch and economics', async () => {
    const launch = await post(app(), '/v1/launch', { mass_kg: 1000 });
    const econ = await post(app(), '/v1/economics', { load_kw: 1000, launch_usd_per_kg: 1000 });
    const a = assumption(launch.body, 'gpu_failure_per_year');
    const b = assumption(econ.body, 'gpu_failure_per_year');
    expect(a?.value).toBeCloseTo((148 + 72) / 16384 / (54 / 365), 12);
    expect(b).toEqual(a);
    expect(a?.source).toBe('meta-llama3-2024');
    expect(launch.body.cadence.gpu_failure_per_year).toBe(a?.value);
  });

  it('the mission: one default, one source, in power, launch and economics', async () => {
    const launch = await post(app(), '/v1/launch', { mass_kg: 1000 });
    const econ = await post(app(), '/v1/economics', { load_kw: 1000, launch_usd_per_kg: 1000 });
    const power = await post(app(), '/v1/power', { load_kw: 1000, eclipse_fraction: 0.3, period_min: 95 });
    expect(assumption(econ.body, 'mission_years')).toEqual(assumption(launch.body, 'mission_years'));
    expect(assumption(power.body, 'mission_years')).toEqual(assumption(launch.body, 'mission_years'));
  });

  it('the ground facility’s PUE: one default in thermal’s comparison and in economics', async () => {
    const thermal = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: 320 });
    const econ = await post(app(), '/v1/economics', { load_kw: 1000, launch_usd_per_kg: 1000 });
    expect(thermal.body.terrestrial.pue).toBe(econ.body.terrestrial.pue);
    expect(assumption(thermal.body, 'pue')?.source).toBe(assumption(econ.body, 'terrestrial.pue')?.source);
  });

  it('thermal alone, given the load and the orbit, rejects the heat the roll-up sizes its radiator for', async () => {
    const orbit = { altitude_km: 550, inclination_deg: 53 };
    const launch = await post(app(), '/v1/launch', { load_kw: 1000, orbit, power: { epoch } });
    const thermal = await post(app(), '/v1/thermal', { load_kw: 1000, orbit, epoch, radiator_temp_k: 318.15 });
    expect(thermal.body.heat_kw).toBeCloseTo(launch.body.subsystems.radiator_heat_kw, 9);
    expect(thermal.body.area_m2).toBeCloseTo(launch.body.subsystems.radiator_area_m2, 9);
  });
});

describe('defaults that flatter orbit are visible', () => {
  it('Falcon 9: the list price is paired with the payload of the same flight, booster recovered ($4,009/kg)', async () => {
    const res = await post(app(), '/v1/launch', { mass_kg: 17_400, vehicle: 'falcon9' });
    expect(res.body.price_usd_per_kg).toBeCloseTo(69.75e6 / 17_400, 6);
    expect(Math.round(res.body.price_usd_per_kg)).toBe(4009);
    // Falcon Heavy publishes no such pair: the mismatch is said.
    const heavy = await post(app(), '/v1/launch', { mass_kg: 60_000, vehicle: 'falcon_heavy' });
    expect(heavy.body.warnings.join(' ')).toMatch(/expendable capacity/);
  });

  it('1 GW on Falcon 9: the build against the vehicle and the world flight rates', async () => {
    const res = await post(app(), '/v1/economics', { load_kw: '1 GW', mission_years: 5, vehicle: 'falcon9' });
    const c = res.body.cadence;
    expect(res.body.launches).toBeGreaterThan(2000);
    expect(c.build_share_of_flight_rate).toBeGreaterThan(1);
    expect(c.world_launches_per_year).toBe(259);
    expect(c.build_share_of_world_launches).toBeCloseTo(res.body.launches / c.build_years / 259, 12);
    expect(res.body.warnings.join(' ')).toMatch(/years of every launch on Earth/);
  });

  it('a fixed $1B NRE that dominates a small design is warned about, with its share', async () => {
    const res = await post(app(), '/v1/economics', { load_kw: '1 MW', launch_usd_per_kg: 1000 });
    const share = res.body.nre_usd / res.body.orbital_total_usd;
    expect(share).toBeGreaterThan(0.5);
    expect(res.body.warnings.join(' ')).toMatch(new RegExp(`${(share * 100).toFixed(0)} % of the orbital total`));
    const given = await post(app(), '/v1/economics', { load_kw: '1 MW', launch_usd_per_kg: 1000, nre_usd: 1e9 });
    expect(given.body.warnings.join(' ')).not.toMatch(/default NRE/);
  });
});
