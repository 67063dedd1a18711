/**
 * Where the command line's work runs: in this process (src/cli/in-process.ts), over the same registry
 * and the same batch and sweep pipeline as the service, or in a running service reached with `--url`
 * (here). Both give the same results and rows, so that the output formats are written once. The
 * remote loads no model for one estimator, a batch or the list: it only sends requests, and a command
 * sent to a service should start as fast as a bare script; a sweep loads the registry for its columns.
 */
import type { IncomingMessage } from 'node:http';
import { text } from 'node:stream/consumers';
import type { Problem } from '../problem.js';
import type { SweepFormat } from '../scripting/answers.js';
import type { Item, Result } from '../scripting/run.js';
import type { SolveRequest } from '../scripting/solve.js';
import type { SweepRequest } from '../scripting/sweep.js';
import type { Column, Row } from '../scripting/table.js';
import type { UncertaintyRequest } from '../scripting/uncertainty.js';

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

/** Something the command line cannot do (an unreachable service, an unreadable file): exit code 2. */
export class UsageError extends Error {}

/**
 * The problem of a service's non-2xx answer. The problem helpers (and zod, which they load) are
 * imported only for an answer that is not a problem, so that an answered command never loads them.
 */
async function problemOf(response: Answer): Promise<Problem> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    const { problem } = await import('../problem.js');
    return problem(response.status, `the service answered ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** Throw the service's refusal of a whole request as the ProblemError an in-process refusal is (loaded only then). */
async function refusedBy(response: Answer): Promise<never> {
  const p = await problemOf(response);
  const { ProblemError } = await import('../problem.js');
  throw new ProblemError(p);
}

/** Lines of an NDJSON body, parsed, as they arrive. */
async function* ndjsonObjects(response: Answer): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body) {
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

/**
 * A service's answer, as much of fetch's Response as the remote reads. It comes from node:http:
 * fetch would load undici, which takes longer to load than the command takes to send its request.
 */
class Answer {
  constructor(private readonly message: IncomingMessage) {}

  get status(): number {
    return this.message.statusCode ?? 0;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body's bytes as they arrive. */
  get body(): AsyncIterable<Uint8Array> {
    return this.message;
  }

  /** The whole body as UTF-8 text. */
  text(): Promise<string> {
    return text(this.message);
  }

  /** The whole body as JSON. */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** Stop reading the body (its connection is closed). */
  cancel(): void {
    this.message.destroy();
  }
}

type Send = (path: string, body?: unknown, accept?: string) => Promise<Answer>;

/** Requests to the service at `base` (http or https); one that cannot reach it is a usage error. */
function sender(base: string): Send {
  return async (path, body, accept = 'application/json') => {
    const { request } = base.startsWith('https:') ? await import('node:https') : await import('node:http');
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = {
      accept,
      ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
    };
    return new Promise((resolve, reject) => {
      const unreachable = (error: unknown) => reject(new UsageError(`cannot reach ${base}: ${error}`));
      try {
        request(`${base}${path}`, { method: payload === undefined ? 'GET' : 'POST', headers }, (message) =>
          resolve(new Answer(message)),
        )
          .on('error', unreachable)
          .end(payload);
      } catch (error) {
        // A URL that is not one (no scheme, a scheme other than http or https).
        unreachable(error);
      }
    });
  };
}

/** Items as one POST /v1/batch, streamed; refused together for their cost (413), sent again in halves. */
async function* remoteBatch(send: Send, items: Item[], places: number[], offset: number): AsyncGenerator<Result[]> {
  const response = await send('/v1/batch', { items }, 'application/x-ndjson');
  if (response.status === 413 && items.length > 1) {
    response.cancel();
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
      if (!response.ok) await refusedBy(response);
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
      // The columns (names and units of the fields) come from the estimator's schemas: a sweep loads the registry.
      const { checkSweep } = await import('../scripting/answers.js');
      const columns = checkSweep(body, format, { whole_budget: false });
      const response = await send('/v1/sweep', body, 'application/x-ndjson');
      if (!response.ok) await refusedBy(response);
      return { columns, rows: rowsOf(columns, ndjsonObjects(response)) };
    },
    async uncertainty(body, format) {
      const response = await send('/v1/uncertainty', body, format === 'svg' ? 'image/svg+xml' : 'application/json');
      if (!response.ok) await refusedBy(response);
      return format === 'svg' ? await response.text() : `${JSON.stringify(await response.json(), null, 2)}\n`;
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
