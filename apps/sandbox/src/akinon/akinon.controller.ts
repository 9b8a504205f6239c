import { All, Controller, Get, HttpCode, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { deriveSeed, SeededRandom } from '../core/prng';
import { publicOrigin } from '../core/request-origin';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { AkinonAuthGuard } from './akinon.auth';
import { AkinonCommands } from './akinon.commands';
import { AkinonError, AkinonExceptionFilter } from './akinon.errors';
import { cancellationPlanFilters, customerAddressFilters, orderFilters, orderItemFilters } from './akinon.filters';
import { addressCandidates, CandidateRows, orderCandidates, orderItemCandidates } from './akinon.lookups';
import { Page, paginate } from './akinon.paginator';
import { AkinonSettings, AkinonTimestampMode } from './akinon.settings';
import { AkinonStore } from './akinon.store';
import { compileFilters, FilterSpec } from './django-filter';
import { listInOrder } from './drf-list-order';

/**
 * The seller order API of docs/vendor/akinon-orders-api.txt, under `/api/i1/`:
 * the documented collections and the reject route only. There is no route by
 * id (`orders/{id}/` is a 404 like any unknown path), so a client that needs
 * one fails here as it would against the document (docs/api-decisions.md AK-1).
 */
@Controller('api/i1')
@UseGuards(AkinonAuthGuard)
@UseFilters(AkinonExceptionFilter)
export class AkinonController {
  private readonly shuffle: SeededRandom;

  constructor(
    private readonly store: AkinonStore,
    private readonly commands: AkinonCommands,
    private readonly settings: AkinonSettings,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {
    this.shuffle = new SeededRandom(deriveSeed(config.seed, 'akinon-list-order'));
  }

  @Get('orders')
  orders(@Req() req: Request): Page<unknown> {
    return this.list(req, this.store.orders, orderFilters(), orderCandidates(this.store));
  }

  @Get('order-items')
  orderItems(@Req() req: Request): Page<unknown> {
    return this.list(req, this.store.items, orderItemFilters(this.store), orderItemCandidates(this.store));
  }

  @Post('order-items/:id/reject')
  @HttpCode(204)
  reject(@Param('id') id: string, @Req() req: Request): void {
    checkBody(req);
    this.commands.reject(id);
  }

  @Get('cancellation-plans')
  cancellationPlans(@Req() req: Request): Page<unknown> {
    return this.list(req, this.store.plans, cancellationPlanFilters(this.store));
  }

  @Get('customer-addresses')
  customerAddresses(@Req() req: Request): Page<unknown> {
    return this.list(req, this.store.addresses, customerAddressFilters(), addressCandidates(this.store));
  }

  /** "Other actions such as updating and deleting … are not allowed": DRF answers 405. */
  @All(['orders', 'order-items', 'order-items/:id/reject', 'cancellation-plans', 'customer-addresses'])
  notAllowed(@Req() req: Request): never {
    throw new AkinonError(405, { detail: `Method "${req.method}" not allowed.` });
  }

  private list<T>(req: Request, rows: Map<string, T>, specs: FilterSpec<T>[], candidates?: CandidateRows<T>): Page<T> {
    const query = new URL(req.originalUrl, 'http://sandbox.local').searchParams;
    const compiled = compileFilters(specs, query);
    if (!compiled.ok) throw new AkinonError(400, compiled.errors);
    const matching: T[] = [];
    for (const row of candidates?.(query) ?? rows.values()) if (compiled.predicate(row)) matching.push(row);
    const listed = listInOrder(matching, this.settings.current.listOrder, this.shuffle);
    const page = paginate(listed, req, publicOrigin(this.config, req));
    return { ...page, results: page.results.map((row) => render(row, this.settings.current.timestamps)) };
  }
}

/**
 * A row as the API shows it. With `documented` timestamps (the default) the
 * undocumented `created_at` / `updated_at` are left out, as in the document's
 * examples; filters still read them (docs/api-decisions.md AK-4).
 */
function render<T>(row: T, timestamps: AkinonTimestampMode): T {
  if (timestamps === 'implied') return row;
  const { created_at: _created, updated_at: _updated, ...documented } = row as T & { created_at?: unknown; updated_at?: unknown };
  return documented as T;
}

/** The reject call takes no body; a non-JSON one is 415 and a non-object one 400, as DRF does. */
function checkBody(req: Request): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if (hasBody && type && !/application\/json/i.test(type)) {
    throw new AkinonError(415, { detail: `Unsupported media type "${type}" in request.` });
  }
  if (req.body !== undefined && (typeof req.body !== 'object' || Array.isArray(req.body) || req.body === null)) {
    const got = Array.isArray(req.body) ? 'list' : typeof req.body;
    throw new AkinonError(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
  }
}
