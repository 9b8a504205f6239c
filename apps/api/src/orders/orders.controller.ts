import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderListing, OrderRepository } from '@app/store';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderIdParams } from './dto/channel-order.params';
import { HistoryDto, OrderPageDto } from './dto/order.dto';
import { JSON_CONTENT_TYPE, OrderPresenter } from './order.presenter';
import { ListGate } from './list-gate';

const DEFAULT_PAGE_SIZE = 50;
/**
 * List requests working at once per api process (see ListGate). Measured at 100,000 orders with 8 clients paging:
 * one at a time served as many pages per second as two (the cores were the limit either way) and halved
 * the single-order reads' p50 beside them.
 */
const LIST_PERMITS = 1;

@ApiTags('orders')
@ApiBearerAuth('api-key')
@Controller('v1/orders')
export class OrdersController {
  private readonly listGate = new ListGate(LIST_PERMITS);

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
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async list(@Query() query: ListOrdersQuery): Promise<Buffer> {
    // An OrderPageDto, built from the stored JSON bytes as the single-order read does (OrderPresenter.presentJson):
    // parsing and serialising a page of documents was most of a list request's CPU in the api.
    const page = await this.listGate.run(() => this.listing.listJson({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE }));
    const parts: Buffer[] = [Buffer.from('{"items":[')];
    page.items.forEach((stored, index) => {
      if (index > 0) parts.push(Buffer.from(','));
      parts.push(this.presenter.presentJson(stored));
    });
    parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(page.nextCursor)}}`));
    return Buffer.concat(parts);
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
