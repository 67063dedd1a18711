/**
 * Orbit & sunlight: period, sun-synchronous inclination, beta angle, eclipse fraction and the
 * longest eclipse, from circular elements or a real element set (TLE / OMM) through SGP4.
 *
 * Two methods for the eclipse: the analytic cylindrical shadow (Rickman, NASA TFAWS 2020), and a
 * numerical check that propagates one revolution with SGP4 and measures satellite.js's conical
 * shadowFraction (with penumbra).
 */
import { type SatRec, shadowFraction, sunPos } from 'satellite.js';
import { z } from 'zod';
import {
  DEG,
  EGM96_J2,
  EGM96_MU_KM3_S2,
  HOURS_PER_COMMON_YEAR,
  MIN_ORBIT_ALTITUDE_KM,
  MINUTES_PER_DAY,
  SECONDS_PER_DAY,
  SUN_MEAN_MOTION_RAD_S,
  WGS72_A_KM,
  WGS84_A_KM,
} from './constants.js';
import { coefficient, count, isDeep, keptWorkCost, resonanceCallCost } from './cost.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { roundTo, wrap360 } from './numerics.js';
import { Provenance } from './provenance.js';
import { quantity } from './quantity.js';
import {
  dateToJd,
  jdToDate,
  minutesSinceEpoch,
  type Omm,
  OmmSchema,
  propagateMinutes,
  satrecFromOmm,
  satrecFromTle,
  type Tle,
  TleSchema,
  tleEpochMs,
  tleMeanElements,
} from './sgp4.js';
import { dot, unit, type Vec3 } from './vec3.js';

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/** Orbital period T = 2π √(a³/μ), s (Kepler's third law). */
export function periodS(semiMajorAxis_km: number, mu_km3_s2 = EGM96_MU_KM3_S2): number {
  return 2 * Math.PI * Math.sqrt(semiMajorAxis_km ** 3 / mu_km3_s2);
}

/** Orbital period (Kepler's third law), minutes. */
export function periodMin(semiMajorAxis_km: number, mu_km3_s2 = EGM96_MU_KM3_S2): number {
  return periodS(semiMajorAxis_km, mu_km3_s2) / 60;
}

/** Secular J2 nodal regression dΩ/dt = −(3/2) n J2 (Re/p)² cos i, rad/s (Vallado, eq. 9-41). */
export function nodalRateRadS(semiMajorAxis_km: number, eccentricity: number, inclination_rad: number): number {
  const n = Math.sqrt(EGM96_MU_KM3_S2 / semiMajorAxis_km ** 3);
  const p = semiMajorAxis_km * (1 - eccentricity ** 2);
  return -1.5 * n * EGM96_J2 * (WGS84_A_KM / p) ** 2 * Math.cos(inclination_rad);
}

/**
 * Sun-synchronous inclination: J2 regression equal to the sun's mean motion,
 * cos i = −(2/3) Ω̇☉ p² / (n J2 Re²) (Vallado, sec. 11.4). Null when no inclination achieves it.
 */
export function sunSynchronousInclinationDeg(semiMajorAxis_km: number, eccentricity = 0): number | null {
  const n = Math.sqrt(EGM96_MU_KM3_S2 / semiMajorAxis_km ** 3);
  const p = semiMajorAxis_km * (1 - eccentricity ** 2);
  const cosI = ((-2 / 3) * SUN_MEAN_MOTION_RAD_S * p ** 2) / (n * EGM96_J2 * WGS84_A_KM ** 2);
  if (cosI < -1 || cosI > 1) return null;
  return Math.acos(cosI) / DEG;
}

/** Eclipse-free threshold β* = asin(Re / (Re + h)), deg: above it a circular orbit never enters the cylindrical shadow. */
export function betaStarDeg(altitude_km: number): number {
  return Math.asin(WGS84_A_KM / (WGS84_A_KM + altitude_km)) / DEG;
}

/**
 * Cylindrical-shadow eclipse fraction of a circular orbit,
 * f = (1/π) acos(√(h² + 2·Re·h) / ((Re + h) cos β)) for |β| < β*, else 0 (Rickman, NASA TFAWS 2020).
 */
export function eclipseFraction(altitude_km: number, beta_deg: number): number {
  if (Math.abs(beta_deg) >= betaStarDeg(altitude_km)) return 0;
  const r = WGS84_A_KM + altitude_km;
  const c = Math.sqrt(altitude_km ** 2 + 2 * WGS84_A_KM * altitude_km) / (r * Math.cos(beta_deg * DEG));
  return Math.acos(Math.min(1, c)) / Math.PI;
}

/** Unit vector of the orbit normal h = (sin i sin Ω, −sin i cos Ω, cos i) in the equatorial frame. */
export function orbitNormal(inclination_rad: number, raan_rad: number): Vec3 {
  return {
    x: Math.sin(inclination_rad) * Math.sin(raan_rad),
    y: -Math.sin(inclination_rad) * Math.cos(raan_rad),
    z: Math.cos(inclination_rad),
  };
}

/** Geocentric unit vector to the sun of date (satellite.js sunPos, Vallado low-precision, 0.01°). */
export function sunUnit(date: Date): Vec3 {
  return unit(sunPos(dateToJd(date)).rsun);
}

/** Right ascension of the apparent sun, deg in [0, 360). */
export function sunRightAscensionDeg(date: Date): number {
  const s = sunUnit(date);
  return wrap360(Math.atan2(s.y, s.x) / DEG);
}

/** Beta angle: the sun's elevation above the orbit plane, β = asin(ŝ · ĥ), deg. */
export function betaDeg(inclination_rad: number, raan_rad: number, sun: Vec3): number {
  return Math.asin(Math.max(-1, Math.min(1, dot(sun, orbitNormal(inclination_rad, raan_rad))))) / DEG;
}

/**
 * RAAN that puts the sun at `beta_deg` above the orbit plane: from sin i (sₓ sin Ω − s_y cos Ω) + s_z cos i = sin β,
 * i.e. sin(Ω − ψ) = (sin β − s_z cos i) / (sin i · √(sₓ² + s_y²)), ψ = atan2(s_y, sₓ). Null when unreachable.
 */
export function raanForBetaDeg(beta_deg: number, inclination_rad: number, sun: Vec3): number | null {
  const rho = Math.hypot(sun.x, sun.y);
  const denominator = Math.sin(inclination_rad) * rho;
  if (denominator < 1e-12) return null;
  const s = (Math.sin(beta_deg * DEG) - sun.z * Math.cos(inclination_rad)) / denominator;
  if (s < -1 || s > 1) return null;
  const psi = Math.atan2(sun.y, sun.x);
  return wrap360((Math.asin(s) + psi) / DEG);
}

