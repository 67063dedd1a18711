/**
 * Links: can the data get to an orbital data center, between its satellites, and back down? The
 * optical inter-satellite link (models/links-isl.ts), the ground link, Ka-band or optical
 * (models/links-ground.ts), and what a workload asks of them (models/links-workload.ts): each need
 * set against the link that carries it, and the binding one named. A link that carries nothing
 * where it is asked to is a 422 with its figures.
 */
import { z } from 'zod';
import { SECONDS_PER_DAY } from './constants.js';
import { coefficient, sumCosts } from './cost.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { significant } from './format.js';
import { classFromMeanMotion, passPredictionCost } from './latency-cost.js';
import {
  contactPlace,
  type DownlinkCase,
  DownlinkOutput,
  DownlinkRequest,
  type DownlinkResult,
  downlinkImpossible,
  runDownlink,
  volumeTb,
} from './links-ground.js';
import { IslOutput, IslRequest, type IslResult, islImpossible, runIsl } from './links-isl.js';
import { InferenceNeed, inferenceNeed, TrainingNeed, trainingNeed, WorkloadRequest } from './links-workload.js';
import { ageAtEndS, type OrbitSpec, resolveCost, specMeanElements, specPeriodS } from './orbit.js';
import type { Provenance } from './provenance.js';

export const LinksInput = z
  .object({
    isl: IslRequest.optional().describe('An optical link between two satellites of the cluster'),
    downlink: DownlinkRequest.optional().describe('A link from a satellite to a ground station'),
    workload: WorkloadRequest.optional().describe('What the links must carry'),
  })
  .strict()
  .refine((x) => x.isl !== undefined || x.downlink !== undefined, {
    message: 'expected isl, downlink or both: the links to size',
    path: ['isl'],
  });
export type LinksCase = z.output<typeof LinksInput>;

const Check = z.object({
  need: z
    .enum(['training_allreduce', 'inference_down', 'inference_up'])
    .describe('What is carried: a training step’s gradient exchange, answers down, prompts up'),
  link: z.enum(['isl', 'downlink', 'uplink']).describe('The link that carries it'),
  required_gbps: z.number().describe('What the need asks of that link, Gbit/s'),
  carried_gbps: z
    .number()
    .nullable()
    .describe('What the link carries, Gbit/s (a ground station’s average over the day); null when the request does not size it'),
  ratio: z
    .number()
    .nullable()
    .describe('required ÷ carried: above 1 the link cannot keep up; null when the request does not size the link'),
  carries: z.boolean().nullable().describe('Whether the link keeps up (ratio ≤ 1); null when not sized'),
  detail: z.string().describe('The comparison in words'),
});
type CheckT = z.infer<typeof Check>;

export const LinksOutput = z.object({
  isl: IslOutput.nullable().describe('The inter-satellite link budget; null when not asked'),
  downlink: DownlinkOutput.nullable().describe('The ground link budget; null when not asked'),
  workload: z
    .object({
      inference: InferenceNeed.nullable().describe('What inference needs; null when not asked'),
      training: TrainingNeed.nullable().describe('What training needs; null when not asked'),
    })
    .nullable()
    .describe('What the workload asks of the links; null without one'),
  checks: z.array(Check).describe('Each need against the link that carries it'),
  binding_link: z
    .object({
      need: Check.shape.need,
      link: Check.shape.link,
      ratio: z.number().describe('required ÷ carried of the binding check'),
      carries: z.boolean().describe('Whether even the binding link keeps up'),
    })
    .nullable()
    .describe('The check with the largest ratio: the link that limits the workload; null when none was sized'),
});
type LinksResult = z.input<typeof LinksOutput>;

