/**
 * The cost model against measured CPU time: `npm run bench:cost` (`--sections=1,3` runs some
 * sections only, `--no-large` leaves out the requests that take seconds; `--rss` is the child that
 * measures one request's peak memory, the request on its stdin).
 *
 * 1. Calibration: each coefficient of fixtures/execution.json measured on this machine, beside the
 *    fixture's value (source `orbital-dc-cost-calibration`). The costs per SGP4 call, per satellite
 *    built and per satellite sampled are measured in situ, from whole requests by difference (a long
 *    pass prediction against the same one a second long; a request with round trips against the
 *    same pass prediction): in a large request caches are colder, and SDP4 restarts its resonance
 *    integration whenever the search steps back, so a call costs more than in a loop. The rest
 *    directly: a sample of a pass over the year, a step of the revolution, the closed forms; and a
 *    sampled figure of the claims' probabilities by difference, the register with its samples
 *    against the same without.
 * 2. Every estimator's examples: the estimate (Estimator.cost) and the measured CPU time, and
 *    their ratio. The annual pictures the orbit model keeps are forgotten before each run, as the
 *    estimate assumes.
 * 3. Latency requests from a few satellites to 40,000, 1 to 5 sites, bent pipe and laser links,
 *    550 km to GEO: estimate, measured, ratio, and whether the default budget accepts them.
 * 4. The requests the budget refuses before any work (the 86-s request of the hardening issue and
 *    its GEO variant), with their estimate.
 * 5. Peak resident memory of the costliest accepted latency requests, each alone in a child process.
 *
 * Times are process CPU time (user + system), not wall time: on a shared machine the wall clock
 * counts other processes. The ratio estimate / measured is the figure to read; it should stay
 * within a factor of 3 and above about 1 for the large requests (the estimate errs high).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sgp4 } from 'satellite.js';
import { DEFAULTS } from '../fixtures/index.js';
import { claimsEstimator } from '../models/claims.js';
import { checkCost, type Estimator, runEstimator } from '../models/estimator.js';
import { latencyEstimator } from '../models/latency.js';
import { annualPicture, forgetAnnualPictures, propagatedEclipse, resolveOrbit } from '../models/orbit.js';
import { Provenance } from '../models/provenance.js';
import { ESTIMATOR_BY_NAME, ESTIMATORS } from '../models/registry.js';
import { dateToJd, minutesSinceEpoch, satrecFromTle } from '../models/sgp4.js';
import { centralAngleRad, ecfAt, elevationRad, siteGeometry, type Track } from '../models/visibility.js';

const BUDGET_S = DEFAULTS['execution.cost_budget_cpu_s'].value;

/** Process CPU seconds (user + system) of one call. */
function cpuOf(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6;
}

/** Median CPU seconds of a call: repeated while the total stays under ~0.3 s (at least `minRuns` times, at most 25). */
function measure(run: () => unknown, minRuns = 1): number {
  const times = [cpuOf(run)];
  while (times.length < 25 && (times.length < minRuns || times.reduce((a, b) => a + b, 0) < 0.3)) times.push(cpuOf(run));
  const sorted = times.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const START = '2026-03-20T00:00:00Z';
const after = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000).toISOString();
const ISS = {
  line1: '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
  line2: '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
};

/** `n` satellites of a Walker-like shell as the latency estimator builds them (elements at the start). */
function tracks(altitude_km: number, n: number): Track[] {
  const p = new Provenance();
  return Array.from({ length: n }, (_, i) => {
    const o = resolveOrbit(
      { altitude_km, inclination_deg: 53, raan_deg: ((i * 37) % 360) - 180, mean_anomaly_deg: ((i * 101) % 360) - 180 },
      START,
      p,
    );
    return {
      name: `S${i}`,
      satrec: o.satrec,
      t0_min: minutesSinceEpoch(o.satrec, new Date(START)),
      jd0: dateToJd(new Date(START)),
      pointer: '',
    };
  });
}

/** CPU seconds of one sample of a pass over the year (annual picture, each at its own epoch). */
function annualSample(): number {
  const p = new Provenance();
  let k = 0;
  const samples = Math.round((365 * 24) / DEFAULTS['orbit.annual_step_h'].value);
  return (
    measure(() => {
      const epoch = new Date(Date.parse('2026-01-01T00:00:00Z') + ++k * 3_600_000).toISOString();
      annualPicture(resolveOrbit({ altitude_km: 650, sun_synchronous: true, ltan_h: 18 }, epoch, p), 6);
    }) / samples
  );
}

