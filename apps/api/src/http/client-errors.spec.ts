import { clientErrorAnswer } from './client-errors';

const parse = (raw: string) => {
  const [head, body] = raw.split('\r\n\r\n');
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine, headers, body: JSON.parse(body) as Record<string, unknown>, rawBody: body };
};

describe('clientErrorAnswer', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 'HTTP/1.1 431 Request Header Fields Too Large', 'header_too_large'],
    ['HPE_REQUEST_TIMEOUT', 'HTTP/1.1 408 Request Timeout', 'request_timeout'],
    ['HPE_INVALID_METHOD', 'HTTP/1.1 400 Bad Request', 'bad_request'],
  ])('answers %s in the error shape', (code, statusLine, errorCode) => {
    const answer = parse(clientErrorAnswer(Object.assign(new Error('parse error'), { code })));
    expect(answer.statusLine).toBe(statusLine);
    expect(answer.body).toEqual({ statusCode: Number(statusLine.split(' ')[1]), code: errorCode, message: expect.any(String) });
    expect(answer.headers).toEqual(
      expect.arrayContaining([
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(answer.rawBody)}`,
        'Connection: close',
        'X-Content-Type-Options: nosniff',
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
      ]),
    );
  });
});
