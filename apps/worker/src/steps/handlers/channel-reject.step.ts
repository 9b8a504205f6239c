import { Injectable } from '@nestjs/common';
import { CanonicalOrder, lineProgress, rejectableLineIds, rollUpStatus } from '@app/orders';
import { RejectBody } from '@app/queues';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { effectOfOutcome } from './channel-outcome';
import { assertStepApplicable } from './command-arrival';

/** Reject the order, or some of its lines (Akinon item by item; Joom = the whole order). */
@Injectable()
export class ChannelRejectStep implements StepHandler {
  readonly step = 'channel-reject' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const body = context.data.payload as unknown as RejectBody;
    const channel = this.adapters.salesChannel(order.channel, order.account);
    assertStepApplicable(order, channel.profile, 'reject', !context.firstAttempt);
    const lineIds = body.lineIds ?? wholeRejectLineIds(order);
    const outcome = await channel.reject(order, { reason: body.reason, lineIds, note: body.note, firstAttempt: context.firstAttempt });
    const targets = new Set(lineIds ?? rejectableLineIds(order));
    const saved = await this.effects.save({ order, ...context }, (current, now) => ({
      ...effectOfOutcome(current, outcome, now, () => rejectLines(current, targets, now)),
      note: body.note,
    }));
    return { status: saved.status, alreadyDone: outcome.alreadyDone, ...(outcome.details ? { details: outcome.details } : {}) };
  }
}

/**
 * What a reject without `lineIds` asks of the channel: the whole order while
 * no fulfil has taken a line; once some are at Flexport (or shipped), only the
 * lines still to fulfil, named — the channel's own "every rejectable item"
 * would include the items Flexport is shipping (docs/api-decisions.md LP-3).
 */
function wholeRejectLineIds(order: CanonicalOrder): string[] | undefined {
  return lineProgress(order).fulfilment === 'partially_fulfilled' ? rejectableLineIds(order) : undefined;
}

/** The named lines that can still be rejected become `rejected`; one shipped or closed meanwhile keeps its status. */
function rejectLines(order: CanonicalOrder, lineIds: Set<string>, now: string): CanonicalOrder {
  const open = new Set(rejectableLineIds(order));
  const lines = order.lines.map((line) => (lineIds.has(line.id) && open.has(line.id) ? { ...line, status: 'rejected' as const } : line));
  return { ...order, lines, status: rollUpStatus(lines), updatedAt: now };
}
