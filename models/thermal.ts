/**
 * Thermal: the radiators that reject a data center's heat. In vacuum every watt leaves by
 * radiation, so "space is cold" becomes a radiator area and mass, set by the radiator's
 * temperature, its surface, and what it sees: the sun, sunlight reflected by the Earth (albedo) and
 * the Earth's own infrared.
 *
 * Grey diffuse surfaces; per m² of radiator planform (all radiating faces counted)
 * q = n·ε·σ·T⁴ − (α·S·f☉ + α·S·a·F·c + α_IR·q_IR·F), with F the view factor of the radiating faces
 * to a spherical Earth (Howell's catalogue: differential planar element to sphere). Also the
 * inverse (equilibrium temperature of a given area), a radiator whose coolant cools along it, the
 * chip-to-radiator temperature chain, a heat pump, and the terrestrial comparison at a stated PUE.
 * A load's heat is the power model's energy balance: the orbit average of what its solar array
 * delivers, all of it heat.
 */
import { z } from 'zod';
import { FINISHES, type Finish } from '../fixtures/index.js';
import { CODATA_2018_SIGMA_W_M2_K4, DEG, HOURS_PER_COMMON_YEAR, WGS84_A_KM } from './constants.js';
import { coefficient } from './cost.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { whole } from './format.js';
import { eclipseFraction, type OrbitSpec, OrbitSpecSchema, refuseInsideAtmosphere, resolveCost, resolveOrbit } from './orbit.js';
import { orbitAverageHeatKw, orbitEclipse, sizingEclipseCost } from './power.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';

const W_PER_MW = 1e6;

// ---------------------------------------------------------------------------------------------
// View factor of a flat plate to a spherical Earth
// ---------------------------------------------------------------------------------------------

/** Distance from the Earth's centre in Earth radii, H = (Re + h) / Re (WGS84 equatorial radius). */
export function earthDistanceRatio(altitude_km: number): number {
  return (WGS84_A_KM + altitude_km) / WGS84_A_KM;
}

/** Nadir-facing plate: the whole Earth is above its plane, F = (Re / (Re + h))² = 1/H². */
export function nadirViewFactor(altitude_km: number): number {
  return 1 / earthDistanceRatio(altitude_km) ** 2;
}

/** Edge-on plate (normal horizontal): F = (1/π)[atan(1/√(H²−1)) − √(H²−1)/H²]. */
export function edgeOnViewFactor(altitude_km: number): number {
  const H = earthDistanceRatio(altitude_km);
  const s = Math.sqrt(H * H - 1);
  return (Math.atan(1 / s) - s / (H * H)) / Math.PI;
}

/**
 * View factor from one face of a plate to a spherical Earth, the face's normal at `tilt_deg` from
 * nadir (0 = facing the Earth, 90 = edge-on, 180 = facing zenith). Howell's catalogue, differential
 * planar element to sphere, with λ the tilt and H = (Re + h)/Re:
 * - λ ≤ acos(1/H) (the whole visible cap above the plane): F = cos λ / H²;
 * - λ ≥ π − acos(1/H) (the Earth entirely behind the plane): F = 0;
 * - otherwise (the plane cuts the Earth's disc): F = ½ − (1/π) asin(√(H²−1)/(H sin λ))
 *   + (1/(π H²)) [cos λ · acos(−√(H²−1) cot λ) − √(H²−1) √(1 − H² cos² λ)].
 */
export function plateEarthViewFactor(altitude_km: number, tilt_deg: number): number {
  const H = earthDistanceRatio(altitude_km);
  const lambda = tilt_deg * DEG;
  const limb = Math.acos(1 / H);
  if (lambda <= limb) return Math.cos(lambda) / (H * H);
  if (lambda >= Math.PI - limb) return 0;
  const s = Math.sqrt(H * H - 1);
  const c = Math.cos(lambda);
  const sn = Math.sin(lambda);
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));
  const f =
    0.5 -
    Math.asin(clamp(s / (H * sn))) / Math.PI +
    (c * Math.acos(clamp((-s * c) / sn)) - s * Math.sqrt(Math.max(0, 1 - H * H * c * c))) / (Math.PI * H * H);
  return Math.max(0, f);
}

// ---------------------------------------------------------------------------------------------
// Radiator closed forms
// ---------------------------------------------------------------------------------------------

/** Sink temperature: where emission equals absorption, T_sink = (a / k)^¼, k = n·ε·σ. */
export function sinkTempK(absorbed_w_per_m2: number, k_w_per_m2_k4: number): number {
  return (absorbed_w_per_m2 / k_w_per_m2_k4) ** 0.25;
}

/**
 * ∫ dT / (k T⁴ − a) from T_out to T_in, (m² K)/W: the area per watt per kelvin of coolant drop of a
 * radiator whose coolant cools from T_in to T_out (A = Q/ΔT · ∫). With b = (a/k)^¼ the sink
 * temperature, 1/(T⁴ − b⁴) integrates to ln((T − b)/(T + b))/(4b³) − atan(T/b)/(2b³); for b ≪ T the
 * series Σ b⁴ⁿ T^−(4n+3) / (−(4n+3)) avoids the cancellation of those large terms.
 */
export function inverseNetIntegral(k: number, a: number, tOut_k: number, tIn_k: number): number {
  const b = sinkTempK(a, k);
  const F =
    b > 0.05 * tOut_k
      ? (T: number) => Math.log((T - b) / (T + b)) / (4 * b ** 3) - Math.atan(T / b) / (2 * b ** 3)
      : (T: number) => {
          let sum = 0;
          for (let n = 0; n < 8; n++) sum -= b ** (4 * n) / ((4 * n + 3) * T ** (4 * n + 3));
          return sum;
        };
  return (F(tIn_k) - F(tOut_k)) / k;
}

/** Radiator area per watt rejected, m²/W: 1/(kT⁴ − a) isothermal, or (1/ΔT)∫dT/(kT⁴ − a) with a coolant drop ΔT. */
export function areaPerWatt(k: number, a: number, tIn_k: number, coolantDeltaT_k: number): number {
  if (coolantDeltaT_k <= 0) return 1 / (k * tIn_k ** 4 - a);
  return inverseNetIntegral(k, a, tIn_k - coolantDeltaT_k, tIn_k) / coolantDeltaT_k;
}

/**
 * Equilibrium inlet temperature of a radiator of `area_m2` rejecting `heat_w`: closed form
 * T = ((Q/A + a)/k)^¼ when isothermal, else the root of A(T_in) = A by bisection (A falls with T_in).
 */
