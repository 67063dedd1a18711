/**
 * POST /v1/latency through app.inject(): the examples' figures, every refusal as problem+json
 * (400 naming the field, 422 with the reason, 413 with the budget), and the fixtures it reads.
 */

import { eciToEcf, geodeticToEcf, gstime, sgp4 } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, ELEMENT_SETS, SITES, SOURCES } from '../fixtures/index.js';
import { C_KM_S, DEG, HOURS_PER_COMMON_YEAR, IUGG_MEAN_EARTH_RADIUS_KM } from '../models/constants.js';
import { greatCircleKm, latencyEstimator, plusGridLinks, roundTripMs, walkerSlots } from '../models/latency.js';
import { quantileSorted } from '../models/numerics.js';
import { resolveOrbit } from '../models/orbit.js';
import { Provenance } from '../models/provenance.js';
import { jdToDate, satrecFromTle, tleLineProblems } from '../models/sgp4.js';
import { expectProblem, post, useApp } from './helpers.js';

const app = useApp();
const example = (name: string) => (latencyEstimator.examples[name] as { value: Record<string, unknown> }).value;

const small = {
  satellites: { element_set: 'iss-2014-01-20' },
  sites: ['Cairo'],
  gateway: 'Cairo',
  start: '2014-01-20T22:23:04Z',
  end: '2014-01-21T04:23:04Z',
};

