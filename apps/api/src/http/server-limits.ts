import type { Server, ServerOptions } from 'node:http';
import type { HttpServerLimits } from '@app/config';
import { DEFAULTS } from '@app/config';

/**
 * How often node walks the open connections for ones past their request
 * or headers timeout. Node's default is 30 s, which would let a slow client
 * live up to twice `HTTP_REQUEST_TIMEOUT_MS`; a walk each second is cheap
 * even at the connection cap.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

/**
 * Fastify's server options for the limits: fastify's own defaults leave a
 * request unbounded (`requestTimeout: 0`), so a client sending one body byte
 * every few seconds held its connection for minutes. A request cut off by
 * the timeout is answered 408 `request_timeout` by client-errors.ts.
 */
export function serverLimitOptions(limits: HttpServerLimits = DEFAULTS.http): {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    // Passed to http.createServer: node reads the checking interval only at construction.
    // Headers get the same budget as the whole request (node refuses a headers timeout above it).
    http: { connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS, headersTimeout: limits.requestTimeoutMs },
  };
}

/** Connections past the cap are closed by node as they are accepted; fastify has no option for it. */
export function capConnections(server: Server, limits: HttpServerLimits = DEFAULTS.http): void {
  server.maxConnections = limits.maxConnections;
}
