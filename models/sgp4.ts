/**
 * Element sets through satellite.js (SGP4, WGS72, improved mode): TLE and OMM parsing, checks,
 * and propagation that reports failure as a reason instead of `null`.
 */
import {
  type EciVec3,
  json2satrec,
  type Kilometer,
  type KilometerPerSecond,
  type OMMJsonObject,
  type SatRec,
  SatRecError,
  sgp4,
  twoline2satrec,
} from 'satellite.js';
import { z } from 'zod';
import { MINUTES_PER_DAY } from './constants.js';

/** SGP4 error codes as satellite.js reports them in `satrec.error` (Vallado et al. 2006, sgp4unit). */
export const SGP4_ERRORS: Record<number, string> = {
  [SatRecError.MeanEccentricityOutOfRange]: 'mean eccentricity out of range 0 ≤ e < 1',
  [SatRecError.MeanMotionBelowZero]: 'mean motion fell below zero',
  [SatRecError.PerturbedEccentricityOutOfRange]: 'perturbed eccentricity out of range 0 ≤ e < 1',
  [SatRecError.SemiLatusRectumBelowZero]: 'semi-latus rectum fell below zero',
  [SatRecError.Decayed]: 'the orbit has decayed (computed position below the Earth’s surface)',
};

/** TLE checksum: the digits of columns 1–68 summed, each minus sign counting 1, modulo 10 (Space-Track TLE format). */
export function tleChecksum(line: string): number {
  let sum = 0;
  for (const ch of line.slice(0, 68)) {
    if (ch >= '0' && ch <= '9') sum += ch.charCodeAt(0) - 48;
    else if (ch === '-') sum += 1;
  }
  return sum % 10;
}

/** Problems with one TLE line, in words; empty when the line is well formed. */
export function tleLineProblems(line: string, lineNo: 1 | 2): string[] {
  const problems: string[] = [];
  const text = line.trimEnd();
  if (text.length < 69)
    problems.push(`expected a ${lineNo === 1 ? 'first' : 'second'} TLE line of 69 characters, got ${text.length}`);
  else if (!text.startsWith(`${lineNo} `))
    problems.push(`expected the line to start with "${lineNo} ", got "${text.slice(0, 2)}"`);
  else {
    const expected = tleChecksum(text);
    const given = text.charAt(68);
    if (given !== String(expected)) problems.push(`checksum: column 69 is "${given}", the line sums to ${expected}`);
  }
  return problems;
}

export const TleSchema = z
  .object({
    name: z.string().max(128).optional().describe('Object name (optional, for labels)'),
    line1: z.string().describe('TLE line 1, 69 characters'),
    line2: z.string().describe('TLE line 2, 69 characters'),
  })
  .strict()
  .superRefine((tle, ctx) => {
    for (const [key, lineNo] of [
      ['line1', 1],
      ['line2', 2],
    ] as const) {
      for (const message of tleLineProblems(tle[key], lineNo)) ctx.addIssue({ code: 'custom', path: [key], message });
    }
    if (tle.line1.slice(2, 7) !== tle.line2.slice(2, 7)) {
      ctx.addIssue({
        code: 'custom',
        path: ['line2'],
        message: `expected the same catalogue number as line 1 ("${tle.line1.slice(2, 7)}"), got "${tle.line2.slice(2, 7)}"`,
      });
    }
  })
  .describe('A two-line element set (TLE), propagated with SGP4');

