/**
 * The server: options, listen, graceful close. Everything else is in the app (src/app.ts).
 * HOST (default 127.0.0.1) and PORT (default 3000) choose where it listens.
 */
import { buildApp } from './app.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0..65535, got "${process.env.PORT}"`);
  process.exit(2);
}

const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  });
}

try {
  const address = await app.listen({ host, port });
  app.log.info(`orbital-dc listening on ${address}; Swagger UI at ${address}/docs`);
} catch (err) {
  app.log.error({ err }, 'could not start');
  process.exit(1);
}