/**
 * Refuse (422) an orbit whose lowest altitude is below MIN_ORBIT_ALTITUDE_KM: drag brings it down
 * within hours, and an element set there has decayed. `subject` names what was given, for the reason.
 */
export function refuseInsideAtmosphere(
  lowest_km: number,
  pointer: string,
  subject: string,
  figures: Record<string, number>,
  elementSet = false,
): void {
  if (lowest_km >= MIN_ORBIT_ALTITUDE_KM) return;
  const consequence = elementSet ? 'the object has decayed or is about to' : 'drag brings an orbit down within hours';
  throw new PhysicallyImpossible(
    `${subject} is inside the atmosphere: below ${MIN_ORBIT_ALTITUDE_KM} km ${consequence}`,
    pointer,
    { ...figures, min_altitude_km: MIN_ORBIT_ALTITUDE_KM },
  );
}

// ---------------------------------------------------------------------------------------------
// Orbit specification → resolved mean orbit
// ---------------------------------------------------------------------------------------------

export const OrbitSpecSchema = z
  .object({
    altitude_km: quantity('km', {
      gt: 0,
      lt: 1_000_000,
      description: 'Circular-orbit altitude (mean altitude a − Re for an eccentric orbit), km above the WGS84 equator',
    }).optional(),
    inclination_deg: quantity('deg', { min: 0, max: 180 }).optional(),
    sun_synchronous: z.boolean().optional().describe('Derive the inclination from J2 so that the node follows the mean sun'),
    ltan_h: quantity('h', {
      min: 0,
      lt: 24,
      example: '18 h',
      description: 'Local time of the ascending node at the epoch (apparent sun); sets the RAAN',
    }).optional(),
    raan_deg: quantity('deg', {
      min: -360,
      max: 360,
      description: 'Right ascension of the ascending node at the epoch',
    }).optional(),
    eccentricity: z.number().min(0).lt(1).optional().describe('Eccentricity (0 = circular, the default)'),
    arg_perigee_deg: quantity('deg', { min: -360, max: 360 }).optional(),
    mean_anomaly_deg: quantity('deg', {
      min: -360,
      max: 360,
      description: 'Mean anomaly at the epoch (phasing; used by the propagated check and constellations)',
    }).optional(),
    tle: TleSchema.optional(),
    omm: OmmSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const forms = [o.altitude_km !== undefined, o.tle !== undefined, o.omm !== undefined].filter(Boolean).length;
    if (forms !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          forms === 0
            ? 'expected one of altitude_km (elements), tle or omm'
            : 'expected exactly one of altitude_km, tle or omm, got more than one',
      });
      return;
    }
    if (o.altitude_km === undefined) {
      for (const key of ['inclination_deg', 'sun_synchronous', 'ltan_h', 'raan_deg', 'eccentricity'] as const) {
        if (o[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `expected no ${key} beside a tle or omm: the element set defines it`,
          });
      }
    }
    if (o.sun_synchronous && o.inclination_deg !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['inclination_deg'],
        message: 'expected either inclination_deg or sun_synchronous: true, not both (SSO derives the inclination)',
      });
    if (o.ltan_h !== undefined && o.raan_deg !== undefined)
      ctx.addIssue({ code: 'custom', path: ['raan_deg'], message: 'expected either ltan_h or raan_deg, not both' });
  })
  .describe(
    'An orbit: circular (or eccentric) elements `{ altitude_km, inclination_deg | sun_synchronous, ltan_h | raan_deg, eccentricity }`, or a real element set `{ tle: { line1, line2 } }` or `{ omm: {...} }` propagated with SGP4.',
  );
export type OrbitSpec = z.output<typeof OrbitSpecSchema>;

/** Mean elements as given: the altitude, and the optional rest (inclination or SSO, node, eccentricity, phasing). */
export type Elements = Omit<OrbitSpec, 'tle' | 'omm' | 'altitude_km'> & { altitude_km: number };

/** An orbit in one tagged form: mean elements, or an element set (TLE or OMM) propagated with SGP4. */
export type OrbitForm = { kind: 'elements'; elements: Elements } | { kind: 'tle'; tle: Tle } | { kind: 'omm'; omm: Omm };

/** The one form an OrbitSpec gives (its schema admits exactly one); null for a spec that gives none. */
export function orbitForm(spec: OrbitSpec): OrbitForm | null {
  const { tle, omm, altitude_km, ...rest } = spec;
  if (tle !== undefined) return { kind: 'tle', tle };
  if (omm !== undefined) return { kind: 'omm', omm };
  return altitude_km === undefined ? null : { kind: 'elements', elements: { ...rest, altitude_km } };
}

/** An orbit as a form, whether given as a form or as a validated OrbitSpec. */
function asForm(orbit: OrbitSpec | OrbitForm): OrbitForm {
  if ('kind' in orbit) return orbit;
  const form = orbitForm(orbit);
  if (form === null) throw new Error('an orbit with none of altitude_km, tle or omm: OrbitSpecSchema admits no such orbit');
  return form;
}

/** A mean orbit at an epoch, whatever it was given as. */
export interface ResolvedOrbit {
  kind: 'elements' | 'tle' | 'omm';
  epoch: Date;
  semiMajorAxis_km: number;
  /** Mean altitude a − Re (WGS84), km. */
  altitude_km: number;
  eccentricity: number;
  inclination_rad: number;
  /** RAAN at the epoch, rad. */
  raan_rad: number;
  argPerigee_rad: number;
  meanAnomaly_rad: number;
  /** Secular nodal rate, rad/s. */
  raanRate_rad_s: number;
  period_min: number;
  /** For the numerical methods: an SGP4 record whose epoch may differ from `epoch`. */
  satrec: SatRec;
}

/**
 * Build an SGP4 record from mean elements (zero drag), so that elements and element sets share one
 * propagator. The OMM mean motion is Kozai's; SGP4 recovers Brouwer's mean motion from it and
 * works in WGS72 units, so the mean motion is adjusted (a ∝ n^(−2/3)) until SGP4's own mean
 * semi-major axis is the requested one.
 */
