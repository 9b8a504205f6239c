import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderListing, OrderRepository } from '@app/store';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderIdParams } from './dto/channel-order.params';
import { HistoryDto, OrderPageDto } from './dto/order.dto';
import { OrderPresenter } from './order.presenter';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('orders')
@ApiBearerAuth('api-key')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly repository: OrderRepository,
    private readonly listing: OrderListing,
    private readonly presenter: OrderPresenter,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List orders',
    description:
      'Orders in a stable order (gateway creation time, then id). Cursor paging never skips or repeats an order while orders change; ' +
      'a page may hold fewer than `limit` items and still carry a `nextCursor`.',
  })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrorResponses(400, 401, 503)
  async list(@Query() query: ListOrdersQuery): Promise<OrderPageDto> {
    const page = await this.listing.list({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return { items: page.items.map((order) => this.presenter.present(order)), nextCursor: page.nextCursor };
  }

  // GET /v1/orders/{id} is served outside Nest: see order-by-id.route.ts.

  @Get(':id/history')
  @ApiOperation({ summary: "An order's transitions, oldest first" })
  @ApiOkResponse({ type: HistoryDto })
  @ApiErrorResponses(400, 401, 404, 503)
  async history(@Param() params: OrderIdParams): Promise<HistoryDto> {
    return { items: await this.repository.history(params.id) };
  }
}
