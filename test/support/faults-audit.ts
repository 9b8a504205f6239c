import { HistoryEntry, orderStateMachine } from '@app/orders';
import { OrderRepository } from '@app/store';
import { ExpectedEffect } from './faults-commands';
import { mapLimit } from './faults-pool';
import { CommandView } from './faults-jobs';
import { SandboxHandle } from './sandbox-process';

/** Accepted commands by how they ended. */
export interface OutcomeTally {
  accepted: number;
  completed: number;
  failed: number;
  failedReasons: Record<string, number>;
  /** Accepted but neither completed nor failed (still queued, or gone): must be empty. */
  lost: string[];
}

export function tallyOutcomes(views: Map<string, CommandView | null>): OutcomeTally {
  const tally: OutcomeTally = { accepted: views.size, completed: 0, failed: 0, failedReasons: {}, lost: [] };
  for (const [jobId, view] of views) {
    if (view?.state === 'completed') tally.completed++;
    else if (view?.state === 'failed') {
      tally.failed++;
      const reason = reasonOf(view.error);
      tally.failedReasons[reason] = (tally.failedReasons[reason] ?? 0) + 1;
    } else tally.lost.push(jobId);
  }
  return tally;
}

/** A failure's reason for grouping: its code (`illegal_transition: …`) or its text with ids and numbers blanked. */
export function reasonOf(error: string | null): string {
  if (!error) return '(no reason given)';
  const code = /^([a-z][a-z_]+):\s/.exec(error);
  if (code) return code[1];
  return error
    .replace(/ord_[0-9a-f]+/g, 'ord_…')
    .replace(/\b[0-9A-Z]{6,}\b/g, '…')
    .replace(/\d{5,}/g, 'N')
    .slice(0, 90);
}

/** One history entry that the transition table does not allow, or that does not start where the last one ended. */
export interface IllegalTransition {
  orderId: string;
  entry: Pick<HistoryEntry, 'kind' | 'from' | 'to' | 'cause' | 'version'>;
  problem: string;
}

/**
 * Walks each order's history: every transition must be an edge of the table
 * (libs/orders), every entry must start in the state the previous one left,
 * versions must increase, and the last entry must match the stored status.
 */
export async function findIllegalTransitions(repository: OrderRepository, orderIds: readonly string[]): Promise<IllegalTransition[]> {
  const perOrder = await mapLimit([...new Set(orderIds)], 16, async (orderId) => {
    const [history, order] = await Promise.all([repository.history(orderId), repository.get(orderId)]);
    return checkHistory(orderId, history, order?.status ?? null);
  });
  return perOrder.flat();
}

export function checkHistory(orderId: string, history: readonly HistoryEntry[], storedStatus: string | null): IllegalTransition[] {
  const problems: IllegalTransition[] = [];
  const flag = (entry: HistoryEntry, problem: string) => problems.push({ orderId, entry: { kind: entry.kind, from: entry.from, to: entry.to, cause: entry.cause, version: entry.version }, problem });
  let state: string | null = null;
  let version = 0;
  history.forEach((entry, i) => {
    if (entry.version < version) flag(entry, `version ${entry.version} after ${version}`);
    version = entry.version;
    if (entry.kind === 'created') {
      if (i !== 0) flag(entry, 'created twice');
    } else if (entry.from !== state) {
      flag(entry, `starts from ${entry.from} but the order was ${state}`);
    } else if (entry.kind === 'transition' && !orderStateMachine.canTransition(entry.from!, entry.to)) {
      flag(entry, `${entry.from} → ${entry.to} is not in the transition table`);
    } else if (entry.kind === 'annotation' && entry.from !== entry.to) {
      flag(entry, `annotation moves ${entry.from} → ${entry.to}`);
    }
    state = entry.to;
  });
  if (history.length > 0 && state !== storedStatus) flag(history[history.length - 1], `history ends at ${state}, the order is ${storedStatus}`);
  return problems;
}

/** One ledger row at the sandbox. */
export interface LedgerRow {
  api: string;
  orderRef: string;
  kind: string;
  count: number;
}

export async function readLedger(sandbox: SandboxHandle): Promise<LedgerRow[]> {
  return (await sandbox.control<{ sideEffects: LedgerRow[] }>('GET', '/side-effects')).sideEffects;
}

export interface EffectAudit {
  /** Ledger rows above one effective run (count > the effect's own count): must be empty. */
  duplicates: (LedgerRow & { allowed: number })[];
  /** Completed commands whose effect is not at the sandbox: must be empty. */
  missing: ExpectedEffect[];
  /** Failed commands whose effect is at the sandbox anyway (done, but reported failed). */
  doneButFailed: ExpectedEffect[];
}

/**
 * Compares the sandbox ledger with the commands: each (order, effect) at most
 * one effective run, every completed command's effect present. `effects`
 * lists every accepted command's expected effect with how it ended.
 */
export function auditEffects(ledger: readonly LedgerRow[], effects: readonly { effect: ExpectedEffect; state: string | undefined }[]): EffectAudit {
  const key = (row: { api: string; orderRef: string; kind: string }) => `${row.api}|${row.orderRef}|${row.kind}`;
  const counts = new Map(ledger.map((row) => [key(row), row.count]));
  const allowed = new Map<string, number>();
  for (const { effect } of effects) allowed.set(key(effect), effect.count);
  const duplicates = ledger.filter((row) => row.count > (allowed.get(key(row)) ?? 1)).map((row) => ({ ...row, allowed: allowed.get(key(row)) ?? 1 }));
  const missing: ExpectedEffect[] = [];
  const doneButFailed: ExpectedEffect[] = [];
  const completedKeys = new Set(effects.filter((e) => e.state === 'completed').map((e) => key(e.effect)));
  for (const { effect, state } of effects) {
    const present = (counts.get(key(effect)) ?? 0) > 0;
    if (state === 'completed' && !present) missing.push(effect);
    // Another delivery of the same command may have completed it: only a failure with no completed twin counts.
    if (state === 'failed' && present && !completedKeys.has(key(effect))) doneButFailed.push(effect);
  }
  return { duplicates, missing: dedupe(missing, key), doneButFailed: dedupe(doneButFailed, key) };
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Completed commands whose order history has no entry written by one of their steps: must be empty. */
export async function completedWithoutHistory(repository: OrderRepository, commands: readonly { orderId: string; view: CommandView | null }[]): Promise<string[]> {
  const completed = commands.filter((c) => c.view?.state === 'completed');
  const missing = await mapLimit(completed, 16, async ({ orderId, view }) => {
    const stepIds = new Set(view!.steps.map((step) => step.jobId));
    const history = await repository.history(orderId);
    return history.some((entry) => entry.jobId && stepIds.has(entry.jobId)) ? null : view!.jobId;
  });
  return missing.filter((jobId): jobId is string => jobId !== null);
}
