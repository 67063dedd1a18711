/**
 * The orbit* cases of ../shared/reference/cases.json, reproduced by the orbit model as POST /v1/orbit
 * runs it (runModel), with the cases' own field names, each within the case's tolerance.
 */
import { describe, expect, it } from 'vitest';
import { orbitEstimator } from '../models/orbit.js';
import { runModel } from './helpers.js';
import { casesWithPrefix, HAVE_REFERENCE, NEEDS_REFERENCE } from './reference.js';

type Row = Record<string, number | boolean>;
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Case inputs name orbit fields at the top level; the request nests them under `orbit`. */
function toRequest(input: Row) {
  const { beta_deg, ...orbit } = input;
  return { orbit, ...(beta_deg !== undefined && { beta_deg }), epoch: '2026-03-20T12:00:00Z' };
}

describe.skipIf(!HAVE_REFERENCE)(`orbit reference cases${NEEDS_REFERENCE}`, () => {
  const cases = casesWithPrefix('orbit');

  it('finds the orbit cases', () => {
    expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(['orbit-eclipse-beta0', 'orbit-sso-650']));
  });

  for (const c of cases) {
    const inputs = asList(c.inputs as Row | Row[]);
    const expected = asList(c.expected as Row | Row[]);
    inputs.forEach((input, k) => {
      it(`${c.id} #${k}: ${JSON.stringify(input)}`, () => {
        const res = runModel(orbitEstimator, toRequest(input));
        for (const [field, want] of Object.entries(expected[k] as Row)) {
          const tol = c.tolerance[field] as number;
          expect(tol, `tolerance for ${field}`).toBeTypeOf('number');
          expect(
            Math.abs(res[field] - (want as number)),
            `${field}: got ${res[field]}, want ${want} ± ${tol}`,
          ).toBeLessThanOrEqual(tol);
        }
      });
    });
  }
});
