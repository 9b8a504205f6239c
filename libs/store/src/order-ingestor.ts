import { Injectable } from '@nestjs/common';
import { applyInbound, CanonicalOrder, Channel, InboundSnapshot, newOrderFromSnapshot, TransitionCause } from '@app/orders';
import { orderIdFor } from './order-identity';
import { NewHistoryEntry, OrderRepository } from './order.repository';

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
   * Ingests a page of distinct orders: their current versions are read in one
   * batch (a pipeline per shard) instead of one read each, then each is saved
   * as `ingest` would (a concurrent writer only costs that order a re-read).
   */
  async ingestMany(inputs: IngestInput[], cause: TransitionCause, actor: string): Promise<IngestResult[]> {
    const ids = inputs.map((input) => orderIdFor(input.channel, input.account, input.externalId));
    const stored = new Map((await this.orders.getMany(ids)).map((order) => [order.id, order]));
    return Promise.all(inputs.map((input, i) => this.ingest(input, cause, actor, stored.get(ids[i]) ?? null)));
  }

  /** `known`: the order as the caller already read it (null: not stored yet); read here when absent. */
  async ingest(input: IngestInput, cause: TransitionCause, actor: string, known?: CanonicalOrder | null): Promise<IngestResult> {
    const id = orderIdFor(input.channel, input.account, input.externalId);
    let created = false;
    let changed = false;
    const order = await this.orders.mutate(id, (current) => {
      const now = new Date().toISOString();
      const entry = (at: string) => ({ at, cause, actor, requestId: null });
      if (!current) {
        const fresh = newOrderFromSnapshot({ id, channel: input.channel, account: input.account, externalId: input.externalId }, input.snapshot, input.placedAt, now);
        created = changed = true;
        return { order: fresh, history: [{ ...entry(now), kind: 'created', from: null, to: fresh.status }] };
      }
      created = false;
      const applied = applyInbound(current, input.snapshot, now);
      changed = applied.changed;
      if (!applied.changed) return null;
      const history: NewHistoryEntry[] = applied.transitions.length
        ? applied.transitions.map((move) => ({ ...entry(now), kind: 'transition', from: move.from, to: move.to }))
        : [{ ...entry(now), kind: 'annotation', from: current.status, to: current.status }];
      return { order: applied.order, history };
    }, { known });
    return { order: order!, created, changed };
  }
}
