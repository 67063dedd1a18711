/**
 * What answering a request costs, estimated from its parsed input before any work is done: CPU
 * seconds on one core of the reference machine. Each estimator counts the units of work its request
 * asks for (satellites built, SGP4 calls, windows refined, samples taken, parts run) and prices them
 * with the calibration coefficients of fixtures/execution.json, which bench/cost.ts measures and
 * checks against measured time. An estimate is cheap: it never propagates an orbit.
 */
import type { DefaultName } from '../fixtures/index.js';
import type { Cost } from './estimator.js';
import { whole } from './format.js';
import { Provenance } from './provenance.js';

/** A calibration coefficient of fixtures/execution.json: CPU seconds per unit of work, or a count. */
export type Coefficient = Extract<DefaultName, `execution.cost.${string}`>;

export function coefficient(name: Coefficient): number {
  return Provenance.value(name);
}

/** SGP4 takes its deep-space branch (SDP4) for periods of 225 min and more (Hoots & Roehrich 1980, Spacetrack Report #3). */
const DEEP_SPACE_PERIOD_S = 225 * 60;

/** Whether SGP4 propagates an orbit of this period with its deep-space branch. */
export const isDeep = (period_s: number) => period_s >= DEEP_SPACE_PERIOD_S;

/** CPU seconds of one coarse sample of the event search for an orbit of this period: an SGP4 position, forward in time. */
export function sgp4CallCost(period_s: number): number {
  return coefficient(isDeep(period_s) ? 'execution.cost.sgp4_deep_s' : 'execution.cost.sgp4_near_s');
}

/**
 * CPU seconds of one visibility window, all in (its refinement, bookkeeping and listing): one that
 * rises within the interval (both crossings and the culmination refined, some 25 SGP4 calls back
 * and forth), and one already open at the start (its set and culmination only).
 */
export function windowCosts(period_s: number): { rising: number; open: number } {
  const deep = isDeep(period_s);
  return {
    rising: coefficient(deep ? 'execution.cost.window_deep_s' : 'execution.cost.window_near_s'),
    open: coefficient(deep ? 'execution.cost.open_window_deep_s' : 'execution.cost.open_window_near_s'),
  };
}

/** CPU seconds of one satellite at one round-trip sample: its position among many satellites' (colder caches) and its path measured. */
export function rttSatelliteCost(period_s: number): number {
  return coefficient(isDeep(period_s) ? 'execution.cost.rtt_satellite_deep_s' : 'execution.cost.rtt_satellite_near_s');
}

/** Mean motion bounds of SDP4's resonant orbits, rad/min (Vallado et al. 2006, dsinit `irez`): synchronous, and half-day with e ≥ 0.5. */
const SYNCHRONOUS_RAD_MIN = [0.0034906585, 0.0052359877] as const;
const HALF_DAY_RAD_MIN = [8.26e-3, 9.24e-3] as const;
/** Step of SDP4's resonance integration, min. */
const RESONANCE_STEP_MIN = 720;

/**
 * Extra CPU seconds of each SGP4 call of a resonant deep-space orbit (synchronous, or half-day and
 * eccentric) made up to `age_s` from its element epoch: SDP4 integrates the resonance in 720-min
 * steps from the epoch, and satellite.js keeps no state between calls, so every call takes them
 * all again. Nothing for other orbits.
 */
export function resonanceCallCost(period_s: number, eccentricity: number, age_s: number): number {
  const n = (2 * Math.PI) / (period_s / 60);
  const synchronous = n > SYNCHRONOUS_RAD_MIN[0] && n < SYNCHRONOUS_RAD_MIN[1];
  const halfDay = n >= HALF_DAY_RAD_MIN[0] && n <= HALF_DAY_RAD_MIN[1] && eccentricity >= 0.5;
  if (!synchronous && !halfDay) return 0;
  return Math.ceil(Math.abs(age_s) / 60 / RESONANCE_STEP_MIN) * coefficient('execution.cost.resonance_step_s');
}

/** A figure for a basis phrase: whole and grouped from 100 up ("8,929"), three significant digits below ("2.48"). */
export function count(n: number): string {
  return n >= 100 ? whole(n) : String(Number(n.toPrecision(3)));
}

/** A count with its noun, plural unless it is one ("1 site", "8,929 round-trip samples"). */
export function counted(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Named parts run one after the other: their times add, the basis lists them, costliest first, and
 * the pointer and the remedy are the costliest part's.
 */
export function sumCosts(parts: Record<string, Cost>): Cost {
  const ranked = Object.entries(parts).sort(([, a], [, b]) => b.cpu_s - a.cpu_s);
  const [, main] = ranked[0] ?? ['', { cpu_s: 0, basis: '' }];
  return {
    cpu_s: ranked.reduce((s, [, c]) => s + c.cpu_s, 0),
    basis: ranked.map(([name, c]) => `${name}: ${c.basis}`).join('; '),
    ...(main.pointer !== undefined && { pointer: main.pointer }),
    ...(main.remedy !== undefined && { remedy: main.remedy }),
  };
}

/** Keys of the kept work already priced in the current `pricedWith` scope; null outside one. */
let pricedKept: Set<string> | null = null;

/**
 * CPU seconds of work a model keeps for reuse, by key (an orbit's annual picture, kept by its orbit,
 * epoch and step): the full price, except inside `pricedWith`, where requests that run one after
 * the other on one thread pay for each key once. A null key (work kept under a key no estimate can
 * know, such as "now") always pays.
 */
export function keptWorkCost(key: string | null, cpu_s: number): number {
  if (pricedKept === null || key === null) return cpu_s;
  if (pricedKept.has(key)) return 0;
  pricedKept.add(key);
  return cpu_s;
}

/**
 * Price requests that run together, in order, on one thread (a chunk of samples): kept work is paid
 * once per key among the prices taken with the same `kept` set.
 */
export function pricedWith<T>(kept: Set<string>, price: () => T): T {
  const outer = pricedKept;
  pricedKept = kept;
  try {
    return price();
  } finally {
    pricedKept = outer;
  }
}
