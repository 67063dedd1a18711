/**
 * Quantities at the edge: every physical input field accepts a number in the field's own unit
 * (the unit is in the field name: `altitude_km`, `load_kw`) or a string with any compatible unit,
 * parsed by mathjs's unit parser only (`"550 km"`, `"0.4 Mm"`, `"20 degC"`, `"1.2 MW"`,
 * `"500 USD/kg"`). Text is never evaluated as an expression: `math.unit()` accepts a number and a
 * unit and nothing else. Models receive plain numbers in the field's unit.
 */
import { createRequire } from 'node:module';
import type { FactoryFunctionMap, Unit } from 'mathjs';
import { z } from 'zod';

/**
 * mathjs from its single-file build: the same library as its ES-module entry, which is some 1,000
 * modules and took 1.2 s of every start (the command line's, the server's) against 0.1 s for this.
 */
const mathjs = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');
const math = mathjs.create(mathjs.all as FactoryFunctionMap, {});
// Money is a dimension of its own here, so that "500 USD/kg" parses and "500 kg" does not.
math.createUnit('USD', { aliases: ['usd'] });
math.createUnit('AU', { definition: '149597870.7 km', aliases: ['au'] }); // IAU 2012 Resolution B2

/** What a dimension is called in error messages, by the field unit. */
const DIMENSION_NAMES: Record<string, string> = {
  km: 'length',
  m: 'length',
  m2: 'area',
  deg: 'angle',
  min: 'time',
  h: 'time',
  s: 'time',
  ms: 'time',
  d: 'time',
  year: 'time',
  kW: 'power',
  W: 'power',
  kWh: 'energy',
  K: 'temperature',
  kg: 'mass',
};

/** Field units as written in field names, mapped to mathjs unit syntax. */
const MATHJS_UNIT: Record<string, string> = {
  m2: 'm^2',
  'W/m2': 'W/m^2',
  'kg/m2': 'kg/m^2',
  d: 'day',
};

export interface QuantityOptions {
  /** Inclusive lower bound, in the field unit. */
  min?: number;
  /** Inclusive upper bound, in the field unit. */
  max?: number;
  /** Exclusive lower bound, in the field unit. */
  gt?: number;
  /** Exclusive upper bound, in the field unit. */
  lt?: number;
  /** An example string with a unit, shown in the documentation. */
  example?: string;
  /** What the field is; the unit and the accepted forms are appended. */
  description?: string;
  /**
   * A temperature difference (a coolant drop, a die-to-coolant drop): offset scales (degC, degF) are
   * refused with a message that says to give it in K, since "20 degC" reads as 293.15 K.
   */
  difference?: boolean;
}

/**
 * An offset-scale temperature (degC, degF) given for a temperature difference: the message says what
 * it reads as and what to give, with the difference it stands for in K (mathjs keeps that as `value`).
 */
function offsetDifferenceError(parsed: Unit, text: string, fieldUnit: string): { error: string } | null {
  if (!parsed.units.some((u) => u.unit.offset !== 0)) return null;
  const kelvin = Number((parsed.value as number).toPrecision(12));
  const asTemperature = Number(parsed.toNumber(fieldUnit).toFixed(3));
  return {
    error: `expected a temperature difference, in K: "${text.trim()}" reads as the temperature ${asTemperature} K on an offset scale, while a difference of ${text.trim()} is ${kelvin} K; give "${kelvin} K" (or the number ${kelvin})`,
  };
}

/** Longest quantity string read; a longer one is refused before any pattern or parser sees it. */
export const MAX_QUANTITY_CHARS = 64;

/**
 * A bare decimal number (`550`, `-1.5e3`, `.5`). Linear: no two adjacent quantifiers can match the
 * same characters, so a long run of digits that fails at its end is not retried split by split.
 */
const BARE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parse `text` as a quantity and return it in `fieldUnit`, or a message saying what was expected. */
export function parseQuantity(
  text: string,
  fieldUnit: string,
  options: { difference?: boolean } = {},
): { value: number } | { error: string } {
  if (text.length > MAX_QUANTITY_CHARS) {
    return {
      error: `expected at most ${MAX_QUANTITY_CHARS} characters (a number and a unit such as "${example(fieldUnit)}"), got a string of ${text.length} characters`,
    };
  }
  const trimmed = text.trim();
  // A bare number in a string is taken in the field's unit, without the unit parser.
  if (BARE_NUMBER.test(trimmed)) return finiteValue(Number(trimmed), text);
  return parseWithUnit(trimmed, text, fieldUnit, options);
}

/** A number read from `text`, unless it overflowed to ±Infinity. */
function finiteValue(value: number, text: string): { value: number } | { error: string } {
  return Number.isFinite(value) ? { value } : { error: `expected a finite quantity, got "${text}"` };
}

/** The unit parser's reading of `trimmed`, converted to `fieldUnit` (text is at most MAX_QUANTITY_CHARS long). */
function parseWithUnit(
  trimmed: string,
  text: string,
  fieldUnit: string,
  options: { difference?: boolean },
): { value: number } | { error: string } {
  const target = targetUnit(fieldUnit);
  let parsed: Unit;
  try {
    parsed = math.unit(trimmed);
  } catch {
    return { error: `expected a number in ${fieldUnit} or a quantity such as "${example(fieldUnit)}", got "${text}"` };
  }
  if (parsed.value === null || !parsed.equalBase(math.unit(target))) {
    const dim = DIMENSION_NAMES[fieldUnit] ?? `quantity in ${fieldUnit}`;
    return { error: `expected a ${dim} (compatible with ${fieldUnit}), got "${text}"` };
  }
  const offset = options.difference ? offsetDifferenceError(parsed, text, fieldUnit) : null;
  if (offset) return offset;
  return finiteValue(Number(parsed.toNumber(target).toPrecision(15)), text);
}

