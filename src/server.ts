/**
 * The server: settings from the environment (src/config.ts), listen, graceful stop
 * (src/shutdown.ts). Everything else is in the app (src/app.ts).
 */
import { buildApp } from './app.js';
import { type Config, configFromEnv } from './config.js';
import { type CorsPolicy, corsPolicyFromEnv } from './plugins/security.js';
import { armWatchdog, closeIdleGracefully } from './shutdown.js';

let config: Config;
let cors: CorsPolicy;
try {
  config = configFromEnv(process.env);
  cors = corsPolicyFromEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const app = await buildApp({ logger: { level: config.LOG_LEVEL }, config, cors, pool: true });
closeIdleGracefully(app.server);

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  armWatchdog(config.SHUTDOWN_DEADLINE_S);
  app.log.info({ signal, deadline_s: config.SHUTDOWN_DEADLINE_S }, 'stopping: finishing the requests in flight');
  app.close().then(
    () => {
      app.log.info('stopped');
      process.exit(0);
    },
    (err) => {
      app.log.error({ err }, 'error while stopping');
      process.exit(1);
    },
  );
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`orbital-dc listening on ${address}; Swagger UI at ${address}/docs`);
} catch (err) {
  app.log.error({ err }, 'could not start');
  process.exit(1);
}
