import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DashboardAuthMiddleware } from '../auth/dashboard-auth.middleware';
import { QUEUES, QueuesModule } from './queues.module';

export const DASHBOARD_PATH = '/queues';

/**
 * bull-board at /queues for operators: every queue, its jobs and their
 * errors, with retry and clean actions. It is express middleware, not a
 * controller, so it stays out of Swagger and is guarded by
 * DashboardAuthMiddleware (the API-key guard only sees controllers); paths
 * bull-board does not serve fall through to the api's own 404.
 */
@Module({ imports: [QueuesModule], providers: [DashboardAuthMiddleware] })
export class QueueDashboardModule implements NestModule {
  constructor(@Inject(QUEUES) private readonly queues: Queue[]) {}

  configure(consumer: MiddlewareConsumer): void {
    const board = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Gateway queues' } },
    });
    const router = board.getRouter();
    router.disable('x-powered-by');
    consumer.apply(DashboardAuthMiddleware, router).forRoutes(DASHBOARD_PATH);
  }
}
