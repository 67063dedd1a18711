/**
 * The claims register: each claim of fixtures/claims.json evaluated on a scenario. Its figures come
 * from the estimators (through the feasibility scenario's parts); its verdict is the criterion of the
 * fixture applied to one of them; its flip condition is the root, in one assumption of the scenario,
 * at which that verdict changes — found with the same bracketed root finder as the break-even.
 */
import { z } from 'zod';
import {
  CHOICES,
  CLAIM_DISTRIBUTIONS,
  CLAIMS,
  type ClaimEntry,
  DEFAULTS,
  FLOWN_DEMONSTRATORS,
  type FlipField,
  VEHICLES,
} from '../fixtures/index.js';
import { coefficient, counted, sumCosts } from './cost.js';
import {
  DESIGN_METHODS,
  type DesignMethod,
  type Distribution,
  DistributionShape,
  kindOf,
  sampleDesign,
} from './distributions.js';
import { economicsEstimator } from './economics.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator, runEstimator } from './estimator.js';
import { type Figure, FigureSchema, type Scenario, ScenarioRun, ScenarioSchema, scenarioPartsCost } from './feasibility.js';
import { significant as n } from './format.js';
import { launchEstimator } from './launch.js';
import { rootInRange } from './numerics.js';
import { valueAt, withoutValueAt, withValueAt } from './pointer.js';
import { powerEstimator } from './power.js';
import { assumedNumber, Provenance } from './provenance.js';

// ---------------------------------------------------------------------------------------------
// Scenario plumbing: JSON pointers into a scenario
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** Fields of which a scenario holds one: the caller's choice replaces the claim's other. */
const ONE_OF = [
  ['/vehicle', '/launch_usd_per_kg'],
  ['/satellite_usd_per_w', '/satellite_usd_per_kg'],
  [
    '/grid_usd_per_kwh',
    '/terrestrial/gas_turbine_usd_per_kw',
    '/terrestrial/gas_usd_per_mmbtu',
    '/terrestrial/heat_rate_btu_per_kwh',
  ],
];

/** The claim's own scenario under the caller's: the caller's fields win (and displace the claim's alternatives to them). */
function claimScenario(claim: Json, caller: Json): Json {
  let base = claim;
  for (const group of ONE_OF) {
    const given = group.filter((ptr) => valueAt(caller, ptr) !== undefined);
    if (given.length > 0) for (const ptr of group) if (!given.includes(ptr)) base = withoutValueAt(base, ptr);
  }
  return mergeScenario(base, caller);
}

/** Objects merged key by key, `over` winning. */
function mergeScenario(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const both = b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v);
    out[k] = both ? mergeScenario(b as Json, v as Json) : v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The figures of each claim
// ---------------------------------------------------------------------------------------------

interface Evaluation {
  figures: Figure[];
  /** The figures in a sentence, for the explanation. */
  text: string;
}

const f = (name: string, value: number, unit: string): Figure => ({ name, value, unit });

/** Launch and the share of the hardware, per kg launched: what one more kg of satellite costs over the mission. */
function usdPerKg(run: ScenarioRun): number {
  const e = run.economics;
  const mass = e.mass_kg as number;
  return ((e.launch_usd as number) + (e.hardware_usd as number)) / mass;
}

function spaceIsCold(run: ScenarioRun): Evaluation {
  const t = run.thermal;
  const e = run.economics;
  const mw = run.resolved.load_kw / 1000;
  const orbital = (t.mass_kg as number) * usdPerKg(run);
  const tr = e.terrestrial;
  const mechanical = (tr.capex_parts_usd.mechanical_usd ?? 0) * tr.capex_share_charged;
  const ground = mechanical + tr.overhead_energy_usd;
  const ratio = orbital / ground;
  return {
    figures: [
      f('radiator_temp_k', t.radiator_temp_k as number, 'K'),
      f('sink_temp_k', t.sink_temp_k, 'K'),
      f('radiator_area_m2_per_mw', (t.area_m2 as number) / mw, 'm²/MW'),
      f('radiator_mass_t_per_mw', (t.mass_kg as number) / 1000 / mw, 't/MW'),
      f('ground_cooling_overhead_kw_per_mw', (tr.pue - 1) * 1000, 'kW/MW'),
      f('orbital_cooling_usd_per_mw', orbital / mw, 'USD/MW'),
      f('ground_cooling_usd_per_mw', ground / mw, 'USD/MW'),
      f('orbital_to_ground_cooling_cost', ratio, '1'),
    ],
    text: `the sink is ${n(t.sink_temp_k)} K, not the 3 K of deep space; at ${n(t.radiator_temp_k as number)} K the radiator needs ${n((t.area_m2 as number) / mw)} m² and ${n((t.mass_kg as number) / 1000 / mw)} t per MW, which cost $${n(orbital / mw)} per MW over the mission to build and launch against $${n(ground / mw)} for the ground's cooling plant and overhead energy: ${n(ratio)} times as much`,
  };
}

function solarNeverRunsOut(run: ScenarioRun): Evaluation {
  const p = run.power;
  const e = run.economics;
  const arrayKg = run.launch.mass_parts_kg.array_kg as number;
  const perKwh = (arrayKg * usdPerKg(run)) / e.energy_kwh;
  const ground = run.yardstick('ground_pv_usd_per_kwh');
  return {
    figures: [
      f('energy_ratio_like_for_like', p.orbit_to_ground_energy_ratio, '1'),
      f('sunlight_ratio', p.orbit_to_ground_sunlight_ratio, '1'),
      f('energy_sunlit_fraction', p.energy_sunlit_fraction, '1'),
      f('orbital_array_usd_per_kwh', perKwh, 'USD/kWh'),
      f('ground_pv_usd_per_kwh', ground, 'USD/kWh'),
      f('orbital_to_ground_solar_usd_per_kwh', perKwh / ground, '1'),
    ],
    text: `a panel here is sunlit ${n(p.energy_sunlit_fraction * 100)} % of the year and yields ${n(p.orbit_to_ground_energy_ratio)} times a ground panel's energy like for like (${n(p.orbit_to_ground_sunlight_ratio)} times in raw sunlight), but each kWh from the array costs $${n(perKwh)} (its share of the hardware and its launch, no battery) against $${n(ground)} from a ground plant`,
  };
}

