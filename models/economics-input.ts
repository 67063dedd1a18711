/**
 * The economics request: what is sized (the roll-up of POST /v1/launch, or a named W/kg shortcut),
 * how launch is priced, the orbital and terrestrial cost figures, and the itemised forms that
 * reproduce white papers. Validation, and the case it yields (`EconomicsCase`: how launch is priced,
 * how the orbital side is sized, how hardware is priced, the ground side modelled or itemised, each
 * tagged); the model is in economics.ts.
 */
import { z } from 'zod';
import { checkRollUpOverrides, RollUpFields } from './launch.js';
import { fraction, quantity } from './quantity.js';
import {
  TargetOrbitField,
  UsablePayloadField,
  type VehicleCase,
  VehicleRefSchema,
  vehicleCase,
  WorldLaunchesField,
} from './vehicles.js';

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
    asset_life_years: quantity('year', {
      gt: 0,
      max: 100,
      example: '20 year',
      description:
        'Life of the facility (shell, electrical and mechanical plant, turbines): a mission shorter than it is charged mission / life of the capex (straight-line). The mccalip convention charges all of it',
    }).optional(),
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

/** Item names are snake_case; what each side must hold to be complete is in ITEM_CATEGORIES (economics.ts). */
const Items = (side: string, example: string) =>
  z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'expected snake_case item names, e.g. "launch"' }),
      quantity('USD', { min: 0 }),
    )
    .optional()
    .describe(`The ${side} side itemised instead of modelled, e.g. ${example}`);

/** Fields of the named W/kg shortcut (sizing: "specific_power"). */
const SHORTCUT_FIELDS = ['specific_power_w_per_kg', 'sun_fraction', 'cell_degradation_per_year'] as const;
/** Fields of the physics roll-up (sizing: "roll_up"). */
const ROLL_UP_FIELDS = ['orbit', 'epoch', 'power', 'thermal', 'mass_model'] as const;
/** Fields of a modelled orbital side, refused beside an itemised one. */
const ORBITAL_MODEL_FIELDS = [
  'sizing',
  ...SHORTCUT_FIELDS,
  ...ROLL_UP_FIELDS,
  'build_years',
  'usable_payload_fraction',
  'target_orbit',
  'satellite_usd_per_w',
  'satellite_usd_per_kg',
  'satellite_power_kw',
  'gpu_failure_per_year',
  'ops_fraction_per_year',
  'nre_usd',
] as const;

/** The economics request's fields (the feasibility scenario takes them over). */
export const EconomicsObject = z
  .object({
    load_kw: quantity('kW', {
      gt: 0,
      lt: 1e9,
      example: '1 GW',
      description: 'IT load (mean power delivered to the compute)',
    }),
    mission_years: quantity('year', {
      gt: 0,
      max: 100,
      description: 'Mission over which costs and energy are summed',
    }).optional(),
    convention: z
      .enum(['consistent', 'mccalip'])
      .optional()
      .describe(
        '"consistent" (default): both sides deliver the same energy to the IT load, replacement hardware is launched, the ground capex is charged for the share of its life the mission uses. "mccalip": the McCalip calculator as published (W/kg sizing, orbital energy at 100 %, terrestrial at its capacity factor, replacements not launched, full capex), with the consistent figures beside it',
      ),
    sizing: z
      .enum(['roll_up', 'specific_power'])
      .optional()
      .describe(
        'How the orbital side is sized. "roll_up" (the consistent default): the mass and start-of-life array of POST /v1/launch from load_kw in `orbit` (array and battery of POST /v1/power, radiator of POST /v1/thermal for the energy balance, compute, shielding, structure, propellant). "specific_power": a named shortcut, installed power = load / (mean retention × sun_fraction) at a fixed specific_power_w_per_kg (the McCalip convention sizes this way)',
      ),
    ...RollUpFields,
    epoch: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Start of the year the orbit is sized over, ISO-8601 UTC (default: the reference epoch, fixed)'),
    build_years: quantity('year', { gt: 0, max: 100, description: 'Time to launch the initial mass (the cadence)' }).optional(),
    world_orbital_launches_per_year: WorldLaunchesField,
    usable_payload_fraction: UsablePayloadField,
    target_orbit: TargetOrbitField,
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
    specific_power_w_per_kg: quantity('W/kg', {
      gt: 0,
      description: 'With sizing "specific_power": installed array power per kg of satellite',
    }).optional(),
    satellite_power_kw: quantity('kW', {
      gt: 0,
      description:
        'Installed array power of one satellite: counts the satellites (and, with sizing "specific_power", rounds to whole ones)',
    }).optional(),
    sun_fraction: fraction('a sunlit share', { gt: 0, max: 1 })
      .optional()
      .describe('With sizing "specific_power": share of the orbit in sunlight'),
    cell_degradation_per_year: fraction('a degradation per year', { min: 0, lt: 1 })
      .optional()
      .describe('With sizing "specific_power": array power lost per year (the roll-up takes it from the cell)'),
    gpu_failure_per_year: fraction('a failure rate per year')
      .optional()
      .describe('Accelerator failures per accelerator-year: the share of the hardware replaced each year'),
    ops_fraction_per_year: fraction('an operations share per year')
      .optional()
      .describe('Operations, share of hardware cost per year'),
    nre_usd: money('USD', 'Non-recurring engineering', '1e9 USD'),
    space_costs_usd: Items('orbital', '{ "launch": 5e6, "solar": 2e6, "shielding": 1.2e6 }'),
    terrestrial_costs_usd: Items(
      'terrestrial',
      '{ "cooling": 7e6, "backup_power": 20e6 } (only beside space_costs_usd; the energy is priced from the grid or fuel, at PUE 1 since cooling is an item)',
    ),
    grid_usd_per_kwh: quantity('USD/kWh', {
      min: 0,
      example: '0.04 USD/kWh',
      description: 'Ground site on grid power at this price (no turbines, no fuel)',
    }).optional(),
    terrestrial: Terrestrial.optional(),
  })
  .strict();