function satrecFromElements(o: Omit<ResolvedOrbit, 'satrec' | 'kind'>): SatRec {
  const build = (meanMotion_rev_day: number) =>
    satrecFromOmm({
      OBJECT_NAME: 'ELEMENTS',
      OBJECT_ID: 'ELEMENTS',
      EPOCH: o.epoch.toISOString().replace('Z', ''),
      MEAN_MOTION: meanMotion_rev_day,
      ECCENTRICITY: o.eccentricity,
      INCLINATION: o.inclination_rad / DEG,
      RA_OF_ASC_NODE: wrap360(o.raan_rad / DEG),
      ARG_OF_PERICENTER: wrap360(o.argPerigee_rad / DEG),
      MEAN_ANOMALY: wrap360(o.meanAnomaly_rad / DEG),
      BSTAR: 0,
      MEAN_MOTION_DOT: 0,
      MEAN_MOTION_DDOT: 0,
      NORAD_CAT_ID: 99999,
      ELEMENT_SET_NO: 999,
    });
  let n = MINUTES_PER_DAY / o.period_min;
  let satrec = build(n);
  for (let k = 0; k < 4; k++) {
    const a_km = satrec.a * WGS72_A_KM;
    if (Math.abs(a_km - o.semiMajorAxis_km) < 1e-6) break;
    n *= (a_km / o.semiMajorAxis_km) ** 1.5;
    satrec = build(n);
  }
  return satrec;
}

/**
 * Resolve an orbit (an OrbitSpec as validated, or its form) at an epoch. `epoch` undefined means:
 * the element set's own epoch, or now for elements (recorded as an assumption). Throws
 * PhysicallyImpossible for orbits that are not orbits.
 */
export function resolveOrbit(
  orbit: OrbitSpec | OrbitForm,
  epochIso: string | undefined,
  p: Provenance,
  pointer = '/orbit',
): ResolvedOrbit {
  const form = asForm(orbit);
  if (form.kind === 'elements') return resolveElements(form.elements, epochIso, p, pointer);
  return resolveElementSet(form, epochIso, p, pointer);
}

/** Inclination of mean elements: the J2 sun-synchronous one when asked for (422 above ~5,970 km), else given or the default, deg. */
function elementsInclinationDeg(spec: Elements, a_km: number, p: Provenance, pointer: string): number {
  if (!spec.sun_synchronous) return p.orDefault('orbit.inclination_deg', spec.inclination_deg);
  const i = sunSynchronousInclinationDeg(a_km, spec.eccentricity ?? 0);
  if (i === null)
    throw new PhysicallyImpossible(
      `no inclination makes an orbit at ${spec.altitude_km} km sun-synchronous: J2 regression is too weak above ~5,970 km`,
      `${pointer}/altitude_km`,
    );
  return i;
}

/** RAAN of mean elements at the epoch: given, from the local time of the node (LTAN), or the default, deg. */
function elementsRaanDeg(spec: Elements, epoch: Date, p: Provenance): number {
  if (spec.raan_deg !== undefined) return spec.raan_deg;
  if (spec.ltan_h === undefined && !spec.sun_synchronous) return p.orDefault('orbit.raan_deg', undefined);
  const ltan = spec.ltan_h ?? p.orDefault('orbit.ltan_h', undefined);
  // LTAN: the ascending node's hour angle from the sun, Ω = α☉ + (LTAN − 12 h)·15°/h.
  return sunRightAscensionDeg(epoch) + (ltan - 12) * 15;
}

/** Mean elements at an epoch as a resolved orbit (and an SGP4 record built from them): 422 when the perigee is inside the atmosphere. */
function resolveElements(spec: Elements, epochIso: string | undefined, p: Provenance, pointer: string): ResolvedOrbit {
  const { altitude_km } = spec;
  const e = spec.eccentricity ?? 0;
  const a = WGS84_A_KM + altitude_km;
  const perigee_km = a * (1 - e) - WGS84_A_KM;
  refuseInsideAtmosphere(
    perigee_km,
    `${pointer}/altitude_km`,
    e > 0 ? `a perigee altitude of ${perigee_km.toFixed(1)} km` : `a circular orbit at ${altitude_km} km`,
    { perigee_altitude_km: roundTo(perigee_km, 3) },
  );
  const epoch = epochIso ? new Date(epochIso) : new Date();
  if (!epochIso) p.assume('epoch', epoch.toISOString(), 'ISO-8601 UTC', 'orbital-dc-convention');
  const inclination_rad = elementsInclinationDeg(spec, a, p, pointer) * DEG;
  const raan_deg = elementsRaanDeg(spec, epoch, p);
  const base = {
    epoch,
    semiMajorAxis_km: a,
    altitude_km,
    eccentricity: e,
    inclination_rad,
    raan_rad: wrap360(raan_deg) * DEG,
    argPerigee_rad: (spec.arg_perigee_deg ?? 0) * DEG,
    meanAnomaly_rad: (spec.mean_anomaly_deg ?? 0) * DEG,
    raanRate_rad_s: nodalRateRadS(a, e, inclination_rad),
    period_min: periodMin(a),
  };
  return { kind: 'elements', ...base, satrec: satrecFromElements(base) };
}

/**
 * The checks every element set passes before use: SGP4 could initialise it; the times it is asked
 * for are within orbit.tle_max_days of its epoch (422 beyond, a warning past orbit.tle_warn_days:
 * SGP4 errors grow by kilometres a day); its mean perigee is above the atmosphere.
 */
export function checkElementSet(
  satrec: SatRec,
  times: readonly Date[],
  p: Provenance,
  pointer: string,
  subject: string,
  relativeTo: string,
): void {
  if (satrec.error !== 0 || !Number.isFinite(satrec.no) || satrec.no <= 0)
    throw new PhysicallyImpossible(`${subject} cannot be initialised by SGP4 (error ${satrec.error})`, pointer);
  const ageDays = Math.max(...times.map((t) => Math.abs(minutesSinceEpoch(satrec, t)))) / MINUTES_PER_DAY;
  const warnDays = Provenance.value('orbit.tle_warn_days');
  const maxDays = Provenance.value('orbit.tle_max_days');
  if (ageDays > maxDays)
    throw new PhysicallyImpossible(
      `${subject} (epoch ${jdToDate(satrec.jdsatepoch).toISOString()}) is ${ageDays.toFixed(1)} days from ${relativeTo}; SGP4 predictions past ${maxDays} days are not usable (errors grow by kilometres a day)`,
      pointer,
      { element_set_age_days: roundTo(ageDays, 3), limit_days: maxDays },
    );
  if (ageDays > warnDays)
    p.warn(
      `${subject} is ${ageDays.toFixed(1)} days from ${relativeTo} (more than ${warnDays}): position errors of several km per day of age are expected`,
    );
  const perigee_km = satrec.a * WGS72_A_KM * (1 - satrec.ecco) - WGS84_A_KM; // SGP4 carries a in WGS72 Earth radii
  refuseInsideAtmosphere(
    perigee_km,
    pointer,
    `${subject} (perigee ${perigee_km.toFixed(1)} km)`,
    { perigee_altitude_km: roundTo(perigee_km, 3) },
    true,
  );
}

