/**
 * POST /v1/batch: every item answered as its own route answers it, in order; one bad item never
 * fails the others; its problem's pointers are prefixed with its place; the limits answer 413
 * before any item runs; the worker pool gives the same results as the event loop.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimsEstimator } from '../models/claims.js';
import { ESTIMATORS } from '../models/registry.js';
import { thermalEstimator } from '../models/thermal.js';
import { buildApp } from '../src/app.js';
import { expectProblem, post, useApp, usePooledApp } from './helpers.js';

const app = useApp();

afterEach(() => {
  vi.restoreAllMocks();
});

/** A problem without what only the whole request has (its path and id). */
const core = (p: Record<string, unknown>) => {
  const { instance: _i, request_id: _r, ...rest } = p;
  return rest;
};

/** The pointers and the detail of a problem as they read at the top of a body. */
const unprefixed = (p: Record<string, unknown>, prefix: string) => JSON.parse(JSON.stringify(p).replaceAll(prefix, ''));

const BAD_INPUTS = [
  { estimator: 'thermal', input: { heat_kw: -5, radiator_temp_k: 300 } },
  { estimator: 'thermal', input: { heat_kw: 'lots', radiator_temp_k: 300, colour: 'blue' } },
  { estimator: 'orbit', input: { orbit: { altitude_km: 50 } } },
  { estimator: 'power', input: { load_kw: 100 } },
  { estimator: 'launch', input: { mass_kg: 1000, vehicle: 'balloon' } },
  { estimator: 'economics', input: { load_kw: '1 GW', mission_years: 0 } },
];

describe('a batch of good and bad items', () => {
  it('answers each in order; a bad item gets the problem its own route gives, its pointers under /items/k/input', async () => {
    const good = { estimator: 'thermal', input: { heat_kw: 1000, radiator_temp_k: 300 } };
    const items = [good, ...BAD_INPUTS, good];
    const res = await post(app(), '/v1/batch', { items });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(items.length);
    expect(res.body).toMatchObject({ succeeded: 2, failed: BAD_INPUTS.length });
    const single = await post(app(), '/v1/thermal', good.input);
    expect(res.body.results[0]).toEqual({ ok: true, output: single.body });
    expect(res.body.results.at(-1)).toEqual({ ok: true, output: single.body });
    for (const [k, item] of BAD_INPUTS.entries()) {
      const result = res.body.results[k + 1];
      const alone = await post(app(), `/v1/${item.estimator}`, item.input);
      expect(result.ok).toBe(false);
      expect(result.problem.status).toBe(alone.status);
      for (const e of result.problem.errors ?? []) expect(e.pointer.startsWith(`/items/${k + 1}/input`)).toBe(true);
      expect(unprefixed(result.problem, `/items/${k + 1}/input`)).toEqual(core(alone.body));
    }
  });

  it('refuses an item naming no estimator at /items/k/estimator, listing the estimators', async () => {
    const res = await post(app(), '/v1/batch', { items: [{ estimator: 'warp-drive', input: {} }] });
    expect(res.status).toBe(200);
    const { problem } = res.body.results[0];
    expect(problem.status).toBe(400);
    expect(problem.errors[0].pointer).toBe('/items/0/estimator');
    for (const e of ESTIMATORS) expect(problem.detail).toContain(e.name);
  });

  it('refuses an item that is not { estimator, input } alone, at its place; the others answer', async () => {
    const good = { estimator: 'thermal', input: { heat_kw: 10, radiator_temp_k: 300 } };
    const items = [1, [good], { estimator: 5, input: {} }, { ...good, colour: 'blue' }, good];
    const res = await post(app(), '/v1/batch', { items });
    expect(res.status).toBe(200);
    const refused = res.body.results
      .slice(0, 4)
      .map((r: { problem: { status: number; errors: { pointer: string }[] } }) => [
        r.problem.status,
        r.problem.errors[0]?.pointer,
      ]);
    expect(refused).toEqual([
      [400, '/items/0'],
      [400, '/items/1'],
      [400, '/items/2/estimator'],
      [400, '/items/3'],
    ]);
    expect(res.body.results[3].problem.detail).toMatch(/colour/);
    expect(res.body.results[4].ok).toBe(true);
  });

  it('streams one line per item, in order, with Accept: application/x-ndjson', async () => {
    const items = [BAD_INPUTS[0], { estimator: 'thermal', input: { heat_kw: 10, radiator_temp_k: 350 } }];
    const res = await app().inject({
      method: 'POST',
      url: '/v1/batch',
      payload: { items },
      headers: { accept: 'application/x-ndjson' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.item, l.ok])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(lines[0].problem.errors[0].pointer).toBe('/items/0/input/heat_kw');
  });

  it('answers 406 problem+json to an Accept it cannot meet', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/batch',
      payload: { items: [BAD_INPUTS[0]] },
      headers: { accept: 'text/html' },
    });
    expectProblem({ status: res.statusCode, headers: res.headers, body: res.json() }, 406);
  });
});

describe('batch limits, before any work', () => {
  let small: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    small = await buildApp({ config: { MAX_BATCH_ITEMS: 3 } });
  });
  afterAll(async () => {
    await small.close();
  });

  it('answers 413 naming the item limit when there are more items, and runs none', async () => {
    const run = vi.spyOn(thermalEstimator, 'run');
    const item = { estimator: 'thermal', input: { heat_kw: 1, radiator_temp_k: 300 } };
    const res = await post(small, '/v1/batch', { items: [item, item, item, item] });
    expectProblem(res, 413);
    expect(res.body.figures).toEqual({ items: 4, limit_items: 3 });
    expect(res.body.errors[0].pointer).toBe('/items');
    expect(run).not.toHaveBeenCalled();
  });

  it('answers 413 with the budget when the items together cost more, and runs none', async () => {
    const run = vi.spyOn(claimsEstimator, 'run');
    const items = Array.from({ length: 30 }, () => ({ estimator: 'claims', input: {} }));
    const res = await post(app(), '/v1/batch', { items });
    expectProblem(res, 413);
    expect(res.body.figures.estimated_cpu_s).toBeGreaterThan(res.body.figures.budget_cpu_s);
    expect(res.body.figures.items).toBe(30);
    expect(run).not.toHaveBeenCalled();
  });

  it('states its limits in the OpenAPI description', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    const description: string = doc.paths['/v1/batch'].post.description;
    expect(description).toMatch(/at most 10,000 items/);
    expect(description).toMatch(/1,048,576 bytes/);
    expect(description).toMatch(/budget/);
  });
});

describe('in the worker pool', () => {
  const pooled = usePooledApp();

  it('gives the same results, in the same order, as the event loop', async () => {
    const items = [
      ...BAD_INPUTS,
      ...Array.from({ length: 40 }, (_, k) => ({ estimator: 'thermal', input: { heat_kw: 100 + k, radiator_temp_k: 300 } })),
      { estimator: 'orbit', input: { orbit: { altitude_km: 550, sun_synchronous: true }, epoch: '2026-06-21T00:00:00Z' } },
    ];
    const inPool = await post(pooled(), '/v1/batch', { items });
    const inline = await post(app(), '/v1/batch', { items });
    expect(inPool.status).toBe(200);
    expect(inPool.body).toEqual(inline.body);
  });
});
