/**
 * Economics: total cost of ownership of an orbital data center over its mission against one on the
 * ground, on one denominator: the energy delivered to the IT load over the mission.
 *
 * Orbital side (modelled): satellites sized so that the mean power over the mission, after array
 * degradation and eclipses, equals the IT load; hardware $/W (or $/kg), launch, operations,
 * replacement of failed hardware (and the launch of the replacement mass), NRE. Or itemised
 * (`space_costs_usd`), as white papers give it. Terrestrial side: capex by bucket (or a total
 * $/W), gas turbines or grid power, PUE, fuel or electricity, operations.
 *
 * `convention: "mccalip"` reproduces the public calculator of A. McCalip (static/js/math.js,
 * e59571e): no launch of replacement hardware, orbital energy at 100 % availability, terrestrial
 * energy at its capacity factor; the same-denominator figures are reported beside it.
 */
import { z } from 'zod';
import { fraction, quantity } from '../src/quantity.js';
import { HOURS_PER_COMMON_YEAR } from './constants.js';
import { defineEstimator } from './estimator.js';
import { launchBill, type ResolvedVehicle, resolveVehicle, VehicleRefSchema } from './launch.js';
import type { Provenance } from './provenance.js';

/** Hours in a 365-day year: the year both reference sources use. */
/** BTU per MMBTU. */
const BTU_PER_MMBTU = 1e6;
/** The payload McCalip's calculator counts Starship launches with, kg. */
const STARSHIP_100T_KG = 100_000;

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

const money = (unit: string, description: string, example?: string) =>
  quantity(unit, { min: 0, description, ...(example && { example }) }).optional();

const Terrestrial = z
  .object({
    capex_usd_per_w: money(
      'USD/W',
      'Total facility capex per W of IT load, replacing the four buckets (the turbines are added when generating on site)',
    ),
    gas_turbine_usd_per_kw: money('USD/kW', 'On-site gas turbines, per kW of generation (IT load × PUE)', '1800 USD/kW'),
    electrical_usd_per_w: money('USD/W', 'Electrical distribution per W of IT load', '5.25 USD/W'),
    mechanical_usd_per_w: money('USD/W', 'Mechanical and cooling per W of IT load', '3 USD/W'),
    civil_usd_per_w: money('USD/W', 'Civil works and shell per W of IT load', '2.5 USD/W'),
    network_usd_per_w: money('USD/W', 'Network and fit-out per W of IT load', '1.75 USD/W'),
    pue: z.number().min(1).max(5).optional().describe('Power usage effectiveness: facility energy / IT energy'),
    gas_usd_per_mmbtu: money('USD/MMBTU', 'Natural gas price', '4.3 USD/MMBTU'),
    heat_rate_btu_per_kwh: quantity('BTU/kWh', {
      gt: 0,
      example: '6200 BTU/kWh',
      description: 'Fuel heat per kWh generated',
    }).optional(),
    capacity_factor: fraction('a capacity factor', { gt: 0, max: 1 })
      .optional()
      .describe(
        'Share of mission hours the ground site runs at full IT load. The consistent convention applies the same share to the orbital side (it sets utilisation_fraction); the mccalip convention applies it to the ground only',
      ),
    ops_fraction_per_year: fraction('an operations share per year')
      .optional()
      .describe('Facility operations, share of capex per year'),
  })
  .strict();

const ORBITAL_MODEL_FIELDS = [
  'satellite_usd_per_w',
  'satellite_usd_per_kg',
  'specific_power_w_per_kg',
  'satellite_power_kw',
  'sun_fraction',
  'cell_degradation_per_year',
  'gpu_failure_per_year',
  'ops_fraction_per_year',
  'nre_usd',
] as const;

