/** Figures in words: how the warnings, reasons and explanations print numbers. */

/** `Number.prototype.toLocaleString('en-US')`, built once: at most 3 decimals, thousands separators. */
const EN_US = new Intl.NumberFormat('en-US');

/**
 * A whole number as EN_US writes it, a comma before every third digit from the right, without the
 * call into Intl: that call costs about a microsecond, and a single answer prints several figures.
 * From 1e21 up (where String() turns to exponents), and for NaN and ±Infinity, EN_US itself.
 */
function grouped(n: number): string {
  if (!(Math.abs(n) < 1e21)) return EN_US.format(n);
  const digits = String(Math.abs(n));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  // EN_US keeps the sign of a negative zero ("-0"), as it does of any negative number.
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/** Rounded to a whole number, with thousands separators: 12,345. */
export function whole(x: number): string {
  return grouped(Math.round(x));
}

/**
 * To `digits` significant digits as JavaScript prints the number, without separators, however small
 * or large: 22000000000 or 0.000022 (the figures of refusals and warnings that quote an input back).
 */
export function plain(x: number, digits = 4): string {
  return String(Number(x.toPrecision(digits)));
}

/** To `digits` significant digits, with thousands separators: 1,460 or 0.0491. */
export function significant(x: number, digits = 3): string {
  const y = Number(x.toPrecision(digits));
  return Number.isInteger(y) ? grouped(y) : EN_US.format(y);
}
