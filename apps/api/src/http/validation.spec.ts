import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { CancelBody } from '@app/queues';
import { isWellFormedOrderIdParams, OrderIdParams } from '../orders/dto/channel-order.params';
import { ListOrdersQuery } from '../orders/dto/list-orders.query';
import { createValidationPipe, GatewayValidationPipe } from './validation';

const body = (metatype: ArgumentMetadata['metatype'] = CancelBody): ArgumentMetadata => ({ type: 'body', metatype });
const query: ArgumentMetadata = { type: 'query', metatype: ListOrdersQuery };

/** What node's querystring parser returns: a prototype-less object, where `__proto__` is an ordinary key. */
function parsedQuery(entries: Record<string, string>): Record<string, string> {
  const result = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(entries)) result[key] = value;
  return result;
}

describe('GatewayValidationPipe', () => {
  const pipe = new GatewayValidationPipe();

  async function refusal(value: unknown, metadata: ArgumentMetadata) {
    try {
      await pipe.transform(value, metadata);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse() as { code: string; message: string; details: { fields?: { field: string }[] } };
    }
  }

  it('passes and transforms a good body and query', async () => {
    await expect(pipe.transform({ reason: 'other' }, body())).resolves.toBeInstanceOf(CancelBody);
    await expect(pipe.transform({ limit: '10', attention: 'true' }, query)).resolves.toEqual(expect.objectContaining({ limit: 10, attention: true }));
  });

  it('treats a missing body as empty, so the 400 names the missing fields', async () => {
    expect(await refusal(undefined, body())).toEqual(expect.objectContaining({ code: 'validation_failed', details: { fields: [expect.objectContaining({ field: 'reason' })] } }));
  });

  it('refuses an array body outright instead of validating its indexes as fields', async () => {
    expect(await refusal([{ reason: 'other' }], body())).toEqual({ code: 'malformed_body', message: 'request body must be a JSON object, not an array', details: { field: 'body' } });
  });

  it.each([
    ['__proto__', '{"reason":"other","__proto__":{"polluted":true}}'],
    ['constructor', '{"reason":"other","constructor":{"prototype":{"polluted":true}}}'],
  ])('refuses %s in a body like any unknown field (class-transformer would drop it silently)', async (field, json) => {
    const answer = await refusal(JSON.parse(json), body());
    expect(answer).toEqual(expect.objectContaining({ code: 'validation_failed', message: `property ${field} should not exist` }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses hostile nesting with a 400 instead of overflowing the stack', async () => {
    const deep = JSON.parse(`{"reason":"other","note":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect(await refusal(deep, body())).toEqual(expect.objectContaining({ code: 'validation_failed', message: expect.stringContaining('note') }));
  });

  it('lets a body it does not validate (webhooks) nest, but still refuses reserved keys', async () => {
    await expect(pipe.transform({ a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }, body(Object))).resolves.toBeDefined();
    expect(await refusal(JSON.parse('{"__proto__":{}}'), body(Object))).toEqual(expect.objectContaining({ code: 'validation_failed' }));
  });

  it.each([
    ['a repeated parameter', { limit: ['1', '2'] }, 'limit', 'limit must be given once'],
    ['__proto__', parsedQuery(JSON.parse('{"__proto__":"1"}')), '__proto__', 'property __proto__ should not exist'],
    ['constructor', parsedQuery({ constructor: '1' }), 'constructor', 'property constructor should not exist'],
    ['a hexadecimal limit', { limit: '0x10' }, 'limit', 'limit must be an integer number'],
    ['an exponent limit', { limit: '1e2' }, 'limit', 'limit must be an integer number'],
    ['an empty cursor', { cursor: '' }, 'cursor', 'cursor should not be empty'],
  ])('refuses %s in a query, naming it', async (_case, value, field, problem) => {
    const answer = await refusal(value, query);
    expect(answer?.details.fields).toEqual([{ field, problems: expect.arrayContaining([problem]) }]);
  });

  describe('the fast check for order ids in the path', () => {
    const param: ArgumentMetadata = { type: 'param', metatype: OrderIdParams };
    const fast = createValidationPipe();

    it('accepts a well-formed gateway id as the DTO, like the full path does', async () => {
      const params = { id: 'ord_0123456789abcdef01234567' };
      const result = await fast.transform(params, param);
      expect(result).toBeInstanceOf(OrderIdParams);
      expect(result).toEqual(await pipe.transform(params, param));
    });

    it.each([
      ['not a gateway id (still valid: a 404 later)', { id: 'ord_000' }],
      ['upper-case hex', { id: 'ORD_0123456789ABCDEF01234567' }],
      ['another key beside id', { id: 'ord_0123456789abcdef01234567', more: 'x' }],
      ['no id', {}],
    ])('leaves %s to the full path', (_case, params) => {
      expect(isWellFormedOrderIdParams(params)).toBe(false);
    });

    it('still refuses a bad id with the full 400', async () => {
      const error = await fast.transform({ id: 'a'.repeat(101) }, param).catch((thrown: BadRequestException) => thrown.getResponse());
      expect(error).toEqual(expect.objectContaining({ code: 'validation_failed', details: { fields: [expect.objectContaining({ field: 'id' })] } }));
    });
  });
});
