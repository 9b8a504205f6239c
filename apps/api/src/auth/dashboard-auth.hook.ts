import type { onRequestHookHandler } from 'fastify';
import { ErrorBody } from '../http/error-body';
import { indexApiKeys, matchApiKey } from './api-keys';

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

/**
 * Guards the queue dashboard (`/queues`), which is a fastify plugin, not a
 * controller, and so is not reached by the API-key guard or the exception
 * filter. Accepts the same keys as the REST API, as Bearer or as the Basic
 * password, and answers a refusal itself in the usual error shape: inside
 * the dashboard's scope a thrown error would reach bull-board's own error
 * handler instead.
 */
export function dashboardAuthHook(apiKeys: readonly string[]): onRequestHookHandler {
  const keys = indexApiKeys(apiKeys);
  return (request, reply, done) => {
    const key = apiKeyFromAuthorization(request.headers.authorization);
    if (key !== null && matchApiKey(keys, key)) return done();
    const body: ErrorBody = {
      statusCode: 401,
      code: 'unauthorized',
      message: key === null ? 'sign in with an API key as the password (any user name), or send "Authorization: Bearer <key>"' : 'API key not recognised',
    };
    reply.code(401).header('WWW-Authenticate', DASHBOARD_CHALLENGE).send(body);
  };
}
