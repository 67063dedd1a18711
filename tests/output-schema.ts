/** What an output schema leaves undocumented: fields without a description, objects without a value type. */
import { z } from 'zod';

type Node = {
  description?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
};

function walk(node: Node, path: string, out: { undescribed: string[]; untyped: string[] }) {
  for (const branch of node.anyOf ?? []) walk(branch, path, out);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const described = child.description ?? child.anyOf?.find((b) => b.description)?.description;
    if (!described) out.undescribed.push(`${path}/${key}`);
    walk(child, `${path}/${key}`, out);
  }
  if (node.items) walk(node.items, `${path}/*`, out);
  const values = node.additionalProperties;
  if (typeof values === 'object') {
    if (Object.keys(values).length === 0) out.untyped.push(path);
    walk(values, `${path}/*`, out);
  }
  return out;
}

/** JSON pointers (with * for any element or key) of the undescribed fields and the untyped objects of an output schema. */
export function undocumented(schema: z.ZodType): { undescribed: string[]; untyped: string[] } {
  return walk(z.toJSONSchema(schema, { io: 'output' }) as Node, '', { undescribed: [], untyped: [] });
}
