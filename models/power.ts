/**
 * Power: the solar array and battery a continuous IT load needs in a given orbit, and how much more
 * energy a panel gets there than on the ground.
 *
 * Sizing follows SMAD 3rd ed. sec. 11.4: array P_sa = (P_e·T_e/X_e + P_d·T_d/X_d)/T_d, output per m²
 * P_BOL = S0·η·I_d·cos θ, end of life × (1−d)^years, battery E = P_e·T_e/(DoD·η_dis). The orbit
 * geometry comes from the orbit model: the worst eclipse over the sizing window (beta = 0 whenever
 * the window's beta range spans it, else the smallest |beta|) sizes the battery and the array; the
 * annual mean sunlit fraction sizes the energy figures. The depth of discharge follows the battery's
 * charge-discharge cycles over the mission; the ground comparison is like for like (the orbital
 * sunlight net of I_d against a ground plant's net output); everything the array delivers is heat,
 * P_sa·T_d/T on average, the figure the thermal model rejects for a load.
 */
import { z } from 'zod';
import { BATTERY_CYCLE_LIFE, CELLS, type Cell, CHOICES, type CycleLifePoint } from '../fixtures/index.js';
import { DEG, HOURS_PER_COMMON_YEAR, MINUTES_PER_DAY } from './constants.js';
import { coefficient } from './cost.js';
import { PhysicallyImpossible } from './errors.js';
import { type Cost, defineEstimator } from './estimator.js';
import { whole } from './format.js';
import { interpolate } from './numerics.js';
import {
  AnnualOutput,
  type AnnualPicture,
  AnnualStepField,
  annualPassCost,
  annualPicture,
  betaAt,
  betaStarDeg,
  eclipseFraction,
  type OrbitSpec,
  OrbitSpecSchema,
  pictureKey,
  type ResolvedOrbit,
  resolveCost,
  resolveOrbit,
} from './orbit.js';
import { Provenance } from './provenance.js';
import { fraction, quantity } from './quantity.js';
import { missionYears } from './scenario.js';

/** Irradiance at which ground modules are rated (IEC 60904-3 standard test conditions), W/m². */
export const STC_IRRADIANCE_W_M2 = 1000;
/** Largest wing of the UltraFlex paper behind the default specific power (400–6,000 W per wing), kW. */
const ULTRAFLEX_MAX_WING_KW = 6;

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/** SMAD eq. 11-5: array power in daylight, P_sa = (P_e·T_e/X_e + P_d·T_d/X_d) / T_d, kW. */
export function arrayPowerKw(
  eclipseLoad_kw: number,
  eclipse_min: number,
  eclipsePathEfficiency: number,
  daylightLoad_kw: number,
  daylight_min: number,
  daylightPathEfficiency: number,
): number {
  return (
    ((eclipseLoad_kw * eclipse_min) / eclipsePathEfficiency + (daylightLoad_kw * daylight_min) / daylightPathEfficiency) /
    daylight_min
  );
}

/** Beginning-of-life array output per m², P_BOL = S0·η·I_d·cos θ, W/m² (SMAD sec. 11.4). */
export function bolWPerM2(
  solarConstant_w_m2: number,
  efficiency: number,
  inherentDegradation: number,
  incidence_deg = 0,
): number {
  return solarConstant_w_m2 * efficiency * inherentDegradation * Math.cos(incidence_deg * DEG);
}

/** Life degradation L_d = (1 − d)^years (SMAD sec. 11.4). */
export function lifeDegradation(degradationPerYear: number, years: number): number {
  return (1 - degradationPerYear) ** years;
}

/**
 * Orbit-average heat, kW: every watt the array delivers ends as heat, P_sa·T_d/T = P·(f/X_e + (1 − f)/X_d)
 * with f = T_e/T the eclipse fraction (SMAD eq. 11-5 averaged over the orbit).
 */
export function orbitAverageHeatKw(
  load_kw: number,
  eclipseFraction: number,
  eclipsePathEfficiency: number,
  daylightPathEfficiency: number,
): number {
  return load_kw * (eclipseFraction / eclipsePathEfficiency + (1 - eclipseFraction) / daylightPathEfficiency);
}

/** Battery energy E = P_e·T_e / (DoD·η_dis), kWh (SMAD sec. 11.4, battery capacity with one battery). */
export function batteryEnergyKwh(
  eclipseLoad_kw: number,
  eclipse_min: number,
  depthOfDischarge: number,
  dischargeEfficiency: number,
): number {
  return (eclipseLoad_kw * eclipse_min) / 60 / (depthOfDischarge * dischargeEfficiency);
}

/**
 * Depth of discharge for a number of charge-discharge cycles: linear in log(cycles) between the
 * life-tested points of a cycle-life table (fixtures/power.json battery_cycle_life: Saft VES180, ESA
 * ARTES; GS Yuasa, JAXA 2008), held at the table's ends. Never deeper for more cycles.
 */
export function depthOfDischargeForCycles(cycles: number, table: readonly CycleLifePoint[]): number {
  return interpolate(
    table.map((t) => t.cycles),
    table.map((t) => t.depth_of_discharge),
    cycles,
    { logX: true },
  );
}

/**
 * Charge-discharge cycles life-tested cells sustain at a depth of discharge: the inverse of
 * depthOfDischargeForCycles (log(cycles) linear in the depth between the table's points), held at its ends.
 */
export function cyclesForDepthOfDischarge(depth: number, table: readonly CycleLifePoint[]): number {
  const byDepth = [...table].reverse();
  return interpolate(
    byDepth.map((t) => t.depth_of_discharge),
    byDepth.map((t) => t.cycles),
    depth,
    { logY: true },
  );
}

/**
 * Annual extraterrestrial irradiation on a horizontal plane at latitude φ, kWh/m² per 365-day year
 * (the year of every per-year figure here): Duffie & Beckman eq. 1.10.3, H0 = (24·3600/π)·G_on·(cos φ cos δ sin ω_s + ω_s sin φ sin δ),
 * with Spencer's series for the sun-distance factor G_on/G_sc (eq. 1.4.1b) and the declination δ
 * (eq. 1.6.1b), and the sunset hour angle cos ω_s = −tan φ tan δ (eq. 1.6.10, clipped for polar day
 * and night), summed over the days of the year.
 */
