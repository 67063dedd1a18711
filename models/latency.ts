import { z } from 'zod';
import { ELEMENT_SETS, SITES } from '../fixtures/index.js';
import {
  C_KM_S,
  DEG,
  EGM96_MU_KM3_S2,
  HOURS_PER_COMMON_YEAR,
  IUGG_MEAN_EARTH_RADIUS_KM,
  WGS72_A_KM,
  WGS84_A_KM,
} from './constants.js';
import { PhysicallyImpossible, TooLarge } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { type LatencyDrivers, latencyCost, orbitClasses } from './latency-cost.js';
import { complementIntervals, MinHeap, mergeIntervals, quantileSorted, sampleCount, wrap180, wrap360 } from './numerics.js';
import { checkElementSet, resolveOrbit } from './orbit.js';
import { Provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { failuresPerYear } from './scenario.js';
import { dateToJd, jdToDate, satrecFromTle, TleSchema } from './sgp4.js';
import { distanceKm, type Vec3 } from './vec3.js';
import {
  countHandovers,
  ecfAt,
  type SearchStats,
  type Site,
  type SiteGeometry,
  searchWindows,
  siteGeometry,
  slantRangeKm,
  type Track,
  track,
  type Window,
} from './visibility.js';

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/** Great-circle distance by the haversine formula on a sphere of radius R, km. */
export function greatCircleKm(lat1_deg: number, lon1_deg: number, lat2_deg: number, lon2_deg: number, R_km: number): number {
  const p1 = lat1_deg * DEG;
  const p2 = lat2_deg * DEG;
  const dp = p2 - p1;
  const dl = (lon2_deg - lon1_deg) * DEG;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * R_km * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Round trip over a path of one-way length L at speed c/n: 2 L n / c, ms. */
export function roundTripMs(oneWay_km: number, index = 1): number {
  return ((2 * oneWay_km * index) / C_KM_S) * 1000;
}

/** Zenith bent-pipe floor: `legs` legs of the altitude at the speed of light, ms (4 legs: up, down, up, down). */
export function zenithFloorMs(altitude_km: number, legs = 4): number {
  return ((legs * altitude_km) / C_KM_S) * 1000;
}

/** Time to a full LLM answer: time to first token plus the remaining tokens at the generation rate, s. */
export function llmAnswerS(ttft_s: number, tokens_per_s: number, answer_tokens: number): number {
  return ttft_s + answer_tokens / tokens_per_s;
}

/** Minutes in the 365-day year of every per-year figure (525,600): the unit of downtime per year. */
const MINUTES_PER_YEAR = HOURS_PER_COMMON_YEAR * 60;

/** Share of a duration that a delay is: delay / duration (both as given, ms and s). */
export function delayShare(delay_ms: number, duration_s: number): number {
  return delay_ms / 1000 / duration_s;
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

const SITE_NAMES = SITES.map((s) => s.name) as [string, ...string[]];

const SiteCoordinates = z
  .object({
    name: z.string().min(1).max(64).optional().describe('Label of the site in the results (default "lat,lon")'),
    lat_deg: quantity('deg', { min: -90, max: 90, description: 'Geodetic latitude (WGS84)' }),
    lon_deg: quantity('deg', { min: -180, max: 180, description: 'Longitude, east positive' }),
    alt_km: quantity('km', { min: -0.5, max: 10, description: 'Height above the WGS84 ellipsoid (default 0)' }).optional(),
  })
  .strict();

export const SiteSchema = z
  .union([z.enum(SITE_NAMES), SiteCoordinates], {
    // An object was meant as coordinates: say which coordinate is wrong; anything else, say what is accepted.
    error: (issue) => {
      const branches = (issue as { errors?: { path: PropertyKey[]; message: string }[][] }).errors;
      const coordinates = branches?.[1];
      if (issue.input !== null && typeof issue.input === 'object' && coordinates?.length)
        return coordinates.map((i) => (i.path.length ? `${i.path.join('/')}: ${i.message}` : i.message)).join('; ');
      return `expected a catalogue site name (${SITE_NAMES.join(', ')}) or coordinates { lat_deg, lon_deg, alt_km? }`;
    },
  })
  .describe('A ground site: coordinates, or the name of a place in the catalogue (fixtures/sites.json, GeoNames)');

export const WalkerSchema = z
  .object({
    altitude_km: quantity('km', { gt: 0, lt: 50_000, description: 'Circular-orbit altitude above the WGS84 equator' }),
    inclination_deg: quantity('deg', { min: 0, max: 180 }),
    planes: z.number().int().min(1).max(200).describe('Number of orbit planes P'),
    sats_per_plane: z.number().int().min(1).max(200).describe('Satellites per plane S'),
    phasing: z.number().int().min(0).describe('Walker phasing factor F, 0 ≤ F < P'),
    raan0_deg: quantity('deg', { min: -360, max: 360, description: 'RAAN of plane 0 (default 0)' }).optional(),
    raan_spread_deg: quantity('deg', {
      gt: 0,
      max: 360,
      description:
        'Arc of right ascension the planes are spread over, plane p at raan0 + p·spread/P: 360 (default) is a Walker delta, 180 a Walker star (polar planes all ascending on one side of the Earth)',
    }).optional(),
    epoch: z.iso.datetime({ offset: true }).optional().describe('Epoch of the elements (default: the interval start)'),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.phasing >= w.planes)
      ctx.addIssue({
        code: 'custom',
        path: ['phasing'],
        message: `expected 0 ≤ phasing < planes (${w.planes}), got ${w.phasing}`,
      });
  })
  .describe(
    'Walker shell T/P/F (Walker 1984): P planes with RAAN Ω_p = raan0 + p·spread/P (spread 360°: delta, the default; 180°: star), S satellites per plane with mean anomaly (argument of latitude) M_ps = s·360/S + p·F·360/T, T = P·S, circular, all at one epoch. Satellites are named "P<p>-S<s>" and numbered p·S + s.',
  );

const SatellitesSchema = z
  .object({
    tles: z.array(TleSchema).min(1).max(5000).optional().describe('Element sets (TLE) propagated with SGP4'),
    element_set: z
      .enum(Object.keys(ELEMENT_SETS) as [string, ...string[]])
      .optional()
      .describe('A real element set from the catalogue (fixtures/element-sets.json), used near its epoch'),
    walker: WalkerSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const forms = [s.tles, s.element_set, s.walker].filter((x) => x !== undefined).length;
    if (forms !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of tles, element_set or walker, got ${forms === 0 ? 'none' : 'more than one'}`,
      });
  })
  .describe('The satellites: exactly one of tles, element_set or walker');

const IsoTime = z.iso.datetime({ offset: true });

/** The LLM answer a propagation delay is set against: time to first token, generation rate, length. */
export const LlmSchema = z
  .object({
    ttft_s: quantity('s', { gt: 0, max: 600, description: 'Time to first token' }).optional(),
    tokens_per_s: z.number().gt(0).max(100_000).optional().describe('Generation rate, tokens per second'),
    answer_tokens: z.number().int().min(1).max(1_000_000).optional().describe('Tokens in the answer'),
  })
  .strict()
  .describe('The LLM answer the propagation delay is set against (default: GPT-4o, 0.39 s and 81 tokens/s, 500 tokens)');

const LatencyRequest = z
  .object({
    satellites: SatellitesSchema,
    sites: z
      .array(SiteSchema)
      .min(1)
      .max(20)
      .describe('Ground sites; the first is the user (coverage, gaps and round trip are for it)'),
    gateway: SiteSchema.optional().describe(
      'Where the satellite path lands (bent pipe down-link, or the laser mesh exit); default: the data_center, else the second site. Without any of them the round trip to the ground is null (rtt_reason); without an orbital_data_center either, the request is a pass prediction: windows and coverage',
    ),
    data_center: SiteSchema.optional().describe(
      'Terrestrial data center the user would otherwise reach over fibre; default: the gateway',
    ),
    start: IsoTime.describe('Start of the interval, ISO-8601 UTC'),
    end: IsoTime.describe('End of the interval, ISO-8601 UTC'),
    min_elevation_deg: quantity('deg', { min: 0, lt: 90, description: 'Elevation mask of every site' }).optional(),
    inter_satellite_links: z
      .boolean()
      .optional()
      .describe(
        'Route over +grid laser links (walker shells only); default false: a bent pipe to the gateway (one satellite seen by both ends), and an orbital data center only while the user sees it',
      ),
    isl_grazing_altitude_km: quantity('km', {
      min: 0,
      max: 2000,
      description:
        'With inter_satellite_links: a laser link whose line of sight passes lower than this above the Earth is not used',
    }).optional(),
    route_factor: z.number().min(1).max(10).optional().describe('Fibre route length over the great-circle distance'),
    fibre_group_index: z.number().min(1).max(2).optional().describe('Group index of the fibre (speed c / n)'),
    rtt_step_s: quantity('s', { min: 1, max: 3600, description: 'Sampling step of the round trip' }).optional(),
    llm: LlmSchema.optional(),
    orbital_data_center: z
      .object({
        satellite: z
          .union([z.number().int().min(0), z.string().min(1)])
          .describe('The satellite that hosts the data center: its index in the list or its name'),
        gpus: z.number().int().min(1).max(10_000_000).optional().describe('GPUs on board (for the failure figures)'),
      })
      .strict()
      .optional()
      .describe('A data center on one of the satellites: its round trip from the user, its contact with the gateway'),
    reliability: z
      .object({
        gpu_interruptions: z.number().int().min(0).optional().describe('Job interruptions the GPUs caused over the period'),
        hbm_interruptions: z.number().int().min(0).optional().describe('Job interruptions the GPUs’ HBM memory caused'),
        gpus: z.number().int().min(1).optional().describe('GPUs in the fleet observed'),
        observed_days: quantity('d', { gt: 0, max: 36_525 }).optional(),
        tier3_availability: z
          .number()
          .gt(0)
          .max(1)
          .optional()
          .describe('Availability of a Tier III site, fraction of the year: a yardstick of the outage view'),
        tier4_availability: z
          .number()
          .gt(0)
          .max(1)
          .optional()
          .describe('Availability of a Tier IV site, fraction of the year: a yardstick of the outage view'),
      })
      .strict()
      .optional()
      .describe('Observed GPU failures on a terrestrial fleet (default: Llama 3 pre-training)'),
    include_windows: z.boolean().optional().describe('List every window (default true)'),
  })
  .strict()
  .superRefine((x, ctx) => {
    const t0 = Date.parse(x.start);
    const t1 = Date.parse(x.end);
    if (!(t1 > t0))
      ctx.addIssue({ code: 'custom', path: ['end'], message: `expected an end after the start (${x.start}), got ${x.end}` });
    if (x.inter_satellite_links && !x.satellites.walker)
      ctx.addIssue({
        code: 'custom',
        path: ['inter_satellite_links'],
        message:
          'expected a walker shell with inter_satellite_links: the +grid topology is defined by planes and slots, which a list of element sets does not give',
      });
  });

type Tle = z.output<typeof TleSchema>;
export type WalkerShell = z.output<typeof WalkerSchema>;
type SiteGiven = z.output<typeof SiteSchema>;

/** The satellites in one tagged form: element sets (given, or a catalogue set's) or a Walker shell. */
export type SatellitesCase =
  | { kind: 'tles'; tles: readonly Tle[] }
  | { kind: 'element_set'; element_set: string; tles: readonly Tle[] }
  | { kind: 'walker'; walker: WalkerShell };

/** A latency request as the model reads it: the satellites tagged by form, the sites with the user first. */
export type LatencyCase = Omit<z.output<typeof LatencyRequest>, 'satellites' | 'sites'> & {
  satellites: SatellitesCase;
  sites: [SiteGiven, ...SiteGiven[]];
};

/** The one form of satellites the request gives (the schema admits exactly one), with a catalogue set's element sets. */
function satellitesCase(s: z.output<typeof SatellitesSchema>, ctx: z.RefinementCtx): SatellitesCase {
  if (s.walker) return { kind: 'walker', walker: s.walker };
  if (s.tles) return { kind: 'tles', tles: s.tles };
  const set = s.element_set === undefined ? undefined : ELEMENT_SETS[s.element_set];
  if (s.element_set === undefined || set === undefined) {
    ctx.addIssue({ code: 'custom', path: ['satellites'], message: 'expected one of tles, element_set or walker' });
    return z.NEVER;
  }
  return { kind: 'element_set', element_set: s.element_set, tles: set.tles };
}

/** The parsed request as a LatencyCase (runs only on a request that passed every check). */
function latencyCase(x: z.output<typeof LatencyRequest>, ctx: z.RefinementCtx): LatencyCase {
  const [user, ...others] = x.sites;
  if (user === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sites'], message: 'expected at least one site' });
    return z.NEVER;
  }
  return { ...x, satellites: satellitesCase(x.satellites, ctx), sites: [user, ...others] };
}

export const LatencyInput = LatencyRequest.transform(latencyCase);

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const Stats = z.object({
  min: z.number().describe('Smallest sampled round trip, ms'),
  median: z.number().describe('Median of the samples (type-7 quantile), ms'),
  p95: z.number().describe('95th percentile of the samples (type-7 quantile), ms'),
});

const GapStats = z.object({
  count: z.number().int().describe('Number of gaps'),
  total_s: z.number().describe('Time in gaps, s'),
  mean_s: z.number().describe('Mean gap, s (0 without gaps)'),
  median_s: z.number().describe('Median gap, s (0 without gaps)'),
  max_s: z.number().describe('Longest gap, s (0 without gaps)'),
  longest_start: z.string().nullable().describe('Start of the longest gap, ISO-8601 UTC; null without gaps'),
});

const SiteOutput = z.object({
  name: z.string().describe('Catalogue name, the name given, or "lat,lon"'),
  role: z.enum(['user', 'site', 'gateway']).describe('The user (first site), the gateway, or another site'),
  lat_deg: z.number().describe('Geodetic latitude, deg'),
  lon_deg: z.number().describe('Longitude, east positive, deg'),
  alt_km: z.number().describe('Height above the WGS84 ellipsoid, km'),
  windows: z.number().int().describe('Visibility windows at this site, all satellites'),
  coverage_fraction: z.number().describe('Share of the interval with at least one satellite above the mask'),
  mean_satellites_in_view: z.number().describe('Time-mean number of satellites above the mask'),
  gaps: GapStats.describe('Intervals in which this site sees no satellite'),
  handovers: z.number().int().describe('Handovers (stay until set, then the longest-lasting satellite)'),
  handovers_per_hour: z.number().describe('The same, per hour, 1/h'),
});

const WindowOutput = z.object({
  site: z.string().describe('The site that sees the satellite'),
  satellite: z.string().describe('The satellite seen'),
  start: z.string().describe('Rise above the mask, ISO-8601 UTC'),
  end: z.string().describe('Set below the mask, ISO-8601 UTC'),
  duration_s: z.number().describe('Length of the window, s'),
  max_elevation_deg: z.number().describe('Highest elevation in the window, deg'),
  max_elevation_at: z.string().describe('When it culminates, ISO-8601 UTC'),
  clipped: z.boolean().describe('Open at the start or the end of the interval'),
});

export const LatencyOutput = z.object({
  start: z.string().describe('Start of the interval, ISO-8601 UTC'),
  end: z.string().describe('End of the interval, ISO-8601 UTC'),
  duration_h: z.number().describe('Length of the interval, h'),
  min_elevation_deg: z.number().describe('Elevation mask of every site, deg'),
  satellites: z
    .object({
      count: z.number().int().describe('Satellites propagated'),
      kind: z.enum(['tles', 'element_set', 'walker']).describe('How they were given'),
      min_altitude_km: z.number().describe('Lowest mean altitude a − Re (WGS84) among the satellites'),
      period_min: z
        .object({
          min: z.number().describe('Shortest, min'),
          max: z.number().describe('Longest, min'),
        })
        .describe('Orbital periods from SGP4 mean motion, min'),
      epochs: z
        .object({
          earliest: z.string().describe('Earliest, ISO-8601 UTC'),
          latest: z.string().describe('Latest, ISO-8601 UTC'),
        })
        .describe('Epochs of the elements'),
    })
    .describe('The satellites propagated'),
  windows: z.array(WindowOutput).describe('Visibility windows sorted by start, all sites'),
  coverage_fraction: z.number().describe('Share of the interval in which the user sees at least one satellite'),
  gaps: GapStats.describe('Intervals in which the user sees no satellite'),
  handovers_per_hour: z.number().describe('User handovers per hour (stay until set, then the longest-lasting satellite)'),
  sites: z.array(SiteOutput).describe('Every site searched (the gateway included), with its own figures'),
  rtt_ms: Stats.nullable().describe(
    'Round trip user → satellite(s) → gateway → fibre → data center and back over the samples with a path, ms: the space segment from the propagated slant ranges plus gateway_fibre_rtt_ms',
  ),
  rtt_reason: z
    .string()
    .nullable()
    .describe('Why rtt_ms is null (no far end on the ground, or no path at any sample); null when it is given'),
  rtt: z
    .object({
      path: z
        .enum(['bent_pipe', 'inter_satellite_links'])
        .describe('One satellite seen by both ends, or shortest paths over +grid laser links'),
      step_s: z.number().describe('Sampling step of the round trip, s'),
      samples: z.number().int().describe('Grid samples in the interval'),
      samples_with_path: z.number().int().describe('Samples at which the user has a path to the gateway'),
      path_fraction: z.number().describe('Share of the samples at which a path exists'),
      hops_median: z.number().nullable().describe('Satellites on the path (median); 1 for a bent pipe'),
      gateway: z.string().describe('Where the satellite path lands'),
    })
    .nullable()
    .describe('How the round trip to the ground was sampled; null without a far end on the ground'),
  rtt_floor_ms: z
    .number()
    .describe(
      'Nominal zenith bent pipe at the lowest mean altitude: 4 legs × altitude / c. SGP4 radii swing a few km about the mean, so a real round trip may dip just below it; rtt_geometric_floor_ms is the strict bound',
    ),
  zenith_slant_range_km: z.number().describe('Slant range at 90° elevation at the lowest mean altitude, km'),
  rtt_geometric_floor_ms: z
    .number()
    .nullable()
    .describe(
      'Floor for these ends, ms: 2·[(r_min − |s_user|) + (r_min − |s_gateway|)]/c with r_min the lowest geocentric radius of a satellite on the sampled paths, plus gateway_fibre_rtt_ms',
    ),
  great_circle_km: z
    .number()
    .nullable()
    .describe('User to data center, haversine on the IUGG mean radius 6371.0088 km; null without a data center'),
  vacuum_rtt_ms: z.number().nullable().describe('Round trip over the great circle at c, ms; null without a data center'),
  fibre_rtt_ms: z
    .number()
    .nullable()
    .describe('Round trip over fibre: great circle × route factor at c / group index, ms; null without a data center'),
  route_factor: z
    .number()
    .nullable()
    .describe('Fibre route length over the great-circle distance used, dimensionless; null when no fibre is counted'),
  fibre_group_index: z
    .number()
    .nullable()
    .describe('Group index of the fibre used (light travels at c / n), dimensionless; null when no fibre is counted'),
  data_center: z.string().nullable().describe('The terrestrial data center the fibre figures reach; null without one'),
  gateway_great_circle_km: z
    .number()
    .nullable()
    .describe('Gateway to data center, haversine on the IUGG mean radius, km; 0 when the path lands at the data center'),
  gateway_fibre_rtt_ms: z
    .number()
    .nullable()
    .describe(
      'Round trip over the fibre leg from the gateway to the data center (great circle × route factor at c / group index), ms; included in rtt_ms, 0 when the gateway is the data center',
    ),
  propagation_difference_ms: z
    .number()
    .nullable()
    .describe('Median orbital round trip minus the fibre round trip (negative: orbit is faster)'),
  orbital_data_center: z
    .object({
      satellite: z.string().describe('The satellite that hosts the data center'),
      path: z
        .enum(['inter_satellite_links', 'direct'])
        .describe('Over +grid laser links from any satellite the user sees, or direct: only while the user sees that satellite'),
      rtt_ms: Stats.nullable().describe(
        'Round trip user → satellite(s) → the data-center satellite → back, over the samples with a path, ms',
      ),
      rtt_reason: z.string().nullable().describe('Why rtt_ms is null (no path at any sample); null when it is given'),
      line_of_sight_rtt_ms: Stats.nullable().describe(
        'Round trip at c along the straight line user → data-center satellite at the same samples, ms: no path is shorter; a direct path is this line',
      ),
      reachable_fraction: z
        .number()
        .describe('Share of the round-trip samples at which the user has a path to the data-center satellite'),
      step_s: z.number().describe('Sampling step of the round trip, s'),
      samples: z.number().int().describe('Grid samples in the interval'),
      samples_with_path: z.number().int().describe('Samples at which the user reaches the data-center satellite'),
      hops_median: z
        .number()
        .nullable()
        .describe('Satellites on the path, the data center included (median); 1 when it is in the user’s view'),
      propagation_difference_ms: z
        .number()
        .nullable()
        .describe(
          'Median round trip to the orbital data center minus the fibre round trip to the terrestrial data center, ms (negative: orbit is faster); null without a terrestrial data center or without a path',
        ),
    })
    .nullable()
    .describe(
      'The orbital data center (orbital_data_center.satellite) as the user reaches it; null when none is asked for. Its contact with the gateway is under outage.orbital_data_center',
    ),
  llm: z
    .object({
      ttft_s: z.number().describe('Time to first token, s'),
      tokens_per_s: z.number().describe('Generation rate, tokens per second'),
      answer_tokens: z.number().describe('Tokens in the answer'),
      answer_s: z.number().describe('Time to the full answer: TTFT + tokens / rate'),
      share_of_ttft: z.number().nullable().describe('Propagation difference / time to first token'),
      share_of_answer: z.number().nullable().describe('Propagation difference / time to the full answer'),
    })
    .describe('Time to an LLM answer, and the share of it the propagation difference is'),
  outage: z
    .object({
      user_no_satellite_fraction: z.number().describe('Share of the interval with no satellite above the user’s mask'),
      user_no_path_fraction: z
        .number()
        .nullable()
        .describe('Share of round-trip samples with no path to the gateway; null without a gateway'),
      user_no_path_min_per_year: z
        .number()
        .nullable()
        .describe('The same, as minutes per 365-day year (525,600 min); null without a gateway'),
      orbital_data_center: z
        .object({
          satellite: z.string().describe('The satellite that hosts the data center'),
          reachable_fraction_direct: z
            .number()
            .nullable()
            .describe('Share of the interval the satellite is above the gateway’s mask; null without a gateway'),
          reachable_fraction_via_links: z
            .number()
            .nullable()
            .describe(
              'With laser links: share of the samples at which the gateway reaches it through the mesh; null without links or without a gateway',
            ),
          longest_unreachable_s: z
            .number()
            .nullable()
            .describe('Longest stretch without direct contact from the gateway, s; null without a gateway'),
          gpus: z.number().nullable().describe('GPUs on board, as given; null when not given'),
          gpu_failures_per_year: z
            .number()
            .nullable()
            .describe('Expected GPU failures per 365-day year on board, not repairable'),
        })
        .nullable()
        .describe('The gateway’s contact with the orbital data center and its GPU failures; null when none is asked for'),
      tier3_availability: z.number().describe('Tier III site availability, fraction of the year'),
      tier4_availability: z.number().describe('Tier IV site availability, fraction of the year'),
      tier3_downtime_min_per_year: z.number().describe('Downtime Tier III allows, minutes per 365-day year'),
      tier4_downtime_min_per_year: z.number().describe('Downtime Tier IV allows, minutes per 365-day year'),
      gpu_failure_per_year: z
        .number()
        .describe('Failures per GPU per 365-day year (GPU and HBM faults) observed on a terrestrial fleet'),
    })
    .describe('Time without service against the Uptime tiers, per 365-day year'),
  search: z
    .object({
      method: z.string().describe('How the windows were found'),
      samples: z.number().int().describe('Coarse samples (SGP4 calls) over all satellites'),
      refinements: z.number().int().describe('SGP4 calls spent refining crossings and culminations'),
      brute_force_1s_equivalent: z.number().int().describe('SGP4 calls a 1-second scan of the same interval would make'),
      step_min_s: z.number().describe('Smallest coarse step taken, s'),
      step_max_s: z.number().describe('Largest coarse step taken, s'),
      edge_tolerance_s: z.number().describe('Tolerance on window edges, s'),
    })
    .describe('What the event search cost, against a 1-second scan'),
});
export type LatencyResult = z.input<typeof LatencyOutput>;

// ---------------------------------------------------------------------------------------------
// Satellites and sites
// ---------------------------------------------------------------------------------------------

interface Fleet {
  kind: 'tles' | 'element_set' | 'walker';
  tracks: Track[];
  /** Walker topology; `seam`: the last plane neighbours plane 0 (planes spread over 360°). */
  walker?: { planes: number; perPlane: number; phasing: number; seam: boolean };
  minAltitude_km: number;
}

/**
 * Slots of a Walker shell T/P/F (Walker 1984): plane p at RAAN Ω_p = raan0 + p·spread/P, slot s of
 * plane p at argument of latitude u_ps = s·360/S + p·F·360/T, both in [0, 360), deg.
 */
export function walkerSlots(w: Omit<WalkerShell, 'epoch'>, spread_deg: number) {
  const T = w.planes * w.sats_per_plane;
  const raan0 = w.raan0_deg ?? 0;
  const slots: { name: string; raan_deg: number; argument_of_latitude_deg: number }[] = [];
  for (let pl = 0; pl < w.planes; pl++)
    for (let k = 0; k < w.sats_per_plane; k++)
      slots.push({
        name: `P${pl}-S${k}`,
        raan_deg: wrap360(raan0 + (pl * spread_deg) / w.planes),
        argument_of_latitude_deg: wrap360((k * 360) / w.sats_per_plane + (pl * w.phasing * 360) / T),
      });
  return slots;
}

/** A Walker shell's satellites as SGP4 tracks (circular orbits at one epoch), with its +grid topology. */
function walkerFleet(w: WalkerShell, start: Date, p: Provenance): Fleet {
  const spread = p.orDefault('latency.walker.raan_spread_deg', w.raan_spread_deg, 'satellites.walker.raan_spread_deg');
  warnCounterRotatingPlanes(w, spread, p);
  const epochIso = w.epoch ?? start.toISOString();
  const jd0 = dateToJd(start);
  const tracks = walkerSlots(w, spread).map((slot) => {
    const orbit = resolveOrbit(
      {
        altitude_km: w.altitude_km,
        inclination_deg: w.inclination_deg,
        raan_deg: wrap180(slot.raan_deg),
        mean_anomaly_deg: wrap180(slot.argument_of_latitude_deg),
      },
      epochIso,
      p,
      '/satellites/walker',
    );
    return track(slot.name, orbit.satrec, start, '/satellites/walker', jd0);
  });
  return {
    kind: 'walker',
    tracks,
    walker: { planes: w.planes, perPlane: w.sats_per_plane, phasing: w.phasing, seam: spread === 360 },
    minAltitude_km: w.altitude_km,
  };
}

/**
 * The two planes of a Walker shell that fly closest to one plane in opposite directions: with orbit
 * normals n = (sin i sin Ω, −sin i cos Ω, cos i), planes 0 and q counter-rotate when n_0·n_q < 0,
 * and lie acos(−n_0·n_q) apart (0 for a polar delta's planes 180° apart). Null when none do.
 */
function counterRotatingPlanes(inclination_deg: number, planes: number, spread_deg: number) {
  const i = inclination_deg * DEG;
  let best: { plane: number; raan_apart_deg: number; apart_deg: number } | null = null;
  for (let q = 1; q < planes; q++) {
    const dRaan_deg = (q * spread_deg) / planes;
    const dot = Math.sin(i) ** 2 * Math.cos(dRaan_deg * DEG) + Math.cos(i) ** 2;
    if (dot >= 0) continue;
    const apart_deg = Math.acos(Math.min(1, -dot)) / DEG;
    if (!best || apart_deg < best.apart_deg) best = { plane: q, raan_apart_deg: dRaan_deg, apart_deg };
  }
  return best;
}

/** Circular orbital speed at an altitude above the WGS84 equator: v = √(μ / (Re + h)), km/s. */
const circularSpeedKmS = (altitude_km: number) => Math.sqrt(EGM96_MU_KM3_S2 / (WGS84_A_KM + altitude_km));

/** A near-polar shell spread over 360° flies each plane twice, in opposite directions: say so, with the figure. */
function warnCounterRotatingPlanes(w: WalkerShell, spread_deg: number, p: Provenance): void {
  const limit = Provenance.value('latency.walker_polar_warning_deg');
  if (spread_deg !== 360 || Math.abs(w.inclination_deg - 90) > limit) return;
  const pair = counterRotatingPlanes(w.inclination_deg, w.planes, spread_deg);
  if (!pair) return;
  p.warn(
    `a Walker delta shell at ${w.inclination_deg}° is polar within ${limit}°: with its planes spread over 360° of RAAN, plane 0 and plane ${pair.plane} (RAAN ${pair.raan_apart_deg.toFixed(1)}° apart) lie ${pair.apart_deg.toFixed(1)}° apart and fly in opposite directions, and so does every such pair: half the shell retraces the other half, satellites crossing head-on at up to ${(2 * circularSpeedKmS(w.altitude_km)).toFixed(1)} km/s. A Walker star (raan_spread_deg: 180) spreads polar planes over one side of the Earth instead`,
  );
}

/** The satellites as SGP4 tracks over the interval: a Walker shell's slots, or element sets checked against the interval. */
function buildFleet(c: LatencyCase, span: Span, p: Provenance): Fleet {
  const { start, end } = span;
  const s = c.satellites;
  const jd0 = dateToJd(start);
  if (s.kind === 'walker') return walkerFleet(s.walker, start, p);
  const tracks = s.tles.map((tle, i) => {
    const pointer = s.kind === 'tles' ? `/satellites/tles/${i}` : '/satellites/element_set';
    const satrec = satrecFromTle(tle);
    const name = tle.name?.trim() || `#${satrec.satnum}`;
    checkElementSet(satrec, [start, end], p, pointer, `the element set of ${name}`, 'the interval');
    return track(name, satrec, start, pointer, jd0);
  });
  const minAltitude_km = Math.min(...tracks.map((t) => t.satrec.a * WGS72_A_KM - WGS84_A_KM));
  return { kind: s.kind, tracks, minAltitude_km };
}

/** Satellites a request asks for, read from the input alone (before any element set is initialised). */
function satelliteCount(s: SatellitesCase): number {
  return s.kind === 'walker' ? s.walker.planes * s.walker.sats_per_plane : s.tles.length;
}

// ---------------------------------------------------------------------------------------------
// Cost: the drivers of the work, read from the request alone
// ---------------------------------------------------------------------------------------------

/** What drives a request's work: satellites, sites, interval, sampling and routing, from the request alone. */
function latencyDrivers(input: LatencyCase): LatencyDrivers {
  const scratch = new Provenance();
  const span = resolveSpan(input, scratch);
  const ends = resolveEnds(input);
  const timed = ends.far !== null || input.orbital_data_center !== undefined;
  const gateway = ends.far?.gateway;
  return {
    build: input.satellites.kind === 'walker' ? 'walker' : 'element_set',
    classes: orbitClasses(input.satellites, span.start.getTime(), span.end.getTime()),
    siteLats_deg: ends.geometry.map((g) => g.lat_deg),
    gatewaySeparation_rad: gateway
      ? greatCircleKm(ends.user.lat_deg, ends.user.lon_deg, gateway.lat_deg, gateway.lon_deg, 1)
      : null,
    gatewayIndex: ends.far?.gatewayIdx ?? null,
    duration_s: Number.isFinite(span.duration_s) ? Math.max(0, span.duration_s) : 0,
    mask_deg: span.mask_deg,
    step_s: timed ? scratch.orDefault('latency.rtt_step_s', input.rtt_step_s) : null,
    links: input.inter_satellite_links === true,
    orbitalDataCenter: input.orbital_data_center !== undefined,
  };
}

/** CPU time a request will take, estimated before any satellite is built (see latency-cost.ts). */
export function estimateLatencyCost(input: LatencyCase): Cost {
  return latencyCost(latencyDrivers(input));
}

/** Satellites × sites × hours of event search a request asks for, against the budget (413 above it). */
function checkSearchBudget(satellites: number, sites: number, span: Span): void {
  const hours = span.duration_s / 3600;
  const asked = satellites * sites * hours;
  const limit = Provenance.value('latency.budget_satellite_site_hours');
  if (asked > limit)
    throw new TooLarge(
      `${satellites} satellites × ${sites} sites (gateway included) × ${hours.toFixed(1)} h = ${Math.round(asked)} satellite·site·hours, more than the budget of ${limit} per request: shorten the interval or split the request`,
      { requested_satellite_site_hours: Math.round(asked), limit_satellite_site_hours: limit },
      '/satellites',
    );
}

/** Round-trip samples (and, over laser links, satellite positions) a request asks for, against the budgets; the step, s. */
function checkSamplingBudget(input: LatencyCase, satellites: number, span: Span, p: Provenance): number {
  const step_s = p.orDefault('latency.rtt_step_s', input.rtt_step_s, 'rtt_step_s');
  const rttSamples = sampleCount(span.duration_s, step_s);
  const sampleLimit = Provenance.value('latency.budget_rtt_samples');
  if (rttSamples > sampleLimit)
    throw new TooLarge(
      `${rttSamples} round-trip samples (${(span.duration_s / 3600).toFixed(1)} h every ${step_s} s), more than the budget of ${sampleLimit}: raise rtt_step_s or shorten the interval`,
      { requested_samples: rttSamples, limit_samples: sampleLimit },
      '/rtt_step_s',
    );
  if (input.inter_satellite_links) {
    const asked = satellites * rttSamples;
    const limit = Provenance.value('latency.budget_isl_satellite_samples');
    if (asked > limit)
      throw new TooLarge(
        `routing over laser links propagates every satellite at every round-trip sample: ${satellites} × ${rttSamples} = ${asked}, more than the budget of ${limit}: raise rtt_step_s or shorten the interval`,
        { requested_satellite_samples: asked, limit_satellite_samples: limit },
        '/rtt_step_s',
      );
  }
  return step_s;
}

/** A data-center satellite given by index must exist: checked from the request alone (422). */
function checkDataCenterIndex(input: LatencyCase, satellites: number): void {
  const which = input.orbital_data_center?.satellite;
  if (typeof which === 'number' && which >= satellites)
    throw new PhysicallyImpossible(
      `no satellite ${which} in the list: ${satellites} satellites, numbered 0 to ${satellites - 1}`,
      '/orbital_data_center/satellite',
    );
}

/** Index of the satellite that hosts the orbital data center, by index or name (422 when there is none such). */
function dataCenterSatellite(input: LatencyCase, fleet: Fleet): number | null {
  if (!input.orbital_data_center) return null;
  const which = input.orbital_data_center.satellite;
  const index = typeof which === 'number' ? which : fleet.tracks.findIndex((t) => t.name === which);
  if (index < 0 || index >= fleet.tracks.length)
    throw new PhysicallyImpossible(
      `no satellite ${JSON.stringify(which)} in the list (${fleet.tracks.length} satellites, named ${fleet.tracks
        .slice(0, 3)
        .map((t) => t.name)
        .join(', ')}${fleet.tracks.length > 3 ? ', …' : ''})`,
      '/orbital_data_center/satellite',
    );
  return index;
}

function resolveSite(site: z.output<typeof SiteSchema>): Site {
  if (typeof site === 'string') {
    const entry = SITES.find((s) => s.name === site);
    if (!entry) throw new Error(`unknown site ${site}`); // unreachable: the schema only admits catalogue names
    return { name: entry.name, lat_deg: entry.lat_deg, lon_deg: entry.lon_deg, alt_km: entry.alt_km ?? 0 };
  }
  return {
    name: site.name ?? `${site.lat_deg.toFixed(4)},${site.lon_deg.toFixed(4)}`,
    lat_deg: site.lat_deg,
    lon_deg: site.lon_deg,
    alt_km: site.alt_km ?? 0,
  };
}

const sameSite = (a: Site, b: Site) => a.lat_deg === b.lat_deg && a.lon_deg === b.lon_deg && a.alt_km === b.alt_km;

/** The interval and the elevation mask. */
interface Span {
  start: Date;
  end: Date;
  duration_s: number;
  mask_deg: number;
  mask_rad: number;
}

function resolveSpan(input: LatencyCase, p: Provenance): Span {
  const start = new Date(input.start);
  const end = new Date(input.end);
  const mask_deg = p.orDefault('latency.min_elevation_deg', input.min_elevation_deg, 'min_elevation_deg');
  return { start, end, duration_s: (end.getTime() - start.getTime()) / 1000, mask_deg, mask_rad: mask_deg * DEG };
}

/** The far end on the ground: where the satellite path lands, and the data center behind it. */
interface FarEnd {
  gateway: SiteGeometry;
  /** Index of the gateway among the searched sites. */
  gatewayIdx: number;
  dataCenter: Site;
}

/**
 * Who is where: every site searched (the user first, then the other sites, then the gateway when
 * it is not one of them), and the far end on the ground: null when the request names no gateway,
 * data center or second site (a pass prediction).
 */
interface Ends {
  geometry: [SiteGeometry, ...SiteGeometry[]];
  user: SiteGeometry;
  far: FarEnd | null;
}

/** `f` over a list that is never empty, the result never empty either. */
function mapNonEmpty<T, U>(xs: readonly [T, ...T[]], f: (x: T, index: number) => U): [U, ...U[]] {
  const [head, ...tail] = xs;
  return [f(head, 0), ...tail.map((x, i) => f(x, i + 1))];
}

function resolveEnds(input: LatencyCase): Ends {
  const listed = mapNonEmpty(input.sites, resolveSite);
  const dataCenterGiven = input.data_center !== undefined ? resolveSite(input.data_center) : undefined;
  const gatewaySite = input.gateway !== undefined ? resolveSite(input.gateway) : (dataCenterGiven ?? listed[1]);
  if (gatewaySite === undefined) {
    const geometry = mapNonEmpty(listed, siteGeometry);
    return { geometry, user: geometry[0], far: null };
  }
  const all: [Site, ...Site[]] = [...listed];
  let gatewayIdx = listed.findIndex((s) => sameSite(s, gatewaySite));
  if (gatewayIdx < 0) {
    all.push(gatewaySite);
    gatewayIdx = all.length - 1;
  }
  const geometry = mapNonEmpty(all, siteGeometry);
  const gateway = geometry[gatewayIdx] as SiteGeometry;
  return {
    geometry,
    user: geometry[0],
    far: { gateway, gatewayIdx, dataCenter: dataCenterGiven ?? gatewaySite },
  };
}

/** What the steps after the event search share: the request, when and where, the satellites and their windows. */
interface LatencyRun {
  c: LatencyCase;
  span: Span;
  ends: Ends;
  fleet: Fleet;
  /** Index of the satellite that hosts the orbital data center; null when none is asked for. */
  dcIndex: number | null;
  /** Every visibility window, sorted by start. */
  windows: Window[];
  p: Provenance;
}

// ---------------------------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------------------------

/** Round trips sampled on the grid. */
interface RttResult {
  samples: number;
  /** User → gateway: the space segment at each sample with a path, ms, and the satellites on it. */
  rtts: number[];
  hops: number[];
  /** Lowest geocentric radius of a satellite on those paths, km. */
  rMin_km: number;
  /** For the orbital data center: samples at which the gateway reaches it through the mesh. */
  dcReachable: number;
  /** User → the data-center satellite → back at each sample with a path, ms; satellites on it; the straight line's round trip. */
  dc: { rtts: number[]; hops: number[]; lineOfSight: number[] };
}

/**
 * Satellites above one site's mask at each grid time, sample after sample, from the windows (no new
 * search): a window joins the list at its first grid time and leaves it after its last, and the list
 * keeps the windows' order. Memory is the site's windows and the satellites in view at one time, in
 * typed arrays: never samples × satellites in view.
 */
class InViewSweep {
  /** Per window of the site, in order: first and last grid index it covers, and its satellite. */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly satellite: Int32Array;
  /** The satellites in view now (a prefix of `ids`), and the last grid index of each one's window. */
  private readonly ids: Int32Array;
  private readonly until: Int32Array;
  private next = 0;
  private size = 0;

  constructor(windows: readonly Window[], site: number, step_s: number, samples: number) {
    const mine = windows.filter((w) => w.site === site);
    this.first = Int32Array.from(mine, (w) => Math.ceil(w.start_s / step_s - 1e-9));
    this.last = Int32Array.from(mine, (w) => Math.min(samples - 1, Math.floor(w.end_s / step_s + 1e-9)));
    this.satellite = Int32Array.from(mine, (w) => w.satellite);
    this.ids = new Int32Array(mine.length);
    this.until = new Int32Array(mine.length);
  }

  /** The satellites in view at grid index `j`, in the windows' order; `j` rises by one from 0. */
  advance(j: number): Int32Array {
    let kept = 0;
    for (let r = 0; r < this.size; r++) {
      if ((this.until[r] as number) < j) continue;
      this.ids[kept] = this.ids[r] as number;
      this.until[kept] = this.until[r] as number;
      kept++;
    }
    this.size = kept;
    for (; this.next < this.first.length && (this.first[this.next] as number) <= j; this.next++) {
      if ((this.last[this.next] as number) < j) continue; // between two grid times
      this.ids[this.size] = this.satellite[this.next] as number;
      this.until[this.size] = this.last[this.next] as number;
      this.size++;
    }
    return this.ids.subarray(0, this.size);
  }
}

/**
 * +grid laser links of a Walker shell (Handley 2018): in-plane neighbours, and the same slot in the
 * next plane. Across the seam, from the last plane to plane 0, only when the planes close the circle
 * (`seam`: spread over 360°); in a star the planes either side of the seam fly in opposite directions.
 */
export function plusGridLinks(planes: number, perPlane: number, phasing: number, seam: boolean): [number, number][] {
  const links: [number, number][] = [];
  const id = (pl: number, k: number) => pl * perPlane + (((k % perPlane) + perPlane) % perPlane);
  for (let pl = 0; pl < planes; pl++) {
    for (let k = 0; k < perPlane; k++) {
      if (perPlane > 1 && (perPlane > 2 || k === 0)) links.push([id(pl, k), id(pl, k + 1)]);
      if (pl === planes - 1 && !seam) continue;
      if (planes > 1 && (planes > 2 || pl === 0)) {
        // Across the seam (last plane to plane 0) the slots are offset by the phasing.
        const shift = pl === planes - 1 ? Math.round((phasing * (planes - 1)) / planes) : 0;
        links.push([id(pl, k), id((pl + 1) % planes, k + shift)]);
      }
    }
  }
  return links;
}

/** Laser-link neighbours of every satellite: the +grid of a Walker shell, none for element sets. */
function meshAdjacency(fleet: Fleet): number[][] {
  const adjacency: number[][] = fleet.tracks.map(() => []);
  if (!fleet.walker) return adjacency;
  const { planes, perPlane, phasing, seam } = fleet.walker;
  for (const [a, b] of plusGridLinks(planes, perPlane, phasing, seam)) {
    adjacency[a]?.push(b);
    adjacency[b]?.push(a);
  }
  return adjacency;
}

/** Lowest altitude above a sphere of radius R of the segment a–b, km. */
function grazingAltitudeKm(a: Vec3, b: Vec3, R_km: number): number {
  const d = { x: b.x - a.x, y: b.y - a.y, z: b.z - a.z };
  const dd = d.x * d.x + d.y * d.y + d.z * d.z;
  const t = Math.max(0, Math.min(1, -(a.x * d.x + a.y * d.y + a.z * d.z) / dd));
  return Math.hypot(a.x + t * d.x, a.y + t * d.y, a.z + t * d.z) - R_km;
}

/** Shortest paths over the mesh at one instant: length to every satellite, km, and satellites on the path. */
interface MeshPaths {
  dist: Float64Array;
  hops: Int32Array;
}

/**
 * Dijkstra over the laser mesh at one instant, from source satellites reached at a given length
 * (`[satellite, km]`, e.g. the up-link slant range). Links are straight lines between the
 * propagated positions; one whose line of sight passes below `grazing_km` is not used.
 */
function meshPaths(
  pos: readonly Vec3[],
  adjacency: readonly number[][],
  grazing_km: number,
  sources: readonly [number, number][],
): MeshPaths {
  const dist = new Float64Array(pos.length).fill(Infinity);
  const hops = new Int32Array(pos.length);
  const heap = new MinHeap();
  for (const [sat, d] of sources) {
    if (d >= (dist[sat] as number)) continue;
    dist[sat] = d;
    hops[sat] = 1;
    heap.push(d, sat);
  }
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > (dist[u] as number)) continue;
    const pu = pos[u] as Vec3;
    for (const v of adjacency[u] as number[]) {
      const pv = pos[v] as Vec3;
      if (grazingAltitudeKm(pu, pv, WGS84_A_KM) < grazing_km) continue;
      const nd = d + distanceKm(pu, pv);
      if (nd >= (dist[v] as number)) continue;
      dist[v] = nd;
      hops[v] = (hops[u] as number) + 1;
      heap.push(nd, v);
    }
  }
  return { dist, hops };
}

