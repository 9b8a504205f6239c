import { gzipSync } from 'node:zlib';
import type { Response, Test } from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { COMMAND_QUEUES, SYNC_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { expectErrorAnswer, longString, waitForBootSync, watchWorld, World } from '../support/bad-input-fixtures';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/*
 * POST /v1/orders/{id}/fulfill | cancel | reject with every kind of bad
 * input, against the real api, worker and sandbox: each is a 4xx in the one
 * error shape, naming the field, and nothing changes — no job, no order
 * version or history entry, no event, no call that changes a marketplace.
 */

type Command = 'fulfill' | 'cancel' | 'reject';
const JSON_TYPE = 'application/json';

describe('bad input: command bodies (POST /v1/orders/{id}/fulfill | cancel | reject)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let world: World;
  let joom: CanonicalOrder;
  let akinon: CanonicalOrder;
  /** Orders that do take a command: one for the Idempotency-Key replay, one per accepted unicode note. */
  let spare: CanonicalOrder[];

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox);
    await waitForBootSync(Object.values(SYNC_QUEUES));
    [joom, ...spare] = await ingestMatching(stack, 'joom', 5, offlineReady);
    [akinon] = await ingestMatching(stack, 'akinon', 1, (order) => order.snapshot.status === 'ready');
    world = watchWorld({ store: stack.store, queues: COMMAND_QUEUES, targets: () => [joom.id, akinon.id], sandbox });
  });
  afterAll(async () => {
    await world?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  /** The order a command case targets: reject cases with line ids go to the Akinon order, the rest to the Joom one. */
  const targetOf = (command: Command) => (command === 'reject' ? akinon : joom);

  /** Sends a raw body — exactly these characters or bytes — with an API key and a JSON Content-Type unless headers say otherwise. */
  function post(path: string, body?: string | Buffer, headers: Record<string, string> = { 'Content-Type': JSON_TYPE }): Test {
    let request = stack.http.post(path);
    for (const [name, value] of Object.entries({ ...auth, ...headers })) request = request.set(name, value);
    // superagent would JSON-encode a Buffer sent as application/json ({"type":"Buffer","data":[…]}).
    return body === undefined ? request : request.serialize((raw: unknown) => raw as string).send(body);
  }

  /** Runs a request that must be refused: the error answer, then proof that nothing changed. */
  async function expectRefused(send: () => Test, status: number, code: string, field?: string): Promise<Response> {
    const before = await world.snapshot();
    const seq = await world.lastCallSeq();
    const response = await send();
    expectErrorAnswer(response, status, code, field);
    expect(await world.snapshot()).toEqual(before);
    expect(await world.effectCallsSince(seq)).toEqual([]);
    return response;
  }

  describe('malformed JSON → 400 malformed_body', () => {
    it.each([
      ['truncated', 'cancel', '{"reason":"oth'],
      ['trailing garbage', 'cancel', '{"reason":"other"} xyz'],
      ['two objects', 'cancel', '{"reason":"other"}{"reason":"other"}'],
      ['single quotes', 'fulfill', "{'mode':'online'}"],
      ['a trailing comma', 'reject', '{"reason":"other",}'],
      ['an unquoted key', 'fulfill', '{mode:"online"}'],
      ['NaN', 'cancel', '{"reason":"other","note":NaN}'],
      ['a comment', 'cancel', '{"reason":"other" /* why */}'],
      ['only whitespace and a brace', 'cancel', '  {  '],
      ['invalid UTF-8 bytes', 'cancel', Buffer.from([0x7b, 0x22, 0x72, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ['a lone surrogate encoded as bytes (CESU-8)', 'cancel', Buffer.concat([Buffer.from('{"reason":"other","note":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])],
    ] as [string, Command, string | Buffer][])('%s (%s)', async (_case, command, body) => {
      await expectRefused(() => post(`/v1/orders/${targetOf(command).id}/${command}`, body), 400, 'malformed_body', 'body');
    });

    it.each([
      ['null', 'null'],
      ['a string', '"out_of_stock"'],
      ['a number', '42'],
      ['a boolean', 'true'],
      ['an empty array', '[]'],
      ['an array holding the right object', '[{"reason":"other"}]'],
    ])('JSON that is %s, not an object', async (_case, body) => {
      const response = await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, body), 400, 'malformed_body', 'body');
      expect(response.body.message).toMatch(/^request body must be a JSON object/);
    });

    it.each([
      ['an empty JSON body', ''],
      ['an empty object', '{}'],
    ])('%s names the missing required field', async (_case, body) => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, body), 400, 'validation_failed', 'reason');
    });

    it('no body at all names the missing required field', async () => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/fulfill`, undefined, {}), 400, 'validation_failed', 'mode');
    });
  });

  describe('wrong content type or encoding → 415', () => {
    it.each([
      ['text/plain', { 'Content-Type': 'text/plain' }, '{"reason":"other"}'],
      ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'reason=other'],
      ['XML', { 'Content-Type': 'application/xml' }, '<cancel reason="other"/>'],
      ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nother\r\n--x--'],
      ['a look-alike media type', { 'Content-Type': 'application/jsonx' }, '{"reason":"other"}'],
      ['a charset other than UTF-8', { 'Content-Type': 'application/json; charset=latin1' }, '{"reason":"other"}'],
    ])('%s', async (_case, headers, body) => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, body, headers), 415, 'unsupported_media_type', 'Content-Type');
    });

    it('an unknown content encoding', async () => {
      const headers = { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'compress' };
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, '{"reason":"other"}', headers), 415, 'unsupported_media_type', 'Content-Encoding');
    });

    it('a body claiming gzip that is not gzip → 400, not 500', async () => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, '{"reason":"other"}', { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' }), 400, 'bad_request', 'body');
    });

    it('a gzip bomb (64 kB limit applies to the inflated body) → 413', async () => {
      const bomb = gzipSync(Buffer.from(`{"reason":"other","note":"${longString(5_000_000)}"}`));
      expect(bomb.length).toBeLessThan(64 * 1024);
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, bomb, { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' }), 413, 'payload_too_large', 'body');
    });
  });

  describe('wrong types → 400 validation_failed naming the field', () => {
    it.each([
      ['fulfill', { mode: 1 }, 'mode'],
      ['fulfill', { mode: ['online'] }, 'mode'],
      ['fulfill', { mode: { value: 'online' } }, 'mode'],
      ['fulfill', { mode: null }, 'mode'],
      ['fulfill', { mode: 'ONLINE' }, 'mode'],
      ['fulfill', { mode: 'teleport' }, 'mode'],
      ['fulfill', { mode: 'tracking', carrier: 42, trackingNumber: 'JD0146000062815' }, 'carrier'],
      ['fulfill', { mode: 'tracking', carrier: ['DHL'], trackingNumber: 'JD0146000062815' }, 'carrier'],
      ['fulfill', { mode: 'tracking', carrier: 'DHL', trackingNumber: 146000062815 }, 'trackingNumber'],
      ['fulfill', { mode: 'tracking', carrier: 'DHL', trackingNumber: { id: 'JD0146000062815' } }, 'trackingNumber'],
      ['fulfill', { mode: 'tracking', carrier: '', trackingNumber: 'JD0146000062815' }, 'carrier'],
      ['fulfill', { mode: 'tracking', carrier: 'DHL' }, 'trackingNumber'],
      ['fulfill', { mode: 'flexport', shipMethod: 'warp' }, 'shipMethod'],
      ['fulfill', { mode: 'flexport', shipMethod: 1 }, 'shipMethod'],
      // Fields of another mode are refused, whatever their value.
      ['fulfill', { mode: 'flexport', carrier: { name: 'DHL' } }, 'carrier'],
      ['fulfill', { mode: 'flexport', trackingNumber: 146000062815 }, 'trackingNumber'],
      ['fulfill', { mode: 'flexport', carrier: 'DHL', trackingNumber: 'JD0146000062815' }, 'carrier'],
      ['fulfill', { mode: 'online', trackingNumber: 'JD0146000062815' }, 'trackingNumber'],
      ['fulfill', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', shipMethod: 'standard' }, 'shipMethod'],
      ['fulfill', { mode: 'online', shipMethod: 'priority' }, 'shipMethod'],
      ['fulfill', { mode: 'online', note: 42 }, 'note'],
      ['fulfill', { mode: 'online', note: ['a'] }, 'note'],
      ['cancel', { reason: 7 }, 'reason'],
      ['cancel', { reason: true }, 'reason'],
      ['cancel', { reason: ['other'] }, 'reason'],
      ['cancel', { reason: { code: 'other' } }, 'reason'],
      ['cancel', { reason: 'bored' }, 'reason'],
      ['cancel', { reason: 'other', note: { text: 'x' } }, 'note'],
      ['reject', { reason: 'other', lineIds: 'l1' }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: [] }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: [1, 2] }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: [['l1']] }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: [{ id: 'l1' }] }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: [''] }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: Array.from({ length: 201 }, (_, i) => `l${i}`) }, 'lineIds'],
      ['reject', { reason: 'other', lineIds: null }, 'lineIds'],
    ] as [Command, object, string][])('%s %j', async (command, body, field) => {
      await expectRefused(() => post(`/v1/orders/${targetOf(command).id}/${command}`, JSON.stringify(body)), 400, 'validation_failed', field);
    });
  });

  it('the OpenAPI document shows the fulfil body as one schema per mode, chosen by mode', async () => {
    const { body: document } = await stack.http.get('/docs-json').expect(200);
    // The request body is FulfillBody, the name the queue contract uses, and FulfillBody is the oneOf.
    expect(document.paths['/v1/orders/{id}/fulfill'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/FulfillBody' });
    const schema = document.components.schemas.FulfillBody;
    const byMode = { tracking: 'FulfillTrackingBody', flexport: 'FulfillFlexportBody', online: 'FulfillOnlineBody' };
    expect(schema.oneOf).toEqual(Object.values(byMode).map((name) => ({ $ref: `#/components/schemas/${name}` })));
    expect(schema.discriminator).toEqual({ propertyName: 'mode', mapping: Object.fromEntries(Object.entries(byMode).map(([mode, name]) => [mode, `#/components/schemas/${name}`])) });
    const fields = (name: string) => Object.keys(document.components.schemas[name].properties).sort();
    expect([fields('FulfillTrackingBody'), fields('FulfillFlexportBody'), fields('FulfillOnlineBody')]).toEqual([
      ['carrier', 'mode', 'note', 'trackingNumber'],
      ['lines', 'mode', 'note', 'shipMethod'],
      ['mode', 'note'],
    ]);
  });

  describe('unknown fields → 400 naming each one', () => {
    it.each([
      ['fulfill', { mode: 'online', bogus: 1 }, 'bogus'],
      ['fulfill', { mode: 'online', orderId: 'ord_000000000000000000000000' }, 'orderId'],
      ['cancel', { reason: 'other', requestedBy: 'someone-else' }, 'requestedBy'],
      ['cancel', { reason: 'other', idempotencyKey: 'k-1' }, 'idempotencyKey'],
      ['cancel', { reason: 'other', bodyHash: 'forged' }, 'bodyHash'],
      ['cancel', { reason: 'other', channel: 'akinon', externalId: 'x' }, 'channel'],
      ['reject', { reason: 'other', status: 'rejected' }, 'status'],
      ['reject', { reason: 'other', version: 99 }, 'version'],
      ['fulfill', { mode: 'online', '': 1 }, ''],
    ] as [Command, object, string][])('%s %j', async (command, body, field) => {
      const response = await expectRefused(() => post(`/v1/orders/${targetOf(command).id}/${command}`, JSON.stringify(body)), 400, 'validation_failed');
      expect(response.body.details.fields).toContainEqual({ field, problems: [`property ${field} should not exist`] });
    });

    it('says why a field of another mode is refused', async () => {
      const response = await expectRefused(
        () => post(`/v1/orders/${joom.id}/fulfill`, JSON.stringify({ mode: 'flexport', carrier: 'DHL', shipMethod: 'standard' })),
        400,
        'validation_failed',
        'carrier',
      );
      expect(response.body.details.fields).toEqual([{ field: 'carrier', problems: ['carrier is only for mode tracking, not flexport'] }]);
    });

    it('names every bad field at once', async () => {
      const response = await expectRefused(() => post(`/v1/orders/${joom.id}/fulfill`, JSON.stringify({ mode: 'tracking', extra: 1, more: 2 })), 400, 'validation_failed');
      expect(response.body.details.fields.map((row: { field: string }) => row.field).sort()).toEqual(['carrier', 'extra', 'more', 'trackingNumber']);
    });
  });

  describe('prototype-pollution keys → 400 naming the key, prototypes untouched', () => {
    it.each([
      ['__proto__', '{"reason":"other","__proto__":{"polluted":true}}', '__proto__'],
      ['constructor', '{"reason":"other","constructor":{"prototype":{"polluted":true}}}', 'constructor'],
      ['prototype', '{"reason":"other","prototype":{"polluted":true}}', 'prototype'],
      ['__proto__ only', '{"__proto__":{"reason":"other"}}', '__proto__'],
      ['__proto__ inside lineIds', '{"reason":"other","lineIds":[{"__proto__":{"polluted":true}}]}', 'lineIds.0.__proto__'],
    ])('%s', async (_case, body, field) => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, body), 400, 'validation_failed', field);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('size and shape limits', () => {
    it.each([
      ['2 MB', 2_000_000],
      ['just over 64 kB', 64 * 1024 + 1],
    ])('a %s body → 413 payload_too_large', async (_case, size) => {
      const body = `{"reason":"other","note":"${longString(size)}"}`;
      const response = await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, body), 413, 'payload_too_large', 'body');
      expect(response.body.details.limit).toBe(64 * 1024);
    });

    it('a 2 MB body sent as text → 415, unread', async () => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, longString(2_000_000), { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type', 'Content-Type');
    });

    it.each([
      ['a 10,000-character note', 'cancel', { reason: 'other', note: longString(10_000) }, 'note'],
      ['a 10,000-character carrier', 'fulfill', { mode: 'tracking', carrier: longString(10_000), trackingNumber: 'JD0146000062815' }, 'carrier'],
      ['a 10,000-character tracking number', 'fulfill', { mode: 'tracking', carrier: 'DHL', trackingNumber: longString(10_000) }, 'trackingNumber'],
      ['a 10,000-character line id', 'reject', { reason: 'other', lineIds: [longString(10_000)] }, 'lineIds'],
    ] as [string, Command, object, string][])('%s → 400', async (_case, command, body, field) => {
      await expectRefused(() => post(`/v1/orders/${targetOf(command).id}/${command}`, JSON.stringify(body)), 400, 'validation_failed', field);
    });

    it.each([
      ['arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
      ['objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
    ])('a note nested 10,000+ levels deep in %s → 400, not a stack overflow', async (_case, note) => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, `{"reason":"other","note":${note}}`), 400, 'validation_failed', 'note');
    });
  });

  describe('unicode edge cases that cannot be stored or sent on → 400', () => {
    // Raw JSON text, so escapes reach the parser as written (a JS string would be re-encoded as UTF-8 first).
    it.each([
      ['a NUL byte in the carrier', 'fulfill', '{"mode":"tracking","carrier":"DHL\\u0000","trackingNumber":"JD0146000062815"}', 'carrier'],
      ['a line break in the carrier', 'fulfill', '{"mode":"tracking","carrier":"DHL\\nUPS","trackingNumber":"JD0146000062815"}', 'carrier'],
      ['a zero-width space in the carrier', 'fulfill', '{"mode":"tracking","carrier":"D\\u200bHL","trackingNumber":"JD0146000062815"}', 'carrier'],
      ['a right-to-left override in the carrier', 'fulfill', '{"mode":"tracking","carrier":"\\u202eLHD","trackingNumber":"JD0146000062815"}', 'carrier'],
      ['a lone surrogate in the carrier', 'fulfill', '{"mode":"tracking","carrier":"DHL\\ud800","trackingNumber":"JD0146000062815"}', 'carrier'],
      ['an emoji in the tracking number', 'fulfill', '{"mode":"tracking","carrier":"DHL","trackingNumber":"JD01460📦"}', 'trackingNumber'],
      ['a zero-width space in the tracking number', 'fulfill', '{"mode":"tracking","carrier":"DHL","trackingNumber":"JD014\\u200b6000"}', 'trackingNumber'],
      ['a NUL byte in the note', 'cancel', '{"reason":"other","note":"left\\u0000"}', 'note'],
      ['an escape sequence in the note', 'cancel', '{"reason":"other","note":"\\u001b[2Jcleared"}', 'note'],
      ['a lone high surrogate in the note', 'cancel', '{"reason":"other","note":"box \\ud83d"}', 'note'],
      ['a lone low surrogate in the note', 'cancel', '{"reason":"other","note":"\\udce9 box"}', 'note'],
      ['a NUL byte in a line id', 'reject', '{"reason":"other","lineIds":["l1\\u0000"]}', 'lineIds'],
      ['a NUL byte in the reason', 'cancel', '{"reason":"other\\u0000"}', 'reason'],
    ] as [string, Command, string, string][])('%s', async (_case, command, body, field) => {
      await expectRefused(() => post(`/v1/orders/${targetOf(command).id}/${command}`, body), 400, 'validation_failed', field);
    });
  });

  describe('order ids in the path', () => {
    it.each([
      ['a 10,000-character id', longString(10_000), 400, 'validation_failed', 'id'],
      ['a NUL byte', '%00', 400, 'validation_failed', 'id'],
      ['a zero-width space', 'ord_%E2%80%8B', 400, 'validation_failed', 'id'],
      ['broken percent-encoding', '%E0%A4%A', 400, 'bad_request', undefined],
      ['an unknown gateway id', 'ord_000000000000000000000000', 404, 'order_not_found', undefined],
      ['an encoded path traversal', '..%2F..%2Fetc%2Fpasswd', 404, 'order_not_found', undefined],
      ['encoded dots', '%2e%2e', 404, 'order_not_found', undefined],
      ['an encoded slash inside an id', `${'ord_'}%2F${'0'.repeat(24)}`, 404, 'order_not_found', undefined],
      ['an emoji', '%F0%9F%93%A6', 404, 'order_not_found', undefined],
    ] as [string, string, number, string, string | undefined][])('%s → %i', async (_case, id, status, code, field) => {
      await expectRefused(() => post(`/v1/orders/${id}/cancel`, '{"reason":"other"}'), status, code, field);
    });

    it('a path-traversal id that leaves the route → 404 route_not_found', async () => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/../../jobs/x/retry`, '{}'), 404, 'route_not_found');
    });
  });

  describe('Idempotency-Key header', () => {
    it.each([
      ['10,000 characters', longString(10_000)],
      ['201 characters', longString(201)],
      ['a space inside', 'key one'],
      ['non-ASCII bytes', Buffer.from('ключ-1', 'utf8').toString('latin1')],
      ['a tab', 'key\tone'],
      ['only whitespace (trimmed to empty)', '   '],
    ])('%s → 400 naming Idempotency-Key', async (_case, key) => {
      await expectRefused(() => post(`/v1/orders/${joom.id}/cancel`, '{"reason":"other"}', { 'Content-Type': JSON_TYPE, 'Idempotency-Key': key }), 400, 'validation_failed', 'Idempotency-Key');
    });

    it('sent twice (joined with a comma and space) → 400', async () => {
      const send = () =>
        stack.http
          .post(`/v1/orders/${joom.id}/cancel`)
          .set(auth)
          .set('Idempotency-Key', ['k-a', 'k-b'] as unknown as string)
          .send({ reason: 'other' });
      await expectRefused(send, 400, 'validation_failed', 'Idempotency-Key');
    });

    it('a refused body does not use up its key: the same key with a good body is then accepted, once', async () => {
      const order = spare[0];
      const key = 'bad-input-then-good';
      const headers = { 'Content-Type': JSON_TYPE, 'Idempotency-Key': key };
      await expectRefused(() => post(`/v1/orders/${order.id}/cancel`, '{"reason":"other","bogus":1}', headers), 400, 'validation_failed', 'bogus');
      await expectRefused(() => post(`/v1/orders/${order.id}/cancel`, '{"reason":', headers), 400, 'malformed_body', 'body');
      const accepted = await post(`/v1/orders/${order.id}/cancel`, '{"reason":"other"}', headers).expect(202);
      const replayed = await post(`/v1/orders/${order.id}/cancel`, '{"reason":"other"}', headers).expect(202);
      expect(replayed.body.jobId).toBe(accepted.body.jobId);
      expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    });
  });

  describe('authentication comes first', () => {
    it.each([
      ['no Authorization header', {}],
      ['a wrong key', { Authorization: 'Bearer wrong-key-0123456789abcdef' }],
      ['a key as Basic auth', { Authorization: `Basic ${Buffer.from(`x:${auth.Authorization.slice(7)}`).toString('base64')}` }],
      ['a 10,000-character key', { Authorization: `Bearer ${longString(10_000)}` }],
      ['the scheme alone', { Authorization: 'Bearer' }],
      ['the key twice', { Authorization: `${auth.Authorization} ${auth.Authorization.slice(7)}` }],
    ])('%s → 401 even with a bad body, before the body is looked at', async (_case, headers) => {
      const send = () => {
        let request = stack.http.post(`/v1/orders/${joom.id}/cancel`).set('Content-Type', JSON_TYPE);
        for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
        return request.send('{"reason":"other","bogus":1}');
      };
      await expectRefused(send, 401, 'unauthorized');
    });
  });

  describe('unicode that is real text is accepted and kept exactly', () => {
    it.each([
      ['emoji, a ZWJ family and a flag', 1, 'shipped 📦 to 👨‍👩‍👧 in 🇹🇷'],
      ['right-to-left text with its marks', 2, 'בוטל לבקשת הלקוח \u200f(שלום)'],
      ['combining marks, CJK and a tab', 3, 'Zoë Çelik\u0301 — 顧客の要望\tok'],
    ])('%s in a cancel note → 202, the same characters in the order history', async (_case, index, note) => {
      const order = spare[index];
      const accepted = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).send({ reason: 'customer_request', note }).expect(202);
      expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
      const history = await stack.store.repository.history(order.id);
      expect(history.at(-1)).toEqual(expect.objectContaining({ to: 'cancelled', note }));
    });
  });
});
