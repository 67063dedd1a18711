/**
 * The table a sweep answers: its columns (the varied fields, then the chosen outputs, each with the
 * unit its field name carries) and one row per point. Every format (JSON, CSV, NDJSON, SVG) is drawn
 * from this one shape.
 */
import { pointerTokens } from '../../models/pointer.js';
import type { Problem } from '../problem.js';

/** A cell: what the output pointer names (a figure, a string, a flag), or null when the point failed or the field is absent. */
export type Cell = unknown;

export interface Column {
  /** The pointer's tokens joined by '.', e.g. "breakeven.launch_usd_per_kg": field names carry their unit. */
  name: string;
  /** JSON pointer into the point's input (a varied field) or into the estimator's output. */
  pointer: string;
  role: 'varied' | 'output';
  /** Unit read from the field name ("USD/kg", "kWh/(m²·year)"), "1" for a ratio or a fraction, "" when the name says none. */
  unit: string;
  /** The name without its unit suffix, underscores as spaces, for chart axes: "breakeven.launch". */
  label: string;
  /** How a varied field's values were chosen: an explicit list, or spaced linearly or logarithmically. */
  scale?: 'values' | 'linear' | 'log';
}

export interface Row {
  /** Index of the point in the grid (the first varied field changes slowest). */
  point: number;
  /** One cell per column, in the columns' order. */
  cells: Cell[];
  /** The problem the single route would answer for this point, or null when it answered. */
  error: Problem | null;
}

export interface SweepTable {
  estimator: string;
  columns: Column[];
  rows: Row[];
}

/** Unit tokens of field names and how they print. */
const UNIT_TOKENS: Record<string, string> = {
  usd: 'USD',
  kg: 'kg',
  t: 't',
  mt: 'Mt',
  tonne: 't',
  w: 'W',
  kw: 'kW',
  mw: 'MW',
  gw: 'GW',
  wh: 'Wh',
  kwh: 'kWh',
  mwh: 'MWh',
  btu: 'Btu',
  mmbtu: 'MMBtu',
  m: 'm',
  m2: 'm²',
  m3: 'm³',
  km: 'km',
  km2: 'km²',
  nm: 'nm',
  deg: 'deg',
  rad: 'rad',
  k: 'K',
  k4: 'K⁴',
  s: 's',
  ms: 'ms',
  min: 'min',
  h: 'h',
  hour: 'h',
  hours: 'h',
  day: 'day',
  days: 'day',
  year: 'year',
  years: 'year',
  gbps: 'Gbps',
  ghz: 'GHz',
  db: 'dB',
  dbm: 'dBm',
};

/** Last words of dimensionless field names. */
const DIMENSIONLESS = new Set(['fraction', 'ratio', 'factor', 'efficiency', 'availability', 'probability', 'share']);

/**
 * The unit tail of a field name's tokens: "<unit> per <unit>…" or "per <unit>…" at its end, else its
 * last token when that is a unit. One unit before "per" at most, so that "beta_min_deg" is in deg,
 * not min·deg.
 */
function unitTail(tokens: string[]): string[] {
  const isUnit = (t: string | undefined) => t !== undefined && t in UNIT_TOKENS;
  const per = tokens.lastIndexOf('per');
  if (per >= 0 && per < tokens.length - 1 && tokens.slice(per + 1).every(isUnit))
    return tokens.slice(per > 0 && isUnit(tokens[per - 1]) ? per - 1 : per);
  // A name that is only a unit ("s", "km") is a name, not a unit.
  return tokens.length > 1 && isUnit(tokens[tokens.length - 1]) ? tokens.slice(-1) : [];
}

/** "usd per kg" → "USD/kg"; "kwh per m2 year" → "kWh/(m²·year)"; "per year" → "1/year". */
function printUnit(tail: string[]): string {
  const per = tail.indexOf('per');
  const product = (ts: string[]) => ts.map((t) => UNIT_TOKENS[t] ?? t).join('·');
  if (per < 0) return product(tail);
  const numerator = per === 0 ? '1' : product(tail.slice(0, per));
  const denominator = tail.slice(per + 1).filter((t) => t !== 'per');
  const below = product(denominator);
  return denominator.length > 1 ? `${numerator}/(${below})` : `${numerator}/${below}`;
}

/** The unit a field name carries ("launch_usd_per_kg" → "USD/kg"), "1" when it is a ratio or fraction, else "". */
export function unitOfName(name: string): string {
  const tokens = name.toLowerCase().split('_');
  const tail = unitTail(tokens);
  if (tail.length > 0 && tail.some((t) => t !== 'per')) return printUnit(tail);
  return DIMENSIONLESS.has(tokens[tokens.length - 1] as string) ? '1' : '';
}

/** The name without its unit tail, underscores as spaces: "launch_usd_per_kg" → "launch". */
function labelOfName(name: string): string {
  const tokens = name.split('_');
  const tail = unitTail(tokens.map((t) => t.toLowerCase()));
  return tokens
    .slice(0, tokens.length - tail.length)
    .join(' ')
    .trim();
}

/** The unit of a field read from its name, as its column gives it. */
export function unitOf(pointer: string): string {
  return columnFor(pointer, 'output').unit;
}

/** A column for a JSON pointer: its name, its unit (from the deepest token that carries one) and its label. */
export function columnFor(pointer: string, role: Column['role'], scale?: Column['scale']): Column {
  const tokens = pointerTokens(pointer);
  const name = tokens.join('.');
  let unit = '';
  for (let k = tokens.length - 1; k >= 0 && unit === ''; k--) unit = unitOfName(tokens[k] as string);
  const last = tokens.length - 1;
  const label = [...tokens.slice(0, last), labelOfName(tokens[last] ?? '') || (tokens[last] ?? '')].join('.');
  return { name, pointer, role, unit, label, ...(scale && { scale }) };
}
