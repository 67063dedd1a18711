/**
 * Every non-success answer is RFC 9457 problem+json: schema errors (400 with a pointer per field),
 * malformed JSON (400), unknown routes (404), oversized bodies or computations (413), physically impossible
 * requests (422), and unexpected faults (500, logged with the request id, no internals in the body).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { PhysicallyImpossible, TooLarge } from '../../models/errors.js';
import { valueAt } from '../../models/pointer.js';
import { issuesToErrors, PROBLEM_CONTENT_TYPE, type Problem, problem, withReceived } from '../problem.js';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  const body: Problem = { ...p, instance: request.url.split('?')[0], request_id: String(request.id) };
  // Sent as a string: the problem shape never goes through a route's success serializer.
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Figures as JSON allows them: a non-finite number is said in words, never sent as null. */
function finiteFigures(figures: Record<string, number | string>): Record<string, number | string> {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? `unbounded (${v})` : v]),
  );
}

export interface ProblemContext {
  log?: FastifyRequest['log'];
  bodyLimit_bytes?: number;
  contentType?: string;
}

/** Turn anything thrown while answering a request into a problem. */
export function toProblem(error: unknown, body: unknown, context: ProblemContext = {}): Problem {
  const { log, bodyLimit_bytes } = context;
  if (error instanceof PhysicallyImpossible) {
    return problem(422, error.message, {
      ...(error.pointer && { errors: [{ pointer: error.pointer, message: error.message }] }),
      ...(error.figures && { figures: finiteFigures(error.figures) }),
    });
  }
  if (error instanceof TooLarge) {
    return problem(413, error.message, {
      ...(error.pointer && { errors: [{ pointer: error.pointer, message: error.message }] }),
      figures: error.figures,
    });
  }
  if (error instanceof ZodError) {
    const errors = issuesToErrors(error.issues, body);
    return problem(400, summarise(errors), { errors });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => {
      const pointer = v.instancePath === '/' ? '' : v.instancePath;
      const params = v.params as { keys?: string[] };
      if (v.keyword === 'unrecognized_keys' && params.keys)
        return {
          pointer,
          message: `unknown field(s) ${params.keys.map((k) => `"${k}"`).join(', ')}: check the spelling and the unit suffix`,
        };
      return { pointer, message: withReceived(v.message ?? 'invalid', valueAt(body, pointer)) };
    });
    return problem(400, summarise(errors), { errors });
  }
  if (isResponseSerializationError(error)) {
    log?.error({ err: error, issues: error.cause.issues }, 'response failed its own schema');
    return problem(500, 'the result could not be represented (a non-finite or malformed figure); this is a fault of the service');
  }
  const e = error as FastifyError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413)
    return problem(413, `the request body is larger than the limit of ${bodyLimit_bytes ?? 'the configured number of'} bytes`, {
      ...(bodyLimit_bytes && { figures: { limit_bytes: bodyLimit_bytes } }),
    });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem(415, `expected a body of type application/json, got "${context.contentType ?? 'none'}"`);
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return problem(400, 'expected a JSON body, got an empty one', { errors: [{ pointer: '', message: 'empty body' }] });
  if (error instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return problem(400, `the body is not valid JSON: ${e.message}`, { errors: [{ pointer: '', message: e.message }] });
  }
  if (status >= 400 && status < 500) return problem(status, e.message);
  log?.error({ err: error }, 'unexpected fault');
  return problem(500, 'an unexpected fault occurred; it has been logged with this request id');
}

function summarise(errors: { pointer: string; message: string }[]): string {
  const first = errors[0];
  if (!first) return 'the request does not match the schema';
  const where = first.pointer || 'the body';
  return errors.length === 1
    ? `${where}: ${first.message}`
    : `${errors.length} fields are invalid; first ${where}: ${first.message}`;
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((error, request, reply) =>
      sendProblem(
        reply,
        request,
        toProblem(error, request.body, {
          log: request.log,
          bodyLimit_bytes: app.initialConfig.bodyLimit,
          contentType: request.headers['content-type'],
        }),
      ),
    );
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        request,
        problem(404, `no route ${request.method} ${request.url.split('?')[0]}; see GET /docs for the API`),
      ),
    );
  },
  { name: 'errors' },
);