export const EconomicsInput = z
  .object({
    load_kw: quantity('kW', { gt: 0, example: '1 GW', description: 'IT load (mean power delivered to the compute)' }),
    mission_years: quantity('year', {
      gt: 0,
      max: 100,
      description: 'Mission over which costs and energy are summed',
    }).optional(),
    convention: z
      .enum(['consistent', 'mccalip'])
      .optional()
      .describe(
        '"consistent" (default): both sides deliver the same energy to the IT load, and replacement hardware is launched. "mccalip": the McCalip calculator as published (orbital energy at 100 %, terrestrial at its capacity factor, replacements not launched), with the consistent figures beside it',
      ),
    utilisation_fraction: fraction('a utilisation share', { gt: 0, max: 1 })
      .optional()
      .describe('Share of mission hours the IT load runs at full power, the same on both sides'),
    launch_usd_per_kg: quantity('USD/kg', { min: 0, description: 'Launch price per kg, billed per kg launched' }).optional(),
    vehicle: VehicleRefSchema.optional(),
    starship_price_usd: quantity('USD', {
      gt: 0,
      example: '5e6 USD',
      description: 'Price of one Starship launch (whole launches)',
    }).optional(),
    starship_payload_kg: quantity('kg', { gt: 0, example: '100 t', description: 'Payload of one Starship launch' }).optional(),
    satellite_usd_per_w: money('USD/W', 'Satellite hardware per W of installed (beginning-of-life) array power', '22 USD/W'),
    satellite_usd_per_kg: money('USD/kg', 'Satellite hardware per kg, instead of per W'),
    specific_power_w_per_kg: quantity('W/kg', { gt: 0, description: 'Installed array power per kg of satellite' }).optional(),
    satellite_power_kw: quantity('kW', { gt: 0, description: 'Installed array power of one satellite' }).optional(),
    sun_fraction: fraction('a sunlit share', { gt: 0, max: 1 }).optional().describe('Share of the orbit in sunlight'),
    cell_degradation_per_year: fraction('a degradation per year', { min: 0, lt: 1 })
      .optional()
      .describe('Array power lost per year'),
    gpu_failure_per_year: fraction('a failure rate per year')
      .optional()
      .describe('Share of the hardware that fails and is replaced per year'),
    ops_fraction_per_year: fraction('an operations share per year')
      .optional()
      .describe('Operations, share of hardware cost per year'),
    nre_usd: money('USD', 'Non-recurring engineering', '1e9 USD'),
    space_costs_usd: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'expected snake_case item names, e.g. "launch"' }),
        quantity('USD', { min: 0 }),
      )
      .optional()
      .describe('The orbital side itemised instead of modelled, e.g. { "launch": 5e6, "solar": 2e6, "shielding": 1.2e6 }'),
    grid_usd_per_kwh: quantity('USD/kWh', {
      min: 0,
      example: '0.04 USD/kWh',
      description: 'Ground site on grid power at this price (no turbines, no fuel)',
    }).optional(),
    terrestrial: Terrestrial.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const launchForms = [
      o.launch_usd_per_kg !== undefined && 'launch_usd_per_kg',
      o.vehicle !== undefined && 'vehicle',
      (o.starship_price_usd !== undefined || o.starship_payload_kg !== undefined) && 'starship_price_usd',
    ].filter(Boolean);
    if (launchForms.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [launchForms[1] as string],
        message: `expected one way to price launch, got ${launchForms.join(' and ')}`,
      });
    if (o.satellite_usd_per_w !== undefined && o.satellite_usd_per_kg !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['satellite_usd_per_kg'],
        message: 'expected satellite_usd_per_w or satellite_usd_per_kg, not both',
      });
    if (o.space_costs_usd !== undefined) {
      for (const key of ORBITAL_MODEL_FIELDS)
        if (o[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `expected no ${key} beside space_costs_usd: an itemised orbital side is not modelled`,
          });
    }
    const t = o.terrestrial ?? {};
    if (o.grid_usd_per_kwh !== undefined)
      for (const key of ['gas_turbine_usd_per_kw', 'gas_usd_per_mmbtu', 'heat_rate_btu_per_kwh'] as const)
        if (t[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['terrestrial', key],
            message: `expected no ${key} with grid_usd_per_kwh: a grid-powered site has no turbines or fuel`,
          });
    if (t.capex_usd_per_w !== undefined)
      for (const key of ['electrical_usd_per_w', 'mechanical_usd_per_w', 'civil_usd_per_w', 'network_usd_per_w'] as const)
        if (t[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['terrestrial', key],
            message: `expected either capex_usd_per_w or the buckets, not both`,
          });
    if (o.utilisation_fraction !== undefined && o.convention === 'mccalip')
      ctx.addIssue({
        code: 'custom',
        path: ['utilisation_fraction'],
        message:
          'expected no utilisation_fraction with the mccalip convention: it runs the orbital side at 100 % and the ground at terrestrial.capacity_factor',
      });
    if (
      o.utilisation_fraction !== undefined &&
      t.capacity_factor !== undefined &&
      (o.convention ?? 'consistent') === 'consistent'
    )
      ctx.addIssue({
        code: 'custom',
        path: ['utilisation_fraction'],
        message:
          'expected utilisation_fraction or terrestrial.capacity_factor, not both: the consistent convention uses one share for both sides',
      });
  });
