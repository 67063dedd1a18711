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
import { parseJsonBody } from './json-body.js';
import draining from './plugins/draining.js';
import errors, { answerClientError, answerFrameworkError } from './plugins/errors.js';
import openapi from './plugins/swagger.js';

/** Largest accepted request body, bytes. */
export const BODY_LIMIT_BYTES = 1_048_576;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Errors raised before routing, or by Node's HTTP parser, are problems too (src/plugins/errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // While closing, src/plugins/draining.ts answers a 503 problem instead of Fastify's bare JSON one.
    return503OnClosing: false,
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
  // Our own JSON parser: UTF-8, uncompressed, nesting bounded, prototype keys refused (src/json-body.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errors);
  await app.register(draining);
  await app.register(openapi);
  await app.register(metaRoutes);
  await app.register(estimatorRoutes);
  await app.register(claimsRoutes);
  return app;
}
