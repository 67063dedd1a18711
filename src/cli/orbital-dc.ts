/**
 * `orbital-dc`: every estimator, batches and sweeps from the command line, over the same registry
 * as the service, in this process or against a running service (`--url`). The commands are built
 * from the estimator catalogue (src/cli/catalogue.ts), and the registry, the scripting pipeline and
 * the problem helpers are imported where a command needs them: the list, an estimator or a batch sent
 * to a service loads no model, so that scripts calling it once per query do not pay half a second
 * each for loading what they do not use. Results go to stdout (JSON, NDJSON, CSV or SVG); a progress
 * bar goes to stderr for long runs, only on a terminal. Exit code: 0 when everything was answered, 1
 * when an item, a point or the request was refused (its problem is in the output), 2 for a usage
 * error (bad arguments, unreadable input, unreachable service).
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { z } from 'zod';
import type { Problem } from '../problem.js';
import type { SweepFormat } from '../scripting/answers.js';
import type { Item, Result } from '../scripting/run.js';
import type { SweepRequest } from '../scripting/sweep.js';
import { type Backend, remote, UsageError } from './backends.js';
import { estimatorCatalogue } from './catalogue.js';
import { Progress } from './progress.js';

const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** Write to stdout, waiting when the pipe is full. */
async function out(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/** The file's text, or stdin's when the path is absent or "-" (a usage error when stdin is a terminal). */
async function readInput(path: string | undefined, what: string): Promise<string> {
  if (path !== undefined && path !== '-') {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError(`no ${what}: give a file, or pipe it on stdin`);
  return text(process.stdin);
}

/** The route's problem for an error, its helpers loaded only when there is one to say. */
async function problemFor(error: unknown, body: unknown): Promise<Problem> {
  const { toProblem } = await import('../plugins/errors.js');
  return toProblem(error, body);
}

/** JSON text as a value, or the 400 problem a route answers to a body that is not JSON. */
async function parseJson(source: string): Promise<{ value: unknown } | { problem: Problem }> {
  try {
    return { value: JSON.parse(source) };
  } catch (error) {
    // The route's own 400 for a body that is not JSON.
    return { problem: await problemFor(error, undefined) };
  }
}

/** Say a refusal on stderr (the problem itself is in stdout's output). */
function sayRefused(p: Problem): void {
  process.stderr.write(`orbital-dc: ${p.status} ${p.title}: ${p.detail}\n`);
}

interface Globals {
  url?: string;
  budgetCpuS?: number;
}

/** The service at --url, or this process: its backend, and with it the registry, loaded only then. */
async function backendOf(program: Command): Promise<Backend> {
  const g = program.opts<Globals>();
  if (g.url) return remote(g.url);
  const { inProcess } = await import('./in-process.js');
  return inProcess(g.budgetCpuS);
}

async function runList(backend: Backend, options: { json?: boolean }): Promise<number> {
  const catalogue = await backend.list();
  if (options.json) await out(`${JSON.stringify(catalogue, null, 2)}\n`);
  else {
    const width = Math.max(...catalogue.map((e) => e.name.length));
    for (const e of catalogue) await out(`${e.name.padEnd(width)}  ${e.summary}\n`);
  }
  return EXIT.ok;
}

/** One estimator on an input file, stdin or one of its examples (from the catalogue): its answer or its problem. */
async function runEstimator(backend: Backend, name: string, options: { input?: string; example?: string; compact?: boolean }) {
  const estimator = estimatorCatalogue().find((e) => e.name === name);
  let input: unknown;
  if (options.example !== undefined) {
    const example = estimator?.examples[options.example];
    if (!example)
      throw new UsageError(
        `${name} has no example ${JSON.stringify(options.example)}; it has ${Object.keys(estimator?.examples ?? {}).join(', ')}`,
      );
    input = example.value;
  } else {
    const parsed = await parseJson(await readInput(options.input, 'input'));
    if ('problem' in parsed) return refuse(parsed.problem);
    input = parsed.value;
  }
  const result = await backend.one(name, input);
  const indent = options.compact ? undefined : 2;
  await out(`${JSON.stringify(result.ok ? result.output : result.problem, null, indent)}\n`);
  if (!result.ok) sayRefused(result.problem);
  return result.ok ? EXIT.ok : EXIT.refused;
}

async function refuse(p: Problem): Promise<number> {
  await out(`${JSON.stringify(p, null, 2)}\n`);
  sayRefused(p);
  return EXIT.refused;
}

/** The 400s of the lines of a batch that are not items, by line; the problem helpers are loaded only when there are some. */
async function lineProblems(unparsed: Map<number, string>): Promise<Map<number, Result>> {
  if (unparsed.size === 0) return new Map();
  const { clip, invalidInput } = await import('../problem.js');
  const refused = new Map<number, Result>();
  for (const [k, error] of unparsed)
    refused.set(k, {
      ok: false,
      problem: invalidInput([{ pointer: `/items/${k}`, message: `the line is not valid JSON: ${clip(error)}` }]),
    });
  return refused;
}

/**
 * NDJSON lines as items; a line that is not JSON is refused alone (numbered among the items), any other
 * is an item. `unparsed` has the parser's message of each line refused.
 */
function itemsOf(source: string): { items: Item[]; places: number[]; unparsed: Map<number, string> } {
  const items: Item[] = [];
  const places: number[] = [];
  const unparsed = new Map<number, string>();
  const lines = source.split(/\r?\n/).filter((l) => l.trim() !== '');
  lines.forEach((line, k) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      unparsed.set(k, (error as Error).message);
      return;
    }
    items.push(value as Item);
    places.push(k);
  });
  return { items, places, unparsed };
}

