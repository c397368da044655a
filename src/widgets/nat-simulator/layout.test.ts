import { describe, expect, test } from 'vitest';
import { getNatPreset, narrateNatTrace, natTableAt, packetViewAt, runNatScenario, type NatTrace } from '../../core/nat/index.ts';
import { changedMappings, forwardText, legLabel, natLadder, natLanes, natTraceRows, packetPanel, packetTone, tableText } from './layout.ts';

function preset(name: string): NatTrace {
  return runNatScenario(getNatPreset(name)!.scenario);
}

describe('natLadder', () => {
  test('natLanes has home, router and internet, the carrier NAT only with cgnat, and names the hosts involved', () => {
    expect(natLanes(false).map((l) => [l.id, l.sublabel])).toEqual([
      ['home', '192.168.1.0/24'],
      ['router', '203.0.113.5'],
      ['internet', 'no host yet'],
    ]);
    expect(natLanes(true, new Set(['laptop', 'console', 'friend', 'router'])).map((l) => [l.id, l.sublabel])).toEqual([
      ['home', 'laptop .10, game console .20'],
      ['router', '100.64.12.34'],
      ['cgn', '198.51.100.7'],
      ['internet', 'friend .44'],
    ]);
  });

  test('natLadder draws each packet as two arrows: inside with the original addresses, outside with the translated ones', () => {
    const trace = preset('outbound');
    const ladder = natLadder(trace, narrateNatTrace(trace));
    expect(ladder.arrows.slice(0, 2).map((a) => [a.from, a.to, a.t0, a.t1, a.label, a.tone, a.status])).toEqual([
      ['home', 'router', 0, 2, 'SYN 192.168.1.10:51000 → 198.51.100.80:443', 'syn', 'delivered'],
      ['router', 'internet', 2, 22, 'SYN 203.0.113.5:51000 → 198.51.100.80:443', 'syn', 'delivered'],
    ]);
    expect(ladder.arrows).toHaveLength(6);
    expect(ladder.rows.map((r) => r.label)).toEqual(['0 ms', '2 ms', '22 ms', '42 ms', '44 ms', '46 ms', '66 ms']);
    expect(ladder.marks).toEqual([{ id: expect.any(String), lane: 'router', t: 2, label: '+ map :51000', tone: 'established' }]);
    expect(ladder.lanes.map((l) => l.sublabel)).toEqual(['laptop .10', '203.0.113.5', 'web server .80']);
  });

  test('natLadder marks a drop on the lane where it happens and a lost arrow half way', () => {
    const dropped = preset('inbound-without-forward');
    expect(natLadder(dropped, narrateNatTrace(dropped)).marks.map((m) => [m.lane, m.label])).toEqual([['router', '✗ dropped']]);
    const cg = runNatScenario({ nat: { cgnat: true }, steps: [{ at: 0, do: 'connect', from: 'friend', srcPort: 1, to: { address: '100.64.12.34', port: 80 } }] });
    expect(natLadder(cg, narrateNatTrace(cg)).arrows).toMatchObject([{ status: 'lost', reach: 0.5, from: 'internet', to: 'internet' }]);
  });

  test('natLadder marks mapping expiry and forwards', () => {
    const trace = preset('mapping-timeout');
    expect(natLadder(trace, narrateNatTrace(trace)).marks.map((m) => m.label)).toEqual(['+ map :3074', 'map :3074 expired', '✗ dropped']);
    const fwd = preset('port-forward');
    expect(natLadder(fwd, narrateNatTrace(fwd)).marks.map((m) => m.label)).toEqual(['+ fwd :8080']);
  });

  test.each([
    ['SYN', 'syn'],
    ['ACK', 'ack'],
    ['FIN-ACK', 'fin'],
    ['data', 'psh'],
    ['datagram', 'psh'],
  ] as const)('packetTone(%s) is %s', (kind, tone) => {
    expect(packetTone(kind)).toBe(tone);
  });

  test('legLabel names UDP and PCP packets in words', () => {
    expect(legLabel({ kind: 'reply', src: { address: '192.0.2.44', port: 3074 }, dst: { address: '203.0.113.5', port: 3076 } })).toBe('UDP reply 192.0.2.44:3074 → 203.0.113.5:3076');
  });
});

