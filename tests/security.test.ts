/**
 * Security headers on the API and on Swagger UI, and the CORS policy: closed by default, opened to
 * exact origins or to any by CORS_ORIGINS (parsed by corsPolicyFromEnv). That the docs CSP lets
 * Swagger UI actually work is shown in a browser by tests/e2e.swagger-ui.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type CorsPolicy, corsPolicyFromEnv, DOCS_CSP, PREFLIGHT_MAX_AGE_S } from '../src/plugins/security.js';
import { useApp } from './helpers.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const ORBIT = { orbit: { altitude_km: 550, inclination_deg: 53 }, beta_deg: 0, epoch: '2026-03-20T12:00:00Z' };

/** The headers every answer carries, whatever its route or status. */
function expectBaseline(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
}

/** CSP directives as a map, e.g. { 'script-src': ["'self'"] }. */
function directives(csp: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  const app = useApp();

  it('a JSON answer gets the baseline headers and a CSP that loads nothing', async () => {
    for (const res of [
      await app().inject({ method: 'GET', url: '/healthz' }),
      await app().inject({ method: 'POST', url: '/v1/orbit', payload: ORBIT }),
      await app().inject({ method: 'GET', url: '/openapi.json' }),
    ]) {
      expect(res.statusCode).toBe(200);
      expectBaseline(res.headers);
      expect(directives(res.headers['content-security-policy'])).toEqual({
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
    }
  });

  it('a problem+json answer (400, 404) gets the same headers', async () => {
    const bad = await app().inject({ method: 'POST', url: '/v1/orbit', payload: { orbit: { altitude_km: 'high' } } });
    const missing = await app().inject({ method: 'GET', url: '/v1/nothing' });
    for (const [res, status] of [
      [bad, 400],
      [missing, 404],
    ] as const) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectBaseline(res.headers);
      expect(directives(res.headers['content-security-policy'])['default-src']).toEqual(["'none'"]);
    }
  });

  it('Swagger UI gets its own CSP: same-origin scripts, no unsafe-eval or unsafe-inline, not framable', async () => {
    for (const url of [
      '/docs',
      '/docs/',
      '/docs/static/swagger-ui-bundle.js',
      '/docs/static/swagger-initializer.js',
      '/docs/json',
    ]) {
      const res = await app().inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectBaseline(res.headers);
      const csp = String(res.headers['content-security-policy']);
      expect(directives(csp)).toEqual(DOCS_CSP);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|upgrade-insecure-requests/);
    }
  });

  it('the style hash in the docs CSP is that of the one inline <style> the installed Swagger UI renders', () => {
    const require = createRequire(import.meta.url);
    const staticDir = join(dirname(require.resolve('@fastify/swagger-ui')), 'static');
    const inlineStyles = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'].flatMap((file) =>
      [...readFileSync(join(staticDir, file), 'utf8').matchAll(/createElement\("style",null,"([^"]*)"\)/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(inlineStyles.length).toBeGreaterThan(0);
    const hashes = inlineStyles.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(DOCS_CSP['style-src']?.filter((s) => s.startsWith("'sha256-"))).toEqual(hashes);
  });
});

/** An app with the given CORS policy, built before and closed after the tests of its describe. */
function useAppWithCors(cors: CorsPolicy): () => App {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ cors });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });
  return () => app;
}