export function extraterrestrialHorizontalKwhPerM2Year(latitude_deg: number, solarConstant_w_m2: number): number {
  const phi = latitude_deg * DEG;
  let sum_J = 0;
  for (let n = 1; n <= 365; n++) {
    const B = (2 * Math.PI * (n - 1)) / 365;
    const distance =
      1.00011 + 0.034221 * Math.cos(B) + 0.00128 * Math.sin(B) + 0.000719 * Math.cos(2 * B) + 0.000077 * Math.sin(2 * B);
    const delta =
      0.006918 -
      0.399912 * Math.cos(B) +
      0.070257 * Math.sin(B) -
      0.006758 * Math.cos(2 * B) +
      0.000907 * Math.sin(2 * B) -
      0.002697 * Math.cos(3 * B) +
      0.00148 * Math.sin(3 * B);
    const cosWs = Math.max(-1, Math.min(1, -Math.tan(phi) * Math.tan(delta)));
    const ws = Math.acos(cosWs);
    const h0 =
      ((24 * 3600 * solarConstant_w_m2 * distance) / Math.PI) *
      (Math.cos(phi) * Math.cos(delta) * Math.sin(ws) + ws * Math.sin(phi) * Math.sin(delta));
    sum_J += Math.max(0, h0);
  }
  return sum_J / 3.6e6;
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

const CELL_IDS = Object.keys(CELLS) as [string, ...string[]];
const cellIdList = CELL_IDS.map((c) => `"${c}"`).join(', ');

const CellObject = z
  .object({
    technology: z
      .enum(CELL_IDS, { error: `expected one of ${cellIdList}` })
      .optional()
      .describe('A cell technology of the catalogue (GET /v1/sources cites each figure); the fields below override it'),
    efficiency: fraction('a cell efficiency', { gt: 0, lt: 1 })
      .optional()
      .describe('Beginning-of-life cell efficiency at AM0 (bare cell, rated conditions)'),
    degradation_per_year: fraction('a degradation per year', { min: 0, lt: 1 })
      .optional()
      .describe('Fractional loss of output per year of the mission (radiation, UV, thermal cycling)'),
    inherent_degradation: fraction('an inherent degradation factor', { gt: 0, max: 1 })
      .optional()
      .describe('I_d: array output over cell rating at beginning of life (design, assembly, temperature, shadowing); SMAD 0.77'),
  })
  .strict();

const RegulationSchema = z.enum(['ppt', 'det'], {
  error: 'expected "ppt" (peak-power tracking) or "det" (direct energy transfer)',
});

const PowerFields = z
  .object({
    load_kw: quantity('kW', {
      gt: 0,
      lt: 1e9,
      example: '1 MW',
      description: 'Continuous electrical load to supply in daylight and in eclipse (the IT load plus anything else on the bus)',
    }),
    extra_loss_fraction: fraction('an extra loss', { min: 0, lt: 1 })
      .optional()
      .describe(
        'A loss of your own beyond the path efficiencies (e.g. harness, power conversion to the servers): the load is divided by (1 − it)',
      ),
    orbit: OrbitSpecSchema.optional(),
    epoch: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'Start of the sizing window and of the 365-day energy average, ISO-8601 UTC; default: the element set epoch, or now',
      ),
    annual_step_h: AnnualStepField,
    sizing_window_days: quantity('d', {
      min: 0,
      max: 365,
      example: '90 d',
      description:
        'The battery and array are sized for the worst eclipse within this many days from the epoch (0: the epoch alone). Default 365: every eclipse season',
    }).optional(),
    eclipse_fraction: fraction('an eclipse fraction', { min: 0, max: 1 })
      .optional()
      .describe(
        'Instead of an orbit: the share of each revolution in eclipse (with period_min); it sizes both the battery and the energy figures',
      ),
    eclipse_duration_min: quantity('min', {
      min: 0,
      description: 'Instead of an orbit or eclipse_fraction: the eclipse duration per revolution (with period_min)',
    }).optional(),
    period_min: quantity('min', {
      gt: 0,
      lt: 100_000,
      description: 'Orbital period, with eclipse_fraction or eclipse_duration_min',
    }).optional(),
    mission_years: quantity('year', {
      min: 0,
      max: 100,
      example: '5 year',
      description: 'Design life: the array is sized for its end-of-life output',
    }).optional(),
    solar_constant_w_per_m2: quantity('W/m2', {
      gt: 0,
      lt: 100_000,
      example: '1361 W/m^2',
      description: 'Solar irradiance at the orbit (1 AU)',
    }).optional(),
    cell: z
      .union([z.enum(CELL_IDS), CellObject], {
        error: `expected a cell technology id (${cellIdList}) or an object { technology?, efficiency?, degradation_per_year?, inherent_degradation? }`,
      })
      .optional()
      .describe(`Solar cell: a technology id of the catalogue (${cellIdList}) or explicit figures`),
    regulation: RegulationSchema.optional().describe(
      'Power regulation: "ppt" peak-power tracking (path efficiencies X_e 0.60, X_d 0.80) or "det" direct energy transfer (0.65, 0.85), SMAD',
    ),
    daylight_path_efficiency: fraction('a daylight path efficiency', { gt: 0, max: 1 })
      .optional()
      .describe('X_d, array to load in daylight; overrides the regulation figure'),
    eclipse_path_efficiency: fraction('an eclipse path efficiency', { gt: 0, max: 1 })
      .optional()
      .describe('X_e, array through the battery to load; overrides the regulation figure'),
    battery: z
      .object({
        depth_of_discharge: fraction('a depth of discharge', { gt: 0, max: 1 })
          .optional()
          .describe(
            'Share of the battery energy used in the worst eclipse; default: the depth life-tested Li-ion cells sustain for the charge–discharge cycles over the mission',
          ),
        discharge_efficiency: fraction('a discharge efficiency', { gt: 0, max: 1 })
          .optional()
          .describe('Battery to load transmission efficiency'),
        specific_energy_wh_per_kg: quantity('Wh/kg', {
          gt: 0,
          lt: 100_000,
          example: '150 Wh/kg',
          description: 'Battery-level specific energy',
        }).optional(),
      })
      .strict()
      .optional(),
    array: z
      .object({
        w_per_m2: quantity('W/m2', {
          gt: 0,
          lt: 100_000,
          example: '312.5 W/m^2',
          description:
            "The array's output per m² in full sun, taken as given for the whole mission: overrides the cell model (efficiency, inherent and life degradation); the implied efficiency is reported",
        }).optional(),
        specific_power_w_per_kg: quantity('W/kg', {
          gt: 0,
          lt: 100_000,
          example: '150 W/kg',
          description: 'Array beginning-of-life power per kg of array',
        }).optional(),
        areal_density_kg_per_m2: quantity('kg/m2', {
          gt: 0,
          lt: 10_000,
          example: '2 kg/m^2',
          description: 'Array mass per m² (instead of specific_power_w_per_kg)',
        }).optional(),
        incidence_deg: quantity('deg', {
          min: 0,
          lt: 90,
          description: 'Sun incidence on the panels (0: sun-tracking)',
        }).optional(),
        max_area_m2: quantity('m2', {
          gt: 0,
          description: 'A cap on the array area: above it the budget cannot close (422)',
        }).optional(),
        max_mass_kg: quantity('kg', {
          gt: 0,
          description: 'A cap on the array mass: above it the budget cannot close (422)',
        }).optional(),
      })
      .strict()
      .optional(),
    ground: z
      .object({
        latitude_deg: quantity('deg', {
          min: -90,
          max: 90,
          description: 'Compare with a horizontal panel at this latitude: extraterrestrial irradiation × clearness index',
        }).optional(),
        clearness_index: fraction('a clearness index', { gt: 0, lt: 1 })
          .optional()
          .describe('Share of top-of-atmosphere sunlight reaching the ground at that latitude (with latitude_deg)'),
        capacity_factor: fraction('a capacity factor', { gt: 0, max: 1 })
          .optional()
          .describe('Compare with a ground plant of this capacity factor on its DC (module STC) rating'),
        capacity_factor_ac: fraction('an AC capacity factor', { gt: 0, max: 1 })
          .optional()
          .describe(
            'Compare with a ground plant of this capacity factor on its AC rating (as EIA reports it); divided by the inverter loading ratio',
          ),
        inverter_loading_ratio: z
          .number()
          .min(1, 'expected an inverter loading ratio ≥ 1 (DC rating over AC rating)')
          .max(5, 'expected an inverter loading ratio ≤ 5')
          .optional()
          .describe('DC module rating over AC inverter rating (with capacity_factor_ac)'),
      })
      .strict()
      .optional()
      .describe('The ground panel to compare with: a latitude, or a capacity factor (default: the U.S. utility-scale PV fleet)'),
  })
  .strict();
type PowerFields = z.output<typeof PowerFields>;
type Refinement = z.RefinementCtx<PowerFields>;

/** Where the sizing eclipse comes from: the orbit model, or the caller's eclipse with its period. */
export type EclipseSource =
  | {
      from: 'orbit';
      orbit: OrbitSpec;
      epoch: string | undefined;
      sizing_window_days: number | undefined;
      annual_step_h: number | undefined;
    }
  | { from: 'eclipse_fraction'; eclipse_fraction: number; period_min: number }
  | { from: 'eclipse_duration_min'; eclipse_duration_min: number; period_min: number };

/** The cell: explicit efficiency and degradation without a technology, or a catalogue technology (default the catalogue's choice) with overrides. */
export type CellSource =
  | { from: 'figures'; efficiency: number; degradation_per_year: number; inherent_degradation: number | undefined }
  | {
      from: 'catalogue';
      technology: string | undefined;
      efficiency: number | undefined;
      degradation_per_year: number | undefined;
      inherent_degradation: number | undefined;
    };

/** The array's output per m²: the cell model, or array.w_per_m2 taken as given for the whole mission. */
export type ArrayOutputSource = { from: 'cell'; cell: CellSource } | { from: 'w_per_m2'; w_per_m2: number };

/** The array's mass: by areal density, or by specific power of the beginning-of-life power (default the catalogue's). */
export type ArrayMassSource =
  | { from: 'areal_density'; areal_density_kg_per_m2: number }
  | { from: 'specific_power'; specific_power_w_per_kg: number | undefined };

/** The ground panel compared with: a latitude model, a DC capacity factor, or an AC one (the default, U.S. utility-scale PV). */
export type GroundSource =
  | { method: 'latitude'; latitude_deg: number; clearness_index: number | undefined }
  | { method: 'capacity_factor'; capacity_factor: number }
  | { method: 'capacity_factor_ac'; capacity_factor_ac: number | undefined; inverter_loading_ratio: number | undefined };

