/**
 * The README's claims table, as the service answers GET /v1/claims (`npm run claims:table` rewrites
 * it between its markers; a test fails when the README differs from what the service answers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { claimsEstimator } from '../../models/claims.js';
import { runEstimator } from '../../models/estimator.js';
import { significant } from '../../models/format.js';
import { README_PATH, withBlock } from './readme-block.js';

export const TABLE_START = '<!-- claims-table:start (npm run claims:table) -->';
export const TABLE_END = '<!-- claims-table:end -->';

type Claims = ReturnType<typeof runEstimator<typeof claimsEstimator.input, typeof claimsEstimator.output>>;

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The share of samples in which the verdict holds, in percent, or a dash when there is none. */
const probability = (p: number | null) => (p === null ? '—' : `${significant(p * 100)} %`);

/** One row a claim: the claim, who said it, the verdict with its decisive figure, how often it holds, and what would flip it. */
export function claimsTable(result: Claims): string {
  const rows = result.claims.map((c) => {
    const figure = c.figures.find((f) => f.name === c.criterion.figure);
    const decisive = figure ? `${figure.name} = ${significant(figure.value)}${figure.unit === '1' ? '' : ` ${figure.unit}`}` : '';
    const flip = c.flip_condition
      ? `${c.flip_condition.field} = ${significant(c.flip_condition.value)}${c.flip_condition.unit === '1' ? '' : ` ${c.flip_condition.unit}`}`
      : `none: ${c.flip_reason}`;
    return `| ${cell(c.claim)} | ${cell(c.said_by)} | **${c.verdict}** | ${cell(decisive)} | ${probability(c.probability)} | ${cell(flip)} |`;
  });
  return [
    '| claim | said by | verdict | decisive figure | holds in | flips at |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `${result.summary.supported} supported, ${result.summary.unsupported} unsupported, ${result.summary.depends} depend on assumptions inside their bounds. "Holds in": the share of samples of a claim's decisive assumptions, each from its published spread, in which its verdict is the same (— where none has one).`,
  ].join('\n');
}

/** The README with its claims table replaced. */
export function withTable(readme: string, table: string): string {
  return withBlock(readme, TABLE_START, TABLE_END, table);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = claimsTable(runEstimator(claimsEstimator, claimsEstimator.input.parse({})));
  writeFileSync(README_PATH, withTable(readFileSync(README_PATH, 'utf8'), table));
  console.log(table);
}
