import { displayUrl, INVALID_URL } from './display-url';

describe('displayUrl', () => {
  it('drops the user name and password', () => {
    expect(displayUrl('https://user:s3cret@api.joom.com/v3')).toBe('https://api.joom.com/v3');
    expect(displayUrl('https://only-user@api.joom.com')).toBe('https://api.joom.com');
  });

  it('drops the query and the fragment', () => {
    expect(displayUrl('https://host.example/base?token=abc&x=1#frag')).toBe('https://host.example/base');
    expect(displayUrl('http://host.example#s3cret')).toBe('http://host.example');
  });

  it('keeps the path without its trailing slashes', () => {
    expect(displayUrl('https://host.example/api/i1/?page=2')).toBe('https://host.example/api/i1');
  });

  it('keeps the port and an IPv6 host in brackets', () => {
    expect(displayUrl('http://u:p@[::1]:8443/api?k=v')).toBe('http://[::1]:8443/api');
    expect(displayUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });

  it('shows a URL it cannot parse as a placeholder, never its text', () => {
    expect(displayUrl('not a url with s3cret')).toBe(INVALID_URL);
    expect(displayUrl('http://user:s3cret@')).toBe(INVALID_URL);
    expect(displayUrl('')).toBe(INVALID_URL);
    expect(displayUrl('mailto:s3cret@example.com')).toBe(INVALID_URL);
  });
});
