import type { WorkerHost } from '@nestjs/bullmq';
import type { GatewayConfig } from '@app/config';
import type { ChannelAuthStore, RedisClient } from '@app/store';
import { WorkerReadiness } from './worker-readiness';

const host = (name: string, running: boolean) => ({ worker: { name, isRunning: () => running } }) as unknown as WorkerHost;
const config = { channels: { joom: {}, akinon: null, flexport: {} } } as unknown as GatewayConfig;

function readiness(options: { ping?: () => Promise<string>; hosts?: WorkerHost[]; refusedAt?: string | null } = {}) {
  const redis = { ping: options.ping ?? (async () => 'PONG') } as unknown as RedisClient;
  const auth = {
    readCallAuth: async (system: string) => (system === 'joom' && options.refusedAt ? { refusedAt: options.refusedAt, acceptedAt: null } : null),
  } as unknown as ChannelAuthStore;
  return new WorkerReadiness(redis, options.hosts ?? [host('commands-joom', true), host('order-commands', true)], config, auth);
}

describe('WorkerReadiness', () => {
  it('is ok when Redis answers and every worker runs, showing each enabled channel', async () => {
    expect(await readiness().check()).toEqual({
      status: 'ok',
      checks: { redis: { status: 'up' }, queues: { 'commands-joom': 'running', 'order-commands': 'running' }, channels: { joom: { status: 'up' }, flexport: { status: 'up' } } },
    });
  });

  it('is not ready when a worker has stopped', async () => {
    const report = await readiness({ hosts: [host('commands-joom', false), host('order-commands', true)] }).check();
    expect(report.status).toBe('error');
    expect(report.checks.queues['commands-joom']).toBe('stopped');
  });

  it('is not ready when Redis fails or does not answer in time', async () => {
    const failed = await readiness({ ping: async () => Promise.reject(new Error('ECONNREFUSED')) }).check();
    expect(failed).toEqual(expect.objectContaining({ status: 'error', checks: expect.objectContaining({ redis: { status: 'down', reason: 'ECONNREFUSED' } }) }));
    jest.useFakeTimers();
    try {
      const pending = readiness({ ping: () => new Promise(() => undefined) }).check();
      await jest.advanceTimersByTimeAsync(1_000);
      expect((await pending).checks.redis).toEqual({ status: 'down', reason: 'no answer within 1000 ms' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows a channel refusing the credentials, and stays ready', async () => {
    const report = await readiness({ refusedAt: '2026-12-07T10:00:00.000Z' }).check();
    expect(report.status).toBe('ok');
    expect(report.checks.channels.joom).toEqual({ status: 'down', reason: 'joom answered 401 since 2026-12-07T10:00:00.000Z' });
  });
});
