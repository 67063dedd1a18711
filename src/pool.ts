/**
 * The bounded pool where costly requests run (DESIGN §6): worker threads (piscina), so that one
 * large computation never holds the event loop that answers everyone else. A job is cancelled (its
 * thread stopped) when its client goes away or its deadline passes; a full queue is refused at once
 * with the time after which to retry; a worker that outgrows its heap is stopped and the request
 * refused as too large.
 */
import { Piscina } from 'piscina';
import { TooLarge } from '../models/errors.js';
import { RequestRefused } from './problem.js';
import { type ItemsJob, type Job, type Outcome, refusalError, type SolveJob } from './worker.js';

export interface PoolOptions {
  threads: number;
  queue: number;
  deadline_s: number;
  worker_heap_mb: number;
}

/**
 * The pool cannot take the job now (queue full, deadline passed): 503 with Retry-After, answered
 * by the error handler like every refusal (src/plugins/errors.ts).
 */
export class Unavailable extends RequestRefused {
  readonly retryAfter_s: number;

  constructor(detail: string, retryAfter_s: number, figures: Record<string, number | string> = {}) {
    super(503, detail, { figures, headers: { 'retry-after': String(retryAfter_s) } });
    this.name = 'Unavailable';
    this.retryAfter_s = retryAfter_s;
  }
}

/** The client went away: nothing to answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the connection before the answer');
    this.name = 'ClientGone';
  }
}

/** Worker threads load TypeScript through tsx, as the main thread does. */
function workerExecArgv(): string[] {
  const args = process.execArgv.filter((a) => !a.startsWith('--inspect') && !a.startsWith('--cpu-prof'));
  return args.some((a) => a.includes('tsx')) ? args : [...args, '--import', 'tsx'];
}

export class EstimatorPool {
  readonly options: PoolOptions;
  private readonly piscina: Piscina;
  /** Estimated CPU seconds of the jobs queued or running, for Retry-After. */
  private outstanding_s = 0;

  constructor(options: PoolOptions) {
    this.options = options;
    this.piscina = new Piscina({
      filename: new URL('./worker.ts', import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      maxQueue: options.queue,
      idleTimeout: Number.POSITIVE_INFINITY,
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: options.worker_heap_mb },
    });
  }

  /** Jobs waiting for a thread, and threads busy. */
  get load(): { queued: number; threads: number } {
    return { queued: this.piscina.queueSize, threads: this.options.threads };
  }

  /** Seconds after which a refused job may find room: the queued work spread over the threads. */
  retryAfter_s(): number {
    return Math.max(1, Math.ceil(this.outstanding_s / this.options.threads));
  }

  /** Run one estimator on one body (or one solve); `clientGone` aborts when the caller disconnects. */
  async run(job: Job | SolveJob, cost_s: number, clientGone: AbortSignal): Promise<unknown> {
    const outcome = (await this.submit(job, cost_s, clientGone)) as Outcome;
    if (!outcome.ok) throw refusalError(outcome.refusal);
    return outcome.answer;
  }

  /** Run several items in one job (a chunk of a batch, sweep or sample): one outcome per item, in order, each reduced to `outputs` when given. */
  async runItems(items: Job[], cost_s: number, clientGone: AbortSignal, outputs?: readonly string[]): Promise<Outcome[]> {
    const job: ItemsJob = outputs ? { items, outputs } : { items };
    return (await this.submit(job, cost_s, clientGone)) as Outcome[];
  }

  /** Queue a job, refused at once when the queue is full; cancelled when the client goes or the deadline passes. */
  private async submit(job: Job | ItemsJob | SolveJob, cost_s: number, clientGone: AbortSignal): Promise<unknown> {
    if (this.options.queue > 0 && this.piscina.queueSize >= this.options.queue) throw this.full();
    const deadline = AbortSignal.timeout(this.options.deadline_s * 1000);
    const signal = AbortSignal.any([clientGone, deadline]);
    this.outstanding_s += cost_s;
    try {
      return await this.piscina.run(job, { signal });
    } catch (error) {
      throw this.explain(error, clientGone, deadline);
    } finally {
      this.outstanding_s -= cost_s;
    }
  }

  private full(): Unavailable {
    return new Unavailable(
      `every worker is busy and ${this.piscina.queueSize} costly requests are waiting (the queue holds ${this.options.queue}); retry later`,
      this.retryAfter_s(),
      { queue_limit: this.options.queue, threads: this.options.threads },
    );
  }

  /** Why a job did not answer, as the error the API gives. */
  private explain(error: unknown, clientGone: AbortSignal, deadline: AbortSignal): unknown {
    if (clientGone.aborted) return new ClientGone();
    if (deadline.aborted)
      return new Unavailable(
        `the computation did not finish within the deadline of ${this.options.deadline_s} s (queue wait included); the service is busy or the request is near the budget: retry later or ask for less`,
        this.retryAfter_s(),
        { deadline_s: this.options.deadline_s },
      );
    const code = (error as { code?: string }).code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY')
      return new TooLarge(
        `the computation needed more than the worker heap of ${this.options.worker_heap_mb} MB: ask for fewer satellites, sites or samples`,
        { worker_heap_mb: this.options.worker_heap_mb },
      );
    if (error instanceof Error && /queue is at limit/i.test(error.message)) return this.full();
    return error;
  }

  /** Stop every thread (after the server has finished its requests). */
  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