export type EconomicsFields = z.output<typeof EconomicsObject>;

/**
 * One way to price launch (a price per kg, a vehicle, or Starship's price and payload) and one way
 * to price the satellites (per W or per kg): for economics and for a feasibility scenario alike.
 */
export function checkLaunchForms(
  o: Pick<EconomicsFields, 'launch_usd_per_kg' | 'vehicle' | 'satellite_usd_per_w' | 'satellite_usd_per_kg'> &
    Partial<Pick<EconomicsFields, 'starship_price_usd' | 'starship_payload_kg'>>,
  ctx: z.core.$RefinementCtx,
): void {
  const forms = [
    o.launch_usd_per_kg !== undefined && 'launch_usd_per_kg',
    o.vehicle !== undefined && 'vehicle',
    (o.starship_price_usd !== undefined || o.starship_payload_kg !== undefined) && 'starship_price_usd',
  ].filter((form): form is string => typeof form === 'string');
  const second = forms[1];
  if (second !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: [second],
      message: `expected one way to price launch, got ${forms.join(' and ')}`,
    });
  if (o.satellite_usd_per_w !== undefined && o.satellite_usd_per_kg !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['satellite_usd_per_kg'],
      message: 'expected satellite_usd_per_w or satellite_usd_per_kg, not both',
    });
}

/** The sizing actually asked for: explicit, or the convention's. */
export function sizingOf(o: Pick<EconomicsFields, 'sizing' | 'convention'>): 'roll_up' | 'specific_power' {
  return o.sizing ?? (o.convention === 'mccalip' ? 'specific_power' : 'roll_up');
}

function checkSizingFields(o: EconomicsFields, ctx: z.core.$RefinementCtx): void {
  if (o.space_costs_usd !== undefined) return;
  const sizing = sizingOf(o);
  if (o.convention === 'mccalip' && o.sizing === 'roll_up')
    ctx.addIssue({
      code: 'custom',
      path: ['sizing'],
      message: 'expected sizing "specific_power" (or none) with the mccalip convention: that calculator sizes by a fixed W/kg',
    });
  const foreign = sizing === 'roll_up' ? SHORTCUT_FIELDS : ROLL_UP_FIELDS;
  for (const key of foreign)
    if (o[key] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message:
          sizing === 'roll_up'
            ? `expected ${key} only with sizing: "specific_power" (the W/kg shortcut); the default sizing rolls the mass up from the physics`
            : `expected ${key} only with sizing: "roll_up": the "specific_power" shortcut takes no orbit or subsystem figures`,
      });
  checkRollUpOverrides(o, ctx);
}

