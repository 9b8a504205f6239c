import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { placeHold, PLACEABLE_HOLD_REASONS, releaseHold } from '@app/orders';
import { CommandRouter, OrderRouting } from '@app/queues';
import { OrderNotFoundError, OrderRepository } from '@app/store';
import { Caller } from '../auth/caller.decorator';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { OrderIdParams } from '../orders/dto/channel-order.params';
import { OrderDto } from '../orders/dto/order.dto';
import { OrderPresenter, OrderView } from '../orders/order.presenter';
import { PlaceHoldBody } from './dto/place-hold.body';
import { ReleaseHoldBody } from './dto/release-hold.body';

/**
 * `POST /v1/orders/{id}/hold` and `/release` (docs/api-decisions.md HO-1 …
 * HO-4). Both save through the store's versioned read-decide-save; a hold
 * also takes the order's command lease while it is saved, so it never races
 * a fulfil (HO-4).
 */
@ApiTags('orders')
@ApiBearerAuth('api-key')
@Controller('v1/orders')
export class HoldsController {
  constructor(
    private readonly repository: OrderRepository,
    private readonly router: CommandRouter,
    private readonly routing: OrderRouting,
    private readonly presenter: OrderPresenter,
  ) {}

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hold an order: it is not fulfilled until every hold is released',
    description:
      `Adds a hold (\`reason\`: ${PLACEABLE_HOLD_REASONS.map((reason) => `\`${reason}\``).join(', ')}; a \`note\`) to the order's \`holds\` and a history entry, and answers the order. ` +
      'While held, a fulfil is refused with 409 `on_hold` naming the holds; cancel and reject stay possible. Holds stack, one per reason: a reason already held changes nothing. ' +
      'Only while nothing has been handed to a provider (pending, on_hold, ready), else 409 `not_holdable`; while a command is queued or running, 409 `command_in_progress`.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses(400, 401, 404, 409, 413, 415, 503)
  @RateLimitedCommand()
  async hold(@Param() params: OrderIdParams, @Body() body: PlaceHoldBody, @Caller() caller: string): Promise<OrderView> {
    const request = { reason: body.reason, note: body.note, source: 'operator' } as const;
    // Decided once on the order as read, without the lease: an unknown order (404), one past holding
    // (409 not_holdable) and a repeat of a hold already there (nothing to save) are answered as they are.
    const read = await this.repository.getOrThrow(params.id);
    if (placeHold(read, request, caller, new Date().toISOString()) === null) return this.presenter.present(read);
    const saved = await this.router.exclusively(params.id, () =>
      this.repository.mutate(params.id, (current) => {
        if (!current) throw new OrderNotFoundError(params.id);
        return placeHold(current, request, caller, new Date().toISOString());
      }),
    );
    return this.presenter.present(saved!);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Release a hold',
    description:
      'Removes the hold of `reason` (or the only hold a person may release, when `reason` is left out) and writes a history entry; answers the order. ' +
      'Once no hold is left the order can be fulfilled again. 409 `not_held` when the order has no such hold; `hold_ambiguous` without `reason` while several could be meant; ' +
      '`hold_not_releasable` for the gateway’s own `address_incomplete` hold, which goes when the address is corrected (PUT /v1/orders/{id}/shipping-address).',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses(400, 401, 404, 409, 413, 415, 503)
  @RateLimitedCommand()
  async release(@Param() params: OrderIdParams, @Body() body: ReleaseHoldBody, @Caller() caller: string): Promise<OrderView> {
    // Before the save: if this process stops between the save and routing, a worker routes the order (docs/api-decisions.md RT-3).
    await this.routing.expectRelease(params.id);
    const saved = await this.repository.mutate(params.id, (current) => {
      if (!current) throw new OrderNotFoundError(params.id);
      return releaseHold(current, { reason: body.reason, note: body.note }, caller, new Date().toISOString());
    });
    // The last hold gone: routing's turn (docs/api-decisions.md RT-2).
    return this.presenter.present(await this.routing.routeReleased(saved!));
  }
}