/** An element set at an epoch (its own by default) as a resolved orbit: its mean elements advanced by their secular rates. */
function resolveElementSet(
  form: Exclude<OrbitForm, { kind: 'elements' }>,
  epochIso: string | undefined,
  p: Provenance,
  pointer: string,
): ResolvedOrbit {
  const { kind } = form;
  const satrec = form.kind === 'tle' ? satrecFromTle(form.tle) : satrecFromOmm(form.omm);
  const at = `${pointer}/${kind}`;
  const setEpoch = jdToDate(satrec.jdsatepoch);
  const epoch = epochIso ? new Date(epochIso) : setEpoch;
  if (!epochIso) p.assume('epoch', setEpoch.toISOString(), 'ISO-8601 UTC (the element set epoch)', 'vallado-sgp4-2006');

  checkElementSet(satrec, [epoch], p, at, 'the element set', 'the requested epoch');

  const tsince = minutesSinceEpoch(satrec, epoch);
  const state = propagateMinutes(satrec, tsince);
  if ('error' in state) {
    throw new PhysicallyImpossible(`SGP4 cannot propagate this element set to ${epoch.toISOString()}: ${state.reason}`, at, {
      sgp4_error: state.error,
    });
  }
  // Mean elements at the requested epoch: epoch mean elements advanced by their secular rates.
  const a = satrec.a * WGS72_A_KM; // SGP4 carries a in WGS72 Earth radii
  const minutes = tsince;
  return {
    kind,
    epoch,
    semiMajorAxis_km: a,
    altitude_km: a - WGS84_A_KM,
    eccentricity: satrec.ecco,
    inclination_rad: satrec.inclo,
    raan_rad: wrap360((satrec.nodeo + satrec.nodedot * minutes) / DEG) * DEG,
    argPerigee_rad: satrec.argpo + satrec.argpdot * minutes,
    meanAnomaly_rad: satrec.mo + satrec.mdot * minutes,
    raanRate_rad_s: satrec.nodedot / 60,
    period_min: (2 * Math.PI) / satrec.no,
    satrec,
  };
}

// ---------------------------------------------------------------------------------------------
// Geometry at an instant, over a revolution, over a year
// ---------------------------------------------------------------------------------------------

/** Beta angle of a resolved orbit at `date`, with the node advanced by its secular rate. */
export function betaAt(o: ResolvedOrbit, date: Date): number {
  const raan = o.raan_rad + o.raanRate_rad_s * ((date.getTime() - o.epoch.getTime()) / 1000);
  return betaDeg(o.inclination_rad, raan, sunUnit(date));
}

export interface PropagatedEclipse {
  /** Share of the revolution with ≥ 50 % of the sun's disc hidden: the cylindrical model's counterpart. */
  eclipse_fraction: number;
  umbra_fraction: number;
  penumbra_min: number;
  /** Longest continuous ≥ 50 % shadow in the revolution, min. */
  eclipse_duration_min: number;
  step_s: number;
}

/**
 * Intervals (in sample units) during which a periodic sampled signal is ≥ `level`, crossings
 * interpolated linearly; an interval that runs through the end of the period into its start is one.
 */
export function intervalsAbove(samples: readonly number[], level: number): { total: number; longest: number } {
  const n = samples.length - 1;
  const intervals: [number, number][] = [];
  let open: number | null = (samples[0] as number) >= level ? 0 : null;
  for (let k = 0; k < n; k++) {
    const a = samples[k] as number;
    const b = samples[k + 1] as number;
    if (a < level && b >= level) open = k + (level - a) / (b - a);
    else if (a >= level && b < level && open !== null) {
      intervals.push([open, k + (a - level) / (a - b)]);
      open = null;
    }
  }
  if (open !== null) intervals.push([open, n]);
  const lengths = intervals.map(([a, b]) => b - a);
  const total = lengths.reduce((x, y) => x + y, 0);
  let longest = Math.max(0, ...lengths);
  const first = intervals[0];
  const last = intervals.at(-1);
  if (intervals.length >= 2 && first && last && first[0] === 0 && last[1] === n) {
    longest = Math.max(longest, first[1] - first[0] + (last[1] - last[0]));
  }
  return { total, longest };
}

/** Step of the propagated revolution, s: a 35-min eclipse edge lands within 10 s (< 0.5 % of it). */
export const REVOLUTION_STEP_S = 10;

/**
 * Numerical eclipse over one revolution from `start`: SGP4 positions, satellite.js conical shadow
 * (penumbra included), crossings interpolated linearly between samples.
 */
export function propagatedEclipse(
  satrec: SatRec,
  start: Date,
  period_min: number,
  step_s = REVOLUTION_STEP_S,
): PropagatedEclipse | null {
  const t0 = minutesSinceEpoch(satrec, start);
  const steps = Math.ceil((period_min * 60) / step_s);
  const dt_min = period_min / steps;
  const startJd = dateToJd(start);
  const shadow: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const state = propagateMinutes(satrec, t0 + k * dt_min);
    if ('error' in state) return null;
    const sun = sunPos(startJd + (k * dt_min) / MINUTES_PER_DAY).rsun;
    shadow.push(shadowFraction(sun, state.position));
  }
  const half = intervalsAbove(shadow, 0.5);
  const umbra = intervalsAbove(shadow, 1 - 1e-12);
  const any = intervalsAbove(shadow, 1e-12);
  return {
    eclipse_fraction: half.total / steps,
    umbra_fraction: umbra.total / steps,
    penumbra_min: (any.total - umbra.total) * dt_min,
    eclipse_duration_min: half.longest * dt_min,
    step_s: dt_min * 60,
  };
}

export interface AnnualPicture {
  beta_min_deg: number;
  beta_max_deg: number;
  sunlit_fraction: number;
  eclipse_days: number;
  max_eclipse_min: number;
  max_eclipse_at: string;
  beta_at_max_eclipse_deg: number;
  eclipse_free_days: number;
  seasons: { start: string; end: string }[];
  step_h: number;
}

/**
 * 365 days from the epoch: beta from the sun of date and the node advanced by its secular J2 rate,
 * eclipse from the cylindrical shadow. A dawn-dusk orbit's eclipse season comes out of this geometry.
 */