/** A batch file's items, a result line each in order; the lines that are not JSON are refused where they stand. */
async function runBatch(backend: Backend, file: string | undefined): Promise<number> {
  const { items, places, unparsed } = itemsOf(await readInput(file, 'items'));
  const refused = await lineProblems(unparsed);
  const total = items.length + refused.size;
  const progress = new Progress(total, 'items');
  const results = backend.batch(items, places);
  let failed = 0;
  let next = 0;
  const emit = async (r: Result) => {
    if (!r.ok) failed++;
    await out(`${JSON.stringify({ item: next++, ...r })}\n`);
  };
  try {
    for await (const chunk of results)
      for (const r of chunk) {
        while (refused.has(next)) await emit(refused.get(next) as Result);
        await emit(r);
        progress.advance(1);
      }
    while (refused.has(next)) await emit(refused.get(next) as Result);
  } finally {
    progress.stop();
  }
  if (failed > 0) process.stderr.write(`orbital-dc: ${failed} of ${total} items were refused\n`);
  return failed > 0 ? EXIT.refused : EXIT.ok;
}

/** A sweep spec, checked here as its route would check it (whose schema loads the registry), its rows as they come. */
async function runSweep(backend: Backend, file: string | undefined, format: SweepFormat): Promise<number> {
  const { SweepRequestSchema, pointCount } = await import('../scripting/sweep.js');
  const spec = await specOf(file, 'sweep', SweepRequestSchema);
  if ('problem' in spec) return refuse(spec.problem);
  const body: SweepRequest = spec.body;
  const progress = new Progress(pointCount(body.vary), 'points');
  const { columns, rows } = await backend.sweep(body, format);
  const { sweepJson, sweepLines } = await import('../scripting/answers.js');
  const { allOf } = await import('../scripting/run.js');
  let failed = 0;
  let points = 0;
  async function* counted() {
    for await (const chunk of rows) {
      failed += chunk.filter((r) => r.error).length;
      points += chunk.length;
      progress.advance(chunk.length);
      yield chunk;
    }
  }
  try {
    if (format === 'csv' || format === 'ndjson') for await (const text of sweepLines(format, columns, counted())) await out(text);
    else {
      const all = await allOf(counted());
      const table = { estimator: body.estimator, columns, rows: all };
      const chart = format === 'svg' && (await import('../scripting/chart.js')).sweepChart;
      await out(chart ? chart(table) : `${JSON.stringify(sweepJson(body.estimator, columns, all), null, 2)}\n`);
    }
  } finally {
    progress.stop();
  }
  if (failed > 0) process.stderr.write(`orbital-dc: ${failed} of ${points} points were refused (their rows carry the problem)\n`);
  return failed > 0 ? EXIT.refused : EXIT.ok;
}

/** A spec file parsed by a request schema: the body, or the 400 its route would answer. */
async function specOf<T>(
  file: string | undefined,
  what: string,
  schema: z.ZodType<T>,
): Promise<{ body: T } | { problem: Problem }> {
  const parsed = await parseJson(await readInput(file, what));
  if ('problem' in parsed) return parsed;
  const checked = schema.safeParse(parsed.value);
  return checked.success ? { body: checked.data } : { problem: await problemFor(checked.error, parsed.value) };
}

/**
 * An uncertainty request, checked here as its route would check it (whose schema loads the registry, in
 * this process or not), answered as JSON or the tornado chart.
 */
async function runUncertaintyCommand(backend: Backend, file: string | undefined, format: 'json' | 'svg'): Promise<number> {
  const [{ uncertaintyRequestSchema }, { defaultConfig }] = await Promise.all([
    import('../scripting/uncertainty.js'),
    import('../config.js'),
  ]);
  const spec = await specOf(file, 'uncertainty', uncertaintyRequestSchema(defaultConfig().MAX_UNCERTAINTY_SAMPLES));
  if ('problem' in spec) return refuse(spec.problem);
  await out(await backend.uncertainty(spec.body, format));
  return EXIT.ok;
}

