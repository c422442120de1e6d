import { describe, expect, it } from 'vitest';
import { clientAddressKey } from '../../src/auth/client-address.ts';
import { normaliseUsername } from '../../src/auth/username.ts';

describe('what sign-in limits count against', () => {
  it('an IPv4 address as it is, an IPv4-mapped one as IPv4', () => {
    expect(clientAddressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('an IPv6 address by its /64, however it is written', () => {
    const key = '2001:db8:aa:bb::/64';
    for (const ip of ['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff', '2001:db8:aa:bb:1:2:3:4', '2001:DB8:AA:BB::', '2001:db8:aa:bb::1%eth0']) {
      expect(clientAddressKey(ip), ip).toBe(key);
    }
    expect(clientAddressKey('2001:db8:aa:bc::1')).not.toBe(key);
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('a username as login spells it', () => {
    expect(normaliseUsername('  City.Leader ')).toBe('city.leader');
    expect(normaliseUsername('Ho\u0323p')).toBe('họp');
  });
});
