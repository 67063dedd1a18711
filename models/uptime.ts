/**
 * Uptime of compute in orbit: the availability of the accelerators over the mission, each loss
 * named, set against the Tier III and Tier IV yardsticks of ground facilities.
 *
 * Losses (each a share of the accelerator-hours, combined as independent: A = Π(1 − loss)):
 * - accelerator failures that cannot be repaired in orbit: exponential failures at the field rate,
 *   replaced once per replenishment interval, cold spares covering the first failures;
 * - radiation: the total dose behind the shield against the highest dose tested, and the
 *   functional interrupts (a reboot each) at the measured dose per event;
 * - eclipse with no storage: the hours the battery does not carry the load;
 * - ground-link coverage: the share of time the users cannot reach the facility.
 */
import { z } from 'zod';
import { DOSE_TABLE } from '../fixtures/index.js';
import { HOURS_PER_COMMON_YEAR } from './constants.js';
import { significant } from './format.js';
import { interpolate } from './numerics.js';
import { Provenance } from './provenance.js';

const MINUTES_PER_YEAR = HOURS_PER_COMMON_YEAR * 60;

// ---------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------

/**
 * Mean share of accelerators working over an interval τ between replenishments, failures at rate λ
 * (exponential survival), cold spares s: (1/τ)∫₀^τ min(1, (1+s)e^{−λt}) dt
 * = [t* + (1 − (1+s)e^{−λτ})/λ]/τ with t* = ln(1+s)/λ the time the spares last (1 when t* ≥ τ).
 */
export function meanWorkingFraction(failure_per_year: number, interval_years: number, spares_fraction: number): number {
  if (failure_per_year === 0 || interval_years === 0) return 1;
  const tStar = Math.log1p(spares_fraction) / failure_per_year;
  if (tStar >= interval_years) return 1;
  // 1 − (1+s)e^{−λτ}, written with expm1 so that a tiny λ keeps its precision.
  const x = failure_per_year * interval_years;
  const gone = -Math.expm1(-x) - spares_fraction * Math.exp(-x);
  return (tStar + gone / failure_per_year) / interval_years;
}

/** Aluminium thickness of a shield, mm: areal density / density. */
export function shieldThicknessMm(areal_density_kg_per_m2: number, density_kg_per_m3: number): number {
  return (areal_density_kg_per_m2 / density_kg_per_m3) * 1000;
}

/**
 * Dose per year behind an aluminium shield, rad(Si)/year, from the 5-year dose table: log-linear in
 * thickness at each tabulated inclination, then log-linear across inclination, both held at the
 * table's ends (the caller warns).
 */
