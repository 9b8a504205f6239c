import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { AccountQueues } from '@app/queues';
import { configuredApiKeys } from '../auth/api-keys';
import { dashboardAuthHook } from '../auth/dashboard-auth.hook';
import { DASHBOARD_UI_PATH, withoutGoogleFonts } from './dashboard-page';
import { dashboardActorHook } from './dashboard-actor.hook';
import { readOnlyViewFor } from './dashboard-read-only-view';
import { QUEUES, QueuesModule } from './queues.module';

export const DASHBOARD_PATH = '/queues';

/**
 * bull-board at /queues for operators: every queue, its jobs and their
 * errors, with retry and clean actions. It is a fastify plugin, not a
 * controller, so it stays out of Swagger; it is registered in a scope of its
 * own whose request hook asks for an API key (the API-key guard only sees
 * controllers). Paths bull-board does not serve fall through to the api's 404.
 * Its security headers (CSP) come from the root hook (http/security-headers.ts).
 *
 * Rights: any key may look; only an admin key (ADMIN_API_KEYS) may change
 * anything — the auth hook refuses every other write with 403, server-side.
 * One board serves both: per caller, the queue list is answered read-only to
 * a non-admin key (readOnlyViewFor), which hides the UI's buttons. Jobs added
 * or edited on a command queue are signed `dashboard:<callerId>` (dashboardActorHook).
 */
@Module({ imports: [QueuesModule] })
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    @Inject(QUEUES) private readonly queues: Queue[],
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const keys = configuredApiKeys(this.config);
    const board = new BullBoardAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({
      // Then the other accounts' queues (docs/api-decisions.md AC-3), built by AccountQueues in the api's root module.
      queues: [...this.queues, ...this.accountQueues()].map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Gateway queues' }, uiBasePath: DASHBOARD_UI_PATH, handlerHooks: readOnlyViewFor(keys) },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.register(
      async (scope) => {
        scope.addHook('onRequest', dashboardAuthHook(keys));
        scope.addHook('preHandler', dashboardActorHook(keys, DASHBOARD_PATH));
        scope.addHook('onSend', withoutGoogleFonts);
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  private accountQueues(): Queue[] {
    const accounts = this.moduleRef.get(AccountQueues, { strict: false });
    return [...accounts.allSteps(), ...accounts.allSyncs()];
  }
}
