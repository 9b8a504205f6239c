import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { FaultInjector } from '../core/fault-injector';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { parseApi, parseFaultConfig } from './control.params';

/** `/__sandbox/faults`: per-API fault injection, applied by core's FaultMiddleware. */
@Controller('__sandbox/faults')
export class FaultsController {
  constructor(
    private readonly faults: FaultInjector,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  @Get()
  list(): unknown {
    return { faults: this.faults.list() };
  }

  @Put(':api')
  set(@Param('api') apiParam: string, @Body() body: unknown): unknown {
    const api = parseApi(apiParam);
    const config = parseFaultConfig(body, this.config.seed);
    this.faults.set(api, config);
    return { api, faults: config };
  }

  @Delete()
  @HttpCode(204)
  clearAll(): void {
    this.faults.clear();
  }

  @Delete(':api')
  @HttpCode(204)
  clear(@Param('api') apiParam: string): void {
    this.faults.clear(parseApi(apiParam));
  }
}
