export { createGatewayClient } from './gateway-client';
export type { GatewayClient, GatewayClientOptions } from './gateway-client';
export type { components, operations, paths } from './schema';
