import { Inject, Injectable, Optional } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { AccountWorkers } from '../accounts/account-workers';
import { ChannelAuthStore, credentialsRefused, REDIS_CLIENT, RedisClient } from '@app/store';

/** The worker's processors (each holds one BullMQ worker), provided by WorkerModule. */
export const WORKER_HOSTS = Symbol('WORKER_HOSTS');

/** How long readiness waits for Redis's PONG before calling it down. */
const REDIS_PING_TIMEOUT_MS = 1_000;

export interface WorkerReadinessReport {
  status: 'ok' | 'error';
  checks: {
    redis: { status: 'up' | 'down'; reason?: string };
    /** Each queue this worker takes jobs from: `running`, or `stopped` (closed, or not started yet). */
    queues: Record<string, 'running' | 'stopped'>;
    /** Enabled systems; `down` while they answer 401 to this gateway's calls (RemoteAuthWatch). */
    channels: Record<string, { status: 'up' | 'down'; reason?: string }>;
  };
}

/**
 * Whether this worker can do its work: Redis answers and every BullMQ worker
 * runs. A marketplace refusing the credentials is shown, not counted against
 * readiness: restarting the worker would not help, and its jobs wait
 * (the api's /health/ready makes the same choice).
 */
@Injectable()
export class WorkerReadiness {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(WORKER_HOSTS) private readonly hosts: readonly WorkerHost[],
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly auth: ChannelAuthStore,
    /** The queues of the accounts other than main (docs/api-decisions.md AC-3); absent in tests that build this by hand. */
    @Optional() private readonly accounts?: AccountWorkers,
  ) {}

  async check(): Promise<WorkerReadinessReport> {
    const redis = await this.pingRedis();
    const hosts = [...this.hosts, ...(this.accounts?.running() ?? [])];
    const queues = Object.fromEntries(hosts.map((host) => [queueOf(host), isRunning(host) ? 'running' : 'stopped'] as const));
    const channels = redis.status === 'up' ? await this.channels() : {};
    const ready = redis.status === 'up' && Object.values(queues).every((state) => state === 'running');
    return { status: ready ? 'ok' : 'error', checks: { redis, queues, channels } };
  }

  private async pingRedis(): Promise<WorkerReadinessReport['checks']['redis']> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_PING_TIMEOUT_MS} ms`)), REDIS_PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', reason: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  private async channels(): Promise<WorkerReadinessReport['checks']['channels']> {
    const enabled = (Object.keys(this.config.channels) as (keyof GatewayConfig['channels'])[]).filter((name) => this.config.channels[name]);
    const entries = await Promise.all(
      enabled.map(async (name) => {
        const state = await this.auth.readCallAuth(name).catch(() => null);
        return [name, credentialsRefused(state) ? { status: 'down' as const, reason: `${name} answered 401 since ${state!.refusedAt}` } : { status: 'up' as const }] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}

function queueOf(host: WorkerHost): string {
  return workerOf(host)?.name ?? host.constructor.name;
}

function isRunning(host: WorkerHost): boolean {
  return workerOf(host)?.isRunning() ?? false;
}

/** The host's BullMQ worker, or undefined before @nestjs/bullmq created it. */
function workerOf(host: WorkerHost) {
  try {
    return host.worker;
  } catch {
    return undefined;
  }
}
