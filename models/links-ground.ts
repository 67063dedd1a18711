/**
 * Ground links: the budget of a downlink from one satellite to one ground station, over radio
 * (Ka-band, the 25.5–27 GHz Earth-observation allocation) or over a laser (1550 nm), and what it
 * carries in a day.
 *
 * RF: C/N0 = EIRP − L_fs − L_gas − L_rain − L_point + G/T − 10 log10(k), the rate the best DVB-S2
 * modulation and coding that closes at the channel's symbol rate allows (or a Shannon bound less a
 * gap). Optical: received power from the aperture gains of both telescopes, the rate the received
 * photons allow at the receiver's sensitivity, capped by the terminal's line rate. The budget is
 * closed at the elevation mask (the longest range, the thickest air); with an orbit, the daily
 * contact comes from the visibility windows over the station (visibility.ts `searchWindows`, the
 * latency estimator's event search), and the volume is that rate over that contact (times the
 * cloud-free share for a laser).
 *
 * Propagation models: free space ITU-R P.525; gases ITU-R P.676-10 Annex 2; rain ITU-R P.618-13
 * (sec. 2.2.1.1) with ITU-R P.838-3's specific attenuation.
 */
import { z } from 'zod';
import type { SourceKey } from '../fixtures/index.js';
import { C_KM_S, CODATA_2018_BOLTZMANN_J_K, DEG, SECONDS_PER_DAY, WGS84_A_KM } from './constants.js';
import { supportedGbps } from './links-isl.js';
import { OrbitSpecSchema, orbitForm, type ResolvedOrbit, resolveOrbit } from './orbit.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';
import { type Site, searchWindows, siteGeometry, slantRangeKm, track } from './visibility.js';

/** The methods of this module, by source key (GET /v1/sources): what a figure computed by each cites. */
export const DOWNLINK_METHOD_SOURCES = {
  free_space_loss: 'itu-r-p525',
  gaseous_attenuation: 'itu-r-p676-10',
  rain_attenuation: 'itu-r-p618-13',
  rain_specific_attenuation: 'itu-r-p838-3',
  modulation_and_coding: 'etsi-en-302-307-1',
} as const satisfies Record<string, SourceKey>;

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/** Wavelength of a carrier, m: λ = c / f. */
export function wavelengthM(frequency_ghz: number): number {
  return (C_KM_S * 1000) / (frequency_ghz * 1e9);
}

/** Frequency of a carrier, GHz: f = c / λ (the inverse of wavelengthM). */
export function frequencyGhz(wavelength_m: number): number {
  return (C_KM_S * 1000) / wavelength_m / 1e9;
}

/** Free-space path loss between isotropic antennas, dB: L = 20 log10(4π d / λ) (ITU-R P.525). */
export function freeSpaceLossDb(distance_km: number, wavelength_m: number): number {
  return 20 * Math.log10((4 * Math.PI * distance_km * 1000) / wavelength_m);
}

/** Gain of a circular aperture of diameter D, dBi: G = η (π D / λ)² (the aperture gain 4π A_eff / λ²). */
export function apertureGainDbi(diameter_m: number, wavelength_m: number, efficiency: number): number {
  return 10 * Math.log10(efficiency * ((Math.PI * diameter_m) / wavelength_m) ** 2);
}

/** Boltzmann's constant in decibels, 10 log10(k) = −228.6 dBW/(K·Hz) (CODATA 2018). */
export const BOLTZMANN_DBW_PER_K_HZ = 10 * Math.log10(CODATA_2018_BOLTZMANN_J_K);

/** Carrier to noise density, dB-Hz: C/N0 = EIRP − ΣL + G/T − 10 log10(k) (the link equation; N0 = k T). */
export function cn0DbHz(eirp_dbw: number, losses_db: number, g_over_t_db_per_k: number): number {
  return eirp_dbw - losses_db + g_over_t_db_per_k - BOLTZMANN_DBW_PER_K_HZ;
}

/** Energy per bit to noise density at a rate R, dB: Eb/N0 = C/N0 − 10 log10(R). */
export function ebn0Db(cn0_dbhz: number, rate_bps: number): number {
  return cn0_dbhz - 10 * Math.log10(rate_bps);
}

/** Shannon capacity of a band B at a carrier to noise density, bit/s: C = B log2(1 + (C/N0) / B) (Shannon 1948). */
export function shannonRateBps(cn0_dbhz: number, bandwidth_hz: number): number {
  return bandwidth_hz * Math.log2(1 + 10 ** (cn0_dbhz / 10) / bandwidth_hz);
}

/** Data volume of a rate held for a time, TB (10¹² bytes): V = R t / 8. */
export function volumeTb(rate_gbps: number, seconds: number): number {
  return (rate_gbps * seconds) / 8000;
}

// ---------------------------------------------------------------------------------------------
// Gaseous attenuation: ITU-R P.676-10 Annex 2 (1–54 GHz branch for dry air)
// ---------------------------------------------------------------------------------------------

/** Ground conditions of the gaseous model: dry-air pressure, hPa; temperature, K; water-vapour density, g/m³. */
export interface Air {
  pressure_hpa: number;
  temperature_k: number;
  water_vapour_g_per_m3: number;
}

/** φ(rp, rt, a, b, c, d) = rp^a rt^b exp(c(1 − rp) + d(1 − rt)) (P.676-10 Annex 2, eq. 22). */
function phi(rp: number, rt: number, a: number, b: number, c: number, d: number): number {
  return rp ** a * rt ** b * Math.exp(c * (1 - rp) + d * (1 - rt));
}

/** Dry-air specific attenuation γo at f ≤ 54 GHz, dB/km (P.676-10 Annex 2, eq. 22a). */
export function dryAirSpecificDbPerKm(f_ghz: number, air: Air): number {
  const rp = air.pressure_hpa / 1013;
  const rt = 288 / air.temperature_k;
  const xi1 = phi(rp, rt, 0.0717, -1.8132, 0.0156, -1.6515);
  const xi2 = phi(rp, rt, 0.5146, -4.6368, -0.1921, -5.7416);
  const xi3 = phi(rp, rt, 0.3414, -6.5851, 0.213, -8.5854);
  const f = f_ghz;
  return (
    ((7.2 * rt ** 2.8) / (f ** 2 + 0.34 * rp ** 2 * rt ** 1.6) + (0.62 * xi3) / ((54 - f) ** (1.16 * xi1) + 0.83 * xi2)) *
    f ** 2 *
    rp ** 2 *
    1e-3
  );
}

