/**
 * POST /v1/launch through the API: provenance, unit strings, and the 400 / 422 answers, each
 * naming the field.
 */
import { describe, expect, it } from 'vitest';
import { SOURCES, VEHICLES } from '../fixtures/index.js';
import { expectRefusal, post, useApp } from './helpers.js';

const app = useApp();

describe('vehicle catalogue', () => {
  it('every entry has a status, an as_of date and a source that resolves', () => {
    for (const v of VEHICLES) {
      expect(['flown', 'projected']).toContain(v.status);
      expect(SOURCES).toHaveProperty(v.source);
      expect(SOURCES).toHaveProperty(v.flights_source);
      expect(Date.parse(v.as_of)).toBeLessThanOrEqual(Date.now());
    }
    expect(VEHICLES.find((v) => v.id === 'starship')?.status).toBe('projected');
  });
});

describe('POST /v1/launch', () => {
  it('a breakdown sums to the total; defaults are declared with resolvable sources', async () => {
    const res = await post(app(), '/v1/launch', { mass: { compute_kg: 10_000, array_kg: '6.6 t', radiator_kg: 800 } });
    expect(res.status).toBe(200);
    expect(res.body.total_mass_kg).toBe(17_400);
    expect(res.body.launches).toBe(1);
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['vehicle', 'build_years', 'mission_years', 'gpu_failure_per_year']));
    for (const a of res.body.assumptions) expect(SOURCES).toHaveProperty(a.source);
  });

  it('unit strings give the numbers: "22.8 t" and "3059 USD/kg"', async () => {
    const a = await post(app(), '/v1/launch', { mass_kg: '22.8 t', price_usd_per_kg: '3 USD/g' });
    expect(a.status).toBe(200);
    expect(a.body.total_mass_kg).toBe(22_800);
    expect(a.body.price_usd_per_kg).toBe(3000);
    expect(a.body.launch_cost_usd).toBeCloseTo(68.4e6, 3);
  });

  it('compute_only replacement launches only the compute part', async () => {
    const res = await post(app(), '/v1/launch', {
      mass: { compute_kg: 1000, array_kg: 9000 },
      replacement_basis: 'compute_only',
      gpu_failure_per_year: 0.1,
      mission_years: 5,
    });
    expect(res.body.cadence.replacement_mass_kg_per_year).toBeCloseTo(100, 9);
  });

  it('a build faster than the fleet flies is warned about', async () => {
    const res = await post(app(), '/v1/launch', { mass_kg: '29390 t', vehicle: 'falcon9', build_years: 1 });
    expect(res.body.cadence.build_share_of_flight_rate).toBeGreaterThan(1);
    expect(res.body.warnings.join(' ')).toMatch(/times Falcon 9/);
  });

  it('400: no mass, or two forms of it', async () => {
    expectRefusal(await post(app(), '/v1/launch', { vehicle: 'falcon9' }), 400, '', /mass_kg, mass .* or load_kw/);
    expectRefusal(await post(app(), '/v1/launch', { mass_kg: 1, mass: { a_kg: 1 } }), 400, '', /not more/);
  });

  it('400: a part name without its unit, a wrong dimension, an unknown vehicle', async () => {
    expectRefusal(await post(app(), '/v1/launch', { mass: { compute: 1000 } }), 400, '/mass/compute');
    expectRefusal(await post(app(), '/v1/launch', { mass_kg: '5 km' }), 400, '/mass_kg', /mass/);
    expectRefusal(await post(app(), '/v1/launch', { mass_kg: 1000, vehicle: 'saturn_v' }), 400, '/vehicle', /catalogue id/);
  });

  it('400: a catalogue vehicle without a published price asks for one, and takes it', async () => {
    expectRefusal(await post(app(), '/v1/launch', { mass_kg: 1000, vehicle: 'new_glenn' }), 400, '/vehicle', /price_usd/);
    const ok = await post(app(), '/v1/launch', { mass_kg: 90_000, vehicle: { id: 'new_glenn', price_usd: 110e6 } });
    expect(ok.status).toBe(200);
    expect(ok.body.launches).toBe(2);
  });

  it('400: no SSO figure published for Falcon 9', async () => {
    expectRefusal(
      await post(app(), '/v1/launch', { mass_kg: 1000, vehicle: 'falcon9', target_orbit: 'sso' }),
      400,
      '/vehicle',
      /SSO/,
    );
  });

  it('400: a custom price has no as_of year: the trajectory needs a base_year', async () => {
    const res = await post(app(), '/v1/launch', { mass_kg: 1000, price_usd_per_kg: 2000, year: 2030 });
    expectRefusal(res, 400, '/price_trajectory/base_year');
  });

  it('learning curve: the cumulative mass launched is a sourced figure, not one derived from the growth assumed', async () => {
    const at = (growth: number) =>
      post(app(), '/v1/launch', {
        mass_kg: 1000,
        vehicle: 'falcon9',
        year: 2030,
        price_trajectory: { model: 'learning_curve', annual_mass_growth_fraction: growth },
      });
    const [fast, none] = [await at(0.4), await at(0)];
    expect(none.status).toBe(200);
    const m0 = (r: typeof fast) => r.body.price_trajectory.parameters.cumulative_mass_kg_base;
    expect(m0(none)).toBe(m0(fast));
    const assumed = fast.body.assumptions.find((a: { name: string }) => a.name === 'price_trajectory.cumulative_mass_kg_base');
    expect(assumed).toMatchObject({ value: m0(fast), unit: 'kg', source: 'esa-space-debris-numbers' });
  });

  it('422: the learning curve does not run backwards', async () => {
    const res = await post(app(), '/v1/launch', {
      mass_kg: 1000,
      vehicle: 'falcon9',
      year: 2010,
      price_trajectory: { model: 'learning_curve' },
    });
    expectRefusal(res, 422, '/year');
  });
});