describe('tables and panels', () => {
  test('tableText shows the rewritten port of the second device, the remote, the state and the time left', () => {
    const trace = preset('two-hosts-one-port');
    const t = 1002;
    const first = trace.events.findIndex((e) => e.t === t);
    const end = trace.events.findLastIndex((e) => e.t === t) + 1;
    const rows = tableText(natTableAt(trace, t, 'router'), t, changedMappings(trace, first, end, 'router'));
    expect(rows.map((r) => [r.proto, r.inside, r.outside, r.remote, r.state, r.expires, r.change])).toEqual([
      ['UDP', '192.168.1.10:3074 (Laptop)', '203.0.113.5:3074', '192.0.2.44:3074 (Friend)', 'active', '4 min 59 s', ''],
      ['UDP', '192.168.1.20:3074 (Game console)', '203.0.113.5:3076', '192.0.2.44:3074 (Friend)', 'active', '5 min', 'new'],
    ]);
  });

  test('tableText shows an idle forward and changedMappings marks a refreshed mapping as updated', () => {
    const trace = preset('port-forward');
    expect(tableText(natTableAt(trace, 0, 'router'), 0, new Map()).map((r) => [r.remote, r.state, r.expires])).toEqual([['anyone (forward)', 'forward, idle', 'while the rule exists']]);
    const t = 1064;
    const first = trace.events.findIndex((e) => e.t === t);
    expect(changedMappings(trace, first, trace.events.length, 'router')).toEqual(new Map([[1, 'updated']]));
  });

  test('forwardText says where a rule came from', () => {
    const f = { proto: 'udp' as const, publicPort: 3074, insideAddress: '192.168.1.20', insidePort: 3074, by: 'pcp' as const, expiresAt: 60_000, lifetime: 60 };
    expect(forwardText(f, 30_000)).toEqual({ rule: 'UDP 3074 → 192.168.1.20:3074 (Game console)', origin: 'by PCP, ends in 30 s' });
    expect(forwardText({ ...f, by: 'config', expiresAt: null }, 0).origin).toBe('configured');
  });

  test('packetPanel shows before and after with the rewritten half marked', () => {
    const trace = preset('outbound');
    const i = trace.events.findIndex((e) => e.type === 'translate');
    const panel = packetPanel(packetViewAt(trace, i, i + 1));
    expect(panel).toEqual({
      heading: 'Now at the router',
      rows: [
        { label: 'Before (inside)', tuple: 'TCP 192.168.1.10:51000 → 198.51.100.80:443', src: '192.168.1.10:51000', dst: '198.51.100.80:443', srcChanged: false, dstChanged: false },
        { label: 'After (outside)', tuple: 'TCP 203.0.113.5:51000 → 198.51.100.80:443', src: '203.0.113.5:51000', dst: '198.51.100.80:443', srcChanged: true, dstChanged: false },
      ],
      note: 'SYN: the router rewrote the source with a new mapping.',
    });
    expect(packetPanel(null)).toBeNull();
  });

  test('packetPanel explains a drop', () => {
    const trace = preset('cgnat');
    const panel = packetPanel(packetViewAt(trace, trace.events.length - 2, trace.events.length));
    expect(panel?.heading).toBe('Now at the carrier NAT');
    expect(panel?.note).toBe('Dropped: carrier NAT has no forward (RFC 6598 §7; RFC 6888). Nothing is sent on.');
  });

  test('natTraceRows gives every event one row, in order, with its time', () => {
    const trace = preset('hairpin');
    const rows = natTraceRows(trace);
    expect(rows.map((r) => r.index)).toEqual(trace.events.map((_, i) => i));
    expect(rows.find((r) => r.what === 'translate (hairpin)')?.detail).toBe('TCP 192.168.1.20:52000 → 203.0.113.5:8080 ⇒ TCP 203.0.113.5:52000 → 192.168.1.10:8080');
    expect(rows.at(-1)).toMatchObject({ who: 'simulator', what: 'end' });
    expect(rows[2]).toMatchObject({ time: '1 s', who: 'Game console', what: 'step: connect' });
  });
});