/** Satellites one orbital shell holds, as MIT Technology Review quotes it (2026-04-03; seen second-hand, a figure beside the verdict, not under it). */
const SATELLITES_PER_SHELL = 5000;

function unlimitedRoom(run: ScenarioRun): Evaluation {
  const gw = run.resolved.load_kw / 1e6;
  const sats = run.economics.satellites as number;
  const capacity = run.yardstick('leo_capacity_satellites');
  const share = sats / capacity;
  return {
    figures: [
      f('array_km2_per_gw', run.power.array_area_m2 / 1e6 / gw, 'km²/GW'),
      f('radiator_km2_per_gw', (run.thermal.area_m2 as number) / 1e6 / gw, 'km²/GW'),
      f('satellites_per_gw', sats / gw, 'satellites/GW'),
      f('shells_at_5000_satellites', sats / SATELLITES_PER_SHELL, 'shells'),
      f('leo_capacity_satellites', capacity, 'satellites'),
      f('share_of_leo_capacity', share, '1'),
    ],
    text: `each GW needs ${n(run.power.array_area_m2 / 1e6 / gw)} km² of array and ${n((run.thermal.area_m2 as number) / 1e6 / gw)} km² of radiator on ${n(sats / gw)} satellites; this facility's ${n(sats)} satellites are ${n(share * 100)} % of the most generous published capacity of low Earth orbit (${n(capacity)})`,
  };
}

function fasterChatbots(run: ScenarioRun): Evaluation {
  const l = run.latency;
  const odc = l.orbital_data_center;
  const ttft = run.scenario.llm?.ttft_s ?? l.llm.ttft_s;
  const answer = ttft + l.llm.answer_tokens / (run.scenario.llm?.tokens_per_s ?? l.llm.tokens_per_s);
  const orbital = odc?.rtt_ms?.median ?? null;
  const ground = l.fibre_rtt_ms as number;
  const saving = orbital === null ? null : ground - orbital;
  const share = saving === null ? -1 : saving / 1000 / ttft;
  const figures = [f('ground_dc_rtt_ms', ground, 'ms'), f('ttft_s', ttft, 's')];
  if (orbital !== null && saving !== null)
    figures.push(
      f('orbital_dc_rtt_ms', orbital, 'ms'),
      f('rtt_saved_ms', saving, 'ms'),
      f('share_of_answer_saved', saving / 1000 / answer, '1'),
    );
  figures.push(f('ttft_share_saved', share, '1'));
  return {
    figures,
    text:
      orbital === null
        ? `no path reaches the orbital facility from ${l.sites[0]?.name}: it cannot answer at all`
        : `from ${l.sites[0]?.name} the round trip to the orbital facility through the relay mesh is ${n(orbital)} ms (median) against ${n(ground)} ms over fibre to ${l.data_center}: ${saving !== null && saving < 0 ? `${n(-saving)} ms slower` : `${n(saving as number)} ms faster`}, ${n(Math.abs(share) * 100)} % of a ${n(ttft)} s time to first token`,
  };
}

function fewerOutages(run: ScenarioRun): Evaluation {
  const u = run.uptime;
  const worst = [...u.losses].sort((a, b) => b.fraction - a.fraction)[0];
  return {
    figures: [
      f('availability', u.availability_fraction, '1'),
      f('downtime_min_per_year', u.downtime_min_per_year, 'min/year'),
      f('tier3_availability', u.tier3.availability, '1'),
      f('tier4_availability', u.tier4.availability, '1'),
      ...u.losses.map((l) => f(`${l.name}_loss`, l.fraction, '1')),
    ],
    text: `the compute is available ${n(u.availability_fraction * 100, 5)} % of the time (${n(u.downtime_min_per_year)} min a year) against ${n(u.tier3.availability * 100, 5)} % for Tier III; the largest loss is ${worst?.name.replace(/_/g, ' ')}: ${worst?.detail}`,
  };
}

function groundLimits(run: ScenarioRun): Evaluation {
  const gw = run.resolved.load_kw / 1e6;
  const l = run.launch;
  const massPerGw = l.total_mass_kg / gw;
  const world = run.yardstick('world_mass_to_orbit_kg_per_year');
  const demand = run.yardstick('us_dc_demand_growth_gw_per_year');
  const buildable = world / massPerGw;
  const launchesPerGw = l.launches / gw;
  return {
    figures: [
      f('mass_t_per_gw', massPerGw / 1000, 't/GW'),
      f('world_mass_to_orbit_t_per_year', world / 1000, 't/year'),
      f('orbital_gw_per_year_at_world_launch_mass', buildable, 'GW/year'),
      f('us_dc_demand_growth_gw_per_year', demand, 'GW/year'),
      f('launches_per_gw', launchesPerGw, 'launches/GW'),
      f('world_launches_per_year', l.cadence.world_launches_per_year, 'launches/year'),
      f('world_launch_years_per_gw_a_year', launchesPerGw / l.cadence.world_launches_per_year, 'years'),
      f('orbital_share_of_demand_growth', buildable / demand, '1'),
    ],
    text: `a GW weighs ${n(massPerGw / 1000)} t (${n(launchesPerGw)} launches of ${l.vehicle.name}); everything the world launches in a year (${n(world / 1000)} t) would put ${n(buildable)} GW in orbit, against ${n(demand)} GW a year of U.S. demand growth alone`,
  };
}

