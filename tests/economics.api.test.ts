/**
 * POST /v1/economics through the API: unit strings and the 400 answers, each naming the field; and
 * whether the replacements are launched, by convention (on the model directly).
 */
import { describe, expect, it } from 'vitest';
import { economicsEstimator } from '../models/economics.js';
import { expectRefusal, post, runModel, useApp } from './helpers.js';

const app = useApp();

describe('POST /v1/economics', () => {
  it('400: two ways to price launch', async () => {
    const res = await post(app(), '/v1/economics', { load_kw: 1000, launch_usd_per_kg: 500, vehicle: 'falcon9' });
    expectRefusal(res, 400, '/vehicle', /one way to price launch/);
  });

  it('400: an itemised orbital side with model fields, a grid site with fuel', async () => {
    expectRefusal(
      await post(app(), '/v1/economics', { load_kw: 1000, space_costs_usd: { launch: 1e6 }, satellite_usd_per_w: 22 }),
      400,
      '/satellite_usd_per_w',
    );
    expectRefusal(
      await post(app(), '/v1/economics', { load_kw: 1000, grid_usd_per_kwh: 0.05, terrestrial: { gas_usd_per_mmbtu: 4 } }),
      400,
      '/terrestrial/gas_usd_per_mmbtu',
    );
  });

  it('400: a utilisation beside the mccalip convention, a PUE below 1, a missing load', async () => {
    expectRefusal(
      await post(app(), '/v1/economics', { load_kw: 1000, convention: 'mccalip', utilisation_fraction: 0.9 }),
      400,
      '/utilisation_fraction',
    );
    expectRefusal(await post(app(), '/v1/economics', { load_kw: 1000, terrestrial: { pue: 0.9 } }), 400, '/terrestrial/pue');
    expectRefusal(await post(app(), '/v1/economics', { mission_years: 5 }), 400, '/load_kw');
  });

  it('unit strings: "1 GW", "0.5 USD/g", "4.3 USD/MMBTU" equal their numbers', async () => {
    const a = await post(app(), '/v1/economics', {
      load_kw: '1 GW',
      launch_usd_per_kg: '0.5 USD/g',
      terrestrial: { gas_usd_per_mmbtu: '4.3 USD/MMBTU' },
    });
    const b = await post(app(), '/v1/economics', {
      load_kw: 1e6,
      launch_usd_per_kg: 500,
      terrestrial: { gas_usd_per_mmbtu: 4.3 },
    });
    expect(a.status).toBe(200);
    expect(a.body.cost_ratio).toBe(b.body.cost_ratio);
  });

  it('the consistent convention launches the replacements; the mccalip one does not', () => {
    const input = { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 500 };
    const ours = runModel(economicsEstimator, { ...input, sizing: 'specific_power' });
    const theirs = runModel(economicsEstimator, { ...input, convention: 'mccalip' });
    expect(ours.replacement_launch_usd).toBeGreaterThan(0);
    expect(theirs.replacement_launch_usd).toBe(0);
    expect(theirs.mccalip.omitted_replacement_launch_usd).toBeCloseTo(ours.replacement_launch_usd, 0);
  });
});
