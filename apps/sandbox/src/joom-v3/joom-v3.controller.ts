import { All, Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { publicOrigin } from '../core/request-origin';
import { SANDBOX_CONFIG } from '../core/sandbox-config';
import type { SandboxConfig } from '../core/sandbox-config';
import { JoomV3AccessGuard, ListEndpoint } from './joom-v3.access.guard';
import { JoomV3Error } from './joom-v3.errors';
import { JoomV3ExceptionFilter } from './joom-v3.exception.filter';
import { JoomV3Fulfillment } from './joom-v3.fulfillment';
import { shippingLabelPdf } from './joom-v3.label';
import { decodeCursor, encodeCursor, parseLimit, parseUpdatedFrom } from './joom-v3.paging';
import { JOOM_V3_SHIPPERS } from './joom-v3.shippers';
import { JoomV3Store, renderV3Order, V3ListKind } from './joom-v3.store';

/** Joom API v3 order endpoints (ids as `?id=`, JSON bodies, `{data}` / `{errors}`). */
@Controller('api/v3')
@UseGuards(JoomV3AccessGuard)
@UseFilters(JoomV3ExceptionFilter)
export class JoomV3Controller {
  constructor(
    private readonly store: JoomV3Store,
    private readonly fulfillment: JoomV3Fulfillment,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  @Get('orders')
  getOrder(@Query('id') id: unknown): unknown {
    return { data: renderV3Order(this.store.get(id), Date.now()) };
  }

  @Get('orders/multi')
  @ListEndpoint()
  multi(@Req() req: Request): unknown {
    return this.list(req, 'multi');
  }

  @Get('orders/unfulfilled')
  @ListEndpoint()
  unfulfilled(@Req() req: Request): unknown {
    return this.list(req, 'unfulfilled');
  }

  @Post('orders/fulfill')
  @HttpCode(200)
  fulfill(@Query('id') id: unknown, @Body() body: unknown): unknown {
    return { data: renderV3Order(this.fulfillment.fulfill(id, body), Date.now()) };
  }

  @Post('orders/fulfillOnline')
  @HttpCode(200)
  fulfillOnline(@Body() body: unknown): unknown {
    return { data: this.fulfillment.fulfillOnline(body) };
  }

  @Get('orders/shippingLabel')
  shippingLabel(@Query('id') id: unknown, @Req() req: Request, @Res() res: Response): void {
    // The label is a PDF (docs/vendor/real-api-facts.md): an Accept that does not allow one is answered 406.
    if (!req.accepts('application/pdf')) throw JoomV3Error.notAcceptable("orders/shippingLabel answers application/pdf; the request's Accept does not allow it");
    const order = this.fulfillment.labelFor(id);
    res.status(200).type('application/pdf').set('Content-Disposition', `inline; filename="label-${order.id}.pdf"`);
    res.send(shippingLabelPdf(order));
  }

  @Post('orders/modifyTracking')
  @HttpCode(200)
  modifyTracking(@Query('id') id: unknown, @Body() body: unknown): unknown {
    return { data: renderV3Order(this.fulfillment.modifyTracking(id, body), Date.now()) };
  }

  @Post('orders/cancel')
  @HttpCode(200)
  cancel(@Query('id') id: unknown, @Body() body: unknown): unknown {
    return { data: renderV3Order(this.fulfillment.cancel(id, body), Date.now()) };
  }

  @Get('shippers')
  shippers(): unknown {
    return { data: { items: JOOM_V3_SHIPPERS } };
  }

  /** Anything else under /api/v3 answers in the v3 error shape too. */
  @All('*path')
  unknown(@Req() req: Request): never {
    throw JoomV3Error.notFound(`No such endpoint: ${req.method} ${req.path}`);
  }

  /** `paging.next` is a full URL with the caller's filters and `after=`; the last page has none. */
  private list(req: Request, kind: V3ListKind): unknown {
    const query = req.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    const updatedFromMs = parseUpdatedFrom(query.updatedFrom);
    const { items, more } = this.store.list({ kind, limit, updatedFromMs, after: decodeCursor(query.after) });
    const now = Date.now();
    const paging: { next?: string } = {};
    if (more) {
      const params = new URLSearchParams({ limit: String(limit) });
      if (typeof query.updatedFrom === 'string' && query.updatedFrom) params.set('updatedFrom', query.updatedFrom);
      params.set('after', encodeCursor(items[items.length - 1]));
      paging.next = `${publicOrigin(this.config, req)}${req.path}?${params}`;
    }
    return { data: { items: items.map((stored) => renderV3Order(stored, now)) }, paging };
  }
}
