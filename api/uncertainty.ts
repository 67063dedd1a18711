/**
 * Routes for "how likely" and "what would have to be true", over any estimator of the registry:
 * `POST /v1/uncertainty` (Monte Carlo: distributions in, summaries, probabilities and sensitivities
 * out, or the tornado chart) and `POST /v1/solve` (the value of one input at which an output meets a
 * target). Both are priced before any work; the work runs inline or in the worker pool. No physics here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STREAM_SIZE } from '../models/distributions.js';
import { SOLVE_MAX_EVALUATIONS, type Solution, solveField } from '../models/solve.js';
import { checkSolve, type SolveRequest, SolveRequestSchema, solveAnswer } from '../src/scripting/solve.js';
import {
  costRatioSpec,
  runUncertainty,
  type UncertaintyRequest,
  uncertaintyRequestSchema,
} from '../src/scripting/uncertainty.js';
import { uncertaintyChart, uncertaintyJson } from '../src/scripting/uncertainty-answer.js';
import { inPool } from './estimators.js';
import { describeLimits, negotiate, postScripting, runOptions, type ScriptingOptions } from './scripting.js';
import { SolveAnswerSchema, UncertaintyAnswerSchema } from './uncertainty-schemas.js';

const UNCERTAINTY_TYPES = ['application/json', 'image/svg+xml'] as const;

const UNCERTAINTY_EXAMPLES = {
  cost_ratio: {
    summary:
      'The 1 GW cost ratio under the published spreads of the launch price, the grid price, the array’s W/kg and the radiator temperature (the README’s example)',
    value: costRatioSpec(),
  },
};

export async function uncertaintyRoute(app: FastifyInstance, options: ScriptingOptions) {
  const body = uncertaintyRequestSchema(options.max_uncertainty_samples);
  postScripting(
    app,
    '/v1/uncertainty',
    {
      operationId: 'uncertainty',
      summary: 'Monte Carlo over any estimator: output distributions, probabilities of thresholds, and each input’s sensitivity',
      description: `Each uncertain input field (a JSON pointer into the estimator's input) gets a distribution in its unit: uniform {min, max}, triangular {min, mode, max}, normal {mean, sd} or lognormal {median, sigma}. \`samples\` inputs are drawn from \`seed\` (xoroshiro128+, in streams of ${STREAM_SIZE} samples: the same seed gives the same answer, bit for bit, whatever the worker pool), independently or as a Latin hypercube, and each is answered as \`POST /v1/<estimator>\` would. The answer gives each output's mean, sd, p5…p95, min, max and histogram over the samples that gave a number; the probability of each threshold (e.g. cost_ratio below 1: orbit cheaper than the ground); and for each input and output Spearman's rank correlation and the tornado swing (the output with that input at its p10 and at its p90, the others at their medians). A sample that fails (a value outside a field's range, physics refusing) is counted and the first few quoted. \`Accept: image/svg+xml\` draws the tornado chart of the first output (the histogram when one input varies). ${describeLimits(options, `at most ${options.max_uncertainty_samples.toLocaleString('en-US')} samples`)}`,
      body: body.meta({ 'x-examples': UNCERTAINTY_EXAMPLES }),
      ok: {
        description: 'The summaries, or the chart',
        content: {
          'application/json': { schema: UncertaintyAnswerSchema },
          'image/svg+xml': {
            schema: z.string().describe('The tornado chart (or the histogram for one input), axes titled with units'),
          },
        },
      },
    },
    async (request, reply) => {
      const type = negotiate(request, UNCERTAINTY_TYPES);
      const sampled = await runUncertainty(request.body as UncertaintyRequest, runOptions(options, request, reply));
      const answer = uncertaintyJson(sampled);
      if (type === 'image/svg+xml') return reply.type(type).send(uncertaintyChart(answer));
      return answer;
    },
  );
}

async function runSolve(body: SolveRequest, options: ScriptingOptions, request: FastifyRequest, reply: FastifyReply) {
  const { problem, cpu_s } = checkSolve(body, options.budget_cpu_s);
  if (!options.pool || cpu_s <= options.inline_max_cpu_s) return solveField(problem);
  const job = { solve: { ...problem, estimator: body.estimator } };
  return (await inPool(job, cpu_s, request, reply, options.pool)) as Solution;
}

export async function solveRoute(app: FastifyInstance, options: ScriptingOptions) {
  postScripting(
    app,
    '/v1/solve',
    {
      operationId: 'solve',
      summary: 'What would have to be true: the value of one input at which an output equals a target',
      description: `Runs \`POST /v1/<estimator>\` on \`base\` with \`field\` set to values in a range — the \`bracket\`, or the bounds the field's schema states (a missing upper bound nine decades above the field's value, a lower bound of 0 six decades below it) — scans it for a change of sign of output − target, takes the bracket nearest the field's current value, and refines it with Brent's method (the same search as the claims' flip conditions; the economics break-even is the same root). Answers the value, the output fed back, the model runs taken, the final bracket and the range searched; 422 with the range and the outputs met when no value in it meets the target. At most ${SOLVE_MAX_EVALUATIONS} runs, priced together against the budget (413 above it).`,
      body: SolveRequestSchema,
      ok: { description: 'The root', content: { 'application/json': { schema: SolveAnswerSchema } } },
    },
    async (request, reply) => {
      const body = request.body as SolveRequest;
      return solveAnswer(body, await runSolve(body, options, request, reply));
    },
  );
}
