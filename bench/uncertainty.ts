/**
 * Uncertainty against the service as `npm start` runs it (its own process, its worker pool):
 * - 10,000 samples of economics (1 GW, launch price and hardware spreads): the time to the whole answer;
 * - 5,000 samples as one POST /v1/uncertainty against the same 5,000 inputs as one POST /v1/batch
 *   (every answer whole), in alternating rounds: the ratio of the medians is the figure to quote.
 */
import { sampleDesign } from '../models/distributions.js';
import { withValueAt } from '../models/pointer.js';
import { median } from './harness.js';
import { timeBatch } from './scripting.js';
import { startServer } from './servers.js';

const json = { 'content-type': 'application/json' };

/** The request timed: the 1 GW cost ratio under a launch-price spread and an array's specific power. */
export function economicsSpread(samples: number) {
  return {
    estimator: 'economics',
    base: { load_kw: '1 GW', mission_years: 5 },
    distributions: [
      { field: '/launch_usd_per_kg', lognormal: { median: 448, sigma: 1.71 } },
      { field: '/grid_usd_per_kwh', uniform: { min: 0.048, max: 0.109 } },
    ],
    outputs: ['/cost_ratio', '/orbital_usd_per_kwh'],
    samples,
    seed: 1,
    thresholds: [{ output: '/cost_ratio', below: 1 }],
  };
}

async function timeUncertainty(url: string, samples: number): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/v1/uncertainty`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(economicsSpread(samples)),
  });
  const body = (await res.json()) as { succeeded: number };
  if (res.status !== 200 || body.succeeded !== samples)
    throw new Error(`uncertainty: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return performance.now() - start;
}

/** The same samples' inputs as batch items. */
function sampleItems(samples: number) {
  const request = economicsSpread(samples);
  const values = sampleDesign(
    request.distributions.map(({ field: _, ...d }) => d as never),
    samples,
    request.seed,
    'random',
  );
  return Array.from({ length: samples }, (_, i) => {
    let input: Record<string, unknown> = request.base;
    request.distributions.forEach((d, k) => {
      input = withValueAt(input, d.field, values[i * request.distributions.length + k]);
    });
    return { estimator: 'economics', input };
  });
}

export async function benchUncertainty(url: string, rounds = 5) {
  await timeUncertainty(url, 1000);
  const whole: number[] = [];
  for (let r = 0; r < rounds; r++) whole.push(await timeUncertainty(url, 10_000));
  const items = sampleItems(5000);
  const [u, b]: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    u.push(await timeUncertainty(url, 5000));
    b.push(await timeBatch(url, items));
  }
  console.log(`\nEconomics under spreads (POST /v1/uncertainty; median of ${rounds}; 5,000-sample rounds alternating)`);
  console.table([
    { name: '10,000 samples, the whole answer', median_ms: Math.round(median(whole)) },
    { name: '5,000 samples as one uncertainty request', median_ms: Math.round(median(u)) },
    { name: 'the same 5,000 inputs as one batch (whole answers)', median_ms: Math.round(median(b)) },
    { name: 'ratio (batch / uncertainty)', median_ms: Number((median(b) / median(u)).toFixed(2)) },
  ]);
}

export async function benchUncertaintyService() {
  const service = await startServer('src/server.ts');
  try {
    await benchUncertainty(service.url);
  } finally {
    await service.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchUncertaintyService();
