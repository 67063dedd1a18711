/**
 * Security headers (@fastify/helmet) on every answer.
 *
 * Two Content-Security-Policies: the API answers JSON, which no page should run, embed or frame, so
 * it gets `default-src 'none'`; Swagger UI (/docs) gets DOCS_CSP, the least that page needs, set by
 * @fastify/swagger-ui's `staticCSP` on its own routes (src/plugins/swagger.ts).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** CSP of the JSON API (and of every answer that is not Swagger UI): nothing may load, nothing may frame it. */
export const API_CSP: Record<string, string[]> = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The one inline <style> Swagger UI renders: the colours of its top-bar logo, an SVG built by
 * swagger-ui-standalone-preset.js (`.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`).
 * Allowing exactly this text keeps 'unsafe-inline' out of style-src. tests/security.test.ts checks
 * it against the installed swagger-ui; the browser test reports any other inline style.
 */
export const SWAGGER_UI_LOGO_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * CSP of Swagger UI. Its HTML loads only same-origin scripts and stylesheets (the bootstrap is a
 * file, swagger-initializer.js, not an inline script), so scripts need neither 'unsafe-inline' nor
 * 'unsafe-eval'; the inline styles it sets from script (element.style) are not subject to CSP, and
 * its one <style> element is allowed by hash. Its stylesheet draws icons from data: URIs. It
 * fetches the document and runs "Try it out" on the same origin (connect-src via default-src).
 * No `upgrade-insecure-requests`: the service itself speaks plain HTTP, and that directive would
 * make a browser fetch the page's scripts over https from a host that may not serve it.
 */
export const DOCS_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", SWAGGER_UI_LOGO_STYLE_HASH],
  'img-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export default fp(
  async function security(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
  },
  { name: 'security' },
);