type EconomicsIn = z.output<typeof EconomicsInput>;

const Breakeven = z.object({
  launch_usd_per_kg: z
    .number()
    .nullable()
    .describe('Launch price at which cost_ratio = 1, every cost term included; null when none closes the gap'),
  reason: z.string().nullable(),
  cost_ratio_at_breakeven: z
    .number()
    .nullable()
    .describe('The full model re-evaluated at that price (1 by construction; the check)'),
  hardware_usd_per_w: z
    .number()
    .nullable()
    .describe('Hardware $/W at which cost_ratio = 1 at the launch price used (given when no launch price closes the gap)'),
  hardware_reason: z.string().nullable(),
});

export const EconomicsOutput = z.object({
  convention: z.enum(['consistent', 'mccalip']),
  energy_kwh: z
    .number()
    .describe('Energy delivered to the IT load over the mission: the denominator of both sides (load × hours × utilisation)'),
  utilisation_fraction: z.number(),
  orbital_total_usd: z.number(),
  terrestrial_total_usd: z.number(),
  cost_ratio: z.number().describe('orbital_total_usd / terrestrial_total_usd'),
  orbital_usd_per_kwh: z.number(),
  terrestrial_usd_per_kwh: z.number(),
  breakeven_launch_usd_per_kg: z.number().nullable().describe('= breakeven.launch_usd_per_kg'),
  breakeven: Breakeven,
  orbital_mode: z.enum(['modelled', 'itemised']),
  launch_usd_per_kg: z.number().describe('Launch price used, per kg of payload'),
  launch_pricing: z.enum(['per_launch', 'per_kg']),
  vehicle: z
    .object({
      id: z.string().nullable(),
      name: z.string(),
      status: z.enum(['flown', 'projected', 'custom']),
      payload_kg: z.number().nullable(),
    })
    .nullable(),
  installed_power_kw: z.number().nullable().describe('Beginning-of-life array power installed'),
  mean_retention: z.number().nullable().describe('Mean array power over the mission / beginning-of-life power'),
  satellites: z.number().int().nullable(),
  mass_kg: z.number().nullable(),
  launches: z.number().int().nullable().describe('Whole launches of the initial mass on the vehicle'),
  starship_launches_100t: z.number().int().nullable().describe('Launches of a 100 t Starship (the McCalip calculator’s figure)'),
  hardware_usd: z.number().nullable(),
  launch_usd: z.number().nullable(),
  ops_usd: z.number().nullable(),
  gpu_replacement_usd: z.number().nullable().describe('Replacement hardware: failure rate × years × hardware'),
  replacement_mass_kg: z.number().nullable(),
  replacement_launch_usd: z
    .number()
    .nullable()
    .describe('Launching the replacement mass (0 in the mccalip convention, which leaves it out)'),
  nre_usd: z.number().nullable(),
  space_costs_usd: z.record(z.string(), z.number()).nullable(),
  space_total_usd: z.number().describe('= orbital_total_usd (the Starcloud table’s name)'),
  space_usd_per_kwh: z.number().describe('= orbital_usd_per_kwh'),
  terrestrial: z.object({
    power_source: z.enum(['gas_turbine', 'grid']),
    capex_usd: z.number(),
    capex_parts_usd: z.record(z.string(), z.number()),
    energy_price_usd_per_kwh: z.number().describe('Electricity price, or fuel cost per kWh generated'),
    it_energy_usd: z.number(),
    overhead_energy_usd: z.number().describe('The (PUE − 1) share'),
    ops_usd: z.number(),
    energy_kwh: z.number().describe('IT energy the terrestrial costs are computed for'),
    pue: z.number(),
  }),
  terrestrial_energy_usd: z.number().describe('Energy bought for the IT load (before PUE): terrestrial.it_energy_usd'),
  mccalip: z
    .object({
      orbital_energy_kwh: z.number().describe('Load × hours, 100 % available'),
      terrestrial_energy_kwh: z.number().describe('Load × hours × capacity factor'),
      orbital_usd_per_kwh: z.number(),
      terrestrial_usd_per_kwh: z.number(),
      usd_per_kwh_ratio: z.number().describe('The ratio of the two $/kWh as that calculator shows them'),
      consistent_usd_per_kwh_ratio: z.number().describe('The same totals over the same energy: cost_ratio'),
      orbital_usd_per_kwh_consistent: z.number(),
      denominator_effect: z
        .number()
        .describe('usd_per_kwh_ratio / consistent_usd_per_kwh_ratio: how much the mixed denominators flatter the orbital side'),
      omitted_replacement_launch_usd: z.number().describe('Launching the replacement hardware, which that calculator leaves out'),
      calculator_breakeven_usd_per_kg: z
        .number()
        .nullable()
        .describe("That calculator's own break-even: (terrestrial − hardware) / mass, without ops, replacement or NRE"),
    })
    .nullable(),
});
export type EconomicsResult = z.infer<typeof EconomicsOutput>;

