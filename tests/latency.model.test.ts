/**
 * The latency model run directly (tests/helpers.ts runModel: input schema, model, output schema):
 * the examples' figures, the paths to the ground and to an orbital data center, and Walker delta
 * and star shells. Statuses and pointers are tested through the API in latency.api.test.ts.
 */

import { eciToEcf, geodeticToEcf, gstime, sgp4 } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, SITES, SOURCES } from '../fixtures/index.js';
import { C_KM_S, DEG, HOURS_PER_COMMON_YEAR, IUGG_MEAN_EARTH_RADIUS_KM } from '../models/constants.js';
import { greatCircleKm, latencyEstimator, plusGridLinks, roundTripMs, walkerSlots } from '../models/latency.js';
import { quantileSorted } from '../models/numerics.js';
import { resolveOrbit } from '../models/orbit.js';
import { Provenance } from '../models/provenance.js';
import { runModel } from './helpers.js';
import { example, polar, small, walker } from './latency-cases.js';

describe('POST /v1/latency: the examples', () => {
  it('ISS over Cairo: a handful of passes, minutes each, bent pipe through the ISS', () => {
    const out = runModel(latencyEstimator, example('iss_over_cairo'));
    expect(out.windows.length).toBeGreaterThanOrEqual(3);
    for (const w of out.windows) {
      expect(w.duration_s).toBeGreaterThan(0);
      expect(w.duration_s).toBeLessThan(12 * 60); // a LEO pass above 10° lasts minutes
      expect(w.max_elevation_deg).toBeGreaterThanOrEqual(10);
    }
    expect(out.coverage_fraction).toBeLessThan(0.05);
    expect(out.rtt.path).toBe('bent_pipe');
    expect(out.rtt_ms.min).toBeGreaterThanOrEqual(out.rtt_geometric_floor_ms);
    // The search is far cheaper than a 1-second scan.
    expect(out.search.samples + out.search.refinements).toBeLessThan(out.search.brute_force_1s_equivalent / 50);
  });

  it('Starlink-like shell, New York to a London data center: continuous coverage, laser links beat fibre', () => {
    const out = runModel(latencyEstimator, example('starlink_nyc_london'));
    expect(out.satellites.count).toBe(528);
    expect(out.windows).toEqual([]);
    expect(out.sites[0].windows).toBeGreaterThan(100);
    expect(out.rtt.path).toBe('inter_satellite_links');
    expect(out.rtt.hops_median).toBeGreaterThan(1);
    // Bounded below by light along the great circle, and (Handley 2018) faster than fibre beyond ~3,000 km.
    expect(out.rtt_ms.min).toBeGreaterThan(out.vacuum_rtt_ms);
    expect(out.rtt_ms.median).toBeLessThan(out.fibre_rtt_ms);
    expect(out.propagation_difference_ms).toBeLessThan(0);
    expect(out.llm.share_of_ttft).toBeLessThan(0);
  });

  it('without laser links, New York and London never share a satellite: no path, and the warning says why', () => {
    const out = runModel(latencyEstimator, { ...example('starlink_nyc_london'), inter_satellite_links: false });
    expect(out.rtt_ms).toBeNull();
    expect(out.propagation_difference_ms).toBeNull();
    expect(out.warnings.join(' ')).toMatch(/bent pipe cannot connect them.*inter_satellite_links/);
  });

  it('one orbital data center is out of the gateway’s sight most of the time, far below Tier III', () => {
    const out = runModel(latencyEstimator, example('starlink_plane_bent_pipe'));
    const dc = out.outage.orbital_data_center;
    expect(dc.satellite).toBe('STARLINK-1007');
    expect(dc.reachable_fraction_direct).toBeGreaterThan(0);
    expect(dc.reachable_fraction_direct).toBeLessThan(out.outage.tier3_availability);
    expect(dc.gpu_failures_per_year).toBeCloseTo(10_000 * out.outage.gpu_failure_per_year, 9);
  });

  it('per-year figures are over the 365-day year: downtime in minutes per year, failures per GPU-year', () => {
    const out = runModel(latencyEstimator, example('starlink_plane_bent_pipe'));
    const minutesPerYear = HOURS_PER_COMMON_YEAR * 60; // 525,600
    expect(out.outage.tier3_downtime_min_per_year).toBeCloseTo((1 - 0.99982) * minutesPerYear, 9);
    expect(out.outage.tier4_downtime_min_per_year).toBeCloseTo((1 - 0.99995) * minutesPerYear, 9);
    expect(out.outage.user_no_path_min_per_year).toBeCloseTo(out.outage.user_no_path_fraction * minutesPerYear, 9);
    // Llama 3: 148 GPU + 72 HBM interruptions on 16,384 GPUs in 54 days, scaled to 365 days.
    expect(out.outage.gpu_failure_per_year).toBeCloseTo(((148 + 72) / 16_384) * (365 / 54), 12);
  });

  it('a gateway away from the data center: the fibre leg between them is in the orbital round trip, both ways', () => {
    // ISS over Cairo, landing in Cairo; the data center in Frankfurt, then in Cairo itself.
    const frankfurt = runModel(latencyEstimator, example('iss_over_cairo'));
    const cairo = runModel(latencyEstimator, { ...example('iss_over_cairo'), data_center: 'Cairo' });
    // The leg: the same fibre model as the user's own route (great circle × route factor at c / 1.4682).
    const at = (name: string) => SITES.find((s) => s.name === name) as (typeof SITES)[number];
    const gc = greatCircleKm(
      at('Cairo').lat_deg,
      at('Cairo').lon_deg,
      at('Frankfurt').lat_deg,
      at('Frankfurt').lon_deg,
      IUGG_MEAN_EARTH_RADIUS_KM,
    );
    expect(frankfurt.gateway_great_circle_km).toBeCloseTo(gc, 9);
    const leg = roundTripMs(gc * DEFAULTS['latency.route_factor'].value, DEFAULTS['latency.fibre_group_index'].value);
    expect(frankfurt.gateway_fibre_rtt_ms).toBeCloseTo(leg, 9);
    expect(cairo.gateway_fibre_rtt_ms).toBe(0);
    // The orbital round trip grows by exactly the leg's round trip (2 × the one-way fibre), sample by sample.
    for (const k of ['min', 'median', 'p95'] as const) expect(frankfurt.rtt_ms[k] - cairo.rtt_ms[k]).toBeCloseTo(leg, 9);
    expect(frankfurt.rtt_geometric_floor_ms - cairo.rtt_geometric_floor_ms).toBeCloseTo(leg, 9);
    // The user is the gateway: the orbital path to Frankfurt is the user's own fibre route plus the hop to the ISS
    // and back, so orbit is slower than fibre by exactly that space segment.
    expect(frankfurt.propagation_difference_ms).toBeCloseTo(cairo.rtt_ms.median, 9);
    expect(frankfurt.propagation_difference_ms).toBeGreaterThan(0);
    expect(frankfurt.warnings.join(' ')).not.toMatch(/not counted/);
  });

  it('satellites and one site, no far end: a pass prediction, windows and coverage, every round-trip figure null with the reason', () => {
    const { gateway: _, ...overMe } = small;
    const pass = runModel(latencyEstimator, overMe);
    expect(pass.windows.length).toBeGreaterThan(0);
    expect(pass.coverage_fraction).toBeGreaterThan(0);
    expect(pass.rtt_reason).toMatch(/pass prediction.*no gateway, data_center, second site or orbital_data_center/);
    for (const field of [
      'rtt_ms',
      'rtt',
      'rtt_geometric_floor_ms',
      'great_circle_km',
      'vacuum_rtt_ms',
      'fibre_rtt_ms',
      'gateway_great_circle_km',
      'gateway_fibre_rtt_ms',
      'route_factor',
      'fibre_group_index',
      'data_center',
      'propagation_difference_ms',
    ])
      expect(pass[field], field).toBeNull();
    expect(pass.llm.share_of_ttft).toBeNull();
    expect(pass.llm.share_of_answer).toBeNull();
    expect(pass.outage.user_no_path_fraction).toBeNull();
    expect(pass.outage.user_no_path_min_per_year).toBeNull();
    expect(pass.outage.user_no_satellite_fraction).toBeCloseTo(1 - pass.coverage_fraction, 12);
    // Defaults of what was not computed are not claimed as assumptions.
    const names = pass.assumptions.map((a: { name: string }) => a.name);
    for (const unused of ['rtt_step_s', 'route_factor', 'fibre_group_index']) expect(names).not.toContain(unused);

    // The same windows and coverage as the same request with a far end: at the user, or elsewhere.
    const here = runModel(latencyEstimator, small);
    expect(pass.windows).toEqual(here.windows);
    expect(pass.sites).toEqual(here.sites);
    expect(here.rtt_reason).toBeNull();
    const far = runModel(latencyEstimator, { ...overMe, gateway: 'Frankfurt' });
    expect(pass.windows).toEqual(far.windows.filter((w: { site: string }) => w.site === 'Cairo'));
    expect(pass.coverage_fraction).toBe(far.coverage_fraction);
    expect(pass.gaps).toEqual(far.gaps);
  });

  it('unit strings are converted at the edge', () => {
    const a = runModel(latencyEstimator, { ...small, min_elevation_deg: 15, rtt_step_s: 60 });
    const b = runModel(latencyEstimator, { ...small, min_elevation_deg: '15 deg', rtt_step_s: '1 min' });
    expect(b.windows).toEqual(a.windows);
    expect(b.rtt).toEqual(a.rtt);
  });

  it('defaults are declared as assumptions with sources that resolve', () => {
    const out = runModel(latencyEstimator, small);
    const names = out.assumptions.map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['min_elevation_deg', 'route_factor', 'fibre_group_index', 'rtt_step_s', 'llm.ttft_s']),
    );
    for (const x of out.assumptions) expect(SOURCES).toHaveProperty(x.source);
  });
});

