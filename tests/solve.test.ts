/**
 * POST /v1/solve: the root fed back gives the target; it is the economics break-even; a range without
 * a root is a 422 with the range searched; bad pointers are 400 and costly solves 413, before any work.
 */
import { describe, expect, it, vi } from 'vitest';
import { runEstimator } from '../models/estimator.js';
import { ESTIMATOR_BY_NAME } from '../models/registry.js';
import { searchRange } from '../models/solve.js';
import { expectProblem, expectRefusal, post, useApp, usePooledApp } from './helpers.js';

const app = useApp();
const pooled = usePooledApp();

const economics = ESTIMATOR_BY_NAME.get('economics');
if (!economics) throw new Error('registry without economics');

/** A 1-GW scenario priced per kg whose break-even launch price exists. */
const CLOSING = { load_kw: '1 GW', mission_years: 5, satellite_usd_per_w: 0.3, grid_usd_per_kwh: 0.3, launch_usd_per_kg: 1000 };

describe('POST /v1/solve', () => {
  it('finds the radiator temperature at which 1 MW needs 500 m², and the value fed back gives the target', async () => {
    const body = {
      estimator: 'thermal',
      base: { heat_kw: 1000 },
      field: '/radiator_temp_k',
      target: { output: '/area_m2', value: 500 },
    };
    const res = await post(app(), '/v1/solve', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      field: '/radiator_temp_k',
      field_unit: 'K',
      output: '/area_m2',
      output_unit: 'm²',
      target: 500,
    });
    expect(res.body.output_value).toBeCloseTo(500, 6);
    const fed = await post(app(), '/v1/thermal', { heat_kw: 1000, radiator_temp_k: res.body.value });
    expect(fed.body.area_m2).toBeCloseTo(500, 6);
    const [a, b] = res.body.bracket;
    expect(res.body.value).toBeGreaterThanOrEqual(a);
    expect(res.body.value).toBeLessThanOrEqual(b);
    expect(res.body.iterations).toBeGreaterThan(res.body.searched.samples);
  });

  it('agrees with the economics break-even launch price (the same root of the same model)', async () => {
    const answer = runEstimator(economics, economics.input.parse(CLOSING), 'finite') as Record<string, any>;
    const breakeven = answer.breakeven_launch_usd_per_kg as number;
    expect(breakeven).toBeGreaterThan(0);
    const res = await post(app(), '/v1/solve', {
      estimator: 'economics',
      base: CLOSING,
      field: '/launch_usd_per_kg',
      target: { output: '/cost_ratio', value: 1 },
    });
    expect(res.body.value / breakeven).toBeCloseTo(1, 9);
    expect(res.body.output_value).toBeCloseTo(1, 9);
    expect(res.body.current).toBe(1000);
  });

  it('searches only the bracket given', async () => {
    const body = {
      estimator: 'thermal',
      base: { heat_kw: 1000 },
      field: '/radiator_temp_k',
      target: { output: '/area_m2', value: 500 },
    };
    const res = await post(app(), '/v1/solve', { ...body, bracket: [300, 450] });
    expect(res.body.searched).toMatchObject({ min: 300, max: 450, scale: 'linear' });
    expectRefusal(
      await post(app(), '/v1/solve', { ...body, bracket: [400, 450] }),
      422,
      '/field',
      /no value of \/radiator_temp_k from 400 to 450/,
    );
  });

  it('answers 422 with the range searched and the outputs met when no value meets the target', async () => {
    const res = await post(app(), '/v1/solve', {
      estimator: 'economics',
      base: { load_kw: '1 GW', mission_years: 5 },
      field: '/launch_usd_per_kg',
      target: { output: '/cost_ratio', value: 1 },
    });
    expectProblem(res, 422);
    expect(res.body.figures).toMatchObject({ target: 1, searched_max: expect.any(Number) });
    expect(res.body.figures.output_min).toBeGreaterThan(1);
  });

  it('answers 400 before any work for a field or output the estimator does not have, and a bad base', async () => {
    const spy = vi.spyOn(economics, 'run');
    const base = {
      estimator: 'economics',
      base: CLOSING,
      field: '/launch_usd_per_kg',
      target: { output: '/cost_ratio', value: 1 },
    };
    expectRefusal(await post(app(), '/v1/solve', { ...base, field: '/no_such_field' }), 400, '/field');
    expectRefusal(await post(app(), '/v1/solve', { ...base, target: { output: '/nothing', value: 1 } }), 400, '/target/output');
    expectRefusal(await post(app(), '/v1/solve', { ...base, base: { ...CLOSING, load_kw: -1 } }), 400, '/base/load_kw');
    expectRefusal(await post(app(), '/v1/solve', { ...base, bracket: [5, 5] }), 400, '/bracket');
    expectRefusal(await post(app(), '/v1/solve', { ...base, field: '/vehicle' }), 400, '/field', /is not a number/);
    expectRefusal(
      await post(app(), '/v1/solve', { ...base, target: { output: '/warnings', value: 1 } }),
      400,
      '/target/output',
      /is not a number/,
    );
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('answers 413 with the budget when its runs together cost more than it', async () => {
    const res = await post(app(), '/v1/solve', {
      estimator: 'feasibility',
      field: '/launch_usd_per_kg',
      target: { output: '/economics/cost_ratio', value: 1 },
    });
    expectProblem(res, 413);
    expect(res.body.figures).toMatchObject({ budget_cpu_s: 10, evaluations: expect.any(Number) });
  });

  it('gives the same root in the worker pool', async () => {
    const body = {
      estimator: 'economics',
      base: CLOSING,
      field: '/launch_usd_per_kg',
      target: { output: '/cost_ratio', value: 1 },
    };
    const [inline, inPool] = await Promise.all([post(app(), '/v1/solve', body), post(pooled(), '/v1/solve', body)]);
    expect(inPool.body).toEqual(inline.body);
  });
});

describe('the range a solve searches', () => {
  const problem = (estimator: string, field: string, base: Record<string, unknown>) => ({
    estimator: ESTIMATOR_BY_NAME.get(estimator) as NonNullable<ReturnType<typeof ESTIMATOR_BY_NAME.get>>,
    base,
    field,
    target: { output: '/cost_ratio', value: 1 },
  });

  it('a lower bound of 0, inclusive or exclusive, is searched from six decades below the value', () => {
    // load_kw is > 0 and < 1e9; launch_usd_per_kg is ≥ 0 with no upper bound.
    const exclusive = searchRange(problem('power', '/load_kw', { load_kw: 1000 }), 1000);
    expect(exclusive.min).toBeCloseTo(1e-3, 12);
    expect(exclusive.max).toBeLessThan(1e9);
    expect(exclusive.max).toBeGreaterThan(0.999e9);
    const inclusive = searchRange(problem('economics', '/launch_usd_per_kg', { launch_usd_per_kg: 200 }), 200);
    expect(inclusive.min).toBeCloseTo(2e-4, 12);
    expect(inclusive.max).toBeCloseTo(2e11, 0);
  });
});
