/**
 * Every non-success answer is RFC 9457 problem+json: schema errors (400 with a pointer per field),
 * malformed JSON (400), unknown routes (404), oversized bodies or computations (413), physically impossible
 * requests (422), and unexpected faults (500, logged with the request id, no internals in the body).
 * So are the framework's own errors before routing (`frameworkErrors`) and Node's HTTP-parser errors
 * (`clientErrorHandler`: 400, 408, 431 on the raw socket); and the error path itself never throws.
 */
import { type IncomingMessage, maxHeaderSize, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { PhysicallyImpossible, TooLarge } from '../../models/errors.js';
import { valueAt } from '../../models/pointer.js';
import {
  clip,
  type FieldError,
  invalidInput,
  issuesToErrors,
  MAX_ERRORS,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  ProblemError,
  problem,
  RequestRefused,
  refusal,
  unknownKeysMessage,
  withReceived,
} from '../problem.js';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  const body: Problem = { ...p, instance: pathOf(request), request_id: String(request.id) };
  // Set here too: framework errors answer before the onRequest hooks that set it run.
  reply.header('x-request-id', String(request.id));
  // Sent as a string: the problem shape never goes through a route's success serializer.
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** The 500 for a fault: it says nothing of the fault itself, which is logged with the request id. */
const FALLBACK = problem(500, 'an unexpected fault occurred; it has been logged with this request id');

/** The request path without its query, cut short: it is echoed in `instance` and in messages. */
function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return clip(query < 0 ? url : url.slice(0, query));
}

/** Figures as JSON allows them: a non-finite number is said in words, never sent as null. */
function finiteFigures(figures: Record<string, number | string>): Record<string, number | string> {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? `unbounded (${v})` : v]),
  );
}

export interface ProblemContext {
  log?: FastifyRequest['log'];
  /** Pointer of the body's place in a larger request (a batch item's `/items/17/input`), put before every pointer. */
  base?: string;
  bodyLimit_bytes?: number;
  contentType?: string;
}

/** Turn anything thrown while answering a request into a problem. */
export function toProblem(error: unknown, body: unknown, context: ProblemContext = {}): Problem {
  const base = context.base ?? '';
  if (error instanceof RequestRefused) return refusal(error, base);
  if (error instanceof ProblemError) return error.problem;
  return (
    modelProblem(error, base) ??
    validationProblem(error, body, base) ??
    serializationProblem(error, context) ??
    frameworkProblem(error, context)
  );
}

/** A refusal the models raise: physically impossible (422) or too costly to compute (413). */
function modelProblem(error: unknown, base: string): Problem | null {
  if (error instanceof PhysicallyImpossible) {
    return problem(422, error.message, {
      ...(error.pointer && { errors: [{ pointer: base + error.pointer, message: error.message }] }),
      ...(error.figures && { figures: finiteFigures(error.figures) }),
    });
  }
  if (error instanceof TooLarge) {
    return problem(413, error.message, {
      ...(error.pointer && { errors: [{ pointer: base + error.pointer, message: error.message }] }),
      figures: error.figures,
    });
  }
  return null;
}

/** A body that fails its schema, from zod directly or through the validator compiler: 400 with bounded `errors[]`. */
function validationProblem(error: unknown, body: unknown, base: string): Problem | null {
  if (error instanceof ZodError)
    return invalidInput(issuesToErrors(error.issues.slice(0, MAX_ERRORS), body, base), error.issues.length);
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const errors = error.validation.slice(0, MAX_ERRORS).map((v): FieldError => {
    const at = v.instancePath === '/' ? '' : v.instancePath;
    const pointer = base + at;
    const params = v.params as { keys?: string[] };
    if (v.keyword === 'unrecognized_keys' && params.keys) return { pointer, message: unknownKeysMessage(params.keys) };
    return { pointer, message: withReceived(v.message ?? 'invalid', valueAt(body, at)) };
  });
  return invalidInput(errors, error.validation.length);
}

function serializationProblem(error: unknown, { log }: ProblemContext): Problem | null {
  if (!isResponseSerializationError(error)) return null;
  log?.error({ err: error, issues: error.cause.issues }, 'response failed its own schema');
  return problem(500, 'the result could not be represented (a non-finite or malformed figure); this is a fault of the service');
}

