/**
 * The service's behaviour through app.inject(): success shapes, provenance, every error class as
 * RFC 9457 problem+json, request ids, limits, and the meta routes.
 */
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../fixtures/index.js';
import { ESTIMATORS } from '../models/registry.js';
import { BODY_LIMIT_BYTES, buildApp } from '../src/app.js';
import { expectProblem, post, useApp } from './helpers.js';

const app = useApp();

describe('success', () => {
  it('POST /v1/orbit answers with figures, assumptions and warnings', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: 550 }, beta_deg: 0, epoch: '2026-03-20T12:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ altitude_km: 550, inclination_deg: 53, beta_from: 'given', warnings: [] });
    // The defaulted inclination and RAAN are declared, with source keys that resolve.
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['orbit.inclination_deg', 'orbit.raan_deg']));
    for (const a of res.body.assumptions) expect(SOURCES).toHaveProperty(a.source);
  });

  it('every registered estimator answers each of its own examples with 200', async () => {
    for (const e of ESTIMATORS) {
      for (const [name, example] of Object.entries(e.examples)) {
        const res = await post(app(), `/v1/${e.name}`, example.value);
        expect(res.status, `${e.name} example ${name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      }
    }
  });

  it('an element set far from the epoch warns, and past the limit answers 422', async () => {
    const { orbitEstimator } = await import('../models/orbit.js');
    const tle = (orbitEstimator.examples.iss_tle as { value: { orbit: unknown } }).value.orbit;
    const near = await post(app(), '/v1/orbit', { orbit: tle, epoch: '2008-09-25T00:00:00Z' });
    expect(near.status).toBe(200);
    expect(near.body.warnings.join(' ')).toMatch(/days from the requested epoch/);
    const far = await post(app(), '/v1/orbit', { orbit: tle, epoch: '2009-09-25T00:00:00Z' });
    expectProblem(far, 422);
    expect(far.body.errors[0].pointer).toBe('/orbit/tle');
    expect(far.body.figures.limit_days).toBe(30);
  });

  it('GET /healthz, /v1/sources, /v1/estimators', async () => {
    const health = await app().inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const sources = await app().inject({ method: 'GET', url: '/v1/sources' });
    expect(Object.keys(sources.json().sources)).toEqual(Object.keys(SOURCES));
    const list = await app().inject({ method: 'GET', url: '/v1/estimators' });
    expect(list.json().estimators.map((e: { name: string }) => e.name)).toEqual(ESTIMATORS.map((e) => e.name));
  });

  it('GET /docs serves Swagger UI and /openapi.json the document', async () => {
    const ui = await app().inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/Swagger UI/);
    const doc = await app().inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
  });
});

describe('problems', () => {
  it('400: a wrong dimension names the field, the value and what was expected', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: '5 kg' } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ pointer: '/orbit/altitude_km', message: expect.stringMatching(/length.*"5 kg"/) }]);
  });

  it('400: out of range and wrong type, each with its pointer and the value received', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: 550, inclination_deg: 200, eccentricity: 'round' } });
    expectProblem(res, 400);
    const byPointer = Object.fromEntries(
      res.body.errors.map((e: { pointer: string; message: string }) => [e.pointer, e.message]),
    );
    expect(byPointer['/orbit/inclination_deg']).toMatch(/≤ 180 deg, got 200/);
    expect(byPointer['/orbit/eccentricity']).toMatch(/"round"/);
  });

  it('400: unknown fields are named', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: 550, altitude_m: 3 } });
    expectProblem(res, 400);
    expect(res.body.errors[0]).toEqual({ pointer: '/orbit', message: expect.stringMatching(/"altitude_m"/) });
  });

  it('400: a TLE with a bad checksum names the line', async () => {
    const res = await post(app(), '/v1/orbit', {
      orbit: {
        tle: {
          line1: '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2928',
          line2: '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
        },
      },
    });
    expectProblem(res, 400);
    expect(res.body.errors[0]).toEqual({ pointer: '/orbit/tle/line1', message: expect.stringMatching(/checksum/) });
  });

  it('400: malformed JSON', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/orbit',
      payload: '{"orbit": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem({ status: res.statusCode, headers: res.headers, body: res.json() }, 400);
  });

  it('404: unknown route', async () => {
    const res = await app().inject({ method: 'GET', url: '/v1/nothing-here' });
    expectProblem({ status: res.statusCode, headers: res.headers, body: res.json() }, 404);
  });

  it('413: body too large, with the limit', async () => {
    const payload = JSON.stringify({ orbit: { altitude_km: 550 }, pad: 'x'.repeat(BODY_LIMIT_BYTES) });
    const res = await app().inject({
      method: 'POST',
      url: '/v1/orbit',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    const body = res.json();
    expectProblem({ status: res.statusCode, headers: res.headers, body }, 413);
    expect(body.figures.limit_bytes).toBe(BODY_LIMIT_BYTES);
  });

  it('415: a body that is not JSON', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/orbit',
      payload: 'altitude=550',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem({ status: res.statusCode, headers: res.headers, body: res.json() }, 415);
  });

  it('422: altitude inside the atmosphere, with the reason and the figures', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: 90 } });
    expectProblem(res, 422);
    expect(res.body.detail).toMatch(/inside the atmosphere/);
    expect(res.body.errors[0].pointer).toBe('/orbit/altitude_km');
    expect(res.body.figures).toMatchObject({ perigee_altitude_km: 90, min_altitude_km: 120 });
  });

  it('422: no sun-synchronous orbit exists that high', async () => {
    const res = await post(app(), '/v1/orbit', { orbit: { altitude_km: 8000, sun_synchronous: true } });
    expectProblem(res, 422);
  });

  it('422: a decayed element set', async () => {
    // Vallado's 28872 (SGP4-VER): perigee inside the atmosphere; SGP4 reports decay within the hour.
    const res = await post(app(), '/v1/orbit', {
      orbit: {
        tle: {
          line1: '1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534',
          line2: '2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708',
        },
      },
      epoch: '2005-11-29T12:00:00Z',
    });
    expectProblem(res, 422);
    expect(res.body.detail).toMatch(/decayed|atmosphere/);
  });

  it('500: an unexpected fault is a problem without internals, and the x-request-id is echoed', async () => {
    const a = await buildApp();
    a.get('/boom', async () => {
      throw new Error('secret internals at /srv/x.ts:10');
    });
    await a.ready();
    const res = await a.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'trace-42' } });
    await a.close();
    expect(res.headers['x-request-id']).toBe('trace-42');
    expectProblem({ status: res.statusCode, headers: res.headers, body: res.json() }, 500);
    expect(res.body).not.toMatch(/secret|srv/);
  });

  it('a non-finite figure never reaches a body: the response schema refuses it', async () => {
    const { serializerCompiler } = await import('fastify-type-provider-zod');
    const { withProvenance } = await import('../models/estimator.js');
    const schema = withProvenance(ESTIMATORS[0]?.output as never);
    const serialize = serializerCompiler({ schema, method: 'POST', url: '/x', httpStatus: '200' } as never) as (
      d: unknown,
    ) => string;
    expect(() => serialize({ period_min: Number.NaN })).toThrow();
  });
});

describe('problem figures', () => {
  it('a non-finite figure in a 422 is said in words, never sent as null', async () => {
    const { toProblem } = await import('../src/plugins/errors.js');
    const { PhysicallyImpossible } = await import('../models/errors.js');
    const p = toProblem(new PhysicallyImpossible('no', '/x', { sink_temp_k: Number.POSITIVE_INFINITY, limit: 3 }), {});
    expect(p.figures).toEqual({ sink_temp_k: 'unbounded (Infinity)', limit: 3 });
  });
});
