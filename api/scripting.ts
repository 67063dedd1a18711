/**
 * Routes for scripts, built from the registry: `POST /v1/batch` (many requests in one, each answered
 * or refused alone) and `POST /v1/sweep` (one estimator over a grid, as JSON, CSV, an NDJSON stream
 * or an SVG chart). Their limits are checked before any work; the items run through
 * src/scripting/run.ts, inline or in the worker pool. No physics here.
 */
import { Readable } from 'node:stream';
import accepts from '@fastify/accepts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClientGone } from '../src/pool.js';
import { ProblemSchema, RequestRefused } from '../src/problem.js';
import {
  batchJson,
  batchLines,
  type Limits,
  type SweepFormat,
  startBatch,
  startSweep,
  sweepJson,
  sweepLines,
} from '../src/scripting/answers.js';
import { sweepChart } from '../src/scripting/chart.js';
import { allOf, type Item, ItemShape, type RunOptions } from '../src/scripting/run.js';
import { type SweepRequest, SweepRequestSchema } from '../src/scripting/sweep.js';
import { clientGoneSignal, ERROR_RESPONSES, type ExecutionOptions, problemResponse } from './estimators.js';
import { solveRoute, uncertaintyRoute } from './uncertainty.js';

export interface ScriptingOptions extends ExecutionOptions {
  max_batch_items: number;
  max_sweep_points: number;
  max_uncertainty_samples: number;
  /** Estimated CPU time of one chunk sent to a worker, s. */
  chunk_cpu_s: number;
  /** Largest body, bytes (stated in the descriptions). */
  body_limit_bytes: number;
}

const { $schema: _, ...itemJsonSchema } = z.toJSONSchema(ItemShape, { io: 'input' }) as Record<string, unknown>;
/**
 * An item as the document shows it, `{ estimator, input }`, but checked item by item: one that is
 * not (not an object, no such estimator, a stray key) is refused alone with its 400, like any bad item.
 */
const ItemSchema = z.unknown().meta(itemJsonSchema);

const ResultSchema = z.union([
  z.object({
    ok: z.literal(true).describe('The item was answered'),
    output: z.record(z.string(), z.unknown()).describe("The estimator's answer, as its own route gives it"),
  }),
  z.object({
    ok: z.literal(false).describe('The item was refused'),
    problem: ProblemSchema.describe(
      "The problem its own route would answer, its pointers prefixed with the item's place (/items/17/input/heat_kw)",
    ),
  }),
]);

const ColumnSchema = z.object({
  name: z.string().describe('Key of the column in each row: the pointer\'s tokens joined by "."; field names carry their unit'),
  pointer: z.string().describe("JSON pointer into the point's input (varied) or the estimator's answer (output)"),
  role: z.enum(['varied', 'output']).describe('A varied input field, or an output'),
  unit: z.string().describe('Unit read from the field name ("USD/kg"); "1" for a ratio or fraction; "" when the name says none'),
  label: z.string().describe('The name without its unit, for axes'),
  scale: z.enum(['values', 'linear', 'log']).optional().describe("How a varied field's values were chosen"),
});

const SweepJsonSchema = z.object({
  estimator: z.string().describe('The estimator run at every point'),
  columns: z.array(ColumnSchema).describe('The varied fields, then the outputs, in the order of the request'),
  points: z.number().int().describe('Rows: the grid points'),
  failed: z.number().int().describe('Rows whose `error` is not null'),
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .describe('One per point, in grid order: `point`, a key per column (null where the answer has no value), and `error`'),
});

const SWEEP_TYPES = ['application/json', 'text/csv', 'application/x-ndjson', 'image/svg+xml'] as const;
const BATCH_TYPES = ['application/json', 'application/x-ndjson'] as const;
const FORMATS: Record<(typeof SWEEP_TYPES)[number], SweepFormat> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'image/svg+xml': 'svg',
};

/** A request's limits: the service's settings, the whole within the per-request budget. */
const limitsOf = (options: ScriptingOptions): Limits => ({
  max_items: options.max_batch_items,
  max_points: options.max_sweep_points,
  whole_budget: true,
});