/** A power request as the model takes it: each input with modes resolved to the one mode given. */
export interface PowerCase {
  load_kw: number;
  extra_loss_fraction: number | undefined;
  mission_years: number | undefined;
  solar_constant_w_per_m2: number | undefined;
  regulation: 'ppt' | 'det' | undefined;
  daylight_path_efficiency: number | undefined;
  eclipse_path_efficiency: number | undefined;
  battery: PowerFields['battery'];
  eclipse: EclipseSource;
  array: {
    output: ArrayOutputSource;
    mass: ArrayMassSource;
    incidence_deg: number | undefined;
    max_area_m2: number | undefined;
    max_mass_kg: number | undefined;
  };
  ground: GroundSource;
}

/** Add a refusal of the request at `path` (a custom issue, as a 400 names it); undefined, for the step that refused. */
function refuse(ctx: Refinement, path: (string | number)[], message: string): undefined {
  ctx.addIssue({ code: 'custom', path, message });
  return undefined;
}

const ORBIT_OR_ECLIPSE = 'expected either an orbit or eclipse_fraction (or eclipse_duration_min) with period_min, not both';

/** The eclipse source: an orbit, or eclipse_fraction or eclipse_duration_min with period_min, never both. */
function eclipseSource(x: PowerFields, ctx: Refinement): EclipseSource | undefined {
  if (x.orbit !== undefined) {
    if (x.period_min !== undefined) return refuse(ctx, ['period_min'], ORBIT_OR_ECLIPSE);
    if (x.eclipse_fraction !== undefined) return refuse(ctx, ['eclipse_fraction'], ORBIT_OR_ECLIPSE);
    if (x.eclipse_duration_min !== undefined) return refuse(ctx, ['eclipse_duration_min'], ORBIT_OR_ECLIPSE);
    return {
      from: 'orbit',
      orbit: x.orbit,
      epoch: x.epoch,
      sizing_window_days: x.sizing_window_days,
      annual_step_h: x.annual_step_h,
    };
  }
  const direct = x.eclipse_fraction !== undefined || x.eclipse_duration_min !== undefined;
  if (!direct && x.period_min === undefined)
    return refuse(ctx, ['orbit'], 'expected an orbit, or eclipse_fraction (or eclipse_duration_min) with period_min');
  if (x.eclipse_fraction !== undefined && x.eclipse_duration_min !== undefined)
    return refuse(ctx, ['eclipse_duration_min'], 'expected either eclipse_fraction or eclipse_duration_min, not both');
  if (x.period_min === undefined) return refuse(ctx, ['period_min'], 'expected period_min beside the eclipse');
  if (x.eclipse_duration_min !== undefined)
    return { from: 'eclipse_duration_min', eclipse_duration_min: x.eclipse_duration_min, period_min: x.period_min };
  if (x.eclipse_fraction !== undefined)
    return { from: 'eclipse_fraction', eclipse_fraction: x.eclipse_fraction, period_min: x.period_min };
  return refuse(ctx, ['eclipse_fraction'], 'expected eclipse_fraction or eclipse_duration_min beside period_min');
}

/** epoch and sizing_window_days place the sizing window on an orbit: without one they mean nothing. */
function checkOrbitOnlyFields(x: PowerFields, ctx: Refinement): void {
  if (x.orbit !== undefined) return;
  for (const key of ['epoch', 'sizing_window_days', 'annual_step_h'] as const)
    if (x[key] !== undefined) refuse(ctx, [key], `expected ${key} only with an orbit`);
}

/** The cell as given: a catalogue id, an object of figures (with or without a technology), or nothing (the default). */
function cellSource(cell: PowerFields['cell']): CellSource {
  const given = typeof cell === 'string' ? { technology: cell } : (cell ?? {});
  const { technology, efficiency, degradation_per_year, inherent_degradation } = given;
  if (technology === undefined && efficiency !== undefined && degradation_per_year !== undefined)
    return { from: 'figures', efficiency, degradation_per_year, inherent_degradation };
  return { from: 'catalogue', technology, efficiency, degradation_per_year, inherent_degradation };
}

/** The array's output per m²: array.w_per_m2 replaces the cell model, so not both. */
function arrayOutputSource(x: PowerFields, ctx: Refinement): ArrayOutputSource | undefined {
  const w_per_m2 = x.array?.w_per_m2;
  if (w_per_m2 === undefined) return { from: 'cell', cell: cellSource(x.cell) };
  if (x.cell !== undefined)
    return refuse(ctx, ['cell'], 'expected either cell or array.w_per_m2 (which replaces the cell model), not both');
  return { from: 'w_per_m2', w_per_m2 };
}

/** The array's mass: by specific power or by areal density, not both. */
function arrayMassSource(x: PowerFields, ctx: Refinement): ArrayMassSource | undefined {
  const specific_power_w_per_kg = x.array?.specific_power_w_per_kg;
  const areal_density_kg_per_m2 = x.array?.areal_density_kg_per_m2;
  if (areal_density_kg_per_m2 === undefined) return { from: 'specific_power', specific_power_w_per_kg };
  if (specific_power_w_per_kg !== undefined)
    return refuse(
      ctx,
      ['array', 'areal_density_kg_per_m2'],
      'expected either specific_power_w_per_kg or areal_density_kg_per_m2, not both',
    );
  return { from: 'areal_density', areal_density_kg_per_m2 };
}

/** The ground panel: one of a latitude (with its clearness index), a DC or an AC capacity factor (with its inverter loading ratio). */
function groundSource(x: PowerFields, ctx: Refinement): GroundSource | undefined {
  const g = x.ground ?? {};
  const methods = [g.latitude_deg, g.capacity_factor, g.capacity_factor_ac].filter((m) => m !== undefined).length;
  const before = ctx.issues.length;
  if (methods > 1) refuse(ctx, ['ground'], 'expected one of latitude_deg, capacity_factor or capacity_factor_ac');
  if (g.clearness_index !== undefined && g.latitude_deg === undefined)
    refuse(ctx, ['ground', 'clearness_index'], 'expected clearness_index only with latitude_deg');
  if (g.inverter_loading_ratio !== undefined && g.capacity_factor_ac === undefined)
    refuse(ctx, ['ground', 'inverter_loading_ratio'], 'expected inverter_loading_ratio only with capacity_factor_ac');
  if (ctx.issues.length > before) return undefined;
  if (g.latitude_deg !== undefined)
    return { method: 'latitude', latitude_deg: g.latitude_deg, clearness_index: g.clearness_index };
  if (g.capacity_factor !== undefined) return { method: 'capacity_factor', capacity_factor: g.capacity_factor };
  return {
    method: 'capacity_factor_ac',
    capacity_factor_ac: g.capacity_factor_ac,
    inverter_loading_ratio: g.inverter_loading_ratio,
  };
}

/**
 * The case a request makes, or its issues: each input with modes resolved by a named step that
 * refuses what does not make one mode. It runs twice: as the refinement, for its issues (beside
 * any others, such as an unknown field), and as the transform of a clean input, for the case.
 */
function powerCase(x: PowerFields, ctx: Refinement): PowerCase | undefined {
  const eclipse = eclipseSource(x, ctx);
  checkOrbitOnlyFields(x, ctx);
  const output = arrayOutputSource(x, ctx);
  const mass = arrayMassSource(x, ctx);
  const ground = groundSource(x, ctx);
  if (!eclipse || !output || !mass || !ground) return undefined;
  return {
    load_kw: x.load_kw,
    extra_loss_fraction: x.extra_loss_fraction,
    mission_years: x.mission_years,
    solar_constant_w_per_m2: x.solar_constant_w_per_m2,
    regulation: x.regulation,
    daylight_path_efficiency: x.daylight_path_efficiency,
    eclipse_path_efficiency: x.eclipse_path_efficiency,
    battery: x.battery,
    eclipse,
    array: {
      output,
      mass,
      incidence_deg: x.array?.incidence_deg,
      max_area_m2: x.array?.max_area_m2,
      max_mass_kg: x.array?.max_mass_kg,
    },
    ground,
  };
}

