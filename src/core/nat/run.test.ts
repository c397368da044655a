/**
 * runNatScenario read like packet traces: each RFC rule of the model, end to end through the
 * hosts, the home router and (with cgnat) the carrier-grade NAT.
 */
import { describe, expect, test } from 'vitest';
import { runNatScenario, INTERNET_DELAY_MS, LAN_DELAY_MS } from './run.ts';
import type { NatScenario, NatStep } from './scenario.ts';
import type { NatDropEvent, NatMappingEvent, NatTrace, NatTraceEvent, NatTranslateEvent } from './trace.ts';

const WEB = { address: '198.51.100.80', port: 443 };
const FRIEND = { address: '192.0.2.44', port: 3074 };
const PUBLIC = '203.0.113.5';
const FWD_8080 = { proto: 'tcp' as const, publicPort: 8080, insideAddress: '192.168.1.10', insidePort: 8080 };

const connect = (at: number, from: 'laptop' | 'console' | 'friend' | 'web', srcPort: number, to: { address: string; port: number }): NatStep => ({ at, do: 'connect', from, srcPort, to });
const udp = (at: number, from: 'laptop' | 'console' | 'friend' | 'web', srcPort: number, to: { address: string; port: number }, reply?: boolean): NatStep => ({
  at,
  do: 'send',
  from,
  proto: 'udp',
  srcPort,
  to,
  ...(reply === undefined ? {} : { reply }),
});

function run(s: NatScenario): NatTrace {
  const trace = runNatScenario(s);
  expect(trace.problems).toEqual([]);
  return trace;
}
const of = <T extends NatTraceEvent['type']>(trace: NatTrace, type: T) => trace.events.filter((e): e is Extract<NatTraceEvent, { type: T }> => e.type === type);
const translations = (trace: NatTrace, direction?: NatTranslateEvent['direction']) => of(trace, 'translate').filter((e) => direction === undefined || e.direction === direction);
const drops = (trace: NatTrace): NatDropEvent[] => of(trace, 'drop');
const mappingEvents = (trace: NatTrace, action: NatMappingEvent['action']) => of(trace, 'mapping').filter((e) => e.action === action);
const delivered = (trace: NatTrace) => of(trace, 'deliver').map((e) => `${e.host} ${e.packet.kind} ${e.packet.src.address}:${e.packet.src.port} → ${e.packet.dst.address}:${e.packet.dst.port}`);

describe('NAPT: outbound (RFC 3022 §2.2)', () => {
  test('runNatScenario carries a handshake out and back: the server sees only the public address and the laptop gets its answers', () => {
    const trace = run({ steps: [connect(0, 'laptop', 51000, WEB)] });
    expect(delivered(trace)).toEqual([
      'web SYN 203.0.113.5:51000 → 198.51.100.80:443',
      'laptop SYN-ACK 198.51.100.80:443 → 192.168.1.10:51000',
      'web ACK 203.0.113.5:51000 → 198.51.100.80:443',
    ]);
    // two legs per packet: inside with the original addresses, outside with the translated ones
    const legs = of(trace, 'leg').filter((l) => l.packet.id === 1);
    expect(legs.map((l) => [l.fromLane, l.toLane, l.packet.src.address])).toEqual([
      ['home', 'router', '192.168.1.10'],
      ['router', 'internet', PUBLIC],
    ]);
    expect(legs.map((l) => [l.t, l.t1])).toEqual([
      [0, LAN_DELAY_MS],
      [LAN_DELAY_MS, LAN_DELAY_MS + INTERNET_DELAY_MS],
    ]);
    expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'done', mappings: { router: 1, cgn: 0 } });
  });
});

describe('Endpoint-Independent Mapping (RFC 4787 REQ-1, RFC 5382 REQ-1)', () => {
  test.each([
    ['udp', [udp(0, 'laptop', 5000, WEB), udp(1000, 'laptop', 5000, FRIEND)]],
    ['tcp', [connect(0, 'laptop', 5000, WEB), connect(1000, 'laptop', 5000, { address: FRIEND.address, port: 443 })]],
  ] as const)('the same inside endpoint reaches two destinations over %s through one public port', (_proto, steps) => {
    const trace = run({ steps: [...steps] });
    const outs = translations(trace, 'outbound');
    expect(new Set(outs.map((e) => `${e.after.src.address}:${e.after.src.port}`))).toEqual(new Set([`${PUBLIC}:5000`]));
    expect(mappingEvents(trace, 'created')).toHaveLength(1);
    expect(new Set(outs.map((e) => e.after.dst.address))).toEqual(new Set([WEB.address, FRIEND.address]));
  });
});