describe('POST /v1/latency: the examples', () => {
  it('ISS over Cairo: a handful of passes, minutes each, bent pipe through the ISS', async () => {
    const res = await post(app(), '/v1/latency', example('iss_over_cairo'));
    expect(res.status).toBe(200);
    expect(res.body.windows.length).toBeGreaterThanOrEqual(3);
    for (const w of res.body.windows) {
      expect(w.duration_s).toBeGreaterThan(0);
      expect(w.duration_s).toBeLessThan(12 * 60); // a LEO pass above 10° lasts minutes
      expect(w.max_elevation_deg).toBeGreaterThanOrEqual(10);
    }
    expect(res.body.coverage_fraction).toBeLessThan(0.05);
    expect(res.body.rtt.path).toBe('bent_pipe');
    expect(res.body.rtt_ms.min).toBeGreaterThanOrEqual(res.body.rtt_geometric_floor_ms);
    // The search is far cheaper than a 1-second scan.
    expect(res.body.search.samples + res.body.search.refinements).toBeLessThan(res.body.search.brute_force_1s_equivalent / 50);
  });

  it('Starlink-like shell, New York to a London data center: continuous coverage, laser links beat fibre', async () => {
    const res = await post(app(), '/v1/latency', example('starlink_nyc_london'));
    expect(res.status).toBe(200);
    expect(res.body.satellites.count).toBe(528);
    expect(res.body.windows).toEqual([]);
    expect(res.body.sites[0].windows).toBeGreaterThan(100);
    expect(res.body.rtt.path).toBe('inter_satellite_links');
    expect(res.body.rtt.hops_median).toBeGreaterThan(1);
    // Bounded below by light along the great circle, and (Handley 2018) faster than fibre beyond ~3,000 km.
    expect(res.body.rtt_ms.min).toBeGreaterThan(res.body.vacuum_rtt_ms);
    expect(res.body.rtt_ms.median).toBeLessThan(res.body.fibre_rtt_ms);
    expect(res.body.propagation_difference_ms).toBeLessThan(0);
    expect(res.body.llm.share_of_ttft).toBeLessThan(0);
  });

  it('without laser links, New York and London never share a satellite: no path, and the warning says why', async () => {
    const res = await post(app(), '/v1/latency', { ...example('starlink_nyc_london'), inter_satellite_links: false });
    expect(res.status).toBe(200);
    expect(res.body.rtt_ms).toBeNull();
    expect(res.body.propagation_difference_ms).toBeNull();
    expect(res.body.warnings.join(' ')).toMatch(/bent pipe cannot connect them.*inter_satellite_links/);
  });

  it('one orbital data center is out of the gateway’s sight most of the time, far below Tier III', async () => {
    const res = await post(app(), '/v1/latency', example('starlink_plane_bent_pipe'));
    expect(res.status).toBe(200);
    const dc = res.body.outage.orbital_data_center;
    expect(dc.satellite).toBe('STARLINK-1007');
    expect(dc.reachable_fraction_direct).toBeGreaterThan(0);
    expect(dc.reachable_fraction_direct).toBeLessThan(res.body.outage.tier3_availability);
    expect(dc.gpu_failures_per_year).toBeCloseTo(10_000 * res.body.outage.gpu_failure_per_year, 9);
  });

  it('per-year figures are over the 365-day year: downtime in minutes per year, failures per GPU-year', async () => {
    const res = await post(app(), '/v1/latency', example('starlink_plane_bent_pipe'));
    const minutesPerYear = HOURS_PER_COMMON_YEAR * 60; // 525,600
    expect(res.body.outage.tier3_downtime_min_per_year).toBeCloseTo((1 - 0.99982) * minutesPerYear, 9);
    expect(res.body.outage.tier4_downtime_min_per_year).toBeCloseTo((1 - 0.99995) * minutesPerYear, 9);
    expect(res.body.outage.user_no_path_min_per_year).toBeCloseTo(res.body.outage.user_no_path_fraction * minutesPerYear, 9);
    // Llama 3: 148 GPU + 72 HBM interruptions on 16,384 GPUs in 54 days, scaled to 365 days.
    expect(res.body.outage.gpu_failure_per_year).toBeCloseTo(((148 + 72) / 16_384) * (365 / 54), 12);
  });

  it('a gateway away from the data center: the fibre leg between them is in the orbital round trip, both ways', async () => {
    // ISS over Cairo, landing in Cairo; the data center in Frankfurt, then in Cairo itself.
    const frankfurt = await post(app(), '/v1/latency', example('iss_over_cairo'));
    const cairo = await post(app(), '/v1/latency', { ...example('iss_over_cairo'), data_center: 'Cairo' });
    expect(frankfurt.status).toBe(200);
    expect(cairo.status).toBe(200);
    // The leg: the same fibre model as the user's own route (great circle × route factor at c / 1.4682).
    const at = (name: string) => SITES.find((s) => s.name === name) as (typeof SITES)[number];
    const gc = greatCircleKm(
      at('Cairo').lat_deg,
      at('Cairo').lon_deg,
      at('Frankfurt').lat_deg,
      at('Frankfurt').lon_deg,
      IUGG_MEAN_EARTH_RADIUS_KM,
    );
    expect(frankfurt.body.gateway_great_circle_km).toBeCloseTo(gc, 9);
    const leg = roundTripMs(gc * DEFAULTS['latency.route_factor'].value, DEFAULTS['latency.fibre_group_index'].value);
    expect(frankfurt.body.gateway_fibre_rtt_ms).toBeCloseTo(leg, 9);
    expect(cairo.body.gateway_fibre_rtt_ms).toBe(0);
    // The orbital round trip grows by exactly the leg's round trip (2 × the one-way fibre), sample by sample.
    for (const k of ['min', 'median', 'p95'] as const)
      expect(frankfurt.body.rtt_ms[k] - cairo.body.rtt_ms[k]).toBeCloseTo(leg, 9);
    expect(frankfurt.body.rtt_geometric_floor_ms - cairo.body.rtt_geometric_floor_ms).toBeCloseTo(leg, 9);
    // The user is the gateway: the orbital path to Frankfurt is the user's own fibre route plus the hop to the ISS
    // and back, so orbit is slower than fibre by exactly that space segment.
    expect(frankfurt.body.propagation_difference_ms).toBeCloseTo(cairo.body.rtt_ms.median, 9);
    expect(frankfurt.body.propagation_difference_ms).toBeGreaterThan(0);
    expect(frankfurt.body.warnings.join(' ')).not.toMatch(/not counted/);
  });

  it('satellites and one site, no far end: a pass prediction, windows and coverage, every round-trip figure null with the reason', async () => {
    const { gateway: _, ...overMe } = small;
    const pass = await post(app(), '/v1/latency', overMe);
    expect(pass.status).toBe(200);
    expect(pass.body.windows.length).toBeGreaterThan(0);
    expect(pass.body.coverage_fraction).toBeGreaterThan(0);
    expect(pass.body.rtt_reason).toMatch(/pass prediction.*no gateway, data_center, second site or orbital_data_center/);
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
      expect(pass.body[field], field).toBeNull();
    expect(pass.body.llm.share_of_ttft).toBeNull();
    expect(pass.body.llm.share_of_answer).toBeNull();
    expect(pass.body.outage.user_no_path_fraction).toBeNull();
    expect(pass.body.outage.user_no_path_min_per_year).toBeNull();
    expect(pass.body.outage.user_no_satellite_fraction).toBeCloseTo(1 - pass.body.coverage_fraction, 12);
    // Defaults of what was not computed are not claimed as assumptions.
    const names = pass.body.assumptions.map((a: { name: string }) => a.name);
    for (const unused of ['rtt_step_s', 'route_factor', 'fibre_group_index']) expect(names).not.toContain(unused);

    // The same windows and coverage as the same request with a far end: at the user, or elsewhere.
    const here = await post(app(), '/v1/latency', small);
    expect(pass.body.windows).toEqual(here.body.windows);
    expect(pass.body.sites).toEqual(here.body.sites);
    expect(here.body.rtt_reason).toBeNull();
    const far = await post(app(), '/v1/latency', { ...overMe, gateway: 'Frankfurt' });
    expect(pass.body.windows).toEqual(far.body.windows.filter((w: { site: string }) => w.site === 'Cairo'));
    expect(pass.body.coverage_fraction).toBe(far.body.coverage_fraction);
    expect(pass.body.gaps).toEqual(far.body.gaps);
  });

  it('unit strings are converted at the edge', async () => {
    const a = await post(app(), '/v1/latency', { ...small, min_elevation_deg: 15, rtt_step_s: 60 });
    const b = await post(app(), '/v1/latency', { ...small, min_elevation_deg: '15 deg', rtt_step_s: '1 min' });
    expect(b.status).toBe(200);
    expect(b.body.windows).toEqual(a.body.windows);
    expect(b.body.rtt).toEqual(a.body.rtt);
  });

  it('defaults are declared as assumptions with sources that resolve', async () => {
    const res = await post(app(), '/v1/latency', small);
    const names = res.body.assumptions.map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['min_elevation_deg', 'route_factor', 'fibre_group_index', 'rtt_step_s', 'llm.ttft_s']),
    );
    for (const x of res.body.assumptions) expect(SOURCES).toHaveProperty(x.source);
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

  it('over laser links: user → mesh → that satellite → back, never shorter than the straight line nor than the bent pipe', async () => {
    // The gateway at the user: rtt_ms is the bent pipe user → satellite → gateway → satellite → user (4 legs), the
    // figure once reported for the data center. Any path to the data center goes up to a satellite the user sees and
    // comes back down, so it is at least those 2 of the 4 legs: half that bent pipe, sample by sample.
    const res = await post(app(), '/v1/latency', {
      ...toOrbit,
      gateway: 'New York',
      inter_satellite_links: true,
      include_windows: false,
    });
    expect(res.status).toBe(200);
    const dc = res.body.orbital_data_center;
    expect(dc.satellite).toBe('P0-S0');
    expect(dc.path).toBe('inter_satellite_links');
    expect(dc.rtt_reason).toBeNull();
    // New York always sees a satellite of this shell, and the mesh always reaches P0-S0 from it.
    expect(res.body.rtt.path_fraction).toBe(1);
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
      expect(dc.rtt_ms[k]).toBeGreaterThanOrEqual(res.body.rtt_ms[k] / 2);
    }
    // Most of the time the data center is far from New York: the median is many times the bent pipe's.
    expect(dc.rtt_ms.median).toBeGreaterThan(3 * res.body.rtt_ms.median);
    expect(dc.rtt_ms.median).toBeGreaterThanOrEqual(quantileSorted(line, 0.5) - oneMicrosecond);
    // Its contact with the gateway is still reported beside it.
    expect(res.body.outage.orbital_data_center.satellite).toBe('P0-S0');
    expect(res.body.outage.orbital_data_center.reachable_fraction_via_links).toBe(1);
  });

  it('without laser links: reached only while it is in the user’s view, over the straight line; no gateway needed', async () => {
    const day = { ...toOrbit, end: '2026-03-21T00:00:00Z' };
    const res = await post(app(), '/v1/latency', day);
    expect(res.status).toBe(200);
    const dc = res.body.orbital_data_center;
    expect(dc.path).toBe('direct');
    // The samples with a path are the grid times inside P0-S0's windows over New York.
    const t0 = Date.parse(day.start);
    const inView = (res.body.windows as { satellite: string; start: string; end: string }[])
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
    expect(res.body.rtt_ms).toBeNull();
    expect(res.body.rtt_reason).toMatch(/orbital_data_center/);
    expect(res.body.fibre_rtt_ms).toBeNull();
    expect(dc.propagation_difference_ms).toBeNull();
    expect(res.body.outage.orbital_data_center.reachable_fraction_direct).toBeNull();
    expect(res.body.outage.user_no_path_fraction).toBeNull();
  });

  it('null when no orbital data center is asked for', async () => {
    const res = await post(app(), '/v1/latency', small);
    expect(res.body.orbital_data_center).toBeNull();
  });
});

