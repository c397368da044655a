import { describe, expect, test } from 'vitest';
import { BIND_ADDRESSES, CLIENT_PLACES, LAN_ADDRESS, reachTable, whoCanReach, type BindAddress, type ClientPlace, type ReachOptions } from './index.ts';

const ALL_BINDS = BIND_ADDRESSES.map((b) => b.value);
const ALL_PLACES = CLIENT_PLACES.map((p) => p.value);

describe('whoCanReach with default options (dual-stack, firewall allows, no port forward)', () => {
  test.each<[BindAddress, ClientPlace, boolean, string]>([
    // INADDR_ANY includes loopback: the host reaches itself through 127.0.0.1
    ['0.0.0.0', 'same-host', true, '127.0.0.1'],
    // ...and every IPv4 address, so the LAN address too
    ['0.0.0.0', 'same-lan', true, LAN_ADDRESS],
    // no port forward: the router has nowhere to send an inbound connection
    ['0.0.0.0', 'internet', false, 'router'],
    // dual-stack :: takes ::1 and 127.0.0.1
    ['::', 'same-host', true, '::1'],
    // dual-stack :: takes IPv4 as ::ffff:a.b.c.d
    ['::', 'same-lan', true, '::ffff:'],
    // still no port forward
    ['::', 'internet', false, 'router'],
    // loopback serves the host itself
    ['127.0.0.1', 'same-host', true, 'Loopback'],
    // loopback never leaves the host: the LAN connection is refused
    ['127.0.0.1', 'same-lan', false, 'refused'],
    // internet stops at the router first
    ['127.0.0.1', 'internet', false, 'router'],
    // IPv6 loopback serves the host itself
    ['::1', 'same-host', true, 'IPv6 loopback'],
    // but not the LAN
    ['::1', 'same-lan', false, 'refused'],
    // nor the internet
    ['::1', 'internet', false, 'router'],
    // a specific address: the host must use that address, not localhost
    ['192.168.1.20', 'same-host', true, 'localhost'],
    // the LAN client uses exactly that address
    ['192.168.1.20', 'same-lan', true, 'exactly'],
    // no forward, no internet
    ['192.168.1.20', 'internet', false, 'router'],
  ])('whoCanReach(%s, %s) is reachable=%s and explains it (%s)', (bind, place, reachable, words) => {
    const r = whoCanReach(bind, place);
    expect(r.reachable).toBe(reachable);
    expect(r.reason + ' ' + (r.via ?? '')).toContain(words);
    expect(r.source.length).toBeGreaterThan(0);
  });
});

