import {
  API_SECURITY_HEADERS,
  DOCS_SECURITY_HEADERS,
  etagMatches,
  parseOrigins,
  pickEncoding,
  weakEtag,
} from './browser';

describe('parseOrigins', () => {
  it('exact origins, trimmed, without a trailing slash; empty means none', () => {
    expect([...parseOrigins(' https://a.example.vn/, http://localhost:5173 ,,')]).toEqual([
      'https://a.example.vn',
      'http://localhost:5173',
    ]);
    expect(parseOrigins('').size).toBe(0);
    expect(parseOrigins(undefined).size).toBe(0);
  });
});

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5', 'br'],
    ['identity', undefined],
    ['gzip;q=0', undefined],
    [undefined, undefined],
  ])('%s → %s', (accept, expected) => {
    expect(pickEncoding(accept)).toBe(expected);
  });
});

describe('ETag', () => {
  it('weak, of the body: equal bodies equal tags, any change a new one', () => {
    const a = weakEtag('{"x":1}');
    expect(a).toMatch(/^W\/"[\w-]{27}"$/);
    expect(weakEtag(Buffer.from('{"x":1}'))).toBe(a);
    expect(weakEtag('{"x":2}')).not.toBe(a);
  });

  it('If-None-Match: a list, weak or strong forms, or *', () => {
    const tag = weakEtag('body');
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`W/"other", ${tag}`, tag)).toBe(true);
    expect(etagMatches(tag.slice(2), tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('W/"other"', tag)).toBe(false);
  });
});

describe('security headers (helmet, computed once)', () => {
  it('the API: nothing rendered, framed or sniffed', () => {
    expect(API_SECURITY_HEADERS).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(API_SECURITY_HEADERS['strict-transport-security']).toMatch(/^max-age=\d+/);
  });

  it('/docs: its own scripts and inline styles, no upgrade of plain-http requests', () => {
    const csp = DOCS_SECURITY_HEADERS['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