/** Water-vapour lines of P.676-10 Annex 2 eq. 23: centre GHz, strength, temperature exponent, width factor (0: none), shape term. */
const WATER_LINES: readonly (readonly [number, number, number, number, boolean, boolean])[] = [
  // [f_i, a, b, c, uses η2, g(f, f_i) factor]
  [22.235, 3.98, 2.23, 9.42, false, true],
  [183.31, 11.96, 0.7, 11.14, false, false],
  [321.226, 0.081, 6.44, 6.29, false, false],
  [325.153, 3.66, 1.6, 9.22, false, false],
  [380, 25.37, 1.09, 0, false, false],
  [448, 17.4, 1.46, 0, false, false],
  [557, 844.6, 0.17, 0, false, true],
  [752, 290, 0.41, 0, false, true],
  [1780, 8.3328e4, 0.99, 0, true, true],
];

/** Water-vapour specific attenuation γw, dB/km (P.676-10 Annex 2, eq. 23). */
export function waterVapourSpecificDbPerKm(f_ghz: number, air: Air): number {
  const rp = air.pressure_hpa / 1013;
  const rt = 288 / air.temperature_k;
  const rho = air.water_vapour_g_per_m3;
  const eta1 = 0.955 * rp * rt ** 0.68 + 0.006 * rho;
  const eta2 = 0.735 * rp * rt ** 0.5 + 0.0353 * rt ** 4 * rho;
  const g = (fi: number) => 1 + ((f_ghz - fi) / (f_ghz + fi)) ** 2;
  const sum = WATER_LINES.reduce((s, [fi, a, b, c, wide, shaped]) => {
    const eta = wide ? eta2 : eta1;
    const line = (a * eta * Math.exp(b * (1 - rt))) / ((f_ghz - fi) ** 2 + c * eta ** 2);
    return s + line * (shaped ? g(fi) : 1);
  }, 0);
  return sum * f_ghz ** 2 * rt ** 2.5 * rho * 1e-4;
}

/** Equivalent heights of dry air and water vapour, km, at total pressure p (P.676-10 Annex 2, eqs. 25–27). */
export function equivalentHeightsKm(f: number, totalPressure_hpa: number): { dry_km: number; wet_km: number } {
  const rp = totalPressure_hpa / 1013;
  const t1 = (4.64 / (1 + 0.066 * rp ** -2.3)) * Math.exp(-(((f - 59.7) / (2.87 + 12.4 * Math.exp(-7.9 * rp))) ** 2));
  const t2 = (0.14 * Math.exp(2.21 * rp)) / ((f - 118.75) ** 2 + 0.031 * Math.exp(2.2 * rp));
  const t3 =
    ((0.0114 / (1 + 0.14 * rp ** -2.6)) * f * (-0.0247 + 0.0001 * f + 1.61e-6 * f ** 2)) /
    (1 - 0.0169 * f + 4.1e-5 * f ** 2 + 3.2e-7 * f ** 3);
  const h0 = (6.1 / (1 + 0.17 * rp ** -1.1)) * (1 + t1 + t2 + t3);
  const sw = 1.013 / (1 + Math.exp(-8.6 * (rp - 0.57)));
  const hw =
    1.66 *
    (1 +
      (1.39 * sw) / ((f - 22.235) ** 2 + 2.56 * sw) +
      (3.37 * sw) / ((f - 183.31) ** 2 + 4.69 * sw) +
      (1.58 * sw) / ((f - 325.1) ** 2 + 2.89 * sw));
  return { dry_km: f < 70 ? Math.min(h0, 10.7 * rp ** 0.3) : h0, wet_km: hw };
}

/** Zenith gaseous attenuation, dB: A = γo h_o + γw h_w, heights at the total pressure p + e, e = ρ T / 216.7 (P.676-10 Annex 2). */
export function zenithGasLossDb(f_ghz: number, air: Air): number {
  const e_hpa = (air.water_vapour_g_per_m3 * air.temperature_k) / 216.7;
  const h = equivalentHeightsKm(f_ghz, air.pressure_hpa + e_hpa);
  return dryAirSpecificDbPerKm(f_ghz, air) * h.dry_km + waterVapourSpecificDbPerKm(f_ghz, air) * h.wet_km;
}

/** A zenith loss along a slant path, dB: A(ε) = A_zenith / sin ε, the air mass of a flat atmosphere (P.676 Annex 2, 5° ≤ ε ≤ 90°). */
export function airMassLossDb(zenith_db: number, elevation_deg: number): number {
  return zenith_db / Math.sin(elevation_deg * DEG);
}

// ---------------------------------------------------------------------------------------------
// Rain: ITU-R P.838-3 specific attenuation, ITU-R P.618-13 step method
// ---------------------------------------------------------------------------------------------

/** Gaussian-fit coefficients of P.838-3 Tables 1–4: a_j, b_j, c_j per term, then the slope m and the constant c. */
interface Fit {
  a: readonly number[];
  b: readonly number[];
  c: readonly number[];
  m: number;
  k: number;
}
const P838: Record<'kH' | 'kV' | 'alphaH' | 'alphaV', Fit> = {
  kH: {
    a: [-5.3398, -0.35351, -0.23789, -0.94158],
    b: [-0.10008, 1.2697, 0.86036, 0.64552],
    c: [1.13098, 0.454, 0.15354, 0.16817],
    m: -0.18961,
    k: 0.71147,
  },
  kV: {
    a: [-3.80595, -3.44965, -0.39902, 0.50167],
    b: [0.56934, -0.22911, 0.73042, 1.07319],
    c: [0.81061, 0.51059, 0.11899, 0.27195],
    m: -0.16398,
    k: 0.63297,
  },
  alphaH: {
    a: [-0.14318, 0.29591, 0.32177, -5.3761, 16.1721],
    b: [1.82442, 0.77564, 0.63773, -0.9623, -3.2998],
    c: [-0.55187, 0.19822, 0.13164, 1.47828, 3.4399],
    m: 0.67849,
    k: -1.95537,
  },
  alphaV: {
    a: [-0.07771, 0.56727, -0.20238, -48.2991, 48.5833],
    b: [2.3384, 0.95545, 1.1452, 0.791669, 0.791459],
    c: [-0.76284, 0.54039, 0.26809, 0.116226, 0.116479],
    m: -0.053739,
    k: 0.83433,
  },
};

/** Σ a_j exp(−((log10 f − b_j)/c_j)²) + m log10 f + c (P.838-3 eqs. 2–3). */
function gaussianFit(s: Fit, f_ghz: number): number {
  const x = Math.log10(f_ghz);
  return (
    s.a.reduce((sum, a, j) => sum + a * Math.exp(-(((x - (s.b[j] as number)) / (s.c[j] as number)) ** 2)), 0) + s.m * x + s.k
  );
}

