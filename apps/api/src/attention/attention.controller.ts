import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { resolveAttention } from '@app/orders';
import { OrderNotFoundError, OrderRepository } from '@app/store';
import { Caller } from '../auth/caller.decorator';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { OrderIdParams } from '../orders/dto/channel-order.params';
import { OrderDto } from '../orders/dto/order.dto';
import { OrderPresenter, OrderView } from '../orders/order.presenter';
import { AttentionReport, AttentionReportService } from './attention-report.service';
import { AttentionReportDto } from './dto/attention-report.dto';
import { ResolveAttentionBody } from './dto/resolve-attention.body';

/** What needs a person: the summary, and acknowledging one order's flag. */
@ApiTags('attention')
@ApiBearerAuth('api-key')
@Controller('v1')
export class AttentionController {
  constructor(
    private readonly report: AttentionReportService,
    private readonly repository: OrderRepository,
    private readonly presenter: OrderPresenter,
  ) {}

  @Get('attention')
  @ApiOperation({
    summary: 'What needs a person',
    description:
      'Orders flagged for attention now: counts by code and channel, and per code the oldest flags with a one-line reason and the action that resolves it. ' +
      'List every order of a code with `GET /v1/orders?attention=true` and read each order’s `attention`.',
  })
  @ApiOkResponse({ type: AttentionReportDto })
  @ApiErrorResponses(401, 503)
  summary(): Promise<AttentionReport> {
    return this.report.report();
  }

  @Post('orders/:id/attention/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: "Acknowledge an order's attention flag",
    description:
      'Clears the flag and writes a history entry with the note, the caller and the flag cleared; answers the order. Fixes nothing at the channel: ' +
      'a later sync or command meeting the same problem flags the order again. 409 `no_attention` without a flag; with `code`, 409 `attention_changed` when the order carries another flag now.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses(400, 401, 404, 409, 413, 415, 503)
  @RateLimitedCommand()
  async resolve(@Param() params: OrderIdParams, @Body() body: ResolveAttentionBody, @Caller() caller: string): Promise<OrderView> {
    const saved = await this.repository.mutate(params.id, (current) => {
      if (!current) throw new OrderNotFoundError(params.id);
      return resolveAttention(current, { note: body.note, expected: body.code }, caller, new Date().toISOString());
    });
    return this.presenter.present(saved!);
  }
}
