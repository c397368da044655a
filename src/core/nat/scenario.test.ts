import { describe, expect, test } from 'vitest';
import {
  destinationProblem,
  forwardTargetProblem,
  formatForward,
  resolveNatScenario,
  TCP_ESTABLISHED_TIMEOUT_MIN_MS,
  TCP_TRANSITORY_TIMEOUT_MIN_MS,
  UDP_TIMEOUT_DEFAULT_MS,
  UDP_TIMEOUT_MIN_MS,
  validateNatScenario,
} from './scenario.ts';

const web = { address: '198.51.100.80', port: 443 };
const connect = { at: 0, do: 'connect', from: 'laptop', srcPort: 51000, to: web };

function problemsOf(input: unknown): string[] {
  return validateNatScenario(input).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('validateNatScenario', () => {
  test('validateNatScenario accepts a minimal scenario and returns a clean copy', () => {
    const r = validateNatScenario({ steps: [connect] });
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual({ steps: [connect] });
    expect(r.scenario?.steps[0]).not.toBe(connect);
  });

  test.each([
    // not an object at all
    [null, '$: a scenario must be an object, got null'],
    [[], '$: a scenario must be an object, got an array'],
    ['{}', '$: a scenario must be an object, got the string "{}"'],
    // structure
    [{}, '$.steps: is required (an array, possibly empty)'],
    [{ steps: [], extra: 1 }, '$.extra: unknown field "extra"'],
    [{ steps: {} }, '$.steps: must be an array, got an object'],
    [{ steps: [5] }, '$.steps[0]: must be an object'],
    // ports are 1–65535
    [{ steps: [{ ...connect, srcPort: 0 }] }, '$.steps[0].srcPort: must be at least 1 (ports are 1–65535), got 0'],
    [{ steps: [{ ...connect, srcPort: 70000 }] }, '$.steps[0].srcPort: must be at most 65535, got 70000'],
    [{ steps: [{ ...connect, srcPort: 1.5 }] }, '$.steps[0].srcPort: must be a whole number, got 1.5'],
    [{ steps: [{ ...connect, to: { address: '198.51.100.80', port: 0 } }] }, '$.steps[0].to.port: must be at least 1'],
    [{ steps: [{ ...connect, srcPort: '80' }] }, '$.steps[0].srcPort: must be a number, got the string "80"'],
    // addresses
    [{ steps: [{ ...connect, to: { address: '198.51.100.300', port: 80 } }] }, '$.steps[0].to.address: must be an IPv4 address'],
    [{ steps: [{ ...connect, to: { address: '192.168.1.20', port: 80 } }] }, 'is on the home network, so the packet would not pass the router'],
    [{ steps: [{ ...connect, to: { address: '127.0.0.1', port: 80 } }] }, 'is not a unicast address of a host (RFC 6890 §2.2.2)'],
    [{ steps: [{ ...connect, from: 'friend', to: web }] }, 'an internet host sends only to the home\'s public address 203.0.113.5'],
    [{ steps: [{ ...connect, from: 'mallory' }] }, '$.steps[0].from: must be one of "laptop", "console", "web", "friend"'],
    // steps
    [{ steps: [{ ...connect, do: 'listen' }] }, '$.steps[0].do: must be one of "connect", "send"'],
    [{ steps: [{ ...connect, at: 5 }, { ...connect, at: 1 }] }, '$.steps[1].at: steps must be in time order: 1 ms comes after 5 ms'],
    [{ steps: [{ ...connect, bytes: 3 }] }, '$.steps[0].bytes: unknown field "bytes"'],
    [{ steps: [{ at: 0, do: 'wait', minutes: 0 }] }, '$.steps[0].minutes: must be more than 0 minutes, got 0'],
    [{ steps: [{ at: 0, do: 'wait' }] }, '$.steps[0].minutes: is required'],
    [{ steps: [{ at: 0, do: 'send', from: 'laptop', proto: 'tcp', srcPort: 1, to: web, reply: false }] }, 'only UDP sends take "reply"'],
    [{ steps: [{ at: 0, do: 'pcp-map', from: 'friend', proto: 'udp', port: 3074, lifetime: 60 }] }, 'only a home device asks its router for a forward with PCP'],
    [{ steps: [{ at: 0, do: 'pcp-map', from: 'laptop', proto: 'udp', port: 3074, lifetime: 0 }] }, '$.steps[0].lifetime: must be at least 1 s'],
    // RFC minimums of the timers
    [{ nat: { timeouts: { udp: 60_000 } }, steps: [] }, '$.nat.timeouts.udp: must be at least 120000 ms (RFC 4787 REQ-5'],
    [{ nat: { timeouts: { tcpEstablished: 3_600_000 } }, steps: [] }, '(RFC 5382 REQ-5: at least 2 hours 4 minutes)'],
    [{ nat: { timeouts: { tcpTransitory: 60_000 } }, steps: [] }, '(RFC 5382 REQ-5: at least 4 minutes)'],
    [{ nat: { filtering: 'strict' }, steps: [] }, '$.nat.filtering: must be one of "endpoint-independent"'],
    [{ nat: { cgnat: 'yes' }, steps: [] }, '$.nat.cgnat: must be true or false'],
    // forwards
    [{ forwards: [{ proto: 'tcp', publicPort: 80, insideAddress: '192.168.1.1', insidePort: 80 }], steps: [] }, 'is the router itself'],
    [{ forwards: [{ proto: 'tcp', publicPort: 80, insideAddress: '10.0.0.5', insidePort: 80 }], steps: [] }, 'is not on the home network 192.168.1.0/24'],
    [{ forwards: [{ proto: 'tcp', publicPort: 80, insideAddress: '192.168.1.255', insidePort: 80 }], steps: [] }, "is the home network's broadcast address"],
    [{ forwards: [{ proto: 'sctp', publicPort: 80, insideAddress: '192.168.1.10', insidePort: 80 }], steps: [] }, '$.forwards[0].proto: must be one of "tcp", "udp"'],
    [
      { forwards: [{ proto: 'tcp', publicPort: 80, insideAddress: '192.168.1.10', insidePort: 80 }, { proto: 'tcp', publicPort: 80, insideAddress: '192.168.1.20', insidePort: 80 }], steps: [] },
      '$.forwards[1].publicPort: TCP port 80 is already forwarded by an earlier rule',
    ],
  ])('validateNatScenario(%j) reports %s', (input, expected) => {
    const problems = problemsOf(input);
    expect(problems.some((p) => p.includes(expected)), problems.join('\n')).toBe(true);
    expect(validateNatScenario(input).scenario).toBeUndefined();
  });

  test('validateNatScenario lets an internet host target the CGN address, the shared WAN address, or a private address (to see them dropped)', () => {
    const friend = (address: string) => ({ at: 0, do: 'connect', from: 'friend', srcPort: 40000, to: { address, port: 8080 } });
    expect(problemsOf({ nat: { cgnat: true }, steps: [friend('198.51.100.7'), friend('100.64.12.34'), friend('192.168.1.10')] })).toEqual([]);
    expect(problemsOf({ nat: { cgnat: true }, steps: [friend('203.0.113.5')] })).toHaveLength(1);
  });

  test('validateNatScenario reports every problem at once, each with its path', () => {
    const problems = validateNatScenario({ steps: [{ at: -1, do: 'connect', from: 'laptop', srcPort: 0, to: { address: 'x', port: 1 } }] }).problems;
    expect(problems.map((p) => p.path)).toEqual(['$.steps[0].at', '$.steps[0].srcPort', '$.steps[0].to.address']);
  });

  test('validateNatScenario never throws on a hostile object', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    expect(validateNatScenario(hostile).problems).toEqual([{ path: '$', message: 'could not be read: boom' }]);
  });
});

