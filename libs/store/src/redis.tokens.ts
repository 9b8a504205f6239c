/** Injection token of the store's ioredis client (fail-fast options, see redis-client.factory.ts). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/**
 * The listing's own connection: Redis serves a connection's commands in order,
 * so a single-order read queued behind a list page's 16 script calls on one
 * socket would wait for all of them; on two sockets Redis interleaves them.
 */
export const LISTING_REDIS_CLIENT = Symbol('LISTING_REDIS_CLIENT');
