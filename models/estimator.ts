/**
 * The estimator contract: one object per estimator, `{ name, summary, input, output, examples, run }`.
 * Routes, OpenAPI, batch, sweep and the CLI are all derived from the registry of these objects.
 */
import { z } from 'zod';
import { Provenance } from './provenance.js';

export interface Example {
  summary: string;
  value: unknown;
}

export interface Estimator<I extends z.ZodType = z.ZodType, O extends z.ZodObject = z.ZodObject> {
  /** Route segment and registry key: `POST /v1/<name>`. */
  name: string;
  summary: string;
  description: string;
  /** Input schema: validation, types and OpenAPI in one. */
  input: I;
  /** Result fields; `assumptions` and `warnings` are added by `withProvenance`. */
  output: O;
  examples: Record<string, Example>;
  /** Pure: no I/O. Throws PhysicallyImpossible for well-formed requests physics refuses. */
  run(input: z.output<I>, provenance: Provenance): z.input<O>;
}

/** Keeps the input/output types tied together at the definition site. */
export function defineEstimator<I extends z.ZodType, O extends z.ZodObject>(e: Estimator<I, O>): Estimator<I, O> {
  return e;
}

export const AssumptionSchema = z
  .object({
    name: z.string().describe('Input it stands for, as a path (e.g. "cell.efficiency")'),
    value: z.union([z.number(), z.string(), z.boolean()]),
    unit: z.string(),
    source: z.string().describe('Key into GET /v1/sources'),
  })
  .meta({ id: 'Assumption' });

/** The output schema as served: the results plus `assumptions` and `warnings`. */
export function withProvenance<O extends z.ZodObject>(output: O) {
  return output.extend({
    assumptions: z.array(AssumptionSchema).describe('Every default or catalogue value used that the caller did not give'),
    warnings: z.array(z.string()).describe('What the caller should know about these figures'),
  });
}

/** Validate, run, and attach provenance. Throws the zod error or PhysicallyImpossible as they come. */
export function runEstimator<I extends z.ZodType, O extends z.ZodObject>(e: Estimator<I, O>, parsedInput: z.output<I>) {
  const provenance = new Provenance();
  const result = e.run(parsedInput, provenance);
  return { ...result, assumptions: provenance.assumptions, warnings: provenance.warnings };
}
