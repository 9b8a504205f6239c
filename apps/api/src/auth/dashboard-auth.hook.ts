import type { onRequestHookHandler } from 'fastify';
import { ErrorBody } from '../http/error-body';
import { ApiKeys, Caller, callerOfKey } from './api-keys';

/** Sent with every 401, so a browser asks for credentials (user name: anything; password: an API key). */
export const DASHBOARD_CHALLENGE = 'Basic realm="queues"';

/**
 * The API key from `Authorization: Bearer <key>`, or from HTTP Basic auth
 * whose password is the key (any user name): what a browser can send. Null
 * when the header carries neither.
 */
export function apiKeyFromAuthorization(header: string | undefined): string | null {
  const [scheme, value, ...rest] = (header ?? '').trim().split(/\s+/);
  if (!value || rest.length > 0) return null;
  if (/^bearer$/i.test(scheme)) return value;
  if (!/^basic$/i.test(scheme)) return null;
  const credentials = Buffer.from(value, 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon >= 0 && colon < credentials.length - 1 ? credentials.slice(colon + 1) : null;
}

/** The caller an `Authorization` header names on the dashboard (Bearer or Basic password), or null. */
export function dashboardCallerOf(keys: ApiKeys, authorization: string | undefined): Caller | null {
  const key = apiKeyFromAuthorization(authorization);
  return key === null ? null : callerOfKey(keys, key);
}

/** Requests that only read; every other method under /queues is one of bull-board's write actions. */
const READS = new Set(['GET', 'HEAD']);

/**
 * Guards the queue dashboard (`/queues`), which is a fastify plugin, not a
 * controller, and so is not reached by the API-key guard or the exception
 * filter. Accepts the same keys as the REST API, as Bearer or as the Basic
 * password; any key may read, only an admin key (ADMIN_API_KEYS) may send
 * a write (every bull-board write route is a POST, PUT or PATCH: add, edit,
 * retry, clean, pause, obliterate, rate limits, schedulers — refused by
 * method, so a route a later bull-board adds is refused too). It answers a
 * refusal itself in the usual error shape: inside the dashboard's scope a
 * thrown error would reach bull-board's own error handler instead.
 */
export function dashboardAuthHook(keys: ApiKeys): onRequestHookHandler {
  return (request, reply, done) => {
    const key = apiKeyFromAuthorization(request.headers.authorization);
    const caller = key === null ? null : callerOfKey(keys, key);
    if (caller && (caller.admin || READS.has(request.method))) return done();
    if (caller) {
      const forbidden: ErrorBody = { statusCode: 403, code: 'forbidden', message: 'changing queues from the dashboard needs an admin key (ADMIN_API_KEYS); this API key may only look' };
      reply.code(403).send(forbidden);
      return;
    }
    const body: ErrorBody = {
      statusCode: 401,
      code: 'unauthorized',
      message: key === null ? 'sign in with an API key as the password (any user name), or send "Authorization: Bearer <key>"' : 'API key not recognised',
    };
    reply.code(401).header('WWW-Authenticate', DASHBOARD_CHALLENGE).send(body);
  };
}
