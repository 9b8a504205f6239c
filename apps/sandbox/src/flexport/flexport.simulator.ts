import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { SimulatorBase } from '../core/simulator-base';
import { runFlexportAction } from './flexport.actions';
import { writeProblem } from './flexport.errors';
import { generateFlexportOrders } from './flexport.generator';
import { FlexportIdempotency } from './flexport.idempotency';
import { FlexportOrders } from './flexport.orders';
import { FlexportStore } from './flexport.store';
import { FlexportWebhookSender } from './flexport.webhooks';

/** The Flexport simulator as the control plane and the fault injector see it. */
@Injectable()
export class FlexportSimulator extends SimulatorBase {
  readonly api = 'flexport' as const;

  constructor(
    private readonly store: FlexportStore,
    private readonly orders: FlexportOrders,
    private readonly idempotency: FlexportIdempotency,
    private readonly webhooks: FlexportWebhookSender,
  ) {
    super();
  }

  protected load(count: number, seed: number): void {
    for (const order of generateFlexportOrders(count, seed, () => this.store.nextId())) this.store.add(order);
  }

  reset(): void {
    this.store.clear();
    this.idempotency.clear();
    this.webhooks.reset();
  }

  act(action: string, params: Record<string, unknown>): unknown {
    return runFlexportAction({ store: this.store, orders: this.orders, webhooks: this.webhooks }, action, params);
  }

  sendError(res: Response, status: number, message: string): void {
    writeProblem(res, status, message);
  }

  size(): number {
    return this.store.orders.size;
  }
}
