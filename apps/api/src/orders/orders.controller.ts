import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { OrderListing, OrderRepository } from '@app/store';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { HistoryQuery } from './dto/history.query';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderIdParams } from './dto/channel-order.params';
import { HistoryDto, OrderPageDto } from './dto/order.dto';
import { JSON_CONTENT_TYPE, OrderPresenter } from './order.presenter';
import { ListGate } from './list-gate';
import { assertListAccount } from './list-account';

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
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
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
    assertListAccount(query, this.config);
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
  @ApiOperation({
    summary: "An order's transitions, oldest first",
    description:
      'Without `limit`, every kept entry. With it, a page; when more entries follow, the answer carries ' +
      '`Link: </v1/orders/{id}/history?limit=…&cursor=…>; rel="next"` (RFC 8288). An order keeps its newest ' +
      'HISTORY_MAX_ENTRIES_PER_ORDER entries (default 1000); `X-History-Trimmed` counts the older ones dropped ' +
      '(the `order-events` stream carried each of them).',
  })
  @ApiOkResponse({
    type: HistoryDto,
    headers: {
      Link: { description: '`<…>; rel="next"`: the next page, when more entries follow.', schema: { type: 'string' } },
      'X-History-Trimmed': { description: 'How many of the oldest entries this order no longer keeps (0: none).', schema: { type: 'integer', minimum: 0 } },
    },
  })
  @ApiErrorResponses(400, 401, 404, 503)
  async history(@Param() params: OrderIdParams, @Query() query: HistoryQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<HistoryDto> {
    const page = await this.repository.historyPage(params.id, query);
    reply.header('X-History-Trimmed', String(page.trimmed));
    if (page.nextCursor) reply.header('Link', `<${nextPageUrl(request.url, page.nextCursor, query.limit)}>; rel="next"`);
    return { items: page.items };
  }
}

/** The request's own path with the next cursor and the same limit: a path-absolute reference, resolved against the request's URL. */
function nextPageUrl(url: string, cursor: string, limit: number | undefined): string {
  const path = url.split('?')[0];
  const query = new URLSearchParams({ ...(limit !== undefined ? { limit: String(limit) } : {}), cursor });
  return `${path}?${query.toString()}`;
}
