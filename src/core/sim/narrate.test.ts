import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPreset, PRESETS } from '../presets/index.ts';
import { CLIENT_SERVER_NAMES, formatMs, narrateTrace, PEER_NAMES, segmentName, sideNames, stepIndexAt } from './narrate.ts';
import { runScenario } from './run.ts';
import type { SimSegment } from '../tcp/segment.ts';
import type { Trace } from './trace.ts';

function preset(name: string): Trace {
  const p = getPreset(name);
  if (p === undefined) throw new Error(name);
  return runScenario(p.scenario);
}

function seg(flags: SimSegment['flags'], len = 0): SimSegment {
  return { srcPort: 1, dstPort: 2, seq: 1, ack: 0, flags, window: 1, len };
}

describe('narrateTrace', () => {
  test('narrateTrace(handshake) tells Figure 6 in five steps, one per instant', () => {
    const steps = narrateTrace(preset('handshake'));
    expect(steps.map((s) => s.t)).toEqual([0, 100, 150, 200, 250]);
    expect(steps[1]?.caption).toContain('The client sends SYN with sequence number 100 and enters SYN-SENT.');
    expect(steps[2]?.caption).toContain('The server sends SYN-ACK with sequence number 300 and acknowledgment number 101 and enters SYN-RECEIVED.');
    expect(steps[3]?.caption).toContain('The client sends ACK with sequence number 101 and acknowledgment number 301 and enters ESTABLISHED.');
    expect(steps[4]?.caption).toContain('The server enters ESTABLISHED');
  });

  test('narrateTrace(lost-syn) names the drop, the expired timer and the retransmission', () => {
    const captions = narrateTrace(preset('lost-syn')).map((s) => s.caption);
    expect(captions).toContain('The SYN (sequence number 100) from the client is dropped on the way (a drop rule of this scenario).');
    const retry = captions.find((c) => c.includes('retransmits SYN'));
    expect(retry).toContain("The client's retransmission timer expires");
    expect(retry).toContain('The client retransmits SYN with sequence number 100.');
  });

  test.each([
    // a firewall drop names the host behind it
    ['silent-server', 'A firewall in front of the server silently discards the SYN'],
    // the application is told what the RFC tells it
    ['silent-server', 'The client\'s application is told: "connection timed out".'],
    ['connection-refused', 'The client\'s application is told: "connection refused".'],
    // TIME-WAIT gets its duration, 2 × MSL with the preset's MSL of 1 s
    ['graceful-close', 'waits in TIME-WAIT for 2 × MSL, 2 s'],
    // the peer's FIN reaches the application as end of file
    ['graceful-close', 'a read returns 0'],
    // pure ACKs are known by their acknowledgment number
    ['lost-data', 'The client receives the ACK (acknowledgment number 1101).'],
    // simultaneous open has no client and no server
    ['simultaneous-open', 'Host A sends SYN with sequence number 100 and enters SYN-SENT.'],
  ])('narrateTrace(%s) says %j', (name, words) => {
    expect(narrateTrace(preset(name)).map((s) => s.caption).join(' ')).toContain(words);
  });

  test('narrateTrace() of every preset gives strictly increasing times and event ranges that tile the trace', () => {
    for (const p of PRESETS) {
      const trace = runScenario(p.scenario);
      const steps = narrateTrace(trace);
      expect(steps.length, p.name).toBeGreaterThan(0);
      expect(steps[0]?.first, p.name).toBe(0);
      expect(steps[steps.length - 1]?.end, p.name).toBe(trace.events.length);
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]!.t, p.name).toBeGreaterThan(steps[i - 1]!.t);
        expect(steps[i]!.first, p.name).toBe(steps[i - 1]!.end);
      }
      for (const s of steps) expect(s.caption, p.name).toMatch(/^[A-Z].*\.$/);
    }
  });

  test('narrateTrace() of an invalid scenario gives one step quoting the validator', () => {
    const steps = narrateTrace(runScenario({ a: {}, b: {}, steps: [{ at: 0, on: 'a', do: 'fly' }] } as never));
    expect(steps).toHaveLength(1);
    expect(steps[0]?.caption).toMatch(/^The simulation stopped: invalid scenario/);
    expect(steps[0]?.caption).toContain('$.steps[0].do must be one of');
  });

  test('narrateTrace() uses the names it is given', () => {
    const steps = narrateTrace(preset('handshake'), { names: { a: 'the browser', b: 'the web server' } });
    expect(steps[1]?.caption).toContain('The browser sends SYN');
  });
});

describe('sideNames', () => {
  test.each([
    // b listens, a connects: the usual picture
    ['handshake', CLIENT_SERVER_NAMES],
    // nobody listens, a connects and is refused: b is still the server it tried
    ['connection-refused', CLIENT_SERVER_NAMES],
    // both connect: peers
    ['simultaneous-open', PEER_NAMES],
  ])('sideNames(%s) is %o', (name, names) => {
    expect(sideNames(preset(name).scenario)).toEqual(names);
  });
});

describe('segmentName', () => {
  test.each([
    [seg(['SYN']), 'SYN'],
    [seg(['SYN', 'ACK']), 'SYN-ACK'],
    [seg(['FIN', 'ACK']), 'FIN-ACK'],
    [seg(['RST', 'ACK']), 'RST-ACK'],
    [seg(['ACK']), 'ACK'],
    // PSH is left out, as in the RFC figures
    [seg(['PSH', 'ACK'], 100), 'data'],
    [seg(['ACK'], 1), 'data'],
    // a FIN carrying data is still named by its flags
    [seg(['FIN', 'ACK'], 5), 'FIN-ACK'],
  ])('segmentName(%o) is %s', (s, name) => {
    expect(segmentName(s)).toBe(name);
  });
});

describe('formatMs', () => {
  test.each([
    [0, '0 ms'],
    [250, '250 ms'],
    [150.352, '150.352 ms'],
    [1000, '1 s'],
    [1408.64, '1.409 s'],
    [240000, '240 s'],
  ])('formatMs(%d) is %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('stepIndexAt', () => {
  const steps = narrateTrace(preset('handshake'));
  test.each([
    [-5, 0],
    [0, 0],
    [99.9, 0],
    [100, 1],
    [175, 2],
    [250, 4],
    [1e9, 4],
  ])('stepIndexAt(handshake, %d) is %d', (t, i) => {
    expect(stepIndexAt(steps, t)).toBe(i);
  });

  test('stepIndexAt() agrees with a linear search at any time', () => {
    const trace = preset('lost-data');
    const all = narrateTrace(trace);
    fc.assert(
      fc.property(fc.double({ min: -10, max: 2000, noNaN: true }), (t) => {
        let expected = 0;
        all.forEach((s, i) => {
          if (s.t <= t) expected = i;
        });
        expect(stepIndexAt(all, t)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
