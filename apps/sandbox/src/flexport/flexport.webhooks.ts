import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
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

/** The receiver's credentials: a shared token (`x-webhook-token`) and/or a signing secret. */
export interface WebhookCredentials {
  token: string | null;
  secret: string | null;
}

/** docs/api-decisions.md FX-7: `sha256=<hex HMAC-SHA256 of the body>`, as Flexport's published webhooks sign. */
export const SIGNATURE_HEADER = 'X-Hub-Signature-256';

/**
 * Delivers Flexport webhooks at least once: POST with `x-webhook-token` and,
 * when a secret is set, the body signature (FX-7); any non-2xx or network
 * error is retried after each of `retryDelaysMs`. Every retry carries the
 * same logisticsEventId and bytes, so receivers can de-duplicate (FX-8).
 * Failures are logged, never thrown: a dead receiver must not hurt the sandbox.
 */
@Injectable()
export class FlexportWebhookSender implements OnModuleDestroy {
  retryDelaysMs = [500, 2_000, 8_000];
  timeoutMs = 5_000;
  private url: string | null;
  private credentials: WebhookCredentials;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly logger = new Logger('FlexportWebhooks');

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.url = config.flexportWebhookUrl;
    this.credentials = { token: config.flexportWebhookToken, secret: config.flexportWebhookSecret };
  }

  /** Runtime override (control action `set-webhook`); null url = no webhooks. */
  setTarget(url: string | null, token: string | null, secret: string | null = null): void {
    this.url = url;
    this.credentials = { token, secret };
  }

  /** Back to the configured target, with nothing pending. */
  reset(): void {
    this.cancelPending();
    this.setTarget(this.config.flexportWebhookUrl, this.config.flexportWebhookToken, this.config.flexportWebhookSecret);
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
    void this.attempt(this.url, this.credentials, JSON.stringify(event), event, 0);
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

  private async attempt(url: string, credentials: WebhookCredentials, body: string, event: WebhookEvent, attempt: number): Promise<void> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), this.timeoutMs);
    this.inFlight.add(controller);
    let outcome: string;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (credentials.token) headers['x-webhook-token'] = credentials.token;
      if (credentials.secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', credentials.secret).update(body).digest('hex')}`;
      const response = await fetch(url, { method: 'POST', headers, body, signal: controller.signal });
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
      void this.attempt(url, credentials, body, event, attempt + 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
