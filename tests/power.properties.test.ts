/**
 * Property tests (fast-check) for the power estimator: higher efficiency → smaller array; longer
 * eclipse → bigger battery; more mission years → lower end-of-life W/m²; the energy balance holds
 * for any sizing; unit strings give the same answers as numbers (hostile inputs: tests/registry.fuzz.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATTERY_CYCLE_LIFE } from '../fixtures/index.js';
import { cyclesForDepthOfDischarge, depthOfDischargeForCycles, orbitAverageHeatKw, powerEstimator } from '../models/power.js';
import { runModel } from './helpers.js';

/** The model with its input parsed exactly as the API parses it, and its output checked against the schema. */
const run = (body: unknown) => runModel(powerEstimator, body);

const load = fc.double({ min: 1, max: 1e6, noNaN: true });
const efficiency = fc.double({ min: 0.05, max: 0.45, noNaN: true });
const eclipseFraction = fc.double({ min: 0, max: 0.45, noNaN: true });
const period = fc.double({ min: 88, max: 1440, noNaN: true });
const years = fc.double({ min: 0, max: 30, noNaN: true });
const degradation = fc.double({ min: 0.001, max: 0.05, noNaN: true });

describe('power model: invariants', () => {
  it('a more efficient cell needs a smaller array (area, and mass at a given areal density)', () => {
    fc.assert(
      fc.property(load, efficiency, efficiency, eclipseFraction, period, (P, e1, e2, f, T) => {
        fc.pre(Math.abs(e1 - e2) > 1e-6);
        const [lo, hi] = e1 < e2 ? [e1, e2] : [e2, e1];
        // Mass per W of array (specific power) does not depend on the cell; mass per m² does.
        const base = { load_kw: P, eclipse_fraction: f, period_min: T, array: { areal_density_kg_per_m2: 2 } };
        const a = run({ ...base, cell: { efficiency: lo, degradation_per_year: 0.01 } });
        const b = run({ ...base, cell: { efficiency: hi, degradation_per_year: 0.01 } });
        expect(b.array_area_m2).toBeLessThan(a.array_area_m2);
        expect(b.array_mass_kg).toBeLessThan(a.array_mass_kg);
      }),
    );
  });

  it('a longer eclipse needs a bigger battery (and a bigger array)', () => {
    fc.assert(
      fc.property(
        load,
        period,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (P, T, x1, x2) => {
          fc.pre(Math.abs(x1 - x2) > 1e-6);
          const [short, long] = x1 < x2 ? [x1 * T, x2 * T] : [x2 * T, x1 * T];
          const a = run({ load_kw: P, eclipse_duration_min: short, period_min: T });
          const b = run({ load_kw: P, eclipse_duration_min: long, period_min: T });
          expect(b.battery_energy_kwh).toBeGreaterThan(a.battery_energy_kwh);
          expect(b.battery_mass_kg).toBeGreaterThan(a.battery_mass_kg);
          expect(b.array_power_kw).toBeGreaterThan(a.array_power_kw);
        },
      ),
    );
  });

  it('more mission years lower the end-of-life W/m² and grow the array', () => {
    fc.assert(
      fc.property(years, years, degradation, efficiency, (y1, y2, d, eta) => {
        fc.pre(Math.abs(y1 - y2) > 1e-3);
        const [short, long] = y1 < y2 ? [y1, y2] : [y2, y1];
        const base = {
          load_kw: 1000,
          eclipse_fraction: 0.35,
          period_min: 95,
          cell: { efficiency: eta, degradation_per_year: d },
        };
        const a = run({ ...base, mission_years: short });
        const b = run({ ...base, mission_years: long });
        expect(b.eol_w_per_m2).toBeLessThan(a.eol_w_per_m2);
        expect(b.bol_w_per_m2).toBe(a.bol_w_per_m2);
        expect(b.array_area_m2).toBeGreaterThan(a.array_area_m2);
      }),
    );
  });

  it('energy balance: per revolution the end-of-life array delivers the load energy over the path efficiencies, and the battery covers the eclipse', () => {
    fc.assert(
      fc.property(
        load,
        eclipseFraction,
        period,
        fc.constantFrom('ppt', 'det'),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (P, f, T, regulation, dod, eta) => {
          const r = run({
            load_kw: P,
            eclipse_fraction: f,
            period_min: T,
            regulation,
            battery: { depth_of_discharge: dod, discharge_efficiency: eta },
          });
          const Te = f * T;
          // Independent of the estimator's own energy_per_orbit: from the inputs and the sized figures.
          const delivered_kwh = (r.array_area_m2 * r.eol_w_per_m2 * (T - Te)) / 60 / 1000;
          const needed_kwh = (P * Te) / 60 / r.path_efficiency.eclipse + (P * (T - Te)) / 60 / r.path_efficiency.daylight;
          expect(delivered_kwh).toBeGreaterThanOrEqual(needed_kwh * (1 - 1e-9));
          expect(delivered_kwh).toBeGreaterThan((P * T) / 60 - 1e-9);
          // Relative slack for rounding, and 1e-12 kWh absolute for subnormal eclipses (f ~ 1e-323).
          expect(r.battery_energy_kwh * dod * eta).toBeGreaterThanOrEqual(((P * Te) / 60) * (1 - 1e-9) - 1e-12);
          expect(r.path_efficiency.eclipse).toBe(regulation === 'ppt' ? 0.6 : 0.65);
        },
      ),
    );
  });
});