describe('resolveNatScenario', () => {
  test('resolveNatScenario fills in the RFC defaults', () => {
    const r = resolveNatScenario({ steps: [] });
    expect(r.nat).toEqual({
      filtering: 'address-dependent',
      timeouts: { udp: UDP_TIMEOUT_DEFAULT_MS, tcpEstablished: TCP_ESTABLISHED_TIMEOUT_MIN_MS, tcpTransitory: TCP_TRANSITORY_TIMEOUT_MIN_MS },
      cgnat: false,
      portPreservation: true,
    });
  });

  test('the timer constants are the RFC values', () => {
    expect(UDP_TIMEOUT_MIN_MS).toBe(2 * 60 * 1000); // RFC 4787 REQ-5
    expect(UDP_TIMEOUT_DEFAULT_MS).toBe(5 * 60 * 1000); // RFC 4787 REQ-5c
    expect(TCP_ESTABLISHED_TIMEOUT_MIN_MS).toBe((2 * 60 + 4) * 60 * 1000); // RFC 5382 REQ-5
    expect(TCP_TRANSITORY_TIMEOUT_MIN_MS).toBe(4 * 60 * 1000); // RFC 5382 REQ-5
  });
});

describe('helpers', () => {
  test('forwardTargetProblem accepts a home device and names what is wrong otherwise', () => {
    expect(forwardTargetProblem('192.168.1.10')).toBeNull();
    expect(forwardTargetProblem('192.168.1.0')).toContain('network address');
    expect(forwardTargetProblem('nope')).toContain('not an IPv4 address');
  });

  test('destinationProblem refuses a host sending to itself', () => {
    expect(destinationProblem('laptop', '192.168.1.10', false)).toContain('the laptop itself');
  });

  test('formatForward writes a rule as routers show it', () => {
    expect(formatForward({ proto: 'udp', publicPort: 3074, insideAddress: '192.168.1.20', insidePort: 3074 })).toBe('UDP 3074 → 192.168.1.20:3074');
  });
});
