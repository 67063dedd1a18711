/**
 * The `orbital-dc` command end to end, as a script runs it (`node bin/orbital-dc.js`, which `npx
 * orbital-dc` runs): in this process and against a service (`--url`), its outputs, its exit codes,
 * and no progress bar when stderr is not a terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { Progress } from '../src/cli/progress.js';

const BIN = new URL('../bin/orbital-dc.js', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'orbital-dc-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the command with these arguments and this stdin, stdout and stderr piped (not a terminal). */
function cli(args: string[], stdin = ''): Promise<Run> {
  return spawned([BIN, ...args], stdin);
}

/** Run node with these arguments and this stdin, stdout and stderr piped. */
function spawned(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * The command as bin/orbital-dc.js runs it, recording every module it loads (tsx reports each one);
 * the list is written once the command is done and the last reports have arrived.
 */
const TRACED = `
import { writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';
const loaded = [];
register({ onImport: (url) => loaded.push(url) });
const { main } = await import('./src/cli/orbital-dc.ts');
await main(['node', 'orbital-dc', ...process.argv.slice(2)]);
await new Promise((resolve) => setTimeout(resolve, 200));
writeFileSync(process.argv[1], JSON.stringify(loaded));
`;

/** Run the command with these arguments: its outcome and the modules it loaded. */
async function traced(args: string[]): Promise<Run & { loaded: string[] }> {
  const record = join(dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const run = await spawned(['--input-type=module', '-e', TRACED, record, ...args]);
  return { ...run, loaded: JSON.parse(readFileSync(record, 'utf8')) };
}

const ITEMS = [
  { estimator: 'thermal', input: { heat_kw: 1000, radiator_temp_k: 300 } },
  { estimator: 'thermal', input: { heat_kw: -1, radiator_temp_k: 300 } },
  { estimator: 'launch', input: { mass_kg: 20_000, vehicle: 'falcon9' } },
];
const ITEMS_FILE = file('items.ndjson', `${ITEMS.map((i) => JSON.stringify(i)).join('\n')}\nnot json\n`);
const GOOD_ITEMS_FILE = file('good.ndjson', `${JSON.stringify(ITEMS[0])}\n${JSON.stringify(ITEMS[2])}\n`);
const SWEEP = {
  estimator: 'economics',
  base: { load_kw: '1 GW', mission_years: 5 },
  vary: [{ field: '/launch_usd_per_kg', from: 3000, to: 100, steps: 8, scale: 'log' }],
  outputs: ['/cost_ratio'],
};
const SWEEP_FILE = file('sweep.json', JSON.stringify(SWEEP));
const INPUT_FILE = file('thermal.json', JSON.stringify(ITEMS[0]?.input));

let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
beforeAll(async () => {
  app = await buildApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
});

describe('one estimator', () => {
  it('answers --input file.json as the route does, exit 0; a bad input on stdin prints its problem, exit 1', async () => {
    const [good, bad] = await Promise.all([cli(['thermal', '--input', INPUT_FILE]), cli(['thermal'], '{"heat_kw": "lots"}')]);
    expect(good.code).toBe(0);
    const route = await app.inject({ method: 'POST', url: '/v1/thermal', payload: ITEMS[0]?.input as object });
    expect(JSON.parse(good.stdout)).toEqual(route.json());
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 400, errors: [{ pointer: '/heat_kw' }] });
    expect(bad.stderr).toMatch(/400 Invalid input: .*\/heat_kw/);
  });

  it('has --help for the program and each command (exit 0); an unknown command or a missing file is exit 2', async () => {
    const [help, sub, unknown, missing] = await Promise.all([
      cli(['--help']),
      cli(['sweep', '--help']),
      cli(['warp-drive']),
      cli(['thermal', '--input', join(dir, 'absent.json')]),
    ]);
    expect(help.code).toBe(0);
    for (const word of ['list', 'batch', 'sweep', 'thermal', 'latency', '--url', 'Exit codes'])
      expect(help.stdout).toContain(word);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--format <format>[\s\S]*"json", "csv", "ndjson", "svg"/);
    expect(unknown.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read input .*absent\.json.*ENOENT/);
  });
});

