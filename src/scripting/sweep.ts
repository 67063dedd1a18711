/**
 * A sweep: one estimator over a grid of inputs. The request names a base input, the fields to vary
 * (by JSON pointer, each with its values or a linear or logarithmic range) and the outputs to keep;
 * the grid is their product, the first varied field changing slowest. Pure: the routes and the
 * command line run the points (src/scripting/run.ts) and draw the table (table.ts, formats.ts, chart.ts).
 */
import { z } from 'zod';
import type { Estimator } from '../../models/estimator.js';
import { PointerSchema, pointerTokens, valueAt, withValueAt } from '../../models/pointer.js';
import { ESTIMATOR_NAMES } from '../../models/registry.js';
import { admitsNumber, schemaHas, schemasOf } from '../../models/schema-paths.js';
import { RequestRefused } from '../problem.js';
import type { Item, Result } from './run.js';
import { type Column, columnFor, type Row } from './table.js';

const ValuesVary = z
  .object({
    field: PointerSchema.describe('JSON pointer of the input field to vary'),
    values: z.array(z.unknown()).min(1).describe('The values it takes, in order (numbers, or e.g. vehicle ids)'),
  })
  .strict();

const RangeVary = z
  .object({
    field: PointerSchema.describe('JSON pointer of the input field to vary'),
    from: z.number().describe('First value, in the unit of the field'),
    to: z.number().describe('Last value (may be below `from`: the range runs downwards)'),
    steps: z.number().int().min(2).describe('Number of values, both ends included'),
    scale: z
      .enum(['linear', 'log'])
      .default('linear')
      .describe('Equal differences (linear) or equal ratios (log: `from` and `to` must be positive)'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scale === 'log')
      for (const end of ['from', 'to'] as const)
        if (!(v[end] > 0))
          ctx.addIssue({ code: 'custom', path: [end], message: `a log range needs a positive ${end}; got ${v[end]}` });
  });

export const VarySchema = z.union([ValuesVary, RangeVary]);
export type Vary = z.output<typeof VarySchema>;

export const SweepRequestSchema = z
  .object({
    estimator: z.enum(ESTIMATOR_NAMES).describe('The estimator to run at every point'),
    base: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Its input at every point, before the varied fields are set (the defaults where empty)'),
    vary: z.array(VarySchema).min(1).max(8).describe('The fields to vary; the grid is their product, the first changing slowest'),
    outputs: z
      .array(PointerSchema)
      .min(1)
      .max(32)
      .describe('JSON pointers of the output fields to keep, e.g. "/cost_ratio" or "/breakeven/launch_usd_per_kg"'),
  })
  .strict();
export type SweepRequest = z.output<typeof SweepRequestSchema>;

/** The values a varied field takes: its list, or its range spaced linearly or by equal ratios (ends exact). */
export function valuesOf(vary: Vary): unknown[] {
  if ('values' in vary) return vary.values;
  const { from, to, steps, scale } = vary;
  const at = (k: number) => {
    if (k === 0) return from;
    if (k === steps - 1) return to;
    const t = k / (steps - 1);
    return scale === 'log' ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
  };
  return Array.from({ length: steps }, (_, k) => at(k));
}

/** Number of grid points, computed without building the grid. */
export function pointCount(vary: readonly Vary[]): number {
  return vary.reduce((n, v) => n * ('values' in v ? v.values.length : v.steps), 1);
}

/** The varied values of point `index` (mixed radix: the last varied field changes fastest). */
export function pointValues(grid: readonly unknown[][], index: number): unknown[] {
  const values = new Array<unknown>(grid.length);
  let rest = index;
  for (let d = grid.length - 1; d >= 0; d--) {
    const axis = grid[d] as unknown[];
    values[d] = axis[rest % axis.length];
    rest = Math.floor(rest / axis.length);
  }
  return values;
}

/** The input of every point, in grid order, built as they are asked for. */
export function* pointItems(request: SweepRequest, grid: readonly unknown[][]): Generator<Item> {
  const count = grid.reduce((n, axis) => n * axis.length, 1);
  for (let k = 0; k < count; k++) {
    const values = pointValues(grid, k);
    let input: Record<string, unknown> = request.base;
    request.vary.forEach((v, d) => {
      input = withValueAt(input, v.field, values[d]);
    });
    yield { estimator: request.estimator, input };
  }
}

/** A pointer of a request and where it sits in that request (for the 400's pointer). */
export interface PlacedPointer {
  pointer: string;
  at: string;
}

/**
 * 400 before any work for an input field the estimator has no place for, or an output its answer has
 * no field for; with `numeric`, also for one whose schema admits no number there (an uncertain input,
 * a solved field, a summarised output).
 */
export function checkPointers(
  estimator: Estimator,
  inputs: readonly PlacedPointer[],
  outputs: readonly PlacedPointer[],
  numeric = false,
): void {
  const { input, output } = schemasOf(estimator);
  const check = (side: 'input' | 'output', { pointer, at }: PlacedPointer) => {
    const schema = side === 'input' ? input : output;
    const what = side === 'input' ? 'has no input field' : 'answers no field';
    if (!schemaHas(schema, pointerTokens(pointer), schema.$defs ?? {}))
      throw new RequestRefused(400, `${at}: ${estimator.name} ${what} ${JSON.stringify(pointer)}`, { pointer: at });
    if (numeric && !admitsNumber(estimator, pointer, side))
      throw new RequestRefused(400, `${at}: ${estimator.name}'s ${side} field ${JSON.stringify(pointer)} is not a number`, {
        pointer: at,
      });
  };
  for (const p of inputs) check('input', p);
  for (const p of outputs) check('output', p);
}

/** 400 before any work for a varied field the input has no place for, or an output the answer has no field for. */
export function checkFields(estimator: Estimator, request: SweepRequest): void {
  checkPointers(
    estimator,
    request.vary.map((v, d) => ({ pointer: v.field, at: `/vary/${d}/field` })),
    request.outputs.map((o, k) => ({ pointer: o, at: `/outputs/${k}` })),
  );
}

/** Columns that name the answer's other keys. */
const RESERVED = new Set(['point', 'error']);

/** The table's columns: the varied fields, then the outputs; two with one name are refused (400). */
export function sweepColumns(request: SweepRequest): Column[] {
  const columns = [
    ...request.vary.map((v) => columnFor(v.field, 'varied', 'values' in v ? 'values' : v.scale)),
    ...request.outputs.map((o) => columnFor(o, 'output')),
  ];
  const seen = new Set<string>();
  columns.forEach((c, k) => {
    const where = k < request.vary.length ? `/vary/${k}/field` : `/outputs/${k - request.vary.length}`;
    if (seen.has(c.name) || RESERVED.has(c.name))
      throw new RequestRefused(
        400,
        `${where}: the column ${JSON.stringify(c.name)} is named twice or is reserved (point, error)`,
        {
          pointer: where,
        },
      );
    seen.add(c.name);
  });
  return columns;
}

/** One point's row: its varied values, then each output the answer has at its pointer (null where it has none). */
export function rowOf(point: number, values: readonly unknown[], result: Result, outputs: readonly string[]): Row {
  const cells = [...values];
  for (const o of outputs) cells.push(result.ok ? (valueAt(result.output, o) ?? null) : null);
  return { point, cells, error: result.ok ? null : result.problem };
}
