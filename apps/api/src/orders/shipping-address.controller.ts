import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { correctShippingAddress } from '@app/orders';
import { OrderRouting } from '@app/queues';
import { OrderNotFoundError, OrderRepository } from '@app/store';
import { Caller } from '../auth/caller.decorator';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { OrderIdParams } from './dto/channel-order.params';
import { OrderDto } from './dto/order.dto';
import { ShippingAddressBody, toShippingAddress } from './dto/shipping-address.body';
import { OrderPresenter, OrderView } from './order.presenter';

/**
 * `PUT /v1/orders/{id}/shipping-address`: an operator's correction, for any
 * channel (docs/api-decisions.md AK-8, AK-9). Saved through the store's
 * versioned read-decide-save, so a sync racing it re-decides on the new
 * version instead of overwriting it.
 */
@ApiTags('orders')
@ApiBearerAuth('api-key')
@Controller('v1/orders')
export class ShippingAddressController {
  constructor(
    private readonly repository: OrderRepository,
    private readonly presenter: OrderPresenter,
    private readonly routing: OrderRouting,
  ) {}

  @Put(':id/shipping-address')
  @ApiOperation({
    summary: 'Correct the shipping address',
    description:
      'Replaces the address (a history entry with before and after), clears `address_incomplete` and releases its system hold, and answers the order. ' +
      'Later syncs keep the correction until the channel itself sends another address. Only before the order is handed to a provider: ' +
      'pending, on_hold or ready; otherwise 409 `address_not_correctable`.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses(400, 401, 404, 409, 413, 415, 503)
  @RateLimitedCommand()
  async correct(@Param() params: OrderIdParams, @Body() body: ShippingAddressBody, @Caller() caller: string): Promise<OrderView> {
    const address = toShippingAddress(body);
    // Before the save: if this process stops between the save and routing, a worker routes the order (docs/api-decisions.md RT-3).
    await this.routing.expectRelease(params.id);
    const saved = await this.repository.mutate(params.id, (current) => {
      if (!current) throw new OrderNotFoundError(params.id);
      return correctShippingAddress(current, address, caller, new Date().toISOString());
    });
    // A corrected address lifts the address_incomplete hold: routing's turn if it was the last (docs/api-decisions.md RT-2).
    return this.presenter.present(await this.routing.routeReleased(saved!));
  }
}
