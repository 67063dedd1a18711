/**
 * Where the command line's work runs: in this process, over the same registry and the same batch
 * and sweep pipeline as the service (src/scripting/answers.ts), or in a running service reached with
 * `--url`. Both give the same results and rows, so that the output formats are written once.
 */
import type { FastifyBaseLogger } from 'fastify';
import { DEFAULTS } from '../../fixtures/index.js';
import { ESTIMATORS } from '../../models/registry.js';
import { solveField } from '../../models/solve.js';
import { defaultConfig } from '../config.js';
import { toProblem } from '../plugins/errors.js';
import { type Problem, ProblemError, problem } from '../problem.js';
import { checkSweep, type Limits, type SweepFormat, startBatch, startSweep } from '../scripting/answers.js';
import { type Item, prepareChunks, type Result, type RunOptions, runChunks } from '../scripting/run.js';
import { checkSolve, type SolveRequest, solveAnswer } from '../scripting/solve.js';
import type { SweepRequest } from '../scripting/sweep.js';
import type { Column, Row } from '../scripting/table.js';
import { runUncertainty, type UncertaintyRequest } from '../scripting/uncertainty.js';
import { type UncertaintyAnswer, uncertaintyChart, uncertaintyJson } from '../scripting/uncertainty-answer.js';

export interface Catalogue {
  name: string;
  route: string;
  summary: string;
}

export interface StartedSweep {
  columns: Column[];
  rows: AsyncGenerator<Row[]>;
}

export interface Backend {
  list(): Promise<Catalogue[]>;
  /** One estimator on one input: its answer, or the problem its route gives. */
  one(estimator: string, input: unknown): Promise<Result>;
  /** Items in order, chunk by chunk; `places[k]` is item k's index in the caller's numbering (for its pointers). */
  batch(items: Item[], places: number[]): AsyncGenerator<Result[]>;
  /** Throws ProblemError when the sweep is refused before any work. */
  sweep(body: SweepRequest, format: SweepFormat): Promise<StartedSweep>;
  /** The answer as pretty JSON or the chart; throws ProblemError when refused before any work. */
  uncertainty(body: UncertaintyRequest, format: 'json' | 'svg'): Promise<string>;
  /** The root, or the problem its route gives (422 when there is none). */
  solve(body: SolveRequest): Promise<Result>;
}

/** An uncertainty answer as the command line prints it. */
function uncertaintyText(answer: unknown, format: 'json' | 'svg'): string {
  return format === 'svg' ? uncertaintyChart(answer as UncertaintyAnswer) : `${JSON.stringify(answer, null, 2)}\n`;
}

/** Something the command line cannot do (an unreachable service, an unreadable file): exit code 2. */
export class UsageError extends Error {}

/** Faults of the in-process run, said on stderr. */
const stderrLog = {
  error: (obj: unknown, msg?: string) =>
    process.stderr.write(`orbital-dc: ${msg ?? ''} ${String((obj as { err?: Error }).err ?? '')}\n`),
} as unknown as FastifyBaseLogger;

/** In this process: the per-item budget as the service's (raised with --budget-cpu-s), no limit on the whole. */
export function inProcess(budget_cpu_s?: number): Backend {
  const config = defaultConfig();
  const run: RunOptions = {
    budget_cpu_s: budget_cpu_s ?? config.COST_BUDGET_CPU_S,
    inline_max_cpu_s: config.INLINE_MAX_CPU_S,
    chunk_cpu_s: DEFAULTS['execution.chunk_cpu_s'].value,
    log: stderrLog,
  };
  const limits: Limits = { whole_budget: false };
  return {
    list: async () => ESTIMATORS.map((e) => ({ name: e.name, route: `POST /v1/${e.name}`, summary: e.summary })),
    async one(estimator, input) {
      const chunks = await prepareChunks([{ estimator, input }], () => ({ item: '', input: '' }), run);
      for await (const [result] of runChunks(chunks, run)) if (result) return result;
      throw new Error('no result');
    },
    async *batch(items, places) {
      yield* await startBatch(items, run, limits, (k) => places[k] ?? k);
    },
    async sweep(body, format) {
      return startSweep(body, format, run, limits);
    },
    async uncertainty(body, format) {
      return uncertaintyText(uncertaintyJson(await runUncertainty(body, run, false)), format);
    },
    async solve(body) {
      try {
        const { problem } = checkSolve(body, run.budget_cpu_s);
        return { ok: true, output: solveAnswer(body, solveField(problem)) };
      } catch (error) {
        if (error instanceof ProblemError) throw error;
        return { ok: false, problem: toProblem(error, body, { log: stderrLog }) };
      }
    },
  };
}

