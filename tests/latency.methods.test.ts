/**
 * Two methods agree: the event search of the latency model (as POST /v1/latency runs it) against a plain 1-second scan written
 * here with satellite.js alone (sgp4 → eciToEcf → ecfToLookAngles), for real element sets over a
 * day at their own epoch. Same number of windows, starts and ends within 2 s, culminations within
 * a few hundredths of a degree.
 */
import { ecfToLookAngles, eciToEcf, gstime, sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { ELEMENT_SETS, SITES } from '../fixtures/index.js';
import { DEG } from '../models/constants.js';
import { latencyEstimator } from '../models/latency.js';
import { elevationRad, siteGeometry } from '../models/visibility.js';
import { runModel } from './helpers.js';

const twoSeconds = 2;

interface ScanWindow {
  satellite: string;
  start: number;
  end: number;
  maxElevation_deg: number;
}

/** Every second from `start` to `end`: elevation from satellite.js, windows as runs above the mask (ms since 1970). */
function scanOneSecond(
  tles: { name: string; line1: string; line2: string }[],
  site: { lat_deg: number; lon_deg: number },
  start: string,
  end: string,
  mask_deg: number,
): ScanWindow[] {
  const observer = { latitude: site.lat_deg * DEG, longitude: site.lon_deg * DEG, height: 0 };
  const t0 = Date.parse(start);
  const t1 = Date.parse(end);
  const out: ScanWindow[] = [];
  for (const tle of tles) {
    const satrec = twoline2satrec(tle.line1, tle.line2);
    let open: ScanWindow | null = null;
    for (let t = t0; t <= t1; t += 1000) {
      const jd = t / 86_400_000 + 2_440_587.5;
      const pv = sgp4(satrec, (jd - satrec.jdsatepoch) * 1440);
      if (pv === null) throw new Error(`SGP4 failed for ${tle.name}`);
      const e = ecfToLookAngles(observer, eciToEcf(pv.position, gstime(jd))).elevation / DEG;
      if (e >= mask_deg) {
        open ??= { satellite: tle.name, start: t, end: t, maxElevation_deg: e };
        open.end = t;
        open.maxElevation_deg = Math.max(open.maxElevation_deg, e);
      } else if (open) {
        out.push(open);
        open = null;
      }
    }
    if (open) out.push(open);
  }
  return out.sort((a, b) => a.start - b.start);
}

const site = (name: string) => SITES.find((s) => s.name === name) as (typeof SITES)[number];

const cases = [
  { set: 'iss-2014-01-20', site: 'Cairo', mask: 10 },
  { set: 'iss-2014-01-20', site: 'Cairo', mask: 45 },
  { set: 'noaa-19-2013-03-24', site: 'Dublin', mask: 0 },
  { set: 'noaa-19-2013-03-24', site: 'Singapore', mask: 30 },
  { set: 'starlink-l1-plane-2020-05-07', site: 'London', mask: 25 },
];

describe('event search against a 1-second scan (real element sets over a day at their epoch)', () => {
  for (const c of cases) {
    it(`${c.set} over ${c.site}, mask ${c.mask}°`, () => {
      const set = ELEMENT_SETS[c.set] as (typeof ELEMENT_SETS)[string];
      const start = set.epoch;
      const end = new Date(Date.parse(start) + 86_400_000).toISOString();
      const res = runModel(latencyEstimator, {
        satellites: { element_set: c.set },
        sites: [c.site],
        gateway: c.site,
        start,
        end,
        min_elevation_deg: c.mask,
      });
      const found = (res.windows as { satellite: string; start: string; end: string; max_elevation_deg: number }[]).map((w) => ({
        satellite: w.satellite,
        start: Date.parse(w.start),
        end: Date.parse(w.end),
        maxElevation_deg: w.max_elevation_deg,
      }));
      const scan = scanOneSecond(set.tles, site(c.site), start, end, c.mask);
      expect(scan.length, 'the scan finds passes: the case is not empty').toBeGreaterThan(0);
      expect(found.length).toBe(scan.length);
      found.sort((a, b) => a.start - b.start || a.satellite.localeCompare(b.satellite));
      scan.sort((a, b) => a.start - b.start || a.satellite.localeCompare(b.satellite));
      scan.forEach((ref, k) => {
        const w = found[k] as ScanWindow;
        expect(w.satellite).toBe(ref.satellite);
        expect(Math.abs(w.start - ref.start) / 1000, `start of window ${k}`).toBeLessThanOrEqual(twoSeconds);
        expect(Math.abs(w.end - ref.end) / 1000, `end of window ${k}`).toBeLessThanOrEqual(twoSeconds);
        // The refined culmination is at least the sampled maximum, and not far above it.
        expect(w.maxElevation_deg).toBeGreaterThanOrEqual(ref.maxElevation_deg - 1e-6);
        expect(w.maxElevation_deg - ref.maxElevation_deg).toBeLessThan(0.1);
      });
      // Coverage from the windows agrees with the scan's count of seconds in view.
      const seconds = scan.reduce((s, w) => s + (w.end - w.start) / 1000 + 1, 0);
      expect(Math.abs(res.sites[0].coverage_fraction * 86_400 - seconds)).toBeLessThanOrEqual(2 * scan.length + 1);
    });
  }

  it('the elevation the search uses is satellite.js ecfToLookAngles', () => {
    const g = siteGeometry({ name: 'x', lat_deg: 51.5, lon_deg: -0.13, alt_km: 0.2 });
    for (const r of [
      { x: 4000, y: -10, z: 5500 },
      { x: 7000, y: 100, z: 0 },
      { x: -2000, y: 3000, z: 6000 },
    ]) {
      const ref = ecfToLookAngles({ latitude: 51.5 * DEG, longitude: -0.13 * DEG, height: 0.2 }, r).elevation;
      expect(elevationRad(g, r)).toBeCloseTo(ref, 12);
    }
  });
});
