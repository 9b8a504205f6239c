import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { builtLineLogger, redactUrl } from '@app/common';
import { RouterRefusalListener } from './client-errors';

/** The job a command request was accepted as, for its "request completed" line. */
const commandJobs = new WeakMap<object, string>();

/** Puts the accepted command's job id on the request's log line, so the 202 can be followed into the worker. */
export function noteCommandJob(request: object, jobId: string): void {
  commandJobs.set(request, jobId);
}

/** Probes and scrapes would drown the log. */
const UNLOGGED = /^\/(health|metrics)/;

/**
 * One "request completed" line per request, on the request's own logger
 * (bound to its `reqId`). A successful read is logged at `debug`: reads are
 * by far the most frequent requests (internal services poll orders), a line
 * each cost a large share of the read path's CPU at the rates the api must
 * serve, and an answered read changes nothing worth an audit trail — while
 * every write, every refusal and every error stays at `info`. LOG_LEVEL=debug
 * shows them all. Returns the same logging for the router's refusals.
 *
 * The line is the request logger's (its `reqId` first, then the fields), but
 * written by the unredacted `builtLineLogger`: every field is built here —
 * method, status, timing, job id, and the URL through `redactUrl` — and none
 * is a header, so pino's path redaction had nothing to blank on it.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): RouterRefusalListener {
  // Decided once (LOG_LEVEL is read at boot, nothing changes it later): building the line, and redacting
  // the URL, for a read that is not logged cost as much as logging it.
  const logReads = logger.isLevelEnabled('debug');
  const lines = builtLineLogger(logger);
  const log = (request: FastifyRequest, reply: FastifyReply) => {
    const quiet = (request.method === 'GET' || request.method === 'HEAD') && reply.statusCode < 400;
    if ((logReads || !quiet) && !UNLOGGED.test(request.url)) {
      const jobId = commandJobs.get(request);
      lines[quiet ? 'debug' : 'info'](
        {
          reqId: request.id,
          req: { method: request.method, url: redactUrl(request.url) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
          ...(jobId ? { jobId } : {}),
        },
        'request completed',
      );
    }
  };
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    log(request, reply);
    done();
  });
  // The router's refusals run no hook: bootstrap hands them over.
  return log;
}
