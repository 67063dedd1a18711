/**
 * Hostile input at the edge: every answer stays a small RFC 9457 problem+json, whatever the size,
 * depth or encoding of what was sent, and the process is never blocked by parsing it.
 */
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { expectProblem, useApp } from './helpers.js';

const app = useApp();
/** "A few KB": the largest problem body any input may produce. */
const MAX_PROBLEM_BYTES = 8192;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  bytes: number;
}

async function send(payload: string, headers: Record<string, string> = {}, url = '/v1/thermal'): Promise<Answer> {
  const res = await app().inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.statusCode, headers: res.headers, body: res.json(), bytes: res.rawPayload.length };
}

/** The shared problem checks, and what this file adds: an instance, and a body of a few KB at most. */
function expectBoundedProblem(res: Answer, status: number) {
  expectProblem(res, status);
  expect(res.body.instance).toEqual(expect.any(String));
  expect(res.bytes).toBeLessThan(MAX_PROBLEM_BYTES);
}

describe('quantity strings', () => {
  it('a 100,000-digit quantity is refused by its length before any pattern or unit parser reads it', async () => {
    const res = await send(JSON.stringify({ heat_kw: `${'1'.repeat(100_000)}x`, area_m2: 10 }));
    expectBoundedProblem(res, 400);
    expect(res.body.errors[0]).toEqual({
      pointer: '/heat_kw',
      message: expect.stringMatching(/expected at most 64 characters .*got a string of 100001 characters/),
    });
  }, 60_000);

  it('a numeric string and a number give the same answer', async () => {
    const asString = await send(JSON.stringify({ heat_kw: ' 100 ', area_m2: 10 }));
    const asNumber = await send(JSON.stringify({ heat_kw: 100, area_m2: 10 }));
    expect(asString.status).toBe(200);
    expect(asString.body).toEqual(asNumber.body);
  });
});

describe('echoes and error lists are bounded', () => {
  it('50,000 unknown keys: ten are named, the rest counted, and the body stays a few KB', async () => {
    const keys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1]));
    const res = await send(JSON.stringify({ heat_kw: 100, area_m2: 10, ...keys }));
    expectBoundedProblem(res, 400);
    const message: string = res.body.errors[0].message;
    expect(message).toMatch(/^unknown field\(s\) "k0", "k1", .*"k9" and 49990 more: /);
    expect(message).not.toMatch(/"k10"/);
  });

  it('an unknown key 10,000 characters long is named cut short', async () => {
    const res = await send(JSON.stringify({ heat_kw: 100, area_m2: 10, ['k'.repeat(10_000)]: 1 }));
    expectBoundedProblem(res, 400);
    expect(res.body.errors[0].message).toMatch(/^unknown field\(s\) "k{31}…": /);
  });

  it('a long wrong value is echoed cut to at most 80 characters, quotes kept', async () => {
    const res = await send(JSON.stringify({ orbit: { altitude_km: 550, eccentricity: 'x'.repeat(10_000) } }), {}, '/v1/orbit');
    expectBoundedProblem(res, 400);
    const echoed = /got ("x+…")$/.exec(res.body.errors[0].message)?.[1] ?? '';
    expect(echoed.length).toBeGreaterThan(40);
    expect(echoed.length).toBeLessThanOrEqual(80);
  });

  it('hundreds of invalid fields: at most 20 entries, and the detail says how many were left out', async () => {
    const tles = Array.from({ length: 500 }, () => ({ line1: 'x', line2: 'y' }));
    const res = await send(JSON.stringify({ satellites: { tles } }), {}, '/v1/latency');
    expectBoundedProblem(res, 400);
    expect(res.body.errors).toHaveLength(20);
    expect(res.body.detail).toMatch(/^\d+ fields are invalid \(\d+ not listed in errors\); first \/satellites\/tles\/0\/line1: /);
  });

  it('a long URL is cut in instance and in the 404 detail', async () => {
    const res = await app().inject({ method: 'GET', url: `/${'a'.repeat(10_000)}?q=1` });
    const answer = { status: res.statusCode, headers: res.headers, body: res.json(), bytes: res.rawPayload.length };
    expectBoundedProblem(answer, 404);
    expect(answer.body.instance).toMatch(/^\/a+…$/);
    expect(answer.body.instance.length).toBeLessThanOrEqual(80);
    expect(answer.body.detail).toMatch(/^no route GET \/a+…; see GET \/docs/);
  });
});

