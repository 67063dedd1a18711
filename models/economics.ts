/**
 * Economics: total cost of ownership of an orbital data center over its mission against one on the
 * ground, on one denominator: the energy delivered to the IT load over the mission.
 *
 * One physics chain: by default the orbital side is the facility POST /v1/launch rolls up from the
 * load in the orbit (array and battery of POST /v1/power, radiator of POST /v1/thermal for the power
 * model's energy balance, compute, shielding, structure, propellant), priced per W of its
 * start-of-life array (or per kg), launched, operated, its failed hardware replaced and launched,
 * plus NRE. A fixed W/kg is a named shortcut (`sizing: "specific_power"`). Or the orbital side is
 * itemised (`space_costs_usd`), as white papers give it, and the ground side may be too.
 * Terrestrial side: capex by bucket (or a total $/W) charged for the share of its asset life the
 * mission uses, gas turbines or grid power, PUE, fuel or electricity, operations.
 *
 * `convention: "mccalip"` reproduces the public calculator of A. McCalip (static/js/math.js,
 * e59571e): W/kg sizing, no launch of replacement hardware, orbital energy at 100 % availability,
 * terrestrial energy at its capacity factor, the whole capex charged; the consistent figures are
 * reported beside it, as they are beside an itemised comparison.
 */
import { z } from 'zod';
import { HOURS_PER_COMMON_YEAR } from './constants.js';
import { coefficient } from './cost.js';
import { type EconomicsCase, EconomicsInput, type GroundCase } from './economics-input.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { type RollUpSubsystems, rollUpCost, rollUpFromLoad, rollUpPowerRequest } from './launch.js';
import { solveBracketed, sumValues, wholeCount } from './numerics.js';
import { annualPassCost, type OrbitSpec, poweredFraction, resolveCost, resolveOrbit } from './orbit.js';
import type { PowerResult } from './power.js';
import { Provenance } from './provenance.js';
import { gpuFailurePerYear, missionYears, referenceOrbit, scenarioEpoch } from './scenario.js';
import {
  cadenceAgainstFlightRates,
  launchBill,
  pricedVehicle,
  type ResolvedVehicle,
  resolveVehicle,
  warnPayloadOrbit,
} from './vehicles.js';

export { EconomicsInput } from './economics-input.js';

/** The convention the comparison follows: one denominator, or the McCalip calculator's. */
type Convention = 'consistent' | 'mccalip';

/** BTU per MMBTU. */
const BTU_PER_MMBTU = 1e6;
/** The payload McCalip's calculator counts Starship launches with, kg. */
const STARSHIP_100T_KG = 100_000;
/** Highest launch price ($/kg) or hardware price ($/W) the break-even searches: far beyond any market figure. */
const BREAKEVEN_SEARCH_MAX = 1e9;
/** Share of the orbital total above which a defaulted NRE is said to dominate it. */
const NRE_DOMINANT_SHARE = 0.25;

/**
 * Mean of (1 − d)^t over a mission of n years with the power stepping down once a year:
 * (Σ_{y=0}^{⌊n⌋−1} r^y + (n − ⌊n⌋)·r^⌊n⌋) / n, r = 1 − d (the McCalip calculator's sum for whole years).
 */
