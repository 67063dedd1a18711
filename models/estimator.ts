/**
 * The estimator contract: one object per estimator, `{ name, summary, input, output, examples, run, cost }`.
 * Routes and OpenAPI are derived from the registry of these objects (batch, sweep and a CLI to come).
 */
import { z } from 'zod';
import { PhysicallyImpossible, TooLarge } from './errors.js';
import { Provenance } from './provenance.js';

/**
 * What answering a request will cost, estimated from its parsed input before any work (models/cost.ts):
 * a request runs inline below `execution.inline_max_cpu_s`, in the worker pool above it, and is
 * refused (413) above `execution.cost_budget_cpu_s`.
 */
export interface Cost {
  /** Estimated CPU time on one core of the reference machine, s (calibrated by bench/cost.ts). */
  cpu_s: number;
  /** The drivers in words, e.g. "40,000 satellites × 8,929 round-trip samples × 1 site". */
  basis: string;
  /** JSON pointer of the input field that drives the cost most, when one does. */
  pointer?: string;
  /** What to change to bring the cost down, in words (e.g. "raise rtt_step_s or shorten the interval"). */
  remedy?: string;
}

export interface Example {
  summary: string;
  value: unknown;
}

export interface Estimator<I extends z.ZodType = z.ZodType, O extends z.ZodObject = z.ZodObject> {
  /** Route segment and registry key: `POST /v1/<name>`. */
  name: string;
  summary: string;
  description: string;
  /** Input schema: validation, types and OpenAPI in one. */
  input: I;
  /** Result fields; `assumptions` and `warnings` are added by `withProvenance`. */
  output: O;
  examples: Record<string, Example>;
  /** Answers in about a second rather than milliseconds (it runs other estimators many times): sampled sparingly by tests and scripts. */
  heavy?: boolean;
  /** Pure: no I/O. Answers an object built for this call (runEstimator adds the provenance to it). Throws PhysicallyImpossible for well-formed requests physics refuses. */
  run(input: z.output<I>, provenance: Provenance): z.input<O>;
  /** What `run` will cost on this input, from the input alone: cheap (no propagation), finite and positive. */
  cost(input: z.output<I>): Cost;
}

/** Keeps the input/output types tied together at the definition site. */
export function defineEstimator<I extends z.ZodType, O extends z.ZodObject>(e: Estimator<I, O>): Estimator<I, O> {
  return e;
}

export const AssumptionSchema = z
  .object({
    name: z.string().describe('Input it stands for, as a path (e.g. "cell.efficiency")'),
    value: z.union([z.number(), z.string(), z.boolean()]).describe('The value used, in `unit`'),
    unit: z.string().describe('Its unit ("1" for a ratio or a fraction; the catalogue for a choice)'),
    source: z.string().describe('Key into GET /v1/sources'),
  })
  .meta({ id: 'Assumption' });

/** The output schema as served: the results plus `assumptions` and `warnings`. */
export function withProvenance<O extends z.ZodObject>(output: O) {
  return output.extend({
    assumptions: z.array(AssumptionSchema).describe('Every default or catalogue value used that the caller did not give'),
    warnings: z.array(z.string()).describe('What the caller should know about these figures'),
  });
}

/** Issues of an output check that mean "a number too large to represent", not a fault of the model. */
function isUnrepresentable(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'too_big' && issue.origin === 'int') return true;
  return (
    issue.code === 'invalid_type' &&
    issue.expected === 'number' &&
    ['NaN', 'Infinity', '-Infinity'].includes(String((issue as { received?: unknown }).received))
  );
}

/** Whether every number in `value` is finite: the fast path of the check, which builds no pointer. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) if (!allFinite(value[k])) return false;
    return true;
  }
  for (const key in value) if (!allFinite((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Whether the integer fields along `paths` are all below 2^53 (no pointer built). */
function allSafeIntegers(value: unknown, paths: string[][]): boolean {
  const safe = (v: unknown, path: string[], depth: number): boolean => {
    if (depth === path.length) return typeof v !== 'number' || Number.isSafeInteger(v) || !Number.isFinite(v);
    if (v === null || typeof v !== 'object') return true;
    const head = path[depth] as string;
    if (head !== '*') return safe((v as Record<string, unknown>)[head], path, depth + 1);
    if (!Array.isArray(v)) return true;
    for (let k = 0; k < v.length; k++) if (!safe(v[k], path, depth + 1)) return false;
    return true;
  };
  for (const path of paths) if (!safe(value, path, 0)) return false;
  return true;
}

/** Pointers of the figures in `value` that are not finite numbers (NaN, ±Infinity), at most `max`. */
export function nonFinitePointers(value: unknown, max = 20, at = '', found: string[] = []): string[] {
  if (found.length >= max) return found;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push(at);
  } else if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) nonFinitePointers(value[k], max, `${at}/${k}`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) nonFinitePointers((value as Record<string, unknown>)[key], max, `${at}/${key}`, found);
  }
  return found;
}

type JsonSchemaNode = {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  $ref?: string;
};

