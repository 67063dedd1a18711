/**
 * What a workload asks of the links: inference streams tokens up and down between users and the
 * satellites; data-parallel training exchanges every gradient each step, by ring all-reduce, over
 * the links between the satellites. The bits per second each needs, from sourced figures
 * (fixtures/links.json), for the links estimator to set against what its links carry.
 */
import { z } from 'zod';
import type { SourceKey } from '../fixtures/index.js';
import { PhysicallyImpossible } from './errors.js';
import type { Provenance } from './provenance.js';
import { quantity } from './quantity.js';

const Inference = z
  .object({
    output_tokens_per_s: z.number().positive().describe('Tokens the facility generates a second, all users together'),
    input_tokens_per_s: z
      .number()
      .min(0)
      .optional()
      .describe('Prompt tokens sent up a second (not given: only the answers are counted, with a warning)'),
    bytes_per_token: quantity('B', {
      gt: 0,
      description: 'Bytes a token takes on the wire; default 4 (about 4 characters of text)',
    }).optional(),
  })
  .strict()
  .describe('Inference served from orbit: tokens down to the users, prompts up');

const Training = z
  .object({
    parameters: z.number().positive().describe('Parameters of the model trained (e.g. 175e9 for GPT-3)'),
    data_parallel: z
      .number()
      .int()
      .min(2)
      .describe('Data-parallel workers, one a satellite: each holds a replica and exchanges its gradients every step'),
    bytes_per_parameter: quantity('B', { gt: 0, description: 'Bytes of a gradient value; default 2 (bfloat16)' }).optional(),
    step_s: quantity('s', { gt: 0, description: 'Length of one optimiser step; default from the compute (below)' }).optional(),
    tokens_per_step: z
      .number()
      .positive()
      .optional()
      .describe("Tokens an optimiser step processes across all workers; default GPT-3's 3.2 million"),
    worker_it_kw: quantity('kW', {
      gt: 0,
      description: 'IT load of one worker (satellite), which sets its compute and so the step length when step_s is not given',
    }).optional(),
    mfu: z.number().gt(0).max(1).optional().describe("Model FLOPs utilisation; default PaLM's 0.462"),
    accelerator_flop_per_s: z
      .number()
      .positive()
      .optional()
      .describe("Peak compute of one accelerator, FLOP/s; default an H100 SXM's dense BF16, 989e12"),
    accelerator_w: quantity('W', { gt: 0, description: "Power of one accelerator; default an H100 SXM's 700 W" }).optional(),
    flop_per_parameter_token: z
      .number()
      .positive()
      .optional()
      .describe('FLOPs a step costs per parameter per token; default 6 (forward and backward)'),
  })
  .strict()
  .describe('Data-parallel training across satellites: a ring all-reduce of the gradients every step');

export const WorkloadRequest = z
  .object({ inference: Inference.optional(), training: Training.optional() })
  .strict()
  .describe('What the links must carry: inference, training, or both');
export type WorkloadCase = z.output<typeof WorkloadRequest>;

export const InferenceNeed = z
  .object({
    down_gbps: z.number().describe('Answers streamed down to the users, Gbit/s'),
    up_gbps: z.number().describe('Prompts sent up, Gbit/s'),
  })
  .describe('What inference needs of the ground links');

export const TrainingNeed = z
  .object({
    step_s: z.number().describe('Length of an optimiser step, s'),
    step_basis: z.string().describe('"given", or the compute it follows from'),
    allreduce_bytes_per_worker: z
      .number()
      .describe(
        'Bytes each worker sends (and receives) per step in a ring all-reduce: 2(N−1)/N × parameters × bytes per parameter',
      ),
    allreduce_source: z.string().describe('Key into GET /v1/sources of the ring all-reduce’s traffic'),
    required_gbps_per_worker: z
      .number()
      .describe(
        'What each worker’s link in the ring must carry to finish the exchange within one step, Gbit/s (the exchange not overlapped with compute)',
      ),
  })
  .describe('What data-parallel training needs of the links between the satellites');

