import { BlockList, isIP } from 'node:net';

// Who a request comes from, for rate limits and view counting. The client is the peer address of
// the connection. Behind a CDN or load balancer that peer is the proxy, so the operator lists the
// proxies in TRUST_PROXY (CIDR ranges); only then is X-Forwarded-For read, from the right, skipping
// trusted hops: anything to the left of the first untrusted address could be made up by the client.

export interface TrustedProxies {
  contains(address: string): boolean;
}

/** Parses a TRUST_PROXY value: comma-separated addresses or CIDR ranges, IPv4 or IPv6. */
export function parseTrustedProxies(value: string): TrustedProxies {
  const list = new BlockList();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, prefixText] = entry.split('/') as [string, string | undefined];
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
      throw new Error(`"${entry}" is not an IP address or CIDR range such as 10.0.0.0/8 or 2001:db8::/32`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    contains(address) {
      const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

export const NO_TRUSTED_PROXIES: TrustedProxies = { contains: () => false };

/** What Node's HTTP adapter puts into yoga's server context. */
interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/** Requests that did not come over a socket (tests, in-process calls) count as this client. */
export const IN_PROCESS_CLIENT = 'in-process';

/** The client's address: the peer, or with a trusted peer the nearest untrusted X-Forwarded-For hop. */
export function clientAddress(request: Request, serverContext: unknown, trusted: TrustedProxies): string {
  const peer = (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!peer) return IN_PROCESS_CLIENT;
  if (!trusted.contains(peer)) return peer;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trusted.contains(hop)) return hop;
  }
  return hops[0] ?? peer;
}
