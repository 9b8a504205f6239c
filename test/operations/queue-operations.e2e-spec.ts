import { INestApplication } from '@nestjs/common';
import { Job } from 'bullmq';
import Redis from 'ioredis';
import request from 'supertest';
import { ALL_QUEUES, ORDER_COMMANDS_QUEUE } from '@app/queues';
import { auth, startApi, testConfig, TEST_API_KEY } from '../support/api-fixture';
import { RunningProcess, startProcess, waitForOutput } from '../support/processes';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { removeDir, startRedisServer } from '../support/redis-server';
import { flushRedis, redisUrl } from '../support/store-fixtures';

jest.setTimeout(60_000);

const basicAuth = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

/** Scrapes /metrics until every pattern shows (the worker records after the job has moved). */
async function scrapeUntil(app: INestApplication, patterns: RegExp[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    if (patterns.every((pattern) => pattern.test(text))) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `/metrics never matched ${patterns.join(', ')}:\n${text
      .split('\n')
      .filter((line) => line.startsWith('gateway_queue'))
      .join('\n')}`,
  );
}

/** Readiness turns 503 once the api has seen Redis go. */
async function waitUntilDown(app: INestApplication, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await request(app.getHttpServer()).get('/health/ready')).status !== 503) {
    if (Date.now() > deadline) throw new Error('the api never noticed Redis was gone');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForState(job: Job, state: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await job.getState()) !== state) {
    if (Date.now() > deadline) throw new Error(`job ${job.id} never became ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('operator views: queue dashboard and queue metrics', () => {
  let app: INestApplication;
  let worker: RunningProcess;
  let intake: TestQueue;

  beforeAll(async () => {
    await flushRedis();
    app = await startApi(testConfig());
    worker = startProcess('worker', { REDIS_URL: redisUrl(), LOG_LEVEL: 'warn' });
    await waitForOutput(worker, /worker started/);
    intake = openQueue();
  });
  afterAll(async () => {
    await intake?.close();
    await worker?.stop();
    await app?.close();
  });

  describe('/queues (bull-board)', () => {
    it('asks a browser for credentials: 401 with a Basic challenge and the usual error body', async () => {
      const { body, headers } = await request(app.getHttpServer()).get('/queues').expect(401);
      expect(headers['www-authenticate']).toBe('Basic realm="queues"');
      expect(body).toEqual({ statusCode: 401, code: 'unauthorized', message: expect.any(String) });
      await request(app.getHttpServer()).get('/queues/api/queues').set(basicAuth('ops', 'not-a-key-0123456789abcdef')).expect(401);
      await request(app.getHttpServer()).get('/queues').set(basicAuth(TEST_API_KEY, '')).expect(401);
    });

    it('serves the dashboard for Basic auth whose password is an API key, and for Bearer', async () => {
      for (const credentials of [basicAuth('ops', TEST_API_KEY), auth]) {
        const page = await request(app.getHttpServer()).get('/queues').set(credentials).expect(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.text).toContain('<base href="/queues/"');
        expect(page.headers['x-powered-by']).toBeUndefined();
      }
      await request(app.getHttpServer())
        .get('/queues/static/favicon-32x32.png')
        .set(auth)
        .expect(200)
        .expect('Content-Type', /image\/png/);
    });

    it('lists every queue in its JSON API', async () => {
      const { body } = await request(app.getHttpServer()).get('/queues/api/queues').set(basicAuth('ops', TEST_API_KEY)).expect(200);
      const names = (body.queues as { name: string }[]).map((queue) => queue.name);
      expect(names).toContain(ORDER_COMMANDS_QUEUE);
      expect(names.sort()).toEqual([...ALL_QUEUES].sort());
    });

    it('stays out of Swagger, and other unknown routes keep the api 404', async () => {
      const { body: document } = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(Object.keys(document.paths).filter((path) => path.startsWith('/queues'))).toEqual([]);
      const { body } = await request(app.getHttpServer()).get('/queuesx').set(auth).expect(404);
      expect(body).toEqual({ statusCode: 404, code: 'route_not_found', message: expect.any(String) });
      const inside = await request(app.getHttpServer()).get('/queues/no/such/page').set(auth).expect(404);
      expect(inside.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'route_not_found' }));
    });
  });

  describe('/metrics', () => {
    it('shows every queue with zeroed counters before any job ran', async () => {
      const text = await scrapeUntil(app, [/gateway_queue_jobs\{queue="order-commands",state="waiting"\} 0/]);
      for (const queue of ALL_QUEUES) expect(text).toMatch(new RegExp(`gateway_queue_processed_total\\{queue="${queue}",system="\\w+"\\} 0`));
      expect(text).toContain('gateway_queue_processed_total{queue="commands-joom",system="joom"} 0');
      expect(text).toContain('# TYPE gateway_queue_retried_total counter');
    });

    it('counts a malformed job the worker failed, by queue and state, and keeps the count across api restarts', async () => {
      const job = await intake.queue.add('fulfill', { orderId: 'ord_000000000000000000000000', mode: 'teleport' });
      await waitForState(job, 'failed');
      const expected = [/gateway_queue_failed_total\{queue="order-commands",system="gateway"\} 1\n/, /gateway_queue_jobs\{queue="order-commands",state="failed"\} 1\n/];
      const text = await scrapeUntil(app, expected);
      expect(text).toContain('gateway_queue_processed_total{queue="order-commands",system="gateway"} 0');
      expect(text).toContain('gateway_queue_retried_total{queue="order-commands",system="gateway"} 0');
      // Times are the worker's own histograms (WORKER_HTTP_PORT), not the api's.
      expect(text).not.toContain('gateway_queue_processing_seconds');

      await app.close();
      app = await startApi(testConfig());
      await scrapeUntil(app, expected, 3_000);
    });

    it('answers within its time budget, without the queue metrics, when Redis is slow or gone', async () => {
      const redis = await startRedisServer();
      const cut = await startApi(testConfig({ REDIS_URL: redis.url }));
      const scrape = async () => {
        const started = Date.now();
        const { text } = await request(cut.getHttpServer()).get('/metrics').expect(200);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(text).toContain('process_cpu_seconds_total');
        return text;
      };
      try {
        expect(await scrape()).toMatch(/^gateway_queue_jobs\{/m);

        // Slow: the server holds every command for 1.5 s.
        const admin = new Redis(redis.url);
        await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
        admin.disconnect();
        expect(await scrape()).not.toMatch(/^gateway_queue_/m);
        await new Promise((resolve) => setTimeout(resolve, 1_000));

        await redis.stop();
        await waitUntilDown(cut);
        expect(await scrape()).not.toMatch(/^gateway_queue_/m);
      } finally {
        await cut.close();
        await redis.stop();
        removeDir(redis.dir);
      }
    });
  });
});
