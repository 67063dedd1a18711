/**
 * The app factory: the service is a plugin tree; the server (src/server.ts) is a thin shell.
 * Tests build it and call `app.inject()`.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { claimsRoutes } from '../api/claims.js';
import { estimatorRoutes } from '../api/estimators.js';
import { metaRoutes } from '../api/meta.js';
import errors from './plugins/errors.js';
import security, { type CorsPolicy } from './plugins/security.js';
import openapi from './plugins/swagger.js';

/** Largest accepted request body, bytes. */
export const BODY_LIMIT_BYTES = 1_048_576;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  cors?: CorsPolicy; // cross-origin access (corsPolicyFromEnv); default none
}

export async function buildApp(options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Echo a caller's x-request-id when it is sane, else mint one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text body is a 415, not a string handed to the schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errors);
  await app.register(security, { cors: options.cors });
  await app.register(openapi);
  await app.register(metaRoutes);
  await app.register(estimatorRoutes);
  await app.register(claimsRoutes);
  return app;
}