/** Paths (with '*' for any array element) of the integer fields of an output schema. */
function collectIntegerPaths(node: JsonSchemaNode, defs: Record<string, JsonSchemaNode>, path: string[], out: string[][]) {
  const resolved = node.$ref ? defs[node.$ref.split('/').pop() as string] : node;
  if (!resolved) return;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (types.includes('integer')) out.push(path);
  for (const [key, child] of Object.entries(resolved.properties ?? {})) collectIntegerPaths(child, defs, [...path, key], out);
  if (resolved.items) collectIntegerPaths(resolved.items, defs, [...path, '*'], out);
  for (const branch of [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])]) collectIntegerPaths(branch, defs, path, out);
}

const integerPathsOf = new WeakMap<z.ZodType, string[][]>();

/** The integer fields of an output schema, worked out once per schema. */
function integerPaths(output: z.ZodType): string[][] {
  let paths = integerPathsOf.get(output);
  if (!paths) {
    const schema = z.toJSONSchema(output, { io: 'output', unrepresentable: 'any' }) as JsonSchemaNode & {
      $defs?: Record<string, JsonSchemaNode>;
    };
    paths = [];
    collectIntegerPaths(schema, schema.$defs ?? {}, [], paths);
    integerPathsOf.set(output, paths);
  }
  return paths;
}

/** Pointers of the counts in `value` beyond 2^53 (not exactly representable), along the integer paths. */
function unsafeIntegerPointers(value: unknown, paths: string[][]): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string[], at: string) => {
    if (path.length === 0) {
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isSafeInteger(v)) found.push(at);
      return;
    }
    const [head, ...rest] = path as [string, ...string[]];
    if (head === '*' && Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) visit(v[k], rest, `${at}/${k}`);
    } else if (v !== null && typeof v === 'object') visit((v as Record<string, unknown>)[head], rest, `${at}/${head}`);
  };
  for (const path of paths) visit(value, path, '');
  return found;
}

function unrepresentable(pointers: string[]): PhysicallyImpossible {
  return new PhysicallyImpossible(
    `the inputs drive ${pointers.join(', ')} beyond any representable number: no physical system corresponds to them`,
    undefined,
    { fields: pointers.join(', ') },
  );
}

/**
 * How `runEstimator` checks an answer. `schema`: against the whole output schema (tests, scripts).
 * `finite`: only that every figure is a finite number and every count (an integer field) is below
 * 2^53, in a microsecond or two, where the answer then
 * goes through the compiled serializer, which writes the fields the schema declares (the HTTP
 * routes); the tests check every estimator's answers against the whole schema.
 */
export type OutputCheck = 'schema' | 'finite';

/**
 * Run an estimator on parsed input and attach provenance. Throws the zod error or
 * PhysicallyImpossible as they come. Inputs so large that the arithmetic overflows (a non-finite
 * figure, a count beyond 2^53) are refused as a 422 naming those figures; with
 * `schema`, any other mismatch is a fault of the model and thrown as such.
 */
export function runEstimator<I extends z.ZodType, O extends z.ZodObject>(
  e: Estimator<I, O>,
  parsedInput: z.output<I>,
  check: OutputCheck = 'schema',
) {
  const provenance = new Provenance();
  const result = e.run(parsedInput, provenance);
  if (check === 'finite') {
    const paths = integerPaths(e.output);
    if (!allFinite(result) || !allSafeIntegers(result, paths))
      throw unrepresentable([...nonFinitePointers(result), ...unsafeIntegerPointers(result, paths)]);
  } else {
    const checked = e.output.safeParse(result);
    if (!checked.success) {
      const pointers = checked.error.issues.map((i) => `/${i.path.join('/')}`);
      if (checked.error.issues.every(isUnrepresentable)) throw unrepresentable(pointers);
      throw new Error(`${e.name}: result does not match its output schema at ${pointers.join(', ')}`);
    }
  }
  // Every `run` answers an object built for this call, so the provenance is added to it rather than
  // copied with it: a spread of a 40-field answer costs about 4 µs, most of a closed-form estimator's run.
  return Object.assign(result, { assumptions: provenance.assumptions, warnings: provenance.warnings });
}

/** Seconds to three significant digits, for a figure of a refusal. */
export const refusalSeconds = (x: number) => Number(x.toPrecision(3));

/**
 * The cost of a request against a budget, before any work: the cost when it is within the budget,
 * else TooLarge (413) stating the estimate, its basis and the budget, and what to change, with
 * `{ estimated_cpu_s, budget_cpu_s }` in its figures and the pointer of the driving field.
 */
export function checkCost<I extends z.ZodType, O extends z.ZodObject>(
  e: Estimator<I, O>,
  input: z.output<I>,
  budget_cpu_s: number,
): Cost {
  const cost = e.cost(input);
  if (cost.cpu_s <= budget_cpu_s) return cost;
  const estimated = Number.isFinite(cost.cpu_s) ? refusalSeconds(cost.cpu_s) : Number.MAX_VALUE;
  throw new TooLarge(
    `${e.name}: this request would take about ${estimated} s of CPU (${cost.basis}), more than the budget of ${budget_cpu_s} s per request: ${cost.remedy ?? 'make the request smaller or split it'}`,
    { estimated_cpu_s: estimated, budget_cpu_s },
    cost.pointer,
  );
}
