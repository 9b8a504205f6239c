import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosInstance } from 'axios';
import { noteRemoteAnswer, noteRemoteNoAnswer } from './remote-answers';
import { noteRemoteRequestId, requestIdHeader } from './remote-request-scope';
import { RemoteSystem } from './remote-errors';

export interface HttpClientOptions {
  baseURL: string;
  /** Credentials and other fixed headers; never put tokens in URLs. */
  headers: Record<string, string>;
  timeoutMs?: number;
  /** The system called: its answers are noted for its circuit (remote-answers.ts). */
  system?: RemoteSystem;
  /** The account whose credentials the client sends (docs/api-decisions.md AC-1): the worker counts its calls by it. Default `main`. */
  account?: string;
  /**
   * The response header (lower case) in which the system documents its
   * request id. Each answer's value is recorded in the caller's remote
   * request scope (remote-request-scope.ts), where the worker's step line
   * reads it. Unset for a system that documents none.
   */
  requestIdHeader?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Keep-alive sockets, probed by TCP after 60 s idle. 60 s is also what axios
 * sets on every request's socket: with the agent's default (1 s) the two
 * alternated, and each request paid two `setsockopt` calls to flip it.
 */
export const KEEP_ALIVE_AGENT_OPTIONS = { keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 64 } as const;

/**
 * An axios instance with keep-alive connections and a hard timeout. It never
 * throws on an HTTP status (`validateStatus` accepts all): each client reads
 * the body in its own API's error shape and classifies it.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const client = axios.create({
    baseURL: options.baseURL,
    headers: { Accept: 'application/json', ...options.headers },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    httpAgent: new HttpAgent(KEEP_ALIVE_AGENT_OPTIONS),
    httpsAgent: new HttpsAgent(KEEP_ALIVE_AGENT_OPTIONS),
    validateStatus: () => true,
    maxRedirects: 0,
  });
  const { system, account, requestIdHeader: idHeader } = options;
  if (system) {
    client.interceptors.response.use(
      (response) => {
        noteRemoteAnswer(system, response.status, Date.now(), account);
        if (idHeader) noteRemoteRequestId(requestIdHeader(response.headers, idHeader));
        return response;
      },
      // Every status resolves (validateStatus), so a rejection here is a call that got no answer.
      (error: unknown) => {
        noteRemoteNoAnswer(system, account);
        if (idHeader) noteRemoteRequestId(null);
        return Promise.reject(error);
      },
    );
  }
  return client;
}
