/**
 * The named steps of the power model on their own: the case the input schema makes of a request
 * (the eclipse, the array's output and mass, the ground panel, one source each), and the steps that
 * carry physics against their closed forms (SMAD sec. 11.4; a 365-day year of 8,760 h).
 */
import { describe, expect, it } from 'vitest';
import { CELLS } from '../fixtures/index.js';
import {
  arrayMass,
  arrayPowerKw,
  batteryEnergyKwh,
  bolWPerM2,
  dcCapacityFactor,
  designLoadKw,
  durationFraction,
  energyPerOrbit,
  extraterrestrialHorizontalKwhPerM2Year,
  givenEclipse,
  latitudeGround,
  lifeDegradation,
  PowerInput,
  resolveCell,
} from '../models/power.js';
import { Provenance } from '../models/provenance.js';

const given = { load_kw: 1000, eclipse_fraction: 0.35, period_min: 95 };

describe('the input schema makes the case: one source each', () => {
  it('the eclipse: an orbit, a fraction or a duration, each with what it needs and nothing else', () => {
    expect(PowerInput.parse(given).eclipse).toEqual({ from: 'eclipse_fraction', eclipse_fraction: 0.35, period_min: 95 });
    expect(PowerInput.parse({ load_kw: 1, eclipse_duration_min: 35, period_min: 95 }).eclipse).toEqual({
      from: 'eclipse_duration_min',
      eclipse_duration_min: 35,
      period_min: 95,
    });
    const orbit = PowerInput.parse({ load_kw: 1, orbit: { altitude_km: 550 }, sizing_window_days: 90 }).eclipse;
    expect(orbit).toMatchObject({ from: 'orbit', epoch: undefined, sizing_window_days: 90 });
  });

  it('the array: the cell model (a catalogue id, figures, or the default) or w_per_m2; mass by specific power or areal density', () => {
    expect(PowerInput.parse({ ...given, cell: 'silicon' }).array.output).toEqual({
      from: 'cell',
      cell: {
        from: 'catalogue',
        technology: 'silicon',
        efficiency: undefined,
        degradation_per_year: undefined,
        inherent_degradation: undefined,
      },
    });
    const figures = PowerInput.parse({ ...given, cell: { efficiency: 0.3, degradation_per_year: 0.01 } }).array.output;
    expect(figures).toMatchObject({ cell: { from: 'figures', efficiency: 0.3, degradation_per_year: 0.01 } });
    const w = PowerInput.parse({ ...given, array: { w_per_m2: 300, areal_density_kg_per_m2: 2 } }).array;
    expect(w).toMatchObject({
      output: { from: 'w_per_m2', w_per_m2: 300 },
      mass: { from: 'areal_density', areal_density_kg_per_m2: 2 },
    });
    expect(PowerInput.parse(given).array.mass).toEqual({ from: 'specific_power', specific_power_w_per_kg: undefined });
  });

  it('the ground panel: a latitude, a DC or an AC capacity factor (the default)', () => {
    expect(PowerInput.parse({ ...given, ground: { latitude_deg: 35 } }).ground).toEqual({
      method: 'latitude',
      latitude_deg: 35,
      clearness_index: undefined,
    });
    expect(PowerInput.parse({ ...given, ground: { capacity_factor: 0.2 } }).ground).toEqual({
      method: 'capacity_factor',
      capacity_factor: 0.2,
    });
    expect(PowerInput.parse(given).ground).toEqual({
      method: 'capacity_factor_ac',
      capacity_factor_ac: undefined,
      inverter_loading_ratio: undefined,
    });
  });
});

describe('SMAD closed forms (sec. 11.4)', () => {
  it('P_sa = (P_e·T_e/X_e + P_d·T_d/X_d)/T_d: without eclipse the load over X_d', () => {
    expect(arrayPowerKw(1000, 0, 0.6, 1000, 95, 0.8)).toBeCloseTo(1250, 9);
    expect(arrayPowerKw(1000, 35, 0.6, 1000, 60, 0.8)).toBeCloseTo((1000 * 35) / 0.6 / 60 + 1000 / 0.8, 9);
  });

  it('P_BOL = S0·η·I_d·cos θ, life degradation (1 − d)^years, battery E = P_e·T_e/(DoD·η_dis)', () => {
    expect(bolWPerM2(1361, 0.3, 0.77)).toBeCloseTo(314.391, 9);
    expect(bolWPerM2(1361, 0.3, 0.77, 60)).toBeCloseTo(314.391 / 2, 9);
    expect(lifeDegradation(0.01, 5)).toBeCloseTo(0.99 ** 5, 12);
    expect(batteryEnergyKwh(1000, 36, 0.3, 0.9)).toBeCloseTo(600 / 0.27, 9);
  });

  it('the energy over a revolution: the array sized by P_sa delivers exactly the load grossed up by the path efficiencies', () => {
    const Te = 35;
    const Td = 60;
    const path = { regulation: 'ppt' as const, daylight: 0.8, eclipse: 0.6 };
    const Psa = arrayPowerKw(1000, Te, path.eclipse, 1000, Td, path.daylight);
    const e = givenEclipse(Te / (Te + Td), Te + Td);
    const energy = energyPerOrbit(1000, Psa, e, Te, Td, path);
    expect(energy.array_kwh / energy.required_kwh).toBeCloseTo(1, 12);
    expect(energy.load_kwh).toBeCloseTo((1000 * 95) / 60, 9);
    expect(energy.required_kwh).toBeGreaterThan(energy.load_kwh);
  });
});

