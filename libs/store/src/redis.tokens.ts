/** Injection token of the store's ioredis client (fail-fast options, see redis-client.factory.ts). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
