/**
 * The quantity helper: numbers in the field unit, or strings with any compatible unit, parsed as a
 * number and a unit only — never evaluated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_QUANTITY_CHARS, parseQuantity, quantity } from '../models/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['550 km', 'km', 550],
    ['0.4 Mm', 'km', 400],
    ['550000 m', 'km', 550],
    ['20 degC', 'K', 293.15],
    ['68 degF', 'K', 293.15],
    ['1.2 MW', 'kW', 1200],
    ['500 USD/kg', 'USD/kg', 500],
    ['0.5 USD/g', 'USD/kg', 500],
    ['90 min', 'min', 90],
    ['1.5 h', 'min', 90],
    ['0.5 rad', 'deg', 28.6478897565412],
    ['30 deg', 'deg', 30],
    ['1e3 km', 'km', 1000],
    ['  550   km ', 'km', 550],
    ['550', 'km', 550],
    ['1000 m^2', 'm2', 1000],
  ])('%s → %s', (text, unit, expected) => {
    const r = parseQuantity(text, unit);
    expect(r).toEqual({ value: expect.closeTo(expected, 9) });
  });

  it.each([
    ['5 kg', 'km', /length/],
    ['1.2 MWh', 'kW', /power/],
    ['20 degC', 'km', /length/],
    ['500 kg', 'USD/kg', /USD\/kg/],
  ])('%s for a %s field is refused for its dimension', (text, unit, message) => {
    const r = parseQuantity(text, unit);
    expect('error' in r && r.error).toMatch(message);
  });

  it.each([
    '2+3 km',
    'sqrt(4) km',
    '2 km + 3 km',
    'import("fs")',
    'x = 5',
    '1/0 km',
    'NaN km',
    'Infinity km',
    'km',
    'evaluate("1") km',
  ])('never evaluates %j', (text) => {
    expect('error' in parseQuantity(text, 'km')).toBe(true);
  });
});

describe('quantity string length', () => {
  it('a string longer than the limit is refused with its length, never echoed', () => {
    const text = `${'9'.repeat(MAX_QUANTITY_CHARS)} km`;
    const r = parseQuantity(text, 'km');
    expect('error' in r && r.error).toBe(
      `expected at most ${MAX_QUANTITY_CHARS} characters (a number and a unit such as "550 km"), got a string of ${text.length} characters`,
    );
  });

  it('a string at the limit is still read', () => {
    expect(parseQuantity('550 km'.padStart(MAX_QUANTITY_CHARS), 'km')).toEqual({ value: 550 });
  });

  it.each([
    ['-1.5e3', -1500],
    ['.5', 0.5],
    ['5.', 5],
    ['+2E-1', 0.2],
  ])('a bare number %j is read in the field unit', (text, expected) => {
    expect(parseQuantity(text, 'km')).toEqual({ value: expected });
  });

  it('a bare number that overflows is refused, not read as Infinity', () => {
    expect('error' in parseQuantity('1e400', 'km')).toBe(true);
  });
});

describe('quantity schema', () => {
  const schema = z.object({ altitude_km: quantity('km', { min: 120, lt: 1e6 }) });

  it('checks bounds after conversion and says what it got', () => {
    const r = schema.safeParse({ altitude_km: '50000 m' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('expected ≥ 120 km and < 1000000 km, got "50000 m" (= 50 km)');
  });

  it('a number and the same quantity in another unit parse to the same value', () => {
    fc.assert(
      fc.property(fc.double({ min: 120, max: 9e5, noNaN: true }), (km) => {
        const a = schema.parse({ altitude_km: km }).altitude_km;
        const b = schema.parse({ altitude_km: `${km * 1000} m` }).altitude_km;
        expect(b).toBeCloseTo(a, 6);
      }),
    );
  });

  it('rejects non-finite numbers, booleans and null', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, true, null, {}])
      expect(schema.safeParse({ altitude_km: v }).success).toBe(false);
  });
});

describe('temperature differences', () => {
  const schema = z.object({
    coolant_delta_t_k: quantity('K', { min: 0, max: 200, difference: true }),
    radiator_temp_k: quantity('K', { gt: 0 }),
  });

  it.each([
    ['20 degC', '20 K'],
    ['36 degF', '20 K'],
  ])('%s for a difference field is refused: it is a temperature difference, give it in K (%s)', (text, inK) => {
    const r = schema.safeParse({ coolant_delta_t_k: text, radiator_temp_k: 300 });
    expect(r.success).toBe(false);
    const message = r.error?.issues[0]?.message ?? '';
    expect(message).toMatch(/temperature difference/);
    expect(message).toMatch(/in K/);
    expect(message).toContain(`a difference of ${text} is ${inK}`);
  });

  it('a difference in K, or in a scale without an offset, is taken as it is', () => {
    expect(schema.parse({ coolant_delta_t_k: '20 K', radiator_temp_k: 300 }).coolant_delta_t_k).toBe(20);
    expect(schema.parse({ coolant_delta_t_k: 20, radiator_temp_k: 300 }).coolant_delta_t_k).toBe(20);
    expect(schema.parse({ coolant_delta_t_k: '36 degR', radiator_temp_k: 300 }).coolant_delta_t_k).toBeCloseTo(20, 9);
  });

  it('an absolute temperature still accepts an offset scale', () => {
    expect(schema.parse({ coolant_delta_t_k: 10, radiator_temp_k: '20 degC' }).radiator_temp_k).toBeCloseTo(293.15, 9);
  });
});

describe('a field’s unit', () => {
  it('is checked where the field is declared: a unit the parser reads as a number with a unit is refused then, not at the first request', () => {
    expect(() => quantity('1/s')).toThrow(/not a unit the unit parser converts to/);
    expect(() => quantity('FLOP/s')).toThrow(/not a unit/);
    expect(quantity('Hz').parse('2 kHz')).toBe(2000);
  });
});