describe('port assignment (RFC 4787 REQ-3, REQ-3a, REQ-4; RFC 5382 REQ-7)', () => {
  test('a second host with the same source port gets a different public port, and each reply reaches its own host', () => {
    const trace = run({ steps: [udp(0, 'laptop', 3074, FRIEND), udp(1000, 'console', 3074, FRIEND)] });
    const outs = translations(trace, 'outbound');
    expect(outs.map((e) => e.after.src.port)).toEqual([3074, 3076]);
    expect(outs[1]?.portChanged).toEqual({ wanted: 3074, reason: 'in-use' });
    expect(delivered(trace).filter((d) => d.includes('reply'))).toEqual(['laptop reply 192.0.2.44:3074 → 192.168.1.10:3074', 'console reply 192.0.2.44:3074 → 192.168.1.20:3074']);
  });

  test('a port below 1024 stays below 1024 for the second host (REQ-3a)', () => {
    const trace = run({ steps: [udp(0, 'laptop', 123, FRIEND), udp(1000, 'console', 123, FRIEND)] });
    expect(translations(trace, 'outbound').map((e) => e.after.src.port)).toEqual([123, 125]);
  });
});

describe('inbound (RFC 5382 REQ-4, RFC 3022 §2.2)', () => {
  test('an unsolicited SYN with no mapping and no forward is dropped silently at the router', () => {
    const trace = run({ steps: [connect(0, 'friend', 40000, { address: PUBLIC, port: 8080 })] });
    expect(drops(trace)).toMatchObject([{ at: 'router', reason: 'no-mapping', rule: 'RFC 5382 REQ-4', packet: { kind: 'SYN' } }]);
    // nothing goes back: the only leg is the SYN itself
    expect(of(trace, 'leg')).toHaveLength(1);
    expect(of(trace, 'deliver')).toEqual([]);
  });

  test('a forward lets the same connection through and the replies leave from the forwarded port', () => {
    const trace = run({ forwards: [FWD_8080], steps: [connect(0, 'friend', 40000, { address: PUBLIC, port: 8080 })] });
    expect(drops(trace)).toEqual([]);
    expect(delivered(trace)).toEqual([
      'laptop SYN 192.0.2.44:40000 → 192.168.1.10:8080',
      'friend SYN-ACK 203.0.113.5:8080 → 192.0.2.44:40000',
      'laptop ACK 192.0.2.44:40000 → 192.168.1.10:8080',
    ]);
    expect(translations(trace, 'inbound').map((e) => e.via)).toEqual(['forward', 'forward']);
  });

  test('adding a forward after a dropped SYN makes the next attempt succeed, removing it makes the next one fail again', () => {
    const to = { address: PUBLIC, port: 8080 };
    const trace = run({
      steps: [connect(0, 'friend', 40000, to), { at: 1000, do: 'add-forward', ...FWD_8080 }, connect(2000, 'friend', 40001, to), { at: 3000, do: 'remove-forward', proto: 'tcp', publicPort: 8080 }, connect(4000, 'friend', 40002, to)],
    });
    expect(drops(trace).map((d) => [d.t, d.reason])).toEqual([
      [20, 'no-mapping'],
      [4020, 'no-mapping'],
    ]);
    expect(delivered(trace).filter((d) => d.startsWith('laptop SYN '))).toEqual(['laptop SYN 192.0.2.44:40001 → 192.168.1.10:8080']);
    expect(of(trace, 'forward').map((f) => f.action)).toEqual(['added', 'removed']);
  });

  test.each([
    ['endpoint-independent', []],
    ['address-dependent', ['filtered']],
  ] as const)('with %s filtering, a host the laptop never contacted sends to its mapped port: drops %j', (filtering, expected) => {
    const trace = run({ nat: { filtering }, steps: [udp(0, 'laptop', 5000, WEB), udp(1000, 'friend', 9999, { address: PUBLIC, port: 5000 }, false)] });
    expect(drops(trace).map((d) => d.reason)).toEqual(expected);
  });
});

