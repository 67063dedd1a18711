/**
 * OpenAPI 3.1 from the zod schemas (fastify-type-provider-zod), Swagger UI at /docs, and the
 * document itself at /openapi.json.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import { DOCS_CSP } from './security.js';

export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'orbital-dc',
          version: pkg.version,
          description:
            'Orbital data-center feasibility calculator. Every estimator answers with numbers, their units (in the field names), the `assumptions` it made (each with a `source` key into `GET /v1/sources`) and `warnings`. Quantity inputs take a number in the field unit or a string with any compatible unit ("550 km", "1.2 MW", "20 degC"). Errors are RFC 9457 problem+json.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        tags: [
          { name: 'estimators', description: 'Physics-based estimators, one per route' },
          { name: 'scripting', description: 'Batches and sweeps over any estimator, for scripts' },
          { name: 'meta', description: 'Health, sources, the estimator catalogue' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true },
      // Replaces the API's CSP (set by the security plugin) on Swagger UI's own routes only.
      staticCSP: DOCS_CSP,
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
