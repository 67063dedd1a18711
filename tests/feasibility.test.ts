/**
 * POST /v1/feasibility: each part is what its estimator answers alone for the request the report
 * shows; the uptime model against its closed forms and a numerical integral; the binding constraint
 * is the candidate nearest or most beyond its limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSE_TABLE } from '../fixtures/index.js';
import { doseRatePerYear, meanWorkingFraction, shieldThicknessMm } from '../models/uptime.js';
import { post, useApp } from './helpers.js';
import { HAVE_REFERENCE, NEEDS_REFERENCE, referenceCase } from './reference.js';

const app = useApp();
const PARTS = ['orbit', 'power', 'thermal', 'launch', 'economics', 'latency', 'links'] as const;

describe('POST /v1/feasibility', () => {
  it('each part is exactly what that estimator answers alone for the request given', async () => {
    for (const scenario of [{}, { load_kw: '120 kW', orbit: { altitude_km: 600, sun_synchronous: true, ltan_h: 18 } }]) {
      const report = await post(app(), '/v1/feasibility', scenario);
      expect(report.status, JSON.stringify(report.body).slice(0, 300)).toBe(200);
      for (const name of PARTS) {
        const alone = await post(app(), `/v1/${name}`, report.body.requests[name]);
        expect(alone.status, name).toBe(200);
        expect(report.body[name], name).toEqual(alone.body);
      }
    }
  });

  it('the links part trains the reference model across the cluster at the scenario’s satellite power, a candidate for the binding constraint', async () => {
    const [small, big] = await Promise.all([
      post(app(), '/v1/feasibility', {}),
      post(app(), '/v1/feasibility', { satellite_power_kw: 120 }),
    ]);
    const training = (r: any) => r.body.requests.links.workload.training;
    expect(training(small)).toMatchObject({ parameters: 405e9, data_parallel: 81 });
    expect(training(big).worker_it_kw).toBe(120);
    // More compute per satellite: shorter steps, so each step's gradients must cross the link faster.
    const ratio = (r: any) => r.body.binding_constraint.candidates.find((c: any) => c.name === 'links').ratio;
    expect(ratio(big) / ratio(small)).toBeCloseTo(120 / 27, 9);
    expect(small.body.links.downlink.band).toBe('optical');
    expect(small.body.links.downlink.daily_volume_tb).toBeGreaterThan(0);
  });

  it('the chain holds: the radiator takes the power model’s heat, launch and economics size the same facility', async () => {
    const r = (await post(app(), '/v1/feasibility', { load_kw: '40 MW' })).body;
    expect(r.thermal.heat_kw).toBeCloseTo(r.power.orbit_average_heat_kw, 9);
    expect(r.launch.subsystems.radiator_heat_kw).toBeCloseTo(r.power.orbit_average_heat_kw, 9);
    expect(r.economics.mass_kg).toBeCloseTo(r.launch.total_mass_kg, 6);
    expect(r.economics.installed_power_kw).toBeCloseTo(r.power.array_bol_power_kw, 9);
    expect(r.launch.mass_parts_kg.radiator_kg).toBeCloseTo(r.thermal.mass_kg, 9);
  });

  it('uptime names each loss and sets the availability against Tier III and Tier IV', async () => {
    const u = (await post(app(), '/v1/feasibility', {})).body.uptime;
    expect(u.losses.map((l: { name: string }) => l.name)).toEqual([
      'accelerator_failures',
      'radiation',
      'eclipse_without_storage',
      'ground_link',
    ]);
    const product = u.losses.reduce((a: number, l: { fraction: number }) => a * (1 - l.fraction), 1);
    expect(u.availability_fraction).toBeCloseTo(product, 12);
    expect(u.downtime_min_per_year).toBeCloseTo((1 - product) * 525_600, 6);
    expect(u.tier3.met).toBe(u.availability_fraction >= 0.99982);
    // Spares enough to last the replenishment interval remove the accelerator loss.
    const spared = (await post(app(), '/v1/feasibility', { uptime: { spares_fraction: 0.2 } })).body.uptime;
    expect(spared.losses[0].fraction).toBe(0);
  });

  it('the binding constraint is the candidate most beyond (or nearest) its limit, each with its source', async () => {
    const b = (await post(app(), '/v1/feasibility', {})).body.binding_constraint;
    const ratios = b.candidates.map((c: { ratio: number }) => c.ratio);
    expect(ratios).toEqual([...ratios].sort((x, y) => y - x));
    expect(b.name).toBe(b.candidates[0].name);
    for (const c of b.candidates) expect(c.ratio).toBeCloseTo(c.value / c.limit, 12);
    expect(b.figures.find((f: { name: string }) => f.name === 'ratio').value).toBe(b.candidates[0].ratio);
    // Free hardware and launch, dear ground power: cost stops binding.
    const cheap = await post(app(), '/v1/feasibility', {
      launch_usd_per_kg: 0,
      satellite_usd_per_w: 0,
      nre_usd: 0,
      grid_usd_per_kwh: 5,
    });
    expect(cheap.body.binding_constraint.name).not.toBe('cost');
  });

  it('a scenario that gives the power model its own eclipse: every part sizes with it', async () => {
    const res = await post(app(), '/v1/feasibility', { load_kw: '1 MW', power: { eclipse_fraction: 0.35, period_min: 95 } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.power.eclipse_duration_min).toBeCloseTo(0.35 * 95, 9);
    expect(res.body.economics.mass_kg).toBeCloseTo(res.body.launch.total_mass_kg, 6);
    expect(res.body.launch.subsystems.radiator_heat_kw).toBeCloseTo(res.body.power.orbit_average_heat_kw, 9);
  });

  it('the battery candidate: its cycles against the cycles life-tested at its depth of discharge', async () => {
    const orbit = { altitude_km: 550, inclination_deg: 53 };
    const sized = (await post(app(), '/v1/feasibility', { load_kw: '1 MW', orbit })).body;
    const battery = sized.binding_constraint.candidates.find((c: { name: string }) => c.name === 'battery');
    expect(battery.value).toBe(sized.power.battery_cycles_over_mission);
    // The default depth is the one the cycle count allows: at its limit, by design.
    expect(battery.ratio).toBeCloseTo(1, 9);
    const deeper = (
      await post(app(), '/v1/feasibility', { load_kw: '1 MW', orbit, power: { battery: { depth_of_discharge: 0.6 } } })
    ).body;
    expect(deeper.binding_constraint.candidates.find((c: { name: string }) => c.name === 'battery').ratio).toBeGreaterThan(1);
    // A dawn-dusk orbit sized outside its eclipse season carries no battery, and no battery candidate.
    const none = (await post(app(), '/v1/feasibility', { load_kw: '1 MW', power: { sizing_window_days: 30 } })).body;
    expect(none.binding_constraint.candidates.map((c: { name: string }) => c.name)).not.toContain('battery');
  });

  it('400 names the scenario field', async () => {
    const res = await post(app(), '/v1/feasibility', { load_kw: '5 kg' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/load_kw');
  });

  it('400 for two ways to price launch or the satellites, as economics refuses them', async () => {
    for (const [body, pointer, message] of [
      [
        { load_kw: 1000, vehicle: 'falcon9', launch_usd_per_kg: 100 },
        '/vehicle',
        'expected one way to price launch, got launch_usd_per_kg and vehicle',
      ],
      [
        { load_kw: 1000, satellite_usd_per_w: 22, satellite_usd_per_kg: 1000 },
        '/satellite_usd_per_kg',
        'expected satellite_usd_per_w or satellite_usd_per_kg, not both',
      ],
    ] as const) {
      const scenario = await post(app(), '/v1/feasibility', body);
      const economics = await post(app(), '/v1/economics', body);
      for (const res of [scenario, economics]) {
        expect(res.status).toBe(400);
        expect(res.body.errors).toContainEqual({ pointer, message: expect.stringContaining(message) });
      }
    }
  });
});

describe.skipIf(!HAVE_REFERENCE)(`uptime-tiers-gpu-failures${NEEDS_REFERENCE}`, () => {
  it('the field failure rate and the tier levels of the feasibility report', async () => {
    const c = referenceCase('uptime-tiers-gpu-failures');
    const expected = c.expected as { gpu_failure_per_year: number; tier3_availability: number; tier4_availability: number };
    const tol = c.tolerance.absolute as number;
    const body = (await post(app(), '/v1/feasibility', {})).body;
    const rate = body.uptime.accelerators.failure_per_year;
    const i = c.inputs as { gpu_interruptions: number; hbm_interruptions: number; gpus: number; days: number };
    expect(Math.abs(rate - expected.gpu_failure_per_year)).toBeLessThanOrEqual(tol);
    expect(rate).toBeCloseTo(((i.gpu_interruptions + i.hbm_interruptions) / i.gpus) * (365 / i.days), 12);
    expect(Math.abs(body.uptime.tier3.availability - expected.tier3_availability)).toBeLessThanOrEqual(tol);
    expect(Math.abs(body.uptime.tier4.availability - expected.tier4_availability)).toBeLessThanOrEqual(tol);
  });
});

describe('uptime closed forms', () => {
  it('mean working share between replenishments against a numerical integral of min(1, (1+s)e^−λt)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lambda, tau, spares) => {
          const n = 20_000;
          let sum = 0;
          for (let k = 0; k < n; k++) sum += Math.min(1, (1 + spares) * Math.exp((-lambda * ((k + 0.5) * tau)) / n));
          expect(meanWorkingFraction(lambda, tau, spares)).toBeCloseTo(sum / n, 6);
        },
      ),
    );
  });

  it('more failures never raise the working share; more spares never lower it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (l, s) => {
        expect(meanWorkingFraction(l + 0.01, 1, s)).toBeLessThanOrEqual(meanWorkingFraction(l, 1, s) + 1e-15);
        expect(meanWorkingFraction(l, 1, s + 0.01)).toBeGreaterThanOrEqual(meanWorkingFraction(l, 1, s) - 1e-15);
      }),
    );
  });

  it('the dose table: its published rows at its own points, thicker shields less dose', () => {
    for (const [inc, row] of Object.entries(DOSE_TABLE.by_inclination_deg))
      for (const [k, mm] of DOSE_TABLE.shield_mm.entries())
        expect(doseRatePerYear(Number(inc), mm)).toBeCloseTo((row[k] as number) / DOSE_TABLE.mission_years, 6);
    fc.assert(
      fc.property(fc.double({ min: 50, max: 100, noNaN: true }), fc.double({ min: 2, max: 9.9, noNaN: true }), (i, mm) => {
        expect(doseRatePerYear(i, mm + 0.1)).toBeLessThan(doseRatePerYear(i, mm));
      }),
    );
    // 5.4 kg/m² of aluminium (the mass model's shield) is 2 mm.
    expect(shieldThicknessMm(5.4, 2700)).toBeCloseTo(2, 12);
  });
});
