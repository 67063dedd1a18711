/** Figures in words: how the warnings, reasons and explanations print numbers. */

/** `Number.prototype.toLocaleString('en-US')`, built once: at most 3 decimals, thousands separators. */
const EN_US = new Intl.NumberFormat('en-US');

/** Rounded to a whole number, with thousands separators: 12,345. */
export function whole(x: number): string {
  return EN_US.format(Math.round(x));
}

/** To `digits` significant digits, with thousands separators: 1,460 or 0.0491. */
export function significant(x: number, digits = 3): string {
  return EN_US.format(Number(x.toPrecision(digits)));
}
