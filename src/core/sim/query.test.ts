import { describe, expect, test } from 'vitest';
import { getPreset } from '../presets/index.ts';
import { eventIndexAfter, stateAt } from './query.ts';
import { runScenario } from './run.ts';
import type { Trace } from './trace.ts';

function preset(name: string): Trace {
  const p = getPreset(name);
  if (p === undefined) throw new Error(name);
  return runScenario(p.scenario);
}

describe('stateAt', () => {
  const handshake = preset('handshake');

  test.each([
    // before anything: no TCB on either side
    [-1, 'CLOSED', 'CLOSED'],
    // b has listened
    [50, 'CLOSED', 'LISTEN'],
    // a's SYN is on its way
    [120, 'SYN-SENT', 'LISTEN'],
    // events at exactly t count as done
    [150, 'SYN-SENT', 'SYN-RECEIVED'],
    [200, 'ESTABLISHED', 'SYN-RECEIVED'],
    [10_000, 'ESTABLISHED', 'ESTABLISHED'],
  ])('stateAt(handshake, %d) has a in %s and b in %s', (t, a, b) => {
    const s = stateAt(handshake, t);
    expect(s.a.state).toBe(a);
    expect(s.b.state).toBe(b);
  });

  test('stateAt() gives each side\'s variables, so captions can quote ISS, IRS, SND.NXT and RCV.NXT', () => {
    expect(stateAt(handshake, 120).a.tcb).toMatchObject({ iss: 100, sndUna: 100, sndNxt: 101, irs: null, rcvNxt: null });
    expect(stateAt(handshake, 300).b.tcb).toMatchObject({ iss: 300, irs: 100, sndUna: 301, sndNxt: 301, rcvNxt: 101 });
    expect(stateAt(handshake, 0).a.tcb).toBeNull();
  });

  test('stateAt() lists the segment copies in flight with how far along they are', () => {
    const s = stateAt(handshake, 120);
    expect(s.inFlight).toEqual([
      {
        id: 1,
        from: 'a',
        to: 'b',
        segment: expect.objectContaining({ seq: 100, flags: ['SYN'] }),
        retransmission: false,
        sentAt: 100,
        endsAt: 150,
        fate: 'receive',
        progress: 0.4,
      },
    ]);
    expect(stateAt(handshake, 150).inFlight.map((f) => f.id)).toEqual([2]);
  });

  test('stateAt() stops a lost segment at its drop point (half way for a loss)', () => {
    const lost = preset('lost-syn');
    const [copy] = stateAt(lost, 112.5).inFlight;
    expect(copy).toMatchObject({ fate: 'drop', endsAt: 125, progress: 0.25 });
  });

  test('stateAt() shows running timers and the application\'s last error', () => {
    const silent = preset('silent-server');
    expect(stateAt(silent, 2000).a.timers).toEqual([{ kind: 'retransmit', expiresAt: 3100 }]);
    expect(stateAt(silent, 2000).a.lastError).toBeNull();
    expect(stateAt(silent, 20_000).a).toMatchObject({ state: 'CLOSED', timers: [], lastError: { message: 'connection timed out' } });
  });

  test('stateAt() counts the bytes delivered so far', () => {
    const data = preset('data-transfer');
    const last = data.events.filter((e) => e.type === 'deliver').at(-1);
    expect(stateAt(data, (last?.t ?? 0) - 0.001).b.delivered).toBeLessThan(3500);
    expect(stateAt(data, last?.t ?? 0).b.delivered).toBe(3500);
  });
});

test('eventIndexAfter() finds the first event later than t', () => {
  const trace = preset('handshake');
  const i = eventIndexAfter(trace, 150);
  expect(trace.events[i - 1]?.t).toBe(150);
  expect(trace.events[i]?.t).toBeGreaterThan(150);
  expect(eventIndexAfter(trace, -5)).toBe(0);
  expect(eventIndexAfter(trace, 1e9)).toBe(trace.events.length);
});
