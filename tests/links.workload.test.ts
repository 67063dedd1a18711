/**
 * What a workload asks of the links: the ring all-reduce's bytes against Patarasuk & Yuan's
 * 2(N−1)/N, the step length from the compute against its closed form, and the token streams.
 */
import { describe, expect, it } from 'vitest';
import { inferenceNeed, trainingNeed, WorkloadRequest } from '../models/links-workload.js';
import { Provenance } from '../models/provenance.js';

const parse = (body: unknown) => WorkloadRequest.parse(body);

describe('training', () => {
  it('sends 2(N−1)/N of the gradients per worker per step, in bfloat16 by default', () => {
    const p = new Provenance();
    const need = trainingNeed(parse({ training: { parameters: 175e9, data_parallel: 81, step_s: 1 } }).training as never, p);
    expect(need.allreduce_bytes_per_worker).toBeCloseTo(((2 * 80) / 81) * 175e9 * 2, -3);
    expect(need.required_gbps_per_worker).toBeCloseTo((need.allreduce_bytes_per_worker * 8) / 1e9, 9);
    expect(p.assumptions.map((a) => a.name)).toContain('workload.training.bytes_per_parameter');
  });

  it('takes the step from the compute: 6 × parameters × tokens over the workers’ FLOP/s at their MFU', () => {
    const p = new Provenance();
    const w = parse({ training: { parameters: 175e9, data_parallel: 81, worker_it_kw: 100 } }).training as never;
    const need = trainingNeed(w, p);
    const flopsPerW = 989e12 / 700;
    const expected = (6 * 175e9 * 3.2e6) / (81 * 100e3 * flopsPerW * 0.462);
    expect(need.step_s).toBeCloseTo(expected, 9);
    // Twice the workers: the step halves and each worker's share of the exchange barely changes, so the rate doubles.
    const twice = trainingNeed(
      parse({ training: { parameters: 175e9, data_parallel: 162, worker_it_kw: 100 } }).training as never,
      p,
    );
    expect(twice.step_s).toBeCloseTo(expected / 2, 9);
    expect(twice.required_gbps_per_worker / need.required_gbps_per_worker).toBeCloseTo((2 * (161 / 162)) / (80 / 81), 9);
  });

  it('refuses a step it cannot size (neither step_s nor the workers’ load)', () => {
    expect(() =>
      trainingNeed(parse({ training: { parameters: 1e9, data_parallel: 4 } }).training as never, new Provenance()),
    ).toThrow(/step_s/);
  });
});

describe('inference', () => {
  it('streams tokens at 4 bytes each by default, and warns when the prompts are not given', () => {
    const p = new Provenance();
    const need = inferenceNeed(parse({ inference: { output_tokens_per_s: 1e6 } }).inference as never, p);
    expect(need.down_gbps).toBeCloseTo(0.032, 12);
    expect(need.up_gbps).toBe(0);
    expect(p.warnings.join(' ')).toMatch(/prompts/);
    const both = inferenceNeed(
      parse({ inference: { output_tokens_per_s: 1e6, input_tokens_per_s: 3e6, bytes_per_token: 5 } }).inference as never,
      p,
    );
    expect(both.up_gbps).toBeCloseTo(0.12, 12);
  });
});
