/**
 * A sweep's table drawn as a standalone SVG document: a line chart when one field is varied (one line
 * per output), a heatmap when two are (cells coloured by the first output). Pure and deterministic:
 * the same table gives the same string, built as text without a DOM; every text is escaped. Its
 * document frame, axes, scales and number labels are exported for the uncertainty route's charts.
 */
import { type ScaleContinuousNumeric, scaleLinear, scaleLog, scaleSequential, scaleSequentialLog, tickFormat } from 'd3-scale';
import { interpolateSinebow, interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
import { line } from 'd3-shape';
import { clip, RequestRefused } from '../problem.js';
import type { Column, Row, SweepTable } from './table.js';

/** Size of the document; smaller or non-finite sizes are raised to the minimum or the default. */
export interface ChartOptions {
  width?: number;
  height?: number;
}

export type Scale = ScaleContinuousNumeric<number, number>;

/** A column and where its cells sit in each row. */
interface Indexed {
  column: Column;
  index: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The document's size and the pixel edges of the plot area inside it. */
export interface Frame extends Size {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A tick at `position` px; an empty label makes a short, unlabelled (minor) tick. */
export interface Tick {
  value: number;
  position: number;
  label: string;
}

const DEFAULT_SIZE: Size = { width: 800, height: 500 };
const MIN_SIZE: Size = { width: 360, height: 240 };
const MAX_SIDE = 10_000;
/** Room left of the plot for the y tick labels and the y axis title. */
const LEFT_MARGIN = 84;
const BOTTOM_MARGIN = 52;
/** Right margin of a heatmap: the colour bar, its tick labels, its title and the "failed / no value" swatch. */
const COLOUR_BAR_MARGIN = 150;
export const FAILED_COLOUR = '#d62728';
const NO_VALUE_FILL = '#bdbdbd';
const HATCH_STROKE = '#7a7a7a';
const GRADIENT_ID = 'sweep-chart-viridis';
/** The legend's name for the mark of a failed point (hovering the mark shows why it failed). */
const FAILED_NAME = 'failed point';
/** Average width of a character of 11-px text, to fit labels into the room they have. */
export const CHAR_PX = 6.2;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text made safe for SVG content and attribute values: markup characters escaped, characters XML forbids replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** A pixel coordinate with at most two decimals, and no "-0". */
export function px(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** Pixels per tick on an x and a y axis. */
export const X_TICK_PX = 80;
export const Y_TICK_PX = 40;

/** How many ticks an axis of this length gets, one per `per` pixels and at least two. */
export function tickCount(length: number, per: number): number {
  return Math.max(2, Math.round(length / per));
}

/** The cell as a number to plot, or null when it is not a finite number (a failed point, a failed run, null, a string). */
export function finite(cell: unknown): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

/** Smallest and largest value, by a loop: spreading 10,000 values into Math.min is wasteful. */
function extent(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Whether all values are positive and the largest is more than 100 times the smallest. */
export function spansDecades(values: readonly number[]): boolean {
  const [lo, hi] = extent(values);
  return values.length > 0 && lo > 0 && hi / lo > 100;
}

/**
 * Whether a varied field's axis is logarithmic: when its values were spaced logarithmically
 * (`scale: 'log'`), or when they were listed (`scale: 'values'`, or no scale given) and are all
 * positive and span more than two decades (largest / smallest > 100). Never when a value is ≤ 0,
 * never for `scale: 'linear'`.
 */
export function isLogAxis(column: Column, values: readonly number[]): boolean {
  if (values.length === 0 || values.some((v) => v <= 0)) return false;
  if (column.scale === 'log') return true;
  return column.scale !== 'linear' && spansDecades(values);
}

/** An axis title: "label (unit)", the label alone when the unit is "" or "1" (the label already says ratio or fraction). */
export function titleOf(column: Pick<Column, 'label' | 'unit'>): string {
  return column.unit === '' || column.unit === '1' ? column.label : `${column.label} (${column.unit})`;
}

const PLAIN = tickFormat(0, 1, 1, ',.4~r');
const SCIENTIFIC = tickFormat(0, 1, 1, '.3~e');

/** A value as a short label: "3,000", "0.25", "1.5e+9" (scientific past a million and below a thousandth). */
export function numberLabel(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3) ? SCIENTIFIC(value) : PLAIN(value);
}

/** The document's size from the options: whole pixels, within the minimum and MAX_SIDE, the default when not a finite number. */
export function sizeOf(options: ChartOptions): Size {
  const side = (v: number | undefined, fallback: number, min: number) =>
    v !== undefined && Number.isFinite(v) ? Math.min(MAX_SIDE, Math.max(min, Math.round(v))) : fallback;
  return {
    width: side(options.width, DEFAULT_SIZE.width, MIN_SIZE.width),
    height: side(options.height, DEFAULT_SIZE.height, MIN_SIZE.height),
  };
}

/** The plot area for a document of this size, with `right` px kept for a legend and room above for a subtitle when there is one. */
export function frameOf(size: Size, right: number, subtitle: boolean): Frame {
  const top = subtitle ? 68 : 48;
  return { ...size, left: LEFT_MARGIN, right: size.width - right, top, bottom: size.height - BOTTOM_MARGIN };
}

/** The refusal for a table no chart can draw, saying what a chart can draw. */
function refuse(detail: string, pointer: '/vary' | '/outputs'): never {
  throw new RequestRefused(400, `a chart draws one varied field as a line chart or two as a heatmap; ${detail}`, { pointer });
}

/** The varied and the output columns with their positions, or a 400 when no chart fits them. */
function planOf(table: SweepTable): { varied: Indexed[]; outputs: Indexed[] } {
  const indexed = table.columns.map((column, index) => ({ column, index }));
  const varied = indexed.filter((c) => c.column.role === 'varied');
  const outputs = indexed.filter((c) => c.column.role === 'output');
  if (varied.length < 1 || varied.length > 2) {
    const names = varied.map((c) => c.column.name).join(', ');
    refuse(`this sweep varies ${varied.length === 0 ? 'no field' : `${varied.length} fields (${names})`}`, '/vary');
  }
  if (outputs.length === 0) refuse('this sweep names no output to plot', '/outputs');
  return { varied, outputs };
}

/** A varied field's value at each row; a 400 when one is not a finite number, since an axis needs numbers. */
function axisValues(table: SweepTable, varied: Indexed): number[] {
  return table.rows.map((row) => {
    const value = finite(row.cells[varied.index]);
    if (value === null) {
      const shown = clip(JSON.stringify(row.cells[varied.index]) ?? 'nothing');
      refuse(`an axis needs numbers, but ${varied.column.name} is ${shown} at point ${row.point}`, '/vary');
    }
    return value;
  });
}

/**
 * Draws a sweep's table as a standalone SVG document: one varied field gives a line chart (one line
 * per output), two give a heatmap coloured by the first output. Throws a RequestRefused (400) for
 * any other table: no or more than two varied fields, no output, or no numeric value to plot.
 */
export function sweepChart(table: SweepTable, options: ChartOptions = {}): string {
  const { varied, outputs } = planOf(table);
  const size = sizeOf(options);
  const [x, y] = varied as [Indexed, Indexed | undefined];
  return y === undefined ? lineChart(table, x, outputs, size) : heatmap(table, [x, y], outputs, size);
}

/** The document around a chart's parts: root with viewBox, white background, title and optional subtitle. */
export function documentOf(size: Size, title: string, subtitle: string, body: readonly string[]): string {
  const { width, height } = size;
  const fitted = (text: string, charPx: number) => escapeXml(clip(text, Math.floor((width - 32) / charPx)));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect class="background" width="${width}" height="${height}" fill="white"/>`,
    `<text class="title" x="16" y="26" font-size="15" font-weight="bold">${fitted(title, 8.5)}</text>`,
    ...(subtitle ? [`<text class="subtitle" x="16" y="46" font-size="12" fill="#555">${fitted(subtitle, 6.8)}</text>`] : []),
    ...body,
    '</svg>',
  ].join('\n');
}

/**
 * Ticks of a linear scale with d3's labels: ",f" with the step's precision, "~e" for very large or
 * small domains (zero still "0"); a domain of one value (a colour bar over equal figures) gets one tick.
 */
function linearTicks(scale: Scale, count: number): Tick[] {
  const [a, b] = scale.domain() as [number, number];
  if (a === b) return [{ value: a, position: scale(a), label: numberLabel(a) }];
  const big = Math.max(Math.abs(a), Math.abs(b));
  const format = scale.tickFormat(count, big >= 1e6 || big < 1e-3 ? '~e' : undefined);
  return scale.ticks(count).map((value) => ({ value, position: scale(value), label: value === 0 ? '0' : format(value) }));
}

/** Whether a positive value is a power of ten. */
function isDecade(value: number): boolean {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9;
}

/**
 * Ticks of a log scale: decades labelled ("100", "1,000", "1e+6") and the ticks between them short
 * and unlabelled; when the domain holds fewer than two decades, the labels d3 keeps (thinned).
 */
function logTicks(scale: Scale, count: number): Tick[] {
  const values = scale.ticks(count);
  const decades = values.filter(isDecade).length;
  const kept = scale.tickFormat(count, ',~r');
  const labelled = (v: number) => (decades >= 2 ? isDecade(v) : kept(v) !== '');
  return values.map((value) => ({ value, position: scale(value), label: labelled(value) ? numberLabel(value) : '' }));
}

/** Which side of the plot (or of the colour bar) an axis runs along: its ticks point away from the plot. */
type Side = 'bottom' | 'left' | 'right';

/** A tick's SVG: a mark pointing away from the plot (long when labelled, short when not) and its label past the mark. */
function tickSvg(tick: Tick, at: [number, number], side: Side, extra = ''): string {
  const length = tick.label ? 6 : 3;
  const mark = side === 'bottom' ? `y2="${length}"` : `x2="${side === 'left' ? -length : length}"`;
  const place = {
    bottom: 'y="18" text-anchor="middle"',
    left: 'x="-9" dy="0.32em" text-anchor="end"',
    right: 'x="9" dy="0.32em"',
  }[side];
  const text = tick.label ? `<text ${place}>${escapeXml(tick.label)}</text>` : '';
  return (
    `<g class="tick${tick.label ? '' : ' minor'}" data-value="${tick.value}" transform="translate(${px(at[0])},${px(at[1])})">` +
    `${extra}<line ${mark} stroke="#333"/>${text}</g>`
  );
}

/** The x axis along the plot's bottom edge, with its ticks and its title centred below. */
export function bottomAxis(frame: Frame, ticks: readonly Tick[], title: string): string {
  const y = frame.bottom;
  return [
    '<g class="axis x">',
    `<line class="domain" x1="${px(frame.left)}" x2="${px(frame.right)}" y1="${px(y)}" y2="${px(y)}" stroke="#333"/>`,
    ...ticks.map((t) => tickSvg(t, [t.position, y], 'bottom')),
    `<text class="axis-title" x="${px((frame.left + frame.right) / 2)}" y="${px(frame.height - 12)}" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
    '</g>',
  ].join('\n');
}

/** The y axis along the plot's left edge, with its ticks (and light grid lines across the plot when asked) and its title turned upright. */
export function leftAxis(frame: Frame, ticks: readonly Tick[], title: string, grid: boolean): string {
  const x = frame.left;
  const across = `<line class="grid" x2="${px(frame.right - frame.left)}" stroke="#e5e5e5"/>`;
  const middle = px((frame.top + frame.bottom) / 2);
  return [
    '<g class="axis y">',
    `<line class="domain" x1="${px(x)}" x2="${px(x)}" y1="${px(frame.top)}" y2="${px(frame.bottom)}" stroke="#333"/>`,
    ...ticks.map((t) => tickSvg(t, [x, t.position], 'left', grid && t.label ? across : '')),
    `<text class="axis-title" transform="translate(16,${middle}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
    '</g>',
  ].join('\n');
}

/**
 * A continuous position scale over the values: linear made nice; log without nice (decades inside
 * the data) unless `niceLog`, which widens it to whole decades so that both ends are labelled (the
 * line chart's value axis); a single value widened.
 */
export function positionScale(
  values: readonly number[],
  log: boolean,
  range: [number, number],
  count: number,
  niceLog = false,
): Scale {
  let [lo, hi] = extent(values);
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : lo === 0 ? [-1, 1] : [lo - Math.abs(lo) / 2, hi + Math.abs(hi) / 2];
  if (log) return niceLog ? scaleLog().domain([lo, hi]).range(range).nice() : scaleLog().domain([lo, hi]).range(range);
  return scaleLinear().domain([lo, hi]).range(range).nice(count);
}

/** Ticks of a position scale, log or linear. */
export function ticksOf(scale: Scale, log: boolean, count: number): Tick[] {
  return log ? logTicks(scale, count) : linearTicks(scale, count);
}

/** Every n-th item, so that at most `max` are kept (the first always). */
function thin<T>(items: readonly T[], max: number): T[] {
  const step = Math.max(1, Math.ceil(items.length / Math.max(1, max)));
  return items.filter((_, k) => k % step === 0);
}

/** A point of the line chart: the varied value, each output's figure (null for a gap) and its row. */
interface LinePoint {
  x: number;
  ys: (number | null)[];
  row: Row;
}

/** One point per row, sorted by x (a list of values need not be in order); a failed row's figures are gaps. */
function linePoints(table: SweepTable, x: Indexed, outputs: readonly Indexed[]): LinePoint[] {
  const xs = axisValues(table, x);
  return table.rows
    .map((row, k) => ({ x: xs[k] as number, ys: outputs.map((o) => (row.error ? null : finite(row.cells[o.index]))), row }))
    .sort((a, b) => a.x - b.x);
}

/** Colour of the k-th of n series: Tableau 10 up to ten series, evenly spread sinebow hues past that. */
function seriesColour(k: number, n: number): string {
  return n <= schemeTableau10.length ? (schemeTableau10[k] as string) : interpolateSinebow(k / n);
}

/** The y axis title: the output's title for one series; for several, "value" with their unit when they share one. */
function valueTitle(outputs: readonly Indexed[]): string {
  if (outputs.length === 1) return titleOf((outputs[0] as Indexed).column);
  const units = new Set(outputs.map((o) => o.column.unit));
  const [unit] = units;
  return units.size === 1 && unit !== '' && unit !== '1' ? `value (${unit})` : 'value';
}

/** A legend entry's text: "label (unit)", and "no value" for a series with nothing to plot. */
function seriesName(output: Indexed, plotted: number): string {
  return plotted === 0 ? `${titleOf(output.column)}: no value` : titleOf(output.column);
}

/** Width kept right of the plot for the legend: enough for the longest name, at most 30% of the document. */
function legendWidth(outputs: readonly Indexed[], width: number): number {
  const longest = Math.max(...outputs.map((o) => titleOf(o.column).length + 10));
  return Math.round(Math.min(width * 0.3, Math.max(140, longest * CHAR_PX + 44)));
}

/** The line chart of one varied field: one line per output, gaps where a point has no figure, failed points marked on the x axis. */
function lineChart(table: SweepTable, x: Indexed, outputs: readonly Indexed[], size: Size): string {
  const points = linePoints(table, x, outputs);
  const plotted = points.flatMap((p) => p.ys.filter((v): v is number => v !== null));
  if (plotted.length === 0) refuse(`no output (${outputs.map((o) => o.column.name).join(', ')}) has a numeric value`, '/outputs');
  const failed = points.filter((p) => p.row.error !== null);
  const subtitle = failed.length > 0 ? `${failed.length} of ${points.length} points failed (× on the x axis)` : '';
  const frame = frameOf(size, legendWidth(outputs, size.width), subtitle !== '');
  const xCount = tickCount(frame.right - frame.left, X_TICK_PX);
  const yCount = tickCount(frame.bottom - frame.top, Y_TICK_PX);
  const xValues = points.map((p) => p.x);
  const xLog = isLogAxis(x.column, xValues);
  const yLog = xLog && plotted.every((v) => v > 0);
  const xs = positionScale(xValues, xLog, [frame.left, frame.right], xCount);
  const ys = positionScale(plotted, yLog, [frame.bottom, frame.top], yCount, true);
  const labels = outputs.map((o) => o.column.label).join(', ');
  return documentOf(size, `${table.estimator}: ${labels} against ${x.column.label}`, subtitle, [
    leftAxis(frame, ticksOf(ys, yLog, yCount), valueTitle(outputs), true),
    bottomAxis(frame, ticksOf(xs, xLog, xCount), titleOf(x.column)),
    ...outputs.map((o, k) => seriesSvg(points, k, o, seriesColour(k, outputs.length), [xs, ys])),
    failureMarks(failed, x.column, xs, frame.bottom),
    lineLegend(outputs, points, frame, failed.length > 0),
  ]);
}

/** One output's line (broken where a point has no figure) and a dot at each plotted point, so that an isolated point shows. */
function seriesSvg(points: readonly LinePoint[], k: number, output: Indexed, colour: string, [xs, ys]: [Scale, Scale]): string {
  const defined = points.filter((p) => p.ys[k] !== null);
  const path = line<LinePoint>()
    .defined((p) => p.ys[k] !== null)
    .x((p) => xs(p.x))
    .y((p) => ys(p.ys[k] as number))
    .digits(2)(points);
  const r = defined.length > 500 ? 1.2 : 2.5;
  const dots = defined.map((p) => `<circle cx="${px(xs(p.x))}" cy="${px(ys(p.ys[k] as number))}" r="${r}"/>`);
  return [
    `<g class="series" data-output="${escapeXml(output.column.name)}">`,
    ...(path ? [`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-linejoin="round"/>`] : []),
    `<g class="dots" fill="${colour}">`,
    ...dots,
    '</g>',
    '</g>',
  ].join('\n');
}

/** A red × on the x axis at each failed point, with the problem's detail as its tooltip. */
function failureMarks(failed: readonly LinePoint[], x: Column, xs: Scale, y: number): string {
  const unit = x.unit === '' || x.unit === '1' ? '' : ` ${x.unit}`;
  const marks = failed.map((p) => {
    const why = `${x.label} = ${numberLabel(p.x)}${unit}: ${p.row.error?.detail ?? 'failed'}`;
    return (
      `<g class="failure" data-x="${p.x}" transform="translate(${px(xs(p.x))},${px(y)})">` +
      `<path d="M-4,-4L4,4M-4,4L4,-4" stroke="${FAILED_COLOUR}" stroke-width="2"/><title>${escapeXml(why)}</title></g>`
    );
  });
  return ['<g class="failures">', ...marks, '</g>'].join('\n');
}

/** The legend right of the plot: each series' colour and name, and the failure mark when some points failed. */
function lineLegend(outputs: readonly Indexed[], points: readonly LinePoint[], frame: Frame, failures: boolean): string {
  const room = Math.floor((frame.width - frame.right - 44) / CHAR_PX);
  const item = (k: number, swatch: string, text: string, extra: string) => {
    const shown = clip(text, room);
    const full = shown === text ? '' : `<title>${escapeXml(text)}</title>`;
    return `<g class="item"${extra} transform="translate(0,${k * 20})">${swatch}<text x="26" dy="0.32em">${escapeXml(shown)}</text>${full}</g>`;
  };
  const items = outputs.map((o, k) => {
    const colour = seriesColour(k, outputs.length);
    const swatch = `<line x2="20" stroke="${colour}" stroke-width="2"/><circle cx="10" r="2.5" fill="${colour}"/>`;
    const plotted = points.filter((p) => p.ys[k] !== null).length;
    return item(k, swatch, seriesName(o, plotted), ` data-output="${escapeXml(o.column.name)}"`);
  });
  const cross = `<path d="M6,-4L14,4M6,4L14,-4" stroke="${FAILED_COLOUR}" stroke-width="2"/>`;
  if (failures) items.push(item(outputs.length, cross, FAILED_NAME, ' data-failed="true"'));
  return [`<g class="legend" transform="translate(${px(frame.right + 20)},${px(frame.top + 6)})">`, ...items, '</g>'].join('\n');
}

/** A heatmap axis: each grid value's band [from, to] in px, and a tick at its centre labelled with the value. */
interface GridAxis {
  bands: Map<number, readonly [number, number]>;
  ticks: Tick[];
}

/** Edges between sorted (transformed) grid values: midpoints inside, half a neighbouring gap outside, ±`half` for a single value. */
function cutsOf(ts: readonly number[], half: number): number[] {
  const n = ts.length;
  const first = ts[0] as number;
  const last = ts[n - 1] as number;
  if (n === 1) return [first - half, first + half];
  const mids = ts.slice(1).map((t, k) => (t + (ts[k] as number)) / 2);
  return [first - ((ts[1] as number) - first) / 2, ...mids, last + (last - (ts[n - 2] as number)) / 2];
}

/**
 * A heatmap axis over the grid's values: one band per distinct value, split halfway between
 * neighbours in linear or log space, so that evenly spaced values (log-spaced on a log axis) give
 * equal cells; ticks at the values, thinned to at most `maxTicks`.
 */
function gridAxis(values: readonly number[], log: boolean, range: [number, number], maxTicks: number): GridAxis {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const ts = sorted.map((v) => (log ? Math.log10(v) : v));
  const only = ts[0] as number;
  const cuts = cutsOf(ts, log || only === 0 ? 0.5 : Math.abs(only) / 2);
  const at = scaleLinear()
    .domain([cuts[0] as number, cuts[cuts.length - 1] as number])
    .range(range);
  const bands = new Map(sorted.map((v, k) => [v, [at(cuts[k] as number), at(cuts[k + 1] as number)] as const]));
  const ticks = sorted.map((value, k) => ({ value, position: at(ts[k] as number), label: numberLabel(value) }));
  return { bands, ticks: thin(ticks, maxTicks) };
}

/** The colour of a value on viridis: log when all values are positive and span more than two decades, else linear. */
function colourScale(values: readonly number[]): { colour: (v: number) => string; log: boolean; domain: [number, number] } {
  const domain = extent(values);
  const log = spansDecades(values);
  const scale = (log ? scaleSequentialLog(interpolateViridis) : scaleSequential(interpolateViridis)).domain(domain);
  return { colour: (v) => scale(v), log, domain };
}

/** A heatmap cell to draw: its grid values, its figure (null when failed or not a number) and its row. */
interface HeatCell {
  x: number;
  y: number;
  value: number | null;
  row: Row;
}

/** The heatmap of two varied fields: one cell per grid point coloured by the first output, failed or empty cells grey and hatched. */
function heatmap(table: SweepTable, [x, y]: [Indexed, Indexed], outputs: readonly Indexed[], size: Size): string {
  const first = outputs[0] as Indexed;
  const xv = axisValues(table, x);
  const yv = axisValues(table, y);
  const cells = table.rows.map((row, k) => {
    const value = row.error ? null : finite(row.cells[first.index]);
    return { x: xv[k] as number, y: yv[k] as number, value, row };
  });
  const numbers = cells.flatMap((c) => (c.value === null ? [] : [c.value]));
  if (numbers.length === 0)
    refuse(`the heatmap colours by the first output, ${first.column.name}, which has no numeric value`, '/outputs');
  const subtitle = heatmapSubtitle(outputs, cells);
  const frame = frameOf(size, COLOUR_BAR_MARGIN, subtitle !== '');
  const xs = gridAxis(xv, isLogAxis(x.column, xv), [frame.left, frame.right], (frame.right - frame.left) / 64);
  const ys = gridAxis(yv, isLogAxis(y.column, yv), [frame.bottom, frame.top], (frame.bottom - frame.top) / 18);
  const colours = colourScale(numbers);
  const title = `${table.estimator}: ${first.column.label} over ${x.column.label} and ${y.column.label}`;
  return documentOf(size, title, subtitle, [
    heatCells(cells, xs, ys, colours.colour, [x.column, y.column]),
    bottomAxis(frame, xs.ticks, titleOf(x.column)),
    leftAxis(frame, ys.ticks, titleOf(y.column), false),
    heatLegend(frame, colours, titleOf(first.column), cells.length > numbers.length),
  ]);
}

/** The heatmap's subtitle: that only the first output is shown (naming the others), and how many points failed. */
function heatmapSubtitle(outputs: readonly Indexed[], cells: readonly HeatCell[]): string {
  const parts: string[] = [];
  const [first, ...others] = outputs;
  if (first && others.length > 0)
    parts.push(
      `colour shows the first output, ${first.column.label}, only; not shown: ${others.map((o) => o.column.label).join(', ')}`,
    );
  const failed = cells.filter((c) => c.row.error !== null).length;
  if (failed > 0) parts.push(`${failed} of ${cells.length} points failed`);
  return parts.join('; ');
}

/** A grid value's band on its axis, its edges rounded as they are written so that neighbouring cells abut. */
function bandPx(axis: GridAxis, value: number): [number, number] {
  const [from, to] = axis.bands.get(value) as readonly [number, number];
  return [Number(px(from)), Number(px(to))];
}

/** The cells, each a rect carrying its grid values and figure; cells without a figure grey, hatched by one path, the failure's detail as tooltip. */
function heatCells(
  cells: readonly HeatCell[],
  xs: GridAxis,
  ys: GridAxis,
  colour: (v: number) => string,
  [xc, yc]: [Column, Column],
): string {
  const rects: string[] = [];
  const hatch: string[] = [];
  for (const c of cells) {
    const [x0, x1] = bandPx(xs, c.x);
    const [y0, y1] = bandPx(ys, c.y);
    const box = `x="${Math.min(x0, x1)}" y="${Math.min(y0, y1)}" width="${px(Math.abs(x1 - x0))}" height="${px(Math.abs(y1 - y0))}"`;
    const data = `data-x="${c.x}" data-y="${c.y}"`;
    if (c.value !== null) {
      rects.push(`<rect class="cell" ${data} data-value="${c.value}" ${box} fill="${colour(c.value)}"/>`);
      continue;
    }
    hatch.push(`M${x0},${y0}L${x1},${y1}`);
    const kind = c.row.error ? 'failed' : 'missing';
    const why = c.row.error ? c.row.error.detail : 'no numeric value';
    const where = `${xc.label} = ${numberLabel(c.x)}, ${yc.label} = ${numberLabel(c.y)}: ${why}`;
    rects.push(`<rect class="cell ${kind}" ${data} ${box} fill="${NO_VALUE_FILL}"><title>${escapeXml(where)}</title></rect>`);
  }
  const hatching = hatch.length > 0 ? [`<path class="hatch" d="${hatch.join('')}" stroke="${HATCH_STROKE}" fill="none"/>`] : [];
  return ['<g class="heatmap" shape-rendering="crispEdges">', ...rects, ...hatching, '</g>'].join('\n');
}

/** The heatmap's legend: the colour bar, and a grey hatched swatch saying "failed / no value" when some cells have no figure. */
function heatLegend(frame: Frame, colours: { log: boolean; domain: [number, number] }, title: string, noValue: boolean): string {
  const barBottom = frame.bottom - (noValue ? 34 : 0);
  const x = frame.right + 18;
  const swatch =
    `<g class="no-value" transform="translate(${px(x)},${px(frame.bottom - 14)})">` +
    `<rect width="14" height="14" fill="${NO_VALUE_FILL}"/><path d="M0,14L14,0" stroke="${HATCH_STROKE}"/>` +
    '<text x="20" y="7" dy="0.32em">failed / no value</text></g>';
  return [
    '<g class="legend">',
    colourBar(colours, [x, frame.top, barBottom], title, frame.width),
    ...(noValue ? [swatch] : []),
    '</g>',
  ].join('\n');
}

/** The colour bar: viridis from the lowest value (bottom) to the highest, ticked on the colour scale's own linear or log axis, with its title upright at the right edge. */
function colourBar(
  colours: { log: boolean; domain: [number, number] },
  [x, top, bottom]: [number, number, number],
  title: string,
  width: number,
): string {
  const count = tickCount(bottom - top, Y_TICK_PX);
  const scale = (colours.log ? scaleLog() : scaleLinear()).domain(colours.domain).range([bottom, top]);
  const ticks = ticksOf(scale, colours.log, count);
  const stops = Array.from({ length: 11 }, (_, k) => `<stop offset="${k / 10}" stop-color="${interpolateViridis(k / 10)}"/>`);
  const middle = px((top + bottom) / 2);
  return [
    '<g class="colour-bar">',
    `<defs><linearGradient id="${GRADIENT_ID}" x1="0" y1="1" x2="0" y2="0">${stops.join('')}</linearGradient></defs>`,
    `<rect x="${px(x)}" y="${px(top)}" width="14" height="${px(bottom - top)}" fill="url(#${GRADIENT_ID})"/>`,
    ...ticks.map((t) => tickSvg(t, [x + 14, t.position], 'right')),
    `<text class="legend-title" transform="translate(${px(width - 14)},${middle}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
    '</g>',
  ].join('\n');
}
