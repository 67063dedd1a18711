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
  type AnnualPicture,
  annualPassCost,
  annualPicture,
  betaAt,
  betaStarDeg,
  eclipseFraction,
  type OrbitSpec,
  OrbitSpecSchema,
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

export const PowerInput = z
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
  .strict()
  .superRefine((x, ctx) => {
    const direct = x.eclipse_fraction !== undefined || x.eclipse_duration_min !== undefined;
    if (x.orbit !== undefined && (direct || x.period_min !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path:
          x.period_min !== undefined
            ? ['period_min']
            : x.eclipse_fraction !== undefined
              ? ['eclipse_fraction']
              : ['eclipse_duration_min'],
        message: 'expected either an orbit or eclipse_fraction (or eclipse_duration_min) with period_min, not both',
      });
    } else if (x.orbit === undefined) {
      if (!direct && x.period_min === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['orbit'],
          message: 'expected an orbit, or eclipse_fraction (or eclipse_duration_min) with period_min',
        });
      else if (x.eclipse_fraction !== undefined && x.eclipse_duration_min !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['eclipse_duration_min'],
          message: 'expected either eclipse_fraction or eclipse_duration_min, not both',
        });
      else if (!direct)
        ctx.addIssue({
          code: 'custom',
          path: ['eclipse_fraction'],
          message: 'expected eclipse_fraction or eclipse_duration_min beside period_min',
        });
      else if (x.period_min === undefined)
        ctx.addIssue({ code: 'custom', path: ['period_min'], message: 'expected period_min beside the eclipse' });
    }
    if (x.orbit === undefined) {
      for (const key of ['epoch', 'sizing_window_days'] as const)
        if (x[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `expected ${key} only with an orbit` });
    }
    if (x.array?.w_per_m2 !== undefined && x.cell !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['cell'],
        message: 'expected either cell or array.w_per_m2 (which replaces the cell model), not both',
      });
    if (x.array?.specific_power_w_per_kg !== undefined && x.array.areal_density_kg_per_m2 !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['array', 'areal_density_kg_per_m2'],
        message: 'expected either specific_power_w_per_kg or areal_density_kg_per_m2, not both',
      });
    const g = x.ground;
    if (g) {
      const methods = [g.latitude_deg !== undefined, g.capacity_factor !== undefined, g.capacity_factor_ac !== undefined].filter(
        Boolean,
      ).length;
      if (methods > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['ground'],
          message: 'expected one of latitude_deg, capacity_factor or capacity_factor_ac',
        });
      if (g.clearness_index !== undefined && g.latitude_deg === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['ground', 'clearness_index'],
          message: 'expected clearness_index only with latitude_deg',
        });
      if (g.inverter_loading_ratio !== undefined && g.capacity_factor_ac === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['ground', 'inverter_loading_ratio'],
          message: 'expected inverter_loading_ratio only with capacity_factor_ac',
        });
    }
  });