export const PowerInput = PowerFields.superRefine((x, ctx) => {
  powerCase(x, ctx);
}).transform((x, ctx) => powerCase(x, ctx) ?? z.NEVER);

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export const PowerOutput = z.object({
  design_load_kw: z.number().describe('P_e = P_d: the load divided by (1 − extra_loss_fraction)'),
  array_power_kw: z.number().describe('SMAD P_sa: daylight power the array must deliver at end of life'),
  array_bol_power_kw: z.number().describe('Power installed at beginning of life (P_sa over the life degradation)'),
  array_area_m2: z.number().describe('P_sa / eol_w_per_m2'),
  array_mass_kg: z
    .number()
    .describe('Array mass: beginning-of-life power / specific power, or area × areal density (array_mass_basis says which)'),
  array_mass_basis: z.string().describe('How array_mass_kg was formed, with the specific power or areal density it used'),
  ideal_w_per_m2: z
    .number()
    .nullable()
    .describe('S0·η: the bare cell at normal incidence (null when array.w_per_m2 replaces the cell model)'),
  bol_w_per_m2: z.number().describe('S0·η·I_d·cos θ'),
  eol_w_per_m2: z.number().describe('bol_w_per_m2·(1 − d)^years: the figure that sizes the area'),
  implied_efficiency: z.number().describe('eol_w_per_m2 / S0: sunlight to array output at end of life, all losses included'),
  life_degradation: z.number().describe('(1 − d)^years'),
  cell: z
    .object({
      technology: z
        .string()
        .nullable()
        .describe('Catalogue technology the figures come from; null for explicit figures or array.w_per_m2'),
      efficiency: z.number().nullable().describe('Beginning-of-life cell efficiency η at AM0; null with array.w_per_m2'),
      degradation_per_year: z
        .number()
        .describe('Fractional output loss per year d of the life degradation (1 − d)^years; 0 with array.w_per_m2'),
      inherent_degradation: z
        .number()
        .nullable()
        .describe('SMAD I_d: array output over cell rating at beginning of life; null with array.w_per_m2'),
    })
    .describe(
      'The cell figures the array output is computed with: the caller’s, over the catalogue technology, over the defaults',
    ),
  path_efficiency: z
    .object({
      regulation: z
        .enum(['ppt', 'det'])
        .describe('Power regulation whose SMAD path efficiencies apply: peak-power tracking or direct energy transfer'),
      daylight: z.number().describe('X_d'),
      eclipse: z.number().describe('X_e'),
    })
    .describe('SMAD path efficiencies from the array to the load (the caller’s, else the regulation’s)'),
  period_min: z.number().describe('Orbital period, from the orbit model or as given'),
  eclipse_duration_min: z.number().describe('The eclipse that sizes the battery and array'),
  daylight_duration_min: z.number().describe('Period minus that eclipse'),
  sizing_eclipse: z
    .object({
      basis: z.string().describe('"worst case over the year", "worst case over the N-day window", "at the epoch", or "given"'),
      reason: z
        .string()
        .describe('Why this eclipse is the sizing one: the beta range over the window and where its longest eclipse falls'),
      beta_deg: z
        .number()
        .nullable()
        .describe('Beta angle of the sizing eclipse: 0 when the window spans it, else the smallest |beta|; null when given'),
      eclipse_fraction: z.number().describe('Share of the revolution in eclipse at that beta (cylindrical shadow), or as given'),
      eclipse_min: z.number().describe('Sizing eclipse duration: eclipse_fraction × period'),
      window_days: z.number().nullable().describe('Days from the epoch searched for the worst eclipse; null when given'),
      window_beta_min_deg: z.number().nullable().describe('Smallest beta angle over the sizing window; null when given'),
      window_beta_max_deg: z.number().nullable().describe('Largest beta angle over the sizing window; null when given'),
    })
    .describe('Which eclipse sized the battery and array, and why'),
  energy_sunlit_fraction: z.number().describe('Share of the time in sunlight that sizes the energy figures'),
  energy_basis: z.string().describe('"annual mean over 365 days from the epoch" or "given eclipse fraction"'),
  battery_energy_kwh: z.number().describe('Installed (nameplate) energy: P_e·T_e / (DoD·η_dis)'),
  battery_mass_kg: z.number().describe('battery_energy_kwh / the battery-level specific energy, kg'),
  battery_depth_of_discharge: z
    .number()
    .nullable()
    .describe(
      'Share of the installed energy the sizing eclipse uses: the caller’s, or from the charge–discharge cycles over the mission (fewer cycles, deeper); null without a battery. Dimensionless',
    ),
  battery_depth_of_discharge_basis: z
    .string()
    .nullable()
    .describe('Where the depth of discharge comes from: given, or the cycle count and the life tests it is interpolated between'),
  eclipses_per_year: z.number().describe('Charge–discharge cycles in a 365-day year'),
  battery_cycles_over_mission: z
    .number()
    .describe(
      'Charge–discharge cycles over the mission: eclipses_per_year × mission years (what the default depth of discharge follows)',
    ),
  orbit_average_heat_kw: z
    .number()
    .describe(
      'Heat to reject, orbit average, kW: every watt the array delivers ends as heat (the load’s and the path losses’), P_sa·T_d/T = load·(f/X_e + (1 − f)/X_d) at the sizing eclipse',
    ),
  energy_per_orbit: z
    .object({
      array_kwh: z.number().describe('P_sa × daylight: what the end-of-life array delivers per revolution'),
      load_kwh: z.number().describe('P × period: what the load uses per revolution'),
      required_kwh: z.number().describe('P_e·T_e/X_e + P_d·T_d/X_d: the load energy grossed up by the path efficiencies'),
    })
    .describe('Energy balance over the sizing revolution'),
  array_output_kwh_per_m2_year: z
    .number()
    .describe(
      'Beginning-of-life array output per m² per year at the energy sunlit fraction: bol_w_per_m2 × sunlit × 8,760 h (a 365-day year)',
    ),
  orbit_to_ground_energy_ratio: z
    .number()
    .describe(
      'The headline, like for like: energy per m² of panel per year in this orbit over that of the ground panel, both net of the same category of losses (ground_comparison.like_for_like_basis says how the orbital side is formed). Dimensionless',
    ),
  orbit_to_ground_sunlight_ratio: z
    .number()
    .describe(
      'Gross AM0 sunlight per m² of panel per year in this orbit over the ground figure (net of the ground plant’s losses against a capacity factor): not like for like, above the headline by 1/I_d. Dimensionless',
    ),
  ground_comparison: z
    .object({
      method: z
        .enum(['capacity_factor', 'latitude'])
        .describe('The ground panel: a plant at a capacity factor, or a horizontal panel under the latitude model'),
      basis: z.string().describe('The ground figure in words, with its figures and their limits'),
      orbit_sunlight_kwh_per_m2_year: z
        .number()
        .describe('Gross sunlight on a panel in this orbit: S0 × cos θ × energy sunlit fraction × 8,760 h, kWh/m² a year'),
      orbit_like_for_like_kwh_per_m2_year: z
        .number()
        .describe(
          'The orbital sunlight net of the same category of losses as the ground figure (× I_d against a capacity factor; as it is against the latitude model), kWh/m² a year',
        ),
      like_for_like_basis: z.string().describe('How the like-for-like orbital figure is formed, and why'),
      ground_kwh_per_m2_year: z
        .number()
        .describe('The ground panel: capacity factor × 8,760 h at 1000 W/m², or the latitude model’s sunlight, kWh/m² a year'),
      capacity_factor_dc: z
        .number()
        .nullable()
        .describe(
          'DC capacity factor of the ground plant: as given, or the AC one over the inverter loading ratio; null for the latitude model',
        ),
      latitude_deg: z.number().nullable().describe('Latitude of the horizontal ground panel; null against a capacity factor'),
      clearness_index: z
        .number()
        .nullable()
        .describe('Share of top-of-atmosphere sunlight reaching the ground at that latitude; null against a capacity factor'),
      extraterrestrial_kwh_per_m2_year: z
        .number()
        .nullable()
        .describe(
          'Top-of-atmosphere sunlight on a horizontal plane at that latitude over a year, Duffie & Beckman eq. 1.10.3; null against a capacity factor',
        ),
    })
    .describe('The ground panel the orbital one is compared with, and both sides of the comparison'),
  orbit: z
    .object({
      orbit_kind: z.enum(['elements', 'tle', 'omm']).describe('How the orbit was given: mean elements, a TLE or an OMM'),
      epoch: z.string().describe('Epoch of the sizing window and of the 365-day picture, ISO-8601 UTC'),
      altitude_km: z.number().describe('Mean altitude above the WGS84 equatorial radius'),
      inclination_deg: z.number().describe('Inclination (derived from J2 for a sun-synchronous orbit)'),
      beta_star_deg: z.number().describe('Eclipse-free threshold: |beta| above it means no eclipse'),
      annual: AnnualOutput.pick({
        beta_min_deg: true,
        beta_max_deg: true,
        sunlit_fraction: true,
        eclipse_days: true,
        max_eclipse_min: true,
        seasons: true,
      }).describe(
        'The 365 days from the epoch, sampled every annual_step_h hours (beta from the sun of date, the node advanced by J2)',
      ),
    })
    .nullable()
    .describe('The orbit as resolved by the orbit model (null when the eclipse was given directly)'),
});
export type PowerResult = z.infer<typeof PowerOutput>;

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export interface SizingEclipse {
  period_min: number;
  fraction: number;
  sizing: PowerResult['sizing_eclipse'];
  sunlitFraction: number;
  energyBasis: string;
  eclipsesPerYear: number;
  orbit: PowerResult['orbit'];
}