/** The training step's exchange against the inter-satellite link: each worker's link in the ring carries its share. */
function trainingCheck(need: z.infer<typeof TrainingNeed>, isl: IslResult | null): CheckT {
  const carried = isl ? isl.rate_gbps : null;
  return compare('training_allreduce', 'isl', need.required_gbps_per_worker, carried, (r) =>
    carried === null
      ? 'give isl to size the link between the satellites'
      : `each worker's link must carry ${significant(need.required_gbps_per_worker)} Gbit/s to exchange its gradients within a ${significant(need.step_s)}-s step; the link carries ${significant(carried)} Gbit/s (${r > 1 ? `${significant(r)} times what it can` : `${significant(r * 100)} % of it`})`,
  );
}

/** A ground station's average over the day: its daily volume spread over 24 h, or its rate when only a slant range is given. */
function dailyAverageGbps(d: DownlinkResult): number {
  return d.daily_volume_tb != null ? d.daily_volume_tb / volumeTb(1, SECONDS_PER_DAY) : d.rate_gbps;
}

/** Inference's answers against the downlink, and its prompts against an uplink this estimator does not size. */
function inferenceChecks(need: z.infer<typeof InferenceNeed>, downlink: DownlinkResult | null): CheckT[] {
  const carried = downlink ? dailyAverageGbps(downlink) : null;
  const how =
    downlink?.daily_volume_tb != null ? 'averaged over the day' : 'while in contact (no orbit: no day of contact sized)';
  const down = compare('inference_down', 'downlink', need.down_gbps, carried, (r) =>
    carried === null
      ? 'give downlink to size the ground link'
      : `the answers need ${significant(need.down_gbps)} Gbit/s down; one station carries ${significant(carried)} Gbit/s ${how}, so ${Math.ceil(r)} station${Math.ceil(r) === 1 ? '' : 's'} seeing the satellite at different times would keep up`,
  );
  const up = compare('inference_up', 'uplink', need.up_gbps, null, () => 'the uplink is not sized by this estimator');
  return need.up_gbps > 0 ? [down, up] : [down];
}

function compare(
  need: CheckT['need'],
  link: CheckT['link'],
  required: number,
  carried: number | null,
  detail: (ratio: number) => string,
): CheckT {
  const ratio = carried === null ? null : carried > 0 ? required / carried : null;
  return {
    need,
    link,
    required_gbps: required,
    carried_gbps: carried,
    ratio,
    carries: ratio === null ? (carried === 0 ? false : null) : ratio <= 1,
    detail: detail(ratio ?? Number.NaN),
  };
}

/** The check with the largest ratio. */
function bindingOf(checks: CheckT[]): LinksResult['binding_link'] {
  const sized = checks.filter((c) => c.ratio !== null);
  if (sized.length === 0) return null;
  const worst = sized.reduce((a, b) => ((b.ratio as number) > (a.ratio as number) ? b : a));
  return { need: worst.need, link: worst.link, ratio: worst.ratio as number, carries: worst.carries as boolean };
}

/** Each link's budget, refused (422 with its figures) when it carries nothing where it is asked to. */
function linkBudgets(input: LinksCase, p: Provenance) {
  const isl = input.isl ? runIsl(input.isl, p) : null;
  const islWhy = isl && islImpossible(isl);
  if (islWhy)
    throw new PhysicallyImpossible(`isl: ${islWhy}`, '/isl/distance_km', {
      distance_km: input.isl?.distance_km ?? 0,
      received_power_w: isl.received_power_w,
      required_power_w: isl.required_power_w,
    });
  const downlink = input.downlink ? runDownlink(input.downlink, p) : null;
  const downWhy = downlink && downlinkImpossible(downlink);
  if (downWhy)
    throw new PhysicallyImpossible(`downlink: ${downWhy}`, '/downlink', {
      slant_range_km: downlink.slant_range_km,
      rate_gbps: downlink.rate_gbps,
    });
  return { isl, downlink };
}

