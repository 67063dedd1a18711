/**
 * A worker thread of the estimator pool (src/pool.ts): it parses the body with the estimator's own
 * input schema, runs the model and answers the result, or the refusal in a form that crosses the
 * thread boundary (a structured clone keeps an Error's message, not its class).
 */
import { PhysicallyImpossible, TooLarge } from '../models/errors.js';
import { runEstimator } from '../models/estimator.js';
import { ESTIMATORS } from '../models/registry.js';

export interface Job {
  estimator: string;
  /** The request body as JSON parsed it, before the schema. */
  body: unknown;
}

export type Refusal =
  | { kind: 'impossible'; message: string; pointer?: string; figures?: Record<string, number | string> }
  | { kind: 'too-large'; message: string; pointer?: string; figures: Record<string, number | string> };

export type Outcome = { ok: true; answer: unknown } | { ok: false; refusal: Refusal };

const BY_NAME = new Map(ESTIMATORS.map((e) => [e.name, e]));

export default function runJob(job: Job): Outcome {
  const estimator = BY_NAME.get(job.estimator);
  if (!estimator) throw new Error(`no estimator named "${job.estimator}"`);
  try {
    return { ok: true, answer: runEstimator(estimator, estimator.input.parse(job.body), 'finite') };
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

/** The refusal as the error the API answers it with. */
export function refusalError(r: Refusal): PhysicallyImpossible | TooLarge {
  return r.kind === 'impossible'
    ? new PhysicallyImpossible(r.message, r.pointer, r.figures)
    : new TooLarge(r.message, r.figures, r.pointer);
}
