import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorBody } from './error-body';

/**
 * Requests node's HTTP parser refuses before express sees them — headers
 * over the 16 kB limit (a huge id in the URL, a huge header), a malformed
 * request line — get node's bare `431`/`400` with an empty body by default.
 * This answers them in the API's error shape instead. (Errors without a
 * writable socket, such as a client reset, need no answer.)
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
  return `HTTP/1.1 ${body.statusCode} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`;
}

export function answerClientErrorsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.end(clientErrorAnswer(error));
  });
}
