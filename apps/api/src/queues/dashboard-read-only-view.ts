import type { BoardHooks } from '@bull-board/api/dist/types';
import { ApiKeys } from '../auth/api-keys';
import { dashboardCallerOf } from '../auth/dashboard-auth.hook';

/**
 * A bull-board `after` hook: for a caller without an admin key, the queue
 * list says every queue is read-only, so the UI hides the buttons it would
 * refuse (add, retry, clean, pause, obliterate…). A view only: the refusal
 * itself is the dashboard auth hook's 403, whatever the UI shows.
 */
export function readOnlyViewFor(keys: ApiKeys): BoardHooks {
  return {
    after: (context, result) => {
      if (context.method !== 'get' || context.route !== '/api/queues') return result;
      if (dashboardCallerOf(keys, context.request.headers.authorization)?.admin) return result;
      const body = result.body as { queues?: Record<string, unknown>[] };
      if (!Array.isArray(body?.queues)) return result;
      return { ...result, body: { ...body, queues: body.queues.map((queue) => ({ ...queue, readOnlyMode: true, allowRetries: false, allowCompletedRetries: false })) } };
    },
  };
}
