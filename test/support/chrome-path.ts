import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const DEPS = join(__dirname, '..', '..', 'scripts', 'lib', 'deps.sh');

/**
 * The Chrome or Chromium the browser tests drive: `CHROME_PATH`, or the
 * usual places, found by the same function scripts/ensure-deps.sh uses
 * (scripts/lib/deps.sh `find_chrome`), so the two never disagree.
 */
export function chromePath(): string {
  try {
    return execFileSync('bash', ['-c', '. "$1" && find_chrome', 'find_chrome', DEPS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: process.env }).trim();
  } catch (error) {
    const reason = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(
      `${reason || 'no Chrome or Chromium found'}: set CHROME_PATH to a Chrome or Chromium binary, or install one (scripts/ensure-deps.sh --for-tests does on Debian; macOS: brew install --cask chromium)`,
      { cause: error },
    );
  }
}
