/**
 * The README's "Scripting" example, made by the service itself (`npm run docs:scripting`): the
 * launch-price sweep of docs/launch-price-sweep.json answered as CSV (its first rows go into the
 * README between markers) and as SVG (docs/launch-price-sweep.svg). A test fails when either differs
 * from what the service answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { askService, README_PATH, withBlock } from './readme-block.js';

export const ROWS_START = '<!-- sweep-rows:start (npm run docs:scripting) -->';
export const ROWS_END = '<!-- sweep-rows:end -->';
/** Records of the CSV shown in the README after its header. */
const ROWS_SHOWN = 6;

export const SPEC_PATH = new URL('../../docs/launch-price-sweep.json', import.meta.url);
export const SVG_PATH = new URL('../../docs/launch-price-sweep.svg', import.meta.url);

/** The sweep as CSV and as SVG, from the service's own route. */
export async function launchPriceSweep(): Promise<{ csv: string; svg: string }> {
  const payload = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
  return askService(async (ask) => ({
    csv: await ask('/v1/sweep', payload, 'text/csv'),
    svg: await ask('/v1/sweep', payload, 'image/svg+xml'),
  }));
}

/** The README's block: the header and the first records, as a fenced block. */
export function rowsBlock(csv: string): string {
  const records = csv.split('\r\n').filter((r) => r !== '');
  return ['```csv', ...records.slice(0, ROWS_SHOWN + 1), '…', '```'].join('\n');
}

/** The README with its block replaced. */
export function withRows(readme: string, block: string): string {
  return withBlock(readme, ROWS_START, ROWS_END, block);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { csv, svg } = await launchPriceSweep();
  writeFileSync(SVG_PATH, svg);
  writeFileSync(README_PATH, withRows(readFileSync(README_PATH, 'utf8'), rowsBlock(csv)));
  console.log(`wrote ${SVG_PATH.pathname} and the README's rows`);
}
