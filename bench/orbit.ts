/** What the orbit estimator's numerical check and annual picture cost, against the closed forms alone. */
import { runEstimator } from '../models/estimator.js';
import { orbitEstimator } from '../models/orbit.js';
import { compare } from './harness.js';

const orbit = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };
const t0 = Date.parse('2026-01-01T00:00:00Z');
let round = 0;
/**
 * n calls, each at its own epoch (an hour apart, never repeated across rounds) so that the annual
 * picture, which the model keeps for orbits asked for again, is computed every time; `same` asks
 * for one epoch throughout, as a chain of estimators does.
 */
const call =
  (extra: object, n: number, same = false) =>
  () => {
    round++;
    for (let k = 0; k < n; k++) {
      const epoch = new Date(same ? t0 : t0 + (round * n + k) * 3_600_000).toISOString();
      runEstimator(orbitEstimator, orbitEstimator.input.parse({ orbit, epoch, ...extra }));
    }
  };

export function benchOrbit() {
  compare('POST /v1/orbit model, 100 calls each', [
    { name: 'closed forms only (propagated_check: false)', run: call({ propagated_check: false }, 100) },
    { name: 'with the propagated SGP4 check (default)', run: call({}, 100) },
    { name: 'with the check and annual: true', run: call({ annual: true }, 100) },
    { name: 'the same, one epoch throughout (annual picture kept)', run: call({ annual: true }, 100, true) },
  ]);
}
