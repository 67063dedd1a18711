/**
 * Invariants of the latency estimator (fast-check): a higher elevation mask gives fewer or shorter
 * windows, each inside a window of the lower mask; the round trip never beats the zenith floor of
 * its own geometry, nor the one to an orbital data center the straight line to it; every figure is finite and ordered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENT_SETS } from '../fixtures/index.js';
import { latencyEstimator } from '../models/latency.js';
import { mergeIntervals } from '../models/numerics.js';
import { countHandovers } from '../models/visibility.js';
import { runModel } from './helpers.js';

const run = (body: unknown) => runModel(latencyEstimator, body);

const iss = ELEMENT_SETS['iss-2014-01-20'] as (typeof ELEMENT_SETS)[string];
const site = fc.record({
  lat_deg: fc.double({ min: -60, max: 60, noNaN: true }),
  lon_deg: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('latency properties', () => {
  it('a higher mask gives fewer or equal windows, each inside a window of the lower mask, and less coverage', () => {
    fc.assert(
      fc.property(
        site,
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        (s, low, extra) => {
          const body = (mask: number) => ({
            satellites: { element_set: 'iss-2014-01-20' },
            sites: [s],
            gateway: s,
            start: iss.epoch,
            end: new Date(Date.parse(iss.epoch) + 12 * 3_600_000).toISOString(),
            min_elevation_deg: mask,
          });
          const a = run(body(low));
          const b = run(body(low + extra));
          expect(b.windows.length).toBeLessThanOrEqual(a.windows.length);
          expect(b.coverage_fraction).toBeLessThanOrEqual(a.coverage_fraction + 1e-12);
          for (const w of b.windows) {
            const outer = a.windows.find((x: { start: string; end: string }) => x.start <= w.start && w.end <= x.end);
            expect(outer, `window ${w.start}–${w.end} at ${low + extra}° lies inside one at ${low}°`).toBeDefined();
            expect(w.duration_s).toBeLessThanOrEqual(outer.duration_s + 1e-9);
            expect(w.max_elevation_deg).toBeGreaterThanOrEqual(low + extra - 1e-6);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('the round trip is never below the zenith floor of its own geometry (to an orbital data center: the straight line), and min ≤ median ≤ p95', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 350, max: 1500, noNaN: true }),
        fc.double({ min: 30, max: 98, noNaN: true }),
        site,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 47 }),
        (altitude_km, inclination_deg, user, offset_deg, links, dcSatellite) => {
          const out = run({
            satellites: { walker: { altitude_km, inclination_deg, planes: 6, sats_per_plane: 8, phasing: 1 } },
            sites: [user],
            gateway: { lat_deg: Math.max(-89, Math.min(89, user.lat_deg + offset_deg)), lon_deg: user.lon_deg },
            start: '2026-03-20T00:00:00Z',
            end: '2026-03-20T03:00:00Z',
            min_elevation_deg: 10,
            inter_satellite_links: links,
            rtt_step_s: 60,
            orbital_data_center: { satellite: dcSatellite },
          });
          // The orbital data center: never nearer than the straight line, at the same samples; a direct path is that line.
          const dc = out.orbital_data_center;
          expect(dc.reachable_fraction).toBeCloseTo(dc.samples_with_path / dc.samples, 12);
          if (dc.rtt_ms !== null) {
            for (const k of ['min', 'median', 'p95'])
              expect(dc.rtt_ms[k]).toBeGreaterThanOrEqual(dc.line_of_sight_rtt_ms[k] - 1e-9);
            if (!links) expect(dc.rtt_ms).toEqual(dc.line_of_sight_rtt_ms);
          } else expect(dc.samples_with_path).toBe(0);
          if (out.rtt_ms === null) {
            expect(out.rtt.samples_with_path).toBe(0);
            return;
          }
          expect(out.rtt_ms.min).toBeGreaterThanOrEqual(out.rtt_geometric_floor_ms - 1e-9);
          expect(out.rtt_ms.min).toBeLessThanOrEqual(out.rtt_ms.median);
          expect(out.rtt_ms.median).toBeLessThanOrEqual(out.rtt_ms.p95);
          // The geometric floor is the zenith floor for these sites: near the nominal one, never far below.
          expect(out.rtt_geometric_floor_ms).toBeGreaterThan(out.rtt_floor_ms * 0.97);
          // And never faster than light along the great circle it must at least cover.
          expect(out.rtt_ms.min).toBeGreaterThanOrEqual(out.vacuum_rtt_ms);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('every figure is finite, fractions lie in [0, 1], windows are sorted and inside the interval', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(ELEMENT_SETS)),
        site,
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 1, max: 24 }),
        (set, s, mask, hours) => {
          const entry = ELEMENT_SETS[set] as (typeof ELEMENT_SETS)[string];
          const end = new Date(Date.parse(entry.epoch) + hours * 3_600_000).toISOString();
          const out = run({
            satellites: { element_set: set },
            sites: [s, 'London'],
            start: entry.epoch,
            end,
            min_elevation_deg: mask,
          });
          const walk = (x: unknown): void => {
            if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
            else if (x && typeof x === 'object') for (const v of Object.values(x)) walk(v);
          };
          walk(out);
          for (const f of [out.coverage_fraction, out.rtt.path_fraction, out.outage.user_no_satellite_fraction]) {
            expect(f).toBeGreaterThanOrEqual(0);
            expect(f).toBeLessThanOrEqual(1);
          }
          const starts = out.windows.map((w: { start: string }) => w.start);
          expect(starts).toEqual([...starts].sort());
          for (const w of out.windows) {
            expect(w.start >= out.start && w.end <= out.end && w.start <= w.end).toBe(true);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('handovers: the greedy cover is never beaten by any choice of serving windows (small cases, exhaustive)', () => {
    // The fewest switches over the covered time, by breadth-first search over serving windows.
    const fewest = (ws: [number, number][]) => {
      const merged = mergeIntervals(ws);
      let total = 0;
      for (const [a, b] of merged) {
        const inside = ws.filter(([s, e]) => s >= a && e <= b);
        let frontier = inside.filter(([s]) => s === a).map(([, e]) => e);
        let steps = 0;
        let reach = Math.max(...frontier);
        while (reach < b) {
          const next = inside.filter(([s, e]) => frontier.some((f) => s <= f && e > f)).map(([, e]) => e);
          frontier = next;
          reach = Math.max(...next);
          steps++;
        }
        total += steps;
      }
      return total;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 }))
            .map(([s, d]) => [s, s + d] as [number, number]),
          { minLength: 1, maxLength: 7 },
        ),
        (ws) => {
          expect(countHandovers(ws)).toBe(fewest(ws));
        },
      ),
      { numRuns: 200 },
    );
  });
});