export function equilibriumTempK(k: number, a: number, heat_w: number, area_m2: number, coolantDeltaT_k: number): number {
  const isothermal = ((heat_w / area_m2 + a) / k) ** 0.25;
  if (coolantDeltaT_k <= 0) return isothermal;
  const sink = sinkTempK(a, k);
  const areaAt = (tIn: number) => heat_w * areaPerWatt(k, a, tIn, coolantDeltaT_k);
  let lo = sink + coolantDeltaT_k; // outlet at the sink: infinite area
  let hi = Math.max(isothermal + coolantDeltaT_k, lo + 1);
  while (areaAt(hi) > area_m2) hi = lo + 2 * (hi - lo);
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (areaAt(mid) > area_m2) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Heat-pump cooling COP as a share of Carnot: COP = f · T_source / (T_radiator − T_source). */
export function heatPumpCop(carnotFraction: number, source_k: number, radiator_k: number): number {
  return (carnotFraction * source_k) / (radiator_k - source_k);
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const FINISH_IDS = Object.keys(FINISHES) as [string, ...string[]];
/** The inputs about the sun and the Earth, which environment "none" ignores. */
const ENVIRONMENT_FIELDS = [
  'orientation',
  'tilt_deg',
  'altitude_km',
  'orbit',
  'earth_view_factor',
  'solar_incidence_fraction',
  'albedo',
  'albedo_illumination_fraction',
  'earth_ir_w_per_m2',
  'earth_temp_k',
  'solar_constant_w_per_m2',
  'absorptivity',
  'ir_absorptance',
] as const;
const ORIENTATIONS = ['edge_on', 'nadir', 'zenith', 'sun_facing', 'tilted'] as const;
type Orientation = (typeof ORIENTATIONS)[number];

const ThermalFields = z
  .object({
    heat_kw: quantity('kW', {
      gt: 0,
      max: 1e9,
      example: '40 MW',
      description: 'Heat to reject (IT load plus conversion losses). Omit it for the per-m² and per-MW figures only',
    }).optional(),
    load_kw: quantity('kW', {
      gt: 0,
      max: 1e9,
      example: '1 MW',
      description:
        "Continuous load instead of heat_kw, powered by a solar array as the power estimator sizes it: every watt the array delivers ends as heat, so the heat is its orbit average, load·(f/X_e + (1 − f)/X_d), with f the orbit's sizing eclipse (the eclipse at beta 0 at the altitude without an orbit); or load_kw / conversion_efficiency when that is given",
    }).optional(),
    conversion_efficiency: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        'Instead of the energy balance, for sources that quote one: share of the bus power that reaches the load (with load_kw); heat = load_kw / it',
      ),
    daylight_path_efficiency: fraction('a daylight path efficiency', { gt: 0, max: 1 })
      .optional()
      .describe(
        "X_d of the energy balance with load_kw: array to load in daylight (default the power estimator's, peak-power tracking)",
      ),
    eclipse_path_efficiency: fraction('an eclipse path efficiency', { gt: 0, max: 1 })
      .optional()
      .describe(
        "X_e of the energy balance with load_kw: array through the battery to load (default the power estimator's, peak-power tracking)",
      ),
    epoch: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        "With orbit and load_kw: start of the year over which the power estimator finds the orbit's worst eclipse, ISO-8601 UTC; default the element set epoch, or now",
      ),
    radiator_temp_k: quantity('K', {
      gt: 0,
      max: 3000,
      description:
        "Radiator temperature (its coolant's inlet temperature when coolant_delta_t_k is given; the heat pump's hot side with heat_pump)",
    }).optional(),
    area_m2: quantity('m2', {
      gt: 0,
      max: 1e12,
      description:
        'Radiator planform area. With heat_kw (or load_kw): the equilibrium temperature is solved; with radiator_temp_k: the heat it rejects',
    }).optional(),
    finish: z
      .enum(FINISH_IDS)
      .optional()
      .describe(
        'A surface finish from the catalogue (absorptivity and emissivity with their source); explicit values override it',
      ),
    // 0.01 is below any real surface: polished gold and silver are about 0.02.
    emissivity: fraction('an emissivity', { min: 0.01, max: 1 })
      .optional()
      .describe('Infrared hemispherical emittance ε of the radiating faces (0.01–1)'),
    absorptivity: fraction('an absorptivity').optional().describe('Solar absorptance α of the radiating faces'),
    ir_absorptance: fraction('an infrared absorptance')
      .optional()
      .describe(
        "Absorptance for the Earth's infrared; default the emissivity (Kirchhoff, grey surface). Set it to reproduce sources that use another convention",
      ),
    sides: z
      .union([z.literal(1), z.literal(2)], { error: 'expected 1 (one radiating face, back insulated) or 2 (both faces radiate)' })
      .optional()
      .describe('Radiating faces: 2 for a deployed panel, 1 for a body-mounted radiator with an insulated back'),
    orientation: z
      .enum(ORIENTATIONS)
      .optional()
      .describe(
        'edge_on: normal horizontal, sun in the plane (the usual data-center attitude); nadir: the (front) face looks at the Earth; zenith: it looks away; sun_facing: normal to the sun; tilted: give tilt_deg and solar_incidence_fraction',
      ),
    tilt_deg: quantity('deg', {
      min: 0,
      max: 180,
      description:
        "Angle between the front face's normal and nadir (0 facing the Earth, 90 edge-on, 180 facing zenith); for tilted, and for sun_facing (the sun–nadir angle)",
    }).optional(),
    altitude_km: quantity('km', { gt: 0, lt: 1_000_000, description: 'Altitude for the Earth view factor' }).optional(),
    orbit: OrbitSpecSchema.optional(),
    earth_view_factor: z
      .number()
      .min(0)
      .max(2)
      .optional()
      .describe(
        'Override: view factor to the Earth summed over the radiating faces (per m² of planform), as in sources that state one',
      ),
    solar_incidence_fraction: fraction('a solar incidence fraction')
      .optional()
      .describe(
        'Cosine of the sun’s incidence on the sunlit radiating face (0 edge-on to the sun, 1 normal); default by orientation, hot case',
      ),
    albedo: fraction('an albedo').optional().describe("Earth's albedo (share of sunlight reflected)"),
    albedo_illumination_fraction: fraction('an albedo illumination fraction')
      .optional()
      .describe(
        "Cosine of the sun's zenith angle at the sub-satellite point: 1 at the sub-solar point (hot case), near 0 along the terminator",
      ),
    earth_ir_w_per_m2: quantity('W/m2', {
      min: 0,
      max: 1000,
      example: '237 W/m^2',
      description: "Earth's outgoing infrared at the top of the atmosphere",
    }).optional(),
    earth_temp_k: quantity('K', {
      min: 0,
      max: 400,
      example: '-20 degC',
      description: "Earth's effective radiating temperature instead of earth_ir_w_per_m2: q_IR = σ T⁴",
    }).optional(),
    solar_constant_w_per_m2: quantity('W/m2', {
      min: 0,
      max: 100_000,
      example: '1361 W/m^2',
      description: 'Solar irradiance at the spacecraft',
    }).optional(),
    sigma_w_per_m2_k4: z
      .number()
      .min(5.6e-8)
      .max(5.7e-8)
      .optional()
      .describe(
        'Stefan–Boltzmann constant override, W m⁻² K⁻⁴ (default CODATA 2018 5.670374419e-8): only to reproduce sources that round it',
      ),
    areal_density_kg_per_m2: quantity('kg/m2', {
      gt: 0,
      max: 1000,
      example: '5 kg/m^2',
      description: 'Radiator mass per m² of planform',
    }).optional(),
    environment: z
      .enum(['orbit', 'none'])
      .optional()
      .describe('"none": the ideal radiator, no sun, no Earth, a 0 K sink (default "orbit")'),
    coolant_delta_t_k: quantity('K', {
      min: 0,
      max: 200,
      difference: true,
      example: '20 K',
      description:
        'Temperature drop of the coolant along the radiator (a difference: give K); the radiator then spans radiator_temp_k down to radiator_temp_k − this. Default 0, isothermal',
    }).optional(),
    chip: z
      .object({
        die_limit_k: quantity('K', {
          gt: 0,
          max: 700,
          example: '85 degC',
          description: 'Highest allowed die (junction) temperature',
        }),
        die_to_coolant_k: quantity('K', {
          min: 0,
          max: 200,
          difference: true,
          example: '25 K',
          description: 'Temperature drop from the die to the hottest coolant (cold plate and interfaces; a difference: give K)',
        }),
      })
      .strict()
      .optional()
      .describe(
        'Derive the radiator inlet temperature from the chips: die limit − die-to-coolant drop (or the heat pump source temperature)',
      ),
    heat_pump: z
      .object({
        source_temp_k: quantity('K', {
          gt: 0,
          max: 3000,
          example: '30 degC',
          description: 'Temperature the heat is taken from (the coolant leaving the chips); default from chip',
        }).optional(),
        carnot_fraction: fraction('a share of the Carnot COP', { gt: 0, max: 1 })
          .optional()
          .describe('COP as a share of the Carnot COP'),
      })
      .strict()
      .optional()
      .describe(
        'Lift the heat to radiator_temp_k with an electrically driven heat pump: the radiator rejects heat + work, and the work is extra power',
      ),
    pue: z
      .number()
      .min(1)
      .max(5)
      .optional()
      .describe('Power usage effectiveness of the terrestrial data center compared with (facility energy / IT energy)'),
  })
  .strict();
type ThermalFields = z.output<typeof ThermalFields>;
type Refinement = z.RefinementCtx<ThermalFields>;
type FixedOrientation = Exclude<Orientation, 'tilted'>;

/** Where the radiator is: an orbit (its mean altitude, and its sizing eclipse for a load's heat), an altitude, or neither. */
export type Place =
  | { from: 'orbit'; orbit: OrbitSpec; epoch: string | undefined }
  | { from: 'altitude_km'; altitude_km: number }
  | { from: 'default' };

/** The heat to reject, by its basis: given, a load over a conversion efficiency, or a load's solar-array energy balance. */
export type HeatSource =
  | { basis: 'heat_kw'; heat_kw: number }
  | { basis: 'conversion_efficiency'; load_kw: number; conversion_efficiency: number }
  | {
      basis: 'energy_balance';
      load_kw: number;
      daylight_path_efficiency: number | undefined;
      eclipse_path_efficiency: number | undefined;
    };

/** The radiator (coolant inlet) temperature: given, or the hottest coolant of the chip chain; `pointer` is the field a refusal names. */
export interface RadiatorTemperature {
  radiator_temp_k: number;
  pointer: '/radiator_temp_k' | '/chip';
}

/** A heat pump lifting the heat from `source_temp_k` (given, or the chips' coolant) to the radiator. */
export interface HeatPumpCase {
  source_temp_k: number;
  carnot_fraction: number | undefined;
}

/** Two of heat, temperature and area given, the third solved (or the temperature alone: per m² and per MW). */
export type Sizing =
  | { mode: 'area'; heat: HeatSource; temperature: RadiatorTemperature; heat_pump: HeatPumpCase | null }
  | { mode: 'temperature'; heat: HeatSource; area_m2: number }
  | { mode: 'capacity'; area_m2: number; temperature: RadiatorTemperature }
  | { mode: 'flux'; temperature: RadiatorTemperature; heat_pump: HeatPumpCase | null };

/**
 * The radiator's attitude: tilted (its tilt and sun given), a fixed orientation or the catalogue's
 * (`default`), or none when the view factor and the sun are both given (the attitude only describes them).
 */
export type Attitude =
  | { orientation: 'tilted'; tilt_deg: number; solar_incidence_fraction: number; earth_view_factor: number | undefined }
  | {
      orientation: FixedOrientation | 'default';
      tilt_deg: number | undefined;
      solar_incidence_fraction: number | undefined;
      earth_view_factor: number | undefined;
    }
  | { orientation: null; solar_incidence_fraction: number; earth_view_factor: number };

/** The Earth's infrared: given as a flux (default the catalogue's), or as an effective temperature, q_IR = σT⁴. */
export type EarthIr =
  | { from: 'earth_ir_w_per_m2'; earth_ir_w_per_m2: number | undefined }
  | { from: 'earth_temp_k'; earth_temp_k: number };

/** What the radiator sees: nothing (the ideal radiator, with the given fields it ignores), or the sun and the Earth. */
export type EnvironmentCase =
  | { environment: 'none'; ignored: string[] }
  | {
      environment: 'orbit';
      attitude: Attitude;
      albedo: number | undefined;
      albedo_illumination_fraction: number | undefined;
      earth_ir: EarthIr;
      solar_constant_w_per_m2: number | undefined;
    };

