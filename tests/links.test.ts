/**
 * POST /v1/links: the composed estimator through its route — each link's budget as its module gives
 * it, each need set against the link that carries it and the binding one named, the verdict on
 * training across a Suncatcher-like cluster, and the refusals (400 without a link, 422 for a link
 * that carries nothing where it is asked to).
 */
import { describe, expect, it } from 'vitest';
import { linksEstimator } from '../models/links.js';
import { expectProblem, expectRefusal, post, useApp } from './helpers.js';

const app = useApp();

const GPT3 = { parameters: 175e9, data_parallel: 81, worker_it_kw: 100 };

describe('POST /v1/links', () => {
  it('sets GPT-3’s gradient exchange across 81 satellites against the 100-m link: the link is the binding constraint', async () => {
    const res = await post(app(), '/v1/links', { isl: { distance_km: 0.1 }, workload: { training: GPT3 } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const [check] = res.body.checks;
    expect(check).toMatchObject({ need: 'training_allreduce', link: 'isl', carried_gbps: res.body.isl.rate_gbps });
    expect(check.required_gbps).toBeCloseTo(res.body.workload.training.required_gbps_per_worker, 9);
    expect(check.ratio).toBeCloseTo(check.required_gbps / check.carried_gbps, 12);
    expect(res.body.binding_link).toMatchObject({ need: 'training_allreduce', link: 'isl', carries: check.ratio <= 1 });
    expect(res.body.downlink).toBeNull();
  });

  it('carries the exchange once the link has the channels for it (DWDM × spatial)', async () => {
    const few = await post(app(), '/v1/links', { isl: { distance_km: 0.1 }, workload: { training: GPT3 } });
    const needed = Math.ceil(few.body.checks[0].required_gbps / few.body.isl.rate_per_channel_gbps);
    const many = await post(app(), '/v1/links', { isl: { distance_km: 0.1, channels: needed }, workload: { training: GPT3 } });
    expect(many.body.binding_link.carries).toBe(true);
    const short = await post(app(), '/v1/links', {
      isl: { distance_km: 0.1, channels: needed - 1 },
      workload: { training: GPT3 },
    });
    expect(short.body.binding_link.carries).toBe(false);
  });

  it('sizes a day of an optical ground station for the 650 km dawn-dusk orbit, and the stations inference needs', async () => {
    const downlink = { band: 'optical', orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 } };
    const res = await post(app(), '/v1/links', {
      downlink,
      workload: { inference: { output_tokens_per_s: 1e7, input_tokens_per_s: 3e7 } },
    });
    expect(res.status).toBe(200);
    const d = res.body.downlink;
    expect(d.contact_min_per_day).toBeGreaterThan(0);
    expect(d.daily_volume_tb).toBeCloseTo((d.rate_gbps * d.contact_min_per_day * 60 * d.cloud_free_fraction) / 8000, 9);
    const down = res.body.checks.find((c: any) => c.need === 'inference_down');
    expect(down.carried_gbps).toBeCloseTo((d.daily_volume_tb * 8000) / 86400, 12);
    const up = res.body.checks.find((c: any) => c.need === 'inference_up');
    expect(up).toMatchObject({ carried_gbps: null, carries: null });
  });

  it('answers 400 without a link to size, and 422 with the figures when the link cannot carry what is required', async () => {
    expectRefusal(await post(app(), '/v1/links', { workload: { training: GPT3 } }), 400, '/isl');
    const res = await post(app(), '/v1/links', { isl: { distance_km: 0.1, required_gbps: 1e6 } });
    expectProblem(res, 422);
    expect(res.body.figures).toMatchObject({ distance_km: 0.1 });
  });

  it('lists the links estimator in the catalogue and the OpenAPI document', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    expect(doc.paths['/v1/links'].post.requestBody).toBeDefined();
    const list = (await app().inject('/v1/estimators')).json();
    expect(list.estimators.map((e: any) => e.name)).toContain('links');
  });
});

describe('what a downlink with an orbit costs', () => {
  const cost = (downlink: Record<string, unknown>) => linksEstimator.cost(linksEstimator.input.parse({ downlink })).cpu_s;
  const sso = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };

  it('prices the passes the station sees, not one a revolution: a polar station sees a polar orbit on most revolutions', () => {
    const tenerife = cost({ band: 'optical', orbit: sso });
    const svalbard = cost({ band: 'optical', orbit: sso, station: { lat_deg: 78.23, lon_deg: 15.4, alt_km: 0.5 } });
    const equatorial = cost({ band: 'optical', orbit: { altitude_km: 650, inclination_deg: 0 } });
    expect(svalbard).toBeGreaterThan(1.5 * tenerife);
    // An equatorial orbit never rises over Tenerife: only its coarse samples are priced.
    expect(equatorial).toBeLessThan(tenerife);
  });

  it('prices a lower mask above a higher one, and a day of contact above the closed forms alone', () => {
    expect(cost({ band: 'optical', orbit: sso, min_elevation_deg: 5 })).toBeGreaterThan(
      cost({ band: 'optical', orbit: sso, min_elevation_deg: 40 }),
    );
    expect(cost({ band: 'optical', orbit: sso })).toBeGreaterThan(cost({ band: 'optical', slant_range_km: 1500 }));
  });
});