function fmt(x: number, digits = 1): string {
  return x.toFixed(digits);
}

/** The beta range over the sizing window: the year's from the annual picture, a shorter window sampled at the same step. */
function windowBetaRange(o: ResolvedOrbit, annual: AnnualPicture, windowDays: number, step_h: number) {
  if (windowDays >= 365) return { betaMin: annual.beta_min_deg, betaMax: annual.beta_max_deg };
  let betaMin = Infinity;
  let betaMax = -Infinity;
  const samples = Math.max(1, Math.round((windowDays * 24) / step_h));
  for (let k = 0; k <= (windowDays === 0 ? 0 : samples); k++) {
    const t = new Date(o.epoch.getTime() + ((k * windowDays) / samples) * 86_400_000);
    const b = betaAt(o, t);
    betaMin = Math.min(betaMin, b);
    betaMax = Math.max(betaMax, b);
  }
  return { betaMin, betaMax };
}

interface SizingChoice {
  o: ResolvedOrbit;
  annual: AnnualPicture;
  windowDays: number;
  betaMin: number;
  betaMax: number;
  beta: number;
  fraction: number;
}

/** Why this eclipse sizes the battery and array, and the warnings a window that misses the year's eclipses owes. */
function sizingReason(c: SizingChoice, p: Provenance): { basis: string; reason: string } {
  const { o, annual, windowDays, betaMin, betaMax, beta, fraction } = c;
  const basis =
    windowDays === 0
      ? 'at the epoch'
      : windowDays >= 365
        ? 'worst case over the year'
        : `worst case over the ${fmt(windowDays, 0)}-day window`;
  const where =
    windowDays === 0 ? `at ${o.epoch.toISOString()}` : `in the ${fmt(windowDays, 0)} days from ${o.epoch.toISOString()}`;
  let reason: string;
  if (windowDays === 0) reason = `the beta angle at the epoch is ${fmt(beta, 2)}°`;
  else if (betaMin <= 0 && betaMax >= 0)
    reason = `the beta angle spans ${fmt(betaMin)}° to ${fmt(betaMax)}° ${where}, so the eclipse at beta 0 (the longest) sizes the battery and array`;
  else
    reason = `the beta angle stays within ${fmt(betaMin)}° to ${fmt(betaMax)}° ${where}; the smallest |beta|, ${fmt(beta, 2)}°, gives the longest eclipse`;
  if (fraction === 0)
    reason += `; it is above beta* = ${fmt(betaStarDeg(o.altitude_km), 2)}°, so there is no eclipse and no battery is sized`;

  const eclipse_min = fraction * o.period_min;
  if (fraction === 0 && annual.eclipse_days > 0) {
    const seasons = annual.seasons.map((s) => `${s.start.slice(0, 10)} – ${s.end.slice(0, 10)}`).join(', ');
    p.warn(
      `no eclipse ${where}, so no battery is sized; but over the year this orbit is eclipsed on ${annual.eclipse_days} days (${seasons}), up to ${fmt(annual.max_eclipse_min)} min per revolution: the load goes unpowered then unless sized for it (sizing_window_days: 365)`,
    );
  } else if (windowDays < 365 && annual.max_eclipse_min > eclipse_min + 0.05) {
    p.warn(
      `the sizing window misses the year's longest eclipses (${fmt(annual.max_eclipse_min)} min against ${fmt(eclipse_min)} min in the window): the battery and array are too small for part of the year`,
    );
  }
  return { basis, reason };
}

/** The orbit as the power output reports it: elements and the 365-day picture. */
function orbitSummary(o: ResolvedOrbit, annual: AnnualPicture): PowerResult['orbit'] {
  return {
    orbit_kind: o.kind,
    epoch: o.epoch.toISOString(),
    altitude_km: o.altitude_km,
    inclination_deg: o.inclination_rad / DEG,
    beta_star_deg: betaStarDeg(o.altitude_km),
    annual: {
      beta_min_deg: annual.beta_min_deg,
      beta_max_deg: annual.beta_max_deg,
      sunlit_fraction: annual.sunlit_fraction,
      eclipse_days: annual.eclipse_days,
      max_eclipse_min: annual.max_eclipse_min,
      seasons: annual.seasons,
    },
  };
}

/**
 * The sizing eclipse and the energy sunlit fraction of an orbit, from the orbit model's geometry: the
 * worst eclipse over the sizing window (beta 0 when the window's beta range spans it, else the
 * smallest |beta|). The radiator's energy balance in the thermal estimator takes its eclipse here too.
 */
export function orbitEclipse(
  spec: OrbitSpec,
  epoch: string | undefined,
  sizingWindowDays: number | undefined,
  p: Provenance,
  annualStep_h?: number,
): SizingEclipse {
  const o: ResolvedOrbit = resolveOrbit(spec, epoch, p, '/orbit');
  if (o.eccentricity > 0.01)
    p.warn(`eccentricity ${o.eccentricity.toFixed(4)}: the eclipse is the circular-orbit closed form at the mean altitude`);
  const step_h = p.orDefault('orbit.annual_step_h', annualStep_h, 'annual_step_h');
  const annual: AnnualPicture = annualPicture(o, step_h);
  const windowDays = p.orDefault('power.sizing_window_days', sizingWindowDays, 'sizing_window_days');
  const { betaMin, betaMax } = windowBetaRange(o, annual, windowDays, step_h);
  // Worst case: beta 0 when the range spans it (sampling may step over it), else the smallest |beta|.
  const beta = betaMin <= 0 && betaMax >= 0 ? 0 : betaMin > 0 ? betaMin : betaMax;
  const fraction = eclipseFraction(o.altitude_km, beta);
  const { basis, reason } = sizingReason({ o, annual, windowDays, betaMin, betaMax, beta, fraction }, p);
  return {
    period_min: o.period_min,
    fraction,
    sizing: {
      basis,
      reason,
      beta_deg: beta,
      eclipse_fraction: fraction,
      eclipse_min: fraction * o.period_min,
      window_days: windowDays,
      window_beta_min_deg: betaMin,
      window_beta_max_deg: betaMax,
    },
    sunlitFraction: annual.sunlit_fraction,
    energyBasis: 'annual mean over 365 days from the epoch',
    eclipsesPerYear: annual.eclipse_days * (MINUTES_PER_DAY / o.period_min),
    orbit: orbitSummary(o, annual),
  };
}

/**
 * The eclipse fraction of an eclipse given as a duration per revolution, T_e/T; refused (422) when
 * it leaves no daylight to recharge the battery.
 */
export function durationFraction(eclipse_duration_min: number, period_min: number): number {
  if (eclipse_duration_min >= period_min)
    throw new PhysicallyImpossible(
      `an eclipse of ${eclipse_duration_min} min in a ${period_min}-min period leaves no daylight: no array can recharge the battery`,
      '/eclipse_duration_min',
      { eclipse_duration_min, period_min },
    );
  return eclipse_duration_min / period_min;
}

/** The eclipse given directly: it sizes both the battery and the energy figures. */
export function givenEclipse(fraction: number, period_min: number): SizingEclipse {
  if (fraction >= 1)
    throw new PhysicallyImpossible(
      'an eclipse fraction of 1 leaves no daylight: no array can recharge the battery',
      '/eclipse_fraction',
      {
        eclipse_fraction: fraction,
      },
    );
  const eclipse_min = fraction * period_min;
  return {
    period_min,
    fraction,
    sizing: {
      basis: 'given',
      reason:
        fraction === 0
          ? 'the eclipse was given as 0: no battery is sized'
          : `the eclipse was given: ${fmt(eclipse_min, 2)} min of a ${fmt(period_min, 2)}-min revolution`,
      beta_deg: null,
      eclipse_fraction: fraction,
      eclipse_min,
      window_days: null,
      window_beta_min_deg: null,
      window_beta_max_deg: null,
    },
    sunlitFraction: 1 - fraction,
    energyBasis: 'given eclipse fraction',
    eclipsesPerYear: fraction > 0 ? (HOURS_PER_COMMON_YEAR * 60) / period_min : 0,
    orbit: null,
  };
}