export function annualPicture(o: ResolvedOrbit, step_h: number): AnnualPicture {
  const key = [o.epoch.getTime(), o.altitude_km, o.period_min, o.inclination_rad, o.raan_rad, o.raanRate_rad_s, step_h].join(',');
  const known = ANNUAL_PICTURES.get(key);
  if (known) return known;
  const picture = computeAnnualPicture(o, step_h);
  if (ANNUAL_PICTURES.size >= ANNUAL_PICTURES_KEPT) ANNUAL_PICTURES.delete(ANNUAL_PICTURES.keys().next().value as string);
  ANNUAL_PICTURES.set(key, picture);
  return picture;
}

/** Annual pictures of the orbits last asked for: a pure function of the geometry, asked for again by every part of a chain. */
const ANNUAL_PICTURES = new Map<string, AnnualPicture>();
const ANNUAL_PICTURES_KEPT = 64;

/** Forget the kept annual pictures: for measuring what a request costs when its orbit was not asked for before (bench/cost.ts). */
export function forgetAnnualPictures(): void {
  ANNUAL_PICTURES.clear();
}

/** Each picture's eclipse fraction at every sample of its pass, for the other sums over the same year (the powered fraction). */
const ECLIPSE_SAMPLES = new WeakMap<AnnualPicture, Float64Array>();

/** Samples of a pass over the 365-day year at a step, h: what the annual picture takes and what its cost counts. */
function annualSampleCount(step_h: number): number {
  return Math.round(HOURS_PER_COMMON_YEAR / step_h);
}

function computeAnnualPicture(o: ResolvedOrbit, step_h: number): AnnualPicture {
  const samples = annualSampleCount(step_h);
  const fractions = new Float64Array(samples);
  let betaMin = Infinity;
  let betaMax = -Infinity;
  let eclipseSum = 0;
  let maxF = -1;
  let maxAt = o.epoch;
  let betaAtMax = 0;
  const eclipseDays = new Set<number>();
  const seasons: { start: string; end: string }[] = [];
  let seasonStart: Date | null = null;
  let last: Date = o.epoch;
  for (let k = 0; k < samples; k++) {
    const t = new Date(o.epoch.getTime() + k * step_h * 3_600_000);
    const beta = betaAt(o, t);
    const f = eclipseFraction(o.altitude_km, beta);
    fractions[k] = f;
    betaMin = Math.min(betaMin, beta);
    betaMax = Math.max(betaMax, beta);
    eclipseSum += f;
    if (f > maxF) {
      maxF = f;
      maxAt = t;
      betaAtMax = beta;
    }
    if (f > 0) {
      eclipseDays.add(Math.floor((k * step_h) / 24));
      if (seasonStart === null) seasonStart = t;
    } else if (seasonStart !== null) {
      seasons.push({ start: seasonStart.toISOString(), end: last.toISOString() });
      seasonStart = null;
    }
    last = t;
  }
  if (seasonStart !== null) seasons.push({ start: seasonStart.toISOString(), end: last.toISOString() });
  const picture: AnnualPicture = {
    beta_min_deg: betaMin,
    beta_max_deg: betaMax,
    sunlit_fraction: 1 - eclipseSum / samples,
    eclipse_days: eclipseDays.size,
    eclipse_free_days: 365 - eclipseDays.size,
    max_eclipse_min: maxF * o.period_min,
    max_eclipse_at: maxAt.toISOString(),
    beta_at_max_eclipse_deg: betaAtMax,
    seasons,
    step_h,
  };
  ECLIPSE_SAMPLES.set(picture, fractions);
  return picture;
}

/**
 * Share of the year's hours a load is powered when its battery carries it through eclipses up to
 * `covered_min`: 1 − mean over the annual samples of max(0, eclipse − covered) / period. An eclipse
 * longer than the one the battery is sized for leaves the load unpowered for the rest of it.
 */
export function poweredFraction(o: ResolvedOrbit, step_h: number, covered_min: number): number {
  const fractions = ECLIPSE_SAMPLES.get(annualPicture(o, step_h)) as Float64Array;
  let dark = 0;
  for (let k = 0; k < fractions.length; k++)
    dark += Math.max(0, (fractions[k] as number) * o.period_min - covered_min) / o.period_min;
  return 1 - dark / fractions.length;
}

// ---------------------------------------------------------------------------------------------
// The estimator
// ---------------------------------------------------------------------------------------------

const IsoEpoch = z.iso
  .datetime({ offset: true })
  .describe('Evaluation epoch, ISO-8601 (UTC, e.g. "2026-06-21T12:00:00Z"); default: the element set epoch, or now');

/** The sampling step of a pass over the year (orbit, power): a request field, its default a sourced one. */
export const AnnualStepField = quantity('h', {
  min: 0.25,
  max: 24,
  example: '6 h',
  description: `Sampling step of the 365-day pass (beta angle and eclipse from the sun of date); default ${Provenance.value('orbit.annual_step_h')} h`,
}).optional();

/** The eclipse seasons of a year: the intervals of samples with an eclipse every revolution. */
const EclipseSeasons = z.array(
  z.object({
    start: z.string().describe('First sample of the season with an eclipse, ISO-8601 UTC'),
    end: z.string().describe('Last sample of the season with an eclipse, ISO-8601 UTC'),
  }),
);

const OrbitRequest = z
  .object({
    orbit: OrbitSpecSchema,
    epoch: IsoEpoch.optional(),
    beta_deg: quantity('deg', {
      min: -90,
      max: 90,
      description: "Evaluate the eclipse at this beta angle instead of the epoch's sun",
    }).optional(),
    annual: z.boolean().optional().describe('Add the 365-day picture from the epoch'),
    annual_step_h: AnnualStepField,
    propagated_check: z
      .boolean()
      .optional()
      .describe('Propagate one revolution with SGP4 and measure the conical shadow (default true)'),
  })
  .strict();

export const OrbitInput = OrbitRequest.transform((x, ctx) => {
  const orbit = orbitForm(x.orbit);
  if (orbit === null) {
    ctx.addIssue({ code: 'custom', path: ['orbit'], message: 'expected one of altitude_km (elements), tle or omm' });
    return z.NEVER;
  }
  return { ...x, orbit };
});
/** An orbit request as the model reads it: the orbit in its tagged form. */
export type OrbitCase = z.output<typeof OrbitInput>;

