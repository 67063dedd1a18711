/**
 * Invariants of the economics model (fast-check), run on the model directly, and the mean array
 * retention checked against the closed geometric series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { economicsEstimator, meanRetention } from '../models/economics.js';
import { runModel } from './helpers.js';

const economics = (input: unknown) => runModel(economicsEstimator, input);

/**
 * A scenario in either sizing: the physics roll-up (in one of a few orbits), or the W/kg shortcut
 * (consistent or mccalip convention), which alone takes a cell degradation of its own.
 */
const prices = {
  load_kw: fc.double({ min: 1e3, max: 5e6, noNaN: true }),
  mission_years: fc.integer({ min: 1, max: 15 }),
  launch_usd_per_kg: fc.double({ min: 10, max: 20_000, noNaN: true }),
  satellite_usd_per_w: fc.double({ min: 0.5, max: 50, noNaN: true }),
  gpu_failure_per_year: fc.double({ min: 0, max: 0.2, noNaN: true }),
  nre_usd: fc.double({ min: 0, max: 5e9, noNaN: true }),
};
const rollUp = fc.record({
  ...prices,
  orbit: fc.constantFrom(
    { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
    { altitude_km: 550, inclination_deg: 53 },
    { altitude_km: 1200, inclination_deg: 87 },
  ),
});
const shortcut = fc.record({
  ...prices,
  cell_degradation_per_year: fc.double({ min: 0, max: 0.05, noNaN: true }),
  convention: fc.constantFrom('consistent', 'mccalip'),
  sizing: fc.constant('specific_power'),
});
const scenario = fc.oneof(rollUp, shortcut);

describe('economics: invariants', () => {
  it('a cheaper launch gives a lower orbital total (and never a higher ratio)', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (s, cut) => {
        const dear = economics(s);
        const cheap = economics({ ...s, launch_usd_per_kg: s.launch_usd_per_kg * cut });
        expect(cheap.orbital_total_usd).toBeLessThan(dear.orbital_total_usd);
        expect(cheap.cost_ratio).toBeLessThan(dear.cost_ratio);
      }),
    );
  });

  it('the same holds in whole launches on a vehicle', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 1e6, max: 2e8, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (s, price, cut) => {
          const { launch_usd_per_kg: _, ...rest } = s;
          const dear = economics({ ...rest, vehicle: { id: 'starship', price_usd: price } });
          const cheap = economics({ ...rest, vehicle: { id: 'starship', price_usd: price * cut } });
          expect(cheap.orbital_total_usd).toBeLessThan(dear.orbital_total_usd);
        },
      ),
    );
  });

  it('a higher failure rate gives a higher orbital total', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0.001, max: 0.2, noNaN: true }), (s, more) => {
        const low = economics(s);
        const high = economics({ ...s, gpu_failure_per_year: Math.min(1, s.gpu_failure_per_year + more) });
        expect(high.orbital_total_usd).toBeGreaterThan(low.orbital_total_usd);
      }),
    );
  });

  it('the ratio does not depend on the currency: every money input scaled by k leaves it unchanged', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean(), (s, k, grid) => {
        const terrestrial = (f: number) => ({
          gas_turbine_usd_per_kw: grid ? undefined : 1800 * f,
          electrical_usd_per_w: 5.25 * f,
          mechanical_usd_per_w: 3 * f,
          civil_usd_per_w: 2.5 * f,
          network_usd_per_w: 1.75 * f,
          gas_usd_per_mmbtu: grid ? undefined : 4.3 * f,
        });
        const inCurrency = (f: number) => ({
          ...s,
          launch_usd_per_kg: s.launch_usd_per_kg * f,
          satellite_usd_per_w: s.satellite_usd_per_w * f,
          nre_usd: s.nre_usd * f,
          ...(grid && { grid_usd_per_kwh: 0.05 * f }),
          terrestrial: terrestrial(f),
        });
        const a = economics(inCurrency(1));
        const b = economics(inCurrency(k));
        expect(b.cost_ratio).toBeCloseTo(a.cost_ratio, 9);
        expect(b.orbital_total_usd).toBeCloseTo(a.orbital_total_usd * k, -Math.log10(a.orbital_total_usd * k * 1e-12));
        if (a.breakeven_launch_usd_per_kg !== null)
          expect((b.breakeven_launch_usd_per_kg as number) / a.breakeven_launch_usd_per_kg).toBeCloseTo(k, 9);
      }),
    );
  });

  it('every figure is finite, and the parts add up to the totals', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = economics(s);
        const parts = [
          r.hardware_usd,
          r.launch_usd,
          r.ops_usd,
          r.gpu_replacement_usd,
          r.replacement_launch_usd,
          r.nre_usd,
        ] as number[];
        expect(parts.reduce((x, y) => x + y, 0)).toBeCloseTo(r.orbital_total_usd, -Math.log10(r.orbital_total_usd * 1e-12));
        const t = r.terrestrial;
        expect(t.capex_usd + t.it_energy_usd + t.overhead_energy_usd + t.ops_usd).toBeCloseTo(
          r.terrestrial_total_usd,
          -Math.log10(r.terrestrial_total_usd * 1e-12),
        );
        for (const v of [r.cost_ratio, r.orbital_usd_per_kwh, r.terrestrial_usd_per_kwh, r.energy_kwh])
          expect(Number.isFinite(v)).toBe(true);
        if (r.convention === 'consistent') expect(r.orbital_usd_per_kwh / r.terrestrial_usd_per_kwh).toBeCloseTo(r.cost_ratio, 9);
      }),
    );
  });

  it('mean array retention: the annual sum against the closed geometric series', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = 1 - d;
        expect(meanRetention(d, n)).toBeCloseTo((1 - r ** n) / (d * n), 12);
      }),
    );
    expect(meanRetention(0, 7.5)).toBe(1);
  });
});
