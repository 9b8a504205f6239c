import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export interface GatewayClientOptions {
  /** Where the gateway's api listens, e.g. `http://gateway:3000`. */
  baseUrl: string;
  /** A key from the gateway's API_KEYS (or ADMIN_API_KEYS, to retry jobs). */
  apiKey: string;
  /** Another fetch (a proxy's, a test's); the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

/** The gateway's REST API, typed from openapi.json: every path, parameter, body and answer as the contract has it. */
export type GatewayClient = Client<paths>;

/**
 * A typed client for services inside the platform: `client.GET('/v1/orders', { params: { query: { limit: 10 } } })`
 * answers `{ data }` (typed by the 2xx schema) or `{ error }` (the one error shape, `code` an ErrorCode).
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
