/**
 * One route per estimator, built from the registry: `POST /v1/<name>`. Parse (the validator
 * compiler runs the zod input schema), run the pure model, attach provenance. No physics here.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runEstimator, withProvenance } from '../models/estimator.js';
import { ESTIMATORS } from '../models/registry.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '../src/problem.js';

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

export const ERROR_RESPONSES = {
  400: problemResponse('Invalid input: `errors[]` names each field by JSON pointer, with the value and what was expected'),
  413: problemResponse('Body, or the computation it asks for, larger than the limit (the limit is in `figures`)'),
  422: problemResponse('Well-formed but physically impossible: the reason, the field and the figures'),
  500: problemResponse('Unexpected fault (logged with the request id)'),
};

export async function estimatorRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const estimator of ESTIMATORS) {
    typed.route({
      method: 'POST',
      url: `/v1/${estimator.name}`,
      schema: {
        operationId: estimator.name,
        summary: estimator.summary,
        description: estimator.description,
        tags: ['estimators'],
        body: estimator.input.meta({ 'x-examples': estimator.examples }),
        response: {
          200: withProvenance(estimator.output).describe(
            'The figures (units in the field names), the assumptions used and the warnings',
          ),
          ...ERROR_RESPONSES,
        },
      },
      handler: async (request) => runEstimator(estimator, request.body),
    });
  }

  typed.get(
    '/v1/estimators',
    {
      schema: {
        operationId: 'estimators',
        summary: 'The estimator catalogue: name, route, summary and example names',
        tags: ['meta'],
        response: {
          200: z.object({
            estimators: z.array(
              z.object({ name: z.string(), route: z.string(), summary: z.string(), examples: z.array(z.string()) }),
            ),
          }),
        },
      },
    },
    async () => ({
      estimators: ESTIMATORS.map((e) => ({
        name: e.name,
        route: `POST /v1/${e.name}`,
        summary: e.summary,
        examples: Object.keys(e.examples),
      })),
    }),
  );
}
