import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startApi } from '../support/api-fixture';

/** The JSON pointer of the first place `actual` and `expected` differ, or null when they are equal. */
function firstDifference(actual: unknown, expected: unknown, at = ''): string | null {
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return Object.is(actual, expected) ? null : at || '/';
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return at || '/';
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const difference = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (difference !== null) return difference;
  }
  return null;
}

describe('the OpenAPI contract', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is what the running api serves at /docs-json: openapi.json is committed up to date', async () => {
    const { body: served } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    const difference = firstDifference(served, committed);
    if (difference !== null) throw new Error(`/docs-json differs from openapi.json at ${difference}: run npm run openapi (and commit openapi.json and libs/client/src/schema.d.ts)`);
  });
});
