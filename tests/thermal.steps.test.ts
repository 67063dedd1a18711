/**
 * The named steps of the thermal model on their own: the case the input schema makes of a request
 * (one mode each), and the steps that carry physics, each against its closed form or a published
 * figure (the Earth's effective emission temperature; the terrestrial year of 8,760 h).
 */
import { describe, expect, it } from 'vitest';
import { CODATA_2018_SIGMA_W_M2_K4 as SIGMA } from '../models/constants.js';
import { eclipseFraction } from '../models/orbit.js';
import { orbitAverageHeatKw } from '../models/power.js';
import { Provenance } from '../models/provenance.js';
import {
  chipCoolantTempK,
  earthIrFlux,
  edgeOnViewFactor,
  equilibriumTemperature,
  faceEarthViewFactors,
  heatPumpBranch,
  heatPumpCop,
  hotSide,
  nadirViewFactor,
  type Radiator,
  radiatorCapacity,
  radiatorFigures,
  resolveHeat,
  sizeArea,
  ThermalInput,
  terrestrialComparison,
} from '../models/thermal.js';

/** An isothermal two-sided ε 0.9 panel absorbing 150 W/m²: k = nεσ, its sink (a/k)^¼. */
const k = 2 * 0.9 * SIGMA;
const absorbed = 150;
const radiator: Radiator = { k, absorbed, sink: (absorbed / k) ** 0.25, coolantDeltaT: 0 };
const noPump = (tIn: number) => ({ tIn, rejectPerHeat: 1, heat_pump: null });

describe('the input schema makes the case: one mode each', () => {
  it('two of heat, temperature and area: the third is the mode', () => {
    expect(ThermalInput.parse({ heat_kw: 1000, radiator_temp_k: 300 }).sizing).toEqual({
      mode: 'area',
      heat: { basis: 'heat_kw', heat_kw: 1000 },
      temperature: { radiator_temp_k: 300, pointer: '/radiator_temp_k' },
      heat_pump: null,
    });
    expect(ThermalInput.parse({ heat_kw: 1000, area_m2: 2000 }).sizing).toEqual({
      mode: 'temperature',
      heat: { basis: 'heat_kw', heat_kw: 1000 },
      area_m2: 2000,
    });
    expect(ThermalInput.parse({ area_m2: 2000, radiator_temp_k: 300 }).sizing).toMatchObject({ mode: 'capacity' });
    expect(ThermalInput.parse({ radiator_temp_k: 300 }).sizing).toMatchObject({ mode: 'flux', heat_pump: null });
  });

  it('the heat by its basis, the temperature from the chips, the heat pump’s source from them too', () => {
    const c = ThermalInput.parse({
      load_kw: 800,
      chip: { die_limit_k: 358.15, die_to_coolant_k: 25 },
      heat_pump: {},
      radiator_temp_k: 380,
    });
    expect(c.sizing).toEqual({
      mode: 'area',
      heat: { basis: 'energy_balance', load_kw: 800, daylight_path_efficiency: undefined, eclipse_path_efficiency: undefined },
      temperature: { radiator_temp_k: 380, pointer: '/radiator_temp_k' },
      heat_pump: { source_temp_k: 358.15 - 25, carnot_fraction: undefined },
    });
    const chips = ThermalInput.parse({ heat_kw: 1, chip: { die_limit_k: 358.15, die_to_coolant_k: 25 } });
    expect(chips.sizing).toMatchObject({ temperature: { radiator_temp_k: 358.15 - 25, pointer: '/chip' } });
    const converted = ThermalInput.parse({ load_kw: 800, conversion_efficiency: 0.8, radiator_temp_k: 300 });
    expect(converted.sizing).toMatchObject({
      heat: { basis: 'conversion_efficiency', load_kw: 800, conversion_efficiency: 0.8 },
    });
  });

  it('the place, the environment and the attitude', () => {
    expect(ThermalInput.parse({ radiator_temp_k: 300, altitude_km: 550 }).place).toEqual({
      from: 'altitude_km',
      altitude_km: 550,
    });
    expect(ThermalInput.parse({ radiator_temp_k: 300 }).place).toEqual({ from: 'default' });
    const none = ThermalInput.parse({ radiator_temp_k: 300, environment: 'none', albedo: 0.4, orientation: 'nadir' });
    expect(none.environment).toEqual({ environment: 'none', ignored: ['orientation', 'albedo'] });
    const orbit = ThermalInput.parse({ radiator_temp_k: 300, earth_temp_k: 253.15 }).environment;
    expect(orbit).toMatchObject({ environment: 'orbit', attitude: { orientation: 'default' } });
    expect(orbit).toMatchObject({ earth_ir: { from: 'earth_temp_k', earth_temp_k: 253.15 } });
    const tilted = ThermalInput.parse({
      radiator_temp_k: 300,
      orientation: 'tilted',
      tilt_deg: 30,
      solar_incidence_fraction: 0.5,
    });
    expect(tilted.environment).toMatchObject({
      attitude: { orientation: 'tilted', tilt_deg: 30, solar_incidence_fraction: 0.5 },
    });
    const stated = ThermalInput.parse({ radiator_temp_k: 300, earth_view_factor: 0.25, solar_incidence_fraction: 1 });
    expect(stated.environment).toMatchObject({ attitude: { orientation: null, earth_view_factor: 0.25 } });
  });
});

