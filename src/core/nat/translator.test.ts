/**
 * One translator driven packet by packet: port allocation (RFC 4787 REQ-3, REQ-3a, REQ-4),
 * Endpoint-Independent Mapping (REQ-1), filtering (§5), timers (REQ-5, REQ-6; RFC 5382 REQ-5)
 * and forwards (RFC 3022 §2.2).
 */
import { describe, expect, test } from 'vitest';
import type { NatEndpoint, NatProto } from './addresses.ts';
import { resolveNatOptions, type NatFiltering } from './scenario.ts';
import type { NatPacket, PacketKind } from './trace.ts';
import { nextTcpState, POOL_START, Translator } from './translator.ts';

const WAN = '203.0.113.5';
const laptop = (port: number): NatEndpoint => ({ address: '192.168.1.10', port });
const consoleEp = (port: number): NatEndpoint => ({ address: '192.168.1.20', port });
const web: NatEndpoint = { address: '198.51.100.80', port: 443 };
const friend: NatEndpoint = { address: '192.0.2.44', port: 3074 };

function nat(opts: { filtering?: NatFiltering; portPreservation?: boolean } = {}): Translator {
  const o = resolveNatOptions({});
  return new Translator({ id: 'router', external: WAN, filtering: opts.filtering ?? o.filtering, timeouts: o.timeouts, portPreservation: opts.portPreservation ?? true });
}

let id = 0;
function pkt(proto: NatProto, kind: PacketKind, src: NatEndpoint, dst: NatEndpoint): NatPacket {
  id += 1;
  return { id, proto, kind, src, dst };
}
const out = (n: Translator, proto: NatProto, src: NatEndpoint, dst: NatEndpoint, now = 0, kind: PacketKind = proto === 'udp' ? 'datagram' : 'SYN') => n.outbound(pkt(proto, kind, src, dst), now);
const inb = (n: Translator, proto: NatProto, src: NatEndpoint, port: number, now = 0, kind: PacketKind = proto === 'udp' ? 'datagram' : 'SYN') => n.inbound(pkt(proto, kind, src, { address: WAN, port }), now);

function port(r: ReturnType<Translator['outbound']>): number {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.packet.src.port;
}

describe('Translator: port assignment', () => {
  test('outbound keeps the source port when it is free (port preservation, RFC 4787 §4.2.1)', () => {
    expect(port(out(nat(), 'udp', laptop(51000), web))).toBe(51000);
  });

  test.each([
    // [inside port, second host gets] — REQ-3 no overloading, REQ-3a same class, REQ-4 same parity
    [51000, 51002],
    [51001, 51003],
    [1023, 1],
    [123, 125],
    [65535, 1025],
  ])('a second host using source port %i gets public port %i', (p, expected) => {
    const n = nat();
    expect(port(out(n, 'udp', laptop(p), web))).toBe(p);
    expect(port(out(n, 'udp', consoleEp(p), web))).toBe(expected);
  });

  test('TCP and UDP ports are separate spaces: a TCP mapping does not take the UDP port', () => {
    const n = nat();
    expect(port(out(n, 'tcp', laptop(51000), web))).toBe(51000);
    expect(port(out(n, 'udp', consoleEp(51000), web))).toBe(51000);
  });

  test('without port preservation ports come from the pool, keeping parity (REQ-4)', () => {
    const n = nat({ portPreservation: false });
    expect(port(out(n, 'udp', laptop(51000), web))).toBe(POOL_START);
    expect(port(out(n, 'udp', consoleEp(51001), web))).toBe(POOL_START + 1);
    const r = out(n, 'udp', laptop(40000), web);
    expect(r.ok && r.portChanged).toEqual({ wanted: 40000, reason: 'no-preservation' });
  });

  test('allocate falls back to the other parity, and reports a full range class as null', () => {
    const n = nat();
    for (let p = 1; p <= 1023; p += 2) expect(port(out(n, 'udp', laptop(p), web))).toBe(p);
    expect(n.allocate('udp', 1)).toBe(2); // every odd low port is taken
    for (let p = 2; p <= 1022; p += 2) out(n, 'udp', laptop(p), web);
    expect(n.allocate('udp', 5)).toBeNull();
    const r = out(n, 'udp', consoleEp(5), web);
    expect(r).toEqual({ ok: false, reason: 'no-port' });
  });
});

describe('Translator: Endpoint-Independent Mapping (RFC 4787 REQ-1, RFC 5382 REQ-1)', () => {
  test.each(['udp', 'tcp'] as const)('outbound reuses one %s mapping for every destination of one inside endpoint', (proto) => {
    const n = nat();
    const a = out(n, proto, laptop(51000), web);
    const b = out(n, proto, laptop(51000), friend, 10);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.packet.src).toEqual(a.packet.src);
    expect(b.mappingId).toBe(a.mappingId);
    expect(b.via).toBe('mapping');
    expect(b.changes.map((c) => c.action)).toEqual(['session']);
    expect(n.size).toBe(1);
  });
});