function preflight(app: App, origin: string) {
  return app.inject({
    method: 'OPTIONS',
    url: '/v1/orbit',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('CORS, closed by default', () => {
  const app = useApp();

  it('gives no cross-origin access: no Access-Control-* header, and a preflight is a 404 problem', async () => {
    const get = await app().inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://app.example.com' } });
    expect(get.statusCode).toBe(200);
    expect(corsHeaders(get.headers)).toEqual([]);
    const pre = await preflight(app(), 'https://app.example.com');
    expect(pre.statusCode).toBe(404);
    expect(pre.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(corsHeaders(pre.headers)).toEqual([]);
  });
});

describe('CORS for a list of origins', () => {
  const app = useAppWithCors(corsPolicyFromEnv({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }));

  it('answers a preflight from an allowed origin with the policy', async () => {
    const res = await preflight(app(), 'http://localhost:5173');
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-request-id');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-max-age']).toBe(String(PREFLIGHT_MAX_AGE_S));
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('lets an allowed origin read answers, problems included, and the x-request-id and retry-after headers', async () => {
    const origin = 'https://app.example.com';
    const ok = await app().inject({ method: 'POST', url: '/v1/orbit', headers: { origin }, payload: ORBIT });
    const bad = await app().inject({ method: 'POST', url: '/v1/orbit', headers: { origin }, payload: {} });
    for (const [res, status] of [
      [ok, 200],
      [bad, 400],
    ] as const) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-expose-headers']).toBe('x-request-id, retry-after');
      expect(res.headers.vary).toMatch(/Origin/);
    }
  });

  it('gives a disallowed origin nothing: no Access-Control-* header on a preflight or an answer', async () => {
    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.example', 'http://app.example.com']) {
      const pre = await preflight(app(), origin);
      expect(pre.statusCode).toBe(404);
      expect(corsHeaders(pre.headers), origin).toEqual([]);
      const get = await app().inject({ method: 'GET', url: '/healthz', headers: { origin } });
      expect(corsHeaders(get.headers), origin).toEqual([]);
      expect(get.headers.vary).toMatch(/Origin/);
    }
  });
});

describe('CORS for any origin (*)', () => {
  const app = useAppWithCors(corsPolicyFromEnv({ CORS_ORIGINS: '*' }));

  it('answers any origin with *, without credentials', async () => {
    const pre = await preflight(app(), 'https://anywhere.example');
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await app().inject({
      method: 'POST',
      url: '/v1/orbit',
      headers: { origin: 'https://anywhere.example' },
      payload: ORBIT,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toBe('x-request-id, retry-after');
  });

  it('answers an OPTIONS that is not a full preflight without a text/plain error', async () => {
    const res = await app().inject({ method: 'OPTIONS', url: '/v1/orbit', headers: { origin: 'https://anywhere.example' } });
    expect(res.statusCode).toBe(204);
  });
});

describe('corsPolicyFromEnv', () => {
  it('is closed when CORS_ORIGINS is unset, empty or blank', () => {
    for (const env of [{}, { CORS_ORIGINS: '' }, { CORS_ORIGINS: '  ' }, { CORS_ORIGINS: ' , ' }])
      expect(corsPolicyFromEnv(env)).toEqual({ origins: [] });
  });

  it('reads * as any origin, and a list as exact origins (trimmed, each once)', () => {
    expect(corsPolicyFromEnv({ CORS_ORIGINS: '*' })).toEqual({ origins: '*' });
    expect(corsPolicyFromEnv({ CORS_ORIGINS: ' * ' })).toEqual({ origins: '*' });
    expect(
      corsPolicyFromEnv({
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,https://app.example.com,http://[::1]:8080',
      }),
    ).toEqual({ origins: ['https://app.example.com', 'http://localhost:5173', 'http://[::1]:8080'] });
  });

  it('refuses what is not an origin, naming the variable, the value and what it expects', () => {
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: 'foo' })).toThrowError(
      /^CORS_ORIGINS="foo": "foo" is not an origin; expected .*scheme:\/\/host\[:port\].* or \* for any origin$/,
    );
    const cases: [string, RegExp][] = [
      ['https://app.example.com/', /did you mean https:\/\/app\.example\.com\?/],
      ['https://app.example.com/api', /did you mean https:\/\/app\.example\.com\?/],
      ['https://App.Example.com', /did you mean https:\/\/app\.example\.com\?/],
      ['https://app.example.com:443', /did you mean https:\/\/app\.example\.com\?/],
      ['https://user@app.example.com', /did you mean https:\/\/app\.example\.com\?/],
      ['app.example.com', /"app\.example\.com" is not an (http or https )?origin/],
      ['ftp://files.example.com', /is not an http or https origin/],
      ['null', /"null" is not an origin/],
      ['https://app.example.com,*', /mixes \* with other origins; give \* alone/],
    ];
    for (const [value, message] of cases) {
      expect(() => corsPolicyFromEnv({ CORS_ORIGINS: value }), value).toThrowError(message);
      expect(() => corsPolicyFromEnv({ CORS_ORIGINS: value }), value).toThrowError(`CORS_ORIGINS="${value}"`);
    }
  });
});