/**
 * CPU seconds of one 720-min step of SDP4's resonance integration: a geostationary element set's
 * calls 100 days from its epoch against the same a day from it, over the 198 steps between.
 */
function resonanceStep(): number {
  const satrec = satrecFromTle({ line1: ISS.line1, line2: withChecksum(GEO_LINE2) });
  const calls = (from_min: number) => () => {
    for (let k = 0; k < 20_000; k++) sgp4(satrec, from_min + k / 3);
  };
  return (measure(calls(100 * 1440), 3) - measure(calls(1440), 3)) / 20_000 / 198;
}

/** CPU seconds of one 10-s step of the propagated revolution (its SGP4 call, the sun, the conical shadow) at this altitude. */
function revolutionStep(altitude_km: number): number {
  const o = resolveOrbit({ altitude_km, inclination_deg: 53 }, START, new Provenance());
  const steps = Math.ceil((o.period_min * 60) / 10) + 1;
  return measure(() => propagatedEclipse(o.satrec, o.epoch, o.period_min), 5) / steps;
}

/** CPU seconds of one site at one coarse sample: central angle and elevation (and the search's push of them). */
function siteSampleCost(): number {
  const site = siteGeometry({ name: 'Cairo', lat_deg: 30.06, lon_deg: 31.25, alt_km: 0 });
  const r = ecfAt(tracks(550, 1)[0] as Track, 0);
  const elev: number[] = [];
  const perSite = measure(() => {
    elev.length = 0;
    for (let k = 0; k < 100_000; k++) elev.push(elevationRad(site, r) + centralAngleRad(site, r));
  });
  return perSite / 100_000;
}

type Request = Record<string, unknown>;
const walker = (altitude_km: number, planes: number, sats_per_plane: number, inclination_deg = 53) => ({
  walker: { altitude_km, inclination_deg, planes, sats_per_plane, phasing: planes > 1 ? 1 : 0 },
});

/** Parse, then the CPU seconds of the run alone (the estimate is made from the parsed input too). */
function latencyCpu(
  request: Request,
  minRuns = 3,
): { cpu_s: number; out: ReturnType<typeof runEstimator> & Record<string, any> } {
  const input = latencyEstimator.input.parse(request);
  let out: any;
  const cpu_s = measure(() => {
    out = runEstimator(latencyEstimator, input);
  }, minRuns);
  return { cpu_s, out };
}

/** Satellites in view of the user and of the gateway at one time, from an answer. */
const inViewOf = (out: any) => out.sites.reduce((s: number, x: any) => s + x.mean_satellites_in_view, 0);

/** Round-trip samples of an answer (to the ground, or to the orbital data center). */
const samplesOf = (out: any): number => out.rtt?.samples ?? out.orbital_data_center?.samples ?? 0;

/**
 * What round trips add to a pass prediction: the same sites searched (the gateway among them),
 * with and without a far end; the extra CPU seconds and the answer with round trips.
 */
function overPass(pass: Request, timed: Request) {
  const without = latencyCpu(pass);
  const withRtt = latencyCpu(timed);
  return { extra_s: withRtt.cpu_s - without.cpu_s, out: withRtt.out, samples: samplesOf(withRtt.out) };
}

const base = { start: START, end: after(6), min_elevation_deg: 25 };

/** One round-trip sample's own overhead: a single satellite, sampled every second for 6 h. */
function rttSampleCost(): number {
  const tiny = { ...base, satellites: walker(550, 1, 1), sites: ['Sydney', 'London'] };
  const r = overPass(tiny, { ...tiny, sites: ['Sydney'], gateway: 'London', rtt_step_s: 1 });
  return r.extra_s / r.samples;
}

/** One satellite in view listed and checked: ends far apart (Sydney, London) share no GEO satellite, so none is propagated. */
function inViewCost(rtt_sample: number): number {
  const apart = { ...base, end: after(4), satellites: walker(35_786, 100, 100), sites: ['Sydney', 'London'] };
  const r = overPass(apart, { ...apart, sites: ['Sydney'], gateway: 'London', rtt_step_s: 1 });
  return (r.extra_s - r.samples * rtt_sample) / (r.samples * inViewOf(r.out));
}