/** Coefficients of γ_R = k R^α for a path at elevation θ and polarization tilt τ (P.838-3 eqs. 4–5). */
export function rainCoefficients(f_ghz: number, elevation_deg: number, tilt_deg: number): { k: number; alpha: number } {
  const kH = 10 ** gaussianFit(P838.kH, f_ghz);
  const kV = 10 ** gaussianFit(P838.kV, f_ghz);
  const aH = gaussianFit(P838.alphaH, f_ghz);
  const aV = gaussianFit(P838.alphaV, f_ghz);
  const mix = Math.cos(elevation_deg * DEG) ** 2 * Math.cos(2 * tilt_deg * DEG);
  const k = (kH + kV + (kH - kV) * mix) / 2;
  return { k, alpha: (kH * aH + kV * aV + (kH * aH - kV * aV) * mix) / (2 * k) };
}

/** What the P.618 rain step method needs of a path and a climate. */
export interface RainPath {
  f_ghz: number;
  elevation_deg: number;
  /** Station latitude, deg; height above mean sea level, km. */
  lat_deg: number;
  station_alt_km: number;
  /** Rain height above mean sea level (P.839), km; rain rate exceeded 0.01 % of an average year (P.837), mm/h. */
  rain_height_km: number;
  r001_mm_per_h: number;
  tilt_deg: number;
}

/** Effective Earth radius of the P.618 rain path below 5°, km. */
const P618_EFFECTIVE_RADIUS_KM = 8500;

/** Slant path below the rain height, km (P.618-13 step 2): (h_R − h_s)/sin θ, or its curved-Earth form below 5°. */
export function rainSlantLengthKm(depth_km: number, elevation_deg: number): number {
  const s = Math.sin(elevation_deg * DEG);
  if (elevation_deg >= 5) return depth_km / s;
  return (2 * depth_km) / (Math.sqrt(s ** 2 + (2 * depth_km) / P618_EFFECTIVE_RADIUS_KM) + s);
}

/** Attenuation exceeded 0.01 % of an average year, dB (P.618-13 sec. 2.2.1.1, steps 1–9). */
export function rainAttenuation001Db(r: RainPath): number {
  const depth = r.rain_height_km - r.station_alt_km;
  if (depth <= 0 || r.r001_mm_per_h <= 0) return 0;
  const theta = r.elevation_deg;
  const sinT = Math.sin(theta * DEG);
  const ls = rainSlantLengthKm(depth, theta);
  const lg = ls * Math.cos(theta * DEG);
  const { k, alpha } = rainCoefficients(r.f_ghz, theta, r.tilt_deg);
  const gamma = k * r.r001_mm_per_h ** alpha;
  // Step 6: horizontal reduction factor; step 7: vertical adjustment factor.
  const r001 = 1 / (1 + 0.78 * Math.sqrt((lg * gamma) / r.f_ghz) - 0.38 * (1 - Math.exp(-2 * lg)));
  const zeta_deg = Math.atan(depth / (lg * r001)) / DEG;
  const lr = zeta_deg > theta ? (lg * r001) / Math.cos(theta * DEG) : depth / sinT;
  const chi = Math.abs(r.lat_deg) < 36 ? 36 - Math.abs(r.lat_deg) : 0;
  const v001 =
    1 / (1 + Math.sqrt(sinT) * ((31 * (1 - Math.exp(-(theta / (1 + chi)))) * Math.sqrt(lr * gamma)) / r.f_ghz ** 2 - 0.45));
  return gamma * lr * v001;
}

/** Rain attenuation exceeded p % of an average year, 0.001 ≤ p ≤ 5, dB (P.618-13 sec. 2.2.1.1, step 10). */
export function rainAttenuationDb(r: RainPath, p_percent: number): number {
  const a001 = rainAttenuation001Db(r);
  if (a001 <= 0) return 0;
  const theta = r.elevation_deg;
  const lat = Math.abs(r.lat_deg);
  let beta = 0;
  if (p_percent < 1 && lat < 36) beta = -0.005 * (lat - 36) + (theta >= 25 ? 0 : 1.8 - 4.25 * Math.sin(theta * DEG));
  const exponent = 0.655 + 0.033 * Math.log(p_percent) - 0.045 * Math.log(a001) - beta * (1 - p_percent) * Math.sin(theta * DEG);
  return a001 * (p_percent / 0.01) ** -exponent;
}

// ---------------------------------------------------------------------------------------------
// Modulation and coding: DVB-S2 (ETSI EN 302 307-1, Table 13)
// ---------------------------------------------------------------------------------------------

/** DVB-S2 modulations and code rates: spectral efficiency, bit/symbol, and the ideal Es/N0 for quasi-error-free reception, dB. */
export const DVB_S2_MODCODS = [
  { id: 'qpsk_1_4', efficiency: 0.490243, esn0_db: -2.35 },
  { id: 'qpsk_1_3', efficiency: 0.656448, esn0_db: -1.24 },
  { id: 'qpsk_2_5', efficiency: 0.789412, esn0_db: -0.3 },
  { id: 'qpsk_1_2', efficiency: 0.988858, esn0_db: 1.0 },
  { id: 'qpsk_3_5', efficiency: 1.188304, esn0_db: 2.23 },
  { id: 'qpsk_2_3', efficiency: 1.322253, esn0_db: 3.1 },
  { id: 'qpsk_3_4', efficiency: 1.487473, esn0_db: 4.03 },
  { id: 'qpsk_4_5', efficiency: 1.587196, esn0_db: 4.68 },
  { id: 'qpsk_5_6', efficiency: 1.654663, esn0_db: 5.18 },
  { id: 'qpsk_8_9', efficiency: 1.766451, esn0_db: 6.2 },
  { id: 'qpsk_9_10', efficiency: 1.788612, esn0_db: 6.42 },
  { id: '8psk_3_5', efficiency: 1.779991, esn0_db: 5.5 },
  { id: '8psk_2_3', efficiency: 1.980636, esn0_db: 6.62 },
  { id: '8psk_3_4', efficiency: 2.228124, esn0_db: 7.91 },
  { id: '8psk_5_6', efficiency: 2.478562, esn0_db: 9.35 },
  { id: '8psk_8_9', efficiency: 2.646012, esn0_db: 10.69 },
  { id: '8psk_9_10', efficiency: 2.679207, esn0_db: 10.98 },
  { id: '16apsk_2_3', efficiency: 2.637201, esn0_db: 8.97 },
  { id: '16apsk_3_4', efficiency: 2.966728, esn0_db: 10.21 },
  { id: '16apsk_4_5', efficiency: 3.165623, esn0_db: 11.03 },
  { id: '16apsk_5_6', efficiency: 3.300184, esn0_db: 11.61 },
  { id: '16apsk_8_9', efficiency: 3.523143, esn0_db: 12.89 },
  { id: '16apsk_9_10', efficiency: 3.567342, esn0_db: 13.13 },
  { id: '32apsk_3_4', efficiency: 3.703295, esn0_db: 12.73 },
  { id: '32apsk_4_5', efficiency: 3.951571, esn0_db: 13.64 },
  { id: '32apsk_5_6', efficiency: 4.11954, esn0_db: 14.28 },
  { id: '32apsk_8_9', efficiency: 4.397854, esn0_db: 15.69 },
  { id: '32apsk_9_10', efficiency: 4.453027, esn0_db: 16.05 },
] as const;
export type Modcod = (typeof DVB_S2_MODCODS)[number];
const MODCOD_IDS = DVB_S2_MODCODS.map((m) => m.id) as [Modcod['id'], ...Modcod['id'][]];

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

