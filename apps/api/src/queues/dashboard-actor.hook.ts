import type { preHandlerHookHandler } from 'fastify';
import { accountOfQueue, COMMAND_QUEUES } from '@app/queues';
import { ApiKeys } from '../auth/api-keys';
import { dashboardCallerOf } from '../auth/dashboard-auth.hook';
import { ErrorBody } from '../http/error-body';

/** The actor a job added or edited on the dashboard records: who signed in, never what the job data claims. */
export const dashboardActor = (callerId: string) => `dashboard:${callerId}`;

/** bull-board's routes that write job data (paths under the dashboard's prefix), and the body field holding it. */
const DATA_FIELDS: Record<string, 'data' | 'jobData'> = {
  '/api/queues/:queueName/add': 'data',
  '/api/queues/:queueName/:jobId/update-data': 'jobData',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * On the dashboard's add-job and update-data routes of a command queue
 * (`order-commands`, `commands-*`), sets the job data's `requestedBy` to
 * `dashboard:<callerId>`: an operator cannot sign a command as another
 * service, and the order history names the key that really added it. The
 * job is otherwise taken as given; the worker validates it when it starts
 * (parseCommandJob, parseStepJob), as it does a producer's. Sync jobs carry
 * no actor and are left alone. Runs after the dashboard's auth hook, so the
 * caller is known (and an admin: these are writes).
 */
export function dashboardActorHook(keys: ApiKeys, prefix: string): preHandlerHookHandler {
  const routes = new Map(Object.entries(DATA_FIELDS).map(([path, field]) => [`${prefix}${path}`, field]));
  return (request, reply, done) => {
    const field = routes.get(request.routeOptions.url ?? '');
    const queue = (request.params as { queueName?: string }).queueName;
    // An account's step queue (`commands-joom.eu`, docs/api-decisions.md AC-3) is a command queue too.
    if (!field || !queue || !COMMAND_QUEUES.includes(accountOfQueue(queue).base)) return done();
    const caller = dashboardCallerOf(keys, request.headers.authorization);
    // Unreachable behind the auth hook; refused rather than let through unsigned.
    if (!caller) return void reply.code(401).send({ statusCode: 401, code: 'unauthorized', message: 'API key not recognised' } satisfies ErrorBody);
    const body = request.body;
    const data = isObject(body) ? body[field] : undefined;
    if (!isObject(body) || !isObject(data)) {
      const refusal: ErrorBody = {
        statusCode: 400,
        code: 'validation_failed',
        message: `${field} must be a JSON object: every job of ${queue} carries one`,
        details: { fields: [{ field, problems: ['must be a JSON object'] }] },
      };
      reply.code(400).send(refusal);
      return;
    }
    body[field] = { ...data, requestedBy: dashboardActor(caller.callerId) };
    done();
  };
}