export function runLinks(input: LinksCase, p: Provenance): LinksResult {
  const { isl, downlink } = linkBudgets(input, p);
  const w = input.workload;
  const inference = w?.inference ? inferenceNeed(w.inference, p) : null;
  const training = w?.training ? trainingNeed(w.training, p) : null;
  const checks = [
    ...(training ? [trainingCheck(training, isl)] : []),
    ...(inference ? inferenceChecks(inference, downlink) : []),
  ];
  return { isl, downlink, workload: w ? { inference, training } : null, checks, binding_link: bindingOf(checks) };
}

/**
 * CPU seconds of a day's contact search over the station: the orbit resolved, then the pass
 * prediction of one satellite over one site for 24 h, priced as latency prices its event search
 * (its coarse samples, and the passes expected over that station at that mask refined).
 */
function contactSearchCost(c: DownlinkCase & { orbit: OrbitSpec }): number {
  const elements = specMeanElements(c.orbit);
  const period_s = specPeriodS(c.orbit);
  const orbitClass =
    elements && period_s !== null
      ? classFromMeanMotion(
          elements.meanMotion_rev_day,
          elements.eccentricity,
          elements.inclination_deg,
          ageAtEndS(c.orbit, c.epoch, SECONDS_PER_DAY),
        )
      : null;
  // An orbit that gives no class is refused when it is resolved, before any search.
  if (orbitClass === null) return resolveCost(c.orbit);
  const { lat_deg, mask_deg } = contactPlace(c);
  return resolveCost(c.orbit) + passPredictionCost(orbitClass, lat_deg, mask_deg, SECONDS_PER_DAY);
}

export function estimateLinksCost(input: LinksCase): Cost {
  const downlink = input.downlink;
  return sumCosts({
    'link budgets': { cpu_s: coefficient('execution.cost.links_s'), basis: 'closed forms' },
    ...(downlink?.orbit && {
      contact: {
        cpu_s: contactSearchCost({ ...downlink, orbit: downlink.orbit }),
        basis: "a day's passes over the station",
        pointer: '/downlink/orbit',
      },
    }),
  });
}

export const linksEstimator = defineEstimator({
  name: 'links',
  summary: 'Links: the inter-satellite optical link, the ground link, and whether they carry a workload',
  description:
    'Can the data get to an orbital data center, between its satellites and back down? `isl`: an optical link between two satellites — a Gaussian beam from the transmit aperture, the share the receive aperture collects (near field, where the beam is still the aperture’s size, and far field, where power falls as 1/distance²), the received power per channel against the receiver’s photons per bit, the rate per channel (capped by the transceiver’s line rate) and in total over the DWDM × spatial channels, and the largest spacing that still carries `required_gbps`. `downlink`: a Ka-band (RF) or optical ground link — free-space loss (ITU-R P.525), gases (P.676), rain at the stated availability (P.618), EIRP and G/T, the rate by DVB-S2 modulation and coding or a Shannon bound, or for optics the photons per bit; with an orbit, the day’s contact with the station (the latency estimator’s event search), the daily volume and the stations a volume needs. `workload`: inference’s token streams and data-parallel training’s ring all-reduce, each set against the link that carries it, the binding one named. A link that carries nothing where it is asked to answers 422 with its figures.',
  input: LinksInput,
  output: LinksOutput,
  examples: {
    suncatcher_cluster: {
      summary: 'Two satellites of a Suncatcher-like cluster 100 m apart, training GPT-3 across 81 of them at 100 kW each',
      value: {
        isl: { distance_km: 0.1 },
        workload: { training: { parameters: 175e9, data_parallel: 81, worker_it_kw: 100 } },
      },
    },
    optical_downlink: {
      summary: 'A 650 km dawn-dusk satellite to ESA’s optical ground station: a day’s contact and volume',
      value: { downlink: { band: 'optical', orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 } } },
    },
    ka_downlink: {
      summary: 'A Ka-band downlink at 1,000 km slant range, serving a million tokens a second',
      value: { downlink: { frequency_ghz: 26, slant_range_km: 1000 }, workload: { inference: { output_tokens_per_s: 1e6 } } },
    },
  },
  run: runLinks,
  cost: estimateLinksCost,
});
