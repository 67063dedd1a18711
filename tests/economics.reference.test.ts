/**
 * The economics* cases of ../shared/reference/cases.json, through the API, with the API's own
 * field names.
 */
import { describe, expect, it } from 'vitest';
import { post, useApp } from './helpers.js';
import { casesWithPrefix, HAVE_REFERENCE, NEEDS_REFERENCE, referenceCase } from './reference.js';
import { expectWithin } from './reference-tolerance.js';

type Row = Record<string, unknown>;

describe.skipIf(!HAVE_REFERENCE)(`economics reference cases${NEEDS_REFERENCE}`, () => {
  const app = useApp();

  it('finds every economics* case', () => {
    const ids = casesWithPrefix('economics').map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['economics-starcloud-40MW', 'economics-mccalip-default']));
  });

  it('economics-starcloud-40MW, with its own field names', async () => {
    const c = referenceCase('economics-starcloud-40MW');
    const res = await post(app(), '/v1/economics', c.inputs);
    expect(res.status).toBe(200);
    expectWithin(c, res.body, c.expected as Row);
  });

  it('economics-mccalip-default, in that calculator’s convention, with our denominator beside it', async () => {
    const c = referenceCase('economics-mccalip-default');
    const res = await post(app(), '/v1/economics', { ...(c.inputs as Row), convention: 'mccalip' });
    expect(res.status).toBe(200);
    expectWithin(c, res.body, c.expected as Row);
    // Its mixed denominators: orbital at 100 %, terrestrial at the capacity factor.
    const cf = (c.inputs as { terrestrial: { capacity_factor: number } }).terrestrial.capacity_factor;
    expect(res.body.mccalip.denominator_effect).toBeCloseTo(cf, 12);
    expect(res.body.mccalip.consistent_usd_per_kwh_ratio).toBeCloseTo(res.body.cost_ratio, 12);
    expect(res.body.mccalip.omitted_replacement_launch_usd).toBeGreaterThan(0);
  });
});
