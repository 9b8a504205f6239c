import type { FastifyInstance } from 'fastify';

type Headers = Readonly<Record<string, string>>;

/**
 * Sent with every answer. The REST API answers JSON that no browser should
 * render, run or frame: `default-src 'none'` lets such a response load
 * nothing if it is ever opened as a page, `frame-ancestors 'none'` (with
 * X-Frame-Options for browsers without CSP 2) keeps every page out of other
 * sites' frames (clickjacking), nosniff stops a browser from guessing a
 * script or a page out of a JSON body, and no URL — order ids in a path —
 * leaks to another site as a Referer.
 */
export const API_SECURITY_HEADERS: Headers = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
});

/** What one browser page (Swagger UI, the queue dashboard) may load beyond its own origin's scripts and styles. */
export interface PagePolicy {
  /** `'sha256-…'` sources of the page's inline `<style>` blocks and `style` attributes (inline-style-hashes.ts). */
  styleHashes: readonly string[];
  /** Extra img-src sources, e.g. `data:` for images inlined in the page's CSS. */
  images?: readonly string[];
}

/**
 * The headers of a browser page's HTML, assets and XHRs: its scripts, styles,
 * images and XHRs from this origin only, no inline or eval'd script, no
 * plugin, no `<base>` or form pointing elsewhere, never framed. Inline styles
 * are allowed by hash only (`'unsafe-hashes'` lets those hashes match
 * `style="…"` attributes too), never by `'unsafe-inline'`.
 */
export function pageSecurityHeaders(policy: PagePolicy): Headers {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    ["style-src 'self'", ...(policy.styleHashes.length > 0 ? ["'unsafe-hashes'", ...policy.styleHashes] : [])].join(' '),
    ["img-src 'self'", ...(policy.images ?? [])].join(' '),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return Object.freeze({ ...API_SECURITY_HEADERS, 'Content-Security-Policy': csp });
}

/** A path prefix (`/docs`) and the headers of everything under it. */
export interface PageRoute {
  prefix: string;
  headers: Headers;
}

/** True when `url` is `prefix` itself or below it (`/docs`, `/docs/`, `/docs?x`, `/docs/x.js`; not `/docs-json`). */
export function isUnder(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charCodeAt(prefix.length);
  // End of the URL, '/' or '?'.
  return Number.isNaN(next) || next === 47 || next === 63;
}

/**
 * Adds the headers to every answer, at the root instance so that the
 * dashboard's plugin scope, Swagger's routes and static files, 404s and
 * errors get them too. Header objects are built once: the REST path pays
 * one prefix test per page and four header assignments.
 */
export function sendSecurityHeaders(fastify: FastifyInstance, pages: readonly PageRoute[]): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headersFor(request.url, pages));
    done();
  });
}

export function headersFor(url: string, pages: readonly PageRoute[]): Headers {
  for (const page of pages) if (isUnder(url, page.prefix)) return page.headers;
  return API_SECURITY_HEADERS;
}
