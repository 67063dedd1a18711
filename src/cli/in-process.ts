/**
 * The command line's work in this process, over the same registry and the same batch and sweep
 * pipeline as the service (src/scripting/answers.ts). It loads every model, so the command line
 * imports it only when it runs without `--url` (src/cli/backends.ts has the interface and the remote).
 */
import type { FastifyBaseLogger } from 'fastify';
import { DEFAULTS } from '../../fixtures/index.js';
import { ESTIMATORS } from '../../models/registry.js';
import { solveField } from '../../models/solve.js';
import { defaultConfig } from '../config.js';
import { toProblem } from '../plugins/errors.js';
import { ProblemError } from '../problem.js';
import { type Limits, startBatch, startSweep } from '../scripting/answers.js';
import { AT_REQUEST_ROOT, prepareChunks, type RunOptions, runChunks } from '../scripting/run.js';
import { checkSolve, solveAnswer } from '../scripting/solve.js';
import { runUncertainty } from '../scripting/uncertainty.js';
import { type UncertaintyAnswer, uncertaintyChart, uncertaintyJson } from '../scripting/uncertainty-answer.js';
import type { Backend } from './backends.js';

/** An uncertainty answer as the command line prints it. */
function uncertaintyText(answer: unknown, format: 'json' | 'svg'): string {
  return format === 'svg' ? uncertaintyChart(answer as UncertaintyAnswer) : `${JSON.stringify(answer, null, 2)}\n`;
}

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
      const chunks = await prepareChunks([{ estimator, input }], AT_REQUEST_ROOT, run);
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
