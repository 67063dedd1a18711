/**
 * A solve from request to answer, shared by the route (api/uncertainty.ts) and the command line: the
 * request's schema, its checks before any work (pointers, the base, the cost of its most runs against
 * the budget), and the answer with the units its fields carry. The search itself is models/solve.ts.
 */
import { z } from 'zod';
import { TooLarge } from '../../models/errors.js';
import { type Estimator, refusalSeconds } from '../../models/estimator.js';
import { PointerSchema, withValueAt } from '../../models/pointer.js';
import { ESTIMATOR_BY_NAME, ESTIMATOR_NAMES } from '../../models/registry.js';
import { probeValue, SOLVE_MAX_EVALUATIONS, type Solution, type SolveProblem } from '../../models/solve.js';
import { toProblem } from '../plugins/errors.js';
import { ProblemError } from '../problem.js';
import { checkPointers } from './sweep.js';
import { unitOf } from './table.js';

const Target = z
  .object({
    output: PointerSchema.describe('JSON pointer of a numeric output field, e.g. "/cost_ratio"'),
    value: z.number().describe('The value it must take, in the unit of that field'),
  })
  .strict();

export const SolveRequestSchema = z
  .object({
    estimator: z.enum(ESTIMATOR_NAMES).describe('The estimator to solve'),
    base: z.record(z.string(), z.unknown()).default({}).describe('Its input, but for the field solved for'),
    field: PointerSchema.describe('JSON pointer of the numeric input field to solve for, e.g. "/launch_usd_per_kg"'),
    target: Target.describe('The output and the value it must take'),
    bracket: z
      .tuple([z.number(), z.number()])
      .optional()
      .refine((b) => b === undefined || b[0] !== b[1], 'expected two different ends')
      .describe(
        "Where to search, in the field's unit; default: the bounds its schema states, widened over many decades where it states only a lower one",
      ),
  })
  .strict()
  .meta({
    'x-examples': {
      breakeven: {
        summary: 'The launch price at which 1 GW in orbit costs what it costs on the ground (cost ratio 1)',
        value: {
          estimator: 'economics',
          base: { load_kw: '1 GW', mission_years: 5, satellite_usd_per_w: 0.3, grid_usd_per_kwh: 0.3, launch_usd_per_kg: 1000 },
          field: '/launch_usd_per_kg',
          target: { output: '/cost_ratio', value: 1 },
        },
      },
      radiator: {
        summary: 'The radiator temperature at which 1 MW needs 500 m² of radiator',
        value: {
          estimator: 'thermal',
          base: { heat_kw: 1000 },
          field: '/radiator_temp_k',
          target: { output: '/area_m2', value: 500 },
        },
      },
    },
  });
export type SolveRequest = z.output<typeof SolveRequestSchema>;

/** The problem of a solve: its estimator, checked pointers, and the base with the field at a probe value, parsed. */
function solveProblem(body: SolveRequest): { problem: SolveProblem; probe: unknown } {
  const estimator = ESTIMATOR_BY_NAME.get(body.estimator) as Estimator;
  checkPointers(
    estimator,
    [{ pointer: body.field, at: '/field' }],
    [{ pointer: body.target.output, at: '/target/output' }],
    true,
  );
  const problem: SolveProblem = { estimator, base: body.base, field: body.field, target: body.target, bracket: body.bracket };
  const input = withValueAt(body.base, body.field, probeValue(problem));
  try {
    return { problem, probe: estimator.input.parse(input) };
  } catch (error) {
    throw new ProblemError(toProblem(error, input, { base: '/base' }));
  }
}

/** 413 before any work when the most evaluations a solve may take cost more than the budget. */
function solveCost(problem: SolveProblem, probe: unknown, budget_cpu_s: number): number {
  const cost = problem.estimator.cost(probe);
  const total = cost.cpu_s * SOLVE_MAX_EVALUATIONS;
  if (total <= budget_cpu_s) return total;
  const estimated = refusalSeconds(total);
  throw new TooLarge(
    `solving takes up to ${SOLVE_MAX_EVALUATIONS} runs of ${problem.estimator.name} (${cost.basis}), about ${estimated} s of CPU, more than the budget of ${budget_cpu_s} s per request: a cheaper base input`,
    { estimated_cpu_s: estimated, budget_cpu_s, evaluations: SOLVE_MAX_EVALUATIONS },
    cost.pointer ? `/base${cost.pointer}` : '/base',
  );
}

/** The solve's answer: the root and its figures, with the units the field names carry. */
export function solveAnswer(body: SolveRequest, s: Solution) {
  return {
    estimator: body.estimator,
    field: body.field,
    field_unit: unitOf(body.field),
    output: body.target.output,
    output_unit: unitOf(body.target.output),
    target: body.target.value,
    ...s,
    searched: { min: s.searched.min, max: s.searched.max, scale: s.searched.scale, samples: s.searched.samples },
  };
}

/** Check a solve before any work: its problem, and its estimated CPU time within `budget_cpu_s` (413 above it; no limit when undefined). */
export function checkSolve(body: SolveRequest, budget_cpu_s?: number): { problem: SolveProblem; cpu_s: number } {
  const { problem, probe } = solveProblem(body);
  return { problem, cpu_s: solveCost(problem, probe, budget_cpu_s ?? Number.POSITIVE_INFINITY) };
}
