/**
 * The ground link budget (models/links-ground.ts) against published cases and closed forms:
 * - ITU-R P.618-13 rain attenuation and P.838-3 coefficients: the ITU-R Study Group 3 validation
 *   examples (CG-3M3J-13-ValEx), as transcribed in ITU-Rpy's test data
 *   (github.com/inigodelportillo/ITU-Rpy, test/test_data/618/ITURP618-13_A_rain.csv,
 *   838/ITURP838-3_rain_specific_attenuation.csv, 839/ITURP839-4_rain_height.csv);
 * - a published downlink budget: Table 1 of "On the feasibility of a secondary service transmission
 *   over an existent satellite infrastructure: design and analysis", EURASIP Journal on Wireless
 *   Communications and Networking (2020), doi:10.1186/s13638-020-01674-9;
 * - free-space loss, slant range and daily volume against their closed forms; the contact time
 *   against a plain scan of the elevation;
 * - invariants (fast-check): more power, a bigger antenna, a shorter range or a lower threshold
 *   never lowers the rate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../fixtures/index.js';
import { DEG, WGS84_A_KM } from '../models/constants.js';
import {
  airMassLossDb,
  DownlinkOutput,
  DownlinkRequest,
  type DownlinkResult,
  downlinkImpossible,
  ebn0Db,
  freeSpaceLossDb,
  frequencyGhz,
  rainAttenuationDb,
  rainCoefficients,
  runDownlink,
  volumeTb,
  wavelengthM,
  zenithGasLossDb,
} from '../models/links-ground.js';
import { resolveOrbit } from '../models/orbit.js';
import { Provenance } from '../models/provenance.js';
import { dateToJd, minutesSinceEpoch } from '../models/sgp4.js';
import { ecfAt, elevationRad, siteGeometry, slantRangeKm, type Track } from '../models/visibility.js';

/** Run the budget on a request body, and check the answer against the output schema. */
function run(body: unknown): { result: DownlinkResult; p: Provenance } {
  const p = new Provenance();
  const result = runDownlink(DownlinkRequest.parse(body), p);
  DownlinkOutput.parse(result);
  return { result, p };
}

const C_M_S = 299_792_458;

describe('free-space loss (ITU-R P.525)', () => {
  it('is 20 log10(4π d f / c): 180.75 dB at 26 GHz over 1,000 km', () => {
    const closedForm = 20 * Math.log10((4 * Math.PI * 1e6 * 26e9) / C_M_S);
    expect(freeSpaceLossDb(1000, wavelengthM(26))).toBeCloseTo(closedForm, 9);
    // The textbook form 92.45 + 20 log10(f/GHz) + 20 log10(d/km), to its rounding of the constant.
    expect(freeSpaceLossDb(1000, wavelengthM(26))).toBeCloseTo(92.45 + 20 * Math.log10(26) + 60, 2);
  });

  it('is 258.18 dB at 1550 nm over 1,000 km', () => {
    expect(freeSpaceLossDb(1000, 1550e-9)).toBeCloseTo(20 * Math.log10((4 * Math.PI * 1e6) / 1550e-9), 9);
    expect(freeSpaceLossDb(1000, 1550e-9)).toBeCloseTo(258.18, 2);
  });

  it('reads a carrier both ways, f = c / λ: 1550 nm is 193.41 THz, and 26 GHz comes back as 26 GHz', () => {
    expect(frequencyGhz(1550e-9)).toBeCloseTo(C_M_S / 1550e-9 / 1e9, 9);
    expect(frequencyGhz(1550e-9)).toBeCloseTo(193_414.49, 2);
    expect(frequencyGhz(wavelengthM(26))).toBeCloseTo(26, 12);
  });
});