describe('Walker shells: delta and star', () => {
  const polar = {
    sites: ['London'],
    start: '2026-03-20T00:00:00Z',
    end: '2026-03-20T01:00:00Z',
    include_windows: false,
  };
  const walker = (inclination_deg: number, extra: object = {}) => ({
    walker: { altitude_km: 780, inclination_deg, planes: 6, sats_per_plane: 8, phasing: 1, ...extra },
  });
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

  it('the default spread is an assumption with its source', async () => {
    const res = await post(app(), '/v1/latency', { ...polar, satellites: walker(53) });
    expect(res.status).toBe(200);
    const a = res.body.assumptions.find((x: { name: string }) => x.name === 'satellites.walker.raan_spread_deg');
    expect(a).toEqual({ name: 'satellites.walker.raan_spread_deg', value: 360, unit: 'deg', source: 'walker-1984' });
    expect(res.body.warnings.join(' ')).not.toMatch(counterRotating);
  });

  it('a polar delta shell warns that planes p and p + P/2 coincide and counter-rotate, with the figure; a star does not', async () => {
    const at90 = await post(app(), '/v1/latency', { ...polar, satellites: walker(90) });
    expect(at90.status).toBe(200);
    const warning = at90.body.warnings.find((x: string) => counterRotating.test(x)) as string;
    expect(warning).toMatch(/plane 0 and plane 3 .*RAAN 180\.0° apart.* 0\.0° apart/);
    // Head-on at twice the circular speed at 780 km, √(μ/r) = 7.46 km/s.
    expect(warning).toMatch(/14\.9 km\/s/);
    expect(warning).toMatch(/raan_spread_deg: 180/);
    // Near-polar: at 88° the two planes are tilted 180° − 2·88° = 4° from each other.
    const at88 = await post(app(), '/v1/latency', { ...polar, satellites: walker(88) });
    expect(at88.body.warnings.join(' ')).toMatch(/ 4\.0° apart/);
    // Far from polar, or a star: no warning.
    const limit = DEFAULTS['latency.walker_polar_warning_deg'].value;
    const off = await post(app(), '/v1/latency', { ...polar, satellites: walker(90 - limit - 1) });
    expect(off.body.warnings.join(' ')).not.toMatch(counterRotating);
    const star = await post(app(), '/v1/latency', { ...polar, satellites: walker(90, { raan_spread_deg: 180 }) });
    expect(star.status).toBe(200);
    expect(star.body.warnings.join(' ')).not.toMatch(counterRotating);
    expect(star.body.assumptions.map((x: { name: string }) => x.name)).not.toContain('satellites.walker.raan_spread_deg');
  });

  it('laser links do not cross the seam of a star, where neighbouring planes fly in opposite directions', () => {
    // +grid: two links per satellite (one in-plane, one to the next plane); a star has no next plane after the last.
    expect(plusGridLinks(6, 11, 2, true)).toHaveLength(2 * 66);
    const star = plusGridLinks(6, 11, 2, false);
    expect(star).toHaveLength(2 * 66 - 11);
    expect(star.some(([a, b]) => (a >= 55 && b < 11) || (b >= 55 && a < 11))).toBe(false);
  });

  it('400: a spread outside (0, 360] names the field', async () => {
    const res = await post(app(), '/v1/latency', { ...polar, satellites: walker(90, { raan_spread_deg: 400 }) });
    expectProblem(res, 400);
    expect(res.body.errors[0].pointer).toBe('/satellites/walker/raan_spread_deg');
  });
});

