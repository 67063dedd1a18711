/**
 * The thermal model run directly (input schema, model, output schema) through runModel: the modes,
 * the options (finish, load, chip, heat pump, coolant drop), provenance, and the warnings about the
 * defaults that flatter orbit. Statuses and pointers are tests/thermal.api.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, FINISHES, SOURCES } from '../fixtures/index.js';
import { edgeOnViewFactor, nadirViewFactor, thermalEstimator } from '../models/thermal.js';
import { runModel } from './helpers.js';

const SIGMA = 5.670374419e-8;
const names = (body: { assumptions: { name: string }[] }) => body.assumptions.map((a) => a.name);
const thermal = (body: unknown) => runModel(thermalEstimator, body);

describe('thermal model: answers', () => {
  it('edge-on and nadir panels at 550 km: geometry, loads and the balance add up', () => {
    for (const [orientation, F] of [
      ['edge_on', 2 * edgeOnViewFactor(550)],
      ['nadir', nadirViewFactor(550)],
    ] as const) {
      const b = thermal({ heat_kw: 1000, radiator_temp_k: 300, orientation, altitude_km: 550 });
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

  it('a finish supplies α and ε with its own source; explicit values override it', () => {
    const f = FINISHES['osr-silvered-quartz']!;
    const res = thermal({ radiator_temp_k: 320, finish: 'osr-silvered-quartz' });
    expect(res).toMatchObject({ emissivity: f.emissivity, absorptivity: f.absorptivity, mode: 'flux', area_m2: null });
    expect(res.assumptions).toEqual(
      expect.arrayContaining([{ name: 'emissivity', value: f.emissivity, unit: '1', source: f.source }]),
    );
    const over = thermal({ radiator_temp_k: 320, finish: 'osr-silvered-quartz', emissivity: 0.85 });
    expect(over.emissivity).toBe(0.85);
    expect(over.absorptivity).toBe(f.absorptivity);
  });

  it('load_kw: the heat includes the conversion losses', () => {
    const res = thermal({ load_kw: 800, radiator_temp_k: 300, conversion_efficiency: 0.8 });
    expect(res.heat_kw).toBeCloseTo(800 / 0.8, 9);
    expect(res.terrestrial.it_load_kw).toBe(800);
    expect(res.terrestrial.overhead_kw).toBeCloseTo(800 * (DEFAULTS['terrestrial.pue'].value - 1), 9);
  });

  it('terrestrial comparison: (PUE − 1) of the IT load, all year', () => {
    const res = thermal({ heat_kw: 2000, radiator_temp_k: 300, pue: 1.2 });
    expect(res.terrestrial).toMatchObject({ pue: 1.2, it_load_kw: 2000 });
    expect(res.terrestrial.overhead_kw).toBeCloseTo(400, 9);
    expect(res.terrestrial.overhead_mwh_per_year).toBeCloseTo(400 * 8.76, 9);
    expect(res.terrestrial.per_mw.overhead_mwh_per_year).toBeCloseTo(200 * 8.76, 9);
    expect(names(res)).not.toContain('pue');
  });

  it('equilibrium temperature of a given area, and the heat a given area rejects', () => {
    const eq = thermal({ heat_kw: 1000, area_m2: 2000, environment: 'none', emissivity: 0.9, sides: 2 });
    expect(eq.mode).toBe('temperature');
    expect(eq.radiator_temp_k).toBeCloseTo((1e6 / 2000 / (2 * 0.9 * SIGMA)) ** 0.25, 9);
    const cap = thermal({
      area_m2: 2000,
      radiator_temp_k: eq.radiator_temp_k,
      environment: 'none',
      emissivity: 0.9,
      sides: 2,
    });
    expect(cap.mode).toBe('capacity');
    expect(cap.heat_kw).toBeCloseTo(1000, 6);
  });

  it('the chip chain sets the radiator temperature; a heat pump adds its work to the heat', () => {
    const chip = thermal({ heat_kw: 1000, chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 } });
    expect(chip.radiator_temp_k).toBeCloseTo(358.15 - 25, 9);
    expect(chip.chip.coolant_temp_k).toBeCloseTo(333.15, 9);

    const pumped = thermal({
      heat_kw: 1000,
      chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 },
      heat_pump: { carnot_fraction: 0.4 },
      radiator_temp_k: 380,
    });
    const hp = pumped.heat_pump;
    expect(hp.cop).toBeCloseTo((0.4 * 333.15) / (380 - 333.15), 9);
    expect(hp.work_kw).toBeCloseTo(1000 / hp.cop, 9);
    expect(pumped.rejected_kw).toBeCloseTo(1000 + hp.work_kw, 9);
    expect(pumped.area_m2).toBeCloseTo((pumped.rejected_kw * 1000) / pumped.net_w_per_m2, 6);
    // Without the pump, the same chips radiate at the coolant temperature: the direct case above.
    expect(hp.area_m2_per_mw_without_pump).toBeCloseTo(chip.area_m2, 6);
    expect(hp.area_ratio).toBeCloseTo(pumped.area_m2 / chip.area_m2, 9);
  });

  it('a coolant drop: inlet, outlet and the effective temperature between them', () => {
    const res = thermal({ heat_kw: 1000, radiator_temp_k: 330, coolant_delta_t_k: 30 });
    expect(res).toMatchObject({ radiator_temp_k: 330, radiator_outlet_temp_k: 300 });
    expect(res.effective_radiator_temp_k).toBeGreaterThan(300);
    expect(res.effective_radiator_temp_k).toBeLessThan(330);
  });

  it('environment "none" is the ideal radiator and says what it ignored', () => {
    const res = thermal({
      heat_kw: 1000,
      radiator_temp_k: 300,
      environment: 'none',
      orientation: 'nadir',
      albedo: 0.4,
    });
    expect(res).toMatchObject({
      sink_temp_k: 0,
      absorbed_w_per_m2: 0,
      earth_view_factor: 0,
      orientation: null,
      absorptivity: null,
    });
    expect(res.warnings.join(' ')).toMatch(/ignored orientation, albedo/);
    expect(names(res)).not.toContain('albedo');
  });

  it('an orbit gives the altitude (its mean altitude), without the orbit’s own defaults', () => {
    const res = thermal({ radiator_temp_k: 300, orientation: 'nadir', orbit: { altitude_km: 550 } });
    expect(res.altitude_km).toBe(550);
    expect(res.earth_view_factor).toBeCloseTo(nadirViewFactor(550), 12);
    expect(names(res)).not.toContain('orbit.inclination_deg');
    expect(names(res)).not.toContain('epoch');
  });
});

describe('thermal: the defaults that flatter orbit, made visible', () => {
  const base = { heat_kw: '1 MW', radiator_temp_k: 318.15, orientation: 'edge_on', altitude_km: 550 };
  const kg = (x: number) => `${Math.round(x).toLocaleString('en-US')} kg`;
  const m2 = (x: number) => `${Math.round(x).toLocaleString('en-US')} m²`;

  it('the default 5 kg/m²: what this radiator would weigh at the ISS radiators’ as-flown density', () => {
    const res = thermal(base);
    const iss = DEFAULTS['thermal.iss_as_flown_areal_density_kg_per_m2'];
    expect(iss.value).toBeGreaterThan(14);
    expect(iss.value).toBeLessThan(17.5);
    expect(SOURCES).toHaveProperty(iss.source);
    const warning = res.warnings.find((w: string) => /ISS/.test(w));
    expect(warning, res.warnings.join('\n')).toBeDefined();
    expect(warning).toContain(`${iss.value} kg/m²`);
    expect(warning).toContain(kg(res.area_m2 * iss.value));
    expect(warning).toContain(kg(res.mass_kg));
    // Given by the caller, it is the caller's figure: no such warning.
    const given = thermal({ ...base, areal_density_kg_per_m2: 12 });
    expect(given.warnings.join(' ')).not.toMatch(/ISS/);
  });

  it('the default isothermal panel: what it assumes, and the area with a representative coolant drop', () => {
    const res = thermal(base);
    const dT = DEFAULTS['thermal.representative_coolant_delta_t_k'].value;
    expect(dT).toBeGreaterThanOrEqual(10);
    expect(dT).toBeLessThanOrEqual(20);
    const withDrop = thermal({ ...base, coolant_delta_t_k: dT });
    expect(withDrop.area_m2).toBeGreaterThan(res.area_m2);
    const warning = res.warnings.find((w: string) => /isothermal/.test(w));
    expect(warning, res.warnings.join('\n')).toBeDefined();
    expect(warning).toContain(`${dT} K`);
    expect(warning).toContain(m2(withDrop.area_m2));
    expect(warning).toContain(kg(withDrop.mass_kg));
    // A coolant drop of the caller's own (even 0): no such warning.
    for (const coolant_delta_t_k of [0, 10]) {
      const given = thermal({ ...base, coolant_delta_t_k });
      expect(given.warnings.join(' ')).not.toMatch(/isothermal/);
    }
  });

  it('per MW when there is no heat, and the inlet temperature when the area is given', () => {
    const flux = thermal({ radiator_temp_k: 318.15, altitude_km: 550 });
    const dT = DEFAULTS['thermal.representative_coolant_delta_t_k'].value;
    const fluxDrop = thermal({ radiator_temp_k: 318.15, altitude_km: 550, coolant_delta_t_k: dT });
    expect(flux.warnings.find((w: string) => /isothermal/.test(w))).toContain(`${m2(fluxDrop.per_mw.area_m2)} per MW`);
    expect(flux.warnings.find((w: string) => /ISS/.test(w))).toMatch(/per MW/);
    const eq = thermal({ heat_kw: 1000, area_m2: 2000, altitude_km: 550 });
    const eqDrop = thermal({ heat_kw: 1000, area_m2: 2000, altitude_km: 550, coolant_delta_t_k: dT });
    expect(eq.warnings.find((w: string) => /isothermal/.test(w))).toContain(`${eqDrop.radiator_temp_k.toFixed(1)} K`);
  });
});