describe('power model: units', () => {
  it('unit strings give the same answers as numbers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 1e5, noNaN: true }),
        fc.double({ min: 300, max: 1500, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 100, max: 300, noNaN: true }),
        (P, h, y, sp) => {
          const common = { epoch: '2026-01-01T00:00:00Z', ground: { latitude_deg: 40 } };
          // Both parse and answer (runModel throws otherwise).
          const a = run({
            ...common,
            load_kw: P,
            orbit: { altitude_km: h, inclination_deg: 53 },
            mission_years: y,
            array: { specific_power_w_per_kg: sp },
          });
          const s = run({
            ...common,
            load_kw: `${P / 1000} MW`,
            orbit: { altitude_km: `${h * 1000} m`, inclination_deg: '53 deg' },
            mission_years: `${y * 12} month`,
            array: { specific_power_w_per_kg: `${sp / 1000} kW/kg` },
          });
          for (const field of [
            'array_area_m2',
            'array_mass_kg',
            'battery_energy_kwh',
            'eol_w_per_m2',
            'orbit_to_ground_energy_ratio',
          ])
            expect(s[field] / a[field], field).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('battery depth of discharge from the cycle count', () => {
  it('more charge–discharge cycles over the mission, a shallower depth of discharge (never deeper)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (c1, c2) => {
        const [few, many] = c1 < c2 ? [c1, c2] : [c2, c1];
        const a = depthOfDischargeForCycles(few, BATTERY_CYCLE_LIFE);
        const b = depthOfDischargeForCycles(many, BATTERY_CYCLE_LIFE);
        expect(b).toBeLessThanOrEqual(a);
        for (const d of [a, b]) {
          expect(d).toBeGreaterThan(0);
          expect(d).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('through the estimator: a longer mission in the same orbit never sizes a deeper depth of discharge', () => {
    fc.assert(
      fc.property(years, years, period, eclipseFraction, (y1, y2, T, f) => {
        fc.pre(f > 0.01);
        const [short, long] = y1 < y2 ? [y1, y2] : [y2, y1];
        const a = run({ load_kw: 1000, eclipse_fraction: f, period_min: T, mission_years: short });
        const b = run({ load_kw: 1000, eclipse_fraction: f, period_min: T, mission_years: long });
        expect(b.battery_depth_of_discharge).toBeLessThanOrEqual(a.battery_depth_of_discharge as number);
        expect(b.battery_energy_kwh).toBeGreaterThanOrEqual(a.battery_energy_kwh * (1 - 1e-12));
      }),
    );
  });

  it('each life-test point of the table is returned as it is', () => {
    for (const point of BATTERY_CYCLE_LIFE)
      expect(depthOfDischargeForCycles(point.cycles, BATTERY_CYCLE_LIFE)).toBeCloseTo(point.depth_of_discharge, 12);
  });

  it('the cycles tested at a depth are the inverse: the depth those cycles allow is that depth', () => {
    const cycles = BATTERY_CYCLE_LIFE.map((t) => t.cycles);
    fc.assert(
      fc.property(fc.double({ min: Math.min(...cycles), max: Math.max(...cycles), noNaN: true }), (c) => {
        const depth = depthOfDischargeForCycles(c, BATTERY_CYCLE_LIFE);
        expect(cyclesForDepthOfDischarge(depth, BATTERY_CYCLE_LIFE) / c).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('orbit-average heat', () => {
  it('P_sa·T_d/T equals the closed form load·(f/X_e + (1 − f)/X_d), and exceeds the load', () => {
    fc.assert(
      fc.property(load, eclipseFraction, period, fc.constantFrom('ppt', 'det'), (P, f, T, regulation) => {
        const r = run({ load_kw: P, eclipse_fraction: f, period_min: T, regulation });
        const closed = orbitAverageHeatKw(P, f, r.path_efficiency.eclipse, r.path_efficiency.daylight);
        expect(Math.abs(r.orbit_average_heat_kw / closed - 1)).toBeLessThan(1e-9);
        expect(r.orbit_average_heat_kw).toBeGreaterThan(P);
      }),
    );
  });
});
