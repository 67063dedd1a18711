/**
 * The service's settings, from the environment: where it listens, its timeouts, the worker pool and
 * the stop deadline. Each has a default chosen for one machine of a few cores serving scripts and
 * people (the README's "Configuration" table gives each with its reason); a value that is not what
 * the setting expects stops the server at start with a message naming the variable, the value and
 * what was expected.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULTS } from '../fixtures/index.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The settings, each with its default and its reason. */
const SETTINGS = {
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Whole request (headers and body) must arrive within this: a body of at most 1 MiB needs far less. */
  REQUEST_TIMEOUT_MS: int(1, 3_600_000).default(30_000),
  /** Headers must arrive within this (at most REQUEST_TIMEOUT_MS): a slow-header client holds a socket no longer. */
  HEADERS_TIMEOUT_MS: int(1, 3_600_000).default(10_000),
  /** A socket silent this long is closed; longer than JOB_DEADLINE_S, so that a computing request is never cut. */
  CONNECTION_TIMEOUT_MS: int(1, 3_600_000).default(60_000),
  /** Idle keep-alive sockets close after this: Fastify's default, longer than the 60 s idle timeout of common load balancers. */
  KEEP_ALIVE_TIMEOUT_MS: int(1, 3_600_000).default(72_000),
  /** Requests one keep-alive socket may carry before it is closed, so that load spreads again across replicas. */
  MAX_REQUESTS_PER_SOCKET: int(0, 1_000_000).default(1000),
  /** Open connections at once; more are refused by the kernel's accept and closed at once. */
  MAX_CONNECTIONS: int(1, 1_000_000).default(1024),
  /** Worker threads for costly requests: one per core but one, which the event loop keeps. */
  POOL_THREADS: int(1, 256).default(Math.max(1, availableParallelism() - 1)),
  /** Costly requests waiting for a worker; one more is a 503 with Retry-After. */
  POOL_QUEUE: int(0, 100_000).default(16),
  /** Heap of one worker, MB: a computation that needs more is stopped and answered 413. */
  POOL_WORKER_HEAP_MB: int(64, 65_536).default(1024),
  /** A costly request (queue and computation) that takes longer is cancelled and answered 503. */
  JOB_DEADLINE_S: int(1, 3600).default(25),
  /** Largest estimated CPU time of one request, s (413 above it): fixtures/execution.json says why. */
  COST_BUDGET_CPU_S: z.coerce.number().positive().max(3600).default(DEFAULTS['execution.cost_budget_cpu_s'].value),
  /** Requests estimated below this CPU time, s, run on the event loop; costlier ones in the pool. */
  INLINE_MAX_CPU_S: z.coerce.number().min(0).max(1).default(DEFAULTS['execution.inline_max_cpu_s'].value),
  /** Items in one POST /v1/batch; more is a 413 before any work. */
  MAX_BATCH_ITEMS: int(1, 1_000_000).default(DEFAULTS['execution.max_batch_items'].value),
  /** Grid points in one POST /v1/sweep; more is a 413 before any work. */
  MAX_SWEEP_POINTS: int(1, 1_000_000).default(DEFAULTS['execution.max_sweep_points'].value),
  /** Samples in one POST /v1/uncertainty; more is a 400 before any work. */
  MAX_UNCERTAINTY_SAMPLES: int(2, 1_000_000).default(DEFAULTS['execution.max_uncertainty_samples'].value),
  /** Event-loop delay above which requests are shed with 503 (@fastify/under-pressure). */
  MAX_EVENT_LOOP_DELAY_MS: int(10, 600_000).default(1000),
  /** From SIGTERM to exit: requests in flight finish within it, else the process is killed. */
  SHUTDOWN_DEADLINE_S: int(1, 3600).default(30),
} as const;

const ConfigSchema = z.object(SETTINGS);
export type Config = z.infer<typeof ConfigSchema>;

/** The settings from `env`; throws an Error naming each variable that is not what it expects. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const given = Object.fromEntries(
    Object.keys(SETTINGS).flatMap((k) => (env[k] !== undefined && env[k] !== '' ? [[k, env[k]]] : [])),
  );
  const parsed = ConfigSchema.safeParse(given);
  if (parsed.success) {
    if (parsed.data.HEADERS_TIMEOUT_MS > parsed.data.REQUEST_TIMEOUT_MS)
      throw new Error(
        `HEADERS_TIMEOUT_MS must be at most REQUEST_TIMEOUT_MS (${parsed.data.REQUEST_TIMEOUT_MS}), got "${given.HEADERS_TIMEOUT_MS}"`,
      );
    return parsed.data;
  }
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    return `${name}="${String(given[name]).slice(0, 40)}": ${i.message}`;
  });
  throw new Error(`invalid environment: ${lines.join('; ')}`);
}

/** The defaults, as the README documents them. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
