import { Body, Controller, Get, HttpCode, Inject, Optional, Param, Post } from '@nestjs/common';
import { ActionError } from '../core/action-error';
import { CallLog } from '../core/call-log';
import { FaultInjector } from '../core/fault-injector';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { UnknownActionError } from '../core/simulator';
import { SimulatorRegistry } from '../core/simulator-registry';
import { JoomOAuthAuthority } from '../joom-shared/joom-oauth.authority';
import { asObject, controlError, parseApi, parseSeedBody } from './control.params';

/** `/__sandbox/`: seeding, marketplace actions, reset and health. Not part of any real API. */
@Controller('__sandbox')
export class ControlController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly registry: SimulatorRegistry,
    private readonly ledger: SideEffectLedger,
    private readonly calls: CallLog,
    private readonly faults: FaultInjector,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    // Absent when a spec composes no Joom simulator.
    @Optional() private readonly joomOAuth?: JoomOAuthAuthority,
  ) {}

  @Get('health')
  health(): unknown {
    const apis = Object.fromEntries(this.registry.all().map((simulator) => [simulator.api, { orders: simulator.size() }]));
    return { status: 'ok', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000), apis, faults: this.faults.list(), calls: this.calls.size };
  }

  @Post('seed')
  @HttpCode(200)
  seed(@Body() body: unknown): unknown {
    const { api, count, seed } = parseSeedBody(body, this.config.seed);
    const targets = api ? [this.simulator(api)] : this.registry.all();
    const started = performance.now();
    for (const simulator of targets) simulator.seed(count, seed);
    const ms = Math.round(performance.now() - started);
    return { seeded: Object.fromEntries(targets.map((simulator) => [simulator.api, simulator.size()])), seed, ms };
  }

  @Post('reset')
  @HttpCode(200)
  reset(): unknown {
    for (const simulator of this.registry.all()) simulator.reset();
    this.faults.clear();
    this.calls.clear();
    this.ledger.clear();
    this.joomOAuth?.reset();
    return { reset: true };
  }

  @Post(':api/actions/:action')
  @HttpCode(200)
  act(@Param('api') apiParam: string, @Param('action') action: string, @Body() body: unknown): unknown {
    const simulator = this.simulator(parseApi(apiParam));
    try {
      return { result: simulator.act(action, asObject(body)) ?? null };
    } catch (error) {
      if (error instanceof UnknownActionError) throw controlError(404, error.message);
      if (error instanceof ActionError) throw controlError(error.status, error.message);
      throw controlError(400, error instanceof Error ? error.message : String(error));
    }
  }

  private simulator(api: ReturnType<typeof parseApi>) {
    const simulator = this.registry.get(api);
    if (!simulator) throw controlError(404, `api "${api}" is not loaded`);
    return simulator;
  }
}