const StationSchema = z
  .object({
    name: z.string().min(1).max(64).optional().describe('Label of the station'),
    lat_deg: quantity('deg', {
      min: -90,
      max: 90,
      description: "Geodetic latitude (WGS84); default the band's station's",
    }).optional(),
    lon_deg: quantity('deg', {
      min: -180,
      max: 180,
      description: "Longitude, east positive; default the band's station's",
    }).optional(),
    alt_km: quantity('km', {
      min: -0.5,
      max: 10,
      description: "Height above the WGS84 ellipsoid; default the band's station's",
    }).optional(),
  })
  .strict()
  .describe('The ground station (default: a sourced station of the band)');

/** Fields that only an RF link has, and only an optical one. */
const RF_ONLY = [
  'g_over_t_db_per_k',
  'rain_loss_db',
  'availability',
  'rain_rate_r001_mm_per_h',
  'rain_height_km',
  'polarization_tilt_deg',
  'modcod',
  'required_ebn0_db',
  'shannon_gap_db',
  'bandwidth_mhz',
  'rolloff',
  'gas',
] as const;
const OPTICAL_ONLY = [
  'rx_aperture_m',
  'photons_per_bit',
  'line_rate_gbps',
  'cloud_free_fraction',
  'scintillation_loss_db',
  'zenith_atmospheric_loss_db',
] as const;

export const DownlinkFields = z
  .object({
    band: z
      .enum(['ka', 'optical'])
      .optional()
      .describe('RF (ka) or optical; read from frequency_ghz or wavelength_nm when one is given (default ka)'),
    frequency_ghz: quantity('GHz', {
      min: 1,
      max: 54,
      example: '26 GHz',
      description: 'RF carrier (default Ka-band 26 GHz); the gaseous and rain models hold from 1 to 54 GHz',
    }).optional(),
    wavelength_nm: quantity('nm', {
      min: 400,
      max: 2000,
      example: '1550 nm',
      description: 'Optical carrier: gives an optical link',
    }).optional(),
    slant_range_km: quantity('km', {
      gt: 0,
      max: 100_000,
      description: 'Distance satellite to station (or give an orbit)',
    }).optional(),
    orbit: OrbitSpecSchema.optional(),
    min_elevation_deg: quantity('deg', {
      min: 5,
      max: 90,
      description: 'Elevation mask: the budget is closed there, and contact is counted above it',
    }).optional(),
    station: StationSchema.optional(),
    zenith_atmospheric_loss_db: z
      .number()
      .min(0)
      .max(50)
      .optional()
      .describe(
        'Optical: clear-air loss at the zenith, dB, scaled by the air mass to the elevation (or give atmospheric_loss_db)',
      ),
    gas: z
      .object({
        pressure_hpa: quantity('hPa', { gt: 0, max: 1100, description: 'Total pressure at the station' }).optional(),
        temperature_k: quantity('K', { gt: 150, max: 350, description: 'Temperature at the station' }).optional(),
        water_vapour_g_per_m3: z.number().min(0).max(50).optional().describe('Water-vapour density at the station, g/m³'),
      })
      .strict()
      .optional()
      .describe("RF: the air of ITU-R P.676's gaseous absorption (default its reference atmosphere)"),
    epoch: z.iso.datetime({ offset: true }).optional().describe('Start of the day of contact (default: the reference epoch)'),
    tx_power_w: quantity('W', { gt: 0, max: 1e5, description: 'Transmitter power into the antenna or telescope' }).optional(),
    tx_antenna_gain_dbi: z.number().min(-10).max(200).optional().describe('Transmit antenna gain, dBi (or give tx_aperture_m)'),
    tx_aperture_m: quantity('m', {
      gt: 0,
      max: 20,
      description: 'Transmit antenna or telescope diameter: gain η(πD/λ)²',
    }).optional(),
    tx_efficiency: fraction('the transmit aperture efficiency', { gt: 0, max: 1 }).optional(),
    g_over_t_db_per_k: z.number().min(-50).max(80).optional().describe('RF: ground station G/T, dB/K'),
    rx_aperture_m: quantity('m', { gt: 0, max: 20, description: 'Optical: ground telescope diameter' }).optional(),
    rx_efficiency: fraction('the receive telescope efficiency', { gt: 0, max: 1 }).optional(),
    photons_per_bit: z.number().gt(0).max(1e6).optional().describe('Optical: receiver sensitivity, photons per bit'),
    line_rate_gbps: z.number().gt(0).max(1e4).optional().describe('Optical: the terminal line rate, Gbps'),
    atmospheric_loss_db: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Gaseous (or clear-air) loss at the mask, dB (default: a model)'),
    rain_loss_db: z.number().min(0).max(200).optional().describe('RF: rain loss at the availability, dB (default: ITU-R P.618)'),
    availability: fraction('the availability', { min: 0.95, max: 0.99999 }).optional(),
    rain_rate_r001_mm_per_h: quantity('mm/h', {
      min: 0,
      max: 300,
      description: 'RF: rain rate exceeded 0.01 % of the year (ITU-R P.837)',
    }).optional(),
    rain_height_km: quantity('km', { min: 0, max: 10, description: 'RF: rain height above sea level (ITU-R P.839)' }).optional(),
    polarization_tilt_deg: quantity('deg', {
      min: 0,
      max: 90,
      description: 'RF: polarization tilt (45 for circular)',
    }).optional(),
    cloud_free_fraction: fraction('the cloud-free line-of-sight probability', { gt: 0, max: 1 }).optional(),
    scintillation_loss_db: z.number().min(0).max(50).optional().describe('Optical: turbulence and scintillation loss, dB'),
    pointing_loss_db: z.number().min(0).max(50).optional().describe('Pointing loss of both ends, dB'),
    implementation_loss_db: z.number().min(0).max(20).optional().describe('Receiver implementation loss, dB'),
    modcod: z.enum(MODCOD_IDS).optional().describe('RF: one DVB-S2 modulation and code rate (default: the best that closes)'),
    required_ebn0_db: z.number().min(-10).max(40).optional().describe('RF: required Eb/N0 in place of the DVB-S2 threshold, dB'),
    shannon_gap_db: z.number().min(0).max(20).optional().describe('RF: rate by the Shannon bound less this gap, dB'),
    bandwidth_mhz: quantity('MHz', { gt: 0, max: 10_000, description: 'RF: channel bandwidth' }).optional(),
    rolloff: fraction('the roll-off factor', { min: 0, max: 1 }).optional(),
    required_daily_volume_tb: quantity('TB', {
      gt: 0,
      max: 1e9,
      description: 'Data to bring down each day: sizes the station count',
    }).optional(),
  })
  .strict();

