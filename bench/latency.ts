/**
 * The latency estimator's event search against plain brute-force scans, in one run.
 *
 * The benchmark: a 528-satellite Walker shell (24 planes × 22, 550 km, 53°, F = 1) over one
 * site (New York, 25° mask) for 24 h. Candidates, interleaved:
 *   - the event search (models/visibility.ts `searchWindows`, as `POST /v1/latency` runs it);
 *   - the whole `POST /v1/latency` model on the same shell (windows, statistics, bent-pipe round trip);
 *   - a plain 10-second scan with satellite.js (sgp4 → eciToEcf → ecfToLookAngles);
 *   - the same 10-second scan with satellite.js's WASM BulkPropagator (single thread), for context.
 * Then, once, the accuracy of the event search's window edges against a 1-second scan.
 */
import {
  BulkPropagator,
  createSingleThreadRuntime,
  EcfPositionCalculator,
  EciBaseCalculator,
  ecfToLookAngles,
  eciToEcf,
  GmstCalculator,
  gstime,
  LookAnglesCalculator,
  sgp4,
} from 'satellite.js';
import { DEG } from '../models/constants.js';
import { runEstimator } from '../models/estimator.js';
import { latencyEstimator } from '../models/latency.js';
import { resolveOrbit } from '../models/orbit.js';
import { Provenance } from '../models/provenance.js';
import { dateToJd, minutesSinceEpoch } from '../models/sgp4.js';
import { searchWindows, siteGeometry, type Track, type Window } from '../models/visibility.js';
import { compare } from './harness.js';

const START = new Date('2026-03-20T00:00:00Z');
const DURATION_S = 86_400;
const PLANES = 24;
const PER_PLANE = 22;
const PHASING = 1;
const MASK_DEG = 25;
const NEW_YORK = { name: 'New York', lat_deg: 40.71427, lon_deg: -74.00597, alt_km: 0 };

/** The shell exactly as the estimator builds it (Walker delta, elements at the start). */
function shell(): Track[] {
  const p = new Provenance();
  const tracks: Track[] = [];
  const T = PLANES * PER_PLANE;
  for (let pl = 0; pl < PLANES; pl++) {
    for (let k = 0; k < PER_PLANE; k++) {
      const raan = (pl * 360) / PLANES;
      const m = (k * 360) / PER_PLANE + (pl * PHASING * 360) / T;
      const o = resolveOrbit(
        {
          altitude_km: 550,
          inclination_deg: 53,
          raan_deg: ((raan + 180) % 360) - 180,
          mean_anomaly_deg: ((m + 180) % 360) - 180,
        },
        START.toISOString(),
        p,
      );
      tracks.push({
        name: `P${pl}-S${k}`,
        satrec: o.satrec,
        t0_min: minutesSinceEpoch(o.satrec, START),
        jd0: dateToJd(START),
        pointer: '',
      });
    }
  }
  return tracks;
}

interface Edge {
  satellite: number;
  start_s: number;
  end_s: number;
  /** The 1-s samples that bracket each edge. */
  startBracket: [number, number];
  endBracket: [number, number];
}

/** A plain scan: satellite.js at every step, windows as runs of samples above the mask (edges interpolated). */
function bruteForce(tracks: Track[], step_s: number): Edge[] {
  const site = NEW_YORK;
  const observer = { latitude: site.lat_deg * DEG, longitude: site.lon_deg * DEG, height: site.alt_km };
  const mask = MASK_DEG * DEG;
  const edges: Edge[] = [];
  tracks.forEach((tr, i) => {
    let prevUp = false;
    let prevE = 0;
    let open: { t: number; bracket: [number, number] } | null = null;
    for (let t = 0; t <= DURATION_S; t += step_s) {
      const pv = sgp4(tr.satrec, tr.t0_min + t / 60);
      if (pv === null) throw new Error(`SGP4 failed for ${tr.name}`);
      const e = ecfToLookAngles(observer, eciToEcf(pv.position, gstime(tr.jd0 + t / 86_400))).elevation;
      const up = e >= mask;
      if (up !== prevUp) {
        // Crossing interpolated linearly between the two samples that bracket it.
        const crossing = t - step_s + (step_s * (mask - prevE)) / (e - prevE);
        if (up) open = t === 0 ? { t: 0, bracket: [0, 0] } : { t: crossing, bracket: [t - step_s, t] };
        else if (open) {
          edges.push({ satellite: i, start_s: open.t, end_s: crossing, startBracket: open.bracket, endBracket: [t - step_s, t] });
          open = null;
        }
      }
      prevUp = up;
      prevE = e;
    }
    if (open)
      edges.push({
        satellite: i,
        start_s: open.t,
        end_s: DURATION_S,
        startBracket: open.bracket,
        endBracket: [DURATION_S, DURATION_S],
      });
  });
  return edges;
}

