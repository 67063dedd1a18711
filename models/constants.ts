/**
 * Physical constants, each named with its unit and model, each with its authority: in its doc line,
 * and by source key (GET /v1/sources) in CONSTANT_SOURCES where the sources list it.
 *
 * Geodesy and gravity use WGS84 / EGM96; SGP4 itself runs on WGS72 inside satellite.js,
 * which is why the WGS72 values sit here too, under their own names.
 */
import type { SourceKey } from '../fixtures/index.js';

/** WGS84 equatorial radius, km (NIMA TR8350.2). */
export const WGS84_A_KM = 6378.137;
/** Earth gravitational parameter, km³/s² (EGM96 / WGS84 G1150). */
export const EGM96_MU_KM3_S2 = 398600.4418;
/** Second zonal harmonic, unnormalised (EGM96; Vallado, Fundamentals of Astrodynamics, 4th ed., Table D-1). */
export const EGM96_J2 = 1.08262668e-3;
/** WGS72 gravitational parameter used by SGP4, km³/s² (Vallado et al. 2006, AIAA 2006-6753). */
export const WGS72_MU_KM3_S2 = 398600.8;
/** WGS72 equatorial radius used by SGP4, km (Vallado et al. 2006). */
export const WGS72_A_KM = 6378.135;
/** IUGG mean Earth radius R1, km (Moritz 2000, Geodetic Reference System 1980): for great-circle distances. */
export const IUGG_MEAN_EARTH_RADIUS_KM = 6371.0088;

/** Seconds in a day (of 86,400 SI seconds: the day of the Julian date). */
export const SECONDS_PER_DAY = 86_400;

/** Mean tropical year, days (Explanatory Supplement to the Astronomical Almanac). */
export const TROPICAL_YEAR_DAYS = 365.242189;
/** Sun's mean motion in right ascension: 2π per tropical year, rad/s (the SSO nodal rate). */
export const SUN_MEAN_MOTION_RAD_S = (2 * Math.PI) / (TROPICAL_YEAR_DAYS * SECONDS_PER_DAY);

/** Stefan–Boltzmann constant, W m⁻² K⁻⁴ (CODATA 2018). */
export const CODATA_2018_SIGMA_W_M2_K4 = 5.670374419e-8;
/** Boltzmann constant k, J/K (CODATA 2018, exact in the SI since 2019): thermal noise density N0 = k T. */
export const CODATA_2018_BOLTZMANN_J_K = 1.380649e-23;
/** Planck constant h, J s (CODATA 2018, exact in the SI since 2019): a photon's energy h c / λ. */
export const CODATA_2018_PLANCK_J_S = 6.62607015e-34;
/** Earth rotation rate, rad/s (IERS Conventions 2010, ω = 7.292115e-5). */
export const IERS_EARTH_ROTATION_RAD_S = 7.292115e-5;
/** Standard gravity g₀, m/s² (CGPM 1901, exact): converts specific impulse to exhaust velocity. */
export const STANDARD_GRAVITY_M_S2 = 9.80665;

/** Speed of light in vacuum, km/s (SI definition). */
export const C_KM_S = 299792.458;

/** Lowest altitude at which a circular orbit is treated as an orbit, km: below ~120 km drag decays an orbit within hours (Vallado, Fundamentals of Astrodynamics, ch. 9 atmospheric drag; the Kármán line is 100 km). */
export const MIN_ORBIT_ALTITUDE_KM = 120;

/** Hours in a year, 365 × 24: the one year of every per-year figure (energy, cycles, failures, downtime), as annual energy statistics (EIA), the orbit model's 365-day picture and the published cost calculators (Starcloud, McCalip) count it. */
export const HOURS_PER_COMMON_YEAR = 365 * 24;

export const DEG = Math.PI / 180;
export const MINUTES_PER_DAY = 1440;

/** The source of each constant that GET /v1/sources lists, by key. */
export const CONSTANT_SOURCES = {
  WGS84_A_KM: 'wgs84',
  EGM96_MU_KM3_S2: 'egm96',
  EGM96_J2: 'egm96',
  WGS72_MU_KM3_S2: 'vallado-sgp4-2006',
  WGS72_A_KM: 'vallado-sgp4-2006',
  SUN_MEAN_MOTION_RAD_S: 'vallado-fundamentals',
  CODATA_2018_SIGMA_W_M2_K4: 'codata-2018',
  CODATA_2018_BOLTZMANN_J_K: 'codata-2018',
  CODATA_2018_PLANCK_J_S: 'codata-2018',
  MIN_ORBIT_ALTITUDE_KM: 'karman-drag-limit',
} as const satisfies Record<string, SourceKey>;
