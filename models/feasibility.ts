/**
 * Feasibility: one scenario through every estimator — orbit, power, thermal, launch, economics,
 * latency — each part exactly what that estimator answers alone for the request given in
 * `requests`, then the uptime of the compute and the constraint that binds the design first.
 *
 * The scenario holds the IT load, orbit, epoch, mission, launch price, technology and price
 * assumptions and the users; all are defaulted and overridable. The parts are chained the way the
 * physics is: the radiator rejects the power model's energy balance, launch rolls up the same array
 * and radiator, economics prices that mass, latency reaches the facility through a relay mesh.
 */
import { z } from 'zod';
import { BATTERY_CYCLE_LIFE, type DefaultName, type SourceKey, VEHICLES } from '../fixtures/index.js';
import { coefficient, sumCosts } from './cost.js';
import { economicsEstimator } from './economics.js';
import { checkLaunchForms, EconomicsObject } from './economics-input.js';
import { type Cost, defineEstimator, type Estimator, runEstimator, withProvenance } from './estimator.js';
import { LlmSchema, latencyEstimator, SiteSchema, WalkerSchema } from './latency.js';
import { checkRollUpOverrides, launchEstimator, rollUpPowerRequest, rollUpThermalRequest } from './launch.js';
import { linksEstimator } from './links.js';
import { annualPassCost, orbitEstimator, resolveCost, revolutionCost } from './orbit.js';
import { cyclesForDepthOfDischarge, powerEstimator } from './power.js';
import { Provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { gpuFailurePerYear, missionYears, referenceOrbit, scenarioEpoch } from './scenario.js';
import { thermalEstimator } from './thermal.js';
import { UptimeOptionsSchema, UptimeOutput, uptime } from './uptime.js';

// ---------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------

/** Figures of the world the design is set against (not of the design): each defaulted from a source. */
export const YardsticksSchema = z
  .object({
    world_mass_to_orbit_kg_per_year: quantity('kg/year', {
      gt: 0,
      description: 'Mass the world launches to orbit in a year, every vehicle',
    }).optional(),
    ground_pv_usd_per_kwh: quantity('USD/kWh', {
      gt: 0,
      description: 'Cost of energy from a ground solar plant (levelised, without storage)',
    }).optional(),
    wh_per_prompt: quantity('Wh', {
      gt: 0,
      description: 'Energy one LLM prompt takes, data-center overhead included',
    }).optional(),
    leo_capacity_satellites: z.number().gt(0).max(1e12).optional().describe('Satellites low Earth orbit can hold'),
    us_dc_demand_growth_gw_per_year: quantity('GW/year', {
      gt: 0,
      description: 'Growth of U.S. data-center demand, mean power added per year',
    }).optional(),
    mid_latitude_deg: quantity('deg', { min: 0, max: 90, description: 'Latitude of a mid-latitude ground panel' }).optional(),
    price_year: z
      .number()
      .int()
      .min(2024)
      .max(2100)
      .optional()
      .describe('Year the launch price is projected to on the vehicle’s price trajectory (the claims about a date)'),
  })
  .strict()
  .describe(
    'Figures of the world (launch rate, ground solar, inference energy, orbit capacity, demand) the claims are set against',
  );
export type Yardsticks = z.output<typeof YardsticksSchema>;

const E = EconomicsObject.shape;

/** The relay shell's figures with a default each (`feasibility.relay.<figure>`). */
const RELAY_FIGURES = ['altitude_km', 'inclination_deg', 'planes', 'sats_per_plane', 'phasing'] as const;
type RelayFigure = (typeof RELAY_FIGURES)[number];

const W = WalkerSchema.shape;
/** A relay shell: a Walker shell whose figures the caller gives one by one, each else its default. */
const RelaySchema = z
  .object({
    altitude_km: W.altitude_km.optional(),
    inclination_deg: W.inclination_deg.optional(),
    planes: W.planes.optional(),
    sats_per_plane: W.sats_per_plane.optional(),
    phasing: W.phasing.optional(),
    raan0_deg: W.raan0_deg,
    raan_spread_deg: W.raan_spread_deg,
    epoch: W.epoch,
  })
  .strict()
  .superRefine((r, ctx) => {
    const planes = r.planes ?? Provenance.value('feasibility.relay.planes');
    const phasing = r.phasing ?? Provenance.value('feasibility.relay.phasing');
    if (phasing >= planes)
      ctx.addIssue({
        code: 'custom',
        path: [r.phasing === undefined ? 'planes' : 'phasing'],
        message: `expected 0 ≤ phasing < planes (${planes}), got ${phasing}${r.phasing === undefined ? ' (the default phasing)' : ''}`,
      });
  })
  .describe(
    'The relay shell (a Walker shell with laser links) users reach the orbital facility through; each figure not given is its default',
  );

const LinkFields = z.record(z.string(), z.unknown());

/** The links of the scenario: each part's fields laid over the scenario's (validated by POST /v1/links when the part runs). */
const LinksScenarioSchema = z
  .object({
    isl: LinkFields.optional().describe(
      'The link between neighbours of the cluster (POST /v1/links isl): default its sourced terminal at the cluster spacing',
    ),
    downlink: LinkFields.optional().describe(
      'The ground link (POST /v1/links downlink): default an optical link from the scenario orbit to ESA’s optical ground station',
    ),
    workload: LinkFields.optional().describe(
      'What the links carry (POST /v1/links workload): default training the reference model data-parallel across the cluster, each satellite at satellite_power_kw',
    ),
  })
  .strict()
  .describe('The links: can the cluster carry its workload, and how much comes down a day');

const ScenarioObject = z
  .object({
    load_kw: E.load_kw.optional().describe('IT load of the facility (default 1 GW)'),
    mission_years: E.mission_years,
    orbit: E.orbit.describe('Orbit of the facility (default: the dawn-dusk sun-synchronous reference orbit at 650 km)'),
    epoch: E.epoch,
    power: E.power,
    thermal: E.thermal,
    mass_model: E.mass_model,
    vehicle: E.vehicle,
    launch_usd_per_kg: E.launch_usd_per_kg,
    build_years: E.build_years,
    satellite_usd_per_w: E.satellite_usd_per_w,
    satellite_usd_per_kg: E.satellite_usd_per_kg,
    satellite_power_kw: E.satellite_power_kw,
    gpu_failure_per_year: E.gpu_failure_per_year,
    ops_fraction_per_year: E.ops_fraction_per_year,
    nre_usd: E.nre_usd,
    utilisation_fraction: E.utilisation_fraction,
    grid_usd_per_kwh: E.grid_usd_per_kwh,
    terrestrial: E.terrestrial,
    sites: z.array(SiteSchema).min(1).max(5).optional().describe('Users; the first is the one the latency part measures'),
    data_center: SiteSchema.optional().describe('The ground data center the users would otherwise reach over fibre'),
    relay: RelaySchema.optional(),
    latency_hours: quantity('h', {
      gt: 0,
      max: 48,
      description: 'Interval of the latency part from the epoch',
    }).optional(),
    rtt_step_s: quantity('s', { min: 10, max: 3600, description: 'Sampling step of the latency part' }).optional(),
    llm: LlmSchema.optional(),
    orbital_data_center: z
      .union([z.number().int().min(0), z.string().min(1)])
      .optional()
      .describe('The relay satellite standing for the facility: its index or name ("P<p>-S<s>")'),
    uptime: UptimeOptionsSchema.optional(),
    yardsticks: YardsticksSchema.optional(),
    links: LinksScenarioSchema.optional(),
  })
  .strict();

export const ScenarioSchema = ScenarioObject.superRefine((s, ctx) => {
  checkRollUpOverrides(s, ctx);
  checkLaunchForms(s, ctx);
}).describe('A scenario: every field defaulted (and the default said in assumptions), every field overridable');
export type Scenario = z.output<typeof ScenarioSchema>;

/** The scenario with its defaults filled in: what the parts are asked about. */
export interface ResolvedScenario {
  load_kw: number;
  mission_years: number;
  orbit: NonNullable<Scenario['orbit']>;
  epoch: string | undefined;
  pricing: { vehicle: NonNullable<Scenario['vehicle']> } | { launch_usd_per_kg: number };
  sites: NonNullable<Scenario['sites']>;
  data_center: NonNullable<Scenario['data_center']>;
  relay: z.output<typeof WalkerSchema>;
  latency_hours: number;
  rtt_step_s: number;
}

/** The relay shell: each figure the caller's, else its default (recorded as `relay.<figure>`). */
function resolveRelay(s: Scenario, p: Provenance): ResolvedScenario['relay'] {
  const given = s.relay ?? {};
  const figure = (name: RelayFigure) => p.orDefault(`feasibility.relay.${name}`, given[name], `relay.${name}`);
  const figures = Object.fromEntries(RELAY_FIGURES.map((name) => [name, figure(name)])) as Record<RelayFigure, number>;
  return { ...figures, ...given };
}

export function resolveScenario(s: Scenario, p: Provenance): ResolvedScenario {
  const orbit = s.orbit ?? referenceOrbit(p);
  const elements = orbit.tle === undefined && orbit.omm === undefined;
  const pricing =
    s.launch_usd_per_kg !== undefined
      ? { launch_usd_per_kg: s.launch_usd_per_kg }
      : { vehicle: s.vehicle ?? p.orChoice('feasibility.vehicle', undefined, 'vehicle') };
  return {
    load_kw: p.orDefault('feasibility.load_kw', s.load_kw, 'load_kw'),
    mission_years: missionYears(s.mission_years, p),
    orbit,
    epoch: elements ? scenarioEpoch(s.epoch, p) : s.epoch,
    pricing,
    sites: s.sites ?? [p.orChoice('feasibility.site', undefined, 'sites')],
    data_center: s.data_center ?? p.orChoice('feasibility.ground_data_center', undefined, 'data_center'),
    relay: resolveRelay(s, p),
    latency_hours: p.orDefault('feasibility.latency_hours', s.latency_hours, 'latency_hours'),
    rtt_step_s: p.orDefault('feasibility.rtt_step_s', s.rtt_step_s, 'rtt_step_s'),
  };
}

// ---------------------------------------------------------------------------------------------
// The parts' requests: what each estimator is asked, so that any part can be replayed alone
// ---------------------------------------------------------------------------------------------

type Req = Record<string, unknown>;

/** Drop the keys whose value is undefined (a request says only what it gives). */
function defined(o: Req): Req {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function powerRequest(s: Scenario, r: ResolvedScenario): Req {
  return { load_kw: r.load_kw, mission_years: r.mission_years, ...rollUpPowerRequest(s.power, r.orbit, r.epoch) };
}

/** The radiator rejects what the array delivers over the sizing revolution (the roll-up's heat), as the roll-up asks thermal. */
function thermalRequest(s: Scenario, r: ResolvedScenario, power: { orbit_average_heat_kw: number }, p: Provenance): Req {
  return { ...rollUpThermalRequest(s.thermal, r.orbit, p), heat_kw: power.orbit_average_heat_kw };
}

function launchRequest(s: Scenario, r: ResolvedScenario): Req {
  return defined({
    load_kw: r.load_kw,
    orbit: r.orbit,
    power: rollUpPowerRequest(s.power, r.orbit, r.epoch),
    thermal: s.thermal,
    mass_model: s.mass_model,
    mission_years: r.mission_years,
    build_years: s.build_years,
    gpu_failure_per_year: s.gpu_failure_per_year,
    ...('vehicle' in r.pricing ? { vehicle: r.pricing.vehicle } : { price_usd_per_kg: r.pricing.launch_usd_per_kg }),
  });
}

function economicsRequest(s: Scenario, r: ResolvedScenario): Req {
  return defined({
    load_kw: r.load_kw,
    mission_years: r.mission_years,
    orbit: r.orbit,
    epoch: r.epoch,
    power: s.power,
    thermal: s.thermal,
    mass_model: s.mass_model,
    build_years: s.build_years,
    ...r.pricing,
    satellite_usd_per_w: s.satellite_usd_per_w,
    satellite_usd_per_kg: s.satellite_usd_per_kg,
    satellite_power_kw: s.satellite_power_kw,
    gpu_failure_per_year: s.gpu_failure_per_year,
    ops_fraction_per_year: s.ops_fraction_per_year,
    nre_usd: s.nre_usd,
    utilisation_fraction: s.utilisation_fraction,
    grid_usd_per_kwh: s.grid_usd_per_kwh,
    terrestrial: s.terrestrial,
  });
}

/** Users reaching the facility through the relay mesh, from the epoch (an element set's own when it gives none). */
function latencyRequest(s: Scenario, r: ResolvedScenario, orbitEpoch: string, p: Provenance): Req {
  const start = r.epoch ?? orbitEpoch;
  const end = new Date(Date.parse(start) + r.latency_hours * 3_600_000).toISOString();
  return defined({
    satellites: { walker: r.relay },
    sites: r.sites,
    data_center: r.data_center,
    start,
    end,
    inter_satellite_links: true,
    orbital_data_center: {
      satellite: s.orbital_data_center ?? p.orChoice('feasibility.orbital_data_center', undefined, 'orbital_data_center'),
    },
    rtt_step_s: r.rtt_step_s,
    llm: s.llm,
    include_windows: false,
  });
}

/**
 * The links part's request: the cluster's link at its spacing, an optical link from the scenario's
 * orbit to the default station, and training the reference model data-parallel across the cluster,
 * each satellite at the scenario's satellite power; the scenario's `links` fields laid over each.
 */
function linksRequest(s: Scenario, r: ResolvedScenario, p: Provenance): Req {
  const given = s.links ?? {};
  const or = (value: unknown, key: DefaultName, name: string) =>
    value !== undefined ? value : p.orDefault(key, undefined, name);
  const t = (given.workload?.training ?? {}) as Req;
  const training = {
    ...t,
    parameters: or(t.parameters, 'scenario.links.model_parameters', 'links.workload.training.parameters'),
    tokens_per_step: or(t.tokens_per_step, 'scenario.links.tokens_per_step', 'links.workload.training.tokens_per_step'),
    data_parallel: or(t.data_parallel, 'scenario.links.cluster_satellites', 'links.workload.training.data_parallel'),
    ...(t.step_s === undefined && {
      worker_it_kw: or(t.worker_it_kw ?? s.satellite_power_kw, 'economics.satellite_power_kw', 'satellite_power_kw'),
    }),
  };
  const workload = given.workload && given.workload.training === undefined ? given.workload : { ...given.workload, training };
  const elements = r.orbit.tle === undefined && r.orbit.omm === undefined;
  const isl = given.isl ?? {};
  return {
    isl: { ...isl, distance_km: or(isl.distance_km, 'scenario.links.cluster_spacing_km', 'links.isl.distance_km') },
    downlink: {
      ...(given.downlink?.frequency_ghz === undefined &&
        given.downlink?.wavelength_nm === undefined &&
        given.downlink?.band === undefined && {
          band: p.orChoice('scenario.links.downlink_band', undefined, 'links.downlink.band'),
        }),
      orbit: r.orbit,
      ...(elements && r.epoch !== undefined && { epoch: r.epoch }),
      ...given.downlink,
    },
    workload,
  };
}

// ---------------------------------------------------------------------------------------------
// The parts
// ---------------------------------------------------------------------------------------------

/** One estimator on one request, exactly as POST /v1/<name> answers it (assumptions and warnings included). */
function part<I extends z.ZodType, O extends z.ZodObject>(estimator: Estimator<I, O>, request: Req) {
  return runEstimator(estimator, estimator.input.parse(request));
}

/** The fixture default of each numeric yardstick. */
const YARDSTICK_DEFAULTS = {
  world_mass_to_orbit_kg_per_year: 'launch.world_annual_mass_kg',
  ground_pv_usd_per_kwh: 'yardsticks.ground_pv_usd_per_kwh',
  wh_per_prompt: 'yardsticks.wh_per_prompt',
  leo_capacity_satellites: 'yardsticks.leo_capacity_satellites',
  us_dc_demand_growth_gw_per_year: 'yardsticks.us_dc_demand_growth_gw_per_year',
  mid_latitude_deg: 'yardsticks.mid_latitude_deg',
} as const satisfies Record<string, DefaultName>;

/** The scenario fields the latency part reads: a field outside them leaves a run's latency part as it was. */
const LATENCY_FIELDS = ['sites', 'data_center', 'relay', 'latency_hours', 'rtt_step_s', 'epoch', 'orbital_data_center', 'llm'];

/**
 * One scenario, its parts computed when first asked for and kept: the feasibility report asks for
 * all of them, a claim only for those its figures need. `latencyFrom` lends the latency part (the
 * costliest) of a run whose scenario differs only in fields that part does not read.
 */
export class ScenarioRun {
  readonly resolved: ResolvedScenario;
  readonly requests: Record<string, Req> = {};
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly scenario: Scenario,
    readonly provenance: Provenance,
    /** A run whose latency part this one shares (computed there, once, if ever asked for). */
    private readonly latencyFrom?: ScenarioRun,
  ) {
    this.resolved = resolveScenario(scenario, provenance);
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  private ask<I extends z.ZodType, O extends z.ZodObject>(name: string, estimator: Estimator<I, O>, request: Req) {
    this.requests[name] = request;
    return part(estimator, request);
  }

  get orbit() {
    return this.once('orbit', () =>
      this.ask('orbit', orbitEstimator, defined({ orbit: this.resolved.orbit, epoch: this.resolved.epoch, annual: true })),
    );
  }
  get power() {
    return this.once('power', () => this.ask('power', powerEstimator, powerRequest(this.scenario, this.resolved)));
  }
  get thermal() {
    return this.once('thermal', () =>
      this.ask('thermal', thermalEstimator, thermalRequest(this.scenario, this.resolved, this.power, this.provenance)),
    );
  }
  get launch() {
    return this.once('launch', () => this.ask('launch', launchEstimator, launchRequest(this.scenario, this.resolved)));
  }
  get economics() {
    return this.once('economics', () =>
      this.ask('economics', economicsEstimator, economicsRequest(this.scenario, this.resolved)),
    );
  }
  get latency(): ReturnType<typeof part<typeof latencyEstimator.input, typeof latencyEstimator.output>> {
    if (this.latencyFrom) return this.latencyFrom.latency;
    return this.once('latency', () =>
      this.ask('latency', latencyEstimator, latencyRequest(this.scenario, this.resolved, this.orbit.epoch, this.provenance)),
    );
  }
  get links() {
    return this.once('links', () =>
      this.ask('links', linksEstimator, linksRequest(this.scenario, this.resolved, this.provenance)),
    );
  }
  get uptime() {
    return this.once('uptime', () => uptimeOf(this));
  }

  /** A yardstick of the world: the scenario's, else its sourced default (recorded as `yardsticks.<name>`). */
  yardstick(name: keyof typeof YARDSTICK_DEFAULTS): number {
    const given = this.scenario.yardsticks?.[name];
    return this.provenance.orDefault(YARDSTICK_DEFAULTS[name], given, `yardsticks.${name}`);
  }

  /** Whether varying a scenario field (a JSON pointer) leaves this run's latency part as it is. */
  static keepsLatency(pointer: string): boolean {
    return !LATENCY_FIELDS.includes(pointer.split('/')[1] ?? '');
  }
}
type Parts = Pick<ScenarioRun, 'orbit' | 'power' | 'thermal' | 'launch' | 'economics' | 'latency' | 'links'>;

function uptimeOf(run: ScenarioRun): z.infer<typeof UptimeOutput> {
  const s = run.scenario;
  const p = run.provenance;
  return uptime(
    {
      mission_years: run.resolved.mission_years,
      failure_per_year: s.gpu_failure_per_year ?? gpuFailurePerYear(p),
      altitude_km: run.orbit.altitude_km,
      inclination_deg: run.orbit.inclination_deg,
      shield_areal_density_kg_per_m2: p.orDefault(
        'launch.shielding_areal_density_kg_per_m2',
        s.mass_model?.shielding_areal_density_kg_per_m2,
        'mass_model.shielding_areal_density_kg_per_m2',
      ),
      served_fraction: run.economics.served_fraction,
      reachable_fraction: reachableFraction(run.latency),
      options: s.uptime ?? {},
    },
    p,
  );
}

/** Share of the time the user reaches the orbital facility (through the mesh with laser links, else in direct view). */
export function reachableFraction(latency: ScenarioRun['latency']): number | null {
  return latency.orbital_data_center?.reachable_fraction ?? null;
}

// ---------------------------------------------------------------------------------------------
// The binding constraint
// ---------------------------------------------------------------------------------------------

/** A figure with its unit: what the binding constraint and the claims report. */
export const FigureSchema = z
  .object({
    name: z.string().describe('What the figure is'),
    value: z.number().describe('Its value'),
    unit: z.string().describe('Its unit'),
  })
  .meta({ id: 'Figure' });
export type Figure = z.infer<typeof FigureSchema>;

const Candidate = z.object({
  name: z
    .enum(['launch_cadence', 'mass', 'radiator_area', 'array_area', 'battery', 'cost', 'coverage', 'links'])
    .describe('The constraint'),
  value: z.number().describe('The design’s figure'),
  limit: z.number().describe('The limit it is measured against, in the same unit'),
  unit: z.string().describe('Unit of value and limit'),
  ratio: z.number().describe('value / limit: above 1 the design is beyond the limit'),
  limit_basis: z.string().describe('What the limit is'),
  source: z.string().describe('Key into GET /v1/sources for the limit'),
});
type CandidateT = z.infer<typeof Candidate>;

/** A candidate and its ratio to its limit; the limit's source by key. */
function candidate(c: Omit<CandidateT, 'ratio' | 'source'> & { source: SourceKey }): CandidateT {
  return { ...c, ratio: c.value / c.limit };
}

/** The source of a vehicle's flight rate: its catalogue entry's, unless the rate is the caller's. */
function flightRateSource(vehicle: Parts['launch']['vehicle']): SourceKey {
  const entry = VEHICLES.find((v) => v.id === vehicle.id);
  return entry && entry.flights_per_year === vehicle.flights_per_year ? entry.flights_source : 'orbital-dc-convention';
}

/** Launches a year to build, against the vehicle's flight rate (none when it has no rate). */
function cadenceCandidate(launch: Parts['launch']): CandidateT | null {
  const rate = launch.vehicle.flights_per_year;
  if (rate === null || !(rate > 0)) return null;
  return candidate({
    name: 'launch_cadence',
    value: launch.cadence.launches_per_year_to_build,
    limit: rate,
    unit: 'launches/year',
    limit_basis: `${launch.vehicle.name}'s flight rate`,
    source: flightRateSource(launch.vehicle),
  });
}

/** The mass to orbit, against everything the world launches over the build. */
function massCandidate(launch: Parts['launch'], worldMass_kg_per_year: number): CandidateT {
  const years = launch.cadence.build_years;
  return candidate({
    name: 'mass',
    value: launch.total_mass_kg,
    limit: worldMass_kg_per_year * years,
    unit: 'kg',
    limit_basis: `everything the world launches to orbit in ${years} years`,
    source: Provenance.source(YARDSTICK_DEFAULTS.world_mass_to_orbit_kg_per_year),
  });
}

/** Heat and array per satellite, against the largest flown (the ISS's). */
function perSatelliteCandidates(parts: Parts): CandidateT[] {
  const satellites = Math.max(1, parts.economics.satellites ?? 1);
  return [
    candidate({
      name: 'radiator_area',
      value: (parts.thermal.heat_kw ?? 0) / satellites,
      limit: Provenance.value('limits.heat_rejection_kw'),
      unit: 'kW per satellite',
      limit_basis: 'the largest heat rejection flown (ISS, six radiators)',
      source: Provenance.source('limits.heat_rejection_kw'),
    }),
    candidate({
      name: 'array_area',
      value: parts.power.array_area_m2 / satellites,
      limit: Provenance.value('limits.array_area_m2'),
      unit: 'm² per satellite',
      limit_basis: 'the largest array flown (ISS, eight wings)',
      source: Provenance.source('limits.array_area_m2'),
    }),
  ];
}

/**
 * The battery's charge-discharge cycles over the mission, against the cycles life-tested cells
 * sustain at its depth of discharge (1 when the depth is the one the cycle count allows; none
 * without a battery).
 */
function batteryCandidate(power: Parts['power']): CandidateT | null {
  const depth = power.battery_depth_of_discharge;
  if (depth === null) return null;
  return candidate({
    name: 'battery',
    value: power.battery_cycles_over_mission,
    limit: cyclesForDepthOfDischarge(depth, BATTERY_CYCLE_LIFE),
    unit: 'charge-discharge cycles',
    limit_basis: `the cycles Li-ion space cells were life-tested to at a depth of discharge of ${depth.toFixed(2)}`,
    source: 'li-ion-dod-from-cycles',
  });
}

/**
 * The workload against the links: the binding link's required ÷ carried rate, when a link was sized
 * for a need. The binding link is one of the checks, one that carries a positive rate (links.ts,
 * `bindingOf`).
 */
function linksCandidate(links: Parts['links']): CandidateT | null {
  const b = links.binding_link;
  if (b === null) return null;
  const check = links.checks.find((c) => c.need === b.need && c.link === b.link) as Parts['links']['checks'][number];
  return candidate({
    name: 'links',
    value: check.required_gbps,
    limit: check.carried_gbps as number,
    unit: 'Gbit/s',
    limit_basis: `what the ${b.link} carries for ${b.need.replace('_', ' ')}`,
    source: 'orbital-dc-convention',
  });
}

/** Each candidate measured against its stated limit; coverage when the users' reach was measured. */
function candidates(parts: Parts, unreachable: number | null, worldMass_kg_per_year: number): CandidateT[] {
  const list = [
    linksCandidate(parts.links),
    cadenceCandidate(parts.launch),
    massCandidate(parts.launch, worldMass_kg_per_year),
    ...perSatelliteCandidates(parts),
    batteryCandidate(parts.power),
    candidate({
      name: 'cost',
      value: parts.economics.cost_ratio,
      limit: 1,
      unit: 'orbital / terrestrial $/kWh',
      limit_basis: 'cost parity with the ground data center',
      source: 'orbital-dc-convention',
    }),
    unreachable === null
      ? null
      : candidate({
          name: 'coverage',
          value: unreachable,
          limit: 1 - Provenance.value('reliability.tier3_availability'),
          unit: 'share of time unreachable',
          limit_basis: 'the downtime Tier III allows',
          source: Provenance.source('reliability.tier3_availability'),
        }),
  ];
  return list.filter((c): c is CandidateT => c !== null);
}

const BindingConstraint = z
  .object({
    name: Candidate.shape.name.describe('What limits the design first: the candidate nearest or most beyond its limit'),
    detail: z.string().describe('The constraint in words, with its figures'),
    figures: z.array(FigureSchema).describe('Its value, limit and ratio'),
    candidates: z.array(Candidate).describe('Every candidate measured against its limit, most binding first'),
  })
  .describe('What limits the design first');

function bindingConstraint(list: CandidateT[]): z.infer<typeof BindingConstraint> {
  const ranked = [...list].sort((a, b) => b.ratio - a.ratio);
  const top = ranked[0] as CandidateT;
  const where = top.ratio > 1 ? `${top.ratio.toPrecision(3)} times` : `${(top.ratio * 100).toFixed(1)} % of`;
  return {
    name: top.name,
    detail: `${top.name.replace('_', ' ')}: ${top.value.toPrecision(4)} ${top.unit} is ${where} ${top.limit_basis} (${top.limit.toPrecision(4)} ${top.unit})`,
    figures: [
      { name: 'value', value: top.value, unit: top.unit },
      { name: 'limit', value: top.limit, unit: top.unit },
      { name: 'ratio', value: top.ratio, unit: '1' },
    ],
    candidates: ranked,
  };
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

const Request = z.record(z.string(), z.unknown());

export const FeasibilityOutput = z.object({
  scenario: z
    .object({
      load_kw: z.number().describe('IT load, kW'),
      mission_years: z.number().describe('Mission, years'),
      orbit: Request.describe('The orbit (OrbitSpec)'),
      epoch: z.string().nullable().describe('Epoch, ISO-8601 UTC (null: the element set’s own)'),
      vehicle: z.unknown().describe('The launch vehicle (catalogue id or custom), or null when priced per kg'),
      launch_usd_per_kg: z.number().nullable().describe('Launch price per kg when given instead of a vehicle, USD/kg'),
      sites: z.array(z.unknown()).describe('Users'),
      data_center: z.unknown().describe('The ground data center compared with'),
      relay: Request.describe('The relay shell users reach the facility through (Walker delta)'),
      latency_hours: z.number().describe('Interval of the latency part, h'),
    })
    .describe('The scenario with its defaults filled in'),
  requests: z
    .object({
      orbit: Request.describe('POST /v1/orbit'),
      power: Request.describe('POST /v1/power'),
      thermal: Request.describe('POST /v1/thermal'),
      launch: Request.describe('POST /v1/launch'),
      economics: Request.describe('POST /v1/economics'),
      latency: Request.describe('POST /v1/latency'),
      links: Request.describe('POST /v1/links'),
    })
    .describe('The request each part answers: POST it to /v1/<part> and the answer is that part'),
  orbit: withProvenance(orbitEstimator.output).describe('POST /v1/orbit for the scenario'),
  power: withProvenance(powerEstimator.output).describe('POST /v1/power for the scenario'),
  thermal: withProvenance(thermalEstimator.output).describe('POST /v1/thermal for the heat the power model dissipates'),
  launch: withProvenance(launchEstimator.output).describe('POST /v1/launch: the mass rolled up from the load'),
  economics: withProvenance(economicsEstimator.output).describe('POST /v1/economics for that facility'),
  latency: withProvenance(latencyEstimator.output).describe(
    'POST /v1/latency: users reaching the facility through the relay mesh',
  ),
  links: withProvenance(linksEstimator.output).describe(
    'POST /v1/links: the cluster’s link, the ground link from the orbit, and whether they carry the workload',
  ),
  uptime: UptimeOutput,
  binding_constraint: BindingConstraint,
});
export type FeasibilityResult = z.infer<typeof FeasibilityOutput>;

export function runFeasibility(s: Scenario, p: Provenance): FeasibilityResult {
  const run = new ScenarioRun(s, p);
  const r = run.resolved;
  const parts = {
    orbit: run.orbit,
    power: run.power,
    thermal: run.thermal,
    launch: run.launch,
    economics: run.economics,
    latency: run.latency,
    links: run.links,
  };
  const up = run.uptime;
  const reach = reachableFraction(parts.latency);
  const worldMass = run.yardstick('world_mass_to_orbit_kg_per_year');
  return {
    scenario: {
      load_kw: r.load_kw,
      mission_years: r.mission_years,
      orbit: r.orbit as Record<string, unknown>,
      epoch: r.epoch ?? null,
      vehicle: 'vehicle' in r.pricing ? r.pricing.vehicle : null,
      launch_usd_per_kg: 'launch_usd_per_kg' in r.pricing ? r.pricing.launch_usd_per_kg : null,
      sites: r.sites,
      data_center: r.data_center,
      relay: r.relay as Record<string, unknown>,
      latency_hours: r.latency_hours,
    },
    requests: run.requests as FeasibilityResult['requests'],
    ...parts,
    uptime: up,
    binding_constraint: bindingConstraint(candidates(parts, reach === null ? null : 1 - reach, worldMass)),
  };
}

// ---------------------------------------------------------------------------------------------
// Cost: the parts that grow with the scenario, from their requests
// ---------------------------------------------------------------------------------------------

/** Start of the latency part's interval for its estimate: the work depends on the interval's length, not on when it starts. */
const ANY_START = '2000-01-01T00:00:00Z';

/** A part's cost from its request, nothing when the request is refused before any work. */
function partCost<I extends z.ZodType, O extends z.ZodObject>(estimator: Estimator<I, O>, request: Req): Cost {
  const parsed = estimator.input.safeParse(request);
  return parsed.success ? estimator.cost(parsed.data) : { cpu_s: 0, basis: 'none: its request is refused before any work' };
}

/**
 * The parts of a scenario's cost that grow with it: its orbit's revolution, a pass over the year,
 * the latency part and the links part (a day's contact search).
 */
export function scenarioPartsCost(s: Scenario): { revolution: Cost; annual_s: number; latency: Cost; links: Cost } {
  const p = new Provenance();
  const r = resolveScenario(s, p);
  const revolution = revolutionCost(r.orbit, r.epoch);
  const latency = partCost(latencyEstimator, latencyRequest(s, r, r.epoch ?? ANY_START, p));
  return {
    links: partCost(linksEstimator, linksRequest(s, r, p)),
    revolution: { ...revolution, cpu_s: revolution.cpu_s + resolveCost(r.orbit), remedy: 'a lower orbit (a shorter revolution)' },
    annual_s: annualPassCost(),
    latency: {
      ...latency,
      pointer: latency.pointer === '/rtt_step_s' ? '/rtt_step_s' : '/relay',
      remedy: 'raise rtt_step_s, shorten latency_hours or use a smaller relay shell',
    },
  };
}

/** What a feasibility report costs: its orbit part (a revolution and the year), its latency part, and the rest (calibrated). */
export function estimateFeasibilityCost(s: Scenario): Cost {
  const parts = scenarioPartsCost(s);
  return sumCosts({
    'latency part': parts.latency,
    'orbit part': { ...parts.revolution, cpu_s: parts.revolution.cpu_s + parts.annual_s },
    'links part': parts.links,
    'power, thermal, launch, economics, uptime': {
      cpu_s: coefficient('execution.cost.feasibility_s'),
      basis: 'closed forms and the mass roll-up',
    },
  });
}

export const feasibilityEstimator = defineEstimator({
  name: 'feasibility',
  summary: 'Feasibility: one scenario through every estimator, the uptime of its compute, and what binds it first',
  description:
    'One scenario (IT load, orbit, epoch, mission, launch price, technology and price assumptions, users; every field defaulted and overridable) goes through orbit, power, thermal (the heat the power model dissipates), launch (the mass rolled up from the load), economics (that facility priced against a ground data center), latency (users reaching it through a relay mesh with laser links) and links (the optical link between neighbours of the cluster, an optical ground link from the orbit, and whether they carry the workload: by default training Llama 3.1 405B data-parallel across an 81-satellite cluster). Each part is exactly what that estimator answers alone for the request in `requests`. `uptime` gives the availability of the compute over the mission with each loss named (accelerator failures not repairable in orbit, radiation, eclipse without storage, ground link) against Tier III and Tier IV; `binding_constraint` the candidate (launch cadence, mass, radiator, array, cost, coverage, links) nearest or most beyond its stated limit.',
  input: ScenarioSchema,
  output: FeasibilityOutput,
  examples: {
    facility_1gw: {
      summary: 'A 1 GW facility in the dawn-dusk reference orbit, on Starship (every default)',
      value: {},
    },
    module_40mw: {
      summary: 'A 40 MW module, the size of the Starcloud white paper’s, for 10 years',
      value: { load_kw: '40 MW', mission_years: 10 },
    },
    ai1_120kw: {
      summary: "A 120 kW satellite like SpaceX's announced AI1, at 600 km",
      value: {
        load_kw: '120 kW',
        orbit: { altitude_km: 600, sun_synchronous: true, ltan_h: 18 },
        satellite_power_kw: 150,
        nre_usd: 1e8,
      },
    },
    starcloud_1: {
      summary: 'A Starcloud-1-class demonstrator: one H100 (0.7 kW), about 60 kg, about 325 km, 11 months, on a rideshare',
      value: {
        load_kw: '0.7 kW',
        orbit: { altitude_km: 325, inclination_deg: 53 },
        mission_years: 0.92,
        vehicle: 'rideshare_sso',
        satellite_power_kw: 1,
        nre_usd: 1e7,
      },
    },
  },
  heavy: true,
  run: runFeasibility,
  cost: estimateFeasibilityCost,
});
