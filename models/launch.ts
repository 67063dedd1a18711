/**
 * Launch: mass to orbit, whole launches per vehicle, launch cost and $/kg, the launch cadence to
 * build and to replace failed hardware, and the launch price by year (an annual decline or a
 * Wright's-law learning curve).
 *
 * Mass comes given (`mass_kg`), as a breakdown (`mass: { <part>_kg }`), or rolled up from a load
 * (`massRollUp`: compute, arrays, batteries, radiators, shielding, structure, propellant).
 * Vehicles come from the catalogue (vehicles.ts: fixtures/vehicles.json, each with payload, price,
 * flight rate, status, as_of and source), or a custom `{ payload_kg, price_usd }`; or the price is a
 * plain `price_usd_per_kg`. The schema gives `runLaunch` its case: the mass form, the vehicle and the
 * pricing by year, tagged; the campaign is a list of named steps (`priceCampaign`).
 */

import { z } from 'zod';
import { STANDARD_GRAVITY_M_S2 } from './constants.js';
import { coefficient } from './cost.js';
import { inputError, PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { whole } from './format.js';
import { sumValues } from './numerics.js';
import { type OrbitSpec, OrbitSpecSchema, resolveCost } from './orbit.js';
import { PowerInput, runPower, sizingEclipseCost } from './power.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';
import { gpuFailurePerYear, missionYears } from './scenario.js';
import { runThermal, ThermalInput } from './thermal.js';
import {
  cadenceAgainstFlightRates,
  type LaunchBill,
  launchBill,
  pricedVehicle,
  type ResolvedVehicle,
  resolveVehicle,
  TargetOrbit,
  TargetOrbitField,
  UsablePayloadField,
  usableCapacity,
  type VehicleCase,
  VehicleRefSchema,
  vehicleCase,
  WorldLaunchesField,
  warnPayloadOrbit,
} from './vehicles.js';

// ---------------------------------------------------------------------------------------------
// Mass roll-up
// ---------------------------------------------------------------------------------------------

export interface RollUpInput {
  load_kw: number;
  /** From the power estimator. */
  array_mass_kg: number;
  battery_mass_kg: number;
  /** From the thermal estimator. */
  radiator_mass_kg: number;
  compute_kg_per_kw: number;
  shielding_areal_density_kg_per_m2: number;
  shielded_area_m2_per_kw: number;
  /** Structure and mechanisms as a share of dry mass. */
  structure_fraction: number;
  delta_v_m_per_s_per_year: number;
  isp_s: number;
  mission_years: number;
}

export interface RollUp {
  parts: Record<string, number>;
  dry_mass_kg: number;
  total_mass_kg: number;
  propellant_fraction_of_dry: number;
}

/**
 * Mass of an orbital data center from its load and its power and thermal subsystems:
 * compute = kg/kW × load; shielding = areal density × shielded area per kW × load;
 * structure = f/(1−f) × the other dry parts (f = share of dry mass);
 * propellant = dry × (exp(Δv/(g₀·Isp)) − 1) (Tsiolkovsky), Δv = Δv per year × mission years.
 */
export function massRollUp(i: RollUpInput): RollUp {
  const compute_kg = i.compute_kg_per_kw * i.load_kw;
  const shielding_kg = i.shielding_areal_density_kg_per_m2 * i.shielded_area_m2_per_kw * i.load_kw;
  const others = compute_kg + i.array_mass_kg + i.battery_mass_kg + i.radiator_mass_kg + shielding_kg;
  const structure_kg = (i.structure_fraction / (1 - i.structure_fraction)) * others;
  const dry = others + structure_kg;
  const dv = i.delta_v_m_per_s_per_year * i.mission_years;
  const propellantFraction = Math.expm1(dv / (STANDARD_GRAVITY_M_S2 * i.isp_s));
  const propellant_kg = dry * propellantFraction;
  return {
    parts: {
      compute_kg,
      array_kg: i.array_mass_kg,
      battery_kg: i.battery_mass_kg,
      radiator_kg: i.radiator_mass_kg,
      shielding_kg,
      structure_kg,
      propellant_kg,
    },
    dry_mass_kg: dry,
    total_mass_kg: dry + propellant_kg,
    propellant_fraction_of_dry: propellantFraction,
  };
}

// ---------------------------------------------------------------------------------------------
// Price trajectories
// ---------------------------------------------------------------------------------------------

/** Compound annual decline: P(y) = P₀ (1 − D)^((y − y₀)/T), D the decline over T years (NASA OTPS 2024, sec. 5.2.1). */
export function annualDeclineFactor(years: number, decline_fraction: number, period_years: number): number {
  return (1 - decline_fraction) ** (years / period_years);
}

/** Wright's law exponent b in P ∝ M^(−b): each doubling of cumulative mass M cuts the price by the learning rate, b = −log₂(1 − LR). */
export function wrightExponent(learning_rate: number): number {
  return -Math.log2(1 - learning_rate);
}

/**
 * Cumulative mass launched through base year + k, with `annual_kg` launched in the base year
 * and growth g per year after it: M(k) = M₀ + A·Σ_{j=1..k} (1+g)^j.
 */
export function cumulativeMassKg(base_kg: number, annual_kg: number, growth: number, k: number): number {
  let m = base_kg;
  for (let j = 1; j <= k; j++) m += annual_kg * (1 + growth) ** j;
  return m;
}

/** Years the by-year price table runs past its base year unless the caller sets its last year. */
const TRAJECTORY_TABLE_YEARS = 20;

const AnnualDecline = z
  .object({
    model: z.literal('annual_decline'),
    base_year: z
      .number()
      .int()
      .min(1957)
      .max(2100)
      .optional()
      .describe("Year of the base price (default: the vehicle's as_of year)"),
    base_price_usd_per_kg: quantity('USD/kg', {
      gt: 0,
      description: "Price in the base year (default: the vehicle's price per kg, or price_usd_per_kg)",
    }).optional(),
    decline_fraction: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .describe(`Fall of the price over decline_period_years (NASA OTPS: ${Provenance.value('launch.trend_decline_fraction')})`),
    decline_period_years: quantity('year', {
      gt: 0,
      max: 200,
      description: `Period of that decline (NASA OTPS: 2013-2022, ${Provenance.value('launch.trend_decline_period_years')} years)`,
    }).optional(),
  })
  .strict();

const LearningCurve = z
  .object({
    model: z.literal('learning_curve'),
    base_year: z.number().int().min(1957).max(2100).optional(),
    base_price_usd_per_kg: quantity('USD/kg', { gt: 0 }).optional(),
    learning_rate: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe("Price drop per doubling of cumulative mass launched (Wright's law)"),
    cumulative_mass_kg_base: quantity('kg', {
      gt: 0,
      description: `Mass launched to orbit, all time, through the base year (default: ESA's mass still in orbit, ${whole(Provenance.value('launch.world_cumulative_mass_kg') / 1000)} t, a floor)`,
    }).optional(),
    annual_mass_kg: quantity('kg', { gt: 0, description: 'Mass launched to orbit in the base year' }).optional(),
    annual_mass_growth_fraction: z.number().min(-0.5).max(5).optional().describe('Growth of the annual mass launched, per year'),
  })
  .strict();

export const PriceTrajectorySchema = z
  .discriminatedUnion('model', [AnnualDecline, LearningCurve])
  .describe(
    'Launch price by year: `annual_decline` (compounded, NASA OTPS 2024) or `learning_curve` (Wright: price falls by the learning rate at each doubling of cumulative mass launched).',
  );

/** A price trajectory as the request gives it. */
export type PriceTrajectorySpec = z.output<typeof PriceTrajectorySchema>;

export interface Trajectory {
  model: 'annual_decline' | 'learning_curve';
  base_year: number;
  base_price_usd_per_kg: number;
  /** Price factor at `year` relative to the base year; throws for years the model cannot reach. */
  factor(year: number): number;
  parameters: TrajectoryParameters;
  source: string;
}

/** The trajectory asked for (or the default model), from the base year and price of the campaign unless it gives its own. */
function resolveTrajectory(
  spec: PriceTrajectorySpec | undefined,
  basePrice: number,
  baseYear: number,
  p: Provenance,
): Trajectory {
  const s: PriceTrajectorySpec = spec ?? {
    model: p.orChoice<PriceTrajectorySpec['model']>('launch.price_trajectory.model', undefined, 'price_trajectory.model'),
  };
  const base = { base_year: s.base_year ?? baseYear, base_price_usd_per_kg: s.base_price_usd_per_kg ?? basePrice };
  return s.model === 'annual_decline' ? annualDeclineTrajectory(s, base, p) : learningCurveTrajectory(s, base, p);
}

/** Where a trajectory starts: its base year and the price per kg in it. */
type TrajectoryBase = Pick<Trajectory, 'base_year' | 'base_price_usd_per_kg'>;

/** The compounded annual decline (NASA OTPS 2024), its decline and period defaulted from that source. */
function annualDeclineTrajectory(s: z.output<typeof AnnualDecline>, base: TrajectoryBase, p: Provenance): Trajectory {
  const decline = p.orDefault('launch.trend_decline_fraction', s.decline_fraction, 'price_trajectory.decline_fraction');
  const period = p.orDefault(
    'launch.trend_decline_period_years',
    s.decline_period_years,
    'price_trajectory.decline_period_years',
  );
  return {
    model: 'annual_decline',
    ...base,
    factor: (year) => annualDeclineFactor(year - base.base_year, decline, period),
    parameters: {
      decline_fraction: decline,
      decline_period_years: period,
      annual_decline_fraction: 1 - annualDeclineFactor(1, decline, period),
    },
    source: Provenance.source('launch.trend_decline_fraction'),
  };
}

/** Wright's law on the world's cumulative mass launched, which runs forward from its base year only. */
function learningCurveTrajectory(s: z.output<typeof LearningCurve>, base: TrajectoryBase, p: Provenance): Trajectory {
  const lr = p.orDefault('launch.learning_rate', s.learning_rate, 'price_trajectory.learning_rate');
  const annual = p.orDefault('launch.world_annual_mass_kg', s.annual_mass_kg, 'price_trajectory.annual_mass_kg');
  const growth = p.orDefault(
    'launch.world_annual_mass_growth_fraction',
    s.annual_mass_growth_fraction,
    'price_trajectory.annual_mass_growth_fraction',
  );
  const m0 = p.orDefault(
    'launch.world_cumulative_mass_kg',
    s.cumulative_mass_kg_base,
    'price_trajectory.cumulative_mass_kg_base',
  );
  const b = wrightExponent(lr);
  const { base_year } = base;
  return {
    model: 'learning_curve',
    ...base,
    factor: (year) => {
      if (year < base_year)
        throw new PhysicallyImpossible(
          `the learning curve runs forward from its base year ${base_year}; ${year} is before it`,
          '/year',
          { base_year, year },
        );
      return (cumulativeMassKg(m0, annual, growth, year - base_year) / m0) ** -b;
    },
    parameters: {
      learning_rate: lr,
      wright_exponent: b,
      cumulative_mass_kg_base: m0,
      annual_mass_kg: annual,
      annual_mass_growth_fraction: growth,
    },
    source: Provenance.source('launch.learning_rate'),
  };
}

// ---------------------------------------------------------------------------------------------
// The request and its case, and the answer
// ---------------------------------------------------------------------------------------------

const PartName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*_kg$/, { error: 'expected part names in snake_case ending in _kg, e.g. "compute_kg"' });

