import { describe, expect, test } from 'vitest';
import { formatNatTime, narrateNatTrace } from './narrate.ts';
import { runNatScenario } from './run.ts';
import type { NatScenario } from './scenario.ts';

const WEB = { address: '198.51.100.80', port: 443 };
const captions = (s: NatScenario) => narrateNatTrace(runNatScenario(s)).map((st) => st.caption);

describe('formatNatTime', () => {
  test.each([
    [0, '0 ms'],
    [22, '22 ms'],
    [1044, '1.044 s'],
    [300_000, '5 min'],
    [300_044, '5 min 0.044 s'],
    [7_440_000, '2 h 4 min'],
    [7_440_046, '2 h 4 min 0.046 s'],
  ])('formatNatTime(%i) is %s', (ms, text) => {
    expect(formatNatTime(ms)).toBe(text);
  });
});

describe('narrateNatTrace', () => {
  test('narrateNatTrace tells an outbound connection, explaining each rewrite in words', () => {
    expect(captions({ steps: [{ at: 0, do: 'connect', from: 'laptop', srcPort: 51000, to: WEB }] })).toEqual([
      'The laptop opens a TCP connection to 198.51.100.80:443: it sends SYN 192.168.1.10:51000 → 198.51.100.80:443.',
      "The router rewrites the laptop's source 192.168.1.10:51000 to 203.0.113.5:51000 and remembers the mapping (it lasts 4 min of idle time while the connection opens or closes, RFC 5382 REQ-5).",
      'The web server receives the SYN from 203.0.113.5:51000: it sees only the public address, never the private one. It answers with SYN-ACK 198.51.100.80:443 → 203.0.113.5:51000.',
      'The router finds the mapping for 203.0.113.5:51000 and rewrites the destination to 192.168.1.10:51000 (the laptop). It comes from 198.51.100.80, which the mapping has sent to, so the address-dependent filter lets it in (RFC 4787 §5).',
      'The laptop receives the SYN-ACK from 198.51.100.80:443. It answers with ACK 192.168.1.10:51000 → 198.51.100.80:443.',
      "The router rewrites the laptop's source 192.168.1.10:51000 to 203.0.113.5:51000 using the mapping it already has. The handshake is complete, so the mapping's idle timeout becomes 2 h 4 min (RFC 5382 REQ-5).",
      'The web server receives the ACK from 203.0.113.5:51000: it sees only the public address, never the private one.',
    ]);
  });

  test('narrateNatTrace names Endpoint-Independent Mapping when a new destination reuses a port', () => {
    const c = captions({ steps: [{ at: 0, do: 'send', from: 'laptop', proto: 'udp', srcPort: 5000, to: WEB, reply: false }, { at: 100, do: 'send', from: 'laptop', proto: 'udp', srcPort: 5000, to: { address: '192.0.2.44', port: 5000 }, reply: false }] });
    expect(c.find((x) => x.includes('Endpoint-Independent Mapping'))).toBe(
      "The router rewrites the laptop's source 192.168.1.10:5000 to 203.0.113.5:5000 using the mapping it already has. A new destination gets the same public port: Endpoint-Independent Mapping (RFC 4787 REQ-1, RFC 5382 REQ-1).",
    );
    expect(c.at(-1)).toBe('Your friend receives the UDP datagram from 203.0.113.5:5000: it sees only the public address, never the private one and does not answer.');
  });

  test.each([
    // [scenario, what the last caption says]
    [{ steps: [{ at: 0, do: 'send', from: 'laptop', proto: 'udp', srcPort: 5000, to: { address: '10.9.9.9', port: 53 } }] }, '10.9.9.9 is a private address (RFC 1918 §3): routers on the internet do not route it, so the UDP datagram is dropped on the way.'],
    [
      { nat: { cgnat: true }, steps: [{ at: 0, do: 'connect', from: 'friend', srcPort: 4, to: { address: '100.64.12.34', port: 80 } }] },
      "100.64.12.34 is in the shared address space 100.64.0.0/10, which only the ISP's own network uses (RFC 6598 §7): the internet does not route it, so the SYN is dropped on the way.",
    ],
    [
      { steps: [{ at: 0, do: 'send', from: 'laptop', proto: 'udp', srcPort: 5000, to: WEB, reply: false }, { at: 10, do: 'send', from: 'friend', proto: 'udp', srcPort: 9, to: { address: '203.0.113.5', port: 5000 } }] },
      'The router has a mapping on UDP port 5000, but its address-dependent filter lets in only addresses the inside host has sent to, so it drops this UDP datagram from 192.0.2.44:9 (RFC 4787 §5).',
    ],
    [{ steps: [{ at: 0, do: 'add-forward', proto: 'tcp', publicPort: 8080, insideAddress: '192.168.1.10', insidePort: 8080 }] }, 'You add a forwarding rule on the router: TCP 8080 → 192.168.1.10:8080. TCP packets for the router\'s port 8080 now go to 192.168.1.10:8080.'],
    [{ steps: [{ at: 0, do: 'remove-forward', proto: 'tcp', publicPort: 8080 }] }, 'There is no forwarding rule for TCP port 8080 to remove.'],
    [{ steps: [{ at: 0, do: 'wait', minutes: 3 }] }, '3 min have passed.'],
    [{ steps: [{ at: 0, do: 'close', from: 'laptop', srcPort: 1, to: WEB }] }, 'The laptop has no open TCP connection from port 1 to 198.51.100.80:443, so it cannot close it; open one first.'],
    [
      { steps: [{ at: 0, do: 'pcp-map', from: 'console', proto: 'udp', port: 3074, lifetime: 30 }] },
      'The game console receives the PCP answer: the forward is in place.',
    ],
  ] as [NatScenario, string][])('narrateNatTrace ends %j with the right caption', (s, last) => {
    expect(captions(s).at(-1)).toBe(last);
  });

  test('narrateNatTrace tells a mapping expiring with its timer and rule', () => {
    const c = captions({ steps: [{ at: 0, do: 'send', from: 'console', proto: 'udp', srcPort: 3074, to: { address: '192.0.2.44', port: 3074 }, reply: false }, { at: 1000, do: 'wait', minutes: 6 }] });
    expect(c).toContain("The router's UDP mapping 192.168.1.20:3074 ⇄ 203.0.113.5:3074 expires: no outbound packet for 5 min (RFC 4787 REQ-5). Port 3074 is free again.");
  });

  test('narrateNatTrace gives an invalid trace one step that names the problems', () => {
    const steps = narrateNatTrace(runNatScenario({ steps: 'none' }));
    expect(steps).toHaveLength(1);
    expect(steps[0]?.caption).toBe('The scenario is invalid ($.steps: must be an array, got the string "none").');
  });

  test('narrateNatTrace steps are in strictly increasing time and cover every event', () => {
    const trace = runNatScenario({ forwards: [{ proto: 'tcp', publicPort: 8080, insideAddress: '192.168.1.10', insidePort: 8080 }], steps: [{ at: 0, do: 'connect', from: 'console', srcPort: 52000, to: { address: '203.0.113.5', port: 8080 } }] });
    const steps = narrateNatTrace(trace);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.t).toBeGreaterThan(steps[i - 1]!.t);
      expect(steps[i]!.first).toBe(steps[i - 1]!.end);
    }
    expect(steps.at(-1)?.end).toBe(trace.events.length);
  });
});
