/**
 * Inter-satellite optical links: what a free-space laser link between two satellites carries at a
 * given spacing, and how far apart the two may fly and still carry a rate. The links estimator
 * composes it (its `isl` part); it is cheap, all closed forms but one bracketed root.
 *
 * The beam is a Gaussian (Siegman, Lasers, 1986, ch. 17; Saleh & Teich, Fundamentals of Photonics,
 * ch. 3) launched collimated from the transmit aperture, its 1/e² waist radius w0 = f·D_t with f the
 * beam_waist_fraction (default 0.446: the aperture radius is 1.12 w0, the truncation that maximises
 * the far-field gain, Klein & Degnan 1974). It spreads as w(z) = w0 √(1 + (z/z_R)²), z_R = π w0²/λ,
 * and a centred receive aperture of radius a collects 1 − exp(−2a²/w(z)²) of it. Within z_R (the
 * near field) the beam is still about the aperture's size and the receiver collects most of it at
 * any spacing; beyond (the far field) the share falls as 1/z², as in Friis's formula. A receiver
 * needs N photons per bit: P = N·(hc/λ)·R, and a channel carries the lesser of its transceiver's
 * line rate and the rate its received power supports.
 */
import { z } from 'zod';
import { C_KM_S, CODATA_2018_PLANCK_J_S } from './constants.js';
import { plain } from './format.js';
import { solveBracketed } from './numerics.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';

const M_PER_KM = 1e3;
const M_PER_NM = 1e-9;
const BPS_PER_GBPS = 1e9;
const W_PER_MW = 1e-3;
/** Largest spacing the model takes and the inverse searches, km (6.7 AU, beyond deep-space optical links' reach). */
const MAX_DISTANCE_KM = 1e9;
/** Relative shortfall below which a rate counts as meeting its target (the root's own rounding). */
const RATE_RTOL = 1e-9;

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/** Photon energy E = h c / λ, J (Planck–Einstein relation; h and c exact in the SI, CODATA 2018). */
export function photonEnergyJ(wavelength_m: number): number {
  return (CODATA_2018_PLANCK_J_S * C_KM_S * M_PER_KM) / wavelength_m;
}

/** Power a receiver needs to carry `gbps` at N photons per bit: P = N · (h c/λ) · R, W. */
export function requiredPowerW(photonsPerBit: number, wavelength_m: number, gbps: number): number {
  return photonsPerBit * photonEnergyJ(wavelength_m) * gbps * BPS_PER_GBPS;
}

/** Rate a received power supports at N photons per bit: R = P / (N · h c/λ), Gb/s (the inverse of requiredPowerW). */
export function supportedGbps(power_w: number, photonsPerBit: number, wavelength_m: number): number {
  return power_w / (photonsPerBit * photonEnergyJ(wavelength_m) * BPS_PER_GBPS);
}

/** A power in dBm, 10 log10(P / 1 mW), as W. */
export function dbmToW(dbm: number): number {
  return W_PER_MW * 10 ** (dbm / 10);
}

/** A power in W as dBm, 10 log10(P / 1 mW). */
export function wToDbm(w: number): number {
  return 10 * Math.log10(w / W_PER_MW);
}

/** Photons per bit of a sensitivity quoted as a power at a rate: N = P / ((h c/λ) · R). */
export function photonsPerBitFromSensitivity(sensitivity_dbm: number, at_gbps: number, wavelength_m: number): number {
  return supportedGbps(dbmToW(sensitivity_dbm), 1, wavelength_m) / at_gbps;
}

/** Rayleigh range of a Gaussian beam, z_R = π w0² / λ, m (Siegman 1986, ch. 17). */
export function rayleighRangeM(waist_m: number, wavelength_m: number): number {
  return (Math.PI * waist_m ** 2) / wavelength_m;
}

/** 1/e² radius of a Gaussian beam at z from its waist, w(z) = w0 √(1 + (z/z_R)²), m (Siegman 1986, ch. 17). */
export function beamRadiusM(waist_m: number, z_m: number, rayleigh_m: number): number {
  return waist_m * Math.hypot(1, z_m / rayleigh_m);
}

