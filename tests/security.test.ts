/**
 * Security headers on the API and on Swagger UI.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../src/plugins/security.js';
import { useApp } from './helpers.js';

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