/** The eclipse that sizes the battery and array, by its source: the orbit's worst, or the caller's. */
function sizingEclipse(source: EclipseSource, p: Provenance): SizingEclipse {
  switch (source.from) {
    case 'orbit':
      return orbitEclipse(source.orbit, source.epoch, source.sizing_window_days, p, source.annual_step_h);
    case 'eclipse_fraction':
      return givenEclipse(source.eclipse_fraction, source.period_min);
    case 'eclipse_duration_min':
      return givenEclipse(durationFraction(source.eclipse_duration_min, source.period_min), source.period_min);
  }
}

/** A catalogue cell by id (the schema's enum, or the catalogue's default choice, checked when the fixtures load). */
function catalogueCell(id: string): Cell {
  const cell = CELLS[id];
  if (cell === undefined) throw new Error(`power: no cell "${id}" in the catalogue`);
  return cell;
}

/** The cell figures in use: the caller's, over the catalogue technology, over the defaults. */
export function resolveCell(cell: CellSource, p: Provenance) {
  if (cell.from === 'figures') {
    const inherent = p.orDefault('power.cell.inherent_degradation', cell.inherent_degradation, 'cell.inherent_degradation');
    return { technology: null, efficiency: cell.efficiency, degradation: cell.degradation_per_year, inherent };
  }
  const technology = cell.technology ?? p.orChoice('power.cell', undefined, 'cell.technology');
  const cat = catalogueCell(technology);
  const efficiency = cell.efficiency ?? cat.efficiency;
  if (cell.efficiency === undefined) p.assume('cell.efficiency', efficiency, '1', cat.sources.efficiency);
  const degradation = cell.degradation_per_year ?? cat.degradation_per_year;
  if (cell.degradation_per_year === undefined)
    p.assume('cell.degradation_per_year', degradation, '1/year', cat.sources.degradation_per_year);
  const inherent = p.orDefault('power.cell.inherent_degradation', cell.inherent_degradation, 'cell.inherent_degradation');
  return { technology, efficiency, degradation, inherent };
}

/** Regulation and path efficiencies X_d, X_e (SMAD sec. 11.4): the caller's, else the regulation's. */
function pathEfficiencies(input: PowerCase, p: Provenance): PowerResult['path_efficiency'] {
  // The regulation is an assumption only where it sets a path efficiency the caller did not give.
  const bothPathsGiven = input.daylight_path_efficiency !== undefined && input.eclipse_path_efficiency !== undefined;
  const regulation =
    input.regulation ??
    (bothPathsGiven
      ? (CHOICES['power.regulation'].value as 'ppt' | 'det')
      : p.orChoice<'ppt' | 'det'>('power.regulation', undefined, 'regulation'));
  const daylight = p.orDefault(
    regulation === 'ppt' ? 'power.path.ppt.daylight' : 'power.path.det.daylight',
    input.daylight_path_efficiency,
    'daylight_path_efficiency',
  );
  const eclipse = p.orDefault(
    regulation === 'ppt' ? 'power.path.ppt.eclipse' : 'power.path.det.eclipse',
    input.eclipse_path_efficiency,
    'eclipse_path_efficiency',
  );
  return { regulation, daylight, eclipse };
}

interface ArrayOutput {
  ideal: number | null;
  bol: number;
  eol: number;
  lifeFactor: number;
  cosIncidence: number;
  cell: PowerResult['cell'];
}

/** Array output per m² as given (array.w_per_m2): no cell model, no degradation over the mission. */
function givenArrayOutput(w_per_m2: number, cosIncidence: number, p: Provenance): Omit<ArrayOutput, 'eol' | 'cosIncidence'> {
  p.warn(
    'array.w_per_m2 replaces the cell model: no cell efficiency, inherent or life degradation is applied to it; it is taken as the array output for the whole mission',
  );
  return {
    ideal: null,
    bol: w_per_m2 * cosIncidence,
    lifeFactor: 1,
    cell: { technology: null, efficiency: null, degradation_per_year: 0, inherent_degradation: null },
  };
}

/** Array output per m² of the cell model: P_BOL = S0·η·I_d·cos θ, life degradation (1 − d)^years (SMAD sec. 11.4). */
function cellArrayOutput(
  cell: CellSource,
  S0: number,
  incidence_deg: number,
  years: number,
  p: Provenance,
): Omit<ArrayOutput, 'eol' | 'cosIncidence'> {
  const c = resolveCell(cell, p);
  const lifeFactor = lifeDegradation(c.degradation, years);
  if (lifeFactor < 0.5)
    p.warn(
      `the array keeps ${fmt(lifeFactor * 100)} % of its output after ${years} years: it is sized at more than twice its end-of-life power`,
    );
  return {
    ideal: S0 * c.efficiency,
    bol: bolWPerM2(S0, c.efficiency, c.inherent, incidence_deg),
    lifeFactor,
    cell: {
      technology: c.technology,
      efficiency: c.efficiency,
      degradation_per_year: c.degradation,
      inherent_degradation: c.inherent,
    },
  };
}

/** Array output per m² at beginning and end of life, by its source; refused (422) when it degrades to nothing. */
function arrayOutput(array: PowerCase['array'], S0: number, years: number, p: Provenance): ArrayOutput {
  const incidence = p.orDefault('power.array.incidence_deg', array.incidence_deg, 'array.incidence_deg');
  const cosIncidence = Math.cos(incidence * DEG);
  const out =
    array.output.from === 'w_per_m2'
      ? givenArrayOutput(array.output.w_per_m2, cosIncidence, p)
      : cellArrayOutput(array.output.cell, S0, incidence, years, p);
  const eol = out.bol * out.lifeFactor;
  if (!(eol > 0) || !Number.isFinite(S0 / eol))
    throw new PhysicallyImpossible(
      `the array's end-of-life output is ${eol.toExponential(2)} W/m² after ${years} years: it degrades to nothing, and no area can carry the load`,
      '/mission_years',
      { eol_w_per_m2: eol, life_degradation: out.lifeFactor },
    );
  return { ...out, eol, cosIncidence };
}

/** Array mass, by areal density (× area) or by specific power (of the beginning-of-life power), with what it rests on. */
export function arrayMass(source: ArrayMassSource, area: number, bolPower: number, p: Provenance) {
  if (source.from === 'areal_density')
    return {
      mass: area * source.areal_density_kg_per_m2,
      massBasis: `area × ${source.areal_density_kg_per_m2} kg/m²`,
    };
  const sp = p.orDefault('power.array.specific_power_w_per_kg', source.specific_power_w_per_kg, 'array.specific_power_w_per_kg');
  if (source.specific_power_w_per_kg === undefined && bolPower > ULTRAFLEX_MAX_WING_KW)
    p.warn(
      `the array mass assumes ${sp} W/kg, the upper figure quoted for ${ULTRAFLEX_MAX_WING_KW}-kW-class flexible wings; this array is ${fmt(bolPower, 0)} kW, and the largest flown arrays reach 32 W/kg (ISS) to 80 W/kg (Dawn): give array.specific_power_w_per_kg or array.areal_density_kg_per_m2 to test a heavier array`,
    );
  return { mass: (bolPower * 1000) / sp, massBasis: `beginning-of-life power / ${sp} W/kg` };
}

/** The array for P_sa: area P_sa/eol, mass by specific power (of the BOL power) or areal density, within the caller's caps. */
function sizeArray(array: PowerCase['array'], Psa: number, a: ArrayOutput, p: Provenance) {
  const area = (Psa * 1000) / a.eol;
  const bolPower = Psa / a.lifeFactor;
  const { mass, massBasis } = arrayMass(array.mass, area, bolPower, p);
  const maxArea = array.max_area_m2;
  if (maxArea !== undefined && area > maxArea)
    throw new PhysicallyImpossible(
      `the budget cannot close within ${maxArea} m²: the load needs ${fmt(area, 0)} m² of array at ${fmt(a.eol, 1)} W/m² (end of life) to deliver ${fmt(Psa, 1)} kW in daylight`,
      '/array/max_area_m2',
      { array_area_m2: area, max_area_m2: maxArea, eol_w_per_m2: a.eol, array_power_kw: Psa },
    );
  const maxMass = array.max_mass_kg;
  if (maxMass !== undefined && mass > maxMass)
    throw new PhysicallyImpossible(
      `the budget cannot close within ${maxMass} kg of array: the load needs ${fmt(mass, 0)} kg (${massBasis})`,
      '/array/max_mass_kg',
      { array_mass_kg: mass, max_mass_kg: maxMass, array_bol_power_kw: bolPower },
    );
  return { area, bolPower, mass, massBasis };
}