/** The 365-day picture of an orbit (the orbit estimator's `annual`; power reports part of it). */
export const AnnualOutput = z.object({
  beta_min_deg: z.number().describe('Lowest beta angle of the 365 days (sun of date, node advanced at its secular rate), deg'),
  beta_max_deg: z.number().describe('Highest beta angle of the 365 days, deg'),
  sunlit_fraction: z.number().describe('Time-mean share of the orbit in sunlight over 365 days'),
  eclipse_days: z.number().int().describe('Days (of 365) with at least one eclipse'),
  eclipse_free_days: z.number().int().describe('Days (of 365) without an eclipse: 365 − eclipse_days'),
  max_eclipse_min: z.number().describe('Longest eclipse of the year, min'),
  max_eclipse_at: z.string().describe('The sample of the year with the longest eclipse, ISO-8601 UTC'),
  beta_at_max_eclipse_deg: z.number().describe('Beta angle at that sample, deg'),
  seasons: EclipseSeasons.describe('Intervals with eclipses'),
  step_h: z.number().describe('Step between the samples of the year, h'),
  method: z.string().describe('How the sun, the node and the shadow were modelled over the year'),
});

const PropagatedOutput = z.object({
  method: z.string().describe('Propagator and shadow model of the check'),
  eclipse_fraction: z
    .number()
    .describe('Share of the revolution with at least half of the sun’s disc hidden: the cylindrical model’s counterpart'),
  umbra_fraction: z.number().describe('Share of the revolution with the whole disc hidden (umbra)'),
  penumbra_min: z.number().describe('Time per revolution with part of the disc hidden (penumbra), min'),
  eclipse_duration_min: z.number().describe('Longest continuous stretch with at least half of the disc hidden, min'),
  beta_deg: z.number().describe('Beta angle of the propagated geometry: the given beta_deg, else the epoch’s, deg'),
  step_s: z.number().describe('Propagation step over the revolution, s'),
  difference_from_analytic: z
    .number()
    .describe('This eclipse_fraction minus the analytic (cylindrical) eclipse_fraction, share of the revolution'),
});

export const OrbitOutput = z.object({
  orbit_kind: z.enum(['elements', 'tle', 'omm']).describe('How the orbit was given: mean elements, a TLE or an OMM'),
  epoch: z.string().describe('The epoch every figure is for, ISO-8601 UTC'),
  altitude_km: z.number().describe('Mean altitude above the WGS84 equatorial radius'),
  perigee_altitude_km: z.number().describe('Perigee altitude a(1 − e) − Re above the WGS84 equatorial radius, km'),
  apogee_altitude_km: z.number().describe('Apogee altitude a(1 + e) − Re above the WGS84 equatorial radius, km'),
  semi_major_axis_km: z.number().describe('Mean semi-major axis (SGP4’s, for an element set), km'),
  eccentricity: z.number().describe('Mean eccentricity (0 = circular), dimensionless'),
  period_min: z
    .number()
    .describe('Orbital period: Kepler’s from the semi-major axis, or 2π / SGP4’s mean motion for an element set, min'),
  inclination_deg: z.number().describe('Inclination of the orbit plane to the equator (J2 sun-synchronous when asked), deg'),
  raan_deg: z.number().describe('Right ascension of the ascending node at the epoch'),
  raan_rate_deg_per_day: z.number().describe('Secular J2 nodal regression'),
  ltan_h: z.number().describe('Local time of the ascending node at the epoch (apparent sun)'),
  sun_synchronous: z.boolean().describe('Nodal rate within 1 % of the sun’s mean motion'),
  beta_deg: z
    .number()
    .describe('Beta angle the eclipse is evaluated at: the sun’s elevation above the orbit plane, at the epoch or as given, deg'),
  beta_from: z.enum(['epoch', 'given']).describe('Where beta_deg comes from: the epoch’s sun, or the request’s beta_deg'),
  beta_star_deg: z.number().describe('Eclipse-free threshold: |beta| above it means no eclipse'),
  eclipse_fraction: z.number().describe('Cylindrical shadow, share of the revolution'),
  eclipse_duration_min: z.number().describe('Time in the cylindrical shadow per revolution: eclipse_fraction × period, min'),
  sunlit_duration_min: z.number().describe('Time in sunlight per revolution: (1 − eclipse_fraction) × period, min'),
  propagated: PropagatedOutput.nullable().describe(
    'One revolution propagated with SGP4, shadow from satellite.js shadowFraction (≥ 50 % of the disc hidden)',
  ),
  annual: AnnualOutput.optional().describe('The 365-day picture from the epoch; present with annual: true'),
});

export type OrbitResult = z.infer<typeof OrbitOutput>;

/** The beta angle of a request: the epoch's (from the sun of date and the node at the epoch), and the one the eclipse is evaluated at. */
interface BetaView {
  sun: Vec3;
  epoch_deg: number;
  /** Given by the caller, else undefined. */
  given_deg: number | undefined;
  /** The given one, else the epoch's. */
  deg: number;
}

/**
 * The numerical counterpart of the analytic eclipse: one SGP4 revolution from the epoch. At a given
 * beta, the node is turned so that the epoch's sun sits at that beta (elements only, and only where
 * the inclination allows it).
 */
function propagatedCheck(o: ResolvedOrbit, beta: BetaView, analyticFraction: number, p: Provenance): OrbitResult['propagated'] {
  const givenBeta = beta.given_deg;
  let satrec = o.satrec;
  if (givenBeta !== undefined) {
    if (o.kind !== 'elements') {
      p.warn("with beta_deg given, an element set's own geometry no longer applies: the propagated check is omitted");
      return null;
    }
    const raan = raanForBetaDeg(givenBeta, o.inclination_rad, beta.sun);
    if (raan === null) {
      p.warn(
        `beta ${givenBeta}° cannot occur at inclination ${(o.inclination_rad / DEG).toFixed(2)}° with the epoch's sun; the propagated check is omitted`,
      );
      return null;
    }
    satrec = satrecFromElements({ ...o, raan_rad: raan * DEG });
  }
  const num = propagatedEclipse(satrec, o.epoch, o.period_min);
  if (!num) {
    p.warn('the propagated check failed: SGP4 could not propagate one revolution from the epoch');
    return null;
  }
  return {
    method: 'SGP4 (satellite.js) + shadowFraction, conical shadow with penumbra',
    ...num,
    beta_deg: givenBeta ?? beta.epoch_deg,
    difference_from_analytic: num.eclipse_fraction - analyticFraction,
  };
}