/** The laser links of a shell: each satellite's neighbours, and the lowest line of sight a link may have, km. */
interface Mesh {
  adjacency: number[][];
  grazing_km: number;
}

/** What the round trips are sampled over: the user, the far end on the ground and the data-center satellite, when given. */
interface Sampling {
  fleet: Fleet;
  user: SiteGeometry;
  far: FarEnd | null;
  step_s: number;
  samples: number;
  /** The laser mesh the round trips are routed over; null for a bent pipe (or direct). */
  mesh: Mesh | null;
  dcIndex: number | null;
  /** Per satellite, the last sample (index + 1) at which the gateway saw it: membership without a set per sample. */
  seenByGateway: Int32Array;
}

/** The grid of `step_s` over the interval, with the laser mesh when the request routes over it. */
function samplingGrid(run: LatencyRun, step_s: number): Sampling {
  const { fleet, ends, p } = run;
  const mesh =
    run.c.inter_satellite_links === true
      ? {
          adjacency: meshAdjacency(fleet),
          grazing_km: p.orDefault('latency.isl_grazing_altitude_km', run.c.isl_grazing_altitude_km, 'isl_grazing_altitude_km'),
        }
      : null;
  return {
    fleet,
    user: ends.user,
    far: ends.far,
    step_s,
    samples: sampleCount(run.span.duration_s, step_s),
    mesh,
    dcIndex: run.dcIndex,
    seenByGateway: new Int32Array(fleet.tracks.length),
  };
}

