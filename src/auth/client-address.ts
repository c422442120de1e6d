import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a sign-in is counted against. IPv4 as it is (an IPv4-mapped IPv6 address is the
 * IPv4 one); IPv6 by its /64, because one subscriber holds a whole /64 and could otherwise try
 * from 2^64 "addresses".
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as lowercase hex without leading zeros. */
function expandIPv6(ip: string): string[] {
  const [address = ''] = ip.split('%'); // a zone index (fe80::1%eth0) is not part of the address
  const [head = '', tail] = address.split('::');
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const fromDotted = (groups: string[]) =>
    groups.flatMap((g) => {
      if (!g.includes('.')) return [g];
      const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = fromDotted(part(head));
  const right = fromDotted(part(tail));
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16).toString(16));
}