export type PowerInputT = z.output<typeof PowerInput>;

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export const PowerOutput = z.object({
  design_load_kw: z.number().describe('P_e = P_d: the load divided by (1 − extra_loss_fraction)'),
  array_power_kw: z.number().describe('SMAD P_sa: daylight power the array must deliver at end of life'),
  array_bol_power_kw: z.number().describe('Power installed at beginning of life (P_sa over the life degradation)'),
  array_area_m2: z.number().describe('P_sa / eol_w_per_m2'),
  array_mass_kg: z.number(),
  array_mass_basis: z.string(),
  ideal_w_per_m2: z
    .number()
    .nullable()
    .describe('S0·η: the bare cell at normal incidence (null when array.w_per_m2 replaces the cell model)'),
  bol_w_per_m2: z.number().describe('S0·η·I_d·cos θ'),
  eol_w_per_m2: z.number().describe('bol_w_per_m2·(1 − d)^years: the figure that sizes the area'),
  implied_efficiency: z.number().describe('eol_w_per_m2 / S0: sunlight to array output at end of life, all losses included'),
  life_degradation: z.number().describe('(1 − d)^years'),
  cell: z.object({
    technology: z.string().nullable(),
    efficiency: z.number().nullable(),
    degradation_per_year: z.number(),
    inherent_degradation: z.number().nullable(),
  }),
  path_efficiency: z.object({
    regulation: z.enum(['ppt', 'det']),
    daylight: z.number().describe('X_d'),
    eclipse: z.number().describe('X_e'),
  }),
  period_min: z.number(),
  eclipse_duration_min: z.number().describe('The eclipse that sizes the battery and array'),
  daylight_duration_min: z.number().describe('Period minus that eclipse'),
  sizing_eclipse: z
    .object({
      basis: z.string().describe('"worst case over the year", "worst case over the N-day window", "at the epoch", or "given"'),
      reason: z.string(),
      beta_deg: z.number().nullable(),
      eclipse_fraction: z.number(),
      eclipse_min: z.number(),
      window_days: z.number().nullable(),
      window_beta_min_deg: z.number().nullable(),
      window_beta_max_deg: z.number().nullable(),
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
  battery_cycles_over_mission: z.number(),
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
  ground_comparison: z.object({
    method: z.enum(['capacity_factor', 'latitude']),
    basis: z.string(),
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
    capacity_factor_dc: z.number().nullable(),
    latitude_deg: z.number().nullable(),
    clearness_index: z.number().nullable(),
    extraterrestrial_kwh_per_m2_year: z.number().nullable(),
  }),
  orbit: z
    .object({
      orbit_kind: z.enum(['elements', 'tle', 'omm']),
      epoch: z.string(),
      altitude_km: z.number(),
      inclination_deg: z.number(),
      beta_star_deg: z.number(),
      annual: z.object({
        beta_min_deg: z.number(),
        beta_max_deg: z.number(),
        sunlit_fraction: z.number(),
        eclipse_days: z.number().int(),
        max_eclipse_min: z
          .number()
          .describe('Longest eclipse among the 6-hourly samples (the closed form at beta 0 may be slightly longer)'),
        seasons: z.array(z.object({ start: z.string(), end: z.string() })),
      }),
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
): SizingEclipse {
  const o: ResolvedOrbit = resolveOrbit(spec, epoch, p, '/orbit');
  if (o.eccentricity > 0.01)
    p.warn(`eccentricity ${o.eccentricity.toFixed(4)}: the eclipse is the circular-orbit closed form at the mean altitude`);
  const step_h = Provenance.value('orbit.annual_step_h');
  p.assume('annual.step_h', step_h, 'h', Provenance.source('orbit.annual_step_h'));
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

/** The eclipse given directly: it sizes both the battery and the energy figures. */
function givenEclipse(input: PowerInputT): SizingEclipse {
  const period_min = input.period_min as number;
  let fraction: number;
  if (input.eclipse_duration_min !== undefined) {
    if (input.eclipse_duration_min >= period_min)
      throw new PhysicallyImpossible(
        `an eclipse of ${input.eclipse_duration_min} min in a ${period_min}-min period leaves no daylight: no array can recharge the battery`,
        '/eclipse_duration_min',
        { eclipse_duration_min: input.eclipse_duration_min, period_min },
      );
    fraction = input.eclipse_duration_min / period_min;
  } else fraction = input.eclipse_fraction as number;
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

/** The cell figures in use: the caller's, over the catalogue technology, over the defaults. */
function resolveCell(input: PowerInputT, p: Provenance) {
  const given = typeof input.cell === 'string' ? { technology: input.cell } : (input.cell ?? {});
  let technology = given.technology;
  if (technology === undefined && (given.efficiency === undefined || given.degradation_per_year === undefined)) {
    technology = p.orChoice('power.cell', undefined, 'cell.technology');
  }
  const cat: Cell | undefined = technology !== undefined ? CELLS[technology] : undefined;
  const efficiency = given.efficiency ?? (cat as Cell).efficiency;
  if (given.efficiency === undefined) p.assume('cell.efficiency', efficiency, '1', (cat as Cell).sources.efficiency);
  const degradation = given.degradation_per_year ?? (cat as Cell).degradation_per_year;
  if (given.degradation_per_year === undefined)
    p.assume('cell.degradation_per_year', degradation, '1/year', (cat as Cell).sources.degradation_per_year);
  const inherent = p.orDefault('power.cell.inherent_degradation', given.inherent_degradation, 'cell.inherent_degradation');
  return { technology: technology ?? null, efficiency, degradation, inherent };
}

/** Regulation and path efficiencies X_d, X_e (SMAD sec. 11.4): the caller's, else the regulation's. */
function pathEfficiencies(input: PowerInputT, p: Provenance): PowerResult['path_efficiency'] {
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

/** Array output per m²: P_BOL = S0·η·I_d·cos θ and × (1 − d)^years at end of life (SMAD sec. 11.4), or array.w_per_m2 as given. */
function arrayOutput(input: PowerInputT, S0: number, years: number, p: Provenance): ArrayOutput {
  const incidence = p.orDefault('power.array.incidence_deg', input.array?.incidence_deg, 'array.incidence_deg');
  const cosIncidence = Math.cos(incidence * DEG);
  let out: Omit<ArrayOutput, 'eol' | 'cosIncidence'>;
  if (input.array?.w_per_m2 !== undefined) {
    out = {
      ideal: null,
      bol: input.array.w_per_m2 * cosIncidence,
      lifeFactor: 1,
      cell: { technology: null, efficiency: null, degradation_per_year: 0, inherent_degradation: null },
    };
    p.warn(
      'array.w_per_m2 replaces the cell model: no cell efficiency, inherent or life degradation is applied to it; it is taken as the array output for the whole mission',
    );
  } else {
    const c = resolveCell(input, p);
    out = {
      ideal: S0 * c.efficiency,
      bol: bolWPerM2(S0, c.efficiency, c.inherent, incidence),
      lifeFactor: lifeDegradation(c.degradation, years),
      cell: {
        technology: c.technology,
        efficiency: c.efficiency,
        degradation_per_year: c.degradation,
        inherent_degradation: c.inherent,
      },
    };
    if (out.lifeFactor < 0.5)
      p.warn(
        `the array keeps ${fmt(out.lifeFactor * 100)} % of its output after ${years} years: it is sized at more than twice its end-of-life power`,
      );
  }
  const eol = out.bol * out.lifeFactor;
  if (!(eol > 0) || !Number.isFinite(S0 / eol))
    throw new PhysicallyImpossible(
      `the array's end-of-life output is ${eol.toExponential(2)} W/m² after ${years} years: it degrades to nothing, and no area can carry the load`,
      '/mission_years',
      { eol_w_per_m2: eol, life_degradation: out.lifeFactor },
    );
  return { ...out, eol, cosIncidence };
}

/** The array for P_sa: area P_sa/eol, mass by specific power (of the BOL power) or areal density, within the caller's caps. */
function sizeArray(input: PowerInputT, Psa: number, a: ArrayOutput, p: Provenance) {
  const area = (Psa * 1000) / a.eol;
  const bolPower = Psa / a.lifeFactor;
  let mass: number;
  let massBasis: string;
  if (input.array?.areal_density_kg_per_m2 !== undefined) {
    mass = area * input.array.areal_density_kg_per_m2;
    massBasis = `area × ${input.array.areal_density_kg_per_m2} kg/m²`;
  } else {
    const sp = p.orDefault(
      'power.array.specific_power_w_per_kg',
      input.array?.specific_power_w_per_kg,
      'array.specific_power_w_per_kg',
    );
    mass = (bolPower * 1000) / sp;
    massBasis = `beginning-of-life power / ${sp} W/kg`;
    if (input.array?.specific_power_w_per_kg === undefined && bolPower > ULTRAFLEX_MAX_WING_KW)
      p.warn(
        `the array mass assumes ${sp} W/kg, the upper figure quoted for ${ULTRAFLEX_MAX_WING_KW}-kW-class flexible wings; this array is ${fmt(bolPower, 0)} kW, and the largest flown arrays reach 32 W/kg (ISS) to 80 W/kg (Dawn): give array.specific_power_w_per_kg or array.areal_density_kg_per_m2 to test a heavier array`,
      );
  }
  const maxArea = input.array?.max_area_m2;
  if (maxArea !== undefined && area > maxArea)
    throw new PhysicallyImpossible(
      `the budget cannot close within ${maxArea} m²: the load needs ${fmt(area, 0)} m² of array at ${fmt(a.eol, 1)} W/m² (end of life) to deliver ${fmt(Psa, 1)} kW in daylight`,
      '/array/max_area_m2',
      { array_area_m2: area, max_area_m2: maxArea, eol_w_per_m2: a.eol, array_power_kw: Psa },
    );
  const maxMass = input.array?.max_mass_kg;
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
function depthOfDischarge(input: PowerInputT, e: SizingEclipse, years: number, p: Provenance) {
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
function sizeBattery(input: PowerInputT, load_kw: number, Te: number, e: SizingEclipse, years: number, p: Provenance) {
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
function energyComparison(input: PowerInputT, S0: number, a: ArrayOutput, e: SizingEclipse, p: Provenance) {
  const sunlight = (S0 * a.cosIncidence * e.sunlitFraction * HOURS_PER_COMMON_YEAR) / 1000;
  const ground = groundComparison(input, S0, p);
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

export function runPower(input: PowerInputT, p: Provenance): PowerResult {
  const S0 = p.orDefault('sun.solar_constant_w_per_m2', input.solar_constant_w_per_m2, 'solar_constant_w_per_m2');
  const years = missionYears(input.mission_years, p);
  const extraLoss = p.orDefault('power.extra_loss_fraction', input.extra_loss_fraction, 'extra_loss_fraction');
  const load_kw = input.load_kw / (1 - extraLoss);
  const path = pathEfficiencies(input, p);
  const e = input.orbit !== undefined ? orbitEclipse(input.orbit, input.epoch, input.sizing_window_days, p) : givenEclipse(input);
  const Te = e.fraction * e.period_min;
  const Td = e.period_min - Te;
  const a = arrayOutput(input, S0, years, p);
  // SMAD sizing with a continuous load: P_e = P_d.
  const Psa = arrayPowerKw(load_kw, Te, path.eclipse, load_kw, Td, path.daylight);
  const array = sizeArray(input, Psa, a, p);
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
    energy_per_orbit: {
      array_kwh: (Psa * Td) / 60,
      load_kwh: (load_kw * e.period_min) / 60,
      required_kwh: (load_kw * Te) / 60 / path.eclipse + (load_kw * Td) / 60 / path.daylight,
    },
    ...energyComparison(input, S0, a, e, p),
    orbit: e.orbit,
  };
}

/** Sunlight per m² of ground panel per year, from a latitude (model) or a capacity factor. */
function groundComparison(input: PowerInputT, S0: number, p: Provenance) {
  const g = input.ground ?? {};
  if (g.latitude_deg !== undefined) {
    const kt = p.orDefault('power.ground.clearness_index', g.clearness_index, 'ground.clearness_index');
    const h0 = extraterrestrialHorizontalKwhPerM2Year(g.latitude_deg, S0);
    const kwh = h0 * kt;
    if (kwh <= 0)
      throw new PhysicallyImpossible(
        `a horizontal panel at latitude ${g.latitude_deg}° receives no sunlight over the year`,
        '/ground/latitude_deg',
      );
    return {
      kwh,
      fields: {
        method: 'latitude' as const,
        basis: `horizontal panel at ${g.latitude_deg}°: annual extraterrestrial irradiation (Duffie & Beckman eq. 1.10.3) × clearness index ${kt}. A zonal model: real sites at one latitude differ by ±30 % with climate, and a tilted or tracking panel gets 10–35 % more; give capacity_factor for a specific plant`,
        capacity_factor_dc: null,
        latitude_deg: g.latitude_deg,
        clearness_index: kt,
        extraterrestrial_kwh_per_m2_year: h0,
      },
    };
  }
  let cf: number;
  let basis: string;
  if (g.capacity_factor !== undefined) {
    cf = g.capacity_factor;
    basis = `ground plant at a DC capacity factor of ${cf}`;
  } else {
    const cfAc = p.orDefault('power.ground.capacity_factor_ac', g.capacity_factor_ac, 'ground.capacity_factor_ac');
    const ilr = p.orDefault('power.ground.inverter_loading_ratio', g.inverter_loading_ratio, 'ground.inverter_loading_ratio');
    cf = cfAc / ilr;
    basis = `ground plant at an AC capacity factor of ${cfAc} with inverter loading ratio ${ilr}: DC capacity factor ${cf.toFixed(4)}`;
  }
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
 * (uncached), and a second pass over a sizing window shorter than the year.
 */
export function sizingEclipseCost(orbit: OrbitSpec | undefined, windowDays?: number): number {
  if (orbit === undefined) return 0;
  const days = windowDays ?? Provenance.value('power.sizing_window_days');
  return resolveCost(orbit) + (days > 0 && days < 365 ? 2 : 1) * annualPassCost();
}

/** What a power request costs: the closed forms, and the sizing eclipse of its orbit when it gives one. */
export function estimatePowerCost(input: PowerInputT): Cost {
  return {
    cpu_s: coefficient('execution.cost.power_s') + sizingEclipseCost(input.orbit, input.sizing_window_days),
    basis: input.orbit ? "SMAD sizing; the orbit's eclipses over 365 days" : 'SMAD sizing from the given eclipse',
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
