import { auditEffects, completedWithoutHistory, EffectAudit, findIllegalTransitions, IllegalTransition, OutcomeTally, readLedger, tallyOutcomes } from './faults-audit';
import { PlannedCommand } from './faults-commands';
import { CommandView, QueueWatch, settleCommands } from './faults-jobs';
import { createChannelOrders, IngestedOrders, OrderCounts, waitForIngestion } from './faults-orders';
import { FaultReportRow } from './faults-report';
import { GatewayStack, startGateway } from './gateway-stack';
import { SandboxHandle, startSandbox } from './sandbox-process';
import { flushRedis } from './store-fixtures';

/** Sandbox + api + worker with fresh state, the scenario's orders ingested, and a watch on the queues. */
export interface FaultStack {
  sandbox: SandboxHandle;
  stack: GatewayStack;
  orders: IngestedOrders;
  watch: QueueWatch;
  stop(): Promise<void>;
}

export async function startFaultStack(counts: OrderCounts, gatewayEnv: Record<string, string> = {}): Promise<FaultStack> {
  const redisUrl = gatewayEnv.REDIS_URL;
  await flushRedis(redisUrl);
  const sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0' });
  let stack: GatewayStack | undefined;
  let watch: QueueWatch | undefined;
  try {
    const created = await createChannelOrders(sandbox, counts);
    // Flexport progress is only polled at boot: the scenarios measure commands, not the shipping clock.
    stack = await startGateway(sandbox, { SYNC_INTERVAL_MS: '600000', ...gatewayEnv });
    watch = new QueueWatch(stack.env.REDIS_URL);
    const orders = await waitForIngestion(stack, created);
    const running = { sandbox, stack, orders, watch };
    return {
      ...running,
      async stop() {
        await running.watch.close();
        await running.stack.stop();
        await running.sandbox.stop();
      },
    };
  } catch (error) {
    await watch?.close();
    await stack?.stop();
    await sandbox.stop();
    throw error;
  }
}

/** An accepted command: the job the gateway gave it and what it must do at the other end. */
export interface AcceptedCommand {
  jobId: string;
  command: PlannedCommand;
}

/** Everything the suite measures about one scenario, from the api, the order histories and the sandbox ledger. */
export interface ScenarioAudit {
  views: Map<string, CommandView | null>;
  tally: OutcomeTally;
  illegal: IllegalTransition[];
  effects: EffectAudit;
  withoutHistory: string[];
}

/**
 * Reads every accepted command's final state (GET /v1/jobs), walks the
 * history of every order involved and compares the sandbox ledger with what
 * the commands were meant to do. Call once the queues drained.
 */
export async function auditScenario(fault: FaultStack, accepted: readonly AcceptedCommand[]): Promise<ScenarioAudit> {
  const { stack, sandbox } = fault;
  const views = await settleCommands(
    stack.apiUrl,
    accepted.map((a) => a.jobId),
  );
  const tally = tallyOutcomes(views);
  const orderIds = accepted.map((a) => a.command.order.id);
  const illegal = await findIllegalTransitions(stack.store.repository, orderIds);
  const effects = auditEffects(
    await readLedger(sandbox),
    accepted.map((a) => ({ effect: a.command.effect, state: views.get(a.jobId)?.state })),
  );
  const withoutHistory = await completedWithoutHistory(
    stack.store.repository,
    accepted.map((a) => ({ orderId: a.command.order.id, view: views.get(a.jobId) ?? null })),
  );
  return { views, tally, illegal, effects, withoutHistory };
}

/** Commands one of whose steps needed more than one attempt (a retry happened). */
export function retriedCommands(audit: ScenarioAudit): number {
  return [...audit.views.values()].filter((view) => view?.steps.some((step) => step.attempts > 1)).length;
}

export function rowOf(
  audit: ScenarioAudit,
  scenario: string,
  fault: string,
  startedAt: number,
  recovery: { seconds: number | null; definition: string },
  extra: Record<string, number | string> = {},
): FaultReportRow {
  const { tally, effects, illegal, withoutHistory } = audit;
  return {
    scenario,
    fault,
    accepted: tally.accepted,
    completed: tally.completed,
    failed: tally.failed,
    failedReasons: tally.failedReasons,
    lost: tally.accepted - tally.completed - tally.failed,
    duplicateSideEffects: effects.duplicates.reduce((sum, row) => sum + row.count - row.allowed, 0),
    illegalTransitions: illegal.length,
    recoverySeconds: recovery.seconds === null ? null : Math.round(recovery.seconds * 10) / 10,
    recoveryDefinition: recovery.definition,
    extra: {
      ...extra,
      missingEffects: effects.missing.length,
      doneButReportedFailed: effects.doneButFailed.length,
      completedNotInHistory: withoutHistory.length,
    },
    durationSeconds: (Date.now() - startedAt) / 1000,
    measuredAt: new Date().toISOString(),
  };
}

/**
 * The suite's invariants: nothing lost, nothing done twice, no illegal move,
 * every completed command done at the other end and in its order's history,
 * no command reported failed whose effect happened anyway.
 * The details go into the failure message.
 */
export function expectNothingLostOrDoubled(audit: ScenarioAudit): void {
  const { tally, effects, illegal, withoutHistory, views } = audit;
  expect({ lost: tally.lost.map((jobId) => views.get(jobId) ?? { jobId, state: 'missing' }) }).toEqual({ lost: [] });
  expect({ duplicateSideEffects: effects.duplicates }).toEqual({ duplicateSideEffects: [] });
  expect({ illegalTransitions: illegal }).toEqual({ illegalTransitions: [] });
  expect({ missingEffects: effects.missing }).toEqual({ missingEffects: [] });
  expect({ doneButReportedFailed: effects.doneButFailed }).toEqual({ doneButReportedFailed: [] });
  expect({ completedNotInHistory: withoutHistory }).toEqual({ completedNotInHistory: [] });
  expect(tally.accepted).toBeGreaterThan(0);
}
