/**
 * One physics chain, power to thermal: every watt the array delivers ends as heat, so the radiator
 * rejects the orbit average of the array's output, P_sa·T_d/T = load·(f/X_e + (1−f)/X_d), with f the
 * sizing eclipse of the same orbit. Checked through both models (runModel) and against the energy
 * the array delivers over a revolution; the refusals through the route, for their statuses and pointers.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../fixtures/index.js';
import { eclipseFraction } from '../models/orbit.js';
import { orbitAverageHeatKw, powerEstimator } from '../models/power.js';
import { thermalEstimator } from '../models/thermal.js';
import { post, runModel, useApp } from './helpers.js';

const app = useApp();
const EPOCH = '2026-01-01T00:00:00Z';
const SHELL = { altitude_km: 550, inclination_deg: 53 };

describe('radiator heat from the power model’s energy balance', () => {
  it('1 MW at 550 km / 53°: thermal with load_kw and the orbit rejects what the power model’s array delivers, about 1,405 kW', () => {
    const power = runModel(powerEstimator, { load_kw: '1 MW', orbit: SHELL, epoch: EPOCH });
    const thermal = runModel(thermalEstimator, { load_kw: '1 MW', orbit: SHELL, epoch: EPOCH, radiator_temp_k: 318.15 });
    const heat = power.orbit_average_heat_kw;
    expect(Math.abs(thermal.heat_kw / heat - 1)).toBeLessThan(1e-9);
    expect(heat).toBeGreaterThan(1400);
    expect(heat).toBeLessThan(1410);
    // Not the load / 0.8 of a fixed conversion efficiency.
    expect(thermal.heat_kw).toBeGreaterThan(1000 / 0.8 + 100);
    expect(thermal.heat_basis).toBe('energy_balance');
    expect(thermal.heat_eclipse_fraction).toBeCloseTo(power.sizing_eclipse.eclipse_fraction, 12);
    // The closed form, from the power model's own sizing figures.
    const { daylight, eclipse } = power.path_efficiency;
    expect(orbitAverageHeatKw(1000, power.sizing_eclipse.eclipse_fraction, eclipse, daylight) / heat).toBeCloseTo(1, 12);
  });

  it('energy conservation over a revolution: the array delivers orbit_average_heat_kw × period', () => {
    for (const orbit of [
      SHELL,
      { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
      { altitude_km: 35786, inclination_deg: 0 },
    ]) {
      const b = runModel(powerEstimator, { load_kw: 1000, orbit, epoch: EPOCH });
      const perOrbit_kwh = (b.orbit_average_heat_kw * b.period_min) / 60;
      expect(Math.abs(perOrbit_kwh / b.energy_per_orbit.array_kwh - 1)).toBeLessThan(1e-12);
      // It is more than the load uses: the path losses are heat too.
      expect(perOrbit_kwh).toBeGreaterThan(b.energy_per_orbit.load_kwh);
    }
  });

  it('without an orbit the heat takes the longest eclipse at the altitude (beta 0), and says so', () => {
    const res = runModel(thermalEstimator, { load_kw: 1000, altitude_km: 550, radiator_temp_k: 318.15 });
    const f = eclipseFraction(550, 0);
    const Xd = DEFAULTS['power.path.ppt.daylight'].value;
    const Xe = DEFAULTS['power.path.ppt.eclipse'].value;
    expect(res.heat_eclipse_fraction).toBeCloseTo(f, 12);
    expect(res.heat_kw).toBeCloseTo(1000 * (f / Xe + (1 - f) / Xd), 9);
    expect(res.warnings.join(' ')).toMatch(/beta 0/);
    const names = res.assumptions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['daylight_path_efficiency', 'eclipse_path_efficiency']));
  });

  it('a conversion efficiency the caller gives is the explicit basis: heat = load / it', () => {
    const res = runModel(thermalEstimator, {
      load_kw: 1000,
      conversion_efficiency: 0.9,
      orbit: SHELL,
      radiator_temp_k: 318.15,
    });
    expect(res.heat_kw).toBeCloseTo(1000 / 0.9, 9);
    expect(res.heat_basis).toBe('conversion_efficiency');
    expect(res.heat_eclipse_fraction).toBeNull();
  });

  it('path efficiencies of the caller’s own enter the balance', () => {
    const res = runModel(thermalEstimator, {
      load_kw: 1000,
      altitude_km: 550,
      radiator_temp_k: 318.15,
      daylight_path_efficiency: 0.85,
      eclipse_path_efficiency: 0.65,
    });
    const f = eclipseFraction(550, 0);
    expect(res.heat_kw).toBeCloseTo(1000 * (f / 0.65 + (1 - f) / 0.85), 9);
  });

  it('400: an epoch without an orbit, path efficiencies beside a conversion efficiency', async () => {
    const a = await post(app(), '/v1/thermal', { load_kw: 1000, altitude_km: 550, epoch: EPOCH, radiator_temp_k: 300 });
    expect(a.status).toBe(400);
    expect(a.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/epoch');
    const b = await post(app(), '/v1/thermal', {
      load_kw: 1000,
      conversion_efficiency: 0.9,
      daylight_path_efficiency: 0.8,
      radiator_temp_k: 300,
    });
    expect(b.status).toBe(400);
    expect(b.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/daylight_path_efficiency');
  });
});
