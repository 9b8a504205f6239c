import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { CallLog } from '../core/call-log';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { controlError, parseApi } from './control.params';

/** `/__sandbox/calls` and `/__sandbox/side-effects`: what the simulators saw and did. */
@Controller('__sandbox')
export class ObserveController {
  constructor(
    private readonly calls: CallLog,
    private readonly ledger: SideEffectLedger,
  ) {}

  /** `since`: a call's `seq` (calls after it) or an ISO time (calls at or after it). */
  @Get('calls')
  list(@Query('api') api?: string, @Query('since') since?: string): unknown {
    const calls = this.calls.list({ api: api ? parseApi(api) : undefined, since: parseSince(since) });
    return { count: calls.length, calls };
  }

  @Delete('calls')
  @HttpCode(204)
  clear(): void {
    this.calls.clear();
  }

  @Get('side-effects')
  sideEffects(@Query('api') api?: string, @Query('orderRef') orderRef?: string): unknown {
    const sideEffects = this.ledger.list({ api: api ? parseApi(api) : undefined, orderRef: orderRef || undefined });
    return { count: sideEffects.length, sideEffects };
  }
}

function parseSince(since: string | undefined): number | Date | undefined {
  if (since === undefined || since === '') return undefined;
  if (/^\d+$/.test(since)) return Number(since);
  const time = Date.parse(since);
  if (Number.isNaN(time)) throw controlError(400, '"since" must be a call seq number or an ISO time');
  return new Date(time);
}
