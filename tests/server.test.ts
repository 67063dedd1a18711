/**
 * The server shell as `npm start` runs it: listens on HOST/PORT, logs where, answers, and closes
 * gracefully on SIGTERM with exit code 0; a bad PORT is refused before listening.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function start(env: Record<string, string>) {
  const child = spawn(tsx, ['src/server.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearInterval(timer);
        resolve(m[1] as string);
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited: ${out}`));
    });
  });
  address.catch(() => undefined); // awaited only by tests that expect the server to listen
  return { child, address, exited, output: () => out };
}

describe('server', () => {
  it('listens where HOST and PORT say, answers, and exits 0 on SIGTERM', async () => {
    const server = start({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' });
    const base = await server.address;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const docs = await fetch(`${base}/docs/`);
    expect(await docs.text()).toMatch(/Swagger UI/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/closing/);
  }, 30_000);

  it('refuses a PORT that is not a port', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toMatch(/PORT must be an integer/);
  }, 30_000);
});