/** The ring all-reduce's traffic per worker, 2(N−1)/N of the data, is the least any all-reduce sends. */
const RING_ALLREDUCE: SourceKey = 'patarasuk-yuan-2009';

/** Bits in a byte. */
const BITS = 8;

/** Gbit/s of a byte rate. */
const gbps = (bytes_per_s: number) => (bytes_per_s * BITS) / 1e9;

/** What inference needs: answers down, prompts up (Gbit/s). */
export function inferenceNeed(w: NonNullable<WorkloadCase['inference']>, p: Provenance): z.infer<typeof InferenceNeed> {
  const bytes = p.orDefault('links.workload.bytes_per_token', w.bytes_per_token, 'workload.inference.bytes_per_token');
  if (w.input_tokens_per_s === undefined)
    p.warn('workload.inference.input_tokens_per_s not given: the prompts sent up are not counted, only the answers sent down');
  return { down_gbps: gbps(w.output_tokens_per_s * bytes), up_gbps: gbps((w.input_tokens_per_s ?? 0) * bytes) };
}

/**
 * Length of a step from the compute (Chowdhery et al. 2022): 6 × parameters × tokens per step FLOPs,
 * shared by the workers, each at its IT load × FLOP/s per W (an H100's) × MFU.
 */
function computedStepS(w: NonNullable<WorkloadCase['training']>, p: Provenance): { step_s: number; basis: string } {
  if (w.worker_it_kw === undefined)
    throw new PhysicallyImpossible(
      'a training step needs its length: give workload.training.step_s, or worker_it_kw (the IT load of a satellite) to compute it from',
      '/workload/training/step_s',
    );
  const perToken = p.orDefault(
    'links.workload.flop_per_parameter_token',
    w.flop_per_parameter_token,
    'workload.training.flop_per_parameter_token',
  );
  const tokens = p.orDefault('links.workload.tokens_per_step', w.tokens_per_step, 'workload.training.tokens_per_step');
  const flopsPerW =
    p.orDefault('links.workload.accelerator_flop_per_s', w.accelerator_flop_per_s, 'workload.training.accelerator_flop_per_s') /
    p.orDefault('links.workload.accelerator_w', w.accelerator_w, 'workload.training.accelerator_w');
  const mfu = p.orDefault('links.workload.mfu', w.mfu, 'workload.training.mfu');
  const clusterFlops = w.data_parallel * w.worker_it_kw * 1000 * flopsPerW * mfu;
  return {
    step_s: (perToken * w.parameters * tokens) / clusterFlops,
    basis: `${perToken} FLOPs per parameter per token × ${tokens.toExponential(3)} tokens a step, on ${w.data_parallel} workers of ${w.worker_it_kw} kW at ${(flopsPerW / 1e9).toPrecision(4)} TFLOP/s per kW of IT load and MFU ${mfu}`,
  };
}

/** What training needs: the ring all-reduce's bytes per worker per step, over the step (Patarasuk & Yuan 2009). */
export function trainingNeed(w: NonNullable<WorkloadCase['training']>, p: Provenance): z.infer<typeof TrainingNeed> {
  const bytes = p.orDefault('links.workload.bytes_per_parameter', w.bytes_per_parameter, 'workload.training.bytes_per_parameter');
  const step = w.step_s !== undefined ? { step_s: w.step_s, basis: 'given' } : computedStepS(w, p);
  const n = w.data_parallel;
  const perWorker = ((2 * (n - 1)) / n) * w.parameters * bytes;
  return {
    step_s: step.step_s,
    step_basis: step.basis,
    allreduce_bytes_per_worker: perWorker,
    allreduce_source: RING_ALLREDUCE,
    required_gbps_per_worker: gbps(perWorker / step.step_s),
  };
}
