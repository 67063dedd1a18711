/**
 * Who sees a satellite, and when: ground-site geometry, elevation from SGP4 positions, and an
 * event search for the visibility windows (a coarse step sized from the orbit, then root
 * refinement of the elevation crossings and of the culminations), with the statistics drawn from
 * the windows (coverage, gaps, handovers).
 *
 * Frames: SGP4 gives TEME; satellite.js `eciToEcf` rotates it by the Greenwich mean sidereal time
 * (`gstime`, taking UTC for UT1: < 0.9 s, i.e. < 0.004° of Earth rotation). Sites are WGS84
 * geodetic (satellite.js `geodeticToEcf`); elevation is measured from the geodetic horizon, as
 * satellite.js `ecfToLookAngles` does.
 */
import { eciToEcf, geodeticToEcf, gstime, type SatRec, sgp4 } from 'satellite.js';
import { DEG, IERS_EARTH_ROTATION_RAD_S, SECONDS_PER_DAY, WGS72_A_KM } from './constants.js';
import { PhysicallyImpossible } from './errors.js';
import { intervalsAtOrAbove, type LevelSearch, maximumOn, midpointIntegral } from './numerics.js';
import { dateToJd, minutesSinceEpoch, SGP4_ERRORS } from './sgp4.js';
import { dot, norm, type Vec3 } from './vec3.js';

// ---------------------------------------------------------------------------------------------
// Sites
// ---------------------------------------------------------------------------------------------

export interface Site {
  name: string;
  lat_deg: number;
  lon_deg: number;
  alt_km: number;
}

export interface SiteGeometry extends Site {
  /** Earth-fixed position, km. */
  ecf: Vec3;
  /** Unit vector of the geodetic vertical (normal to the ellipsoid). */
  up: Vec3;
  /** Geocentric radius, km. */
  radius_km: number;
  /** Angle between the geodetic vertical and the geocentric direction, rad (≤ 0.19°). */
  verticalDeflection_rad: number;
}

export function siteGeometry(site: Site): SiteGeometry {
  const lat = site.lat_deg * DEG;
  const lon = site.lon_deg * DEG;
  const ecf = geodeticToEcf({ latitude: lat, longitude: lon, height: site.alt_km });
  const up = { x: Math.cos(lat) * Math.cos(lon), y: Math.cos(lat) * Math.sin(lon), z: Math.sin(lat) };
  const radius_km = norm(ecf);
  const cosDefl = Math.min(1, dot(up, ecf) / radius_km);
  return { ...site, ecf, up, radius_km, verticalDeflection_rad: Math.acos(cosDefl) };
}

/** Elevation of an Earth-fixed point above the site's geodetic horizon, e = asin(û · (r − s) / |r − s|), rad. */
export function elevationRad(site: SiteGeometry, r: Vec3): number {
  const dx = r.x - site.ecf.x;
  const dy = r.y - site.ecf.y;
  const dz = r.z - site.ecf.z;
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return Math.asin((site.up.x * dx + site.up.y * dy + site.up.z * dz) / range);
}

