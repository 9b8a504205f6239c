import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { metricsScrapeRefusal } from '@app/common';
import { DEFAULTS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { WorkerReadiness } from './worker-readiness';

/** Slow or idle clients of a health endpoint get no more than this. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The worker's own HTTP port (WORKER_HTTP_PORT; none when unset):
 * `/health/live`, `/health/ready` and `/metrics`, GET only, errors in the
 * gateway's error shape. Node's bare HTTP server: three fixed routes need
 * neither a framework nor its start-up time. `/metrics` follows the api's
 * rule: open, or only `Authorization: Bearer <METRICS_TOKEN>` when set.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: WorkerMetrics,
    private readonly readiness: WorkerReadiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerHttpPort;
    if (!port) return;
    const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (request, response) => {
      this.answer(request, response).catch((error: Error) => {
        this.logger.warn(`health/metrics request failed: ${error.message}`);
        if (!response.headersSent) send(response, 500, { statusCode: 500, code: 'internal_error', message: 'the worker could not answer' });
      });
    });
    server.keepAliveTimeout = 5_000;
    const host = this.config.host ?? DEFAULTS.host;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`health and metrics on http://${host}:${(server.address() as AddressInfo).port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    const route = ROUTES[path];
    if (!route) return send(response, 404, { statusCode: 404, code: 'route_not_found', message: `no route ${path}: try /health/live, /health/ready or /metrics` });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, { statusCode: 405, code: 'method_not_allowed', message: `${path} answers GET only` });
    }
    if (route === 'live') return send(response, 200, { status: 'ok' });
    if (route === 'ready') {
      const report = await this.readiness.check();
      return send(response, report.status === 'ok' ? 200 : 503, report);
    }
    const refusal = metricsScrapeRefusal(this.config.metricsToken, request.headers.authorization);
    if (refusal) return send(response, 401, { statusCode: 401, code: 'unauthorized', message: refusal });
    response.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
    response.end(await this.metrics.registry.metrics());
  }
}

const ROUTES: Record<string, 'live' | 'ready' | 'metrics'> = { '/health/live': 'live', '/health/ready': 'ready', '/metrics': 'metrics' };

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