describe('in this process and against a service', () => {
  it('lists the same estimators', async () => {
    const [local, served] = await Promise.all([cli(['list', '--json']), cli(['--url', url, 'list', '--json'])]);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.stdout).map((e: { name: string }) => e.name)).toEqual(
      JSON.parse(served.stdout).map((e: { name: string }) => e.name),
    );
  });

  it('runs a batch file: a result line per item in order, the same both ways, exit 1 when an item failed and 0 when none did', async () => {
    const [local, served, allGood] = await Promise.all([
      cli(['batch', ITEMS_FILE]),
      cli(['--url', url, 'batch', ITEMS_FILE]),
      cli(['batch', GOOD_ITEMS_FILE]),
    ]);
    const lines = local.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.item, l.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(lines[1].problem.errors[0].pointer).toBe('/items/1/input/heat_kw');
    expect(lines[3].problem.errors[0].pointer).toBe('/items/3');
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/2 of 4 items were refused/);
    expect(served.code).toBe(1);
    expect(served.stdout).toBe(local.stdout);
    expect(allGood.code).toBe(0);
    expect(allGood.stderr).toBe('');
  });

  it('runs a sweep as CSV, NDJSON, JSON and SVG; the service gives the same table; no progress bar off a terminal', async () => {
    const [csv, servedCsv, ndjson, json, svg] = await Promise.all([
      cli(['sweep', SWEEP_FILE, '--format', 'csv']),
      cli(['--url', url, 'sweep', SWEEP_FILE, '--format', 'csv']),
      cli(['sweep', '--format', 'ndjson'], JSON.stringify(SWEEP)),
      cli(['sweep', SWEEP_FILE]),
      cli(['sweep', SWEEP_FILE, '-f', 'svg']),
    ]);
    for (const run of [csv, servedCsv, ndjson, json, svg]) {
      expect(run.code).toBe(0);
      // The sweep takes well over the bar's delay, yet stderr is not a terminal: nothing is drawn.
      expect(run.stderr).toBe('');
    }
    const route = await app.inject({ method: 'POST', url: '/v1/sweep', payload: SWEEP, headers: { accept: 'text/csv' } });
    expect(csv.stdout).toBe(route.body);
    expect(servedCsv.stdout).toBe(route.body);
    expect(csv.stdout.split('\r\n')[0]).toBe('point,launch_usd_per_kg,cost_ratio,error');
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(8);
    expect(JSON.parse(json.stdout)).toMatchObject({ estimator: 'economics', points: 8, failed: 0 });
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
  });

  it('exits 1 when a point fails, and answers a refused sweep with its problem', async () => {
    const failing = { ...SWEEP, vary: [{ field: '/launch_usd_per_kg', values: [100, -5] }] };
    const unknown = { ...SWEEP, outputs: ['/no_such_output'] };
    const [point, refused] = await Promise.all([
      cli(['sweep', '-f', 'ndjson'], JSON.stringify(failing)),
      cli(['--url', url, 'sweep'], JSON.stringify(unknown)),
    ]);
    expect(point.code).toBe(1);
    expect(
      point.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).error?.status ?? null),
    ).toEqual([null, 400]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 400, errors: [{ pointer: '/outputs/0' }] });
  });

  it('runs an uncertainty request and a solve, as JSON and SVG, the same in this process and from the service', async () => {
    const spec = {
      estimator: 'thermal',
      base: { heat_kw: 1000 },
      distributions: [
        { field: '/radiator_temp_k', triangular: { min: 280, mode: 320, max: 380 } },
        { field: '/emissivity', uniform: { min: 0.8, max: 0.95 } },
      ],
      outputs: ['/area_m2'],
      samples: 200,
      seed: 3,
    };
    const solve = {
      estimator: 'thermal',
      base: { heat_kw: 1000 },
      field: '/radiator_temp_k',
      target: { output: '/area_m2', value: 500 },
    };
    const SPEC = file('uncertainty.json', JSON.stringify(spec));
    const [json, servedJson, svg, servedSvg, root, servedRoot, none] = await Promise.all([
      cli(['uncertainty', SPEC]),
      cli(['--url', url, 'uncertainty', SPEC]),
      cli(['uncertainty', SPEC, '-f', 'svg']),
      cli(['--url', url, 'uncertainty', SPEC, '-f', 'svg']),
      cli(['solve'], JSON.stringify(solve)),
      cli(['--url', url, 'solve'], JSON.stringify(solve)),
      cli(['solve'], JSON.stringify({ ...solve, bracket: [400, 450] })),
    ]);
    for (const run of [json, servedJson, svg, servedSvg, root, servedRoot]) expect(run.code, run.stderr).toBe(0);
    expect(servedJson.stdout).toBe(json.stdout);
    expect(servedSvg.stdout).toBe(svg.stdout);
    expect(servedRoot.stdout).toBe(root.stdout);
    const route = await app.inject({ method: 'POST', url: '/v1/uncertainty', payload: spec });
    expect(JSON.parse(json.stdout)).toEqual(route.json());
    expect(svg.stdout).toMatch(/^<svg/);
    expect(JSON.parse(root.stdout).output_value).toBeCloseTo(500, 6);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ status: 422, errors: [{ pointer: '/field' }] });
  });

  it('loads no model (nor zod) for the list, an estimator and a batch sent to a service; in this process it loads the registry', async () => {
    const [list, input, example, batch, local] = await Promise.all([
      traced(['--url', url, 'list']),
      traced(['--url', url, 'thermal', '--input', INPUT_FILE]),
      traced(['--url', url, 'thermal', '--example', 'edge_on_1mw_300k']),
      traced(['--url', url, 'batch', GOOD_ITEMS_FILE]),
      traced(['thermal', '--input', INPUT_FILE]),
    ]);
    for (const run of [list, input, example, batch]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.loaded).toContainEqual(expect.stringMatching(/\/src\/cli\/backends\.ts$/));
      expect(run.loaded.filter((url) => /\/models\/|\/node_modules\/zod\//.test(url))).toEqual([]);
    }
    expect(input.stdout).toBe(local.stdout);
    // The record sees what is loaded late, as the registry is in this process.
    expect(local.loaded).toContainEqual(expect.stringMatching(/\/models\/registry\.ts$/));
  });

  it('says an unreachable service is a usage error (exit 2)', async () => {
    const run = await cli(['--url', 'http://127.0.0.1:9', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});

describe('the progress bar', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (t: string) => written.push(t) > 0 };
  };

  it('is drawn on a terminal once a run has lasted a moment, and never off one', async () => {
    const tty = stream(true);
    const pipe = stream(false);
    const bars = [new Progress(100, 'points', tty), new Progress(100, 'points', pipe)];
    for (const bar of bars) bar.advance(1);
    expect(tty.written).toEqual([]);
    await new Promise((r) => setTimeout(r, 450));
    for (const bar of bars) {
      bar.advance(49);
      bar.stop();
    }
    expect(tty.written.join('')).toMatch(/50\/100 points/);
    expect(pipe.written).toEqual([]);
  });
});