interface LaunchPricing {
  vehicle: ResolvedVehicle | null;
  price_usd_per_kg: number;
  perKg: boolean;
}

function resolveLaunchPricing(input: EconomicsIn, p: Provenance): LaunchPricing {
  if (input.launch_usd_per_kg !== undefined) return { vehicle: null, price_usd_per_kg: input.launch_usd_per_kg, perKg: true };
  if (input.starship_price_usd !== undefined || input.starship_payload_kg !== undefined) {
    const v = resolveVehicle(
      { id: 'starship', price_usd: input.starship_price_usd, payload_kg: input.starship_payload_kg },
      'leo',
      p,
      ['starship_price_usd'],
    );
    return { vehicle: v, price_usd_per_kg: v.price_usd_per_kg as number, perKg: v.pricing === 'per_kg' };
  }
  const v = resolveVehicle(input.vehicle, 'leo', p);
  return { vehicle: v, price_usd_per_kg: v.price_usd_per_kg as number, perKg: v.pricing === 'per_kg' };
}

/** Launch cost of a mass at a price per kg, whole launches when the vehicle is priced per launch. */
function launchCost(pricing: LaunchPricing, mass_kg: number, price_usd_per_kg: number) {
  if (pricing.vehicle === null) return { launches: null, cost: mass_kg * price_usd_per_kg };
  const bill = launchBill(pricing.vehicle, mass_kg, 1, price_usd_per_kg, pricing.perKg);
  return { launches: bill.launches, cost: bill.cost_usd };
}

interface OrbitalParams {
  load_w: number;
  years: number;
  hardwareUsdPerW: number | null;
  hardwareUsdPerKg: number | null;
  specificPower: number;
  satPowerW: number;
  sunFraction: number;
  degradation: number;
  failure: number;
  ops: number;
  nre: number;
  launchReplacements: boolean;
}

/** The modelled orbital side at a given launch price and hardware $/W (the break-even solvers vary these). */
function orbitalModel(o: OrbitalParams, pricing: LaunchPricing, launchUsdPerKg: number, hardwareUsdPerW = o.hardwareUsdPerW) {
  const retention = meanRetention(o.degradation, o.years);
  const required_w = o.load_w / (retention * o.sunFraction);
  const satellites = Math.ceil((required_w / o.satPowerW) * (1 - 1e-12));
  const installed_w = satellites * o.satPowerW;
  const mass_kg = installed_w / o.specificPower;
  const hardware = hardwareUsdPerW !== null ? hardwareUsdPerW * installed_w : (o.hardwareUsdPerKg as number) * mass_kg;
  const initial = launchCost(pricing, mass_kg, launchUsdPerKg);
  const ops = o.ops * hardware * o.years;
  const replacementFraction = o.failure * o.years;
  const gpu_replacement = replacementFraction * hardware;
  const replacement_mass_kg = replacementFraction * mass_kg;
  const replacementLaunch = launchCost(pricing, replacement_mass_kg, launchUsdPerKg).cost;
  const replacement_launch = o.launchReplacements ? replacementLaunch : 0;
  const total = hardware + initial.cost + ops + gpu_replacement + replacement_launch + o.nre;
  return {
    retention,
    required_w,
    satellites,
    installed_w,
    mass_kg,
    hardware,
    launch: initial.cost,
    launches: initial.launches,
    ops,
    gpu_replacement,
    replacement_mass_kg,
    replacement_launch,
    omitted_replacement_launch: o.launchReplacements ? 0 : replacementLaunch,
    nre: o.nre,
    total,
  };
}

