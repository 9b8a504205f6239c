import { once } from 'node:events';
import { AddressInfo, connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { CanonicalOrder } from '@app/orders';
import { auth, startApi, testConfig } from '../support/api-fixture';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

/*
 * Slow and many clients against the real api pipeline:
 * raw sockets that send headers and then trickle a body are cut off once
 * HTTP_REQUEST_TIMEOUT_MS has passed, while other clients' reads stay fast;
 * past HTTP_MAX_CONNECTIONS new connections are closed and the open ones
 * keep working.
 */

const REQUEST_TIMEOUT_MS = 2000;
/** Node walks its connections for expired requests once a second (http/server-limits.ts), plus slack for a busy machine. */
const CUT_OFF_BOUND_MS = REQUEST_TIMEOUT_MS + 1000 + 1000;
const SLOW_CLIENTS = 50;

/** What one raw connection saw: the bytes the server sent and when (ms after it connected) the server closed it. */
interface RawClient {
  socket: Socket;
  received: () => string;
  closed: Promise<number>;
}

async function openRaw(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (data += chunk));
  // A reset counts as a close: the socket is gone either way.
  socket.on('error', () => undefined);
  const start = performance.now();
  // Not events.once: it would reject on the reset, and a reset is one way the server closes.
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now() - start)));
  await once(socket, 'connect');
  return { socket, received: () => data, closed };
}

/** A request that sends its headers and then one body byte a second, never finishing. */
function trickleBody(client: RawClient): NodeJS.Timeout {
  client.socket.write('POST /v1/webhooks/flexport HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
  const timer = setInterval(() => client.socket.writable && client.socket.write(' '), 1000);
  client.closed.finally(() => clearInterval(timer));
  return timer;
}

/** One keep-alive request on a raw connection; resolves with the response head and body once the body is complete. */
async function rawGet(client: RawClient, path: string): Promise<string> {
  const before = client.received().length;
  client.socket.write(`GET ${path} HTTP/1.1\r\nHost: api\r\n\r\n`);
  const deadline = performance.now() + 5000;
  for (;;) {
    const answer = client.received().slice(before);
    const length = /content-length: (\d+)/i.exec(answer);
    const bodyStart = answer.indexOf('\r\n\r\n');
    if (length && bodyStart >= 0 && answer.length >= bodyStart + 4 + Number(length[1])) return answer;
    if (performance.now() > deadline || client.socket.destroyed) throw new Error(`no complete answer to ${path}: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A fresh-connection request timed end to end. */
async function timedFetch(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { ...headers, Connection: 'close' } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

describe('slow and many clients', () => {
  let store: StoreFixture;
  let order: CanonicalOrder;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    order = await insert(store.repository, newOrder({ channel: 'joom', externalId: 'slow-clients-1' }));
  });
  afterAll(async () => {
    await store?.close();
  });

  describe(`HTTP_REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS}`, () => {
    let app: INestApplication;
    let port: number;

    beforeAll(async () => {
      app = await startApi(testConfig({ HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) }));
      port = (app.getHttpServer().address() as AddressInfo).port;
    });
    afterAll(async () => {
      await app?.close();
    });

    it(`cuts off ${SLOW_CLIENTS} clients trickling a body within ${CUT_OFF_BOUND_MS} ms, answering 408 request_timeout, while reads stay fast`, async () => {
      const clients = await Promise.all(Array.from({ length: SLOW_CLIENTS }, () => openRaw(port)));
      const timers = clients.map(trickleBody);
      // Bounded wait: a client the server never cuts off is closed here, after the bound, and fails the test below.
      const giveUp = setTimeout(() => clients.forEach((client) => client.socket.destroy()), CUT_OFF_BOUND_MS + 2000);
      try {
        // Mid-trickle, other clients' reads answer as usual.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const reads = [];
        for (let i = 0; i < 5; i++) {
          reads.push(await timedFetch(`http://127.0.0.1:${port}/health/live`));
          reads.push(await timedFetch(`http://127.0.0.1:${port}/v1/orders/${encodeURIComponent(order.id)}`, auth));
        }
        const closedAfter = await Promise.all(clients.map((client) => client.closed));
        const answers = clients.map((client) => client.received());
        console.log(
          `slow clients cut off after ${Math.round(Math.min(...closedAfter))}–${Math.round(Math.max(...closedAfter))} ms; ` +
            `reads meanwhile ${reads.map((read) => Math.round(read.ms)).join(', ')} ms`,
        );

        expect(reads.map((read) => read.status)).toEqual(Array(10).fill(200));
        expect(reads.filter((read) => read.ms >= 500)).toEqual([]);
        // Cut off by the timeout: not before it, and within the bound.
        expect(closedAfter.filter((ms) => ms < REQUEST_TIMEOUT_MS - 100 || ms > CUT_OFF_BOUND_MS)).toEqual([]);
        for (const answer of answers) {
          expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
          expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
            statusCode: 408,
            code: 'request_timeout',
            message: 'the request was not received in time',
          });
        }
      } finally {
        clearTimeout(giveUp);
        timers.forEach(clearInterval);
        clients.forEach((client) => client.socket.destroy());
      }
    });
  });

  describe('HTTP_MAX_CONNECTIONS=20', () => {
    const CAP = 20;
    let app: INestApplication;
    let port: number;

    beforeAll(async () => {
      app = await startApi(testConfig({ HTTP_MAX_CONNECTIONS: String(CAP) }));
      port = (app.getHttpServer().address() as AddressInfo).port;
    });
    afterAll(async () => {
      await app?.close();
    });

    it('closes connections past the cap unanswered while the first 20 keep working, and accepts again once one closes', async () => {
      const first = await Promise.all(Array.from({ length: CAP }, () => openRaw(port)));
      const extra: RawClient[] = [];
      try {
        // Each of the first 20 is served, so the server holds all of them before more arrive.
        for (const client of first) expect(await rawGet(client, '/health/live')).toMatch(/^HTTP\/1\.1 200 /);

        extra.push(...(await Promise.all(Array.from({ length: 5 }, () => openRaw(port)))));
        // Asking on a refused connection must get nothing: the server closes it.
        for (const client of extra) client.socket.write('GET /health/live HTTP/1.1\r\nHost: api\r\n\r\n');
        const extraClosedAfter = await Promise.race([
          Promise.all(extra.map((client) => client.closed)),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('connections past the cap stayed open')), 3000)),
        ]);
        expect(extraClosedAfter.every((ms) => ms < 3000)).toBe(true);
        expect(extra.map((client) => client.received())).toEqual(Array(5).fill(''));

        // The first 20 still answer, on the same connections.
        for (const client of first) expect(await rawGet(client, '/health/live')).toMatch(/^HTTP\/1\.1 200 /);
        expect(first.every((client) => !client.socket.destroyed)).toBe(true);

        // One closes: a new connection fits under the cap again.
        first[0].socket.destroy();
        await first[0].closed;
        await new Promise((resolve) => setTimeout(resolve, 100));
        const next = await openRaw(port);
        extra.push(next);
        expect(await rawGet(next, '/health/live')).toMatch(/^HTTP\/1\.1 200 /);
      } finally {
        [...first, ...extra].forEach((client) => client.socket.destroy());
      }
    });
  });
});