describe('POST /v1/launch from a load: the roll-up through the power and thermal estimators', () => {
  const orbit = { altitude_km: 550, sun_synchronous: true, ltan_h: 18 };
  const epoch = '2026-03-20T12:00:00Z';

  it('array, battery and radiator are what /v1/power and /v1/thermal give for the same request', async () => {
    const res = await post(app(), '/v1/launch', {
      load_kw: '1 MW',
      orbit,
      power: { epoch },
      thermal: { radiator_temp_k: 330 },
      mission_years: 5,
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const parts = res.body.mass_parts_kg;
    const sum = Object.values(parts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(res.body.total_mass_kg, 6);
    // The power estimator's path efficiencies already carry the losses to the IT load: it sizes for the load.
    const power = await post(app(), '/v1/power', { load_kw: 1000, orbit, epoch, mission_years: 5 });
    const heat_kw = (power.body.array_power_kw * power.body.daylight_duration_min) / power.body.period_min;
    expect(res.body.subsystems.radiator_heat_kw).toBeCloseTo(heat_kw, 9);
    const thermal = await post(app(), '/v1/thermal', { heat_kw, orbit, radiator_temp_k: 330 });
    expect(parts.radiator_kg).toBeCloseTo(thermal.body.mass_kg, 9);
    expect(parts.array_kg).toBeCloseTo(power.body.array_mass_kg, 9);
    expect(parts.battery_kg).toBeCloseTo(power.body.battery_mass_kg, 9);
    expect(res.body.subsystems.array_bol_power_kw).toBeCloseTo(power.body.array_bol_power_kw, 9);
    expect(parts.compute_kg).toBeCloseTo(11.3 * 1000, 9);
    const names = res.body.assumptions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['mass_model.structure_fraction', 'thermal.emissivity']));
  });

  it('the radiator rejects what the array delivers: the energy into the spacecraft over an orbit is the heat out', async () => {
    for (const regulation of ['ppt', 'det'] as const) {
      const res = await post(app(), '/v1/launch', {
        load_kw: 1000,
        orbit,
        power: { epoch, regulation },
        thermal: { radiator_temp_k: 330 },
      });
      expect(res.status).toBe(200);
      const power = await post(app(), '/v1/power', { load_kw: 1000, orbit, epoch, regulation, mission_years: 5 });
      // Energy in over the sizing revolution: what the end-of-life array delivers in daylight, kWh.
      const energyIn_kwh = power.body.energy_per_orbit.array_kwh;
      const heatOut_kwh = (res.body.subsystems.radiator_heat_kw * power.body.period_min) / 60;
      expect(heatOut_kwh / energyIn_kwh).toBeCloseTo(1, 12);
      // It is more than the load over X_d: the battery's round trip and the eclipse path are heat too.
      expect(res.body.subsystems.radiator_heat_kw).toBeGreaterThan(1000 / power.body.path_efficiency.daylight);
      expect(res.body.subsystems.array_bol_power_kw).toBeCloseTo(power.body.array_bol_power_kw, 9);
    }
  });

  it('1 MW at 550 km, 53°: the radiator takes the 1.4 MW the array delivers, not load / 0.8', async () => {
    const res = await post(app(), '/v1/launch', {
      load_kw: 1000,
      orbit: { altitude_km: 550, inclination_deg: 53 },
      power: { epoch: '2026-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(200);
    const s = res.body.subsystems;
    // SMAD: P_sa = (P·T_e/0.6 + P·T_d/0.8)/T_d at beta 0 (35.61 of 95.65 min); heat = P_sa·T_d/T.
    const te = 35.611;
    const t = 95.65;
    expect(s.radiator_heat_kw).toBeCloseTo((1000 * te) / 0.6 / t + (1000 * (t - te)) / 0.8 / t, 0);
    expect(s.radiator_heat_kw).toBeGreaterThan(1400);
    expect(s.radiator_heat_kw).toBeLessThan(1410);
  });

  it('without a radiator temperature, the W45 liquid-cooling supply temperature is assumed and said', async () => {
    const res = await post(app(), '/v1/launch', { load_kw: 1000, orbit, power: { epoch } });
    expect(res.status).toBe(200);
    expect(res.body.subsystems.radiator_temp_k).toBe(318.15);
    const assumed = res.body.assumptions.find((a: { name: string }) => a.name === 'thermal.radiator_temp_k');
    expect(assumed).toMatchObject({ value: 318.15, unit: 'K', source: 'ashrae-tc99-liquid-2021' });
  });

  it('400: the sub-estimators’ errors point into the launch request', async () => {
    expectRefusal(
      await post(app(), '/v1/launch', { load_kw: 1000, orbit, thermal: { radiator_temp_k: '-5 K' } }),
      400,
      '/thermal/radiator_temp_k',
    );
    expectRefusal(
      await post(app(), '/v1/launch', { load_kw: 1000, orbit, thermal: { radiator_temp_k: 330, heat_kw: 5 } }),
      400,
      '/thermal/heat_kw',
    );
    expectRefusal(
      await post(app(), '/v1/launch', { load_kw: 1000, orbit, thermal: { conversion_efficiency: 0.95 } }),
      400,
      '/thermal/conversion_efficiency',
      /energy balance/,
    );
    expectRefusal(
      await post(app(), '/v1/launch', { mass_kg: 1000, thermal: { radiator_temp_k: 330 } }),
      400,
      '/thermal',
      /only with load_kw/,
    );
  });
});

describe('launch: payload quoted to LEO against a high-inclination design orbit', () => {
  const app = useApp();
  it('warns when the roll-up orbit is sun-synchronous and the payload figure is LEO', async () => {
    const sso = await post(app(), '/v1/launch', {
      load_kw: 1000,
      orbit: { altitude_km: 550, sun_synchronous: true, ltan_h: 18 },
      power: { epoch: '2026-03-20T12:00:00Z' },
      vehicle: 'starship',
    });
    expect(sso.status).toBe(200);
    expect(sso.body.warnings.join(' ')).toMatch(/payloads are quoted to low-inclination LEO/);
    const low = await post(app(), '/v1/launch', {
      load_kw: 1000,
      orbit: { altitude_km: 550, inclination_deg: 30 },
      power: { epoch: '2026-03-20T12:00:00Z' },
      vehicle: 'starship',
    });
    expect(low.body.warnings.join(' ')).not.toMatch(/payloads are quoted to low-inclination LEO/);
  });
});