function eventSearch(tracks: Track[]): Window[] {
  const site = siteGeometry(NEW_YORK);
  return tracks.flatMap((tr, i) => searchWindows(tr, [site], DURATION_S, MASK_DEG * DEG, i).windows);
}

const wasmRuntime = await createSingleThreadRuntime();

/** The same 10-s scan through the WASM bulk propagator, one hour of dates per run. */
function bulkScan(tracks: Track[], step_s: number): number {
  const chunk = Math.round(3600 / step_s);
  const observer = { latitude: NEW_YORK.lat_deg * DEG, longitude: NEW_YORK.lon_deg * DEG, height: 0 };
  const propagator = new BulkPropagator({
    runtime: wasmRuntime,
    calculators: [new EciBaseCalculator(), new GmstCalculator(), new EcfPositionCalculator(), new LookAnglesCalculator()],
    satRecsCount: tracks.length,
    datesCount: chunk,
  });
  let above = 0;
  try {
    propagator.setSatRecs(tracks.map((t) => t.satrec));
    for (let c = 0; c * step_s <= DURATION_S; c += chunk) {
      const n = Math.min(chunk, Math.floor(DURATION_S / step_s) + 1 - c);
      propagator.setDates(Array.from({ length: n }, (_, j) => new Date(START.getTime() + (c + j) * step_s * 1000)));
      propagator.run({ lookAngles: { observer } });
      const look = propagator.getRawOutput().lookAngles;
      for (let i = 1; i < n * tracks.length * 3; i += 3) if ((look[i] as number) >= MASK_DEG * DEG) above++;
    }
  } finally {
    propagator.dispose();
  }
  return above;
}

export function benchLatency() {
  const tracks = shell();
  const request = latencyEstimator.input.parse({
    satellites: {
      walker: { altitude_km: 550, inclination_deg: 53, planes: PLANES, sats_per_plane: PER_PLANE, phasing: PHASING },
    },
    sites: [NEW_YORK],
    gateway: NEW_YORK,
    start: START.toISOString(),
    end: new Date(START.getTime() + DURATION_S * 1000).toISOString(),
    min_elevation_deg: MASK_DEG,
    include_windows: false,
  });
  const rows = compare(
    `Visibility of a 528-satellite shell (24 x 22, 550 km, 53 deg) over New York for 24 h, ${MASK_DEG} deg mask`,
    [
      { name: 'plain 10-s scan, satellite.js (sgp4, eciToEcf, ecfToLookAngles)', run: () => bruteForce(tracks, 10) },
      { name: 'event search (searchWindows)', run: () => eventSearch(tracks) },
      { name: 'POST /v1/latency model (search + stats + bent-pipe RTT)', run: () => runEstimator(latencyEstimator, request) },
      { name: '10-s scan, satellite.js WASM BulkPropagator (1 thread)', run: () => bulkScan(tracks, 10) },
    ],
    5,
  );

  // Accuracy, once: the event search's edges against a 1-second scan of the same shell.
  const found = eventSearch(tracks);
  const scan = bruteForce(tracks, 1);
  const scan10 = bruteForce(tracks, 10);
  let worst = 0;
  let outsideBracket = 0;
  let unmatched = 0;
  for (const ref of scan) {
    const w = found.find((x) => x.satellite === ref.satellite && Math.abs(x.start_s - ref.start_s) < 60);
    if (!w) {
      unmatched++;
      continue;
    }
    worst = Math.max(worst, Math.abs(w.start_s - ref.start_s), Math.abs(w.end_s - ref.end_s));
    const inside = (t: number, [a, b]: [number, number]) => t >= a - 1e-6 && t <= b + 1e-6;
    if (!inside(w.start_s, ref.startBracket)) outsideBracket++;
    if (!inside(w.end_s, ref.endBracket)) outsideBracket++;
  }
  const ratio = (rows[1]?.median_ms as number) / (rows[0]?.median_ms as number);
  // SGP4 calls: the search's coarse samples and refinements, against one call per satellite per 10-s sample.
  const ny = siteGeometry(NEW_YORK);
  const searchCalls = tracks.reduce((sum, tr, i) => {
    const { stats } = searchWindows(tr, [ny], DURATION_S, MASK_DEG * DEG, i);
    return sum + stats.samples + stats.refinements;
  }, 0);
  const scanCalls = tracks.length * (Math.floor(DURATION_S / 10) + 1);
  console.log(
    `\nSGP4 calls: event search ${searchCalls}, plain 10-s scan ${scanCalls} (${(scanCalls / searchCalls).toFixed(1)}x fewer)`,
  );
  console.log(
    `\nwindows: event search ${found.length}, 1-s scan ${scan.length}, 10-s scan ${scan10.length}; unmatched ${unmatched}` +
      `\nedges vs the 1-s scan (crossings interpolated): max |difference| ${worst.toFixed(3)} s; edges outside their 1-s bracket: ${outsideBracket}` +
      `\nevent search / plain 10-s scan: ${ratio.toFixed(3)} (${(1 / ratio).toFixed(1)}x faster)`,
  );
}
