/** Health and provenance routes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SOURCES, SourceSchema } from '../fixtures/index.js';
import { sendDraining } from '../src/plugins/draining.js';
import { problemResponse } from './estimators.js';

const Alive = z
  .object({
    status: z.literal('ok').describe('Always "ok": the process answers'),
    uptime_s: z.number().describe('Time since the process started, s'),
  })
  .describe('Alive');

const Ready = z
  .object({ status: z.literal('ready').describe('Always "ready": new requests are taken') })
  .describe('Ready: new requests are taken');

const Sources = z.object({
  sources: z
    .record(z.string(), SourceSchema)
    .describe('Every source an assumption cites, by its key (the `source` of an assumption)'),
});

export async function metaRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      config: { liveness: true },
      schema: {
        operationId: 'healthz',
        summary: 'Liveness: the process answers (also while it drains; see /readyz)',
        tags: ['meta'],
        response: { 200: Alive },
      },
    },
    async () => ({ status: 'ok' as const, uptime_s: process.uptime() }),
  );
  typed.get(
    '/readyz',
    {
      schema: {
        operationId: 'readyz',
        summary: 'Readiness: takes new requests; 503 once closing has begun',
        tags: ['meta'],
        response: {
          200: Ready,
          503: problemResponse(
            'Closing: no new requests (Retry-After says when to try again, on another replica or this one restarted)',
          ),
        },
      },
    },
    async (request, reply) => (app.lifecycle.draining ? sendDraining(reply, request) : { status: 'ready' as const }),
  );
  typed.get(
    '/v1/sources',
    {
      schema: {
        operationId: 'sources',
        summary: 'Every source an assumption or constant cites: citation, URL (or the project file), as_of',
        tags: ['meta'],
        response: { 200: Sources },
      },
    },
    async () => ({ sources: SOURCES }),
  );
}