/** One satellite both ends see at a sample (gateway at the user's site), in a large shell: propagated and measured among the others. */
function rttSatelliteCost(altitude_km: number, planes: number, hours: number, rtt_sample: number, in_view: number): number {
  const shell = { ...base, end: after(hours), satellites: walker(altitude_km, planes, planes), sites: ['Cairo'] };
  const r = overPass(shell, { ...shell, gateway: 'Cairo', rtt_step_s: 1 });
  const seen = inViewOf(r.out);
  return (r.extra_s / r.samples - rtt_sample - 2 * seen * in_view) / seen;
}

/** One satellite in one shortest-path search over the laser mesh, beyond its position (a Starlink-like shell, New York to London). */
function meshCost(rtt_sample: number, in_view: number, rtt_satellite: number): number {
  const mesh = { ...base, satellites: walker(550, 24, 22), sites: ['New York', 'London'] };
  const links = { ...mesh, sites: ['New York'], data_center: 'London', inter_satellite_links: true, rtt_step_s: 60 };
  const r = overPass(mesh, links);
  const perSample = r.extra_s / r.samples - inViewOf(r.out) * in_view - rtt_sample;
  return perSample / 528 - rtt_satellite;
}

/** The sampling coefficients by difference between requests, and the request's fixed part (one satellite, a minute). */
function samplingCosts() {
  const rtt_sample = rttSampleCost();
  const in_view = inViewCost(rtt_sample);
  const rtt_satellite_near = rttSatelliteCost(2000, 200, 0.1, rtt_sample, in_view);
  return {
    rtt_sample,
    in_view,
    rtt_satellite_near,
    rtt_satellite_deep: rttSatelliteCost(35_786, 100, 0.25, rtt_sample, in_view),
    mesh_satellite: meshCost(rtt_sample, in_view, rtt_satellite_near),
    latency_request: latencyCpu({ ...base, end: after(0.01), satellites: walker(550, 1, 1), sites: ['London'] }).cpu_s,
  };
}

/** CPU seconds per satellite of building a shell: a request a second long (one coarse sample each), less the fixed part. */
function buildCost(request: Request, satellites: number, fixed_s: number): number {
  const start = request.start as string;
  const second = new Date(Date.parse(start) + 1000).toISOString();
  return (latencyCpu({ ...request, end: second }).cpu_s - fixed_s) / satellites;
}

/** What a request's event search did: its SGP4 calls (coarse samples and refinements), coarse samples, windows; and its CPU time. */
function searchWork(request: Request) {
  const r = latencyCpu(request);
  const search = r.out.search;
  return { cpu_s: r.cpu_s, calls: search.samples + search.refinements, samples: search.samples, windows: r.out.windows.length };
}

/** The same request a second long: its satellites built, one coarse sample each. */
const secondLong = (request: Request) => ({
  ...request,
  end: new Date(Date.parse(request.start as string) + 1000).toISOString(),
});

/** What a long pass prediction adds to the same one a second long: CPU time, SGP4 calls, coarse samples, windows. */
function searchDifference(request: Request) {
  const short = searchWork(secondLong(request));
  const long = searchWork(request);
  return {
    cpu_s: long.cpu_s - short.cpu_s,
    calls: long.calls - short.calls,
    samples: long.samples - short.samples,
    windows: long.windows - short.windows,
  };
}

/** Twenty sites: the catalogue's and three on the open sea. */
const TWENTY_SITES = [
  ...['New York', 'London', 'Cairo', 'Paris', 'Los Angeles', 'Tokyo', 'Mumbai', 'Sydney', 'Sao Paulo', 'Johannesburg'],
  ...['Ashburn', 'Dublin', 'Frankfurt', 'Amsterdam', 'Singapore', 'The Dalles', 'Council Bluffs'],
  { lat_deg: 0, lon_deg: 0 },
  { lat_deg: 10, lon_deg: 100 },
  { lat_deg: -20, lon_deg: -60 },
];

/** A deep-space coarse sample: 200 satellites at 8,000 km (SDP4, not resonant), 500 calls each forward in time, one satellite after another as the search takes them. */
function deepCoarseCost(): number {
  const shell = tracks(8000, 200);
  const calls = () => {
    for (const t of shell) for (let k = 0; k < 500; k++) ecfAt(t, k * 600);
  };
  return measure(calls, 3) / (200 * 500);
}