describe('problem bounds', () => {
  it('clip never splits a surrogate pair and marks the cut', async () => {
    const { clip } = await import('../src/problem.js');
    const cut = clip('😀'.repeat(100));
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(clip('short')).toBe('short');
  });

  it('twenty long messages are kept under the errors budget, the first always listed', async () => {
    const { invalidInput } = await import('../src/problem.js');
    const long = Array.from({ length: 200 }, (_, i) => ({ pointer: `/f${i}`, message: 'm'.repeat(10_000) }));
    const p = invalidInput(long);
    expect(p.errors?.length).toBeGreaterThanOrEqual(1);
    expect(p.errors?.length).toBeLessThan(20);
    expect(JSON.stringify(p).length).toBeLessThan(MAX_PROBLEM_BYTES);
    expect(p.detail).toMatch(/^200 fields are invalid \(\d+ not listed in errors\)/);
  });
});

describe('the JSON body parser', () => {
  it('8,000 nested arrays: 400 naming the nesting limit, not a stack overflow', async () => {
    const res = await send(`${'['.repeat(8000)}${']'.repeat(8000)}`);
    expectBoundedProblem(res, 400);
    expect(res.body.detail).toMatch(/deeper than 32 levels/);
    expect(res.body.figures).toEqual({ limit_levels: 32 });
  });

  it('nesting is counted outside strings only, and up to the limit is parsed', async () => {
    const { JSON_MAX_DEPTH, nestsDeeperThan } = await import('../src/json-body.js');
    const atLimit = `${'['.repeat(JSON_MAX_DEPTH)}${']'.repeat(JSON_MAX_DEPTH)}`;
    expect(nestsDeeperThan(atLimit, JSON_MAX_DEPTH)).toBe(false);
    expect(nestsDeeperThan(`[${atLimit}]`, JSON_MAX_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[\\"{{{{{{'.repeat(100) }), 2)).toBe(false);
    // At the limit the body is JSON, and the schema answers for it.
    const res = await send(atLimit);
    expectBoundedProblem(res, 400);
    expect(res.body.detail).not.toMatch(/levels/);
  });

  it.each([
    ['__proto__', '{"heat_kw": 100, "__proto__": {"polluted": true}}'],
    ['constructor.prototype', '{"heat_kw": 100, "constructor": {"prototype": {"polluted": true}}}'],
  ])('a %s key is refused as prototype poisoning, not called invalid JSON', async (_name, payload) => {
    const res = await send(payload);
    expectBoundedProblem(res, 400);
    expect(res.body.detail).toMatch(/__proto__.*refused \(prototype poisoning protection\)/);
    expect(res.body.detail).not.toMatch(/not valid JSON/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('malformed JSON is still called so, its message cut short', async () => {
    const res = await send(`{"heat_kw": ${'9'.repeat(5000)}x}`);
    expectBoundedProblem(res, 400);
    expect(res.body.detail).toMatch(/^the body is not valid JSON: /);
    expect(res.body.detail.length).toBeLessThanOrEqual('the body is not valid JSON: '.length + 80);
  });

  it('an empty JSON body is called empty', async () => {
    const res = await send('');
    expectBoundedProblem(res, 400);
    expect(res.body.detail).toBe('expected a JSON body, got an empty one');
  });

  it.each(['gzip', 'br', 'deflate', 'gzip, identity'])(
    'Content-Encoding %s: 415, compressed bodies are not accepted',
    async (encoding) => {
      const res = await send('{"heat_kw": 100, "area_m2": 10}', { 'content-encoding': encoding });
      expectBoundedProblem(res, 415);
      expect(res.body.detail).toMatch(/^compressed bodies are not accepted/);
      expect(res.headers['accept-encoding']).toBe('identity');
    },
  );

  it.each(['identity', 'IDENTITY'])('Content-Encoding %s is the body as it is', async (encoding) => {
    const res = await send('{"heat_kw": 100, "area_m2": 10}', { 'content-encoding': encoding });
    expect(res.status).toBe(200);
  });

  it.each(['utf-16', 'ISO-8859-1', '"utf-16le"', 'utf-7', 'no-such-charset'])(
    'charset=%s: 415 naming the charset',
    async (charset) => {
      const res = await send('{"heat_kw": 100, "area_m2": 10}', { 'content-type': `application/json; charset=${charset}` });
      expectBoundedProblem(res, 415);
      expect(res.body.detail).toBe(`expected a JSON body in UTF-8, got charset "${charset.replaceAll('"', '').toLowerCase()}"`);
    },
  );

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
    'application/json; charset=utf8',
    'application/json; charset=unicode-1-1-utf-8',
  ])('Content-Type %s is read as UTF-8', async (type) => {
    const res = await send('{"heat_kw": "100 kW", "area_m2": "10 m^2"}', { 'content-type': type });
    expect(res.status).toBe(200);
  });
});

/** A built app listening on a free local port, for what app.inject() cannot send. */
async function listening() {
  const server = await buildApp();
  await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, port: (server.server.address() as AddressInfo).port };
}

/** Connect, send `data`, and collect everything the server writes until it closes the connection. */
function exchange(port: number, data: string): Promise<string> {
  return new Promise((resolve) => {
    const client = connect(port, '127.0.0.1');
    let received = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      received += chunk;
    });
    client.on('error', () => undefined); // a reset after the answer still ends in 'close'
    client.on('close', () => resolve(received));
    client.write(data);
  });
}

/** One raw HTTP/1.1 response: status, lower-case headers, parsed body. */
function parseRaw(raw: string) {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = rest.join('\r\n\r\n');
  return { status: Number(statusLine.split(' ')[1]), headers, text: body, body: JSON.parse(body) };
}

describe('errors outside the routes', () => {
  it('a URL that cannot be decoded: 400 problem+json with the request id', async () => {
    const res = await app().inject({ method: 'GET', url: '/%E0%A4%A', headers: { 'x-request-id': 'bad-url-1' } });
    const answer = { status: res.statusCode, headers: res.headers, body: res.json(), bytes: res.rawPayload.length };
    expectBoundedProblem(answer, 400);
    expect(answer.body).toMatchObject({ instance: '/%E0%A4%A', request_id: 'bad-url-1' });
    expect(answer.body.detail).toMatch(/could not be decoded/);
  });

  describe('on a listening server', () => {
    let server: Awaited<ReturnType<typeof buildApp>>;
    let port: number;
    beforeAll(async () => {
      ({ server, port } = await listening());
    });
    afterAll(async () => {
      await server.close();
    });

    function expectRawProblem(raw: string, status: number) {
      const res = parseRaw(raw);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers.connection).toBe('close');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
      expect(res.body).toMatchObject({
        type: expect.stringMatching(/^urn:orbital-dc:problem:/),
        title: expect.any(String),
        status,
      });
      return res.body;
    }

    it('headers past the limit: 431 problem+json, and the connection closed', async () => {
      const raw = await exchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      const body = expectRawProblem(raw, 431);
      expect(body.type).toBe('urn:orbital-dc:problem:headers-too-large');
      expect(body.figures.limit_bytes).toBeGreaterThan(0);
    });

    it('an Expect other than 100-continue: 417 problem+json naming it, before any route runs', async () => {
      const raw = await exchange(
        port,
        'POST /v1/thermal?x=1 HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
      );
      const body = expectRawProblem(raw, 417);
      expect(body.type).toBe('urn:orbital-dc:problem:expectation-failed');
      expect(body.detail).toBe('the only expectation this service meets is "100-continue"; got Expect: "200-ok"');
      expect(body.instance).toBe('/v1/thermal');
    });

    it('Expect: 100-continue is met: the body is read and answered', async () => {
      const raw = await exchange(
        port,
        'POST /v1/thermal HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 31\r\n\r\n{"heat_kw": 100, "area_m2": 10}',
      );
      expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    });

    it('a malformed request line: 400 problem+json', async () => {
      const raw = await exchange(port, 'THIS IS NOT HTTP\r\n\r\n');
      expect(expectRawProblem(raw, 400).detail).toMatch(/could not be read as HTTP/);
    });

    it('a request timeout from the HTTP parser: 408 problem+json', async () => {
      // Node raises ERR_HTTP_REQUEST_TIMEOUT after its headers/request timeout; the same error is
      // raised here on the server side of a real connection, so that the test need not wait for it.
      server.server.once('connection', (socket: Socket) => {
        setImmediate(() =>
          server.server.emit('clientError', Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket),
        );
      });
      const raw = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
      expect(expectRawProblem(raw, 408).type).toBe('urn:orbital-dc:problem:request-timeout');
    });
  });
});

