/**
 * How answers print figures: `whole` and `significant` write exactly what
 * `toLocaleString('en-US')` writes, for any double, including the edges where a whole number is
 * written by hand (negative zero, 1e21 and beyond, NaN and the infinities).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plain, significant, whole } from '../models/format.js';

const enUs = (x: number) => x.toLocaleString('en-US');
const edges = [0, -0, 0.4, -0.4, 0.5, -0.5, 999.5, 1e3, -1e3, 123456789, 1e21 - 65536, 1e21, -1e21, 1.5e300, Number.MAX_VALUE];
const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('figures in words', () => {
  it('whole: the rounded number with thousands separators, as en-US writes it', () => {
    for (const x of [...edges, ...special]) expect(whole(x), String(x)).toBe(enUs(Math.round(x)));
    expect(whole(20682.3)).toBe('20,682');
    expect(whole(-1234567.5)).toBe('-1,234,567');
    fc.assert(
      fc.property(fc.double(), (x) => whole(x) === enUs(Math.round(x))),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (x) => whole(x) === enUs(x)),
      { numRuns: 5000 },
    );
  });

  it('significant: the number to so many digits, as en-US writes it', () => {
    for (const x of [...edges, ...special]) expect(significant(x), String(x)).toBe(enUs(Number(x.toPrecision(3))));
    expect(significant(1459.56)).toBe('1,460');
    expect(significant(0.049123)).toBe('0.049');
    fc.assert(
      fc.property(
        fc.double(),
        fc.integer({ min: 1, max: 21 }),
        (x, digits) => significant(x, digits) === enUs(Number(x.toPrecision(digits))),
      ),
      { numRuns: 5000 },
    );
  });

  it('plain: four significant digits by default, as the number prints, without separators', () => {
    expect(plain(22_000_123_456)).toBe('22000000000');
    expect(plain(0.0000220049)).toBe('0.000022');
    expect(plain(1459.56)).toBe('1460');
    expect(plain(1e25, 2)).toBe('1e+25');
    expect(plain(-0.123456, 2)).toBe('-0.12');
  });
});