export type DownlinkFieldValues = z.output<typeof DownlinkFields>;

/** The request's cross-field rules: one carrier, one geometry, one transmit gain, fields of the other band refused. */
export function checkDownlink(o: DownlinkFieldValues, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (o.frequency_ghz !== undefined && o.wavelength_nm !== undefined)
    issue('wavelength_nm', 'expected frequency_ghz (RF) or wavelength_nm (optical), not both');
  if ((o.slant_range_km === undefined) === (o.orbit === undefined))
    issue('slant_range_km', 'expected exactly one of slant_range_km or orbit');
  if (o.tx_antenna_gain_dbi !== undefined && o.tx_aperture_m !== undefined)
    issue('tx_aperture_m', 'expected tx_antenna_gain_dbi or tx_aperture_m, not both');
  if (o.shannon_gap_db !== undefined && (o.modcod !== undefined || o.required_ebn0_db !== undefined))
    issue('shannon_gap_db', 'expected shannon_gap_db or a modcod / required_ebn0_db, not both');
  const optical = o.band === 'optical' || o.wavelength_nm !== undefined;
  if (o.band === 'ka' && o.wavelength_nm !== undefined) issue('wavelength_nm', 'expected no wavelength_nm on a ka link');
  if (o.band === 'optical' && o.frequency_ghz !== undefined)
    issue('frequency_ghz', 'expected no frequency_ghz on an optical link');
  for (const key of optical ? RF_ONLY : OPTICAL_ONLY)
    if (o[key] !== undefined) issue(key, `expected no ${key} on ${optical ? 'an optical' : 'an RF'} link`);
  if (o.epoch !== undefined && o.orbit === undefined) issue('epoch', 'expected an orbit with an epoch');
}

export const DownlinkRequest = DownlinkFields.superRefine(checkDownlink).describe(
  'A downlink: the carrier (RF frequency or optical wavelength), the geometry (a slant range, or an orbit and a station), the transmitter, the receiver, the losses and the coding',
);
export type DownlinkCase = z.output<typeof DownlinkRequest>;

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const nullableNumber = (text: string) => z.number().nullable().describe(text);

export const DownlinkOutput = z
  .object({
    band: z.enum(['ka', 'optical']).describe('The link: RF (Ka-band and other radio carriers) or optical'),
    frequency_ghz: z.number().describe('Carrier frequency, GHz'),
    wavelength_nm: z.number().describe('Carrier wavelength, nm'),
    slant_range_km: z
      .number()
      .describe('Distance satellite to station at which the budget is closed (at the elevation mask), km'),
    elevation_deg: z.number().describe('Elevation of the satellite at which the budget is closed (the mask), deg'),
    free_space_loss_db: z.number().describe('Free-space path loss 20 log10(4π d / λ) (ITU-R P.525), dB'),
    atmospheric_loss_db: z.number().describe('Gaseous (RF, ITU-R P.676) or clear-air (optical) loss along the slant path, dB'),
    rain_loss_db: z
      .number()
      .describe(
        'Rain loss exceeded (1 − availability) of the year (ITU-R P.618), dB; 0 for a laser, whose weather is the cloud-free share',
      ),
    other_losses_db: z.number().describe('Pointing, plus turbulence and scintillation for a laser, dB'),
    eirp_dbw: z.number().describe('Effective isotropic radiated power, transmit power plus antenna gain, dBW'),
    tx_antenna_gain_dbi: z.number().describe('Transmit antenna or telescope gain, dBi'),
    rx_antenna_gain_dbi: nullableNumber(
      'Optical: ground telescope gain η(πD/λ)², dBi; null for RF, whose receiver is given by its G/T',
    ),
    received_power_dbw: z
      .number()
      .describe('RF: carrier power an isotropic antenna would collect at the station; optical: power at the detector, dBW'),
    cn0_dbhz: nullableNumber('RF: carrier to noise density C/N0, dB-Hz; null for a laser'),
    ebn0_db: nullableNumber(
      'RF: energy per bit to noise density at the rate, C/N0 − 10 log10(R), dB; null for a laser or when nothing closes',
    ),
    required_ebn0_db: nullableNumber('RF: Eb/N0 the chosen modulation and coding needs, dB; null for a Shannon bound or a laser'),
    modcod: z
      .string()
      .nullable()
      .describe(
        'RF: the DVB-S2 modulation and code rate used (or the most robust one tried when none closes); null for Shannon or a laser',
      ),
    symbol_rate_msps: nullableNumber('RF: symbol rate, bandwidth / (1 + roll-off), Msymbol/s; null for Shannon or a laser'),
    margin_db: nullableNumber(
      'RF: Es/N0 available after the implementation loss minus the modcod threshold, dB (negative: nothing closes); optical: received power over the power the line rate needs, dB; null for a Shannon bound, which closes by construction',
    ),
    photons_per_bit: nullableNumber('Optical: receiver sensitivity used, photons per bit; null for RF'),
    rate_gbps: z.number().describe('Information rate the link carries at the mask, Gbps'),
    rate_limit: z
      .enum(['bandwidth', 'power', 'line_rate', 'none'])
      .describe('What sets the rate: the channel bandwidth, the received power, the optical line rate, or none (nothing closes)'),
    contact_min_per_day: nullableNumber(
      'Minutes per day the satellite is above the mask over the station (event search over 24 h of the orbit); null with only a slant range',
    ),
    passes_per_day: nullableNumber('Passes over the station in those 24 h; null with only a slant range'),
    cloud_free_fraction: nullableNumber('Optical: share of the time the line of sight is free of cloud; null for RF'),
    daily_volume_tb: nullableNumber(
      'Data per day through one station: rate × contact time (× cloud-free share for a laser), TB (10¹² bytes); null with only a slant range',
    ),
    stations_needed: nullableNumber(
      'Stations that bring down required_daily_volume_tb, each seeing the satellite at other times: ceil(required / volume per station); null without a required volume or a daily volume',
    ),
    contact_reason: z.string().nullable().describe('Why contact, volume or station count are null; null when they are given'),
  })
  .describe('A downlink budget: losses, received power, C/N0 (RF), rate, daily contact and volume');
export type DownlinkResult = z.input<typeof DownlinkOutput>;

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

