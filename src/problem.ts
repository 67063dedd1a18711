/**
 * RFC 9457 problem details: the one shape of every response that is not a success.
 */
import { z } from 'zod';
import { pointerOf, valueAt } from '../models/pointer.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe('The request path'),
    request_id: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string().describe('JSON pointer into the request body'), message: z.string() }))
      .optional()
      .describe('One entry per offending field'),
    figures: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .optional()
      .describe('Numbers that explain a 422 (e.g. the perigee altitude, the limit)'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

const KINDS = {
  400: ['invalid-input', 'Invalid input'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  413: ['too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['physically-impossible', 'Physically impossible request'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal error'],
  503: ['overloaded', 'Service overloaded'],
} as const satisfies Record<number, readonly [string, string]>;

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const kind = (KINDS as Record<number, readonly [string, string]>)[status] ?? [`http-${status}`, `HTTP ${status}`];
  return { type: `urn:orbital-dc:problem:${kind[0]}`, title: kind[1], status, detail, ...extra };
}

/** A field message that names the value the caller sent, unless it already does. */
export function withReceived(message: string, received: unknown): string {
  if (received === undefined) return /required|expected/i.test(message) ? message : `${message} (the field is missing)`;
  if (/\bgot\b/.test(message)) return message;
  let shown = JSON.stringify(received);
  if (shown !== undefined && shown.length > 80) shown = `${shown.slice(0, 77)}...`;
  return `${message}; got ${shown}`;
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

/** zod issues → `errors[]` entries with pointers relative to `base`, each naming what was received. */
export function issuesToErrors(issues: readonly IssueLike[], body: unknown, base = ''): { pointer: string; message: string }[] {
  return issues.map((issue) => {
    const pointer = base + pointerOf(issue.path);
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return {
        pointer,
        message: `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling and the unit suffix`,
      };
    }
    return { pointer, message: withReceived(issue.message, valueAt(body, pointerOf(issue.path))) };
  });
}