/** The chip-to-radiator chain: the die limit and the drop from the die to the hottest coolant. */
export interface ChipChain {
  die_limit_k: number;
  die_to_coolant_k: number;
}

/** A thermal request as the model takes it: each input with modes resolved to the one mode given. */
export interface ThermalCase {
  sizing: Sizing;
  place: Place;
  environment: EnvironmentCase;
  chip: ChipChain | null;
  finish: string | undefined;
  emissivity: number | undefined;
  absorptivity: number | undefined;
  ir_absorptance: number | undefined;
  sides: 1 | 2 | undefined;
  sigma_w_per_m2_k4: number | undefined;
  coolant_delta_t_k: number | undefined;
  areal_density_kg_per_m2: number | undefined;
  pue: number | undefined;
}

/** The hottest coolant temperature the chips allow: die limit − die-to-coolant drop. */
export function chipCoolantTempK(chip: ChipChain): number {
  return chip.die_limit_k - chip.die_to_coolant_k;
}

/** Add a refusal of the request at `path` (a custom issue, as a 400 names it); undefined, for the step that refused. */
function refuse(ctx: Refinement, path: (string | number)[], message: string): undefined {
  ctx.addIssue({ code: 'custom', path, message });
  return undefined;
}

/** Heat comes from heat_kw or from load_kw, whose options (a conversion efficiency, or the balance's path efficiencies) need it. */
function checkHeatInputs(o: ThermalFields, ctx: Refinement): void {
  if (o.heat_kw !== undefined && o.load_kw !== undefined)
    refuse(
      ctx,
      ['load_kw'],
      'expected either heat_kw or load_kw (whose heat is the energy balance of its solar array), not both',
    );
  if (o.conversion_efficiency !== undefined && o.load_kw === undefined)
    refuse(ctx, ['conversion_efficiency'], 'expected conversion_efficiency only with load_kw');
  for (const key of ['daylight_path_efficiency', 'eclipse_path_efficiency'] as const)
    if (o[key] !== undefined && (o.load_kw === undefined || o.conversion_efficiency !== undefined))
      refuse(
        ctx,
        [key],
        `expected ${key} only with load_kw and without conversion_efficiency (it enters the energy balance that conversion_efficiency replaces)`,
      );
}

/** One place (an orbit or an altitude), one Earth infrared, and no more view of the Earth than the faces have. */
function checkPlaceAndEarth(o: ThermalFields, ctx: Refinement): void {
  if (o.epoch !== undefined && o.orbit === undefined) refuse(ctx, ['epoch'], 'expected epoch only with orbit');
  if (o.altitude_km !== undefined && o.orbit !== undefined)
    refuse(ctx, ['orbit'], 'expected either altitude_km or orbit, not both');
  if (o.earth_ir_w_per_m2 !== undefined && o.earth_temp_k !== undefined)
    refuse(ctx, ['earth_temp_k'], 'expected either earth_ir_w_per_m2 or earth_temp_k, not both');
  if (o.earth_view_factor !== undefined && o.earth_view_factor > (o.sides ?? 2))
    refuse(ctx, ['earth_view_factor'], `expected at most ${o.sides ?? 2} (1 per radiating face), got ${o.earth_view_factor}`);
}

/** The attitude: tilted needs its tilt and its sun; a tilt belongs to tilted and sun_facing only. */
function attitude(o: ThermalFields, ctx: Refinement): Attitude | undefined {
  const { orientation, tilt_deg, solar_incidence_fraction, earth_view_factor } = o;
  if (orientation === 'tilted') {
    if (tilt_deg === undefined) refuse(ctx, ['tilt_deg'], 'expected tilt_deg with orientation "tilted"');
    if (solar_incidence_fraction === undefined)
      refuse(ctx, ['solar_incidence_fraction'], 'expected solar_incidence_fraction with orientation "tilted"');
    if (tilt_deg === undefined || solar_incidence_fraction === undefined) return undefined;
    return { orientation, tilt_deg, solar_incidence_fraction, earth_view_factor };
  }
  if (tilt_deg !== undefined && orientation !== 'sun_facing')
    return refuse(
      ctx,
      ['tilt_deg'],
      `expected tilt_deg only with orientation "tilted" or "sun_facing"; ${orientation ?? 'edge_on'} fixes it`,
    );
  if (orientation === undefined && earth_view_factor !== undefined && solar_incidence_fraction !== undefined)
    return { orientation: null, solar_incidence_fraction, earth_view_factor };
  return { orientation: orientation ?? 'default', tilt_deg, solar_incidence_fraction, earth_view_factor };
}

/** The fields environment "none" ignores (orbit and altitude_km still place a load's energy balance). */
function ignoredByNone(o: ThermalFields): string[] {
  const forHeat = o.load_kw !== undefined && o.conversion_efficiency === undefined;
  return ENVIRONMENT_FIELDS.filter((f) => o[f] !== undefined && !(forHeat && (f === 'orbit' || f === 'altitude_km')));
}

/** What the radiator sees, with its attitude (undefined when the attitude is refused). */
function environmentCase(o: ThermalFields, ctx: Refinement): EnvironmentCase | undefined {
  const a = attitude(o, ctx);
  if (o.environment === 'none') return { environment: 'none', ignored: ignoredByNone(o) };
  if (a === undefined) return undefined;
  return {
    environment: 'orbit',
    attitude: a,
    albedo: o.albedo,
    albedo_illumination_fraction: o.albedo_illumination_fraction,
    earth_ir:
      o.earth_temp_k !== undefined
        ? { from: 'earth_temp_k', earth_temp_k: o.earth_temp_k }
        : { from: 'earth_ir_w_per_m2', earth_ir_w_per_m2: o.earth_ir_w_per_m2 },
    solar_constant_w_per_m2: o.solar_constant_w_per_m2,
  };
}

/** The chip chain: a die-to-coolant drop below the die limit. */
function checkChip(o: ThermalFields, ctx: Refinement): void {
  if (o.chip && o.chip.die_to_coolant_k >= o.chip.die_limit_k)
    refuse(ctx, ['chip', 'die_to_coolant_k'], 'expected a die-to-coolant drop smaller than the die limit');
}

/**
 * The heat pump: its hot side is radiator_temp_k, its source given or the chips' coolant, and it
 * sizes an area (no area_m2). Without one, radiator_temp_k and chip are two ways to one temperature.
 */
function heatPumpCase(o: ThermalFields, ctx: Refinement): HeatPumpCase | null | undefined {
  const hp = o.heat_pump;
  if (!hp) {
    if (o.chip && o.radiator_temp_k !== undefined)
      refuse(ctx, ['radiator_temp_k'], 'expected either radiator_temp_k or chip (which derives it), not both');
    return null;
  }
  const before = ctx.issues.length;
  if (o.radiator_temp_k === undefined)
    refuse(ctx, ['radiator_temp_k'], "expected radiator_temp_k with heat_pump: the pump's hot side");
  if (hp.source_temp_k === undefined && !o.chip)
    refuse(ctx, ['heat_pump', 'source_temp_k'], 'expected heat_pump.source_temp_k, or chip to derive it');
  if (hp.source_temp_k !== undefined && o.chip)
    refuse(ctx, ['heat_pump', 'source_temp_k'], 'expected either heat_pump.source_temp_k or chip, not both');
  if (o.area_m2 !== undefined) refuse(ctx, ['area_m2'], 'expected no area_m2 with heat_pump: give heat and radiator_temp_k');
  const source_temp_k = hp.source_temp_k ?? (o.chip ? chipCoolantTempK(o.chip) : undefined);
  if (ctx.issues.length > before || source_temp_k === undefined) return undefined;
  return { source_temp_k, carnot_fraction: hp.carnot_fraction };
}

/** The heat given, by its basis; null without heat_kw or load_kw. */
function heatSource(o: ThermalFields): HeatSource | null {
  if (o.heat_kw !== undefined) return { basis: 'heat_kw', heat_kw: o.heat_kw };
  if (o.load_kw === undefined) return null;
  if (o.conversion_efficiency !== undefined)
    return { basis: 'conversion_efficiency', load_kw: o.load_kw, conversion_efficiency: o.conversion_efficiency };
  return {
    basis: 'energy_balance',
    load_kw: o.load_kw,
    daylight_path_efficiency: o.daylight_path_efficiency,
    eclipse_path_efficiency: o.eclipse_path_efficiency,
  };
}

/** The temperature given: radiator_temp_k, else the chips' hottest coolant; null without either. */
function radiatorTemperature(o: ThermalFields): RadiatorTemperature | null {
  if (o.radiator_temp_k !== undefined) return { radiator_temp_k: o.radiator_temp_k, pointer: '/radiator_temp_k' };
  if (o.chip) return { radiator_temp_k: chipCoolantTempK(o.chip), pointer: '/chip' };
  return null;
}

/** The mode: two of heat (heat_kw or load_kw), temperature (radiator_temp_k or chip) and area_m2, or the temperature alone. */
function sizing(o: ThermalFields, heatPump: HeatPumpCase | null, ctx: Refinement): Sizing | undefined {
  const heat = heatSource(o);
  const temperature = radiatorTemperature(o);
  const area_m2 = o.area_m2;
  if (heat && temperature && area_m2 !== undefined)
    return refuse(
      ctx,
      ['area_m2'],
      'expected two of heat (heat_kw or load_kw), radiator temperature and area_m2: the third is solved for',
    );
  if (temperature === null) {
    if (heat && area_m2 !== undefined) return { mode: 'temperature', heat, area_m2 };
    return refuse(
      ctx,
      ['radiator_temp_k'],
      'expected radiator_temp_k (or chip), or heat_kw with area_m2 to solve the equilibrium temperature',
    );
  }
  if (area_m2 !== undefined) return { mode: 'capacity', area_m2, temperature };
  if (heat) return { mode: 'area', heat, temperature, heat_pump: heatPump };
  return { mode: 'flux', temperature, heat_pump: heatPump };
}