/** A site at 75° N: no satellite at 550 km inclined 20° rises 25° above its horizon. */
const FAR_NORTH = { lat_deg: 75, lon_deg: 0 };

/**
 * The event search's coefficients in situ, and the satellites' build. A coarse sample: a 12-h pass
 * prediction that finds no window, by difference with the same one a second long (deep space: too
 * few coarse samples for that, so timed directly). A window open at the start, all in: a shell over twenty sites for one second
 * (every window found is open at the start), less its build and coarse samples. A window rising
 * within the interval: a 12-h (GEO: 20-h) pass prediction over three sites by difference with the
 * same one a second long. The SGP4 calls per window come from the answers' search statistics.
 */
function searchInSitu(fixed_s: number, site_s: number) {
  const elements = buildCost({ ...span(1), satellites: walker(550, 100, 100), sites: ['London'] }, 10_000, fixed_s);
  const element_set = buildCost({ ...issSpan(1), satellites: { tles: elementSets(5000) }, sites: ['London'] }, 5000, fixed_s);
  const coarse = (request: Request) => {
    const d = searchDifference(request);
    return (d.cpu_s - d.samples * site_s) / d.calls;
  };
  const sgp4_near = coarse({ ...span(12), satellites: walker(550, 40, 40, 20), sites: [FAR_NORTH] });
  const sgp4_deep = deepCoarseCost();
  const open = (satellites: Request, count: number, sgp4_s: number) => {
    const w = searchWork(secondLong({ ...span(1), satellites, sites: TWENTY_SITES }));
    const cpu_s = w.cpu_s - fixed_s - count * elements - w.samples * (sgp4_s + 20 * site_s);
    return { cost: cpu_s / w.windows, calls: (w.calls - w.samples) / w.windows };
  };
  const rising = (request: Request, sgp4_s: number) => {
    const d = searchDifference(request);
    return { cost: (d.cpu_s - d.samples * (sgp4_s + 3 * site_s)) / d.windows, calls: (d.calls - d.samples) / d.windows };
  };
  const three = ['New York', 'London', 'Cairo'];
  const risingNear = rising({ ...span(12), satellites: walker(550, 40, 40), sites: three }, sgp4_near);
  const openNear = open(walker(2000, 100, 100), 10_000, sgp4_near);
  return {
    sgp4_near,
    sgp4_deep,
    window_near: risingNear.cost,
    window_deep: rising({ ...span(20), satellites: walker(35_786, 40, 40), sites: three }, sgp4_deep).cost,
    open_window_near: openNear.cost,
    open_window_deep: open(walker(35_786, 40, 40), 1600, sgp4_deep).cost,
    window_calls: risingNear.calls,
    open_window_calls: openNear.calls,
    elements,
    element_set,
  };
}

/** Each coefficient as measured here beside the fixture's value. */
function calibrate(): void {
  const sampling = samplingCosts();
  const site_sample = siteSampleCost();
  const inSitu = searchInSitu(sampling.latency_request, site_sample);
  const measured: Record<string, number> = {
    sgp4_near_s: inSitu.sgp4_near,
    sgp4_deep_s: inSitu.sgp4_deep,
    satrec_from_elements_s: inSitu.elements,
    satrec_from_element_set_s: inSitu.element_set,
    site_sample_s: site_sample,
    window_near_s: inSitu.window_near,
    window_deep_s: inSitu.window_deep,
    open_window_near_s: inSitu.open_window_near,
    open_window_deep_s: inSitu.open_window_deep,
    window_sgp4_calls: inSitu.window_calls,
    open_window_sgp4_calls: inSitu.open_window_calls,
    resonance_step_s: resonanceStep(),
    in_view_s: sampling.in_view,
    rtt_sample_s: sampling.rtt_sample,
    rtt_satellite_near_s: sampling.rtt_satellite_near,
    rtt_satellite_deep_s: sampling.rtt_satellite_deep,
    mesh_satellite_s: sampling.mesh_satellite,
    latency_request_s: sampling.latency_request,
    annual_sample_s: annualSample(),
    revolution_step_near_s: revolutionStep(550),
    revolution_step_deep_s: revolutionStep(35_786),
  };
  Object.assign(measured, closedFormParts(measured));
  Object.assign(measured, compositeParts(measured));
  const rows = Object.entries(measured).map(([name, value]) => {
    const fixture = DEFAULTS[`execution.cost.${name}` as keyof typeof DEFAULTS]?.value;
    return { coefficient: name, measured: Number(value.toPrecision(3)), fixture, 'fixture / measured': ratio(fixture, value) };
  });
  console.log('\n1. Calibration: each coefficient measured on this machine, beside fixtures/execution.json');
  console.table(rows);
}