/** Satellites in view of one end at one sample, in the order of their windows. */
type InView = Int32Array;
const NONE_IN_VIEW: InView = new Int32Array(0);

/** One bent-pipe sample (index j): the shortest user → satellite → gateway path over the satellites both ends see. */
function bentPipeSample(s: Sampling, far: FarEnd, j: number, ups: InView, downs: InView, out: RttResult) {
  const stamp = j + 1;
  for (const sat of downs) s.seenByGateway[sat] = stamp;
  const t = j * s.step_s;
  let best = Infinity;
  let radius = Infinity;
  for (const sat of ups) {
    if (s.seenByGateway[sat] !== stamp) continue;
    const r = ecfAt(s.fleet.tracks[sat] as Track, t);
    const len = distanceKm(r, s.user.ecf) + distanceKm(r, far.gateway.ecf);
    if (len >= best) continue;
    best = len;
    radius = Math.hypot(r.x, r.y, r.z);
  }
  if (best === Infinity) return;
  out.rtts.push(roundTripMs(best));
  out.hops.push(1);
  out.rMin_km = Math.min(out.rMin_km, radius);
}

/** One direct sample of the data-center satellite: user → it → back while the user sees it, the line of sight itself. */
function directDataCenterSample(s: Sampling, dc: number, t: number, ups: InView, out: RttResult): void {
  if (!ups.includes(dc)) return;
  const rtt = roundTripMs(distanceKm(ecfAt(s.fleet.tracks[dc] as Track, t), s.user.ecf));
  out.dc.rtts.push(rtt);
  out.dc.hops.push(1);
  out.dc.lineOfSight.push(rtt);
}

