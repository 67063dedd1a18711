/**
 * The break-even launch price is a root of the full economics model: fed back as the launch
 * price, the cost ratio is 1. Same for the hardware $/W given when no launch price closes the gap.
 * Run on the model directly (an answer that is not 200 throws).
 */
import { describe, expect, it } from 'vitest';
import { economicsEstimator } from '../models/economics.js';
import { runModel } from './helpers.js';

const economics = (input: unknown) => runModel(economicsEstimator, input);
const oneInABillion = 1e-9;

/** 1 GW for 5 years (rolled up in the reference orbit) with hardware cheap enough for launch to matter. */
const base = { load_kw: '1 GW', mission_years: 5, satellite_usd_per_w: 0.5, nre_usd: 0 };

describe('break-even, fed back', () => {
  it('per-kg launch price: the ratio at the break-even price is 1', () => {
    const first = economics({ ...base, launch_usd_per_kg: 1000 });
    const p = first.breakeven_launch_usd_per_kg;
    expect(p).toBeGreaterThan(0);
    const again = economics({ ...base, launch_usd_per_kg: p });
    expect(Math.abs(again.cost_ratio - 1)).toBeLessThan(oneInABillion);
    expect(first.breakeven.cost_ratio_at_breakeven).toBeCloseTo(1, 9);
  });

  it('whole launches on a vehicle: the root holds for the price per launch it implies', () => {
    const first = economics({ ...base, vehicle: 'starship' });
    const p = first.breakeven_launch_usd_per_kg;
    expect(p).toBeGreaterThan(0);
    const again = economics({ ...base, vehicle: { id: 'starship', price_usd: p * 100_000 } });
    expect(Math.abs(again.cost_ratio - 1)).toBeLessThan(oneInABillion);
  });

  it('in the mccalip convention, on that model, and unlike the calculator’s own formula', () => {
    const input = {
      ...base,
      satellite_usd_per_w: 3,
      launch_usd_per_kg: 500,
      convention: 'mccalip',
      terrestrial: { capacity_factor: 0.85 },
    };
    const first = economics(input);
    const p = first.breakeven_launch_usd_per_kg;
    const again = economics({ ...input, launch_usd_per_kg: p });
    expect(Math.abs(again.cost_ratio - 1)).toBeLessThan(oneInABillion);
    // The calculator's formula leaves out ops and replacement: it overstates the break-even.
    expect(first.mccalip.calculator_breakeven_usd_per_kg).toBeGreaterThan(p);
  });

  it('no launch price closes the gap: null, the reason, and a hardware $/W that does (fed back)', () => {
    const input = { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 20 };
    const first = economics(input);
    expect(first.breakeven_launch_usd_per_kg).toBeNull();
    expect(first.breakeven.reason).toMatch(/even a free launch/);
    const h = first.breakeven.hardware_usd_per_w;
    expect(h).toBeGreaterThan(0);
    expect(h).toBeLessThan(22);
    const again = economics({ ...input, satellite_usd_per_w: h });
    expect(Math.abs(again.cost_ratio - 1)).toBeLessThan(oneInABillion);
  });

  it('neither closes it: both null, each with its reason', () => {
    const res = economics({ load_kw: '1 GW', mission_years: 5, vehicle: 'falcon9' });
    expect(res.breakeven).toMatchObject({ launch_usd_per_kg: null, hardware_usd_per_w: null });
    expect(res.breakeven.hardware_reason).toMatch(/even free hardware/);
  });

  it('itemised sides that hold every category: the launch item and price give the mass, and the root holds', () => {
    const input = {
      load_kw: 40_000,
      mission_years: 10,
      grid_usd_per_kwh: 0.04,
      space_costs_usd: {
        launch: 5e6,
        solar: 2e6,
        radiator: 3e6,
        structure: 4e6,
        operations: 1e6,
        replacement: 2e6,
        nre: 10e6,
      },
      terrestrial_costs_usd: { cooling: 7e6, backup_power: 20e6, building: 30e6, network: 5e6, operations: 4e6 },
      launch_usd_per_kg: 50,
    };
    const first = economics(input);
    expect(first.itemisation.complete).toBe(true);
    const p = first.breakeven_launch_usd_per_kg;
    expect(p).toBeGreaterThan(0);
    const mass = 5e6 / 50;
    const again = economics({
      ...input,
      space_costs_usd: { ...input.space_costs_usd, launch: mass * p },
    });
    expect(Math.abs(again.cost_ratio - 1)).toBeLessThan(oneInABillion);
  });

  it('an incomplete itemisation gives no break-even, and says what each side leaves out', () => {
    const res = economics({
      load_kw: 40_000,
      mission_years: 10,
      grid_usd_per_kwh: 0.04,
      space_costs_usd: { launch: 5e6, solar: 2e6, compute: 600e6 },
      launch_usd_per_kg: 50,
    });
    expect(res.breakeven_launch_usd_per_kg).toBeNull();
    expect(res.breakeven.reason).toMatch(/incomplete/);
    expect(res.itemisation.orbital_missing).toEqual(
      expect.arrayContaining(['radiator', 'structure', 'operations', 'replacement', 'nre']),
    );
    // Compute on one side only is not like for like.
    expect(res.itemisation.terrestrial_missing).toContain('compute');
  });
});