/** Where the radiator is: the orbit, the altitude, or neither. */
function place(o: ThermalFields): Place {
  if (o.orbit !== undefined) return { from: 'orbit', orbit: o.orbit, epoch: o.epoch };
  if (o.altitude_km !== undefined) return { from: 'altitude_km', altitude_km: o.altitude_km };
  return { from: 'default' };
}

/**
 * The case a request makes, or its issues: each input with modes resolved by a named step that
 * refuses what does not make one mode. It runs twice: as the refinement, for its issues (beside
 * any others, such as an unknown field), and as the transform of a clean input, for the case.
 */
function thermalCase(o: ThermalFields, ctx: Refinement): ThermalCase | undefined {
  const before = ctx.issues.length;
  checkHeatInputs(o, ctx);
  checkPlaceAndEarth(o, ctx);
  const environment = environmentCase(o, ctx);
  checkChip(o, ctx);
  const heatPump = heatPumpCase(o, ctx);
  const sized = sizing(o, heatPump ?? null, ctx);
  if (ctx.issues.length > before || environment === undefined || heatPump === undefined || sized === undefined) return undefined;
  return {
    sizing: sized,
    place: place(o),
    environment,
    chip: o.chip ?? null,
    finish: o.finish,
    emissivity: o.emissivity,
    absorptivity: o.absorptivity,
    ir_absorptance: o.ir_absorptance,
    sides: o.sides,
    sigma_w_per_m2_k4: o.sigma_w_per_m2_k4,
    coolant_delta_t_k: o.coolant_delta_t_k,
    areal_density_kg_per_m2: o.areal_density_kg_per_m2,
    pue: o.pue,
  };
}

export const ThermalInput = ThermalFields.superRefine((o, ctx) => {
  thermalCase(o, ctx);
})
  .describe('A radiator: heat, temperature or area (two of them), surface, orientation, altitude and environment')
  .transform((o, ctx) => thermalCase(o, ctx) ?? z.NEVER);

export const ThermalOutput = z.object({
  mode: z
    .enum(['area', 'temperature', 'capacity', 'flux'])
    .describe(
      'area: heat + temperature → area; temperature: heat + area → equilibrium temperature; capacity: area + temperature → heat; flux: temperature only → per m² and per MW',
    ),
  heat_kw: z
    .number()
    .nullable()
    .describe('Heat from the load and its power conversion (before any heat-pump work), kW; heat_basis says how it was formed'),
  heat_basis: z
    .enum(['heat_kw', 'energy_balance', 'conversion_efficiency'])
    .nullable()
    .describe(
      'heat_kw: given; energy_balance: from load_kw, the orbit-average output of the solar array that powers it, load·(f/X_e + (1 − f)/X_d), all of it heat; conversion_efficiency: load_kw / the given conversion_efficiency; null without a heat',
    ),
  heat_basis_detail: z.string().nullable().describe('The heat’s formula with its figures and where each comes from'),
  heat_eclipse_fraction: z
    .number()
    .nullable()
    .describe('f of the energy balance: the share of the revolution in eclipse (null for the other bases). Dimensionless'),
  rejected_kw: z.number().nullable().describe('Heat the radiator rejects: heat_kw plus heat-pump work'),
  radiator_temp_k: z.number().describe('Radiator (coolant inlet) temperature'),
  radiator_outlet_temp_k: z.number().describe('Coolant outlet temperature: radiator_temp_k − coolant_delta_t_k'),
  effective_radiator_temp_k: z.number().describe('Isothermal temperature that rejects the same heat from the same area'),
  finish: z.string().nullable().describe('Catalogue surface finish the absorptivity and emissivity come from; null without one'),
  emissivity: z
    .number()
    .describe('Infrared hemispherical emittance ε of the radiating faces: given, the finish’s, or the default'),
  absorptivity: z.number().nullable().describe('null with environment "none" when not given: no sunlight to absorb'),
  ir_absorptance: z
    .number()
    .describe("Absorptance α_IR for the Earth's infrared: given, else the emissivity (Kirchhoff, grey surface)"),
  sides: z.number().int().describe('Radiating faces n: 2 for a deployed panel, 1 for a body-mounted radiator'),
  environment: z
    .enum(['orbit', 'none'])
    .describe('"orbit": the sun and the Earth load the radiator; "none": the ideal radiator, a 0 K sink'),
  orientation: z
    .enum(ORIENTATIONS)
    .nullable()
    .describe(
      'Attitude of the radiator (given or the default); null with environment "none", or when the view factor and the sun were both given without one',
    ),
  tilt_deg: z.number().nullable().describe("Angle between the front face's normal and nadir"),
  altitude_km: z
    .number()
    .nullable()
    .describe(
      'Altitude the Earth view factor is taken at: given, the orbit’s mean altitude, or the default; null when not needed',
    ),
  earth_view_factor: z.number().describe('View factor to the Earth summed over the radiating faces (per m² of planform)'),
  face_earth_view_factors: z
    .array(z.number())
    .nullable()
    .describe('Per radiating face (front, then back), from the geometry; null when earth_view_factor was given'),
  solar_incidence_fraction: z
    .number()
    .describe('Cosine of the sun’s incidence on the sunlit radiating face f☉: given, or the orientation’s hot-case default'),
  emitted_w_per_m2: z.number().describe('n·ε·σ·T⁴ at the effective temperature, per m² of planform'),
  absorbed_w_per_m2: z.number().describe('Sum of the three absorbed loads below'),
  absorbed_solar_w_per_m2: z.number().describe('α · S · solar_incidence_fraction'),
  absorbed_albedo_w_per_m2: z.number().describe('α · S · albedo · F · albedo_illumination_fraction'),
  absorbed_earth_ir_w_per_m2: z.number().describe('ir_absorptance · q_IR · F'),
  net_w_per_m2: z.number().describe('Rejected per m² of planform, all faces counted: emitted − absorbed'),
  sink_temp_k: z.number().describe('Temperature at which the radiator rejects nothing: a radiator must be hotter'),
  area_m2: z
    .number()
    .nullable()
    .describe(
      'Radiator planform area: rejected_kw / net_w_per_m2, solved in area mode, as given in the temperature and capacity modes; null in flux mode',
    ),
  areal_density_kg_per_m2: z.number().describe('Radiator mass per m² of planform: given, or the default'),
  mass_kg: z.number().nullable().describe('Radiator mass: area_m2 × areal_density_kg_per_m2; null without an area'),
  per_mw: z
    .object({
      area_m2: z.number().describe('Radiator area per MW of heat at this temperature and in this environment'),
      mass_kg: z.number().describe('per_mw.area_m2 × areal_density_kg_per_m2'),
      ideal_area_m2: z
        .number()
        .describe('Same temperature and emissivity, no environment: what "space is cold" alone would give'),
    })
    .describe('Per MW of heat (of chip heat with a heat pump)'),
  chip: z
    .object({
      die_limit_k: z.number().describe('Highest allowed die (junction) temperature, as given'),
      die_to_coolant_k: z.number().describe('Temperature drop from the die to the hottest coolant, as given'),
      coolant_temp_k: z
        .number()
        .describe('Hottest coolant temperature: die_limit_k − die_to_coolant_k (the radiator inlet, or the heat pump source)'),
    })
    .nullable()
    .describe('The chip-to-radiator chain: die limit − die-to-coolant drop = hottest coolant temperature'),
  heat_pump: z
    .object({
      source_temp_k: z.number().describe('Temperature the heat is taken from: given, or the chips’ coolant'),
      carnot_fraction: z.number().describe('COP as a share of the Carnot COP: given, or the default'),
      cop: z.number().describe('Heat taken per unit of work, f · T_source / (T_radiator − T_source)'),
      work_kw: z.number().nullable().describe('Electrical power the pump needs: heat / COP'),
      work_kw_per_mw: z.number().describe('Pump work per MW of heat: 1000 / COP'),
      area_m2_per_mw_without_pump: z
        .number()
        .nullable()
        .describe('Radiating directly at the source temperature; null when the source is not above the sink'),
      area_ratio: z.number().nullable().describe('Area with the pump / area without'),
    })
    .nullable()
    .describe('The heat pump that lifts the heat to the radiator temperature; null without one'),
  terrestrial: z
    .object({
      pue: z.number().describe('Power usage effectiveness compared with (facility energy / IT energy): given, or the default'),
      it_load_kw: z
        .number()
        .nullable()
        .describe('IT load on the ground: load_kw when the heat comes from a load, else the heat; null without heat'),
      overhead_kw: z.number().nullable().describe('(PUE − 1) · IT load: cooling, power distribution and lighting'),
      overhead_mwh_per_year: z.number().nullable().describe('At full load all year (8,760 h)'),
      per_mw: z
        .object({
          overhead_kw: z.number().describe('(PUE − 1) × 1,000 kW'),
          overhead_mwh_per_year: z.number().describe('(PUE − 1) × 1 MW over 8,760 h'),
        })
        .describe('The same per MW of IT load'),
      note: z.string().describe('What PUE − 1 counts, and what replaces it in orbit'),
    })
    .describe('The same heat on the ground: the facility energy a data center spends beside its IT load'),
});
export type ThermalResult = z.infer<typeof ThermalOutput>;

