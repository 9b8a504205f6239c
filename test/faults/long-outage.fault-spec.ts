import { mixedCommands, submitAll } from '../support/faults-commands';
import { commandFinishTimes } from '../support/faults-jobs';
import { sleep } from '../support/faults-orders';
import { reportRow } from '../support/faults-report';
import { GATEWAY_APIS, injectedFaults, liftFaults } from '../support/faults-sandbox';
import { auditScenario, expectNothingLostOrDoubled, FaultStack, retriedCommands, rowOf, startFaultStack } from '../support/faults-scenario';

jest.setTimeout(240_000);

const PER_KIND = 100;
/**
 * A compressed clock: steps retry from 50 ms (8 attempts span 6.35 s, where
 * the default 1 s spans ~2 min) and a circuit holds for 0.5 s, doubling to
 * 2 s (default 30 s to 60 s). The outage lasts five retry budgets — ten
 * minutes at the default clock.
 */
const RETRY_DELAY_MS = 50;
const RETRY_BUDGET_MS = RETRY_DELAY_MS * (2 ** 7 - 1);
const OUTAGE_MS = 5 * RETRY_BUDGET_MS;
const CLOCK = { COMMAND_RETRY_DELAY_MS: String(RETRY_DELAY_MS), CIRCUIT_OPEN_MS: '500', CIRCUIT_MAX_OPEN_MS: '2000', CIRCUIT_FAILURE_THRESHOLD: '5' };
/** Queue rates high enough that the backoff, not the queue's pace, spaces a step's retries (as with the default clock). */
const RATES = { JOOM_STEPS_PER_SECOND: '200', AKINON_STEPS_PER_SECOND: '200', FLEXPORT_STEPS_PER_SECOND: '200' };
const SYSTEMS = ['joom', 'akinon', 'flexport'] as const;
/** Joom and Flexport answer 503 to everything; Akinon's connections are reset unanswered. */
const OUTAGE: Record<(typeof GATEWAY_APIS)[number], Record<string, number>> = {
  'joom-v3': { errorRate: 1, errorStatus: 503 },
  akinon: { dropRate: 1 },
  flexport: { errorRate: 1, errorStatus: 503 },
};

/** What /health/ready and /metrics showed of one system's circuit during the outage. */
interface CircuitSightings {
  readyStates: Set<string>;
  metricOpen: boolean;
  openings: number;
}

