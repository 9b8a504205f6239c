import type { IncomingMessage } from 'node:http';
import { json } from 'body-parser';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bodyParserErrorToHttp, isJsonMediaType, JSON_BODY_LIMIT, mediaTypeOf, unsupportedBody, verifyUtf8 } from './json-body';

/** Fastify has already picked this parser, so body-parser must not second-guess the type. */
const readJson = json({ limit: JSON_BODY_LIMIT, type: () => true, verify: verifyUtf8 });

/** Routes that also need the bytes as received (a signature over the raw body); every other route skips the copy. */
const RAW_BODY_PATH = /^\/v1\/webhooks\/flexport\/?(?:\?|$)/i;

/** The raw request on a RAW_BODY_PATH route, with the (inflated) body bytes the JSON was parsed from. */
export type RequestWithRawBody = IncomingMessage & { rawBody?: Buffer };

const readJsonKeepingRaw = json({
  limit: JSON_BODY_LIMIT,
  type: () => true,
  verify: (req: RequestWithRawBody, res: unknown, body: Buffer) => {
    verifyUtf8(req, res, body);
    req.rawBody = body;
  },
});

/** Where other body formats are refused (the REST API); elsewhere (the queue dashboard) they are left unread. */
const API_PATH = /^\/v1(?:[/?]|$)/i;

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Fastify's own JSON parser differs from the API's contract: it
 * refuses an empty JSON body and `__proto__` keys with its own errors (the
 * validation pipe names them instead), reads no gzip/deflate/br bodies and
 * ignores the charset. So every body goes through body-parser, on the raw
 * request, with these options: JSON only, 64 kB on the inflated
 * body, UTF-8 only, strict (objects and arrays) — and its errors become the
 * API's error shape here.
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request: FastifyRequest, _payload: IncomingMessage, done: Done) => {
    if (!isJsonMediaType(mediaTypeOf(request.headers))) {
      done(API_PATH.test(request.url) ? unsupportedBody(request.method, request.headers) : null);
      return;
    }
    const raw = request.raw as RequestWithRawBody & { body?: unknown };
    const read = RAW_BODY_PATH.test(request.url) ? readJsonKeepingRaw : readJson;
    read(raw, {} as never, (error?: Error) => (error ? done(bodyParserErrorToHttp(error) ?? error) : done(null, raw.body)));
  });
}