// ---------------------------------------------------------------------------------------------
// The estimator
// ---------------------------------------------------------------------------------------------

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

const SOLAR_DEFAULT: Record<Exclude<Orientation, 'tilted'>, (sides: 1 | 2) => Parameters<Provenance['orDefault']>[0]> = {
  edge_on: () => 'thermal.solar_incidence.edge_on',
  sun_facing: () => 'thermal.solar_incidence.sun_facing',
  zenith: () => 'thermal.solar_incidence.zenith',
  nadir: (sides) => (sides === 2 ? 'thermal.solar_incidence.nadir_two_sided' : 'thermal.solar_incidence.nadir_one_sided'),
};

interface Geometry {
  orientation: Orientation | null;
  tilt_deg: number | null;
  altitude_km: number | null;
  earth_view_factor: number;
  face_earth_view_factors: number[] | null;
  solar_incidence_fraction: number;
}

/** No geometry: environment "none" sees neither the sun nor the Earth. */
const NO_GEOMETRY: Geometry = {
  orientation: null,
  tilt_deg: null,
  altitude_km: null,
  earth_view_factor: 0,
  face_earth_view_factors: null,
  solar_incidence_fraction: 0,
};

/** Tilt from nadir of each fixed orientation (sun_facing: the sun–nadir angle, the caller's or the default). */
const FIXED_TILT_DEG: Record<Exclude<FixedOrientation, 'sun_facing'>, number> = { nadir: 0, edge_on: 90, zenith: 180 };

/**
 * Mean altitude of the place: altitude_km (refused inside the atmosphere, the orbit model's floor) or
 * the orbit's, whose own defaults are not this estimator's assumptions; null without either.
 */
function placeAltitude(place: Place, p: Provenance): number | null {
  if (place.from === 'default') return null;
  if (place.from === 'altitude_km') {
    const { altitude_km } = place;
    refuseInsideAtmosphere(altitude_km, '/altitude_km', `an altitude of ${altitude_km} km`, { altitude_km });
    return altitude_km;
  }
  const scratch = new Provenance();
  const o = resolveOrbit(place.orbit, undefined, scratch, '/orbit');
  for (const w of scratch.warnings) p.warn(w);
  if (o.eccentricity > 0.01)
    p.warn(
      `eccentricity ${o.eccentricity.toFixed(4)}: the Earth view factor uses the mean altitude ${o.altitude_km.toFixed(0)} km; at perigee the Earth looms larger`,
    );
  return o.altitude_km;
}

/** View factor of each radiating face to the Earth (front, then back), Howell's plate-to-sphere closed form. */
export function faceEarthViewFactors(altitude_km: number, tilt_deg: number, sides: 1 | 2): number[] {
  const front = plateEarthViewFactor(altitude_km, tilt_deg);
  return sides === 2 ? [front, plateEarthViewFactor(altitude_km, 180 - tilt_deg)] : [front];
}

/**
 * The Earth view: per face from the altitude (the default one when neither it nor the override is
 * given) and the tilt, and their sum per m² of planform, unless earth_view_factor overrides it.
 */
function earthView(altitude: number | null, tilt_deg: number, given: number | undefined, sides: 1 | 2, p: Provenance) {
  if (given !== undefined)
    return {
      altitude_km: altitude,
      faces: altitude === null ? null : faceEarthViewFactors(altitude, tilt_deg, sides),
      total: given,
    };
  const altitude_km = altitude ?? p.orDefault('thermal.altitude_km', undefined, 'altitude_km');
  const faces = faceEarthViewFactors(altitude_km, tilt_deg, sides);
  return { altitude_km, faces, total: faces.reduce((x, y) => x + y, 0) };
}

/** The sun on the sunlit face of a fixed orientation: the caller's, else the orientation's hot-case default. */
function fixedSolarIncidence(
  orientation: FixedOrientation,
  given: number | undefined,
  sides: 1 | 2,
  altitude_km: number | null,
  p: Provenance,
): number {
  if (given !== undefined) return given;
  const incidence = p.orDefault(SOLAR_DEFAULT[orientation](sides), undefined, 'solar_incidence_fraction');
  if (orientation === 'nadir' && sides === 1 && altitude_km !== null) {
    const grazing = Math.sqrt(1 - 1 / earthDistanceRatio(altitude_km) ** 2);
    p.warn(
      `a one-sided nadir radiator is sized here at orbit noon (no sun on it, full albedo); near the terminator it sees the sun at up to ${grazing.toFixed(2)} of normal incidence: set solar_incidence_fraction to check that case`,
    );
  }
  return incidence;
}

/** A fixed orientation (or the catalogue's): its tilt, its Earth view and its default sun. */
function fixedGeometry(
  a: Extract<Attitude, { orientation: FixedOrientation | 'default' }>,
  altitude: number | null,
  sides: 1 | 2,
  p: Provenance,
): Geometry {
  const orientation =
    a.orientation === 'default' ? p.orChoice<FixedOrientation>('thermal.orientation', undefined, 'orientation') : a.orientation;
  const tilt_deg =
    orientation === 'sun_facing'
      ? p.orDefault('thermal.sun_facing_tilt_deg', a.tilt_deg, 'tilt_deg')
      : FIXED_TILT_DEG[orientation];
  const view = earthView(altitude, tilt_deg, a.earth_view_factor, sides, p);
  return {
    orientation,
    tilt_deg,
    altitude_km: view.altitude_km,
    earth_view_factor: view.total,
    face_earth_view_factors: view.faces,
    solar_incidence_fraction: fixedSolarIncidence(orientation, a.solar_incidence_fraction, sides, view.altitude_km, p),
  };
}

/** The radiator's geometry in orbit: its altitude, attitude, view factor to the Earth and the sun on it. */
function resolveGeometry(a: Attitude, place: Place, sides: 1 | 2, p: Provenance): Geometry {
  const altitude = placeAltitude(place, p);
  if (a.orientation === null)
    return {
      orientation: null,
      tilt_deg: null,
      altitude_km: altitude,
      earth_view_factor: a.earth_view_factor,
      face_earth_view_factors: null,
      solar_incidence_fraction: a.solar_incidence_fraction,
    };
  if (a.orientation !== 'tilted') return fixedGeometry(a, altitude, sides, p);
  const view = earthView(altitude, a.tilt_deg, a.earth_view_factor, sides, p);
  return {
    orientation: 'tilted',
    tilt_deg: a.tilt_deg,
    altitude_km: view.altitude_km,
    earth_view_factor: view.total,
    face_earth_view_factors: view.faces,
    solar_incidence_fraction: a.solar_incidence_fraction,
  };
}

/** What a radiator sized at the default areal density would weigh at the ISS radiators' as-flown density. */
function arealDensityWarning(areal: number, area_m2: number | null, perMwArea: number, p: Provenance): void {
  const iss = Provenance.value('thermal.iss_as_flown_areal_density_kg_per_m2');
  const figure =
    area_m2 !== null
      ? `this radiator would weigh ${whole(area_m2 * iss)} kg, not ${whole(area_m2 * areal)} kg`
      : `it would weigh ${whole(perMwArea * iss)} kg per MW, not ${whole(perMwArea * areal)} kg`;
  p.warn(
    `the radiator mass takes ${areal} kg/m², Elliott's lower bound for meteoroid-protected tube-and-fin or heat-pipe panels; the ISS heat-rejection radiators as flown weigh ${iss} kg/m²: at that density ${figure} (give areal_density_kg_per_m2 to size with it)`,
  );
}

/**
 * What an isothermal panel (the default coolant drop 0) assumes, and the figure with a representative
 * drop ΔT along the radiator: its area (areaPerWatt with the drop), per-MW area, inlet temperature
 * (equilibriumTempK) or capacity, by mode.
 */
function isothermalWarning(radiator: Radiator, sized: Sized, areal: number, p: Provenance): void {
  const { k, absorbed, sink } = radiator;
  const { mode, tIn, heat_kw, area_m2, rejectPerHeat } = sized;
  const r = { k, absorbed, sink, mode, tIn, heat_kw, area_m2, rejectPerHeat, areal };
  const dT = Provenance.value('thermal.representative_coolant_delta_t_k');
  const head = `the radiator is taken isothermal (coolant_delta_t_k 0): all of it at ${round(r.tIn, 2)} K, as if its coolant gave up the heat without cooling; a pumped single-phase loop cools along the radiator, and with a ${dT} K drop (outlet ${round(r.tIn - dT, 2)} K)`;
  if (r.mode !== 'temperature' && r.tIn - dT <= r.sink) {
    p.warn(`${head} the outlet would not be above the ${round(r.sink, 1)} K sink: the radiator could not reject the heat at all`);
    return;
  }
  const perWatt = areaPerWatt(r.k, r.absorbed, r.tIn, dT);
  const isoPerWatt = areaPerWatt(r.k, r.absorbed, r.tIn, 0);
  let figure: string;
  if (r.mode === 'area' && r.heat_kw !== null) {
    const area = r.heat_kw * 1e3 * r.rejectPerHeat * perWatt;
    figure = `the same heat needs ${whole(area)} m² (${whole(area * r.areal)} kg), ${round(100 * (perWatt / isoPerWatt - 1), 1)} % more`;
  } else if (r.mode === 'temperature' && r.heat_kw !== null && r.area_m2 !== null) {
    const t = equilibriumTempK(r.k, r.absorbed, r.heat_kw * 1e3, r.area_m2, dT);
    figure = `the same area settles with its inlet at ${t.toFixed(1)} K, ${(t - r.tIn).toFixed(1)} K hotter`;
  } else if (r.mode === 'capacity' && r.area_m2 !== null)
    figure = `the same area rejects ${whole(r.area_m2 / perWatt / 1e3)} kW, ${round(100 * (1 - isoPerWatt / perWatt), 1)} % less`;
  else
    figure = `it needs ${whole(W_PER_MW * r.rejectPerHeat * perWatt)} m² per MW, ${round(100 * (perWatt / isoPerWatt - 1), 1)} % more`;
  p.warn(`${head} ${figure} (give coolant_delta_t_k for your loop)`);
}