export function doseRatePerYear(inclination_deg: number, shield_mm: number): number {
  const incs = Object.keys(DOSE_TABLE.by_inclination_deg)
    .map(Number)
    .sort((a, b) => a - b);
  const atShield = incs.map((inc) =>
    interpolate(DOSE_TABLE.shield_mm, DOSE_TABLE.by_inclination_deg[String(inc)] as number[], shield_mm, { logY: true }),
  );
  return interpolate(incs, atShield, inclination_deg, { logY: true }) / DOSE_TABLE.mission_years;
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export const UptimeOptionsSchema = z
  .object({
    spares_fraction: z.number().min(0).max(10).optional().describe('Cold spare accelerators carried, share of the working ones'),
    replenish_interval_years: z
      .number()
      .gt(0)
      .max(100)
      .optional()
      .describe('Years between the launches that replace failed accelerators (the mission length: never replaced)'),
    sefi_recovery_min: z
      .number()
      .min(0)
      .max(1e5)
      .optional()
      .describe('Minutes a server is out after a single-event functional interrupt'),
    tid_tolerance_rad: z
      .number()
      .gt(0)
      .max(1e8)
      .optional()
      .describe('Total dose the accelerators survive, rad(Si) (default: the highest dose tested without hard failures)'),
  })
  .strict()
  .describe('Uptime assumptions: spares, replenishment, recovery from radiation upsets, the accelerators’ dose tolerance');
export type UptimeOptions = z.output<typeof UptimeOptionsSchema>;

const Loss = z.object({
  name: z.enum(['accelerator_failures', 'radiation', 'eclipse_without_storage', 'ground_link']).describe('The loss'),
  fraction: z.number().describe('Share of the accelerator-hours lost'),
  min_per_year: z.number().describe('The same as minutes per year of the whole facility, min/year'),
  detail: z.string().describe('How it follows from the figures'),
});

const Tier = z.object({
  availability: z.number().describe('The tier’s site availability'),
  downtime_min_per_year: z.number().describe('The downtime it allows, min/year'),
  met: z.boolean().describe('Whether the orbital availability reaches it'),
  source: z.string().describe('Key into GET /v1/sources: a yardstick of site availability, not an assumption of this model'),
});

/** A tier's default site availability as a percentage, for the output's descriptions: 99.982. */
const tierPercent = (name: 'reliability.tier3_availability' | 'reliability.tier4_availability') =>
  significant(100 * Provenance.value(name), 5);

export const UptimeOutput = z
  .object({
    availability_fraction: z.number().describe('Share of the mission’s accelerator-hours available: Π(1 − loss)'),
    downtime_min_per_year: z.number().describe('(1 − availability) × minutes in a year, min/year'),
    losses: z.array(Loss).describe('Each loss, named'),
    tier3: Tier.describe(`Tier III (${tierPercent('reliability.tier3_availability')} %)`),
    tier4: Tier.describe(`Tier IV (${tierPercent('reliability.tier4_availability')} %)`),
    accelerators: z
      .object({
        failure_per_year: z.number().describe('Failures per accelerator-year (field rate)'),
        replenish_interval_years: z.number().describe('Years between replacement launches'),
        spares_fraction: z.number().describe('Cold spares, share of the working accelerators'),
        mean_working_fraction: z.number().describe('Mean share working between replenishments'),
      })
      .describe('Accelerator failures: the field rate, the replacement launches and the spares, and the mean share working'),
    radiation: z
      .object({
        shield_mm: z.number().describe('Aluminium thickness of the compute enclosure, mm'),
        dose_rad_per_year: z.number().describe('Total ionising dose behind it, rad(Si)/year'),
        mission_dose_rad: z.number().describe('Over the mission, rad(Si)'),
        tid_tolerance_rad: z.number().describe('Dose the accelerators are known to survive, rad(Si)'),
        years_to_tolerance: z.number().describe('Years until the dose reaches it'),
        hbm_irregular_after_years: z.number().describe('Years until the dose at which HBM tests turned irregular'),
        sdc_per_accelerator_year: z.number().describe('Silent data corruptions per accelerator-year'),
        interrupts_per_server_year: z.number().describe('Functional interrupts (accelerator and host) per server-year'),
        basis: z.string().describe('Where the dose comes from and how far it applies'),
      })
      .nullable()
      .describe('Radiation figures (null beyond the dose tables: above 1,000 km the belts dominate)'),
  })
  .describe('Availability of the compute over the mission, each loss named, against Tier III and Tier IV');
export type UptimeResult = z.infer<typeof UptimeOutput>;

export interface UptimeInputs {
  mission_years: number;
  failure_per_year: number;
  altitude_km: number;
  inclination_deg: number;
  shield_areal_density_kg_per_m2: number;
  /** Share of the year the battery carries the load (eclipse without storage is the rest). */
  served_fraction: number;
  /** Share of the time users reach the facility (null: not measured). */
  reachable_fraction: number | null;
  options: UptimeOptions;
}

function lossOf(name: z.infer<typeof Loss>['name'], fraction: number, detail: string): z.infer<typeof Loss> {
  return { name, fraction, min_per_year: fraction * MINUTES_PER_YEAR, detail };
}

/** Accelerators lost between replenishments. */
function acceleratorLoss(i: UptimeInputs, p: Provenance) {
  const o = i.options;
  const interval = Math.min(
    i.mission_years,
    p.orDefault('uptime.replenish_interval_years', o.replenish_interval_years, 'uptime.replenish_interval_years'),
  );
  const spares = p.orDefault('uptime.spares_fraction', o.spares_fraction, 'uptime.spares_fraction');
  const working = meanWorkingFraction(i.failure_per_year, interval, spares);
  return {
    figures: {
      failure_per_year: i.failure_per_year,
      replenish_interval_years: interval,
      spares_fraction: spares,
      mean_working_fraction: working,
    },
    loss: lossOf(
      'accelerator_failures',
      1 - working,
      `${(i.failure_per_year * 100).toFixed(2)} % of the accelerators fail each year and none is repaired in orbit; replaced every ${interval} year(s)${spares > 0 ? ` with ${(spares * 100).toFixed(0)} % spares` : ', without spares'}, ${(working * 100).toFixed(2)} % work on average`,
    ),
  };
}

/** Radiation: the dose behind the shield, the time to the tested tolerance, and the interrupts it causes. */
function radiationLoss(i: UptimeInputs, p: Provenance) {
  if (i.altitude_km > 1000) {
    p.warn(
      `radiation: the dose tables stop at low Earth orbit; at ${i.altitude_km.toFixed(0)} km the radiation belts dominate and no loss is counted`,
    );
    return { figures: null, loss: lossOf('radiation', 0, 'not counted: beyond the dose tables (above 1,000 km)') };
  }
  const shield_mm = shieldThicknessMm(
    i.shield_areal_density_kg_per_m2,
    Provenance.value('radiation.aluminium_density_kg_per_m3'),
  );
  const rate = doseRatePerYear(i.inclination_deg, shield_mm);
  const tableAlt = Provenance.value('radiation.table_altitude_km');
  if (Math.abs(i.altitude_km - tableAlt) > 50)
    p.warn(
      `radiation: the dose runs are for ${tableAlt} km; at ${i.altitude_km.toFixed(0)} km the trapped dose is ${i.altitude_km > tableAlt ? 'higher (it rises steeply towards the inner belt)' : 'lower'}, so ${rate.toFixed(0)} rad/year is ${i.altitude_km > tableAlt ? 'a floor' : 'a ceiling'}`,
    );
  const tolerance = p.orDefault('uptime.tid_tolerance_rad', i.options.tid_tolerance_rad, 'uptime.tid_tolerance_rad');
  const yearsToTolerance = tolerance / rate;
  const beyond = Math.max(0, 1 - yearsToTolerance / i.mission_years);
  const recovery_min = p.orDefault('uptime.sefi_recovery_min', i.options.sefi_recovery_min, 'uptime.sefi_recovery_min');
  const interrupts =
    rate / Provenance.value('uptime.rad_per_accelerator_sefi') + rate / Provenance.value('uptime.rad_per_host_sefi');
  const interruptLoss = (interrupts * recovery_min) / MINUTES_PER_YEAR;
  const fraction = 1 - (1 - beyond) * (1 - interruptLoss);
  return {
    figures: {
      shield_mm,
      dose_rad_per_year: rate,
      mission_dose_rad: rate * i.mission_years,
      tid_tolerance_rad: tolerance,
      years_to_tolerance: yearsToTolerance,
      hbm_irregular_after_years: Provenance.value('uptime.hbm_irregular_rad') / rate,
      sdc_per_accelerator_year: rate / Provenance.value('uptime.rad_per_sdc'),
      interrupts_per_server_year: interrupts,
      basis: `SPENVIS trapped-particle dose at ${tableAlt} km behind ${shield_mm.toFixed(2)} mm of aluminium (the mass model's shield), interpolated at ${i.inclination_deg.toFixed(1)}°; tolerances from the only published test of a data-center accelerator (TPU v6e)`,
    },
    loss: lossOf(
      'radiation',
      fraction,
      `${rate.toFixed(0)} rad(Si)/year behind ${shield_mm.toFixed(1)} mm Al: the tested ${tolerance} rad is reached after ${yearsToTolerance.toFixed(1)} years${beyond > 0 ? `, so ${(beyond * 100).toFixed(1)} % of the mission is beyond any tested dose (counted as lost)` : ''}; ${interrupts.toFixed(1)} functional interrupts per server-year at ${recovery_min} min each`,
    ),
  };
}

export function uptime(i: UptimeInputs, p: Provenance): UptimeResult {
  const acc = acceleratorLoss(i, p);
  const rad = radiationLoss(i, p);
  const eclipse = lossOf(
    'eclipse_without_storage',
    1 - i.served_fraction,
    i.served_fraction >= 1
      ? 'the battery carries the load through every eclipse of the year'
      : `the battery does not cover the year's longest eclipses: the load is dark ${((1 - i.served_fraction) * 100).toFixed(2)} % of the time`,
  );
  const reach = i.reachable_fraction;
  const link = lossOf(
    'ground_link',
    reach === null ? 0 : 1 - reach,
    reach === null
      ? 'not measured'
      : `users reach the facility ${(reach * 100).toFixed(3)} % of the time through the relay network`,
  );
  const losses = [acc.loss, rad.loss, eclipse, link];
  const availability = losses.reduce((a, l) => a * (1 - l.fraction), 1);
  const tier = (key: 'reliability.tier3_availability' | 'reliability.tier4_availability') => {
    const a = Provenance.value(key);
    return {
      availability: a,
      downtime_min_per_year: (1 - a) * MINUTES_PER_YEAR,
      met: availability >= a,
      source: Provenance.source(key),
    };
  };
  return {
    availability_fraction: availability,
    downtime_min_per_year: (1 - availability) * MINUTES_PER_YEAR,
    losses,
    tier3: tier('reliability.tier3_availability'),
    tier4: tier('reliability.tier4_availability'),
    accelerators: acc.figures,
    radiation: rad.figures,
  };
}