describe('POST /v1/latency: problems', () => {
  it('400: an unknown site name lists the catalogue', async () => {
    const res = await post(app(), '/v1/latency', { ...small, sites: ['Atlantis'] });
    expectProblem(res, 400);
    expect(res.body.errors[0].pointer).toBe('/sites/0');
    expect(res.body.errors[0].message).toMatch(/New York.*London.*Cairo/);
  });

  it('400: a latitude out of range names the field', async () => {
    const res = await post(app(), '/v1/latency', { ...small, sites: [{ lat_deg: 95, lon_deg: 0 }] });
    expectProblem(res, 400);
    expect(res.body.errors[0]).toEqual({ pointer: '/sites/0', message: expect.stringMatching(/^lat_deg: .*≤ 90 deg, got 95/) });
  });

  it('400: end before start, phasing out of range, two forms of satellites', async () => {
    const endFirst = await post(app(), '/v1/latency', { ...small, end: '2014-01-20T00:00:00Z' });
    expectProblem(endFirst, 400);
    expect(endFirst.body.errors[0].pointer).toBe('/end');

    const walker = { altitude_km: 550, inclination_deg: 53, planes: 4, sats_per_plane: 4, phasing: 4 };
    const phasing = await post(app(), '/v1/latency', { ...small, satellites: { walker } });
    expectProblem(phasing, 400);
    expect(phasing.body.errors[0].pointer).toBe('/satellites/walker/phasing');

    const both = await post(app(), '/v1/latency', {
      ...small,
      satellites: { walker: { ...walker, phasing: 1 }, element_set: 'iss-2014-01-20' },
    });
    expectProblem(both, 400);
    expect(both.body.errors[0].message).toMatch(/exactly one of tles, element_set or walker/);
  });

  it('400: a TLE with a bad checksum names the line', async () => {
    const tle = (ELEMENT_SETS['iss-2014-01-20'] as (typeof ELEMENT_SETS)[string]).tles[0] as { line1: string; line2: string };
    const res = await post(app(), '/v1/latency', {
      ...small,
      satellites: { tles: [{ line1: `${tle.line1.slice(0, 68)}0`, line2: tle.line2 }] },
    });
    expectProblem(res, 400);
    expect(res.body.errors[0].pointer).toBe('/satellites/tles/0/line1');
  });

  it('422: an element set far from the interval, with its age and the limit', async () => {
    const res = await post(app(), '/v1/latency', { ...small, start: '2015-01-01T00:00:00Z', end: '2015-01-01T06:00:00Z' });
    expectProblem(res, 422);
    expect(res.body.errors[0].pointer).toBe('/satellites/element_set');
    expect(res.body.figures.limit_days).toBe(Provenance.value('orbit.tle_max_days'));
  });

  it('400: laser links over a list of element sets (an input combination, not physics)', async () => {
    const links = await post(app(), '/v1/latency', { ...small, inter_satellite_links: true });
    expectProblem(links, 400);
    expect(links.body.errors[0].pointer).toBe('/inter_satellite_links');
  });

  it('422: an unknown data-center satellite, a shell inside the atmosphere', async () => {
    const dc = await post(app(), '/v1/latency', { ...small, orbital_data_center: { satellite: 'HUBBLE' } });
    expectProblem(dc, 422);
    expect(dc.body.errors[0].pointer).toBe('/orbital_data_center/satellite');

    const low = await post(app(), '/v1/latency', {
      ...small,
      satellites: { walker: { altitude_km: 90, inclination_deg: 53, planes: 2, sats_per_plane: 2, phasing: 0 } },
    });
    expectProblem(low, 422);
    expect(low.body.detail).toMatch(/atmosphere/);
  });

  it('413: a shell too large for the budget answers at once with the budget', async () => {
    const res = await post(app(), '/v1/latency', {
      satellites: { walker: { altitude_km: 550, inclination_deg: 53, planes: 72, sats_per_plane: 22, phasing: 1 } },
      sites: ['New York', 'London', 'Cairo'],
      start: '2026-03-20T00:00:00Z',
      end: '2026-03-27T00:00:00Z',
    });
    expectProblem(res, 413);
    expect(res.body.figures.limit_satellite_site_hours).toBe(Provenance.value('latency.budget_satellite_site_hours'));
    expect(res.body.figures.requested_satellite_site_hours).toBe(72 * 22 * 3 * 168);
    expect(res.body.errors[0].pointer).toBe('/satellites');
  });

  it('413: too many round-trip samples names rtt_step_s', async () => {
    const res = await post(app(), '/v1/latency', { ...small, end: '2014-01-22T22:23:04Z', rtt_step_s: 1 });
    expectProblem(res, 413);
    expect(res.body.errors[0].pointer).toBe('/rtt_step_s');
    expect(res.body.figures).toEqual({
      requested_samples: 172_801,
      limit_samples: Provenance.value('latency.budget_rtt_samples'),
    });
  });

  it('413 and 422 from the request alone: the largest shell is refused before any satellite is built', async () => {
    // 200 × 200 satellites × 2 sites × 1 h is inside the satellite·site·hour budget; the laser-link
    // routing over 1-second samples is not, nor is a data-center index past the end of the shell.
    // Building the 40,000 satellites first took over a second; these answers need none of them (the
    // checks run on the request before the fleet is built; timing is a benchmark matter, not asserted here).
    const largest = {
      satellites: { walker: { altitude_km: 550, inclination_deg: 53, planes: 200, sats_per_plane: 200, phasing: 1 } },
      sites: ['New York'],
      data_center: 'London',
      start: '2026-03-20T00:00:00Z',
      end: '2026-03-20T01:00:00Z',
      rtt_step_s: 1,
    };
    const links = await post(app(), '/v1/latency', { ...largest, inter_satellite_links: true });
    expectProblem(links, 413);
    // The route's cost check comes first: the estimate, its drivers and the budget.
    expect(links.body.figures.estimated_cpu_s).toBeGreaterThan(links.body.figures.budget_cpu_s);
    expect(links.body.detail).toMatch(/40,000 satellites × 3,601 round-trip samples/);
    expect(links.body.errors[0].pointer).toBe('/rtt_step_s');
    const index = await post(app(), '/v1/latency', { ...largest, orbital_data_center: { satellite: 40_000 } });
    expectProblem(index, 422);
    expect(index.body.errors[0].pointer).toBe('/orbital_data_center/satellite');
    expect(index.body.detail).toMatch(/40000 satellites, numbered 0 to 39999/);
  });

  it('413: laser-link routing over too many samples names rtt_step_s', async () => {
    const res = await post(app(), '/v1/latency', {
      ...example('starlink_nyc_london'),
      rtt_step_s: 5,
    });
    expectProblem(res, 413);
    expect(res.body.errors[0].pointer).toBe('/rtt_step_s');
    expect(res.body.figures.limit_satellite_samples).toBe(Provenance.value('latency.budget_isl_satellite_samples'));
  });
});

