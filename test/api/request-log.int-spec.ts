import Fastify, { FastifyInstance } from 'fastify';
import pino from 'pino';
import { frameworkErrorAnswer, RouterRefusalListener } from '../../apps/api/src/http/client-errors';
import { logRequests, noteCommandJob } from '../../apps/api/src/http/request-log';

/** A fastify app wired like bootstrap.ts (request log + router refusals), logging into `lines`, on a loopback port. */
async function app(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const refusals: RouterRefusalListener[] = [];
  const fastify = Fastify({ loggerInstance: logger, disableRequestLogging: true, frameworkErrors: frameworkErrorAnswer(refusals) });
  fastify.get('/v1/orders/:id', async () => ({ id: 'ord_1' }));
  fastify.post('/v1/orders/:id/cancel', async (request, reply) => {
    noteCommandJob(request, 'cmd-1-1');
    return reply.code(202).send({ jobId: 'cmd-1-1' });
  });
  refusals.push(logRequests(fastify as unknown as FastifyInstance, logger));
  const completed = () => lines.filter((line) => line.msg === 'request completed');
  const origin = await fastify.listen({ host: '127.0.0.1', port: 0 });
  const send = (method: string, path: string) => fetch(`${origin}${path}`, { method });
  return { fastify, completed, send };
}

describe('request log (apps/api/src/http/request-log.ts)', () => {
  it('logs writes at info and successful reads only at debug', async () => {
    const { fastify, completed, send } = await app('info');
    try {
      await send('GET', '/v1/orders/ord_1');
      await send('POST', '/v1/orders/ord_1/cancel?access_token=secret-1');
      // The 202's line names the job it accepted, so the command can be followed into the worker.
      expect(completed()).toEqual([
        expect.objectContaining({ level: 30, reqId: expect.any(String), req: { method: 'POST', url: expect.not.stringContaining('secret-1') }, res: { statusCode: 202 }, jobId: 'cmd-1-1' }),
      ]);
    } finally {
      await fastify.close();
    }
  });

  it("logs a request the router refused (no hook runs for it), URL redacted, in the error shape's status", async () => {
    const { fastify, completed, send } = await app('info');
    try {
      const answer = await send('GET', '/v1/orders/%E0%A4%A?access_token=secret-2');
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ statusCode: 400, code: 'bad_request' });
      expect(completed()).toEqual([expect.objectContaining({ req: { method: 'GET', url: expect.not.stringContaining('secret-2') }, res: { statusCode: 400 } })]);
    } finally {
      await fastify.close();
    }
  });
});