describe('closing', () => {
  it('GET /readyz answers ready while the app is open', async () => {
    const res = await app().inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
  });

  it('once draining: a request gets 503 problem+json with Retry-After, /readyz too, /healthz still answers', async () => {
    const a = await buildApp();
    await a.ready();
    a.lifecycle.draining = true;
    const responses = await Promise.all(['/v1/sources', '/readyz', '/healthz'].map((url) => a.inject({ method: 'GET', url })));
    await a.close();
    const [sources, readyz, healthz] = responses.map((r) => ({
      status: r.statusCode,
      headers: r.headers,
      body: r.json(),
      bytes: r.rawPayload.length,
    }));
    for (const res of [sources, readyz]) {
      expectBoundedProblem(res as Answer, 503);
      expect(res?.headers['retry-after']).toBe('5');
      expect(res?.headers.connection).toBe('close');
      expect(res?.body).toMatchObject({ type: 'urn:orbital-dc:problem:closing', figures: { retry_after_s: 5 } });
    }
    expect(healthz?.status).toBe(200);
  });

  it('the answer in flight when close begins arrives whole with Connection: close, and the close completes', async () => {
    const a = await buildApp();
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    a.get('/test-hold', async () => {
      entered();
      await released;
      return { held: true };
    });
    await a.listen({ port: 0, host: '127.0.0.1' });
    const port = (a.server.address() as AddressInfo).port;

    const client = connect(port, '127.0.0.1');
    let raw = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      raw += chunk;
    });
    const clientClosed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    client.write('GET /test-hold HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await inFlight;

    const closed = a.close();
    await vi.waitFor(() => expect(a.lifecycle.draining).toBe(true));
    release();
    // Without Connection: close the keep-alive connection would hold the close for its 72-s timeout.
    await clientClosed;
    await closed;
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toMatch(/\r\nconnection: close\r\n/i);
    expect(raw).toMatch(/\{"held":true\}$/);
  });
});

describe('the error handler', () => {
  it('a fault while building the problem still answers a minimal 500 problem+json', async () => {
    const a = await buildApp();
    a.get('/test-hostile-error', async () => {
      // A 4xx error whose message cannot be read: the normal path reads it for the detail.
      const hostile = Object.create(Error.prototype, {
        statusCode: { value: 400 },
        message: {
          get() {
            throw new Error('message getter');
          },
        },
      });
      throw hostile;
    });
    await a.ready();
    const res = await a.inject({ method: 'GET', url: '/test-hostile-error', headers: { 'x-request-id': 'hostile-1' } });
    await a.close();
    const answer = { status: res.statusCode, headers: res.headers, body: res.json(), bytes: res.rawPayload.length };
    expectBoundedProblem(answer, 500);
    expect(answer.body).toMatchObject({ instance: '/test-hostile-error', request_id: 'hostile-1' });
  });
});
