import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { dashboardAuthHook } from '../auth/dashboard-auth.hook';
import { DASHBOARD_UI_PATH, withoutGoogleFonts } from './dashboard-page';
import { QUEUES, QueuesModule } from './queues.module';

export const DASHBOARD_PATH = '/queues';

/**
 * bull-board at /queues for operators: every queue, its jobs and their
 * errors, with retry and clean actions. It is a fastify plugin, not a
 * controller, so it stays out of Swagger; it is registered in a scope of its
 * own whose request hook asks for an API key (the API-key guard only sees
 * controllers). Paths bull-board does not serve fall through to the api's 404.
 * Its security headers (CSP) come from the root hook (http/security-headers.ts).
 */
@Module({ imports: [QueuesModule] })
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    @Inject(QUEUES) private readonly queues: Queue[],
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const board = new BullBoardAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Gateway queues' }, uiBasePath: DASHBOARD_UI_PATH },
    });
    const authenticate = dashboardAuthHook(this.config.apiKeys);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.register(
      async (scope) => {
        scope.addHook('onRequest', authenticate);
        scope.addHook('onSend', withoutGoogleFonts);
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }
}
