import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { RoutingRules } from '@app/orders';
import { dryRunFacts, dryRunStoredOrder, RoutingDryRun } from '@app/queues';
import { OrderRepository } from '@app/store';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { validationFailed } from '../http/validation';
import { RoutingDryRunBody } from './dto/routing-dry-run.body';
import { RoutingDryRunDto, RoutingRulesDto } from './dto/routing-views.dto';

/** The routing rules in force (ROUTING_RULES_FILE), and what they would do with an order. docs/api-decisions.md RT-1. */
@ApiTags('routing')
@ApiBearerAuth('api-key')
@Controller('v1/routing')
export class RoutingController {
  constructor(
    private readonly orders: OrderRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('rules')
  @ApiOperation({ summary: 'The routing rules in force', description: 'As read from `ROUTING_RULES_FILE` at boot, in order; `source: null` and no rules when routing is off.' })
  @ApiOkResponse({ type: RoutingRulesDto })
  @ApiErrorResponses(401)
  rules(): RoutingRules | { source: null; rules: [] } {
    return this.config.routing ?? { source: null, rules: [] };
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What routing would do with an order',
    description:
      'With `orderId`: whether routing would act on the stored order now, which rule matches and why the earlier ones did not, and for a fulfil the calls it would make ' +
      'or the command pipeline’s refusal. With `order` (channel, account, country, skus, requirement, total, currency): which rule matches. Changes nothing.',
  })
  @ApiOkResponse({ type: RoutingDryRunDto })
  @ApiErrorResponses(400, 401, 404, 413, 415, 503)
  async dryRun(@Body() body: RoutingDryRunBody): Promise<RoutingDryRun> {
    if ((body.orderId === undefined) === (body.order === undefined)) {
      throw validationFailed([{ field: 'orderId', problems: ['send exactly one of orderId (a stored order) and order (an order described)'] }]);
    }
    const rules = this.config.routing?.rules ?? [];
    if (body.order) {
      const { channel, account, country, skus, requirement, total, currency } = body.order;
      return dryRunFacts({ channel, account: account ?? 'main', country: country ?? null, skus, requirement: requirement ?? null, total: total ?? null, currency: currency ?? null }, rules);
    }
    const order = await this.orders.getOrThrow(body.orderId!);
    return dryRunStoredOrder(order, rules, profileFor(order.channel, this.config, order.account));
  }
}