/**
 * Share of a Gaussian beam's power inside a centred circular aperture of radius a,
 * 1 − exp(−2a²/w²) (Siegman 1986, ch. 17): → 1 − exp(−2a²/w0²) in the near field, → 2a²/w² (∝ 1/z²)
 * in the far field. expm1 keeps the far-field share exact where it is tiny.
 */
export function apertureFraction(radius_m: number, beamRadius_m: number): number {
  return -Math.expm1((-2 * radius_m ** 2) / beamRadius_m ** 2);
}

/**
 * On-axis far-field intensity of a Gaussian beam truncated by a circular aperture of radius α·w0,
 * relative to the untruncated beam of the same power, (1 − exp(−α²))² (Klein & Degnan 1974): the
 * aperture integrates the field, whose wings (exp(−r²/w0²)) reach further than the intensity's.
 */
export function farFieldTruncation(alpha: number): number {
  return Math.expm1(-(alpha ** 2)) ** 2;
}

/**
 * Share of the laser's power the transmit aperture (radius α·w0) sends into the beam as the receiver
 * sees it, K = F + (T − F)·(w0/w)²: in the near field the power the aperture passes,
 * T = 1 − exp(−2α²) (Siegman); in the far field F = (1 − exp(−α²))² (Klein & Degnan), lower, as the
 * aperture's edge diffracts light out of the main lobe. (w0/w)² = 1/(1 + (z/z_R)²) weighs the two:
 * an interpolation of this model, exact at both ends, where the true on-axis intensity of a
 * hard-edged beam ripples (Fresnel diffraction). T ≥ F, so K never rises with distance.
 */
export function truncationFraction(alpha: number, waist_m: number, beamRadius_m: number): number {
  const T = -Math.expm1(-2 * alpha ** 2);
  const F = farFieldTruncation(alpha);
  return F + (T - F) * (waist_m / beamRadius_m) ** 2;
}

/**
 * Friis's transmission formula for two uniformly lit circular apertures in each other's far field,
 * Pr/Pt = A_t A_r / (λ z)² = (π D_t D_r / (4 λ z))² (Friis, Proc. IRE 34, 254, 1946). An untruncated
 * Gaussian of waist D_t/2 delivers twice this on the axis, and the default truncated beam
 * (2/α²)(1 − e^{−α²})² = 0.81 of it (Klein & Degnan 1974). It exceeds 1 at short spacings, where it
 * no longer holds.
 */
export function friisFraction(txAperture_m: number, rxAperture_m: number, wavelength_m: number, z_m: number): number {
  return ((Math.PI * txAperture_m * rxAperture_m) / (4 * wavelength_m * z_m)) ** 2;
}

/** A pointing loss in dB as the share of power that remains, 10^(−L/10). */
function dbLossFactor(loss_db: number): number {
  return 10 ** (-loss_db / 10);
}

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

const SensitivityFields = z
  .object({
    sensitivity_dbm: z
      .number()
      .min(-100)
      .max(30)
      .optional()
      .describe(
        'Lowest received power per channel at which the receiver carries at_gbps, dBm (a datasheet sensitivity; default a 400ZR module’s)',
      ),
    at_gbps: quantity('Gb/s', {
      gt: 0,
      max: 1e6,
      example: '400 Gb/s',
      description: 'The rate the sensitivity is quoted at (default the 400ZR module’s)',
    }).optional(),
  })
  .strict();

