/** What the orbit estimator's numerical check and annual picture cost, against the closed forms alone. */
import { runEstimator } from '../models/estimator.js';
import { orbitEstimator } from '../models/orbit.js';
import { compare } from './harness.js';

const base = { orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 }, epoch: '2026-01-01T00:00:00Z' };
const call = (extra: object, n: number) => () => {
  for (let k = 0; k < n; k++) runEstimator(orbitEstimator, orbitEstimator.input.parse({ ...base, ...extra }));
};

export function benchOrbit() {
  compare('POST /v1/orbit model, 100 calls each', [
    { name: 'closed forms only (propagated_check: false)', run: call({ propagated_check: false }, 100) },
    { name: 'with the propagated SGP4 check (default)', run: call({}, 100) },
    { name: 'with the check and annual: true', run: call({ annual: true }, 100) },
  ]);
}
