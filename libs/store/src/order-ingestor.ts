import { Injectable } from '@nestjs/common';
import { applyInbound, CanonicalOrder, Channel, holdChangeEntries, InboundSnapshot, newOrderFromSnapshot, OrderStatus, TransitionCause } from '@app/orders';
import { orderIdFor } from './order-identity';
import { NewHistoryEntry, OrderChange, OrderRepository } from './order.repository';
import { VersionConflictError } from './store-errors';

export interface IngestInput {
  channel: Channel;
  account: string;
  externalId: string;
  snapshot: InboundSnapshot;
  placedAt: string;
}

export interface IngestResult {
  order: CanonicalOrder;
  created: boolean;
  changed: boolean;
}

/**
 * Upserts a channel order: creates it the first time (one `created` entry),
 * afterwards applies the snapshot forward-only (one entry per transition, an
 * annotation for other changes, nothing at all when nothing changed). The id
 * is derived from the identity, so racing ingests of the same order end in
 * one order — the loser re-applies its snapshot to the winner's.
 */
@Injectable()
export class OrderIngestor {
  constructor(private readonly orders: OrderRepository) {}

  /**
   * Ingests a page of orders: their current versions are read in one batch
   * (a pipeline per shard), every change is decided against them and saved
   * in one script call per shard. An order that changed meanwhile (a
   * version conflict) is ingested again on its own, as `ingest` would. A
   * page that holds an order more than once gets the same result as
   * ingesting its orders one by one: the later copies are ingested after
   * the batch, in page order.
   */
  async ingestMany(inputs: IngestInput[], cause: TransitionCause, actor: string): Promise<IngestResult[]> {
    const ids = inputs.map((input) => orderIdFor(input.channel, input.account, input.externalId));
    const seen = new Set<string>();
    const first = ids.map((id) => !seen.has(id) && Boolean(seen.add(id)));
    const batch = inputs.flatMap((_, i) => (first[i] ? [i] : []));
    const stored = new Map((await this.orders.getMany(batch.map((i) => ids[i]))).map((order) => [order.id, order]));
    const decided = batch.map((i) => decideIngest(ids[i], inputs[i], stored.get(ids[i]) ?? null, cause, actor));
    const changed = batch.filter((_, n) => decided[n].change);
    const saved = await this.orders.saveMany(decided.flatMap((decision) => (decision.change ? [decision.change] : [])));
    const results: IngestResult[] = new Array(inputs.length);
    batch.forEach((i, n) => (results[i] = { order: stored.get(ids[i])!, created: decided[n].created, changed: decided[n].changed }));
    await Promise.all(
      changed.map(async (i, n) => {
        const outcome = saved[n];
        results[i] = outcome instanceof VersionConflictError ? await this.ingest(inputs[i], cause, actor) : { ...results[i], order: outcome };
      }),
    );
    for (const [i, input] of inputs.entries()) if (!first[i]) results[i] = await this.ingest(input, cause, actor);
    return results;
  }

  async ingest(input: IngestInput, cause: TransitionCause, actor: string): Promise<IngestResult> {
    const id = orderIdFor(input.channel, input.account, input.externalId);
    let outcome: IngestDecision = { change: null, created: false, changed: false };
    const order = await this.orders.mutate(id, (current) => {
      outcome = decideIngest(id, input, current, cause, actor);
      return outcome.change;
    });
    return { order: order!, created: outcome.created, changed: outcome.changed };
  }
}

interface IngestDecision {
  change: OrderChange | null;
  created: boolean;
  changed: boolean;
}

/**
 * What ingesting `input` does to the order as stored (`current`, null when
 * new): create it (one `created` entry), apply the snapshot forward-only
 * (one entry per transition, an annotation for other changes), or nothing.
 */
function decideIngest(id: string, input: IngestInput, current: CanonicalOrder | null, cause: TransitionCause, actor: string): IngestDecision {
  const now = new Date().toISOString();
  // Built whole rather than spread from a common base: see newOrderFromSnapshot on V8's slow path.
  const entry = (kind: NewHistoryEntry['kind'], from: OrderStatus | null, to: OrderStatus): NewHistoryEntry => ({ at: now, cause, actor, requestId: null, kind, from, to });
  if (!current) {
    const fresh = newOrderFromSnapshot({ id, channel: input.channel, account: input.account, externalId: input.externalId }, input.snapshot, input.placedAt, now);
    const history = [entry('created', null, fresh.status), ...holdChangeEntries(null, fresh, { at: now, cause, actor })];
    return { change: { order: fresh, history, expectedVersion: 0, previousStatus: null }, created: true, changed: true };
  }
  const applied = applyInbound(current, input.snapshot, now);
  if (!applied.changed) return { change: null, created: false, changed: false };
  // A system hold placed or released (docs/api-decisions.md HO-3) is an entry of its own, which also says what changed.
  const holds = holdChangeEntries(current, applied.order, { at: now, cause, actor });
  const history = applied.transitions.length
    ? [...applied.transitions.map((move) => entry('transition', move.from, move.to)), ...holds]
    : holds.length > 0
      ? holds
      : [entry('annotation', current.status, current.status)];
  return { change: { order: applied.order, history, expectedVersion: current.version, previousStatus: current.status }, created: false, changed: true };
}
