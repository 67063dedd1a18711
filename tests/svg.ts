/**
 * SVG documents in tests: parsed with fast-xml-parser into a tree of elements (tag, attributes,
 * children, own text), checked to be well-formed, and searched by class.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** fast-xml-parser's ordered output as a tree of elements, each with its attributes and its own text. */
function elements(list: unknown[]): El[] {
  return (list as Record<string, unknown>[]).flatMap((item) => {
    const tag = Object.keys(item).find((k) => k !== ':@' && k !== '#text');
    if (tag === undefined) return [];
    const kids = item[tag] as Record<string, unknown>[];
    const text = kids.map((k) => (k['#text'] === undefined ? '' : String(k['#text']))).join('');
    return [{ tag, attrs: (item[':@'] ?? {}) as Record<string, string>, children: elements(kids), text }];
  });
}

/** The SVG, checked to be well-formed XML, as its root element. */
export function parse(svg: string): El {
  expect(XMLValidator.validate(svg)).toBe(true);
  const [root] = elements(parser.parse(svg) as unknown[]);
  expect(root?.tag).toBe('svg');
  return root as El;
}

/** Every element under `root` (itself included) that matches. */
export function all(root: El, match: (e: El) => boolean): El[] {
  return [...(match(root) ? [root] : []), ...root.children.flatMap((c) => all(c, match))];
}

export const hasClass = (cls: string) => (e: El) => (e.attrs.class ?? '').split(' ').includes(cls);
export const byClass = (root: El, cls: string) => all(root, hasClass(cls));

/** The one element of a class (the test fails when there are none or several). */
export function one(root: El, cls: string): El {
  const found = byClass(root, cls);
  expect(found, `one element of class ${cls}`).toHaveLength(1);
  return found[0] as El;
}
