/**
 * openapi/openapi.json is the served document, committed: a change to a schema that is not
 * regenerated (`npm run openapi`) fails here. The document must also be valid OpenAPI 3.1.
 */
import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { ESTIMATORS } from '../models/registry.js';
import { openapiDocument } from '../src/cli/openapi.js';

const committedPath = new URL('../openapi/openapi.json', import.meta.url);

describe('OpenAPI document', () => {
  it('the committed openapi/openapi.json equals the served document (run `npm run openapi` after a schema change)', async () => {
    const served = (await openapiDocument()).split('\n');
    const committed = readFileSync(committedPath, 'utf8').split('\n');
    // The first line that differs, with its number, rather than two truncated documents.
    const first = committed.findIndex((line, k) => line !== served[k]);
    expect(first < 0 ? null : { line: first + 1, committed: committed[first], served: served[first] }).toBeNull();
    expect(committed.length).toBe(served.length);
  });

  it('is valid OpenAPI 3.1', async () => {
    const doc = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(doc);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.specification).toBe('OpenAPI');
  });

  it('has one route per estimator, with its examples and problem responses', () => {
    const doc = JSON.parse(readFileSync(committedPath, 'utf8'));
    for (const e of ESTIMATORS) {
      const op = doc.paths[`/v1/${e.name}`]?.post;
      expect(op, e.name).toBeDefined();
      expect(Object.keys(op.requestBody.content['application/json'].examples)).toEqual(Object.keys(e.examples));
      for (const status of ['400', '422']) expect(op.responses[status].content['application/problem+json']).toBeDefined();
    }
  });
});
