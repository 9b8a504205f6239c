import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ALL_QUEUES } from '@app/queues';

/** Every queue as a BullMQ `Queue`, in `ALL_QUEUES` order: what the dashboard and /metrics show. */
export const QUEUES = Symbol('QUEUES');

const REGISTRATIONS = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));

/**
 * Registers each queue once for the whole api (producers only: the api never
 * runs processors). Inject one with `@InjectQueue(name)`, or all with `QUEUES`.
 */
@Module({
  imports: [REGISTRATIONS],
  providers: [{ provide: QUEUES, useFactory: (...queues: Queue[]) => queues, inject: ALL_QUEUES.map((name) => getQueueToken(name)) }],
  exports: [REGISTRATIONS, QUEUES],
})
export class QueuesModule {}
