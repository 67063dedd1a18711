/**
 * The registry: the one list of estimators. Routes, OpenAPI and the hostile-input tests are derived
 * from it (batch, sweep and a CLI are to be built on it too); adding an estimator is one file in models/ and one line here.
 */
import { claimsEstimator } from './claims.js';
import { economicsEstimator } from './economics.js';
import type { Estimator } from './estimator.js';
import { feasibilityEstimator } from './feasibility.js';
import { latencyEstimator } from './latency.js';
import { launchEstimator } from './launch.js';
import { linksEstimator } from './links.js';
import { orbitEstimator } from './orbit.js';
import { powerEstimator } from './power.js';
import { thermalEstimator } from './thermal.js';

export const ESTIMATORS: readonly Estimator[] = [
  orbitEstimator,
  powerEstimator,
  thermalEstimator,
  launchEstimator,
  economicsEstimator,
  latencyEstimator,
  linksEstimator,
  feasibilityEstimator,
  claimsEstimator,
] as unknown as readonly Estimator[];

/** The registry by name: the estimator a route, a batch item, a sweep or a command names. */
export const ESTIMATOR_BY_NAME: ReadonlyMap<string, Estimator> = new Map(ESTIMATORS.map((e) => [e.name, e]));

/** The registry's names, in its order. */
export const ESTIMATOR_NAMES = ESTIMATORS.map((e) => e.name) as [string, ...string[]];