describe('fault: every marketplace down for five times the retry budget', () => {
  let fault: FaultStack;

  beforeAll(async () => {
    fault = await startFaultStack({ joom: 2 * PER_KIND, akinon: PER_KIND }, { ...CLOCK, ...RATES });
  }, 120_000);
  afterAll(async () => {
    await fault?.stop();
  });

  it('holds every command while the circuits are open and runs them all once the systems answer', async () => {
    const { stack, watch, orders, sandbox } = fault;
    for (const [i, api] of GATEWAY_APIS.entries()) await sandbox.control('PUT', `/faults/${api}`, { seed: 2000 + i, ...OUTAGE[api] });
    const startedAt = Date.now();
    const commands = mixedCommands(orders, PER_KIND);
    const submissions = await submitAll(stack.apiUrl, commands);
    expect(submissions.filter((s) => s.status !== 202)).toEqual([]);

    const sightings = Object.fromEntries(SYSTEMS.map((system) => [system, { readyStates: new Set<string>(), metricOpen: false, openings: 0 }])) as Record<(typeof SYSTEMS)[number], CircuitSightings>;
    const readiness: { status: number; circuitsDown: boolean }[] = [];
    while (Date.now() < startedAt + OUTAGE_MS) {
      readiness.push(await observeCircuits(stack.apiUrl, sightings));
      await sleep(500);
    }
    const finishedDuringOutage = await watch.finishedSteps();
    const injected = await injectedFaults(sandbox, new Date(startedAt));
    await liftFaults(sandbox);
    const liftedAt = Date.now();

    await watch.waitUntilDrained(120_000);
    const audit = await auditScenario(
      fault,
      submissions.map((s) => ({ jobId: s.jobId!, command: s.command })),
    );
    const finishTimes = [...(await commandFinishTimes(watch, audit.views)).values()];
    const after = Object.fromEntries(SYSTEMS.map((system) => [system, { readyStates: new Set<string>(), metricOpen: false, openings: 0 }])) as Record<(typeof SYSTEMS)[number], CircuitSightings>;
    for (let tries = 0; tries < 10 && (await observeCircuits(stack.apiUrl, after)).status !== 200; tries++) await sleep(500);

    reportRow(
      rowOf(
        audit,
        'long outage',
        `every API down (Joom and Flexport 503, Akinon connections reset) for ${OUTAGE_MS / 1000} s = 5 × the retry budget (retries from ${RETRY_DELAY_MS} ms, 8 attempts = ${RETRY_BUDGET_MS / 1000} s; circuit hold 0.5 s doubling to 2 s); ${commands.length} commands`,
        startedAt,
        {
          seconds: Math.max(0, Math.max(...finishTimes) - liftedAt) / 1000,
          definition: 'from the systems answering again to the last command finished (a probe closing each circuit, then the backlog draining)',
        },
        {
          outageSeconds: OUTAGE_MS / 1000,
          retryBudgetSeconds: RETRY_BUDGET_MS / 1000,
          callsDuringOutage: injected.calls,
          stepsFinishedDuringOutage: finishedDuringOutage,
          circuitOpenings: SYSTEMS.map((system) => `${system} ${sightings[system].openings}`).join(' / '),
          commandsRetried: retriedCommands(audit),
          readinessChecks: readiness.length,
          readinessNot200: readiness.filter((r) => r.status !== 200).length,
        },
      ),
    );
    expectNothingLostOrDoubled(audit);
    // No dead letter: every command done, none flagged command_failed.
    expect({ completed: audit.tally.completed, failed: audit.tally.failedReasons }).toEqual({ completed: commands.length, failed: {} });
    // The outage was real, and the circuits kept the calls to a trickle of probes.
    expect(finishedDuringOutage).toBe(0);
    expect(injected.calls).toBeGreaterThan(0);
    for (const system of SYSTEMS) {
      expect({ system, open: [...sightings[system].readyStates].some((state) => state !== 'closed'), metric: sightings[system].metricOpen }).toEqual({ system, open: true, metric: true });
      expect(sightings[system].openings).toBeGreaterThanOrEqual(1);
      expect({ system, after: [...after[system].readyStates], metric: after[system].metricOpen }).toEqual({ system, after: ['closed'], metric: false });
    }
    // Readiness reported the open circuits (the sightings above are from 200s) and never failed because of them.
    expect(readiness.filter((r) => r.circuitsDown)).toEqual([]);
    expect(stack.worker.output()).toMatch(/joom circuit open after \d+ consecutive transient failures \(joom answered 503\)/);
    expect(stack.worker.output()).toMatch(/akinon circuit open after \d+ consecutive transient failures \(akinon unreachable/);
  });
});

/** Reads /health/ready and /metrics once, noting each system's circuit as a 200 readiness shows it. */
async function observeCircuits(apiUrl: string, sightings: Record<string, CircuitSightings>): Promise<{ status: number; circuitsDown: boolean }> {
  const ready = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
  const body = (await ready.json()) as { info?: { circuits?: Record<string, { state: string }> }; details?: { error?: Record<string, unknown> } };
  // A 503 here can only be another check's (Redis slower than its 1 s ping on a loaded machine): an open circuit never is one.
  if (ready.status !== 200) return { status: ready.status, circuitsDown: Boolean(body.details?.error?.circuits) };
  const metrics = await (await fetch(`${apiUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  for (const [system, seen] of Object.entries(sightings)) {
    const state = body.info?.circuits?.[system]?.state;
    if (state) seen.readyStates.add(state);
    if (new RegExp(`^gateway_circuit_open\\{system="${system}",account="main"\\} 1$`, 'm').test(metrics)) seen.metricOpen = true;
    const openings = new RegExp(`^gateway_circuit_openings_total\\{system="${system}",account="main"\\} (\\d+)$`, 'm').exec(metrics);
    if (openings) seen.openings = Math.max(seen.openings, Number(openings[1]));
  }
  return { status: ready.status, circuitsDown: false };
}
