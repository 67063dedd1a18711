/** Health and provenance routes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SOURCES, SourceSchema } from '../fixtures/index.js';

export async function metaRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      schema: {
        operationId: 'healthz',
        summary: 'Liveness: the process answers',
        tags: ['meta'],
        response: { 200: z.object({ status: z.literal('ok'), uptime_s: z.number() }) },
      },
    },
    async () => ({ status: 'ok' as const, uptime_s: process.uptime() }),
  );
  typed.get(
    '/v1/sources',
    {
      schema: {
        operationId: 'sources',
        summary: 'Every source an assumption or constant cites: citation, URL, as_of',
        tags: ['meta'],
        response: { 200: z.object({ sources: z.record(z.string(), SourceSchema) }) },
      },
    },
    async () => ({ sources: SOURCES }),
  );
}
