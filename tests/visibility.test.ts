/**
 * The expected share of time a satellite spends in a site's view (visibility.ts inViewFraction, the
 * closed form the latency cost estimate counts satellites in view with), against an independent
 * second method: counting, on a fine grid of argument of latitude and relative longitude, the
 * positions within the cap's Earth-central angle.
 */
import { describe, expect, it } from 'vitest';
import { DEG } from '../models/constants.js';
import { inViewFraction } from '../models/visibility.js';

/** Share of a uniform grid over argument of latitude u and relative longitude λ whose position lies within γ of the site. */
function gridShare(lat_rad: number, gamma_rad: number, inclination_rad: number, n = 720): number {
  let inside = 0;
  for (let a = 0; a < n; a++) {
    const phi = Math.asin(Math.sin(inclination_rad) * Math.sin(((a + 0.5) / n) * 2 * Math.PI));
    for (let b = 0; b < n; b++) {
      const lambda = ((b + 0.5) / n) * 2 * Math.PI;
      const cosC = Math.sin(lat_rad) * Math.sin(phi) + Math.cos(lat_rad) * Math.cos(phi) * Math.cos(lambda);
      if (cosC >= Math.cos(gamma_rad)) inside++;
    }
  }
  return inside / (n * n);
}

describe('inViewFraction: the time-mean share of an orbit within a site’s view', () => {
  it('an equatorial orbit over an equatorial site is in view for 2γ of every 2π: γ/π', () => {
    expect(inViewFraction(0, 10 * DEG, 0)).toBeCloseTo(10 / 180, 12);
  });

  it('agrees with counting positions on a fine grid within its few-% midpoint rule, prograde, polar and retrograde', () => {
    const cases: [number, number, number][] = [
      [0, 10, 53],
      [30, 12, 53],
      [51.5, 8, 53],
      [51.5, 20, 86.4],
      [60, 15, 53],
      [-40, 25, 97.9],
      [0, 5, 120],
      [80, 30, 90],
    ];
    for (const [lat, gamma, inclination] of cases) {
      const closed = inViewFraction(lat * DEG, gamma * DEG, inclination * DEG);
      const counted = gridShare(lat * DEG, gamma * DEG, inclination * DEG);
      expect(Math.abs(closed / counted - 1), `lat ${lat}°, γ ${gamma}°, i ${inclination}°`).toBeLessThan(0.03);
    }
  });

  it('is 0 for a site beyond the cap’s reach of the orbit’s latitudes', () => {
    expect(inViewFraction(80 * DEG, 10 * DEG, 53 * DEG)).toBe(0);
  });
});
