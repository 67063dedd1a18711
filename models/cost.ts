/**
 * What answering a request costs, estimated from its parsed input before any work is done: CPU
 * seconds on one core of the reference machine. Each estimator counts the units of work its request
 * asks for (satellites built, SGP4 calls, windows refined, samples taken, parts run) and prices them
 * with the calibration coefficients of fixtures/execution.json, which bench/cost.ts measures and
 * checks against measured time. An estimate is cheap: it never propagates an orbit.
 */
import type { DefaultName } from '../fixtures/index.js';
import type { Cost } from './estimator.js';
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

/** CPU seconds of one SGP4 position in Earth-fixed axes for an orbit of this period, one satellite's calls in a row (a search). */
export function sgp4CallCost(period_s: number): number {
  return coefficient(isDeep(period_s) ? 'execution.cost.sgp4_deep_s' : 'execution.cost.sgp4_near_s');
}

/** CPU seconds of one satellite at one round-trip sample: its position among many satellites' (colder caches) and its path measured. */
export function rttSatelliteCost(period_s: number): number {
  return coefficient(isDeep(period_s) ? 'execution.cost.rtt_satellite_deep_s' : 'execution.cost.rtt_satellite_near_s');
}

/** A figure for a basis phrase: whole and grouped from 100 up ("8,929"), three significant digits below ("2.48"). */
export function count(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3)));
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
