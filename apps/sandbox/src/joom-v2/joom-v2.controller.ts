import { All, Controller, Get, HttpCode, Inject, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SANDBOX_CONFIG } from '../core/sandbox-config';
import type { SandboxConfig } from '../core/sandbox-config';
import { JoomV2AuthGuard } from './joom-v2.auth.guard';
import { JoomV2Error, V2_DETAIL } from './joom-v2.errors';
import { JoomV2ExceptionFilter } from './joom-v2.exception.filter';
import { V2Params } from './joom-v2.params';
import { JoomV2Store, renderV2Order } from './joom-v2.store';
import { JoomV2Envelope } from './joom-v2.types';

const SUCCESS = { success: 'True' } as const;

/** Joom merchant API v2, order part, at the document's paths and in its envelope. */
@Controller('api/v2')
@UseGuards(JoomV2AuthGuard)
@UseFilters(JoomV2ExceptionFilter)
export class JoomV2Controller {
  constructor(
    private readonly store: JoomV2Store,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  @Get('auth_test')
  authTest(@Req() req: Request): JoomV2Envelope {
    params(req);
    return { code: 0, data: SUCCESS, message: '' };
  }

  @Get('order')
  getOrder(@Req() req: Request): JoomV2Envelope {
    const id = params(req).required('id');
    return { code: 0, data: renderV2Order(this.store.get(id), Date.now()), message: '' };
  }

  @Get('order/multi-get')
  multiGet(@Req() req: Request): JoomV2Envelope {
    return this.page(req, false);
  }

  @Get('order/get-fulfill')
  getFulfill(@Req() req: Request): JoomV2Envelope {
    return this.page(req, true);
  }

  @Post('order/fulfill-one')
  @HttpCode(200)
  fulfillOne(@Req() req: Request): JoomV2Envelope {
    const p = params(req);
    const [id, provider] = [p.required('id'), p.required('tracking_provider')];
    this.store.fulfill(id, {
      provider,
      trackingNumber: p.optional('tracking_number'),
      shippingTime: p.optional('shipping_time'),
      shipNote: p.optional('ship_note'),
    });
    return { code: 0, data: SUCCESS, message: 'Your order is been processed right now!' };
  }

  @Post('order/refund')
  @HttpCode(200)
  refund(@Req() req: Request): JoomV2Envelope {
    const p = params(req);
    const [id, reasonCode] = [p.required('id'), p.required('reason_code')];
    this.store.refund(id, reasonCode, p.optional('reason_note'));
    return { code: 0, data: SUCCESS, message: '' };
  }

  @Post('order/modify-tracking')
  @HttpCode(200)
  modifyTracking(@Req() req: Request): JoomV2Envelope {
    const p = params(req);
    const [id, provider] = [p.required('id'), p.required('tracking_provider')];
    this.store.modifyTracking(id, provider, p.optional('tracking_number'));
    return { code: 0, data: SUCCESS, message: '' };
  }

  /** Anything else under /api/v2 (products, wrong method) answers in the envelope too. */
  @All('*path')
  unknown(@Req() req: Request): never {
    throw JoomV2Error.notFound(`No such endpoint: ${req.method} ${req.path}`);
  }

  /**
   * Offset paging as documented: `paging.next`/`prev` are full URLs with the
   * caller's own parameters, on the document's host (`joomV2PagingOrigin`,
   * not this sandbox's: a client must page by `start`, docs/api-decisions.md JO-2).
   * `access_token` is repeated only if the caller put it in the query string
   * itself (a header token stays out of URLs).
   */
  private page(req: Request, approvedOnly: boolean): JoomV2Envelope {
    const p = params(req);
    const [start, limit, since] = [p.start(), p.limit(), p.since()];
    const matching = this.store.list(since?.ms ?? null, approvedOnly);
    const now = Date.now();
    const data = matching.slice(start, start + limit).map((stored) => renderV2Order(stored, now));
    const link = (at: number): string => {
      const query = new URLSearchParams({ start: String(at), limit: String(limit) });
      if (since) query.set('since', since.raw);
      if (typeof req.query.access_token === 'string') query.set('access_token', req.query.access_token);
      return `${this.config.joomV2PagingOrigin.replace(/\/+$/, '')}${req.path}?${query}`;
    };
    const paging: NonNullable<JoomV2Envelope['paging']> = {};
    if (start + limit < matching.length) paging.next = link(start + limit);
    if (start > 0) paging.prev = link(Math.max(0, start - limit));
    return { code: 0, data, message: '', ...(paging.next || paging.prev ? { paging } : {}) };
  }
}

/** Request parameters; the document also offers XML, which the sandbox does not speak. */
function params(req: Request): V2Params {
  const p = new V2Params(req);
  const format = p.optional('format');
  if (format !== undefined && format.toLowerCase() !== 'json') {
    throw JoomV2Error.badParam(V2_DETAIL.invalidParam, `format '${format}' is not supported by the sandbox; use json`);
  }
  return p;
}
