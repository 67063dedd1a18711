/**
 * Security headers (helmet) on every answer, and cross-origin access (@fastify/cors) as an
 * explicit policy: closed unless CORS_ORIGINS opens it.
 *
 * Two Content-Security-Policies: the API answers JSON, which no page should run, embed or frame, so
 * it gets `default-src 'none'`; Swagger UI (/docs) gets DOCS_CSP, the least that page needs, set by
 * @fastify/swagger-ui's `staticCSP` on its own routes (src/plugins/swagger.ts).
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

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

/**
 * Which origins may read answers from a browser: '*' for any, else exactly these
 * (`scheme://host[:port]`, as a browser sends them in `Origin`); none means no cross-origin access.
 */
export interface CorsPolicy {
  origins: '*' | readonly string[];
}

/** The default: no cross-origin access. */
export const CLOSED_CORS: CorsPolicy = { origins: [] };

const CORS_VARIABLE = 'CORS_ORIGINS';
const EXPECTED_ORIGINS =
  'a comma-separated list of origins scheme://host[:port] with no path (e.g. https://app.example.com,http://localhost:5173), or * for any origin';

/** One entry of CORS_ORIGINS as the browser would send it, or an Error saying what is wrong. */
function parseOrigin(entry: string, value: string): string {
  const fail = (why: string) => new Error(`${CORS_VARIABLE}="${value}": "${entry}" ${why}; expected ${EXPECTED_ORIGINS}`);
  if (entry === '*') throw fail('mixes * with other origins; give * alone');
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw fail('is not an origin');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('is not an http or https origin');
  // A browser's Origin header is exactly url.origin: lower-case host, no default port, no path or slash.
  if (url.origin !== entry) throw fail(`is not an origin as a browser sends it (did you mean ${url.origin}?)`);
  return entry;
}

/**
 * The CORS policy from the environment: CORS_ORIGINS unset or empty is the closed policy, `*` opens
 * to any origin, else a comma-separated list of exact origins. Throws on anything else.
 */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv): CorsPolicy {
  const value = env[CORS_VARIABLE] ?? '';
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 1 && entries[0] === '*') return { origins: '*' };
  return { origins: [...new Set(entries.map((entry) => parseOrigin(entry, value)))] };
}

/**
 * @fastify/cors's `origin` for a policy. An origin outside the list gets no CORS header at all, so
 * it sees what the closed policy shows everyone (a preflight is then a 404 like any OPTIONS).
 */
function corsOrigin(policy: CorsPolicy) {
  if (policy.origins === '*') return '*';
  if (policy.origins.length === 0) return false;
  const allowed = new Set(policy.origins);
  return (origin: string | undefined, done: (err: Error | null, origin: string | false) => void) =>
    done(null, origin !== undefined && allowed.has(origin) ? origin : false);
}

/**
 * How long a browser may keep a preflight's answer, s: the longest Chromium honours (since v76;
 * Firefox keeps one up to 86,400 s). Without it a browser asks again after 5 s, a second round
 * trip before nearly every call of a page (MDN, "Access-Control-Max-Age header", read 2026-12-02).
 * The policy changes only with a restart, so a browser may use the old one for up to this long.
 */
export const PREFLIGHT_MAX_AGE_S = 7200;

export interface SecurityOptions {
  cors?: CorsPolicy;
}

export default fp<SecurityOptions>(
  async function security(app: FastifyInstance, options: SecurityOptions) {
    // helmet's middleware, built once (@fastify/helmet builds it again on every request). The
    // headers of legacy browsers (X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control,
    // X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster) are left out of a JSON API, and
    // Strict-Transport-Security belongs to whatever terminates TLS in front of this plain-HTTP server.
    const applyHelmet = helmet({
      contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      originAgentCluster: false,
    });
    app.addHook('onRequest', (request, reply, done) => {
      applyHelmet(request.raw, reply.raw, () => done());
    });
    const policy = options.cors ?? CLOSED_CORS;
    // Closed: no cross-origin header at all, and no hook on every request to say so.
    if (policy.origins !== '*' && policy.origins.length === 0) return;
    await app.register(cors, {
      origin: corsOrigin(policy),
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: PREFLIGHT_MAX_AGE_S,
      // The strict check answers a malformed preflight in text/plain; every error here is problem+json.
      strictPreflight: false,
    });
  },
  { name: 'security' },
);