describe('POST /v1/latency: an orbital data center is reached where it flies', () => {
  // The README's shell over New York; the data center on the first satellite of the first plane.
  const shell = { walker: { altitude_km: 550, inclination_deg: 53, planes: 24, sats_per_plane: 22, phasing: 1 } };
  const toOrbit = {
    satellites: shell,
    sites: ['New York'],
    start: '2026-03-20T00:00:00Z',
    end: '2026-03-20T03:00:00Z',
    rtt_step_s: 60,
    orbital_data_center: { satellite: 'P0-S0' },
  };

  /** Round trip at c along the straight line New York → P0-S0 at each grid time, from satellite.js alone, ms. */
  function lineOfSightMs(start: string, end: string, step_s: number): number[] {
    const { satrec } = resolveOrbit(
      { altitude_km: 550, inclination_deg: 53, raan_deg: 0, mean_anomaly_deg: 0 },
      start,
      new Provenance(),
    );
    const ny = SITES.find((s) => s.name === 'New York') as (typeof SITES)[number];
    const user = geodeticToEcf({ latitude: ny.lat_deg * DEG, longitude: ny.lon_deg * DEG, height: ny.alt_km ?? 0 });
    const out: number[] = [];
    for (let t = Date.parse(start); t <= Date.parse(end); t += step_s * 1000) {
      const jd = t / 86_400_000 + 2_440_587.5;
      const pv = sgp4(satrec, (jd - satrec.jdsatepoch) * 1440);
      if (pv === null) throw new Error('SGP4 failed');
      const r = eciToEcf(pv.position, gstime(jd));
      out.push(((2 * Math.hypot(r.x - user.x, r.y - user.y, r.z - user.z)) / C_KM_S) * 1000);
    }
    return out.sort((a, b) => a - b);
  }

  it('over laser links: user → mesh → that satellite → back, never shorter than the straight line nor than the bent pipe', () => {
    // The gateway at the user: rtt_ms is the bent pipe user → satellite → gateway → satellite → user (4 legs), the
    // figure once reported for the data center. Any path to the data center goes up to a satellite the user sees and
    // comes back down, so it is at least those 2 of the 4 legs: half that bent pipe, sample by sample.
    const out = runModel(latencyEstimator, {
      ...toOrbit,
      gateway: 'New York',
      inter_satellite_links: true,
      include_windows: false,
    });
    const dc = out.orbital_data_center;
    expect(dc.satellite).toBe('P0-S0');
    expect(dc.path).toBe('inter_satellite_links');
    expect(dc.rtt_reason).toBeNull();
    // New York always sees a satellite of this shell, and the mesh always reaches P0-S0 from it.
    expect(out.rtt.path_fraction).toBe(1);
    expect(dc.reachable_fraction).toBe(1);
    expect(dc.samples_with_path).toBe(dc.samples);
    expect(dc.hops_median).toBeGreaterThan(1);
    // The straight line, computed here from satellite.js alone, at the same samples.
    const line = lineOfSightMs(toOrbit.start, toOrbit.end, 60);
    const oneMicrosecond = 1e-3;
    expect(line.length).toBe(dc.samples);
    expect(Math.abs(dc.line_of_sight_rtt_ms.min - (line[0] as number))).toBeLessThan(oneMicrosecond);
    expect(Math.abs(dc.line_of_sight_rtt_ms.median - quantileSorted(line, 0.5))).toBeLessThan(oneMicrosecond);
    // Sample by sample the path is at least the straight line and at least user → nearest satellite → user.
    for (const k of ['min', 'median', 'p95'] as const) {
      expect(dc.rtt_ms[k]).toBeGreaterThanOrEqual(dc.line_of_sight_rtt_ms[k]);
      expect(dc.rtt_ms[k]).toBeGreaterThanOrEqual(out.rtt_ms[k] / 2);
    }
    // Most of the time the data center is far from New York: the median is many times the bent pipe's.
    expect(dc.rtt_ms.median).toBeGreaterThan(3 * out.rtt_ms.median);
    expect(dc.rtt_ms.median).toBeGreaterThanOrEqual(quantileSorted(line, 0.5) - oneMicrosecond);
    // Its contact with the gateway is still reported beside it.
    expect(out.outage.orbital_data_center.satellite).toBe('P0-S0');
    expect(out.outage.orbital_data_center.reachable_fraction_via_links).toBe(1);
  });

  it('without laser links: reached only while it is in the user’s view, over the straight line; no gateway needed', () => {
    const day = { ...toOrbit, end: '2026-03-21T00:00:00Z' };
    const out = runModel(latencyEstimator, day);
    const dc = out.orbital_data_center;
    expect(dc.path).toBe('direct');
    // The samples with a path are the grid times inside P0-S0's windows over New York.
    const t0 = Date.parse(day.start);
    const inView = (out.windows as { satellite: string; start: string; end: string }[])
      .filter((w) => w.satellite === 'P0-S0')
      .reduce((n, w) => {
        const a = Math.ceil((Date.parse(w.start) - t0) / 60_000 - 1e-6);
        const b = Math.floor((Date.parse(w.end) - t0) / 60_000 + 1e-6);
        return n + Math.max(0, b - a + 1);
      }, 0);
    expect(inView).toBeGreaterThan(0);
    expect(dc.samples_with_path).toBe(inView);
    expect(dc.reachable_fraction).toBeCloseTo(inView / dc.samples, 12);
    expect(dc.reachable_fraction).toBeLessThan(0.05);
    expect(dc.rtt_ms).toEqual(dc.line_of_sight_rtt_ms);
    expect(dc.hops_median).toBe(1);
    // One site and a data center in orbit: the round trip to the ground is null, with the reason.
    expect(out.rtt_ms).toBeNull();
    expect(out.rtt_reason).toMatch(/orbital_data_center/);
    expect(out.fibre_rtt_ms).toBeNull();
    expect(dc.propagation_difference_ms).toBeNull();
    expect(out.outage.orbital_data_center.reachable_fraction_direct).toBeNull();
    expect(out.outage.user_no_path_fraction).toBeNull();
  });

  it('null when no orbital data center is asked for', () => {
    const out = runModel(latencyEstimator, small);
    expect(out.orbital_data_center).toBeNull();
  });
});

