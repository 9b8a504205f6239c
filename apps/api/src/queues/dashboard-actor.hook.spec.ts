import type { FastifyReply, FastifyRequest } from 'fastify';
import { indexApiKeys } from '../auth/api-keys';
import { dashboardActorHook } from './dashboard-actor.hook';

const ADMIN_KEY = 'dashboard-admin-key-0123456789';
const keys = indexApiKeys([], [ADMIN_KEY]);
const signed = `dashboard:${keys.get(ADMIN_KEY)!.callerId}`;
const hook = dashboardActorHook(keys, '/queues');

function run(url: string, queueName: string, body: unknown) {
  const answer: { status?: number; body?: unknown } = {};
  const reply = {
    code(status: number) {
      answer.status = status;
      return reply;
    },
    send(sent: unknown) {
      answer.body = sent;
      return reply;
    },
  };
  const request = { routeOptions: { url }, params: { queueName }, headers: { authorization: `Bearer ${ADMIN_KEY}` }, body };
  const done = jest.fn();
  hook.call(undefined as never, request as unknown as FastifyRequest, reply as unknown as FastifyReply, done);
  return { done, answer, body: request.body as Record<string, Record<string, unknown>> };
}

describe('dashboardActorHook', () => {
  it.each([
    ['add to order-commands', '/queues/api/queues/:queueName/add', 'order-commands', 'data'],
    ['add to a step queue', '/queues/api/queues/:queueName/add', 'commands-joom', 'data'],
    ['update-data on order-commands', '/queues/api/queues/:queueName/:jobId/update-data', 'order-commands', 'jobData'],
  ])('signs %s with the caller, whatever requestedBy said', (_case, url, queue, field) => {
    const { done, answer, body } = run(url, queue, { name: 'cancel', [field]: { reason: 'other', requestedBy: 'crm-service' } });
    expect(done).toHaveBeenCalledTimes(1);
    expect(answer).toEqual({});
    expect(body[field]).toEqual({ reason: 'other', requestedBy: signed });
  });

  it('leaves sync jobs and other routes as they are', () => {
    for (const [url, queue] of [
      ['/queues/api/queues/:queueName/add', 'sync-joom'],
      ['/queues/api/queues/:queueName/:jobId/retry', 'order-commands'],
    ]) {
      const { done, body } = run(url, queue, { data: { requestedBy: 'crm-service' } });
      expect(done).toHaveBeenCalledTimes(1);
      expect(body.data).toEqual({ requestedBy: 'crm-service' });
    }
  });

  it.each([
    ['a string', 'cancel it'],
    ['an array', ['cancel']],
    ['nothing', undefined],
  ])('refuses %s as the data of a command job: 400 naming the field', (_case, data) => {
    const { done, answer } = run('/queues/api/queues/:queueName/add', 'order-commands', { name: 'cancel', data });
    expect(done).not.toHaveBeenCalled();
    expect(answer).toEqual({
      status: 400,
      body: expect.objectContaining({ statusCode: 400, code: 'validation_failed', details: { fields: [{ field: 'data', problems: ['must be a JSON object'] }] } }),
    });
  });
});