/**
 * Depth of discharge: the caller's, else the one life-tested Li-ion cells sustain for the mission's
 * charge-discharge cycles (eclipses a year × years; depthOfDischargeForCycles), said in `basis`.
 */
function depthOfDischarge(input: PowerCase, e: SizingEclipse, years: number, p: Provenance) {
  const cycles = e.eclipsesPerYear * years;
  const fromCycles = depthOfDischargeForCycles(cycles, BATTERY_CYCLE_LIFE);
  const count = `${whole(cycles)} charge–discharge cycles over the mission (${whole(e.eclipsesPerYear)} a year × ${years} years)`;
  const given = input.battery?.depth_of_discharge;
  if (given !== undefined) {
    if (given > fromCycles + 1e-9)
      p.warn(
        `depth of discharge ${given} with ${count}: life-tested Li-ion space cells sustain about ${fmt(fromCycles, 2)} for that many cycles; deeper cycling wears the battery out before the mission ends`,
      );
    return { dod: given, basis: `given: ${given}` };
  }
  p.assume('battery.depth_of_discharge', fromCycles, '1', 'li-ion-dod-from-cycles');
  const first = BATTERY_CYCLE_LIFE[0] as CycleLifePoint;
  const last = BATTERY_CYCLE_LIFE[BATTERY_CYCLE_LIFE.length - 1] as CycleLifePoint;
  const tests = BATTERY_CYCLE_LIFE.map((t) => `${t.depth_of_discharge} for ${whole(t.cycles)} cycles`).join(', ');
  let how: string;
  if (cycles <= first.cycles)
    how = `no more than the deepest life test's ${whole(first.cycles)}: held at its ${first.depth_of_discharge}`;
  else if (cycles >= last.cycles) {
    how = `beyond the longest life test's ${whole(last.cycles)}: held at its ${last.depth_of_discharge}`;
    p.warn(
      `${count}: more than the ${whole(last.cycles)} cycles Li-ion space cells have been life-tested for; the depth of discharge is held at ${last.depth_of_discharge}, the shallowest tested, and the battery may still not last`,
    );
  } else how = `interpolated in log(cycles): ${fmt(fromCycles, 3)}`;
  return { dod: fromCycles, basis: `from the cycle count: ${count}, in the Li-ion cycle-life table (${tests}); ${how}` };
}

/** The battery for the sizing eclipse, E = P_e·T_e/(DoD·η_dis) (SMAD sec. 11.4); none without an eclipse. */
function sizeBattery(input: PowerCase, load_kw: number, Te: number, e: SizingEclipse, years: number, p: Provenance) {
  if (!(Te > 0)) return { kwh: 0, kg: 0, dod: null, basis: null };
  const { dod, basis } = depthOfDischarge(input, e, years, p);
  const etaDis = p.orDefault(
    'power.battery.discharge_efficiency',
    input.battery?.discharge_efficiency,
    'battery.discharge_efficiency',
  );
  const spec = p.orDefault(
    'power.battery.specific_energy_wh_per_kg',
    input.battery?.specific_energy_wh_per_kg,
    'battery.specific_energy_wh_per_kg',
  );
  const kwh = batteryEnergyKwh(load_kw, Te, dod, etaDis);
  return { kwh, kg: (kwh * 1000) / spec, dod, basis };
}

/**
 * The orbital side of the ground comparison, like for like with the ground figure: against a
 * capacity factor (energy net of the plant's temperature, wiring, mismatch and soiling losses) the
 * orbital sunlight × I_d, SMAD's inherent degradation, which covers exactly that category of
 * losses; against the latitude model (sunlight reaching the ground) the orbital sunlight itself.
 */
function likeForLike(method: 'capacity_factor' | 'latitude', a: ArrayOutput, p: Provenance) {
  if (method === 'latitude')
    return {
      factor: 1,
      basis:
        'the latitude model gives sunlight reaching a horizontal panel, before any panel loss: the orbital sunlight is compared with it as it is',
    };
  if (a.cell.inherent_degradation !== null)
    return {
      factor: a.cell.inherent_degradation,
      basis: `the ground figure is net of the plant's temperature, wiring, mismatch and soiling losses; the orbital sunlight is taken net of the same category of losses, SMAD's inherent degradation I_d = ${a.cell.inherent_degradation}`,
    };
  const Id = p.orDefault('power.cell.inherent_degradation', undefined, 'cell.inherent_degradation');
  return {
    factor: Id,
    basis: `the ground figure is net of the plant's temperature, wiring, mismatch and soiling losses; array.w_per_m2 is the array's own output and does not say which losses it already carries, so the orbital sunlight is taken net of SMAD's inherent degradation I_d = ${Id} (that category of losses), as for a cell`,
  };
}

/** Energy per m² per year at the energy sunlit fraction, and the ground panel it is compared with. */
function energyComparison(source: GroundSource, S0: number, a: ArrayOutput, e: SizingEclipse, p: Provenance) {
  const sunlight = (S0 * a.cosIncidence * e.sunlitFraction * HOURS_PER_COMMON_YEAR) / 1000;
  const ground = groundComparison(source, S0, p);
  const like = likeForLike(ground.fields.method, a, p);
  const net = sunlight * like.factor;
  return {
    array_output_kwh_per_m2_year: (a.bol * e.sunlitFraction * HOURS_PER_COMMON_YEAR) / 1000,
    orbit_to_ground_energy_ratio: net / ground.kwh,
    orbit_to_ground_sunlight_ratio: sunlight / ground.kwh,
    ground_comparison: {
      ...ground.fields,
      orbit_sunlight_kwh_per_m2_year: sunlight,
      orbit_like_for_like_kwh_per_m2_year: net,
      like_for_like_basis: like.basis,
      ground_kwh_per_m2_year: ground.kwh,
    },
  };
}

/** The load the array and battery carry, P_e = P_d: the load over (1 − the caller's extra loss). */
export function designLoadKw(input: PowerCase, p: Provenance): number {
  const extraLoss = p.orDefault('power.extra_loss_fraction', input.extra_loss_fraction, 'extra_loss_fraction');
  return input.load_kw / (1 - extraLoss);
}

/**
 * Energy over the sizing revolution, kWh: what the end-of-life array delivers (P_sa·T_d), what the
 * load uses (P·T), and the load grossed up by the path efficiencies (P_e·T_e/X_e + P_d·T_d/X_d, SMAD eq. 11-5).
 */
export function energyPerOrbit(
  load_kw: number,
  Psa: number,
  e: SizingEclipse,
  Te: number,
  Td: number,
  path: PowerResult['path_efficiency'],
) {
  return {
    array_kwh: (Psa * Td) / 60,
    load_kwh: (load_kw * e.period_min) / 60,
    required_kwh: (load_kw * Te) / 60 / path.eclipse + (load_kw * Td) / 60 / path.daylight,
  };
}

export function runPower(input: PowerCase, p: Provenance): PowerResult {
  const S0 = p.orDefault('sun.solar_constant_w_per_m2', input.solar_constant_w_per_m2, 'solar_constant_w_per_m2');
  const years = missionYears(input.mission_years, p);
  const load_kw = designLoadKw(input, p);
  const path = pathEfficiencies(input, p);
  const e = sizingEclipse(input.eclipse, p);
  const Te = e.fraction * e.period_min;
  const Td = e.period_min - Te;
  const a = arrayOutput(input.array, S0, years, p);
  // SMAD sizing with a continuous load: P_e = P_d.
  const Psa = arrayPowerKw(load_kw, Te, path.eclipse, load_kw, Td, path.daylight);
  const array = sizeArray(input.array, Psa, a, p);
  const battery = sizeBattery(input, load_kw, Te, e, years, p);
  return {
    design_load_kw: load_kw,
    array_power_kw: Psa,
    array_bol_power_kw: array.bolPower,
    array_area_m2: array.area,
    array_mass_kg: array.mass,
    array_mass_basis: array.massBasis,
    ideal_w_per_m2: a.ideal,
    bol_w_per_m2: a.bol,
    eol_w_per_m2: a.eol,
    implied_efficiency: a.eol / S0,
    life_degradation: a.lifeFactor,
    cell: a.cell,
    path_efficiency: path,
    period_min: e.period_min,
    eclipse_duration_min: Te,
    daylight_duration_min: Td,
    sizing_eclipse: e.sizing,
    energy_sunlit_fraction: e.sunlitFraction,
    energy_basis: e.energyBasis,
    battery_energy_kwh: battery.kwh,
    battery_mass_kg: battery.kg,
    battery_depth_of_discharge: battery.dod,
    battery_depth_of_discharge_basis: battery.basis,
    eclipses_per_year: e.eclipsesPerYear,
    battery_cycles_over_mission: e.eclipsesPerYear * years,
    orbit_average_heat_kw: (Psa * Td) / e.period_min,
    energy_per_orbit: energyPerOrbit(load_kw, Psa, e, Te, Td, path),
    ...energyComparison(input.ground, S0, a, e, p),
    orbit: e.orbit,
  };
}

