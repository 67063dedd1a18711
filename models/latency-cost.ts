/**
 * What a latency request costs, from the request alone: no satellite is built and nothing is
 * propagated. The estimator's work is counted the way it does it, and priced with the calibration
 * coefficients of fixtures/execution.json (bench/cost.ts measures them and checks the estimate):
 *
 *   build     satellites × (Walker slot or element set)
 *   search    coarse SGP4 samples: P/24 near a site, up to P/6 far from every site, each compared with every site
 *   windows   satellites × sites × expected windows, each refined (some 25 SGP4 calls), kept and listed
 *   sampling  round-trip samples × satellites in view of the user and the gateway (the one both see is propagated),
 *             or, over laser links, every satellite propagated and routed at every sample
 *
 * The satellites in view come from the expected visibility of a shell (`inViewFraction`: the
 * time-mean share of an orbit within a site's view), so a shell at 2,000 km over Cairo counts its
 * ~1,580 satellites in view without propagating one.
 */
import { DEG, EGM96_MU_KM3_S2, IERS_EARTH_ROTATION_RAD_S, SECONDS_PER_DAY, WGS84_A_KM } from './constants.js';
import {
  type Coefficient,
  coefficient,
  count,
  counted,
  resonanceCallCost,
  rttSatelliteCost,
  sgp4CallCost,
  windowCosts,
} from './cost.js';
import type { Cost } from './estimator.js';
import type { SatellitesCase } from './latency.js';
import { sampleCount } from './numerics.js';
import { periodS } from './orbit.js';
import { tleEpochMs, tleMeanElements } from './sgp4.js';
import { inViewFraction, maxCentralAngleRad, orbitBounds } from './visibility.js';

/** Satellites on alike orbits: how many, and what their visibility and their propagation cost depend on. */
export interface OrbitClass {
  count: number;
  /** Highest altitude above the WGS84 equator (apogee), km: the widest view. */
  apogee_km: number;
  /** Orbital period, s. */
  period_s: number;
  eccentricity: number;
  inclination_deg: number;
  /** Extra CPU seconds of each SGP4 call over the interval: SDP4's resonance integration from the element epoch (resonanceCallCost). */
  resonance_s: number;
}

/**
 * A circular or eccentric orbit of given mean motion as an orbit class of the estimate, its calls
 * made up to `age_s` from its element epoch (null when it is no orbit).
 */
export function classFromMeanMotion(
  meanMotion_rev_day: number,
  eccentricity: number,
  inclination_deg: number,
  age_s: number,
): OrbitClass | null {
  if (!(meanMotion_rev_day > 0) || !(eccentricity >= 0 && eccentricity < 1) || !Number.isFinite(inclination_deg)) return null;
  const n_rad_s = (meanMotion_rev_day * 2 * Math.PI) / SECONDS_PER_DAY;
  const a_km = Math.cbrt(EGM96_MU_KM3_S2 / n_rad_s ** 2);
  const period_s = SECONDS_PER_DAY / meanMotion_rev_day;
  return {
    count: 1,
    apogee_km: a_km * (1 + eccentricity) - WGS84_A_KM,
    period_s,
    eccentricity,
    inclination_deg,
    resonance_s: resonanceCallCost(period_s, eccentricity, Number.isFinite(age_s) ? age_s : 0),
  };
}

/** Orbit classes the estimate tells apart at most: beyond them, the smallest groups are merged into one. */
const MAX_ORBIT_CLASSES = 48;

/**
 * Element sets grouped into orbit classes: semi-major axes within about 2 %, inclinations within a
 * degree, eccentricities within 0.05. A group keeps its widest view (highest apogee), its shortest
 * period, its largest eccentricity and its dearest resonance, so that it never understates the work
 * of its members.
 */
