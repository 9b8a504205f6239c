import { Injectable } from '@nestjs/common';
import { FlexportOrder } from './flexport.types';

/** In-memory fulfillment orders, by id and by the caller's externalOrderId. */
@Injectable()
export class FlexportStore {
  readonly orders = new Map<string, FlexportOrder>();
  private readonly byExternalId = new Map<string, FlexportOrder>();
  /** Numeric-looking ids, as Flexport's are; never reused within a run, even across seeds. */
  private lastId = 90_000_000;

  clear(): void {
    this.orders.clear();
    this.byExternalId.clear();
  }

  nextId(): string {
    return String(++this.lastId);
  }

  add(order: FlexportOrder): void {
    this.orders.set(order.id, order);
    this.byExternalId.set(order.externalOrderId, order);
  }

  get(id: string): FlexportOrder | undefined {
    return this.orders.get(id);
  }

  getByExternalId(externalOrderId: string): FlexportOrder | undefined {
    return this.byExternalId.get(externalOrderId);
  }
}
