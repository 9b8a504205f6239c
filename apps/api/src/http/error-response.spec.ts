import { BadRequestException, UnauthorizedException } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { OrderNotFoundError, StoreUnavailableError } from '@app/store';
import { errorResponseOf } from './error-response';

function fakeLog(): FastifyBaseLogger & { error: jest.Mock } {
  return { error: jest.fn() } as unknown as FastifyBaseLogger & { error: jest.Mock };
}

describe('errorResponseOf', () => {
  it('maps a domain error through its code, with no extra headers', () => {
    const log = fakeLog();
    expect(errorResponseOf(new OrderNotFoundError('ord_1'), log)).toEqual({
      body: { statusCode: 404, code: 'order_not_found', message: expect.any(String), details: { orderId: 'ord_1' } },
      headers: {},
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('asks for a retry on 503 and for a bearer key on 401', () => {
    expect(errorResponseOf(new StoreUnavailableError('connection closed'), fakeLog()).headers).toEqual({ 'Retry-After': '1' });
    const unauthorized = errorResponseOf(new UnauthorizedException({ code: 'unauthorized', message: 'send an API key' }), fakeLog());
    expect(unauthorized).toEqual({ body: { statusCode: 401, code: 'unauthorized', message: 'send an API key' }, headers: { 'WWW-Authenticate': 'Bearer' } });
  });

  it("keeps an HttpException's status and names its code", () => {
    expect(errorResponseOf(new BadRequestException('bad thing'), fakeLog()).body).toEqual({ statusCode: 400, code: 'bad_request', message: 'bad thing' });
  });

  it('answers anything else with a bare 500 and logs it on the given (request) logger', () => {
    const log = fakeLog();
    const bug = new TypeError('x is undefined');
    expect(errorResponseOf(bug, log)).toEqual({ body: { statusCode: 500, code: 'internal_error', message: 'unexpected error; it has been logged' }, headers: {} });
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ err: bug }), expect.any(String));
    expect(JSON.stringify(errorResponseOf(bug, fakeLog()).body)).not.toContain('undefined');
  });
});
