/**
 * GET /v1/claims: the register on the default scenario. The evaluation is a pure function of the
 * fixtures, so it is computed once, on the first request, and served from memory after that.
 * POST /v1/claims (with scenario overrides) is the registry's route like every estimator's.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { claimsEstimator } from '../models/claims.js';
import { runEstimator, withProvenance } from '../models/estimator.js';
import { ERROR_RESPONSES } from './estimators.js';

let cached: ReturnType<typeof runEstimator<typeof claimsEstimator.input, typeof claimsEstimator.output>> | null = null;

/** The default evaluation, computed on first use. */
export function defaultClaims() {
  cached ??= runEstimator(claimsEstimator, claimsEstimator.input.parse({}));
  return cached;
}

export async function claimsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/claims',
    {
      schema: {
        operationId: 'claimsDefault',
        summary: 'The claims register on the default scenario (cached): verdicts, figures, flip conditions, sources',
        description: `${claimsEstimator.description} POST /v1/claims with { scenario } re-evaluates every claim on your own assumptions.`,
        tags: ['claims'],
        response: { 200: withProvenance(claimsEstimator.output), 500: ERROR_RESPONSES[500] },
      },
    },
    async () => defaultClaims(),
  );
}