/**
 * The eclipse fraction f of the energy balance: the power estimator's sizing eclipse of the orbit
 * (orbitEclipse: the worst over the year), else the eclipse at beta 0 at the altitude, the longest.
 */
function balanceEclipse(place: Place, altitude_km: number | null, p: Provenance) {
  if (place.from === 'orbit') {
    const scratch = new Provenance();
    const e = orbitEclipse(place.orbit, place.epoch, undefined, scratch);
    for (const w of scratch.warnings) p.warn(w);
    return {
      f: e.fraction,
      where: `the orbit's sizing eclipse as the power estimator finds it (${e.sizing.basis}, beta ${round(e.sizing.beta_deg ?? 0, 2)}°)`,
    };
  }
  const alt = altitude_km ?? p.orDefault('thermal.altitude_km', undefined, 'altitude_km');
  const f = eclipseFraction(alt, 0);
  p.warn(
    `no orbit is given: the heat of load_kw takes the eclipse at beta 0 at ${round(alt, 1)} km (${round(100 * f, 1)} % of the revolution), the longest at that altitude and so the most array output per watt of load; give orbit for its own worst eclipse`,
  );
  return { f, where: `the eclipse at beta 0 at ${round(alt, 1)} km (the worst case)` };
}

/** The heat and how it was formed, as the output reports it. */
interface HeatFigures {
  heat_kw: number;
  basis: NonNullable<ThermalResult['heat_basis']>;
  detail: string;
  eclipse_fraction: number | null;
}

/** No heat given (capacity and flux modes). */
export const NO_HEAT = { heat_kw: null, basis: null, detail: null, eclipse_fraction: null } as const;

/**
 * The heat of a load, every watt its solar array delivers: the orbit average load·(f/X_e + (1 − f)/X_d)
 * (orbitAverageHeatKw, SMAD eq. 11-5 over the orbit), f the place's sizing eclipse.
 */
function energyBalanceHeat(
  source: Extract<HeatSource, { basis: 'energy_balance' }>,
  place: Place,
  altitude_km: number | null,
  p: Provenance,
): HeatFigures {
  const load = source.load_kw;
  const Xd = p.orDefault('power.path.ppt.daylight', source.daylight_path_efficiency, 'daylight_path_efficiency');
  const Xe = p.orDefault('power.path.ppt.eclipse', source.eclipse_path_efficiency, 'eclipse_path_efficiency');
  const { f, where } = balanceEclipse(place, altitude_km, p);
  const heat_kw = orbitAverageHeatKw(load, f, Xe, Xd);
  return {
    heat_kw,
    basis: 'energy_balance',
    detail: `every watt the solar array delivers ends as heat: load·(f/X_e + (1 − f)/X_d) = ${load} kW × (${round(f, 4)}/${Xe} + ${round(1 - f, 4)}/${Xd}) = ${round(heat_kw, 1)} kW, f from ${where}`,
    eclipse_fraction: f,
  };
}

/**
 * The heat to reject: heat_kw as given; from load_kw, every watt the solar array delivers (its energy
 * balance); or load_kw / conversion_efficiency when the caller gives that.
 */
export function resolveHeat(source: HeatSource, place: Place, altitude_km: number | null, p: Provenance): HeatFigures {
  switch (source.basis) {
    case 'heat_kw':
      return { heat_kw: source.heat_kw, basis: 'heat_kw', detail: 'given', eclipse_fraction: null };
    case 'conversion_efficiency':
      return {
        heat_kw: source.load_kw / source.conversion_efficiency,
        basis: 'conversion_efficiency',
        detail: `load_kw / conversion_efficiency: ${source.load_kw} kW / ${source.conversion_efficiency}`,
        eclipse_fraction: null,
      };
    case 'energy_balance':
      return energyBalanceHeat(source, place, altitude_km, p);
  }
}

/** Stefan–Boltzmann's σ: CODATA 2018, or the caller's rounding of it (said in a warning). */
function stefanBoltzmann(given: number | undefined, p: Provenance): number {
  if (given !== undefined && given !== CODATA_2018_SIGMA_W_M2_K4)
    p.warn(`σ = ${given} W m⁻² K⁻⁴ as given, not CODATA 2018's ${CODATA_2018_SIGMA_W_M2_K4}`);
  return given ?? CODATA_2018_SIGMA_W_M2_K4;
}

/** A surface property: the caller's, else the finish's (with its source), else the default. */
function surfaceProperty(
  name: 'emissivity' | 'absorptivity',
  given: number | undefined,
  finish: Finish | undefined,
  p: Provenance,
): number {
  if (given !== undefined) return given;
  if (finish) {
    p.assume(name, finish[name], '1', finish.source);
    return finish[name];
  }
  return p.orDefault(`thermal.${name}`, undefined, name);
}

interface Surface {
  finish: Finish | undefined;
  sigma: number;
  emissivity: number;
  sides: 1 | 2;
  /** n·ε·σ: emission per m² of planform per K⁴. */
  k: number;
}

/** The radiating surface: σ, the finish, the emissivity and the faces, and k = n·ε·σ. */
function resolveSurface(c: ThermalCase, p: Provenance): Surface {
  const sigma = stefanBoltzmann(c.sigma_w_per_m2_k4, p);
  const finish = c.finish ? FINISHES[c.finish] : undefined;
  const emissivity = surfaceProperty('emissivity', c.emissivity, finish, p);
  const sides = p.orDefault('thermal.sides', c.sides, 'sides') === 1 ? 1 : 2;
  return { finish, sigma, emissivity, sides, k: sides * emissivity * sigma };
}

/** What the radiator absorbs per m² of planform: the sun, the Earth's albedo and its infrared, with the geometry. */
interface Loads {
  geometry: Geometry;
  absorptivity: number | null;
  solar: number;
  albedo: number;
  earthIr: number;
}

/** The Earth's infrared flux at the top of the atmosphere: the caller's (or default) flux, or σT⁴ of the given temperature. */
export function earthIrFlux(earthIr: EarthIr, sigma: number, p: Provenance): number {
  if (earthIr.from === 'earth_temp_k') return sigma * earthIr.earth_temp_k ** 4;
  return p.orDefault('thermal.earth_ir_w_per_m2', earthIr.earth_ir_w_per_m2, 'earth_ir_w_per_m2');
}

/** The infrared absorptance defaults to the emissivity (Kirchhoff, grey surface); another value is said with its effect. */
function kirchhoffCheck(given: number | undefined, emissivity: number, p: Provenance): void {
  if (given === undefined) p.assume('ir_absorptance', emissivity, '1', 'kirchhoff-grey-surface');
  else if (given !== emissivity)
    p.warn(
      `ir_absorptance ${given} differs from the emissivity ${emissivity}: a grey surface absorbs the Earth's infrared with its emissivity (Kirchhoff); this convention changes the Earth infrared load by a factor ${(given / emissivity).toFixed(3)}`,
    );
}

/**
 * The absorbed loads in orbit, per m² of planform: solar α·S·f☉, albedo α·S·a·F·c, Earth infrared
 * α_IR·q_IR·F, with F the view factor to the Earth summed over the faces.
 */
function orbitLoads(
  env: Extract<EnvironmentCase, { environment: 'orbit' }>,
  c: ThermalCase,
  s: Surface,
  irAbsorptance: number,
  p: Provenance,
): Loads {
  kirchhoffCheck(c.ir_absorptance, s.emissivity, p);
  const geometry = resolveGeometry(env.attitude, c.place, s.sides, p);
  const S = p.orDefault('sun.solar_constant_w_per_m2', env.solar_constant_w_per_m2, 'solar_constant_w_per_m2');
  const albedo = p.orDefault('thermal.albedo', env.albedo, 'albedo');
  const illumination = p.orDefault(
    'thermal.albedo_illumination_fraction',
    env.albedo_illumination_fraction,
    'albedo_illumination_fraction',
  );
  const qIr = earthIrFlux(env.earth_ir, s.sigma, p);
  const F = geometry.earth_view_factor;
  const alpha = surfaceProperty('absorptivity', c.absorptivity, s.finish, p);
  if (geometry.orientation === 'edge_on' && env.albedo_illumination_fraction === undefined && F > 0)
    p.warn(
      'albedo is taken with the sub-satellite point at the sub-solar point (hot case); a panel in a dawn-dusk orbit sees the Earth lit only near the terminator: albedo_illumination_fraction near 0 describes it',
    );
  return {
    geometry,
    absorptivity: alpha,
    solar: alpha * S * geometry.solar_incidence_fraction,
    albedo: alpha * S * albedo * F * illumination,
    earthIr: irAbsorptance * qIr * F,
  };
}

