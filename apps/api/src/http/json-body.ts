import { isUtf8 } from 'node:buffer';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CODE_FOR_STATUS } from './error-status';

/** Request bodies are small commands; anything larger is refused with 413. */
export const JSON_BODY_LIMIT = '64kb';

/** What the JSON parser reads, and the only bodies the API accepts (`application/json`, `application/*+json`). */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * The parser's `verify` hook: refuses bytes that are not UTF-8. Left alone,
 * they are decoded to U+FFFD and the request goes on with text the client
 * never sent (an encoded lone surrogate becomes "���" in a stored note).
 */
export function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('request body is not valid UTF-8'), { status: 400, type: 'entity.encoding.invalid' });
}
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Refuses a body in any other format with 415. Without this, express leaves
 * a `text/plain` or form body unparsed and the endpoint answers as if no body
 * had been sent ("reason must be one of …") — true, but not the reason.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!METHODS_WITH_BODY.has(req.method) || !hasBody(req)) return next();
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) return next();
  next(
    new HttpException(
      {
        code: 'unsupported_media_type',
        message: `Content-Type must be application/json${mediaType ? ` (got ${mediaType})` : ' (none was sent)'}`,
        details: { field: 'Content-Type' },
      },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ),
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
 * The body parser's errors in the API's error shape. Nest maps only its
 * JSON SyntaxError (to a bare "bad_request"); a too-large body, a charset or
 * encoding we don't read and a corrupt gzip stream reached the exception
 * filter as unknown errors and answered 500.
 */
export function bodyParserErrorToHttp(error: BodyParserError): HttpException | null {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || error.expose === false) return null;
  const answer = (code: string, message: string, details?: Record<string, unknown>) =>
    new HttpException({ code, message, ...(details ? { details } : {}) }, status);
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

/** Express error middleware, right after the body parser: hands Nest an HttpException it answers in the one error shape. */
export function bodyParserErrors(error: BodyParserError, _req: Request, _res: Response, next: NextFunction): void {
  // Ours (requireJsonBody's 415) already is one; HttpException carries a `status` too, so test it first.
  next(error instanceof HttpException ? error : (bodyParserErrorToHttp(error) ?? error));
}
