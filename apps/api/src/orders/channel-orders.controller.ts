import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountFor, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { OrderNotFoundError, OrderRepository, orderIdFor } from '@app/store';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { ChannelOrderParams } from './dto/channel-order.params';
import { ChannelOrderQuery } from './dto/list-orders.query';
import { OrderDto } from './dto/order.dto';
import { JSON_CONTENT_TYPE, OrderPresenter, OrderViewJson } from './order.presenter';

@ApiTags('orders')
@ApiBearerAuth('api-key')
@Controller('v1/channels')
export class ChannelOrdersController {
  constructor(
    private readonly repository: OrderRepository,
    private readonly presenter: OrderPresenter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':channel/orders/:externalId')
  @ApiOperation({ summary: "Get an order by its channel's own id" })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses(400, 401, 404, 503)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async get(@Param() params: ChannelOrderParams, @Query() query: ChannelOrderQuery): Promise<OrderViewJson> {
    const account = accountFor(params.channel, this.config, query.account);
    // Gateway ids are derived from (channel, account, external id), so no lookup index is needed.
    const stored = await this.repository.getJson(orderIdFor(params.channel, account, params.externalId));
    if (!stored) throw new OrderNotFoundError(`${params.channel}/${params.externalId}`);
    return this.presenter.presentJson(stored);
  }
}
