/**
 * The compiled response serializer writes exactly what the model answered: for every example of
 * every estimator, the bytes parse to the same value as JSON.stringify of the answer. A model that
 * answers a field its output schema does not declare fails here (the serializer would drop it, or
 * refuse a union branch it no longer matches).
 */
import { describe, expect, it } from 'vitest';
import { runEstimator, withProvenance } from '../models/estimator.js';
import { ESTIMATORS } from '../models/registry.js';
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
        const answer = runEstimator(estimator, estimator.input.parse(example.value));
        expect(JSON.parse(serialize(answer))).toEqual(JSON.parse(JSON.stringify(answer)));
      },
      30_000,
    );
  }
});
