/**
 * The launch-vehicle catalogue (fixtures/vehicles.json) and what is read off a vehicle alone: a
 * reference to one as a request gives it (a catalogue id, a catalogue entry with figures
 * overridden, or a custom vehicle), its figures resolved against the catalogue for a target
 * orbit, the bill for lifting a mass on it, and a build's cadence against its flight rate.
 * launch.ts prices a campaign on these; economics.ts prices its launches with them.
 */

import { z } from 'zod';
import { CHOICES, DEFAULT_VEHICLE_ID, VEHICLES, type Vehicle } from '../fixtures/index.js';
import { inputError } from './errors.js';
import { wholeCount } from './numerics.js';
import type { OrbitSpec } from './orbit.js';
import type { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';

const VEHICLE_IDS = VEHICLES.map((v) => v.id) as [string, ...string[]];
export const TargetOrbit = z.enum(['leo', 'sso']);
export type TargetOrbit = z.infer<typeof TargetOrbit>;

/** The orbit a vehicle's payload figure refers to, as a request gives it (launch, economics). */
export const TargetOrbitField = TargetOrbit.optional().describe(
  `Orbit the payload figure refers to (default "${CHOICES['launch.target_orbit'].value}")`,
);

/** The share of a launch's payload the hardware can use, as a request gives it (launch, economics). */
export const UsablePayloadField = fraction('a usable payload share', { gt: 0, max: 1 })
  .optional()
  .describe("Share of the vehicle's payload the hardware can use");

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
        if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: customVehicleMissing(key) });
  });

export const VehicleRefSchema = z
  .union([z.enum(VEHICLE_IDS), CustomVehicle], {
    error: `expected a catalogue id (${VEHICLE_IDS.join(', ')}) or { payload_kg, price_usd } (optionally with id to override a catalogue entry)`,
  })
  .describe(
    `A catalogue vehicle (${VEHICLE_IDS.join(', ')}; GET the catalogue in fixtures/vehicles.json) or a custom { payload_kg, price_usd, flights_per_year? }; { id, ... } overrides a catalogue entry's figures.`,
  );
export type VehicleRef = z.output<typeof VehicleRefSchema>;

/** Figures a request may give a vehicle: over a catalogue entry's, or all of a custom vehicle's. */
export interface VehicleOverrides {
  name?: string;
  payload_kg?: number;
  price_usd?: number;
  flights_per_year?: number;
}

/**
 * A vehicle reference as a case: none (the catalogue's default vehicle), a catalogue entry with
 * perhaps some of its figures overridden, or a custom vehicle with its own payload and price.
 */
export type VehicleCase =
  | { kind: 'default' }
  | { kind: 'catalogue'; id: string; overrides: VehicleOverrides }
  | ({ kind: 'custom'; payload_kg: number; price_usd: number } & Omit<VehicleOverrides, 'payload_kg' | 'price_usd'>);

/** Why a vehicle without a catalogue id is refused without `key`. */
function customVehicleMissing(key: 'payload_kg' | 'price_usd'): string {
  return `expected ${key} for a vehicle that is not in the catalogue (or an id among ${VEHICLE_IDS.join(', ')})`;
}

/**
 * The case of a parsed vehicle reference, for a request's transform to its case (`path` locates
 * it in the request). CustomVehicle has refused a custom vehicle without its payload and price.
 */
export function vehicleCase(
  ref: VehicleRef | undefined,
  ctx: z.core.$RefinementCtx,
  path: (string | number)[] = ['vehicle'],
): VehicleCase {
  if (ref === undefined) return { kind: 'default' };
  if (typeof ref === 'string') return { kind: 'catalogue', id: ref, overrides: {} };
  const { id, payload_kg, price_usd, ...rest } = ref;
  if (id !== undefined) return { kind: 'catalogue', id, overrides: { ...rest, payload_kg, price_usd } };
  if (payload_kg !== undefined && price_usd !== undefined) return { kind: 'custom', payload_kg, price_usd, ...rest };
  const key = payload_kg === undefined ? 'payload_kg' : 'price_usd';
  ctx.addIssue({ code: 'custom', path: [...path, key], message: customVehicleMissing(key) });
  return z.NEVER;
}

