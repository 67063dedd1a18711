/**
 * The published reference cases live beside the project, in ../shared/reference/ (never copied
 * in). Where that folder is absent (a user's fresh clone) the tests that need it are skipped and
 * say which path was missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REFERENCE_DIR = fileURLToPath(new URL('../../shared/reference/', import.meta.url));
export const HAVE_REFERENCE = existsSync(`${REFERENCE_DIR}cases.json`);
/** Appended to the names of tests that need the reference folder, so a skip says why. */
export const NEEDS_REFERENCE = HAVE_REFERENCE ? '' : ` (skipped: ${REFERENCE_DIR}cases.json is missing)`;

export interface ReferenceCase {
  id: string;
  estimator: string;
  inputs: unknown;
  expected: unknown;
  tolerance: Record<string, unknown>;
  source: string;
  note?: string;
}

interface CasesFile {
  constants: Record<string, number>;
  cases: ReferenceCase[];
}

let cached: CasesFile | undefined;
export function referenceCases(): CasesFile {
  if (!HAVE_REFERENCE) return { constants: {}, cases: [] };
  cached ??= JSON.parse(readFileSync(`${REFERENCE_DIR}cases.json`, 'utf8')) as CasesFile;
  return cached;
}

export function referenceCase(id: string): ReferenceCase {
  const c = referenceCases().cases.find((x) => x.id === id);
  if (!c) throw new Error(`reference case ${id} is not in ${REFERENCE_DIR}cases.json`);
  return c;
}

/** Cases whose id starts with `prefix`, e.g. "orbit". */
export function casesWithPrefix(prefix: string): ReferenceCase[] {
  return referenceCases().cases.filter((c) => c.id.startsWith(prefix));
}

export function readReference(name: string): string {
  return readFileSync(`${REFERENCE_DIR}${name}`, 'utf8');
}

/** A case's inputs and expected figures as numbers by name, and one tolerance by its name. */
export function numericCase(id: string, tolerance: string) {
  const c = referenceCase(id);
  return {
    input: c.inputs as Record<string, number>,
    want: c.expected as Record<string, number>,
    tol: c.tolerance[tolerance] as number,
  };
}
