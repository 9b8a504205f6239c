import { auth } from '../support/api-fixture';
import { GatewayStack, SideEffectRow, startGateway, waitForOrder } from '../support/gateway-stack';
import { enableSandboxOAuth, inParallel, ingestWithStaticToken, OAUTH_ENV, sandboxOAuth } from '../support/joom-oauth-fixtures';
import { RunningProcess, startProcess, waitForOutput } from '../support/processes';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

/** Bounded: OAUTH_SOAK_COMMANDS overrides the count (the issue asks for 2,000). */
const COMMANDS = Number(process.env.OAUTH_SOAK_COMMANDS ?? 2_000);
/** Every access token the sandbox issues answers this many calls, then 401s. */
const CALLS_PER_TOKEN = Math.max(50, Math.round(COMMANDS / 8));
const SYNCED = 5;

jest.setTimeout(240_000);

/**
 * Joom access tokens expire every CALLS_PER_TOKEN calls while two workers run
 * a batch of fulfil commands and a sync; one worker is restarted between two
 * refreshes. Effects are counted at the sandbox: every command fulfilled
 * exactly once, and no refresh ever sent a refresh token that was already
 * rotated (the sandbox would refuse it).
 */
describe('Joom OAuth refresh with rotation, across workers and a restart', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let second: RunningProcess;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: String(Math.ceil(COMMANDS * 3) + 200) });
    await sandbox.control('POST', '/joom-v3/actions/set-rate-limit', { perMinute: 1_000_000, listPerMinute: 10_000 });
    stack = await startGateway(sandbox, { ...OAUTH_ENV, JOOM_STEPS_PER_SECOND: '2000' });
    second = startProcess('worker', stack.env);
    await waitForOutput(second, /worker started/);
  });
  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
    await sandbox?.stop();
  });

  it(`fulfils ${COMMANDS} commands and a sync with 0 lost and 0 duplicate effects`, async () => {
    const orders = await ingestWithStaticToken(stack, COMMANDS + SYNCED);
    const [commanded, synced] = [orders.slice(0, COMMANDS), orders.slice(COMMANDS)];
    await enableSandboxOAuth(sandbox, { accessTokenCalls: CALLS_PER_TOKEN });
    const started = Date.now();

    // Commands go in while a watcher restarts the second worker once two refreshes have happened.
    let refreshesAtRestart = -1;
    const restart = (async () => {
      while ((await sandboxOAuth(sandbox)).refreshes < 2) await new Promise((resolve) => setTimeout(resolve, 100));
      await second.stop('SIGTERM');
      refreshesAtRestart = (await sandboxOAuth(sandbox)).refreshes;
      second = startProcess('worker', stack.env);
      await waitForOutput(second, /worker started/);
    })();
    const accepted = await inParallel(commanded, 16, async (order, index) => {
      const { body } = await stack.http
        .post(`/v1/orders/${order.id}/fulfill`)
        .set(auth)
        .send({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD${String(index).padStart(10, '0')}` })
        .expect(202);
      return body.jobId as string;
    });
    expect(new Set(accepted).size).toBe(COMMANDS);

    // A sync through the same expiring tokens: status changes made at Joom reach the store.
    for (const order of synced) await sandbox.control('POST', '/joom-v3/actions/set-state', { orderId: order.externalId, state: 'cancelled' });
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    await restart;

    // Wait for every effect at the sandbox, then for every order in the store.
    const deadline = Date.now() + 180_000;
    let fulfils: SideEffectRow[] = [];
    while (Date.now() < deadline) {
      const { sideEffects } = await sandbox.control<{ sideEffects: SideEffectRow[] }>('GET', '/side-effects?api=joom-v3');
      fulfils = sideEffects.filter((row) => row.kind === 'fulfill');
      if (fulfils.length >= COMMANDS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const order of synced) await waitForOrder(stack, order.id, (o) => o.status === 'cancelled', 60_000);
    const seconds = (Date.now() - started) / 1000;

    const states = await inParallel(accepted, 16, async (jobId) => (await stack.http.get(`/v1/jobs/${jobId}`).set(auth)).body.state as string);
    const oauth = await sandboxOAuth(sandbox);
    const calls = await sandbox.control<{ calls: { path: string; status: number | null }[] }>('GET', '/calls?api=joom-v3');
    const expired = calls.calls.filter((call) => call.status === 401).length;
    process.stdout.write(
      `oauth soak: ${COMMANDS} commands + sync in ${seconds.toFixed(1)} s; ${oauth.refreshes} refreshes (${refreshesAtRestart} before the restart), ` +
        `${expired} calls answered 401, token life ${CALLS_PER_TOKEN} calls\n`,
    );

    // 0 lost: every command completed, every order fulfilled at Joom. 0 duplicates: once each.
    expect(states.filter((state) => state !== 'completed')).toEqual([]);
    expect(fulfils).toHaveLength(COMMANDS);
    expect(fulfils.every((row) => row.count === 1)).toBe(true);
    expect(new Set(fulfils.map((row) => row.orderRef))).toEqual(new Set(commanded.map((order) => order.externalId)));
    // Tokens really expired under load, and were refreshed by both sides of the restart without ever reusing a rotated refresh token.
    expect(expired).toBeGreaterThan(0);
    expect(refreshesAtRestart).toBeGreaterThanOrEqual(2);
    expect(oauth.refreshes).toBeGreaterThan(refreshesAtRestart);
    expect(oauth.refusedRefreshes).toBe(0);
  });
});
