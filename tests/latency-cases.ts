/** Requests the latency tests share. */
import { latencyEstimator } from '../models/latency.js';

/** The input of one of the estimator's examples, by name. */
export const example = (name: string) => (latencyEstimator.examples[name] as { value: Record<string, unknown> }).value;

/** A small request: the ISS over Cairo for six hours, bent pipe to a Cairo gateway. */
export const small = {
  satellites: { element_set: 'iss-2014-01-20' },
  sites: ['Cairo'],
  gateway: 'Cairo',
  start: '2014-01-20T22:23:04Z',
  end: '2014-01-21T04:23:04Z',
};

/** London for an hour, no window list: the frame of the Walker-shell tests. */
export const polar = {
  sites: ['London'],
  start: '2026-03-20T00:00:00Z',
  end: '2026-03-20T01:00:00Z',
  include_windows: false,
};

/** A 6 × 8 Walker shell at 780 km at this inclination (Iridium's size and height). */
export const walker = (inclination_deg: number, extra: object = {}) => ({
  walker: { altitude_km: 780, inclination_deg, planes: 6, sats_per_plane: 8, phasing: 1, ...extra },
});
