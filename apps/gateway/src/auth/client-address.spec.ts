import { ClientAddress } from './client-address';

describe('the client address a login is counted under', () => {
  it('without trusted proxies: the peer, whatever X-Forwarded-For says', () => {
    const a = new ClientAddress('');
    expect(a.of('127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
    expect(a.of('::ffff:10.0.0.5', '1.2.3.4, 5.6.7.8')).toBe('10.0.0.5');
  });

  it('from a trusted proxy: the nearest hop that is not a trusted proxy', () => {
    const a = new ClientAddress('10.0.0.0/8, 192.168.1.1');
    expect(a.of('10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    // A client's own forged entries sit on the left: the proxies' appended ones decide.
    expect(a.of('10.1.2.3', '1.1.1.1, 203.0.113.9, 192.168.1.1')).toBe('203.0.113.9');
    expect(a.of('10.1.2.3', ['1.1.1.1', '203.0.113.9'])).toBe('203.0.113.9');
    expect(a.of('10.1.2.3', '10.9.9.9')).toBe('10.9.9.9');
    expect(a.of('10.1.2.3', 'not-an-address')).toBe('10.1.2.3');
    expect(a.of('10.1.2.3', undefined)).toBe('10.1.2.3');
    // Not from a proxy: the header is ignored.
    expect(a.of('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('IPv6 ranges, and a bad entry refused at start', () => {
    const a = new ClientAddress('::1/128, fd00::/8');
    expect(a.of('::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(a.of('fd12::1', '203.0.113.9')).toBe('203.0.113.9');
    expect(() => new ClientAddress('10.0.0/8')).toThrow(/TRUSTED_PROXIES/);
  });
});