/** A solve, checked here as its route would check it (whose schema loads the registry), answered with its root. */
async function runSolveCommand(backend: Backend, file: string | undefined): Promise<number> {
  const { SolveRequestSchema } = await import('../scripting/solve.js');
  const spec = await specOf(file, 'solve', SolveRequestSchema);
  if ('problem' in spec) return refuse(spec.problem);
  const result = await backend.solve(spec.body);
  if (!result.ok) return refuse(result.problem);
  await out(`${JSON.stringify(result.output, null, 2)}\n`);
  return EXIT.ok;
}

/**
 * Run a command's work, turning a refusal before any work into its problem and exit code 1. The
 * refusals' classes are loaded only when the work failed: an answered command never loads them.
 */
async function settle(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`orbital-dc: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (await isRefusal(error)) process.exitCode = await refuse(await problemFor(error, undefined));
    else throw error;
  }
}

/** A refusal before any work (a whole request refused, here or by the service; a computation too large). */
async function isRefusal(error: unknown): Promise<boolean> {
  const [{ ProblemError, RequestRefused }, { TooLarge }] = await Promise.all([
    import('../problem.js'),
    import('../../models/errors.js'),
  ]);
  return error instanceof ProblemError || error instanceof RequestRefused || error instanceof TooLarge;
}

function positiveSeconds(value: string): number {
  const s = Number(value);
  if (!(s > 0) || !Number.isFinite(s)) throw new InvalidArgumentError('expected a positive number of seconds');
  return s;
}

/** The command tree: list, one command per estimator, batch, sweep, uncertainty, solve. */
export function program(): Command {
  const cli = new Command('orbital-dc')
    .description(
      'Orbital data-center feasibility: every estimator, batches, sweeps, uncertainty and solves, in this process or against a running service',
    )
    .option('--url <url>', 'a running orbital-dc service (e.g. http://127.0.0.1:3000) instead of computing in this process')
    .option(
      '--budget-cpu-s <s>',
      "in this process: the largest estimated CPU time of one item, s (the service's budget by default)",
      positiveSeconds,
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 all answered; 1 an item, a point or the request was refused (its problem is in the output); 2 a usage error.',
    )
    .showHelpAfterError()
    .exitOverride();
  cli
    .command('list')
    .description('the estimators: name and what each answers')
    .option('--json', 'as JSON')
    .action((o) => settle(async () => runList(await backendOf(cli), o)));
  for (const e of estimatorCatalogue())
    cli
      .command(e.name)
      .description(e.summary)
      .option('-i, --input <file>', `the input as JSON, as the body of POST /v1/${e.name} ("-" or absent: stdin)`)
      .addOption(new Option('-e, --example <name>', 'run one of its examples instead').choices(Object.keys(e.examples)))
      .option('--compact', 'the answer on one line')
      .action((o) => settle(async () => runEstimator(await backendOf(cli), e.name, o)));
  cli
    .command('batch')
    .description(
      'many requests: one JSON object { estimator, input } per line in, one result { item, ok, output | problem } per line out',
    )
    .argument('[items]', 'NDJSON file of items ("-" or absent: stdin)')
    .action((file) => settle(async () => runBatch(await backendOf(cli), file)));
  cli
    .command('sweep')
    .description('one estimator over a grid: { estimator, base, vary, outputs } in, a table or a chart out')
    .argument('[spec]', 'the sweep as JSON, as the body of POST /v1/sweep ("-" or absent: stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'csv', 'ndjson', 'svg']).default('json'))
    .action((file, o) => settle(async () => runSweep(await backendOf(cli), file, o.format as SweepFormat)));
  analysisCommands(cli);
  return cli;
}

/** The commands over uncertain inputs: uncertainty and solve. */
function analysisCommands(cli: Command): void {
  cli
    .command('uncertainty')
    .description(
      'Monte Carlo over one estimator: { estimator, base, distributions, outputs, samples, seed } in, summaries or the tornado chart out',
    )
    .argument('[spec]', 'the request as JSON, as the body of POST /v1/uncertainty ("-" or absent: stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'svg']).default('json'))
    .action((file, o) => settle(async () => runUncertaintyCommand(await backendOf(cli), file, o.format as 'json' | 'svg')));
  cli
    .command('solve')
    .description('the value of one input at which an output meets a target: { estimator, base, field, target } in, the root out')
    .argument('[spec]', 'the request as JSON, as the body of POST /v1/solve ("-" or absent: stdin)')
    .action((file) => settle(async () => runSolveCommand(await backendOf(cli), file)));
}

/** Parse the arguments and run; commander's own exits (help, a bad option) become exit codes 0 and 2. */
export async function main(argv: readonly string[]): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop quietly.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await program().parseAsync(argv as string[]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode =
      error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : EXIT.usage;
  }
}
