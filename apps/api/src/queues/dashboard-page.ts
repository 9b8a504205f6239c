import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { onSendHookHandler } from 'fastify';
import { bundleStyleHashes, pageStyleHashes } from '../http/inline-style-hashes';
import { packageFolder } from '../http/package-files';

/** bull-board's UI package: its page template and static files (passed to createBullBoard, so both read the same copy). */
export const DASHBOARD_UI_PATH = packageFolder('@bull-board/ui');

/** The CSP hashes of bull-board's inline styles: its page's loading screen and the Redis logo its app draws. */
export function dashboardStyleHashes(): string[] {
  const dist = join(DASHBOARD_UI_PATH, 'dist');
  const scripts = join(dist, 'static', 'js');
  const bundles = readdirSync(scripts).filter((file) => file.endsWith('.js'));
  return [...pageStyleHashes(readFileSync(join(dist, 'index.ejs'), 'utf8'), 'bull-board'), ...bundles.flatMap((file) => bundleStyleHashes(readFileSync(join(scripts, file), 'utf8')))];
}

const GOOGLE_FONTS = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/g;

/**
 * bull-board's page links a Google Fonts stylesheet: every operator opening
 * the dashboard would tell Google, and the CSP would have to admit two
 * third-party hosts. The api drops that link from the page, which then uses
 * the system's sans-serif and monospace fonts; nothing else depends on it.
 */
export const withoutGoogleFonts: onSendHookHandler<unknown> = (_request, reply, payload, done) => {
  const type = reply.getHeader('content-type');
  if (typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')) return done(null, payload.replace(GOOGLE_FONTS, ''));
  done(null, payload);
};
