import { fulfilViaFlexport, fulfilWithTracking, interleave, rejectAkinon, submitAll, submitPaced } from '../support/faults-commands';
import { commandFinishTimes } from '../support/faults-jobs';
import { sleep } from '../support/faults-orders';
import { reportRow } from '../support/faults-report';
import { injectEverywhere } from '../support/faults-sandbox';
import { auditScenario, expectNothingLostOrDoubled, FaultStack, rowOf, startFaultStack } from '../support/faults-scenario';
import { startProcess, waitForOutput } from '../support/processes';

jest.setTimeout(420_000);

/** 2,000 commands, each with a real effect at the sandbox, spread over the three systems' queues. */
const MIX = { joomTracking: 600, joomFlexport: 450, akinonFlexport: 450, akinonReject: 500 };
const TOTAL = Object.values(MIX).reduce((a, b) => a + b, 0);
/** Sent while the kill happens: traffic does not stop because a worker died. */
const SENT_DURING_KILL = 400;
/** Kill the worker once this share of the commands has finished. */
const KILL_AT = 0.3;
/** Every call takes this long, like a real API, so steps are mid-call when the kill lands. */
const LATENCY_MS = 200;

describe('fault: the worker is SIGKILLed in the middle of 2,000 commands', () => {
  let fault: FaultStack;

  beforeAll(async () => {
    fault = await startFaultStack({ joom: MIX.joomTracking + MIX.joomFlexport, akinon: MIX.akinonFlexport + MIX.akinonReject });
  }, 240_000);
  afterAll(async () => {
    await fault?.stop();
  });

  it('a new worker finishes every accepted command: none lost, none done twice, no illegal move', async () => {
    const { stack, watch, orders } = fault;
    await injectEverywhere(fault.sandbox, { latencyMs: LATENCY_MS });
    const startedAt = Date.now();
    const commands = interleave(
      orders.joom.slice(0, MIX.joomTracking).map(fulfilWithTracking),
      orders.joom.slice(MIX.joomTracking).map(fulfilViaFlexport),
      orders.akinon.slice(0, MIX.akinonFlexport).map(fulfilViaFlexport),
      orders.akinon.slice(MIX.akinonFlexport).map(rejectAkinon),
    );
    const first = await submitAll(stack.apiUrl, commands.slice(0, TOTAL - SENT_DURING_KILL));

    // Kill -9 once ~30 % have finished, with more commands arriving: steps are mid-call in every queue.
    const killDeadline = Date.now() + 180_000;
    while ((await watch.finishedSteps()) < TOTAL * KILL_AT) {
      if (Date.now() > killDeadline) throw new Error(`only ${await watch.finishedSteps()} steps finished in 180 s`);
      await sleep(100);
    }
    const late = submitPaced(stack.apiUrl, commands.slice(TOTAL - SENT_DURING_KILL), 100);
    await sleep(1_000);
    const inFlight = await watch.activeJobs();
    await stack.worker.stop('SIGKILL');
    const killedAt = Date.now();

    stack.worker = startProcess('worker', stack.env);
    await waitForOutput(stack.worker, /worker started/, 30_000);
    const restartedAt = Date.now();

    const submissions = [...first, ...(await late)];
    const accepted = submissions.filter((s) => s.status === 202).map((s) => ({ jobId: s.jobId!, command: s.command }));
    expect(submissions.filter((s) => s.status !== 202)).toEqual([]);
    await watch.waitUntilDrained(300_000);
    const audit = await auditScenario(fault, accepted);
    const finishTimes = await commandFinishTimes(watch, audit.views);
    const doneAtKill = [...finishTimes.values()].filter((t) => t < killedAt).length;
    const afterRestart = [...finishTimes.values()].filter((t) => t >= restartedAt);
    const inFlightDone = await Promise.all(inFlight.map((job) => watch.finishedOn(job.queue, job.jobId)));
    const seconds = (t: number) => Math.round((t / 1000) * 10) / 10;

    reportRow(
      rowOf(
        audit,
        'worker SIGKILL',
        `kill -9 of the only worker after ${doneAtKill}/${TOTAL} commands had finished (${inFlight.length} jobs running, ${SENT_DURING_KILL} commands arriving at 100/s around the kill); a new worker started at once; every sandbox call takes ${LATENCY_MS} ms`,
        startedAt,
        {
          seconds: afterRestart.length ? seconds(Math.min(...afterRestart) - restartedAt) : null,
          definition:
            'from the new worker being up to the first command it finished; the jobs running at the kill run again once their lock expires (BullMQ stalled check) — see inFlightResolvedSeconds',
        },
        {
          workerDownSeconds: seconds(restartedAt - killedAt),
          jobsRunningAtKill: inFlight.length,
          inFlightResolvedSeconds: inFlightDone.every((t) => t !== null) ? seconds(Math.max(restartedAt, ...(inFlightDone as number[])) - restartedAt) : 'unfinished',
          drainedAfterRestartSeconds: afterRestart.length ? seconds(Math.max(...afterRestart) - restartedAt) : 0,
        },
      ),
    );
    expect(accepted).toHaveLength(TOTAL);
    expectNothingLostOrDoubled(audit);
    expect(inFlight.length).toBeGreaterThan(0);
  });
});
