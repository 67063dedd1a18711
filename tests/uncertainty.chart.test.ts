/**
 * The uncertainty route's SVG charts: the tornado (inputs ranked by swing about the base) and the
 * histogram (bins, quantiles, thresholds). Each document is parsed as XML and its marked elements
 * (rows, bars, base line, bins, lines, axes) checked against the data's values.
 */
import { describe, expect, it } from 'vitest';
import {
  type AxisName,
  type HistogramData,
  histogramChart,
  type TornadoBar,
  type TornadoData,
  tornadoChart,
} from '../src/scripting/uncertainty-chart.js';
import { all, byClass, type El, hasClass, one, parse } from './svg.js';

const texts = (root: El) => all(root, (e) => e.tag === 'text').map((e) => e.text);
const num = (e: El, attr: string) => Number(e.attrs[attr]);
const child = (e: El, tag: string) => e.children.find((c) => c.tag === tag) as El;

/** The labelled ticks of an axis: their value, their pixel along the axis and their label. */
function ticks(axis: El, along: 'x' | 'y'): { value: number; at: number; label: string }[] {
  return byClass(axis, 'tick')
    .filter((t) => !hasClass('minor')(t))
    .map((t) => {
      const [x, y] = (t.attrs.transform?.match(/translate\(([^,]+),([^)]+)\)/)?.slice(1) ?? []).map(Number);
      return { value: num(t, 'data-value'), at: (along === 'x' ? x : y) as number, label: child(t, 'text')?.text ?? '' };
    });
}

/** The pixel of `value` as the axis's first and last labelled ticks place it, linearly or in log10. */
function pixelOnAxis(axis: El, value: number, log = false): number {
  const ts = ticks(axis, 'x');
  const first = ts[0] as { value: number; at: number };
  const last = ts[ts.length - 1] as { value: number; at: number };
  const t = log ? Math.log10 : (v: number) => v;
  return first.at + ((t(value) - t(first.value)) * (last.at - first.at)) / (t(last.value) - t(first.value));
}