/** The response type the client accepts best among `offered`, or a 406 problem. */
export function negotiate<T extends string>(request: FastifyRequest, offered: readonly T[]): T {
  const chosen = request.accepts().type([...offered]);
  if (typeof chosen === 'string') return chosen as T;
  throw new RequestRefused(
    406,
    `none of the types this route answers (${offered.join(', ')}) is acceptable to the Accept header ${JSON.stringify(String(request.headers.accept).slice(0, 80))}`,
  );
}

/** What runs the items: the execution options with this request's logger and client-gone signal. */
export function runOptions(options: ScriptingOptions, request: FastifyRequest, reply: FastifyReply): RunOptions {
  return { ...options, signal: clientGoneSignal(reply), log: request.log };
}

/** Send lines as a stream; a client that leaves stops the work, which ends the stream quietly. */
function stream(reply: FastifyReply, type: string, lines: AsyncGenerator<string>): FastifyReply {
  async function* quiet() {
    try {
      yield* lines;
    } catch (error) {
      if (!(error instanceof ClientGone)) throw error;
    }
  }
  return reply.type(type).send(Readable.from(quiet()));
}

export function describeLimits(options: ScriptingOptions, what: string): string {
  return `Limits, each answered 413 with the limit in \`figures\` before any work: ${what}; a body of at most ${options.body_limit_bytes.toLocaleString('en-US')} bytes; and the items' estimated CPU time together at most ${options.budget_cpu_s} s (the per-request budget), each item also within it.`;
}