type Band = 'ka' | 'optical';
interface Carrier {
  band: Band;
  f_ghz: number;
  lambda_m: number;
}

/** The band a downlink asks for: optical when it says so or gives a wavelength, else RF. */
const bandOf = (c: DownlinkCase): Band => (c.band === 'optical' || c.wavelength_nm !== undefined ? 'optical' : 'ka');

/** Where a downlink's contact is searched, from the request alone (for its cost): the station's latitude and the mask. */
export function contactPlace(c: DownlinkCase): { lat_deg: number; mask_deg: number } {
  const key = bandOf(c);
  return {
    lat_deg: c.station?.lat_deg ?? Provenance.value(`downlink.${key}.station.lat_deg`),
    mask_deg: c.min_elevation_deg ?? Provenance.value(`downlink.${key}.min_elevation_deg`),
  };
}

/** The carrier: an optical wavelength, or an RF frequency (default 26 GHz). */
function resolveCarrier(c: DownlinkCase, p: Provenance): Carrier {
  if (bandOf(c) === 'optical') {
    const lambda_m = p.orDefault('downlink.wavelength_nm', c.wavelength_nm, 'downlink.wavelength_nm') * 1e-9;
    return { band: 'optical', lambda_m, f_ghz: frequencyGhz(lambda_m) };
  }
  const f_ghz = p.orDefault('downlink.frequency_ghz', c.frequency_ghz, 'downlink.frequency_ghz');
  return { band: 'ka', f_ghz, lambda_m: wavelengthM(f_ghz) };
}

/**
 * The ground station: given, or the band's default (an optical station on a mountain, an RF one with a
 * published rain climate), each coordinate with its source in the fixtures. Its label names no figure
 * of the answer.
 */
function resolveStation(c: DownlinkCase, band: Band, p: Provenance): Site {
  const given = c.station ?? {};
  return {
    name: given.name ?? 'station',
    lat_deg: p.orDefault(`downlink.${band}.station.lat_deg`, given.lat_deg, 'downlink.station.lat_deg'),
    lon_deg: p.orDefault(`downlink.${band}.station.lon_deg`, given.lon_deg, 'downlink.station.lon_deg'),
    alt_km: p.orDefault(`downlink.${band}.station.alt_km`, given.alt_km, 'downlink.station.alt_km'),
  };
}

interface Geometry {
  mask_deg: number;
  slant_km: number;
  orbit: ResolvedOrbit | null;
}

/** Where the budget is closed: the slant range given, or the range from the orbit's altitude at the mask (spherical Earth, WGS84 radius). */
function resolveGeometry(c: DownlinkCase, band: Band, p: Provenance): Geometry {
  const mask_deg = p.orDefault(`downlink.${band}.min_elevation_deg`, c.min_elevation_deg, 'downlink.min_elevation_deg');
  if (c.orbit === undefined) return { mask_deg, slant_km: c.slant_range_km as number, orbit: null };
  const form = orbitForm(c.orbit);
  // Mean elements start at the reference epoch; an element set at its own epoch unless one is given.
  const epochIso = form?.kind === 'elements' ? p.orChoice('scenario.epoch', c.epoch, 'downlink.epoch') : c.epoch;
  const orbit = resolveOrbit(c.orbit, epochIso, p, '/orbit');
  return { mask_deg, slant_km: slantRangeKm(orbit.altitude_km, mask_deg, WGS84_A_KM), orbit };
}

/** Contact over one day from the orbit's epoch: the visibility windows above the mask, by the event search of visibility.ts. */
export function dailyContact(orbit: ResolvedOrbit, station: Site, mask_deg: number): { minutes: number; passes: number } {
  const satellite = track('satellite', orbit.satrec, orbit.epoch, '/orbit');
  const { windows } = searchWindows(satellite, [siteGeometry(station)], SECONDS_PER_DAY, mask_deg * DEG, 0);
  return { minutes: windows.reduce((s, w) => s + (w.end_s - w.start_s), 0) / 60, passes: windows.length };
}

/** Gaseous (RF, P.676-10 Annex 2 in its reference atmosphere) or clear-air (optical) loss at the elevation, unless given, dB. */
function atmosphereLossDb(c: DownlinkCase, carrier: Carrier, elevation_deg: number, p: Provenance): number {
  if (c.atmospheric_loss_db !== undefined) return c.atmospheric_loss_db;
  if (carrier.band === 'optical')
    return airMassLossDb(
      p.orDefault(
        'downlink.optical.zenith_atmospheric_loss_db',
        c.zenith_atmospheric_loss_db,
        'downlink.zenith_atmospheric_loss_db',
      ),
      elevation_deg,
    );
  const air: Air = {
    pressure_hpa: p.orDefault('downlink.gas.pressure_hpa', c.gas?.pressure_hpa, 'downlink.gas.pressure_hpa'),
    temperature_k: p.orDefault('downlink.gas.temperature_k', c.gas?.temperature_k, 'downlink.gas.temperature_k'),
    water_vapour_g_per_m3: p.orDefault(
      'downlink.gas.water_vapour_g_per_m3',
      c.gas?.water_vapour_g_per_m3,
      'downlink.gas.water_vapour_g_per_m3',
    ),
  };
  const loss = airMassLossDb(zenithGasLossDb(carrier.f_ghz, air), elevation_deg);
  p.assume('downlink.atmospheric_loss_db', loss, 'dB', DOWNLINK_METHOD_SOURCES.gaseous_attenuation);
  return loss;
}

/** RF rain loss exceeded (1 − availability) of an average year at the station (P.618-13), unless given, dB; none for a laser. */
function rainLossDb(c: DownlinkCase, carrier: Carrier, station: Site, elevation_deg: number, p: Provenance): number {
  if (carrier.band === 'optical') return 0;
  if (c.rain_loss_db !== undefined) return c.rain_loss_db;
  if (c.station && (c.rain_rate_r001_mm_per_h === undefined || c.rain_height_km === undefined))
    p.warn(
      'rain: the rain climate (rain_rate_r001_mm_per_h, rain_height_km) of the default RF station is applied to the station given; read its own from the ITU-R P.837 and P.839 maps',
    );
  const availability = p.orDefault('downlink.availability', c.availability, 'downlink.availability');
  const path: RainPath = {
    f_ghz: carrier.f_ghz,
    elevation_deg,
    lat_deg: station.lat_deg,
    station_alt_km: station.alt_km,
    rain_height_km: p.orDefault('downlink.rain_height_km', c.rain_height_km, 'downlink.rain_height_km'),
    r001_mm_per_h: p.orDefault('downlink.rain_rate_r001_mm_per_h', c.rain_rate_r001_mm_per_h, 'downlink.rain_rate_r001_mm_per_h'),
    tilt_deg: p.orDefault('downlink.polarization_tilt_deg', c.polarization_tilt_deg, 'downlink.polarization_tilt_deg'),
  };
  const loss = rainAttenuationDb(path, (1 - availability) * 100);
  p.assume('downlink.rain_loss_db', loss, 'dB', DOWNLINK_METHOD_SOURCES.rain_attenuation);
  return loss;
}

