import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosInstance } from 'axios';

export interface HttpClientOptions {
  baseURL: string;
  /** Credentials and other fixed headers; never put tokens in URLs. */
  headers: Record<string, string>;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An axios instance with keep-alive connections and a hard timeout. It never
 * throws on an HTTP status (`validateStatus` accepts all): each client reads
 * the body in its own API's error shape and classifies it.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  return axios.create({
    baseURL: options.baseURL,
    headers: { Accept: 'application/json', ...options.headers },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
    validateStatus: () => true,
    maxRedirects: 0,
  });
}
