/**
 * The uncertainty route's charts as standalone SVG documents: the tornado (each input's p10–p90
 * swing of one output, ranked, about the output with every input at its median) and the histogram
 * of one output's samples with its quantiles and thresholds marked. Pure and deterministic, drawn
 * with the sweep chart's frame, axes, scales and number labels; every text is escaped.
 */
import { scaleLinear, tickFormat } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { clip } from '../problem.js';
import {
  bottomAxis,
  CHAR_PX,
  type ChartOptions,
  documentOf,
  escapeXml,
  FAILED_COLOUR,
  type Frame,
  finite,
  frameOf,
  leftAxis,
  numberLabel,
  positionScale,
  px,
  type Scale,
  type Size,
  sizeOf,
  spansDecades,
  type Tick,
  tickCount,
  ticksOf,
  titleOf,
  X_TICK_PX,
  Y_TICK_PX,
} from './chart.js';

/** A field named as a table column names it: "launch_usd_per_kg" → label "launch", unit "USD/kg". */
export interface AxisName {
  name: string;
  label: string;
  unit: string;
}

/** One input's row of the tornado: its p10 and p90, and the output with it at each (the others at their medians). */
export interface TornadoBar {
  /** The input (its pointer's column name, label and unit). */
  field: AxisName;
  /** The input's p10 value, in its unit. */
  input_low: number;
  /** The input's p90 value, in its unit. */
  input_high: number;
  /** The output with this input at its p10 and the others at their medians; null when that run failed. */
  low: number | null;
  /** The output with this input at its p90 and the others at their medians; null when that run failed. */
  high: number | null;
}

export interface TornadoData {
  estimator: string;
  /** The output charted. */
  output: AxisName;
  /** The output with every input at its median: the bars' common origin; null when that run failed. */
  base: number | null;
  /** In any order: the chart ranks them by swing |high − low|, largest on top. */
  bars: TornadoBar[];
  /** How many samples the analysis drew, for the subtitle. */
  samples: number;
}

/** A threshold marked on the histogram, with the share of samples on its side. */
export interface HistogramThreshold {
  value: number;
  side: 'below' | 'above';
  probability: number;
}

export interface HistogramData {
  estimator: string;
  output: AxisName;
  /** counts.length + 1 ascending bin edges (none when no sample succeeded). */
  edges: number[];
  /** Samples per bin. */
  counts: number[];
  p10: number;
  p50: number;
  p90: number;
  thresholds?: HistogramThreshold[];
  samples: number;
  failed: number;
}

/** A bar's end with the input at its p10 (Tableau blue) and at its p90 (Tableau orange). */
const LOW_COLOUR = schemeTableau10[0] as string;
const HIGH_COLOUR = schemeTableau10[1] as string;
const LINE_COLOUR = '#333';
const BIN_COLOUR = schemeTableau10[0] as string;
/** Threshold lines (Tableau red), told apart from the dashed quantile lines. */
const THRESHOLD_COLOUR = schemeTableau10[2] as string;
const QUANTILE_DASH = '5 3';
const THRESHOLD_DASH = '2 2';
/** The legend's names for the two ends of a bar. */
const LOW_NAME = 'input at its p10';
const HIGH_NAME = 'input at its p90';
const FAILED_TEXT = 'failed';
/** What a histogram line's label adds when its value lies off the axis (the line is drawn at the axis' end). */
const OFF_SCALE_TEXT = 'off the axis';
/** Room right of the tornado's plot: half the last tick label, or a "failed" mark past a bar's end. */
const TORNADO_RIGHT = 48;
/** Room right of the histogram's plot: half the last tick label. */
const HISTOGRAM_RIGHT = 32;
/** Height of the tornado legend's row, between the subtitle and the plot. */
const LEGEND_ROW = 26;
/** Horizontal distance between the legend's two entries, and a swatch's size. */
const LEGEND_STEP = 150;
const SWATCH: Size = { width: 14, height: 10 };
/** Room at the top of the tornado's plot for the base line's label, above the first row. */
const BASE_LABEL_ROOM = 18;
/** A bar's thickness as a share of its row, and at most. */
const BAR_SHARE = 0.6;
const MAX_BAR_PX = 28;
/** Width of a bar's end that lies at the origin (no change, or no base to start from): a thin mark, so that it shows. */
const MIN_SEGMENT_PX = 2;
/** Row labels' font size, shrunk to fit rows narrower than it. */
const LABEL_FONT_PX = 11;
/** The row labels' room: at least this, at most this share of the document's width, and their gap to the plot. */
const MIN_LABEL_ROOM = 60;
const MAX_LABEL_SHARE = 0.4;
const LABEL_GAP = 8;
/** Distance of a line's label from the line, and between the stacked labels of the histogram's lines. */
const LABEL_OFFSET = 4;
const LABEL_STEP = 14;
/** The domain of an axis with nothing to plot. */
const EMPTY_DOMAIN = [0, 1];
/** White outline under a line's label, so that it reads over the other lines. */
const HALO = 'paint-order="stroke" stroke="white" stroke-width="3"';

