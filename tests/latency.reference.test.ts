/**
 * The latency cases of ../shared/reference/cases.json (and the GPU-failure / tier case the outage
 * view uses), reproduced by the latency model as POST /v1/latency runs it (runModel). The cases name
 * physics; each test maps the case's inputs onto request fields and its expected figures onto output
 * fields, within the case's tolerance.
 */
import { describe, expect, it } from 'vitest';
import { IUGG_MEAN_EARTH_RADIUS_KM, WGS84_A_KM } from '../models/constants.js';
import { delayShare, latencyEstimator, zenithFloorMs } from '../models/latency.js';
import { slantRangeKm } from '../models/visibility.js';
import { runModel } from './helpers.js';
import { HAVE_REFERENCE, NEEDS_REFERENCE, numericCase, referenceCase } from './reference.js';

type Figures = Record<string, number>;

/** A small request whose far end and satellites do not matter to the figure under test. */
const base = {
  satellites: { element_set: 'iss-2014-01-20' },
  sites: ['Cairo'],
  gateway: 'Cairo',
  start: '2014-01-20T22:23:04Z',
  end: '2014-01-21T00:23:04Z',
};

const within = (got: number, want: number, abs: number) =>
  expect(Math.abs(got - want), `got ${got}, want ${want} ± ${abs}`).toBeLessThanOrEqual(abs);

describe.skipIf(!HAVE_REFERENCE)(`latency reference cases${NEEDS_REFERENCE}`, () => {
  it('latency-floor-550: zenith bent pipe, 4 legs at 550 km', () => {
    const { input, want, tol } = numericCase('latency-floor-550', 'absolute_ms');
    // The physics: slant range at the case's elevation and 4 legs at c.
    within(
      slantRangeKm(input.altitude_km as number, input.elevation_deg as number, WGS84_A_KM),
      want.slant_range_km as number,
      1e-9,
    );
    within(zenithFloorMs(input.altitude_km as number, input.legs as number), want.rtt_ms as number, tol);
    // Through the API: a shell at the case's altitude reports the zenith floor (4 legs).
    expect(input.legs).toBe(4);
    const res = runModel(latencyEstimator, {
      satellites: { walker: { altitude_km: input.altitude_km, inclination_deg: 53, planes: 2, sats_per_plane: 2, phasing: 0 } },
      sites: ['London'],
      gateway: 'London',
      start: '2026-03-20T00:00:00Z',
      end: '2026-03-20T01:00:00Z',
    });
    within(res.rtt_floor_ms, want.rtt_ms as number, tol);
    within(res.zenith_slant_range_km, want.slant_range_km as number, 1e-9);
  });

  it('latency-nyc-london: great circle, vacuum and straight-fibre round trips', () => {
    const c = referenceCase('latency-nyc-london');
    const input = c.inputs as {
      from: [number, number];
      to: [number, number];
      earth_radius_km: number;
      fibre_group_index: number;
    };
    const want = c.expected as Figures;
    const rel = c.tolerance.relative as number;
    expect(IUGG_MEAN_EARTH_RADIUS_KM, 'the great circle uses the case’s Earth radius').toBe(input.earth_radius_km);
    const res = runModel(latencyEstimator, {
      ...base,
      sites: [{ name: 'NYC', lat_deg: input.from[0], lon_deg: input.from[1] }],
      gateway: { name: 'LON', lat_deg: input.to[0], lon_deg: input.to[1] },
      route_factor: 1, // "straight": the fibre follows the great circle
      fibre_group_index: input.fibre_group_index,
    });
    const pairs: [string, string][] = [
      ['great_circle_km', 'great_circle_km'],
      ['vacuum_rtt_ms', 'vacuum_rtt_ms'],
      ['fibre_rtt_ms_straight', 'fibre_rtt_ms'],
    ];
    for (const [caseName, field] of pairs) {
      const w = want[caseName] as number;
      expect(Math.abs(res[field] / w - 1), `${field}: got ${res[field]}, want ${w} (rel ${rel})`).toBeLessThanOrEqual(rel);
    }
  });

  it('llm-ttft-share: answer time and the share of 10 ms in the time to first token', () => {
    const { input, want, tol: rel } = numericCase('llm-ttft-share', 'relative');
    const res = runModel(latencyEstimator, {
      ...base,
      llm: { ttft_s: input.ttft_s, tokens_per_s: input.tokens_per_s, answer_tokens: input.answer_tokens },
    });
    expect(Math.abs(res.llm.answer_s / (want.answer_s as number) - 1)).toBeLessThanOrEqual(rel);
    // The case's yardstick is a 10 ms difference; the API applies the same share to the computed one.
    expect(Math.abs(delayShare(10, res.llm.ttft_s) / (want.share_of_10ms_in_ttft as number) - 1)).toBeLessThanOrEqual(rel);
    expect(res.llm.share_of_ttft).toBeCloseTo(delayShare(res.propagation_difference_ms, input.ttft_s as number), 12);
    expect(res.llm.share_of_answer).toBeCloseTo(delayShare(res.propagation_difference_ms, want.answer_s as number), 4);
  });

  it('uptime-tiers-gpu-failures: GPU failure rate from Llama 3, and the tier availabilities the outage view uses', () => {
    const { input, want, tol } = numericCase('uptime-tiers-gpu-failures', 'absolute');
    const res = runModel(latencyEstimator, {
      ...base,
      reliability: {
        gpu_interruptions: input.gpu_interruptions,
        hbm_interruptions: input.hbm_interruptions,
        gpus: input.gpus,
        observed_days: input.days,
      },
    });
    within(res.outage.gpu_failure_per_year, want.gpu_failure_per_year as number, tol);
    within(res.outage.tier3_availability, want.tier3_availability as number, tol);
    within(res.outage.tier4_availability, want.tier4_availability as number, tol);
    // The defaults are the case's own figures (Llama 3): the same rate without the reliability block.
    const defaults = runModel(latencyEstimator, base);
    within(defaults.outage.gpu_failure_per_year, want.gpu_failure_per_year as number, tol);
    expect(defaults.assumptions.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['reliability.gpus', 'reliability.tier3_availability', 'reliability.tier4_availability']),
    );
  });
});