const ratio = (a: number | undefined, b: number) => (a === undefined ? null : Number((a / b).toFixed(2)));

const estimator = (name: string) => ESTIMATOR_BY_NAME.get(name) as Estimator;

/** Median CPU seconds of an estimator on a request, its kept annual pictures forgotten before each run. */
function runCpu(e: Estimator, request: unknown, minRuns = 1): number {
  const input = e.input.parse(request);
  return measure(() => {
    forgetAnnualPictures();
    runEstimator(e, input);
  }, minRuns);
}

/** Orbit parts a claims evaluation runs: the orbit estimator's run counted while it evaluates. */
function orbitRunsOfClaims(): number {
  const orbit = estimator('orbit');
  const run = orbit.run;
  let runs = 0;
  orbit.run = (input, p) => {
    runs++;
    return run(input, p);
  };
  try {
    runEstimator(estimator('claims'), estimator('claims').input.parse({ probability_samples: 0 }));
  } finally {
    orbit.run = run;
  }
  return runs;
}

const ORBIT = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };
const EPOCH = '2026-01-01T00:00:00Z';

/** The closed forms' fixed parts: each estimator on a request that has nothing else (less its SGP4 record). */
function closedFormParts(measured: Record<string, number>): Record<string, number> {
  const e = estimator;
  return {
    orbit_s:
      runCpu(e('orbit'), { orbit: ORBIT, epoch: EPOCH, propagated_check: false }, 5) -
      (measured.satrec_from_elements_s as number),
    power_s: runCpu(e('power'), { load_kw: 100, eclipse_fraction: 0.35, period_min: 95 }, 5),
    thermal_s: runCpu(e('thermal'), { heat_kw: 1000, radiator_temp_k: 300 }, 5),
    launch_s: runCpu(e('launch'), { mass_kg: 100_000 }, 5),
  };
}

/** A scenario whose latency part is next to nothing: one relay satellite, for a minute, sampled every 10 minutes. */
const TINY_LATENCY = {
  relay: { altitude_km: 550, inclination_deg: 53, planes: 1, sats_per_plane: 1, phasing: 0 },
  latency_hours: 0.02,
  rtt_step_s: 600,
};

/** Samples of the claims' probabilities the per-sample cost is measured over. */
const CLAIMS_SAMPLES = 64;

/**
 * CPU seconds of one sampled figure evaluation of the claims' probabilities: the register with its
 * default samples against the same without any, over the evaluations those samples take (samples ×
 * the claims that have a distribution to sample).
 */
function claimsSampleCost(withoutSamples: number): number {
  const request = { scenario: TINY_LATENCY, probability_samples: CLAIMS_SAMPLES };
  const answer = runEstimator(claimsEstimator, claimsEstimator.input.parse(request));
  const sampled = answer.claims.filter((c) => c.probability_basis !== null).length;
  return (runCpu(estimator('claims'), request, 3) - withoutSamples) / (CLAIMS_SAMPLES * sampled);
}

/**
 * The composites' fixed parts: economics without its roll-up; feasibility and claims on a scenario
 * whose latency part is next to nothing, less their orbit parts (measured alone, or counted); the
 * claims without their probabilities, whose samples are priced apart.
 */
function compositeParts(measured: Record<string, number>): Record<string, number> {
  const e = estimator;
  const annualPass = Math.round((365 * 24) / DEFAULTS['orbit.annual_step_h'].value) * (measured.annual_sample_s as number);
  const orbitPart = runCpu(e('orbit'), { orbit: ORBIT, epoch: EPOCH, annual: true }, 5);
  const revolution = runCpu(e('orbit'), { orbit: ORBIT, epoch: EPOCH }, 5) - (measured.orbit_s as number);
  const runs = orbitRunsOfClaims();
  const claimsWithoutSamples = runCpu(e('claims'), { scenario: TINY_LATENCY, probability_samples: 0 }, 3);
  return {
    economics_s: runCpu(e('economics'), { load_kw: 1000, sizing: 'specific_power' }, 5),
    feasibility_s: runCpu(e('feasibility'), TINY_LATENCY, 5) - orbitPart,
    claims_s: claimsWithoutSamples - runs * revolution - annualPass,
    claims_orbit_runs: runs,
    claims_sample_s: claimsSampleCost(claimsWithoutSamples),
  };
}

