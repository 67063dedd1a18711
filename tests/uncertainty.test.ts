/**
 * POST /v1/uncertainty: quantiles of a monotone model against the model at its input's quantiles,
 * tornado ends against the model at p10 and p90, bit-for-bit reproduction from a seed whatever the
 * pool, probabilities, failed samples, and the refusals (400 before any work, 413 over the budget).
 */
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quantileOf } from '../models/distributions.js';
import { runEstimator } from '../models/estimator.js';
import { valueAt } from '../models/pointer.js';
import { ESTIMATOR_BY_NAME } from '../models/registry.js';
import { buildApp } from '../src/app.js';
import { README_PATH as DOC_README_PATH } from '../src/cli/readme-block.js';
import {
  costRatioSpec,
  costRatioUncertainty,
  SPEC_PATH as DOC_SPEC_PATH,
  SVG_PATH as DOC_SVG_PATH,
  uncertaintyBlock,
  withUncertainty,
} from '../src/cli/uncertainty-docs.js';
import { expectProblem, expectRefusal, post, tableCells, useApp } from './helpers.js';

const app = useApp();
const economics = ESTIMATOR_BY_NAME.get('economics');
const thermal = ESTIMATOR_BY_NAME.get('thermal');
if (!economics || !thermal) throw new Error('registry without economics or thermal');

/** An output of an estimator on an input, as its route would answer it. */
const outputOf = (name: 'economics' | 'thermal', input: unknown, pointer: string) => {
  const e = name === 'economics' ? economics : thermal;
  return valueAt(runEstimator(e, e.input.parse(input), 'finite'), pointer) as number;
};

const ECONOMICS = {
  estimator: 'economics',
  base: { load_kw: '1 GW', mission_years: 5 },
  distributions: [
    { field: '/launch_usd_per_kg', lognormal: { median: 500, sigma: 1 } },
    { field: '/satellite_usd_per_w', triangular: { min: 2, mode: 10, max: 30 } },
  ],
  outputs: ['/cost_ratio', '/orbital_usd_per_kwh'],
  samples: 300,
  seed: 11,
  thresholds: [{ output: '/cost_ratio', below: 12 }],
};

describe('one monotone input', () => {
  const radiator = (method: string) => ({
    estimator: 'thermal',
    base: { heat_kw: 1000 },
    distributions: [{ field: '/radiator_temp_k', triangular: { min: 280, mode: 320, max: 380 } }],
    outputs: ['/area_m2'],
    samples: 4000,
    seed: 5,
    method,
  });

  it('gives the output quantiles of the model at the input quantiles (decreasing: p10 of the area at p90 of the temperature)', async () => {
    const res = await post(app(), '/v1/uncertainty', radiator('latin_hypercube'));
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const area = res.body.outputs[0];
    const d = { triangular: { min: 280, mode: 320, max: 380 } };
    const at = (q: number) => outputOf('thermal', { heat_kw: 1000, radiator_temp_k: quantileOf(d, q) }, '/area_m2');
    // The Latin hypercube puts one sample in each of 4,000 strata: its quantiles sit within a stratum of the true ones.
    expect(area.p10 / at(0.9)).toBeCloseTo(1, 3);
    expect(area.p50 / at(0.5)).toBeCloseTo(1, 3);
    expect(area.p90 / at(0.1)).toBeCloseTo(1, 3);
    expect(area.p5 / at(0.95)).toBeCloseTo(1, 3);
    expect(res.body.sensitivity[0].rank_correlation).toBe(-1);
    expect(res.body.succeeded).toBe(4000);
  });

  it('gives exactly the model at the sample quantiles of a linear input (heat in, area out)', async () => {
    const body = {
      estimator: 'thermal',
      base: { radiator_temp_k: 330 },
      distributions: [{ field: '/heat_kw', uniform: { min: 100, max: 5000 } }],
      outputs: ['/area_m2', '/heat_kw'],
      samples: 501,
      seed: 2,
    };
    const res = await post(app(), '/v1/uncertainty', body);
    const [area, heat] = res.body.outputs;
    // Order statistics of a linear map are the map of the order statistics: q(area) = area(q(heat)).
    for (const q of ['p5', 'p10', 'p50', 'p90', 'p95', 'min', 'max'])
      expect(area[q]).toBeCloseTo(outputOf('thermal', { radiator_temp_k: 330, heat_kw: heat[q] }, '/area_m2'), 6);
  });
});