/** Transmit power, dBW, and antenna gain, dBi: the gain given, from the aperture, or the band's default. */
function transmitter(c: DownlinkCase, carrier: Carrier, p: Provenance): { power_dbw: number; gain_dbi: number } {
  const optical = carrier.band === 'optical';
  const power_w = p.orDefault(`downlink.${carrier.band}.tx_power_w`, c.tx_power_w, 'downlink.tx_power_w');
  const power_dbw = 10 * Math.log10(power_w);
  if (c.tx_antenna_gain_dbi !== undefined) return { power_dbw, gain_dbi: c.tx_antenna_gain_dbi };
  if (!optical && c.tx_aperture_m === undefined)
    return { power_dbw, gain_dbi: p.orDefault('downlink.ka.tx_antenna_gain_dbi', undefined, 'downlink.tx_antenna_gain_dbi') };
  const diameter = optical
    ? p.orDefault('downlink.optical.tx_aperture_m', c.tx_aperture_m, 'downlink.tx_aperture_m')
    : (c.tx_aperture_m as number);
  const efficiency = p.orDefault(
    optical ? 'downlink.optical.efficiency' : 'downlink.rf.antenna_efficiency',
    c.tx_efficiency,
    'downlink.tx_efficiency',
  );
  return { power_dbw, gain_dbi: apertureGainDbi(diameter, carrier.lambda_m, efficiency) };
}

/** What the rate step found: the rate and what set it, and the RF coding figures. */
interface Rate {
  rate_bps: number;
  limit: 'bandwidth' | 'power' | 'line_rate' | 'none';
  modcod: string | null;
  required_ebn0_db: number | null;
  symbol_rate_msps: number | null;
  margin_db: number | null;
}

/** Es/N0 threshold of a modcod, dB: the DVB-S2 table's, or a required Eb/N0 given plus 10 log10(η) (Es = η Eb). */
function thresholdDb(m: Modcod, required_ebn0_db: number | undefined): number {
  return required_ebn0_db === undefined ? m.esn0_db : required_ebn0_db + 10 * Math.log10(m.efficiency);
}

/**
 * RF rate at a C/N0: over a channel of bandwidth B the symbol rate is B / (1 + roll-off); the modcod
 * used is the given one or the most efficient that closes there (adaptive coding and modulation);
 * with a Shannon gap, R = B log2(1 + (C/N0 − L_impl − gap)/B). Nothing closes: rate 0, the margin of
 * the most robust modcod tried.
 */
function rfRate(c: DownlinkCase, cn0: number, p: Provenance): Rate {
  const bandwidth_hz = p.orDefault('downlink.bandwidth_mhz', c.bandwidth_mhz, 'downlink.bandwidth_mhz') * 1e6;
  const impl = p.orDefault('downlink.ka.implementation_loss_db', c.implementation_loss_db, 'downlink.implementation_loss_db');
  const none = { modcod: null, required_ebn0_db: null, symbol_rate_msps: null, margin_db: null };
  if (c.shannon_gap_db !== undefined)
    return { ...none, rate_bps: shannonRateBps(cn0 - impl - c.shannon_gap_db, bandwidth_hz), limit: 'power' };
  const rs = bandwidth_hz / (1 + p.orDefault('downlink.rolloff', c.rolloff, 'downlink.rolloff'));
  const esn0 = cn0 - impl - 10 * Math.log10(rs);
  const tried = c.modcod ? DVB_S2_MODCODS.filter((m) => m.id === c.modcod) : [...DVB_S2_MODCODS];
  const closing = tried.filter((m) => esn0 >= thresholdDb(m, c.required_ebn0_db));
  const best = closing.reduce<Modcod | null>((b, m) => (b === null || m.efficiency > b.efficiency ? m : b), null);
  const used = best ?? tried.reduce((b, m) => (thresholdDb(m, c.required_ebn0_db) < thresholdDb(b, c.required_ebn0_db) ? m : b));
  const threshold = thresholdDb(used, c.required_ebn0_db);
  return {
    rate_bps: best ? best.efficiency * rs : 0,
    limit: best ? 'bandwidth' : 'none',
    modcod: used.id,
    required_ebn0_db: threshold - 10 * Math.log10(used.efficiency),
    symbol_rate_msps: rs / 1e6,
    margin_db: esn0 - threshold,
  };
}

/** Optical: the ground telescope's gain, the power at the detector, and the rate its photons carry, capped by the line rate. */
function opticalLink(c: DownlinkCase, carrier: Carrier, arriving_dbw: number, p: Provenance) {
  const efficiency = p.orDefault('downlink.optical.efficiency', c.rx_efficiency, 'downlink.rx_efficiency');
  const aperture = p.orDefault('downlink.optical.rx_aperture_m', c.rx_aperture_m, 'downlink.rx_aperture_m');
  const rx_gain_dbi = apertureGainDbi(aperture, carrier.lambda_m, efficiency);
  const impl = p.orDefault(
    'downlink.optical.implementation_loss_db',
    c.implementation_loss_db,
    'downlink.implementation_loss_db',
  );
  const received_dbw = arriving_dbw + rx_gain_dbi - impl;
  const ppb = p.orDefault('downlink.optical.photons_per_bit', c.photons_per_bit, 'downlink.photons_per_bit');
  const line_bps = p.orDefault('downlink.optical.line_rate_gbps', c.line_rate_gbps, 'downlink.line_rate_gbps') * 1e9;
  const power_bps = supportedGbps(10 ** (received_dbw / 10), ppb, carrier.lambda_m) * 1e9;
  const rate: Rate = {
    rate_bps: Math.min(line_bps, power_bps),
    limit: power_bps >= line_bps ? 'line_rate' : 'power',
    modcod: null,
    required_ebn0_db: null,
    symbol_rate_msps: null,
    margin_db: 10 * Math.log10(power_bps / line_bps),
  };
  return { rx_gain_dbi, received_dbw, ppb, rate };
}

/** What the day's volume is made of: the rate at the mask, whether it could rise over a pass, the cloud-free share. */
interface Carried {
  rate_gbps: number;
  adaptive: boolean;
  cloudFree: number;
}