/** Environment "none", the ideal radiator: no sun, no Earth, nothing absorbed; the fields it ignored are said. */
function noLoads(ignored: string[], c: ThermalCase, s: Surface, p: Provenance): Loads {
  if (ignored.length) p.warn(`environment "none": ignored ${ignored.join(', ')} (no sun, no Earth, a 0 K sink)`);
  return {
    geometry: NO_GEOMETRY,
    absorptivity: c.absorptivity ?? s.finish?.absorptivity ?? null,
    solar: 0,
    albedo: 0,
    earthIr: 0,
  };
}

/** The loads the environment puts on the radiator, their sum and the sink temperature they set. */
function absorbedLoads(c: ThermalCase, s: Surface, p: Provenance) {
  const ir_absorptance = c.ir_absorptance ?? s.emissivity;
  const env = c.environment;
  const loads = env.environment === 'none' ? noLoads(env.ignored, c, s, p) : orbitLoads(env, c, s, ir_absorptance, p);
  const absorbed = loads.solar + loads.albedo + loads.earthIr;
  return { ...loads, ir_absorptance, absorbed, sink: sinkTempK(absorbed, s.k) };
}

/** The radiator's balance: k = n·ε·σ, the absorbed load a, its sink and the coolant drop along it. */
export interface Radiator {
  k: number;
  absorbed: number;
  sink: number;
  coolantDeltaT: number;
}

/** What the mode solved: the inlet temperature, area, heat rejected and (chip) heat, and the heat pump's part. */
export interface Sized {
  mode: ThermalResult['mode'];
  tIn: number;
  area_m2: number | null;
  rejected_kw: number | null;
  heat_kw: number | null;
  heat_pump: ThermalResult['heat_pump'];
  /** Radiator heat per unit of chip heat: 1 + 1/COP with a heat pump, else 1. */
  rejectPerHeat: number;
}

/** 422: a radiator (or its coolant outlet) not above the sink absorbs more than it emits. */
function tooCold(r: Radiator, tIn: number, pointer: string, what: string): never {
  const { coolantDeltaT, sink, absorbed } = r;
  throw new PhysicallyImpossible(
    `${what} (${round(tIn - coolantDeltaT, 2)} K${coolantDeltaT > 0 ? ' at the coolant outlet' : ''}) is not above the sink temperature ${round(sink, 2)} K: the radiator would absorb more from the sun and the Earth (${round(absorbed, 2)} W/m²) than it emits, and could reject no heat`,
    pointer,
    {
      sink_temp_k: round(sink, 3),
      radiator_temp_k: round(tIn, 3),
      radiator_outlet_temp_k: round(tIn - coolantDeltaT, 3),
      absorbed_w_per_m2: round(absorbed, 3),
    },
  );
}

/** What a heat pump does to the radiator: larger, or no radiator at all without it. */
function heatPumpWarnings(source_temp_k: number, sink: number, direct: number | null, withPump: number, p: Provenance): void {
  if (direct === null)
    p.warn(
      `the source at ${round(source_temp_k, 2)} K is not above the sink (${round(sink, 2)} K): without the heat pump no radiator could reject this heat`,
    );
  else if (withPump > direct)
    p.warn(
      `this heat pump makes the radiator larger (×${(withPump / direct).toFixed(2)}): its work adds more heat than the higher temperature saves`,
    );
}

/**
 * A heat pump lifting the heat to the radiator at tIn: COP = f·T_source/(T_radiator − T_source)
 * (heatPumpCop), the radiator rejecting heat·(1 + 1/COP), against radiating directly at the source.
 */
export function heatPumpBranch(hp: HeatPumpCase, tIn: number, heat_kw: number | null, r: Radiator, p: Provenance) {
  const { source_temp_k } = hp;
  if (tIn <= source_temp_k)
    throw new PhysicallyImpossible(
      `a heat pump lifts heat: radiator_temp_k (${tIn} K) must be above the source temperature (${round(source_temp_k, 2)} K)`,
      '/radiator_temp_k',
      { radiator_temp_k: tIn, source_temp_k: round(source_temp_k, 3) },
    );
  const carnot_fraction = p.orDefault('thermal.heat_pump_carnot_fraction', hp.carnot_fraction, 'heat_pump.carnot_fraction');
  const cop = heatPumpCop(carnot_fraction, source_temp_k, tIn);
  const rejectPerHeat = 1 + 1 / cop;
  const direct =
    source_temp_k - r.coolantDeltaT > r.sink ? W_PER_MW * areaPerWatt(r.k, r.absorbed, source_temp_k, r.coolantDeltaT) : null;
  const withPump = W_PER_MW * rejectPerHeat * areaPerWatt(r.k, r.absorbed, tIn, r.coolantDeltaT);
  const heat_pump = {
    source_temp_k,
    carnot_fraction,
    cop,
    work_kw: heat_kw === null ? null : heat_kw / cop,
    work_kw_per_mw: 1000 / cop,
    area_m2_per_mw_without_pump: direct,
    area_ratio: direct === null ? null : withPump / direct,
  };
  heatPumpWarnings(source_temp_k, r.sink, direct, withPump, p);
  return { rejectPerHeat, heat_pump };
}

/** The radiator's hot side at a given temperature: refused (422) unless above the sink, then lifted by the heat pump if any. */
export function hotSide(
  temperature: RadiatorTemperature,
  hp: HeatPumpCase | null,
  heat_kw: number | null,
  r: Radiator,
  p: Provenance,
) {
  const tIn = temperature.radiator_temp_k;
  if (tIn - r.coolantDeltaT <= r.sink)
    tooCold(
      r,
      tIn,
      r.coolantDeltaT > 0 ? '/coolant_delta_t_k' : temperature.pointer,
      hp ? "the heat pump's hot side" : 'the radiator',
    );
  if (hp === null) return { tIn, rejectPerHeat: 1, heat_pump: null };
  return { tIn, ...heatPumpBranch(hp, tIn, heat_kw, r, p) };
}

export type HotSide = ReturnType<typeof hotSide>;

/** Heat and area given: the inlet temperature at which the area rejects the heat (equilibriumTempK). */
export function equilibriumTemperature(area_m2: number, heat_kw: number, r: Radiator): Sized {
  const tIn = equilibriumTempK(r.k, r.absorbed, heat_kw * 1e3, area_m2, r.coolantDeltaT);
  return { mode: 'temperature', tIn, area_m2, rejected_kw: heat_kw, heat_kw, heat_pump: null, rejectPerHeat: 1 };
}

/** Heat and temperature given: the area that rejects the heat (and the pump's work), A = Q·areaPerWatt. */
export function sizeArea(heat_kw: number, hot: HotSide, r: Radiator): Sized {
  const rejected_kw = heat_kw * hot.rejectPerHeat;
  const area_m2 = rejected_kw * 1e3 * areaPerWatt(r.k, r.absorbed, hot.tIn, r.coolantDeltaT);
  return { mode: 'area', ...hot, area_m2, rejected_kw, heat_kw };
}

/** Area and temperature given: the heat the area rejects, Q = A / areaPerWatt. */
export function radiatorCapacity(area_m2: number, hot: HotSide, r: Radiator): Sized {
  const rejected_kw = area_m2 / areaPerWatt(r.k, r.absorbed, hot.tIn, r.coolantDeltaT) / 1e3;
  return { mode: 'capacity', ...hot, area_m2, rejected_kw, heat_kw: rejected_kw / hot.rejectPerHeat };
}

/** The radiator by mode, each solving for what was not given; the heat resolved where the mode has one. */
function solveMode(c: ThermalCase, r: Radiator, altitude_km: number | null, p: Provenance) {
  const s = c.sizing;
  switch (s.mode) {
    case 'temperature': {
      const heat = resolveHeat(s.heat, c.place, altitude_km, p);
      return { heat, sized: equilibriumTemperature(s.area_m2, heat.heat_kw, r) };
    }
    case 'area': {
      const heat = resolveHeat(s.heat, c.place, altitude_km, p);
      return { heat, sized: sizeArea(heat.heat_kw, hotSide(s.temperature, s.heat_pump, heat.heat_kw, r, p), r) };
    }
    case 'capacity':
      return { heat: NO_HEAT, sized: radiatorCapacity(s.area_m2, hotSide(s.temperature, null, null, r, p), r) };
    case 'flux': {
      const hot = hotSide(s.temperature, s.heat_pump, null, r, p);
      const sized: Sized = { mode: 'flux', ...hot, area_m2: null, rejected_kw: null, heat_kw: null };
      return { heat: NO_HEAT, sized };
    }
  }
}

/**
 * Per m² and per MW at the inlet temperature: net = 1/areaPerWatt, the isothermal temperature that
 * rejects as much, T_eff = ((net + a)/k)^¼, what it emits, and the area per MW, in this environment and none.
 */
export function radiatorFigures(r: Radiator, tIn: number, rejectPerHeat: number) {
  const perWatt = areaPerWatt(r.k, r.absorbed, tIn, r.coolantDeltaT);
  const net = 1 / perWatt;
  const tEff = ((net + r.absorbed) / r.k) ** 0.25;
  return {
    net,
    tEff,
    emitted: r.k * tEff ** 4,
    perMwArea: W_PER_MW * rejectPerHeat * perWatt,
    idealPerMwArea: W_PER_MW * rejectPerHeat * areaPerWatt(r.k, 0, tIn, r.coolantDeltaT),
  };
}

