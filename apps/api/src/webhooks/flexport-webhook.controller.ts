import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { parseExternalOrderId, parseFlexportWebhook } from '@app/flexport';
import { enqueue, flexportRefreshJob, SYSTEM_QUEUES } from '@app/queues';
import { isOrderId, OrderRepository, redisCall } from '@app/store';
import { Public } from '../auth/public.decorator';
import { WEBHOOK_TOKEN_SCHEME } from '../openapi/security-schemes';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { RequestWithRawBody } from '../http/json-body.parser';
import { authenticateFlexportWebhook } from './flexport-webhook.auth';
import { FlexportWebhookDeliveries } from './flexport-webhook.deliveries';

/**
 * Flexport's order webhooks (Order.Shipped, Order.Cancelled…). The payload
 * only says *that* an order changed, so we queue a refresh that reads the
 * order from Flexport. A delivery seen before (same logisticsEventId;
 * Flexport retries for a day) is acknowledged and does nothing. Authenticated
 * by the shared token and/or the body signature (flexport-webhook.auth.ts),
 * not by API keys.
 */
@ApiTags('webhooks')
@Public()
@Controller('v1/webhooks')
export class FlexportWebhookController {
  constructor(
    @InjectQueue(SYSTEM_QUEUES.flexport) private readonly queue: Queue,
    private readonly orders: OrderRepository,
    private readonly deliveries: FlexportWebhookDeliveries,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('flexport')
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive a Flexport order webhook' })
  // The token is a security scheme; `{}` is the deployment that checks the signature alone (an HMAC is no OpenAPI scheme: its header is documented below).
  @ApiSecurity({})
  @ApiSecurity(WEBHOOK_TOKEN_SCHEME)
  @ApiHeader({
    name: 'X-Hub-Signature-256',
    required: false,
    description: '`sha256=<hex HMAC-SHA256 of the raw body>` with FLEXPORT_WEBHOOK_SECRET (required when it is set; the header name is FLEXPORT_WEBHOOK_SIGNATURE_HEADER).',
  })
  @ApiBody({
    schema: {
      example: { logisticsEventId: 'evt_01', logisticsEventType: 'Order.Shipped', logisticsEventTime: '2024-05-02T14:00:00Z', orderId: '1234567', externalOrderId: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' },
    },
  })
  @ApiAcceptedResponse({
    schema: { example: { accepted: true, orderId: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' } },
    description: "Queued a refresh; `{ accepted: false, reason }` for a replayed delivery or an order that is not the gateway's.",
  })
  @ApiErrorResponses(400, 401, 413, 415, 503)
  async receive(@Req() request: FastifyRequest, @Body() body: unknown) {
    authenticateFlexportWebhook(this.config.channels.flexport, { headers: request.headers, rawBody: (request.raw as RequestWithRawBody).rawBody });
    const event = parseFlexportWebhook(body);
    const orderId = await this.gatewayOrderOf(event.externalOrderId);
    // Orders created outside the gateway are acknowledged and ignored (nothing stored), so Flexport stops retrying them.
    if (!orderId) return { accepted: false, reason: 'not a gateway order' };
    if (!(await this.deliveries.claim(event.logisticsEventId))) return { accepted: false, reason: 'already received' };
    try {
      const refresh = flexportRefreshJob(orderId, 'webhook');
      await redisCall(() => enqueue(this.queue, refresh.name, refresh.data, refresh.opts));
    } catch (error) {
      // Not acted on (Redis down…): Flexport's retry must find the event unclaimed.
      await this.deliveries.release(event.logisticsEventId).catch(() => undefined);
      throw error;
    }
    return { accepted: true, orderId };
  }

  /** Any attempt's externalOrderId names the gateway order (docs/api-decisions.md FX-1); the refresh reads the current attempt. */
  private async gatewayOrderOf(externalOrderId: string | null): Promise<string | null> {
    const gatewayOrderId = externalOrderId ? parseExternalOrderId(externalOrderId).gatewayOrderId : null;
    if (!gatewayOrderId || !isOrderId(gatewayOrderId)) return null;
    return (await this.orders.get(gatewayOrderId)) ? gatewayOrderId : null;
  }
}
