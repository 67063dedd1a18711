/**
 * GET /v1/claims: the register on the default scenario. The evaluation is a pure function of the
 * fixtures, so it is computed once, on the first request (in the worker pool when there is one, as
 * every costly request is), and served from memory after that. POST /v1/claims (with scenario
 * overrides) is the registry's route like every estimator's.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { claimsEstimator } from '../models/claims.js';
import { runEstimator, withProvenance } from '../models/estimator.js';
import { ERROR_RESPONSES, type ExecutionOptions } from './estimators.js';

type Claims = ReturnType<typeof runEstimator<typeof claimsEstimator.input, typeof claimsEstimator.output>>;

let cached: Promise<Claims> | null = null;

/** The default evaluation, computed on first use; a failed evaluation is not kept. */
export function defaultClaims(options: Partial<ExecutionOptions> = {}): Promise<Claims> {
  if (cached) return cached;
  const body = {};
  const input = claimsEstimator.input.parse(body);
  const evaluation = options.pool
    ? options.pool.run({ estimator: claimsEstimator.name, body }, claimsEstimator.cost(input).cpu_s, new AbortController().signal)
    : Promise.resolve().then(() => runEstimator(claimsEstimator, input));
  cached = (evaluation as Promise<Claims>).catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}

export async function claimsRoutes(app: FastifyInstance, options: ExecutionOptions) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/claims',
    {
      schema: {
        operationId: 'claimsDefault',
        summary: 'The claims register on the default scenario (cached): verdicts, figures, flip conditions, sources',
        description: `${claimsEstimator.description} POST /v1/claims with { scenario } re-evaluates every claim on your own assumptions.`,
        tags: ['claims'],
        response: { 200: withProvenance(claimsEstimator.output), 500: ERROR_RESPONSES[500], 503: ERROR_RESPONSES[503] },
      },
    },
    async () => defaultClaims(options),
  );
}