/**
 * The unit parser's name for a field's unit, checked: it must read as a unit without a number, else
 * converting to it throws ('1/s' reads as the number 1 per second). A field declared with such a unit
 * fails where it is declared, when its module loads, not on the first request that gives a unit.
 */
function targetUnit(fieldUnit: string): string {
  const target = MATHJS_UNIT[fieldUnit] ?? fieldUnit;
  let unit: Unit | undefined;
  try {
    unit = math.unit(target);
  } catch {
    unit = undefined;
  }
  if (unit === undefined || unit.value !== null)
    throw new Error(
      `quantity(): "${fieldUnit}" is not a unit the unit parser converts to; name one (e.g. "Hz", not "1/s") or map it in MATHJS_UNIT`,
    );
  return target;
}

function example(fieldUnit: string): string {
  const examples: Record<string, string> = {
    km: '550 km',
    deg: '53 deg',
    K: '20 degC',
    kW: '1.2 MW',
    min: '95 min',
    h: '6 h',
    kg: '22.8 t',
    m2: '1000 m^2',
    year: '5 year',
    'USD/kg': '500 USD/kg',
    'USD/kWh': '0.05 USD/kWh',
  };
  return examples[fieldUnit] ?? `1 ${fieldUnit}`;
}

function boundsText(o: QuantityOptions, unit: string): string {
  const parts: string[] = [];
  if (o.min !== undefined) parts.push(`≥ ${o.min} ${unit}`);
  if (o.gt !== undefined) parts.push(`> ${o.gt} ${unit}`);
  if (o.max !== undefined) parts.push(`≤ ${o.max} ${unit}`);
  if (o.lt !== undefined) parts.push(`< ${o.lt} ${unit}`);
  return parts.join(' and ');
}

/**
 * A zod schema for one quantity field: accepts a number in `unit` or a string with a compatible
 * unit; yields a finite number in `unit`, checked against the bounds.
 */
export function quantity(unit: string, options: QuantityOptions = {}) {
  targetUnit(unit);
  const bounds = boundsText(options, unit);
  const numberBranch = z.number().meta({
    ...(options.min !== undefined && { minimum: options.min }),
    ...(options.max !== undefined && { maximum: options.max }),
    ...(options.gt !== undefined && { exclusiveMinimum: options.gt }),
    ...(options.lt !== undefined && { exclusiveMaximum: options.lt }),
  });
  const description = `${options.description ? `${options.description}. ` : ''}Unit: ${unit}. A number in ${unit}, or a string with any compatible unit (e.g. "${options.example ?? example(unit)}")${bounds ? `; ${bounds}` : ''}.`;
  return z
    .union([numberBranch, z.string().min(1)], {
      error: `expected a finite number in ${unit} or a string with a unit such as "${options.example ?? example(unit)}"`,
    })
    .transform((input, ctx) => {
      let value: number;
      if (typeof input === 'number') {
        value = input;
      } else {
        const parsed = parseQuantity(input, unit, { difference: options.difference });
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', message: parsed.error, input });
          return z.NEVER;
        }
        value = parsed.value;
      }
      const outOfRange =
        (options.min !== undefined && value < options.min) ||
        (options.gt !== undefined && value <= options.gt) ||
        (options.max !== undefined && value > options.max) ||
        (options.lt !== undefined && value >= options.lt);
      if (outOfRange) {
        const shown = typeof input === 'number' ? `${input}` : `"${input}" (= ${value} ${unit})`;
        ctx.addIssue({ code: 'custom', message: `expected ${bounds}, got ${shown}`, input });
        return z.NEVER;
      }
      return value;
    })
    .meta({ description, 'x-unit': unit });
}

/** Bounds of a dimensionless field, as for `quantity()`. */
export type FractionBounds = { gt?: number; min?: number; lt?: number; max?: number };

/**
 * A zod schema for a dimensionless number (a fraction, an efficiency, an emissivity): a finite
 * number within the bounds, refused with a message that names what was expected.
 */
export function fraction(what: string, bounds: FractionBounds = { min: 0, max: 1 }) {
  let s = z.number({ error: `expected ${what} as a number` });
  const lo = bounds.gt !== undefined ? `> ${bounds.gt}` : `≥ ${bounds.min}`;
  const hi = bounds.lt !== undefined ? `< ${bounds.lt}` : `≤ ${bounds.max}`;
  const msg = `expected ${what} ${lo} and ${hi} (a fraction: 0.3 means 30 %)`;
  if (bounds.gt !== undefined) s = s.gt(bounds.gt, msg);
  if (bounds.min !== undefined) s = s.min(bounds.min, msg);
  if (bounds.lt !== undefined) s = s.lt(bounds.lt, msg);
  if (bounds.max !== undefined) s = s.max(bounds.max, msg);
  return s;
}