function checkItemisedFields(o: EconomicsFields, ctx: z.core.$RefinementCtx): void {
  if (o.terrestrial_costs_usd !== undefined && o.space_costs_usd === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['terrestrial_costs_usd'],
      message: 'expected terrestrial_costs_usd only beside space_costs_usd: itemised sides are compared with each other',
    });
  if (o.terrestrial_costs_usd !== undefined && o.terrestrial !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['terrestrial'],
      message: 'expected either terrestrial (the modelled ground side) or terrestrial_costs_usd (itemised), not both',
    });
  if (o.space_costs_usd === undefined) return;
  for (const key of ORBITAL_MODEL_FIELDS)
    if (o[key] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected no ${key} beside space_costs_usd: an itemised orbital side is not modelled`,
      });
}

function checkTerrestrialFields(o: EconomicsFields, ctx: z.core.$RefinementCtx): void {
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
          message: 'expected either capex_usd_per_w or the buckets, not both',
        });
  if (o.convention === 'mccalip' && t.asset_life_years !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['terrestrial', 'asset_life_years'],
      message: 'expected no asset_life_years with the mccalip convention: it charges the whole capex to the mission',
    });
}

function checkUtilisation(o: EconomicsFields, ctx: z.core.$RefinementCtx): void {
  if (o.utilisation_fraction === undefined) return;
  if (o.convention === 'mccalip')
    ctx.addIssue({
      code: 'custom',
      path: ['utilisation_fraction'],
      message:
        'expected no utilisation_fraction with the mccalip convention: it runs the orbital side at 100 % and the ground at terrestrial.capacity_factor',
    });
  else if (o.terrestrial?.capacity_factor !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['utilisation_fraction'],
      message:
        'expected utilisation_fraction or terrestrial.capacity_factor, not both: the consistent convention uses one share for both sides',
    });
}

/**
 * How launch is priced: per kg as given, or on a vehicle (a catalogue entry, one with figures
 * overridden, a custom one, or a Starship at the price and payload given), `path` locating it for errors.
 */
export type LaunchPricingCase =
  | { kind: 'per_kg'; usd_per_kg: number }
  | { kind: 'vehicle'; vehicle: VehicleCase; path: (string | number)[] };

function launchPricingCase(o: EconomicsFields, ctx: z.core.$RefinementCtx): LaunchPricingCase {
  if (o.launch_usd_per_kg !== undefined) return { kind: 'per_kg', usd_per_kg: o.launch_usd_per_kg };
  if (o.starship_price_usd === undefined && o.starship_payload_kg === undefined)
    return { kind: 'vehicle', vehicle: vehicleCase(o.vehicle, ctx), path: ['vehicle'] };
  const overrides = { price_usd: o.starship_price_usd, payload_kg: o.starship_payload_kg };
  return { kind: 'vehicle', vehicle: { kind: 'catalogue', id: 'starship', overrides }, path: ['starship_price_usd'] };
}

/** The orbital side: rolled up from the physics, sized by the named W/kg shortcut, or itemised by the caller. */
export type OrbitalCase =
  | { sizing: 'roll_up' }
  | { sizing: 'specific_power' }
  | { sizing: 'itemised'; items: Record<string, number> };

/** Satellite hardware priced per W of start-of-life array (at the sourced default unless given) or per kg. */
export type HardwarePriceCase = { per: 'w'; usd_per_w: number | undefined } | { per: 'kg'; usd_per_kg: number };

/** The ground side: modelled (capex, PUE, energy, operations), or itemised by the caller beside an itemised orbital side. */
export type GroundCase = { kind: 'modelled' } | { kind: 'itemised'; items: Record<string, number> };

/**
 * The economics request as its case: the fields as given (a run-time error quotes them at its
 * pointer, and the consistent run beside a convention re-reads them), and each mode tagged.
 */
export type EconomicsCase = EconomicsFields & {
  launch_case: LaunchPricingCase;
  orbital_case: OrbitalCase;
  hardware_case: HardwarePriceCase;
  ground_case: GroundCase;
};

function orbitalCase(o: EconomicsFields): OrbitalCase {
  return o.space_costs_usd !== undefined ? { sizing: 'itemised', items: o.space_costs_usd } : { sizing: sizingOf(o) };
}

function economicsCase(o: EconomicsFields, ctx: z.core.$RefinementCtx): EconomicsCase {
  return {
    ...o,
    launch_case: launchPricingCase(o, ctx),
    orbital_case: orbitalCase(o),
    hardware_case:
      o.satellite_usd_per_kg !== undefined
        ? { per: 'kg', usd_per_kg: o.satellite_usd_per_kg }
        : { per: 'w', usd_per_w: o.satellite_usd_per_w },
    ground_case:
      o.terrestrial_costs_usd !== undefined ? { kind: 'itemised', items: o.terrestrial_costs_usd } : { kind: 'modelled' },
  };
}

export const EconomicsInput = EconomicsObject.superRefine((o, ctx) => {
  checkLaunchForms(o, ctx);
  checkItemisedFields(o, ctx);
  checkSizingFields(o, ctx);
  checkTerrestrialFields(o, ctx);
  checkUtilisation(o, ctx);
}).transform(economicsCase);
