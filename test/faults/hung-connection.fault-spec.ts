import { mixedCommands, submitAll } from '../support/faults-commands';
import { commandFinishTimes } from '../support/faults-jobs';
import { reportRow } from '../support/faults-report';
import { injectedFaults, injectEverywhere } from '../support/faults-sandbox';
import { auditScenario, expectNothingLostOrDoubled, FaultStack, retriedCommands, rowOf, startFaultStack } from '../support/faults-scenario';

jest.setTimeout(300_000);

const PER_KIND = 25;

describe('fault: marketplace connections hang', () => {
  let fault: FaultStack;

  beforeAll(async () => {
    fault = await startFaultStack({ joom: 2 * PER_KIND, akinon: PER_KIND });
  }, 120_000);
  afterAll(async () => {
    await fault?.stop();
  });

  it('the adapter times out, the step retries after reading first: nothing done twice', async () => {
    const { stack, watch, orders, sandbox } = fault;
    // `hang`: never answered, nothing done. `hangAfterRate`: done, but the answer never comes (the retry must see it is done).
    await injectEverywhere(sandbox, { hangRate: 0.04, hangAfterRate: 0.08 });
    const startedAt = Date.now();
    const commands = mixedCommands(orders, PER_KIND);
    const submissions = await submitAll(stack.apiUrl, commands);
    expect(submissions.filter((s) => s.status !== 202)).toEqual([]);

    await watch.waitUntilDrained(240_000);
    const injected = await injectedFaults(sandbox, new Date(startedAt));
    const audit = await auditScenario(
      fault,
      submissions.map((s) => ({ jobId: s.jobId!, command: s.command })),
    );
    const finishTimes = await commandFinishTimes(watch, audit.views);
    const latencies = submissions.filter((s) => finishTimes.has(s.jobId!)).map((s) => finishTimes.get(s.jobId!)! - s.at);

    reportRow(
      rowOf(
        audit,
        'hung connections',
        `every API holds 4 % of requests unanswered and answers nothing to 8 % more after acting on them; ${commands.length} commands`,
        startedAt,
        { seconds: Math.max(...latencies) / 1000, definition: 'the slowest command, accepted → finished: the adapter timeout (10 s per hung call) plus backoff' },
        {
          hungCalls: injected.byKind.hang ?? 0,
          answerLostAfterActing: injected.byKind.hang_after ?? 0,
          answerLostAfterWrite: injected.writesByKind.hang_after ?? 0,
          commandsRetried: retriedCommands(audit),
          medianCommandSeconds: Math.round(median(latencies) / 100) / 10,
        },
      ),
    );
    expectNothingLostOrDoubled(audit);
    expect(injected.byKind.hang).toBeGreaterThan(0);
    // Writes whose answer was lost after they took effect: each retry had to find its effect there and not repeat it.
    expect(injected.writesByKind.hang_after).toBeGreaterThan(0);
    expect(retriedCommands(audit)).toBeGreaterThan(0);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
