/**
 * Property tests (fast-check) for the thermal estimator: a hotter radiator is smaller, a higher
 * emissivity makes it smaller, more Earth view makes it larger; the equilibrium temperature inverts
 * the area; the coolant-drop integral agrees with quadrature; unit strings equal their numbers
 * (hostile inputs: tests/registry.fuzz.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseNetIntegral, sinkTempK, thermalEstimator } from '../models/thermal.js';
import { runModel } from './helpers.js';

const SIGMA = 5.670374419e-8;

/** Run the model as the API would: parse (defaults, units), run, check the output. Throws PhysicallyImpossible as it comes. */
function thermal(body: Record<string, unknown>) {
  return runModel(thermalEstimator, body);
}

/** A radiator in some orbit: surface, attitude, altitude and environment. */
const radiator = fc.record({
  emissivity: fc.double({ min: 0.05, max: 1, noNaN: true }),
  absorptivity: fc.double({ min: 0, max: 1, noNaN: true }),
  sides: fc.constantFrom(1, 2),
  orientation: fc.constantFrom('edge_on', 'nadir', 'zenith', 'sun_facing'),
  altitude_km: fc.double({ min: 200, max: 40_000, noNaN: true }),
  albedo: fc.double({ min: 0, max: 0.6, noNaN: true }),
  earth_ir_w_per_m2: fc.double({ min: 0, max: 300, noNaN: true }),
  coolant_delta_t_k: fc.constantFrom(0, 0, 5, 30),
});
type Radiator = typeof radiator extends fc.Arbitrary<infer T> ? T : never;

/** The sink of a radiator (from a flux-mode run at a temperature certainly above it). */
function sinkOf(r: Radiator): number {
  return thermal({ ...r, radiator_temp_k: 2000, coolant_delta_t_k: 0 }).sink_temp_k;
}

