/**
 * Figures every estimator of a scenario shares, read from one place: the mission length, the
 * accelerator failure rate measured in the field, and the reference orbit and epoch that economics
 * and the feasibility report size the orbital side for.
 */
import { DEFAULTS } from '../fixtures/index.js';
import { HOURS_PER_COMMON_YEAR } from './constants.js';
import type { OrbitSpec } from './orbit.js';
import { Provenance } from './provenance.js';

/** The mission, years: the caller's, else the shared default. */
export function missionYears(given: number | undefined, p: Provenance): number {
  return p.orDefault('scenario.mission_years', given, 'mission_years');
}

/** Failures per device-year from an observation: failures / devices × (year / days observed). */
export function failuresPerYear(failures: number, devices: number, observed_days: number): number {
  return (failures / devices) * (HOURS_PER_COMMON_YEAR / 24 / observed_days);
}

/**
 * Accelerator failures per accelerator-year in the field: the GPU and HBM faults of the default
 * observation (the Llama 3 pre-training run, fixtures `reliability.*`) over the accelerators
 * observed. Recorded as one assumption, `gpu_failure_per_year`, the field that overrides it.
 */
export function gpuFailurePerYear(p: Provenance): number {
  const d = (name: 'gpu_interruptions' | 'hbm_interruptions' | 'gpus' | 'observed_days') =>
    Provenance.value(`reliability.${name}`);
  const rate = failuresPerYear(d('gpu_interruptions') + d('hbm_interruptions'), d('gpus'), d('observed_days'));
  p.assume('gpu_failure_per_year', rate, '1/year', Provenance.source('reliability.gpus'));
  return rate;
}

/** The reference orbit (a dawn-dusk sun-synchronous orbit), recorded as the assumption `orbit`. */
export function referenceOrbit(p: Provenance): OrbitSpec {
  const altitude_km = DEFAULTS['scenario.orbit.altitude_km'];
  const ltan_h = DEFAULTS['scenario.orbit.ltan_h'];
  const orbit = { altitude_km: altitude_km.value, sun_synchronous: true, ltan_h: ltan_h.value };
  p.assume(
    'orbit',
    `${altitude_km.value} km sun-synchronous, ascending node at ${ltan_h.value} h (dawn-dusk)`,
    'OrbitSpec',
    altitude_km.source,
  );
  return orbit;
}

/** The reference epoch, ISO-8601 UTC: the caller's, else the shared default. */
export function scenarioEpoch(given: string | undefined, p: Provenance): string {
  return p.orChoice('scenario.epoch', given, 'epoch');
}