/**
 * One laser-mesh sample: every satellite's position, shortest paths from the satellites the user
 * sees, then the three paths they give: to the gateway (the shortest over the satellites it sees,
 * plus the down-link), to the data-center satellite, and whether the gateway reaches that satellite.
 */
function meshSample(s: Sampling, mesh: Mesh, t: number, ups: InView, downs: InView, out: RttResult): void {
  const dc = s.dcIndex;
  const toGateway = s.far !== null && ups.length > 0 && downs.length > 0;
  const toDataCenter = dc !== null && ups.length > 0;
  const gatewayReach = dc !== null && downs.length > 0;
  if (!toGateway && !toDataCenter && !gatewayReach) return;
  const pos = s.fleet.tracks.map((tr) => ecfAt(tr, t));
  const up = Array.from(ups, (sat): [number, number] => [sat, distanceKm(pos[sat] as Vec3, s.user.ecf)]);
  const fromUser = meshPaths(pos, mesh.adjacency, mesh.grazing_km, up);
  if (toGateway && s.far) meshGatewayPath(pos, fromUser, s.far, downs, out);
  if (toDataCenter && dc !== null && (fromUser.dist[dc] as number) < Infinity) {
    out.dc.rtts.push(roundTripMs(fromUser.dist[dc] as number));
    out.dc.hops.push(fromUser.hops[dc] as number);
    out.dc.lineOfSight.push(roundTripMs(distanceKm(pos[dc] as Vec3, s.user.ecf)));
  }
  if (gatewayReach && dc !== null) {
    const fromGateway = meshPaths(
      pos,
      mesh.adjacency,
      mesh.grazing_km,
      Array.from(downs, (sat): [number, number] => [sat, 0]),
    );
    if ((fromGateway.dist[dc] as number) < Infinity) out.dcReachable++;
  }
}

