/**
 * A sweep's rows as text: JSON objects keyed by column name (the JSON answer and each NDJSON line),
 * and CSV (RFC 4180) with a header row. The chart is in chart.ts.
 */
import type { Column, Row } from './table.js';

/** A row as an object: `point`, a key per column, and `error` (the problem, or null). */
export function rowObject(columns: readonly Column[], row: Row): Record<string, unknown> {
  const object: Record<string, unknown> = { point: row.point };
  columns.forEach((c, k) => {
    object[c.name] = row.cells[k] ?? null;
  });
  object.error = row.error;
  return object;
}

/** One NDJSON line (newline included). */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** A CSV field: quoted when it holds a comma, a quote, or a line break, its quotes doubled (RFC 4180 §2). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell as CSV text: a number in full precision, a string as is, null as empty, anything else as JSON. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return csvField(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvField(JSON.stringify(value));
}

/** The header row: `point`, the column names (their units are in them), `error`. CRLF ends each record. */
export function csvHeader(columns: readonly Column[]): string {
  return `${['point', ...columns.map((c) => csvField(c.name)), 'error'].join(',')}\r\n`;
}

/** One record: the point's index, its cells, and the problem's detail when it failed (empty when it answered). */
export function csvRecord(row: Row): string {
  return `${[String(row.point), ...row.cells.map(csvCell), row.error ? csvField(row.error.detail) : ''].join(',')}\r\n`;
}