describe('Walker shells: delta and star', () => {
  const counterRotating = /opposite directions/;

  it('planes spread over 360° of RAAN (delta, Walker 1984) or over 180° (a star); slots the same in both', () => {
    const w = { altitude_km: 780, inclination_deg: 86.4, planes: 6, sats_per_plane: 11, phasing: 2 };
    const raans = (spread: number) => [...new Set(walkerSlots(w, spread).map((x) => x.raan_deg))];
    expect(raans(360)).toEqual([0, 60, 120, 180, 240, 300]);
    expect(raans(180)).toEqual([0, 30, 60, 90, 120, 150]);
    // The in-plane spacing and the inter-plane phase F·360/T do not depend on the spread.
    const star = walkerSlots(w, 180);
    const delta = walkerSlots(w, 360);
    expect(star.map((x) => x.argument_of_latitude_deg)).toEqual(delta.map((x) => x.argument_of_latitude_deg));
    expect(star[11]?.name).toBe('P1-S0');
    expect(star[11]?.raan_deg).toBe(30);
    expect(star[11]?.argument_of_latitude_deg).toBeCloseTo((2 * 360) / 66, 12);
  });

  it('the default spread is an assumption with its source', () => {
    const out = runModel(latencyEstimator, { ...polar, satellites: walker(53) });
    const a = out.assumptions.find((x: { name: string }) => x.name === 'satellites.walker.raan_spread_deg');
    expect(a).toEqual({ name: 'satellites.walker.raan_spread_deg', value: 360, unit: 'deg', source: 'walker-1984' });
    expect(out.warnings.join(' ')).not.toMatch(counterRotating);
  });

  it('a polar delta shell warns that planes p and p + P/2 coincide and counter-rotate, with the figure; a star does not', () => {
    const at90 = runModel(latencyEstimator, { ...polar, satellites: walker(90) });
    const warning = at90.warnings.find((x: string) => counterRotating.test(x)) as string;
    expect(warning).toMatch(/plane 0 and plane 3 .*RAAN 180\.0° apart.* 0\.0° apart/);
    // Head-on at twice the circular speed at 780 km, √(μ/r) = 7.46 km/s.
    expect(warning).toMatch(/14\.9 km\/s/);
    expect(warning).toMatch(/raan_spread_deg: 180/);
    // Near-polar: at 88° the two planes are tilted 180° − 2·88° = 4° from each other.
    const at88 = runModel(latencyEstimator, { ...polar, satellites: walker(88) });
    expect(at88.warnings.join(' ')).toMatch(/ 4\.0° apart/);
    // Far from polar, or a star: no warning.
    const limit = DEFAULTS['latency.walker_polar_warning_deg'].value;
    const off = runModel(latencyEstimator, { ...polar, satellites: walker(90 - limit - 1) });
    expect(off.warnings.join(' ')).not.toMatch(counterRotating);
    const star = runModel(latencyEstimator, { ...polar, satellites: walker(90, { raan_spread_deg: 180 }) });
    expect(star.warnings.join(' ')).not.toMatch(counterRotating);
    expect(star.assumptions.map((x: { name: string }) => x.name)).not.toContain('satellites.walker.raan_spread_deg');
  });

  it('laser links do not cross the seam of a star, where neighbouring planes fly in opposite directions', () => {
    // +grid: two links per satellite (one in-plane, one to the next plane); a star has no next plane after the last.
    expect(plusGridLinks(6, 11, 2, true)).toHaveLength(2 * 66);
    const star = plusGridLinks(6, 11, 2, false);
    expect(star).toHaveLength(2 * 66 - 11);
    expect(star.some(([a, b]) => (a >= 55 && b < 11) || (b >= 55 && a < 11))).toBe(false);
  });
});

