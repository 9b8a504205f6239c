import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ERROR_CODES } from './api-error-codes';

/** Non-test TypeScript files under `folder`. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('testing'))
    .map((file) => join(folder, file));
}

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Raised by the worker on a malformed queue job; the api only names it in a failed job's `error`, never as an answer's code. */
const WORKER_ONLY = ['invalid_command_job'];

describe('API_ERROR_CODES', () => {
  it('lists every code the api throws in an HttpException body and every domain error code of the libraries it answers for', () => {
    const thrown = new Set<string>();
    // `new XxxException({ code: '…' })` in the api.
    for (const file of sources(join(ROOT, 'apps/api/src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/Exception\(\s*\{\s*code: '([a-z_]+)'/g)) thrown.add(match[1]);
    }
    // `readonly code = '…'` of the DomainErrors the api's requests can raise (orders, store, queues) and its own.
    for (const folder of ['apps/api/src', 'libs/orders/src', 'libs/store/src', 'libs/queues/src']) {
      for (const file of sources(join(ROOT, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/readonly code = '([a-z_]+)'/g)) thrown.add(match[1]);
      }
    }
    expect(thrown.size).toBeGreaterThan(20);
    expect([...thrown].filter((code) => !API_ERROR_CODES.includes(code) && !WORKER_ONLY.includes(code))).toEqual([]);
  });
});