export const MassModelSchema = z
  .object({
    compute_kg_per_kw: quantity('kg/kW', {
      gt: 0,
      description: 'Compute hardware per kW of IT load (accelerators, racks, cold plates)',
    }).optional(),
    shielding_areal_density_kg_per_m2: quantity('kg/m2', {
      min: 0,
      description: 'Radiation shield around the compute enclosure',
    }).optional(),
    shielded_area_m2_per_kw: quantity('m2/kW', {
      min: 0,
      description: 'Enclosure surface to shield per kW of IT load',
    }).optional(),
    structure_fraction: fraction('a structure share', { min: 0, lt: 1 })
      .optional()
      .describe('Structure and mechanisms as a share of dry mass'),
    delta_v_m_per_s_per_year: quantity('m/s/year', {
      min: 0,
      example: '50 m/s/year',
      description: 'Drag make-up and station keeping',
    }).optional(),
    isp_s: quantity('s', { gt: 0, description: 'Specific impulse of the station-keeping thrusters' }).optional(),
  })
  .strict()
  .describe('Factors of the mass roll-up from load_kw; each defaults to a sourced value');

const POWER_OWN = ['load_kw', 'mission_years'] as const;
const THERMAL_OWN = ['heat_kw', 'load_kw', 'area_m2', 'conversion_efficiency'] as const;

type JsonObjectSchema = { properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };

/**
 * What the OpenAPI document shows for a sub-request (`power`, `thermal`): the estimator's own input
 * schema without the fields the roll-up gives it. The sub-request itself is checked against that
 * estimator's schema when it runs, its errors pointing inside it.
 */