function usageCostsRise(run: ScenarioRun): Evaluation {
  const e = run.economics;
  const wh = run.yardstick('wh_per_prompt');
  const perMillion = (usdPerKwh: number) => (wh / 1000) * 1e6 * usdPerKwh;
  return {
    figures: [
      f('orbital_usd_per_kwh', e.orbital_usd_per_kwh, 'USD/kWh'),
      f('terrestrial_usd_per_kwh', e.terrestrial_usd_per_kwh, 'USD/kWh'),
      f('orbital_usd_per_million_prompts', perMillion(e.orbital_usd_per_kwh), 'USD/million prompts'),
      f('terrestrial_usd_per_million_prompts', perMillion(e.terrestrial_usd_per_kwh), 'USD/million prompts'),
      f('cost_ratio', e.cost_ratio, '1'),
    ],
    text: `the facility costs $${n(e.orbital_usd_per_kwh)} per kWh in orbit against $${n(e.terrestrial_usd_per_kwh)} on the ground: at ${wh} Wh a prompt, $${n(perMillion(e.orbital_usd_per_kwh))} against $${n(perMillion(e.terrestrial_usd_per_kwh))} per million prompts for power, cooling and the infrastructure that carries them`,
  };
}

/** The launch price the vehicle's trajectory projects for a year, USD/kg (NASA OTPS decline from the catalogue price). */
function projectedLaunchPrice(run: ScenarioRun, year: number): number {
  const r = run.resolved;
  const epochYear = Number((r.epoch ?? '2027').slice(0, 4));
  // A price the caller gives starts the trajectory at the epoch; a catalogue vehicle's at its as_of year.
  const given = 'launch_usd_per_kg' in r.pricing ? r.pricing.launch_usd_per_kg : null;
  const vehicle = 'vehicle' in r.pricing ? r.pricing.vehicle : 'starship';
  const start =
    given !== null
      ? { base_year: epochYear, base_price_usd_per_kg: Math.max(given, Number.MIN_VALUE) }
      : typeof vehicle === 'string'
        ? {}
        : { base_year: epochYear };
  const launch = runEstimator(
    launchEstimator,
    launchEstimator.input.parse({
      mass_kg: 1000,
      vehicle,
      year: Math.max(year, given !== null || typeof vehicle !== 'string' ? epochYear : 0),
      price_trajectory: { model: 'annual_decline', ...start },
    }),
  );
  return launch.price_usd_per_kg;
}

/** The first year (to 2100) the trajectory's price is at or below a price, or null. */
function yearPriceReaches(run: ScenarioRun, usdPerKg: number): number | null {
  for (let year = Number((run.resolved.epoch ?? '2027').slice(0, 4)); year <= 2100; year++)
    if (projectedLaunchPrice(run, year) <= usdPerKg) return year;
  return null;
}

function costAtHorizon(run: ScenarioRun): Evaluation {
  const year = run.scenario.yardsticks?.price_year ?? Number((run.resolved.epoch ?? '2027').slice(0, 4));
  const price = projectedLaunchPrice(run, year);
  const { vehicle: _v, launch_usd_per_kg: _l, ...rest } = run.scenario;
  const atHorizon = new ScenarioRun({ ...rest, launch_usd_per_kg: price } as Scenario, new Provenance()).economics;
  const perKg = (id: string) => {
    const v = VEHICLES.find((x) => x.id === id);
    return v?.price_usd && v.payload_kg.leo ? v.price_usd / v.payload_kg.leo : Number.NaN;
  };
  const breakeven = run.economics.breakeven_launch_usd_per_kg;
  const reached = breakeven === null ? null : yearPriceReaches(run, breakeven);
  const figures = [
    f('falcon9_usd_per_kg', perKg('falcon9'), 'USD/kg'),
    f('starship_projected_usd_per_kg', perKg('starship'), 'USD/kg'),
    f('projected_launch_usd_per_kg', price, 'USD/kg'),
    f('price_year', year, 'year'),
    f('cost_ratio_at_horizon', atHorizon.cost_ratio, '1'),
  ];
  if (breakeven !== null) figures.unshift(f('breakeven_launch_usd_per_kg', breakeven, 'USD/kg'));
  if (reached !== null) figures.push(f('year_breakeven_price_reached', reached, 'year'));
  return {
    figures,
    text: `launch costs $${n(perKg('falcon9'))}/kg on Falcon 9 today and $${n(perKg('starship'))}/kg on Starship as NASA projects it; the trajectory reaches $${n(price)}/kg in ${year}, where orbit costs ${n(atHorizon.cost_ratio)} times what the ground does; ${breakeven === null ? `no launch price breaks even (${run.economics.breakeven.reason})` : `it breaks even at $${n(breakeven)}/kg, ${reached === null ? 'which the trajectory does not reach by 2100' : `which the trajectory reaches in ${reached}`}`}`,
  };
}

function firstSatellite(run: ScenarioRun): Evaluation {
  const first = FLOWN_DEMONSTRATORS[0];
  const massRatio = first ? run.launch.total_mass_kg / first.mass_kg : Number.NaN;
  const figures = [f('flown_demonstrators', FLOWN_DEMONSTRATORS.length, 'satellites')];
  if (first) figures.push(f('demonstrator_mass_kg', first.mass_kg, 'kg'), f('facility_to_demonstrator_mass', massRatio, '1'));
  return {
    figures,
    text: first
      ? `${first.name} (${first.mass_kg} kg, one ${first.accelerator}) flew on ${first.launched}; the facility of this scenario weighs ${n(massRatio)} times as much`
      : 'no satellite carrying a data-center accelerator has flown',
  };
}

function trainingCost(run: ScenarioRun): Evaluation {
  const year = Number((run.resolved.epoch ?? '2027').slice(0, 4));
  const base = DEFAULTS['claims.training_cost_gpt4_usd'].value;
  const growth = DEFAULTS['claims.training_cost_growth_per_year'].value;
  const next = base * growth ** (year - DEFAULTS['claims.claim_year_gpt4'].value);
  const e = DEFAULTS['claims.training_energy_share'].value;
  const k = run.economics.cost_ratio;
  const inOrbit = (e * k) / (1 - e + e * k);
  return {
    figures: [
      f('gpt4_training_usd', base, 'USD'),
      f('training_cost_growth_per_year', growth, '1/year'),
      f('next_model_training_usd', next, 'USD'),
      f('energy_share_ground', e, '1'),
      f('energy_share_orbit', inOrbit, '1'),
    ],
    text: `GPT-4's training was reported at over $${n(base)} in ${DEFAULTS['claims.claim_year_gpt4'].value}; at ${growth}× a year a frontier run in ${year} costs about $${n(next)}. Energy is ${n(e * 100)} % of that on the ground; at orbit's cost per kWh (${n(k)} times the ground's) it would be ${n(inOrbit * 100)} %`,
  };
}

