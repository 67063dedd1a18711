/** Figures in words: how the warnings, reasons and explanations print numbers. */

/** Rounded to a whole number, with thousands separators: 12,345. */
export function whole(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** To `digits` significant digits, with thousands separators: 1,460 or 0.0491. */
export function significant(x: number, digits = 3): string {
  return Number(x.toPrecision(digits)).toLocaleString('en-US');
}