/** The link's inputs as fields; IslRequest adds the checks between them. */
export const IslFields = z
  .object({
    distance_km: quantity('km', {
      gt: 0,
      max: MAX_DISTANCE_KM,
      example: '100 m',
      description: 'Spacing between the two terminals',
    }),
    wavelength_nm: quantity('nm', {
      min: 200,
      max: 20_000,
      example: '1550 nm',
      description: 'Carrier wavelength (default 1550 nm: the C band of DWDM transceivers)',
    }).optional(),
    tx_power_w: quantity('W', {
      gt: 0,
      max: 1e4,
      example: '1 mW',
      description: 'Optical power of one channel launched into the transmit telescope',
    }).optional(),
    tx_aperture_m: quantity('m', {
      min: 1e-4,
      max: 100,
      example: '8 cm',
      description: 'Diameter of the transmit aperture (telescope)',
    }).optional(),
    rx_aperture_m: quantity('m', {
      min: 1e-4,
      max: 100,
      example: '8 cm',
      description: 'Diameter of the receive aperture (telescope)',
    }).optional(),
    channels: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('Parallel channels, DWDM wavelengths × spatial channels (beams), each with its own transceiver and tx_power_w'),
    channel_gbps: quantity('Gb/s', {
      gt: 0,
      max: 1e5,
      example: '400 Gb/s',
      description: "Line rate of one channel's transceiver: the most a channel carries however strong the signal",
    }).optional(),
    pointing_loss_db: z.number().min(0).max(100).optional().describe('Loss from pointing error and jitter, dB (positive)'),
    tx_optics_efficiency: fraction('a transmit optics efficiency', { gt: 0, max: 1 })
      .optional()
      .describe('Share of the launched power the transmit optics pass (the aperture clipping the beam is counted apart)'),
    rx_optics_efficiency: fraction('a receive optics efficiency', { gt: 0, max: 1 })
      .optional()
      .describe('Share of the power the receive aperture collects that reaches the detector'),
    photons_per_bit: z
      .number()
      .gt(0)
      .max(1e9)
      .optional()
      .describe('Receiver sensitivity as photons per bit it needs at the detector; or give sensitivity instead'),
    sensitivity: SensitivityFields.optional().describe(
      'Receiver sensitivity as a power at a rate (a datasheet figure), converted to photons per bit; or give photons_per_bit instead',
    ),
    required_gbps: quantity('Gb/s', {
      gt: 0,
      max: 1e9,
      example: '10 Tb/s',
      description:
        'Total rate the link must carry one way, all channels: max_distance_km is then the largest spacing that carries it',
    }).optional(),
    beam_waist_fraction: z
      .number()
      .min(0.05)
      .max(2)
      .optional()
      .describe(
        "The beam's 1/e² waist radius at the transmit aperture as a share of the aperture's diameter, w0 = f·D_t (0.5: the waist fills the aperture's radius; default 0.446, the truncation that maximises the far-field gain)",
      ),
  })
  .strict();

