import { describe, expect, test } from 'vitest';
import { forwardsAt, mappingsAt, natTableAt, packetViewAt } from './query.ts';
import { runNatScenario } from './run.ts';

const WEB = { address: '198.51.100.80', port: 443 };
const FWD = { proto: 'tcp' as const, publicPort: 8080, insideAddress: '192.168.1.10', insidePort: 8080 };

describe('natTableAt', () => {
  const trace = runNatScenario({
    forwards: [FWD],
    steps: [
      { at: 0, do: 'send', from: 'laptop', proto: 'udp', srcPort: 3074, to: WEB, reply: false },
      { at: 1000, do: 'send', from: 'console', proto: 'udp', srcPort: 3074, to: WEB, reply: false },
      { at: 2000, do: 'wait', minutes: 6 },
    ],
  });

  test('natTableAt lists an idle forward as a static row with no remote and no expiry', () => {
    expect(natTableAt(trace, 0, 'router')).toEqual([
      { key: '1|*', mappingId: 1, proto: 'tcp', inside: { address: '192.168.1.10', port: 8080 }, outside: { address: '203.0.113.5', port: 8080 }, remote: null, state: 'forward', static: true, expiresAt: null },
    ]);
  });

  test('natTableAt shows the rewritten port of the second device and when each row expires', () => {
    const rows = natTableAt(trace, 1002, 'router').filter((r) => !r.static);
    expect(rows.map((r) => [r.inside.address, r.inside.port, r.outside.port, r.remote?.address, r.state, r.expiresAt])).toEqual([
      ['192.168.1.10', 3074, 3074, '198.51.100.80', 'udp', 300_002],
      ['192.168.1.20', 3074, 3076, '198.51.100.80', 'udp', 301_002],
    ]);
  });

  test('natTableAt drops rows once they expired, and shows them again when stepping back', () => {
    expect(natTableAt(trace, 300_002, 'router').filter((r) => !r.static).map((r) => r.inside.address)).toEqual(['192.168.1.20']);
    expect(natTableAt(trace, 400_000, 'router').filter((r) => !r.static)).toEqual([]);
    expect(natTableAt(trace, 1002, 'router').filter((r) => !r.static)).toHaveLength(2);
    expect(mappingsAt(trace, 400_000, 'cgn')).toEqual([]);
  });
});

describe('forwardsAt', () => {
  test('forwardsAt follows added, removed and expired forwards', () => {
    const trace = runNatScenario({
      steps: [
        { at: 0, do: 'add-forward', ...FWD },
        { at: 10, do: 'pcp-map', from: 'console', proto: 'udp', port: 3074, lifetime: 60 },
        { at: 100, do: 'remove-forward', proto: 'tcp', publicPort: 8080 },
        { at: 100, do: 'wait', minutes: 2 },
      ],
    });
    expect(forwardsAt(trace, 0).map((f) => f.publicPort)).toEqual([8080]);
    expect(forwardsAt(trace, 50).map((f) => [f.publicPort, f.by, f.expiresAt])).toEqual([
      [8080, 'step', null],
      [3074, 'pcp', 60_012],
    ]);
    expect(forwardsAt(trace, 100).map((f) => f.publicPort)).toEqual([3074]);
    expect(forwardsAt(trace, 60_012)).toEqual([]);
  });
});

describe('packetViewAt', () => {
  test('packetViewAt gives the translation of the step shown, else the latest before it', () => {
    const trace = runNatScenario({ steps: [{ at: 0, do: 'connect', from: 'laptop', srcPort: 51000, to: WEB }] });
    const idx = (t: number) => trace.events.findIndex((e) => e.t === t);
    const endOf = (t: number) => trace.events.findLastIndex((e) => e.t === t) + 1;
    expect(packetViewAt(trace, 0, endOf(0))).toBeNull();
    const at2 = packetViewAt(trace, idx(2), endOf(2));
    expect(at2).toMatchObject({ kind: 'translate', now: true, event: { direction: 'outbound', after: { src: { address: '203.0.113.5', port: 51000 } } } });
    expect(packetViewAt(trace, idx(22), endOf(22))).toMatchObject({ kind: 'translate', now: false, event: { t: 2 } });
  });

  test('packetViewAt gives a drop at the router', () => {
    const trace = runNatScenario({ steps: [{ at: 0, do: 'connect', from: 'friend', srcPort: 1, to: { address: '203.0.113.5', port: 22 } }] });
    expect(packetViewAt(trace, 0, trace.events.length)).toMatchObject({ kind: 'drop', now: true, event: { reason: 'no-mapping' } });
  });
});
