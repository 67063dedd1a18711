/**
 * The server shell as `npm start` runs it: listens on HOST/PORT, logs where, answers, and stops
 * gracefully on SIGTERM with exit code 0; `npm start` leaves no process behind; a setting that is
 * not what it expects is refused before listening; the stop deadline holds even when the event loop
 * is busy.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Run a command in the project with these variables, collecting its output. */
function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
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
      reject(new Error(`exited: ${out}`));
    });
  });
  address.catch(() => undefined); // awaited only by tests that expect the server to listen
  return { child, address, exited, output: () => out };
}

/** The server as `npm start` runs it, without npm. */
const start = (env: Record<string, string>) => run(process.execPath, ['--import', 'tsx', 'src/server.ts'], env);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('server', () => {
  it('listens where HOST and PORT say, answers, and exits 0 on SIGTERM', async () => {
    const server = start({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.example.com' });
    const base = await server.address;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const preflight = await fetch(`${base}/v1/orbit`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const docs = await fetch(`${base}/docs/`);
    expect(await docs.text()).toMatch(/Swagger UI/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/stopping: finishing the requests in flight/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 30_000);

  it('SIGTERM while a costly request computes: it is answered whole, then the process exits 0', async () => {
    const server = start({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' });
    const base = await server.address;
    const id = `in-flight-${Date.now()}`;
    const answer = fetch(`${base}/v1/feasibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({ load_kw: 1000 }),
    });
    await expect.poll(() => server.output().includes(`"reqId":"${id}"`), { timeout: 20_000 }).toBe(true);
    server.child.kill('SIGTERM');
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toHaveProperty('binding_constraint');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const out = server.output();
    expect(out.indexOf('stopping: finishing the requests in flight')).toBeLessThan(
      out.indexOf('"msg":"request completed"', out.indexOf(id)),
    );
  }, 60_000);

  it('refuses a setting that is not what it expects, naming the variable, the value and what was expected', async () => {
    const server = start({ PORT: 'eighty', REQUEST_TIMEOUT_MS: '-5' });
    expect((await server.exited).code).toBe(2);
    expect(server.output()).toMatch(/PORT="eighty"/);
    expect(server.output()).toMatch(/REQUEST_TIMEOUT_MS="-5": .*>=1/);
  }, 30_000);

  it('refuses a CORS_ORIGINS that is not a list of origins', async () => {
    const server = start({ PORT: '0', CORS_ORIGINS: 'foo' });
    expect((await server.exited).code).toBe(2);
    expect(server.output()).toMatch(/CORS_ORIGINS/);
  }, 30_000);

  it('`npm start` is one server process that receives SIGTERM: npm exits 0 and leaves nothing behind', async () => {
    const npm = run('npm', ['start', '--silent'], { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' });
    const base = await npm.address;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const pid = Number(/"pid":(\d+)/.exec(npm.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(npm.child.pid);
    npm.child.kill('SIGTERM');
    expect((await npm.exited).code).toBe(0);
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    expect(npm.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);
});

describe('stop deadline', () => {
  it('the watchdog kills a process whose event loop never yields', async () => {
    const script = `
      import { armWatchdog } from './src/shutdown.ts';
      armWatchdog(0.5);
      console.log('busy');
      for (;;) {}
    `;
    const busy = run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {});
    const exit = await busy.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(busy.output()).toMatch(/busy/);
    expect(busy.output()).toMatch(/stop deadline of 0.5 s passed: killing the process/);
  }, 30_000);
});