describe('slant range at the elevation mask', () => {
  it('equals the altitude at 90° elevation', () => {
    for (const h of [300, 650, 1200, 20_000]) expect(slantRangeKm(h, 90, WGS84_A_KM)).toBeCloseTo(h, 9);
  });

  it('matches the law of cosines over the Earth-central angle γ = acos(R cos ε / (R + h)) − ε at lower elevations', () => {
    fc.assert(
      fc.property(fc.double({ min: 200, max: 40_000, noNaN: true }), fc.double({ min: 0, max: 89.9, noNaN: true }), (h, e) => {
        const R = WGS84_A_KM;
        const gamma = Math.acos((R * Math.cos(e * DEG)) / (R + h)) - e * DEG;
        const rho = Math.sqrt(R ** 2 + (R + h) ** 2 - 2 * R * (R + h) * Math.cos(gamma));
        expect(slantRangeKm(h, e, R)).toBeCloseTo(rho, 6);
      }),
    );
  });

  it('is the range the budget closes at when given an orbit', () => {
    const { result } = run({ orbit: { altitude_km: 650, inclination_deg: 53 }, min_elevation_deg: 15 });
    expect(result.slant_range_km).toBeCloseTo(slantRangeKm(650, 15, WGS84_A_KM), 9);
    expect(result.elevation_deg).toBe(15);
  });
});

/**
 * ITU-R validation rows: site latitude, station height (km), frequency (GHz), elevation (deg),
 * polarization tilt (deg), percentage of the year p, R0.01 (mm/h), rain height h_R (km, from the
 * P.839-4 rows of the same site) and the expected attenuation A_p (dB).
 */
const P618_ROWS: readonly (readonly number[])[] = [
  [51.5, 0.031382984, 14.25, 31.07699124, 0, 1, 26.48052, 2.45273333, 0.495317069],
  [51.5, 0.031382984, 14.25, 31.07699124, 0, 0.01, 26.48052, 2.45273333, 6.798072267],
  [51.5, 0.031382984, 29, 31.07699124, 0, 0.001, 26.48052, 2.45273333, 45.19865638],
  [41.9, 0.046122988, 29, 40.232036, 0, 0.1, 33.936232, 3.04749333, 10.73100773],
  [33.94, 0, 29, 46.35969261, 0, 0.01, 27.13586832, 2.56330276, 21.24861968],
  [22.9, 0, 14.25, 22.27833468, 0, 0.1, 50.639304, 4.15877867, 8.271647438],
  [22.9, 0, 29, 22.27833468, 0, 0.001, 50.639304, 4.15877867, 83.5996391],
  [25.78, 0.00861728, 29, 52.67898486, 0, 1, 78.2994993, 4.56946133, 6.654855651],
  [28.717, 0.209383699, 14.25, 48.24117054, 90, 0.1, 63.61888808, 5.25820404, 5.486346969],
  [3.133, 0.051251456, 29, 85.80459566, 90, 0.001, 99.15117186, 4.9579744, 96.67521082],
];

describe('rain (ITU-R P.618-13 step method, P.838-3): the ITU-R validation examples', () => {
  it.each(P618_ROWS)('lat %f°, %f km, %f GHz, %f°, τ %f°, p %f %%', (lat, hs, f, el, tau, p, r001, hr, expected) => {
    const a = rainAttenuationDb(
      {
        f_ghz: f as number,
        elevation_deg: el as number,
        lat_deg: lat as number,
        station_alt_km: hs as number,
        rain_height_km: hr as number,
        r001_mm_per_h: r001 as number,
        tilt_deg: tau as number,
      },
      p as number,
    );
    // The validation figures carry 9-10 significant digits: agree to one part in a million.
    expect(Math.abs(a / (expected as number) - 1)).toBeLessThan(1e-6);
  });

  it('has the P.838-3 coefficients of the validation examples', () => {
    const rows = [
      [14.25, 31.07699124, 0, 0.03975488, 1.12418043],
      [29, 46.35969261, 0, 0.21978097, 0.9484851],
      [14.25, 85.80459566, 90, 0.04133039, 1.09499629],
      [29, 20.14335809, 90, 0.21298877, 0.92265917],
    ] as const;
    for (const [f, el, tau, k, alpha] of rows) {
      const c = rainCoefficients(f, el, tau);
      expect(c.k).toBeCloseTo(k, 7);
      expect(c.alpha).toBeCloseTo(alpha, 7);
    }
  });
});

