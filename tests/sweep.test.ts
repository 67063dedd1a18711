/**
 * POST /v1/sweep: the grid (sizes, order, linear and log spacing), its rows as JSON, CSV, NDJSON
 * (read incrementally, the first row before the last point is computed) and SVG, failed points as
 * rows, and the checks and limits that answer before any work.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { thermalEstimator } from '../models/thermal.js';
import { buildApp } from '../src/app.js';
import { README_PATH } from '../src/cli/readme-block.js';
import { launchPriceSweep, rowsBlock, SVG_PATH, withRows } from '../src/cli/scripting-docs.js';
import { pointCount, valuesOf } from '../src/scripting/sweep.js';
import { expectProblem, post, useApp, usePooledApp } from './helpers.js';

const app = useApp();

afterEach(() => {
  vi.restoreAllMocks();
});

const RADIATOR = {
  estimator: 'thermal',
  base: { heat_kw: 100 },
  vary: [
    { field: '/heat_kw', from: 10, to: 1000, steps: 3, scale: 'log' },
    { field: '/radiator_temp_k', values: [250, 300, 350, 400] },
  ],
  outputs: ['/area_m2', '/sink_temp_k'],
};

const LAUNCH_PRICE = {
  estimator: 'economics',
  base: { load_kw: '1 GW', mission_years: 5 },
  vary: [{ field: '/launch_usd_per_kg', from: 3000, to: 100, steps: 5, scale: 'log' }],
  outputs: ['/cost_ratio', '/breakeven/launch_usd_per_kg'],
};

async function sweep(body: unknown, accept = 'application/json') {
  const res = await app().inject({ method: 'POST', url: '/v1/sweep', payload: body as object, headers: { accept } });
  return { status: res.statusCode, headers: res.headers, text: res.body };
}

describe('the grid', () => {
  it('has the product of the varied fields’ sizes as rows, the first varied field changing slowest', async () => {
    const res = await post(app(), '/v1/sweep', RADIATOR);
    expect(res.status).toBe(200);
    expect(res.body.points).toBe(12);
    expect(res.body.rows.map((r: { point: number }) => r.point)).toEqual([...Array(12).keys()]);
    const pairs = res.body.rows.map((r: Record<string, number>) => [r.heat_kw, r.radiator_temp_k]);
    expect(pairs.slice(0, 5)).toEqual([
      [10, 250],
      [10, 300],
      [10, 350],
      [10, 400],
      [expect.closeTo(100, 9), 250],
    ]);
    expect(pairs.at(-1)).toEqual([1000, 400]);
  });

  it('spaces a log range by equal ratios and a linear one by equal differences, both ends exact', () => {
    const log = valuesOf({ field: '/x', from: 3000, to: 100, steps: 12, scale: 'log' }) as number[];
    expect(log[0]).toBe(3000);
    expect(log.at(-1)).toBe(100);
    const ratio = (100 / 3000) ** (1 / 11);
    for (let k = 1; k < log.length; k++) expect((log[k] as number) / (log[k - 1] as number)).toBeCloseTo(ratio, 12);
    const linear = valuesOf({ field: '/x', from: 0, to: 1, steps: 5, scale: 'linear' });
    expect(linear).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(
      pointCount([
        { field: '/a', values: [1, 2, 3] },
        { field: '/b', from: 1, to: 2, steps: 7, scale: 'linear' },
      ]),
    ).toBe(21);
  });

  it('gives each point the answer its own route gives', async () => {
    const res = await post(app(), '/v1/sweep', RADIATOR);
    for (const row of [res.body.rows[0], res.body.rows[7]]) {
      const alone = await post(app(), '/v1/thermal', { heat_kw: row.heat_kw, radiator_temp_k: row.radiator_temp_k });
      expect(row.area_m2).toBe(alone.body.area_m2);
      expect(row.sink_temp_k).toBe(alone.body.sink_temp_k);
      expect(row.error).toBeNull();
    }
  });

  it('names its columns by pointer, with the unit the field name carries', async () => {
    const res = await post(app(), '/v1/sweep', LAUNCH_PRICE);
    expect(res.body.columns).toEqual([
      expect.objectContaining({ name: 'launch_usd_per_kg', role: 'varied', unit: 'USD/kg', scale: 'log' }),
      expect.objectContaining({ name: 'cost_ratio', role: 'output', unit: '1' }),
      expect.objectContaining({ name: 'breakeven.launch_usd_per_kg', role: 'output', unit: 'USD/kg' }),
    ]);
  });

  it('keeps a failed point as a row with its problem; the other points answer', async () => {
    const body = {
      estimator: 'thermal',
      base: { heat_kw: 100 },
      vary: [{ field: '/radiator_temp_k', values: [300, -3, 400] }],
      outputs: ['/area_m2'],
    };
    const res = await post(app(), '/v1/sweep', body);
    expect(res.status).toBe(200);
    expect(res.body.failed).toBe(1);
    const [ok, bad, ok2] = res.body.rows;
    expect(ok.area_m2).toBeGreaterThan(ok2.area_m2);
    expect(bad).toMatchObject({ radiator_temp_k: -3, area_m2: null, error: { status: 400 } });
    expect(bad.error.errors[0].pointer).toBe('/radiator_temp_k');
  });
});

describe('CSV', () => {
  it('has a header row of point, the columns and error, then one CRLF record per point', async () => {
    const res = await sweep(RADIATOR, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const records = res.text.split('\r\n');
    expect(records.pop()).toBe('');
    expect(records[0]).toBe('point,heat_kw,radiator_temp_k,area_m2,sink_temp_k,error');
    expect(records).toHaveLength(13);
    for (const r of records.slice(1)) expect(r.split(',')).toHaveLength(6);
    const json = await post(app(), '/v1/sweep', RADIATOR);
    expect(Number(records[5]?.split(',')[3])).toBe(json.body.rows[4].area_m2);
  });

  it('quotes an error detail that holds commas and quotes (RFC 4180)', async () => {
    const body = {
      estimator: 'thermal',
      base: { heat_kw: 100 },
      vary: [{ field: '/radiator_temp_k', values: ['hot, very'] }],
      outputs: ['/area_m2'],
    };
    const res = await sweep(body, 'text/csv');
    const record = res.text.split('\r\n')[1] as string;
    expect(record).toMatch(/^0,"hot, very",,".*"$/);
    expect(record.slice(record.indexOf(',,') + 2)).toMatch(/^"([^"]|"")*"$/);
  });
});

describe('NDJSON', () => {
  let server: Awaited<ReturnType<typeof buildApp>>;
  let url: string;
  beforeAll(async () => {
    server = await buildApp();
    await server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('streams a 10,000-point sweep: the first rows arrive before the last point is computed', async () => {
    const run = thermalEstimator.run.bind(thermalEstimator);
    let lastComputedAt = 0;
    vi.spyOn(thermalEstimator, 'run').mockImplementation((input, provenance) => {
      const out = run(input, provenance);
      lastComputedAt = performance.now();
      return out;
    });
    const body = {
      estimator: 'thermal',
      base: { radiator_temp_k: 300 },
      vary: [{ field: '/heat_kw', from: 1, to: 10_000, steps: 10_000 }],
      outputs: ['/area_m2'],
    };
    const res = await fetch(`${url}/v1/sweep`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify(body),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    const firstArrivedAt = performance.now();
    let text = decoder.decode(first.value, { stream: true });
    const firstLines = text.split('\n').length - 1;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value, { stream: true });
    expect(firstLines).toBeGreaterThan(0);
    expect(firstLines).toBeLessThan(10_000);
    expect(firstArrivedAt).toBeLessThan(lastComputedAt);
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(10_000);
    expect(rows.map((r) => r.point)).toEqual([...Array(10_000).keys()]);
    expect(rows[9999]).toMatchObject({ heat_kw: 10_000, error: null });
  });
  it('stops computing when the client goes away mid-stream', async () => {
    const run = vi.spyOn(thermalEstimator, 'run');
    const body = {
      estimator: 'thermal',
      base: { radiator_temp_k: 300 },
      vary: [{ field: '/heat_kw', from: 1, to: 10_000, steps: 20_000 }],
      outputs: ['/area_m2'],
    };
    // A raw client that closes its socket after the first rows (fetch's abort may leave the socket open, unread).
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${url}/v1/sweep`,
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' } },
        (res) =>
          res.once('data', () => {
            req.destroy();
            resolve();
          }),
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
    await new Promise((r) => setTimeout(r, 100));
    const afterAbort = run.mock.calls.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(run.mock.calls.length).toBe(afterAbort);
    expect(afterAbort).toBeLessThan(20_000);
  });
});

describe('SVG', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  it('draws one varied field as a line chart: log axis, a series per output, axes titled with units', async () => {
    const res = await sweep({ ...LAUNCH_PRICE, outputs: ['/cost_ratio', '/orbital_usd_per_kwh'] }, 'image/svg+xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text).toMatch(/class="axis-title"[^>]*>launch \(USD\/kg\)</);
    expect(res.text).toContain('data-output="cost_ratio"');
    expect(res.text).toContain('data-output="orbital_usd_per_kwh"');
    expect(parser.parse(res.text).svg.viewBox).toBeDefined();
  });

  it('draws two varied fields as a heatmap of the first output, a cell per point', async () => {
    const res = await sweep(RADIATOR, 'image/svg+xml');
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text.match(/<rect class="cell"/g)).toHaveLength(12);
    expect(res.text).toMatch(/area \(m²\)/);
  });

  it('refuses a chart of three varied fields with 400 at /vary, before any work', async () => {
    const run = vi.spyOn(thermalEstimator, 'run');
    const body = { ...RADIATOR, vary: [...RADIATOR.vary, { field: '/emissivity', values: [0.8, 0.9] }] };
    const res = await sweep(body, 'image/svg+xml');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors[0].pointer).toBe('/vary');
    expect(run).not.toHaveBeenCalled();
  });
});

describe('checks and limits before any work', () => {
  it('refuses a field the input does not have at /vary/k/field, and an output the answer does not have at /outputs/k', async () => {
    const run = vi.spyOn(thermalEstimator, 'run');
    const field = await post(app(), '/v1/sweep', { ...RADIATOR, vary: [{ field: '/radiator_tmp_k', values: [300] }] });
    expectProblem(field, 400);
    expect(field.body.errors[0].pointer).toBe('/vary/0/field');
    const output = await post(app(), '/v1/sweep', { ...RADIATOR, outputs: ['/area_m2', '/areaa_m2'] });
    expectProblem(output, 400);
    expect(output.body.errors[0].pointer).toBe('/outputs/1');
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a base that every point fails as one 400, its pointers into /base', async () => {
    const res = await post(app(), '/v1/sweep', { ...RADIATOR, base: { heat_kw: 100, colour: 'blue' } });
    expectProblem(res, 400);
    expect(res.body.errors[0].pointer).toBe('/base');
    expect(res.body.detail).toMatch(/colour/);
  });

  it('refuses a log range that does not stay positive at /vary/0/from', async () => {
    const res = await post(app(), '/v1/sweep', {
      ...RADIATOR,
      vary: [{ field: '/heat_kw', from: 0, to: 10, steps: 3, scale: 'log' }],
    });
    expectProblem(res, 400);
    expect(res.body.errors[0].pointer).toBe('/vary/0/from');
  });

  it('answers 413 naming the point limit, and runs no point', async () => {
    const run = vi.spyOn(thermalEstimator, 'run');
    const body = {
      ...RADIATOR,
      vary: [
        { field: '/heat_kw', from: 1, to: 10, steps: 20_000 },
        { field: '/radiator_temp_k', values: [300, 350] },
      ],
    };
    const res = await post(app(), '/v1/sweep', body);
    expectProblem(res, 413);
    expect(res.body.figures).toEqual({ points: 40_000, limit_points: 20_000 });
    expect(res.body.errors[0].pointer).toBe('/vary');
    expect(run).not.toHaveBeenCalled();
  });

  it('answers 413 with the budget when the points together cost more, and runs none', async () => {
    const body = {
      estimator: 'claims',
      base: {},
      vary: [{ field: '/scenario/mission_years', from: 1, to: 20, steps: 20 }],
      outputs: ['/claims/0/verdict'],
    };
    const res = await post(app(), '/v1/sweep', body);
    expectProblem(res, 413);
    expect(res.body.figures.estimated_cpu_s).toBeGreaterThan(res.body.figures.budget_cpu_s);
    expect(res.body.figures.points).toBe(20);
  });

  it('states its limits in the OpenAPI description, with every response type', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    const op = doc.paths['/v1/sweep'].post;
    expect(op.description).toMatch(/at most 20,000 points/);
    expect(op.description).toMatch(/1,048,576 bytes/);
    expect(Object.keys(op.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
      'application/x-ndjson',
      'image/svg+xml',
    ]);
  });
});

describe('in the worker pool', () => {
  const pooled = usePooledApp();

  it('gives the same rows, in the same order, as the event loop, as JSON and as CSV', async () => {
    const body = { ...RADIATOR, vary: [{ field: '/heat_kw', from: 1, to: 1e4, steps: 300, scale: 'log' }, RADIATOR.vary[1]] };
    for (const accept of ['application/json', 'text/csv']) {
      const inPool = await pooled().inject({ method: 'POST', url: '/v1/sweep', payload: body, headers: { accept } });
      const inline = await app().inject({ method: 'POST', url: '/v1/sweep', payload: body, headers: { accept } });
      expect(inPool.statusCode).toBe(200);
      expect(inPool.body).toBe(inline.body);
    }
  });
});

describe('the OpenAPI examples', () => {
  it('answer 200 with no failed row or item, each of them', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    for (const path of ['/v1/sweep', '/v1/batch']) {
      const examples = doc.paths[path].post.requestBody.content['application/json'].examples;
      expect(Object.keys(examples).length).toBeGreaterThan(0);
      for (const [name, example] of Object.entries(examples as Record<string, { value: unknown }>)) {
        const res = await post(app(), path, example.value);
        expect(res.status, `${path} ${name}`).toBe(200);
        if (path === '/v1/sweep') expect(res.body.failed, `${path} ${name}`).toBe(0);
      }
    }
  });
});

describe("the README's example", () => {
  it('is what the service answers: the rows in the README and docs/launch-price-sweep.svg (npm run docs:scripting)', async () => {
    const { csv, svg } = await launchPriceSweep();
    const readme = readFileSync(README_PATH, 'utf8');
    expect(withRows(readme, rowsBlock(csv))).toBe(readme);
    expect(readFileSync(SVG_PATH, 'utf8')).toBe(svg);
    expect(readme).toContain('](docs/launch-price-sweep.svg)');
  });
});
