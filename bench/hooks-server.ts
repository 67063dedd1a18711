/**
 * The middle yardstick of the throughput benchmark: the service's own app, built as src/server.ts
 * builds it (its plugins and hooks, its worker pool, logging as `npm start` logs), plus one POST
 * route that answers fixed bytes (BARE_BODY at BARE_PATH) without validating, running a model or
 * serializing (Fastify parses the JSON body first, as it does for the bare route). Set against the bare route, it is what the service's hooks cost on their
 * own; set against the estimator route, what the estimator's work costs.
 */
import { buildApp } from '../src/app.js';
import { configFromEnv } from '../src/config.js';

const body = process.env.BARE_BODY ?? '{}';
const path = process.env.BARE_PATH ?? '/bench/fixed';
const config = configFromEnv(process.env);
const app = await buildApp({ logger: { level: config.LOG_LEVEL }, config, pool: true });
app.post(path, async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
const address = await app.listen({ host: '127.0.0.1', port: config.PORT });
process.send?.({ address });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.close().then(() => process.exit(0)));
