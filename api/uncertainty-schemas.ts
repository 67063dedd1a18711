/**
 * The answers of `POST /v1/uncertainty` and `POST /v1/solve` as the OpenAPI document shows them:
 * every field described, with its unit.
 */
import { z } from 'zod';
import { DESIGN_METHODS, DISTRIBUTION_KINDS } from '../models/distributions.js';
import { ProblemSchema } from '../src/problem.js';

const Quantiles = {
  mean: z.number().nullable().describe('Mean over the samples that gave a number, in `unit`'),
  sd: z.number().nullable().describe('Sample standard deviation (n − 1), in `unit`'),
  p5: z.number().nullable().describe('5th percentile (Hyndman & Fan type 7), in `unit`'),
  p10: z.number().nullable().describe('10th percentile, in `unit`'),
  p50: z.number().nullable().describe('Median, in `unit`'),
  p90: z.number().nullable().describe('90th percentile, in `unit`'),
  p95: z.number().nullable().describe('95th percentile, in `unit`'),
  min: z.number().nullable().describe('Smallest value, in `unit`'),
  max: z.number().nullable().describe('Largest value, in `unit`'),
};

const OutputSummary = z.object({
  output: z.string().describe('JSON pointer of the output'),
  unit: z.string().describe('Its unit, read from the field name ("1" for a ratio)'),
  samples: z.number().int().describe('Samples that gave a number for it (failed samples and null answers left out)'),
  ...Quantiles,
  histogram: z
    .object({
      edges: z.array(z.number()).describe('Bin edges, ascending, in `unit` (one more than the bins)'),
      counts: z
        .array(z.number().int())
        .describe('Samples in each bin (the last bin closed); Freedman–Diaconis width, at most 40 bins'),
    })
    .describe('Equal-width histogram of the values'),
});

const InputSummary = z.object({
  field: z.string().describe('JSON pointer of the input field'),
  unit: z.string().describe('Its unit, read from the field name'),
  distribution: z.enum(DISTRIBUTION_KINDS).describe('Its distribution'),
  parameters: z
    .record(z.string(), z.number())
    .describe('The distribution’s parameters as given, in `unit` (sigma of a lognormal in natural-log units)'),
  mean: z.number().describe('Mean of the distribution (closed form), in `unit`'),
  sd: z.number().describe('Standard deviation of the distribution (closed form), in `unit`'),
  p10: z.number().describe('10th percentile (inverse CDF): the tornado’s low end, in `unit`'),
  p50: z.number().describe('Median: where the input sits while the others swing, in `unit`'),
  p90: z.number().describe('90th percentile: the tornado’s high end, in `unit`'),
});

const Probability = z.object({
  output: z.string().describe('JSON pointer of the output'),
  below: z.number().optional().describe('The threshold, in the output’s unit: the probability is of a value below it'),
  above: z.number().optional().describe('The threshold, in the output’s unit: the probability is of a value above it'),
  probability: z
    .number()
    .nullable()
    .describe('Share of the samples with a number for the output that pass the threshold (null: none gave one)'),
  samples: z.number().int().describe('Samples it is the share of'),
});

const Sensitivity = z.object({
  field: z.string().describe('JSON pointer of the input'),
  output: z.string().describe('JSON pointer of the output'),
  rank_correlation: z
    .number()
    .nullable()
    .describe("Spearman's rank correlation of the input with the output over the samples (null: either did not vary)"),
  input_low: z.number().describe('The input at its p10, in its unit'),
  input_high: z.number().describe('The input at its p90, in its unit'),
  low: z
    .number()
    .nullable()
    .describe(
      'The output with the input at its p10 and the others at their medians, in the output’s unit (null: that run failed)',
    ),
  high: z
    .number()
    .nullable()
    .describe(
      'The output with the input at its p90 and the others at their medians, in the output’s unit (null: that run failed)',
    ),
  swing: z
    .number()
    .nullable()
    .describe('|high − low|: the tornado bar’s length, in the output’s unit; per output, the inputs are ranked by it'),
});

export const UncertaintyAnswerSchema = z.object({
  estimator: z.string().describe('The estimator sampled'),
  samples: z.number().int().describe('Samples drawn'),
  seed: z.number().int().describe('The seed: the same seed and request give the same answer, bit for bit'),
  method: z.enum(DESIGN_METHODS).describe('How the samples were drawn'),
  succeeded: z.number().int().describe('Samples the estimator answered'),
  failed_samples: z
    .object({
      count: z.number().int().describe('Samples refused (a value outside a field’s range, physics refusing)'),
      first: z
        .array(
          z.object({
            sample: z.number().int().describe('Index of the sample'),
            inputs: z.record(z.string(), z.number()).describe('Its uncertain inputs, by pointer, in their units'),
            problem: ProblemSchema.describe('The problem its own request would answer (pointers into the estimator’s input)'),
          }),
        )
        .describe('The first few, with their values'),
    })
    .describe('Samples that failed'),
  inputs: z.array(InputSummary).describe('The uncertain inputs, in the order of `distributions`'),
  outputs: z.array(OutputSummary).describe('The outputs, in the order of `outputs`'),
  probabilities: z.array(Probability).describe('One per threshold, in order'),
  sensitivity: z.array(Sensitivity).describe('Every input against every output; per output, ranked by swing'),
  at_medians: z
    .object({
      inputs: z.record(z.string(), z.number()).describe('Every uncertain input at its median, by pointer'),
      outputs: z.record(z.string(), z.number().nullable()).describe('The outputs there, by pointer (null: that run failed)'),
    })
    .describe('The reference run: the tornado bars’ common origin'),
  tornado_quantiles: z.array(z.number()).describe('The quantiles each input swings between for the tornado (0.1, 0.9)'),
});

export const SolveAnswerSchema = z.object({
  estimator: z.string().describe('The estimator solved'),
  field: z.string().describe('JSON pointer of the input solved for'),
  field_unit: z.string().describe('Its unit, read from the field name'),
  output: z.string().describe('JSON pointer of the output'),
  output_unit: z.string().describe('Its unit, read from the field name'),
  target: z.number().describe('The value asked of the output, in `output_unit`'),
  value: z.number().describe('The field’s value at which the output equals the target, in `field_unit`'),
  output_value: z.number().describe('The output at that value, fed back through the estimator, in `output_unit`'),
  iterations: z.number().int().describe('Runs of the estimator taken (the scan, Brent’s refinement, the value fed back)'),
  bracket: z.tuple([z.number(), z.number()]).describe('The final bracket the root was refined in, in `field_unit`'),
  searched: z
    .object({
      min: z.number().describe('Lower end of the range searched, in `field_unit`'),
      max: z.number().describe('Upper end, in `field_unit`'),
      scale: z.enum(['linear', 'log']).describe('How the scan spaced its samples'),
      samples: z.number().int().describe('Samples of the scan'),
    })
    .describe('The range searched'),
  current: z
    .number()
    .nullable()
    .describe(
      'The field’s value in the base input, or the default the estimator used (null: neither known); the root nearest it is taken',
    ),
});
