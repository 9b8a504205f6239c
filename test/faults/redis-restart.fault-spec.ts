import { mixedCommands, PlannedCommand, submit, submitAll, Submission } from '../support/faults-commands';
import { commandFinishTimes } from '../support/faults-jobs';
import { sleep } from '../support/faults-orders';
import { reportRow } from '../support/faults-report';
import { injectEverywhere } from '../support/faults-sandbox';
import { AcceptedCommand, auditScenario, expectNothingLostOrDoubled, FaultStack, rowOf, startFaultStack } from '../support/faults-scenario';
import { RedisServerHandle, removeDir, startRedisServer } from '../support/redis-server';

jest.setTimeout(300_000);

/** Per kind of command: half sent before the restart, half after. */
const PER_KIND = 100;
const DOWN_MS = 3_000;

describe('fault: Redis restarts (AOF on) in the middle of a batch', () => {
  let redis: RedisServerHandle;
  let fault: FaultStack;

  beforeAll(async () => {
    // Its own redis-server, so it can be restarted without touching the suite's.
    redis = await startRedisServer();
    fault = await startFaultStack({ joom: 2 * PER_KIND, akinon: PER_KIND }, { REDIS_URL: redis.url });
  }, 120_000);
  afterAll(async () => {
    await fault?.stop();
    await redis?.stop();
    if (redis) removeDir(redis.dir);
  });

  /** Sends a command until the api accepts it (it answers 503 while Redis is coming back). */
  const submitUntilAccepted = async (command: PlannedCommand, deadline: number): Promise<Submission> => {
    for (;;) {
      const answer = await submit(fault.stack.apiUrl, command);
      if (answer.status !== 503 && answer.status !== 0) return answer;
      if (Date.now() > deadline) return answer;
      await sleep(250);
    }
  };

  it('api and worker reconnect by themselves; every accepted command ends, none twice', async () => {
    const { stack, watch, orders, sandbox } = fault;
    await injectEverywhere(sandbox, { latencyMs: 100 });
    const startedAt = Date.now();
    const all = mixedCommands(orders, PER_KIND);
    const [before, after] = [all.slice(0, all.length / 2), all.slice(all.length / 2)];
    const first = await submitAll(stack.apiUrl, before);
    expect(first.filter((s) => s.status !== 202)).toEqual([]);

    const stopDeadline = Date.now() + 120_000;
    while ((await watch.finishedSteps()) < before.length * 0.3) {
      if (Date.now() > stopDeadline) throw new Error(`only ${await watch.finishedSteps()} steps finished in 120 s`);
      await sleep(100);
    }
    await redis.stop();
    const downAt = Date.now();
    // While Redis is down the api refuses at once (503), it does not hang or accept what it cannot store.
    const whileDown = await submitAll(stack.apiUrl, after.slice(0, 10), 5);
    const refusedWhileDown = whileDown.filter((s) => s.status === 503 && s.code === 'store_unavailable').length;
    await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
    await redis.restart();
    const upAt = Date.now();

    // The refused ones are sent again, as a client would, then the rest.
    const second = await Promise.all(after.map((command) => submitUntilAccepted(command, upAt + 30_000)));
    expect(second.filter((s) => s.status !== 202)).toEqual([]);
    const firstAcceptedAt = Math.min(...second.map((s) => s.at));
    const ready = await stack.http.get('/health/ready');

    await watch.waitUntilDrained(180_000);
    const accepted: AcceptedCommand[] = [...first, ...second].map((s) => ({ jobId: s.jobId!, command: s.command }));
    const audit = await auditScenario(fault, accepted);
    const finishTimes = [...(await commandFinishTimes(watch, audit.views)).values()];
    const afterUp = finishTimes.filter((t) => t >= upAt);

    reportRow(
      rowOf(
        audit,
        'Redis restart',
        `redis-server (AOF) stopped after ${first.length} commands were queued and ~30 % done, down ${((upAt - downAt) / 1000).toFixed(1)} s, restarted on the same data; ${after.length} more sent after`,
        startedAt,
        {
          seconds: afterUp.length ? (Math.min(...afterUp) - upAt) / 1000 : null,
          definition: 'from Redis answering again to the first command finished after it (api and worker reconnect on their own)',
        },
        {
          refusedWhileDown: `${refusedWhileDown}/${whileDown.length} (503 store_unavailable)`,
          apiAcceptingAfterSeconds: Math.round((firstAcceptedAt - upAt) / 100) / 10,
          drainedAfterSeconds: afterUp.length ? Math.round((Math.max(...afterUp) - upAt) / 100) / 10 : 0,
        },
      ),
    );
    expectNothingLostOrDoubled(audit);
    expect(refusedWhileDown).toBe(whileDown.length);
    expect(ready.status).toBe(200);
    // The same worker process did all of it: it rode the outage out instead of crashing.
    expect({ exitCode: stack.worker.child.exitCode, signal: stack.worker.child.signalCode }).toEqual({ exitCode: null, signal: null });
  });
});
