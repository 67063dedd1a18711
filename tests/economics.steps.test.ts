/**
 * The named steps of the economics model that carry money arithmetic, each on its own: the
 * hardware bill, and the two sides set on one denominator with the break-even target.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSides, hardwareCost } from '../models/economics.js';

const money = fc.double({ min: 1, max: 1e12, noNaN: true });
const energy = fc.double({ min: 1, max: 1e12, noNaN: true });
const share = fc.double({ min: 0.01, max: 1, noNaN: true });

describe('economics steps', () => {
  it('hardwareCost: $/W × start-of-life array, or $/kg × mass', () => {
    const fleet = { installed_w: 2e6, mass_kg: 1e4 };
    expect(hardwareCost({ per: 'w', usd_per_w: 3 }, fleet)).toBe(6e6);
    expect(hardwareCost({ per: 'kg', usd_per_kg: 500 }, fleet)).toBe(5e6);
  });

  it('compareSides, consistent: the ratio of $/kWh, and the orbital total that breaks even costs orbit’s energy at the ground’s $/kWh', () => {
    fc.assert(
      fc.property(money, money, energy, share, (orbital, terrestrial, kwh, served) => {
        const e = { orbital_kwh: kwh * served, orbital_denominator_kwh: kwh * served, terrestrial_kwh: kwh };
        const s = compareSides(orbital, terrestrial, e, 'consistent');
        expect(s.orbital_usd_per_kwh).toBe(orbital / (kwh * served));
        expect(s.terrestrial_usd_per_kwh).toBe(terrestrial / kwh);
        expect(s.cost_ratio).toBe(s.orbital_usd_per_kwh / s.terrestrial_usd_per_kwh);
        // At the target the ratio is 1.
        const atTarget = compareSides(s.breakeven_target_usd, terrestrial, e, 'consistent');
        expect(atTarget.cost_ratio).toBeCloseTo(1, 12);
      }),
    );
  });

  it('compareSides, mccalip: the ratio of the totals, whatever the denominators; the target is the terrestrial total', () => {
    fc.assert(
      fc.property(money, money, energy, share, (orbital, terrestrial, kwh, cf) => {
        const e = { orbital_kwh: kwh * cf, orbital_denominator_kwh: kwh, terrestrial_kwh: kwh * cf };
        const s = compareSides(orbital, terrestrial, e, 'mccalip');
        expect(s.cost_ratio).toBe(orbital / terrestrial);
        expect(s.orbital_usd_per_kwh).toBe(orbital / kwh);
        expect(s.breakeven_target_usd).toBe(terrestrial);
      }),
    );
  });
});