describe('Translator: filtering (RFC 4787 §5, RFC 5382 REQ-3)', () => {
  const otherPort = { address: web.address, port: 8443 };
  test.each([
    // [filtering, sender, passes]
    ['endpoint-independent', friend, true],
    ['address-dependent', friend, false],
    ['address-dependent', otherPort, true],
    ['address-and-port-dependent', otherPort, false],
    ['address-and-port-dependent', web, true],
  ] as const)('with %s filtering a packet from %j passes: %s', (filtering, from, passes) => {
    const n = nat({ filtering });
    out(n, 'udp', laptop(51000), web);
    const r = inb(n, 'udp', from, 51000, 5);
    expect(r.ok).toBe(passes);
    if (r.ok) expect(r.packet.dst).toEqual(laptop(51000));
    else expect(r.reason).toBe('filtered');
  });

  test('inbound to a port without a mapping is refused with no-mapping', () => {
    expect(inb(nat(), 'tcp', friend, 8080)).toEqual({ ok: false, reason: 'no-mapping' });
  });

  test('inbound to another address than the NAT’s own is refused', () => {
    const n = nat();
    out(n, 'udp', laptop(51000), web);
    expect(n.inbound(pkt('udp', 'datagram', web, { address: '203.0.113.6', port: 51000 }), 1).ok).toBe(false);
  });
});

describe('Translator: timers', () => {
  test('a UDP mapping expires exactly 5 min after the last outbound packet (REQ-5c), inbound packets do not refresh it (REQ-6)', () => {
    const n = nat({ filtering: 'endpoint-independent' });
    out(n, 'udp', laptop(51000), web, 0);
    expect(n.nextDeadline()).toBe(300_000);
    inb(n, 'udp', web, 51000, 100_000);
    expect(n.nextDeadline()).toBe(300_000);
    out(n, 'udp', laptop(51000), web, 200_000);
    expect(n.nextDeadline()).toBe(500_000);
    expect(n.expire(499_999).changes).toEqual([]);
    const { changes } = n.expire(500_000);
    expect(changes.map((c) => [c.action, c.timer?.ms, c.timer?.rule])).toEqual([['expired', 300_000, 'RFC 4787 REQ-5']]);
    expect(n.size).toBe(0);
  });

  test('a TCP session is transitory (4 min) until the handshake completes, then established (2 h 4 min), then transitory again once closing (RFC 5382 REQ-5)', () => {
    const n = nat();
    out(n, 'tcp', laptop(51000), web, 0, 'SYN');
    expect(n.nextDeadline()).toBe(240_000);
    inb(n, 'tcp', web, 51000, 40, 'SYN-ACK');
    expect(n.nextDeadline()).toBe(240_040);
    const ack = out(n, 'tcp', laptop(51000), web, 44, 'ACK');
    expect(ack.ok && ack.changes[0]?.action).toBe('state');
    expect(n.nextDeadline()).toBe(44 + 7_440_000);
    out(n, 'tcp', laptop(51000), web, 1000, 'FIN');
    expect(n.nextDeadline()).toBe(1000 + 240_000);
  });

  test('nextTcpState follows SYN, SYN-ACK, ACK and FIN', () => {
    expect(nextTcpState(null, 'SYN', false)).toBe('opening');
    expect(nextTcpState('opening', 'ACK', false)).toBe('opening');
    expect(nextTcpState('opening', 'ACK', true)).toBe('established');
    expect(nextTcpState('established', 'FIN-ACK', true)).toBe('closing');
  });
});

describe('Translator: forwards (RFC 3022 §2.2)', () => {
  const fwd = { proto: 'tcp' as const, publicPort: 8080, insideAddress: '192.168.1.10', insidePort: 8080, by: 'step' as const, expiresAt: null };

  test('addForward lets anyone in, whatever the filtering, and replies leave through the forward', () => {
    const n = nat({ filtering: 'address-and-port-dependent' });
    expect(n.addForward(fwd).ok).toBe(true);
    const r = inb(n, 'tcp', friend, 8080);
    expect(r.ok && r.via).toBe('forward');
    const reply = out(n, 'tcp', laptop(8080), friend, 1, 'SYN-ACK');
    expect(reply.ok && [reply.via, reply.packet.src]).toEqual(['forward', { address: WAN, port: 8080 }]);
  });

  test('addForward refuses a duplicate and a port held by a mapping; ports of forwards are never handed out', () => {
    const n = nat();
    out(n, 'tcp', laptop(9000), web);
    expect(n.addForward({ ...fwd, publicPort: 9000 })).toEqual({ ok: false, reason: 'port-in-use', holder: laptop(9000) });
    expect(n.addForward(fwd).ok).toBe(true);
    expect(n.addForward(fwd)).toEqual({ ok: false, reason: 'duplicate' });
    expect(port(out(n, 'tcp', consoleEp(8080), web))).toBe(8082);
  });

  test('removeForward removes its static mapping; a PCP forward expires at its lifetime', () => {
    const n = nat();
    n.addForward(fwd);
    expect(n.removeForward('tcp', 8080)?.change?.action).toBe('removed');
    expect(n.removeForward('tcp', 8080)).toBeNull();
    n.addForward({ ...fwd, by: 'pcp', expiresAt: 60_000, lifetime: 60 });
    expect(n.nextDeadline()).toBe(60_000);
    const r = n.expire(60_000);
    expect(r.forwards).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ action: 'removed', timer: { kind: 'pcp-lifetime', ms: 60_000 } });
    expect(n.size).toBe(0);
  });
});