/**
 * Root of f(x) = target for f increasing and piecewise linear in x (launch or hardware price):
 * secant from two evaluations of the full model, refined until f(x*) = target to 1e-12.
 */
export function solveLinearRoot(f: (x: number) => number, target: number, x1: number): number | null {
  let a = 0;
  let fa = f(a);
  let b = x1 > 0 ? x1 : 1;
  let fb = f(b);
  for (let k = 0; k < 60; k++) {
    if (fb === fa) return null;
    const x = a + ((target - fa) * (b - a)) / (fb - fa);
    if (!Number.isFinite(x)) return null;
    const fx = f(x);
    if (Math.abs(fx - target) <= 1e-12 * Math.abs(target)) return x;
    [a, fa, b, fb] = [b, fb, x, fx];
  }
  return null;
}

export function runEconomics(input: EconomicsIn, p: Provenance): EconomicsResult {
  const convention = p.orChoice('economics.convention', input.convention, 'convention');
  const years = p.orDefault('economics.mission_years', input.mission_years, 'mission_years');
  const hours = years * HOURS_PER_COMMON_YEAR;
  const t = input.terrestrial ?? {};

  // The denominator
  const capacityFactor =
    convention === 'mccalip'
      ? p.orDefault('economics.terrestrial.capacity_factor', t.capacity_factor, 'terrestrial.capacity_factor')
      : t.capacity_factor;
  // One share of hours for both sides; in the mccalip convention, the one its terrestrial costs are for.
  const utilisation =
    convention === 'mccalip'
      ? (capacityFactor as number)
      : (input.utilisation_fraction ??
        t.capacity_factor ??
        p.orDefault('economics.utilisation_fraction', undefined, 'utilisation_fraction'));
  const energy_kwh = input.load_kw * hours * utilisation;
  const terrestrialEnergy_kwh = convention === 'mccalip' ? input.load_kw * hours * (capacityFactor as number) : energy_kwh;

  // Terrestrial side
  const pue = p.orDefault('economics.terrestrial.pue', t.pue, 'terrestrial.pue');
  const load_w = input.load_kw * 1000;
  const grid = input.grid_usd_per_kwh !== undefined;
  const capexParts: Record<string, number> = {};
  let energyPrice: number;
  if (grid) {
    energyPrice = input.grid_usd_per_kwh as number;
  } else {
    const turbine = p.orDefault(
      'economics.terrestrial.gas_turbine_usd_per_kw',
      t.gas_turbine_usd_per_kw,
      'terrestrial.gas_turbine_usd_per_kw',
    );
    capexParts.gas_turbine_usd = turbine * pue * input.load_kw;
    const gas = p.orDefault('economics.terrestrial.gas_usd_per_mmbtu', t.gas_usd_per_mmbtu, 'terrestrial.gas_usd_per_mmbtu');
    const heatRate = p.orDefault(
      'economics.terrestrial.heat_rate_btu_per_kwh',
      t.heat_rate_btu_per_kwh,
      'terrestrial.heat_rate_btu_per_kwh',
    );
    energyPrice = (heatRate * gas) / BTU_PER_MMBTU;
  }
  if (t.capex_usd_per_w !== undefined) capexParts.facility_usd = t.capex_usd_per_w * load_w;
  else {
    const bucket = (name: 'electrical' | 'mechanical' | 'civil' | 'network') =>
      p.orDefault(`economics.terrestrial.${name}_usd_per_w`, t[`${name}_usd_per_w`], `terrestrial.${name}_usd_per_w`) * load_w;
    capexParts.electrical_usd = bucket('electrical');
    capexParts.mechanical_usd = bucket('mechanical');
    capexParts.civil_usd = bucket('civil');
    capexParts.network_usd = bucket('network');
  }
  const capex = Object.values(capexParts).reduce((a, b) => a + b, 0);
  const it_energy_usd = terrestrialEnergy_kwh * energyPrice;
  const overhead_energy_usd = terrestrialEnergy_kwh * (pue - 1) * energyPrice;
  const terrOps =
    p.orDefault('economics.terrestrial.ops_fraction_per_year', t.ops_fraction_per_year, 'terrestrial.ops_fraction_per_year') *
    capex *
    years;
  const terrestrial_total = capex + it_energy_usd + overhead_energy_usd + terrOps;

  // Orbital side
  const pricing = resolveLaunchPricing(input, p);
  const launchPrice = pricing.price_usd_per_kg;
  const v = pricing.vehicle;
  if (v?.status === 'projected' && (v.catalogue_payload || v.catalogue_price))
    p.warn(`${v.name}: its payload and price are projections (source: ${v.source}), not market figures`);

  let orbital_total: number;
  let breakeven: EconomicsResult['breakeven'];
  let modelled: ReturnType<typeof orbitalModel> | null = null;
  let params: OrbitalParams | null = null;
  let items: Record<string, number> | null = null;

  if (input.space_costs_usd !== undefined) {
    items = { ...input.space_costs_usd };
    orbital_total = Object.values(items).reduce((a, b) => a + b, 0);
    p.warn(
      `space_costs_usd itemises only ${Object.keys(items).join(', ') || 'nothing'}: no compute hardware, replacement, operations or NRE are counted on the orbital side, while the terrestrial side counts its facility capex and energy`,
    );
    // The launch item and the launch price give the mass launched, hence the launch term's slope.
    const launchItem = items.launch;
    if (launchItem !== undefined && launchPrice > 0) {
      const mass = launchItem / launchPrice;
      const others = orbital_total - launchItem;
      const x = (terrestrial_total - others) / mass;
      breakeven = {
        launch_usd_per_kg: x >= 0 ? x : null,
        reason: x >= 0 ? null : 'the itemised costs other than launch already exceed the terrestrial total',
        cost_ratio_at_breakeven: x >= 0 ? (others + mass * x) / terrestrial_total : null,
        hardware_usd_per_w: null,
        hardware_reason: 'an itemised orbital side has no hardware $/W term',
      };
    } else
      breakeven = {
        launch_usd_per_kg: null,
        reason: 'an itemised orbital side without a launch item (and a launch price) gives no launch mass to price',
        cost_ratio_at_breakeven: null,
        hardware_usd_per_w: null,
        hardware_reason: 'an itemised orbital side has no hardware $/W term',
      };
  } else {
    const perKgHardware = input.satellite_usd_per_kg !== undefined;
    params = {
      load_w,
      years,
      hardwareUsdPerW: perKgHardware
        ? null
        : p.orDefault('economics.satellite_usd_per_w', input.satellite_usd_per_w, 'satellite_usd_per_w'),
      hardwareUsdPerKg: input.satellite_usd_per_kg ?? null,
      specificPower: p.orDefault('economics.specific_power_w_per_kg', input.specific_power_w_per_kg, 'specific_power_w_per_kg'),
      satPowerW: p.orDefault('economics.satellite_power_kw', input.satellite_power_kw, 'satellite_power_kw') * 1000,
      sunFraction: p.orDefault('economics.sun_fraction', input.sun_fraction, 'sun_fraction'),
      degradation: p.orDefault(
        'economics.cell_degradation_per_year',
        input.cell_degradation_per_year,
        'cell_degradation_per_year',
      ),
      failure: p.orDefault('economics.gpu_failure_per_year', input.gpu_failure_per_year, 'gpu_failure_per_year'),
      ops: p.orDefault('economics.ops_fraction_per_year', input.ops_fraction_per_year, 'ops_fraction_per_year'),
      nre: p.orDefault('economics.nre_usd', input.nre_usd, 'nre_usd'),
      launchReplacements: convention === 'consistent',
    };
    const o = params;
    modelled = orbitalModel(o, pricing, launchPrice);
    orbital_total = modelled.total;
    if (o.failure * years > 1)
      p.warn(
        `${(o.failure * years * 100).toFixed(0)} % of the hardware is replaced over the mission: more than the fleet itself`,
      );
    breakeven = solveBreakeven(o, pricing, launchPrice, terrestrial_total, modelled.installed_w / modelled.mass_kg);
  }

  const cost_ratio = orbital_total / terrestrial_total;
  const orbital_usd_per_kwh = orbital_total / (convention === 'mccalip' ? input.load_kw * hours : energy_kwh);
  const terrestrial_usd_per_kwh = terrestrial_total / terrestrialEnergy_kwh;

  let mccalip: EconomicsResult['mccalip'] = null;
  if (convention === 'mccalip') {
    const orbitalEnergy = input.load_kw * hours;
    const calcBreakeven =
      modelled && params
        ? (terrestrial_total -
            (params.hardwareUsdPerW !== null
              ? params.hardwareUsdPerW * modelled.required_w
              : (params.hardwareUsdPerKg as number) * (modelled.required_w / params.specificPower))) /
          (modelled.required_w / params.specificPower)
        : null;
    mccalip = {
      orbital_energy_kwh: orbitalEnergy,
      terrestrial_energy_kwh: terrestrialEnergy_kwh,
      orbital_usd_per_kwh: orbital_total / orbitalEnergy,
      terrestrial_usd_per_kwh,
      usd_per_kwh_ratio: orbital_total / orbitalEnergy / terrestrial_usd_per_kwh,
      consistent_usd_per_kwh_ratio: cost_ratio,
      orbital_usd_per_kwh_consistent: orbital_total / terrestrialEnergy_kwh,
      denominator_effect: orbital_total / orbitalEnergy / terrestrial_usd_per_kwh / cost_ratio,
      omitted_replacement_launch_usd: modelled?.omitted_replacement_launch ?? 0,
      calculator_breakeven_usd_per_kg: calcBreakeven,
    };
  }

  return {
    convention,
    energy_kwh,
    utilisation_fraction: utilisation,
    orbital_total_usd: orbital_total,
    terrestrial_total_usd: terrestrial_total,
    cost_ratio,
    orbital_usd_per_kwh,
    terrestrial_usd_per_kwh,
    breakeven_launch_usd_per_kg: breakeven.launch_usd_per_kg,
    breakeven,
    orbital_mode: items ? 'itemised' : 'modelled',
    launch_usd_per_kg: launchPrice,
    launch_pricing: pricing.vehicle === null || pricing.perKg ? 'per_kg' : 'per_launch',
    vehicle: pricing.vehicle
      ? {
          id: pricing.vehicle.id,
          name: pricing.vehicle.name,
          status: pricing.vehicle.status,
          payload_kg: pricing.vehicle.payload_kg,
        }
      : null,
    installed_power_kw: modelled ? modelled.installed_w / 1000 : null,
    mean_retention: modelled ? modelled.retention : null,
    satellites: modelled?.satellites ?? null,
    mass_kg: modelled?.mass_kg ?? null,
    launches: modelled?.launches ?? null,
    starship_launches_100t: modelled ? Math.ceil((modelled.mass_kg / STARSHIP_100T_KG) * (1 - 1e-12)) : null,
    hardware_usd: modelled?.hardware ?? null,
    launch_usd: modelled?.launch ?? items?.launch ?? null,
    ops_usd: modelled?.ops ?? null,
    gpu_replacement_usd: modelled?.gpu_replacement ?? null,
    replacement_mass_kg: modelled?.replacement_mass_kg ?? null,
    replacement_launch_usd: modelled?.replacement_launch ?? null,
    nre_usd: modelled?.nre ?? null,
    space_costs_usd: items,
    space_total_usd: orbital_total,
    space_usd_per_kwh: orbital_usd_per_kwh,
    terrestrial: {
      power_source: grid ? 'grid' : 'gas_turbine',
      capex_usd: capex,
      capex_parts_usd: capexParts,
      energy_price_usd_per_kwh: energyPrice,
      it_energy_usd,
      overhead_energy_usd,
      ops_usd: terrOps,
      energy_kwh: terrestrialEnergy_kwh,
      pue,
    },
    terrestrial_energy_usd: it_energy_usd,
    mccalip,
  };
}

