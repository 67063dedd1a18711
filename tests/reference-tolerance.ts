/** A reference case's expected figures against an answer, within the case's own tolerance. */
import { expect } from 'vitest';
import type { ReferenceCase } from './reference.js';

type Row = Record<string, unknown>;

export function expectWithin(c: ReferenceCase, body: Row, expected: Row) {
  const rel = c.tolerance.relative as number | undefined;
  const abs = c.tolerance.absolute as number | undefined;
  expect(rel !== undefined || abs !== undefined, `${c.id} has a tolerance`).toBe(true);
  for (const [field, want] of Object.entries(expected)) {
    const got = body[field] as number;
    expect(got, `${c.id}: ${field} is in the response`).toBeTypeOf('number');
    const allowed = abs ?? (rel as number) * Math.abs(want as number);
    expect(Math.abs(got - (want as number)), `${c.id}: ${field} = ${got}, want ${want} ± ${allowed}`).toBeLessThanOrEqual(
      allowed,
    );
  }
}
