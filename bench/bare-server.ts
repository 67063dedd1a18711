/**
 * The yardstick for the throughput benchmark: a bare Fastify server, logging as `npm start` logs,
 * whose one POST route parses the JSON body and answers fixed bytes (the service's own answer to
 * the same request, passed in BARE_BODY). Whatever the service adds on top of this is its cost.
 */
import Fastify from 'fastify';

const body = process.env.BARE_BODY ?? '{}';
const path = process.env.BARE_PATH ?? '/';
const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
app.post(path, async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.send?.({ address });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.close().then(() => process.exit(0)));