describe('geometry and loads', () => {
  it('face view factors: nadir sees the whole cap in front and nothing behind; edge-on sees the same on both faces', () => {
    expect(faceEarthViewFactors(550, 0, 2)).toEqual([nadirViewFactor(550), 0]);
    const [front, back] = faceEarthViewFactors(550, 90, 2);
    expect(front).toBeCloseTo(edgeOnViewFactor(550), 12);
    expect(back).toBeCloseTo(edgeOnViewFactor(550), 12);
    expect(faceEarthViewFactors(550, 0, 1)).toEqual([nadirViewFactor(550)]);
  });

  it('the Earth’s infrared from its effective emission temperature: σ·(255 K)⁴ ≈ 240 W/m²', () => {
    const p = new Provenance();
    expect(earthIrFlux({ from: 'earth_temp_k', earth_temp_k: 255 }, SIGMA, p)).toBeCloseTo(239.76, 2);
    expect(earthIrFlux({ from: 'earth_ir_w_per_m2', earth_ir_w_per_m2: 200 }, SIGMA, p)).toBe(200);
    expect(p.assumptions).toEqual([]);
    expect(earthIrFlux({ from: 'earth_ir_w_per_m2', earth_ir_w_per_m2: undefined }, SIGMA, p)).toBe(237);
    expect(p.assumptions.map((a) => a.name)).toEqual(['earth_ir_w_per_m2']);
  });

  it('the chips’ hottest coolant: die limit − die-to-coolant drop, 85 °C − 25 K = 333.15 K', () => {
    expect(chipCoolantTempK({ die_limit_k: 358.15, die_to_coolant_k: 25 })).toBeCloseTo(333.15, 12);
  });
});

describe('the modes, against the isothermal closed form A = Q / (nεσT⁴ − a)', () => {
  const Q_kw = 1000;
  const T = 320;
  const closedArea = (Q_kw * 1e3) / (k * T ** 4 - absorbed);

  it('area: the heat over the net flux', () => {
    const sized = sizeArea(Q_kw, noPump(T), radiator);
    expect(sized).toMatchObject({ mode: 'area', tIn: T, rejected_kw: Q_kw, heat_kw: Q_kw });
    expect((sized.area_m2 as number) / closedArea).toBeCloseTo(1, 12);
  });

  it('capacity and equilibrium temperature invert it', () => {
    expect((radiatorCapacity(closedArea, noPump(T), radiator).heat_kw as number) / Q_kw).toBeCloseTo(1, 12);
    const eq = equilibriumTemperature(closedArea, Q_kw, radiator);
    expect(eq.tIn).toBeCloseTo(T, 9);
    expect(eq).toMatchObject({ mode: 'temperature', area_m2: closedArea, rejected_kw: Q_kw, rejectPerHeat: 1 });
  });

  it('per m² and per MW: isothermal, the effective temperature is the inlet’s and it emits kT⁴', () => {
    const f = radiatorFigures(radiator, T, 1);
    expect(f.tEff).toBeCloseTo(T, 9);
    expect(f.emitted).toBeCloseTo(k * T ** 4, 6);
    expect(f.net).toBeCloseTo(k * T ** 4 - absorbed, 6);
    expect(f.perMwArea / (1e6 / (k * T ** 4 - absorbed))).toBeCloseTo(1, 12);
    expect(f.idealPerMwArea / (1e6 / (k * T ** 4))).toBeCloseTo(1, 12);
    // With a heat pump the radiator rejects (1 + 1/COP) per unit of chip heat.
    expect(radiatorFigures(radiator, T, 1.25).perMwArea / f.perMwArea).toBeCloseTo(1.25, 12);
  });

  it('a hot side not above the sink is refused (422) naming the temperature’s field, or the coolant drop', () => {
    const p = new Provenance();
    const at = (radiator_temp_k: number, pointer: '/radiator_temp_k' | '/chip') => ({ radiator_temp_k, pointer });
    expect(() => hotSide(at(radiator.sink, '/chip'), null, 1, radiator, p)).toThrow(
      expect.objectContaining({ pointer: '/chip' }),
    );
    const withDrop = { ...radiator, coolantDeltaT: 10 };
    expect(() => hotSide(at(radiator.sink + 5, '/radiator_temp_k'), null, 1, withDrop, p)).toThrow(
      expect.objectContaining({ pointer: '/coolant_delta_t_k' }),
    );
    expect(hotSide(at(T, '/radiator_temp_k'), null, 1, radiator, p)).toEqual(noPump(T));
  });
});

