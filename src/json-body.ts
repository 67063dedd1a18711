/**
 * The JSON body parser: an uncompressed UTF-8 JSON text (RFC 8259 §8.1), nested at most
 * JSON_MAX_DEPTH levels, with no key that could poison a prototype. Each refusal is a
 * RequestRefused that the error handler answers as a problem; the body limit is Fastify's own.
 */
import type { FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { clip, RequestRefused } from './problem.js';

/**
 * Deepest nesting of arrays and objects accepted. The deepest request this API reads is 3 levels
 * (`{"satellites": {"tles": [{...}]}}`), so 32 leaves ample room while every recursive walk of the
 * body (the schema, its error paths, JSON pointers) stays far from the stack limit: about 8,000
 * levels overflowed it.
 */
export const JSON_MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Whether `text` nests arrays and objects deeper than `limit`: one pass, stopping at the first level past it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return false;
}

/** A compressed body (any Content-Encoding but identity) is refused before it is read as text. */
function checkEncoding(request: FastifyRequest): void {
  const given = request.headers['content-encoding'];
  const encoding = (Array.isArray(given) ? given.join(', ') : (given ?? '')).trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return;
  throw new RequestRefused(
    415,
    `compressed bodies are not accepted: send the JSON uncompressed (no Content-Encoding, or identity); got Content-Encoding ${JSON.stringify(clip(encoding))}`,
    { headers: { 'accept-encoding': 'identity' } },
  );
}

/** The charset parameter of a Content-Type, lower case, or undefined when there is none. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name, value] = parameter.split('=', 2);
    if (name?.trim().toLowerCase() === 'charset') return (value ?? '').trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return undefined;
}

/**
 * Whether a charset label names UTF-8 under the WHATWG Encoding Standard, which browsers and most
 * clients follow: "utf-8" and its aliases ("utf8", "unicode-1-1-utf-8", …), as TextDecoder reads them.
 */
function namesUtf8(label: string): boolean {
  try {
    return new TextDecoder(label).encoding === 'utf-8';
  } catch {
    return false;
  }
}

/** JSON is UTF-8: any other declared charset is refused rather than misread. */
function checkCharset(request: FastifyRequest): void {
  const charset = charsetOf(request.headers['content-type'] ?? '');
  if (charset === undefined || charset === 'utf-8' || namesUtf8(charset)) return;
  throw new RequestRefused(415, `expected a JSON body in UTF-8, got charset ${JSON.stringify(clip(charset))}`);
}

/** The parsed body, refusing prototype-poisoning keys with their own message. */
function parseSecurely(text: string): unknown {
  try {
    return secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/forbidden prototype property/.test(message))
      throw new RequestRefused(
        400,
        'keys named "__proto__", and "constructor" keys holding a "prototype" key, are refused (prototype poisoning protection)',
        { pointer: '' },
      );
    throw new RequestRefused(400, `the body is not valid JSON: ${clip(message)}`, { pointer: '' });
  }
}

/** Fastify content-type parser for application/json, registered with `parseAs: 'string'`. */
export function parseJsonBody(request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) {
  try {
    checkEncoding(request);
    checkCharset(request);
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) throw new RequestRefused(400, 'expected a JSON body, got an empty one', { pointer: '' });
    if (nestsDeeperThan(text, JSON_MAX_DEPTH))
      throw new RequestRefused(400, `the JSON body nests arrays and objects deeper than ${JSON_MAX_DEPTH} levels`, {
        pointer: '',
        figures: { limit_levels: JSON_MAX_DEPTH },
      });
    done(null, parseSecurely(text));
  } catch (error) {
    done(error as Error);
  }
}