/** The OpenAPI side of a scripting route: what it is, its body, and its success answer by media type. */
export interface RouteDoc {
  operationId: string;
  summary: string;
  description: string;
  body: z.ZodType;
  ok: { description: string; content: Record<string, { schema: z.ZodType }> };
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Register `POST url` under the scripting tag, with the problems every scripting route may answer (406 for an Accept it cannot meet). */
export function postScripting(app: FastifyInstance, url: string, doc: RouteDoc, handler: Handler): void {
  const { ok, ...rest } = doc;
  const response = {
    200: ok,
    406: problemResponse('None of the response types offered is acceptable to the Accept header'),
    ...ERROR_RESPONSES,
  };
  app.post(url, { schema: { ...rest, tags: ['scripting'], response } }, handler);
}

async function batchRoute(app: FastifyInstance, options: ScriptingOptions) {
  postScripting(
    app,
    '/v1/batch',
    {
      operationId: 'batch',
      summary: 'Many estimator requests in one: each answered, or refused with its own problem, in order',
      description: `Each item is { estimator, input }, answered as \`POST /v1/<estimator>\` would answer that input: \`{ ok: true, output }\`, or \`{ ok: false, problem }\` with the same problem+json, its pointers prefixed with the item (\`/items/17/input/heat_kw\`). One bad item never fails the others. \`Accept: application/x-ndjson\` streams one line per item, \`{ item, ok, output | problem }\`, as they are computed. ${describeLimits(options, `at most ${options.max_batch_items.toLocaleString('en-US')} items`)}`,
      body: z
        .object({
          items: z
            .array(ItemSchema)
            .min(1)
            .describe(`The requests, at most ${options.max_batch_items.toLocaleString('en-US')}`),
        })
        .strict()
        .meta({ 'x-examples': BATCH_EXAMPLES }),
      ok: {
        description: 'One result per item, in order',
        content: {
          'application/json': {
            schema: z.object({
              results: z.array(ResultSchema).describe('One per item, in the order of `items`'),
              succeeded: z.number().int().describe('Items answered'),
              failed: z.number().int().describe('Items refused'),
            }),
          },
          'application/x-ndjson': {
            schema: z.string().describe('One JSON object per line: { item, ok, output | problem }, in order'),
          },
        },
      },
    },
    async (request, reply) => {
      const type = negotiate(request, BATCH_TYPES);
      const { items } = request.body as { items: Item[] };
      const results = await startBatch(items, runOptions(options, request, reply), limitsOf(options));
      if (type === 'application/x-ndjson') return stream(reply, type, batchLines(results));
      return batchJson(results);
    },
  );
}

const BATCH_EXAMPLES = {
  mixed: {
    summary: 'A radiator, a power system, and an item with a typo (answered with its own 400)',
    value: {
      items: [
        { estimator: 'thermal', input: { heat_kw: 1000, radiator_temp_k: 300 } },
        { estimator: 'power', input: { load_kw: 100, orbit: { altitude_km: 550 } } },
        { estimator: 'thermal', input: { heat_kw: -5, radiator_temp_k: 300 } },
      ],
    },
  },
};

const SWEEP_EXAMPLES = {
  launch_price: {
    summary: 'Launch price from $3,000 to $100/kg (log) against the cost ratio and the break-even price',
    value: {
      estimator: 'economics',
      base: { load_kw: '1 GW', mission_years: 5 },
      vary: [{ field: '/launch_usd_per_kg', from: 3000, to: 100, steps: 12, scale: 'log' }],
      outputs: ['/cost_ratio', '/orbital_usd_per_kwh'],
    },
  },
  radiator: {
    summary: 'Radiator area over heat and temperature (a heatmap with Accept: image/svg+xml)',
    value: {
      estimator: 'thermal',
      base: {},
      vary: [
        { field: '/heat_kw', from: 100, to: 10000, steps: 9, scale: 'log' },
        { field: '/radiator_temp_k', values: [250, 300, 350, 400] },
      ],
      outputs: ['/area_m2'],
    },
  },
};

async function sweepRoute(app: FastifyInstance, options: ScriptingOptions) {
  postScripting(
    app,
    '/v1/sweep',
    {
      operationId: 'sweep',
      summary: 'One estimator over a grid of inputs: a table (JSON, CSV, NDJSON stream) or a chart (SVG)',
      description: `The grid is the product of the \`vary\` entries (the first changes slowest); each point is \`base\` with the varied fields set, answered as \`POST /v1/<estimator>\` would. A row per point: \`point\`, the varied values, the chosen outputs (column names are the pointers' tokens joined by ".", their units in them, e.g. "breakeven.launch_usd_per_kg"), and \`error\`: null, or the problem of a point that failed (pointers into that point's input); one failed point never fails the sweep. \`Accept\`: \`application/json\` (default, with the columns and their units), \`text/csv\` (header row), \`application/x-ndjson\` (rows streamed as they are computed), \`image/svg+xml\` (a line chart for one varied field, log axes for a log range; a heatmap of the first output for two). ${describeLimits(options, `at most ${options.max_sweep_points.toLocaleString('en-US')} points`)}`,
      body: SweepRequestSchema.meta({ 'x-examples': SWEEP_EXAMPLES }),
      ok: {
        description: 'The table, or its chart',
        content: {
          'application/json': { schema: SweepJsonSchema },
          'text/csv': { schema: z.string().describe('A header row (point, the columns, error), then a record per point') },
          'application/x-ndjson': { schema: z.string().describe('One row object per line, as in `rows` of the JSON answer') },
          'image/svg+xml': { schema: z.string().describe('The chart: axes titled with names and units') },
        },
      },
    },
    async (request, reply) => {
      const type = negotiate(request, SWEEP_TYPES);
      const body = request.body as SweepRequest;
      const format = FORMATS[type];
      const { columns, rows } = await startSweep(body, format, runOptions(options, request, reply), limitsOf(options));
      if (format === 'ndjson' || format === 'csv')
        return stream(
          reply,
          format === 'csv' ? 'text/csv; charset=utf-8; header=present' : type,
          sweepLines(format, columns, rows),
        );
      const all = await allOf(rows);
      if (format === 'svg') return reply.type(type).send(sweepChart({ estimator: body.estimator, columns, rows: all }));
      return sweepJson(body.estimator, columns, all);
    },
  );
}

export async function scriptingRoutes(app: FastifyInstance, options: ScriptingOptions) {
  await app.register(accepts);
  await batchRoute(app, options);
  await sweepRoute(app, options);
  await uncertaintyRoute(app, options);
  await solveRoute(app, options);
}