describe('a published downlink budget (EURASIP JWCN 2020, Table 1)', () => {
  // 2,200 MHz, 1 W into an antenna of 8.3 dBi (EIRP 38.3 dBm), free-space loss 162.2 dB, depointing
  // 10 dB, a 5 m station of 38.2 dBi and 130 K; 3.4 Mbps. Published: C/N0 81.8 dB-Hz, Eb/N0 16.5 dB,
  // demodulation losses 6 dB, required Eb/N0 7 dB, margin 3.5 dB. Four inputs rounded to 0.1 dB
  // (±0.05 each) allow the figures derived from them 0.1 dB.
  const f_ghz = 2.2;
  const slant_range_km = (10 ** (162.2 / 20) * wavelengthM(f_ghz)) / (4 * Math.PI) / 1000;
  const { result } = run({
    frequency_ghz: f_ghz,
    slant_range_km,
    tx_power_w: 1,
    tx_antenna_gain_dbi: 8.3,
    g_over_t_db_per_k: 38.2 - 10 * Math.log10(130),
    atmospheric_loss_db: 0,
    rain_loss_db: 0,
    pointing_loss_db: 10,
    implementation_loss_db: 6,
    required_ebn0_db: 7,
    modcod: 'qpsk_1_2',
    bandwidth_mhz: 3.4,
    rolloff: 0,
  });

  it('reproduces the free-space loss and C/N0', () => {
    expect(result.free_space_loss_db).toBeCloseTo(162.2, 9);
    expect(result.eirp_dbw + 30).toBeCloseTo(38.3, 9);
    expect(Math.abs((result.cn0_dbhz as number) - 81.8)).toBeLessThan(0.05);
  });

  it('reproduces Eb/N0 at 3.4 Mbps and the margin over 7 dB after 6 dB of demodulation losses', () => {
    const ebn0 = ebn0Db(result.cn0_dbhz as number, 3.4e6);
    expect(Math.abs(ebn0 - 16.5)).toBeLessThan(0.1);
    expect(Math.abs(ebn0 - 6 - 7 - 3.5)).toBeLessThan(0.1);
  });
});

describe('gaseous attenuation (ITU-R P.676-10 Annex 2)', () => {
  const air = { pressure_hpa: 1013, temperature_k: 288.15, water_vapour_g_per_m3: 7.5 };

  it('scales its zenith value by the air mass 1/sin ε', () => {
    const zenith = zenithGasLossDb(26, air);
    expect(airMassLossDb(zenith, 90)).toBeCloseTo(zenith, 12);
    expect(airMassLossDb(zenith, 30)).toBeCloseTo(2 * zenith, 12);
    const { result } = run({ slant_range_km: 1000, min_elevation_deg: 30 });
    expect(result.atmospheric_loss_db).toBeCloseTo(2 * zenith, 12);
  });

  it('peaks at the 22.235 GHz water line and is a few tenths of a dB at 26 GHz', () => {
    expect(zenithGasLossDb(22.235, air)).toBeGreaterThan(zenithGasLossDb(18, air));
    expect(zenithGasLossDb(22.235, air)).toBeGreaterThan(zenithGasLossDb(26, air));
    expect(zenithGasLossDb(26, air)).toBeGreaterThan(0.1);
    expect(zenithGasLossDb(26, air)).toBeLessThan(0.6);
  });
});

/** The rate of a request with one field changed. */
const rateOf = (body: Record<string, unknown>) => run(body).result.rate_gbps;

