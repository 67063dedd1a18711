/**
 * The launch* cases of ../shared/reference/cases.json, through the API. They name their inputs
 * after the source (a 2022 price, a 2013-2022 decline), mapped here onto the API's trajectory fields.
 */
import { describe, expect, it } from 'vitest';
import { post, useApp } from './helpers.js';
import { casesWithPrefix, HAVE_REFERENCE, NEEDS_REFERENCE, referenceCase } from './reference.js';
import { expectWithin } from './reference-tolerance.js';

type Row = Record<string, unknown>;

describe.skipIf(!HAVE_REFERENCE)(`launch reference cases${NEEDS_REFERENCE}`, () => {
  const app = useApp();

  it('finds every launch* case', () => {
    const ids = casesWithPrefix('launch').map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['launch-falcon9-per-kg', 'launch-price-trend-2040']));
  });

  it('launch-falcon9-per-kg: price and payload given, and the catalogue entry alone', async () => {
    const c = referenceCase('launch-falcon9-per-kg');
    const { vehicle, price_usd, payload_kg } = c.inputs as { vehicle: string; price_usd: number; payload_kg: number };
    const given = await post(app(), '/v1/launch', { mass_kg: payload_kg, vehicle: { id: vehicle, price_usd, payload_kg } });
    expect(given.status).toBe(200);
    expectWithin(c, given.body, c.expected as Row);
    // The published pair prices a recovered flight at the expendable payload. The catalogue pairs
    // the list price with the recovered-booster payload instead (17.4 t), a third dearer per kg.
    const catalogue = await post(app(), '/v1/launch', { mass_kg: payload_kg, vehicle });
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.vehicle.payload_kg).toBe(17_400);
    expect(catalogue.body.price_usd_per_kg).toBeCloseTo(price_usd / 17_400, 6);
    expect(catalogue.body.price_usd_per_kg / (c.expected as { price_usd_per_kg: number }).price_usd_per_kg).toBeCloseTo(
      payload_kg / 17_400,
      3,
    );
  });

  it('launch-price-trend-2040: NASA OTPS decline compounded annually, and one 100 t Starship at that price', async () => {
    const c = referenceCase('launch-price-trend-2040');
    const inputs = c.inputs as Record<string, number>;
    // Field names carry the years: price_usd_per_kg_<base year>, decline_<from>_<to>_fraction.
    const priceKey = Object.keys(inputs).find((k) => /^price_usd_per_kg_\d{4}$/.test(k)) as string;
    const declineKey = Object.keys(inputs).find((k) => /^decline_\d{4}_\d{4}_fraction$/.test(k)) as string;
    const [from, to] = (declineKey.match(/\d{4}/g) as string[]).map(Number) as [number, number];
    const res = await post(app(), '/v1/launch', {
      mass_kg: 100_000,
      vehicle: 'starship',
      year: inputs.year,
      price_trajectory: {
        model: 'annual_decline',
        base_year: Number(priceKey.slice(-4)),
        base_price_usd_per_kg: inputs[priceKey],
        decline_fraction: inputs[declineKey],
        decline_period_years: to - from,
      },
    });
    expect(res.status).toBe(200);
    const { starship_100t_usd, ...rest } = c.expected as Record<string, number>;
    expectWithin(c, res.body, { ...rest, launch_cost_usd: starship_100t_usd });
    expect(res.body.launches).toBe(1);
  });
});
