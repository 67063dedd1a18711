/**
 * The plate-to-Earth view factor closed forms (nadir, edge-on, and Howell's tilted element) against
 * a numerical integration written here: F = (1/π) ∬ cos θ_plate · cos θ_earth / r² dA over the
 * Earth's visible cap (every surface element the satellite can see), with the plate's cosine
 * clipped at zero where the element lies behind the plate's plane.
 */
import { describe, expect, it } from 'vitest';
import { WGS84_A_KM } from '../models/constants.js';
import { edgeOnViewFactor, nadirViewFactor, plateEarthViewFactor } from '../models/thermal.js';

/**
 * Midpoint rule over the cap in polar angle ψ (from the sub-satellite point, 0..acos(1/H)) and
 * azimuth φ; the plate normal lies in the x–z plane at `tilt_deg` from nadir, so φ ∈ [0, π] is doubled.
 */
function viewFactorByIntegration(altitude_km: number, tilt_deg: number, nPsi = 500, nPhi = 500): number {
  const R = WGS84_A_KM;
  const D = R + altitude_km;
  const psiMax = Math.acos(R / D);
  const t = (tilt_deg * Math.PI) / 180;
  const n = { x: Math.sin(t), z: -Math.cos(t) }; // nadir is −z from the satellite at (0, 0, D)
  const dPsi = psiMax / nPsi;
  const dPhi = Math.PI / nPhi;
  let sum = 0;
  for (let i = 0; i < nPsi; i++) {
    const psi = (i + 0.5) * dPsi;
    const sinPsi = Math.sin(psi);
    const cosPsi = Math.cos(psi);
    for (let j = 0; j < nPhi; j++) {
      const phi = (j + 0.5) * dPhi;
      // Surface point P and the vector from the satellite to it.
      const px = R * sinPsi * Math.cos(phi);
      const py = R * sinPsi * Math.sin(phi);
      const pz = R * cosPsi;
      const dx = px;
      const dy = py;
      const dz = pz - D;
      const r2 = dx * dx + dy * dy + dz * dz;
      const r = Math.sqrt(r2);
      const cosPlate = (n.x * dx + n.z * dz) / r;
      if (cosPlate <= 0) continue;
      const cosEarth = -(px * dx + py * dy + pz * dz) / (R * r);
      if (cosEarth <= 0) continue;
      sum += ((cosPlate * cosEarth) / r2) * R * R * sinPsi;
    }
  }
  return (2 * sum * dPsi * dPhi) / Math.PI;
}

const ALTITUDES_KM = [300, 550, 1200, 8000, 35786];
const TILTS_DEG = [0, 10, 20, 30, 45, 60, 75, 90, 105, 120, 135, 150, 160, 170, 180];
/** Numerical error of the 500 × 500 midpoint rule (largest where the plate’s plane cuts the cap: ~1.4e-5). */
const QUADRATURE_TOL = 5e-5;

describe('plate-to-Earth view factor: closed forms against numerical integration over the visible cap', () => {
  for (const h of ALTITUDES_KM) {
    it(`h = ${h} km, tilts 0–180°, plus the limb angles`, () => {
      const H = (WGS84_A_KM + h) / WGS84_A_KM;
      const limb = (Math.acos(1 / H) * 180) / Math.PI;
      for (const tilt of [...TILTS_DEG, limb, 180 - limb, limb + 1, 179 - limb]) {
        const closed = plateEarthViewFactor(h, tilt);
        const numeric = viewFactorByIntegration(h, tilt);
        expect(Math.abs(closed - numeric), `tilt ${tilt.toFixed(2)}°: closed ${closed}, numeric ${numeric}`).toBeLessThan(
          QUADRATURE_TOL,
        );
      }
    });
  }

  it('nadir is (Re/(Re+h))² and edge-on its own closed form, equal to the tilted form at 0° and 90°', () => {
    for (const h of ALTITUDES_KM) {
      expect(nadirViewFactor(h)).toBeCloseTo((WGS84_A_KM / (WGS84_A_KM + h)) ** 2, 14);
      expect(plateEarthViewFactor(h, 0)).toBeCloseTo(nadirViewFactor(h), 14);
      expect(plateEarthViewFactor(h, 90)).toBeCloseTo(edgeOnViewFactor(h), 12);
      expect(Math.abs(edgeOnViewFactor(h) - viewFactorByIntegration(h, 90))).toBeLessThan(QUADRATURE_TOL);
      expect(plateEarthViewFactor(h, 180)).toBe(0);
    }
  });

  it('the tilted form is continuous at the limb angles and falls monotonically from nadir to zenith', () => {
    for (const h of ALTITUDES_KM) {
      const limb = (Math.acos(WGS84_A_KM / (WGS84_A_KM + h)) * 180) / Math.PI;
      for (const edge of [limb, 180 - limb]) {
        expect(Math.abs(plateEarthViewFactor(h, edge - 1e-7) - plateEarthViewFactor(h, edge + 1e-7))).toBeLessThan(1e-6);
      }
      let previous = Number.POSITIVE_INFINITY;
      for (let t = 0; t <= 180; t += 0.5) {
        const f = plateEarthViewFactor(h, t);
        expect(f).toBeLessThanOrEqual(previous + 1e-15);
        previous = f;
      }
    }
  });

  it('a two-sided plate sees at most the nadir factor: F(λ) + F(180° − λ) ≤ 1/H², equal at 0°', () => {
    for (const h of ALTITUDES_KM) {
      for (let t = 0; t <= 90; t += 5) {
        const both = plateEarthViewFactor(h, t) + plateEarthViewFactor(h, 180 - t);
        expect(both).toBeLessThanOrEqual(nadirViewFactor(h) + 1e-12);
      }
    }
  });
});
