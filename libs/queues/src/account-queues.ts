import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { QUEUE_CONNECTION, QueueConnection } from './queue-connection';
import { MAIN_ACCOUNT, RemoteSystemName, stepQueueName, syncQueueName } from './queue-names';

/** A configured account of a sales channel other than `main`: the ones with queues of their own. */
export interface ExtraAccount {
  channel: 'joom' | 'akinon';
  account: string;
}

/** Every configured account but main, of both sales channels (docs/api-decisions.md AC-3). */
export function extraAccounts(config: GatewayConfig): ExtraAccount[] {
  return (['joom', 'akinon'] as const).flatMap((channel) =>
    accountsOf(config, channel)
      .filter((entry) => entry.account !== MAIN_ACCOUNT)
      .map((entry) => ({ channel, account: entry.account })),
  );
}

/** The step and sync queues of the accounts other than main, in the order of `extraAccounts`. */
export function extraAccountQueueNames(config: GatewayConfig): { steps: string[]; syncs: string[] } {
  const extra = extraAccounts(config);
  return { steps: extra.map(({ channel, account }) => stepQueueName(channel, account)), syncs: extra.map(({ channel, account }) => syncQueueName(channel, account)) };
}

/**
 * The BullMQ queues of the accounts other than main (`commands-joom.<account>`,
 * `sync-joom.<account>`), built once with BullMQ's own `Queue` on the
 * process's queue connection and prefix; main's queues are the modules'
 * registered ones. Closed at shutdown.
 */
@Injectable()
export class AccountQueues implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
  ) {}

  /** The step queue of a non-main account; the caller checked the account is configured. */
  step(system: RemoteSystemName, account: string): Queue {
    return this.named(stepQueueName(system, account));
  }

  sync(system: RemoteSystemName, account: string): Queue {
    return this.named(syncQueueName(system, account));
  }

  /** Every step queue of the configured non-main accounts. */
  allSteps(): Queue[] {
    return extraAccountQueueNames(this.config).steps.map((name) => this.named(name));
  }

  /** Every sync queue of the configured non-main accounts. */
  allSyncs(): Queue[] {
    return extraAccountQueueNames(this.config).syncs.map((name) => this.named(name));
  }

  private named(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queuePrefix });
      // A producer's connection error surfaces in the call that needs it; an unhandled 'error' event would end the process.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