/** The 365-day picture from the epoch, with the model it used. */
function annualView(o: ResolvedOrbit, given_h: number | undefined, p: Provenance): NonNullable<OrbitResult['annual']> {
  const step = p.orDefault('orbit.annual_step_h', given_h, 'annual_step_h');
  return {
    ...annualPicture(o, step),
    method:
      o.kind === 'elements'
        ? 'sun of date (satellite.js sunPos) and secular J2 node drift; cylindrical shadow'
        : "sun of date and the element set's secular node drift (SGP4 nodedot, drag ignored); cylindrical shadow",
  };
}

/** The elements of the resolved orbit as served: altitudes, axis, period, inclination, node, its drift and its local time. */
function orbitElements(o: ResolvedOrbit, sun: Vec3) {
  const sunRa = Math.atan2(sun.y, sun.x) / DEG;
  return {
    orbit_kind: o.kind,
    epoch: o.epoch.toISOString(),
    altitude_km: o.altitude_km,
    perigee_altitude_km: o.semiMajorAxis_km * (1 - o.eccentricity) - WGS84_A_KM,
    apogee_altitude_km: o.semiMajorAxis_km * (1 + o.eccentricity) - WGS84_A_KM,
    semi_major_axis_km: o.semiMajorAxis_km,
    eccentricity: o.eccentricity,
    period_min: o.period_min,
    inclination_deg: o.inclination_rad / DEG,
    raan_deg: wrap360(o.raan_rad / DEG),
    raan_rate_deg_per_day: (o.raanRate_rad_s / DEG) * SECONDS_PER_DAY,
    ltan_h: (((wrap360(o.raan_rad / DEG - sunRa) / 15 + 12) % 24) + 24) % 24,
    sun_synchronous: Math.abs(o.raanRate_rad_s - SUN_MEAN_MOTION_RAD_S) < 0.01 * SUN_MEAN_MOTION_RAD_S,
  };
}

/** The beta angle at the epoch (sun of date) and the one the eclipse is evaluated at. */
function betaView(o: ResolvedOrbit, given_deg: number | undefined): BetaView {
  const sun = sunUnit(o.epoch);
  const epoch_deg = betaDeg(o.inclination_rad, o.raan_rad, sun);
  return { sun, epoch_deg, given_deg, deg: given_deg ?? epoch_deg };
}

export function runOrbit(input: OrbitCase, p: Provenance): OrbitResult {
  const o = resolveOrbit(input.orbit, input.epoch, p);
  const beta = betaView(o, input.beta_deg);
  const f = eclipseFraction(o.altitude_km, beta.deg);
  if (o.eccentricity > 0.01)
    p.warn(
      `eccentricity ${o.eccentricity.toFixed(4)}: the analytic eclipse treats the orbit as circular at its mean altitude; read the propagated figures`,
    );
  const propagated = input.propagated_check === false ? null : propagatedCheck(o, beta, f, p);
  const annual = input.annual ? annualView(o, input.annual_step_h, p) : undefined;
  return {
    ...orbitElements(o, beta.sun),
    beta_deg: beta.deg,
    beta_from: input.beta_deg === undefined ? 'epoch' : 'given',
    beta_star_deg: betaStarDeg(o.altitude_km),
    eclipse_fraction: f,
    eclipse_duration_min: f * o.period_min,
    sunlit_duration_min: (1 - f) * o.period_min,
    propagated,
    ...(annual && { annual }),
  };
}

// ---------------------------------------------------------------------------------------------
// Cost: from the orbit as given, without initialising SGP4
// ---------------------------------------------------------------------------------------------

/** Period of an orbit as given, s: Kepler's from elements, the mean motion of an element set; null when it gives none. */
export function specPeriodS(orbit: OrbitSpec | OrbitForm): number | null {
  const form = asForm(orbit);
  if (form.kind === 'elements') return periodS(WGS84_A_KM + form.elements.altitude_km);
  const meanMotion_rev_day =
    form.kind === 'tle' ? tleMeanElements(form.tle.line2).meanMotion_rev_day : Number(form.omm.MEAN_MOTION);
  // Slower element sets are refused by SGP4 at initialisation (422) before any propagation: no revolution to price.
  return meanMotion_rev_day >= SGP4_MIN_MEAN_MOTION_REV_DAY ? SECONDS_PER_DAY / meanMotion_rev_day : null;
}

/** Eccentricity of an orbit as given: the element set's (NaN when it does not parse), or the elements' (0 when they give none). */
function givenEccentricity(form: OrbitForm): number {
  if (form.kind === 'tle') return tleMeanElements(form.tle.line2).eccentricity;
  return form.kind === 'omm' ? Number(form.omm.ECCENTRICITY) : (form.elements.eccentricity ?? 0);
}

/**
 * Mean motion, eccentricity and inclination of an orbit as given, for a cost estimate: Kepler's and
 * the J2 sun-synchronous inclination (or the given one, or the default) for elements, the element
 * set's own otherwise. No SGP4 record is built; null when the orbit gives none (a sun-synchronous
 * altitude that has no inclination is refused later, by resolveOrbit).
 */
export function specMeanElements(
  orbit: OrbitSpec | OrbitForm,
): { meanMotion_rev_day: number; eccentricity: number; inclination_deg: number } | null {
  const form = asForm(orbit);
  if (form.kind === 'tle') return tleMeanElements(form.tle.line2);
  if (form.kind === 'omm')
    return {
      meanMotion_rev_day: Number(form.omm.MEAN_MOTION),
      eccentricity: givenEccentricity(form),
      inclination_deg: Number(form.omm.INCLINATION),
    };
  const e = givenEccentricity(form);
  const a_km = WGS84_A_KM + form.elements.altitude_km;
  const inclination_deg = form.elements.sun_synchronous
    ? sunSynchronousInclinationDeg(a_km, e)
    : (form.elements.inclination_deg ?? Provenance.value('orbit.inclination_deg'));
  if (inclination_deg === null) return null;
  return { meanMotion_rev_day: SECONDS_PER_DAY / (specPeriodS(form) as number), eccentricity: e, inclination_deg };
}

/**
 * Mean motion below which satellite.js's SGP4 (7.x) refuses an element set at initialisation (error 2
 * or 3), rev/day: 0.005 fails, 0.006 initialises (measured). Near the Earth's Hill sphere (about
 * 0.0047 rev/day, 1.5 million km), beyond which there is no Earth orbit.
 */
const SGP4_MIN_MEAN_MOTION_REV_DAY = 0.005;

/** CPU seconds to resolve an orbit: an SGP4 record from elements (iterated to the semi-major axis) or from an element set. */
export function resolveCost(orbit: OrbitSpec | OrbitForm): number {
  return coefficient(
    asForm(orbit).kind === 'elements' ? 'execution.cost.satrec_from_elements_s' : 'execution.cost.satrec_from_element_set_s',
  );
}

