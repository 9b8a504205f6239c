import { InvalidCommandJobError, parseCommandJob } from './command-jobs';

const ORDER_ID = 'ord_5f1c0a9e3b7d4c2a8e6f0b1d';

/** The reason a job is refused with, or null when it parses. */
function refusal(name: string, data: unknown): string | null {
  try {
    parseCommandJob(name, data);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCommandJobError);
    return (error as Error).message;
  }
}

describe('parseCommandJob', () => {
  it.each([
    ['fulfill', { orderId: ORDER_ID, mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', note: 'shipped 📦' }],
    ['cancel', { channel: 'joom', externalId: 'ext-1', reason: 'customer_request', requestedBy: 'crm-service', idempotencyKey: 'crm-4711' }],
    ['reject', { orderId: ORDER_ID, reason: 'out_of_stock', lineIds: ['l1'], bodyHash: 'internal' }],
    ['modify-tracking', { channel: 'joom', externalId: 'ext-1', carrier: 'China Post', trackingNumber: 'RB123456785CN', idempotencyKey: 'k-1' }],
    ['cancel', { orderId: ORDER_ID, reason: 'customer_request', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }],
  ])('accepts a well-formed %s job', (name, data) => {
    expect(refusal(name, data)).toBeNull();
    expect(parseCommandJob(name, data).name).toBe(name);
  });

  it.each([
    ['an unknown name', 'launch', { orderId: ORDER_ID }, /unknown job name "launch"/],
    ['a name that is an Object member', 'constructor', { orderId: ORDER_ID }, /unknown job name "constructor"/],
    ['another Object member', 'toString', { orderId: ORDER_ID }, /unknown job name "toString"/],
    ['__proto__ as the name', '__proto__', { orderId: ORDER_ID }, /unknown job name "__proto__"/],
    ['a 10,000-character name, shortened', 'x'.repeat(10_000), {}, /unknown job name "x{100}…"/],
    ['a malformed traceparent', 'cancel', { orderId: ORDER_ID, reason: 'customer_request', traceparent: '00-xyz' }, /traceparent must be a W3C traceparent/],
  ])('refuses %s', (_case, name, data, why) => {
    expect(refusal(name, data)).toMatch(why);
  });

  it.each([
    ['null', null, 'null'],
    ['a string', 'cancel it', 'a string'],
    ['a number', 42, 'a number'],
    ['an array', [{ orderId: ORDER_ID, reason: 'other' }], 'an array'],
  ])('refuses job data that is %s', (_case, data, what) => {
    expect(refusal('cancel', data)).toBe(`job data must be a JSON object, not ${what}`);
  });

  it.each([
    ['no target', { reason: 'other' }, /orderId must be a gateway order id/],
    ['an orderId of the wrong type', { orderId: 42, reason: 'other' }, /orderId must be a string/],
    ['an unknown reason', { orderId: ORDER_ID, reason: 'bored' }, /reason must be one of/],
    ['an extra field', { orderId: ORDER_ID, reason: 'other', extra: 1 }, /property extra should not exist/],
    ['__proto__ (kept by JSON.parse, dropped by class-transformer)', JSON.parse(`{"orderId":"${ORDER_ID}","reason":"other","__proto__":{"x":1}}`), /property __proto__ should not exist/],
    ['constructor', { orderId: ORDER_ID, reason: 'other', constructor: { prototype: {} } }, /property constructor should not exist/],
    ['hostile nesting', { orderId: ORDER_ID, reason: 'other', note: JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) }, /nests deeper than/],
    ['a 1 MB note', { orderId: ORDER_ID, reason: 'other', note: 'n'.repeat(1_000_000) }, /note must be shorter than or equal to 500 characters/],
    ['a NUL byte in requestedBy', { orderId: ORDER_ID, reason: 'other', requestedBy: 'crm\u0000' }, /requestedBy must not contain control characters/],
    ['a zero-width space in the idempotency key', { orderId: ORDER_ID, reason: 'other', idempotencyKey: 'k\u200b1' }, /idempotencyKey must not contain invisible/],
    ['a lone surrogate in the note', { orderId: ORDER_ID, reason: 'other', note: '\ud83d' }, /note must be well-formed Unicode/],
  ])('refuses a cancel job with %s, naming the field', (_case, data, why) => {
    expect(refusal('cancel', data)).toMatch(why);
  });

  it('accepts a fulfil job naming lines for Flexport (docs/api-decisions.md FX-9)', () => {
    expect(refusal('fulfill', { orderId: ORDER_ID, mode: 'flexport', lines: [{ lineId: 'l1' }, { lineId: 'l2' }] })).toBeNull();
  });

  it.each([
    ['with mode tracking', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', lines: [{ lineId: 'l1' }] }, /lines is only for mode flexport, not tracking/],
    ['null', { mode: 'flexport', lines: null }, /lines must be an array/],
    ['empty', { mode: 'flexport', lines: [] }, /lines should not be empty/],
    ['naming a line twice', { mode: 'flexport', lines: [{ lineId: 'l1' }, { lineId: 'l1' }] }, /lines must name each line once/],
    ['a line without lineId', { mode: 'flexport', lines: [{}] }, /lineId must be a string/],
    ['a quantity (a line ships whole)', { mode: 'flexport', lines: [{ lineId: 'l1', quantity: 1 }] }, /property quantity should not exist/],
    ['a line that is not an object', { mode: 'flexport', lines: ['l1'] }, /lines/],
  ])('refuses a fulfil job whose lines are %s, naming the field', (_case, data, why) => {
    expect(refusal('fulfill', { orderId: ORDER_ID, ...data })).toMatch(why);
  });

  it('names every bad field in the error details', () => {
    try {
      parseCommandJob('fulfill', { orderId: ORDER_ID, mode: 'tracking', carrier: 'DHL\u0000', extra: true });
      throw new Error('expected a refusal');
    } catch (error) {
      const fields = ((error as InvalidCommandJobError).details as { fields: { field: string }[] }).fields.map((row) => row.field);
      expect(fields).toEqual(expect.arrayContaining(['carrier', 'trackingNumber', 'extra']));
    }
  });

  it.each([
    ['no carrier', { orderId: ORDER_ID, trackingNumber: 'RB123456785CN' }, /carrier must be a string/],
    ['a 65-character carrier', { orderId: ORDER_ID, carrier: 'c'.repeat(65), trackingNumber: 'RB123456785CN' }, /carrier must be shorter than or equal to 64 characters/],
    ['a line break in the carrier', { orderId: ORDER_ID, carrier: 'China\nPost', trackingNumber: 'RB123456785CN' }, /carrier must not contain/],
    ['no tracking number', { orderId: ORDER_ID, carrier: 'DHL' }, /trackingNumber must be 3–64 letters, digits or dashes/],
    ['a 305-character tracking number', { orderId: ORDER_ID, carrier: 'DHL', trackingNumber: 'A'.repeat(305) }, /trackingNumber must be 3–64 letters, digits or dashes/],
    ['a tracking number of another type', { orderId: ORDER_ID, carrier: 'DHL', trackingNumber: 12345678 }, /trackingNumber must be a string/],
    ['a fulfil field (mode)', { orderId: ORDER_ID, mode: 'tracking', carrier: 'DHL', trackingNumber: 'RB123456785CN' }, /property mode should not exist/],
    ['a note (the body is carrier and tracking number only)', { orderId: ORDER_ID, carrier: 'DHL', trackingNumber: 'RB123456785CN', note: 'x' }, /property note should not exist/],
  ])('refuses a modify-tracking job with %s, like fulfil refuses its tracking fields', (_case, data, why) => {
    expect(refusal('modify-tracking', data)).toMatch(why);
  });

  it.each([
    ['flexport', { mode: 'flexport', carrier: { any: 'json' } }, 'carrier', /carrier is only for mode tracking, not flexport/],
    ['flexport', { mode: 'flexport', trackingNumber: 42 }, 'trackingNumber', /trackingNumber is only for mode tracking, not flexport/],
    ['flexport', { mode: 'flexport', carrier: null }, 'carrier', /carrier is only for mode tracking/],
    ['online', { mode: 'online', carrier: 'DHL', trackingNumber: 'JD0146000062815' }, 'carrier', /carrier is only for mode tracking, not online/],
    ['tracking', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', shipMethod: 'standard' }, 'shipMethod', /shipMethod is only for mode flexport, not tracking/],
    ['online', { mode: 'online', shipMethod: 'priority' }, 'shipMethod', /shipMethod is only for mode flexport, not online/],
  ])('refuses a field of another mode with mode %s, naming it', (_mode, body, field, why) => {
    expect(refusal('fulfill', { orderId: ORDER_ID, ...body })).toMatch(why);
    try {
      parseCommandJob('fulfill', { orderId: ORDER_ID, ...body });
    } catch (error) {
      expect(((error as InvalidCommandJobError).details as { fields: { field: string }[] }).fields.map((row) => row.field)).toContain(field);
    }
  });

  it.each([
    ['tracking', { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }],
    ['flexport', { mode: 'flexport' }],
    ['flexport with a ship method', { mode: 'flexport', shipMethod: 'expedited' }],
    ['online', { mode: 'online', note: 'via Joom Logistics' }],
  ])('accepts the fields of its own mode (%s)', (_case, body) => {
    expect(refusal('fulfill', { orderId: ORDER_ID, ...body })).toBeNull();
  });

  it.each([
    ['a channel of the wrong type', { orderId: ORDER_ID, channel: 42, externalId: 'ext-1' }, /channel must be one of/],
    ['a channel without externalId', { orderId: ORDER_ID, channel: 'joom' }, /externalId must be a string/],
    ['an externalId without channel', { orderId: ORDER_ID, externalId: { id: 1 } }, /channel must be one of.*externalId must be a string/],
  ])('checks channel + externalId whole even beside an orderId: %s', (_case, data, why) => {
    expect(refusal('cancel', { reason: 'other', ...data })).toMatch(why);
  });
});
