/**
 * RFC 9457 problem details: the one shape of every response that is not a success.
 */
import { z } from 'zod';
import { pointerOf, valueAt } from '../models/pointer.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem'),
    title: z.string().describe('Short, human-readable summary of the kind of problem'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong in this request, with the value received and what was expected'),
    instance: z.string().optional().describe('The request path'),
    request_id: z.string().optional().describe('The request id, as in the x-request-id header: quote it when reporting a fault'),
    errors: z
      .array(
        z.object({
          pointer: z.string().describe('JSON pointer into the request body'),
          message: z.string().describe('What is wrong with that field: the value received and what was expected'),
        }),
      )
      .optional()
      .describe('One entry per offending field'),
    figures: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .optional()
      .describe('Numbers that explain a 422 (e.g. the perigee altitude, the limit)'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details: what went wrong, the fields at fault and the figures that explain it',
  });
export type Problem = z.infer<typeof ProblemSchema>;

const KINDS = {
  400: ['invalid-input', 'Invalid input'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  413: ['too-large', 'Request too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  417: ['expectation-failed', 'Expectation failed'],
  422: ['physically-impossible', 'Physically impossible request'],
  429: ['too-many-requests', 'Too many requests'],
  431: ['headers-too-large', 'Request headers too large'],
  500: ['internal', 'Internal error'],
  503: ['overloaded', 'Service overloaded'],
} as const satisfies Record<number, readonly [string, string]>;

/** Longest echo of a caller's value (a string, a URL, a value shown in a message); longer is cut with "…". */
export const ECHO_MAX_CHARS = 80;
/** Longest unknown key named in a message. */
const KEY_ECHO_CHARS = 32;
/** Most unknown keys named in one message; the rest are counted. */
const MAX_KEYS_NAMED = 10;
/** Most `errors[]` entries in one problem; `detail` says how many were left out. */
export const MAX_ERRORS = 20;
/** Longest `errors[]` message and `detail`: a safety net under the echo limits, whatever a message quotes. */
const MESSAGE_MAX_CHARS = 500;
const DETAIL_MAX_CHARS = 1000;
/** Most characters of `errors[]` in all: entries past it are left out (and counted) like those past MAX_ERRORS. */
const ERRORS_MAX_CHARS = 4000;

export type FieldError = { pointer: string; message: string };

/** `text` cut to at most `max` characters, the cut marked with "…" (never splitting a surrogate pair). */
export function clip(text: string, max = ECHO_MAX_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const kind = (KINDS as Record<number, readonly [string, string]>)[status] ?? [`http-${status}`, `HTTP ${status}`];
  const errors = extra.errors?.map((e) => ({ pointer: clip(e.pointer), message: clip(e.message, MESSAGE_MAX_CHARS) }));
  return {
    type: `urn:orbital-dc:problem:${kind[0]}`,
    title: kind[1],
    status,
    detail: clip(detail, DETAIL_MAX_CHARS),
    ...extra,
    ...(errors && { errors }),
  };
}

/**
 * A request refused before its body reaches a schema (a compressed or non-UTF-8 body, nesting past
 * the limit, a prototype-poisoning key): answered with `statusCode`, this detail, and the headers given.
 */
export class RequestRefused extends Error {
  readonly statusCode: number;
  /** JSON pointer of what is refused ("" for the whole body), listed in `errors[]` when given. */
  readonly pointer: string | undefined;
  readonly figures: Record<string, number | string> | undefined;
  /** Response headers that say what would be accepted (e.g. Accept-Encoding on a 415). */
  readonly headers: Record<string, string> | undefined;

  constructor(
    statusCode: number,
    detail: string,
    more: { pointer?: string; figures?: Record<string, number | string>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'RequestRefused';
    this.statusCode = statusCode;
    this.pointer = more.pointer;
    this.figures = more.figures;
    this.headers = more.headers;
  }
}

/** A refusal whose problem is already written (several pointers, a rebased detail): answered as it is. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(p: Problem) {
    super(p.detail);
    this.name = 'ProblemError';
    this.problem = p;
  }
}

/** The problem for a RequestRefused. */
export function refusal(error: RequestRefused, base = ''): Problem {
  return problem(error.statusCode, error.message, {
    ...(error.pointer !== undefined && { errors: [{ pointer: base + error.pointer, message: error.message }] }),
    ...(error.figures && { figures: error.figures }),
  });
}

/** A field message that names the value the caller sent, unless it already does. */
export function withReceived(message: string, received: unknown): string {
  if (received === undefined) return /required|expected/i.test(message) ? message : `${message} (the field is missing)`;
  if (/\bgot\b/.test(message)) return message;
  // A string is cut before it is quoted, so that the quotes survive the cut.
  const shown =
    typeof received === 'string'
      ? JSON.stringify(clip(received, ECHO_MAX_CHARS - 2))
      : clip(JSON.stringify(received) ?? String(received));
  return `${message}; got ${shown}`;
}

/** The message for keys a schema does not know: the first few, each cut short, and how many more. */
export function unknownKeysMessage(keys: readonly string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map((k) => JSON.stringify(clip(k, KEY_ECHO_CHARS)));
  const more = keys.length > MAX_KEYS_NAMED ? ` and ${keys.length - MAX_KEYS_NAMED} more` : '';
  return `unknown field(s) ${named.join(', ')}${more}: check the spelling and the unit suffix`;
}

/**
 * The 400 for a body that fails its schema: at most MAX_ERRORS entries (and ERRORS_MAX_CHARS), the
 * rest counted in `detail`. `total` is how many there were when only the first were turned into entries.
 */
export function invalidInput(first: readonly FieldError[], total = first.length): Problem {
  const shown = problem(400, '', { errors: first.slice(0, MAX_ERRORS) }).errors ?? [];
  let chars = 0;
  const kept = shown.filter((e) => {
    chars += e.pointer.length + e.message.length;
    return chars <= ERRORS_MAX_CHARS || e === shown[0];
  });
  return problem(400, summarise(total, kept), { errors: kept });
}

function summarise(total: number, kept: readonly FieldError[]): string {
  const first = kept[0];
  if (!first) return 'the request does not match the schema';
  const where = first.pointer || 'the body';
  if (total === 1) return `${where}: ${first.message}`;
  const leftOut = total > kept.length ? ` (${total - kept.length} not listed in errors)` : '';
  return `${total} fields are invalid${leftOut}; first ${where}: ${first.message}`;
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

/** zod issues → `errors[]` entries with pointers relative to `base`, each naming what was received. */
export function issuesToErrors(issues: readonly IssueLike[], body: unknown, base = ''): FieldError[] {
  return issues.map((issue) => {
    const pointer = base + pointerOf(issue.path);
    if (issue.code === 'unrecognized_keys' && issue.keys) return { pointer, message: unknownKeysMessage(issue.keys) };
    return { pointer, message: withReceived(issue.message, valueAt(body, pointerOf(issue.path))) };
  });
}
