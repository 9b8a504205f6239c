import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { FlexportOrder } from './flexport.types';

export type WebhookEventType = 'Order.Shipped' | 'Order.Cancelled';

export interface WebhookEvent {
  logisticsEventId: string;
  logisticsEventType: WebhookEventType;
  logisticsEventTime: string;
  orderId: string;
  externalOrderId: string;
}

/**
 * Delivers Flexport webhooks at least once: POST with `x-webhook-token`, any
 * non-2xx or network error is retried after each of `retryDelaysMs`. Every
 * retry carries the same logisticsEventId so receivers can de-duplicate.
 * Failures are logged, never thrown: a dead receiver must not hurt the sandbox.
 */
@Injectable()
export class FlexportWebhookSender implements OnModuleDestroy {
  retryDelaysMs = [500, 2_000, 8_000];
  timeoutMs = 5_000;
  private url: string | null;
  private token: string | null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly logger = new Logger('FlexportWebhooks');

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.url = config.flexportWebhookUrl;
    this.token = config.flexportWebhookToken;
  }

  /** Runtime override (control action `set-webhook`); null url = no webhooks. */
  setTarget(url: string | null, token: string | null): void {
    this.url = url;
    this.token = token;
  }

  /** Back to the configured target, with nothing pending. */
  reset(): void {
    this.cancelPending();
    this.setTarget(this.config.flexportWebhookUrl, this.config.flexportWebhookToken);
  }

  emit(type: WebhookEventType, order: FlexportOrder): WebhookEvent | null {
    if (!this.url) return null;
    const event: WebhookEvent = {
      logisticsEventId: randomUUID(),
      logisticsEventType: type,
      logisticsEventTime: new Date().toISOString(),
      orderId: order.id,
      externalOrderId: order.externalOrderId,
    };
    void this.attempt(this.url, this.token, event, 0);
    return event;
  }

  onModuleDestroy(): void {
    this.cancelPending();
  }

  private cancelPending(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private async attempt(url: string, token: string | null, event: WebhookEvent, attempt: number): Promise<void> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), this.timeoutMs);
    this.inFlight.add(controller);
    let outcome: string;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers['x-webhook-token'] = token;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(event), signal: controller.signal });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      if (controller.signal.aborted && !this.inFlight.has(controller)) return; // cancelled by reset/shutdown
      outcome = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    const delay = this.retryDelaysMs[attempt];
    if (delay === undefined) {
      this.logger.warn(`gave up on ${event.logisticsEventType} ${event.logisticsEventId} after ${attempt + 1} attempts: ${outcome}`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(url, token, event, attempt + 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
