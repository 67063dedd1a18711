/**
 * Where a request runs and what one client can take from the others (DESIGN §6): cheap requests
 * inline, costly ones in the worker pool, the budget before any work, a full queue and a passed
 * deadline answered 503 with Retry-After, a client that goes away cancels its job. Ordering, never
 * timing: "health answered while the costly request was still running", not "in under N ms".
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { OVERSIZED_LATENCY_REQUEST } from './helpers.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const FEASIBILITY = { load_kw: 1000 };

function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the worker pool', () => {
  let app: App;
  let base: string;
  const logs: string[] = [];
  beforeAll(async () => {
    app = await buildApp({
      pool: true,
      config: { POOL_THREADS: 1, POOL_QUEUE: 1 },
      logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    // Warm the worker (its first job loads the models).
    expect((await postJson(base, '/v1/feasibility', FEASIBILITY)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('a costly request runs off the event loop: /healthz answers while it computes', async () => {
    const order: string[] = [];
    const costly = postJson(base, '/v1/feasibility', FEASIBILITY).then((r) => {
      order.push('costly');
      return r;
    });
    const health = await fetch(`${base}/healthz`);
    order.push('health');
    expect(health.status).toBe(200);
    const answer = await costly;
    expect(answer.status).toBe(200);
    expect(order).toEqual(['health', 'costly']);
    expect(await answer.json()).toHaveProperty('binding_constraint');
  }, 60_000);

  it('a full queue answers 503 problem+json with Retry-After, and the others are answered', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => postJson(base, '/v1/feasibility', FEASIBILITY)));
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    for (const r of refused) {
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await r.json()) as { detail: string; figures: Record<string, unknown> };
      expect(body.detail).toMatch(/queue/);
      expect(body.figures).toMatchObject({ queue_limit: 1, threads: 1 });
    }
  }, 60_000);

  it('a client that goes away cancels its job', async () => {
    const id = `gone-${Date.now()}`;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/v1/feasibility`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
      });
      req.on('error', () => resolve());
      req.end(JSON.stringify(FEASIBILITY), () => setTimeout(() => req.destroy(), 100));
      req.on('close', () => resolve());
    });
    await expect
      .poll(() => logs.some((l) => l.includes(id) && l.includes('closed the connection')), { timeout: 30_000 })
      .toBe(true);
    // The pool is whole again: the next costly request is answered.
    expect((await postJson(base, '/v1/feasibility', FEASIBILITY)).status).toBe(200);
  }, 60_000);
});

describe('the cost budget at the route', () => {
  it('the request that took 86 s is refused with 413 before any work, the estimate and the budget in figures', async () => {
    const app = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/latency',
      payload: OVERSIZED_LATENCY_REQUEST,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.figures.budget_cpu_s).toBe(defaultConfig().COST_BUDGET_CPU_S);
    expect(body.figures.estimated_cpu_s).toBeGreaterThan(body.figures.budget_cpu_s);
    expect(body.errors[0].pointer).toBe('/rtt_step_s');
    await app.close();
  });

  it('COST_BUDGET_CPU_S moves the line: a budget below an example refuses it', async () => {
    const app = await buildApp({ config: { COST_BUDGET_CPU_S: 1e-9 } });
    const res = await app.inject({ method: 'POST', url: '/v1/thermal', payload: { heat_kw: 1000, radiator_temp_k: 300 } });
    expect(res.statusCode).toBe(413);
    expect(res.json().figures.budget_cpu_s).toBe(1e-9);
    await app.close();
  });
});

describe('the job deadline', () => {
  it('a costly request still queued or computing when its deadline passes is stopped: 503 with Retry-After', async () => {
    const app = await buildApp({ pool: true, config: { POOL_THREADS: 1, POOL_QUEUE: 16, JOB_DEADLINE_S: 1 } });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    // Six feasibility reports of about half a second each, on one thread: the last ones wait past 1 s.
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => postJson(base, '/v1/feasibility', FEASIBILITY)));
    const late = answers.filter((r) => r.status === 503);
    expect(late.length).toBeGreaterThanOrEqual(1);
    for (const r of late) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await r.json()) as { detail: string; figures: Record<string, unknown> };
      expect(body.detail).toMatch(/deadline of 1 s/);
      expect(body.figures).toEqual({ deadline_s: 1 });
    }
    await app.close();
  }, 60_000);
});

describe('the worker heap', () => {
  it('a computation that outgrows it is stopped and answered 413 naming the heap; the pool answers the next request', async () => {
    const app = await buildApp({
      pool: true,
      config: { POOL_THREADS: 1, POOL_WORKER_HEAP_MB: 64 },
      execution: { inline_max_cpu_s: 0 },
    });
    // 40,000 satellites at 8,000 km over London for 12 minutes: within the CPU budget, but its
    // satellites and windows need far more than a 64-MB heap.
    const big = {
      satellites: { walker: { altitude_km: 8000, inclination_deg: 53, planes: 200, sats_per_plane: 200, phasing: 0 } },
      sites: ['London'],
      start: '2026-03-20T00:00:00Z',
      end: '2026-03-20T00:12:00Z',
      rtt_step_s: 1,
    };
    const res = await app.inject({ method: 'POST', url: '/v1/latency', payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: 'urn:orbital-dc:problem:too-large',
      detail: expect.stringMatching(/more than the worker heap of 64 MB/),
      figures: { worker_heap_mb: 64 },
    });
    const next = await app.inject({ method: 'POST', url: '/v1/thermal', payload: { heat_kw: 100, area_m2: 10 } });
    expect(next.statusCode).toBe(200);
    await app.close();
  }, 60_000);
});

describe('load shedding', () => {
  it('when the event loop stalls anyway: 503 problem+json with Retry-After, while /healthz still answers', async () => {
    const app = await buildApp({ shedLoad: true, config: { MAX_EVENT_LOOP_DELAY_MS: 50 } });
    await app.ready();
    // No pool here: a feasibility report runs on the event loop and stalls it for about half a second.
    expect((await app.inject({ method: 'POST', url: '/v1/feasibility', payload: FEASIBILITY })).statusCode).toBe(200);
    let shed: Awaited<ReturnType<typeof app.inject>> | undefined;
    await vi.waitFor(
      async () => {
        const res = await app.inject({ method: 'GET', url: '/v1/estimators' });
        if (res.statusCode === 503) shed = res;
        else await app.inject({ method: 'POST', url: '/v1/feasibility', payload: FEASIBILITY });
        expect(shed).toBeDefined();
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(shed?.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(shed?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(shed?.json().figures).toHaveProperty('eventLoopDelay');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  }, 60_000);
});
