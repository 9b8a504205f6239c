import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { ChannelsHealthIndicator } from './channels.health';
import { CircuitsHealthIndicator } from './circuits.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly channels: ChannelsHealthIndicator,
    private readonly circuits: CircuitsHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: "Readiness: Redis answers; lists enabled and disabled channels and each system's circuit (503 when not ready; an open circuit is reported, not a 503)" })
  ready() {
    return this.health.check([() => this.redis.check(), () => this.channels.check(), () => this.circuits.check()]);
  }
}
