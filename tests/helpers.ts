import { afterAll, beforeAll } from 'vitest';
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
