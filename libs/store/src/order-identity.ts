import { createHash } from 'node:crypto';
import { Channel } from '@app/orders';

/** How many shards the order keys are spread over (one hex digit of the id). Changing it remaps every key. */
export const SHARD_COUNT = 16;

/**
 * The gateway order id is derived from the order's identity, so every writer
 * that sees the same channel order computes the same id: two racing ingests
 * cannot create two orders, and the id doubles as Flexport's deterministic
 * `externalOrderId`. 96 bits of SHA-256 make collisions negligible.
 */
export function orderIdFor(channel: Channel, account: string, externalId: string): string {
  const digest = createHash('sha256').update(`${channel}\u0000${account}\u0000${externalId}`).digest('hex');
  return `ord_${digest.slice(0, 24)}`;
}

const ORDER_ID = /^ord_[0-9a-f]{24}$/;

export function isOrderId(value: string): boolean {
  return ORDER_ID.test(value);
}

/** The shard an order lives in: the first hex digit of its hash. */
export function shardOf(orderId: string): string {
  return orderId.charAt(4);
}

export const ALL_SHARDS: readonly string[] = Array.from({ length: SHARD_COUNT }, (_, i) => i.toString(16));