describe('hairpinning (RFC 4787 REQ-9, RFC 5382 REQ-8)', () => {
  test('a connection from home to the public address is turned around and presents the external source address and port', () => {
    const trace = run({ forwards: [FWD_8080], steps: [connect(0, 'console', 52000, { address: PUBLIC, port: 8080 })] });
    expect(delivered(trace)).toEqual([
      'laptop SYN 203.0.113.5:52000 → 192.168.1.10:8080',
      'console SYN-ACK 203.0.113.5:8080 → 192.168.1.20:52000',
      'laptop ACK 203.0.113.5:52000 → 192.168.1.10:8080',
    ]);
    const hairpins = translations(trace, 'hairpin');
    expect(hairpins).toHaveLength(3);
    expect(hairpins[0]).toMatchObject({ before: { src: { address: '192.168.1.20', port: 52000 } }, after: { src: { address: PUBLIC, port: 52000 }, dst: { address: '192.168.1.10', port: 8080 } }, via: 'forward', source: { created: true } });
    // every leg stays at home: nothing goes to the internet
    expect(of(trace, 'leg').every((l) => l.fromLane !== 'internet' && l.toLane !== 'internet')).toBe(true);
  });
});

describe('carrier-grade NAT (RFC 6598 §7, RFC 6888)', () => {
  test('outbound traffic is translated twice: private → shared space → the CGN’s public address', () => {
    const trace = run({ nat: { cgnat: true }, steps: [connect(0, 'laptop', 51000, WEB)] });
    expect(translations(trace, 'outbound').slice(0, 2).map((e) => [e.nat, e.before.src.address, e.after.src.address])).toEqual([
      ['router', '192.168.1.10', '100.64.12.34'],
      ['cgn', '100.64.12.34', '198.51.100.7'],
    ]);
    expect(delivered(trace)[0]).toBe('web SYN 198.51.100.7:49152 → 198.51.100.80:443');
    expect(delivered(trace)[1]).toBe('laptop SYN-ACK 198.51.100.80:443 → 192.168.1.10:51000');
  });

  test('a forward on the home router cannot make a service reachable: the CGN drops the SYN', () => {
    const trace = run({ nat: { cgnat: true }, forwards: [FWD_8080], steps: [connect(0, 'friend', 40000, { address: '198.51.100.7', port: 8080 })] });
    expect(drops(trace)).toMatchObject([{ at: 'cgn', reason: 'cgn-no-forward', rule: 'RFC 6598 §7; RFC 6888' }]);
    expect(of(trace, 'leg').some((l) => l.to === 'router')).toBe(false);
  });

  test('the router’s shared WAN address is not routed on the internet', () => {
    const trace = run({ nat: { cgnat: true }, forwards: [FWD_8080], steps: [connect(0, 'friend', 40000, { address: '100.64.12.34', port: 8080 })] });
    expect(drops(trace)).toMatchObject([{ at: 'nowhere', reason: 'unroutable', addressKind: 'shared', rule: 'RFC 6598 §7' }]);
    expect(of(trace, 'leg')[0]).toMatchObject({ fate: 'lost', where: 0.5, t1: INTERNET_DELAY_MS / 2 });
  });
});

describe('unroutable and unknown destinations', () => {
  test('a private destination outside the home is dropped on the internet (RFC 1918 §3)', () => {
    const trace = run({ steps: [udp(0, 'laptop', 5000, { address: '10.1.2.3', port: 53 })] });
    expect(drops(trace)).toMatchObject([{ reason: 'unroutable', addressKind: 'private', rule: 'RFC 1918 §3' }]);
  });

  test('a public address no host has gets no answer', () => {
    const trace = run({ steps: [udp(0, 'laptop', 5000, { address: '203.0.113.99', port: 53 })] });
    expect(drops(trace)).toMatchObject([{ reason: 'no-host', at: 'nowhere' }]);
  });

  test('a forward to an address no device has leads nowhere', () => {
    const trace = run({ forwards: [{ ...FWD_8080, insideAddress: '192.168.1.50' }], steps: [connect(0, 'friend', 40000, { address: PUBLIC, port: 8080 })] });
    expect(drops(trace)).toMatchObject([{ reason: 'no-host' }]);
  });
});