/** The shortest user → mesh → gateway path at one instant, from the user's shortest paths. */
function meshGatewayPath(pos: readonly Vec3[], fromUser: MeshPaths, far: FarEnd, downs: InView, out: RttResult) {
  let best = Infinity;
  let bestSat = -1;
  for (const sat of downs) {
    const d = (fromUser.dist[sat] as number) + distanceKm(pos[sat] as Vec3, far.gateway.ecf);
    if (d >= best) continue;
    best = d;
    bestSat = sat;
  }
  if (bestSat < 0) return;
  out.rtts.push(roundTripMs(best));
  out.hops.push(fromUser.hops[bestSat] as number);
  for (const r of pos) out.rMin_km = Math.min(out.rMin_km, Math.hypot(r.x, r.y, r.z));
}

/** Round trips on the sampling grid, from the windows: bent pipe (or direct), or shortest paths over laser links. */
function sampleRoundTrips(s: Sampling, windows: readonly Window[]): RttResult {
  const userView = new InViewSweep(windows, 0, s.step_s, s.samples);
  // A gateway at the user's own site sees what the user sees.
  const gatewayView = s.far && s.far.gatewayIdx !== 0 ? new InViewSweep(windows, s.far.gatewayIdx, s.step_s, s.samples) : null;
  const out: RttResult = {
    samples: s.samples,
    rtts: [],
    hops: [],
    rMin_km: Infinity,
    dcReachable: 0,
    dc: { rtts: [], hops: [], lineOfSight: [] },
  };
  for (let j = 0; j < s.samples; j++) {
    const t = j * s.step_s;
    const ups = userView.advance(j);
    const downs = s.far === null ? NONE_IN_VIEW : gatewayView ? gatewayView.advance(j) : ups;
    if (s.mesh) {
      meshSample(s, s.mesh, t, ups, downs, out);
      continue;
    }
    if (s.far) bentPipeSample(s, s.far, j, ups, downs, out);
    if (s.dcIndex !== null) directDataCenterSample(s, s.dcIndex, t, ups, out);
  }
  return out;
}

