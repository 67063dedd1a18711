/**
 * Many estimator requests in one (a batch's items, a sweep's points): each validated and priced
 * before any runs, the whole refused with 413 when the sum passes the budget, then run in order, in
 * chunks: inline when they are cheap, else in the worker pool, several chunks at once, each chunk's
 * results handed on as soon as it and those before it are done (what the NDJSON stream writes).
 * Every item is answered or refused alone, with the problem its own route would give.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { pricedWith } from '../../models/cost.js';
import { TooLarge } from '../../models/errors.js';
import { checkCost, type Estimator, refusalSeconds, runEstimator } from '../../models/estimator.js';
import { ESTIMATOR_BY_NAME, ESTIMATOR_NAMES } from '../../models/registry.js';
import { toProblem } from '../plugins/errors.js';
import { ClientGone, type EstimatorPool } from '../pool.js';
import type { Problem } from '../problem.js';
import { type Outcome, projected, refusalError } from '../worker.js';

/** One request among many: the estimator's name and its input, as JSON gave them. */
export interface Item {
  estimator: string;
  input: unknown;
}

export type Result = { ok: true; output: Record<string, unknown> } | { ok: false; problem: Problem };

/** Where an item sits in the request, for the pointers of its problems ("/items/17", "/items/17/input"). */
export interface Place {
  item: string;
  input: string;
}

/**
 * The place of items the request does not list one by one (a sweep's points, uncertainty's samples,
 * the command line's one input): their problems point at the request's own fields.
 */
export const AT_REQUEST_ROOT = (): Place => ({ item: '', input: '' });

export interface RunOptions {
  /** Where chunks run when the whole costs more than `inline_max_cpu_s`; without one, inline in slices. */
  pool?: EstimatorPool;
  /** Largest estimated CPU time of the whole request, s (413 above it). */
  budget_cpu_s: number;
  /** Estimated CPU time below which the whole runs at once on the event loop, s; also the longest inline slice. */
  inline_max_cpu_s: number;
  /** Estimated CPU time of one chunk sent to a worker, s. */
  chunk_cpu_s: number;
  /** Aborts when the caller goes away: no further chunk starts, and those running are stopped. */
  signal?: AbortSignal;
  /** Reduce each answer to these fields (JSON pointers), `{ pointer: value or null }`: all a sample needs. */
  outputs?: readonly string[];
  log?: FastifyBaseLogger;
}

/** An item validated and priced: ready to run, or already answered with its problem. */
export interface Prepared {
  estimator: Estimator | undefined;
  raw: unknown;
  parsed: unknown;
  cost_s: number;
  /** Pointer put before the pointers of its problems. */
  base: string;
  problem: Problem | null;
}

/** One item of a batch: the estimator that answers it and its input, checked item by item. */
export const ItemShape = z
  .object({
    estimator: z
      .enum(ESTIMATOR_NAMES, { error: `expected the name of an estimator: one of ${ESTIMATOR_NAMES.join(', ')}` })
      .describe('Which estimator answers the item'),
    input: z.unknown().describe("Its input, as its own route's body"),
  })
  .strict()
  .describe('One request of the batch');

/** Validate and price one item; its problem is the one its own route would answer. */
function prepareItem(item: Item, place: Place, options: Pick<RunOptions, 'budget_cpu_s' | 'log'>): Prepared {
  const shape = ItemShape.safeParse(item);
  if (!shape.success) {
    const refused = toProblem(shape.error, item, { base: place.item, log: options.log });
    return { estimator: undefined, raw: undefined, parsed: undefined, cost_s: 0, base: place.input, problem: refused };
  }
  const estimator = ESTIMATOR_BY_NAME.get(shape.data.estimator) as Estimator;
  const prepared: Prepared = { estimator, raw: item.input, parsed: undefined, cost_s: 0, base: place.input, problem: null };
  try {
    prepared.parsed = estimator.input.parse(item.input);
    prepared.cost_s = checkCost(estimator, prepared.parsed, options.budget_cpu_s).cpu_s;
  } catch (error) {
    prepared.problem = toProblem(error, item.input, { base: place.input, log: options.log });
  }
  return prepared;
}

/**
 * Items validated and priced into the chunks they will run in: a new chunk when `fresh` says so or
 * when the next item would pass `chunk_s` of estimated CPU; the work a model keeps for reuse (an
 * orbit's year) is priced once per chunk, since a chunk runs on one thread, in order.
 */
class Chunker {
  private readonly chunks: Prepared[][] = [];
  private chunk: Prepared[] = [];
  private kept = new Set<string>();
  private cost = 0;

  constructor(
    private readonly chunk_s: number,
    private readonly options: Pick<RunOptions, 'budget_cpu_s' | 'log'>,
  ) {}

  private price(item: Item, place: Place): Prepared {
    return pricedWith(this.kept, () => prepareItem(item, place, this.options));
  }

  add(item: Item, place: Place, fresh = false): void {
    let p = this.price(item, place);
    if (this.chunk.length > 0 && (fresh || this.cost + (p.problem ? 0 : p.cost_s) > this.chunk_s)) {
      this.chunks.push(this.chunk);
      [this.chunk, this.kept, this.cost] = [[], new Set<string>(), 0];
      p = this.price(item, place);
    }
    this.chunk.push(p);
    this.cost += p.problem ? 0 : p.cost_s;
  }

  done(): Prepared[][] {
    if (this.chunk.length > 0) this.chunks.push(this.chunk);
    return this.chunks;
  }
}