/**
 * Break-even launch price: the root of orbital_total(p) = terrestrial_total in the full model
 * (hardware, launch, ops, replacement and its launch, NRE). When no price ≥ 0 closes the gap,
 * null with the reason, and the hardware $/W that closes it at the launch price used.
 */
function solveBreakeven(
  o: OrbitalParams,
  pricing: LaunchPricing,
  launchPrice: number,
  terrestrial: number,
  w_per_kg: number,
): EconomicsResult['breakeven'] {
  const totalAtLaunch = (x: number) => orbitalModel(o, pricing, x).total;
  const atFree = totalAtLaunch(0);
  let launch_usd_per_kg: number | null = null;
  let reason: string | null = null;
  let check: number | null = null;
  if (atFree > terrestrial) {
    reason = `even a free launch leaves the orbital side at ${fmt(atFree)} USD against ${fmt(terrestrial)} USD on the ground: hardware, operations, replacement and NRE alone exceed it`;
  } else {
    launch_usd_per_kg = solveLinearRoot(totalAtLaunch, terrestrial, launchPrice);
    if (launch_usd_per_kg === null) reason = 'the orbital total does not depend on the launch price';
    else check = totalAtLaunch(launch_usd_per_kg) / terrestrial;
  }
  // Hardware $/W that closes the gap at the launch price used (in $/W even when hardware is priced per kg).
  const currentPerW = o.hardwareUsdPerW ?? (o.hardwareUsdPerKg as number) / w_per_kg;
  const totalAtHardware = (h: number) => orbitalModel(o, pricing, launchPrice, h).total;
  const atFreeHardware = totalAtHardware(0);
  let hardware_usd_per_w: number | null = null;
  let hardware_reason: string | null = null;
  if (atFreeHardware > terrestrial)
    hardware_reason = `even free hardware leaves ${fmt(atFreeHardware)} USD of launch (initial and replacement) and NRE, above ${fmt(terrestrial)} USD on the ground`;
  else {
    hardware_usd_per_w = solveLinearRoot(totalAtHardware, terrestrial, currentPerW);
    if (hardware_usd_per_w === null) hardware_reason = 'the orbital total does not depend on the hardware price';
  }
  return { launch_usd_per_kg, reason, cost_ratio_at_breakeven: check, hardware_usd_per_w, hardware_reason };
}

