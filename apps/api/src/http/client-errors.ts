import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody } from './error-body';
import { CODE_FOR_STATUS } from './error-status';
import { API_SECURITY_HEADERS } from './security-headers';

/** The security headers every answer carries, as raw header lines. */
const RAW_SECURITY_HEADERS = Object.entries(API_SECURITY_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * Requests node's HTTP parser refuses before fastify sees them — headers
 * over the 16 kB limit (a huge id in the URL, a huge header), a malformed
 * request line — would get fastify's own `431`/`400` body. This answers them
 * in the API's error shape instead. (Errors without a writable socket, such
 * as a client reset, need no answer.)
 */
export function clientErrorAnswer(error: NodeJS.ErrnoException): string {
  const body: ErrorBody =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? { statusCode: 431, code: 'header_too_large', message: 'request line and headers must be at most 16 kB together' }
      : error.code === 'HPE_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { statusCode: 408, code: 'request_timeout', message: 'the request was not received in time' }
        : { statusCode: 400, code: 'bad_request', message: 'the request is not valid HTTP' };
  const json = JSON.stringify(body);
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[body.statusCode];
  return `HTTP/1.1 ${body.statusCode} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n${RAW_SECURITY_HEADERS}Connection: close\r\n\r\n${json}`;
}

/** Fastify's `clientErrorHandler`: node's `clientError` event, answered in JSON. */
export function answerClientErrorInJson(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorAnswer(error));
}

/** Told about each request the router refused: no `onResponse` hook runs for those (request log, HTTP metrics). */
export type RouterRefusalListener = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Fastify's `frameworkErrors`: a URL that is not valid percent-encoding is
 * refused by the router, before any route, hook or exception filter — so it
 * is answered here, in the error shape, rather than in fastify's own, and
 * `listeners` (filled once the app exists) log and count it.
 */
export function frameworkErrorAnswer(listeners: readonly RouterRefusalListener[]) {
  return (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void => {
    const statusCode = error.statusCode ?? 400;
    const body: ErrorBody = { statusCode, code: CODE_FOR_STATUS[statusCode] ?? 'bad_request', message: error.message };
    // The router refused the request before any hook ran, so the request id and security headers are set here.
    reply.code(statusCode).headers(API_SECURITY_HEADERS).header('X-Request-Id', request.id).send(body);
    for (const listener of listeners) listener(request, reply);
  };
}
