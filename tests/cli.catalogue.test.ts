/**
 * The command line builds its commands from the committed OpenAPI document (src/cli/catalogue.ts), so
 * that a command sent to a service does not load the registry: that catalogue must be the registry's,
 * estimator by estimator, in its order, with the same summaries and the same examples (names and values).
 */
import { describe, expect, it } from 'vitest';
import { ESTIMATORS } from '../models/registry.js';
import { catalogueOf, estimatorCatalogue } from '../src/cli/catalogue.js';

/** The registry as the catalogue says it (an example's value is JSON: what a command sends, in this process or not). */
const registry = ESTIMATORS.map((e) => ({ name: e.name, summary: e.summary, examples: e.examples }));

describe('the command line catalogue', () => {
  it("is the registry's: names in order, summaries, example names in order and values", () => {
    const catalogue = estimatorCatalogue();
    expect(catalogue.map((e) => e.name)).toEqual(ESTIMATORS.map((e) => e.name));
    for (const [k, entry] of catalogue.entries()) {
      const expected = registry[k];
      expect(entry.summary, entry.name).toBe(expected?.summary);
      expect(Object.keys(entry.examples), entry.name).toEqual(Object.keys(expected?.examples ?? {}));
      expect(entry.examples, entry.name).toStrictEqual(expected?.examples);
    }
    expect(catalogue).toStrictEqual(registry);
  });

  it('takes only the POST routes tagged estimators, each /v1/<name>', () => {
    const example = { summary: 'an example', value: { a: 1 } };
    const doc = {
      paths: {
        '/healthz': { get: { summary: 'alive', tags: ['meta'] } },
        '/v1/thermal': {
          post: {
            summary: 'Radiators',
            tags: ['estimators'],
            requestBody: { content: { 'application/json': { examples: { one: example } } } },
          },
        },
        '/v1/claims': { get: { summary: 'cached', tags: ['claims'] }, post: { summary: 'Claims', tags: ['estimators'] } },
        '/v1/sweep': { post: { summary: 'a grid', tags: ['scripting'] } },
      },
    };
    expect(catalogueOf(doc)).toEqual([
      { name: 'thermal', summary: 'Radiators', examples: { one: example } },
      { name: 'claims', summary: 'Claims', examples: {} },
    ]);
  });
});