describe('whoCanReach with options', () => {
  test.each<[BindAddress, ClientPlace, ReachOptions, boolean, string]>([
    // a port forward opens the internet to a socket that takes the LAN address
    ['0.0.0.0', 'internet', { portForward: true }, true, 'RFC 3022 §2.2'],
    // dual-stack :: takes the forwarded IPv4 connection too
    ['::', 'internet', { portForward: true }, true, 'RFC 3493'],
    // the specific LAN address is exactly where the forward points
    ['192.168.1.20', 'internet', { portForward: true }, true, 'RFC 3022'],
    // a forward cannot help a loopback listener: refused at the host
    ['127.0.0.1', 'internet', { portForward: true }, false, 'RFC 1122 §3.2.1.3'],
    // nor an IPv6 loopback listener
    ['::1', 'internet', { portForward: true }, false, 'RFC 4291 §2.5.3'],
    // IPV6_V6ONLY: the IPv4 LAN client is refused
    ['::', 'same-lan', { v6only: true }, false, 'IPV6_V6ONLY'],
    // IPV6_V6ONLY: the forwarded IPv4 connection is refused too
    ['::', 'internet', { v6only: true, portForward: true }, false, 'IPV6_V6ONLY'],
    // IPV6_V6ONLY: the host still reaches it through ::1
    ['::', 'same-host', { v6only: true }, true, 'RFC 3493 §5.3'],
    // v6only means nothing for an IPv4 socket
    ['0.0.0.0', 'same-lan', { v6only: true }, true, 'man ip(7)'],
    // the firewall drops the LAN connection: silence, not a reset
    ['0.0.0.0', 'same-lan', { hostFirewall: 'drop' }, false, 'firewall'],
    // the firewall drops the forwarded internet connection too
    ['0.0.0.0', 'internet', { hostFirewall: 'drop', portForward: true }, false, 'firewall'],
    // the firewall does not filter the host talking to itself
    ['0.0.0.0', 'same-host', { hostFirewall: 'drop' }, true, 'man ip(7)'],
    // with no forward the router is the first obstacle, before the firewall
    ['0.0.0.0', 'internet', { hostFirewall: 'drop' }, false, 'RFC 3022'],
    // firewall first: the LAN client of a loopback socket now times out instead of being refused
    ['127.0.0.1', 'same-lan', { hostFirewall: 'drop' }, false, 'times out'],
    // firewall 'allow' is the default behaviour
    ['0.0.0.0', 'same-lan', { hostFirewall: 'allow' }, true, 'man ip(7)'],
  ])('whoCanReach(%s, %s, %o) is reachable=%s, citing %s', (bind, place, options, reachable, words) => {
    const r = whoCanReach(bind, place, options);
    expect(r.reachable).toBe(reachable);
    expect(`${r.reason} ${r.source}`).toContain(words);
  });
});

describe('whoCanReach never throws', () => {
  test.each<[unknown, unknown, string]>([
    // a bind address the model does not know
    ['10.0.0.1', 'same-lan', 'not one of the bind addresses'],
    // a client place the model does not know
    ['0.0.0.0', 'mars', 'not one of the client places'],
    // undefined from an untyped caller
    [undefined, undefined, 'not one of the bind addresses'],
  ])('whoCanReach(%s, %s) answers unreachable with a reason', (bind, place, words) => {
    const r = whoCanReach(bind as BindAddress, place as ClientPlace);
    expect(r.reachable).toBe(false);
    expect(r.reason).toContain(words);
  });
});

describe('the model as a whole', () => {
  const optionSets: ReachOptions[] = [
    {},
    { v6only: true },
    { hostFirewall: 'drop' },
    { portForward: true },
    { v6only: true, hostFirewall: 'drop', portForward: true },
  ];

  test('whoCanReach gives every reachable answer a via and every answer a reason and a source', () => {
    for (const options of optionSets)
      for (const b of ALL_BINDS)
        for (const p of ALL_PLACES) {
          const r = whoCanReach(b, p, options);
          expect(r.reason.length, `${b} ${p}`).toBeGreaterThan(20);
          expect(r.source.length).toBeGreaterThan(5);
          expect(r.via !== undefined, `${b} ${p} via`).toBe(r.reachable);
        }
  });

  test('whoCanReach always lets the host reach its own listener', () => {
    for (const options of optionSets) for (const b of ALL_BINDS) expect(whoCanReach(b, 'same-host', options).reachable).toBe(true);
  });

  test('whoCanReach never reaches the internet without a port forward', () => {
    for (const b of ALL_BINDS) expect(whoCanReach(b, 'internet', { v6only: false }).reachable).toBe(false);
  });

  test('reachTable(bind) lists every client place in order', () => {
    const rows = reachTable('127.0.0.1');
    expect(rows.map((r) => r.place.value)).toEqual(['same-host', 'same-lan', 'internet']);
    expect(rows.map((r) => r.reachable)).toEqual([true, false, false]);
  });

  test('BIND_ADDRESSES and CLIENT_PLACES have unique values and labels', () => {
    expect(new Set(ALL_BINDS).size).toBe(5);
    expect(new Set(ALL_PLACES).size).toBe(3);
    expect(new Set(BIND_ADDRESSES.map((b) => b.label)).size).toBe(5);
  });
});
