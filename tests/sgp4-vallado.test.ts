/**
 * sgp4-vallado: the SGP4 verification set of Vallado, Crawford, Hujsak & Kelso (AIAA 2006-6753),
 * every TLE over its own range against tcppver.out; position within 1 mm (1e-6 km), velocity
 * within 1e-8 km/s, and the error codes where propagation fails.
 */
import { describe, expect, it } from 'vitest';
import { propagateMinutes, satrecFromTle } from '../models/sgp4.js';
import { HAVE_REFERENCE, NEEDS_REFERENCE, readReference, referenceCase } from './reference.js';

const oneMillimetre_km = 1e-6;
const velocity_km_s = 1e-8;

interface Block {
  satnum: string;
  line1: string;
  line2: string;
  start: number;
  stop: number;
  step: number;
}

function parseTles(text: string): Block[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0 && !l.startsWith('#'));
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l1 = lines[i] as string;
    if (!l1.startsWith('1 ')) continue;
    const l2 = lines[i + 1] as string;
    const [start, stop, step] = l2.slice(69).trim().split(/\s+/).map(Number) as [number, number, number];
    blocks.push({ satnum: l1.slice(2, 7).trim(), line1: l1.slice(0, 69), line2: l2.slice(0, 69), start, stop, step });
    i++;
  }
  return blocks;
}

function parseExpected(text: string): { satnum: string; rows: number[][] }[] {
  const out: { satnum: string; rows: number[][] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/xx\s*$/.test(line)) {
      out.push({ satnum: line.trim().split(/\s+/)[0] as string, rows: [] });
      continue;
    }
    out.at(-1)?.rows.push(line.trim().split(/\s+/).slice(0, 7).map(Number));
  }
  return out;
}

/** The times SGP4-VER asks for: the epoch, then start, start+step, … and the stop time itself. */
function times(b: Block): number[] {
  const ts: number[] = b.start === 0 ? [] : [0];
  for (let k = 0; ; k++) {
    const t = b.start + k * b.step;
    if (t > b.stop + 1e-9) break;
    ts.push(t);
  }
  if (Math.abs((ts.at(-1) as number) - b.stop) > 1e-9) ts.push(b.stop);
  return ts;
}

describe.skipIf(!HAVE_REFERENCE)(`sgp4-vallado${NEEDS_REFERENCE}`, () => {
  const blocks = HAVE_REFERENCE ? parseTles(readReference('SGP4-VER.TLE')) : [];
  const expected = HAVE_REFERENCE ? parseExpected(readReference('tcppver.out')) : [];

  it('reads 33 TLEs and as many blocks, in the same order', () => {
    expect(blocks).toHaveLength(33);
    expect(expected.map((e) => e.satnum)).toEqual(blocks.map((b) => String(Number(b.satnum))));
  });

  const firstErrors: number[] = [];
  let rowsCompared = 0;
  it.each(blocks.map((b, i) => [b.satnum, i] as const))('%s (block %i) reproduces tcppver.out', (_satnum, i) => {
    const b = blocks[i] as Block;
    const rows = (expected[i] as { rows: number[][] }).rows;
    const satrec = satrecFromTle(b);
    const produced: number[][] = [];
    for (const t of times(b)) {
      const state = propagateMinutes(satrec, t);
      if ('error' in state) {
        firstErrors.push(state.error);
        break;
      }
      const { position: r, velocity: v } = state;
      produced.push([t, r.x, r.y, r.z, v.x, v.y, v.z]);
    }
    // 33334 fails at t = 0 (error 3); its one row in tcppver.out is stale and not compared.
    const compare = produced.length === 0 ? [] : rows;
    expect(produced.length).toBe(compare.length);
    compare.forEach((row, k) => {
      const got = produced[k] as number[];
      expect(got[0]).toBeCloseTo(row[0] as number, 6);
      for (let j = 1; j <= 3; j++) expect(Math.abs((got[j] as number) - (row[j] as number))).toBeLessThan(oneMillimetre_km);
      for (let j = 4; j <= 6; j++) expect(Math.abs((got[j] as number) - (row[j] as number))).toBeLessThan(velocity_km_s);
      rowsCompared++;
    });
  });

  it('fails with the published error codes, in file order', () => {
    const tolerance = referenceCase('sgp4-vallado').tolerance as { first_error_codes_in_file_order: number[] };
    expect(firstErrors).toEqual(tolerance.first_error_codes_in_file_order);
    expect(rowsCompared).toBeGreaterThan(500);
  });
});
