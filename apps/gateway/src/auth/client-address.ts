import { BlockList, isIP } from 'node:net';

/**
 * The address a login attempt is counted under. X-Forwarded-For is believed only from configured
 * proxies (TRUSTED_PROXIES, CIDRs; default none): from anyone else the header is the client's own
 * words and is ignored, so a new value per attempt dodges nothing.
 */
export class ClientAddress {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: string) {
    const entries = trustedProxies
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    for (const e of entries) {
      const [addr, bits] = e.split('/');
      const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (!isIP(addr)) throw new Error(`TRUSTED_PROXIES: ${e} is not an address or CIDR`);
      if (bits === undefined) this.trusted.addAddress(addr, family);
      else this.trusted.addSubnet(addr, Number(bits), family);
    }
    this.any = entries.length > 0;
  }

  private isTrusted(address: string): boolean {
    const a = unmap(address);
    const family = isIP(a) === 6 ? 'ipv6' : isIP(a) === 4 ? 'ipv4' : null;
    return family !== null && this.trusted.check(a, family);
  }

  /**
   * The peer, unless it is a trusted proxy: then the nearest hop of X-Forwarded-For (from the
   * right) that is not a trusted proxy itself.
   */
  of(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const p = unmap(peer ?? 'unknown');
    if (!this.any || !this.isTrusted(p) || forwardedFor === undefined) return p;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = unmap(hops[i]);
      if (!isIP(hop)) return p; // a malformed chain: count it under the proxy itself
      if (!this.isTrusted(hop)) return hop;
    }
    return hops.length ? unmap(hops[0]) : p;
  }
}

const unmap = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);