/** Contact, volume and station count for a day, or nulls with the reason when only a slant range is given. */
function dailyFigures(c: DownlinkCase, g: Geometry, station: Site, carried: Carried, p: Provenance) {
  const { rate_gbps, adaptive, cloudFree } = carried;
  if (g.orbit === null)
    return {
      contact_min_per_day: null,
      passes_per_day: null,
      daily_volume_tb: null,
      stations_needed: null,
      contact_reason:
        'a slant range alone says nothing of how long the station sees the satellite: give an orbit for contact time and daily volume',
    };
  const contact = dailyContact(g.orbit, station, g.mask_deg);
  const volume = volumeTb(rate_gbps, contact.minutes * 60) * cloudFree;
  const required = c.required_daily_volume_tb;
  if (required !== undefined && volume > 0)
    p.warn(
      'stations_needed assumes each station sees the satellite at times the others do not, and brings down its full daily volume',
    );
  if (adaptive)
    p.warn(
      'the daily volume holds the rate of the elevation mask over the whole pass: a link that adapts its rate as the range shortens brings down more',
    );
  return {
    contact_min_per_day: contact.minutes,
    passes_per_day: contact.passes,
    daily_volume_tb: volume,
    stations_needed: required !== undefined && volume > 0 ? Math.ceil(required / volume) : null,
    contact_reason:
      required !== undefined && volume <= 0
        ? 'no volume comes down in a day, so no number of stations brings down the required volume'
        : null,
  };
}

/** The losses between the antennas, dB: free space, atmosphere, rain, and pointing (plus turbulence for a laser). */
function pathLosses(c: DownlinkCase, carrier: Carrier, station: Site, g: Geometry, p: Provenance) {
  const optical = carrier.band === 'optical';
  const free_space_db = freeSpaceLossDb(g.slant_km, carrier.lambda_m);
  const atmosphere_db = atmosphereLossDb(c, carrier, g.mask_deg, p);
  const rain_db = rainLossDb(c, carrier, station, g.mask_deg, p);
  const pointing_db = p.orDefault(`downlink.${carrier.band}.pointing_loss_db`, c.pointing_loss_db, 'downlink.pointing_loss_db');
  const turbulence_db = optical
    ? p.orDefault('downlink.optical.scintillation_loss_db', c.scintillation_loss_db, 'downlink.scintillation_loss_db')
    : 0;
  const other_db = pointing_db + turbulence_db;
  return { free_space_db, atmosphere_db, rain_db, other_db, total_db: free_space_db + atmosphere_db + rain_db + other_db };
}

/** The receiving end: C/N0 and the coded rate for RF, the detector power and the photon-limited rate for a laser. */
function receive(c: DownlinkCase, carrier: Carrier, arriving_dbw: number, p: Provenance) {
  if (carrier.band === 'optical') {
    const o = opticalLink(c, carrier, arriving_dbw, p);
    return { rx_gain_dbi: o.rx_gain_dbi, received_dbw: o.received_dbw, cn0: null, ebn0: null, ppb: o.ppb, rate: o.rate };
  }
  const gt = p.orDefault('downlink.g_over_t_db_per_k', c.g_over_t_db_per_k, 'downlink.g_over_t_db_per_k');
  const cn0 = cn0DbHz(arriving_dbw, 0, gt);
  const rate = rfRate(c, cn0, p);
  const ebn0 = rate.rate_bps > 0 ? ebn0Db(cn0, rate.rate_bps) : null;
  return { rx_gain_dbi: null, received_dbw: arriving_dbw, cn0, ebn0, ppb: null, rate };
}

/**
 * The downlink budget, as named steps: the carrier, the station, the geometry at the mask, the path
 * losses, the transmitter, the receiving end and its rate, then the day's contact and volume.
 */
export function runDownlink(input: DownlinkCase, p: Provenance): DownlinkResult {
  const carrier = resolveCarrier(input, p);
  const station = resolveStation(input, carrier.band, p);
  const geometry = resolveGeometry(input, carrier.band, p);
  const losses = pathLosses(input, carrier, station, geometry, p);
  const tx = transmitter(input, carrier, p);
  const eirp_dbw = tx.power_dbw + tx.gain_dbi;
  const rx = receive(input, carrier, eirp_dbw - losses.total_db, p);
  const cloudFree =
    carrier.band === 'optical'
      ? p.orDefault('downlink.optical.cloud_free_fraction', input.cloud_free_fraction, 'downlink.cloud_free_fraction')
      : null;
  const rate_gbps = rx.rate.rate_bps / 1e9;
  return {
    band: carrier.band,
    frequency_ghz: carrier.f_ghz,
    wavelength_nm: carrier.lambda_m * 1e9,
    slant_range_km: geometry.slant_km,
    elevation_deg: geometry.mask_deg,
    free_space_loss_db: losses.free_space_db,
    atmospheric_loss_db: losses.atmosphere_db,
    rain_loss_db: losses.rain_db,
    other_losses_db: losses.other_db,
    eirp_dbw,
    tx_antenna_gain_dbi: tx.gain_dbi,
    rx_antenna_gain_dbi: rx.rx_gain_dbi,
    received_power_dbw: rx.received_dbw,
    cn0_dbhz: rx.cn0,
    ebn0_db: rx.ebn0,
    required_ebn0_db: rx.rate.required_ebn0_db,
    modcod: rx.rate.modcod,
    symbol_rate_msps: rx.rate.symbol_rate_msps,
    margin_db: rx.rate.margin_db,
    photons_per_bit: rx.ppb,
    rate_gbps,
    rate_limit: rx.rate.limit,
    cloud_free_fraction: cloudFree,
    ...dailyFigures(
      input,
      geometry,
      station,
      { rate_gbps, adaptive: rx.rate.limit !== 'line_rate', cloudFree: cloudFree ?? 1 },
      p,
    ),
  };
}

const fixed = (x: number, digits = 2) => Number(x.toFixed(digits));

/**
 * Why a downlink carries nothing, with its figures, or null when it carries something: no
 * modulation and coding closes at the channel's symbol rate (RF), or the station never sees the
 * satellite above the mask in the day. The composer answers the first with a 422.
 */
export function downlinkImpossible(r: DownlinkResult): string | null {
  if (r.rate_gbps <= 0) {
    const what = r.modcod ? `${r.modcod} (the most robust tried)` : 'the coding';
    return `the link closes at no rate: at ${fixed(r.slant_range_km, 1)} km and ${fixed(r.elevation_deg, 1)}° elevation, C/N0 is ${r.cn0_dbhz == null ? 'n/a' : `${fixed(r.cn0_dbhz)} dB-Hz`} and ${what} lacks ${fixed(-(r.margin_db ?? 0))} dB at ${fixed(r.symbol_rate_msps ?? 0, 1)} Msymbol/s`;
  }
  if (r.contact_min_per_day === 0)
    return `the station never sees the satellite above ${fixed(r.elevation_deg, 1)}° elevation in the day: no contact, no volume`;
  return null;
}
