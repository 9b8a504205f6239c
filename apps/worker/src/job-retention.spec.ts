// eslint-disable-next-line no-restricted-imports -- the keys @Processor and @WorkerOptions record under; the package root does not export them
import { PROCESSOR_METADATA, WORKER_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import type { KeepJobs, Queue } from 'bullmq';
import { GatewayConfig, loadConfig } from '@app/config';
import { ALL_QUEUES } from '@app/queues';
import { SyncSchedules } from './sync/sync-schedules';
import { WorkerModule } from './worker.module';

const config = loadConfig({ JOOM_ACCESS_TOKEN: 'token-0123456789abcdef', AKINON_API_TOKEN: 'token', AKINON_BASE_URL: 'http://akinon', FLEXPORT_API_TOKEN: 'token' });

/** A finite bound by count (an age alone lets a burst of jobs within the age grow without bound). */
const countBound = (keep: KeepJobs | boolean | number | undefined) => (typeof keep === 'number' ? keep : typeof keep === 'object' && keep.count !== undefined && keep.count >= 0 ? keep.count : null);

describe('what the worker keeps of finished jobs', () => {
  const processors = (Reflect.getMetadata('providers', WorkerModule.forRoot(config)) as unknown[]).filter(
    (provider): provider is object => typeof provider === 'function' && Reflect.getMetadata(PROCESSOR_METADATA, provider) !== undefined,
  );

  it('every queue the gateway runs has a processor, and each bounds done and failed jobs by count — also jobs added without options', () => {
    const queues = processors.map((processor) => Reflect.getMetadata(PROCESSOR_METADATA, processor).name as string);
    expect([...queues].sort()).toEqual([...ALL_QUEUES].sort());
    for (const processor of processors) {
      const options = Reflect.getMetadata(WORKER_METADATA, processor) ?? {};
      const queue = Reflect.getMetadata(PROCESSOR_METADATA, processor).name;
      expect({ queue, completed: countBound(options.removeOnComplete), failed: countBound(options.removeOnFail) }).toEqual({
        queue,
        completed: expect.any(Number),
        failed: expect.any(Number),
      });
    }
  });

  it('the sync schedulers’ runs carry the same bound', async () => {
    const templates: { opts?: { removeOnComplete?: KeepJobs; removeOnFail?: KeepJobs } }[] = [];
    const queue = {
      setGlobalConcurrency: async () => undefined,
      setGlobalRateLimit: async () => undefined,
      upsertJobScheduler: async (_name: string, _every: unknown, template: (typeof templates)[number]) => void templates.push(template),
      removeJobScheduler: async () => undefined,
    } as unknown as Queue;
    await new SyncSchedules(config as GatewayConfig, queue, queue, queue).onApplicationBootstrap();
    expect(templates).toHaveLength(3);
    for (const template of templates) {
      expect(countBound(template.opts?.removeOnComplete)).toEqual(expect.any(Number));
      expect(countBound(template.opts?.removeOnFail)).toEqual(expect.any(Number));
    }
  });
});