/** The round trips as sampled: the grid, and what it gave. */
interface Sampled {
  grid: Sampling;
  rt: RttResult;
}

/** Round trips every `step_s` over the interval, from the windows: bent pipe (or direct), or shortest paths over laser links. */
function roundTrips(run: LatencyRun, step_s: number): Sampled {
  const grid = samplingGrid(run, step_s);
  return { grid, rt: sampleRoundTrips(grid, run.windows) };
}

// ---------------------------------------------------------------------------------------------
// The estimator
// ---------------------------------------------------------------------------------------------

function gapStats(gaps: readonly [number, number][], start: Date) {
  const lengths = gaps.map(([a, b]) => b - a);
  const sorted = [...lengths].sort((a, b) => a - b);
  const total = lengths.reduce((s, x) => s + x, 0);
  let longest: [number, number] | null = null;
  for (const g of gaps) if (!longest || g[1] - g[0] > longest[1] - longest[0]) longest = g;
  return {
    count: gaps.length,
    total_s: total,
    mean_s: gaps.length ? total / gaps.length : 0,
    median_s: gaps.length ? quantileSorted(sorted, 0.5) : 0,
    max_s: sorted.length ? (sorted[sorted.length - 1] as number) : 0,
    longest_start: longest ? iso(start, longest[0]) : null,
  };
}

const iso = (start: Date, t_s: number) => new Date(start.getTime() + Math.round(t_s * 1000)).toISOString();

export const EDGE_TOLERANCE_S = 0.01;

/** min, median and p95 of a sample (type-7 quantiles), or null when it is empty. */
function stats(values: readonly number[]): z.input<typeof Stats> | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] as number, median: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

const median = (values: readonly number[]) => stats(values)?.median ?? null;

/**
 * The window count against its limit, satellite after satellite as the search finds them (413 as
 * soon as it passes): the windows are kept and listed, so their number bounds the memory a request takes.
 */
function checkWindowCount(found: number, searched: number, satellites: number): void {
  const limit = Provenance.value('latency.max_windows');
  if (found > limit)
    throw new TooLarge(
      `the first ${searched} of ${satellites} satellites already have ${found} visibility windows, more than the limit of ${limit} per request: shorten the interval, or use fewer satellites or sites`,
      { found_windows: found, limit_windows: limit },
      '/satellites',
    );
}

/** Visibility windows of every satellite over every site by event search, sorted by start, with the search's cost. */
function findAllWindows(fleet: Fleet, geometry: readonly SiteGeometry[], span: Span) {
  const windows: Window[] = [];
  const totals: SearchStats = { samples: 0, refinements: 0, step_min_s: Infinity, step_max_s: 0 };
  fleet.tracks.forEach((tr, i) => {
    const r = searchWindows(tr, geometry, span.duration_s, span.mask_rad, i, { edgeTolerance_s: EDGE_TOLERANCE_S });
    windows.push(...r.windows);
    checkWindowCount(windows.length, i + 1, fleet.tracks.length);
    totals.samples += r.stats.samples;
    totals.refinements += r.stats.refinements;
    totals.step_min_s = Math.min(totals.step_min_s, r.stats.step_min_s);
    totals.step_max_s = Math.max(totals.step_max_s, r.stats.step_max_s);
  });
  windows.sort((a, b) => a.start_s - b.start_s || a.site - b.site || a.satellite - b.satellite);
  return { windows, totals };
}

/** Coverage, gaps, satellites in view and handovers of every site, from its windows. */
function siteStatistics(windows: readonly Window[], ends: Ends, span: Span) {
  const hours = span.duration_s / 3600;
  return mapNonEmpty(ends.geometry, (g, k) => {
    const spans = windows.filter((w) => w.site === k).map((w) => [w.start_s, w.end_s] as [number, number]);
    const merged = mergeIntervals(spans);
    const covered = merged.reduce((s, [a, b]) => s + (b - a), 0);
    const handovers = countHandovers(spans);
    return {
      name: g.name,
      role: k === 0 ? ('user' as const) : k === ends.far?.gatewayIdx ? ('gateway' as const) : ('site' as const),
      lat_deg: g.lat_deg,
      lon_deg: g.lon_deg,
      alt_km: g.alt_km,
      windows: spans.length,
      coverage_fraction: covered / span.duration_s,
      mean_satellites_in_view: spans.reduce((s, [a, b]) => s + (b - a), 0) / span.duration_s,
      gaps: gapStats(complementIntervals(merged, span.duration_s), span.start),
      handovers,
      handovers_per_hour: handovers / hours,
    };
  });
}

/** Fibre between two places: great circle on the IUGG mean sphere × route factor, at c / group index. */
interface Fibre {
  routeFactor: number;
  groupIndex: number;
}

function fibreModel(input: LatencyCase, p: Provenance): Fibre {
  return {
    routeFactor: p.orDefault('latency.route_factor', input.route_factor, 'route_factor'),
    groupIndex: p.orDefault('latency.fibre_group_index', input.fibre_group_index, 'fibre_group_index'),
  };
}

