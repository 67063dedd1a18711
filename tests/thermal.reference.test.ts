/**
 * The thermal* cases of ../shared/reference/cases.json through POST /v1/thermal, each within the
 * case's relative tolerance. Case inputs use two names the API spells differently:
 * `no_environment: true` is `environment: "none"`, and `sigma` is `sigma_w_per_m2_k4`.
 *
 * An expected field may carry a convention suffix: `_whitepaper_convention` (the Starcloud white
 * paper absorbs the Earth's infrared with the solar absorptivity: `ir_absorptance` = `absorptivity`)
 * or `_kirchhoff` (the default: infrared absorptance = emissivity).
 */
import { describe, expect, it } from 'vitest';
import { post, useApp } from './helpers.js';
import { casesWithPrefix, HAVE_REFERENCE, NEEDS_REFERENCE } from './reference.js';

type Row = Record<string, number | boolean>;

function toRequest(inputs: Row): Record<string, unknown> {
  const { no_environment, sigma, ...rest } = inputs;
  return {
    ...rest,
    ...(no_environment === true && { environment: 'none' }),
    ...(sigma !== undefined && { sigma_w_per_m2_k4: sigma }),
  };
}

const CONVENTIONS = {
  _whitepaper_convention: (r: Record<string, unknown>) => ({ ...r, ir_absorptance: r.absorptivity }),
  _kirchhoff: (r: Record<string, unknown>) => r,
  '': (r: Record<string, unknown>) => r,
} as const;

function splitField(key: string): { field: string; convention: keyof typeof CONVENTIONS } {
  for (const suffix of ['_whitepaper_convention', '_kirchhoff'] as const)
    if (key.endsWith(suffix)) return { field: key.slice(0, -suffix.length), convention: suffix };
  return { field: key, convention: '' };
}

describe.skipIf(!HAVE_REFERENCE)(`thermal reference cases${NEEDS_REFERENCE}`, () => {
  const app = useApp();
  const cases = casesWithPrefix('thermal');

  it('finds the thermal cases', () => {
    expect(cases.map((c) => c.id)).toEqual(
      expect.arrayContaining(['thermal-starcloud-633', 'thermal-blackbody-20C', 'thermal-ideal-1MW-300K']),
    );
  });

  for (const c of cases) {
    for (const [key, want] of Object.entries(c.expected as Row)) {
      it(`${c.id}: ${key} = ${want}`, async () => {
        const { field, convention } = splitField(key);
        const res = await post(app(), '/v1/thermal', CONVENTIONS[convention](toRequest(c.inputs as Row)));
        expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
        const rel = c.tolerance.relative as number;
        expect(rel, 'relative tolerance').toBeTypeOf('number');
        const got = res.body[field] as number;
        expect(got, `${field} in the response`).toBeTypeOf('number');
        expect(
          Math.abs(got - (want as number)) / Math.abs(want as number),
          `${field}: got ${got}, want ${want} ± ${rel * 100} %`,
        ).toBeLessThanOrEqual(rel);
      });
    }
  }

  it('thermal-starcloud-633: the two conventions differ only in the Earth infrared term', async () => {
    const base = toRequest(casesWithPrefix('thermal-starcloud-633')[0]?.inputs as Row);
    const kirchhoff = await post(app(), '/v1/thermal', base);
    const paper = await post(app(), '/v1/thermal', { ...base, ir_absorptance: base.absorptivity });
    expect(kirchhoff.body.absorbed_solar_w_per_m2).toBe(paper.body.absorbed_solar_w_per_m2);
    expect(kirchhoff.body.absorbed_albedo_w_per_m2).toBe(paper.body.absorbed_albedo_w_per_m2);
    // Earth IR scales with the infrared absorptance: ε / α_IR.
    expect(kirchhoff.body.absorbed_earth_ir_w_per_m2 / paper.body.absorbed_earth_ir_w_per_m2).toBeCloseTo(
      (base.emissivity as number) / (base.absorptivity as number),
      10,
    );
    expect(kirchhoff.body.assumptions.map((a: { name: string }) => a.name)).toContain('ir_absorptance');
    expect(paper.body.warnings.join(' ')).toMatch(/Kirchhoff/);
  });
});
