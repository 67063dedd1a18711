/**
 * JSON pointers (RFC 6901) into request bodies and scenarios: read, write and remove a value, and
 * the pointer of a validation issue's path. Pure functions; writes return copies.
 */
import { z } from 'zod';

type Json = Record<string, unknown>;

/** A JSON pointer to a field of a request or an answer, as scripts name them ("/orbit/altitude_km"). */
export const PointerSchema = z
  .string()
  .regex(/^(\/[^/]*)+$/, 'expected a JSON pointer such as "/launch_usd_per_kg" or "/orbit/altitude_km"')
  .max(200);

/** The reference tokens of a pointer, unescaped (~1 is "/", ~0 is "~"). */
export function pointerTokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** JSON pointer of a path (a zod issue's, say). */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((k) => `/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const key of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** A copy of the document with the value set at a JSON pointer (objects created on the way; an array element by its index). */
export function withValueAt(doc: Json, pointer: string, value: unknown): Json {
  return setIn(doc, pointerTokens(pointer), value) as Json;
}

/** `node` copied with `value` at the path `keys`: arrays stay arrays when the key is an index, missing levels become objects. */
function setIn(node: unknown, keys: string[], value: unknown): unknown {
  const [head, ...rest] = keys;
  if (head === undefined) return value;
  if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(head)) {
    const copy = node.slice();
    copy[Number(head)] = setIn(node[Number(head)], rest, value);
    return copy;
  }
  const obj = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Json) : {};
  return { ...obj, [head]: setIn(obj[head], rest, value) };
}

/** A copy of the document without the value at a JSON pointer. */
export function withoutValueAt(doc: Json, pointer: string): Json {
  const [head, ...rest] = pointerTokens(pointer);
  if (head === undefined || !(head in doc)) return doc;
  if (rest.length === 0) {
    const { [head]: _, ...others } = doc;
    return others;
  }
  const next = doc[head];
  if (next === null || typeof next !== 'object' || Array.isArray(next)) return doc;
  return { ...doc, [head]: withoutValueAt(next as Json, pointerOf(rest)) };
}