const COUNT = tickFormat(0, 1, 1, ',d');
const PROBABILITY = tickFormat(0, 1, 1, '.3~r');

/** A label right of a vertical line at x, or left of it past the plot's middle so that it stays inside. */
function besideLine(x: number, frame: Frame): string {
  const left = x > (frame.left + frame.right) / 2;
  return `x="${px(left ? x - LABEL_OFFSET : x + LABEL_OFFSET)}" text-anchor="${left ? 'end' : 'start'}"`;
}

/** The x axis in a group of class "x-axis". */
function xAxis(frame: Frame, ticks: readonly Tick[], title: string): string {
  return ['<g class="x-axis">', bottomAxis(frame, ticks, title), '</g>'].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Tornado
// ---------------------------------------------------------------------------------------------

/** A tornado row: its input, the output at the input's p10 and p90 (null: failed), and its swing for the ranking. */
interface TornadoRow {
  bar: TornadoBar;
  low: number | null;
  high: number | null;
  /** |high − low|; with a failed end, how far the known end is from the base (0 without one). */
  swing: number;
  complete: boolean;
}

/**
 * The bars ranked by swing |high − low|, largest first. A bar with a failed end has no swing: it
 * follows the complete ones, ranked by how far its known end lies from the base. Ties keep the given order.
 */
function rankedRows(bars: readonly TornadoBar[], base: number | null): TornadoRow[] {
  const rows = bars.map((bar) => {
    const low = finite(bar.low);
    const high = finite(bar.high);
    const known = low ?? high;
    const complete = low !== null && high !== null;
    const swing = complete ? Math.abs(high - low) : known !== null && base !== null ? Math.abs(known - base) : 0;
    return { bar, low, high, swing, complete };
  });
  return rows.sort((a, b) => Number(b.complete) - Number(a.complete) || b.swing - a.swing);
}

/** A row's label: the input's label and unit and its p10–p90 values, "launch (USD/kg) 139 – 1,800". */
function rowLabel(bar: TornadoBar): string {
  return `${titleOf(bar.field)} ${numberLabel(bar.input_low)} – ${numberLabel(bar.input_high)}`;
}

/** The plot area: left of it the row labels (as wide as the longest, within limits), above it the legend's row. */
function tornadoFrame(size: Size, rows: readonly TornadoRow[]): Frame {
  const longest = Math.max(0, ...rows.map((r) => rowLabel(r.bar).length));
  const room = Math.min(size.width * MAX_LABEL_SHARE, Math.max(MIN_LABEL_ROOM, longest * CHAR_PX + 2 * LABEL_GAP));
  const frame = frameOf(size, TORNADO_RIGHT, true);
  return { ...frame, left: Math.ceil(room), top: frame.top + LEGEND_ROW };
}

/** The x scale over every figure: log when all are positive and span more than two decades, widened to whole decades. */
function tornadoScale(rows: readonly TornadoRow[], base: number | null, frame: Frame): { scale: Scale; log: boolean } {
  const figures = rows.flatMap((r) => [r.low, r.high]);
  const values = [base, ...figures].filter((v): v is number => v !== null);
  const log = spansDecades(values);
  const count = tickCount(frame.right - frame.left, X_TICK_PX);
  const scale = positionScale(values.length > 0 ? values : EMPTY_DOMAIN, log, [frame.left, frame.right], count, true);
  return { scale, log };
}

/** Where a bar's two ends start: the base, or without one the middle of its known ends (null when both failed). */
function originOf(row: TornadoRow, base: number | null): number | null {
  if (base !== null) return base;
  if (row.low !== null && row.high !== null) return (row.low + row.high) / 2;
  return row.low ?? row.high;
}

/** One end of a bar: a rect from the origin to the figure, at pixels; an end at the origin a thin mark centred on it, so that it shows. */
function segmentSvg(cls: string, [from, to]: [number, number], [y, height]: [number, number], colour: string): string {
  const width = Math.abs(to - from);
  const [x, w] = width < MIN_SEGMENT_PX ? [to - MIN_SEGMENT_PX / 2, MIN_SEGMENT_PX] : [Math.min(from, to), width];
  return `<rect class="${cls}" x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(height)}" fill="${colour}"/>`;
}

/** "failed" beside the origin for an end whose run failed: on the side away from the other end (low left, high right when that end is at the origin or failed too). */
function failedSvg(end: 'low' | 'high', origin: number, other: number | null, y: number): string {
  const leftward = other === null || Math.abs(other - origin) < MIN_SEGMENT_PX ? end === 'low' : other > origin;
  const x = leftward ? origin - LABEL_OFFSET : origin + LABEL_OFFSET;
  const anchor = leftward ? 'end' : 'start';
  return `<text class="failed" data-end="${end}" x="${px(x)}" y="${px(y)}" dy="0.32em" text-anchor="${anchor}" fill="${FAILED_COLOUR}">${FAILED_TEXT}</text>`;
}

/** A row's bar: the end farther from the origin drawn first, so that both show when they lie on the same side; failed ends marked. */
function barSvg(row: TornadoRow, origin: number | null, scale: Scale, [centre, thickness]: [number, number]): string {
  const data = [
    row.low === null ? '' : ` data-low="${row.low}"`,
    row.high === null ? '' : ` data-high="${row.high}"`,
    row.complete ? ` data-swing="${row.swing}"` : '',
  ].join('');
  const [left, right] = scale.range() as [number, number];
  const o = origin === null ? (left + right) / 2 : scale(origin);
  const box: [number, number] = [centre - thickness / 2, thickness];
  const ends = [
    { end: 'low' as const, at: row.low === null ? null : scale(row.low), colour: LOW_COLOUR },
    { end: 'high' as const, at: row.high === null ? null : scale(row.high), colour: HIGH_COLOUR },
  ];
  const drawn = ends
    .filter((e) => e.at !== null)
    .sort((a, b) => Math.abs((b.at as number) - o) - Math.abs((a.at as number) - o))
    .map((e) => segmentSvg(`bar-${e.end}`, [o, e.at as number], box, e.colour));
  const failed = ends
    .filter((e) => e.at === null)
    .map((e) => failedSvg(e.end, o, ends.find((other) => other.end !== e.end)?.at ?? null, centre));
  return [`<g class="bar"${data}>`, ...drawn, ...failed, '</g>'].join('\n');
}

/** A row: its label right-aligned left of the plot (clipped to the room, the whole text as its tooltip) and its bar. */
function rowSvg(row: TornadoRow, rank: number, base: number | null, scale: Scale, frame: Frame, band: number): string {
  const centre = frame.top + BASE_LABEL_ROOM + band * (rank + 0.5);
  const text = rowLabel(row.bar);
  const room = Math.max(1, Math.floor((frame.left - 2 * LABEL_GAP) / CHAR_PX));
  const shown = clip(text, room);
  const full = shown === text ? '' : `<title>${escapeXml(text)}</title>`;
  const font = Math.min(LABEL_FONT_PX, Math.max(1, band * 0.9));
  const thickness = Math.min(MAX_BAR_PX, band * BAR_SHARE);
  return [
    `<g class="row" data-field="${escapeXml(row.bar.field.name)}" data-rank="${rank}">`,
    `<text class="row-label" x="${px(frame.left - LABEL_GAP)}" y="${px(centre)}" dy="0.32em" text-anchor="end" font-size="${px(font)}">${escapeXml(shown)}${full}</text>`,
    barSvg(row, originOf(row, base), scale, [centre, thickness]),
    '</g>',
  ].join('\n');
}

/** The vertical line at the base, across the plot, labelled with its value at the top. */
function baseLineSvg(base: number, scale: Scale, frame: Frame): string {
  const x = scale(base);
  const label = `base ${numberLabel(base)}`;
  return [
    '<g class="base">',
    `<line class="base-line" data-value="${base}" x1="${px(x)}" x2="${px(x)}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="${LINE_COLOUR}" stroke-width="1.5"/>`,
    `<text class="base-label" ${besideLine(x, frame)} y="${px(frame.top + BASE_LABEL_ROOM / 2)}" dy="0.32em">${escapeXml(label)}<title>the output with every input at its median</title></text>`,
    '</g>',
  ].join('\n');
}

/** The legend's row above the plot: which colour is the input at its p10 and which at its p90. */
function tornadoLegend(frame: Frame): string {
  const item = (k: number, end: 'low' | 'high', colour: string, name: string) =>
    `<g class="item" data-end="${end}" transform="translate(${k * LEGEND_STEP},0)">` +
    `<rect y="${-SWATCH.height / 2}" width="${SWATCH.width}" height="${SWATCH.height}" fill="${colour}"/>` +
    `<text x="${SWATCH.width + 6}" dy="0.32em">${name}</text></g>`;
  return [
    `<g class="legend" transform="translate(${px(frame.left)},${px(frame.top - LEGEND_ROW / 2)})">`,
    item(0, 'low', LOW_COLOUR, LOW_NAME),
    item(1, 'high', HIGH_COLOUR, HIGH_NAME),
    '</g>',
  ].join('\n');
}

/** The tornado's subtitle: the sample count, that the base run failed when it did (before what a bar is, which is clipped first on a narrow chart). */
function tornadoSubtitle(data: TornadoData, base: number | null): string {
  return [
    `${COUNT(data.samples)} samples`,
    ...(base === null ? ['no base line: the run with every input at its median failed'] : []),
    `each bar: ${data.output.label} with one input at its p10 and at its p90, the others at their medians`,
  ].join('; ');
}

/**
 * The tornado chart: one row per input, ranked by swing (largest on top), each bar spanning the
 * output at the input's p10 and at its p90 about the base line (the output with every input at its
 * median); log x axis when every figure is positive and they span more than two decades.
 */
export function tornadoChart(data: TornadoData, options: ChartOptions = {}): string {
  const size = sizeOf(options);
  const base = finite(data.base);
  const rows = rankedRows(data.bars, base);
  const frame = tornadoFrame(size, rows);
  const { scale, log } = tornadoScale(rows, base, frame);
  const band = (frame.bottom - frame.top - BASE_LABEL_ROOM) / Math.max(1, rows.length);
  const ticks = ticksOf(scale, log, tickCount(frame.right - frame.left, X_TICK_PX));
  const title = `${data.estimator}: sensitivity of ${data.output.label} (tornado, p10–p90 of each input)`;
  return documentOf(size, title, tornadoSubtitle(data, base), [
    xAxis(frame, ticks, titleOf(data.output)),
    tornadoLegend(frame),
    '<g class="rows">',
    ...rows.map((row, rank) => rowSvg(row, rank, base, scale, frame, band)),
    '</g>',
    ...(base === null ? [] : [baseLineSvg(base, scale, frame)]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Histogram
// ---------------------------------------------------------------------------------------------

/** A vertical line marked on the histogram: a quantile or a threshold, with its label. */
interface Marker {
  cls: 'quantile' | 'threshold';
  value: number;
  label: string;
  data: string;
}

/** The edges and counts, checked: one more edge than counts (or none at all), every number finite. */
function checkedBins(data: HistogramData): void {
  const { edges, counts } = data;
  const none = edges.length === 0 && counts.length === 0;
  if (!none && edges.length !== counts.length + 1)
    throw new Error(`a histogram needs one more edge than counts, not ${edges.length} edges for ${counts.length} counts`);
  if (![...edges, ...counts].every(Number.isFinite)) throw new Error('a histogram needs finite edges and counts');
}

/** The quantile lines (p10, p50, p90) and the thresholds with their probabilities; those not finite are left out. */
function markersOf(data: HistogramData): Marker[] {
  const quantiles = (['p10', 'p50', 'p90'] as const).map((name) => ({
    cls: 'quantile' as const,
    value: data[name],
    label: `${name} = ${numberLabel(data[name])}`,
    data: `data-quantile="${name}"`,
  }));
  const thresholds = (data.thresholds ?? [])
    .filter((t) => Number.isFinite(t.probability))
    .map((t) => ({
      cls: 'threshold' as const,
      value: t.value,
      label: `P(${t.side} ${numberLabel(t.value)}) = ${PROBABILITY(t.probability)}`,
      data: `data-side="${t.side}" data-probability="${t.probability}"`,
    }));
  return [...quantiles, ...thresholds].filter((m) => Number.isFinite(m.value));
}

/** The x scale over the edges (over the markers when there are no edges): log when the edges are positive and span more than two decades. */
function histogramScale(edges: readonly number[], markers: readonly Marker[], frame: Frame): { scale: Scale; log: boolean } {
  const log = spansDecades(edges);
  const values = edges.length > 0 ? edges : markers.length > 0 ? markers.map((m) => m.value) : EMPTY_DOMAIN;
  const scale = positionScale(values, log, [frame.left, frame.right], tickCount(frame.right - frame.left, X_TICK_PX));
  return { scale, log };
}

/** The y scale from zero samples to the fullest bin (at least one), made nice. */
function countScale(counts: readonly number[], frame: Frame): Scale {
  const most = Math.max(1, ...counts);
  return scaleLinear()
    .domain([0, most])
    .range([frame.bottom, frame.top])
    .nice(tickCount(frame.bottom - frame.top, Y_TICK_PX));
}

/** The bins: one rect per count from its lower to its upper edge (between log positions on a log axis), as tall as its count. */
function binsSvg(data: HistogramData, xs: Scale, ys: Scale): string {
  const base = ys(0);
  const bins = data.counts.map((count, k) => {
    const from = data.edges[k] as number;
    const to = data.edges[k + 1] as number;
    const [x0, x1] = [xs(from), xs(to)];
    const top = ys(count);
    return (
      `<rect class="bin" data-from="${from}" data-to="${to}" data-count="${count}" ` +
      `x="${px(x0)}" y="${px(top)}" width="${px(x1 - x0)}" height="${px(base - top)}"/>`
    );
  });
  return [`<g class="bins" fill="${BIN_COLOUR}" stroke="white" stroke-width="0.5">`, ...bins, '</g>'].join('\n');
}

/** The plot area, with a row above it for each marker's label. */
function histogramFrame(size: Size, markers: number): Frame {
  const frame = frameOf(size, HISTOGRAM_RIGHT, false);
  return { ...frame, top: frame.top + markers * LABEL_STEP };
}

/**
 * A marker's line from its label's row, above the plot (the k-th marker's k rows above it), down
 * across the plot; a value off the axis is drawn at the plot's edge, said so in its label and marked data-off-scale.
 */
function markerSvg(marker: Marker, k: number, count: number, xs: Scale, frame: Frame): string {
  const [lo, hi] = xs.domain() as [number, number];
  const off = marker.value < lo || marker.value > hi;
  const x = xs(Math.min(hi, Math.max(lo, marker.value)));
  const quantile = marker.cls === 'quantile';
  const colour = quantile ? LINE_COLOUR : THRESHOLD_COLOUR;
  const stroke = `stroke="${colour}" stroke-dasharray="${quantile ? QUANTILE_DASH : THRESHOLD_DASH}"`;
  const y = frame.top - LABEL_STEP * (count - k - 0.5);
  const label = off ? `${marker.label} (${OFF_SCALE_TEXT})` : marker.label;
  return [
    `<g class="${marker.cls}" ${marker.data} data-value="${marker.value}"${off ? ' data-off-scale="true"' : ''}>`,
    `<line x1="${px(x)}" x2="${px(x)}" y1="${px(y - LABEL_STEP / 2)}" y2="${px(frame.bottom)}" ${stroke} stroke-width="1.5"/>`,
    `<text ${besideLine(x, frame)} y="${px(y)}" dy="0.32em" fill="${colour}" ${HALO}>${escapeXml(label)}</text>`,
    '</g>',
  ].join('\n');
}

/** The count axis: integer ticks only (a bin holds whole samples), titled "samples", with grid lines. */
function yAxis(ys: Scale, frame: Frame): string {
  const ticks = ticksOf(ys, false, tickCount(frame.bottom - frame.top, Y_TICK_PX)).filter((t) => Number.isInteger(t.value));
  return ['<g class="y-axis">', leftAxis(frame, ticks, 'samples', true), '</g>'].join('\n');
}

/**
 * The histogram of one output's samples: a bar per bin over the output's axis (log when the edges
 * are positive and span more than two decades), p10, p50 and p90 as dashed lines and each threshold
 * as a dotted line labelled with the probability of its side. Throws when the edges do not bound the counts.
 */
export function histogramChart(data: HistogramData, options: ChartOptions = {}): string {
  checkedBins(data);
  const size = sizeOf(options);
  const markers = markersOf(data);
  const frame = histogramFrame(size, markers.length);
  const { scale, log } = histogramScale(data.edges, markers, frame);
  const ys = countScale(data.counts, frame);
  const ticks = ticksOf(scale, log, tickCount(frame.right - frame.left, X_TICK_PX));
  const title = `${data.estimator}: distribution of ${data.output.label} (${COUNT(data.samples)} samples, ${COUNT(data.failed)} failed)`;
  return documentOf(size, title, '', [
    yAxis(ys, frame),
    xAxis(frame, ticks, titleOf(data.output)),
    binsSvg(data, scale, ys),
    ...markers.map((m, k) => markerSvg(m, k, markers.length, scale, frame)),
  ]);
}