/** Estimate, measured CPU time and their ratio for one request. */
function row(name: string, e: Estimator, request: unknown) {
  const input = e.input.parse(request);
  const cost = e.cost(input);
  const estimate_s = measure(() => e.cost(input));
  const measured_s = runCpu(e, request);
  return {
    request: name,
    'estimate itself, ms': Number((estimate_s * 1000).toPrecision(2)),
    estimated_s: Number(cost.cpu_s.toPrecision(3)),
    measured_s: Number(measured_s.toPrecision(3)),
    'estimated / measured': ratio(cost.cpu_s, measured_s),
    accepted: cost.cpu_s <= BUDGET_S,
  };
}

function examples(): void {
  const rows = ESTIMATORS.flatMap((e) => Object.entries(e.examples).map(([name, x]) => row(`${e.name} ${name}`, e, x.value)));
  console.log(
    `\n2. Every estimator's examples (budget ${BUDGET_S} s, inline below ${DEFAULTS['execution.inline_max_cpu_s'].value} s)`,
  );
  console.table(rows);
}

/** A TLE line with its checksum (column 69) recomputed. */
function withChecksum(line: string): string {
  let sum = 0;
  for (const ch of line.slice(0, 68)) sum += ch === '-' ? 1 : ch >= '0' && ch <= '9' ? Number(ch) : 0;
  return line.slice(0, 68) + String(sum % 10);
}

/** A geostationary element set's second line (the ISS's, at 0.05° and 1.0027 rev/day), for a catalogue of GEO sets. */
const GEO_LINE2 = '2 25544   0.0500 247.4627 0002000 130.5360 325.0288  1.00270000563537';

/** `n` element sets of one orbit (the ISS's by default) spread over the node and the mean anomaly (TLE columns 18–25 and 44–51). */
function elementSets(n: number, orbit = ISS.line2) {
  return Array.from({ length: n }, (_, i) => {
    const raan = ((i * 137.5) % 360).toFixed(4).padStart(8, ' ');
    const ma = ((i * 59.3) % 360).toFixed(4).padStart(8, ' ');
    const number = String(10000 + i).padStart(5, '0');
    const line1 = withChecksum(`1 ${number}${ISS.line1.slice(7)}`);
    const line2 = withChecksum(`2 ${number}${orbit.slice(7, 17)}${raan}${orbit.slice(25, 43)}${ma}${orbit.slice(51)}`);
    return { name: `SET-${i}`, line1, line2 };
  });
}

const span = (hours: number) => ({ start: START, end: after(hours), min_elevation_deg: 25 });
/** An interval `days` after the ISS element set's epoch: element sets are used within days of theirs. */
const issSpan = (hours: number, days = 0) => {
  const start = Date.parse('2008-09-20T12:00:00Z') + days * 86_400_000;
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + hours * 3_600_000).toISOString(),
    min_elevation_deg: 25,
  };
};

/** Five sites on four continents, for the requests with several sites. */
const FIVE_SITES = ['New York', 'London', 'Cairo', 'Tokyo', 'Sydney'];

