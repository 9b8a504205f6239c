import { FulfillmentProviderAdapter, ProviderOrder, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { CanonicalOrder } from '@app/orders';
import { FlexportClient, FlexportResult } from './flexport.client';
import { attemptFor, externalOrderIdFor, usedAttempts } from './flexport.attempt';
import { FlexportPartMismatchError } from './flexport.errors';
import { flexportIdempotencyKeys as keys } from './flexport.idempotency';
import { toCreateOrderRequest, toProviderOrder } from './flexport.mapper';
import { FlexportCreateOrderRequest, FlexportOrder } from './flexport.types';

export interface FlexportAdapterOptions {
  /** Gateway SKU → Flexport `logisticsSku` (DSKU); identity for SKUs not listed. */
  skuMap?: Record<string, string>;
  /** `shipMethod` when the fulfil command names none (e.g. a FastTags option name); omitted when unset. */
  defaultShipMethod?: string;
  /**
   * Flexport `source` (FLEXPORT_ORDER_SOURCE): sent on every create when set,
   * omitted otherwise — "JOOM"/"AKINON" are not among the document's source
   * ids (docs/api-decisions.md FX-5).
   */
  source?: string | null;
  /** Clock, for the promised-times rule; tests pin it. */
  now?: () => number;
}

/** How many attempts in a row may turn out cancelled before the create is refused (a loop guard, not a policy). */
const MAX_CANCELLED_ATTEMPTS_SKIPPED = 5;

/**
 * Flexport Logistics as the gateway's fulfillment provider. Commands are made
 * safe to repeat: create by an externalOrderId + idempotency-key deterministic per attempt,
 * retry and cancel by reading the order first and re-reading after a refusal.
 */
export class FlexportAdapter implements FulfillmentProviderAdapter {
  readonly provider = 'flexport' as const;

  constructor(
    private readonly client: FlexportClient,
    private readonly options: FlexportAdapterOptions = {},
  ) {}

  /**
   * No read before the create: the happy path is one call, and a repeat is
   * already safe — the same idempotency-key replays the first answer, and a
   * duplicate externalOrderId (409) is resolved to the existing order. A
   * read-first would add a call to every create and still race with a
   * concurrent create, so it would not remove the need for the 409 handling.
   *
   * Each fulfilment attempt has its own externalOrderId; an attempt whose
   * Flexport order turns out CANCELLED (a replay, a 409 look-up) is "not
   * created", and the next attempt is sent (docs/api-decisions.md FX-1, FX-3).
   */
  async createOrder(order: CanonicalOrder, options: { shipMethod?: string; lineIds?: readonly string[] } = {}): Promise<ProviderOrder> {
    const first = attemptFor(order, options.lineIds);
    // After a cancelled attempt, the next never takes a number another part holds (its externalOrderId is that part's Flexport order, FX-9).
    const used = usedAttempts(order);
    const tried: number[] = [];
    for (let attempt = first; tried.length < MAX_CANCELLED_ATTEMPTS_SKIPPED; attempt++) {
      if (attempt !== first && used.has(attempt)) continue;
      tried.push(attempt);
      const created = await this.createAttempt(order, attempt, options.shipMethod, options.lineIds);
      if (created) return created;
    }
    throw new RemoteRefusedError('flexport', `Flexport holds only cancelled orders for attempts ${tried.join(', ')} of order ${order.id}`, 409, null);
  }

  /** One attempt's create; null when Flexport's order for that attempt is CANCELLED (not a live order). */
  private async createAttempt(order: CanonicalOrder, attempt: number, shipMethod: string | undefined, lineIds: readonly string[] | undefined): Promise<ProviderOrder | null> {
    const request = toCreateOrderRequest(order, {
      externalOrderId: externalOrderIdFor(order.id, attempt),
      lineIds,
      shipMethod: shipMethod ?? this.options.defaultShipMethod,
      skuMap: this.options.skuMap,
      source: this.options.source ?? null,
      now: (this.options.now ?? Date.now)(),
    });
    let result: FlexportResult;
    try {
      result = await this.client.createOrder(request, keys.create(request));
    } catch (error) {
      if (!(error instanceof RemoteRefusedError)) throw error;
      const existing = await this.resolveRefusedCreate(request.externalOrderId, error);
      if (existing.order.state.internalStatus === 'CANCELLED') return null;
      assertSameLineItems(order.id, request, existing.order);
      return this.mapped(existing);
    }
    // A replayed answer is the first answer to this request, possibly older than the order: read it as it is now.
    const replayed = result.replayed;
    if (replayed) result = await this.client.getOrder(result.order.id);
    if (result.order.state.internalStatus === 'CANCELLED') return null;
    if (replayed) assertSameLineItems(order.id, request, result.order);
    return this.mapped(result);
  }

  async getOrder(providerOrderId: string): Promise<ProviderOrder> {
    return this.mapped(await this.client.getOrder(providerOrderId));
  }

  async findByExternalId(externalOrderId: string): Promise<ProviderOrder | null> {
    const found = await this.client.findByExternalId(externalOrderId);
    return found ? this.mapped(found) : null;
  }

  /** Only an order in ERROR is retried; anything else already moved on (a concurrent retry, a cancel) and is returned as is. */
  async retry(providerOrderId: string): Promise<ProviderOrder> {
    const current = await this.client.getOrder(providerOrderId);
    if (current.order.state.internalStatus !== 'ERROR') return this.mapped(current);
    try {
      return this.mapped(await this.client.retry(providerOrderId, keys.retry(providerOrderId, current.order.updatedAt)));
    } catch (error) {
      return this.reReadAfterRefusal(providerOrderId, error, (status) => status !== 'ERROR');
    }
  }

  /** Already cancelled → returned without sending; a refusal (e.g. shipped) keeps Flexport's own detail. */
  async cancel(providerOrderId: string, reason?: string): Promise<ProviderOrder> {
    const current = await this.client.getOrder(providerOrderId);
    if (current.order.state.internalStatus === 'CANCELLED') return this.mapped(current);
    try {
      return this.mapped(await this.client.cancel(providerOrderId, reason, keys.cancel(providerOrderId, reason)));
    } catch (error) {
      return this.reReadAfterRefusal(providerOrderId, error, (status) => status === 'CANCELLED');
    }
  }

  /**
   * A refused create may still mean "it exists": 409 duplicate externalOrderId,
   * or the same idempotency-key replayed against a body that changed since
   * the lost first attempt. Look it up once; return it if it is there (the
   * caller treats a CANCELLED one as "not created"). Any other refusal whose
   * look-up finds only a cancelled order keeps Flexport's own reason.
   */
  private async resolveRefusedCreate(externalOrderId: string, refusal: RemoteRefusedError): Promise<FlexportResult> {
    if (refusal.httpStatus === 409) {
      // Flexport says it exists: a failed look-up must be retried, not turned into a permanent refusal.
      const existing = await this.client.findByExternalId(externalOrderId);
      if (existing) return existing;
      throw new RemoteTransientError('flexport', `flexport reports a duplicate of ${externalOrderId} but does not find it yet: ${refusal.message}`, 409, null);
    }
    const existing = await this.client.findByExternalId(externalOrderId).catch(() => null);
    if (existing && existing.order.state.internalStatus !== 'CANCELLED') return existing;
    throw refusal;
  }

  /** After a refused retry/cancel: if the effect is there anyway (a concurrent duplicate did it), that is success. */
  private async reReadAfterRefusal(providerOrderId: string, error: unknown, done: (status: string) => boolean): Promise<ProviderOrder> {
    if (!(error instanceof RemoteRefusedError)) throw error;
    const again = await this.client.getOrder(providerOrderId).catch(() => null);
    if (again && done(again.order.state.internalStatus)) return this.mapped(again);
    throw error;
  }

  private mapped(result: FlexportResult): ProviderOrder {
    return toProviderOrder(result.order, result.requestId);
  }
}

/**
 * An existing Flexport order stands for this create only when it holds the
 * line items this create sends (per logisticsSku, the mapper's one item per
 * SKU): an attempt number reused after a lost answer may name an order made
 * for other lines (FX-9), and recording it as these lines would ship some
 * twice and others never. An order read without line items cannot be told
 * apart and is taken as it is.
 */
function assertSameLineItems(orderId: string, request: FlexportCreateOrderRequest, existing: FlexportOrder): void {
  if (!existing.lineItems) return;
  const held = skuQuantities(existing.lineItems);
  const sent = skuQuantities(request.lineItems);
  if (held === sent) return;
  throw new FlexportPartMismatchError(orderId, existing.id, existing.externalOrderId ?? request.externalOrderId, held, sent);
}

function skuQuantities(items: ReadonlyArray<{ logisticsSku: string; quantity: number }>): string {
  const bySku = new Map<string, number>();
  for (const item of items) bySku.set(item.logisticsSku, (bySku.get(item.logisticsSku) ?? 0) + item.quantity);
  return [...bySku]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, quantity]) => `${sku}×${quantity}`)
    .join(', ');
}
