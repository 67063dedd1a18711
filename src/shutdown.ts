/**
 * Graceful stop. On SIGTERM (or SIGINT) the server stops accepting connections, readiness reports
 * not ready, requests in flight finish and their answers are delivered whole, idle keep-alive
 * connections are closed after their last bytes are written, and the process exits 0. A watchdog
 * on its own thread kills the process when that takes longer than the deadline, even when the event
 * loop is too busy to run a timer.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/** Sockets with an answer being written, by the number of their responses not yet finished. */
const busy = new WeakMap<Socket, number>();

/**
 * Node's `closeIdleConnections` (which `server.close()` calls) destroys a connection as soon as its
 * last response has been handed to the socket, even while megabytes of it still wait in the socket's
 * buffer: the client gets a truncated answer. Here an idle connection is ended instead: its buffer is
 * flushed, then it is closed. A connection with an answer still being written is ended once that
 * answer is flushed; one with a request still computing answers it with `Connection: close`
 * (src/plugins/draining.ts), after which Node ends it the same way.
 */
export function closeIdleGracefully(server: Server): void {
  const sockets = new Set<Socket>();
  let closing = false;
  const endIfIdle = (socket: Socket) => {
    if (!closing || busy.get(socket)) return;
    // Once everything written has gone to the kernel, close whether or not the client closes its
    // side: a client that keeps its half open would otherwise hold the stop until the deadline.
    socket.once('finish', () => socket.destroy());
    socket.end();
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request, response: ServerResponse) => {
    const socket = request.socket as Socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    // 'close' comes once the answer is flushed (or the connection lost); while closing, end it then.
    response.once('close', () => {
      busy.set(socket, (busy.get(socket) ?? 1) - 1);
      endIfIdle(socket);
    });
  });
  server.closeIdleConnections = () => {
    closing = true;
    for (const socket of sockets) endIfIdle(socket);
  };
}

/**
 * Kill the process `deadline_s` from now, from a thread of its own: a timer on the main thread would
 * wait for a busy event loop. The thread does not keep the process alive.
 */
export function armWatchdog(deadline_s: number): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    setTimeout(() => {
      writeSync(2, JSON.stringify({ level: 60, time: Date.now(), msg: 'stop deadline of ' + workerData.deadline_s + ' s passed: killing the process' }) + '\\n');
      process.kill(workerData.pid, 'SIGKILL');
    }, workerData.deadline_s * 1000);
  `;
  const worker = new Worker(code, { eval: true, workerData: { pid: process.pid, deadline_s }, execArgv: [] });
  worker.unref();
  return worker;
}