/** Latency requests that take up to about a second: a few satellites to 1,600, 1 to 5 sites, bent pipe and laser links. */
function smallLatencyRequests(): [string, Request][] {
  return [
    [
      '4 sats 550 km, 1 site, bent pipe 6 h / 10 s',
      { ...span(6), satellites: walker(550, 2, 2), sites: ['Paris'], gateway: 'Paris', rtt_step_s: 10 },
    ],
    [
      '528 sats 550 km, 1 site, bent pipe to London 6 h / 20 s',
      { ...span(6), satellites: walker(550, 24, 22), sites: ['New York'], data_center: 'London', rtt_step_s: 20 },
    ],
    [
      '528 sats 550 km, laser links 6 h / 60 s',
      {
        ...span(6),
        satellites: walker(550, 24, 22),
        sites: ['New York'],
        data_center: 'London',
        inter_satellite_links: true,
        rtt_step_s: 60,
        orbital_data_center: { satellite: 'P0-S0' },
      },
    ],
    [
      '1,584 sats 550 km, 3 sites, 12 h pass prediction',
      { ...span(12), satellites: walker(550, 72, 22), sites: ['New York', 'London', 'Cairo'] },
    ],
    [
      '1,600 sats 1,200 km, 5 sites, to Frankfurt 6 h / 10 s',
      { ...span(6), satellites: walker(1200, 40, 40), sites: FIVE_SITES, gateway: 'Frankfurt', rtt_step_s: 10 },
    ],
    [
      '100 sats 20,200 km (MEO), 2 sites 12 h / 30 s',
      { ...span(12), satellites: walker(20_200, 10, 10, 55), sites: ['London', 'Cairo'], rtt_step_s: 30 },
    ],
    [
      '400 sats GEO, 2 sites 6 h / 10 s',
      { ...span(6), satellites: walker(35_786, 20, 20), sites: ['London', 'Cairo'], rtt_step_s: 10 },
    ],
    [
      '1,600 sats GEO, 3 sites, 20 h pass prediction',
      { ...span(20), satellites: walker(35_786, 40, 40), sites: ['New York', 'London', 'Cairo'] },
    ],
    [
      '500 GEO element sets 20 days old, 2 sites 6 h / 10 s',
      { ...issSpan(6, 20), satellites: { tles: elementSets(500, GEO_LINE2) }, sites: ['London', 'Cairo'], rtt_step_s: 10 },
    ],
    [
      '400 sats GEO, elements a year old, 2 sites 6 h / 10 s',
      {
        ...span(6),
        satellites: { walker: { ...walker(35_786, 20, 20).walker, epoch: '2025-03-20T00:00:00Z' } },
        sites: ['London', 'Cairo'],
        rtt_step_s: 10,
      },
    ],
    [
      '500 element sets, 2 sites 6 h / 10 s',
      { ...issSpan(6), satellites: { tles: elementSets(500) }, sites: ['London', 'Cairo'], rtt_step_s: 10 },
    ],
  ];
}

/** Latency requests that take seconds: 5,000 element sets and 40,000-satellite shells, LEO to GEO, near the budget and past it. */
function largeLatencyRequests(): [string, Request][] {
  return [
    [
      '5,000 element sets, 1 site, same-site gateway 2 h / 2 s',
      { ...issSpan(2), satellites: { tles: elementSets(5000) }, sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 2 },
    ],
    [
      '40,000 sats 550 km, 1 site, same-site gateway 1 h / 10 s',
      { ...span(1), satellites: walker(550, 200, 200), sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 10 },
    ],
    [
      '40,000 sats 2,000 km, Cairo, same-site gateway 0.25 h / 5 s',
      { ...span(0.25), satellites: walker(2000, 200, 200), sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 5 },
    ],
    [
      '40,000 sats 1,200 km, 5 sites 0.5 h pass prediction',
      { ...span(0.5), satellites: walker(1200, 200, 200), sites: FIVE_SITES },
    ],
    [
      '40,000 sats 2,000 km, Cairo, same-site gateway 0.9 h / 1 s',
      { ...span(0.9), satellites: walker(2000, 200, 200), sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 1 },
    ],
    [
      '40,000 sats GEO, Cairo, same-site gateway 0.1 h / 1 s',
      { ...span(0.1), satellites: walker(35_786, 200, 200), sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 1 },
    ],
    [
      '40,000 sats 8,000 km, London, same-site gateway 0.2 h / 1 s',
      { ...span(0.2), satellites: walker(8000, 200, 200), sites: ['London'], gateway: 'London', rtt_step_s: 1 },
    ],
    [
      '5,000 GEO element sets, Cairo, same-site gateway 1.2 h / 1 s',
      { ...issSpan(1.2), satellites: { tles: elementSets(5000, GEO_LINE2) }, sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 1 },
    ],
    [
      '40,000 sats GEO, Sydney to a London gateway 1.25 h / 1 s',
      { ...span(1.25), satellites: walker(35_786, 200, 200), sites: ['Sydney'], gateway: 'London', rtt_step_s: 1 },
    ],
    [
      '2,500 sats GEO, 1 site, same-site gateway 1 h / 10 s',
      { ...span(1), satellites: walker(35_786, 50, 50), sites: ['Cairo'], gateway: 'Cairo', rtt_step_s: 10 },
    ],
    [
      '3,600 sats 550 km, laser links 1 h / 60 s',
      {
        ...span(1),
        satellites: walker(550, 60, 60),
        sites: ['New York'],
        data_center: 'London',
        inter_satellite_links: true,
        rtt_step_s: 60,
        orbital_data_center: { satellite: 'P0-S0' },
      },
    ],
  ];
}