describe('thermal model: invariants', () => {
  it('a hotter radiator is smaller', () => {
    fc.assert(
      fc.property(
        radiator,
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        (r, above, step) => {
          const t1 = sinkOf(r) + r.coolant_delta_t_k + above;
          const cool = thermal({ ...r, heat_kw: 1000, radiator_temp_k: t1 });
          const hot = thermal({ ...r, heat_kw: 1000, radiator_temp_k: t1 + step });
          expect(hot.area_m2 as number).toBeLessThan(cool.area_m2 as number);
          expect(hot.mass_kg as number).toBeLessThan(cool.mass_kg as number);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a higher emissivity makes it smaller (the infrared absorptance following it, Kirchhoff)', () => {
    fc.assert(
      fc.property(
        radiator,
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 300, noNaN: true }),
        (r, dEps, above) => {
          const lo = { ...r, emissivity: Math.max(0.05, r.emissivity - dEps) };
          const hi = { ...r, emissivity: Math.min(1, lo.emissivity + dEps) };
          fc.pre(hi.emissivity > lo.emissivity);
          // Above both sinks: the lower emissivity has the higher sink.
          const t = Math.max(sinkOf(lo), sinkOf(hi)) + r.coolant_delta_t_k + above;
          const a = thermal({ ...lo, heat_kw: 1000, radiator_temp_k: t }).area_m2 as number;
          const b = thermal({ ...hi, heat_kw: 1000, radiator_temp_k: t }).area_m2 as number;
          expect(b).toBeLessThan(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more Earth view makes it larger: a lower altitude, and a larger earth_view_factor', () => {
    fc.assert(
      fc.property(
        radiator,
        fc.double({ min: 50, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (r, dh, f, df) => {
          fc.pre(r.orientation !== 'zenith' || r.sides === 2); // a one-sided zenith face sees no Earth at any altitude
          fc.pre(r.absorptivity * r.albedo > 1e-3 || r.earth_ir_w_per_m2 > 1); // the Earth must send something
          const high = { ...r, altitude_km: r.altitude_km + dh };
          const t = sinkOf(r) + r.coolant_delta_t_k + 20;
          const low = thermal({ ...r, heat_kw: 1000, radiator_temp_k: t });
          const up = thermal({ ...high, heat_kw: 1000, radiator_temp_k: t });
          expect(low.earth_view_factor).toBeGreaterThan(up.earth_view_factor);
          expect(low.area_m2 as number).toBeGreaterThan(up.area_m2 as number);

          const { altitude_km: _, orientation: __, ...surface } = r;
          const fixed = { ...surface, solar_incidence_fraction: 0.5, heat_kw: 1000 };
          const f1 = Math.min(f, r.sides);
          const f2 = Math.min(f1 + df, r.sides);
          fc.pre(f2 - f1 > 1e-3);
          const tt = thermal({ ...fixed, earth_view_factor: f2, radiator_temp_k: 2000 }).sink_temp_k + r.coolant_delta_t_k + 20;
          const a1 = thermal({ ...fixed, earth_view_factor: f1, radiator_temp_k: tt }).area_m2 as number;
          const a2 = thermal({ ...fixed, earth_view_factor: f2, radiator_temp_k: tt }).area_m2 as number;
          expect(a2).toBeGreaterThan(a1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the equilibrium temperature of the area found for a temperature is that temperature', () => {
    fc.assert(
      fc.property(
        radiator,
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (r, above, heat) => {
          const t = Math.max(sinkOf(r) + r.coolant_delta_t_k + above, 150);
          const sized = thermal({ ...r, heat_kw: heat, radiator_temp_k: t });
          const back = thermal({ ...r, heat_kw: heat, area_m2: sized.area_m2 as number });
          expect(back.mode).toBe('temperature');
          expect(back.radiator_temp_k).toBeCloseTo(t, 6);
          const capacity = thermal({ ...r, area_m2: sized.area_m2 as number, radiator_temp_k: t });
          expect((capacity.heat_kw as number) / heat).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the coolant-drop integral (closed form and series) agrees with Simpson quadrature', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1500, noNaN: true }),
        fc.double({ min: 2, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 150, noNaN: true }),
        (n_eps, absorbed, above, dT) => {
          const k = n_eps * SIGMA;
          const tOut = Math.max(sinkTempK(absorbed, k) + above, 100);
          const tIn = tOut + dT;
          const N = 20_000;
          const h = (tIn - tOut) / N;
          const g = (T: number) => 1 / (k * T ** 4 - absorbed);
          let s = g(tOut) + g(tIn);
          for (let i = 1; i < N; i++) s += (i % 2 ? 4 : 2) * g(tOut + i * h);
          const simpson = (s * h) / 3;
          expect(inverseNetIntegral(k, absorbed, tOut, tIn) / simpson).toBeCloseTo(1, 7);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a coolant drop always costs area against the isothermal radiator at the inlet temperature', () => {
    fc.assert(
      fc.property(
        radiator,
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (r, above, dT) => {
          const t = sinkOf(r) + dT + above;
          const iso = thermal({ ...r, coolant_delta_t_k: 0, heat_kw: 1000, radiator_temp_k: t });
          const drop = thermal({ ...r, coolant_delta_t_k: dT, heat_kw: 1000, radiator_temp_k: t });
          expect(drop.area_m2 as number).toBeGreaterThan(iso.area_m2 as number);
          expect(drop.effective_radiator_temp_k).toBeLessThan(t);
          expect(drop.effective_radiator_temp_k).toBeGreaterThan(t - dT);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('thermal model: units', () => {
  it('unit strings give the same answer as numbers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 280, max: 450, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 300, max: 2000, noNaN: true }),
        (t, heat, h) => {
          const a = thermal({ heat_kw: heat, radiator_temp_k: t, altitude_km: h, orientation: 'nadir' });
          // It parses and answers (runModel throws otherwise), with the same area.
          const s = thermal({
            heat_kw: `${heat / 1000} MW`,
            radiator_temp_k: `${t - 273.15} degC`,
            altitude_km: `${h * 1000} m`,
            orientation: 'nadir',
          });
          expect(s.area_m2 / a.area_m2).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 40 },
    );
  });
});
