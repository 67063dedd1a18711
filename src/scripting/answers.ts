/**
 * A batch and a sweep from request to answer, shared by the routes (api/scripting.ts) and the
 * command line (src/cli/orbital-dc.ts): the checks before any work (limits, fields, the budget), then
 * the results chunk by chunk, and the text of each format.
 */
import { TooLarge } from '../../models/errors.js';
import type { Estimator } from '../../models/estimator.js';
import { ESTIMATOR_BY_NAME } from '../../models/registry.js';
import { type Problem, ProblemError, RequestRefused } from '../problem.js';
import { csvHeader, csvRecord, ndjsonLine, rowObject } from './formats.js';
import {
  AT_REQUEST_ROOT,
  allOf,
  checkTotalCost,
  type Item,
  type Prepared,
  prepareChunks,
  type Result,
  type RunOptions,
  runChunks,
} from './run.js';
import { checkFields, pointCount, pointItems, pointValues, rowOf, type SweepRequest, sweepColumns, valuesOf } from './sweep.js';
import type { Column, Row } from './table.js';

/** Limits of one request: absent on the command line, where the caller's own machine does the work. */
export interface Limits {
  max_items?: number;
  max_points?: number;
  /** Refuse (413) a whole whose estimated CPU time passes `budget_cpu_s`. */
  whole_budget: boolean;
}

export type SweepFormat = 'json' | 'csv' | 'ndjson' | 'svg';

/** Check a batch before any work (its size, its items, their cost together), then run it: results in order, chunk by chunk. */
export async function startBatch(
  items: Item[],
  run: RunOptions,
  limits: Limits,
  indexOf: (k: number) => number = (k) => k,
): Promise<AsyncGenerator<Result[]>> {
  if (limits.max_items !== undefined && items.length > limits.max_items)
    throw new TooLarge(
      `a batch holds at most ${limits.max_items} items; got ${items.length}: split it`,
      { items: items.length, limit_items: limits.max_items },
      '/items',
    );
  const placeOf = (k: number) => {
    const item = `/items/${indexOf(k)}`;
    return { item, input: `${item}/input` };
  };
  const chunks = await prepareChunks(items, placeOf, run);
  if (limits.whole_budget) checkTotalCost(chunks.flat(), run.budget_cpu_s, '/items', 'items');
  return runChunks(chunks, run);
}

/** Each result as an NDJSON line, `{ item, ok, output | problem }`. */
export async function* batchLines(results: AsyncGenerator<Result[]>, first = 0): AsyncGenerator<string> {
  let item = first;
  for await (const chunk of results) {
    let text = '';
    for (const r of chunk) text += ndjsonLine({ item: item++, ...r });
    yield text;
  }
}

/** The JSON answer of a batch: every result in order, and how many succeeded and failed. */
export async function batchJson(results: AsyncGenerator<Result[]>) {
  const all = await allOf(results);
  const failed = all.filter((r) => !r.ok).length;
  return { results: all, succeeded: all.length - failed, failed };
}

/** The sweep's checks that need no point: the fields, the column names, the grid's size, a chart's dimensions. */
export function checkSweep(body: SweepRequest, format: SweepFormat, limits: Limits): Column[] {
  // The request's schema (SweepRequestSchema) admits only the registry's names.
  checkFields(ESTIMATOR_BY_NAME.get(body.estimator) as Estimator, body);
  const columns = sweepColumns(body);
  const points = pointCount(body.vary);
  if (limits.max_points !== undefined && points > limits.max_points)
    throw new TooLarge(
      `a sweep has at most ${limits.max_points} points; this grid has ${points}: fewer steps or values`,
      { points, limit_points: limits.max_points },
      '/vary',
    );
  if (format === 'svg' && body.vary.length > 2)
    throw new RequestRefused(
      400,
      `a chart draws one varied field (a line chart) or two (a heatmap); this sweep varies ${body.vary.length}: ask for JSON, CSV or NDJSON`,
      { pointer: '/vary' },
    );
  return columns;
}

/**
 * When the first and the last points fail their schema alike, on fields the sweep does not vary,
 * every point does: the sweep is answered 400 with that problem, its pointers into `base`, instead
 * of a table of the same error.
 */
function baseProblem(prepared: Prepared[], body: SweepRequest): Problem | null {
  const first = prepared[0]?.problem;
  const last = prepared[prepared.length - 1]?.problem;
  if (!first?.errors?.length || first.status !== 400 || JSON.stringify(first.errors) !== JSON.stringify(last?.errors))
    return null;
  const varied = (p: string) => body.vary.some((v) => p === v.field || p.startsWith(`${v.field}/`));
  if (first.errors.some((e) => varied(e.pointer))) return null;
  const errors = first.errors.map((e) => ({ ...e, pointer: `/base${e.pointer}` }));
  const head = errors[0] as { pointer: string; message: string };
  return { ...first, detail: `every point fails on a field of base: ${head.pointer}: ${head.message}`, errors };
}

/** The points' rows, chunk by chunk, as they are computed. */
async function* sweepRows(chunks: Prepared[][], grid: unknown[][], body: SweepRequest, run: RunOptions): AsyncGenerator<Row[]> {
  let point = 0;
  for await (const chunk of runChunks(chunks, run)) {
    const rows: Row[] = [];
    for (const result of chunk) rows.push(rowOf(point, pointValues(grid, point++), result, body.outputs));
    yield rows;
  }
}

export interface StartedSweep {
  columns: Column[];
  points: number;
  rows: AsyncGenerator<Row[]>;
}

/** Check a sweep, validate and price every point (a base every point fails is one 400), then run it. */
export async function startSweep(
  body: SweepRequest,
  format: SweepFormat,
  run: RunOptions,
  limits: Limits,
): Promise<StartedSweep> {
  const columns = checkSweep(body, format, limits);
  const grid = body.vary.map(valuesOf);
  const chunks = await prepareChunks(pointItems(body, grid), AT_REQUEST_ROOT, run);
  const prepared = chunks.flat();
  const whole = baseProblem(prepared, body);
  if (whole) throw new ProblemError(whole);
  if (limits.whole_budget) checkTotalCost(prepared, run.budget_cpu_s, '/vary', 'points');
  return { columns, points: prepared.length, rows: sweepRows(chunks, grid, body, run) };
}

/** Rows as text, chunk by chunk: NDJSON lines, or CSV with its header row first. */
export async function* sweepLines(
  format: 'csv' | 'ndjson',
  columns: Column[],
  rows: AsyncGenerator<Row[]>,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader(columns);
  for await (const chunk of rows) {
    let text = '';
    for (const r of chunk) text += format === 'csv' ? csvRecord(r) : ndjsonLine(rowObject(columns, r));
    yield text;
  }
}

/** The JSON answer of a sweep: its columns with their units, the counts, and the rows as objects. */
export function sweepJson(estimator: string, columns: Column[], rows: Row[]) {
  const failed = rows.filter((r) => r.error).length;
  return { estimator, columns, points: rows.length, failed, rows: rows.map((r) => rowObject(columns, r)) };
}