/** Latency requests across sizes: a few satellites to 40,000, 1 to 5 sites, bent pipe and laser links, LEO to GEO. */
function latencyRequests(large: boolean): [string, Request][] {
  return large ? [...smallLatencyRequests(), ...largeLatencyRequests()] : smallLatencyRequests();
}

function scaledLatency(large: boolean): void {
  const rows = latencyRequests(large).map(([name, request]) => row(name, latencyEstimator, request));
  console.log('\n3. Latency across sizes');
  console.table(rows);
}

/** The hardening issue's request (86 s, refused now) and its GEO variant (minutes, 4 GB), with their estimates. */
const REFUSED: [string, Request][] = [
  [
    '40,000 sats 2,000 km, Cairo, 2.48 h / 1 s',
    {
      satellites: walker(2000, 200, 200),
      sites: ['Cairo'],
      gateway: 'Cairo',
      start: START,
      end: '2026-03-20T02:28:48Z',
      rtt_step_s: 1,
    },
  ],
  [
    '40,000 sats GEO, Cairo, 2.48 h / 1 s',
    {
      satellites: walker(35_786, 200, 200),
      sites: ['Cairo'],
      gateway: 'Cairo',
      start: START,
      end: '2026-03-20T02:28:48Z',
      rtt_step_s: 1,
    },
  ],
];

function refused(): void {
  console.log('\n4. Refused before any work by the default budget');
  for (const [name, request] of REFUSED) {
    try {
      checkCost(latencyEstimator, latencyEstimator.input.parse(request), BUDGET_S);
      console.log(`${name}: ACCEPTED (unexpected)`);
    } catch (e) {
      console.log(`${name}: 413 ${JSON.stringify((e as { figures?: unknown }).figures)} — ${(e as Error).message}`);
    }
  }
}

/** The child of `rssOf`: one latency request from stdin, then its CPU time and this process's peak resident memory. */
function rssChild(): void {
  const input = latencyEstimator.input.parse(JSON.parse(readFileSync(0, 'utf8')));
  const before_mb = process.memoryUsage().rss / 1e6;
  const cpu_s = cpuOf(() => runEstimator(latencyEstimator, input));
  console.log(JSON.stringify({ cpu_s, rss_before_mb: before_mb, peak_rss_mb: process.resourceUsage().maxRSS / 1e3 }));
}

/** Peak resident memory of one request, run alone in a child process (this file, with the same loader). */
function rssOf(request: Request): { cpu_s: number; rss_before_mb: number; peak_rss_mb: number } {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--rss'], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(child.stderr || String(child.error));
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string);
}

/** The costliest accepted requests of section 3, each alone: CPU time and peak resident memory. */
function memory(): void {
  console.log('\n5. Peak resident memory, each request alone in a child process');
  const costliest = latencyRequests(true)
    .map(([name, request]) => ({ name, request, cost: latencyEstimator.cost(latencyEstimator.input.parse(request)) }))
    .filter((r) => r.cost.cpu_s <= BUDGET_S)
    .sort((a, b) => b.cost.cpu_s - a.cost.cpu_s)
    .slice(0, 4);
  console.table(
    costliest.map(({ name, request, cost }) => {
      const m = rssOf(request);
      const round = (x: number) => Number(x.toPrecision(3));
      return {
        request: name,
        estimated_s: round(cost.cpu_s),
        measured_s: round(m.cpu_s),
        rss_before_mb: round(m.rss_before_mb),
        peak_rss_mb: round(m.peak_rss_mb),
      };
    }),
  );
}

const args = process.argv.slice(2);
/** `--sections=1,3` runs those sections only (default: all); `--no-large` leaves out the requests that take seconds. */
const chosen = args
  .find((a) => a.startsWith('--sections='))
  ?.slice('--sections='.length)
  .split(',') ?? ['1', '2', '3', '4', '5'];
if (args[0] === '--rss') rssChild();
else {
  const large = !args.includes('--no-large');
  const sections: [string, () => void][] = [
    ['1', calibrate],
    ['2', examples],
    ['3', () => scaledLatency(large)],
    ['4', refused],
    ['5', () => large && memory()],
  ];
  for (const [id, run] of sections) if (chosen.includes(id)) run();
}
