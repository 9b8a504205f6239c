import { HttpException } from '@nestjs/common';
import { bodyParserErrorToHttp, unsupportedBody, verifyUtf8 } from './json-body';

const httpError = (status: number, type: string | undefined, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { status, statusCode: status, expose: true, type, ...extra });

const answer = (error: HttpException | null) => error && { status: error.getStatus(), ...(error.getResponse() as object) };

describe('bodyParserErrorToHttp', () => {
  it('answers a body over the limit with 413 payload_too_large', () => {
    expect(answer(bodyParserErrorToHttp(httpError(413, 'entity.too.large', 'request entity too large', { limit: 65536 })))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'request body must be at most 65536 bytes',
      details: { field: 'body', limit: 65536 },
    });
  });

  it('answers broken JSON with 400 malformed_body and the parser’s reason', () => {
    const error = httpError(400, 'entity.parse.failed', 'Unterminated string in JSON at position 14', { body: '{"reason":"oth' });
    expect(answer(bodyParserErrorToHttp(error))).toEqual({
      status: 400,
      code: 'malformed_body',
      message: 'request body is not valid JSON: Unterminated string in JSON at position 14',
      details: { field: 'body' },
    });
  });

  it.each(['null', '"cancel"', '42', ' true '])('answers a top-level JSON %s with "must be a JSON object", not "not valid JSON"', (body) => {
    const error = httpError(400, 'entity.parse.failed', `Unexpected token, "${body}" is not valid JSON`, { body });
    expect(answer(bodyParserErrorToHttp(error))).toEqual(expect.objectContaining({ status: 400, code: 'malformed_body', message: 'request body must be a JSON object' }));
  });

  it.each([
    ['charset.unsupported', 'unsupported charset "LATIN1"', 'Content-Type'],
    ['encoding.unsupported', 'unsupported content encoding "compress"', 'Content-Encoding'],
  ])('answers %s with 415 naming the header', (type, message, header) => {
    expect(answer(bodyParserErrorToHttp(httpError(415, type, message)))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
      message: expect.stringMatching(new RegExp(`^${header} must be .*${message}`)),
      details: { field: header },
    });
  });

  it('answers an unreadable stream (a corrupt gzip body) with 400', () => {
    expect(answer(bodyParserErrorToHttp(httpError(400, undefined, 'incorrect header check')))).toEqual(
      expect.objectContaining({ status: 400, code: 'bad_request', message: 'request body could not be read: incorrect header check' }),
    );
  });

  it.each([
    ['a plain error', new Error('boom')],
    ['a server-side status', httpError(500, 'stream.not.readable', 'stream is not readable')],
    ['an error that must not be shown', { ...httpError(400, undefined, 'secret'), expose: false }],
  ])('leaves %s alone (the filter answers 500 and logs it)', (_case, error) => {
    expect(bodyParserErrorToHttp(error as Error)).toBeNull();
  });
});

describe('unsupportedBody', () => {
  function run(method: string, headers: Record<string, string>) {
    const error = unsupportedBody(method, headers);
    return error ? answer(error) : 'passed';
  }

  it.each([
    ['a JSON body', 'POST', { 'content-type': 'application/json', 'content-length': '2' }],
    ['JSON with a charset', 'POST', { 'content-type': 'Application/JSON; charset=utf-8', 'content-length': '2' }],
    ['a +json media type', 'POST', { 'content-type': 'application/merge-patch+json', 'transfer-encoding': 'chunked' }],
    ['no body at all', 'POST', {}],
    ['an empty body of another type', 'POST', { 'content-type': 'text/plain', 'content-length': '0' }],
    ['a GET (bodies are ignored)', 'GET', { 'content-type': 'text/plain', 'content-length': '5' }],
  ])('lets through %s', (_case, method, headers) => {
    expect(run(method, headers)).toBe('passed');
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain', 'content-length': '18' }, 'got text/plain'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '12' }, 'got application/x-www-form-urlencoded'],
    ['a look-alike type', { 'content-type': 'application/jsonp', 'content-length': '2' }, 'got application/jsonp'],
    ['no Content-Type', { 'transfer-encoding': 'chunked' }, 'none was sent'],
  ])('refuses a body sent as %s with 415', (_case, headers, got) => {
    expect(run('POST', headers)).toEqual({
      status: 415,
      code: 'unsupported_media_type',
      message: expect.stringMatching(new RegExp(`^Content-Type must be application/json \\(${got.replace(/[+]/g, '\\+')}\\)$`)),
      details: { field: 'Content-Type' },
    });
  });
});

describe('verifyUtf8', () => {
  it('passes UTF-8, emoji included', () => {
    expect(() => verifyUtf8(null, null, Buffer.from('{"note":"📦 שלום"}'))).not.toThrow();
  });

  it.each([
    ['a stray continuation byte', [0x7b, 0x80, 0x7d]],
    ['Latin-1 text', [0x7b, 0x22, 0xe9, 0x22, 0x7d]],
    ['an encoded lone surrogate (CESU-8)', [0x22, 0xed, 0xa0, 0x80, 0x22]],
  ])('refuses %s as a 400 the error middleware recognises', (_case, bytes) => {
    let thrown: unknown;
    try {
      verifyUtf8(null, null, Buffer.from(bytes));
    } catch (error) {
      thrown = error;
    }
    expect(answer(bodyParserErrorToHttp(Object.assign(thrown as Error, { expose: true })))).toEqual({
      status: 400,
      code: 'malformed_body',
      message: 'request body is not valid UTF-8',
      details: { field: 'body' },
    });
  });
});