describe('economics under launch-price and hardware spreads', () => {
  let body: any;
  beforeAll(async () => {
    body = (await post(app(), '/v1/uncertainty', ECONOMICS)).body;
  });

  it('summarises each output with ordered quantiles and a histogram of every sample', () => {
    for (const o of body.outputs) {
      expect(o.samples).toBe(300);
      expect(o.min).toBeLessThanOrEqual(o.p5);
      for (const [a, b] of [
        ['p5', 'p10'],
        ['p10', 'p50'],
        ['p50', 'p90'],
        ['p90', 'p95'],
        ['p95', 'max'],
      ] as const)
        expect(o[a]).toBeLessThanOrEqual(o[b]);
      expect(o.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(300);
    }
    expect(body.outputs[0].unit).toBe('1');
    expect(body.outputs[1].unit).toBe('USD/kWh');
  });

  it('gives tornado ends equal to the model at each input’s p10 and p90, the other at its median', () => {
    const medians = {
      '/launch_usd_per_kg': 500,
      '/satellite_usd_per_w': quantileOf({ triangular: { min: 2, mode: 10, max: 30 } }, 0.5),
    };
    for (const s of body.sensitivity) {
      const other = s.field === '/launch_usd_per_kg' ? '/satellite_usd_per_w' : '/launch_usd_per_kg';
      const input = (x: number) => ({ ...ECONOMICS.base, [s.field.slice(1)]: x, [other.slice(1)]: medians[other] });
      expect(s.low).toBe(outputOf('economics', input(s.input_low), s.output));
      expect(s.high).toBe(outputOf('economics', input(s.input_high), s.output));
      expect(s.swing).toBe(Math.abs(s.high - s.low));
    }
    expect(body.at_medians.outputs['/cost_ratio']).toBe(
      outputOf(
        'economics',
        { ...ECONOMICS.base, launch_usd_per_kg: 500, satellite_usd_per_w: medians['/satellite_usd_per_w'] },
        '/cost_ratio',
      ),
    );
  });

  it('ranks the inputs by swing and correlates launch price with the cost ratio', () => {
    const ratio = body.sensitivity.filter((s: any) => s.output === '/cost_ratio');
    expect(ratio[0].swing).toBeGreaterThanOrEqual(ratio[1].swing);
    const launch = ratio.find((s: any) => s.field === '/launch_usd_per_kg');
    expect(launch.rank_correlation).toBeGreaterThan(0.5);
  });

  it('gives the probability of a threshold as the share of samples past it', () => {
    const [p] = body.probabilities;
    expect(p).toMatchObject({ output: '/cost_ratio', below: 12, samples: 300 });
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(Number.isInteger(p.probability * 300)).toBe(true);
  });

  it('reproduces bit for bit from the same seed, and differs with another', async () => {
    const again = await post(app(), '/v1/uncertainty', ECONOMICS);
    expect(again.body).toEqual(body);
    const other = await post(app(), '/v1/uncertainty', { ...ECONOMICS, seed: 12 });
    expect(other.body.outputs[0].mean).not.toBe(body.outputs[0].mean);
  });
});

describe('the answer does not depend on where the samples run', () => {
  const pooled = (threads: number) =>
    buildApp({ pool: true, config: { POOL_THREADS: threads }, execution: { inline_max_cpu_s: 0 } });
  let apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it('gives the same answer inline and in pools of one and two threads', async () => {
    apps = await Promise.all([pooled(1), pooled(2)]);
    const body = { ...ECONOMICS, samples: 600, method: 'latin_hypercube' };
    const inline = await post(app(), '/v1/uncertainty', body);
    for (const a of apps) expect((await post(a, '/v1/uncertainty', body)).body).toEqual(inline.body);
  });
});

describe('failed samples', () => {
  it('are counted and the first quoted with their values and problems; the others answer', async () => {
    const res = await post(app(), '/v1/uncertainty', {
      estimator: 'thermal',
      base: { heat_kw: 1000 },
      distributions: [{ field: '/radiator_temp_k', normal: { mean: 240, sd: 60 } }],
      outputs: ['/area_m2'],
      samples: 200,
      seed: 1,
    });
    expect(res.status).toBe(200);
    const failed = res.body.failed_samples;
    expect(failed.count).toBeGreaterThan(0);
    expect(failed.count).toBeLessThan(200);
    expect(res.body.succeeded + failed.count).toBe(200);
    expect(failed.first.length).toBe(Math.min(5, failed.count));
    expect(failed.first[0].problem.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(failed.first[0].inputs)).toEqual(['/radiator_temp_k']);
    expect(res.body.outputs[0].samples).toBe(res.body.succeeded);
  });
});

describe('refusals', () => {
  const bad = (patch: object) => post(app(), '/v1/uncertainty', { ...ECONOMICS, ...patch });

  it('answer 400 before any work for fields, outputs and thresholds the request cannot have', async () => {
    const spy = vi.spyOn(economics, 'run');
    expectRefusal(
      await bad({ distributions: [{ field: '/no_such_field', uniform: { min: 0, max: 1 } }] }),
      400,
      '/distributions/0/field',
    );
    expectRefusal(await bad({ outputs: ['/no_such_output'] }), 400, '/outputs/0');
    expectRefusal(await bad({ thresholds: [{ output: '/orbital_usd_per_kwh', above: 1, below: 2 }] }), 400);
    expectRefusal(await bad({ thresholds: [{ output: '/launch_cost_usd', below: 1 }] }), 400, '/thresholds/0/output');
    expectRefusal(
      await bad({ distributions: [ECONOMICS.distributions[0], ECONOMICS.distributions[0]] }),
      400,
      '/distributions/1/field',
    );
    expectRefusal(
      await bad({ distributions: [{ field: '/launch_usd_per_kg', uniform: { min: 1, max: 2 }, normal: { mean: 1, sd: 1 } }] }),
      400,
    );
    expectRefusal(await bad({ samples: 1_000_000 }), 400, '/samples');
    expectRefusal(await bad({ outputs: ['/warnings'] }), 400, '/outputs/0', /is not a number/);
    expectRefusal(
      await bad({ distributions: [{ field: '/vehicle', uniform: { min: 0, max: 1 } }] }),
      400,
      '/distributions/0/field',
      /is not a number/,
    );
    expectRefusal(
      await bad({ distributions: [{ field: '/launch_usd_per_kg', normal: { mean: 500, sd: 1e308 } }] }),
      400,
      '/distributions/0/normal',
      /beyond any representable number/,
    );
    expectRefusal(await bad({ base: { load_kw: -5 } }), 400, '/base/load_kw');
    expectRefusal(
      await bad({ distributions: [{ field: '/launch_usd_per_kg', normal: { mean: -100, sd: 1 } }] }),
      400,
      '/distributions/0',
    );
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('answer 413 with the budget before any work when the samples cost more than it', async () => {
    const feasibility = ESTIMATOR_BY_NAME.get('feasibility');
    if (!feasibility) throw new Error('no feasibility');
    const spy = vi.spyOn(feasibility, 'run');
    const res = await post(app(), '/v1/uncertainty', {
      estimator: 'feasibility',
      distributions: [{ field: '/launch_usd_per_kg', uniform: { min: 100, max: 1000 } }],
      outputs: ['/economics/cost_ratio'],
      samples: 1000,
    });
    expectProblem(res, 413);
    expect(res.body.figures.budget_cpu_s).toBe(10);
    expect(res.body.figures.estimated_cpu_s).toBeGreaterThan(10);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('Accept: image/svg+xml', () => {
  const svgOf = async (body: object) => {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/uncertainty',
      payload: body,
      headers: { accept: 'image/svg+xml' },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(res.body)).toBe(true);
    return res.body;
  };
  const count = (svg: string, cls: string) => (svg.match(new RegExp(`class="${cls}"`, 'g')) ?? []).length;

  it('draws the tornado of the first output, one row per input, labelled with units', async () => {
    const svg = await svgOf(ECONOMICS);
    expect(count(svg, 'row')).toBe(2);
    expect(svg).toContain('launch (USD/kg)');
    expect(svg).toContain('satellite (USD/W)');
    expect(svg).toContain('cost ratio');
  });

  it('draws the histogram when one input varies, with its threshold', async () => {
    const svg = await svgOf({ ...ECONOMICS, distributions: [ECONOMICS.distributions[0]] });
    expect(count(svg, 'bin')).toBeGreaterThan(3);
    expect(svg).toMatch(/P\(below 12\) = /);
  });

  it('answers 406 for a type it cannot draw', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/uncertainty',
      payload: ECONOMICS,
      headers: { accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(406);
  });
});

describe('the README’s uncertainty example', () => {
  it('is what the service answers: the request, the block in the README and docs/cost-ratio-tornado.svg (npm run docs:uncertainty)', async () => {
    const spec = costRatioSpec();
    expect(JSON.parse(readFileSync(DOC_SPEC_PATH, 'utf8'))).toEqual(spec);
    const { json, svg, solve } = await costRatioUncertainty(spec);
    expect(readFileSync(DOC_SVG_PATH, 'utf8')).toBe(svg);
    const readme = readFileSync(DOC_README_PATH, 'utf8');
    expect(tableCells(withUncertainty(readme, uncertaintyBlock(json, solve)))).toBe(tableCells(readme));
    expect(readme).toContain('](docs/cost-ratio-tornado.svg)');
    // What the section says in words: orbit is never cheaper, launch price swings most, the solve meets its target.
    expect(json.probabilities[0].probability).toBe(0);
    expect(json.sensitivity[0]).toMatchObject({ field: '/launch_usd_per_kg', output: '/cost_ratio' });
    expect(solve.output_value).toBeCloseTo(1, 9);
  });
});
