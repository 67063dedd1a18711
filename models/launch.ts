/**
 * Launch: mass to orbit, whole launches per vehicle, launch cost and $/kg, the launch cadence to
 * build and to replace failed hardware, and the launch price by year (an annual decline or a
 * Wright's-law learning curve).
 *
 * Mass comes given (`mass_kg`), as a breakdown (`mass: { <part>_kg }`), or rolled up from a load
 * (`massRollUp`: compute, arrays, batteries, radiators, shielding, structure, propellant).
 * Vehicles come from fixtures/vehicles.json, each with payload, price, flight rate, status,
 * as_of and source; or a custom `{ payload_kg, price_usd }`; or a plain `price_usd_per_kg`.
 */

import { z } from 'zod';
import { DEFAULT_VEHICLE_ID, VEHICLES, type Vehicle } from '../fixtures/index.js';
import { STANDARD_GRAVITY_M_S2 } from './constants.js';
import { coefficient } from './cost.js';
import { inputError, PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { wholeCount } from './numerics.js';
import { type OrbitSpec, OrbitSpecSchema, resolveCost } from './orbit.js';
import { PowerInput, runPower, sizingEclipseCost } from './power.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';
import { gpuFailurePerYear, missionYears } from './scenario.js';
import { runThermal, ThermalInput } from './thermal.js';

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
// Vehicles
// ---------------------------------------------------------------------------------------------

const VEHICLE_IDS = VEHICLES.map((v) => v.id) as [string, ...string[]];
export const TargetOrbit = z.enum(['leo', 'sso']);
export type TargetOrbit = z.infer<typeof TargetOrbit>;

const CustomVehicle = z
  .object({
    id: z.enum(VEHICLE_IDS).optional().describe('Catalogue entry whose figures the other fields override'),
    name: z.string().max(200).optional(),
    payload_kg: quantity('kg', { gt: 0, example: '100 t', description: 'Payload per launch to the target orbit' }).optional(),
    price_usd: quantity('USD', { gt: 0, example: '69.75e6 USD', description: 'Price per launch' }).optional(),
    flights_per_year: z.number().min(0).max(100_000).optional().describe('Flight rate the vehicle sustains, launches per year'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.id === undefined)
      for (const key of ['payload_kg', 'price_usd'] as const)
        if (v[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `expected ${key} for a vehicle that is not in the catalogue (or an id among ${VEHICLE_IDS.join(', ')})`,
          });
  });

export const VehicleRefSchema = z
  .union([z.enum(VEHICLE_IDS), CustomVehicle], {
    error: `expected a catalogue id (${VEHICLE_IDS.join(', ')}) or { payload_kg, price_usd } (optionally with id to override a catalogue entry)`,
  })
  .describe(
    `A catalogue vehicle (${VEHICLE_IDS.join(', ')}; GET the catalogue in fixtures/vehicles.json) or a custom { payload_kg, price_usd, flights_per_year? }; { id, ... } overrides a catalogue entry's figures.`,
  );
export type VehicleRef = z.output<typeof VehicleRefSchema>;

export interface ResolvedVehicle {
  id: string | null;
  name: string;
  status: 'flown' | 'projected' | 'custom';
  orbit: TargetOrbit;
  pricing: 'per_launch' | 'per_kg';
  /** Published payload per launch to the target orbit, kg (null: not published, per-kg offers). */
  payload_kg: number | null;
  /** Price per launch at as_of (null for per-kg offers). */
  price_usd: number | null;
  /** Price per kg of published payload at as_of (null only when resolved without a price). */
  price_usd_per_kg: number | null;
  min_price_usd: number;
  flights_per_year: number | null;
  as_of: string | null;
  source: string | null;
  /** Payload and price taken from the catalogue (not overridden by the caller). */
  catalogue_payload: boolean;
  catalogue_price: boolean;
  /** When the catalogue's payload and price describe different flights: what that does to the price per kg. */
  pairing_note: string | null;
}

/** Resolve a vehicle reference against the catalogue; `path` locates it in the request for errors. */
export function resolveVehicle(
  ref: VehicleRef | undefined,
  orbit: TargetOrbit,
  p: Provenance,
  path: (string | number)[] = ['vehicle'],
  needPrice = true,
): ResolvedVehicle {
  const id = ref === undefined ? DEFAULT_VEHICLE_ID : typeof ref === 'string' ? ref : (ref.id ?? null);
  const overrides = typeof ref === 'object' ? ref : {};
  const entry: Vehicle | undefined = id === null ? undefined : VEHICLES.find((v) => v.id === id);
  if (ref === undefined && entry) p.assume('vehicle', entry.id, 'catalogue id', entry.source);

  const published = entry ? entry.payload_kg[orbit] : null;
  const payload_kg = overrides.payload_kg ?? published;
  const pricing = entry?.pricing ?? 'per_launch';
  if (pricing === 'per_launch' && payload_kg === null) {
    throw inputError(
      path,
      `${entry?.name ?? 'this vehicle'} has no published payload to ${orbit.toUpperCase()}: give vehicle: { id: "${id}", payload_kg }`,
    );
  }
  const price_usd = overrides.price_usd ?? entry?.price_usd ?? null;
  if (needPrice && pricing === 'per_launch' && price_usd === null) {
    throw inputError(
      path,
      `${entry?.name ?? 'this vehicle'} has no published price (${entry?.note ?? ''}): give vehicle: { id: "${id}", price_usd } or price_usd_per_kg`,
    );
  }
  const price_usd_per_kg =
    pricing === 'per_kg' ? (entry?.price_usd_per_kg ?? null) : price_usd === null ? null : price_usd / (payload_kg as number);
  return {
    id,
    name: overrides.name ?? entry?.name ?? 'custom vehicle',
    status: entry === undefined ? 'custom' : entry.status,
    orbit,
    pricing,
    payload_kg,
    price_usd: pricing === 'per_launch' ? price_usd : null,
    price_usd_per_kg,
    min_price_usd: entry?.min_price_usd ?? 0,
    flights_per_year: overrides.flights_per_year ?? entry?.flights_per_year ?? null,
    as_of: overrides.price_usd !== undefined ? null : (entry?.as_of ?? null),
    source: entry?.source ?? null,
    catalogue_payload: entry !== undefined && overrides.payload_kg === undefined,
    catalogue_price: entry !== undefined && overrides.price_usd === undefined,
    pairing_note:
      entry?.pairing_note !== undefined && overrides.payload_kg === undefined && overrides.price_usd === undefined
        ? entry.pairing_note
        : null,
  };
}

/**
 * What a build campaign asks of the launch industry: its launches a year against the vehicle's
 * flight rate and the world's orbital launch rate, warned about when it outruns the vehicle.
 */
export function cadenceAgainstFlightRates(launches: number, build_years: number, v: ResolvedVehicle, p: Provenance) {
  const perYear = launches / build_years;
  const world = p.orDefault('launch.world_orbital_launches_per_year', undefined, 'world_orbital_launches_per_year');
  const rate = v.flights_per_year;
  const vehicleShare = rate && rate > 0 ? perYear / rate : null;
  if (vehicleShare !== null && vehicleShare > 1)
    p.warn(
      `${launches} launches in ${build_years} years is ${perYear.toFixed(1)} a year: ${vehicleShare.toFixed(1)} times ${v.name}'s flight rate of ${rate} a year and ${(perYear / world).toFixed(2)} times the world's ${world} orbital launches a year; at those rates the build takes ${(launches / (rate as number)).toFixed(1)} years of every ${v.name} flight, or ${(launches / world).toFixed(1)} years of every launch on Earth`,
    );
  return {
    launches_per_year: perYear,
    vehicle_share: vehicleShare,
    world_share: perYear / world,
    world_launches_per_year: world,
  };
}

export interface LaunchBill {
  launches: number;
  /** Mass paid for: whole launches × published payload (per-launch pricing) or the mass itself (per kg). */
  billed_mass_kg: number;
  cost_usd: number;
  pricing: 'per_launch' | 'per_kg';
  price_usd_per_kg: number;
}

/**
 * Launches and cost of lifting `mass_kg`. Per-launch pricing pays whole launches:
 * n = ⌈m / (payload × usable fraction)⌉, cost = n × payload × $/kg. Per-kg pricing (a given
 * `price_usd_per_kg` or a rideshare offer) pays the mass: cost = max(minimum, m × $/kg).
 */
export function launchBill(
  v: ResolvedVehicle,
  mass_kg: number,
  usableFraction: number,
  price_usd_per_kg: number,
  perKg: boolean,
): LaunchBill {
  const capacity = v.payload_kg === null ? null : v.payload_kg * usableFraction;
  // A hair below the quotient so that exact multiples do not round up on a float residue.
  const launches = mass_kg <= 0 ? 0 : capacity === null ? 1 : wholeCount(mass_kg / capacity);
  if (!perKg && v.pricing === 'per_launch') {
    const billed = launches * (v.payload_kg as number);
    return { launches, billed_mass_kg: billed, cost_usd: billed * price_usd_per_kg, pricing: 'per_launch', price_usd_per_kg };
  }
  const cost = mass_kg <= 0 ? 0 : Math.max(v.min_price_usd, mass_kg * price_usd_per_kg);
  return { launches, billed_mass_kg: mass_kg, cost_usd: cost, pricing: 'per_kg', price_usd_per_kg };
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
      .describe('Fall of the price over decline_period_years (NASA OTPS: 0.36)'),
    decline_period_years: quantity('year', {
      gt: 0,
      max: 200,
      description: 'Period of that decline (NASA OTPS: 2013-2022, 9 years)',
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
      description:
        "Mass launched to orbit, all time, through the base year (default: ESA's mass still in orbit, 11,500 t, a floor)",
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

interface Trajectory {
  model: 'annual_decline' | 'learning_curve';
  base_year: number;
  base_price_usd_per_kg: number;
  /** Price factor at `year` relative to the base year; throws for years the model cannot reach. */
  factor(year: number): number;
  parameters: Record<string, number>;
  source: string;
}

function resolveTrajectory(
  spec: z.output<typeof PriceTrajectorySchema> | undefined,
  basePrice: number,
  baseYear: number,
  p: Provenance,
): Trajectory {
  const s =
    spec ??
    ({ model: p.orChoice('launch.price_trajectory.model', undefined, 'price_trajectory.model') } as z.output<
      typeof AnnualDecline
    >);
  const base_year = s.base_year ?? baseYear;
  const base_price_usd_per_kg = s.base_price_usd_per_kg ?? basePrice;
  if (s.model === 'annual_decline') {
    const decline = p.orDefault('launch.trend_decline_fraction', s.decline_fraction, 'price_trajectory.decline_fraction');
    const period = p.orDefault(
      'launch.trend_decline_period_years',
      s.decline_period_years,
      'price_trajectory.decline_period_years',
    );
    return {
      model: 'annual_decline',
      base_year,
      base_price_usd_per_kg,
      factor: (year) => annualDeclineFactor(year - base_year, decline, period),
      parameters: {
        decline_fraction: decline,
        decline_period_years: period,
        annual_decline_fraction: 1 - annualDeclineFactor(1, decline, period),
      },
      source: Provenance.source('launch.trend_decline_fraction'),
    };
  }
  const lr = p.orDefault('launch.learning_rate', s.learning_rate, 'price_trajectory.learning_rate');
  const annual = p.orDefault('launch.world_annual_mass_kg', s.annual_mass_kg, 'price_trajectory.annual_mass_kg');
  const growth = p.orDefault(
    'launch.world_annual_mass_growth_fraction',
    s.annual_mass_growth_fraction,
    'price_trajectory.annual_mass_growth_fraction',
  );
  const base_kg = p.orDefault(
    'launch.world_cumulative_mass_kg',
    s.cumulative_mass_kg_base,
    'price_trajectory.cumulative_mass_kg_base',
  );
  const b = wrightExponent(lr);
  const m0 = base_kg;
  return {
    model: 'learning_curve',
    base_year,
    base_price_usd_per_kg,
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
// The estimator
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

/** The roll-up's request fields, shared by every estimator that sizes a facility from its load (launch, economics). */
export const RollUpFields = {
  orbit: OrbitSpecSchema.optional().describe(
    'With load_kw: the orbit given to the power and thermal estimators (unless `power` or `thermal` give their own)',
  ),
  power: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('With load_kw: inputs of POST /v1/power other than load_kw and mission_years (cell, battery, array, regulation…)'),
  thermal: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "With load_kw: inputs of POST /v1/thermal other than heat_kw, load_kw, area_m2 and conversion_efficiency (the heat is the power model's energy balance; radiator_temp_k defaults to 318.15 K, the ASHRAE W45 liquid-cooling supply; it decides the area)",
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

export const LaunchInput = z
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
    target_orbit: TargetOrbit.optional().describe('Orbit the payload figure refers to (default "leo")'),
    price_usd_per_kg: quantity('USD/kg', {
      min: 0,
      description:
        "Price per kg launched, replacing the vehicle's price: billed per kg, without whole-launch rounding (0: a free launch, for what-if questions)",
    }).optional(),
    usable_payload_fraction: fraction('a usable payload share', { gt: 0, max: 1 })
      .optional()
      .describe("Share of the vehicle's payload the hardware can use"),
    build_years: quantity('year', { gt: 0, max: 100, description: 'Time to launch the initial mass' }).optional(),
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
      .describe('Last year of the by-year table (default: the later of `year` and 20 years after the base)'),
  })
  .strict()
  .superRefine((o, ctx) => {
    const forms = [o.mass_kg, o.mass, o.load_kw].filter((x) => x !== undefined).length;
    if (forms !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          forms === 0
            ? 'expected one of mass_kg, mass (a breakdown) or load_kw (roll the mass up)'
            : 'expected one of mass_kg, mass or load_kw, not more',
      });
    if (o.load_kw === undefined)
      for (const key of ['orbit', 'power', 'thermal', 'mass_model'] as const)
        if (o[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `expected ${key} only with load_kw (the mass roll-up)` });
    checkRollUpOverrides(o, ctx);
    if (o.mass !== undefined && Object.keys(o.mass).length === 0)
      ctx.addIssue({ code: 'custom', path: ['mass'], message: 'expected at least one part, e.g. { "compute_kg": 1000 }' });
  });

const YearPrice = z.object({ year: z.number().int(), price_usd_per_kg: z.number(), launch_cost_usd: z.number() });

export const LaunchOutput = z.object({
  total_mass_kg: z.number().describe('Mass to orbit'),
  mass_parts_kg: z.record(z.string(), z.number()).describe('The parts of total_mass_kg'),
  mass_from: z.enum(['mass_kg', 'mass', 'load_kw']),
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
  vehicle: z.object({
    id: z.string().nullable(),
    name: z.string(),
    status: z.enum(['flown', 'projected', 'custom']),
    target_orbit: TargetOrbit,
    payload_kg: z.number().nullable().describe('Published payload per launch to the target orbit'),
    usable_payload_kg: z.number().nullable(),
    price_usd: z.number().nullable().describe('Price per launch at the priced year'),
    flights_per_year: z.number().nullable(),
    as_of: z.string().nullable(),
    source: z.string().nullable(),
  }),
  launches: z.number().int().describe('Whole launches to lift total_mass_kg'),
  pricing: z.enum(['per_launch', 'per_kg']).describe('Whole launches paid, or the mass paid per kg'),
  price_usd_per_kg: z
    .number()
    .describe('Price per kg of published payload (per_launch) or per kg launched (per_kg), at the priced year'),
  launch_cost_usd: z.number(),
  effective_usd_per_kg: z.number().describe('launch_cost_usd / total_mass_kg: includes the unfilled part of the last launch'),
  priced_year: z.number().int().nullable().describe('Year on the price trajectory the cost is priced at (null: the as_of price)'),
  cadence: z.object({
    build_years: z.number(),
    launches_per_year_to_build: z.number(),
    mission_years: z.number(),
    gpu_failure_per_year: z.number().describe('Accelerator failures per accelerator-year used for the replacements'),
    replacement_basis: z.enum(['whole_satellite', 'compute_only']),
    replaceable_mass_kg: z.number(),
    replacement_mass_kg_per_year: z.number(),
    replacement_launches_per_year: z
      .number()
      .describe('Mean launches a year to replace failed hardware (fractional: shared launches)'),
    replacement_launches_over_mission: z.number().int(),
    replacement_launch_cost_usd: z.number().describe('Launching the replacement mass over the mission, same pricing'),
    vehicle_flights_per_year: z.number().nullable(),
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
    replacement_share_of_flight_rate: z.number().nullable(),
  }),
  price_trajectory: z
    .object({
      model: z.enum(['annual_decline', 'learning_curve']),
      base_year: z.number().int(),
      base_price_usd_per_kg: z.number(),
      parameters: z.record(z.string(), z.number()),
      source: z.string(),
      by_year: z.array(YearPrice).describe('Price per kg and the cost of this launch campaign, year by year'),
    })
    .nullable(),
});
export type LaunchResult = z.infer<typeof LaunchOutput>;

export function runLaunch(input: z.output<typeof LaunchInput>, p: Provenance): LaunchResult {
  // Mass
  let parts: Record<string, number>;
  let mass_from: LaunchResult['mass_from'];
  if (input.load_kw !== undefined) {
    const roll = rollUpFromLoad(input, p);
    return { ...priceCampaign(input, p, roll.total_mass_kg, roll.parts, 'load_kw'), subsystems: roll.subsystems };
  }
  if (input.mass !== undefined) {
    parts = { ...input.mass };
    mass_from = 'mass';
  } else {
    parts = { total_kg: input.mass_kg as number };
    mass_from = 'mass_kg';
  }
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw inputError(['mass'], 'expected the parts to sum to more than 0 kg');
  return { ...priceCampaign(input, p, total, parts, mass_from), subsystems: null };
}

/** Parse a sub-estimator's input, with errors pointing into the launch request (`/power/...`). */
function parseWithin<T extends z.ZodType>(schema: T, value: unknown, at: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new z.ZodError(r.error.issues.map((i) => ({ ...i, path: [at, ...i.path] })));
  return r.data;
}

/** Run a sub-estimator on its own provenance and carry its assumptions and warnings over, named by domain. */
function carry<R>(domain: string, p: Provenance, run: (sub: Provenance) => R): R {
  const sub = new Provenance();
  const result = run(sub);
  for (const a of sub.assumptions) p.assume(`${domain}.${a.name}`, a.value, a.unit, a.source);
  for (const w of sub.warnings) p.warn(`${domain}: ${w}`);
  return result;
}

/** What a roll-up reads of a request: the load, the orbit, the sub-requests and the mass factors. */
export type RollUpRequest = Pick<
  z.output<typeof LaunchInput>,
  'load_kw' | 'orbit' | 'power' | 'thermal' | 'mass_model' | 'mission_years'
>;

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
  const load_kw = input.load_kw as number;
  const powerIn = rollUpPowerRequest(input.power, input.orbit);
  const power = carry('power', p, (sub) =>
    runPower(parseWithin(PowerInput, { ...powerIn, load_kw, mission_years }, 'power'), sub),
  );
  const thermalIn = { ...rollUpThermalRequest(input.thermal, input.orbit, p), heat_kw: power.orbit_average_heat_kw };
  const thermal = carry('thermal', p, (sub) => runThermal(parseWithin(ThermalInput, thermalIn, 'thermal'), sub));
  if (thermal.mass_kg === null)
    throw inputError(['thermal'], 'expected a radiator temperature (radiator_temp_k or chip) to size the radiator');
  return { power, thermal };
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

/** Mass from the load: the power and thermal subsystems, then compute, shielding, structure and propellant (massRollUp). */
export function rollUpFromLoad(input: RollUpRequest, p: Provenance) {
  const mission_years = missionYears(input.mission_years, p);
  const { power, thermal } = sizeSubsystems(input, mission_years, p);
  const roll = massRollUp({
    load_kw: input.load_kw as number,
    array_mass_kg: power.array_mass_kg,
    battery_mass_kg: power.battery_mass_kg,
    radiator_mass_kg: thermal.mass_kg as number,
    ...massFactors(input, p),
    mission_years,
  });
  return {
    ...roll,
    power,
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

/**
 * Catalogue LEO payloads are quoted for launches due east from Cape Canaveral (28.5°); a few degrees
 * more cost little, a much steeper plane costs the launch vehicle Δv and so payload: warn when the
 * design orbit is sun-synchronous or inclined beyond 35° and the payload figure is LEO's.
 */
export function warnPayloadOrbit(target: TargetOrbit, design: OrbitSpec | undefined, p: Provenance): void {
  if (target === 'leo' && design && (design.sun_synchronous || (design.inclination_deg ?? 0) > 35))
    p.warn(
      `the design orbit is ${design.sun_synchronous ? 'sun-synchronous' : `inclined ${design.inclination_deg}°`} but payloads are quoted to low-inclination LEO (about 28.5°): a steeper plane costs launch Δv, so each launch carries less than assumed here`,
    );
}

/** Vehicle, launches, cost, cadence and trajectory for a known mass (shared by every mass form). */
export function priceCampaign(
  input: z.output<typeof LaunchInput>,
  p: Provenance,
  total: number,
  parts: Record<string, number>,
  mass_from: LaunchResult['mass_from'],
): Omit<LaunchResult, 'subsystems'> {
  const orbit = p.orChoice('launch.target_orbit', input.target_orbit, 'target_orbit');
  warnPayloadOrbit(orbit, input.orbit, p);
  // A given price_usd_per_kg needs no catalogue price: the vehicle then only counts launches.
  const perKg = input.price_usd_per_kg !== undefined;
  const v = resolveVehicle(input.vehicle, orbit, p, ['vehicle'], !perKg);
  if (v.pairing_note !== null && !perKg) p.warn(v.pairing_note);
  if (v.status === 'projected' && (v.catalogue_payload || (v.catalogue_price && !perKg)))
    p.warn(
      `${v.name} is projected, not flown: its payload, price and flight rate are assumptions (source: ${v.source}), not market figures`,
    );
  if (v.payload_kg === null)
    p.warn(
      `${v.name}: the mass one customer may book per flight is not published; each flight is counted as carrying the whole mass`,
    );
  const usable = p.orDefault('launch.usable_payload_fraction', input.usable_payload_fraction, 'usable_payload_fraction');
  const basePrice = (input.price_usd_per_kg ?? v.price_usd_per_kg) as number;

  // Price trajectory (when a year or a trajectory is asked for)
  let trajectory: Trajectory | null = null;
  if (input.price_trajectory !== undefined || input.year !== undefined) {
    // The base year is the as_of year of the price used; a caller's price has none.
    const asOfYear = v.as_of && !perKg ? Number(v.as_of.slice(0, 4)) : undefined;
    const needsBaseYear = input.price_trajectory?.base_year === undefined;
    if (needsBaseYear && asOfYear === undefined)
      throw inputError(
        ['price_trajectory', 'base_year'],
        'expected price_trajectory.base_year: a price given by the caller (price_usd_per_kg or vehicle.price_usd) has no as_of year to start from',
      );
    trajectory = resolveTrajectory(input.price_trajectory, basePrice, asOfYear ?? 0, p);
  }
  const pricedYear = trajectory ? (input.year ?? trajectory.base_year) : null;
  const priceAt = (year: number | null) =>
    trajectory && year !== null ? trajectory.base_price_usd_per_kg * trajectory.factor(year) : basePrice;
  const price = priceAt(pricedYear);
  if (v.pricing === 'per_kg' && !perKg && v.min_price_usd > 0 && total * price < v.min_price_usd)
    p.warn(`${v.name}: the minimum price (${v.min_price_usd} USD) applies to this mass`);

  const bill = launchBill(v, total, usable, price, perKg);
  if (bill.pricing === 'per_launch' && bill.launches > 0) {
    const fill = total / (bill.launches * (v.payload_kg as number) * usable);
    if (fill < 0.5)
      p.warn(
        `the last launch is mostly empty: the mass fills ${(fill * 100).toFixed(0)} % of the ${bill.launches} launch(es) paid for, so effective_usd_per_kg is well above price_usd_per_kg`,
      );
  }

  // Cadence
  const build_years = p.orDefault('launch.build_years', input.build_years, 'build_years');
  const mission_years = missionYears(input.mission_years, p);
  const failure = input.gpu_failure_per_year ?? gpuFailurePerYear(p);
  const basis = p.orChoice('launch.replacement_basis', input.replacement_basis, 'replacement_basis');
  let replaceable: number;
  if (basis === 'compute_only') {
    const compute = parts.compute_kg;
    if (compute === undefined)
      throw inputError(
        ['replacement_basis'],
        'expected a mass breakdown with compute_kg (or load_kw) for replacement_basis "compute_only"',
      );
    replaceable = compute;
  } else replaceable = total;
  const replacementPerYear = failure * replaceable;
  const replacementTotal = replacementPerYear * mission_years;
  const replacementBill = launchBill(v, replacementTotal, usable, price, perKg);
  const capacity = v.payload_kg === null ? null : v.payload_kg * usable;
  const replacementLaunchesPerYear = capacity === null ? (replacementPerYear > 0 ? 1 : 0) : replacementPerYear / capacity;
  const rate = v.flights_per_year;
  const cadence = cadenceAgainstFlightRates(bill.launches, build_years, v, p);
  const launchesPerYearToBuild = cadence.launches_per_year;
  const buildShare = cadence.vehicle_share;

  let price_trajectory: LaunchResult['price_trajectory'] = null;
  if (trajectory) {
    const from = Math.min(trajectory.base_year, pricedYear ?? trajectory.base_year);
    const to = input.trajectory_to_year ?? Math.max(pricedYear ?? 0, trajectory.base_year + 20);
    if (to < from) throw inputError(['trajectory_to_year'], `expected a year at or after ${from}, the first year of the table`);
    const by_year = [];
    for (let y = from; y <= to; y++) {
      const py = priceAt(y);
      by_year.push({ year: y, price_usd_per_kg: py, launch_cost_usd: launchBill(v, total, usable, py, perKg).cost_usd });
    }
    price_trajectory = {
      model: trajectory.model,
      base_year: trajectory.base_year,
      base_price_usd_per_kg: trajectory.base_price_usd_per_kg,
      parameters: trajectory.parameters,
      source: trajectory.source,
      by_year,
    };
  }

  return {
    total_mass_kg: total,
    mass_parts_kg: parts,
    mass_from,
    vehicle: {
      id: v.id,
      name: v.name,
      status: v.status,
      target_orbit: orbit,
      payload_kg: v.payload_kg,
      usable_payload_kg: capacity,
      price_usd: bill.pricing === 'per_launch' ? price * (v.payload_kg as number) : null,
      flights_per_year: rate,
      as_of: v.as_of,
      source: v.source,
    },
    launches: bill.launches,
    pricing: bill.pricing,
    price_usd_per_kg: price,
    launch_cost_usd: bill.cost_usd,
    effective_usd_per_kg: bill.cost_usd / total,
    priced_year: pricedYear,
    cadence: {
      build_years,
      launches_per_year_to_build: launchesPerYearToBuild,
      mission_years,
      gpu_failure_per_year: failure,
      replacement_basis: basis,
      replaceable_mass_kg: replaceable,
      replacement_mass_kg_per_year: replacementPerYear,
      replacement_launches_per_year: replacementLaunchesPerYear,
      replacement_launches_over_mission: replacementBill.launches,
      replacement_launch_cost_usd: replacementBill.cost_usd,
      vehicle_flights_per_year: rate,
      build_share_of_flight_rate: buildShare,
      world_launches_per_year: cadence.world_launches_per_year,
      build_share_of_world_launches: cadence.world_share,
      replacement_share_of_flight_rate: rate && rate > 0 ? replacementLaunchesPerYear / rate : null,
    },
    price_trajectory,
  };
}

/**
 * CPU seconds of a roll-up from a load: the power part with the sizing eclipse of its orbit, and the
 * thermal part with its orbit resolved for the view of the Earth.
 */
export function rollUpCost(input: Pick<RollUpRequest, 'orbit' | 'power'>): number {
  const powerOrbit = rollUpPowerRequest(input.power, input.orbit).orbit as OrbitSpec | undefined;
  return (
    coefficient('execution.cost.power_s') +
    sizingEclipseCost(powerOrbit) +
    coefficient('execution.cost.thermal_s') +
    (input.orbit === undefined ? 0 : resolveCost(input.orbit))
  );
}

/** What a launch request costs: the campaign's closed forms, and the roll-up when the mass comes from a load. */
export function estimateLaunchCost(input: z.output<typeof LaunchInput>): Cost {
  const rollUp = input.load_kw !== undefined;
  return {
    cpu_s: coefficient('execution.cost.launch_s') + (rollUp ? rollUpCost(input) : 0),
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