/** Radiator mass: area × areal density (the caller's, or the default with what the ISS's as-flown density would give). */
function radiatorMass(given: number | undefined, area_m2: number | null, perMwArea: number, p: Provenance) {
  const areal = p.orDefault('thermal.areal_density_kg_per_m2', given, 'areal_density_kg_per_m2');
  if (given === undefined) arealDensityWarning(areal, area_m2, perMwArea, p);
  return { areal, mass_kg: area_m2 === null ? null : area_m2 * areal, perMwMass: perMwArea * areal };
}

/** What the caller should know about the figures: the isothermal default, a radiator near its sink, a hot equilibrium, an overridden finish. */
function radiatorWarnings(
  c: ThermalCase,
  r: Radiator,
  sized: Sized,
  f: ReturnType<typeof radiatorFigures>,
  areal: number,
  p: Provenance,
): void {
  const { mode, tIn } = sized;
  const envNone = c.environment.environment === 'none';
  if (c.coolant_delta_t_k === undefined) isothermalWarning(r, sized, areal, p);
  if (!envNone && r.absorbed > 0.5 * f.emitted)
    p.warn(
      `the sun and the Earth give back ${((100 * r.absorbed) / f.emitted).toFixed(0)} % of what the radiator emits: at ${round(f.tEff, 1)} K it sits close to its ${round(r.sink, 1)} K sink`,
    );
  if (mode === 'temperature' && tIn > 450)
    p.warn(
      `the equilibrium temperature ${round(tIn, 1)} K is beyond water and ammonia loops and most electronics: the area is too small for this heat`,
    );
  if (c.finish !== undefined && c.emissivity !== undefined && (envNone || c.absorptivity !== undefined))
    p.warn(`finish "${c.finish}" is overridden by the given emissivity and absorptivity`);
}

/** The load behind the heat, when the heat comes from one (its IT load on the ground). */
function loadOf(s: Sizing): number | undefined {
  if (s.mode !== 'area' && s.mode !== 'temperature') return undefined;
  return s.heat.basis === 'heat_kw' ? undefined : s.heat.load_kw;
}

/** The same heat on the ground: (PUE − 1) × the IT load, the facility energy beside it, all year. */
export function terrestrialComparison(
  pueGiven: number | undefined,
  load_kw: number | undefined,
  heat_kw: number | null,
  p: Provenance,
) {
  const pue = p.orDefault('terrestrial.pue', pueGiven, 'pue');
  return {
    pue,
    it_load_kw: heat_kw === null ? null : load_kw !== undefined ? load_kw : heat_kw,
    overhead_kw: heat_kw === null ? null : (pue - 1) * (load_kw ?? heat_kw),
    overhead_mwh_per_year: heat_kw === null ? null : ((pue - 1) * (load_kw ?? heat_kw) * HOURS_PER_COMMON_YEAR) / 1000,
    per_mw: { overhead_kw: (pue - 1) * 1000, overhead_mwh_per_year: (pue - 1) * HOURS_PER_COMMON_YEAR },
    note: 'PUE − 1 counts all the facility energy beside the IT load: cooling, most of it, plus power distribution and lighting; it bounds the cooling energy from above. In orbit that energy is replaced by radiator area and mass (and pump power).',
  };
}

export function runThermal(c: ThermalCase, p: Provenance): ThermalResult {
  const surface = resolveSurface(c, p);
  const loads = absorbedLoads(c, surface, p);
  const coolantDeltaT = p.orDefault('thermal.coolant_delta_t_k', c.coolant_delta_t_k, 'coolant_delta_t_k');
  const r: Radiator = { k: surface.k, absorbed: loads.absorbed, sink: loads.sink, coolantDeltaT };
  const heatAltitude = c.place.from === 'altitude_km' ? c.place.altitude_km : loads.geometry.altitude_km;
  const { heat, sized } = solveMode(c, r, heatAltitude, p);
  const figures = radiatorFigures(r, sized.tIn, sized.rejectPerHeat);
  const mass = radiatorMass(c.areal_density_kg_per_m2, sized.area_m2, figures.perMwArea, p);
  radiatorWarnings(c, r, sized, figures, mass.areal, p);
  const g = loads.geometry;
  return {
    mode: sized.mode,
    heat_kw: sized.heat_kw,
    heat_basis: heat.basis,
    heat_basis_detail: heat.detail,
    heat_eclipse_fraction: heat.eclipse_fraction,
    rejected_kw: sized.rejected_kw,
    radiator_temp_k: sized.tIn,
    radiator_outlet_temp_k: sized.tIn - coolantDeltaT,
    effective_radiator_temp_k: figures.tEff,
    finish: c.finish ?? null,
    emissivity: surface.emissivity,
    absorptivity: loads.absorptivity,
    ir_absorptance: loads.ir_absorptance,
    sides: surface.sides,
    environment: c.environment.environment,
    orientation: g.orientation,
    tilt_deg: g.tilt_deg,
    altitude_km: g.altitude_km,
    earth_view_factor: g.earth_view_factor,
    face_earth_view_factors: g.face_earth_view_factors,
    solar_incidence_fraction: g.solar_incidence_fraction,
    emitted_w_per_m2: figures.emitted,
    absorbed_w_per_m2: loads.absorbed,
    absorbed_solar_w_per_m2: loads.solar,
    absorbed_albedo_w_per_m2: loads.albedo,
    absorbed_earth_ir_w_per_m2: loads.earthIr,
    net_w_per_m2: figures.net,
    sink_temp_k: loads.sink,
    area_m2: sized.area_m2,
    areal_density_kg_per_m2: mass.areal,
    mass_kg: mass.mass_kg,
    per_mw: { area_m2: figures.perMwArea, mass_kg: mass.perMwMass, ideal_area_m2: figures.idealPerMwArea },
    chip: c.chip === null ? null : { ...c.chip, coolant_temp_k: chipCoolantTempK(c.chip) },
    heat_pump: sized.heat_pump,
    terrestrial: terrestrialComparison(c.pue, loadOf(c.sizing), sized.heat_kw, p),
  };
}

/**
 * What a thermal request costs: the closed forms, the orbit resolved for its altitude, and its
 * sizing eclipse when the heat comes from a load over that orbit.
 */
export function estimateThermalCost(input: ThermalCase): Cost {
  const place = input.place;
  const eclipse = place.from === 'orbit' && loadOf(input.sizing) !== undefined;
  const orbit_s = place.from !== 'orbit' ? 0 : eclipse ? sizingEclipseCost(place.orbit) : resolveCost(place.orbit);
  return {
    cpu_s: coefficient('execution.cost.thermal_s') + orbit_s,
    basis: eclipse ? "radiator closed forms; the orbit's eclipses over 365 days" : 'radiator closed forms',
  };
}

export const thermalEstimator = defineEstimator({
  name: 'thermal',
  summary: 'Radiators: the area and mass that reject a heat load in orbit, or the temperature a given area settles at',
  description:
    'Grey diffuse radiator surfaces, q = n·ε·σ·T⁴ − (absorbed sun + albedo + Earth infrared) per m² of planform, with the view factor of a tilted plate to a spherical Earth (nadir (Re/(Re+h))², edge-on and tilted closed forms). Give two of heat (heat_kw, or load_kw: every watt of the solar array that powers the load ends as heat, its orbit average load·(f/X_e + (1 − f)/X_d) at the orbit’s sizing eclipse, as the power estimator sizes it), temperature (radiator_temp_k or chip) and area_m2, and the third is solved. Options: a surface finish from the catalogue, a coolant temperature drop along the radiator, the chip-to-radiator temperature chain, a heat pump, `environment: "none"` for the ideal radiator, and overrides to reproduce published cases (earth_view_factor, ir_absorptance, earth_temp_k, sigma_w_per_m2_k4). Every answer carries area and mass per MW and the terrestrial facility energy for the same heat at a stated PUE. A radiator not hotter than its sink answers 422 with the sink temperature.',
  input: ThermalInput,
  output: ThermalOutput,
  examples: {
    edge_on_1mw_300k: {
      summary: '1 MW at 300 K, white paint, two-sided edge-on panels in a dawn-dusk orbit at 550 km',
      value: {
        heat_kw: '1 MW',
        radiator_temp_k: 300,
        finish: 'white-paint-az93',
        orientation: 'edge_on',
        orbit: { altitude_km: 550, sun_synchronous: true, ltan_h: 18 },
        albedo_illumination_fraction: 0.2,
      },
    },
    starcloud_whitepaper: {
      summary: "The Starcloud white paper's 40 MW radiator at 20 °C, with Kirchhoff's infrared absorptance",
      value: {
        heat_kw: '40 MW',
        radiator_temp_k: '20 degC',
        sides: 2,
        finish: 'starcloud-whitepaper',
        solar_constant_w_per_m2: 1366,
        solar_incidence_fraction: 1,
        earth_view_factor: 0.25,
        albedo: 0.3,
        earth_temp_k: 253.15,
        sigma_w_per_m2_k4: 5.67e-8,
      },
    },
    equilibrium_temperature: {
      summary: 'What temperature does 3,000 m² of nadir-facing two-sided panel settle at with 1 MW?',
      value: { heat_kw: 1000, area_m2: 3000, orientation: 'nadir', altitude_km: 550 },
    },
    chips_and_heat_pump: {
      summary: 'Chips at 85 °C die limit, 25 K to the coolant, heat pumped to 360 K; the coolant drops 10 K along the radiator',
      value: {
        heat_kw: 1000,
        chip: { die_limit_k: '85 degC', die_to_coolant_k: 25 },
        heat_pump: {},
        radiator_temp_k: 360,
        coolant_delta_t_k: 10,
        orientation: 'edge_on',
        altitude_km: 550,
      },
    },
  },
  run: runThermal,
  cost: estimateThermalCost,
});