/** The inputs of an inter-satellite optical link (the `isl` part of POST /v1/links). */
export const IslRequest = IslFields.superRefine((x, ctx) => {
  if (x.photons_per_bit !== undefined && x.sensitivity !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['sensitivity'],
      message: 'expected either photons_per_bit or sensitivity (which gives it), not both',
    });
}).describe('An optical link between two satellites: spacing, beam, apertures, channels and receiver');
export type IslInput = z.output<typeof IslRequest>;

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export const IslOutput = z.object({
  distance_km: z.number().describe('Spacing between the terminals, as given'),
  wavelength_nm: z.number().describe('Carrier wavelength: given, or the default'),
  channels: z.number().int().describe('Parallel channels (DWDM wavelengths × spatial channels): given, or the default'),
  channel_gbps: z.number().describe("Line rate of one channel's transceiver: given, or the default"),
  tx_power_w: z.number().describe('Optical power per channel launched into the transmit telescope: given, or the default'),
  photons_per_bit: z
    .number()
    .describe('Photons per bit the receiver needs: given, or from the sensitivity given or the default one, P / ((h c/λ) · R)'),
  photon_energy_j: z.number().describe('Energy of one photon at the wavelength, h c / λ'),
  received_power_w: z
    .number()
    .describe(
      'Power per channel at the detector: tx_power_w × transmit optics × truncation_fraction × capture_fraction × receive optics × pointing loss',
    ),
  received_power_dbm: z.number().describe('received_power_w as dBm, 10 log10(P / 1 mW)'),
  required_power_w: z
    .number()
    .describe('Power per channel the receiver needs at the full line rate: photons_per_bit × h c/λ × channel_gbps'),
  required_power_dbm: z.number().describe('required_power_w as dBm'),
  margin_db: z
    .number()
    .describe('received_power_w over required_power_w, dB: at or above 0 every channel carries its full line rate'),
  rate_per_channel_gbps: z
    .number()
    .describe(
      'What one channel carries: the lesser of channel_gbps and the rate received_power_w supports at photons_per_bit, P / ((h c/λ) · N). That rate is what a rate-adaptive receiver reaches; a fixed-rate transceiver carries its line rate only where margin_db ≥ 0',
    ),
  rate_gbps: z.number().describe('What the link carries one way, all channels: channels × rate_per_channel_gbps'),
  bidirectional_gbps: z
    .number()
    .describe('Both ways over a symmetric pair of terminals (each transmits and receives): 2 × rate_gbps'),
  beam_waist_fraction: z
    .number()
    .describe("The beam's waist radius as a share of the transmit aperture's diameter: given, or the default"),
  beam_waist_m: z
    .number()
    .describe("1/e² radius of the beam's waist at the transmit aperture, w0 = beam_waist_fraction × tx_aperture_m"),
  beam_radius_m: z.number().describe('1/e² radius of the beam at the receiver, w(z) = w0 √(1 + (z/z_R)²)'),
  rayleigh_range_km: z
    .number()
    .describe(
      'z_R = π w0² / λ: the distance over which the beam widens by √2; beyond it the beam widens in proportion to distance',
    ),
  regime: z
    .enum(['near_field', 'far_field'])
    .describe(
      '"near_field": closer than rayleigh_range_km, the beam is still about the aperture\'s size and the received power hardly depends on the spacing; "far_field": beyond, the received power falls as 1/distance²',
    ),
  capture_fraction: z
    .number()
    .describe(
      'Share of the beam the receive aperture collects, 1 − exp(−2a²/w²) with a the receive aperture radius and w beam_radius_m',
    ),
  truncation_fraction: z
    .number()
    .describe(
      "Share of the laser's power the transmit aperture sends into the beam as the receiver sees it: what the aperture passes, 1 − exp(−2α²), in the near field; the on-axis far field of the truncated beam, (1 − exp(−α²))², in the far field (α = 1 / (2 × beam_waist_fraction))",
    ),
  geometric_loss_db: z
    .number()
    .describe(
      "−10 log10(truncation_fraction × capture_fraction): the beam's clipping and spreading, dB (optics and pointing apart)",
    ),
  friis_fraction: z
    .number()
    .describe(
      'Far-field Friis formula for uniformly lit apertures, (π D_t D_r / (4 λ z))², for comparison: in the far field truncation_fraction × capture_fraction tends to (2/α²)(1 − exp(−α²))² of it; in the near field it does not hold (it can exceed 1)',
    ),
  required_gbps: z.number().nullable().describe('Total rate the link must carry one way, as given; null without it'),
  meets_required: z
    .boolean()
    .nullable()
    .describe('Whether rate_gbps reaches required_gbps at this spacing; null without required_gbps'),
  max_distance_km: z
    .number()
    .nullable()
    .describe(
      'Largest spacing that still carries required_gbps, or without it the full line rate on every channel; null when no spacing does (max_distance_reason)',
    ),
  max_distance_reason: z
    .string()
    .nullable()
    .describe('What max_distance_km is the spacing for, or why no spacing carries the target'),
});
export type IslResult = z.infer<typeof IslOutput>;

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** A link with every input resolved (given or default), lengths in m. */
export interface IslLink {
  distance_m: number;
  wavelength_m: number;
  tx_power_w: number;
  tx_aperture_m: number;
  rx_aperture_m: number;
  channels: number;
  channel_gbps: number;
  pointing_loss_db: number;
  tx_optics_efficiency: number;
  rx_optics_efficiency: number;
  photons_per_bit: number;
  beam_waist_fraction: number;
  required_gbps: number | null;
}

