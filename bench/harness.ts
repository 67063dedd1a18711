/**
 * Side-by-side timing: the candidates run interleaved, round after round, in one process, and the
 * report gives each one's median time and its ratio to the first. On a shared, noisy machine the
 * ratio is the figure to quote; the absolute times are context.
 */
/** The median of the rounds (the upper middle one for an even count): what every benchmark quotes. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export interface Candidate {
  name: string;
  run: () => unknown;
}

export interface Row {
  name: string;
  median_ms: number;
  ratio_to_first: number;
}

export function compare(title: string, candidates: Candidate[], rounds = 15): Row[] {
  for (const c of candidates) c.run(); // warm-up
  const times: number[][] = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) {
    candidates.forEach((c, k) => {
      const t0 = performance.now();
      c.run();
      times[k]?.push(performance.now() - t0);
    });
  }
  const medians = times.map(median);
  const rows = candidates.map((c, k) => ({
    name: c.name,
    median_ms: Number((medians[k] as number).toFixed(3)),
    ratio_to_first: Number(((medians[k] as number) / (medians[0] as number)).toFixed(3)),
  }));
  console.log(`\n${title} (${rounds} interleaved rounds)`);
  console.table(rows);
  return rows;
}
