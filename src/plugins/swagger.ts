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

/**
 * The document with its component schemas in name order: zod registers them in the order modules
 * are first loaded, which depends on what a process loaded before, so the committed document and
 * every process's agree only when the order is fixed.
 */
function sortedComponents<T>(doc: T): T {
  const components = (doc as { components?: { schemas?: Record<string, unknown> } }).components;
  if (components?.schemas)
    components.schemas = Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return doc;
}

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
          { name: 'scripting', description: 'Batches, sweeps, uncertainty and solves over any estimator, for scripts' },
          { name: 'meta', description: 'Health, sources, the estimator catalogue' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: (documentObject) => sortedComponents(jsonSchemaTransformObject(documentObject)),
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
