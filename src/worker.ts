/**
 * A worker thread of the estimator pool (src/pool.ts): it parses the body with the estimator's own
 * input schema, runs the model and answers the result, or the refusal in a form that crosses the
 * thread boundary (a structured clone keeps an Error's message, not its class).
 */
import { PhysicallyImpossible, TooLarge } from '../models/errors.js';
import { type Estimator, runEstimator } from '../models/estimator.js';
import { valueAt } from '../models/pointer.js';
import { ESTIMATOR_BY_NAME } from '../models/registry.js';
import { type SolveProblem, solveField } from '../models/solve.js';

export interface Job {
  estimator: string;
  /** The request body as JSON parsed it, before the schema. */
  body: unknown;
}

export interface ItemsJob {
  /** Items of a batch or points of a sweep, each run as its own request would be. */
  items: Job[];
  /** When given, each answer is reduced to these fields (JSON pointers): `{ pointer: value or null }`. */
  outputs?: readonly string[];
}

/** A solve for one field of an estimator (models/solve.ts), run whole in one thread. */
export interface SolveJob {
  solve: Omit<SolveProblem, 'estimator'> & { estimator: string };
}

export type Refusal =
  | { kind: 'impossible'; message: string; pointer?: string; figures?: Record<string, number | string> }
  | { kind: 'too-large'; message: string; pointer?: string; figures: Record<string, number | string> }
  | { kind: 'fault'; message: string; stack?: string };

export type Outcome = { ok: true; answer: unknown } | { ok: false; refusal: Refusal };

/** One request's body, or every item of a batch (each answered or refused alone: one fault never stops the others). */
export default function runJob(job: Job | ItemsJob | SolveJob): Outcome | Outcome[] {
  if ('solve' in job) return outcomeOf(() => solveField({ ...job.solve, estimator: estimatorNamed(job.solve.estimator) }));
  if ('items' in job)
    return job.items.map((item) => {
      try {
        const outcome = runOne(item);
        return outcome.ok && job.outputs ? { ok: true, answer: projected(outcome.answer, job.outputs) } : outcome;
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        return { ok: false, refusal: { kind: 'fault', message: e.message, stack: e.stack } };
      }
    });
  return runOne(job);
}

/** An answer reduced to some of its fields, by JSON pointer: `{ pointer: value or null }` (samples need no more). */
export function projected(answer: unknown, outputs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of outputs) out[o] = valueAt(answer, o) ?? null;
  return out;
}

function estimatorNamed(name: string): Estimator {
  const estimator = ESTIMATOR_BY_NAME.get(name);
  if (!estimator) throw new Error(`no estimator named "${name}"`);
  return estimator;
}

function runOne(job: Job): Outcome {
  const estimator = estimatorNamed(job.estimator);
  return outcomeOf(() => runEstimator(estimator, estimator.input.parse(job.body), 'finite'));
}

/** The answer of a computation, or its refusal (422, 413) in a form that crosses the thread boundary; a fault is thrown. */
function outcomeOf(compute: () => unknown): Outcome {
  try {
    return { ok: true, answer: compute() };
  } catch (error) {
    if (error instanceof PhysicallyImpossible)
      return {
        ok: false,
        refusal: { kind: 'impossible', message: error.message, pointer: error.pointer, figures: error.figures },
      };
    if (error instanceof TooLarge)
      return {
        ok: false,
        refusal: { kind: 'too-large', message: error.message, pointer: error.pointer, figures: error.figures },
      };
    throw error;
  }
}

/** The refusal as the error the API answers it with (a fault as a plain Error, which is logged and answered 500). */
export function refusalError(r: Refusal): Error {
  if (r.kind === 'impossible') return new PhysicallyImpossible(r.message, r.pointer, r.figures);
  if (r.kind === 'too-large') return new TooLarge(r.message, r.figures, r.pointer);
  const fault = new Error(r.message);
  if (r.stack) fault.stack = r.stack;
  return fault;
}