/** Earth-central angle between the site and the satellite's direction, rad. */
export function centralAngleRad(site: SiteGeometry, r: Vec3): number {
  const c = dot(site.ecf, r) / (site.radius_km * norm(r));
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * Largest Earth-central angle at which a satellite no farther than `rMax_km` from the Earth's
 * centre can stand `elevation_rad` above a horizon at radius `siteRadius_km`:
 * γ = acos(R cos ε / r) − ε (spherical geometry; Vallado, Fundamentals, sec. 11.2).
 */
export function maxCentralAngleRad(siteRadius_km: number, rMax_km: number, elevation_rad: number): number {
  return Math.acos(Math.min(1, (siteRadius_km * Math.cos(elevation_rad)) / rMax_km)) - elevation_rad;
}

/** Slant range to a satellite at `altitude_km` seen at `elevation_deg`: ρ = √((R+h)² − R² cos² e) − R sin e, km. */
export function slantRangeKm(altitude_km: number, elevation_deg: number, earthRadius_km: number): number {
  const e = elevation_deg * DEG;
  const R = earthRadius_km;
  return Math.sqrt((R + altitude_km) ** 2 - (R * Math.cos(e)) ** 2) - R * Math.sin(e);
}

// ---------------------------------------------------------------------------------------------
// Tracks: one satellite over the requested interval
// ---------------------------------------------------------------------------------------------

export interface Track {
  name: string;
  satrec: SatRec;
  /** Minutes from the element set's epoch to the interval start. */
  t0_min: number;
  /** Julian date (UTC) of the interval start. */
  jd0: number;
  /** JSON pointer of the input that defines this satellite, for errors. */
  pointer: string;
}

/** A satellite's SGP4 record as a track from `start` (jd0, the start's Julian date, computed once when many tracks share it). */
export function track(name: string, satrec: SatRec, start: Date, pointer: string, jd0: number = dateToJd(start)): Track {
  return { name, satrec, t0_min: minutesSinceEpoch(satrec, start), jd0, pointer };
}

/** Earth-fixed position at `t_s` seconds after the start, km; throws when SGP4 fails. */
export function ecfAt(track: Track, t_s: number): Vec3 {
  const pv = sgp4(track.satrec, track.t0_min + t_s / 60);
  if (pv === null) {
    const reason = SGP4_ERRORS[track.satrec.error] ?? `SGP4 error ${track.satrec.error}`;
    throw new PhysicallyImpossible(
      `satellite ${track.name} cannot be propagated ${(t_s / 3600).toFixed(2)} h into the interval: ${reason}`,
      track.pointer,
      { sgp4_error: track.satrec.error, hours_into_interval: Math.round((t_s / 3600) * 1000) / 1000 },
    );
  }
  return eciToEcf(pv.position, gstime(track.jd0 + t_s / SECONDS_PER_DAY));
}

/** Orbital period from SGP4's (Brouwer) mean motion, s. */
export function trackPeriodS(track: Track): number {
  return ((2 * Math.PI) / track.satrec.no) * 60;
}

/**
 * Bounds used to prove that a stretch of time holds no visibility: the largest geocentric radius
 * the satellite can reach (apogee of the mean orbit, with a margin for SGP4's short-period terms
 * and the lunisolar terms of deep-space orbits) and the fastest its direction can turn as seen
 * from the rotating Earth (perigee angular rate, with a 5 % margin, plus the Earth's rotation).
 */
export function trackBounds(track: Track): { rMax_km: number; angularRateMax_rad_s: number } {
  const s = track.satrec;
  return orbitBounds(s.a * WGS72_A_KM, s.ecco, s.no / 60);
}

/** The bounds of `trackBounds` from the mean elements: semi-major axis, km; eccentricity; mean motion, rad/s. */
export function orbitBounds(a_km: number, eccentricity: number, n_rad_s: number) {
  const e = Math.min(0.99, eccentricity);
  return {
    rMax_km: a_km * (1 + e) * 1.02 + 25,
    angularRateMax_rad_s: 1.05 * n_rad_s * Math.sqrt((1 + e) / (1 - e) ** 3) + IERS_EARTH_ROTATION_RAD_S,
  };
}

// ---------------------------------------------------------------------------------------------
// Event search
// ---------------------------------------------------------------------------------------------

export interface Window {
  site: number;
  satellite: number;
  /** Seconds after the interval start. */
  start_s: number;
  end_s: number;
  max_elevation_deg: number;
  max_at_s: number;
  /** The window was already open at the interval start / still open at its end. */
  clipped_start: boolean;
  clipped_end: boolean;
}

export interface SearchOptions {
  /** Tolerance on window edges, s. */
  edgeTolerance_s?: number;
  /** Tolerance on the time of culmination, s. */
  culminationTolerance_s?: number;
}

export interface SearchStats {
  /** Coarse samples taken (one SGP4 call each, shared by all sites). */
  samples: number;
  /** SGP4 calls in the refinements. */
  refinements: number;
  /** Smallest and largest coarse step used, s. */
  step_min_s: number;
  step_max_s: number;
}

/** Coarse steps as fractions of the orbital period: near a possible pass, and far from any. */
export const NEAR_STEP_PER_PERIOD = 1 / 24;
export const FAR_STEP_PER_PERIOD = 1 / 6;

/** Coarse samples of one satellite, shared by all sites: times, and each site's elevation and central angle there. */
interface CoarseSamples {
  times: number[];
  /** Per site: elevation above the geodetic horizon, rad, and Earth-central angle to the satellite, rad. */
  elevation: number[][];
  gamma: number[][];
  step_min_s: number;
  step_max_s: number;
}

/**
 * What proves a stretch of time empty for one satellite: the fastest its central angle can turn,
 * rad/s, and per site the largest central angle at which it can stand above the mask, rad.
 */
interface PassBound {
  omega_rad_s: number;
  gammaMax_rad: number[];
}

function passBound(track: Track, sites: readonly SiteGeometry[], mask_rad: number): PassBound {
  const { rMax_km, angularRateMax_rad_s } = trackBounds(track);
  // Geodetic elevation ≥ mask implies geocentric elevation ≥ mask − deflection (minus a margin).
  const gammaMax_rad = sites.map((s) =>
    maxCentralAngleRad(s.radius_km, rMax_km, mask_rad - s.verticalDeflection_rad - 0.1 * DEG),
  );
  return { omega_rad_s: angularRateMax_rad_s, gammaMax_rad };
}

/**
 * Step 1 of the search: coarse samples, one SGP4 call each for all sites, every P/24 near a possible
 * pass and up to P/6 where the central-angle bound keeps every site's next pass at least that far off.
 */
function coarseSamples(track: Track, sites: readonly SiteGeometry[], duration_s: number, bound: PassBound): CoarseSamples {
  const period_s = trackPeriodS(track);
  const hNear = period_s * NEAR_STEP_PER_PERIOD;
  const hFar = period_s * FAR_STEP_PER_PERIOD;
  const out: CoarseSamples = {
    times: [],
    elevation: sites.map(() => []),
    gamma: sites.map(() => []),
    step_min_s: Infinity,
    step_max_s: 0,
  };
  let t = 0;
  for (;;) {
    const r = ecfAt(track, t);
    out.times.push(t);
    let clearance = Infinity;
    sites.forEach((s, k) => {
      const g = centralAngleRad(s, r);
      out.elevation[k]?.push(elevationRad(s, r));
      out.gamma[k]?.push(g);
      clearance = Math.min(clearance, (g - (bound.gammaMax_rad[k] as number)) / bound.omega_rad_s);
    });
    if (t >= duration_s) break;
    const step = Math.min(hFar, Math.max(hNear, clearance));
    // The last step is cut at the end of the interval; the statistics report the steps chosen.
    out.step_min_s = Math.min(out.step_min_s, step);
    out.step_max_s = Math.max(out.step_max_s, step);
    t = Math.min(duration_s, t + step);
  }
  return out;
}

/** One site's view of the search: its samples, its bound, and a counter of the SGP4 calls spent refining. */
interface SiteSearch {
  track: Track;
  site: SiteGeometry;
  k: number;
  samples: CoarseSamples;
  bound: PassBound;
  mask_rad: number;
  calls: { refinements: number };
}

/**
 * The elevation detector (Orekit's `ElevationDetector`) of one site as an event search: the function
 * is the elevation, its level the mask, its witness the Earth-central angle. A stretch [a, b] can
 * hold a moment above the mask only if γ(t) ≥ max(γa − ω(t − a), γb − ω(b − t)) can fall to γ_max.
 */
function elevationSearch(s: SiteSearch, edgeTol: number): LevelSearch<number> {
  const { omega_rad_s: omega } = s.bound;
  const gammaMax = s.bound.gammaMax_rad[s.k] as number;
  return {
    xs: s.samples.times,
    ys: s.samples.elevation[s.k] as number[],
    ws: s.samples.gamma[s.k] as number[],
    level: s.mask_rad,
    probe: (x) => {
      s.calls.refinements++;
      const r = ecfAt(s.track, x);
      return { y: elevationRad(s.site, r), w: centralAngleRad(s.site, r) };
    },
    reachable: (ta, ga, tb, gb) => (ga + gb - omega * (tb - ta)) / 2 <= gammaMax,
    xtol: edgeTol,
  };
}

/**
 * Steps 2 to 4 for one site: the windows from the event search over its samples, each with its
 * culmination (Brent's minimiser on the elevation, the window's edges as candidates).
 */
function siteWindows(s: SiteSearch, satelliteIndex: number, duration_s: number, tol: Required<SearchOptions>): Window[] {
  const search = elevationSearch(s, tol.edgeTolerance_s);
  // The elevation as the search's g function gives it back, (elevation − mask) + mask: the values the minimiser works on.
  const elevation = (x: number) => search.probe(x).y - s.mask_rad + s.mask_rad;
  return intervalsAtOrAbove(search).map(([start, end]) => {
    const top = maximumOn(elevation, start, end, tol.culminationTolerance_s);
    return {
      site: s.k,
      satellite: satelliteIndex,
      start_s: start,
      end_s: end,
      max_elevation_deg: top.fx / DEG,
      max_at_s: top.x,
      clipped_start: start === 0,
      clipped_end: end === duration_s,
    };
  });
}

/**
 * Visibility windows of one satellite over several sites, by event search.
 *
 * 1. Coarse samples, one SGP4 call each for all sites. The step is sized from the orbit: P/24
 *    near a possible pass, growing to P/6 where the satellite is provably far: the Earth-central
 *    angle γ between site and satellite turns no faster than ω_max, so no pass can begin within
 *    (γ − γ_max)/ω_max, with γ_max the largest central angle at which the satellite can be above
 *    the mask (from its largest radius).
 * 2. Each sign change of (elevation − mask) between samples is refined by Brent's root finder.
 * 3. A pass may lie entirely between samples (a low, short pass): each discrete maximum of the
 *    sampled elevation below the mask is refined (golden section) until it rises above the mask
 *    (then both crossings are refined) or the central-angle bound proves that it cannot.
 * 4. The culmination of each window is refined by Brent's minimiser.
 *
 * Steps 2 and 3 are the generic event search of numerics.ts (`intervalsAtOrAbove`) over the
 * elevation detector of each site. Elevation is unimodal over a pass and its neighbourhood (between
 * culminations lies half an orbit), so steps ≤ P/6 cannot hide a maximum from step 3.
 */
export function searchWindows(
  track: Track,
  sites: readonly SiteGeometry[],
  duration_s: number,
  mask_rad: number,
  satelliteIndex: number,
  options: SearchOptions = {},
): { windows: Window[]; stats: SearchStats } {
  const tol = {
    edgeTolerance_s: options.edgeTolerance_s ?? 0.01,
    culminationTolerance_s: options.culminationTolerance_s ?? 0.05,
  };
  const bound = passBound(track, sites, mask_rad);
  const samples = coarseSamples(track, sites, duration_s, bound);
  const calls = { refinements: 0 };
  const windows = sites.flatMap((site, k) =>
    siteWindows({ track, site, k, samples, bound, mask_rad, calls }, satelliteIndex, duration_s, tol),
  );
  return {
    windows,
    stats: {
      samples: samples.times.length,
      refinements: calls.refinements,
      step_min_s: Number.isFinite(samples.step_min_s) ? samples.step_min_s : 0,
      step_max_s: samples.step_max_s,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Expected visibility: what a shell shows a site on average, without propagating it (for estimates)
// ---------------------------------------------------------------------------------------------

/**
 * Half the arc of longitude, rad, that a cap of Earth-central radius γ centred at latitude φ spans at
 * latitude φ': cos Δλ = (cos γ − sin φ sin φ') / (cos φ cos φ') (spherical law of cosines), 0 where
 * the cap does not reach φ', π where it covers the whole parallel.
 */
function capHalfWidthRad(lat_rad: number, atLat_rad: number, gamma_rad: number): number {
  const across = Math.cos(lat_rad) * Math.cos(atLat_rad);
  const along = Math.cos(gamma_rad) - Math.sin(lat_rad) * Math.sin(atLat_rad);
  if (across < 1e-12) return along <= 0 ? Math.PI : 0;
  const c = along / across;
  return c >= 1 ? 0 : c <= -1 ? Math.PI : Math.acos(c);
}

/** Panels of the midpoint rule over the argument of latitude: a few % on the share, plenty for an estimate. */
const IN_VIEW_PANELS = 16;

/**
 * Time-mean share of a circular orbit spent within Earth-central angle γ of a site at latitude φ,
 * averaged over the node and the Earth's rotation (a long interval, or a shell of many planes). The
 * satellite's latitude follows sin φ' = sin i sin u with the argument of latitude u uniform, and its
 * longitude relative to the site is uniform, so the share is (1/π²) ∫ Δλ(φ'(u)) du over the u in
 * [−π/2, π/2] whose latitude the cap reaches. A retrograde orbit covers the latitudes of 180° − i.
 */
export function inViewFraction(lat_rad: number, gamma_rad: number, inclination_rad: number): number {
  if (gamma_rad <= 0) return 0;
  if (gamma_rad >= Math.PI) return 1;
  const i = Math.min(inclination_rad, Math.PI - inclination_rad);
  const lo = Math.max(-i, lat_rad - gamma_rad);
  const hi = Math.min(i, lat_rad + gamma_rad);
  if (lo > hi) return 0;
  const sinI = Math.sin(i);
  if (sinI < 1e-9) return capHalfWidthRad(lat_rad, 0, gamma_rad) / Math.PI;
  const u = (lat: number) => Math.asin(Math.max(-1, Math.min(1, Math.sin(lat) / sinI)));
  const width = (x: number) => capHalfWidthRad(lat_rad, Math.asin(sinI * Math.sin(x)), gamma_rad);
  return Math.min(1, midpointIntegral(width, u(lo), u(hi), IN_VIEW_PANELS) / Math.PI ** 2);
}

// ---------------------------------------------------------------------------------------------
// Statistics from windows
// ---------------------------------------------------------------------------------------------

/**
 * Handovers under the policy "stay on the serving satellite until it sets, then take the one in
 * view that stays longest" (the greedy interval cover: the fewest handovers any policy can make).
 * A new acquisition after a gap is not a handover.
 */
export function countHandovers(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let handovers = 0;
  let i = 0;
  let servingEnd = -Infinity;
  while (i < sorted.length) {
    // Best continuation among the windows already open when the serving one sets.
    let bestEnd = -Infinity;
    while (i < sorted.length && (sorted[i] as [number, number])[0] <= servingEnd) {
      bestEnd = Math.max(bestEnd, (sorted[i] as [number, number])[1]);
      i++;
    }
    if (bestEnd > servingEnd) {
      handovers++;
      servingEnd = bestEnd;
      continue;
    }
    if (i >= sorted.length) break;
    // A gap (or the start): acquire the window that starts next and lasts longest among those starting then.
    const start = (sorted[i] as [number, number])[0];
    let end = -Infinity;
    while (i < sorted.length && (sorted[i] as [number, number])[0] <= start) {
      end = Math.max(end, (sorted[i] as [number, number])[1]);
      i++;
    }
    servingEnd = end;
  }
  return handovers;
}