export function meanRetention(degradation_per_year: number, years: number): number {
  const r = 1 - degradation_per_year;
  const whole = Math.floor(years);
  let sum = 0;
  for (let y = 0; y < whole; y++) sum += r ** y;
  sum += (years - whole) * r ** whole;
  return sum / years;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const Breakeven = z.object({
  launch_usd_per_kg: z
    .number()
    .nullable()
    .describe('Launch price, USD/kg, at which cost_ratio = 1, every cost term included; null when none closes the gap'),
  reason: z.string().nullable().describe('Why launch_usd_per_kg is null'),
  cost_ratio_at_breakeven: z
    .number()
    .nullable()
    .describe('The full model re-evaluated at that price (1 by construction; the check)'),
  hardware_usd_per_w: z
    .number()
    .nullable()
    .describe('Hardware price, USD/W of start-of-life array, at which cost_ratio = 1 at the launch price used'),
  hardware_reason: z.string().nullable().describe('Why hardware_usd_per_w is null'),
});

const Subsystems = z
  .object({
    array_power_kw: z.number().describe('SMAD P_sa: daylight power the array delivers at end of life, kW'),
    array_bol_power_kw: z.number().describe('Start-of-life array power installed (priced per W), kW'),
    array_area_m2: z.number().describe('Array area, m²'),
    battery_energy_kwh: z.number().describe('Battery nameplate energy, kWh'),
    radiator_heat_kw: z.number().describe('Orbit-average heat the radiator rejects, P_sa·T_d/T, kW'),
    radiator_area_m2: z.number().nullable().describe('Radiator planform area, m²'),
    radiator_temp_k: z.number().describe('Radiator temperature, K'),
    eclipse_min: z.number().describe('The eclipse the battery is sized for, min'),
  })
  .describe('What POST /v1/power and POST /v1/thermal sized inside the roll-up (the same figures POST /v1/launch gives)');

const Cadence = z
  .object({
    build_years: z.number().describe('Years to launch the initial mass'),
    launches_per_year_to_build: z.number().describe('Launches a year to build in build_years, 1/year'),
    vehicle_flights_per_year: z.number().nullable().describe("The vehicle's flight rate, 1/year"),
    build_share_of_flight_rate: z.number().nullable().describe("launches_per_year_to_build / the vehicle's flight rate"),
    world_launches_per_year: z.number().describe("The world's orbital launches a year, every vehicle, 1/year"),
    build_share_of_world_launches: z.number().describe("launches_per_year_to_build / the world's orbital launches a year"),
  })
  .describe('The build campaign against the flight rates (null when launch is priced per kg without a vehicle)');

const TerrestrialOut = z.object({
  power_source: z
    .enum(['gas_turbine', 'grid'])
    .describe('Where the ground site’s energy comes from: on-site gas turbines, or the grid'),
  capex_usd: z.number().describe('Capex charged to the mission, USD: capex_full_usd × capex_share_charged'),
  capex_full_usd: z.number().describe('The whole facility capex, USD'),
  capex_share_charged: z.number().describe('Share of the capex charged to the mission'),
  capex_rule: z.string().describe('How that share follows from the mission and the asset life'),
  asset_life_years: z.number().nullable().describe('Life of the facility, years (null in the mccalip convention)'),
  capex_parts_usd: z.record(z.string(), z.number()).describe('The whole capex by bucket, USD'),
  items_usd: z
    .record(z.string(), z.number())
    .nullable()
    .describe('With terrestrial_costs_usd: the items of the ground side, USD (energy excluded)'),
  energy_price_usd_per_kwh: z.number().describe('Electricity price, or fuel cost per kWh generated, USD/kWh'),
  it_energy_usd: z.number().describe('Energy bought for the IT load, USD'),
  overhead_energy_usd: z.number().describe('The (PUE − 1) share of the energy, USD'),
  ops_usd: z.number().describe('Facility operations over the mission, USD'),
  energy_kwh: z.number().describe('IT energy the terrestrial costs are computed for, kWh'),
  pue: z.number().describe('Power usage effectiveness applied'),
});

const Itemisation = z
  .object({
    orbital_items: z.array(z.string()).describe('Cost items the orbital side holds'),
    terrestrial_items: z.array(z.string()).describe('Cost items the terrestrial side holds'),
    orbital_missing: z.array(z.string()).describe('Cost categories of a whole orbital data center the orbital side leaves out'),
    terrestrial_missing: z
      .array(z.string())
      .describe('Cost categories of a whole ground data center the terrestrial side leaves out'),
    complete: z.boolean().describe('Both sides hold every category: only then is a break-even computed'),
  })
  .describe('With space_costs_usd: what each side of the comparison holds');

const McCalipView = z.object({
  orbital_energy_kwh: z.number().describe('Load × hours, 100 % available, kWh'),
  terrestrial_energy_kwh: z.number().describe('Load × hours × capacity factor, kWh'),
  orbital_usd_per_kwh: z.number().describe('Orbital total over the orbital energy, USD/kWh'),
  terrestrial_usd_per_kwh: z.number().describe('Terrestrial total over the terrestrial energy, USD/kWh'),
  usd_per_kwh_ratio: z.number().describe('The ratio of the two $/kWh as that calculator shows them'),
  consistent_usd_per_kwh_ratio: z.number().describe('The same totals over the same energy: cost_ratio'),
  orbital_usd_per_kwh_consistent: z.number().describe('Orbital total over the terrestrial energy, USD/kWh'),
  denominator_effect: z
    .number()
    .describe('usd_per_kwh_ratio / consistent_usd_per_kwh_ratio: how much the mixed denominators flatter the orbital side'),
  omitted_replacement_launch_usd: z
    .number()
    .describe('Launching the replacement hardware, which that calculator leaves out, USD'),
  calculator_breakeven_usd_per_kg: z
    .number()
    .nullable()
    .describe(
      "That calculator's own break-even, (terrestrial − hardware) / mass, without ops, replacement or NRE, USD/kg; null when it is negative",
    ),
  calculator_breakeven_reason: z.string().nullable().describe('Why calculator_breakeven_usd_per_kg is null'),
});

const ConsistentBeside = z
  .object({
    orbital_total_usd: z.number().nullable().describe('Orbital total, USD'),
    terrestrial_total_usd: z.number().nullable().describe('Terrestrial total, USD'),
    cost_ratio: z.number().nullable().describe('Orbital over terrestrial $/kWh'),
    orbital_usd_per_kwh: z.number().nullable().describe('USD/kWh'),
    terrestrial_usd_per_kwh: z.number().nullable().describe('USD/kWh'),
    mass_kg: z.number().nullable().describe('Mass rolled up, kg'),
    installed_power_kw: z.number().nullable().describe('Start-of-life array, kW'),
    reason: z.string().nullable().describe('Why the figures are null, when the consistent model refuses the request'),
  })
  .describe(
    'The same load, mission and prices in the consistent convention, sized by the roll-up in the reference orbit (every other default of that convention): the figures to set beside a reproduction',
  );

export const EconomicsOutput = z.object({
  convention: z.enum(['consistent', 'mccalip']).describe('The convention applied'),
  sizing: z
    .enum(['roll_up', 'specific_power', 'itemised'])
    .describe('How the orbital side was sized: the physics roll-up, the named W/kg shortcut, or itemised by the caller'),
  energy_kwh: z
    .number()
    .describe(
      'Energy the orbital side delivers to the IT load over the mission, kWh: load × hours × utilisation × served_fraction',
    ),
  utilisation_fraction: z.number().describe('Share of mission hours the IT load runs at full power, both sides'),
  served_fraction: z
    .number()
    .describe('Share of the hours the orbital design powers the load: 1 when its battery covers every eclipse of the year'),
  orbital_total_usd: z.number().describe('Orbital total over the mission, USD'),
  terrestrial_total_usd: z.number().describe('Terrestrial total over the mission, USD'),
  cost_ratio: z
    .number()
    .describe(
      'Orbital over terrestrial cost per kWh delivered (orbital_total_usd / terrestrial_total_usd when both deliver the same energy; the mccalip convention divides the totals)',
    ),
  orbital_usd_per_kwh: z.number().describe('Orbital total over its delivered energy, USD/kWh'),
  terrestrial_usd_per_kwh: z.number().describe('Terrestrial total over its IT energy, USD/kWh'),
  breakeven_launch_usd_per_kg: z.number().nullable().describe('= breakeven.launch_usd_per_kg, USD/kg'),
  breakeven: Breakeven.describe(
    'Prices at which the orbital side costs what the ground does, each with the reason when none does',
  ),
  orbital_mode: z.enum(['modelled', 'itemised']).describe('Orbital side modelled, or itemised by the caller'),
  launch_usd_per_kg: z.number().describe('Launch price used, USD per kg of payload'),
  launch_pricing: z.enum(['per_launch', 'per_kg']).describe('Whole launches paid, or the mass paid per kg'),
  vehicle: z
    .object({
      id: z.string().nullable().describe('Catalogue id (null for a custom vehicle)'),
      name: z.string().describe('Vehicle name'),
      status: z.enum(['flown', 'projected', 'custom']).describe('Flown, projected (not yet in service), or given by the caller'),
      payload_kg: z.number().nullable().describe('Payload per launch, kg'),
    })
    .nullable()
    .describe('The launch vehicle (null when launch is priced per kg without one)'),
  installed_power_kw: z.number().nullable().describe('Start-of-life array power installed, kW'),
  mean_retention: z
    .number()
    .nullable()
    .describe('Sizing "specific_power": mean array power over the mission / start-of-life power'),
  satellites: z
    .number()
    .int()
    .nullable()
    .describe('Satellites of satellite_power_kw of array each that carry the installed array'),
  mass_kg: z.number().nullable().describe('Mass to orbit, kg'),
  mass_parts_kg: z.record(z.string(), z.number()).nullable().describe('Sizing "roll_up": the parts of mass_kg, kg'),
  subsystems: Subsystems.nullable(),
  launches: z.number().int().nullable().describe('Whole launches of the initial mass on the vehicle'),
  starship_launches_100t: z.number().int().nullable().describe('Launches of a 100 t Starship (the McCalip calculator’s figure)'),
  cadence: Cadence.nullable(),
  hardware_usd: z.number().nullable().describe('Satellite hardware, USD'),
  launch_usd: z.number().nullable().describe('Launching the initial mass, USD'),
  ops_usd: z.number().nullable().describe('Operations over the mission, USD'),
  gpu_replacement_usd: z.number().nullable().describe('Replacement hardware: failure rate × years × hardware, USD'),
  replacement_mass_kg: z.number().nullable().describe('Mass of the replacements over the mission, kg'),
  replacement_launch_usd: z
    .number()
    .nullable()
    .describe('Launching the replacement mass, USD (0 in the mccalip convention, which leaves it out)'),
  nre_usd: z.number().nullable().describe('Non-recurring engineering, USD'),
  space_costs_usd: z.record(z.string(), z.number()).nullable().describe('The itemised orbital side, USD'),
  space_total_usd: z.number().describe('= orbital_total_usd (the Starcloud table’s name), USD'),
  space_usd_per_kwh: z.number().describe('= orbital_usd_per_kwh, USD/kWh'),
  terrestrial: TerrestrialOut.describe('The terrestrial side: capex charged, energy, overhead and operations over the mission'),
  terrestrial_energy_usd: z.number().describe('Energy bought for the IT load (before PUE): terrestrial.it_energy_usd, USD'),
  itemisation: Itemisation.nullable(),
  mccalip: McCalipView.nullable().describe('The McCalip calculator’s own figures (convention "mccalip")'),
  consistent: ConsistentBeside.nullable(),
});
export type EconomicsResult = z.infer<typeof EconomicsOutput>;

// ---------------------------------------------------------------------------------------------
// Launch pricing
// ---------------------------------------------------------------------------------------------

interface LaunchPricing {
  vehicle: ResolvedVehicle | null;
  price_usd_per_kg: number;
  perKg: boolean;
  usable: number;
}

/** The launch price: per kg as given, or a vehicle's (a Starship at a given price, a catalogue entry, a custom one). */
function resolveLaunchPricing(input: EconomicsCase, p: Provenance): LaunchPricing {
  const target = p.orChoice('launch.target_orbit', input.target_orbit, 'target_orbit');
  const usable = p.orDefault('launch.usable_payload_fraction', input.usable_payload_fraction, 'usable_payload_fraction');
  const launch = input.launch_case;
  if (launch.kind === 'per_kg') return { vehicle: null, price_usd_per_kg: launch.usd_per_kg, perKg: true, usable };
  const v = pricedVehicle(resolveVehicle(launch.vehicle, target, p, launch.path), launch.path);
  if (v.status === 'projected' && (v.catalogue_payload || v.catalogue_price))
    p.warn(`${v.name}: its payload and price are projections (source: ${v.source}), not market figures`);
  if (v.pairing_note !== null) p.warn(v.pairing_note);
  return { vehicle: v, price_usd_per_kg: v.price_usd_per_kg, perKg: v.pricing === 'per_kg', usable };
}

/** Launch cost of a mass at a price per kg, whole launches when the vehicle is priced per launch. */
function launchCost(pricing: LaunchPricing, mass_kg: number, price_usd_per_kg: number) {
  if (pricing.vehicle === null) return { launches: null, cost: mass_kg * price_usd_per_kg };
  const bill = launchBill(pricing.vehicle, mass_kg, pricing.usable, price_usd_per_kg, pricing.perKg);
  return { launches: bill.launches, cost: bill.cost_usd };
}

// ---------------------------------------------------------------------------------------------
// The orbital fleet: what is launched and installed, whatever it costs
// ---------------------------------------------------------------------------------------------

interface Fleet {
  installed_w: number;
  mass_kg: number;
  satellites: number;
  retention: number | null;
  /** The shortcut's array before rounding to whole satellites (McCalip's break-even uses it). */
  required_w: number;
  parts: Record<string, number> | null;
  subsystems: EconomicsResult['subsystems'];
  served_fraction: number;
  orbit: OrbitSpec | null;
}

/** The W/kg shortcut: installed power = load / (mean retention × sun fraction), whole satellites, mass = power / specific power. */
function specificPowerFleet(input: EconomicsCase, years: number, p: Provenance): Fleet {
  const specificPower = p.orDefault(
    'economics.specific_power_w_per_kg',
    input.specific_power_w_per_kg,
    'specific_power_w_per_kg',
  );
  const satPowerW = p.orDefault('economics.satellite_power_kw', input.satellite_power_kw, 'satellite_power_kw') * 1000;
  const sunFraction = p.orDefault('economics.sun_fraction', input.sun_fraction, 'sun_fraction');
  const degradation = p.orDefault(
    'economics.cell_degradation_per_year',
    input.cell_degradation_per_year,
    'cell_degradation_per_year',
  );
  const retention = meanRetention(degradation, years);
  const required_w = (input.load_kw * 1000) / (retention * sunFraction);
  const satellites = wholeCount(required_w / satPowerW);
  const installed_w = satellites * satPowerW;
  return {
    installed_w,
    mass_kg: installed_w / specificPower,
    satellites,
    retention,
    required_w,
    parts: null,
    subsystems: null,
    served_fraction: 1,
    orbit: null,
  };
}

/** The power request of the roll-up (launch's), at the reference epoch when it sizes in the top-level element orbit and gives none. */
function powerRequest(input: EconomicsCase, orbit: OrbitSpec, p: Provenance): Record<string, unknown> {
  const request = rollUpPowerRequest(input.power, orbit);
  const elements = orbit.tle === undefined && orbit.omm === undefined;
  if (request.orbit !== orbit || request.epoch !== undefined || !elements) return request;
  return { ...request, epoch: scenarioEpoch(input.epoch, p) };
}

/** Share of the year the rolled-up design powers its load: 1 unless its battery is sized for a shorter eclipse than the year's longest. */
function servedFraction(orbitSpec: OrbitSpec, epochIso: string, covered_min: number): number {
  const scratch = new Provenance();
  const o = resolveOrbit(orbitSpec, epochIso, scratch);
  return poweredFraction(o, Provenance.value('orbit.annual_step_h'), covered_min);
}

/** Share of the year the rolled-up design powers its load, warned about when its battery leaves hours dark. */
function servedShare(power: PowerResult, orbitSpec: OrbitSpec | undefined, p: Provenance): number {
  const sizedOrbit = power.orbit;
  if (sizedOrbit === null || orbitSpec === undefined) return 1;
  const served = servedFraction(orbitSpec, sizedOrbit.epoch, power.eclipse_duration_min);
  if (served < 1)
    p.warn(
      `the battery is sized for a ${power.eclipse_duration_min.toFixed(1)}-min eclipse, shorter than the year's longest (${sizedOrbit.annual.max_eclipse_min.toFixed(1)} min): the load is unpowered ${((1 - served) * 100).toFixed(2)} % of the year, and the energy delivered counts only the hours it is served`,
    );
  return served;
}

/** The roll-up's subsystem figures economics reports (those of POST /v1/launch but the dry mass and propellant). */
function subsystemFigures(s: RollUpSubsystems) {
  return {
    array_power_kw: s.array_power_kw,
    array_bol_power_kw: s.array_bol_power_kw,
    array_area_m2: s.array_area_m2,
    battery_energy_kwh: s.battery_energy_kwh,
    radiator_heat_kw: s.radiator_heat_kw,
    radiator_area_m2: s.radiator_area_m2,
    radiator_temp_k: s.radiator_temp_k,
  };
}

/** The physics roll-up of POST /v1/launch from the load, in the given orbit (default: the reference orbit). */
function rollUpFleet(input: EconomicsCase, years: number, p: Provenance): Fleet {
  const orbit = input.orbit ?? referenceOrbit(p);
  const roll = rollUpFromLoad(
    {
      load_kw: input.load_kw,
      orbit,
      power: powerRequest(input, orbit, p),
      thermal: input.thermal,
      mass_model: input.mass_model,
      mission_years: years,
    },
    p,
  );
  const installed_w = roll.power.array_bol_power_kw * 1000;
  const satPowerW = p.orDefault('economics.satellite_power_kw', input.satellite_power_kw, 'satellite_power_kw') * 1000;
  const served = servedShare(roll.power, roll.power_orbit, p);
  return {
    installed_w,
    mass_kg: roll.total_mass_kg,
    satellites: wholeCount(installed_w / satPowerW),
    retention: null,
    required_w: installed_w,
    parts: roll.parts,
    subsystems: { ...subsystemFigures(roll.subsystems), eclipse_min: roll.power.eclipse_duration_min },
    served_fraction: served,
    orbit,
  };
}

// ---------------------------------------------------------------------------------------------
// The orbital costs
// ---------------------------------------------------------------------------------------------

/** Satellite hardware priced per W of start-of-life array or per kg. */
export type HardwarePrice = { per: 'w'; usd_per_w: number } | { per: 'kg'; usd_per_kg: number };

/** Hardware cost of a fleet: $/W × start-of-life array, or $/kg × mass. */
export function hardwareCost(price: HardwarePrice, fleet: Pick<Fleet, 'installed_w' | 'mass_kg'>): number {
  return price.per === 'w' ? price.usd_per_w * fleet.installed_w : price.usd_per_kg * fleet.mass_kg;
}

interface CostParams {
  years: number;
  hardware: HardwarePrice;
  failure: number;
  ops: number;
  nre: number;
  launchReplacements: boolean;
}

function costParams(input: EconomicsCase, years: number, convention: Convention, p: Provenance): CostParams {
  const hw = input.hardware_case;
  return {
    years,
    hardware:
      hw.per === 'kg'
        ? hw
        : { per: 'w', usd_per_w: p.orDefault('economics.satellite_usd_per_w', hw.usd_per_w, 'satellite_usd_per_w') },
    failure: input.gpu_failure_per_year ?? gpuFailurePerYear(p),
    ops: p.orDefault('economics.ops_fraction_per_year', input.ops_fraction_per_year, 'ops_fraction_per_year'),
    nre: p.orDefault('economics.nre_usd', input.nre_usd, 'nre_usd'),
    launchReplacements: convention === 'consistent',
  };
}

/**
 * The modelled orbital side at a launch price and a hardware $/W (the break-even solvers vary them):
 * hardware + launch + ops (share of hardware a year) + replacement (failure × years × hardware)
 * + the replacement's launch (consistent convention) + NRE.
 */
function orbitalCosts(fleet: Fleet, c: CostParams, pricing: LaunchPricing, launchUsdPerKg: number, hardwarePrice = c.hardware) {
  const hardware = hardwareCost(hardwarePrice, fleet);
  const initial = launchCost(pricing, fleet.mass_kg, launchUsdPerKg);
  const ops = c.ops * hardware * c.years;
  const replacementFraction = c.failure * c.years;
  const gpu_replacement = replacementFraction * hardware;
  const replacement_mass_kg = replacementFraction * fleet.mass_kg;
  const replacementLaunch = launchCost(pricing, replacement_mass_kg, launchUsdPerKg).cost;
  const replacement_launch = c.launchReplacements ? replacementLaunch : 0;
  return {
    hardware,
    launch: initial.cost,
    launches: initial.launches,
    ops,
    gpu_replacement,
    replacement_mass_kg,
    replacement_launch,
    omitted_replacement_launch: c.launchReplacements ? 0 : replacementLaunch,
    nre: c.nre,
    total: hardware + initial.cost + ops + gpu_replacement + replacement_launch + c.nre,
  };
}
type OrbitalCosts = ReturnType<typeof orbitalCosts>;

// ---------------------------------------------------------------------------------------------
// The terrestrial side
// ---------------------------------------------------------------------------------------------

/** Energy price, USD/kWh: the grid's, or the fuel of on-site gas turbines (heat rate × gas price), with the turbines' capex. */
function groundEnergy(input: EconomicsCase, pue: number, capexParts: Record<string, number>, p: Provenance) {
  if (input.grid_usd_per_kwh !== undefined) return { price: input.grid_usd_per_kwh, grid: true };
  const t = input.terrestrial ?? {};
  if (input.ground_case.kind === 'modelled') {
    const turbine = p.orDefault(
      'economics.terrestrial.gas_turbine_usd_per_kw',
      t.gas_turbine_usd_per_kw,
      'terrestrial.gas_turbine_usd_per_kw',
    );
    capexParts.gas_turbine_usd = turbine * pue * input.load_kw;
  }
  const gas = p.orDefault('economics.terrestrial.gas_usd_per_mmbtu', t.gas_usd_per_mmbtu, 'terrestrial.gas_usd_per_mmbtu');
  const heatRate = p.orDefault(
    'economics.terrestrial.heat_rate_btu_per_kwh',
    t.heat_rate_btu_per_kwh,
    'terrestrial.heat_rate_btu_per_kwh',
  );
  return { price: (heatRate * gas) / BTU_PER_MMBTU, grid: false };
}

/** The facility capex by bucket (or one $/W), USD. */
function capexBuckets(input: EconomicsCase, parts: Record<string, number>, p: Provenance): void {
  const t = input.terrestrial ?? {};
  const load_w = input.load_kw * 1000;
  if (t.capex_usd_per_w !== undefined) {
    parts.facility_usd = t.capex_usd_per_w * load_w;
    return;
  }
  for (const name of ['electrical', 'mechanical', 'civil', 'network'] as const)
    parts[`${name}_usd`] =
      p.orDefault(`economics.terrestrial.${name}_usd_per_w`, t[`${name}_usd_per_w`], `terrestrial.${name}_usd_per_w`) * load_w;
}

/** Share of the capex a mission is charged: mission / asset life, straight-line (consistent), or all of it (mccalip). */
function capexShare(input: EconomicsCase, years: number, convention: Convention, p: Provenance) {
  if (convention === 'mccalip')
    return {
      share: 1,
      life: null,
      rule: 'the McCalip convention: the whole capex is charged to the mission, whatever its length',
    };
  const life = p.orDefault('terrestrial.asset_life_years', input.terrestrial?.asset_life_years, 'terrestrial.asset_life_years');
  const share = Math.min(1, years / life);
  return {
    share,
    life,
    rule: `straight-line: the mission's ${years} years of the facility's ${life}-year asset life (${(share * 100).toFixed(1)} %); the rest of the facility's life is worth as much to its owner after the mission`,
  };
}

function terrestrialSide(
  input: EconomicsCase,
  years: number,
  convention: Convention,
  energy_kwh: number,
  p: Provenance,
): EconomicsResult['terrestrial'] {
  const t = input.terrestrial ?? {};
  const ground = input.ground_case;
  const itemised = ground.kind === 'itemised';
  // An itemised ground side carries its cooling and power plant as items: its energy is the IT load's (PUE 1).
  const pue = itemised ? 1 : p.orDefault('terrestrial.pue', t.pue, 'terrestrial.pue');
  const parts: Record<string, number> = {};
  const energy = groundEnergy(input, pue, parts, p);
  if (!itemised) capexBuckets(input, parts, p);
  const full = sumValues(parts);
  const charge = itemised
    ? { share: 1, life: null, rule: 'itemised: the items as given' }
    : capexShare(input, years, convention, p);
  const items = ground.kind === 'itemised' ? { ...ground.items } : null;
  const itemsTotal = items ? sumValues(items) : 0;
  const opsShare = itemised
    ? 0
    : p.orDefault('economics.terrestrial.ops_fraction_per_year', t.ops_fraction_per_year, 'terrestrial.ops_fraction_per_year');
  return {
    power_source: energy.grid ? 'grid' : 'gas_turbine',
    capex_usd: full * charge.share + itemsTotal,
    capex_full_usd: full,
    capex_share_charged: charge.share,
    capex_rule: charge.rule,
    asset_life_years: charge.life,
    capex_parts_usd: parts,
    items_usd: items,
    energy_price_usd_per_kwh: energy.price,
    it_energy_usd: energy_kwh * energy.price,
    overhead_energy_usd: energy_kwh * (pue - 1) * energy.price,
    ops_usd: opsShare * full * years,
    energy_kwh,
    pue,
  };
}

function terrestrialTotal(t: EconomicsResult['terrestrial']): number {
  return t.capex_usd + t.it_energy_usd + t.overhead_energy_usd + t.ops_usd;
}

// ---------------------------------------------------------------------------------------------
// Itemised comparisons
// ---------------------------------------------------------------------------------------------

/**
 * The cost categories of a whole data center, each with the item names that count for it. An
 * itemised side that leaves one out compares a list, not a data center. Compute hardware is
 * the same purchase on both sides: it must be on both or on neither.
 */
const ITEM_CATEGORIES = {
  orbital: {
    launch: ['launch'],
    array: ['solar', 'array', 'power'],
    radiator: ['radiator', 'thermal', 'cooling'],
    structure: ['structure', 'bus'],
    operations: ['operations', 'ops'],
    replacement: ['replacement'],
    nre: ['nre'],
  },
  terrestrial: {
    cooling: ['cooling', 'mechanical'],
    power_plant: ['backup_power', 'electrical', 'power'],
    building: ['building', 'civil', 'shell', 'construction'],
    network: ['network', 'fit_out'],
    operations: ['operations', 'ops'],
  },
} as const;
const COMPUTE_ITEMS = ['compute', 'gpus', 'accelerators'];

function missingCategories(items: readonly string[], categories: Record<string, readonly string[]>): string[] {
  return Object.entries(categories)
    .filter(([, names]) => !names.some((n) => items.includes(n)))
    .map(([category]) => category);
}

/** What each side of an itemised comparison holds and leaves out. */
function itemisationCheck(orbitalItems: Record<string, number>, ground: GroundCase): NonNullable<EconomicsResult['itemisation']> {
  const orbital = Object.keys(orbitalItems);
  const terrestrial =
    ground.kind === 'itemised'
      ? ['energy', ...Object.keys(ground.items)]
      : ['energy', 'overhead_energy', 'cooling', 'power_plant', 'building', 'network', 'operations'];
  const orbital_missing = missingCategories(orbital, ITEM_CATEGORIES.orbital);
  const terrestrial_missing = ground.kind === 'itemised' ? missingCategories(terrestrial, ITEM_CATEGORIES.terrestrial) : [];
  const hasCompute = (items: string[]) => items.some((i) => COMPUTE_ITEMS.includes(i));
  if (hasCompute(orbital) && !hasCompute(terrestrial)) terrestrial_missing.push('compute');
  if (hasCompute(terrestrial) && !hasCompute(orbital)) orbital_missing.push('compute');
  return {
    orbital_items: orbital,
    terrestrial_items: terrestrial,
    orbital_missing,
    terrestrial_missing,
    complete: orbital_missing.length === 0 && terrestrial_missing.length === 0,
  };
}

function warnIncompleteItemisation(i: NonNullable<EconomicsResult['itemisation']>, p: Provenance): void {
  if (i.complete) return;
  const parts = [
    i.orbital_missing.length > 0 && `the orbital side leaves out ${i.orbital_missing.join(', ')}`,
    i.terrestrial_missing.length > 0 && `the terrestrial side leaves out ${i.terrestrial_missing.join(', ')}`,
  ].filter(Boolean);
  p.warn(
    `the itemisation is incomplete: ${parts.join('; ')}. The ratio compares what the two lists hold, not the cost of a data center; see consistent for the whole chain`,
  );
}

// ---------------------------------------------------------------------------------------------
// Break-even
// ---------------------------------------------------------------------------------------------

type BreakevenOut = EconomicsResult['breakeven'];

/** The root of total(x) = target for x ≥ 0 (total increasing in x), or null with the reason. */
function priceRoot(total: (x: number) => number, target: number, start: number, what: string) {
  const atZero = total(0);
  if (atZero > target)
    return { x: null, reason: `even ${what} leaves ${fmt(atZero)} USD, above the ${fmt(target)} USD that would break even` };
  const root = solveBracketed(total, target, { lo: 0, hi: Math.max(start, 1), max: BREAKEVEN_SEARCH_MAX });
  if (root === null)
    return { x: null, reason: `no price up to ${BREAKEVEN_SEARCH_MAX} closes the gap: the total does not grow with it` };
  return { x: root.x, reason: null };
}

/**
 * Break-even launch price: the root of orbital_total(x) = target in the full model (hardware,
 * launch, ops, replacement and its launch, NRE). When none ≥ 0 closes the gap, null with the
 * reason, and the hardware $/W that closes it at the launch price used.
 */
function modelledBreakeven(fleet: Fleet, c: CostParams, pricing: LaunchPricing, target: number): BreakevenOut {
  const launchPrice = pricing.price_usd_per_kg;
  const atLaunch = (x: number) => orbitalCosts(fleet, c, pricing, x).total;
  const launch = priceRoot(atLaunch, target, launchPrice, 'a free launch (hardware, operations, replacement and NRE alone)');
  const hw = c.hardware;
  const currentPerW = hw.per === 'w' ? hw.usd_per_w : (hw.usd_per_kg * fleet.mass_kg) / fleet.installed_w;
  const atHardware = (h: number) => orbitalCosts(fleet, c, pricing, launchPrice, { per: 'w', usd_per_w: h }).total;
  const hardware = priceRoot(atHardware, target, currentPerW, 'free hardware (launch, initial and replacement, and NRE)');
  return {
    launch_usd_per_kg: launch.x,
    reason: launch.reason,
    cost_ratio_at_breakeven: launch.x === null ? null : atLaunch(launch.x) / target,
    hardware_usd_per_w: hardware.x,
    hardware_reason: hardware.reason,
  };
}

/** An itemised orbital side: the launch item and the launch price give the mass; only a complete itemisation has a break-even. */
function itemisedBreakeven(
  items: Record<string, number>,
  itemisation: NonNullable<EconomicsResult['itemisation']>,
  launchPrice: number,
  target: number,
): BreakevenOut {
  const launch = items.launch;
  const mass = launch === undefined || !(launchPrice > 0) ? null : launch / launchPrice;
  const others = sumValues(items) - (launch ?? 0);
  const total = mass === null ? null : (x: number) => others + mass * x;
  let root: { x: number | null; reason: string | null };
  if (!itemisation.complete)
    root = {
      x: null,
      reason: `the itemisation is incomplete (orbital side without ${itemisation.orbital_missing.join(', ') || 'nothing'}; terrestrial side without ${itemisation.terrestrial_missing.join(', ') || 'nothing'}): a break-even between partial lists is not a price at which orbit pays`,
    };
  else if (total === null)
    root = {
      x: null,
      reason: 'an itemised orbital side without a launch item (and a launch price) gives no launch mass to price',
    };
  else root = priceRoot(total, target, launchPrice, 'a free launch (the other items alone)');
  return {
    launch_usd_per_kg: root.x,
    reason: root.reason,
    cost_ratio_at_breakeven: root.x === null || total === null ? null : total(root.x) / target,
    hardware_usd_per_w: null,
    hardware_reason: 'an itemised orbital side has no hardware $/W term',
  };
}

function fmt(usd: number): string {
  return usd.toExponential(4);
}

// ---------------------------------------------------------------------------------------------
// The McCalip calculator's own figures, and the consistent figures beside a reproduction
// ---------------------------------------------------------------------------------------------

/** That calculator's break-even, (terrestrial − hardware) / mass on the unrounded array: null with the reason when negative. */
function calculatorBreakeven(fleet: Fleet, c: CostParams, terrestrial: number) {
  const kgPerW = fleet.mass_kg / fleet.installed_w;
  const mass = fleet.required_w * kgPerW;
  const hardware = hardwareCost(c.hardware, { installed_w: fleet.required_w, mass_kg: mass });
  const x = (terrestrial - hardware) / mass;
  if (x >= 0) return { x, reason: null };
  return {
    x: null,
    reason: `that calculator's formula gives ${x.toFixed(2)} USD/kg: the hardware alone (${fmt(hardware)} USD) costs more than the whole ground side (${fmt(terrestrial)} USD), so no launch price, not even a free one, breaks even; a negative price is not a price`,
  };
}

function mccalipView(
  modelled: Pick<Modelled, 'fleet' | 'c' | 'costs'> | null,
  totals: { orbital: number; terrestrial: number; orbitalKwh: number; terrestrialKwh: number },
): NonNullable<EconomicsResult['mccalip']> {
  const terrestrialPerKwh = totals.terrestrial / totals.terrestrialKwh;
  const ratio = totals.orbital / totals.terrestrial;
  const calc = modelled
    ? calculatorBreakeven(modelled.fleet, modelled.c, totals.terrestrial)
    : { x: null, reason: 'no modelled orbital side' };
  return {
    orbital_energy_kwh: totals.orbitalKwh,
    terrestrial_energy_kwh: totals.terrestrialKwh,
    orbital_usd_per_kwh: totals.orbital / totals.orbitalKwh,
    terrestrial_usd_per_kwh: terrestrialPerKwh,
    usd_per_kwh_ratio: totals.orbital / totals.orbitalKwh / terrestrialPerKwh,
    consistent_usd_per_kwh_ratio: ratio,
    orbital_usd_per_kwh_consistent: totals.orbital / totals.terrestrialKwh,
    denominator_effect: totals.orbital / totals.orbitalKwh / terrestrialPerKwh / ratio,
    omitted_replacement_launch_usd: modelled?.costs.omitted_replacement_launch ?? 0,
    calculator_breakeven_usd_per_kg: calc.x,
    calculator_breakeven_reason: calc.reason,
  };
}

/** The request's load, mission, prices and ground site, without anything that belongs to a convention or an itemisation. */
function consistentRequest(input: EconomicsCase): Record<string, unknown> {
  const {
    convention: _c,
    sizing: _s,
    specific_power_w_per_kg: _sp,
    sun_fraction: _sf,
    cell_degradation_per_year: _cd,
    space_costs_usd: _items,
    terrestrial_costs_usd: _titems,
    launch_case: _launch,
    orbital_case: _orbital,
    hardware_case: _hardware,
    ground_case: _ground,
    ...rest
  } = input;
  return rest;
}

/** The same request in the consistent convention, sized by the roll-up: the figures to set beside a reproduction. */
function consistentBeside(input: EconomicsCase): NonNullable<EconomicsResult['consistent']> {
  try {
    const r = runEconomics(EconomicsInput.parse(consistentRequest(input)), new Provenance());
    return {
      orbital_total_usd: r.orbital_total_usd,
      terrestrial_total_usd: r.terrestrial_total_usd,
      cost_ratio: r.cost_ratio,
      orbital_usd_per_kwh: r.orbital_usd_per_kwh,
      terrestrial_usd_per_kwh: r.terrestrial_usd_per_kwh,
      mass_kg: r.mass_kg,
      installed_power_kw: r.installed_power_kw,
      reason: null,
    };
  } catch (e) {
    if (!(e instanceof PhysicallyImpossible)) throw e;
    return {
      orbital_total_usd: null,
      terrestrial_total_usd: null,
      cost_ratio: null,
      orbital_usd_per_kwh: null,
      terrestrial_usd_per_kwh: null,
      mass_kg: null,
      installed_power_kw: null,
      reason: e.message,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/** The denominators: the IT energy each side delivers, and the utilisation that sets them. */
function energyDenominators(input: EconomicsCase, years: number, convention: Convention, served: number, p: Provenance) {
  const loadHours = input.load_kw * years * HOURS_PER_COMMON_YEAR;
  const t = input.terrestrial ?? {};
  if (convention === 'mccalip') {
    const cf = p.orDefault('economics.terrestrial.capacity_factor', t.capacity_factor, 'terrestrial.capacity_factor');
    return { utilisation: cf, orbital_kwh: loadHours * cf, terrestrial_kwh: loadHours * cf, orbital_denominator_kwh: loadHours };
  }
  const utilisation =
    input.utilisation_fraction ??
    t.capacity_factor ??
    p.orDefault('economics.utilisation_fraction', undefined, 'utilisation_fraction');
  const orbital_kwh = loadHours * utilisation * served;
  return { utilisation, orbital_kwh, terrestrial_kwh: loadHours * utilisation, orbital_denominator_kwh: orbital_kwh };
}

/** Warnings for the defaults that flatter orbit or dominate the total. */
function warnOrbitalDefaults(input: EconomicsCase, c: CostParams, costs: OrbitalCosts, p: Provenance): void {
  if (c.failure * c.years > 1)
    p.warn(
      `${(c.failure * c.years * 100).toFixed(0)} % of the hardware is replaced over the mission: more than the fleet itself`,
    );
  const nreShare = costs.nre / costs.total;
  if (input.nre_usd === undefined && nreShare > NRE_DOMINANT_SHARE)
    p.warn(
      `the default NRE of ${fmt(costs.nre)} USD is a fixed figure from a calculator built for 1 GW; here it is ${(nreShare * 100).toFixed(0)} % of the orbital total: give nre_usd for a design of this size`,
    );
}

/** The modelled orbital side: the fleet (roll-up or shortcut), its costs at the launch price used, and its build cadence. */
function modelledOrbital(
  input: EconomicsCase,
  sizing: 'roll_up' | 'specific_power',
  years: number,
  convention: Convention,
  pricing: LaunchPricing,
  p: Provenance,
) {
  const fleet = sizing === 'roll_up' ? rollUpFleet(input, years, p) : specificPowerFleet(input, years, p);
  if (pricing.vehicle !== null && fleet.orbit !== null) warnPayloadOrbit(pricing.vehicle.orbit, fleet.orbit, p);
  const c = costParams(input, years, convention, p);
  const costs = orbitalCosts(fleet, c, pricing, pricing.price_usd_per_kg);
  warnOrbitalDefaults(input, c, costs, p);
  return {
    kind: 'modelled' as const,
    sizing,
    fleet,
    c,
    costs,
    cadence: buildCadence(input, costs, pricing, p),
    total: costs.total,
  };
}
type Modelled = ReturnType<typeof modelledOrbital>;

/** The build campaign against the flight rates, when whole launches are counted on a vehicle. */
function buildCadence(
  input: EconomicsCase,
  costs: OrbitalCosts,
  pricing: LaunchPricing,
  p: Provenance,
): EconomicsResult['cadence'] {
  if (pricing.vehicle === null || costs.launches === null) return null;
  const build_years = p.orDefault('launch.build_years', input.build_years, 'build_years');
  const k = cadenceAgainstFlightRates(costs.launches, build_years, pricing.vehicle, p, input.world_orbital_launches_per_year);
  return {
    build_years,
    launches_per_year_to_build: k.launches_per_year,
    vehicle_flights_per_year: pricing.vehicle.flights_per_year,
    build_share_of_flight_rate: k.vehicle_share,
    world_launches_per_year: k.world_launches_per_year,
    build_share_of_world_launches: k.world_share,
  };
}

/** The itemised orbital side: the items as given, and what the comparison holds. */
function itemisedOrbital(orbitalItems: Record<string, number>, ground: GroundCase, p: Provenance) {
  const items = { ...orbitalItems };
  const itemisation = itemisationCheck(items, ground);
  warnIncompleteItemisation(itemisation, p);
  return { kind: 'itemised' as const, items, itemisation, total: sumValues(items) };
}

/** The orbital side as the request sizes it: modelled (roll-up or shortcut) or itemised. */
type OrbitalSide = Modelled | ReturnType<typeof itemisedOrbital>;

function orbitalSide(
  input: EconomicsCase,
  years: number,
  convention: Convention,
  pricing: LaunchPricing,
  p: Provenance,
): OrbitalSide {
  const o = input.orbital_case;
  return o.sizing === 'itemised'
    ? itemisedOrbital(o.items, input.ground_case, p)
    : modelledOrbital(input, o.sizing, years, convention, pricing, p);
}

/**
 * The two sides on one denominator: each total over the energy it is divided by, the ratio (of
 * the totals in the mccalip convention), and the orbital total at which the ratio is 1: the
 * ground's cost of the energy orbit delivers (the terrestrial total in the mccalip convention).
 */
export function compareSides(
  orbital_usd: number,
  terrestrial_usd: number,
  energy: { orbital_denominator_kwh: number; terrestrial_kwh: number; orbital_kwh: number },
  convention: Convention,
) {
  const orbital_usd_per_kwh = orbital_usd / energy.orbital_denominator_kwh;
  const terrestrial_usd_per_kwh = terrestrial_usd / energy.terrestrial_kwh;
  const mccalip = convention === 'mccalip';
  return {
    orbital_usd_per_kwh,
    terrestrial_usd_per_kwh,
    cost_ratio: mccalip ? orbital_usd / terrestrial_usd : orbital_usd_per_kwh / terrestrial_usd_per_kwh,
    breakeven_target_usd: mccalip ? terrestrial_usd : terrestrial_usd_per_kwh * energy.orbital_kwh,
  };
}

/** The break-even of the orbital side: of the full model, or of a complete itemisation. */
function orbitalBreakeven(o: OrbitalSide, pricing: LaunchPricing, target: number): BreakevenOut {
  return o.kind === 'modelled'
    ? modelledBreakeven(o.fleet, o.c, pricing, target)
    : itemisedBreakeven(o.items, o.itemisation, pricing.price_usd_per_kg, target);
}

export function runEconomics(input: EconomicsCase, p: Provenance): EconomicsResult {
  const convention = p.orChoice<Convention>('economics.convention', input.convention, 'convention');
  const years = missionYears(input.mission_years, p);
  const pricing = resolveLaunchPricing(input, p);
  const orbital = orbitalSide(input, years, convention, pricing, p);
  const modelled = orbital.kind === 'modelled' ? orbital : null;
  const energy = energyDenominators(input, years, convention, modelled?.fleet.served_fraction ?? 1, p);
  const terrestrial = terrestrialSide(input, years, convention, energy.terrestrial_kwh, p);
  const terrestrialTotalUsd = terrestrialTotal(terrestrial);
  const sides = compareSides(orbital.total, terrestrialTotalUsd, energy, convention);
  const breakeven = orbitalBreakeven(orbital, pricing, sides.breakeven_target_usd);
  const totals = {
    orbital: orbital.total,
    terrestrial: terrestrialTotalUsd,
    orbitalKwh: energy.orbital_denominator_kwh,
    terrestrialKwh: energy.terrestrial_kwh,
  };
  return {
    convention,
    ...sizingFigures(orbital),
    energy_kwh: energy.orbital_kwh,
    utilisation_fraction: energy.utilisation,
    served_fraction: modelled?.fleet.served_fraction ?? 1,
    orbital_total_usd: orbital.total,
    terrestrial_total_usd: terrestrialTotalUsd,
    cost_ratio: sides.cost_ratio,
    orbital_usd_per_kwh: sides.orbital_usd_per_kwh,
    terrestrial_usd_per_kwh: sides.terrestrial_usd_per_kwh,
    breakeven_launch_usd_per_kg: breakeven.launch_usd_per_kg,
    breakeven,
    ...launchFigures(pricing),
    ...costFigures(orbital),
    space_total_usd: orbital.total,
    space_usd_per_kwh: sides.orbital_usd_per_kwh,
    terrestrial,
    terrestrial_energy_usd: terrestrial.it_energy_usd,
    mccalip: convention === 'mccalip' ? mccalipView(modelled, totals) : null,
    consistent: convention === 'mccalip' || modelled === null ? consistentBeside(input) : null,
  };
}

function sizingFigures(o: OrbitalSide) {
  if (o.kind === 'itemised')
    return {
      sizing: 'itemised' as const,
      orbital_mode: 'itemised' as const,
      installed_power_kw: null,
      mean_retention: null,
      satellites: null,
      mass_kg: null,
      mass_parts_kg: null,
      subsystems: null,
      starship_launches_100t: null,
      itemisation: o.itemisation,
    };
  const f = o.fleet;
  return {
    sizing: o.sizing,
    orbital_mode: 'modelled' as const,
    installed_power_kw: f.installed_w / 1000,
    mean_retention: f.retention,
    satellites: f.satellites,
    mass_kg: f.mass_kg,
    mass_parts_kg: f.parts,
    subsystems: f.subsystems,
    starship_launches_100t: wholeCount(f.mass_kg / STARSHIP_100T_KG),
    itemisation: null,
  };
}

function launchFigures(pricing: LaunchPricing) {
  const v = pricing.vehicle;
  return {
    launch_usd_per_kg: pricing.price_usd_per_kg,
    launch_pricing: v === null || pricing.perKg ? ('per_kg' as const) : ('per_launch' as const),
    vehicle: v ? { id: v.id, name: v.name, status: v.status, payload_kg: v.payload_kg } : null,
  };
}

function costFigures(o: OrbitalSide) {
  const none = {
    launches: null,
    cadence: null,
    hardware_usd: null,
    ops_usd: null,
    gpu_replacement_usd: null,
    replacement_mass_kg: null,
    replacement_launch_usd: null,
    nre_usd: null,
  };
  if (o.kind === 'itemised') return { ...none, launch_usd: o.items.launch ?? null, space_costs_usd: o.items };
  const c = o.costs;
  return {
    launches: c.launches,
    cadence: o.cadence,
    hardware_usd: c.hardware,
    launch_usd: c.launch,
    ops_usd: c.ops,
    gpu_replacement_usd: c.gpu_replacement,
    replacement_mass_kg: c.replacement_mass_kg,
    replacement_launch_usd: c.replacement_launch,
    nre_usd: c.nre,
    space_costs_usd: null,
  };
}

/** CPU seconds of one economics run: its closed forms and, sized by the roll-up, the roll-up and the served fraction's pass over the year. */
function economicsRunCost(input: EconomicsCase, rollUp: boolean): number {
  if (!rollUp) return coefficient('execution.cost.economics_s');
  const scratch = new Provenance();
  const orbit = input.orbit ?? referenceOrbit(scratch);
  const elements = orbit.tle === undefined && orbit.omm === undefined;
  const epoch = elements ? scenarioEpoch(input.epoch, scratch) : undefined;
  // The served fraction reads the power part's annual picture, unless that part samples the year at its own step.
  const ownStep = (input.power as { annual_step_h?: unknown } | undefined)?.annual_step_h !== undefined;
  return (
    coefficient('execution.cost.economics_s') +
    rollUpCost({ orbit, power: input.power }, epoch) +
    resolveCost(orbit) +
    (ownStep ? annualPassCost() : 0)
  );
}

/** What an economics request costs: its run, and the consistent run beside a convention or an itemisation. */
export function estimateEconomicsCost(input: EconomicsCase): Cost {
  const sizing = input.orbital_case.sizing;
  const beside = sizing === 'itemised' || input.convention === 'mccalip';
  const own = economicsRunCost(input, sizing === 'roll_up');
  return {
    cpu_s: own + (beside ? economicsRunCost(input, true) : 0),
    basis: `${beside ? 'two economics runs (the consistent one beside)' : 'one economics run'} with the mass roll-up`,
  };
}

export const economicsEstimator = defineEstimator({
  name: 'economics',
  summary:
    'Economics: orbital vs terrestrial total cost over the mission, $/kWh on one denominator, and the break-even launch price',
  description:
    'Total cost of ownership over the mission, on one physics chain. Orbital (default sizing "roll_up"): the facility POST /v1/launch rolls up from load_kw in `orbit` (default: a dawn-dusk sun-synchronous orbit at 650 km, the one orbital data-center designs choose) — array and battery of POST /v1/power, radiator of POST /v1/thermal for the power model\'s energy balance, compute, shielding, structure, propellant — priced per W of its start-of-life array (or per kg), launched (catalogue vehicle, custom vehicle or $/kg), operated, its failed hardware replaced and launched, plus NRE. `sizing: "specific_power"` is the named W/kg shortcut; `space_costs_usd` (and `terrestrial_costs_usd`) itemise the sides as white papers do, with what each side holds and leaves out. Terrestrial: capex by bucket (or a total $/W) charged for the mission\'s share of the facility\'s asset life, gas turbines and fuel or grid electricity, PUE, operations. Both sides are divided by the energy each delivers to the IT load. The break-even launch price is the root of the full model (fed back, cost_ratio = 1), or null with the reason and the hardware $/W that would close the gap. `convention: "mccalip"` reproduces the McCalip calculator; the consistent figures are given beside it and beside an itemised comparison.',
  input: EconomicsInput,
  output: EconomicsOutput,
  examples: {
    starship_1gw: {
      summary: '1 GW for 5 years on Starship at the NASA OTPS projected price ($100M per 100 t), sized in the reference orbit',
      value: { load_kw: '1 GW', mission_years: 5, vehicle: 'starship' },
    },
    falcon9: {
      summary: "1 GW for 5 years on Falcon 9 at today's list price ($69.75M per 17.4 t recovered)",
      value: { load_kw: '1 GW', mission_years: 5, vehicle: 'falcon9' },
    },
    starlink_shell: {
      summary: '1 GW for 5 years in a Starlink-like shell (550 km, 53°), launch at $500/kg',
      value: { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 500, orbit: { altitude_km: 550, inclination_deg: 53 } },
    },
    starcloud_40mw: {
      summary:
        'Starcloud white paper: 40 MW for 10 years, its itemised space side against its itemised ground side ($0.04/kWh grid)',
      value: {
        load_kw: '40 MW',
        mission_years: 10,
        grid_usd_per_kwh: 0.04,
        space_costs_usd: { solar: 2_000_000, launch: 5_000_000, shielding: 1_200_000 },
        terrestrial_costs_usd: { cooling: 7_000_000, backup_power: 20_000_000 },
        starship_price_usd: 5_000_000,
        starship_payload_kg: 100_000,
      },
    },
    mccalip_default: {
      summary: "The McCalip calculator's defaults, in its own convention (launch $500/kg)",
      value: { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 500, convention: 'mccalip' },
    },
  },
  run: runEconomics,
  cost: estimateEconomicsCost,
});
