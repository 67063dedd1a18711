import { afterAll, beforeAll, expect } from 'vitest';
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
