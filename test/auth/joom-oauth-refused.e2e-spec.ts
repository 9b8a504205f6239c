import { SYNC_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { GatewayStack, startGateway } from '../support/gateway-stack';
import { enableSandboxOAuth, ingestWithStaticToken, OAUTH_ENV, TEST_OAUTH } from '../support/joom-oauth-fixtures';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { openQueue } from '../support/queue-fixtures';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const SECRETS = [TEST_OAUTH.clientSecret, TEST_OAUTH.refreshToken, SANDBOX_TOKENS.joom];

/**
 * Joom refuses the gateway's refresh token: the api reports it (what the
 * worker recorded in Redis) in /health/ready and /metrics without a secret,
 * and the command waits instead of failing.
 */
describe('a refused Joom refresh', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox, OAUTH_ENV);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('shows in /health/ready and /metrics with a reason and no secret; the command waits', async () => {
    const [order] = await ingestWithStaticToken(stack, 1);
    const before = await stack.http.get('/health/ready').expect(200);
    expect(before.body.info.channels.joom).toMatchObject({ enabled: true, status: 'up', auth: { mode: 'oauth', status: 'unknown' } });

    // The sandbox's grant is another one: the gateway's seed is refused, the static token expired.
    await enableSandboxOAuth(sandbox, { refreshToken: 'a-grant-the-gateway-does-not-have' });
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000777' }).expect(202);

    const deadline = Date.now() + 30_000;
    let ready = before;
    while (Date.now() < deadline && ready.body.info?.channels?.joom?.auth?.status !== 'refused') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await stack.http.get('/health/ready');
    }
    // Readiness stays up (reads and intake still work); the channel is down, with why and since when.
    expect(ready.status).toBe(200);
    expect(ready.body.info.channels.joom).toEqual({
      enabled: true,
      baseUrl: sandbox.url,
      status: 'down',
      auth: { mode: 'oauth', status: 'refused', reason: expect.stringContaining('already been used'), since: expect.any(String) },
    });
    const metrics = await stack.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('gateway_channel_auth_ok{channel="joom",account="main"} 0');

    // The command is waiting, not a dead letter; Joom was asked once, the refused token is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const job = await stack.http.get(`/v1/jobs/${accepted.body.jobId}`).set(auth).expect(200);
    expect(job.body.state).not.toBe('failed');
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('ready');
    const { calls } = await sandbox.control<{ calls: { path: string; status: number }[] }>('GET', '/calls?api=joom-v2');
    expect(calls.filter((call) => call.path === '/api/v2/oauth/refresh_token').map((call) => call.status)).toEqual([400]);

    // A sync waits the same way: its queue pauses, no attempt is spent (OA-7).
    const syncQueue = openQueue(SYNC_QUEUES.joom);
    try {
      await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const syncJobs = await syncQueue.queue.getJobs(['active', 'wait', 'delayed', 'failed', 'prioritized']);
      expect(syncJobs.length).toBeGreaterThan(0);
      expect(syncJobs.map((syncJob) => syncJob.attemptsMade)).toEqual(syncJobs.map(() => 0));
      expect(await syncQueue.queue.getFailedCount()).toBe(0);
    } finally {
      await syncQueue.close();
    }

    for (const text of [JSON.stringify(ready.body), metrics.text, JSON.stringify(job.body), stack.worker.output()]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