const num = z.union([z.number(), z.string().regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/)]);
/** CCSDS OMM 3.0 (JSON, as CelesTrak and Space-Track publish it), mean elements for SGP4. */
export const OmmSchema = z
  .looseObject({
    OBJECT_NAME: z.string().optional().describe('Name of the object'),
    OBJECT_ID: z.string().optional().describe('International designator (COSPAR ID)'),
    EPOCH: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/, 'expected an ISO-8601 UTC epoch')
      .describe('Epoch of the elements, ISO-8601 UTC'),
    MEAN_MOTION: num.describe('rev/day'),
    ECCENTRICITY: num.describe('Mean eccentricity'),
    INCLINATION: num.describe('deg'),
    RA_OF_ASC_NODE: num.describe('deg'),
    ARG_OF_PERICENTER: num.describe('deg'),
    MEAN_ANOMALY: num.describe('deg'),
    BSTAR: num.optional().describe('SGP4 drag term B*, 1/Earth radii (default 0)'),
    MEAN_MOTION_DOT: num.optional().describe('Half the first derivative of the mean motion, rev/day² (not used by SGP4)'),
    MEAN_MOTION_DDOT: num.optional().describe('A sixth of the second derivative of the mean motion, rev/day³ (not used by SGP4)'),
    NORAD_CAT_ID: num.optional().describe('NORAD catalogue number'),
    ELEMENT_SET_NO: num.optional().describe('Element set number'),
    REV_AT_EPOCH: num.optional().describe('Revolution number at the epoch'),
    EPHEMERIS_TYPE: z
      .union([z.literal(0), z.literal('0')])
      .optional()
      .describe('Ephemeris type: 0, the mean elements SGP4 propagates'),
  })
  .describe('CCSDS OMM (JSON keys as published by CelesTrak / Space-Track)');

export type Tle = z.infer<typeof TleSchema>;
export type Omm = z.infer<typeof OmmSchema>;

export function satrecFromTle(tle: { line1: string; line2: string }): SatRec {
  return twoline2satrec(tle.line1.trimEnd(), tle.line2.trimEnd());
}

/**
 * The epoch of a TLE read from its first line by column (Space-Track TLE format: two-digit year in
 * columns 19–20, 57–99 meaning 19xx, and the day of the year with its fraction in 21–32), without
 * initialising SGP4, ms since 1970 (NaN when the columns hold no date).
 */
export function tleEpochMs(line1: string): number {
  const yy = Number(line1.slice(18, 20));
  const day = Number(line1.slice(20, 32));
  return Date.UTC(yy < 57 ? 2000 + yy : 1900 + yy, 0, 1) + (day - 1) * 86_400_000;
}

/**
 * Mean elements read from a TLE's second line by column (Space-Track TLE format: inclination in
 * columns 9–16, eccentricity with an assumed leading decimal point in 27–33, mean motion in
 * 53–63), without initialising SGP4: what an estimate of the work needs.
 */
export function tleMeanElements(line2: string): { inclination_deg: number; eccentricity: number; meanMotion_rev_day: number } {
  return {
    inclination_deg: Number(line2.slice(8, 16)),
    eccentricity: Number(`0.${line2.slice(26, 33).trim()}`),
    meanMotion_rev_day: Number(line2.slice(52, 63)),
  };
}

export function satrecFromOmm(omm: Omm): SatRec {
  const full = {
    OBJECT_NAME: 'UNKNOWN',
    OBJECT_ID: 'UNKNOWN',
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
    NORAD_CAT_ID: 0,
    ELEMENT_SET_NO: 999,
    ...omm,
  } as OMMJsonObject;
  return json2satrec(full);
}

/** Minutes from the element set's epoch to `date`. */
export function minutesSinceEpoch(satrec: SatRec, date: Date): number {
  return (dateToJd(date) - satrec.jdsatepoch) * MINUTES_PER_DAY;
}

/** Julian date (UTC) of a JS date, keeping the milliseconds (satellite.js `invjday` would drop them). */
export function dateToJd(date: Date): number {
  return date.getTime() / 86400000 + 2440587.5;
}

export function jdToDate(jd: number): Date {
  return new Date((jd - 2440587.5) * 86400000);
}

export type StateVector = { position: EciVec3<Kilometer>; velocity: EciVec3<KilometerPerSecond> };

/** SGP4 at `tsince` minutes: the TEME state, or the reason it failed. */
export function propagateMinutes(satrec: SatRec, tsince: number): StateVector | { error: number; reason: string } {
  const pv = sgp4(satrec, tsince);
  if (pv === null) return { error: satrec.error, reason: SGP4_ERRORS[satrec.error] ?? `SGP4 error ${satrec.error}` };
  return pv;
}
