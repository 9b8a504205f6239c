import { ChannelOrder, CommandOutcome, RemoteNotFoundError, RemoteRefusedError } from '@app/adapters';
import { CanonicalOrder, LineNotFoundError } from '@app/orders';
import { AkinonOrderReader } from './akinon-order.reader';
import { AKINON_REJECTED } from './akinon-status.map';
import { planRejection, RejectionMode, RejectionTarget, showsEffect } from './akinon-rejection.plan';
import { AkinonClient } from './akinon.client';
import { AkinonOrderBundle } from './akinon.types';

interface Refusal {
  target: RejectionTarget;
  error: RemoteRefusedError;
}

/**
 * Akinon refused some lines of a reject (or every line of a cancel). Still a
 * `RemoteRefusedError` with Akinon's own message; `details` says which lines
 * were rejected before and which were refused.
 */
export class AkinonRejectRefusedError extends RemoteRefusedError {
  override readonly details: Record<string, unknown>;

  constructor(first: RemoteRefusedError, outcome: Record<string, unknown>) {
    super('akinon', first.message, first.httpStatus, first.remoteCode);
    this.details = { system: 'akinon', httpStatus: first.httpStatus, remoteCode: first.remoteCode, ...outcome };
  }
}

/**
 * Reject / cancel through `POST order-items/{id}/reject/`, one call per item.
 * Idempotent by reading first: items that already show the effect are not
 * sent again (all of them → `alreadyDone`); a refused item is re-read once
 * and counts as done when a concurrent duplicate rejected it meanwhile.
 */
export class AkinonRejection {
  constructor(
    private readonly client: AkinonClient,
    private readonly reader: AkinonOrderReader,
    private readonly toChannelOrder: (bundle: AkinonOrderBundle) => ChannelOrder,
  ) {}

  async run(order: CanonicalOrder, mode: RejectionMode, lineIds?: readonly string[]): Promise<CommandOutcome> {
    const itemIds = lineIds === undefined ? null : this.itemIdsOf(order, lineIds);
    const ref = { id: order.externalId, number: order.externalNumber };
    const first = await this.reader.readOne(ref);
    const missing = (itemIds ?? []).filter((id) => !first.bundle.items.some((item) => item.id === id));
    if (missing.length > 0) throw new RemoteNotFoundError('akinon', `order item(s) ${missing.join(', ')} of order ${order.externalId}`);

    const plan = planRejection(first.bundle.items, mode, itemIds);
    const notRejectable = plan.notRejectable.map(({ lineId, item }) => ({ lineId, itemStatus: item.status }));
    if (plan.send.length === 0) {
      // Items we (or an earlier run of this command) rejected show the effect; otherwise nothing could be done at all.
      const rejectedBefore = plan.done.some((target) => target.item.status === AKINON_REJECTED);
      if (plan.notRejectable.length > 0 && !rejectedBefore) {
        const list = notRejectable.map((line) => `${line.lineId} (status ${line.itemStatus})`).join(', ');
        const refusal = new RemoteRefusedError('akinon', `akinon: no item of order ${order.externalId} can still be rejected: ${list}`, null, 'not_rejectable');
        throw new AkinonRejectRefusedError(refusal, { rejectedLineIds: [], alreadyDoneLineIds: ids(plan.done), refused: [], notRejectable });
      }
      const details = { rejectedLineIds: [], alreadyDoneLineIds: ids(plan.done), refused: [], notRejectable };
      return { requestId: first.requestId, alreadyDone: true, order: this.toChannelOrder(first.bundle), details };
    }

    const rejected: RejectionTarget[] = [];
    let refusals: Refusal[] = [];
    let requestId = first.requestId;
    for (const target of plan.send) {
      try {
        requestId = (await this.client.post(`order-items/${encodeURIComponent(target.item.id)}/reject/`, `order item ${target.item.id}`)).requestId ?? requestId;
        rejected.push(target);
      } catch (error) {
        // Transient and not-found errors abort: a retry re-reads and skips what was done.
        if (!(error instanceof RemoteRefusedError)) throw error;
        refusals.push({ target, error });
      }
    }

    const after = await this.reader.readOne(ref);
    const done = [...plan.done];
    refusals = refusals.filter((refusal) => {
      const concurrent = showsEffect(
        after.bundle.items.find((item) => item.id === refusal.target.item.id),
        mode,
      );
      if (concurrent) done.push(refusal.target);
      return !concurrent;
    });
    const details = {
      rejectedLineIds: ids(rejected),
      alreadyDoneLineIds: ids(done),
      refused: refusals.map(({ target, error }) => ({ lineId: target.lineId, itemStatus: target.item.status, message: error.message })),
      notRejectable,
    };
    // A reject must do every line it was asked for; a cancel succeeds if it rejected anything.
    if (refusals.length > 0 && (mode === 'reject' || rejected.length === 0)) throw new AkinonRejectRefusedError(refusals[0].error, details);
    return { requestId, alreadyDone: rejected.length === 0, order: this.toChannelOrder(after.bundle), details };
  }

  /** Gateway line ids → Akinon item ids; unknown ids fail before any HTTP call. */
  private itemIdsOf(order: CanonicalOrder, lineIds: readonly string[]): string[] {
    const unknown = lineIds.filter((id) => !order.lines.some((line) => line.id === id));
    if (unknown.length > 0) throw new LineNotFoundError(unknown);
    return lineIds.map((id) => order.lines.find((line) => line.id === id)?.externalLineId as string);
  }
}

function ids(targets: readonly RejectionTarget[]): string[] {
  return targets.map((target) => target.lineId);
}
