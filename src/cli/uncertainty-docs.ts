/**
 * The README's "Uncertainty" example, made by the service itself (`npm run docs:uncertainty`): the
 * 1 GW cost ratio under the published spreads of fixtures/claims.json (`probability`), the request
 * written to docs/cost-ratio-uncertainty.json, its tornado chart to docs/cost-ratio-tornado.svg, and
 * its percentiles, probabilities, largest swings and a solve into the README between markers. A test
 * fails when any of them differs from what the service answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { significant } from '../../models/format.js';
import { costRatioSpec } from '../scripting/uncertainty.js';
import { askService, README_PATH, withBlock } from './readme-block.js';

export const BLOCK_START = '<!-- uncertainty:start (npm run docs:uncertainty) -->';
export const BLOCK_END = '<!-- uncertainty:end -->';
export const SPEC_PATH = new URL('../../docs/cost-ratio-uncertainty.json', import.meta.url);
export const SVG_PATH = new URL('../../docs/cost-ratio-tornado.svg', import.meta.url);

/** The "what would have to be true" shown beside it: the satellite $/W at which the cost ratio is 1, launch at the spread's p10. */
export const SOLVE_SPEC = {
  estimator: 'economics',
  base: { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 50 },
  field: '/satellite_usd_per_w',
  target: { output: '/cost_ratio', value: 1 },
};

type Answer = Record<string, any>;

/** The README example's request, beside the code that answers it (the route's own example is the same request). */
export { costRatioSpec };

/** The answers as JSON and SVG, and the solve, from the service's own routes. */
export async function costRatioUncertainty(spec = costRatioSpec()): Promise<{ json: Answer; svg: string; solve: Answer }> {
  return askService(async (ask) => ({
    json: JSON.parse(await ask('/v1/uncertainty', spec)),
    svg: await ask('/v1/uncertainty', spec, 'image/svg+xml'),
    solve: JSON.parse(await ask('/v1/solve', SOLVE_SPEC)),
  }));
}

const fig = (x: number | null) => (x === null ? '–' : significant(x));

/** The README's block: the percentiles, the probabilities, the three largest swings of the cost ratio, and the solve. */
export function uncertaintyBlock(a: Answer, solve: Answer): string {
  const rows = a.outputs.map(
    (o: Answer) =>
      `| ${o.output.slice(1)} | ${o.unit} | ${['p5', 'p10', 'p50', 'p90', 'p95', 'mean'].map((k) => fig(o[k])).join(' | ')} |`,
  );
  const probabilities = a.probabilities.map(
    (p: Answer) => `- P(${p.output.slice(1)} < ${p.below}) = ${p.probability} (${p.samples.toLocaleString('en-US')} samples)`,
  );
  const swings = a.sensitivity
    .filter((s: Answer) => s.output === '/cost_ratio')
    .slice(0, 3)
    .map(
      (s: Answer) =>
        `| ${s.field.slice(1)} | ${fig(s.input_low)} – ${fig(s.input_high)} | ${fig(s.low)} | ${fig(s.high)} | ${fig(s.swing)} | ${fig(s.rank_correlation)} |`,
    );
  return [
    `${a.samples.toLocaleString('en-US')} samples (${a.method.replace('_', ' ')}, seed ${a.seed}), ${a.failed_samples.count} failed:`,
    '',
    '| output | unit | p5 | p10 | p50 | p90 | p95 | mean |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...probabilities,
    '',
    'The three largest swings of the cost ratio (each input from its p10 to its p90, the others at their medians):',
    '',
    '| input | p10 – p90 | cost ratio at p10 | at p90 | swing | Spearman |',
    '|---|---|---|---|---|---|',
    ...swings,
    '',
    `What would have to be true: with launch at $${SOLVE_SPEC.base.launch_usd_per_kg}/kg (the spread's p10), the cost ratio is 1 when the satellites cost **$${fig(solve.value)}/W** (the default is $${fig(solve.current)}/W; ${solve.iterations} runs of economics).`,
  ].join('\n');
}

/** The README with its block replaced. */
export function withUncertainty(readme: string, block: string): string {
  return withBlock(readme, BLOCK_START, BLOCK_END, block);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const spec = costRatioSpec();
  const { json, svg, solve } = await costRatioUncertainty(spec);
  writeFileSync(SPEC_PATH, `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(SVG_PATH, svg);
  writeFileSync(README_PATH, withUncertainty(readFileSync(README_PATH, 'utf8'), uncertaintyBlock(json, solve)));
  console.log(`wrote ${SPEC_PATH.pathname}, ${SVG_PATH.pathname} and the README's block`);
}
