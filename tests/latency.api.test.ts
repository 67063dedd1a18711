/**
 * POST /v1/latency through app.inject(): every refusal as problem+json (400 naming the field, 422
 * with the reason, 413 with the budget), and the fixtures it reads. The figures are tested on the
 * model itself in latency.model.test.ts.
 */

import { describe, expect, it } from 'vitest';
import { DEFAULTS, ELEMENT_SETS, SITES, SOURCES } from '../fixtures/index.js';
import { Provenance } from '../models/provenance.js';
import { jdToDate, satrecFromTle, tleLineProblems } from '../models/sgp4.js';
import { expectProblem, post, useApp } from './helpers.js';
import { example, polar, small, walker } from './latency-cases.js';

const app = useApp();

describe('POST /v1/latency: Walker shells', () => {
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