/** Attributes that hold a number, and a check that every one (and every number in a transform or viewBox) is finite. */
const NUMERIC = new Set(['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'font-size', 'stroke-width', 'r', 'cx', 'cy']);
function expectFiniteNumbers(svg: string): void {
  expect(svg).not.toMatch(/NaN|Infinity/);
  for (const e of all(parse(svg), () => true)) {
    for (const [name, value] of Object.entries(e.attrs)) {
      const numeric = NUMERIC.has(name) || (name.startsWith('data-') && /^-?[\d.]/.test(value));
      if (numeric) expect(Number.isFinite(Number(value)), `${e.tag} ${name}="${value}"`).toBe(true);
      if (name === 'transform' || name === 'viewBox')
        for (const n of value.match(/-?[\d.]+(e[+-]?\d+)?/g) ?? []) expect(Number.isFinite(Number(n))).toBe(true);
    }
  }
}

const axis = (name: string, label: string, unit: string): AxisName => ({ name, label, unit });
const costRatio = axis('cost_ratio', 'cost ratio', '1');
const launch = axis('launch_usd_per_kg', 'launch', 'USD/kg');
const power = axis('power_kw', 'power', 'kW');
const life = axis('life_years', 'life', 'year');
const efficiency = axis('radiator_efficiency', 'radiator efficiency', '1');

const bar = (field: AxisName, inputs: [number, number], low: number | null, high: number | null): TornadoBar => ({
  field,
  input_low: inputs[0],
  input_high: inputs[1],
  low,
  high,
});

/** Four inputs given out of rank order: swings 0.3 (power), 1.2 (launch), 0.4 (life), 0.05 (efficiency). */
const tornado: TornadoData = {
  estimator: 'economics',
  output: costRatio,
  base: 1.2,
  samples: 10_000,
  bars: [
    bar(power, [50, 200], 1.3, 1.0),
    bar(launch, [139, 1800], 0.9, 2.1),
    bar(life, [3, 8], 1.5, 1.1),
    bar(efficiency, [0.6, 0.9], 1.22, 1.17),
  ],
};

const rowsOf = (root: El) => byClass(root, 'row');
const rowOf = (root: El, field: string) => rowsOf(root).find((r) => r.attrs['data-field'] === field) as El;

/** A bar's ends in pixels: each end's far edge from the base (the rect's edge farther from `origin`), null when not drawn. */
function barEnds(row: El, origin: number): { low: number | null; high: number | null } {
  const end = (cls: string) => {
    const rect = byClass(row, cls)[0];
    if (rect === undefined) return null;
    const [a, b] = [num(rect, 'x'), num(rect, 'x') + num(rect, 'width')];
    return Math.abs(a - origin) > Math.abs(b - origin) ? a : b;
  };
  return { low: end('bar-low'), high: end('bar-high') };
}

describe('tornado chart', () => {
  it('ranks the rows by swing, largest on top, and titles the chart and its subtitle', () => {
    const root = parse(tornadoChart(tornado));
    const rows = rowsOf(root);
    expect(rows.map((r) => r.attrs['data-field'])).toEqual([
      'launch_usd_per_kg',
      'life_years',
      'power_kw',
      'radiator_efficiency',
    ]);
    const ys = rows.map((r) => num(one(r, 'row-label'), 'y'));
    ys.slice(1).forEach((y, k) => {
      expect(y).toBeGreaterThan(ys[k] as number);
    });
    expect(one(root, 'title').text).toBe('economics: sensitivity of cost ratio (tornado, p10–p90 of each input)');
    expect(one(root, 'subtitle').text).toContain('10,000 samples');
  });

  it('spans each bar from the output at the p10 to the output at the p90, so that a larger swing is wider', () => {
    const root = parse(tornadoChart(tornado));
    const origin = num(one(root, 'base-line'), 'x1');
    const widths = tornado.bars.map((b) => {
      const { low, high } = barEnds(rowOf(root, b.field.name), origin);
      expect(low).not.toBeNull();
      expect(high).not.toBeNull();
      // The ends lie in the values' order, and each end on the base's side its value lies on.
      expect(Math.sign((high as number) - (low as number))).toBe(Math.sign((b.high as number) - (b.low as number)));
      expect(Math.sign((low as number) - origin)).toBe(Math.sign((b.low as number) - 1.2));
      return { swing: Math.abs((b.high as number) - (b.low as number)), width: Math.abs((high as number) - (low as number)) };
    });
    const bySwing = [...widths].sort((a, b) => b.swing - a.swing);
    bySwing.slice(1).forEach((w, k) => {
      expect(w.width).toBeLessThan((bySwing[k] as { width: number }).width);
    });
    // On a linear axis, widths are proportional to swings.
    const perUnit = (bySwing[0] as { width: number; swing: number }).width / (bySwing[0] as { swing: number }).swing;
    for (const w of widths) expect(Math.abs(w.width - w.swing * perUnit)).toBeLessThanOrEqual(0.05);
  });

  it('labels each row with the input, its unit and its p10–p90 values, and the x axis with the output', () => {
    const root = parse(tornadoChart({ ...tornado, output: axis('annual_cost_usd', 'annual cost', 'USD') }));
    expect(rowsOf(root).map((r) => one(r, 'row-label').text)).toEqual([
      'launch (USD/kg) 139 – 1,800',
      'life (year) 3 – 8',
      'power (kW) 50 – 200',
      'radiator efficiency 0.6 – 0.9',
    ]);
    expect(one(one(root, 'x-axis'), 'axis-title').text).toBe('annual cost (USD)');
    expect(one(one(parse(tornadoChart(tornado)), 'x-axis'), 'axis-title').text).toBe('cost ratio');
  });

  it('draws the base line at the base value, where the axis ticks place it, and labels it', () => {
    const root = parse(tornadoChart({ ...tornado, base: 1.234 }));
    const line = one(root, 'base-line');
    expect(line.attrs['data-value']).toBe('1.234');
    expect(num(line, 'x1')).toBe(num(line, 'x2'));
    expect(Math.abs(num(line, 'x1') - pixelOnAxis(one(root, 'x-axis'), 1.234))).toBeLessThanOrEqual(0.02);
    expect(one(root, 'base-label').text).toBe('base 1.234');
  });

  it('colours the ends apart, and the legend says which colour is the input at its p10 and which at its p90', () => {
    const root = parse(tornadoChart(tornado));
    const fills = (cls: string) => new Set(byClass(root, cls).map((r) => r.attrs.fill));
    const [low] = fills('bar-low');
    const [high] = fills('bar-high');
    expect(fills('bar-low').size).toBe(1);
    expect(fills('bar-high').size).toBe(1);
    expect(low).not.toBe(high);
    const items = byClass(one(root, 'legend'), 'item');
    const legend = Object.fromEntries(
      items.map((i) => [i.attrs['data-end'], { fill: child(i, 'rect').attrs.fill, text: child(i, 'text').text }]),
    );
    expect(legend).toEqual({ low: { fill: low, text: 'input at its p10' }, high: { fill: high, text: 'input at its p90' } });
  });

  it('draws a bar with a failed end as far as it can, marks that end "failed" and ranks it after the complete bars', () => {
    const data = { ...tornado, bars: [...tornado.bars, bar(axis('mass_kg', 'mass', 'kg'), [10, 20], 3.5, null)] };
    const root = parse(tornadoChart(data));
    expect(rowsOf(root).at(-1)?.attrs['data-field']).toBe('mass_kg');
    const row = rowOf(root, 'mass_kg');
    expect(byClass(row, 'bar-high')).toHaveLength(0);
    expect(byClass(row, 'bar-low')).toHaveLength(1);
    const failed = one(row, 'failed');
    expect(failed.text).toBe('failed');
    expect(failed.attrs['data-end']).toBe('high');
    const origin = num(one(root, 'base-line'), 'x1');
    const { low } = barEnds(row, origin);
    expect(Math.abs((low as number) - pixelOnAxis(one(root, 'x-axis'), 3.5))).toBeLessThanOrEqual(0.02);
    // The failed mark is on the side away from the drawn end.
    expect(num(failed, 'x')).toBeLessThan(origin);
  });

  it('without a base, draws no base line, says why, and still draws every bar', () => {
    const failedBase = { ...tornado, base: null, bars: [...tornado.bars, bar(power, [1, 2], null, null)] };
    const svg = tornadoChart(failedBase);
    expectFiniteNumbers(svg);
    const root = parse(svg);
    expect(byClass(root, 'base-line')).toHaveLength(0);
    expect(one(root, 'subtitle').text).toContain('the run with every input at its median failed');
    expect(byClass(root, 'bar-low')).toHaveLength(4);
    expect(byClass(rowsOf(root).at(-1) as El, 'failed').map((f) => f.attrs['data-end'])).toEqual(['low', 'high']);

    // One end known and no base: a thin mark at that end's value, "failed" past it.
    const lone = parse(tornadoChart({ ...tornado, base: null, bars: [...tornado.bars, bar(life, [1, 2], 1.3, null)] }));
    const row = rowsOf(lone).at(-1) as El;
    const mark = one(row, 'bar-low');
    const centre = num(mark, 'x') + num(mark, 'width') / 2;
    expect(Math.abs(centre - pixelOnAxis(one(lone, 'x-axis'), 1.3))).toBeLessThanOrEqual(0.02);
    expect(num(mark, 'width')).toBeGreaterThan(0);
    expect(num(one(row, 'failed'), 'x')).toBeGreaterThan(centre);
  });

  it('has a log x axis when every figure is positive and they span more than two decades, linear otherwise', () => {
    const wide: TornadoData = {
      ...tornado,
      base: 30,
      bars: [bar(launch, [139, 1800], 10, 3000), bar(power, [50, 200], 20, 60)],
    };
    const root = parse(tornadoChart(wide));
    const x = one(root, 'x-axis');
    expect(ticks(x, 'x').map((t) => t.label)).toEqual(['10', '100', '1,000', '10,000']);
    expect(byClass(x, 'minor').length).toBeGreaterThan(0);
    expect(Math.abs(num(one(root, 'base-line'), 'x1') - pixelOnAxis(x, 30, true))).toBeLessThanOrEqual(0.02);
    const { low, high } = barEnds(rowOf(root, 'launch_usd_per_kg'), num(one(root, 'base-line'), 'x1'));
    expect(Math.abs((low as number) - pixelOnAxis(x, 10, true))).toBeLessThanOrEqual(0.02);
    expect(Math.abs((high as number) - pixelOnAxis(x, 3000, true))).toBeLessThanOrEqual(0.02);

    const withZero = parse(tornadoChart({ ...wide, bars: [...wide.bars, bar(life, [3, 8], 0, 40)] }));
    expect(byClass(one(withZero, 'x-axis'), 'minor')).toHaveLength(0);
    const narrow = parse(tornadoChart(tornado));
    expect(byClass(one(narrow, 'x-axis'), 'minor')).toHaveLength(0);
  });

  it('is the same string for the same data, whatever order the bars come in', () => {
    const svg = tornadoChart(tornado);
    expect(tornadoChart(structuredClone(tornado))).toBe(svg);
    expect(tornadoChart({ ...tornado, bars: [...tornado.bars].reverse() })).toBe(svg);
  });
});

/** Twenty bins of width 0.1 from 0.5, counts a bell around 1.4, one empty bin. */
const edges = Array.from({ length: 21 }, (_, k) => Math.round((0.5 + k * 0.1) * 10) / 10);
const counts = edges.slice(1).map((_, k) => (k === 19 ? 0 : Math.round(500 * Math.exp(-(((k - 9) / 4) ** 2)))));
const histogram: HistogramData = {
  estimator: 'economics',
  output: costRatio,
  edges,
  counts,
  p10: 1.1,
  p50: 1.4,
  p90: 1.8,
  thresholds: [
    { value: 1, side: 'below', probability: 0.0712 },
    { value: 2.2, side: 'above', probability: 0.05 },
  ],
  samples: 10_000,
  failed: 12,
};

describe('histogram chart', () => {
  const bins = (root: El) => byClass(root, 'bin');

  it('draws one bin per count, side by side from edge to edge, and titles the chart and its axes', () => {
    const root = parse(histogramChart(histogram));
    const rects = bins(root);
    expect(rects).toHaveLength(counts.length);
    rects.slice(1).forEach((r, k) => {
      const before = rects[k] as El;
      expect(Math.abs(num(r, 'x') - (num(before, 'x') + num(before, 'width')))).toBeLessThanOrEqual(0.02);
    });
    const x = one(root, 'x-axis');
    expect(Math.abs(num(rects[0] as El, 'x') - pixelOnAxis(x, 0.5))).toBeLessThanOrEqual(0.02);
    expect(one(root, 'title').text).toBe('economics: distribution of cost ratio (10,000 samples, 12 failed)');
    expect(one(one(root, 'y-axis'), 'axis-title').text).toBe('samples');
    expect(one(x, 'axis-title').text).toBe('cost ratio');
  });

  it('makes each bin as tall as its count, on whole-sample ticks', () => {
    const root = parse(histogramChart(histogram));
    const rects = bins(root);
    const perSample = num(rects[9] as El, 'height') / (counts[9] as number);
    rects.forEach((r, k) => {
      expect(r.attrs['data-count']).toBe(String(counts[k]));
      expect(Math.abs(num(r, 'height') - (counts[k] as number) * perSample)).toBeLessThanOrEqual(0.02);
    });
    expect(num(rects[19] as El, 'height')).toBe(0);
    for (const t of ticks(one(root, 'y-axis'), 'y')) expect(Number.isInteger(t.value)).toBe(true);
  });

  it('marks p10, p50 and p90 as lines at ordered positions, labelled with their values', () => {
    const root = parse(histogramChart(histogram));
    const lines = byClass(root, 'quantile');
    expect(lines.map((q) => q.attrs['data-quantile'])).toEqual(['p10', 'p50', 'p90']);
    const xs = lines.map((q) => num(child(q, 'line'), 'x1'));
    expect(xs[0]).toBeLessThan(xs[1] as number);
    expect(xs[1]).toBeLessThan(xs[2] as number);
    expect(Math.abs((xs[1] as number) - pixelOnAxis(one(root, 'x-axis'), 1.4))).toBeLessThanOrEqual(0.02);
    expect(lines.map((q) => child(q, 'text').text)).toEqual(['p10 = 1.1', 'p50 = 1.4', 'p90 = 1.8']);
  });

  it('marks each threshold as a line labelled with the probability of its side', () => {
    const root = parse(histogramChart(histogram));
    const marks = byClass(root, 'threshold');
    expect(marks.map((t) => child(t, 'text').text)).toEqual(['P(below 1) = 0.0712', 'P(above 2.2) = 0.05']);
    expect(marks.map((t) => t.attrs['data-probability'])).toEqual(['0.0712', '0.05']);
    const x = one(root, 'x-axis');
    expect(Math.abs(num(child(marks[0] as El, 'line'), 'x1') - pixelOnAxis(x, 1))).toBeLessThanOrEqual(0.02);
    expect(histogramChart({ ...histogram, thresholds: undefined })).not.toContain('class="threshold"');
  });

  it('draws a threshold off the axis at the axis end and says so', () => {
    const data = { ...histogram, thresholds: [{ value: 50, side: 'below' as const, probability: 1 }] };
    const root = parse(histogramChart(data));
    const mark = one(root, 'threshold');
    expect(mark.attrs['data-off-scale']).toBe('true');
    expect(child(mark, 'text').text).toBe('P(below 50) = 1 (off the axis)');
    const domainEnd = num(one(one(root, 'x-axis'), 'domain'), 'x2');
    expect(num(child(mark, 'line'), 'x1')).toBe(domainEnd);
  });

  it('has a log x axis when the edges are positive and span more than two decades, with bins between log positions', () => {
    const logEdges = Array.from({ length: 31 }, (_, k) => 10 * 10 ** (k / 10));
    const data = { ...histogram, edges: logEdges, counts: logEdges.slice(1).map(() => 5), p10: 30, p50: 300, p90: 3000 };
    const root = parse(histogramChart(data));
    const x = one(root, 'x-axis');
    expect(ticks(x, 'x').map((t) => t.label)).toEqual(['10', '100', '1,000', '10,000']);
    const widths = bins(root).map((r) => num(r, 'width'));
    for (const w of widths) expect(Math.abs(w - (widths[0] as number))).toBeLessThanOrEqual(0.02);
    const p50 = byClass(root, 'quantile')[1];
    expect(Math.abs(num(child(p50 as El, 'line'), 'x1') - pixelOnAxis(x, 300, true))).toBeLessThanOrEqual(0.02);

    const linear = parse(histogramChart({ ...data, edges: logEdges.map((e) => e - 10) }));
    expect(byClass(one(linear, 'x-axis'), 'minor')).toHaveLength(0);
  });

  it('draws a histogram without a sample (every run failed) as empty axes, and refuses edges that do not bound the counts', () => {
    const empty = { ...histogram, edges: [], counts: [], p10: Number.NaN, p50: Number.NaN, p90: Number.NaN, thresholds: [] };
    const svg = histogramChart({ ...empty, samples: 100, failed: 100 });
    expectFiniteNumbers(svg);
    const root = parse(svg);
    expect(bins(root)).toHaveLength(0);
    expect(byClass(root, 'quantile')).toHaveLength(0);
    expect(one(root, 'title').text).toBe('economics: distribution of cost ratio (100 samples, 100 failed)');
    expect(() => histogramChart({ ...histogram, counts: [1, 2] })).toThrow(/one more edge than counts/);
  });

  it('is the same string for the same data', () => {
    expect(histogramChart(structuredClone(histogram))).toBe(histogramChart(histogram));
  });
});

describe('both charts', () => {
  it('escape their text: labels with markup characters still make valid XML and read back unchanged', () => {
    const odd = axis('a<b>&c_usd', 'a<b>&c', 'USD');
    const t = parse(tornadoChart({ ...tornado, estimator: 'e&"x"', output: odd, bars: [bar(odd, [1, 2], 1, 3)] }));
    expect(one(t, 'title').text).toBe('e&"x": sensitivity of a<b>&c (tornado, p10–p90 of each input)');
    expect(one(t, 'row-label').text).toBe('a<b>&c (USD) 1 – 2');
    expect(one(t, 'row').attrs['data-field']).toBe('a<b>&c_usd');
    expect(one(one(t, 'x-axis'), 'axis-title').text).toBe('a<b>&c (USD)');
    const h = parse(histogramChart({ ...histogram, output: odd }));
    expect(one(h, 'title').text).toBe('economics: distribution of a<b>&c (10,000 samples, 12 failed)');
    expect(texts(h)).toContain('a<b>&c (USD)');
  });

  it('write a finite number in every numeric attribute, also for failed runs, single values and the log axis', () => {
    const single: TornadoData = { ...tornado, base: 5, bars: [bar(launch, [1, 1], 5, 5)] };
    const allFailed: TornadoData = { ...tornado, base: null, bars: [bar(launch, [1, 2], null, null)] };
    const none: TornadoData = { ...tornado, bars: [] };
    const wide: TornadoData = { ...tornado, base: 30, bars: [bar(launch, [1, 2], 10, 3000)] };
    for (const data of [tornado, single, allFailed, none, wide]) expectFiniteNumbers(tornadoChart(data));
    const oneValue = { ...histogram, edges: [2, 2], counts: [40], p10: 2, p50: 2, p90: 2 };
    const logEdges = [1, 10, 100, 1000];
    for (const data of [
      histogram,
      oneValue,
      { ...histogram, edges: logEdges, counts: [1, 2, 3], thresholds: [{ value: 0, side: 'below' as const, probability: 0 }] },
    ])
      expectFiniteNumbers(histogramChart(data));
  });

  it('take their size from the options', () => {
    for (const svg of [
      tornadoChart(tornado, { width: 1200, height: 700 }),
      histogramChart(histogram, { width: 1200, height: 700 }),
    ])
      expect(parse(svg).attrs).toMatchObject({ viewBox: '0 0 1200 700', width: '1200', height: '700' });
  });
});
