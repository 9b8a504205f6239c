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
  const base = accountOfQueue(queue).base;
  const owner = REMOTE_SYSTEMS.find((system) => SYSTEM_QUEUES[system] === base || SYNC_QUEUES[system] === base);
  return owner ?? 'gateway';
}

/** The account the environment's single-account settings configure (docs/api-decisions.md AC-1). */
export const MAIN_ACCOUNT = 'main';

/**
 * The step queue of a system's account (docs/api-decisions.md AC-3): account
 * main keeps `commands-joom`, another account gets `commands-joom.<account>`
 * with its own rate limit, concurrency and circuit, so one store's 429 or
 * outage never pauses another's steps. Flexport has one account.
 */
export function stepQueueName(system: RemoteSystemName, account: string = MAIN_ACCOUNT): string {
  return system === 'flexport' || account === MAIN_ACCOUNT ? SYSTEM_QUEUES[system] : `${SYSTEM_QUEUES[system]}.${account}`;
}

/** The sync queue of a channel's account, named like its step queue (AC-3). */
export function syncQueueName(system: RemoteSystemName, account: string = MAIN_ACCOUNT): string {
  return system === 'flexport' || account === MAIN_ACCOUNT ? SYNC_QUEUES[system] : `${SYNC_QUEUES[system]}.${account}`;
}

/** A queue name split into its system queue and account (`main` when it names none); account ids have no dot. */
export function accountOfQueue(queue: string): { base: string; account: string } {
  const dot = queue.indexOf('.');
  return dot < 0 ? { base: queue, account: MAIN_ACCOUNT } : { base: queue.slice(0, dot), account: queue.slice(dot + 1) };
}

/** The circuit a step queue's steps share (`joom`, or `joom.<account>` for another account: AC-3); names a Redis key's hash tag. */
export function circuitOf(system: RemoteSystemName, account: string = MAIN_ACCOUNT): RemoteSystemName | `${'joom' | 'akinon'}.${string}` {
  return system === 'flexport' || account === MAIN_ACCOUNT ? system : `${system}.${account}`;
}