describe('latency fixtures', () => {
  it('every element set is well formed, its stated epoch is the TLE epoch, and its source resolves', () => {
    for (const [id, set] of Object.entries(ELEMENT_SETS)) {
      expect(SOURCES, id).toHaveProperty(set.source);
      for (const tle of set.tles) {
        expect(tleLineProblems(tle.line1, 1), `${id} ${tle.name}`).toEqual([]);
        expect(tleLineProblems(tle.line2, 2), `${id} ${tle.name}`).toEqual([]);
        const satrec = satrecFromTle(tle);
        expect(satrec.error).toBe(0);
        expect(Math.abs(jdToDate(satrec.jdsatepoch).getTime() - Date.parse(set.epoch)), `${id} ${tle.name} epoch`).toBeLessThan(
          1000,
        );
      }
    }
  });

  it('the Starlink sample is one plane of the 550 km, 53° shell; NOAA 19 is sun-synchronous', () => {
    const planes = (ELEMENT_SETS['starlink-l1-plane-2020-05-07'] as (typeof ELEMENT_SETS)[string]).tles.map((t) =>
      satrecFromTle(t),
    );
    const raans = planes.map((s) => (s.nodeo * 180) / Math.PI);
    expect(Math.max(...raans) - Math.min(...raans)).toBeLessThan(0.1);
    for (const s of planes) expect(Math.abs((s.inclo * 180) / Math.PI - 53)).toBeLessThan(0.05);
    const noaa = satrecFromTle(
      (ELEMENT_SETS['noaa-19-2013-03-24'] as (typeof ELEMENT_SETS)[string]).tles[0] as { line1: string; line2: string },
    );
    // J2 node drift of a sun-synchronous orbit: +0.9856°/day.
    expect(((noaa.nodedot * 1440 * 180) / Math.PI) * 1).toBeCloseTo(0.9856, 1);
  });

  it('sources say what they are: the page that holds the figure, copies named as copies, unverified figures flagged', () => {
    const source = (key: string) => SOURCES[key] as (typeof SOURCES)[string];
    // The TTFT and rate are those of GPT-4o of May 2024 through OpenAI; the undated gpt-4o page shows a later model.
    expect(source('artificial-analysis-gpt4o-2024').url).toMatch(/\/models\/gpt-4o-2024-05-13\/providers$/);
    // Uptime's Tier Standard page does not give availability percentages; the figures are only as quoted.
    expect(source('uptime-institute-tiers').citation).toMatch(/does not state availability percentages/);
    for (const key of ['reliability.tier3_availability', 'reliability.tier4_availability'] as const)
      expect(DEFAULTS[key].note, key).toMatch(/primary source not verified/);
    // The Starlink copy is what its repository's app fetched: CelesTrak's regular starlink.txt, not the supplemental sets.
    expect(source('celestrak-starlink-2020-05-07').citation).toMatch(/NORAD\/elements\/starlink\.txt/);
    expect(source('celestrak-starlink-2020-05-07').citation).not.toMatch(/supplemental/);
    // The NOAA copy's repository does not say where the file came from.
    expect(source('celestrak-noaa-2013-03-24').citation).toMatch(/inferred from the format/);
  });

  it('the site catalogue has the named places, each with a source', () => {
    const names = SITES.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['New York', 'London', 'Cairo', 'Ashburn', 'Dublin', 'Frankfurt']));
    for (const s of SITES) expect(SOURCES).toHaveProperty(s.source);
  });
});
