/**
 * The inter-satellite optical link (models/links-isl.ts), run directly: the Gaussian beam's capture
 * against its closed forms in both limits and against Friis's formula, the photon arithmetic, the
 * monotone properties (fast-check), the inverse (largest spacing for a rate), Suncatcher's figures,
 * and the requests no spacing satisfies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apertureFraction,
  beamAt,
  beamRadiusM,
  friisFraction,
  IslOutput,
  IslRequest,
  type IslResult,
  islImpossible,
  photonEnergyJ,
  photonsPerBitFromSensitivity,
  rayleighRangeM,
  requiredPowerW,
  resolveLink,
  runIsl,
} from '../models/links-isl.js';
import { Provenance } from '../models/provenance.js';

/** Parse as the composer will (units, defaults left to the model), run, check the output's shape; with the provenance. */
function islWith(body: Record<string, unknown>): { r: IslResult; p: Provenance } {
  const p = new Provenance();
  const r = IslOutput.parse(runIsl(IslRequest.parse(body), p));
  return { r, p };
}
const isl = (body: Record<string, unknown>) => islWith(body).r;

/** A link whose every input is given (no defaults), in the fields' units. */
const link = fc.record({
  distance_km: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
  wavelength_nm: fc.double({ min: 800, max: 2000, noNaN: true }),
  tx_power_w: fc.double({ min: 1e-6, max: 10, noNaN: true }),
  tx_aperture_m: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
  rx_aperture_m: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
  channels: fc.integer({ min: 1, max: 64 }),
  channel_gbps: fc.double({ min: 1, max: 1600, noNaN: true }),
  pointing_loss_db: fc.double({ min: 0, max: 6, noNaN: true }),
  tx_optics_efficiency: fc.double({ min: 0.3, max: 1, noNaN: true }),
  rx_optics_efficiency: fc.double({ min: 0.3, max: 1, noNaN: true }),
  photons_per_bit: fc.double({ min: 1, max: 2000, noNaN: true }),
  beam_waist_fraction: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
});
type Link = typeof link extends fc.Arbitrary<infer T> ? T : never;
/** A scale factor above 1. */
const larger = fc.double({ min: 1.001, max: 20, noNaN: true });
/** Rates compared as "never lower", allowing the last bits of rounding. */
const notBelow = (a: number, b: number) => expect(a).toBeGreaterThanOrEqual(b * (1 - 1e-12));

/** The default beam's Rayleigh range, km: 8 cm apertures, waist 0.446 × 8 cm, 1550 nm. */
const DEFAULT_ZR_KM = rayleighRangeM(0.446 * 0.08, 1550e-9) / 1000;

