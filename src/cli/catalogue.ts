/**
 * The estimators as the command line names them (names, summaries, examples), read from the committed
 * OpenAPI document rather than from the registry: the document is generated from the registry (`npm
 * run openapi`) and kept current by tests/openapi.test.ts, and reading it costs milliseconds where
 * loading the registry (every model, satellite.js, mathjs) costs about half a second, which a command
 * sent to a running service (`--url`) would pay for nothing. tests/cli.catalogue.test.ts checks that
 * this catalogue is the registry's.
 */
import { readFileSync } from 'node:fs';

/** One of an estimator's examples, as in its route's OpenAPI `examples`. */
export interface CatalogueExample {
  summary: string;
  value: unknown;
}

/** An estimator: its command and route name, what it answers, its examples by name. */
export interface CatalogueEntry {
  name: string;
  summary: string;
  examples: Record<string, CatalogueExample>;
}

/** The parts of an OpenAPI document read here. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | undefined>>;
}

interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: { 'application/json'?: { examples?: Record<string, CatalogueExample> } } };
}

/** The committed document, next to the sources: the same file whichever directory the command runs in. */
const DOCUMENT = new URL('../../openapi/openapi.json', import.meta.url);

/** The estimator routes are tagged `estimators`, each `POST /v1/<name>`. */
const ESTIMATOR_TAG = 'estimators';
const ROUTE = /^\/v1\/([^/]+)$/;

/**
 * The estimators of an OpenAPI document, in its order (the registry's, which the routes follow): every
 * `POST /v1/<name>` tagged `estimators`, with its summary and its request examples.
 */
export function catalogueOf(doc: OpenApiDocument): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    const post = operations.post;
    const name = ROUTE.exec(path)?.[1];
    if (!post?.tags?.includes(ESTIMATOR_TAG) || name === undefined) continue;
    const examples = post.requestBody?.content?.['application/json']?.examples ?? {};
    entries.push({
      name,
      summary: post.summary ?? '',
      examples: Object.fromEntries(Object.entries(examples).map(([key, e]) => [key, { summary: e.summary, value: e.value }])),
    });
  }
  return entries;
}

let read: CatalogueEntry[] | undefined;

/** The estimators of the committed document, read once per process (the document is over a megabyte). */
export function estimatorCatalogue(): CatalogueEntry[] {
  read ??= catalogueOf(JSON.parse(readFileSync(DOCUMENT, 'utf8')) as OpenApiDocument);
  return read;
}
