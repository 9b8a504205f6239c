import { mixedCommands, submitAll } from '../support/faults-commands';
import { commandFinishTimes } from '../support/faults-jobs';
import { sleep } from '../support/faults-orders';
import { reportRow } from '../support/faults-report';
import { injectedFaults, injectEverywhere, liftFaults } from '../support/faults-sandbox';
import { auditScenario, expectNothingLostOrDoubled, FaultStack, retriedCommands, rowOf, startFaultStack } from '../support/faults-scenario';

jest.setTimeout(300_000);

const PER_KIND = 100;
/** The faults stay on until this share of the commands has finished (or FAULT_WINDOW_MS passed), then are lifted. */
const LIFT_AT = 0.8;
const FAULT_WINDOW_MS = 90_000;
const ERROR_STATUS: Record<string, number> = { 'joom-v3': 500, akinon: 502, flexport: 503 };

describe('fault: the marketplaces answer 20 % 5xx, some 429s, and slowly', () => {
  let fault: FaultStack;

  beforeAll(async () => {
    fault = await startFaultStack({ joom: 2 * PER_KIND, akinon: PER_KIND });
  }, 120_000);
  afterAll(async () => {
    await fault?.stop();
  });

  it('retries through them: every command ends, each effect once, no illegal move', async () => {
    const { stack, watch, orders, sandbox } = fault;
    await injectEverywhere(sandbox, (api) => ({ errorRate: 0.2, errorStatus: ERROR_STATUS[api], rateLimitRate: 0.03, retryAfterSeconds: 1, latencyMs: 150 }));
    const startedAt = Date.now();
    const commands = mixedCommands(orders, PER_KIND);
    const submissions = await submitAll(stack.apiUrl, commands);
    expect(submissions.filter((s) => s.status !== 202)).toEqual([]);

    const liftDeadline = Date.now() + FAULT_WINDOW_MS;
    while ((await watch.finishedSteps()) < commands.length * LIFT_AT && Date.now() < liftDeadline) await sleep(250);
    const injected = await injectedFaults(sandbox, new Date(startedAt));
    await liftFaults(sandbox);
    const liftedAt = Date.now();

    await watch.waitUntilDrained(180_000);
    const audit = await auditScenario(
      fault,
      submissions.map((s) => ({ jobId: s.jobId!, command: s.command })),
    );
    const finishTimes = [...(await commandFinishTimes(watch, audit.views)).values()];
    const lastFinished = Math.max(...finishTimes);

    reportRow(
      rowOf(
        audit,
        'sandbox 5xx + 429 + latency',
        `every API: 20 % 5xx (Joom 500, Akinon 502, Flexport 503), 3 % 429 with Retry-After / X-Rate-Limit-Reset 1 s, +150 ms per call; on until ${Math.round(LIFT_AT * 100)} % of ${commands.length} commands finished`,
        startedAt,
        { seconds: Math.max(0, lastFinished - liftedAt) / 1000, definition: 'from the faults being lifted to the last command finished (the retry backlog draining)' },
        {
          callsUnderFaults: injected.calls,
          injected5xx: injected.byKind.error ?? 0,
          injected429: injected.byKind.rate_limit ?? 0,
          commandsRetried: retriedCommands(audit),
          faultsLiftedAfterSeconds: Math.round((liftedAt - startedAt) / 100) / 10,
        },
      ),
    );
    expectNothingLostOrDoubled(audit);
    expect(injected.byKind.error).toBeGreaterThan(0);
    expect(injected.byKind.rate_limit).toBeGreaterThan(0);
    expect(retriedCommands(audit)).toBeGreaterThan(0);
  });
});
