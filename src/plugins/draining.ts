/**
 * Closing without a raw answer: once `app.close()` has begun (SIGTERM in src/server.ts), a request
 * that still arrives, on a keep-alive connection or pipelined, answers 503 problem+json with
 * Retry-After and Connection: close, and GET /readyz says so; requests in flight finish whole.
 * Routes whose config says `liveness: true` (GET /healthz) still answer: the process is alive.
 * Fastify's own `return503OnClosing` is off (src/app.ts): its 503 is bare JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '../problem.js';
import { sendProblem } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether close has begun: set by the preClose hook, read by the drain hook and GET /readyz. */
    lifecycle: { draining: boolean };
  }
  interface FastifyContextConfig {
    /** A liveness route answers while the app drains. */
    liveness?: boolean;
  }
}

/** Seconds a client is asked to wait before it tries again (on another replica, or this one restarted). */
export const RETRY_AFTER_S = 5;

/** The 503 for a request that arrives once close has begun. */
export function sendDraining(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  reply.header('retry-after', String(RETRY_AFTER_S)).header('connection', 'close');
  return sendProblem(
    reply,
    request,
    problem(503, `the service is closing and takes no new requests; retry in ${RETRY_AFTER_S} s`, {
      type: 'urn:orbital-dc:problem:closing',
      title: 'Service closing',
      figures: { retry_after_s: RETRY_AFTER_S },
    }),
  );
}

export default fp(
  async function draining(app: FastifyInstance) {
    const lifecycle = { draining: false };
    app.decorate('lifecycle', lifecycle);
    app.addHook('preClose', async () => {
      lifecycle.draining = true;
    });
    // Callback hooks, not async ones: they run on every request, and a promise per hook shows.
    app.addHook('onRequest', (request, reply, done) => {
      if (lifecycle.draining && request.routeOptions.config.liveness !== true) {
        sendDraining(reply, request);
        return;
      }
      done();
    });
    // An answer finishing while the app drains closes its connection once written whole: without it
    // a keep-alive connection would hold the close open until its keep-alive timeout.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (lifecycle.draining) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'draining' },
);
