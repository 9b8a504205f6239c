/**
 * Every queue and job name, in one place.
 *
 * `order-commands` is public: other services add `fulfill | cancel | reject`
 * jobs there directly. Its processor only validates and routes: the work
 * that calls an external system runs in that system's own queue
 * (`commands-joom`, `commands-akinon`, `commands-flexport`), so each system
 * gets its own rate limit and concurrency and a slow or throttled system
 * never starves the others.
 */
export const ORDER_COMMANDS_QUEUE = 'order-commands';

export const COMMAND_NAMES = ['fulfill', 'cancel', 'reject'] as const;
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
 * system at a time): `flexport-poll` walks in-flight Flexport orders.
 */
export const SYNC_QUEUES: Record<RemoteSystemName, string> = {
  joom: 'sync-joom',
  akinon: 'sync-akinon',
  flexport: 'sync-flexport',
};
