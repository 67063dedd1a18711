/**
 * Invariants of the launch model (fast-check), run on the model directly, and the closed forms
 * checked against a second way of computing them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANDARD_GRAVITY_M_S2 } from '../models/constants.js';
import { annualDeclineFactor, cumulativeMassKg, launchEstimator, massRollUp, wrightExponent } from '../models/launch.js';
import { runModel } from './helpers.js';

const launch = (input: unknown) => runModel(launchEstimator, input);

describe('launch: invariants and closed forms', () => {
  const mass = fc.double({ min: 1, max: 5e7, noNaN: true });

  it('whole launches cover the mass, and one fewer would not', () => {
    fc.assert(
      fc.property(mass, fc.constantFrom('falcon9', 'falcon_heavy', 'starship'), (m, vehicle) => {
        const r = launch({ mass_kg: m, vehicle });
        const payload = r.vehicle.payload_kg as number;
        expect(r.launches * payload).toBeGreaterThanOrEqual(m * (1 - 1e-9));
        expect((r.launches - 1) * payload).toBeLessThan(m);
        expect(r.launch_cost_usd).toBeCloseTo(r.launches * (r.vehicle.price_usd as number), 0);
        expect(r.effective_usd_per_kg).toBeGreaterThanOrEqual(r.price_usd_per_kg * (1 - 1e-12));
      }),
    );
  });

  it('annual decline: the year-by-year table compounds by one constant factor, the closed form’s', () => {
    const r = launch({ mass_kg: 1000, vehicle: 'falcon9', year: 2040, price_trajectory: { model: 'annual_decline' } });
    const rows = r.price_trajectory?.by_year ?? [];
    const step = annualDeclineFactor(1, 0.36, 9);
    for (let k = 1; k < rows.length; k++)
      expect((rows[k]?.price_usd_per_kg as number) / (rows[k - 1]?.price_usd_per_kg as number)).toBeCloseTo(step, 12);
    expect(annualDeclineFactor(9, 0.36, 9)).toBeCloseTo(0.64, 14);
  });

  it("Wright's law: doubling the cumulative mass cuts the price by the learning rate", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), (lr, m0) => {
        // No growth and a year's mass equal to all past mass: the cumulative mass doubles in one year.
        expect(cumulativeMassKg(m0, m0, 0, 1)).toBeCloseTo(2 * m0, 6);
        const r = launch({
          mass_kg: 1000,
          vehicle: 'falcon9',
          year: 2025,
          price_trajectory: {
            model: 'learning_curve',
            base_year: 2024,
            learning_rate: lr,
            cumulative_mass_kg_base: m0,
            annual_mass_kg: m0,
            annual_mass_growth_fraction: 0,
          },
        });
        expect(r.price_usd_per_kg / (r.price_trajectory?.base_price_usd_per_kg as number)).toBeCloseTo(1 - lr, 12);
        expect(2 ** -wrightExponent(lr)).toBeCloseTo(1 - lr, 14);
      }),
    );
  });

  it('mass roll-up: structure is its share of dry mass, propellant follows Tsiolkovsky', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (load, f, dv) => {
          const r = massRollUp({
            load_kw: load,
            array_mass_kg: 30 * load,
            battery_mass_kg: 5 * load,
            radiator_mass_kg: 10 * load,
            compute_kg_per_kw: 11.3,
            shielding_areal_density_kg_per_m2: 5.4,
            shielded_area_m2_per_kw: 0.074,
            structure_fraction: f,
            delta_v_m_per_s_per_year: dv,
            isp_s: 1500,
            mission_years: 5,
          });
          expect((r.parts.structure_kg as number) / r.dry_mass_kg).toBeCloseTo(f, 12);
          // Rocket equation the other way round: Δv = g₀ Isp ln(m_wet / m_dry).
          expect(STANDARD_GRAVITY_M_S2 * 1500 * Math.log(r.total_mass_kg / r.dry_mass_kg)).toBeCloseTo(dv * 5, 6);
          const sum = Object.values(r.parts).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(r.total_mass_kg, -Math.log10(r.total_mass_kg * 1e-12));
        },
      ),
    );
  });
});