/** The latitude model's ground panel: extraterrestrial irradiation on a horizontal plane × clearness index. */
export function latitudeGround(latitude_deg: number, clearness_index: number | undefined, S0: number, p: Provenance) {
  const kt = p.orDefault('power.ground.clearness_index', clearness_index, 'ground.clearness_index');
  const h0 = extraterrestrialHorizontalKwhPerM2Year(latitude_deg, S0);
  const kwh = h0 * kt;
  if (kwh <= 0)
    throw new PhysicallyImpossible(
      `a horizontal panel at latitude ${latitude_deg}° receives no sunlight over the year`,
      '/ground/latitude_deg',
    );
  return {
    kwh,
    fields: {
      method: 'latitude' as const,
      basis: `horizontal panel at ${latitude_deg}°: annual extraterrestrial irradiation (Duffie & Beckman eq. 1.10.3) × clearness index ${kt}. A zonal model: real sites at one latitude differ by ±30 % with climate, and a tilted or tracking panel gets 10–35 % more; give capacity_factor for a specific plant`,
      capacity_factor_dc: null,
      latitude_deg,
      clearness_index: kt,
      extraterrestrial_kwh_per_m2_year: h0,
    },
  };
}

/** The DC capacity factor of a ground plant: as given, or its AC one over the inverter loading ratio (defaults: U.S. utility-scale PV). */
export function dcCapacityFactor(source: Exclude<GroundSource, { method: 'latitude' }>, p: Provenance) {
  if (source.method === 'capacity_factor')
    return { cf: source.capacity_factor, basis: `ground plant at a DC capacity factor of ${source.capacity_factor}` };
  const cfAc = p.orDefault('power.ground.capacity_factor_ac', source.capacity_factor_ac, 'ground.capacity_factor_ac');
  const ilr = p.orDefault('power.ground.inverter_loading_ratio', source.inverter_loading_ratio, 'ground.inverter_loading_ratio');
  const cf = cfAc / ilr;
  return {
    cf,
    basis: `ground plant at an AC capacity factor of ${cfAc} with inverter loading ratio ${ilr}: DC capacity factor ${cf.toFixed(4)}`,
  };
}

/** Sunlight per m² of ground panel per year, from a latitude (model) or a capacity factor. */
function groundComparison(source: GroundSource, S0: number, p: Provenance) {
  if (source.method === 'latitude') return latitudeGround(source.latitude_deg, source.clearness_index, S0, p);
  const { cf, basis } = dcCapacityFactor(source, p);
  return {
    kwh: (cf * HOURS_PER_COMMON_YEAR * STC_IRRADIANCE_W_M2) / 1000,
    fields: {
      method: 'capacity_factor' as const,
      basis: `${basis}; its energy per m² is expressed as equivalent sunlight at the module rating (1000 W/m², STC), net of the plant's weather, night, temperature and soiling losses`,
      capacity_factor_dc: cf,
      latitude_deg: null,
      clearness_index: null,
      extraterrestrial_kwh_per_m2_year: null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The estimator
// ---------------------------------------------------------------------------------------------

const EPOCH = '2026-01-01T00:00:00Z';

/**
 * CPU seconds of an orbit's sizing eclipse (`orbitEclipse`): the orbit resolved, the annual picture
 * (kept by orbit and epoch: paid once among requests priced together), and a second pass over a
 * sizing window shorter than the year.
 */
export function sizingEclipseCost(
  orbit: OrbitSpec | undefined,
  windowDays?: number,
  annualStep_h?: number,
  epochIso?: string,
): number {
  if (orbit === undefined) return 0;
  const days = windowDays ?? Provenance.value('power.sizing_window_days');
  const picture = annualPassCost(annualStep_h, pictureKey(orbit, epochIso));
  return resolveCost(orbit) + picture + (days > 0 && days < 365 ? annualPassCost(annualStep_h) : 0);
}

/** What a power request costs: the closed forms, and the sizing eclipse of its orbit when it gives one. */
export function estimatePowerCost(input: PowerCase): Cost {
  const eclipse = input.eclipse;
  return {
    cpu_s:
      coefficient('execution.cost.power_s') +
      (eclipse.from === 'orbit'
        ? sizingEclipseCost(eclipse.orbit, eclipse.sizing_window_days, eclipse.annual_step_h, eclipse.epoch)
        : 0),
    basis: eclipse.from === 'orbit' ? "SMAD sizing; the orbit's eclipses over 365 days" : 'SMAD sizing from the given eclipse',
  };
}

export const powerEstimator = defineEstimator({
  name: 'power',
  summary: 'Power: solar array and battery for a continuous load in an orbit, and the orbit-to-ground energy ratio',
  description:
    "SMAD sizing (Wertz & Larson, sec. 11.4) of the solar array and battery for a continuous load: array P_sa = (P_e·T_e/X_e + P_d·T_d/X_d)/T_d with peak-power-tracking (0.60/0.80) or direct-energy-transfer (0.65/0.85) path efficiencies; output per m² S0·η·I_d, end of life × (1−d)^years; battery P_e·T_e/(DoD·η_dis), its depth of discharge by default from the charge–discharge cycles over the mission (a LEO battery cycles thousands of times a year, a GEO one about 90). The orbit (elements, TLE or OMM) goes through the orbit model: the worst eclipse of the sizing window (beta 0 when the beta range spans it, else the smallest |beta|: a dawn-dusk orbit's eclipse season) sizes the battery and array, and the annual mean sunlit fraction sizes the energy figures; `sizing_eclipse` says which. Or give `eclipse_fraction` (or `eclipse_duration_min`) with `period_min`. Cells come from a sourced catalogue or explicit figures; `array.w_per_m2` replaces the cell model and reports the implied efficiency. The ground comparison uses a capacity factor (default: U.S. utility-scale PV, EIA) or a latitude model; its headline `orbit_to_ground_energy_ratio` is like for like (against a capacity factor, which is net of the plant's temperature, wiring, mismatch and soiling losses, the orbital sunlight is taken net of SMAD's inherent degradation I_d, that same category of losses), with the gross sunlight ratio beside it as `orbit_to_ground_sunlight_ratio`. No daylight, an array that degrades to nothing or a caller cap the array exceeds answer 422 with the reason.",
  input: PowerInput,
  output: PowerOutput,
  examples: {
    iss_like: {
      summary: '1 MW in an ISS-like orbit (420 km, 51.64°), worst eclipse of the year',
      value: { load_kw: 1000, orbit: { altitude_km: 420, inclination_deg: 51.64 }, epoch: EPOCH, mission_years: 5 },
    },
    starlink_shell: {
      summary: '1 MW in a Starlink shell (550 km, 53°), compared with a ground panel at 35° latitude',
      value: {
        load_kw: '1 MW',
        orbit: { altitude_km: 550, inclination_deg: 53 },
        epoch: EPOCH,
        mission_years: 5,
        ground: { latitude_deg: 35 },
      },
    },
    dawn_dusk_650: {
      summary: '1 MW in a dawn-dusk sun-synchronous orbit at 650 km: its eclipse season sizes the battery',
      value: {
        load_kw: 1000,
        orbit: { altitude_km: '650 km', sun_synchronous: true, ltan_h: 18 },
        epoch: EPOCH,
        mission_years: 5,
      },
    },
    dawn_dusk_650_out_of_season: {
      summary: 'The same dawn-dusk orbit sized over January–March only: no eclipse, no battery, and a warning about the season',
      value: {
        load_kw: 1000,
        orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 },
        epoch: EPOCH,
        sizing_window_days: 90,
        cell: 'four_junction',
        regulation: 'det',
      },
    },
  },
  run: runPower,
  cost: estimatePowerCost,
});
