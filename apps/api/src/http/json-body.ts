import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { CODE_FOR_STATUS } from './error-status';

/** Request bodies are small commands; anything larger is refused with 413. */
export const JSON_BODY_LIMIT = '64kb';

/** The only bodies the API accepts: `application/json` and `application/*+json`. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** The media type of a Content-Type header, lower-cased, without parameters ('' when there is none). */
export function mediaTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  return JSON_MEDIA_TYPE.test(mediaType);
}

/**
 * The parser's `verify` hook: refuses bytes that are not UTF-8. Left alone,
 * they are decoded to U+FFFD and the request goes on with text the client
 * never sent (an encoded lone surrogate becomes "���" in a stored note).
 */
export function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('request body is not valid UTF-8'), { status: 400, type: 'entity.encoding.invalid' });
}
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/**
 * The 415 for a body in any other format, or null when the request may go
 * on. Without it, a `text/plain` or form body would be left unread and the
 * endpoint would answer as if no body had been sent ("reason must be one of
 * …") — true, but not the reason.
 */
export function unsupportedBody(method: string, headers: IncomingHttpHeaders): HttpException | null {
  if (!METHODS_WITH_BODY.has(method) || !hasBody(headers)) return null;
  const mediaType = mediaTypeOf(headers);
  if (isJsonMediaType(mediaType)) return null;
  return new HttpException(
    {
      code: 'unsupported_media_type',
      message: `Content-Type must be application/json${mediaType ? ` (got ${mediaType})` : ' (none was sent)'}`,
      details: { field: 'Content-Type' },
    },
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

interface BodyParserError extends Error {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  limit?: number;
  body?: string;
}

/**
 * body-parser's errors in the API's error shape: a too-large body, a charset
 * or encoding we don't read and a corrupt gzip stream would otherwise reach
 * the exception filter as unknown errors and answer 500.
 */
export function bodyParserErrorToHttp(error: BodyParserError): HttpException | null {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || error.expose === false) return null;
  const answer = (code: string, message: string, details?: Record<string, unknown>) => new HttpException({ code, message, ...(details ? { details } : {}) }, status);
  switch (error.type) {
    case 'entity.too.large':
      return answer('payload_too_large', `request body must be at most ${error.limit ?? JSON_BODY_LIMIT} bytes`, { field: 'body', limit: error.limit });
    case 'entity.parse.failed':
      return looksLikeJsonScalar(error.body)
        ? answer('malformed_body', 'request body must be a JSON object', { field: 'body' })
        : answer('malformed_body', `request body is not valid JSON: ${error.message}`, { field: 'body' });
    case 'entity.encoding.invalid':
      return answer('malformed_body', error.message, { field: 'body' });
    case 'charset.unsupported':
      return answer('unsupported_media_type', `Content-Type must be application/json with charset utf-8 or none (${error.message})`, { field: 'Content-Type' });
    case 'encoding.unsupported':
      return answer('unsupported_media_type', `Content-Encoding must be identity, gzip, deflate or br (${error.message})`, { field: 'Content-Encoding' });
    default:
      return answer(CODE_FOR_STATUS[status] ?? 'bad_request', `request body could not be read: ${error.message}`, { field: 'body' });
  }
}

/** The strict parser refuses top-level `null`, `"text"` or `42` with a confusing "not valid JSON": they are valid, just not objects. */
function looksLikeJsonScalar(raw: string | undefined): boolean {
  const text = raw?.trim();
  if (!text || text.startsWith('{') || text.startsWith('[')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
