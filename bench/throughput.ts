/**
 * Throughput of an estimator route against a bare Fastify route serving the same bytes, measured
 * side by side: both servers run at once, each in its own process and logging as `npm start` logs,
 * and autocannon loads them in alternating rounds. The ratio of the medians is the figure to quote.
 */
import autocannon from 'autocannon';
import { median } from './harness.js';
import { startServer } from './servers.js';

const ROUTE = '/v1/thermal';
const BODY = JSON.stringify({ heat_kw: 1000, radiator_temp_k: 300 });

async function load(url: string, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `${url}${ROUTE}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: 16,
    pipelining: 1,
    duration: seconds,
  });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors at ${url}`);
  return result.requests.average;
}

export async function benchThroughput(rounds = 5, seconds = 3) {
  const service = await startServer('src/server.ts');
  const answer = await fetch(`${service.url}${ROUTE}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  }).then((r) => r.text());
  const bare = await startServer('bench/bare-server.ts', { BARE_BODY: answer, BARE_PATH: ROUTE });
  const rates: { service: number[]; bare: number[] } = { service: [], bare: [] };
  try {
    await load(service.url, 1);
    await load(bare.url, 1);
    for (let r = 0; r < rounds; r++) {
      rates.bare.push(await load(bare.url, seconds));
      rates.service.push(await load(service.url, seconds));
    }
  } finally {
    await Promise.all([service.stop(), bare.stop()]);
  }
  const rows = [
    { name: `bare Fastify route (same ${answer.length} bytes)`, median_req_per_s: Math.round(median(rates.bare)), ratio: 1 },
    {
      name: `POST ${ROUTE} (parse, model, serialize)`,
      median_req_per_s: Math.round(median(rates.service)),
      ratio: Number((median(rates.service) / median(rates.bare)).toFixed(3)),
    },
  ];
  console.log(`\nThroughput, ${BODY} (${rounds} alternating rounds of ${seconds} s, 16 connections)`);
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchThroughput();
