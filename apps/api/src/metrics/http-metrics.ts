import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';

type Label = 'method' | 'route' | 'status';

/** The HTTP metric instruments, registered once per registry. */
@Injectable()
export class HttpMetricSet {
  readonly requests: Counter<Label>;
  readonly duration: Histogram<Label>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request latency, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }
}

/**
 * Counts and times every request, labelled by the matched route pattern
 * (never the raw URL, which would explode label cardinality with ids). A
 * fastify `onResponse` hook on the root instance, so it sees every answer —
 * the dashboard's, Swagger's and the 404s (route "unmatched") too — and times
 * it with fastify's own clock, which starts when the request is routed.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly metrics: HttpMetricSet,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      this.record(request, reply);
      done();
    });
  }

  /** Also for the router's refusals, which run no hook (bootstrap hands them over): route "unmatched". */
  readonly record = (request: FastifyRequest, reply: FastifyReply): void => {
    const labels = { method: request.method, route: request.is404 ? 'unmatched' : (request.routeOptions?.url ?? 'unmatched'), status: String(reply.statusCode) };
    this.metrics.requests.inc(labels);
    this.metrics.duration.observe(labels, reply.elapsedTime / 1e3);
  };
}