describe('timers (RFC 4787 REQ-5, REQ-6; RFC 5382 REQ-5)', () => {
  const expiries = (trace: NatTrace) => mappingEvents(trace, 'expired').map((e) => [e.t, e.timer?.kind, e.timer?.rule]);

  test('a UDP mapping expires 5 min after the outbound packet that made it', () => {
    const trace = run({ steps: [udp(0, 'laptop', 5000, WEB, false), { at: 1000, do: 'wait', minutes: 6 }] });
    expect(expiries(trace)).toEqual([[LAN_DELAY_MS + 300_000, 'udp', 'RFC 4787 REQ-5']]);
  });

  test('a configured UDP timer of 2 min, the RFC minimum, is honoured', () => {
    const trace = run({ nat: { timeouts: { udp: 120_000 } }, steps: [udp(0, 'laptop', 5000, WEB, false), { at: 1000, do: 'wait', minutes: 6 }] });
    expect(expiries(trace)).toEqual([[LAN_DELAY_MS + 120_000, 'udp', 'RFC 4787 REQ-5']]);
  });

  test('outbound packets refresh a UDP mapping; inbound ones do not', () => {
    const trace = run({
      nat: { filtering: 'endpoint-independent' },
      steps: [udp(0, 'laptop', 5000, WEB, false), udp(120_000, 'laptop', 5000, WEB, false), udp(200_000, 'friend', 1, { address: PUBLIC, port: 5000 }, false), { at: 200_000, do: 'wait', minutes: 10 }],
    });
    expect(mappingEvents(trace, 'refreshed').map((e) => e.t)).toEqual([120_000 + LAN_DELAY_MS]);
    expect(expiries(trace)).toEqual([[120_000 + LAN_DELAY_MS + 300_000, 'udp', 'RFC 4787 REQ-5']]);
  });

  test('a packet that reaches the router exactly when the timer is due still refreshes the mapping', () => {
    const trace = run({ steps: [udp(0, 'laptop', 5000, WEB, false), udp(300_000, 'laptop', 5000, WEB, false)] });
    expect(mappingEvents(trace, 'refreshed').map((e) => e.t)).toEqual([300_000 + LAN_DELAY_MS]);
    expect(expiries(trace)).toEqual([]);
  });

  test('a TCP connection that never opens is forgotten after the 4 min transitory timeout', () => {
    // 203.0.113.99 answers nobody: the SYN leaves, nothing comes back
    const trace = run({ steps: [connect(0, 'laptop', 51000, { address: '203.0.113.99', port: 443 }), { at: 0, do: 'wait', minutes: 5 }] });
    expect(expiries(trace)).toEqual([[LAN_DELAY_MS + 240_000, 'tcp-transitory', 'RFC 5382 REQ-5']]);
  });

  test('an established TCP connection is forgotten after 2 h 4 min of idle time, not before', () => {
    const trace = run({ steps: [connect(0, 'laptop', 51000, WEB), { at: 0, do: 'wait', minutes: 125 }] });
    const lastAck = translations(trace, 'outbound').at(-1)!;
    expect(lastAck.kind).toBe('ACK');
    expect(expiries(trace)).toEqual([[lastAck.t + 7_440_000, 'tcp-established', 'RFC 5382 REQ-5']]);
  });

  test('a closed TCP connection is forgotten 4 min after its last segment', () => {
    const trace = run({ steps: [connect(0, 'laptop', 51000, WEB), { at: 1000, do: 'close', from: 'laptop', srcPort: 51000, to: WEB }, { at: 1000, do: 'wait', minutes: 5 }] });
    const last = translations(trace, 'outbound').at(-1)!;
    expect(last.kind).toBe('ACK');
    expect(mappingEvents(trace, 'state').map((e) => e.mapping.sessions[0]?.state)).toEqual(['established', 'closing']);
    expect(expiries(trace)).toEqual([[last.t + 240_000, 'tcp-transitory', 'RFC 5382 REQ-5']]);
  });

  test('after the mapping expired, the friend’s packet to the old port is dropped', () => {
    const trace = run({ steps: [udp(0, 'console', 3074, FRIEND), udp(400_000, 'friend', 3074, { address: PUBLIC, port: 3074 })] });
    expect(drops(trace)).toMatchObject([{ t: 400_000 + INTERNET_DELAY_MS, reason: 'no-mapping' }]);
  });
});

