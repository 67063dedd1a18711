/**
 * Slow clients do not keep sockets: the settings reach Node's server, and a body that never finishes
 * is answered 408 problem+json and its connection closed.
 */
import { type AddressInfo, connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { configFromEnv, defaultConfig } from '../src/config.js';

/** A raw connection to a listening app: what it has received so far, and when it closes. */
function rawConnection(app: Awaited<ReturnType<typeof buildApp>>) {
  const client = connect((app.server.address() as AddressInfo).port, '127.0.0.1');
  let raw = '';
  client.setEncoding('utf8');
  client.on('data', (chunk: string) => {
    raw += chunk;
  });
  const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  return { client, received: () => raw, closed };
}

describe('server timeouts and limits', () => {
  it('every setting reaches the Node server', async () => {
    const config = configFromEnv({
      REQUEST_TIMEOUT_MS: '4000',
      HEADERS_TIMEOUT_MS: '3000',
      CONNECTION_TIMEOUT_MS: '50000',
      KEEP_ALIVE_TIMEOUT_MS: '7000',
      MAX_REQUESTS_PER_SOCKET: '99',
      MAX_CONNECTIONS: '77',
    });
    const app = await buildApp({ config });
    expect(app.server.requestTimeout).toBe(4000);
    expect(app.server.headersTimeout).toBe(3000);
    expect(app.server.timeout).toBe(50000);
    expect(app.server.keepAliveTimeout).toBe(7000);
    expect(app.server.maxConnections).toBe(77);
    await app.close();
  });

  it('the defaults are finite: no setting leaves a slow client its socket for ever', () => {
    const d = defaultConfig();
    for (const key of ['REQUEST_TIMEOUT_MS', 'HEADERS_TIMEOUT_MS', 'CONNECTION_TIMEOUT_MS', 'KEEP_ALIVE_TIMEOUT_MS'] as const)
      expect(d[key], key).toBeGreaterThan(0);
    expect(d.HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(d.REQUEST_TIMEOUT_MS);
    expect(d.CONNECTION_TIMEOUT_MS).toBeGreaterThan(d.JOB_DEADLINE_S * 1000);
    expect(d.MAX_CONNECTIONS).toBeGreaterThan(0);
  });

  it('a body that never finishes: 408 problem+json, then the connection is closed', async () => {
    const app = await buildApp({ config: { REQUEST_TIMEOUT_MS: 1000, HEADERS_TIMEOUT_MS: 500 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { client, received, closed } = rawConnection(app);
    client.write(
      'POST /v1/thermal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"heat_kw":',
    );
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(received()).toMatch(/content-type: application\/problem\+json/i);
    expect(received()).toMatch(/"status":408/);
    await app.close();
  }, 30_000);

  it('MAX_REQUESTS_PER_SOCKET: the last answer on a socket says Connection: close, and the socket closes', async () => {
    const app = await buildApp({ config: { MAX_REQUESTS_PER_SOCKET: 3 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { client, received, closed } = rawConnection(app);
    const answers = () =>
      received()
        .split(/(?=HTTP\/1\.1 )/)
        .filter(Boolean);
    for (let k = 1; k <= 3; k++) {
      client.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await vi.waitFor(() => {
        expect(answers().length).toBe(k);
        expect(received()).toMatch(/\}$/);
      });
    }
    await closed;
    const all = answers();
    expect(all.map((a) => a.slice(0, 12))).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(all[1]).toMatch(/connection: keep-alive/i);
    expect(all[2]).toMatch(/connection: close/i);
    await app.close();
  }, 30_000);

  it('an HTTP/1.1 request without Host: 400 problem+json, not a bare 400', async () => {
    const app = await buildApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { client, received, closed } = rawConnection(app);
    client.write('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(received()).toMatch(/content-type: application\/problem\+json/i);
    expect(received()).toMatch(/Host/);
    await app.close();
  }, 30_000);

  it('a bad setting is named with its value and what was expected', () => {
    expect(() => configFromEnv({ POOL_THREADS: '0' })).toThrow(/POOL_THREADS="0": .*>=1/);
    expect(() => configFromEnv({ HEADERS_TIMEOUT_MS: '9000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /HEADERS_TIMEOUT_MS must be at most REQUEST_TIMEOUT_MS/,
    );
  });
});
