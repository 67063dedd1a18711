/**
 * The sweep's SVG chart: a line chart for one varied field, a heatmap for two, a 400 for anything
 * else. Each document is parsed as XML and its marked elements (axes, series, cells, legend) checked.
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { RequestRefused } from '../src/problem.js';
import { sweepChart } from '../src/scripting/chart.js';
import { type Column, columnFor, type Row, type SweepTable } from '../src/scripting/table.js';
import { all, byClass, type El, one, parse } from './svg.js';

const texts = (root: El) => all(root, (e) => e.tag === 'text' || e.tag === 'title').map((e) => e.text);

/** The x axis's labelled ticks, in order. */
const xLabels = (root: El) =>
  byClass(one(root, 'x'), 'tick')
    .map((t) => t.children.find((c) => c.tag === 'text')?.text ?? '')
    .filter((label) => label !== '');

/** The points of a path's d, and how many sub-paths (move-tos) it has. */
function pathPoints(d: string): { points: [number, number][]; moves: number } {
  const points = [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  return { points, moves: (d.match(/M/g) ?? []).length };
}

const seriesPath = (root: El, output: string) => {
  const series = byClass(root, 'series').find((s) => s.attrs['data-output'] === output);
  const path = series?.children.find((c) => c.tag === 'path');
  return pathPoints(path?.attrs.d ?? '');
};

const failure = (detail: string): Row['error'] => ({
  type: 'urn:x',
  title: 'Physically impossible request',
  status: 422,
  detail,
});

const launch = columnFor('/launch_usd_per_kg', 'varied', 'linear');
const costRatio = columnFor('/cost_ratio', 'output');
const breakeven = columnFor('/breakeven/launch_usd_per_kg', 'output');

/** A one-field sweep: x at each row, each output given as a function of x (or of the row index). */
function lineTable(x: Column, xs: number[], outputs: [Column, (v: number, k: number) => unknown][]): SweepTable {
  const rows = xs.map((v, k) => ({ point: k, cells: [v, ...outputs.map(([, f]) => f(v, k))], error: null }));
  return { estimator: 'economics', columns: [x, ...outputs.map(([c]) => c)], rows };
}

describe('line chart (one varied field)', () => {
  const xs = Array.from({ length: 10 }, (_, k) => 100 * (k + 1));
  const table = lineTable(launch, xs, [
    [costRatio, (v) => v / 100],
    [breakeven, (v, k) => (k === 4 ? 'n/a' : k === 5 ? null : 2 * v)],
  ]);

  it('is an SVG document with a viewBox, a title and an x axis named by label and unit', () => {
    const svg = sweepChart(table);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    const root = parse(svg);
    expect(root.attrs.viewBox).toBe('0 0 800 500');
    expect(one(root, 'title').text).toBe('economics: cost ratio, breakeven.launch against launch');
    expect(xLabels(root).length).toBeGreaterThanOrEqual(3);
    expect(one(one(root, 'x'), 'axis-title').text).toBe('launch (USD/kg)');
    expect(byClass(one(root, 'y'), 'tick').length).toBeGreaterThanOrEqual(2);
  });

  it('draws one series per output, with as many points (and dots) as numeric cells', () => {
    const root = parse(sweepChart(table));
    expect(byClass(root, 'series').map((s) => s.attrs['data-output'])).toEqual(['cost_ratio', 'breakeven.launch_usd_per_kg']);
    expect(seriesPath(root, 'cost_ratio').points).toHaveLength(10);
    const gapped = seriesPath(root, 'breakeven.launch_usd_per_kg');
    expect(gapped.points).toHaveLength(8);
    expect(gapped.moves).toBe(2);
    const dots = byClass(root, 'series').map((s) => all(s, (e) => e.tag === 'circle').length);
    expect(dots).toEqual([10, 8]);
    expect(texts(one(root, 'legend'))).toEqual(['cost ratio', 'breakeven.launch (USD/kg)']);
  });

  it('on a log axis, labels the decades and spaces log-spaced values evenly', () => {
    const logLaunch = columnFor('/launch_usd_per_kg', 'varied', 'log');
    const xs = Array.from({ length: 20 }, (_, k) => 100 * 30 ** (k / 19));
    const root = parse(sweepChart(lineTable(logLaunch, xs, [[costRatio, (v) => v / 50]])));
    expect(xLabels(root)).toEqual(['100', '1,000']);
    const { points } = seriesPath(root, 'cost_ratio');
    expect(points).toHaveLength(20);
    const [x0] = points[0] as [number, number];
    const [xn] = points[19] as [number, number];
    points.forEach(([x], k) => {
      expect(Math.abs(x - (x0 + (k * (xn - x0)) / 19))).toBeLessThanOrEqual(0.01 + 1e-9);
    });
    // y is log too (x is log, every y > 0): a straight line in log-log, evenly spaced in y as well.
    const [, y0] = points[0] as [number, number];
    const [, yn] = points[19] as [number, number];
    points.forEach(([, y], k) => {
      expect(Math.abs(y - (y0 + (k * (yn - y0)) / 19))).toBeLessThanOrEqual(0.01 + 1e-9);
    });
  });

  it('a listed set of values is log when positive and spanning more than two decades, else linear', () => {
    const listed = columnFor('/power_kw', 'varied', 'values');
    const wide = parse(sweepChart(lineTable(listed, [1, 10, 100, 1000], [[costRatio, (v) => v]])));
    expect(xLabels(wide)).toEqual(['1', '10', '100', '1,000']);
    const narrow = parse(sweepChart(lineTable(listed, [10, 50, 100, 500], [[costRatio, (v) => v]])));
    expect(xLabels(narrow)).toContain('200');
    expect(xLabels(narrow)).not.toContain('10');
  });

  it('a failed row breaks every line and is marked on the x axis with its detail', () => {
    const failed: SweepTable = structuredClone(table);
    const row = failed.rows[6] as Row;
    row.cells = [row.cells[0], null, null];
    row.error = failure('the perigee is below 120 km');
    const root = parse(sweepChart(failed));
    expect(seriesPath(root, 'cost_ratio')).toMatchObject({ moves: 2 });
    expect(seriesPath(root, 'cost_ratio').points).toHaveLength(9);
    const mark = one(root, 'failure');
    expect(mark.attrs['data-x']).toBe('700');
    expect(mark.children.find((c) => c.tag === 'title')?.text).toContain('the perigee is below 120 km');
    expect(one(root, 'subtitle').text).toContain('1 of 10 points failed');
  });

  it('draws a single point between gaps as a dot', () => {
    const root = parse(sweepChart(lineTable(launch, [1, 2, 3], [[costRatio, (_, k) => (k === 1 ? 5 : null)]])));
    const series = one(root, 'series');
    expect(all(series, (e) => e.tag === 'circle')).toHaveLength(1);
    expect(seriesPath(root, 'cost_ratio').points).toHaveLength(1);
  });
});

const power = columnFor('/power_kw', 'varied', 'linear');
const annualCost = columnFor('/annual_cost_usd', 'output');

/** A two-field sweep, x changing slowest, the value x·y (first output) and x + y (second). */
function heatTable(xs: number[], ys: number[], fail: (x: number, y: number) => string | null = () => null): SweepTable {
  const rows: Row[] = xs.flatMap((x, i) =>
    ys.map((y, j) => {
      const why = fail(x, y);
      return {
        point: i * ys.length + j,
        cells: [x, y, why ? null : x * y, why ? null : x + y],
        error: why ? failure(why) : null,
      };
    }),
  );
  return { estimator: 'economics', columns: [launch, power, annualCost, costRatio], rows };
}

describe('heatmap (two varied fields)', () => {
  const cellsOf = (root: El) => all(one(root, 'heatmap'), (e) => e.tag === 'rect');

  it('draws one cell per grid point at distinct positions, with its grid values', () => {
    const root = parse(sweepChart(heatTable([100, 200, 300], [1, 2, 3, 4])));
    const cells = cellsOf(root);
    expect(cells).toHaveLength(12);
    expect(new Set(cells.map((c) => `${c.attrs.x},${c.attrs.y}`)).size).toBe(12);
    expect(cells.map((c) => `${c.attrs['data-x']}:${c.attrs['data-y']}`)).toContain('300:4');
    expect(xLabels(root)).toEqual(['100', '200', '300']);
    expect(one(one(root, 'y'), 'axis-title').text).toBe('power (kW)');
    expect(one(root, 'title').text).toBe('economics: annual cost over launch and power');
  });

  it('colours cells monotonically with their value on viridis', () => {
    const cells = cellsOf(parse(sweepChart(heatTable([100, 200, 300], [1, 2, 3, 4]))));
    const sorted = [...cells].sort((a, b) => Number(a.attrs['data-value']) - Number(b.attrs['data-value']));
    expect(sorted[0]?.attrs.fill).toBe(interpolateViridis(0));
    expect(sorted[11]?.attrs.fill).toBe(interpolateViridis(1));
    // Viridis's green channel rises from end to end.
    const green = sorted.map((c) => Number.parseInt((c.attrs.fill ?? '').slice(3, 5), 16));
    green.slice(1).forEach((g, k) => {
      expect(g).toBeGreaterThanOrEqual(green[k] as number);
    });
  });

  it('has a colour bar named by the output label and unit, and says only the first output is shown', () => {
    const root = parse(sweepChart(heatTable([100, 200, 300], [1, 2, 3, 4])));
    const bar = one(root, 'colour-bar');
    expect(one(bar, 'legend-title').text).toBe('annual cost (USD)');
    expect(byClass(bar, 'tick').filter((t) => t.children.some((c) => c.tag === 'text')).length).toBeGreaterThanOrEqual(2);
    expect(one(root, 'subtitle').text).toMatch(/first output.*annual cost.*not shown: cost ratio/);
  });

  it('draws a failed cell grey, with its detail, and the legend says "failed / no value"', () => {
    const root = parse(sweepChart(heatTable([100, 200, 300], [1, 2, 3, 4], (x, y) => (x === 200 && y === 3 ? 'too hot' : null))));
    const failed = one(root, 'failed');
    expect(failed.attrs).toMatchObject({ 'data-x': '200', 'data-y': '3', fill: '#bdbdbd' });
    expect(failed.attrs['data-value']).toBeUndefined();
    expect(failed.children.find((c) => c.tag === 'title')?.text).toContain('too hot');
    expect(texts(one(root, 'legend'))).toContain('failed / no value');
    expect(cellsOf(root)).toHaveLength(12);
  });

  it('places log-spaced values in equal cells on a log axis', () => {
    const table = heatTable([1, 10, 100, 1000], [1, 2]);
    table.columns[0] = columnFor('/launch_usd_per_kg', 'varied', 'log');
    const widths = cellsOf(parse(sweepChart(table))).map((c) => Number(c.attrs.width));
    for (const w of widths) expect(Math.abs(w - (widths[0] as number))).toBeLessThanOrEqual(0.02);
  });
});

describe('text in the chart', () => {
  it('is escaped: labels and error details with markup characters still make valid XML', () => {
    const odd = columnFor('/a<b>&"c\'_usd', 'output');
    const table = lineTable(launch, [1, 2, 3], [[odd, (v) => v]]);
    (table.rows[1] as Row).error = failure('x < 0 & y > "1" or \'2\'');
    (table.rows[1] as Row).cells[1] = null;
    const root = parse(sweepChart(table));
    expect(texts(one(root, 'legend'))).toContain('a<b>&"c\' (USD)');
    expect(one(root, 'failure').children.find((c) => c.tag === 'title')?.text).toContain('x < 0 & y > "1" or \'2\'');
  });

  it('has the characters XML forbids replaced, so that an echoed control character cannot break the document', () => {
    const table = lineTable(launch, [1, 2], [[costRatio, (v) => v]]);
    (table.rows[0] as Row).error = failure('bell \u0007 and a lone \ud800 surrogate');
    (table.rows[0] as Row).cells[1] = null;
    const title = one(parse(sweepChart(table)), 'failure').children.find((c) => c.tag === 'title');
    expect(title?.text).toContain('bell \ufffd and a lone \ufffd surrogate');
  });

  it('is the same string for the same table', () => {
    const table = heatTable([1, 2], [3, 4], (x) => (x === 2 ? 'no' : null));
    expect(sweepChart(table)).toBe(sweepChart(structuredClone(table)));
  });
});

describe('tables no chart can draw', () => {
  const refusal = (table: SweepTable) => {
    try {
      sweepChart(table);
    } catch (error) {
      expect(error).toBeInstanceOf(RequestRefused);
      return error as RequestRefused;
    }
    throw new Error('the chart was drawn');
  };
  const varied = (names: string[]) => names.map((n) => columnFor(`/${n}`, 'varied', 'linear'));

  it('three varied fields: 400 at /vary, saying what a chart can draw', () => {
    const table = {
      estimator: 'e',
      columns: [...varied(['a', 'b', 'c']), costRatio],
      rows: [{ point: 0, cells: [1, 2, 3, 4], error: null }],
    };
    const e = refusal(table);
    expect(e).toMatchObject({ statusCode: 400, pointer: '/vary' });
    expect(e.message).toMatch(/one varied field as a line chart or two as a heatmap.*varies 3 fields \(a, b, c\)/);
  });

  it('no varied field: 400 at /vary', () => {
    expect(refusal({ estimator: 'e', columns: [costRatio], rows: [] })).toMatchObject({ statusCode: 400, pointer: '/vary' });
  });

  it('no output: 400 at /outputs', () => {
    const table = { estimator: 'e', columns: varied(['a']), rows: [{ point: 0, cells: [1], error: null }] };
    expect(refusal(table)).toMatchObject({ statusCode: 400, pointer: '/outputs' });
  });

  it('no numeric value to plot: 400 at /outputs', () => {
    expect(refusal(lineTable(launch, [1, 2], [[costRatio, () => 'n/a']]))).toMatchObject({
      statusCode: 400,
      pointer: '/outputs',
    });
    expect(refusal(heatTable([1, 2], [3], () => 'failed'))).toMatchObject({ statusCode: 400, pointer: '/outputs' });
  });

  it('a varied field that is not a number: 400 at /vary', () => {
    const table = lineTable(launch, [1, 2], [[costRatio, (v) => v]]);
    (table.rows[1] as Row).cells[0] = 'fast';
    expect(refusal(table).message).toMatch(/"fast"/);
  });
});

describe('size', () => {
  // Render time is measured by `npm run bench`, not asserted here.
  it('draws a 10,000-point line chart and a 100 × 100 heatmap whole', () => {
    const xs = Array.from({ length: 10_000 }, (_, k) => k + 1);
    const line = lineTable(launch, xs, [
      [costRatio, (v) => Math.sin(v / 100)],
      [breakeven, (v) => v * 2],
    ]);
    const grid = Array.from({ length: 100 }, (_, k) => k + 1);
    for (const table of [line, heatTable(grid, grid)]) {
      const svg = sweepChart(table);
      expect(parse(svg).tag).toBe('svg');
      expect(svg.length).toBeGreaterThan(100_000);
    }
  });

  it('takes width and height from the options', () => {
    const root = parse(sweepChart(lineTable(launch, [1, 2], [[costRatio, (v) => v]]), { width: 1200, height: 700 }));
    expect(root.attrs).toMatchObject({ viewBox: '0 0 1200 700', width: '1200', height: '700' });
  });
});