describe('links isl: the Gaussian beam against its closed forms', () => {
  const beam = (body: Record<string, unknown>) => {
    const p = new Provenance();
    const l = resolveLink(IslRequest.parse(body), p);
    return { l, b: beamAt(l, l.distance_m) };
  };

  it('near field (z ≪ z_R): the capture tends to 1 − exp(−2a²/w0²), the beam to its waist', () => {
    const { l, b } = beam({ distance_km: DEFAULT_ZR_KM * 1e-4 });
    const a = l.rx_aperture_m / 2;
    expect(b.radius_m / b.waist_m - 1).toBeLessThan(1e-8);
    expect(b.capture).toBeCloseTo(1 - Math.exp((-2 * a * a) / b.waist_m ** 2), 8);
    // With the default truncation (a = 1.12 w0 at each end) that is 1 − exp(−2 × 1.12²) = 0.919.
    expect(b.capture).toBeCloseTo(0.919, 3);
  });

  it('far field (z ≫ z_R): the capture tends to 2a²/w(z)², w(z) → λz/(πw0)', () => {
    const { l, b } = beam({ distance_km: DEFAULT_ZR_KM * 1e3 });
    const a = l.rx_aperture_m / 2;
    expect(b.capture / ((2 * a * a) / b.radius_m ** 2) - 1).toBeLessThan(1e-6);
    expect(b.radius_m / ((l.wavelength_m * l.distance_m) / (Math.PI * b.waist_m)) - 1).toBeLessThan(1e-6);
  });

  it('far field: doubling the spacing quarters the received power (within 0.1 %)', () => {
    for (const k of [100, 1000, 1e5]) {
      const near = isl({ distance_km: k * DEFAULT_ZR_KM });
      const far = isl({ distance_km: 2 * k * DEFAULT_ZR_KM });
      expect(near.regime).toBe('far_field');
      expect(Math.abs(far.received_power_w / near.received_power_w / 0.25 - 1)).toBeLessThan(1e-3);
    }
  });

  it('Friis for uniform apertures, (πD_tD_r/4λz)²: an untruncated Gaussian of waist D_t/2 delivers twice it in the far field', () => {
    const [Dt, Dr, lambda, z] = [0.08, 0.08, 1550e-9, 1e6];
    const w0 = Dt / 2;
    const w = beamRadiusM(w0, z, rayleighRangeM(w0, lambda));
    expect(apertureFraction(Dr / 2, w) / friisFraction(Dt, Dr, lambda, z)).toBeCloseTo(2, 4);
  });

  it('Friis cross-check: the truncated beam delivers (2/α²)(1 − e^{−α²})² of it, Klein & Degnan’s 0.81 at the default α = 1.12', () => {
    for (const f of [0.3, 0.446, 0.5, 0.7]) {
      const r = isl({ distance_km: 1e3 * DEFAULT_ZR_KM, beam_waist_fraction: f });
      const alpha = 1 / (2 * f);
      const kleinDegnan = (2 / alpha ** 2) * (1 - Math.exp(-(alpha ** 2))) ** 2;
      const geometric = r.truncation_fraction * r.capture_fraction;
      expect(geometric / r.friis_fraction / kleinDegnan - 1).toBeLessThan(1e-3);
      expect(10 ** (-r.geometric_loss_db / 10) / geometric - 1).toBeLessThan(1e-12);
    }
    const r = isl({ distance_km: 1e3 * DEFAULT_ZR_KM });
    expect((r.truncation_fraction * r.capture_fraction) / r.friis_fraction).toBeCloseTo(0.8145, 3);
  });

  it('near field: the truncation is what the aperture passes, 1 − exp(−2α²), and Friis overstates the power (with a warning)', () => {
    const { r, p } = islWith({ distance_km: 0.1 });
    expect(r.regime).toBe('near_field');
    expect(r.truncation_fraction).toBeCloseTo(1 - Math.exp(-2 * (1 / (2 * 0.446)) ** 2), 2);
    expect(r.friis_fraction).toBeGreaterThan(1);
    expect(p.warnings.some((w) => w.includes('Friis'))).toBe(true);
  });
});

describe('links isl: photon arithmetic', () => {
  it('1 photon per bit at 1 Gbps and 1550 nm needs h c/λ × 1e9 = 1.2816e-10 W', () => {
    expect(photonEnergyJ(1550e-9)).toBeCloseTo(1.28157e-19, 23);
    expect(requiredPowerW(1, 1550e-9, 1) / 1.2816e-10 - 1).toBeLessThan(1e-4);
    const r = isl({ distance_km: 1, photons_per_bit: 1, channel_gbps: 1 });
    expect(r.required_power_w / 1.2816e-10 - 1).toBeLessThan(1e-4);
  });

  it('a sensitivity in dBm at a rate is photons per bit: −20 dBm at 400 Gbps and 1550 nm is 195 photons per bit', () => {
    expect(photonsPerBitFromSensitivity(-20, 400, 1550e-9)).toBeCloseTo(195.07, 1);
    const bySensitivity = isl({ distance_km: 3, sensitivity: { sensitivity_dbm: -30, at_gbps: '10 Gb/s' } });
    const byPhotons = isl({ distance_km: 3, photons_per_bit: bySensitivity.photons_per_bit });
    expect(bySensitivity.rate_gbps).toBe(byPhotons.rate_gbps);
    expect(bySensitivity.required_power_dbm).toBeCloseTo(-30 + 10 * Math.log10(400 / 10), 9);
  });

  it('refuses photons_per_bit and sensitivity together, and reads unit strings as their numbers', () => {
    expect(
      IslRequest.safeParse({ distance_km: 1, photons_per_bit: 10, sensitivity: { sensitivity_dbm: -30, at_gbps: 10 } }).success,
    ).toBe(false);
    const strings = isl({ distance_km: '100 m', tx_aperture_m: '8 cm', channel_gbps: '0.4 Tb/s', wavelength_nm: '1.55 um' });
    const numbers = isl({ distance_km: 0.1, tx_aperture_m: 0.08, channel_gbps: 400, wavelength_nm: 1550 });
    expect(strings).toEqual(numbers);
  });
});