/** Great circle between two sites (haversine, R = 6371.0088 km) and the round trip over fibre along it, ms. */
function fibreRoute(a: Site, b: Site, fibre: Fibre): { great_circle_km: number; rtt_ms: number } {
  const great_circle_km = greatCircleKm(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, IUGG_MEAN_EARTH_RADIUS_KM);
  return { great_circle_km, rtt_ms: roundTripMs(great_circle_km * fibre.routeFactor, fibre.groupIndex) };
}

/**
 * The round trip user → satellite(s) → gateway → fibre → data center and back: the space segment
 * sampled from the propagated positions, plus the gateway → data-center fibre leg both ways
 * (`leg_ms`, 0 when the gateway is the data center); bounded below by its own geometry.
 */
function groundRoundTrip(run: LatencyRun, { grid: s, rt }: Sampled, far: FarEnd, leg_ms: number) {
  const links = s.mesh !== null;
  const rtt_ms = stats(rt.rtts.map((space_ms) => space_ms + leg_ms));
  const { user } = s;
  const { gateway } = far;
  const reason = rtt_ms
    ? null
    : links
      ? `no path from ${user.name} to the gateway ${gateway.name} at any sample: one end never sees a satellite above ${run.span.mask_deg}°`
      : `no satellite is in view of both ${user.name} and the gateway ${gateway.name} at any sample: a bent pipe cannot connect them${run.c.satellites.kind === 'walker' ? '; set inter_satellite_links: true to route over laser links' : ''}`;
  const spaceFloor = (r_km: number) => roundTripMs(r_km - user.radius_km + (r_km - gateway.radius_km));
  return {
    rtt_ms,
    reason,
    rtt: {
      path: links ? ('inter_satellite_links' as const) : ('bent_pipe' as const),
      step_s: s.step_s,
      samples: rt.samples,
      samples_with_path: rt.rtts.length,
      path_fraction: rt.rtts.length / rt.samples,
      hops_median: median(rt.hops),
      gateway: gateway.name,
    },
    rtt_geometric_floor_ms: rtt_ms && Number.isFinite(rt.rMin_km) ? spaceFloor(rt.rMin_km) + leg_ms : null,
  };
}

/** The same user to the terrestrial data center over fibre, and the difference the orbital path makes. */
function fibreView(user: Site, far: FarEnd, fibre: Fibre, leg: ReturnType<typeof fibreRoute>, rttMedian: number | null) {
  const direct = fibreRoute(user, far.dataCenter, fibre);
  return {
    great_circle_km: direct.great_circle_km,
    vacuum_rtt_ms: roundTripMs(direct.great_circle_km),
    fibre_rtt_ms: direct.rtt_ms,
    route_factor: fibre.routeFactor,
    fibre_group_index: fibre.groupIndex,
    data_center: far.dataCenter.name,
    gateway_great_circle_km: leg.great_circle_km,
    gateway_fibre_rtt_ms: leg.rtt_ms,
    propagation_difference_ms: rttMedian === null ? null : rttMedian - direct.rtt_ms,
  };
}

/** The round trip to the ground and the fibre comparison, as served. */
type GroundFigures = Pick<
  LatencyResult,
  | 'rtt_ms'
  | 'rtt_reason'
  | 'rtt'
  | 'rtt_geometric_floor_ms'
  | 'great_circle_km'
  | 'vacuum_rtt_ms'
  | 'fibre_rtt_ms'
  | 'route_factor'
  | 'fibre_group_index'
  | 'data_center'
  | 'gateway_great_circle_km'
  | 'gateway_fibre_rtt_ms'
  | 'propagation_difference_ms'
>;

/**
 * The path to the ground: the round trip through the satellites and over the gateway's fibre leg,
 * and the same user's fibre route to the data center beside it; every figure null, with the reason,
 * without a far end on the ground or without round trips.
 */
function groundPath(run: LatencyRun, sampled: Sampled | null): GroundFigures {
  const far = run.ends.far;
  if (sampled === null || far === null) return noGroundPath(run.c.orbital_data_center ? NO_GROUND_END : PASS_PREDICTION);
  const fibre = fibreModel(run.c, run.p);
  const leg = fibreRoute(far.gateway, far.dataCenter, fibre);
  const { rtt_ms, reason, rtt, rtt_geometric_floor_ms } = groundRoundTrip(run, sampled, far, leg.rtt_ms);
  if (reason) run.p.warn(reason);
  return {
    rtt_ms,
    rtt_reason: reason,
    rtt,
    rtt_geometric_floor_ms,
    ...fibreView(sampled.grid.user, far, fibre, leg, rtt_ms?.median ?? null),
  };
}

/** Without a far end on the ground every figure of the path to it is null, with the reason. */
function noGroundPath(reason: string): GroundFigures {
  return {
    rtt_ms: null,
    rtt_reason: reason,
    rtt: null,
    rtt_geometric_floor_ms: null,
    great_circle_km: null,
    vacuum_rtt_ms: null,
    fibre_rtt_ms: null,
    route_factor: null,
    fibre_group_index: null,
    data_center: null,
    gateway_great_circle_km: null,
    gateway_fibre_rtt_ms: null,
    propagation_difference_ms: null,
  };
}

const PASS_PREDICTION =
  'pass prediction: no gateway, data_center, second site or orbital_data_center, so there is no far end to time a round trip to; give one for it';
const NO_GROUND_END =
  'no gateway, data_center or second site: the round trip to the ground is not timed; the round trip to the orbital data center is under orbital_data_center';

/**
 * The orbital data center as the user reaches it: user → (laser links) → that satellite → back,
 * or, without links, directly while the user sees it; against the straight line and, when there
 * is one, the fibre round trip to the terrestrial data center.
 */
function orbitalDataCenterView(run: LatencyRun, sampled: Sampled | null, fibre_rtt_ms: number | null) {
  const dc = run.dcIndex;
  if (sampled === null || dc === null) return null;
  const { grid: s, rt } = sampled;
  const { span } = run;
  const links = s.mesh !== null;
  const name = (s.fleet.tracks[dc] as Track).name;
  const rtt_ms = stats(rt.dc.rtts);
  const reason = rtt_ms
    ? null
    : links
      ? `no path from ${s.user.name} to ${name} at any sample: the user never sees a satellite above ${span.mask_deg}°, or the mesh never reaches it`
      : `${name} never rises above ${s.user.name}'s mask of ${span.mask_deg}° at a sample: without laser links the user reaches it only while it is in view${s.fleet.walker ? '; set inter_satellite_links: true to route over laser links' : ''}`;
  return {
    satellite: name,
    path: links ? ('inter_satellite_links' as const) : ('direct' as const),
    rtt_ms,
    rtt_reason: reason,
    line_of_sight_rtt_ms: stats(rt.dc.lineOfSight),
    reachable_fraction: rt.dc.rtts.length / rt.samples,
    step_s: s.step_s,
    samples: rt.samples,
    samples_with_path: rt.dc.rtts.length,
    hops_median: median(rt.dc.hops),
    propagation_difference_ms: rtt_ms && fibre_rtt_ms !== null ? rtt_ms.median - fibre_rtt_ms : null,
  };
}

/** Time to an LLM answer, and the share of it the propagation difference is. */
function llmView(input: LatencyCase, difference_ms: number | null, p: Provenance) {
  const ttft = p.orDefault('latency.llm.ttft_s', input.llm?.ttft_s, 'llm.ttft_s');
  const rate = p.orDefault('latency.llm.tokens_per_s', input.llm?.tokens_per_s, 'llm.tokens_per_s');
  const tokens = p.orDefault('latency.llm.answer_tokens', input.llm?.answer_tokens, 'llm.answer_tokens');
  const answer = llmAnswerS(ttft, rate, tokens);
  return {
    ttft_s: ttft,
    tokens_per_s: rate,
    answer_tokens: tokens,
    answer_s: answer,
    share_of_ttft: difference_ms === null ? null : delayShare(difference_ms, ttft),
    share_of_answer: difference_ms === null ? null : delayShare(difference_ms, answer),
  };
}

/** GPU failures per GPU-year on a terrestrial fleet (default: Llama 3 pre-training). */
function gpuFailureRate(input: LatencyCase, p: Provenance): number {
  const rel = input.reliability ?? {};
  const failures =
    p.orDefault('reliability.gpu_interruptions', rel.gpu_interruptions, 'reliability.gpu_interruptions') +
    p.orDefault('reliability.hbm_interruptions', rel.hbm_interruptions, 'reliability.hbm_interruptions');
  return failuresPerYear(
    failures,
    p.orDefault('reliability.gpus', rel.gpus, 'reliability.gpus'),
    p.orDefault('reliability.observed_days', rel.observed_days, 'reliability.observed_days'),
  );
}

/** The gateway's contact with the data-center satellite: directly above its mask, and through the mesh. */
function dataCenterContact(run: LatencyRun, dcIndex: number, rt: RttResult | null, perGpuYear: number) {
  const { c: input, fleet, span } = run;
  const far = run.ends.far;
  const spans = run.windows
    .filter((w) => w.site === far?.gatewayIdx && w.satellite === dcIndex)
    .map((w) => [w.start_s, w.end_s] as [number, number]);
  const merged = mergeIntervals(spans);
  const gaps = complementIntervals(merged, span.duration_s);
  const gpus = input.orbital_data_center?.gpus ?? null;
  return {
    satellite: (fleet.tracks[dcIndex] as Track).name,
    reachable_fraction_direct: far ? merged.reduce((s, [a, b]) => s + (b - a), 0) / span.duration_s : null,
    reachable_fraction_via_links: rt && input.inter_satellite_links ? rt.dcReachable / rt.samples : null,
    longest_unreachable_s: far ? gaps.reduce((m, [a, b]) => Math.max(m, b - a), 0) : null,
    gpus,
    gpu_failures_per_year: gpus === null ? null : gpus * perGpuYear,
  };
}