describe('the rate never falls with a better link (fast-check)', () => {
  const rfBase = { slant_range_km: 1500, tx_power_w: 2, tx_aperture_m: 0.2, rain_loss_db: 3, bandwidth_mhz: 500 };
  const opticalBase = { band: 'optical', slant_range_km: 1500, tx_power_w: 0.01, rx_aperture_m: 0.3, line_rate_gbps: 1000 };
  const factor = fc.double({ min: 1, max: 100, noNaN: true });

  it('RF: more power, a bigger antenna, a shorter range', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), factor, (power, k) => {
        expect(rateOf({ ...rfBase, tx_power_w: power * k })).toBeGreaterThanOrEqual(rateOf({ ...rfBase, tx_power_w: power }));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0.02, max: 1, noNaN: true }), factor, (d, k) => {
        expect(rateOf({ ...rfBase, tx_aperture_m: Math.min(20, d * k) })).toBeGreaterThanOrEqual(
          rateOf({ ...rfBase, tx_aperture_m: d }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 300, max: 40_000, noNaN: true }), factor, (range, k) => {
        expect(rateOf({ ...rfBase, slant_range_km: range / k })).toBeGreaterThanOrEqual(
          rateOf({ ...rfBase, slant_range_km: range }),
        );
      }),
    );
  });

  it('RF: a lower required Eb/N0, with a fixed modcod or across them all, and with a Shannon gap', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.constantFrom(undefined, 'qpsk_1_2', '8psk_3_4', '32apsk_9_10'),
        (req, less, modcod) => {
          const body = { ...rfBase, tx_power_w: 0.5, ...(modcod ? { modcod } : {}) };
          expect(rateOf({ ...body, required_ebn0_db: Math.max(-10, req - less) })).toBeGreaterThanOrEqual(
            rateOf({ ...body, required_ebn0_db: req }),
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (gap, less) => {
        const body = { ...rfBase, shannon_gap_db: gap };
        expect(rateOf({ ...body, shannon_gap_db: Math.max(0, gap - less) })).toBeGreaterThanOrEqual(rateOf(body));
      }),
    );
  });

  it('optical: more power, a bigger telescope, a shorter range, fewer photons per bit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1, noNaN: true }), factor, (power, k) => {
        expect(rateOf({ ...opticalBase, tx_power_w: power * k })).toBeGreaterThanOrEqual(
          rateOf({ ...opticalBase, tx_power_w: power }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), factor, (d, k) => {
        expect(rateOf({ ...opticalBase, rx_aperture_m: Math.min(20, d * k) })).toBeGreaterThanOrEqual(
          rateOf({ ...opticalBase, rx_aperture_m: d }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 300, max: 40_000, noNaN: true }), factor, (range, k) => {
        expect(rateOf({ ...opticalBase, slant_range_km: range / k })).toBeGreaterThanOrEqual(
          rateOf({ ...opticalBase, slant_range_km: range }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1000, noNaN: true }), factor, (n, k) => {
        expect(rateOf({ ...opticalBase, photons_per_bit: n / k })).toBeGreaterThanOrEqual(
          rateOf({ ...opticalBase, photons_per_bit: n }),
        );
      }),
    );
  });
});

describe('RF rate by DVB-S2 at the channel symbol rate', () => {
  it('picks the most efficient modcod that closes, and its rate is efficiency × bandwidth / (1 + roll-off)', () => {
    const { result } = run({ slant_range_km: 1000, rain_loss_db: 0, bandwidth_mhz: 100, rolloff: 0.25 });
    expect(result.symbol_rate_msps).toBeCloseTo(80, 9);
    expect(result.rate_limit).toBe('bandwidth');
    expect(result.modcod).toBe('32apsk_9_10');
    expect(result.rate_gbps).toBeCloseTo((4.453027 * 80e6) / 1e9, 9);
    expect(result.margin_db).toBeGreaterThanOrEqual(0);
    expect(result.ebn0_db).toBeCloseTo((result.cn0_dbhz as number) - 10 * Math.log10(result.rate_gbps * 1e9), 9);
  });

  it('a Shannon bound with a gap: B log2(1 + (C/N0 − L_impl − gap)/B)', () => {
    const { result } = run({
      slant_range_km: 1000,
      rain_loss_db: 0,
      bandwidth_mhz: 100,
      shannon_gap_db: 3,
      implementation_loss_db: 1,
    });
    const snr = 10 ** (((result.cn0_dbhz as number) - 1 - 3) / 10) / 100e6;
    expect(result.rate_gbps).toBeCloseTo((100e6 * Math.log2(1 + snr)) / 1e9, 9);
    expect(result.margin_db).toBeNull();
  });
});