describe('the heat pump', () => {
  it('COP = f·T_source/(T_radiator − T_source); the radiator rejects heat·(1 + 1/COP); the work is heat/COP', () => {
    expect(heatPumpCop(0.5, 300, 350)).toBeCloseTo(3, 12);
    const p = new Provenance();
    const { rejectPerHeat, heat_pump } = heatPumpBranch({ source_temp_k: 300, carnot_fraction: 0.5 }, 350, 900, radiator, p);
    expect(rejectPerHeat).toBeCloseTo(1 + 1 / 3, 12);
    expect(heat_pump).toMatchObject({ source_temp_k: 300, carnot_fraction: 0.5 });
    expect(heat_pump.cop).toBeCloseTo(3, 12);
    expect(heat_pump.work_kw).toBeCloseTo(300, 9);
    expect(heat_pump.work_kw_per_mw).toBeCloseTo(1000 / 3, 9);
    const direct = 1e6 / (k * 300 ** 4 - absorbed);
    const pumped = (1e6 * (1 + 1 / 3)) / (k * 350 ** 4 - absorbed);
    expect(heat_pump.area_m2_per_mw_without_pump as number).toBeCloseTo(direct, 6);
    expect(heat_pump.area_ratio as number).toBeCloseTo(pumped / direct, 9);
    expect(p.assumptions).toEqual([]);
  });

  it('the Carnot fraction defaults with its source; a pump that would not lift is refused (422)', () => {
    const p = new Provenance();
    heatPumpBranch({ source_temp_k: 300, carnot_fraction: undefined }, 350, null, radiator, p);
    expect(p.assumptions.map((a) => a.name)).toEqual(['heat_pump.carnot_fraction']);
    expect(() => heatPumpBranch({ source_temp_k: 360, carnot_fraction: 0.5 }, 350, null, radiator, p)).toThrow(
      expect.objectContaining({ pointer: '/radiator_temp_k' }),
    );
  });
});

describe('the heat and the ground', () => {
  it('heat by its basis: given, a load over its conversion efficiency, a load’s energy balance at beta 0', () => {
    const p = new Provenance();
    expect(resolveHeat({ basis: 'heat_kw', heat_kw: 5 }, { from: 'default' }, null, p).heat_kw).toBe(5);
    const converted = resolveHeat(
      { basis: 'conversion_efficiency', load_kw: 800, conversion_efficiency: 0.8 },
      { from: 'default' },
      null,
      p,
    );
    expect(converted.heat_kw).toBeCloseTo(1000, 12);
    const balance = resolveHeat(
      { basis: 'energy_balance', load_kw: 1000, daylight_path_efficiency: 0.85, eclipse_path_efficiency: 0.65 },
      { from: 'altitude_km', altitude_km: 550 },
      550,
      p,
    );
    const f = eclipseFraction(550, 0);
    expect(balance.eclipse_fraction).toBe(f);
    expect(balance.heat_kw).toBeCloseTo(orbitAverageHeatKw(1000, f, 0.65, 0.85), 12);
    expect(balance.heat_kw).toBeCloseTo(1000 * (f / 0.65 + (1 - f) / 0.85), 9);
  });

  it('the terrestrial facility energy: (PUE − 1) × IT load over 8,760 h', () => {
    const p = new Provenance();
    const t = terrestrialComparison(1.5, 800, 1000, p);
    expect(t).toMatchObject({ pue: 1.5, it_load_kw: 800 });
    expect(t.overhead_kw).toBeCloseTo(400, 12);
    expect(t.overhead_mwh_per_year).toBeCloseTo(400 * 8.76, 9);
    expect(t.per_mw.overhead_mwh_per_year).toBeCloseTo(500 * 8.76, 9);
    expect(terrestrialComparison(1.5, undefined, null, p)).toMatchObject({ it_load_kw: null, overhead_kw: null });
    expect(p.assumptions).toEqual([]);
  });
});