/** The beam at a spacing: its waist, Rayleigh range and radius there, and the shares the apertures pass. */
export interface BeamAt {
  waist_m: number;
  rayleigh_m: number;
  radius_m: number;
  /** Transmit aperture radius over the waist radius, α = 1 / (2f). */
  alpha: number;
  capture: number;
  truncation: number;
}

/** Photons per bit: given, from the sensitivity given, or from the default sensitivity (recorded). */
function receiverPhotonsPerBit(input: IslInput, wavelength_m: number, p: Provenance): number {
  if (input.photons_per_bit !== undefined) return input.photons_per_bit;
  const given = input.sensitivity ?? {};
  const dbm = p.orDefault('links.isl.sensitivity_dbm', given.sensitivity_dbm, 'isl.sensitivity.sensitivity_dbm');
  const at = p.orDefault('links.isl.sensitivity_at_gbps', given.at_gbps, 'isl.sensitivity.at_gbps');
  return photonsPerBitFromSensitivity(dbm, at, wavelength_m);
}

/** Every input given or its default, each default recorded under the field path the caller would set. */
export function resolveLink(input: IslInput, p: Provenance): IslLink {
  const wavelength_m = p.orDefault('links.isl.wavelength_nm', input.wavelength_nm, 'isl.wavelength_nm') * M_PER_NM;
  return {
    distance_m: input.distance_km * M_PER_KM,
    wavelength_m,
    tx_power_w: p.orDefault('links.isl.tx_power_w', input.tx_power_w, 'isl.tx_power_w'),
    tx_aperture_m: p.orDefault('links.isl.tx_aperture_m', input.tx_aperture_m, 'isl.tx_aperture_m'),
    rx_aperture_m: p.orDefault('links.isl.rx_aperture_m', input.rx_aperture_m, 'isl.rx_aperture_m'),
    channels: p.orDefault('links.isl.channels', input.channels, 'isl.channels'),
    channel_gbps: p.orDefault('links.isl.channel_gbps', input.channel_gbps, 'isl.channel_gbps'),
    pointing_loss_db: p.orDefault('links.isl.pointing_loss_db', input.pointing_loss_db, 'isl.pointing_loss_db'),
    tx_optics_efficiency: p.orDefault('links.isl.tx_optics_efficiency', input.tx_optics_efficiency, 'isl.tx_optics_efficiency'),
    rx_optics_efficiency: p.orDefault('links.isl.rx_optics_efficiency', input.rx_optics_efficiency, 'isl.rx_optics_efficiency'),
    photons_per_bit: receiverPhotonsPerBit(input, wavelength_m, p),
    beam_waist_fraction: p.orDefault('links.isl.beam_waist_fraction', input.beam_waist_fraction, 'isl.beam_waist_fraction'),
    required_gbps: input.required_gbps ?? null,
  };
}

/** The Gaussian beam from the transmit aperture at z_m: waist f·D_t, its spread, and what each aperture passes. */
export function beamAt(link: IslLink, z_m: number): BeamAt {
  const waist_m = link.beam_waist_fraction * link.tx_aperture_m;
  const rayleigh_m = rayleighRangeM(waist_m, link.wavelength_m);
  const radius_m = beamRadiusM(waist_m, z_m, rayleigh_m);
  const alpha = link.tx_aperture_m / 2 / waist_m;
  return {
    waist_m,
    rayleigh_m,
    radius_m,
    alpha,
    capture: apertureFraction(link.rx_aperture_m / 2, radius_m),
    truncation: truncationFraction(alpha, waist_m, radius_m),
  };
}

/** Power per channel at the detector: P_t · η_tx · K · η_capture · η_rx · 10^(−L_pointing/10), W. */
export function receivedPowerW(link: IslLink, beam: BeamAt): number {
  return (
    link.tx_power_w *
    link.tx_optics_efficiency *
    beam.truncation *
    beam.capture *
    link.rx_optics_efficiency *
    dbLossFactor(link.pointing_loss_db)
  );
}

