/** The bare baselines' queue: its own key prefix, so nothing of it ever mixes with the gateway's queues. */
export const BARE_PREFIX = 'bench-bare';
export const BARE_QUEUE = 'bare-fulfill';

/** One Joom fulfil call, nothing else: what the bare producers add and the bare worker makes. */
export interface BareFulfillJob {
  externalId: string;
  carrier: string;
  trackingNumber: string;
}