/** The estimated CPU time of one chunk: the pool's job size, or without a pool the longest inline slice. */
const chunkSeconds = (options: RunOptions) => (options.pool ? options.chunk_cpu_s : options.inline_max_cpu_s);

/**
 * Validate and price every item into chunks (`Chunker`), giving the event loop back after each slice
 * of `inline_max_cpu_s`; `fresh(k)` starts a new chunk at item k (a seed stream's first sample).
 */
export async function prepareChunks(
  items: Iterable<Item>,
  placeOf: (index: number) => Place,
  options: RunOptions,
  fresh: (index: number) => boolean = () => false,
): Promise<Prepared[][]> {
  const chunker = new Chunker(chunkSeconds(options), options);
  const slice_ms = options.inline_max_cpu_s * 1000;
  let sliceStart = performance.now();
  let k = 0;
  for (const item of items) {
    chunker.add(item, placeOf(k), fresh(k));
    k++;
    if (performance.now() - sliceStart > slice_ms) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return chunker.done();
}

/** Estimated CPU time of the items that will run, s. */
export function totalCost(prepared: readonly Prepared[]): number {
  let sum = 0;
  for (const p of prepared) if (!p.problem) sum += p.cost_s;
  return sum;
}

/** 413 before any work when the items together cost more than the budget. */
export function checkTotalCost(prepared: readonly Prepared[], budget_cpu_s: number, pointer: string, noun: string): void {
  const total = totalCost(prepared);
  if (total <= budget_cpu_s) return;
  const runnable = prepared.filter((p) => !p.problem).length;
  const estimated = refusalSeconds(total);
  throw new TooLarge(
    `these ${runnable} ${noun} would take about ${estimated} s of CPU together, more than the budget of ${budget_cpu_s} s per request: split them into several requests`,
    { estimated_cpu_s: estimated, budget_cpu_s, [noun]: runnable },
    pointer,
  );
}

/** The problem of anything thrown while running an item (a fault is logged and answered 500). */
function problemOf(error: unknown, p: Prepared, log: FastifyBaseLogger | undefined): Problem {
  return toProblem(error, p.raw, { base: p.base, log });
}

/** Run a chunk on the event loop. */
function runInline(chunk: readonly Prepared[], options: RunOptions): Result[] {
  const { log, outputs } = options;
  return chunk.map((p): Result => {
    if (p.problem || !p.estimator) return { ok: false, problem: p.problem as Problem };
    try {
      const answer = runEstimator(p.estimator, p.parsed, 'finite') as Record<string, unknown>;
      return { ok: true, output: outputs ? projected(answer, outputs) : answer };
    } catch (error) {
      return { ok: false, problem: problemOf(error, p, log) };
    }
  });
}

/** Run a chunk in one worker job; a refusal of the whole job (busy, out of memory) is every item's problem. */
async function runPooled(chunk: readonly Prepared[], pool: EstimatorPool, options: RunOptions): Promise<Result[]> {
  const runnable = chunk.filter((p) => !p.problem);
  let outcomes: Outcome[] = [];
  let failure: unknown;
  try {
    const jobs = runnable.map((p) => ({ estimator: (p.estimator as Estimator).name, body: p.raw }));
    const cost = runnable.reduce((s, p) => s + p.cost_s, 0);
    outcomes = await pool.runItems(jobs, cost, options.signal ?? new AbortController().signal, options.outputs);
  } catch (error) {
    if (error instanceof ClientGone) throw error;
    failure = error;
  }
  let k = 0;
  return chunk.map((p): Result => {
    if (p.problem) return { ok: false, problem: p.problem };
    const outcome = outcomes[k++];
    if (failure !== undefined || !outcome) return { ok: false, problem: problemOf(failure, p, options.log) };
    return outcome.ok
      ? { ok: true, output: outcome.answer as Record<string, unknown> }
      : { ok: false, problem: problemOf(refusalError(outcome.refusal), p, options.log) };
  });
}

/** Chunks in the pool, a few at once, handed on in order. */
async function* inPool(chunks: Prepared[][], pool: EstimatorPool, options: RunOptions): AsyncGenerator<Result[]> {
  const inFlight: Promise<Result[]>[] = [];
  const width = pool.options.threads * 2;
  let next = 0;
  while (next < chunks.length || inFlight.length > 0) {
    while (next < chunks.length && inFlight.length < width && !options.signal?.aborted) {
      const running = runPooled(chunks[next++] as Prepared[], pool, options);
      // Handled here so that a later chunk's rejection (the client left) is never "unhandled" while an earlier one is awaited.
      running.catch(() => undefined);
      inFlight.push(running);
    }
    const head = inFlight.shift();
    if (!head) break;
    yield await head;
  }
}

/** Chunks on the event loop, giving it back between chunks. */
async function* inline(chunks: Prepared[][], options: RunOptions): AsyncGenerator<Result[]> {
  for (const chunk of chunks) {
    if (options.signal?.aborted) throw new ClientGone();
    yield runInline(chunk, options);
    await nextTurn();
  }
}

/** Every result or row of the chunks, in order, once all are computed. */
export async function allOf<T>(chunks: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const chunk of chunks) all.push(...chunk);
  return all;
}

/** Run items already cut into chunks (each one job of the pool): the whole at once when cheap, else chunk by chunk. */
export function runChunks(chunks: Prepared[][], options: RunOptions): AsyncGenerator<Result[]> {
  if (chunks.reduce((s, c) => s + totalCost(c), 0) <= options.inline_max_cpu_s) return inline([chunks.flat()], options);
  if (options.pool) return inPool(chunks, options.pool, options);
  return inline(chunks, options);
}
