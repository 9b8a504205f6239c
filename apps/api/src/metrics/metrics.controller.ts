import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { Public } from '../auth/public.decorator';
import { authorizeMetricsScrape } from './metrics-token';

/** Prometheus scrape endpoint: public (API keys do not apply), or behind METRICS_TOKEN when set. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    authorizeMetricsScrape(this.config.metricsToken, authorization);
    return this.registry.metrics();
  }
}
