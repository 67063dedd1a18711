/**
 * Independent checks of the power estimator:
 * - the eclipse that sizes it against the orbit estimator's propagated revolution (SGP4 + conical
 *   shadow), and the energy balance over that propagated revolution: what the array delivers in
 *   daylight must cover the load in daylight and, through the battery, in eclipse;
 * - a dawn-dusk orbit's sizing eclipse against the orbit estimator's 365-day picture;
 * - the latitude model's closed form (Duffie & Beckman) against a numerical integration of
 *   top-of-atmosphere sunlight with the sun of satellite.js.
 */
import { sunPos } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { DEG } from '../models/constants.js';
import { orbitEstimator } from '../models/orbit.js';
import { extraterrestrialHorizontalKwhPerM2Year, powerEstimator } from '../models/power.js';
import { dateToJd } from '../models/sgp4.js';
import { runModel } from './helpers.js';

const EPOCH = '2026-03-20T12:00:00Z';
/** Eclipse durations from the cylindrical closed form and the conical propagated shadow agree to a few seconds. */
const fiveSeconds_min = 5 / 60;

describe('energy balance over a propagated revolution', () => {
  for (const [altitude_km, inclination_deg] of [
    [420, 51.64],
    [550, 53],
    [1100, 53.8],
  ] as const) {
    it(`${altitude_km} km, ${inclination_deg}°: the array covers the load over an SGP4 revolution at beta 0`, () => {
      const load_kw = 1000;
      const power = runModel(powerEstimator, {
        load_kw,
        orbit: { altitude_km, inclination_deg },
        epoch: EPOCH,
      });
      expect(power.sizing_eclipse).toMatchObject({ basis: 'worst case over the year', beta_deg: 0 });

      const orbit = runModel(orbitEstimator, { orbit: { altitude_km, inclination_deg }, beta_deg: 0, epoch: EPOCH });
      const Te = orbit.propagated.eclipse_duration_min as number; // SGP4 + satellite.js shadowFraction
      const T = orbit.period_min as number;
      expect(Math.abs(power.eclipse_duration_min - Te)).toBeLessThan(fiveSeconds_min);

      // Energy over the propagated revolution: array output in daylight ≥ load energy / path efficiencies.
      const { daylight: Xd, eclipse: Xe } = power.path_efficiency;
      const fromArray_kwh = (power.array_power_kw * (T - Te)) / 60;
      const needed_kwh = (load_kw * Te) / 60 / Xe + (load_kw * (T - Te)) / 60 / Xd;
      expect(fromArray_kwh / needed_kwh).toBeGreaterThan(1 - 0.005);
      expect(fromArray_kwh / needed_kwh).toBeLessThan(1 + 0.005);
      // And comfortably more than the bare load energy: the path losses are real.
      expect(fromArray_kwh).toBeGreaterThan((load_kw * T) / 60 / Xd);

      // The battery carries the load through the propagated eclipse within its depth of discharge.
      const assumed = (name: string) => power.assumptions.find((a: { name: string }) => a.name === name)?.value;
      const dod = assumed('battery.depth_of_discharge'); // from the cycle count, declared as an assumption
      expect(dod).toBe(power.battery_depth_of_discharge);
      expect(assumed('battery.discharge_efficiency')).toBe(0.9);
      const usable_kwh = power.battery_energy_kwh * dod * 0.9;
      expect(usable_kwh / ((load_kw * Te) / 60)).toBeGreaterThan(1 - 0.005);

      // Area and W/m² are consistent with the power: area × EOL W/m² = P_sa.
      expect((power.array_area_m2 * power.eol_w_per_m2) / 1000).toBeCloseTo(power.array_power_kw, 6);
    });
  }
});

describe('a dawn-dusk orbit is sized for its eclipse season', () => {
  it('650 km SSO, LTAN 18 h: the sizing eclipse is the year’s longest, found by the orbit estimator', () => {
    const orbitSpec = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };
    const epoch = '2026-01-01T00:00:00Z';
    const power = runModel(powerEstimator, { load_kw: 1000, orbit: orbitSpec, epoch });
    const orbit = runModel(orbitEstimator, { orbit: orbitSpec, epoch, annual: true, propagated_check: false });
    const annual = orbit.annual;
    expect(annual.eclipse_days).toBeGreaterThan(0);
    expect(power.sizing_eclipse.basis).toBe('worst case over the year');
    expect(power.sizing_eclipse.beta_deg).toBeCloseTo(annual.beta_min_deg, 9);
    // The sampled year can only miss the longest eclipse, never exceed it.
    expect(power.eclipse_duration_min).toBeGreaterThanOrEqual(annual.max_eclipse_min - 1e-9);
    expect(power.eclipse_duration_min - annual.max_eclipse_min).toBeLessThan(0.1);
    expect(power.energy_sunlit_fraction).toBeCloseTo(annual.sunlit_fraction, 9);
    expect(power.battery_energy_kwh).toBeGreaterThan(0);
  });
});

describe('ground model: closed form against numerical integration', () => {
  /** Σ over the 365 days and their minutes of S0·(1 AU/r)²·max(0, cos zenith), with the sun of satellite.js: kWh/m² a year. */
  function integrated(latitude_deg: number, S0: number): number {
    const phi = latitude_deg * DEG;
    const start = Date.UTC(2026, 0, 1);
    let sum_Wh = 0;
    for (let day = 0; day < 365; day++) {
      const { rsun, decl } = sunPos(dateToJd(new Date(start + (day + 0.5) * 86_400_000)));
      const r_au = Math.hypot(rsun.x, rsun.y, rsun.z);
      for (let minute = 0; minute < 1440; minute += 2) {
        const hourAngle = ((minute + 1 - 720) / 720) * Math.PI;
        const cosZ = Math.sin(phi) * Math.sin(decl) + Math.cos(phi) * Math.cos(decl) * Math.cos(hourAngle);
        sum_Wh += (S0 / r_au ** 2) * Math.max(0, cosZ) * (2 / 60);
      }
    }
    return sum_Wh / 1000;
  }

  for (const latitude of [0, 20, 35, 52, 70, -45, 89]) {
    // The same 365 days on both sides: the closed form agrees to 0.03 %, so a year rescaled by 365.25/365 (0.07 %) shows.
    it(`latitude ${latitude}°: Duffie & Beckman eq. 1.10.3 within 0.04 % of the integral`, () => {
      const closed = extraterrestrialHorizontalKwhPerM2Year(latitude, 1361);
      const numeric = integrated(latitude, 1361);
      expect(Math.abs(closed / numeric - 1), `closed ${closed}, numeric ${numeric}`).toBeLessThan(4e-4);
    });
  }
});
