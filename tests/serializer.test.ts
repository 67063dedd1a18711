/**
 * An answer holds exactly the fields its schema declares: for every example of every estimator,
 * the compiled response serializer (which writes only the declared fields) and JSON.stringify (what
 * the estimator routes write, api/estimators.ts) give the same value. A model that answers a field
 * its output schema does not declare fails here (the serializer would drop it, or refuse a union
 * branch it no longer matches), and so does one whose answer is not built for the call
 * (runEstimator adds the provenance to it).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PhysicallyImpossible } from '../models/errors.js';
import { defineEstimator, nonFinitePointers, runEstimator, withProvenance } from '../models/estimator.js';
import { ESTIMATORS } from '../models/registry.js';
import { buildApp } from '../src/app.js';
import { serializerCompiler } from '../src/serializer.js';

describe('compiled serializer', () => {
  for (const estimator of ESTIMATORS) {
    const serialize = serializerCompiler({
      schema: withProvenance(estimator.output),
      method: 'POST',
      url: `/v1/${estimator.name}`,
      httpStatus: '200',
    });
    it.each(Object.entries(estimator.examples))(
      `${estimator.name}: %s serializes to the answer`,
      (_name, example) => {
        const input = estimator.input.parse(example.value);
        const answer = runEstimator(estimator, input);
        expect(JSON.parse(serialize(answer))).toEqual(JSON.parse(JSON.stringify(answer)));
        if (!estimator.heavy) expect(runEstimator(estimator, input)).not.toBe(answer);
      },
      30_000,
    );
  }
});

describe('the finite check of an answer', () => {
  const fake = defineEstimator({
    name: 'fake',
    summary: '',
    description: '',
    input: z.object({ x: z.number() }),
    output: z.object({ y: z.number(), list: z.array(z.number()) }),
    examples: {},
    cost: () => ({ cpu_s: 0, basis: '' }),
    run: ({ x }) => ({ y: 1 / x, list: [1, 1 / x] }),
  });

  it('finds every non-finite figure by pointer', () => {
    expect(nonFinitePointers({ a: 1, b: [2, Number.NaN], c: { d: -Infinity } })).toEqual(['/b/1', '/c/d']);
  });

  it('refuses an answer with a non-finite figure as 422 naming it, in both checks', () => {
    for (const check of ['finite', 'schema'] as const) {
      expect(() => runEstimator(fake, { x: 0 }, check)).toThrow(PhysicallyImpossible);
      expect(() => runEstimator(fake, { x: 0 }, check)).toThrow(/\/y, \/list\/1/);
    }
    expect(runEstimator(fake, { x: -2 }, 'finite').y).toBe(-0.5);
  });
});

describe('counts beyond 2^53 through the route', () => {
  it('a mass that needs more launches than a double counts exactly answers 422 naming the count', async () => {
    const app = await buildApp();
    const res = await app.inject({ method: 'POST', url: '/v1/launch', payload: { mass_kg: 1e21, vehicle: 'falcon9' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/\/launches/);
    await app.close();
  });
});