/**
 * Time from the element epoch to the end of a span propagated from the epoch asked, s: the span
 * itself for elements (their epoch is the one asked), plus the distance to the epoch asked for an
 * element set.
 */
export function ageAtEndS(orbit: OrbitSpec | OrbitForm, epochIso: string | undefined, span_s: number): number {
  const form = asForm(orbit);
  if (form.kind === 'elements' || epochIso === undefined) return span_s;
  const setEpoch_ms = form.kind === 'tle' ? tleEpochMs(form.tle.line1) : Date.parse(`${form.omm.EPOCH.replace(/Z$/, '')}Z`);
  const apart_s = Math.abs(Date.parse(epochIso) - setEpoch_ms) / 1000;
  return Number.isFinite(apart_s) ? apart_s + span_s : span_s;
}

/** Eccentricity of an orbit as given, 0 where it gives none or none that parses: for a cost estimate. */
function specEccentricity(form: OrbitForm): number {
  const e = givenEccentricity(form);
  return Number.isFinite(e) ? e : 0;
}

/** One revolution propagated in 10-s steps, each an SGP4 call (with SDP4's resonance from the element epoch), the sun of date and the conical shadow. */
export function revolutionCost(orbit: OrbitSpec | OrbitForm, epochIso?: string): Cost {
  const form = asForm(orbit);
  const period_s = specPeriodS(form) ?? 0;
  const steps = Math.ceil(period_s / REVOLUTION_STEP_S) + 1;
  const step = isDeep(period_s) ? 'execution.cost.revolution_step_deep_s' : 'execution.cost.revolution_step_near_s';
  const resonance = resonanceCallCost(period_s, specEccentricity(form), ageAtEndS(form, epochIso, period_s));
  return {
    cpu_s: steps * (coefficient(step) + resonance),
    basis: `one revolution of ${count(period_s / 60)} min in ${count(steps)} steps of ${REVOLUTION_STEP_S} s`,
    pointer: '/orbit',
    remedy: 'a lower orbit (a shorter revolution), or propagated_check: false',
  };
}

/**
 * CPU seconds of one pass over 365 days at a step, h (default the orbit model's: the annual picture,
 * a window's beta range). With `kept`, the key of an annual picture the model keeps (`pictureKey`):
 * paid once per key among requests priced together.
 */
export function annualPassCost(step_h = Provenance.value('orbit.annual_step_h'), kept: string | null = null): number {
  const cpu_s = annualSampleCount(step_h) * coefficient('execution.cost.annual_sample_s');
  return kept === null ? cpu_s : keptWorkCost(`${kept}|${step_h}`, cpu_s);
}

/**
 * The key under which the annual picture of an orbit spec at an epoch is kept, as far as an estimate
 * can know it before resolving: null for elements without an epoch (they are placed at "now").
 */
export function pictureKey(orbit: OrbitSpec | OrbitForm, epochIso: string | undefined): string | null {
  const form = asForm(orbit);
  if (epochIso === undefined && form.kind === 'elements') return null;
  return JSON.stringify([orbit, epochIso ?? null]);
}

/** What an orbit request costs: its fixed part, the propagated revolution unless turned off, and the annual picture when asked. */
export function estimateOrbitCost(input: OrbitCase): Cost {
  const revolution: Cost =
    input.propagated_check === false ? { cpu_s: 0, basis: 'no propagated check' } : revolutionCost(input.orbit, input.epoch);
  const annual = input.annual ? annualPassCost(input.annual_step_h) : 0;
  return {
    ...revolution,
    cpu_s: coefficient('execution.cost.orbit_s') + resolveCost(input.orbit) + revolution.cpu_s + annual,
    basis: `${revolution.basis}${input.annual ? '; a 365-day picture' : ''}`,
  };
}

export const orbitEstimator = defineEstimator({
  name: 'orbit',
  summary: 'Orbit & sunlight: period, SSO inclination, beta angle, eclipse fraction and the longest eclipse',
  description:
    'From circular elements or a real TLE/OMM (SGP4 via satellite.js): period, inclination (J2 sun-synchronous when asked), beta angle at the epoch (sun of date), the eclipse-free threshold, the cylindrical-shadow eclipse fraction and duration, a numerical check over one propagated revolution with the conical shadow, and with `annual: true` the 365-day picture (beta range, sunlit fraction, eclipse days, longest eclipse). Altitudes inside the atmosphere and decayed or stale element sets answer 422 with the reason.',
  input: OrbitInput,
  output: OrbitOutput,
  examples: {
    starlink_beta0: {
      summary: 'Starlink-like shell at 550 km, worst-case beta 0',
      value: { orbit: { altitude_km: 550, inclination_deg: 53 }, beta_deg: 0, epoch: '2026-03-20T12:00:00Z' },
    },
    dawn_dusk_650: {
      summary: 'Dawn-dusk sun-synchronous orbit at 650 km over a year',
      value: { orbit: { altitude_km: '650 km', sun_synchronous: true, ltan_h: 18 }, epoch: '2026-01-01T00:00:00Z', annual: true },
    },
    iss_tle: {
      summary: 'ISS from a TLE at its epoch (the worked example of the TLE format, Wikipedia "Two-line element set")',
      value: {
        orbit: {
          tle: {
            name: 'ISS (ZARYA)',
            line1: '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
            line2: '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
          },
        },
      },
    },
    iss_omm: {
      summary: 'The same ISS element set as CCSDS OMM JSON (as CelesTrak publishes it)',
      value: {
        orbit: {
          omm: {
            OBJECT_NAME: 'ISS (ZARYA)',
            OBJECT_ID: '1998-067A',
            EPOCH: '2008-09-20T12:25:40.104192',
            MEAN_MOTION: 15.72125391,
            ECCENTRICITY: 0.0006703,
            INCLINATION: 51.6416,
            RA_OF_ASC_NODE: 247.4627,
            ARG_OF_PERICENTER: 130.536,
            MEAN_ANOMALY: 325.0288,
            EPHEMERIS_TYPE: 0,
            NORAD_CAT_ID: 25544,
            ELEMENT_SET_NO: 292,
            REV_AT_EPOCH: 56353,
            BSTAR: -1.1606e-5,
            MEAN_MOTION_DOT: -2.182e-5,
            MEAN_MOTION_DDOT: 0,
          },
        },
      },
    },
  },
  run: runOrbit,
  cost: estimateOrbitCost,
});