function starcloud(run: ScenarioRun): Evaluation {
  const e = run.economics;
  const items = runEstimator(
    economicsEstimator,
    economicsEstimator.input.parse({
      load_kw: run.resolved.load_kw,
      mission_years: run.resolved.mission_years,
      grid_usd_per_kwh: run.scenario.grid_usd_per_kwh ?? 0.04,
      space_costs_usd: { solar: 2e6, launch: 5e6, shielding: 1.2e6 },
      terrestrial_costs_usd: { cooling: 7e6, backup_power: 20e6 },
      launch_usd_per_kg: e.launch_usd_per_kg,
    }),
  );
  const area5gw = (run.power.array_area_m2 / run.resolved.load_kw) * 5e6;
  return {
    figures: [
      f('whitepaper_cost_ratio', items.cost_ratio, '1'),
      f('orbital_total_usd', e.orbital_total_usd, 'USD'),
      f('terrestrial_total_usd', e.terrestrial_total_usd, 'USD'),
      f('array_km2_for_5_gw', area5gw / 1e6, 'km²'),
      f('cost_ratio', e.cost_ratio, '1'),
    ],
    text: `the white paper's three items against its three ground items give ${n(items.cost_ratio)}; the whole chain for the same 40 MW and 10 years at its own launch price ($${n(e.launch_usd_per_kg)}/kg) costs $${n(e.orbital_total_usd)} against $${n(e.terrestrial_total_usd)} on the ground, ${n(e.cost_ratio)} times as much; 5 GW would need ${n(area5gw / 1e6)} km² of array, not 16`,
  };
}

function suncatcher(run: ScenarioRun): Evaluation {
  const latitude = run.yardstick('mid_latitude_deg');
  const request = { ...(run.power && run.requests.power), ground: { latitude_deg: latitude } };
  const power = runEstimator(powerEstimator, powerEstimator.input.parse(request));
  const g = power.ground_comparison;
  return {
    figures: [
      f('mid_latitude_deg', latitude, 'deg'),
      f('orbit_kwh_per_m2_year', g.orbit_sunlight_kwh_per_m2_year, 'kWh/m²/year'),
      f('ground_kwh_per_m2_year', g.ground_kwh_per_m2_year, 'kWh/m²/year'),
      f('sunlight_ratio', power.orbit_to_ground_sunlight_ratio, '1'),
      f('energy_ratio_like_for_like_vs_us_fleet', run.power.orbit_to_ground_energy_ratio, '1'),
    ],
    text: `a panel in this orbit receives ${n(g.orbit_sunlight_kwh_per_m2_year)} kWh/m² a year against ${n(g.ground_kwh_per_m2_year)} on a horizontal panel at ${latitude}°: ${n(power.orbit_to_ground_sunlight_ratio)} times; like for like against the U.S. solar fleet's output, ${n(run.power.orbit_to_ground_energy_ratio)} times`,
  };
}