describe('links isl: invariants', () => {
  const rate = (l: Link) => isl(l).rate_gbps;

  it('a larger receive aperture, more power, a shorter spacing or fewer photons per bit never lower the rate', () => {
    fc.assert(
      fc.property(link, larger, (l, k) => {
        const base = rate(l);
        notBelow(rate({ ...l, rx_aperture_m: Math.min(l.rx_aperture_m * k, 100) }), base);
        notBelow(rate({ ...l, tx_power_w: l.tx_power_w * k }), base);
        notBelow(rate({ ...l, distance_km: l.distance_km / k }), base);
        notBelow(rate({ ...l, photons_per_bit: l.photons_per_bit / k }), base);
      }),
      { numRuns: 300 },
    );
  });

  it('larger apertures at both ends (the same terminal on each satellite) never lower the rate', () => {
    fc.assert(
      fc.property(link, larger, (l, k) => {
        const D = l.tx_aperture_m * k;
        notBelow(rate({ ...l, tx_aperture_m: D, rx_aperture_m: D }), rate({ ...l, rx_aperture_m: l.tx_aperture_m }));
      }),
      { numRuns: 300 },
    );
  });

  it('a larger transmit aperture never lowers the rate in the far field, where its narrower beam concentrates the power', () => {
    fc.assert(
      fc.property(link, larger, (l, k) => {
        const D = l.tx_aperture_m * k;
        const zR_km = rayleighRangeM(l.beam_waist_fraction * D, l.wavelength_nm * 1e-9) / 1000;
        const far = { ...l, distance_km: Math.max(l.distance_km, zR_km) };
        notBelow(rate({ ...far, tx_aperture_m: D }), rate(far));
      }),
      { numRuns: 300 },
    );
  });

  it('in the near field a wider collimated beam spreads over a small receive aperture: a larger transmit aperture alone can lower the rate', () => {
    const small = { distance_km: 0.1, rx_aperture_m: 0.01, tx_power_w: 1e-6, photons_per_bit: 100 };
    const a = isl({ ...small, tx_aperture_m: 0.04 });
    const b = isl({ ...small, tx_aperture_m: 0.4 });
    expect(b.regime).toBe('near_field');
    expect(b.capture_fraction).toBeLessThan(a.capture_fraction);
    expect(b.rate_gbps).toBeLessThan(a.rate_gbps);
  });

  it('the rate never exceeds channels × channel_gbps, and every figure is finite', () => {
    fc.assert(
      fc.property(link, (l) => {
        const r = isl(l);
        expect(r.rate_gbps).toBeLessThanOrEqual(r.channels * r.channel_gbps);
        expect(r.rate_gbps).toBeGreaterThan(0);
        expect(r.bidirectional_gbps).toBe(2 * r.rate_gbps);
        for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('links isl: the inverse, the largest spacing for a rate', () => {
  it('max_distance_km fed back as distance_km carries required_gbps (1e-6), and a little farther carries less', () => {
    fc.assert(
      fc.property(link, fc.double({ min: 0.01, max: 1, noNaN: true }), (l, share) => {
        const required_gbps = share * l.channels * l.channel_gbps;
        const r = isl({ ...l, required_gbps });
        fc.pre(r.max_distance_km !== null && r.max_distance_km > 0);
        const at = isl({ ...l, required_gbps, distance_km: r.max_distance_km as number });
        expect(Math.abs(at.rate_gbps / required_gbps - 1)).toBeLessThan(1e-6);
        expect(at.meets_required).toBe(true);
        expect(islImpossible(at)).toBeNull();
        fc.pre((r.max_distance_km as number) * 1.001 <= 1e9);
        const beyond = isl({ ...l, required_gbps, distance_km: (r.max_distance_km as number) * 1.001 });
        expect(beyond.rate_gbps).toBeLessThan(required_gbps);
        expect(islImpossible(beyond)).toMatch(/less than the required/);
      }),
      { numRuns: 200 },
    );
  });

  it('without required_gbps it is the spacing of the full line rate on every channel: the margin is 0 dB there', () => {
    const r = isl({ distance_km: 1 });
    expect(r.max_distance_reason).toMatch(/full line rate/);
    const edge = isl({ distance_km: r.max_distance_km as number });
    expect(Math.abs(edge.margin_db)).toBeLessThan(1e-9);
    expect(edge.regime).toBe('far_field');
  });
});

describe("links isl: Suncatcher's figures with the defaults", () => {
  it('the bench link (1 m): 800 Gbps each way, 1.6 Tbps in total, every default recorded under its field path', () => {
    const { r, p } = islWith({ distance_km: '1 m' });
    expect(r.rate_gbps).toBe(800);
    expect(r.bidirectional_gbps).toBe(1600);
    expect(r.margin_db).toBeGreaterThan(0);
    expect(p.assumptions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'isl.tx_power_w',
        'isl.tx_aperture_m',
        'isl.rx_aperture_m',
        'isl.channels',
        'isl.channel_gbps',
        'isl.sensitivity.sensitivity_dbm',
        'isl.sensitivity.at_gbps',
        'isl.beam_waist_fraction',
      ]),
    );
    const given = islWith({ distance_km: 0.001, tx_power_w: 1e-3, photons_per_bit: 50 }).p.assumptions.map((a) => a.name);
    expect(given).not.toContain('isl.tx_power_w');
    expect(given).not.toContain('isl.sensitivity.sensitivity_dbm');
  });

  it('in the cluster (100 m and 1 km apart) 8 cm and 10 cm apertures are in the near field, and 1 km never carries more than 100 m', () => {
    for (const D of [0.08, 0.1]) {
      const at100m = isl({ distance_km: 0.1, tx_aperture_m: D, rx_aperture_m: D });
      const at1km = isl({ distance_km: 1, tx_aperture_m: D, rx_aperture_m: D });
      expect(at100m.regime).toBe('near_field');
      expect(at1km.regime).toBe('near_field');
      expect(at100m.rayleigh_range_km).toBeGreaterThan(1);
      expect(at1km.received_power_w).toBeLessThan(at100m.received_power_w);
      notBelow(at100m.rate_gbps, at1km.rate_gbps);
      // Near field: ten times the spacing costs far less than the 20 dB of the 1/z² law.
      expect(at100m.received_power_dbm - at1km.received_power_dbm).toBeLessThan(1);
    }
    expect(isl({ distance_km: 0.1 }).rate_gbps).toBe(800);
    expect(isl({ distance_km: 1 }).rate_gbps).toBe(800);
  });

  it('a detector given far more than it takes is warned of', () => {
    const { p } = islWith({ distance_km: 0.01, tx_power_w: 1 });
    expect(p.warnings.some((w) => w.includes('overload'))).toBe(true);
  });
});

describe('links isl: requests no spacing satisfies', () => {
  it('a rate above channels × channel_gbps: no spacing, with the reason, and islImpossible says so', () => {
    const r = isl({ distance_km: 0.1, required_gbps: '10 Tb/s' });
    expect(r.max_distance_km).toBeNull();
    expect(r.max_distance_reason).toMatch(/more than 2 channels × 400 Gbps = 800 Gbps/);
    expect(r.meets_required).toBe(false);
    expect(islImpossible(r)).toMatch(/less than the required 10000 Gbps/);
  });

  it('a rate the near field cannot give: no spacing, even zero', () => {
    const r = isl({ distance_km: 0.1, tx_power_w: 1e-9, required_gbps: 800 });
    expect(r.max_distance_km).toBeNull();
    expect(r.max_distance_reason).toMatch(/even at zero spacing/);
    expect(islImpossible(r)).toMatch(/even at zero spacing/);
  });

  it('a rate within reach at the spacing: nothing impossible', () => {
    const r = isl({ distance_km: 1, channels: 25, required_gbps: '10 Tb/s' });
    expect(r.rate_gbps).toBe(10_000);
    expect(islImpossible(r)).toBeNull();
    expect(islImpossible(isl({ distance_km: 1 }))).toBeNull();
  });
});