/** The power budget per channel: received, required at the line rate, and the rate each channel carries. */
function powerBudget(link: IslLink, beam: BeamAt) {
  const received_w = receivedPowerW(link, beam);
  const required_w = requiredPowerW(link.photons_per_bit, link.wavelength_m, link.channel_gbps);
  const perChannel = Math.min(link.channel_gbps, supportedGbps(received_w, link.photons_per_bit, link.wavelength_m));
  return { received_w, required_w, perChannel, rate_gbps: link.channels * perChannel };
}
type Budget = ReturnType<typeof powerBudget>;

/** The rate per channel the inverse aims at, with what it is; or why no spacing can carry it. */
function reachTarget(link: IslLink): { gbps: number; what: string } | { reason: string } {
  const capacity = link.channels * link.channel_gbps;
  if (link.required_gbps === null)
    return { gbps: link.channel_gbps, what: `the full line rate on every channel (${plain(capacity)} Gbps)` };
  if (link.required_gbps > capacity * (1 + RATE_RTOL))
    return {
      reason: `the required ${plain(link.required_gbps)} Gbps is more than ${link.channels} channels × ${plain(link.channel_gbps)} Gbps = ${plain(capacity)} Gbps carry at any spacing: more channels or a faster transceiver would`,
    };
  return { gbps: link.required_gbps / link.channels, what: `the required ${plain(link.required_gbps)} Gbps` };
}

/**
 * The largest spacing that still carries the target (required_gbps, else the full line rate): the
 * root of ln P_r(z) = ln P* with P* = N (h c/λ) R* per channel, P_r falling with z (numerics'
 * bracketed root). Null with the reason when the target is beyond the line rate or the near field.
 */
export function maxDistance(link: IslLink): { km: number | null; reason: string } {
  const target = reachTarget(link);
  if ('reason' in target) return { km: null, reason: target.reason };
  const needed_w = requiredPowerW(link.photons_per_bit, link.wavelength_m, target.gbps);
  const atZero_w = receivedPowerW(link, beamAt(link, 0));
  if (atZero_w < needed_w)
    return {
      km: null,
      reason: `even at zero spacing (the near field) each channel receives ${plain(atZero_w)} W, below the ${plain(needed_w)} W that ${plain(target.gbps)} Gbps per channel needs at ${plain(link.photons_per_bit)} photons per bit: ${target.what} cannot be carried; more power, larger apertures or a more sensitive receiver would`,
    };
  const lnPower = (z_m: number) => Math.log(receivedPowerW(link, beamAt(link, z_m)));
  const hi = Math.max(beamAt(link, 0).rayleigh_m, 1);
  const root = solveBracketed(lnPower, Math.log(needed_w), { lo: 0, hi, max: MAX_DISTANCE_KM * M_PER_KM });
  if (root === null)
    return {
      km: null,
      reason: `${target.what} is carried beyond ${plain(MAX_DISTANCE_KM)} km, the largest spacing this model takes`,
    };
  return { km: root.x / M_PER_KM, reason: `the largest spacing that carries ${target.what}` };
}

/** What the caller should know: an overloaded detector, a misleading Friis figure, a short line rate, an unheard-of receiver. */
function islWarnings(link: IslLink, beam: BeamAt, budget: Budget, p: Provenance): void {
  const overload_dbm = Provenance.value('links.isl.detector_overload_dbm');
  const received_dbm = wToDbm(budget.received_w);
  if (received_dbm > overload_dbm)
    p.warn(
      `each channel's detector receives ${plain(received_dbm)} dBm, above the ${overload_dbm} dBm a coherent DWDM receiver takes (its overload): attenuate or defocus the beam`,
    );
  const geometric = beam.truncation * beam.capture;
  const friis = friisFraction(link.tx_aperture_m, link.rx_aperture_m, link.wavelength_m, link.distance_m);
  if (link.distance_m < beam.rayleigh_m && friis > 1.25 * geometric)
    p.warn(
      `at ${plain(link.distance_m / M_PER_KM)} km, inside the Rayleigh range (${plain(beam.rayleigh_m / M_PER_KM)} km), the far-field Friis formula (π D_t D_r / 4λz)² gives a received share of ${plain(friis)}, ${plain(friis / geometric)} times the ${plain(geometric)} the beam delivers: here the beam is still about the aperture's size and the received power no longer falls as 1/distance²`,
    );
  if (budget.required_w > budget.received_w)
    p.warn(
      `each channel receives ${plain(10 * Math.log10(budget.required_w / budget.received_w))} dB less than its full line rate needs: it carries ${plain(budget.perChannel)} of ${plain(link.channel_gbps)} Gbps at the sensitivity (a rate-adaptive receiver); a fixed-rate transceiver would not close`,
    );
  if (link.photons_per_bit < 1)
    p.warn(
      `${plain(link.photons_per_bit)} photons per bit is below the best receiver sensitivity shown, 1 photon per bit at 10 Gb/s (a phase-sensitive pre-amplified coherent receiver, arXiv:2004.10080)`,
    );
}