function kwPerTonne(run: ScenarioRun): Evaluation {
  const l = run.launch;
  const kwPerT = run.resolved.load_kw / (l.total_mass_kg / 1000);
  const parts = Object.entries(l.mass_parts_kg)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k.replace('_kg', '')} ${n((v / l.total_mass_kg) * 100, 2)} %`);
  return {
    figures: [
      f('kw_per_tonne', kwPerT, 'kW/t'),
      f('mass_t_per_mw', l.total_mass_kg / 1000 / (run.resolved.load_kw / 1000), 't/MW'),
      f('mass_mt_per_year_for_100_gw', 1e8 / kwPerT / 1e6, 'Mt/year'),
    ],
    text: `the facility carries ${n(kwPerT)} kW of compute per tonne (${parts.join(', ')} of its mass): 100 GW a year would take ${n(1e8 / kwPerT / 1e6)} million tonnes a year, not one`,
  };
}

function ai1Radiator(run: ScenarioRun): Evaluation {
  const t = run.thermal;
  const claimed = 110;
  return {
    figures: [
      f('heat_kw', t.heat_kw as number, 'kW'),
      f('radiator_temp_k', t.radiator_temp_k as number, 'K'),
      f('radiator_area_m2', t.area_m2 as number, 'm²'),
      f('claimed_area_m2', claimed, 'm²'),
      f('radiator_area_over_claimed', (t.area_m2 as number) / claimed, '1'),
    ],
    text: `${n(run.resolved.load_kw)} kW of compute dissipates ${n(t.heat_kw as number)} kW with its power conversion; at ${n(t.radiator_temp_k as number)} K that needs ${n(t.area_m2 as number)} m² of two-sided radiator, ${n((t.area_m2 as number) / claimed)} times 110 m²`,
  };
}

/**
 * The scenario's run with the default training laid beside its workload: the claim is about training,
 * and a caller's workload of inference alone would otherwise leave it no figure (a NaN, which fails
 * the whole register). The latency part is shared with `run`.
 */
function withDefaultTraining(run: ScenarioRun): ScenarioRun {
  const scenario = withValueAt(run.scenario as Json, '/links/workload/training', {});
  return new ScenarioRun(ScenarioSchema.parse(scenario), new Provenance(), run);
}

/** The training step's gradient exchange against the link between neighbours of the cluster (POST /v1/links). */
function trainAcrossSatellites(scenarioRun: ScenarioRun): Evaluation {
  const workload = scenarioRun.scenario.links?.workload;
  const run = workload !== undefined && workload.training === undefined ? withDefaultTraining(scenarioRun) : scenarioRun;
  const l = run.links;
  const check = l.checks.find((c) => c.need === 'training_allreduce');
  const t = l.workload?.training;
  // The links request always asks for training over the link between satellites (withDefaultTraining above).
  if (!check || !t || check.carried_gbps === null)
    throw new Error('train-across-satellites: the links part answered no training check although its request asks for one');
  const ratio = check.required_gbps / check.carried_gbps;
  const workers = (run.requests.links?.workload as { training?: { data_parallel?: number } })?.training?.data_parallel ?? 0;
  return {
    figures: [
      f('step_s', t.step_s, 's'),
      f('allreduce_bytes_per_worker', t.allreduce_bytes_per_worker, 'B'),
      f('required_gbps_per_link', check.required_gbps, 'Gbps'),
      f('link_gbps', check.carried_gbps, 'Gbps'),
      f('allreduce_over_link', ratio, '1'),
    ],
    text: `each of ${n(workers)} satellites sends ${n(t.allreduce_bytes_per_worker / 1e9)} GB of gradients a step; to do it within a ${n(t.step_s)}-s step its link must carry ${n(check.required_gbps)} Gbps, and the link at ${n((l.isl?.distance_km as number) * 1000)} m carries ${n(check.carried_gbps)} Gbps`,
  };
}

const EVALUATORS: Record<string, (run: ScenarioRun) => Evaluation> = {
  'space-is-cold': spaceIsCold,
  'solar-never-runs-out': solarNeverRunsOut,
  'unlimited-room': unlimitedRoom,
  'faster-chatbots': fasterChatbots,
  'fewer-outages': fewerOutages,
  'ground-limits-push-to-orbit': groundLimits,
  'usage-costs-rise': usageCostsRise,
  'launch-cheap-enough': costAtHorizon,
  'first-satellite-18-months': firstSatellite,
  'training-over-100m': trainingCost,
  'starcloud-20x-cheaper': starcloud,
  'suncatcher-8x-solar': suncatcher,
  'train-across-satellites': trainAcrossSatellites,
  'spacex-100kw-per-tonne': kwPerTonne,
  'spacex-ai1-radiator': ai1Radiator,
  'musk-cheapest-in-36-months': costAtHorizon,
};
for (const c of CLAIMS) if (!(c.id in EVALUATORS)) throw new Error(`claims: no evaluator for "${c.id}"`);

// ---------------------------------------------------------------------------------------------
// Verdict and flip condition
// ---------------------------------------------------------------------------------------------

type Verdict = 'supported' | 'unsupported' | 'depends';

/** The criterion applied to the figure: supported or unsupported beyond its bounds, depends between them. */
export function verdictOf(value: number, c: ClaimEntry['criterion']): Verdict {
  const meets = c.direction === 'below' ? value <= c.supported : value >= c.supported;
  if (meets) return 'supported';
  const fails = c.direction === 'below' ? value >= c.unsupported : value <= c.unsupported;
  return fails || c.supported === c.unsupported ? 'unsupported' : 'depends';
}

/** The bounds the figure crosses to change verdict from the one it has. */
function boundsToCross(verdict: Verdict, c: ClaimEntry['criterion']): number[] {
  if (verdict === 'supported') return [c.supported];
  if (verdict === 'unsupported') return [c.unsupported];
  return [c.supported, c.unsupported];
}

/** The scenario with one field set (and the fields it replaces removed). */
function withField(scenario: Json, flip: FlipField, x: number): Json {
  let s = scenario;
  for (const r of flip.removes ?? []) s = withoutValueAt(s, r);
  return withValueAt(s, flip.field, x);
}

/**
 * The value of the claim's figure on a scenario that differs from the base run's in `fields`, NaN
 * where physics refuses it. The base run's latency part is reused when no field changes it.
 */
function figureOn(claim: ClaimEntry, scenario: Json, base: ScenarioRun, fields: readonly string[]): number {
  const keeps = fields.every((field) => ScenarioRun.keepsLatency(field) || field.startsWith('/llm/'));
  const reuse = keeps ? base : undefined;
  try {
    const run = new ScenarioRun(ScenarioSchema.parse(scenario), new Provenance(), reuse);
    const figure = (EVALUATORS[claim.id] as (r: ScenarioRun) => Evaluation)(run).figures.find(
      (x) => x.name === claim.criterion.figure,
    );
    return figure?.value ?? Number.NaN;
  } catch (e) {
    if (e instanceof PhysicallyImpossible || e instanceof z.ZodError) return Number.NaN;
    throw e;
  }
}

/** The current value of a flip field: the scenario's, else what the parts used. */
function currentValue(run: ScenarioRun, pointer: string): number | null {
  const given = valueAt(run.scenario, pointer);
  if (typeof given === 'number') return given;
  const parts = [run.economics, run.power, run.thermal, run.launch];
  const assumed = assumedNumber([...run.provenance.assumptions, ...parts.flatMap((p) => p.assumptions)], pointer);
  if (assumed !== undefined) return assumed;
  const read: Record<string, () => number> = {
    '/launch_usd_per_kg': () => run.economics.launch_usd_per_kg,
    '/load_kw': () => run.resolved.load_kw,
    '/llm/ttft_s': () => run.latency.llm.ttft_s,
    '/thermal/radiator_temp_k': () => run.thermal.radiator_temp_k as number,
  };
  return read[pointer]?.() ?? null;
}

const FlipCondition = z.object({
  field: z.string().describe('JSON pointer into the scenario'),
  value: z.number().describe('The value at which the verdict changes'),
  unit: z.string().describe('Unit of value'),
  text: z.string().describe('The condition in words'),
});
type FlipConditionT = z.infer<typeof FlipCondition>;

/** The first flip field (in the fixture's order) whose range holds a root of figure = a bound the verdict crosses. */
function flipCondition(claim: ClaimEntry, scenario: Json, run: ScenarioRun, value: number, verdict: Verdict) {
  const tried: string[] = [];
  for (const flip of claim.flip) {
    const current = currentValue(run, flip.field);
    const near = current !== null && current >= flip.min && current <= flip.max ? current : undefined;
    const g = (x: number) => figureOn(claim, withField(scenario, flip, x), run, [flip.field]);
    const roots = boundsToCross(verdict, claim.criterion)
      .map((bound) => ({ bound, root: rootInRange(g, bound, { min: flip.min, max: flip.max, scale: flip.scale, near }) }))
      .filter((r) => r.root !== null);
    const best = roots.sort((a, b) => Math.abs((a.root?.x ?? 0) - (near ?? 0)) - Math.abs((b.root?.x ?? 0) - (near ?? 0)))[0];
    if (best?.root) {
      const x = best.root.x;
      const text = `${claim.criterion.figure} reaches ${n(best.bound)} at ${flip.field.slice(1)} = ${n(x, 4)} ${flip.unit}${current !== null ? ` (the scenario: ${n(current, 4)} ${flip.unit})` : ''}; beyond it the verdict is no longer "${verdict}"`;
      return { condition: { field: flip.field, value: x, unit: flip.unit, text } as FlipConditionT, reason: null };
    }
    tried.push(`${flip.field.slice(1)} from ${n(flip.min)} to ${n(flip.max)} ${flip.unit}`);
  }
  const reason =
    claim.flip.length === 0
      ? (claim.flip_reason as string)
      : `no single assumption flips it: ${claim.criterion.figure} (${n(value)}) does not reach ${boundsToCross(
          verdict,
          claim.criterion,
        )
          .map((b) => n(b))
          .join(' or ')} for any ${tried.join(', nor any ')}`;
  return { condition: null, reason };
}

// ---------------------------------------------------------------------------------------------
// Probability: the share of samples of its decisive assumptions in which a verdict holds
// ---------------------------------------------------------------------------------------------

/** The register's flip fields, each once: the assumptions a distribution may be given for. */
const FLIP_FIELDS = [...new Set(CLAIMS.flatMap((c) => c.flip.map((flip) => flip.field)))] as [string, ...string[]];

/** The default distributions of fixtures/claims.json (`probability`), checked as distributions when the module loads. */
const DEFAULT_DISTRIBUTIONS: Readonly<Record<string, Distribution>> = Object.fromEntries(
  Object.entries(CLAIM_DISTRIBUTIONS).map(([field, entry]) => {
    const parsed = DistributionShape.safeParse(entry.distribution);
    if (!parsed.success) throw new Error(`fixtures: the distribution of "${field}" is malformed: ${parsed.error.message}`);
    return [field, parsed.data];
  }),
);

/** How the samples are drawn (models/distributions.ts). */
const DesignMethodSchema = z.enum(DESIGN_METHODS);

/** How the claims' probabilities are sampled. */
interface Sampling {
  samples: number;
  seed: number;
  method: DesignMethod;
  /** By JSON pointer: the caller's, else the defaults. */
  distributions: Readonly<Record<string, Distribution>>;
}

/** A default distribution's parameters, each recorded as the assumption of the field that overrides it. */
function assumeDistribution(p: Provenance, field: string, d: Distribution): void {
  const entry = CLAIM_DISTRIBUTIONS[field];
  if (!entry) return;
  const kind = kindOf(d);
  const params = (d as unknown as Record<string, Record<string, number>>)[kind] ?? {};
  for (const [param, value] of Object.entries(params))
    p.assume(`probability_distributions.${field}.${kind}.${param}`, value, param === 'sigma' ? '1' : entry.unit, entry.source);
}

/** The distributions a request samples: the caller's, else the defaults. */
function distributionsOf(input: z.output<typeof ClaimsInput>): Readonly<Record<string, Distribution>> {
  return { ...DEFAULT_DISTRIBUTIONS, ...(input.probability_distributions as Record<string, Distribution> | undefined) };
}

/** The sampling the caller asked for, each setting not given its default (recorded); null when no samples are asked for. */
function resolveSampling(input: z.output<typeof ClaimsInput>, p: Provenance): Sampling | null {
  const samples = p.orDefault('claims.probability_samples', input.probability_samples, 'probability_samples');
  if (samples === 0) return null;
  const given = input.probability_distributions ?? {};
  for (const [field, d] of Object.entries(DEFAULT_DISTRIBUTIONS)) if (!(field in given)) assumeDistribution(p, field, d);
  return {
    samples,
    seed: p.orDefault('claims.probability_seed', input.probability_seed, 'probability_seed'),
    method: p.orChoice('claims.probability_method', input.probability_method, 'probability_method'),
    distributions: distributionsOf(input),
  };
}

/** The claim's flip fields that have a distribution: the ones sampled. */
function sampledFlips(claim: ClaimEntry, distributions: Readonly<Record<string, Distribution>>): FlipField[] {
  return claim.flip.filter((flip) => flip.field in distributions);
}

const ProbabilityBasis = z
  .object({
    samples: z.number().int().describe('Samples drawn'),
    seed: z.number().int().describe('Seed of the samples: the same seed gives the same probability, bit for bit'),
    method: DesignMethodSchema.describe('How they were drawn: stratified per field (a Latin hypercube), or independently'),
    fields: z
      .array(z.string())
      .describe('Scenario fields (JSON pointers) sampled jointly, each from its distribution (probability_distributions)'),
    failed: z
      .number()
      .int()
      .describe('Samples physics refused (a sampled scenario out of range or impossible): counted as not holding'),
  })
  .describe('What the probability was computed from');

interface ClaimProbability {
  probability: number | null;
  probability_reason: string | null;
  probability_basis: z.infer<typeof ProbabilityBasis> | null;
}

const noProbability = (reason: string): ClaimProbability => ({
  probability: null,
  probability_reason: reason,
  probability_basis: null,
});

/** Why a claim none of whose flip fields has a distribution has no probability. */
function noDistributionReason(claim: ClaimEntry): string {
  if (claim.flip.length === 0) return claim.flip_reason as string;
  const fields = claim.flip.map((flip) => flip.field).join(', ');
  return `none of the assumptions that may flip it (${fields}) has a published spread to sample; give one in probability_distributions`;
}

/**
 * The share of samples of the claim's flip fields that have a distribution (sampled jointly, each
 * replacing what its flip replaces) in which its figure gives the verdict computed on the scenario;
 * a sample physics refuses counts as not holding.
 */
function probabilityOf(
  claim: ClaimEntry,
  scenario: Json,
  run: ScenarioRun,
  verdict: Verdict,
  sampling: Sampling | null,
): ClaimProbability {
  if (sampling === null) return noProbability('no samples were asked for (probability_samples: 0)');
  const flips = sampledFlips(claim, sampling.distributions);
  if (flips.length === 0) return noProbability(noDistributionReason(claim));
  const fields = flips.map((flip) => flip.field);
  const { samples, seed, method } = sampling;
  const values = sampleDesign(
    fields.map((field) => sampling.distributions[field] as Distribution),
    samples,
    seed,
    method,
  );
  let holds = 0;
  let failed = 0;
  for (let i = 0; i < samples; i++) {
    const sampled = flips.reduce((s, flip, d) => withField(s, flip, values[i * flips.length + d] as number), scenario);
    const x = figureOn(claim, sampled, run, fields);
    if (Number.isNaN(x)) failed++;
    else if (verdictOf(x, claim.criterion) === verdict) holds++;
  }
  return {
    probability: holds / samples,
    probability_reason: null,
    probability_basis: { samples, seed, method, fields, failed },
  };
}

// ---------------------------------------------------------------------------------------------
// The register
// ---------------------------------------------------------------------------------------------

const ClaimOutput = z.object({
  id: z.string().describe('Stable identifier'),
  kind: z.enum(['seed', 'industry']).describe('A claim of the popular articles, or a quantitative claim of the industry'),
  claim: z.string().describe('The claim, as tested'),
  said_by: z.string().describe('Who said it'),
  said_on: z.string().nullable().describe('When (ISO date; null when it is a common refrain rather than one statement)'),
  tests: z.string().describe('What tests it'),
  figures: z.array(FigureSchema).describe('The figures, with their units'),
  criterion: z
    .object({
      figure: z.string().describe('The figure the verdict is computed from'),
      direction: z.enum(['below', 'above']).describe('Which side of the bounds supports the claim'),
      supported: z.number().describe('Bound at or beyond which the claim is supported'),
      unsupported: z.number().describe('Bound at or beyond which it is unsupported (between the two: depends)'),
      meaning: z.string().describe('The bounds in words'),
    })
    .describe('The stated criterion'),
  verdict: z.enum(['supported', 'unsupported', 'depends']).describe('Computed from the figure against the criterion'),
  explanation: z.string().describe('The verdict, the criterion and the figures in words'),
  flip_condition: z
    .object({
      field: z.string().describe('JSON pointer into the scenario'),
      value: z.number().describe('The value at which the verdict changes (a bracketed root of the model)'),
      unit: z.string().describe('Unit of value'),
      text: z.string().describe('The condition in words'),
    })
    .nullable()
    .describe('The value of one assumption at which the verdict changes; null when none does'),
  flip_reason: z.string().nullable().describe('Why flip_condition is null'),
  probability: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(
      'Share of samples of its decisive assumptions (its flip fields that have a distribution, sampled jointly) in which the verdict is the one computed here; samples physics refuses count as not holding. Null, with probability_reason, when none of them has a distribution or no samples were asked for',
    ),
  probability_reason: z.string().nullable().describe('Why probability is null'),
  probability_basis: ProbabilityBasis.nullable().describe('What the probability was computed from; null with it'),
  scenario: z
    .record(z.string(), z.unknown())
    .describe('The scenario the claim was evaluated on: its own fields under the caller’s'),
  scenario_fields: z.array(z.string()).describe('Scenario fields (JSON pointers) that test it'),
  outputs: z.array(z.string()).describe('Estimator outputs (JSON pointers into POST /v1/feasibility) its figures come from'),
  sources: z.array(z.string()).describe('Keys into GET /v1/sources'),
});

export const ClaimsInput = z
  .object({
    scenario: ScenarioSchema.optional().describe('Overrides of the default scenario: every claim is re-evaluated on them'),
    probability_samples: z
      .number()
      .int()
      .min(0)
      .max(2000)
      .optional()
      .describe(
        `Samples of each claim’s decisive assumptions its probability is the share of (default ${Provenance.value('claims.probability_samples')}); 0 skips the probabilities. The cost grows with it`,
      ),
    probability_seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .describe(
        `Seed of the samples (default ${Provenance.value('claims.probability_seed')}): the same seed gives the same probabilities, bit for bit`,
      ),
    probability_method: DesignMethodSchema.optional().describe(
      `How the samples are drawn: stratified per assumption (latin_hypercube) or independently (random); default ${CHOICES['claims.probability_method'].value}`,
    ),
    probability_distributions: z
      .partialRecord(z.enum(FLIP_FIELDS), DistributionShape)
      .optional()
      .describe(
        'Distributions of decisive assumptions by JSON pointer (a flip field of the register), in the field’s unit: each replaces that field’s default distribution (listed in assumptions), or gives one to a field that has none',
      ),
  })
  .strict();

export const ClaimsOutput = z.object({
  claims: z.array(ClaimOutput).describe('Every claim of the register, evaluated'),
  summary: z
    .object({
      supported: z.number().int().describe('Claims supported'),
      unsupported: z.number().int().describe('Claims unsupported'),
      depends: z.number().int().describe('Claims that depend on assumptions inside their bounds'),
    })
    .describe('Verdicts counted'),
});
export type ClaimsResult = z.infer<typeof ClaimsOutput>;

/** Runs shared between claims evaluated on the same scenario (most use the caller's as it is). */
class RunCache {
  private readonly runs = new Map<string, ScenarioRun>();
  get(scenario: Json): ScenarioRun {
    const key = JSON.stringify(scenario);
    let run = this.runs.get(key);
    if (!run) {
      const parsed = ScenarioSchema.safeParse(scenario);
      if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: ['scenario', ...i.path] })));
      run = new ScenarioRun(parsed.data, new Provenance());
      this.runs.set(key, run);
    }
    return run;
  }
}

function evaluateClaim(claim: ClaimEntry, given: Json, cache: RunCache, sampling: Sampling | null): z.infer<typeof ClaimOutput> {
  const scenario = claimScenario(claim.scenario as Json, given);
  const run = cache.get(scenario);
  const evaluation = (EVALUATORS[claim.id] as (r: ScenarioRun) => Evaluation)(run);
  const figure = evaluation.figures.find((x) => x.name === claim.criterion.figure);
  if (!figure) throw new Error(`claims: "${claim.id}" has no figure "${claim.criterion.figure}"`);
  const verdict = verdictOf(figure.value, claim.criterion);
  const flip = flipCondition(claim, scenario, run, figure.value, verdict);
  return {
    id: claim.id,
    kind: claim.kind,
    claim: claim.claim,
    said_by: claim.said_by,
    said_on: claim.said_on,
    tests: claim.tests,
    figures: evaluation.figures,
    criterion: claim.criterion,
    verdict,
    explanation: `${verdict[0]?.toUpperCase()}${verdict.slice(1)}: ${claim.criterion.figure} = ${n(figure.value, 4)} (${claim.criterion.meaning}). In this scenario ${evaluation.text}.`,
    flip_condition: flip.condition,
    flip_reason: flip.reason,
    ...probabilityOf(claim, scenario, run, verdict, sampling),
    scenario,
    scenario_fields: claim.scenario_fields,
    outputs: claim.outputs,
    sources: claim.sources,
  };
}

export function runClaims(input: z.output<typeof ClaimsInput>, p: Provenance): ClaimsResult {
  const given = (input.scenario ?? {}) as Json;
  const cache = new RunCache();
  const sampling = resolveSampling(input, p);
  const claims = CLAIMS.map((c) => evaluateClaim(c, given, cache, sampling));
  const base = cache.get(given);
  for (const a of base.provenance.assumptions) p.assume(`scenario.${a.name}`, a.value, a.unit, a.source);
  const count = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
  return { claims, summary: { supported: count('supported'), unsupported: count('unsupported'), depends: count('depends') } };
}

/** The probabilities' part of the cost: every sampled claim's figure evaluated once per sample (calibrated). */
function probabilitiesCost(input: z.output<typeof ClaimsInput>): Cost {
  const samples = input.probability_samples ?? Provenance.value('claims.probability_samples');
  const distributions = distributionsOf(input);
  const claims = samples === 0 ? 0 : CLAIMS.filter((c) => sampledFlips(c, distributions).length > 0).length;
  return {
    cpu_s: samples * claims * coefficient('execution.cost.claims_sample_s'),
    basis: `${counted(samples, 'sample')} × ${counted(claims, 'claim')} with a distribution to sample`,
    pointer: '/probability_samples',
    remedy: 'fewer probability_samples (0 skips the probabilities)',
  };
}

/**
 * What evaluating the register costs: its fixed part (every claim's figures and flip searches, some
 * hundreds of economics, launch and power runs, calibrated), the orbit parts it runs (each one
 * revolution of the scenario's orbit; the year once, kept), the scenario's latency part, run once,
 * and the probabilities' samples.
 */
export function estimateClaimsCost(input: z.output<typeof ClaimsInput>): Cost {
  const parts = scenarioPartsCost((input.scenario ?? {}) as Scenario);
  const runs = coefficient('execution.cost.claims_orbit_runs');
  return sumCosts({
    'latency part': parts.latency,
    'orbit parts': {
      ...parts.revolution,
      cpu_s: runs * parts.revolution.cpu_s + parts.annual_s,
      basis: `${runs} × ${parts.revolution.basis}`,
    },
    register: { cpu_s: coefficient('execution.cost.claims_s'), basis: `${CLAIMS.length} claims and their flip conditions` },
    probabilities: probabilitiesCost(input),
  });
}

export const claimsEstimator = defineEstimator({
  name: 'claims',
  summary: 'The claims register: a computed verdict on each claim about AI data centers in orbit, and what would flip it',
  description:
    'Every claim of the register (fixtures/claims.json: the popular articles’ claims and the industry’s quantitative ones), evaluated on a scenario: its figures come from the estimators, its verdict (supported, unsupported or depends) from a stated criterion applied to one of them, and its flip condition is the value of one scenario field (a JSON pointer) at which the verdict changes — a bracketed root of the model, or null with the reason when no single assumption in its range flips it. Each claim keeps the scenario fields its source assumes (a 40 MW module for Starcloud’s, 2029 for a claim about 2029); the caller’s scenario is laid over them. Its probability is the share of samples of its decisive assumptions (its flip fields that have a published spread: fixtures/claims.json `probability`, or the caller’s probability_distributions), drawn jointly as a Latin hypercube from a seed, in which the verdict is the one computed. GET /v1/claims answers the default scenario from a cache.',
  input: ClaimsInput,
  output: ClaimsOutput,
  examples: {
    defaults: { summary: 'Every claim on the default scenario', value: {} },
    cheap_launch: {
      summary: 'A reader’s optimism: launch at $100/kg and satellites at $5/W',
      value: { scenario: { launch_usd_per_kg: 100, satellite_usd_per_w: 5 } },
    },
    mid_latitudes: {
      summary: 'How often Suncatcher’s 8× holds for a mid-latitude anywhere from 30° to 60°',
      value: { probability_distributions: { '/yardsticks/mid_latitude_deg': { uniform: { min: 30, max: 60 } } } },
    },
  },
  heavy: true,
  run: runClaims,
  cost: estimateClaimsCost,
});

/** A claim's verdict on the caller's scenario with one field set: what a flip condition is checked with. */
export function verdictWith(claimId: string, given: Json, field: string, x: number): Verdict {
  const claim = CLAIMS.find((c) => c.id === claimId);
  if (!claim) throw new Error(`claims: no claim "${claimId}"`);
  const flip = claim.flip.find((fl) => fl.field === field) ?? { field, unit: '', min: x, max: x, scale: 'linear' as const };
  const scenario = withField(claimScenario(claim.scenario as Json, given), flip, x);
  const run = new ScenarioRun(ScenarioSchema.parse(scenario), new Provenance());
  const figure = (EVALUATORS[claim.id] as (r: ScenarioRun) => Evaluation)(run).figures.find(
    (v) => v.name === claim.criterion.figure,
  );
  return verdictOf(figure?.value ?? Number.NaN, claim.criterion);
}
