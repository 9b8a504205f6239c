import type { FastifyInstance } from 'fastify';
import { requestIdOf } from '@app/common';

/**
 * Request ids are fastify's own: the caller's `X-Request-Id` when it is sane,
 * otherwise a UUID (fastify's `genReqId` option). The logger binds it to
 * every line of the request, and every answer echoes it.
 */
export const genReqId = requestIdOf;

export function echoRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
}