function subRequestSchema(input: z.ZodType, own: readonly string[]): JsonObjectSchema {
  const { $schema: _, ...json } = z.toJSONSchema(input, {
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonObjectSchema;
  const properties = Object.fromEntries(Object.entries(json.properties ?? {}).filter(([k]) => !own.includes(k)));
  const required = (json.required ?? []).filter((k) => !own.includes(k));
  return { ...json, properties, ...(required.length > 0 ? { required } : { required: undefined }) };
}

/** The roll-up's request fields, shared by every estimator that sizes a facility from its load (launch, economics). */
export const RollUpFields = {
  orbit: OrbitSpecSchema.optional().describe(
    'With load_kw: the orbit given to the power and thermal estimators (unless `power` or `thermal` give their own)',
  ),
  power: z
    .record(z.string(), z.unknown())
    .meta(subRequestSchema(PowerInput, POWER_OWN))
    .optional()
    .describe('With load_kw: inputs of POST /v1/power other than load_kw and mission_years (cell, battery, array, regulation…)'),
  thermal: z
    .record(z.string(), z.unknown())
    .meta(subRequestSchema(ThermalInput, THERMAL_OWN))
    .optional()
    .describe(
      `With load_kw: inputs of POST /v1/thermal other than heat_kw, load_kw, area_m2 and conversion_efficiency (the heat is the power model's energy balance; radiator_temp_k defaults to ${Provenance.value('launch.radiator_temp_k')} K, the ASHRAE W45 liquid-cooling supply; it decides the area)`,
    ),
  mass_model: MassModelSchema.optional(),
};

/** The roll-up's own figures come from the top level: refuse them inside the sub-requests, pointing at them. */
export function checkRollUpOverrides(
  o: { power?: Record<string, unknown>; thermal?: Record<string, unknown> },
  ctx: z.core.$RefinementCtx,
): void {
  for (const key of POWER_OWN)
    if (o.power?.[key] !== undefined)
      ctx.addIssue({ code: 'custom', path: ['power', key], message: `expected ${key} at the top level, not inside power` });
  for (const key of THERMAL_OWN)
    if (o.thermal?.[key] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['thermal', key],
        message: `expected no ${key} inside thermal: the heat is the power model's energy balance for the load_kw given at the top level`,
      });
}

/** The launch request's fields, as the caller gives them. */
const LaunchObject = z
  .object({
    mass_kg: quantity('kg', { gt: 0, example: '22.8 t', description: 'Total mass to orbit' }).optional(),
    load_kw: quantity('kW', {
      gt: 0,
      max: 1e9,
      example: '1 MW',
      description:
        'IT load: the mass is rolled up from it (compute, shielding, structure, propellant) with the array and battery of POST /v1/power and the radiator of POST /v1/thermal',
    }).optional(),
    ...RollUpFields,
    mass: z
      .record(PartName, quantity('kg', { min: 0 }))
      .optional()
      .describe('Mass breakdown, e.g. { "compute_kg": 11300, "array_kg": 27000, "radiator_kg": 9000 }; the total is their sum'),
    vehicle: VehicleRefSchema.optional(),
    target_orbit: TargetOrbitField,
    price_usd_per_kg: quantity('USD/kg', {
      min: 0,
      description:
        "Price per kg launched, replacing the vehicle's price: billed per kg, without whole-launch rounding (0: a free launch, for what-if questions)",
    }).optional(),
    usable_payload_fraction: UsablePayloadField,
    build_years: quantity('year', { gt: 0, max: 100, description: 'Time to launch the initial mass' }).optional(),
    world_orbital_launches_per_year: WorldLaunchesField,
    mission_years: quantity('year', {
      gt: 0,
      max: 100,
      description: 'Mission over which failed hardware is replaced',
    }).optional(),
    gpu_failure_per_year: fraction('a failure rate per year')
      .optional()
      .describe(
        'Accelerator failures per accelerator-year: the share of the replaceable hardware that fails and is replaced each year (default: the Llama 3 field rate)',
      ),
    replacement_basis: z
      .enum(['whole_satellite', 'compute_only'])
      .optional()
      .describe(
        'What a failure costs in mass: whole satellites (default: no in-orbit servicing, failed capacity is replaced by new satellites) or only the compute part (servicing)',
      ),
    year: z.number().int().min(1957).max(2100).optional().describe('Price the launches at this year on the price trajectory'),
    price_trajectory: PriceTrajectorySchema.optional(),
    trajectory_to_year: z
      .number()
      .int()
      .min(1957)
      .max(2100)
      .optional()
      .describe(
        `Last year of the by-year table (default: the later of \`year\` and ${TRAJECTORY_TABLE_YEARS} years after the base)`,
      ),
  })
  .strict();
type LaunchFields = z.output<typeof LaunchObject>;

const MASS_FORMS_MESSAGE = 'expected one of mass_kg, mass (a breakdown) or load_kw (roll the mass up)';

/** Requests the object's types cannot: one mass form, the roll-up's fields only with a load, a breakdown with parts. */
function checkLaunchFields(o: LaunchFields, ctx: z.core.$RefinementCtx): void {
  const forms = [o.mass_kg, o.mass, o.load_kw].filter((x) => x !== undefined).length;
  if (forms !== 1)
    ctx.addIssue({
      code: 'custom',
      message: forms === 0 ? MASS_FORMS_MESSAGE : 'expected one of mass_kg, mass or load_kw, not more',
    });
  if (o.load_kw === undefined)
    for (const key of ['orbit', 'power', 'thermal', 'mass_model'] as const)
      if (o[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `expected ${key} only with load_kw (the mass roll-up)` });
  checkRollUpOverrides(o, ctx);
  if (o.mass !== undefined && Object.keys(o.mass).length === 0)
    ctx.addIssue({ code: 'custom', path: ['mass'], message: 'expected at least one part, e.g. { "compute_kg": 1000 }' });
}

/** The mass factors of a roll-up, as parsed. */
export type MassModel = z.output<typeof MassModelSchema>;

/** What a roll-up reads of a request: the load, the orbit, the sub-requests and the mass factors. */
export interface RollUpRequest {
  load_kw: number;
  orbit?: OrbitSpec | undefined;
  power?: Record<string, unknown> | undefined;
  thermal?: Record<string, unknown> | undefined;
  mass_model?: MassModel | undefined;
  mission_years?: number | undefined;
}

/** How the mass to launch is given: its total, its parts, or a load the mass is rolled up from. */
export type MassCase =
  | { from: 'mass_kg'; total_kg: number }
  | { from: 'mass'; parts: Record<string, number> }
  | { from: 'load_kw'; roll_up: RollUpRequest };

/** The launch priced by year: on the trajectory given (the default model when none is), at `year` or its base year. */
export interface TrajectoryCase {
  spec: PriceTrajectorySpec | undefined;
  year: number | undefined;
  to_year: number | undefined;
}

/**
 * The launch request as its case: the fields as given (a run-time error quotes them at its
 * pointer), and each mode tagged: the mass form, the vehicle, and the pricing by year.
 */
export type LaunchCase = LaunchFields & {
  mass_case: MassCase;
  vehicle_case: VehicleCase;
  /** null: priced at the as_of price, without a year or a trajectory. */
  trajectory_case: TrajectoryCase | null;
};

/** The mass form of a checked request (checkLaunchFields has required exactly one). */
function massCase(o: LaunchFields, ctx: z.core.$RefinementCtx): MassCase {
  if (o.load_kw !== undefined) {
    const { load_kw, orbit, power, thermal, mass_model, mission_years } = o;
    return { from: 'load_kw', roll_up: { load_kw, orbit, power, thermal, mass_model, mission_years } };
  }
  if (o.mass !== undefined) return { from: 'mass', parts: o.mass };
  if (o.mass_kg !== undefined) return { from: 'mass_kg', total_kg: o.mass_kg };
  ctx.addIssue({ code: 'custom', message: MASS_FORMS_MESSAGE });
  return z.NEVER;
}

/** The checked request as its case. */
function launchCase(o: LaunchFields, ctx: z.core.$RefinementCtx): LaunchCase {
  const priced = o.price_trajectory !== undefined || o.year !== undefined;
  return {
    ...o,
    mass_case: massCase(o, ctx),
    vehicle_case: vehicleCase(o.vehicle, ctx),
    trajectory_case: priced ? { spec: o.price_trajectory, year: o.year, to_year: o.trajectory_to_year } : null,
  };
}

export const LaunchInput = LaunchObject.superRefine(checkLaunchFields).transform(launchCase);

const YearPrice = z
  .object({
    year: z.number().int().describe('Calendar year'),
    price_usd_per_kg: z.number().describe('Price per kg in that year on the trajectory'),
    launch_cost_usd: z.number().describe("This campaign's launch cost at that year's price (same launches and pricing)"),
  })
  .describe('One year of the price trajectory');

/** The figures a price trajectory was computed with: an annual decline's, or a learning curve's. */
export const TrajectoryParametersSchema = z
  .object({
    decline_fraction: z.number().optional().describe('annual_decline: fall of the price over decline_period_years'),
    decline_period_years: z.number().optional().describe('annual_decline: the period of that fall'),
    annual_decline_fraction: z
      .number()
      .optional()
      .describe('annual_decline: the fall in one year, 1 − (1 − decline_fraction)^(1/decline_period_years)'),
    learning_rate: z
      .number()
      .optional()
      .describe("learning_curve: price drop per doubling of the cumulative mass launched (Wright's law)"),
    wright_exponent: z
      .number()
      .optional()
      .describe('learning_curve: b in price ∝ (cumulative mass)^(−b), −log₂(1 − learning_rate)'),
    cumulative_mass_kg_base: z
      .number()
      .optional()
      .describe('learning_curve: mass launched to orbit, all time, through the base year'),
    annual_mass_kg: z.number().optional().describe('learning_curve: mass launched to orbit in the base year'),
    annual_mass_growth_fraction: z.number().optional().describe('learning_curve: growth of the annual mass launched, per year'),
  })
  .describe('The parameters of the model, each as given or defaulted (with its source in assumptions)');
export type TrajectoryParameters = z.infer<typeof TrajectoryParametersSchema>;

const VehicleOut = z
  .object({
    id: z.string().nullable().describe('Catalogue id (null for a custom vehicle)'),
    name: z.string().describe('Vehicle name'),
    status: z
      .enum(['flown', 'projected', 'custom'])
      .describe('Flown, projected (not yet in service: its figures are assumptions), or custom (given by the caller)'),
    target_orbit: TargetOrbit.describe('Orbit the payload figure refers to'),
    payload_kg: z
      .number()
      .nullable()
      .describe('Published payload per launch to the target orbit (null: not published, as for per-kg offers)'),
    usable_payload_kg: z
      .number()
      .nullable()
      .describe('Payload per launch the hardware can use: payload_kg × the usable payload share (null: payload not published)'),
    price_usd: z.number().nullable().describe('Price per launch at the priced year'),
    flights_per_year: z.number().nullable().describe("The vehicle's flight rate, launches a year (null: not known)"),
    as_of: z
      .string()
      .nullable()
      .describe("Date of the catalogue's price and payload (null: a custom vehicle, or a price given by the caller)"),
    source: z.string().nullable().describe("Key into GET /v1/sources for the catalogue's figures (null: a custom vehicle)"),
  })
  .describe('The vehicle the mass is launched on, with the figures used for it');

const CadenceOut = z
  .object({
    build_years: z.number().describe('Years over which the initial mass is launched'),
    launches_per_year_to_build: z.number().describe('launches / build_years'),
    mission_years: z.number().describe('Mission over which failed hardware is replaced'),
    gpu_failure_per_year: z.number().describe('Accelerator failures per accelerator-year used for the replacements'),
    replacement_basis: z
      .enum(['whole_satellite', 'compute_only'])
      .describe('What a failure costs in mass: whole satellites (no servicing), or the compute part only (servicing)'),
    replaceable_mass_kg: z
      .number()
      .describe('Mass the failure rate applies to: total_mass_kg (whole_satellite) or the compute part (compute_only)'),
    replacement_mass_kg_per_year: z.number().describe('Mass replaced a year: gpu_failure_per_year × replaceable_mass_kg'),
    replacement_launches_per_year: z
      .number()
      .describe('Mean launches a year to replace failed hardware (fractional: shared launches)'),
    replacement_launches_over_mission: z
      .number()
      .int()
      .describe('Whole launches to lift the replacement mass of the whole mission'),
    replacement_launch_cost_usd: z.number().describe('Launching the replacement mass over the mission, same pricing'),
    vehicle_flights_per_year: z.number().nullable().describe("The vehicle's flight rate (null: not known)"),
    build_share_of_flight_rate: z
      .number()
      .nullable()
      .describe("launches_per_year_to_build / the vehicle's flight rate: above 1 the build outpaces today's fleet"),
    world_launches_per_year: z.number().describe('Orbital launches a year worldwide, every vehicle (the yardstick), 1/year'),
    build_share_of_world_launches: z
      .number()
      .describe(
        "launches_per_year_to_build / the world's orbital launches a year: above 1 the build needs more launches than the whole world flies",
      ),
    replacement_share_of_flight_rate: z
      .number()
      .nullable()
      .describe("replacement_launches_per_year / the vehicle's flight rate (null: no flight rate known)"),
  })
  .describe("The launches a year to build and to replace failed hardware, against the vehicle's and the world's flight rates");

export const LaunchOutput = z.object({
  total_mass_kg: z.number().describe('Mass to orbit'),
  mass_parts_kg: z.record(z.string(), z.number()).describe('The parts of total_mass_kg'),
  mass_from: z
    .enum(['mass_kg', 'mass', 'load_kw'])
    .describe('How the mass was given: a total (mass_kg), a breakdown (mass), or rolled up from the load (load_kw)'),
  subsystems: z
    .object({
      array_area_m2: z.number().describe('Array area from POST /v1/power, m²'),
      array_bol_power_kw: z.number().describe('Array power installed at beginning of life, kW'),
      battery_energy_kwh: z.number().describe('Battery nameplate energy, kWh'),
      array_power_kw: z.number().describe('SMAD P_sa: power the array delivers to the bus in daylight at end of life, kW'),
      radiator_heat_kw: z
        .number()
        .describe(
          "Heat the radiator rejects, orbit average, kW: every watt the array delivers ends as heat, P_sa·T_d/T (the power model's energy balance over the sizing revolution)",
        ),
      radiator_area_m2: z.number().nullable().describe('Radiator planform area from POST /v1/thermal, m²'),
      radiator_temp_k: z.number().describe('Radiator temperature, K'),
      dry_mass_kg: z.number().describe('Mass without propellant, kg'),
      propellant_fraction_of_dry: z.number().describe('exp(Δv/(g₀·Isp)) − 1'),
    })
    .nullable()
    .describe('With load_kw: what the power and thermal estimators sized, and the roll-up'),
  vehicle: VehicleOut,
  launches: z.number().int().describe('Whole launches to lift total_mass_kg'),
  pricing: z.enum(['per_launch', 'per_kg']).describe('Whole launches paid, or the mass paid per kg'),
  price_usd_per_kg: z
    .number()
    .describe('Price per kg of published payload (per_launch) or per kg launched (per_kg), at the priced year'),
  launch_cost_usd: z
    .number()
    .describe(
      "Launching total_mass_kg at the priced year: launches × payload × price per kg (per_launch), or the mass × price per kg, at least the offer's minimum (per_kg)",
    ),
  effective_usd_per_kg: z.number().describe('launch_cost_usd / total_mass_kg: includes the unfilled part of the last launch'),
  priced_year: z.number().int().nullable().describe('Year on the price trajectory the cost is priced at (null: the as_of price)'),
  cadence: CadenceOut,
  price_trajectory: z
    .object({
      model: z
        .enum(['annual_decline', 'learning_curve'])
        .describe("The model: a compounded annual decline, or Wright's learning curve on the cumulative mass launched"),
      base_year: z.number().int().describe('Year of the base price: the first of the table'),
      base_price_usd_per_kg: z.number().describe('Price per kg in the base year'),
      parameters: TrajectoryParametersSchema,
      source: z.string().describe("Key into GET /v1/sources for the model's default figures"),
      by_year: z.array(YearPrice).describe('Price per kg and the cost of this launch campaign, year by year'),
    })
    .nullable()
    .describe('The launch price by year (null unless `year` or `price_trajectory` is given)'),
});
export type LaunchResult = z.infer<typeof LaunchOutput>;

// ---------------------------------------------------------------------------------------------
// The roll-up from a load: the power and thermal estimators, then the mass
// ---------------------------------------------------------------------------------------------

/** Parse a sub-estimator's input, with errors pointing into the launch request (`/power/...`). */
function parseWithin<T extends z.ZodType>(schema: T, value: unknown, at: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new z.ZodError(r.error.issues.map((i) => ({ ...i, path: [at, ...i.path] })));
  return r.data;
}

/** Run a sub-estimator on its own provenance and carry its assumptions and warnings over, named by domain. */
function carry<R>(domain: string, p: Provenance, run: (sub: Provenance) => R, topLevel = (_name: string) => false): R {
  const sub = new Provenance();
  const result = run(sub);
  for (const a of sub.assumptions) p.assume(topLevel(a.name) ? a.name : `${domain}.${a.name}`, a.value, a.unit, a.source);
  for (const w of sub.warnings) p.warn(`${domain}: ${w}`);
  return result;
}

/** Fields by which a power request gives its own eclipse instead of taking the roll-up's orbit. */
const POWER_ECLIPSE_FIELDS = ['orbit', 'eclipse_fraction', 'eclipse_duration_min', 'period_min'];
/** Fields by which a thermal request gives its own view of the Earth instead of the roll-up's orbit. */
const THERMAL_VIEW_FIELDS = ['orbit', 'altitude_km', 'earth_view_factor'];

/** The power request of a roll-up: the caller's, in the roll-up's orbit (at `epoch`, unless it gives one) unless it gives its own eclipse. */
export function rollUpPowerRequest(
  power: Record<string, unknown> | undefined,
  orbit: OrbitSpec | undefined,
  epoch?: string,
): Record<string, unknown> {
  const own = { ...(power ?? {}) };
  if (orbit === undefined || POWER_ECLIPSE_FIELDS.some((k) => own[k] !== undefined)) return own;
  return { orbit, ...(epoch !== undefined && { epoch }), ...own };
}

/**
 * The thermal request of a roll-up: the caller's, seen from the roll-up's orbit unless it gives its
 * own view, at the W45 liquid-cooling supply temperature unless it gives a temperature.
 */
export function rollUpThermalRequest(
  thermal: Record<string, unknown> | undefined,
  orbit: OrbitSpec | undefined,
  p: Provenance,
): Record<string, unknown> {
  const own = { ...(thermal ?? {}) };
  const view = orbit !== undefined && !THERMAL_VIEW_FIELDS.some((k) => own[k] !== undefined) ? { orbit } : {};
  const temperature = ['radiator_temp_k', 'chip'].every((k) => own[k] === undefined)
    ? { radiator_temp_k: p.orDefault('launch.radiator_temp_k', undefined, 'thermal.radiator_temp_k') }
    : {};
  return { ...view, ...temperature, ...own };
}

/**
 * Array and battery from the power estimator for the IT load (its SMAD path efficiencies carry the
 * conversion losses), and the radiator from the thermal estimator for the heat of the power
 * model's own energy balance: all the energy the array delivers over a revolution, P_sa·T_d/T.
 */
export function sizeSubsystems(input: RollUpRequest, mission_years: number, p: Provenance) {
  const load_kw = input.load_kw;
  const powerRequest = parseWithin(
    PowerInput,
    { ...rollUpPowerRequest(input.power, input.orbit), load_kw, mission_years },
    'power',
  );
  // The orbit's own assumptions (its RAAN, say) are the roll-up's `orbit`'s when the power request took it from there.
  const own = input.power;
  const orbitFromTop =
    input.orbit !== undefined && (own?.orbit === input.orbit || !POWER_ECLIPSE_FIELDS.some((k) => own?.[k] !== undefined));
  const power = carry(
    'power',
    p,
    (sub) => runPower(powerRequest, sub),
    (name) => orbitFromTop && name.startsWith('orbit.'),
  );
  const thermalIn = { ...rollUpThermalRequest(input.thermal, input.orbit, p), heat_kw: power.orbit_average_heat_kw };
  const thermal = carry('thermal', p, (sub) => runThermal(parseWithin(ThermalInput, thermalIn, 'thermal'), sub));
  if (thermal.mass_kg === null)
    throw inputError(['thermal'], 'expected a radiator temperature (radiator_temp_k or chip) to size the radiator');
  const power_orbit = powerRequest.eclipse.from === 'orbit' ? powerRequest.eclipse.orbit : undefined;
  return { power, thermal, radiator_mass_kg: thermal.mass_kg, power_orbit };
}

/** The roll-up's mass factors: the caller's `mass_model`, else the sourced defaults. */
function massFactors(input: RollUpRequest, p: Provenance) {
  const m = input.mass_model ?? {};
  return {
    compute_kg_per_kw: p.orDefault('launch.compute_kg_per_kw', m.compute_kg_per_kw, 'mass_model.compute_kg_per_kw'),
    shielding_areal_density_kg_per_m2: p.orDefault(
      'launch.shielding_areal_density_kg_per_m2',
      m.shielding_areal_density_kg_per_m2,
      'mass_model.shielding_areal_density_kg_per_m2',
    ),
    shielded_area_m2_per_kw: p.orDefault(
      'launch.shielded_area_m2_per_kw',
      m.shielded_area_m2_per_kw,
      'mass_model.shielded_area_m2_per_kw',
    ),
    structure_fraction: p.orDefault('launch.structure_fraction', m.structure_fraction, 'mass_model.structure_fraction'),
    delta_v_m_per_s_per_year: p.orDefault(
      'launch.delta_v_m_per_s_per_year',
      m.delta_v_m_per_s_per_year,
      'mass_model.delta_v_m_per_s_per_year',
    ),
    isp_s: p.orDefault('launch.isp_s', m.isp_s, 'mass_model.isp_s'),
  };
}

/** What a roll-up sized: the subsystems of POST /v1/power and POST /v1/thermal, and the dry mass and propellant share. */
export type RollUpSubsystems = NonNullable<LaunchResult['subsystems']>;

/** Mass from the load: the power and thermal subsystems, then compute, shielding, structure and propellant (massRollUp). */
export function rollUpFromLoad(input: RollUpRequest, p: Provenance) {
  const mission_years = missionYears(input.mission_years, p);
  const { power, thermal, radiator_mass_kg, power_orbit } = sizeSubsystems(input, mission_years, p);
  const roll = massRollUp({
    load_kw: input.load_kw,
    array_mass_kg: power.array_mass_kg,
    battery_mass_kg: power.battery_mass_kg,
    radiator_mass_kg,
    ...massFactors(input, p),
    mission_years,
  });
  return {
    ...roll,
    power,
    // The orbit the power estimator sized in, as parsed: the roll-up's, or the power request's own.
    power_orbit,
    thermal,
    subsystems: {
      array_area_m2: power.array_area_m2,
      array_power_kw: power.array_power_kw,
      array_bol_power_kw: power.array_bol_power_kw,
      battery_energy_kwh: power.battery_energy_kwh,
      radiator_heat_kw: power.orbit_average_heat_kw,
      radiator_area_m2: thermal.area_m2,
      radiator_temp_k: thermal.radiator_temp_k,
      dry_mass_kg: roll.dry_mass_kg,
      propellant_fraction_of_dry: roll.propellant_fraction_of_dry,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The campaign for a known mass
// ---------------------------------------------------------------------------------------------

/** What a campaign flies on: the target orbit, the vehicle, the price per kg it starts from, and the usable share of a launch. */
export interface CampaignVehicle {
  orbit: TargetOrbit;
  v: ResolvedVehicle;
  /** Billed per kg at the caller's price_usd_per_kg, without whole-launch rounding. */
  perKg: boolean;
  basePrice: number;
  usable: number;
}

/** The vehicle, its target orbit and the price per kg to start from; a given price_usd_per_kg needs no catalogue price. */
function campaignVehicle(c: LaunchCase, p: Provenance): CampaignVehicle {
  const orbit = p.orChoice('launch.target_orbit', c.target_orbit, 'target_orbit');
  warnPayloadOrbit(orbit, c.mass_case.from === 'load_kw' ? c.mass_case.roll_up.orbit : undefined, p);
  // A given price_usd_per_kg needs no catalogue price: the vehicle then only counts launches.
  const given = c.price_usd_per_kg;
  const v = resolveVehicle(c.vehicle_case, orbit, p);
  const basePrice = given ?? pricedVehicle(v).price_usd_per_kg;
  warnVehicleFigures(v, given !== undefined, p);
  const usable = p.orDefault('launch.usable_payload_fraction', c.usable_payload_fraction, 'usable_payload_fraction');
  return { orbit, v, perKg: given !== undefined, basePrice, usable };
}

/** What the caller should know about the vehicle's figures: paired from different flights, projected, or no payload published. */
function warnVehicleFigures(v: ResolvedVehicle, perKg: boolean, p: Provenance): void {
  if (v.pairing_note !== null && !perKg) p.warn(v.pairing_note);
  if (v.status === 'projected' && (v.catalogue_payload || (v.catalogue_price && !perKg)))
    p.warn(
      `${v.name} is projected, not flown: its payload, price and flight rate are assumptions (source: ${v.source}), not market figures`,
    );
  if (v.payload_kg === null)
    p.warn(
      `${v.name}: the mass one customer may book per flight is not published; each flight is counted as carrying the whole mass`,
    );
}

/** The price trajectory, when a year or a trajectory is asked for: from the as_of year of the price used (a caller's price has none). */
function campaignTrajectory(t: TrajectoryCase | null, cv: CampaignVehicle, p: Provenance): Trajectory | null {
  if (t === null) return null;
  const asOfYear = cv.v.as_of && !cv.perKg ? Number(cv.v.as_of.slice(0, 4)) : undefined;
  const needsBaseYear = t.spec?.base_year === undefined;
  if (needsBaseYear && asOfYear === undefined)
    throw inputError(
      ['price_trajectory', 'base_year'],
      'expected price_trajectory.base_year: a price given by the caller (price_usd_per_kg or vehicle.price_usd) has no as_of year to start from',
    );
  return resolveTrajectory(t.spec, cv.basePrice, asOfYear ?? 0, p);
}

/** Price per kg at `year` on the trajectory; the base price without a trajectory or a year. */
export function priceAt(trajectory: Trajectory | null, basePrice: number, year: number | null): number {
  return trajectory && year !== null ? trajectory.base_price_usd_per_kg * trajectory.factor(year) : basePrice;
}

/** A per-kg offer's minimum price applies when the mass is small. */
function warnMinimumPrice(cv: CampaignVehicle, total: number, price: number, p: Provenance): void {
  const v = cv.v;
  if (v.pricing === 'per_kg' && !cv.perKg && v.min_price_usd > 0 && total * price < v.min_price_usd)
    p.warn(`${v.name}: the minimum price (${v.min_price_usd} USD) applies to this mass`);
}

/** Share of the usable payload of the launches paid for that the mass fills: m / (n × payload × usable fraction). */
export function launchFill(mass_kg: number, launches: number, payload_kg: number, usable: number): number {
  return mass_kg / (launches * payload_kg * usable);
}

/** Whole launches mostly empty make the $/kg paid well above the price per kg: say so below half full. */
function warnEmptyLaunches(bill: LaunchBill, total: number, cv: CampaignVehicle, p: Provenance): void {
  if (bill.pricing !== 'per_launch' || bill.launches === 0) return;
  const fill = launchFill(total, bill.launches, bill.payload_kg, cv.usable);
  if (fill < 0.5)
    p.warn(
      `the last launch is mostly empty: the mass fills ${(fill * 100).toFixed(0)} % of the ${bill.launches} launch(es) paid for, so effective_usd_per_kg is well above price_usd_per_kg`,
    );
}

/** The mass a failure costs: the whole mass (whole satellites replaced), or the compute part alone (servicing). */
export function replaceableMass(basis: 'whole_satellite' | 'compute_only', parts: Record<string, number>, total: number): number {
  if (basis === 'whole_satellite') return total;
  const compute = parts.compute_kg;
  if (compute === undefined)
    throw inputError(
      ['replacement_basis'],
      'expected a mass breakdown with compute_kg (or load_kw) for replacement_basis "compute_only"',
    );
  return compute;
}

/**
 * Replacement of failed hardware: failure rate × replaceable mass a year, over the mission; the
 * launches a year are that mass over a launch's usable capacity (fractional: shared launches), or
 * one a year when the capacity is not published.
 */
export function replacementDemand(
  failure_per_year: number,
  replaceable_kg: number,
  mission_years: number,
  capacity_kg: number | null,
) {
  const per_year_kg = failure_per_year * replaceable_kg;
  return {
    per_year_kg,
    over_mission_kg: per_year_kg * mission_years,
    launches_per_year: capacity_kg === null ? (per_year_kg > 0 ? 1 : 0) : per_year_kg / capacity_kg,
  };
}

/** The build against the flight rates, and the replacement of failed hardware over the mission at the campaign's price. */
function campaignCadence(
  c: LaunchCase,
  cv: CampaignVehicle,
  launches: number,
  mass: CampaignMass,
  price: number,
  p: Provenance,
): LaunchResult['cadence'] {
  const build_years = p.orDefault('launch.build_years', c.build_years, 'build_years');
  const mission_years = missionYears(c.mission_years, p);
  const failure = c.gpu_failure_per_year ?? gpuFailurePerYear(p);
  const basis = p.orChoice('launch.replacement_basis', c.replacement_basis, 'replacement_basis');
  const replaceable = replaceableMass(basis, mass.parts, mass.total);
  const demand = replacementDemand(failure, replaceable, mission_years, usableCapacity(cv.v, cv.usable));
  const replacementBill = launchBill(cv.v, demand.over_mission_kg, cv.usable, price, cv.perKg);
  const build = cadenceAgainstFlightRates(launches, build_years, cv.v, p, c.world_orbital_launches_per_year);
  const rate = cv.v.flights_per_year;
  return {
    build_years,
    launches_per_year_to_build: build.launches_per_year,
    mission_years,
    gpu_failure_per_year: failure,
    replacement_basis: basis,
    replaceable_mass_kg: replaceable,
    replacement_mass_kg_per_year: demand.per_year_kg,
    replacement_launches_per_year: demand.launches_per_year,
    replacement_launches_over_mission: replacementBill.launches,
    replacement_launch_cost_usd: replacementBill.cost_usd,
    vehicle_flights_per_year: rate,
    build_share_of_flight_rate: build.vehicle_share,
    world_launches_per_year: build.world_launches_per_year,
    build_share_of_world_launches: build.world_share,
    replacement_share_of_flight_rate: rate && rate > 0 ? demand.launches_per_year / rate : null,
  };
}

/**
 * The price per kg and the campaign's cost year by year, from the earlier of the base and priced
 * years to `to_year` (default: the later of the priced year and TRAJECTORY_TABLE_YEARS after the base).
 */
export function trajectoryTable(
  trajectory: Trajectory,
  pricedYear: number | null,
  toYear: number | undefined,
  costAt: (price_usd_per_kg: number) => number,
): NonNullable<LaunchResult['price_trajectory']> {
  const from = Math.min(trajectory.base_year, pricedYear ?? trajectory.base_year);
  const to = toYear ?? Math.max(pricedYear ?? 0, trajectory.base_year + TRAJECTORY_TABLE_YEARS);
  if (to < from) throw inputError(['trajectory_to_year'], `expected a year at or after ${from}, the first year of the table`);
  const by_year = [];
  for (let y = from; y <= to; y++) {
    const py = priceAt(trajectory, trajectory.base_price_usd_per_kg, y);
    by_year.push({ year: y, price_usd_per_kg: py, launch_cost_usd: costAt(py) });
  }
  return {
    model: trajectory.model,
    base_year: trajectory.base_year,
    base_price_usd_per_kg: trajectory.base_price_usd_per_kg,
    parameters: trajectory.parameters,
    source: trajectory.source,
    by_year,
  };
}

/** The vehicle as the result gives it: its figures, the usable payload, and the price per launch at the priced year. */
function vehicleOut(cv: CampaignVehicle, bill: LaunchBill, price: number): LaunchResult['vehicle'] {
  const v = cv.v;
  return {
    id: v.id,
    name: v.name,
    status: v.status,
    target_orbit: cv.orbit,
    payload_kg: v.payload_kg,
    usable_payload_kg: usableCapacity(cv.v, cv.usable),
    price_usd: bill.pricing === 'per_launch' ? price * bill.payload_kg : null,
    flights_per_year: v.flights_per_year,
    as_of: v.as_of,
    source: v.source,
  };
}

/** The mass a campaign lifts: its total, its parts, and the form it was given in. */
export interface CampaignMass {
  total: number;
  parts: Record<string, number>;
  from: LaunchResult['mass_from'];
}

/**
 * A launch campaign for a known mass (shared by every mass form): the vehicle, the price at the
 * priced year, the launches and their bill, the cadence, and the price trajectory by year.
 */
export function priceCampaign(c: LaunchCase, p: Provenance, mass: CampaignMass): Omit<LaunchResult, 'subsystems'> {
  const cv = campaignVehicle(c, p);
  const trajectory = campaignTrajectory(c.trajectory_case, cv, p);
  const pricedYear = trajectory ? (c.trajectory_case?.year ?? trajectory.base_year) : null;
  const price = priceAt(trajectory, cv.basePrice, pricedYear);
  warnMinimumPrice(cv, mass.total, price, p);
  const bill = launchBill(cv.v, mass.total, cv.usable, price, cv.perKg);
  warnEmptyLaunches(bill, mass.total, cv, p);
  const cadence = campaignCadence(c, cv, bill.launches, mass, price, p);
  const costAt = (py: number) => launchBill(cv.v, mass.total, cv.usable, py, cv.perKg).cost_usd;
  return {
    total_mass_kg: mass.total,
    mass_parts_kg: mass.parts,
    mass_from: mass.from,
    vehicle: vehicleOut(cv, bill, price),
    launches: bill.launches,
    pricing: bill.pricing,
    price_usd_per_kg: price,
    launch_cost_usd: bill.cost_usd,
    effective_usd_per_kg: bill.cost_usd / mass.total,
    priced_year: pricedYear,
    cadence,
    price_trajectory: trajectory && trajectoryTable(trajectory, pricedYear, c.trajectory_case?.to_year, costAt),
  };
}

// ---------------------------------------------------------------------------------------------
// The run, its cost, and the estimator
// ---------------------------------------------------------------------------------------------

/** The mass given, as parts and their total (refused unless it is more than nothing). */
function givenMass(parts: Record<string, number>, from: 'mass_kg' | 'mass'): CampaignMass {
  const total = sumValues(parts);
  if (!(total > 0)) throw inputError(['mass'], 'expected the parts to sum to more than 0 kg');
  return { total, parts, from };
}

export function runLaunch(c: LaunchCase, p: Provenance): LaunchResult {
  const m = c.mass_case;
  switch (m.from) {
    case 'load_kw': {
      const roll = rollUpFromLoad(m.roll_up, p);
      const mass = { total: roll.total_mass_kg, parts: roll.parts, from: 'load_kw' as const };
      return { ...priceCampaign(c, p, mass), subsystems: roll.subsystems };
    }
    case 'mass':
      return { ...priceCampaign(c, p, givenMass({ ...m.parts }, 'mass')), subsystems: null };
    case 'mass_kg':
      return { ...priceCampaign(c, p, givenMass({ total_kg: m.total_kg }, 'mass_kg')), subsystems: null };
  }
}

/**
 * CPU seconds of a roll-up from a load: the power part with the sizing eclipse of its orbit, and the
 * thermal part with its orbit resolved for the view of the Earth.
 */
export function rollUpCost(input: Pick<RollUpRequest, 'orbit' | 'power'>, epochIso?: string): number {
  // The sub-request is parsed only when it runs: an orbit it cannot parse costs nothing to size.
  const request = rollUpPowerRequest(input.power, input.orbit, epochIso);
  const powerOrbit = OrbitSpecSchema.safeParse(request.orbit).data;
  const epoch = typeof request.epoch === 'string' ? request.epoch : undefined;
  return (
    coefficient('execution.cost.power_s') +
    sizingEclipseCost(powerOrbit, undefined, undefined, epoch) +
    coefficient('execution.cost.thermal_s') +
    (input.orbit === undefined ? 0 : resolveCost(input.orbit))
  );
}

/** What a launch request costs: the campaign's closed forms, and the roll-up when the mass comes from a load. */
export function estimateLaunchCost(c: LaunchCase): Cost {
  const rollUp = c.mass_case.from === 'load_kw' ? c.mass_case.roll_up : null;
  return {
    cpu_s: coefficient('execution.cost.launch_s') + (rollUp ? rollUpCost(rollUp) : 0),
    basis: rollUp ? 'mass rolled up from the load through power and thermal; launch campaign' : 'launch campaign',
  };
}

export const launchEstimator = defineEstimator({
  name: 'launch',
  summary: 'Launch: mass to orbit, whole launches, launch cost and $/kg, cadence, and the launch price by year',
  description:
    'Mass to orbit (given, as a breakdown, or rolled up from load_kw through POST /v1/power and POST /v1/thermal plus compute, shielding, structure and propellant) → whole launches on a catalogue vehicle (Falcon 9, Falcon Heavy, Starship as projected, New Glenn, rideshare; each with payload, price, flight rate, status, as_of and source) or a custom { payload_kg, price_usd }, or a plain price_usd_per_kg. Gives the launch cost, the $/kg paid, the launches per year to build in build_years and to replace failed hardware over the mission against the vehicle’s flight rate, and a launch-price trajectory by year: an annual decline (NASA OTPS 2024: −36 % over 2013–2022) or a Wright’s-law learning curve on cumulative mass launched.',
  input: LaunchInput,
  output: LaunchOutput,
  examples: {
    falcon9: {
      summary: 'One Falcon 9 at its list price with the booster recovered: 17.4 t to LEO',
      value: { mass_kg: 17400, vehicle: 'falcon9' },
    },
    starship_1gw: {
      summary:
        'A 1 GW facility rolled up in a dawn-dusk orbit at 650 km (44,226 t) on Starship, priced in 2035 on the NASA OTPS decline',
      value: {
        mass_kg: '44226 t',
        vehicle: 'starship',
        build_years: 3,
        mission_years: 5,
        year: 2035,
        price_trajectory: { model: 'annual_decline' },
      },
    },
    starcloud_40mw: {
      summary: 'A 40 MW module by parts on one Starship at $5M (the Starcloud white paper figure)',
      value: {
        mass: { compute_kg: 45000, array_kg: 30000, radiator_kg: 15000, structure_kg: 10000 },
        vehicle: { id: 'starship', price_usd: 5_000_000 },
        replacement_basis: 'compute_only',
      },
    },
    load_1mw: {
      summary:
        '1 MW rolled up: array and battery (POST /v1/power), radiator at 330 K (POST /v1/thermal), compute, shielding, structure, propellant',
      value: {
        load_kw: '1 MW',
        orbit: { altitude_km: 550, sun_synchronous: true, ltan_h: 18 },
        power: { epoch: '2026-03-20T12:00:00Z' },
        thermal: { radiator_temp_k: 330 },
        vehicle: 'falcon9',
        mission_years: 5,
      },
    },
    learning_curve: {
      summary: "Falcon 9 price per kg under Wright's law on the world's cumulative mass to orbit",
      value: { mass_kg: 100000, vehicle: 'falcon9', year: 2035, price_trajectory: { model: 'learning_curve' } },
    },
  },
  run: runLaunch,
  cost: estimateLaunchCost,
});
