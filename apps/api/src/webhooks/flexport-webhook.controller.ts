import { createHash, timingSafeEqual } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Headers, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { parseExternalOrderId, parseFlexportWebhook } from '@app/flexport';
import { flexportRefreshJob, SYSTEM_QUEUES } from '@app/queues';
import { isOrderId, OrderRepository, redisCall } from '@app/store';
import { Public } from '../auth/public.decorator';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Flexport's order webhooks (Order.Shipped, Order.Cancelled…). The payload
 * only says *that* an order changed, so we queue a refresh that reads the
 * order from Flexport; repeated deliveries (Flexport retries for a day)
 * collapse into one pending refresh. Authenticated by the shared token in
 * `x-webhook-token` (FLEXPORT_WEBHOOK_TOKEN), not by API keys.
 */
@ApiTags('webhooks')
@Public()
@Controller('v1/webhooks')
export class FlexportWebhookController {
  constructor(
    @InjectQueue(SYSTEM_QUEUES.flexport) private readonly queue: Queue,
    private readonly orders: OrderRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('flexport')
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive a Flexport order webhook' })
  @ApiHeader({ name: 'x-webhook-token', required: true, description: 'The shared FLEXPORT_WEBHOOK_TOKEN.' })
  @ApiBody({
    schema: {
      example: { logisticsEventId: 'evt_01', logisticsEventType: 'Order.Shipped', logisticsEventTime: '2024-05-02T14:00:00Z', orderId: '1234567', externalOrderId: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' },
    },
  })
  @ApiAcceptedResponse({ schema: { example: { accepted: true, orderId: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' } } })
  @ApiErrorResponses(400, 401, 413, 415, 503)
  async receive(@Headers('x-webhook-token') token: string | undefined, @Body() body: unknown) {
    this.authenticate(token);
    const event = parseFlexportWebhook(body);
    // Any attempt's externalOrderId names the gateway order (docs/api-decisions.md FX-1); the refresh reads the current attempt.
    const gatewayOrderId = event.externalOrderId ? parseExternalOrderId(event.externalOrderId).gatewayOrderId : null;
    const orderId = gatewayOrderId && isOrderId(gatewayOrderId) ? gatewayOrderId : null;
    // Orders created outside the gateway are acknowledged and ignored, so Flexport stops retrying them.
    if (!orderId || !(await this.orders.get(orderId))) return { accepted: false, reason: 'not a gateway order' };
    const refresh = flexportRefreshJob(orderId, 'webhook');
    await redisCall(() => this.queue.add(refresh.name, refresh.data, refresh.opts));
    return { accepted: true, orderId };
  }

  private authenticate(token: string | undefined): void {
    const expected = this.config.channels.flexport?.webhookToken;
    if (expected && token && timingSafeEqual(digest(expected), digest(token))) return;
    throw new UnauthorizedException({ code: 'unauthorized', message: 'missing or wrong x-webhook-token' });
  }
}