describe('the eclipse given', () => {
  it('a duration is its share of the period, T_e/T; one as long as the period is refused (422)', () => {
    expect(durationFraction(35, 95)).toBeCloseTo(35 / 95, 15);
    expect(() => durationFraction(95, 95)).toThrow(expect.objectContaining({ pointer: '/eclipse_duration_min' }));
  });

  it('sizes the battery and the energy figures alike, an eclipse every revolution of a 365-day year', () => {
    const e = givenEclipse(0.35, 95);
    expect(e.sizing).toMatchObject({ basis: 'given', eclipse_fraction: 0.35, beta_deg: null });
    expect(e.sizing.eclipse_min).toBeCloseTo(0.35 * 95, 12);
    expect(e.sunlitFraction).toBeCloseTo(0.65, 15);
    expect(e.eclipsesPerYear).toBeCloseTo((8760 * 60) / 95, 9);
    expect(givenEclipse(0, 95).eclipsesPerYear).toBe(0);
    expect(() => givenEclipse(1, 95)).toThrow(expect.objectContaining({ pointer: '/eclipse_fraction' }));
  });
});

describe('load, cell, mass and ground', () => {
  it('the design load: the load over (1 − the extra loss), the default loss 0 recorded', () => {
    const p = new Provenance();
    expect(designLoadKw(PowerInput.parse({ ...given, extra_loss_fraction: 0.2 }), p)).toBeCloseTo(1250, 9);
    expect(designLoadKw(PowerInput.parse(given), p)).toBe(1000);
    expect(p.assumptions.map((a) => a.name)).toEqual(['extra_loss_fraction']);
  });

  it('the cell: explicit figures need no catalogue; a technology gives what is not given, with its sources', () => {
    const p = new Provenance();
    const figures = resolveCell({ from: 'figures', efficiency: 0.3, degradation_per_year: 0.01, inherent_degradation: 0.85 }, p);
    expect(figures).toEqual({ technology: null, efficiency: 0.3, degradation: 0.01, inherent: 0.85 });
    expect(p.assumptions).toEqual([]);
    const silicon = CELLS.silicon!;
    const cat = resolveCell(
      {
        from: 'catalogue',
        technology: 'silicon',
        efficiency: 0.2,
        degradation_per_year: undefined,
        inherent_degradation: undefined,
      },
      p,
    );
    expect(cat).toEqual({ technology: 'silicon', efficiency: 0.2, degradation: silicon.degradation_per_year, inherent: 0.77 });
    expect(p.assumptions).toEqual([
      {
        name: 'cell.degradation_per_year',
        value: silicon.degradation_per_year,
        unit: '1/year',
        source: silicon.sources.degradation_per_year,
      },
      expect.objectContaining({ name: 'cell.inherent_degradation', value: 0.77 }),
    ]);
  });

  it('array mass: area × areal density, or beginning-of-life power over specific power', () => {
    const p = new Provenance();
    expect(arrayMass({ from: 'areal_density', areal_density_kg_per_m2: 2 }, 1000, 300, p).mass).toBe(2000);
    expect(arrayMass({ from: 'specific_power', specific_power_w_per_kg: 100 }, 1000, 300, p).mass).toBeCloseTo(3000, 9);
    expect(p.warnings).toEqual([]);
  });

  it('the latitude model: top-of-atmosphere sunlight on a horizontal plane × the clearness index (default recorded)', () => {
    const p = new Provenance();
    const given = latitudeGround(35, 0.5, 1361, p);
    expect(given.kwh).toBeCloseTo(extraterrestrialHorizontalKwhPerM2Year(35, 1361) * 0.5, 9);
    expect(given.fields).toMatchObject({ method: 'latitude', latitude_deg: 35, clearness_index: 0.5, capacity_factor_dc: null });
    expect(p.assumptions).toEqual([]);
    const byDefault = latitudeGround(35, undefined, 1361, p);
    expect(p.assumptions.map((a) => a.name)).toEqual(['ground.clearness_index']);
    expect(byDefault.kwh / given.kwh).toBeCloseTo((byDefault.fields.clearness_index as number) / 0.5, 12);
  });

  it('a ground plant’s DC capacity factor: as given, or its AC one over the inverter loading ratio', () => {
    const p = new Provenance();
    expect(dcCapacityFactor({ method: 'capacity_factor', capacity_factor: 0.2 }, p).cf).toBe(0.2);
    const ac = dcCapacityFactor({ method: 'capacity_factor_ac', capacity_factor_ac: 0.26, inverter_loading_ratio: 1.3 }, p);
    expect(ac.cf).toBeCloseTo(0.2, 12);
    expect(p.assumptions).toEqual([]);
  });
});
