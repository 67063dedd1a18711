/**
 * The command line's start, timed as whole processes: `orbital-dc --url <service> thermal` (which
 * loads no model: it only sends the request) against `orbital-dc thermal` in this process (which
 * loads the registry), with a TypeScript module that does nothing (bench/harness.ts only declares
 * functions) as the floor. Scripts that call the command once per query pay this start each time.
 * The three run in turn, round after round (the service as `npm start` runs it); medians.
 */
import { spawn } from 'node:child_process';
import { median } from './harness.js';
import { startServer } from './servers.js';

const BIN = new URL('../bin/orbital-dc.js', import.meta.url).pathname;
const FLOOR = new URL('./harness.ts', import.meta.url).pathname;

interface Started {
  name: string;
  args: string[];
}

/** Wall time of one process, from spawning it to its exit (which must be 0), and its stdout. */
function timeProcess(args: string[]): Promise<{ ms: number; stdout: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else resolve({ ms: performance.now() - start, stdout });
    });
  });
}

/** The candidates in turn, `rounds` times after one warm-up round (whose answers must agree); the medians. */
async function alternate(candidates: Started[], rounds: number): Promise<number[]> {
  const warm = await Promise.all(candidates.map((c) => timeProcess(c.args)));
  if (warm[1]?.stdout !== warm[2]?.stdout) throw new Error('the two runs of the command answered differently');
  const times: number[][] = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) for (const [k, c] of candidates.entries()) times[k]?.push((await timeProcess(c.args)).ms);
  return times.map(median);
}

export async function benchCli(rounds = 15) {
  const service = await startServer('src/server.ts');
  try {
    const command = ['thermal', '--example', 'edge_on_1mw_300k'];
    const candidates: Started[] = [
      { name: 'a TypeScript module that does nothing (node --import tsx bench/harness.ts)', args: ['--import', 'tsx', FLOOR] },
      { name: 'orbital-dc --url <service> thermal --example edge_on_1mw_300k', args: [BIN, '--url', service.url, ...command] },
      { name: 'orbital-dc thermal --example edge_on_1mw_300k (in this process)', args: [BIN, ...command] },
    ];
    const medians = await alternate(candidates, rounds);
    console.log(`\nThe command line's start, whole processes (${rounds} alternating rounds, medians)`);
    console.table(
      candidates.map((c, k) => ({
        name: c.name,
        median_ms: Math.round(medians[k] as number),
        over_floor_ms: Math.round((medians[k] as number) - (medians[0] as number)),
      })),
    );
  } finally {
    await service.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCli();
