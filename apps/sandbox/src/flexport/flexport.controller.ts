import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FlexportAuthGuard } from './flexport.auth';
import { FlexportExceptionFilter, FlexportProblem } from './flexport.errors';
import { FlexportIdempotency } from './flexport.idempotency';
import { FlexportOrders } from './flexport.orders';
import { FlexportOrder } from './flexport.types';
import { validateCreateOrder } from './flexport.validation';

/** Fulfillment orders of docs/vendor/flexport-fulfillment-orders-api.txt, under `/logistics/api/{version}/`. */
@Controller('logistics/api/:version')
@UseGuards(FlexportAuthGuard)
@UseFilters(FlexportExceptionFilter)
export class FlexportController {
  constructor(
    private readonly orders: FlexportOrders,
    private readonly idempotency: FlexportIdempotency,
  ) {}

  @Post('orders')
  @HttpCode(200)
  create(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): FlexportOrder {
    return this.idempotency.run(keyOf(req), fingerprint(req), res, () => this.orders.create(validateCreateOrder(body, Date.now())));
  }

  @Get('orders/external_id/:externalOrderId')
  byExternalId(@Param('externalOrderId') externalOrderId: string): FlexportOrder {
    return this.orders.getByExternalId(externalOrderId);
  }

  @Get('orders/:id')
  get(@Param('id') id: string): FlexportOrder {
    return this.orders.get(id);
  }

  @Post('orders/:id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): FlexportOrder {
    return this.idempotency.run(keyOf(req), fingerprint(req), res, () => this.orders.retry(id));
  }

  /** Optional body `{ "cancellationReason": "…" }`. */
  @Post('orders/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): FlexportOrder {
    const reason = (body as { cancellationReason?: unknown } | undefined)?.cancellationReason;
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw new FlexportProblem(400, 'cancellationReason must be a string');
    return this.idempotency.run(keyOf(req), fingerprint(req), res, () => this.orders.cancel(id));
  }
}

function keyOf(req: Request): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/** Same key + same operation + same body = the same request; the API version does not matter. */
function fingerprint(req: Request): string {
  const path = new URL(req.originalUrl, 'http://sandbox.local').pathname.replace(/^\/logistics\/api\/[^/]+/, '');
  return `${req.method} ${path} ${JSON.stringify(req.body ?? null)}`;
}
