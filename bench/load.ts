/**
 * The service under load, as `npm start` runs it (its own process, worker pool, logging):
 * - /healthz latency while the costliest accepted request computes (the event loop stays free);
 * - a minute of mixed load: every answer's status, connection errors, and the server's RSS each second.
 */
import autocannon from 'autocannon';
import { type Server, startServer } from './servers.js';

/**
 * The costliest request the default budget accepts among those bench/cost.ts measures (about 7.5 s
 * of CPU there, estimated 8.2 s against the 10-s budget): 40,000 satellites at 8,000 km over London
 * for 12 minutes, round trips every second.
 */
export const COSTLIEST = {
  route: '/v1/latency',
  label: '40,000 satellites at 8,000 km, London, 0.2 h every 1 s',
  body: {
    satellites: { walker: { altitude_km: 8000, inclination_deg: 53, planes: 200, sats_per_plane: 200, phasing: 1 } },
    sites: ['London'],
    gateway: 'London',
    start: '2026-03-20T00:00:00Z',
    end: '2026-03-20T00:12:00Z',
    min_elevation_deg: 25,
    rtt_step_s: 1,
  },
};

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

function post(server: Server, route: string, body: unknown) {
  return fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** /healthz, one request after another, while the costliest accepted request computes. */
export async function benchHealthDuringCostliest() {
  const server = await startServer('src/server.ts');
  try {
    await post(server, '/v1/feasibility', { load_kw: 1000 }); // warm the worker
    const started = performance.now();
    let done = false;
    const costly = post(server, COSTLIEST.route, COSTLIEST.body).then(async (r) => {
      await r.arrayBuffer();
      done = true;
      return { status: r.status, ms: performance.now() - started };
    });
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${server.url}/healthz`);
      await r.arrayBuffer();
      latencies.push(performance.now() - t);
    }
    const { status, ms } = await costly;
    latencies.sort((a, b) => a - b);
    const row = {
      costliest_status: status,
      costliest_ms: Math.round(ms),
      healthz_requests: latencies.length,
      healthz_p50_ms: Number(quantile(latencies, 0.5).toFixed(2)),
      healthz_p99_ms: Number(quantile(latencies, 0.99).toFixed(2)),
      healthz_max_ms: Number((latencies.at(-1) as number).toFixed(2)),
    };
    console.log(`\n/healthz while the costliest accepted request computes (${COSTLIEST.route}: ${COSTLIEST.label})`);
    console.table([row]);
    return row;
  } finally {
    await server.stop();
  }
}

/** Cheap requests in turn on most connections, one of them invalid (a 400 by design). */
const CHEAP = [
  { path: '/v1/thermal', body: { heat_kw: 1000, radiator_temp_k: 300 } },
  { path: '/v1/orbit', body: { orbit: { altitude_km: 550, inclination_deg: 53 } } },
  { path: '/v1/power', body: { load_kw: 1000, orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 } } },
  { path: '/v1/launch', body: { mass_kg: 17400, vehicle: 'falcon9' } },
  { path: '/v1/economics', body: { load_kw: '1 MW', mission_years: 5, vehicle: 'starship' } },
  { path: '/v1/thermal', body: { heat_kw: '1 MW', radiator_temp_k: '20 degC' } },
  { path: '/v1/thermal', body: { heat_kw: -5 } },
];

/** Costly requests on the other connections: they run in the worker pool, and may fill its queue (503). */
const COSTLY = [
  { path: '/v1/feasibility', body: { load_kw: 1000 } },
  { path: COSTLIEST.route, body: COSTLIEST.body },
];

function load(server: Server, mix: { path: string; body: unknown }[], connections: number, seconds: number) {
  return autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: mix.map((m) => ({ path: m.path, method: 'POST', body: JSON.stringify(m.body) })),
    connections,
    duration: seconds,
    timeout: 60,
  });
}

type Result = Awaited<ReturnType<typeof autocannon>>;

function summary(name: string, r: Result) {
  return {
    load: name,
    requests: r.requests.total,
    req_per_s: Math.round(r.requests.average),
    '2xx': r['2xx'],
    '4xx': r['4xx'],
    '5xx': r['5xx'],
    connection_errors: r.errors,
    timeouts: r.timeouts,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
  };
}

/** A minute of mixed load: statuses, connection errors, and the server's RSS each second. */
export async function benchMixedLoad(seconds = 60) {
  const server = await startServer('src/server.ts');
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(Math.round(server.rss_mb())), 1000);
  try {
    const [cheap, costly] = await Promise.all([load(server, CHEAP, 14, seconds), load(server, COSTLY, 2, seconds)]);
    clearInterval(sampler);
    console.log(
      `\n${seconds} s of mixed load: ${CHEAP.length} cheap requests in turn on 14 connections (one invalid: its 4xx are by design), ${COSTLY.length} costly ones on 2`,
    );
    console.table([summary('cheap', cheap), summary('costly', costly)]);
    const every = Math.max(1, Math.floor(rss.length / 12));
    console.log(
      `server RSS, MB: start ${rss[0]}, max ${Math.max(...rss)}, end ${rss.at(-1)}; every ${every} s: ${rss.filter((_, k) => k % every === 0).join(' ')}`,
    );
    return { cheap: summary('cheap', cheap), costly: summary('costly', costly), rss };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchHealthDuringCostliest();
  await benchMixedLoad(Number(process.env.SECONDS ?? 60));
}
