/**
 * The app factory: the service is a plugin tree; the server (src/server.ts) is a thin shell.
 * Tests build it and call `app.inject()`.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyHttpOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { claimsRoutes } from '../api/claims.js';
import { type ExecutionOptions, estimatorRoutes } from '../api/estimators.js';
import { metaRoutes } from '../api/meta.js';
import { scriptingRoutes } from '../api/scripting.js';
import { DEFAULTS } from '../fixtures/index.js';
import { type Config, defaultConfig } from './config.js';
import { parseJsonBody } from './json-body.js';
import draining from './plugins/draining.js';
import errors, { answerClientError, answerFrameworkError, sendProblem } from './plugins/errors.js';
import security, { type CorsPolicy } from './plugins/security.js';
import openapi from './plugins/swagger.js';
import { EstimatorPool } from './pool.js';
import { problem } from './problem.js';
import { serializerCompiler } from './serializer.js';

/** Largest accepted request body, bytes. */
export const BODY_LIMIT_BYTES = 1_048_576;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Settings (src/config.ts); the defaults where not given. */
  config?: Partial<Config>;
  /** Run costly requests in a worker pool (the server does); without it everything runs inline. */
  pool?: boolean;
  /**
   * Shed load with 503 when the event loop stalls (@fastify/under-pressure). Defaults to `pool`: with
   * no pool every request runs inline, and a stalled loop is what the caller asked for.
   */
  shedLoad?: boolean;
  /** Cost budget and inline threshold, CPU s; the settings' (COST_BUDGET_CPU_S, INLINE_MAX_CPU_S) where not given. */
  execution?: Partial<Omit<ExecutionOptions, 'pool'>>;
  /** Cross-origin access (`corsPolicyFromEnv` in src/plugins/security.ts); none by default. */
  cors?: CorsPolicy;
}

/** Fastify's own server options from the settings: timeouts, keep-alive, requests per socket. */
function serverOptions(config: Config): FastifyHttpOptions<Server> {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    http: {
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      // Node checks the request and headers timeouts this often (its default, 30 s, would let a slow
      // client keep its socket up to 30 s past them).
      connectionsCheckingInterval: Math.min(1000, config.HEADERS_TIMEOUT_MS),
      // A request without Host is answered 400 problem+json by connectionHooks, not bare by Node.
      requireHostHeader: false,
    },
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    // Errors raised before routing, or by Node's HTTP parser, are problems too (src/plugins/errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // While closing, src/plugins/draining.ts answers a 503 problem instead of Fastify's bare JSON one.
    return503OnClosing: false,
    // Echo a caller's x-request-id when it is sane, else mint one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  };
}

export async function buildApp(options: AppOptions = {}) {
  const config: Config = { ...defaultConfig(), ...options.config };
  const app = Fastify({ logger: options.logger ?? false, ...serverOptions(config) });
  app.server.maxConnections = config.MAX_CONNECTIONS;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text body is a 415, not a string handed to the schema.
  app.removeContentTypeParser('text/plain');
  // Our own JSON parser: UTF-8, uncompressed, nesting bounded, prototype keys refused (src/json-body.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  connectionHooks(app, config);

  await app.register(errors);
  await app.register(security, { cors: options.cors });
  await app.register(draining);
  if (options.shedLoad ?? options.pool) await registerPressure(app, config);
  const pool = options.pool
    ? new EstimatorPool({
        threads: config.POOL_THREADS,
        queue: config.POOL_QUEUE,
        deadline_s: config.JOB_DEADLINE_S,
        worker_heap_mb: config.POOL_WORKER_HEAP_MB,
      })
    : undefined;
  if (pool) app.addHook('onClose', async () => pool.close());
  const execution: ExecutionOptions = {
    budget_cpu_s: config.COST_BUDGET_CPU_S,
    inline_max_cpu_s: config.INLINE_MAX_CPU_S,
    ...options.execution,
    pool,
  };
  await app.register(openapi);
  await app.register(metaRoutes);
  await app.register(estimatorRoutes, execution);
  await app.register(claimsRoutes, execution);
  await app.register(scriptingRoutes, {
    ...execution,
    max_batch_items: config.MAX_BATCH_ITEMS,
    max_sweep_points: config.MAX_SWEEP_POINTS,
    max_uncertainty_samples: config.MAX_UNCERTAINTY_SAMPLES,
    chunk_cpu_s: DEFAULTS['execution.chunk_cpu_s'].value,
    body_limit_bytes: BODY_LIMIT_BYTES,
  });
  return app;
}

/** Requests answered on each socket, for MAX_REQUESTS_PER_SOCKET. */
const requestsOnSocket = new WeakMap<object, number>();

/**
 * Per request, before routing: echo the request id; refuse an HTTP/1.1 request without Host (RFC 9112
 * §3.2) as a problem; close a keep-alive socket after MAX_REQUESTS_PER_SOCKET answers. Node's own
 * `maxRequestsPerSocket` and Host check answer bare 503 and 400 bodies, outside the problem+json contract.
 */
function connectionHooks(app: FastifyInstance, config: Config) {
  // A callback hook, not an async one: it runs on every request, and a promise per hook shows.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const socket = request.raw.socket;
    const count = (requestsOnSocket.get(socket) ?? 0) + 1;
    requestsOnSocket.set(socket, count);
    if (config.MAX_REQUESTS_PER_SOCKET > 0 && count >= config.MAX_REQUESTS_PER_SOCKET) reply.header('connection', 'close');
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      sendProblem(
        reply,
        request,
        problem(400, 'an HTTP/1.1 request must name its Host (RFC 9112 §3.2)', {
          errors: [{ pointer: '', message: 'the Host header is missing' }],
        }),
      );
      return;
    }
    done();
  });
}

/**
 * Shed load when the event loop stalls anyway (@fastify/under-pressure): 503 problem+json with
 * Retry-After. Liveness (/healthz) still answers, so that a busy process is not restarted for it.
 */
async function registerPressure(app: FastifyInstance, config: Config) {
  const retryAfter_s = 5;
  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    retryAfter: retryAfter_s,
    pressureHandler: (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (request.routeOptions.config.liveness === true) return undefined;
      // Sent here: the request stops at the next hook, which sees the reply sent.
      reply.header('retry-after', String(retryAfter_s));
      sendProblem(
        reply,
        request,
        problem(503, `the service is overloaded (${type} at ${Math.round(Number(value))}); retry after ${retryAfter_s} s`, {
          figures: { [type]: Math.round(Number(value)), retry_after_s: retryAfter_s },
        }),
      );
      return undefined;
    },
  });
}