/** What is known of a vehicle whatever its pricing. */
interface VehicleFigures {
  id: string | null;
  name: string;
  status: 'flown' | 'projected' | 'custom';
  orbit: TargetOrbit;
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

/** A vehicle sold by the launch: a published payload per launch to the target orbit, and its price when one is known. */
export interface PerLaunchVehicle extends VehicleFigures {
  pricing: 'per_launch';
  /** Payload per launch to the target orbit, kg. */
  payload_kg: number;
  /** Price per launch at as_of (null: none published, and none given). */
  price_usd: number | null;
  /** price_usd / payload_kg (null without a price). */
  price_usd_per_kg: number | null;
}

/** An offer sold by the kg (rideshare): the mass one customer may book per flight may be unpublished. */
export interface PerKgVehicle extends VehicleFigures {
  pricing: 'per_kg';
  /** Mass one customer may book per flight, kg (null: not published). */
  payload_kg: number | null;
  price_usd: null;
  price_usd_per_kg: number;
}

export type ResolvedVehicle = PerLaunchVehicle | PerKgVehicle;
/** A vehicle with a price per kg: what prices a launch without a price of the caller's. */
export type PricedVehicle = ResolvedVehicle & { price_usd_per_kg: number };

/** The catalogue entry with this id (the schema and the fixtures check every id they let through). */
function catalogued(id: string): Vehicle {
  const entry = VEHICLES.find((v) => v.id === id);
  if (entry === undefined) throw new Error(`no vehicle "${id}" in the catalogue`);
  return entry;
}

/** The catalogue entry a case refers to (none for a custom vehicle); the default vehicle is an assumption, said. */
function caseEntry(c: VehicleCase, p: Provenance): Vehicle | undefined {
  if (c.kind === 'custom') return undefined;
  const entry = catalogued(c.kind === 'default' ? DEFAULT_VEHICLE_ID : c.id);
  if (c.kind === 'default') p.assume('vehicle', entry.id, 'catalogue id', entry.source);
  return entry;
}

/** The figures of any vehicle: the caller's over the catalogue entry's. */
function vehicleFigures(entry: Vehicle | undefined, o: VehicleOverrides, orbit: TargetOrbit): VehicleFigures {
  return {
    id: entry?.id ?? null,
    name: o.name ?? entry?.name ?? 'custom vehicle',
    status: entry === undefined ? 'custom' : entry.status,
    orbit,
    min_price_usd: entry?.min_price_usd ?? 0,
    flights_per_year: o.flights_per_year ?? entry?.flights_per_year ?? null,
    as_of: o.price_usd !== undefined ? null : (entry?.as_of ?? null),
    source: entry?.source ?? null,
    catalogue_payload: entry !== undefined && o.payload_kg === undefined,
    catalogue_price: entry !== undefined && o.price_usd === undefined,
    pairing_note:
      entry?.pairing_note !== undefined && o.payload_kg === undefined && o.price_usd === undefined ? entry.pairing_note : null,
  };
}

/** Resolve a vehicle case against the catalogue for a target orbit; `path` locates it in the request for errors. */
export function resolveVehicle(
  c: VehicleCase,
  orbit: TargetOrbit,
  p: Provenance,
  path: (string | number)[] = ['vehicle'],
): ResolvedVehicle {
  const entry = caseEntry(c, p);
  const o: VehicleOverrides = c.kind === 'catalogue' ? c.overrides : c.kind === 'custom' ? c : {};
  const figures = vehicleFigures(entry, o, orbit);
  const payload_kg = o.payload_kg ?? (entry ? entry.payload_kg[orbit] : null);
  if (entry?.pricing === 'per_kg') {
    if (entry.price_usd_per_kg === null) throw new Error(`vehicle "${entry.id}" is priced per kg without a price`);
    return { ...figures, pricing: 'per_kg', payload_kg, price_usd: null, price_usd_per_kg: entry.price_usd_per_kg };
  }
  if (payload_kg === null)
    throw inputError(
      path,
      `${entry?.name ?? 'this vehicle'} has no published payload to ${orbit.toUpperCase()}: give vehicle: { id: "${figures.id}", payload_kg }`,
    );
  const price_usd = o.price_usd ?? entry?.price_usd ?? null;
  return {
    ...figures,
    pricing: 'per_launch',
    payload_kg,
    price_usd,
    price_usd_per_kg: price_usd === null ? null : price_usd / payload_kg,
  };
}

/** The vehicle with its price per kg, when the launch is priced on it: a 400 at `path` when none is published or given. */
export function pricedVehicle(v: ResolvedVehicle, path: (string | number)[] = ['vehicle']): PricedVehicle {
  if (v.price_usd_per_kg !== null) return { ...v, price_usd_per_kg: v.price_usd_per_kg };
  const entry = v.id === null ? undefined : catalogued(v.id);
  throw inputError(
    path,
    `${entry?.name ?? 'this vehicle'} has no published price (${entry?.note ?? ''}): give vehicle: { id: "${v.id}", price_usd } or price_usd_per_kg`,
  );
}

/** The world's orbital launches a year, the yardstick of a build's cadence (launch, economics): a request field. */
export const WorldLaunchesField = z
  .number()
  .gt(0)
  .max(1_000_000)
  .optional()
  .describe("Orbital launches the world makes a year, the yardstick of the build's cadence");

/**
 * What a build campaign asks of the launch industry: its launches a year against the vehicle's
 * flight rate and the world's orbital launch rate, warned about when it outruns the vehicle.
 */
export function cadenceAgainstFlightRates(
  launches: number,
  build_years: number,
  v: ResolvedVehicle,
  p: Provenance,
  givenWorld?: number,
) {
  const perYear = launches / build_years;
  const world = p.orDefault('launch.world_orbital_launches_per_year', givenWorld, 'world_orbital_launches_per_year');
  const rate = v.flights_per_year;
  const vehicleShare = rate && rate > 0 ? perYear / rate : null;
  if (rate && vehicleShare !== null && vehicleShare > 1)
    p.warn(
      `${launches} launches in ${build_years} years is ${perYear.toFixed(1)} a year: ${vehicleShare.toFixed(1)} times ${v.name}'s flight rate of ${rate} a year and ${(perYear / world).toFixed(2)} times the world's ${world} orbital launches a year; at those rates the build takes ${(launches / rate).toFixed(1)} years of every ${v.name} flight, or ${(launches / world).toFixed(1)} years of every launch on Earth`,
    );
  return {
    launches_per_year: perYear,
    vehicle_share: vehicleShare,
    world_share: perYear / world,
    world_launches_per_year: world,
  };
}

/** Usable capacity of one launch of `v`, kg: its payload × the usable fraction (null: no payload published). */
export function usableCapacity(v: ResolvedVehicle, usableFraction: number): number | null {
  return v.payload_kg === null ? null : v.payload_kg * usableFraction;
}

/** What lifting a mass costs: whole launches of a published payload, or the mass by the kg. */
export type LaunchBill = {
  launches: number;
  /** Mass paid for: whole launches × published payload (per-launch pricing) or the mass itself (per kg). */
  billed_mass_kg: number;
  cost_usd: number;
  price_usd_per_kg: number;
} & ({ pricing: 'per_launch' /** Payload of each launch paid for, kg. */; payload_kg: number } | { pricing: 'per_kg' });

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
  const capacity = usableCapacity(v, usableFraction);
  const launches = mass_kg <= 0 ? 0 : capacity === null ? 1 : wholeCount(mass_kg / capacity);
  if (!perKg && v.pricing === 'per_launch') {
    const billed = launches * v.payload_kg;
    return {
      launches,
      billed_mass_kg: billed,
      cost_usd: billed * price_usd_per_kg,
      pricing: 'per_launch',
      payload_kg: v.payload_kg,
      price_usd_per_kg,
    };
  }
  const cost = mass_kg <= 0 ? 0 : Math.max(v.min_price_usd, mass_kg * price_usd_per_kg);
  return { launches, billed_mass_kg: mass_kg, cost_usd: cost, pricing: 'per_kg', price_usd_per_kg };
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