describe('latency: the caller’s grazing altitude and tier availabilities', () => {
  const names = (r: { assumptions: { name: string }[] }) => r.assumptions.map((a) => a.name);
  const mesh = {
    ...polar,
    satellites: walker(86.4),
    data_center: 'New York',
    inter_satellite_links: true,
    rtt_step_s: 60,
  };

  it('a given grazing altitude replaces the default; a higher one leaves no more paths, and one above the shell none', () => {
    const byDefault = runModel(latencyEstimator, mesh);
    expect(names(byDefault)).toContain('isl_grazing_altitude_km');
    const low = runModel(latencyEstimator, {
      ...mesh,
      isl_grazing_altitude_km: DEFAULTS['latency.isl_grazing_altitude_km']?.value,
    });
    expect(names(low)).not.toContain('isl_grazing_altitude_km');
    expect(low.rtt_ms).toEqual(byDefault.rtt_ms);
    const high = runModel(latencyEstimator, { ...mesh, isl_grazing_altitude_km: 400 });
    expect(high.rtt.samples_with_path).toBeGreaterThan(0);
    expect(high.rtt.samples_with_path).toBeLessThanOrEqual(low.rtt.samples_with_path);
    // Every link between two satellites at 780 km passes below 780 km: none is left, and no one satellite sees both ends.
    const above = runModel(latencyEstimator, { ...mesh, isl_grazing_altitude_km: 790 });
    expect(above.rtt.samples_with_path).toBe(0);
    expect(above.rtt_ms).toBeNull();
  });

  it('given tier availabilities are the outage view’s yardsticks: their downtime is (1 − availability) of the year', () => {
    const out = runModel(latencyEstimator, { ...small, reliability: { tier3_availability: 0.999, tier4_availability: 0.9999 } });
    expect(out.outage.tier3_availability).toBe(0.999);
    expect(out.outage.tier4_availability).toBe(0.9999);
    expect(out.outage.tier3_downtime_min_per_year).toBeCloseTo((1 - 0.999) * HOURS_PER_COMMON_YEAR * 60, 9);
    expect(out.outage.tier4_downtime_min_per_year).toBeCloseTo((1 - 0.9999) * HOURS_PER_COMMON_YEAR * 60, 9);
    expect(names(out)).not.toContain('reliability.tier3_availability');
    expect(names(out)).not.toContain('reliability.tier4_availability');
  });
});