function groupClasses(orbits: readonly (OrbitClass | null)[]): OrbitClass[] {
  const groups = new Map<string, OrbitClass>();
  for (const o of orbits) {
    if (o === null) continue;
    const key = `${Math.round(Math.log(o.period_s) / 0.03)}:${Math.round(o.inclination_deg)}:${Math.round(o.eccentricity * 20)}`;
    const g = groups.get(key);
    groups.set(key, g ? mergeClass(g, o) : { ...o });
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
  if (sorted.length <= MAX_ORBIT_CLASSES) return sorted;
  const rest = sorted.slice(MAX_ORBIT_CLASSES - 1).reduce(mergeClass);
  return [...sorted.slice(0, MAX_ORBIT_CLASSES - 1), rest];
}

function mergeClass(g: OrbitClass, o: OrbitClass): OrbitClass {
  return {
    count: g.count + o.count,
    apogee_km: Math.max(g.apogee_km, o.apogee_km),
    period_s: Math.min(g.period_s, o.period_s),
    eccentricity: Math.max(g.eccentricity, o.eccentricity),
    inclination_deg: g.inclination_deg,
    resonance_s: Math.max(g.resonance_s, o.resonance_s),
  };
}

/** The largest time from an element epoch to a call in [start, end], s. */
const ageAtCalls = (epoch_ms: number, start_ms: number, end_ms: number) =>
  Math.max(Math.abs(start_ms - epoch_ms), Math.abs(end_ms - epoch_ms)) / 1000;

/** The satellites a request asks for over [start, end] as orbit classes, from the request (no SGP4 record is initialised). */
export function orbitClasses(s: SatellitesCase, start_ms: number, end_ms: number): OrbitClass[] {
  if (s.kind === 'walker') {
    const w = s.walker;
    const period_s = periodS(WGS84_A_KM + w.altitude_km);
    const epoch_ms = w.epoch === undefined ? start_ms : Date.parse(w.epoch);
    const walkerClass = classFromMeanMotion(
      SECONDS_PER_DAY / period_s,
      0,
      w.inclination_deg,
      ageAtCalls(epoch_ms, start_ms, end_ms),
    );
    return walkerClass ? [{ ...walkerClass, count: w.planes * w.sats_per_plane, apogee_km: w.altitude_km }] : [];
  }
  return groupClasses(
    s.tles.map((tle) => {
      const m = tleMeanElements(tle.line2);
      const age_s = ageAtCalls(tleEpochMs(tle.line1), start_ms, end_ms);
      return classFromMeanMotion(m.meanMotion_rev_day, m.eccentricity, m.inclination_deg, age_s);
    }),
  );
}

/** The drivers of a latency request's work, read from the request alone. */
export interface LatencyDrivers {
  /** How the satellites are built: Walker slots (elements → SGP4 record) or element sets. */
  build: 'walker' | 'element_set';
  classes: readonly OrbitClass[];
  /** Latitudes of every site searched (the user first, the gateway included), deg. */
  siteLats_deg: readonly number[];
  /** Earth-central angle between the user and the gateway, rad; null without a far end on the ground. */
  gatewaySeparation_rad: number | null;
  /** Index of the gateway among the sites (0: at the user's site); null without one. */
  gatewayIndex: number | null;
  duration_s: number;
  mask_deg: number;
  /** Round-trip sampling step, s; null when nothing is timed (a pass prediction). */
  step_s: number | null;
  links: boolean;
  orbitalDataCenter: boolean;
}

/** Largest Earth-central angle at which a satellite of this class stands above the mask (at its apogee), rad. */
const viewAngleRad = (c: OrbitClass, mask_deg: number) =>
  maxCentralAngleRad(WGS84_A_KM, WGS84_A_KM + c.apogee_km, mask_deg * DEG);

/**
 * Coarse samples per second of the event search for one satellite: a step of P/24 within the
 * near zone of some site (γ ≤ γ_max + ω·P/24), growing with the distance to γ_max + ω·P/6 and P/6
 * beyond (visibility.ts `searchWindows`), averaged over where the satellite spends its time. The
 * bands take the step at their middle: P/24·1.5 in the second, P/24·3 in the third.
 */
function coarseRate(c: OrbitClass, d: LatencyDrivers): number {
  const hNear = c.period_s / 24;
  // The search's own bounds: apogee with margins, fastest turn of direction; the mask less the
  // search's margin of 0.1° and the largest vertical deflection, 0.19°.
  const a_km = (WGS84_A_KM + c.apogee_km) / (1 + c.eccentricity);
  const { rMax_km, angularRateMax_rad_s: omega } = orbitBounds(a_km, c.eccentricity, (2 * Math.PI) / c.period_s);
  const gammaMax = maxCentralAngleRad(WGS84_A_KM, rMax_km, (d.mask_deg - 0.3) * DEG);
  const inc = c.inclination_deg * DEG;
  const near = (k: number) =>
    Math.min(
      1,
      d.siteLats_deg.reduce((s, lat) => s + inViewFraction(lat * DEG, gammaMax + k * omega * hNear, inc), 0),
    );
  const [p1, p2, p3] = [near(1), near(2), near(4)] as [number, number, number];
  return p1 / hNear + (p2 - p1) / (1.5 * hNear) + (p3 - p2) / (3 * hNear) + (1 - p3) / (4 * hNear);
}

/**
 * Windows one satellite of the class is expected to have at one site: open at the start with
 * probability f, and rising at a rate f / T_pass after, with the mean pass T_pass = (π/2)·γ / ω:
 * the mean chord of a cap of radius γ crossed at the satellite's angular rate over the rotating
 * Earth, ω = √(n² + Ω⊕² − 2nΩ⊕ cos i) at most (no new pass for a geostationary satellite).
 */
function windowsPerSatellite(f: number, gamma_rad: number, c: OrbitClass, duration_s: number) {
  if (f <= 0 || gamma_rad <= 0) return { open: 0, rising: 0 };
  const n = (2 * Math.PI) / c.period_s;
  const earth = IERS_EARTH_ROTATION_RAD_S;
  const omega = Math.sqrt(Math.max(0, n * n + earth * earth - 2 * n * earth * Math.cos(c.inclination_deg * DEG)));
  return { open: f, rising: (f * duration_s * omega) / ((Math.PI / 2) * gamma_rad) };
}

/**
 * Share of the smaller of two caps of radius γ whose centres lie `separation` apart that both
 * cover: the lens of two equal circles, (2/π)(acos x − x√(1 − x²)) with x = separation / 2γ.
 */
function sharedViewFraction(separation_rad: number, gamma_rad: number): number {
  const x = separation_rad / (2 * gamma_rad);
  return x >= 1 ? 0 : (2 / Math.PI) * (Math.acos(x) - x * Math.sqrt(1 - x * x));
}

/**
 * CPU seconds of a pass prediction: one satellite of the class searched over `duration_s` for its
 * windows above `mask_deg` at one site, as latency prices its event search (the links' daily contact).
 */
export function passPredictionCost(c: OrbitClass, siteLat_deg: number, mask_deg: number, duration_s: number): number {
  const drivers: LatencyDrivers = {
    build: 'walker',
    classes: [c],
    siteLats_deg: [siteLat_deg],
    gatewaySeparation_rad: null,
    gatewayIndex: null,
    duration_s,
    mask_deg,
    step_s: null,
    links: false,
    orbitalDataCenter: false,
  };
  const work = classWork({ ...c, count: 1 }, drivers, 0);
  return work.search_s + work.windows_s;
}

/** Work of one orbit class, in CPU seconds, with the satellites the user sees at a time. */
interface ClassWork {
  build_s: number;
  search_s: number;
  windows_s: number;
  sampling_s: number;
  userInView: number;
  windows: number;
}

function classWork(c: OrbitClass, d: LatencyDrivers, samples: number): ClassWork {
  const sgp4 = sgp4CallCost(c.period_s) + c.resonance_s;
  const gamma = viewAngleRad(c, d.mask_deg);
  const inc = c.inclination_deg * DEG;
  const f = d.siteLats_deg.map((lat) => inViewFraction(lat * DEG, gamma, inc));
  const coarse = c.count * (d.duration_s * coarseRate(c, d) + 1);
  const perSite = f.map((fk) => windowsPerSatellite(fk, gamma, c, d.duration_s));
  const open = c.count * perSite.reduce((s, w) => s + w.open, 0);
  const rising = c.count * perSite.reduce((s, w) => s + w.rising, 0);
  const cost = windowCosts(c.period_s);
  const perCall = c.resonance_s;
  const build: Coefficient =
    d.build === 'walker' ? 'execution.cost.satrec_from_elements_s' : 'execution.cost.satrec_from_element_set_s';
  return {
    build_s: c.count * coefficient(build),
    search_s: coarse * (sgp4 + d.siteLats_deg.length * coefficient('execution.cost.site_sample_s')),
    windows_s:
      open * (cost.open + coefficient('execution.cost.open_window_sgp4_calls') * perCall) +
      rising * (cost.rising + coefficient('execution.cost.window_sgp4_calls') * perCall),
    sampling_s: samples * samplingPerSample(c, d, f, gamma),
    userInView: c.count * (f[0] ?? 0),
    windows: open + rising,
  };
}

/**
 * CPU seconds per round-trip sample for one class: every satellite in view of the user or the
 * gateway is listed and checked, and the one both see propagated (bent pipe); over laser links
 * every satellite is propagated and routed once per shortest-path search (from the user, and from
 * the gateway when an orbital data center is reached from both).
 */
function samplingPerSample(c: OrbitClass, d: LatencyDrivers, f: readonly number[], gamma: number): number {
  const satellite = rttSatelliteCost(c.period_s) + c.resonance_s;
  const fUser = f[0] ?? 0;
  const fGateway = d.gatewayIndex === null ? 0 : (f[d.gatewayIndex] ?? 0);
  const listed = c.count * (fUser + fGateway) * coefficient('execution.cost.in_view_s');
  if (d.links) {
    const searches =
      (d.gatewayIndex !== null || d.orbitalDataCenter ? 1 : 0) + (d.gatewayIndex !== null && d.orbitalDataCenter ? 1 : 0);
    return listed + c.count * (satellite + searches * coefficient('execution.cost.mesh_satellite_s'));
  }
  if (d.gatewayIndex === null) return listed;
  const shared = d.gatewayIndex === 0 ? 1 : sharedViewFraction(d.gatewaySeparation_rad ?? Math.PI, gamma);
  return listed + c.count * Math.min(fUser, fGateway) * shared * satellite;
}

/** Round-trip samples on the grid of `step_s` over the interval, both ends included (latency.ts `sampleCount`). */

/** The estimate: every class's work, the samples' own overhead and the request's fixed part. */
export function latencyCost(d: LatencyDrivers): Cost {
  const samples = d.step_s === null ? 0 : sampleCount(d.duration_s, d.step_s);
  const work = d.classes.map((c) => classWork(c, d, samples));
  const total = (key: keyof ClassWork) => work.reduce((s, w) => s + w[key], 0);
  const sampling_s = total('sampling_s') + samples * coefficient('execution.cost.rtt_sample_s');
  const fixed_s = coefficient('execution.cost.latency_request_s');
  const cpu_s = fixed_s + total('build_s') + total('search_s') + total('windows_s') + sampling_s;
  const satellites = d.classes.reduce((s, c) => s + c.count, 0);
  const sampled = sampling_s > cpu_s / 2;
  return {
    cpu_s,
    basis: latencyBasis(d, satellites, samples, total('userInView'), total('windows')),
    pointer: sampled ? '/rtt_step_s' : '/satellites',
    remedy: sampled
      ? 'raise rtt_step_s, shorten the interval or use fewer satellites'
      : 'use fewer satellites or sites, or a shorter interval',
  };
}

function latencyBasis(d: LatencyDrivers, satellites: number, samples: number, inView: number, windows: number): string {
  const sats = counted(satellites, 'satellite');
  const sites = counted(d.siteLats_deg.length, 'site');
  const search = `${sats} × ${sites} × ${count(d.duration_s / 3600)} h of event search (~${counted(windows, 'window')})`;
  if (samples === 0) return search;
  const path = d.links ? 'routed over laser links' : `~${count(inView)} in the user's view`;
  return `${sats} × ${counted(samples, 'round-trip sample')} × ${sites} (${path}); ${search}`;
}
