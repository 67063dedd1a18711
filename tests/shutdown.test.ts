/**
 * A stop delivers every answer whole. Node's `server.close()` destroys a connection as soon as its
 * last response has been handed to the socket, even while megabytes of it still wait in the socket's
 * buffer for a slow reader; `closeIdleGracefully` ends such a connection after its buffer is flushed.
 */
import { type AddressInfo, connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { closeIdleGracefully } from '../src/shutdown.js';

/** Larger than the kernel's socket buffers on both sides, so that most of it waits in the process. */
const BIG_BYTES = 24 * 1024 * 1024;

async function slowReaderThroughClose(graceful: boolean) {
  const app = await buildApp();
  if (graceful) closeIdleGracefully(app.server);
  let response: import('node:http').ServerResponse | undefined;
  app.get('/test-big', async (_request, reply) => {
    response = reply.raw;
    return reply.type('text/plain').send('x'.repeat(BIG_BYTES));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const client = connect((app.server.address() as AddressInfo).port, '127.0.0.1');
  let received = 0;
  client.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  client.pause(); // a client that reads slowly: nothing is read until the server is closing
  const clientClosed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  client.write('GET /test-big HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  // The whole answer has been handed to the socket (res.end called); most of it waits in its buffer.
  await vi.waitFor(() => expect(response?.writableEnded).toBe(true), { timeout: 30_000 });
  const closed = app.close();
  client.resume();
  await clientClosed;
  await closed;
  return received;
}

describe('stop with a slow reader', () => {
  it('the answer handed to the socket before close arrives whole', async () => {
    const received = await slowReaderThroughClose(true);
    expect(received).toBeGreaterThan(BIG_BYTES);
  }, 60_000);

  it('without it, Node truncates that answer (the fault this guards against)', async () => {
    const received = await slowReaderThroughClose(false);
    expect(received).toBeLessThan(BIG_BYTES);
  }, 60_000);
});

describe('stop with a client that keeps its connection open', () => {
  it('an idle keep-alive connection whose client never closes its side does not hold the stop', async () => {
    const app = await buildApp();
    closeIdleGracefully(app.server);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const client = connect({ port: (app.server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true });
    let raw = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      raw += chunk;
    });
    client.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await vi.waitFor(() => expect(raw).toMatch(/\}$/));
    await app.close(); // resolves only once every connection is closed
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    client.destroy();
  }, 30_000);
});