describe('PCP (RFC 6887 §11)', () => {
  test('a MAP request adds a forward for its lifetime; inbound works until it runs out', () => {
    const to = { address: PUBLIC, port: 3074 };
    const trace = run({ steps: [{ at: 0, do: 'pcp-map', from: 'console', proto: 'udp', port: 3074, lifetime: 60 }, udp(1000, 'friend', 5, to, false), udp(70_000, 'friend', 5, to, false)] });
    const legs = of(trace, 'leg').slice(0, 2);
    expect(legs.map((l) => [l.packet.kind, l.packet.dst.address, l.packet.dst.port])).toEqual([
      ['pcp-request', '192.168.1.1', 5351],
      ['pcp-response', '192.168.1.20', 50000],
    ]);
    expect(of(trace, 'forward').map((f) => [f.t, f.action, f.forward.by])).toEqual([
      [LAN_DELAY_MS, 'added', 'pcp'],
      [LAN_DELAY_MS + 60_000, 'expired', 'pcp'],
    ]);
    expect(delivered(trace)).toContain('console datagram 192.0.2.44:5 → 192.168.1.20:3074');
    expect(drops(trace)).toMatchObject([{ t: 70_000 + INTERNET_DELAY_MS, reason: 'no-mapping' }]);
  });

  test('a MAP request for a port that is taken is granted another one', () => {
    const trace = run({ forwards: [{ proto: 'udp', publicPort: 3074, insideAddress: '192.168.1.10', insidePort: 3074 }], steps: [{ at: 0, do: 'pcp-map', from: 'console', proto: 'udp', port: 3074, lifetime: 60 }] });
    expect(of(trace, 'forward').at(-1)).toMatchObject({ action: 'added', requestedPort: 3074, forward: { publicPort: 3076 } });
  });
});

describe('forward rules that cannot be applied', () => {
  test('a forward on a port a mapping holds is refused, a duplicate is refused, a missing one cannot be removed', () => {
    const trace = run({
      forwards: [FWD_8080],
      steps: [
        udp(0, 'laptop', 9000, WEB, false),
        { at: 100, do: 'add-forward', proto: 'udp', publicPort: 9000, insideAddress: '192.168.1.20', insidePort: 9000 },
        { at: 200, do: 'add-forward', ...FWD_8080 },
        { at: 300, do: 'remove-forward', proto: 'udp', publicPort: 1 },
      ],
    });
    expect(of(trace, 'forward').map((f) => [f.action, f.reason])).toEqual([
      ['added', undefined],
      ['refused', 'port-in-use'],
      ['refused', 'duplicate'],
      ['not-found', undefined],
    ]);
  });
});

describe('host errors and simulator limits', () => {
  test('sending TCP data or closing without a connection is reported, and nothing is sent', () => {
    const trace = run({ steps: [{ at: 0, do: 'send', from: 'laptop', proto: 'tcp', srcPort: 1, to: WEB }, { at: 1, do: 'close', from: 'laptop', srcPort: 1, to: WEB }] });
    expect(of(trace, 'error').map((e) => e.code)).toEqual(['no-connection', 'no-connection']);
    expect(of(trace, 'leg')).toEqual([]);
  });

  test('data on an open connection is acknowledged', () => {
    const trace = run({ steps: [connect(0, 'laptop', 51000, WEB), { at: 1000, do: 'send', from: 'laptop', proto: 'tcp', srcPort: 51000, to: WEB }] });
    expect(delivered(trace).slice(-2)).toEqual(['web data 203.0.113.5:51000 → 198.51.100.80:443', 'laptop ACK 198.51.100.80:443 → 192.168.1.10:51000']);
  });

  test('an invalid scenario gives a trace with the problems and an invalid end, never a throw', () => {
    const trace = runNatScenario({ steps: [{ at: 0, do: 'connect' }] });
    expect(trace.scenario).toBeNull();
    expect(trace.problems.length).toBeGreaterThan(0);
    expect(trace.events.map((e) => e.type)).toEqual(['error', 'end']);
    expect(trace.events.at(-1)).toMatchObject({ reason: 'invalid' });
  });

  test('a run that reaches the event cap stops with an event-cap error', () => {
    const trace = runNatScenario({ steps: [connect(0, 'laptop', 51000, WEB)] }, { eventCap: 5 });
    expect(trace.events).toHaveLength(7);
    expect(trace.events.slice(-2).map((e) => e.type)).toEqual(['error', 'end']);
    expect(trace.events.at(-1)).toMatchObject({ reason: 'event-cap' });
  });

  test('the same scenario gives the same trace, byte for byte', () => {
    const s: NatScenario = { nat: { cgnat: true }, forwards: [FWD_8080], steps: [connect(0, 'laptop', 51000, WEB), udp(5, 'console', 51000, FRIEND)] };
    expect(JSON.stringify(runNatScenario(s))).toBe(JSON.stringify(runNatScenario(structuredClone(s))));
  });
});