/**
 * The inter-satellite optical link at its spacing: resolve the inputs, follow the beam to the
 * receiver, budget the power per channel, and find the farthest spacing that carries the target.
 */
export function runIsl(input: IslInput, p: Provenance): IslResult {
  const link = resolveLink(input, p);
  const beam = beamAt(link, link.distance_m);
  const budget = powerBudget(link, beam);
  const reach = maxDistance(link);
  islWarnings(link, beam, budget, p);
  return islOutput(link, beam, budget, reach);
}

/** The output fields from the steps' figures. */
function islOutput(link: IslLink, beam: BeamAt, budget: Budget, reach: { km: number | null; reason: string }): IslResult {
  const required = link.required_gbps;
  return {
    distance_km: link.distance_m / M_PER_KM,
    wavelength_nm: link.wavelength_m / M_PER_NM,
    channels: link.channels,
    channel_gbps: link.channel_gbps,
    tx_power_w: link.tx_power_w,
    photons_per_bit: link.photons_per_bit,
    photon_energy_j: photonEnergyJ(link.wavelength_m),
    received_power_w: budget.received_w,
    received_power_dbm: wToDbm(budget.received_w),
    required_power_w: budget.required_w,
    required_power_dbm: wToDbm(budget.required_w),
    margin_db: 10 * Math.log10(budget.received_w / budget.required_w),
    rate_per_channel_gbps: budget.perChannel,
    rate_gbps: budget.rate_gbps,
    bidirectional_gbps: 2 * budget.rate_gbps,
    beam_waist_fraction: link.beam_waist_fraction,
    beam_waist_m: beam.waist_m,
    beam_radius_m: beam.radius_m,
    rayleigh_range_km: beam.rayleigh_m / M_PER_KM,
    regime: link.distance_m < beam.rayleigh_m ? 'near_field' : 'far_field',
    capture_fraction: beam.capture,
    truncation_fraction: beam.truncation,
    geometric_loss_db: -10 * Math.log10(beam.truncation * beam.capture),
    friis_fraction: friisFraction(link.tx_aperture_m, link.rx_aperture_m, link.wavelength_m, link.distance_m),
    required_gbps: required,
    meets_required: required === null ? null : budget.rate_gbps >= required * (1 - RATE_RTOL),
    max_distance_km: reach.km,
    max_distance_reason: reach.reason,
  };
}

/**
 * Why the link cannot serve the request at its spacing, or null when it can: it carries nothing
 * there, or less than required_gbps. The composer answers such a request with 422 and this reason.
 */
export function islImpossible(result: IslResult): string | null {
  const at = `at ${plain(result.distance_km)} km`;
  if (!(result.rate_gbps > 0))
    return `${at} the link carries nothing: each channel receives ${plain(result.received_power_w)} W (${plain(result.received_power_dbm)} dBm)`;
  if (result.required_gbps === null || result.meets_required) return null;
  const reach =
    result.max_distance_km === null
      ? (result.max_distance_reason ?? 'no spacing carries it')
      : `it carries that up to ${plain(result.max_distance_km)} km`;
  return `${at} the link carries ${plain(result.rate_gbps)} Gbps, less than the required ${plain(result.required_gbps)} Gbps: ${reach}`;
}