function fmt(usd: number): string {
  return usd.toExponential(4);
}

export const economicsEstimator = defineEstimator({
  name: 'economics',
  summary:
    'Economics: orbital vs terrestrial total cost over the mission, $/kWh on one denominator, and the break-even launch price',
  description:
    'Total cost of ownership over the mission. Orbital: satellites sized so that the mean array power after degradation and eclipses equals the IT load; hardware $/W (or $/kg), launch (catalogue vehicle, custom vehicle or $/kg), operations, replacement of failed hardware and the launch of its mass, NRE — or the orbital side itemised (space_costs_usd). Terrestrial: capex by bucket (or a total $/W), gas turbines and fuel (price, heat rate) or grid electricity, PUE, operations. Both sides are divided by the same energy delivered to the IT load. The break-even launch price is the root of the full model (fed back, cost_ratio = 1), or null with the reason and the hardware $/W that would close the gap. `convention: "mccalip"` reproduces the McCalip calculator and reports the consistent figures beside it.',
  input: EconomicsInput,
  output: EconomicsOutput,
  examples: {
    starcloud_40mw: {
      summary: 'Starcloud white paper: 40 MW for 10 years, $0.04/kWh grid against its itemised space costs',
      value: {
        load_kw: '40 MW',
        mission_years: 10,
        grid_usd_per_kwh: 0.04,
        space_costs_usd: { solar: 2_000_000, launch: 5_000_000, shielding: 1_200_000 },
        starship_price_usd: 5_000_000,
        starship_payload_kg: 100_000,
      },
    },
    starship_1gw: {
      summary: '1 GW for 5 years on Starship at the NASA OTPS projected price ($100M per 100 t)',
      value: { load_kw: '1 GW', mission_years: 5, vehicle: 'starship' },
    },
    falcon9: {
      summary: "1 GW for 5 years on Falcon 9 at today's list price ($69.75M per 22.8 t)",
      value: { load_kw: '1 GW', mission_years: 5, vehicle: 'falcon9' },
    },
    mccalip_default: {
      summary: "The McCalip calculator's defaults, in its own convention (launch $500/kg)",
      value: { load_kw: '1 GW', mission_years: 5, launch_usd_per_kg: 500, convention: 'mccalip' },
    },
  },
  run: runEconomics,
});
