import { afterAll, beforeAll, expect } from 'vitest';
import { runEstimator } from '../models/estimator.js';
import { buildApp } from '../src/app.js';

type App = Awaited<ReturnType<typeof buildApp>>;

/** One app per test file, built before and closed after; requests go through app.inject(). */
export function useApp(): () => App {
  let app: App;
  beforeAll(async () => {
    app = await buildApp();
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });
  return () => app;
}

/**
 * One app per test file that runs every request in a worker pool of two threads: with no inline
 * threshold, whatever costs anything goes to the workers (batches and sweeps in chunks).
 */
export function usePooledApp(): () => App {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ pool: true, config: { POOL_THREADS: 2 }, execution: { inline_max_cpu_s: 0 } });
  });
  afterAll(async () => {
    await app.close();
  });
  return () => app;
}

export async function post(app: App, url: string, payload: unknown) {
  const res = await app.inject({ method: 'POST', url, payload: payload as object });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Record<string, unknown> & any };
}

/** A problem+json answer with this status: its content type, its RFC 9457 members, the request id echoed. */
export function expectProblem(res: { status: number; headers: Record<string, unknown>; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.stringMatching(/^urn:orbital-dc:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(res.body.request_id).toBe(res.headers['x-request-id']);
}

/**
 * The request the hardening issue measured at 86 s of CPU: 200 × 200 satellites at 2,000 km, one
 * site with its own gateway, 2.48 h sampled every second. Refused by the cost budget before any work.
 */
export const OVERSIZED_LATENCY_REQUEST = {
  satellites: { walker: { altitude_km: 2000, inclination_deg: 53, planes: 200, sats_per_plane: 200, phasing: 0 } },
  sites: ['Cairo'],
  gateway: 'Cairo',
  start: '2026-03-20T00:00:00Z',
  end: '2026-03-20T02:28:48Z',
  rtt_step_s: 1,
};

/**
 * An estimator run through its model directly, as the route runs it (input schema, model, output
 * schema) without HTTP: for invariants and property tests. HTTP tests are for statuses and pointers.
 */
export function runModel<E extends import('../models/estimator.js').Estimator>(estimator: E, body: unknown) {
  return runEstimator(estimator, estimator.input.parse(body), 'schema') as Record<string, unknown> & any;
}

/**
 * A refusal with this status and, when given, an entry of `errors[]` at `pointer` whose message
 * matches `message`. The body is shown when the status is not the one expected.
 */
export function expectRefusal(res: { status: number; body: any }, status: number, pointer?: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  expect(res.body.status).toBe(status);
  if (pointer !== undefined) {
    const hit = res.body.errors?.find((e: { pointer: string }) => e.pointer === pointer);
    expect(hit, `an error at ${pointer} in ${JSON.stringify(res.body.errors)}`).toBeDefined();
    if (message) expect(hit.message).toMatch(message);
  }
}

/** Markdown as the README's formatter leaves it, without the alignment: cells trimmed, separator rows as "---". */
export function tableCells(markdown: string): string {
  return markdown
    .trim()
    .replace(/ *\| */g, '|')
    .replace(/-{3,}/g, '---');
}