/**
 * Time without service against the Uptime tiers, per 365-day year: the user's time without a
 * satellite or a path to the ground (null without a far end), and the orbital data center's contact
 * with the gateway and its GPU failures.
 */
function outageView(run: LatencyRun, coverage: number, sampled: Sampled | null): LatencyResult['outage'] {
  const { p } = run;
  const perGpuYear = gpuFailureRate(run.c, p);
  const rt = run.ends.far ? (sampled?.rt ?? null) : null;
  const dcContact = run.dcIndex === null ? null : dataCenterContact(run, run.dcIndex, rt, perGpuYear);
  const given = run.c.reliability;
  const tier3 = p.orDefault('reliability.tier3_availability', given?.tier3_availability, 'reliability.tier3_availability');
  const tier4 = p.orDefault('reliability.tier4_availability', given?.tier4_availability, 'reliability.tier4_availability');
  const noPath = rt ? 1 - rt.rtts.length / rt.samples : null;
  return {
    user_no_satellite_fraction: 1 - coverage,
    user_no_path_fraction: noPath,
    user_no_path_min_per_year: noPath === null ? null : noPath * MINUTES_PER_YEAR,
    orbital_data_center: dcContact,
    tier3_availability: tier3,
    tier4_availability: tier4,
    tier3_downtime_min_per_year: (1 - tier3) * MINUTES_PER_YEAR,
    tier4_downtime_min_per_year: (1 - tier4) * MINUTES_PER_YEAR,
    gpu_failure_per_year: perGpuYear,
  };
}

/** Count, kind, lowest altitude, periods and epochs of the satellites. */
function fleetSummary(fleet: Fleet): LatencyResult['satellites'] {
  const epochs = fleet.tracks.map((t) => t.satrec.jdsatepoch);
  const periods = fleet.tracks.map((t) => (2 * Math.PI) / t.satrec.no);
  return {
    count: fleet.tracks.length,
    kind: fleet.kind,
    min_altitude_km: fleet.minAltitude_km,
    period_min: { min: Math.min(...periods), max: Math.max(...periods) },
    epochs: { earliest: jdToDate(Math.min(...epochs)).toISOString(), latest: jdToDate(Math.max(...epochs)).toISOString() },
  };
}

/** The windows as served (none when the caller asked for the statistics only). */
function windowList(run: LatencyRun): LatencyResult['windows'] {
  const { ends, fleet, span } = run;
  if (run.c.include_windows === false) {
    run.p.warn('the window list is omitted (include_windows: false); the statistics use every window');
    return [];
  }
  return run.windows.map((w) => ({
    site: (ends.geometry[w.site] as SiteGeometry).name,
    satellite: (fleet.tracks[w.satellite] as Track).name,
    start: iso(span.start, w.start_s),
    end: iso(span.start, w.end_s),
    duration_s: w.end_s - w.start_s,
    max_elevation_deg: w.max_elevation_deg,
    max_elevation_at: iso(span.start, w.max_at_s),
    clipped: w.clipped_start || w.clipped_end,
  }));
}

/** What the event search cost, against a 1-second scan. */
function searchSummary(totals: SearchStats, fleet: Fleet, span: Span): LatencyResult['search'] {
  return {
    method:
      'event search: coarse SGP4 samples (P/24 near a possible pass, up to P/6 where the central-angle bound excludes one), Brent roots of elevation − mask, golden-section search of maxima between samples, Brent culminations',
    samples: totals.samples,
    refinements: totals.refinements,
    brute_force_1s_equivalent: fleet.tracks.length * (Math.floor(span.duration_s) + 1),
    step_min_s: Number.isFinite(totals.step_min_s) ? totals.step_min_s : 0,
    step_max_s: totals.step_max_s,
    edge_tolerance_s: EDGE_TOLERANCE_S,
  };
}

/**
 * Every budget, from the request alone, before any satellite is initialised or propagated: the
 * search, the round-trip samples and the data-center index. The round-trip step, s; null when
 * nothing is timed (a pass prediction).
 */
function checkBudgets(c: LatencyCase, ends: Ends, span: Span, p: Provenance): number | null {
  const satellites = satelliteCount(c.satellites);
  checkSearchBudget(satellites, ends.geometry.length, span);
  const timed = ends.far !== null || c.orbital_data_center !== undefined;
  const step_s = timed ? checkSamplingBudget(c, satellites, span, p) : null;
  checkDataCenterIndex(c, satellites);
  return step_s;
}

export function runLatency(c: LatencyCase, p: Provenance): LatencyResult {
  const span = resolveSpan(c, p);
  const ends = resolveEnds(c);
  const step_s = checkBudgets(c, ends, span, p);
  const fleet = buildFleet(c, span, p);
  const dcIndex = dataCenterSatellite(c, fleet);
  const search = findAllWindows(fleet, ends.geometry, span);
  const run: LatencyRun = { c, span, ends, fleet, dcIndex, windows: search.windows, p };
  const sites = siteStatistics(search.windows, ends, span);
  const [user] = sites;
  const sampled = step_s === null ? null : roundTrips(run, step_s);
  const { rtt_ms, rtt_reason, rtt, ...fibre } = groundPath(run, sampled);
  const llm = llmView(c, fibre.propagation_difference_ms, p);
  const outage = outageView(run, user.coverage_fraction, sampled);
  return {
    start: span.start.toISOString(),
    end: span.end.toISOString(),
    duration_h: span.duration_s / 3600,
    min_elevation_deg: span.mask_deg,
    satellites: fleetSummary(fleet),
    windows: windowList(run),
    coverage_fraction: user.coverage_fraction,
    gaps: user.gaps,
    handovers_per_hour: user.handovers_per_hour,
    sites,
    rtt_ms,
    rtt_reason,
    rtt,
    rtt_floor_ms: zenithFloorMs(fleet.minAltitude_km),
    zenith_slant_range_km: slantRangeKm(fleet.minAltitude_km, 90, WGS84_A_KM),
    ...fibre,
    orbital_data_center: orbitalDataCenterView(run, sampled, fibre.fibre_rtt_ms),
    llm,
    outage,
    search: searchSummary(search.totals, fleet, span),
  };
}

export const latencyEstimator = defineEstimator({
  name: 'latency',
  summary: 'Latency from real orbits: visibility windows, coverage, round trip vs fibre, LLM share, outages',
  description:
    'Satellites from element sets (TLE, or a catalogue set) or a Walker-delta shell, propagated with SGP4 (satellite.js). Visibility windows above the elevation mask are found by event search (coarse step sized from the orbit, Brent refinement of crossings and culminations to 0.01 s), with coverage, gaps and handovers per site. The round trip user → satellite (→ laser links) → gateway is sampled from the propagated slant ranges, and a gateway away from the data center adds the fibre leg between them; the same user to the terrestrial data center over fibre (great circle × route factor, group index 1.4682) gives the comparison, and the share of an LLM answer the difference makes. An orbital data center (one satellite) is reached the way it flies: user → satellites (→ laser links) → that satellite → back, or without links only while the user sees it, against the straight line to it. With no gateway, data center, second site or orbital data center the request is a pass prediction: windows and coverage, every round-trip figure null and rtt_reason saying why. The outage view sets the time without a satellite (and, for a single orbital data center, without contact from the gateway) against Tier III/IV availability. Propagation delay only. Requests above the satellite·site·hour budget answer 413.',
  input: LatencyInput,
  output: LatencyOutput,
  examples: {
    iss_over_cairo: {
      summary: 'ISS (2014-01-20 element set) over Cairo for a day, 10° mask, landing in Cairo, data center in Frankfurt',
      value: {
        satellites: { element_set: 'iss-2014-01-20' },
        sites: ['Cairo'],
        gateway: 'Cairo',
        data_center: 'Frankfurt',
        start: '2014-01-20T22:23:04Z',
        end: '2014-01-21T22:23:04Z',
        min_elevation_deg: 10,
        rtt_step_s: 5,
      },
    },
    starlink_nyc_london: {
      summary:
        'Starlink-like shell (24 × 22 at 550 km, 53°) for 6 h: New York to a London data center over laser links, vs fibre, and to a data center on satellite P0-S0',
      value: {
        satellites: { walker: { altitude_km: 550, inclination_deg: 53, planes: 24, sats_per_plane: 22, phasing: 1 } },
        sites: ['New York'],
        data_center: 'London',
        start: '2026-03-20T00:00:00Z',
        end: '2026-03-20T06:00:00Z',
        min_elevation_deg: 25,
        inter_satellite_links: true,
        rtt_step_s: 60,
        include_windows: false,
        orbital_data_center: { satellite: 'P0-S0' },
      },
    },
    iss_passes_over_london: {
      summary: 'When does the ISS pass over me? Its passes over London for a day (a pass prediction: no far end, no round trip)',
      value: {
        satellites: { element_set: 'iss-2014-01-20' },
        sites: ['London'],
        start: '2014-01-20T22:23:04Z',
        end: '2014-01-21T22:23:04Z',
        min_elevation_deg: 10,
      },
    },
    starlink_plane_bent_pipe: {
      summary:
        'Seven real Starlink satellites of one plane (2020-05-07) over London, bent pipe to Dublin, and one of them as an orbital data center',
      value: {
        satellites: { element_set: 'starlink-l1-plane-2020-05-07' },
        sites: ['London'],
        gateway: 'Dublin',
        start: '2020-05-07T04:00:00Z',
        end: '2020-05-08T04:00:00Z',
        orbital_data_center: { satellite: 'STARLINK-1007', gpus: 10000 },
      },
    },
  },
  run: runLatency,
  cost: estimateLatencyCost,
});
