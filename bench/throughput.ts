/**
 * Throughput of an estimator route against a bare Fastify route serving the same bytes, measured
 * side by side: the servers run at once, each in its own process and logging as `npm start` logs,
 * and autocannon loads them in alternating rounds. The ratio of the medians is the figure to quote.
 * A third server, the service's own app answering the same bytes from a route that does nothing
 * else (bench/hooks-server.ts), splits the gap: what the hooks cost, and what the estimator's work does.
 */
import autocannon from 'autocannon';
import { median } from './harness.js';
import { startServer } from './servers.js';

const ROUTE = '/v1/thermal';
const BODY = JSON.stringify({ heat_kw: 1000, radiator_temp_k: 300 });

const FIXED_ROUTE = '/bench/fixed';

async function load(url: string, seconds: number): Promise<number> {
  const result = await autocannon({
    url,
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
  const hooks = await startServer('bench/hooks-server.ts', { BARE_BODY: answer, BARE_PATH: FIXED_ROUTE });
  const targets = {
    bare: `${bare.url}${ROUTE}`,
    hooks: `${hooks.url}${FIXED_ROUTE}`,
    service: `${service.url}${ROUTE}`,
  };
  const rates: Record<keyof typeof targets, number[]> = { bare: [], hooks: [], service: [] };
  try {
    for (const url of Object.values(targets)) await load(url, 1);
    for (let r = 0; r < rounds; r++)
      for (const [name, url] of Object.entries(targets)) rates[name as keyof typeof targets].push(await load(url, seconds));
  } finally {
    await Promise.all([service.stop(), bare.stop(), hooks.stop()]);
  }
  const row = (name: string, of: keyof typeof targets) => ({
    name,
    median_req_per_s: Math.round(median(rates[of])),
    ratio: Number((median(rates[of]) / median(rates.bare)).toFixed(3)),
  });
  const rows = [
    row(`bare Fastify route (same ${answer.length} bytes)`, 'bare'),
    row(`the service's app, its hooks only (same bytes, ${FIXED_ROUTE})`, 'hooks'),
    row(`POST ${ROUTE} (parse, model, serialize)`, 'service'),
  ];
  console.log(`\nThroughput, ${BODY} (${rounds} alternating rounds of ${seconds} s, 16 connections)`);
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchThroughput();
