/**
 * Scripts' routes against the service as `npm start` runs it (its own process, its worker pool):
 * - 1,000 items as one POST /v1/batch against the same 1,000 sent as single requests one after
 *   another, in alternating rounds; the ratio of the medians is the figure to quote;
 * - a 10,000-point sweep streamed as NDJSON: when its first row arrives against when its last does.
 */
import { median } from './harness.js';
import { startServer } from './servers.js';

/** The 1,000 items: radiators, launches and power systems of every size, in turn. */
export function batchItems(count = 1000) {
  return Array.from({ length: count }, (_, k) => {
    if (k % 3 === 0) return { estimator: 'thermal', input: { heat_kw: 10 + k, radiator_temp_k: 280 + (k % 100) } };
    if (k % 3 === 1) return { estimator: 'launch', input: { mass_kg: 1000 + 50 * k, vehicle: k % 2 ? 'falcon9' : 'starship' } };
    return { estimator: 'power', input: { load_kw: 1 + k, eclipse_fraction: 0.35, period_min: 95.6, mission_years: 5 } };
  });
}

const json = { 'content-type': 'application/json' };

/** Wall time of one POST /v1/batch of `items`, every item answered (else it throws). */
export async function timeBatch(url: string, items: unknown[]): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: json, body: JSON.stringify({ items }) });
  const body = (await res.json()) as { failed: number };
  if (res.status !== 200 || body.failed > 0) throw new Error(`batch: ${res.status}, ${body.failed} failed`);
  return performance.now() - start;
}

async function timeSingles(url: string, items: { estimator: string; input: unknown }[]): Promise<number> {
  const start = performance.now();
  for (const item of items) {
    const res = await fetch(`${url}/v1/${item.estimator}`, { method: 'POST', headers: json, body: JSON.stringify(item.input) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${item.estimator}: ${res.status}`);
  }
  return performance.now() - start;
}

export async function benchBatch(url: string, rounds = 5) {
  const items = batchItems();
  await timeBatch(url, items);
  await timeSingles(url, items.slice(0, 100));
  const batch: number[] = [];
  const singles: number[] = [];
  for (let r = 0; r < rounds; r++) {
    batch.push(await timeBatch(url, items));
    singles.push(await timeSingles(url, items));
  }
  console.log(
    `\n1,000 items (thermal, launch, power in turn): one batch against single requests one after another (${rounds} alternating rounds)`,
  );
  console.table([
    { name: '1,000 single requests, one after another', median_ms: Math.round(median(singles)) },
    { name: 'one POST /v1/batch of 1,000 items', median_ms: Math.round(median(batch)) },
    { name: 'ratio (singles / batch)', median_ms: Number((median(singles) / median(batch)).toFixed(1)) },
  ]);
}

/** Time to the first NDJSON row and to the last, for a 10,000-point radiator sweep. */
async function streamOnce(url: string) {
  const body = {
    estimator: 'thermal',
    base: { radiator_temp_k: 300 },
    vary: [{ field: '/heat_kw', from: 1, to: 10_000, steps: 10_000, scale: 'log' }],
    outputs: ['/area_m2', '/mass_kg'],
  };
  const start = performance.now();
  const res = await fetch(`${url}/v1/sweep`, {
    method: 'POST',
    headers: { ...json, accept: 'application/x-ndjson' },
    body: JSON.stringify(body),
  });
  let first = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!first && chunk.includes(10)) first = performance.now() - start;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  if (lines !== 10_000) throw new Error(`sweep: ${lines} rows`);
  return { first, last: performance.now() - start };
}

export async function benchStream(url: string, rounds = 5) {
  await streamOnce(url);
  const runs = [];
  for (let r = 0; r < rounds; r++) runs.push(await streamOnce(url));
  const first = median(runs.map((r) => r.first));
  const last = median(runs.map((r) => r.last));
  console.log(`\nA 10,000-point sweep as NDJSON (POST /v1/sweep, Accept: application/x-ndjson; median of ${rounds})`);
  console.table([
    { name: 'first row received', median_ms: Math.round(first) },
    { name: 'last row received', median_ms: Math.round(last) },
    { name: 'first / last', median_ms: Number((first / last).toFixed(2)) },
  ]);
}

export async function benchScripting() {
  const service = await startServer('src/server.ts');
  try {
    await benchBatch(service.url);
    await benchStream(service.url);
  } finally {
    await service.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScripting();
