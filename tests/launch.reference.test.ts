/**
 * The launch* and economics* cases of ../shared/reference/cases.json, through the API.
 * The economics cases use the API's own field names; the launch cases name their inputs after
 * the source (a 2022 price, a 2013-2022 decline), mapped here onto the API's trajectory fields.
 */
import { describe, expect, it } from 'vitest';
import { post, useApp } from './helpers.js';
import { casesWithPrefix, HAVE_REFERENCE, NEEDS_REFERENCE, type ReferenceCase, referenceCase } from './reference.js';

type Row = Record<string, unknown>;

function expectWithin(c: ReferenceCase, body: Row, expected: Row) {
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

describe.skipIf(!HAVE_REFERENCE)(`launch and economics reference cases${NEEDS_REFERENCE}`, () => {
  const app = useApp();

  it('finds every launch* and economics* case', () => {
    const ids = [...casesWithPrefix('launch'), ...casesWithPrefix('economics')].map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'launch-falcon9-per-kg',
        'launch-price-trend-2040',
        'economics-starcloud-40MW',
        'economics-mccalip-default',
      ]),
    );
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