/** The problem of a service's non-2xx answer. */
async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return problem(response.status, `the service answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** Lines of an NDJSON body, parsed, as they arrive. */
async function* ndjsonObjects(response: Response): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(bytes, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
      newline = buffered.indexOf('\n');
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered) as Record<string, unknown>;
}

/** Items the service refuses together for their total cost are sent again in halves; at most this many per request. */
const REMOTE_BATCH_ITEMS = 1000;

/** A pointer or detail of the service's numbering, `/items/k`, in the caller's. */
function renumber(p: Problem, places: number[], offset: number): Problem {
  const fix = (text: string) => text.replace(/\/items\/(\d+)/g, (_, k: string) => `/items/${places[offset + Number(k)] ?? k}`);
  return { ...p, detail: fix(p.detail), ...(p.errors && { errors: p.errors.map((e) => ({ ...e, pointer: fix(e.pointer) })) }) };
}

type Send = (path: string, body?: unknown, accept?: string) => Promise<Response>;

/** Requests to the service at `base`; one that cannot reach it is a usage error. */
function sender(base: string): Send {
  return async (path, body, accept = 'application/json') => {
    try {
      return await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { accept, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new UsageError(`cannot reach ${base}: ${(error as Error).cause ?? (error as Error).message}`);
    }
  };
}

/** Items as one POST /v1/batch, streamed; refused together for their cost (413), sent again in halves. */
async function* remoteBatch(send: Send, items: Item[], places: number[], offset: number): AsyncGenerator<Result[]> {
  const response = await send('/v1/batch', { items }, 'application/x-ndjson');
  if (response.status === 413 && items.length > 1) {
    await response.body?.cancel();
    const half = Math.ceil(items.length / 2);
    yield* remoteBatch(send, items.slice(0, half), places, offset);
    yield* remoteBatch(send, items.slice(half), places, offset + half);
    return;
  }
  if (!response.ok) {
    const p = renumber(await problemOf(response), places, offset);
    yield items.map((): Result => ({ ok: false, problem: p }));
    return;
  }
  for await (const line of ndjsonObjects(response))
    yield [
      line.ok
        ? { ok: true, output: line.output as Record<string, unknown> }
        : { ok: false, problem: renumber(line.problem as Problem, places, offset) },
    ];
}

/** A running service at `url`. */
export function remote(url: string): Backend {
  const send = sender(url.replace(/\/+$/, ''));
  return {
    async list() {
      const response = await send('/v1/estimators');
      if (!response.ok) throw new ProblemError(await problemOf(response));
      return ((await response.json()) as { estimators: Catalogue[] }).estimators;
    },
    async one(estimator, input) {
      const response = await send(`/v1/${encodeURIComponent(estimator)}`, input);
      if (response.ok) return { ok: true, output: (await response.json()) as Record<string, unknown> };
      return { ok: false, problem: await problemOf(response) };
    },
    async *batch(items, places) {
      for (let k = 0; k < items.length; k += REMOTE_BATCH_ITEMS)
        yield* remoteBatch(send, items.slice(k, k + REMOTE_BATCH_ITEMS), places, k);
    },
    async sweep(body, format) {
      const columns = checkSweep(body, format, { whole_budget: false });
      const response = await send('/v1/sweep', body, 'application/x-ndjson');
      if (!response.ok) throw new ProblemError(await problemOf(response));
      return { columns, rows: rowsOf(columns, ndjsonObjects(response)) };
    },
    async uncertainty(body, format) {
      const response = await send('/v1/uncertainty', body, format === 'svg' ? 'image/svg+xml' : 'application/json');
      if (!response.ok) throw new ProblemError(await problemOf(response));
      return format === 'svg' ? await response.text() : uncertaintyText(await response.json(), format);
    },
    async solve(body) {
      const response = await send('/v1/solve', body);
      if (response.ok) return { ok: true, output: (await response.json()) as Record<string, unknown> };
      return { ok: false, problem: await problemOf(response) };
    },
  };
}

/** The service's NDJSON rows as the table's rows. */
async function* rowsOf(columns: Column[], lines: AsyncGenerator<Record<string, unknown>>): AsyncGenerator<Row[]> {
  for await (const line of lines)
    yield [
      {
        point: line.point as number,
        cells: columns.map((c) => line[c.name] ?? null),
        error: (line.error as Problem | null) ?? null,
      },
    ];
}