describe('defaults and their provenance', () => {
  it('records every default under downlink.<field>, and the model-derived losses with their method', () => {
    const { p } = run({ orbit: { altitude_km: 650, sun_synchronous: true, ltan_h: 18 } });
    const names = p.assumptions.map((a) => a.name);
    for (const n of names) expect(n.startsWith('downlink.'), n).toBe(true);
    for (const n of [
      'downlink.frequency_ghz',
      'downlink.tx_power_w',
      'downlink.g_over_t_db_per_k',
      'downlink.epoch',
      'downlink.station.lat_deg',
    ])
      expect(names).toContain(n);
    expect(p.assumptions.find((a) => a.name === 'downlink.rain_loss_db')?.source).toBe('itu-r-p618-13');
    expect(p.assumptions.find((a) => a.name === 'downlink.atmospheric_loss_db')?.source).toBe('itu-r-p676-10');
  });

  it('refuses two carriers, two geometries, and fields of the other band', () => {
    const refused = (body: unknown) => expect(DownlinkRequest.safeParse(body).success).toBe(false);
    refused({ frequency_ghz: 26, wavelength_nm: 1550, slant_range_km: 1000 });
    refused({ slant_range_km: 1000, orbit: { altitude_km: 650 } });
    refused({ frequency_ghz: 26 });
    refused({ slant_range_km: 1000, photons_per_bit: 10 });
    refused({ band: 'optical', slant_range_km: 1000, g_over_t_db_per_k: 30 });
    refused({ slant_range_km: 1000, tx_antenna_gain_dbi: 30, tx_aperture_m: 0.2 });
    refused({ slant_range_km: 1000, epoch: '2027-01-01T00:00:00Z' });
  });
});

describe('contact and daily volume', () => {
  it('with only a slant range, contact and volume are null with the reason', () => {
    const { result } = run({ slant_range_km: 1000 });
    expect(result.contact_min_per_day).toBeNull();
    expect(result.daily_volume_tb).toBeNull();
    expect(result.contact_reason).toMatch(/orbit/);
  });

  it('the 650 km dawn-dusk orbit over ESA’s Tenerife station at 1550 nm: contact from the event search, volume = rate × contact × cloud-free share', () => {
    const orbit = { altitude_km: 650, sun_synchronous: true, ltan_h: 18 };
    const { result } = run({ band: 'optical', orbit, required_daily_volume_tb: 100 });
    expect(result.band).toBe('optical');
    expect(result.contact_min_per_day).toBeGreaterThan(0);
    expect(result.daily_volume_tb).toBeCloseTo(
      volumeTb(result.rate_gbps, (result.contact_min_per_day as number) * 60) *
        DEFAULTS['downlink.optical.cloud_free_fraction'].value,
      9,
    );
    expect(result.stations_needed).toBe(Math.ceil(100 / (result.daily_volume_tb as number)));

    // The same day scanned every 5 s: the event search's contact within two steps per pass.
    const o = resolveOrbit(orbit, '2027-01-01T00:00:00Z', new Provenance());
    const track: Track = {
      name: 's',
      satrec: o.satrec,
      t0_min: minutesSinceEpoch(o.satrec, o.epoch),
      jd0: dateToJd(o.epoch),
      pointer: '/orbit',
    };
    const site = siteGeometry({
      name: 'OGS',
      lat_deg: DEFAULTS['downlink.optical.station.lat_deg'].value,
      lon_deg: DEFAULTS['downlink.optical.station.lon_deg'].value,
      alt_km: DEFAULTS['downlink.optical.station.alt_km'].value,
    });
    const mask = DEFAULTS['downlink.optical.min_elevation_deg'].value * DEG;
    let above = 0;
    for (let t = 0; t < 86_400; t += 5) if (elevationRad(site, ecfAt(track, t)) >= mask) above += 5;
    expect(Math.abs((result.contact_min_per_day as number) - above / 60)).toBeLessThan(
      ((result.passes_per_day as number) * 10) / 60,
    );
  });
});

describe('downlinkImpossible', () => {
  it('says so with the figures when no modcod closes', () => {
    const { result } = run({ slant_range_km: 2000, tx_power_w: 0.001 });
    expect(result.rate_gbps).toBe(0);
    expect(result.margin_db).toBeLessThan(0);
    expect(downlinkImpossible(result)).toMatch(/closes at no rate.*dB-Hz.*lacks/);
  });

  it('says so when the station never sees the satellite in the day', () => {
    const { result } = run({ orbit: { altitude_km: 650, inclination_deg: 0 }, station: { lat_deg: 70, lon_deg: 20 } });
    expect(result.contact_min_per_day).toBe(0);
    expect(result.daily_volume_tb).toBe(0);
    expect(downlinkImpossible(result)).toMatch(/never sees/);
  });

  it('is null for a link that carries something', () => {
    expect(downlinkImpossible(run({ slant_range_km: 1000 }).result)).toBeNull();
  });
});
