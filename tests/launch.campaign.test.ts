/**
 * The named steps of a launch campaign, each on its own: the fill of the launches paid for, the
 * mass a failure costs, the replacement demand, and the price table by year.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchFill, priceAt, replaceableMass, replacementDemand, type Trajectory, trajectoryTable } from '../models/launch.js';

/** A trajectory that falls by 10 % a year from 1000 USD/kg in 2025. */
const tenPercent: Trajectory = {
  model: 'annual_decline',
  base_year: 2025,
  base_price_usd_per_kg: 1000,
  factor: (year) => 0.9 ** (year - 2025),
  parameters: { decline_fraction: 0.1, decline_period_years: 1 },
  source: 'test',
};

describe('launch campaign steps', () => {
  it('launchFill: the mass over the usable payload of the launches paid for', () => {
    expect(launchFill(15_000, 2, 10_000, 0.75)).toBeCloseTo(1, 15);
    expect(launchFill(1_000, 1, 10_000, 1)).toBeCloseTo(0.1, 15);
  });

  it('replaceableMass: the whole mass, or the compute part alone', () => {
    const parts = { compute_kg: 300, array_kg: 700 };
    expect(replaceableMass('whole_satellite', parts, 1000)).toBe(1000);
    expect(replaceableMass('compute_only', parts, 1000)).toBe(300);
    expect(() => replaceableMass('compute_only', { total_kg: 1000 }, 1000)).toThrow(/compute_kg/);
  });

  it('replacementDemand: failure × mass a year, over the mission, in launches of the usable capacity', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 1e8, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 2e5, noNaN: true }),
        (failure, mass, years, capacity) => {
          const d = replacementDemand(failure, mass, years, capacity);
          const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
          expect(d.per_year_kg).toBe(failure * mass);
          expect(relative(d.over_mission_kg, failure * mass * years)).toBeLessThan(1e-12);
          expect(relative(d.launches_per_year * capacity, d.per_year_kg)).toBeLessThan(1e-12);
        },
      ),
    );
    // No published payload: one flight a year carries whatever fails, none when nothing does.
    expect(replacementDemand(0.1, 1000, 5, null).launches_per_year).toBe(1);
    expect(replacementDemand(0, 1000, 5, null).launches_per_year).toBe(0);
  });

  it('priceAt: the base price times the factor at the year; the base price without a year or a trajectory', () => {
    expect(priceAt(tenPercent, 1000, 2027)).toBeCloseTo(810, 9);
    expect(priceAt(tenPercent, 1000, null)).toBe(1000);
    expect(priceAt(null, 1234, 2030)).toBe(1234);
  });

  it('trajectoryTable: a row a year from the earlier of the base and priced years, costed at each year’s price', () => {
    const cost = (price: number) => price * 50;
    const table = trajectoryTable(tenPercent, 2030, undefined, cost);
    expect(table.by_year[0]?.year).toBe(2025);
    expect(table.by_year.at(-1)?.year).toBe(2045);
    for (const row of table.by_year) {
      expect(row.price_usd_per_kg).toBeCloseTo(1000 * 0.9 ** (row.year - 2025), 9);
      expect(row.launch_cost_usd).toBeCloseTo(row.price_usd_per_kg * 50, 6);
    }
    expect(trajectoryTable(tenPercent, 2020, 2022, cost).by_year.map((r) => r.year)).toEqual([2020, 2021, 2022]);
    expect(trajectoryTable(tenPercent, 2060, undefined, cost).by_year.at(-1)?.year).toBe(2060);
    expect(() => trajectoryTable(tenPercent, null, 2024, cost)).toThrow(/at or after 2025/);
  });
});
