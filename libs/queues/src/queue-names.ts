/**
 * Every queue and job name, in one place.
 *
 * `order-commands` is public: other services add `fulfill | cancel | reject | modify-tracking`
 * jobs there directly. Its processor only validates and routes: the work
 * that calls an external system runs in that system's own queue
 * (`commands-joom`, `commands-akinon`, `commands-flexport`), so each system
 * gets its own rate limit and concurrency and a slow or throttled system
 * never starves the others.
 */
export const ORDER_COMMANDS_QUEUE = 'order-commands';

export const COMMAND_NAMES = ['fulfill', 'cancel', 'reject', 'modify-tracking'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const REMOTE_SYSTEMS = ['joom', 'akinon', 'flexport'] as const;
export type RemoteSystemName = (typeof REMOTE_SYSTEMS)[number];

export const SYSTEM_QUEUES: Record<RemoteSystemName, string> = {
  joom: 'commands-joom',
  akinon: 'commands-akinon',
  flexport: 'commands-flexport',
};

/** Every queue whose jobs are commands (what `GET /v1/jobs` can show). */
export const COMMAND_QUEUES: readonly string[] = [ORDER_COMMANDS_QUEUE, ...Object.values(SYSTEM_QUEUES)];

/**
 * Scheduled and on-demand polling, one queue per system (one poll of a
 * system at a time): `channel-sync` pulls a channel's changed orders,
 * `flexport-poll` walks in-flight Flexport orders.
 */
export const SYNC_QUEUES: Record<RemoteSystemName, string> = {
  joom: 'sync-joom',
  akinon: 'sync-akinon',
  flexport: 'sync-flexport',
};

export const CHANNEL_SYNC_JOB = 'channel-sync';
export const FLEXPORT_POLL_JOB = 'flexport-poll';

/** Every queue the gateway runs: the worker registers them all, the api shows them on /queues and /metrics. */
export const ALL_QUEUES: readonly string[] = [...COMMAND_QUEUES, ...Object.values(SYNC_QUEUES)];

/** The external system a queue's jobs call; `gateway` for the intake, which only validates and routes. */
export function systemOfQueue(queue: string): RemoteSystemName | 'gateway' {
  const owner = REMOTE_SYSTEMS.find((system) => SYSTEM_QUEUES[system] === queue || SYNC_QUEUES[system] === queue);
  return owner ?? 'gateway';
}
