import { describe, expect, test } from 'vitest';
import {
  addressKind,
  CGN_PUBLIC_ADDRESS,
  DOCUMENTATION_PREFIXES,
  homePublicAddress,
  inPrefix,
  NAT_HOSTS,
  parseIpv4,
  PRIVATE_PREFIXES,
  ROUTER_WAN_PUBLIC,
  ROUTER_WAN_SHARED,
  routerWan,
  SHARED_PREFIX,
} from './addresses.ts';

describe('parseIpv4', () => {
  test.each([
    ['0.0.0.0', 0],
    ['192.168.1.10', 0xc0a8010a],
    ['255.255.255.255', 0xffffffff],
  ])('parseIpv4(%s) is %i', (text, n) => {
    expect(parseIpv4(text)).toBe(n);
  });

  test.each(['256.0.0.1', '1.2.3', '01.2.3.4', ' 1.2.3.4', '::1', '', 'a.b.c.d'])('parseIpv4(%j) is null', (text) => {
    expect(parseIpv4(text)).toBeNull();
  });
});

describe('addressKind', () => {
  test.each([
    // RFC 1918 §3: the edges of each private block
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.168.1.10', 'private'],
    // RFC 6598: 100.64.0.0/10 runs to 100.127.255.255
    ['100.64.0.0', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.0', 'public'],
    ['100.63.255.255', 'public'],
    // RFC 6890 §2.2.2: not a unicast host
    ['127.0.0.1', 'special'],
    ['0.1.2.3', 'special'],
    ['224.0.0.1', 'special'],
    ['255.255.255.255', 'special'],
    // RFC 5737 documentation space is "public" for the simulation
    ['203.0.113.5', 'public'],
  ])('addressKind(%s) is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  test('inPrefix(address, prefix) is false for text that is not IPv4', () => {
    expect(inPrefix('10.0.0.x', PRIVATE_PREFIXES[0]!)).toBe(false);
  });
});

describe('the topology', () => {
  test('every internet host and public NAT address comes from RFC 5737 documentation space', () => {
    const publics = [...NAT_HOSTS.filter((h) => h.side === 'internet').map((h) => h.address), ROUTER_WAN_PUBLIC, CGN_PUBLIC_ADDRESS];
    for (const a of publics) expect(DOCUMENTATION_PREFIXES.some((p) => inPrefix(a, p)), a).toBe(true);
  });

  test('every home host is in RFC 1918 space and the WAN behind a CGN is in RFC 6598 space', () => {
    for (const h of NAT_HOSTS.filter((x) => x.side === 'inside')) expect(addressKind(h.address)).toBe('private');
    expect(inPrefix(ROUTER_WAN_SHARED, SHARED_PREFIX)).toBe(true);
  });

  test('routerWan and homePublicAddress follow the cgnat option', () => {
    expect([routerWan(false), homePublicAddress(false)]).toEqual([ROUTER_WAN_PUBLIC, ROUTER_WAN_PUBLIC]);
    expect([routerWan(true), homePublicAddress(true)]).toEqual([ROUTER_WAN_SHARED, CGN_PUBLIC_ADDRESS]);
  });
});