/** What the framework raises while reading a request (limits, media type, JSON), and any other fault (500, logged). */
function frameworkProblem(error: unknown, { log, bodyLimit_bytes, contentType }: ProblemContext): Problem {
  const e = error as FastifyError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413)
    return problem(413, `the request body is larger than the limit of ${bodyLimit_bytes ?? 'the configured number of'} bytes`, {
      ...(bodyLimit_bytes && { figures: { limit_bytes: bodyLimit_bytes } }),
    });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem(415, `expected a body of type application/json, got ${JSON.stringify(clip(contentType ?? 'none'))}`);
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return problem(400, 'expected a JSON body, got an empty one', { errors: [{ pointer: '', message: 'empty body' }] });
  if (error instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    const message = clip(e.message);
    return problem(400, `the body is not valid JSON: ${message}`, { errors: [{ pointer: '', message }] });
  }
  if (status >= 400 && status < 500) return problem(status, e.message);
  log?.error({ err: error }, 'unexpected fault');
  return FALLBACK;
}

/**
 * Fastify's `frameworkErrors`: what it raises before a route is found (a URL it cannot decode, a
 * parameter past its length limit) is a problem like any other, instead of Fastify's own JSON.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  answerSafely(reply, request, () => {
    if (error.code === 'FST_ERR_BAD_URL') return problem(400, 'the URL could not be decoded: it has a malformed percent-escape');
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
      return problem(414, 'a path segment of the URL is longer than the router accepts');
    return toProblem(error, undefined, { log: request.log });
  });
}

/**
 * Send the problem `build` makes. Building or sending it must never throw out of an error path (a
 * hostile error object, a bug here): any fault is logged and answered with a minimal 500 problem.
 */
function answerSafely(reply: FastifyReply, request: FastifyRequest, build: () => Problem): FastifyReply {
  try {
    return sendProblem(reply, request, build());
  } catch (fault) {
    try {
      request.log.error({ err: fault }, 'the error handler failed; answering a minimal 500');
    } catch {
      // Logging the fault failed too; the answer below still goes out.
    }
    return sendFallback(reply, request);
  }
}

/** The minimal 500 problem, from constants and the request's own id and path. */
function sendFallback(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  let body: string;
  try {
    body = JSON.stringify({ ...FALLBACK, instance: pathOf(request), request_id: String(request.id) });
  } catch {
    body = JSON.stringify(FALLBACK);
  }
  return reply.code(500).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** The problem for an error Node's HTTP parser raises before there is a request. */
function clientErrorProblem(error: ConnectionError): Problem {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return problem(408, 'the request was not received whole in time; send it again on a new connection');
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return problem(431, `the request line and headers are larger than the limit of ${maxHeaderSize} bytes`, {
      figures: { limit_bytes: maxHeaderSize },
    });
  return problem(400, 'the request could not be read as HTTP/1.1 (a malformed request line, header or framing)');
}

/** A whole HTTP/1.1 response carrying `p`, for a socket that has no request or reply to send it through. */
function rawProblemResponse(p: Problem): string {
  const body = JSON.stringify(p);
  return [
    `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? ''}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes (oversized headers, a
 * malformed request line, a request timeout). Answers a problem on the raw socket, unless the socket
 * is gone or a response is already under way on it (writing then would corrupt that one), and closes.
 */
export function answerClientError(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ err: error }, 'client error');
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) socket.write(rawProblemResponse(clientErrorProblem(error)));
  socket.destroy(error);
}

/**
 * Node's `checkExpectation`: a request whose Expect header asks for anything but 100-continue
 * (RFC 9110 §10.1.1). Without a listener Node answers a bare 417; this one answers it as a problem,
 * before any route runs, and closes the connection (the body, if any, is left unread).
 */
export function answerExpectation(request: IncomingMessage, response: ServerResponse): void {
  const expect = String(request.headers.expect ?? '');
  const p = problem(
    417,
    `the only expectation this service meets is "100-continue"; got Expect: ${JSON.stringify(clip(expect))}`,
    {
      instance: clip(String(request.url ?? '').split('?')[0] ?? ''),
    },
  );
  const body = JSON.stringify(p);
  response.writeHead(417, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  response.end(body);
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.server.on('checkExpectation', answerExpectation);
    app.setErrorHandler((error, request, reply) =>
      answerSafely(reply, request, () => {
        if (error instanceof RequestRefused && error.headers) reply.headers(error.headers);
        return toProblem(error, request.body, {
          log: request.log,
          bodyLimit_bytes: app.initialConfig.bodyLimit,
          contentType: request.headers['content-type'],
        });
      }),
    );
    app.setNotFoundHandler((request, reply) =>
      answerSafely(reply, request, () =>
        problem(404, `no route ${request.method} ${pathOf(request)}; see GET /docs for the API`),
      ),
    );
  },
  { name: 'errors' },
);
