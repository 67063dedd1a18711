/**
 * Child processes for the HTTP benchmarks: the service as `npm start` runs it (its own process,
 * logging JSON lines at info level to a pipe that the benchmark drains), and the bare yardstick.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Server {
  url: string;
  child: ChildProcess;
  /** Resident set size of the server process, MB (from /proc, Linux only; NaN elsewhere). */
  rss_mb(): number;
  stop(): Promise<number | null>;
}

/** Start `node --import tsx <script>` on a free port and wait for its "listening" log line. */
export function startServer(script: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const done = (url: string) => resolve(server(child, url));
    child.on('message', (m: { address?: string }) => m.address && done(m.address));
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (buffer === null) return;
      buffer += chunk.toString();
      const match = /listening on (http:\/\/[^\s;"]+)/.exec(buffer);
      if (match?.[1]) {
        done(match[1]);
        buffer = '';
      }
      if (buffer.length > 1e5) buffer = buffer.slice(-1e4);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
}

function server(child: ChildProcess, url: string): Server {
  return {
    url,
    child,
    rss_mb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return kb / 1024;
      } catch {
        return Number.NaN;
      }
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
    },
  };
}
