/**
 * runScenario end to end: two endpoints on the link, read as packet traces.
 */
import { describe, expect, test } from 'vitest';
import { formatSegment } from '../tcp/segment.ts';
import { EVENT_CAP, runScenario } from './run.ts';
import type { Scenario, ScenarioStep } from './scenario.ts';
import type { SendEvent, Trace, TraceEvent } from './trace.ts';

const OPEN: ScenarioStep[] = [
  { at: 0, on: 'b', do: 'listen' },
  { at: 100, on: 'a', do: 'connect' },
];

function scenario(extra: Partial<Scenario> = {}): Scenario {
  return { a: { isn: 100 }, b: { isn: 300 }, steps: OPEN, ...extra };
}

/** The trace's segments as "t side <SEQ=…>…" lines: the packet trace a lesson would print. */
function ladder(trace: Trace): string[] {
  return trace.events.filter((e): e is SendEvent => e.type === 'send').map((e) => `${e.t} ${e.on} ${formatSegment(e.segment)}${e.retransmission ? ' (rtx)' : ''}`);
}

function ofType<T extends TraceEvent['type']>(trace: Trace, type: T): Extract<TraceEvent, { type: T }>[] {
  return trace.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

describe('runScenario', () => {
  test('runScenario() plays the three-way handshake of RFC 9293 Figure 6 with a 50 ms link', () => {
    const trace = runScenario(scenario());
    expect(ladder(trace)).toEqual([
      '100 a <SEQ=100><CTL=SYN>',
      '150 b <SEQ=300><ACK=101><CTL=SYN,ACK>',
      '200 a <SEQ=101><ACK=301><CTL=ACK>',
    ]);
    expect(ofType(trace, 'state').map((e) => `${e.t} ${e.on} ${e.to}`)).toEqual([
      '0 b LISTEN',
      '100 a SYN-SENT',
      '150 b SYN-RECEIVED',
      '200 a ESTABLISHED',
      '250 b ESTABLISHED',
    ]);
    expect(trace.events.at(-1)).toEqual({ t: 250, type: 'end', reason: 'quiet', states: { a: 'ESTABLISHED', b: 'ESTABLISHED' } });
  });

  test('runScenario() links each send to its receive event, so a ladder diagram can draw the arrow', () => {
    const trace = runScenario(scenario());
    const syn = ofType(trace, 'send')[0];
    expect(syn?.fates).toEqual([{ type: 'receive', t: 150, index: expect.any(Number) }]);
    expect(trace.events[syn?.fates[0]?.index ?? -1]).toMatchObject({ type: 'receive', on: 'b', id: syn?.id });
  });

  test('runScenario() answers a SYN to a port nobody listens on with RST,ACK and tells the client "connection refused"', () => {
    const trace = runScenario(scenario({ steps: [{ at: 100, on: 'a', do: 'connect' }] }));
    expect(ladder(trace)).toEqual(['100 a <SEQ=100><CTL=SYN>', '150 b <SEQ=0><ACK=101><CTL=RST,ACK>']);
    expect(ofType(trace, 'error')).toEqual([{ t: 200, type: 'error', on: 'a', code: 'refused', message: 'connection refused', section: '§3.10.7.3' }]);
  });

  test('runScenario() resends a lost SYN after the initial RTO and doubles the interval for each further loss', () => {
    const trace = runScenario(scenario({ drop: [{ from: 'a', nth: 1 }, { from: 'a', nth: 2 }, { from: 'a', nth: 3 }] }));
    expect(ladder(trace).slice(0, 4)).toEqual([
      '100 a <SEQ=100><CTL=SYN>',
      '1100 a <SEQ=100><CTL=SYN> (rtx)',
      '3100 a <SEQ=100><CTL=SYN> (rtx)',
      '7100 a <SEQ=100><CTL=SYN> (rtx)',
    ]);
    expect(ofType(trace, 'drop').map((d) => [d.t, d.reason, d.where])).toEqual([
      [125, 'scenario', 0.5],
      [1125, 'scenario', 0.5],
      [3125, 'scenario', 0.5],
    ]);
    expect(trace.events.at(-1)).toMatchObject({ reason: 'quiet', states: { a: 'ESTABLISHED', b: 'ESTABLISHED' } });
  });

  test('runScenario() with the default 7 retries sends SYNs at 0, 1, 3, … 127 s and times out at 247 s (over the 3 minutes of MUST-23)', () => {
    const trace = runScenario({ a: {}, b: { firewall: 'drop' }, steps: [{ at: 0, on: 'a', do: 'connect' }] });
    expect(ofType(trace, 'send').map((e) => e.t / 1000)).toEqual([0, 1, 3, 7, 15, 31, 63, 127]);
    expect(ofType(trace, 'drop').every((d) => d.reason === 'firewall' && d.where === 1)).toBe(true);
    expect(ofType(trace, 'error')).toMatchObject([{ t: 247_000, on: 'a', code: 'timed-out', message: 'connection timed out' }]);
  });

  test('runScenario() answers data sent to a host that has gone back to CLOSED with <SEQ=SEG.ACK><CTL=RST>, resetting the sender', () => {
    // b aborts; its RST (b's 3rd segment: SYN,ACK, RST) is lost, so a still thinks the connection is open.
    const trace = runScenario(
      scenario({
        drop: [{ from: 'b', nth: 2 }],
        steps: [...OPEN, { at: 300, on: 'b', do: 'abort' }, { at: 500, on: 'a', do: 'send', bytes: 10 }],
      }),
    );
    expect(ladder(trace).slice(3)).toEqual([
      '300 b <SEQ=301><CTL=RST>',
      '500 a <SEQ=101><ACK=301><CTL=ACK><DATA=10>',
      '550 b <SEQ=301><CTL=RST>',
    ]);
    expect(ofType(trace, 'error')).toMatchObject([{ t: 600, on: 'a', code: 'reset' }]);
  });

  test('runScenario() is deterministic: the same scenario and seed give the same trace byte for byte', () => {
    const lossy = scenario({ seed: 7, link: { loss: 0.2, jitter: 20, duplicate: 0.1, reorder: 0.1 }, steps: [...OPEN, { at: 300, on: 'a', do: 'send', bytes: 20_000 }] });
    expect(JSON.stringify(runScenario(lossy))).toBe(JSON.stringify(runScenario(lossy)));
    expect(JSON.stringify(runScenario({ ...lossy, seed: 8 }))).not.toBe(JSON.stringify(runScenario(lossy)));
  });

  test('runScenario() draws unset ISNs from the seed', () => {
    const a = runScenario({ a: {}, b: {}, steps: OPEN, seed: 5 }).scenario;
    const b = runScenario({ a: {}, b: {}, steps: OPEN, seed: 6 }).scenario;
    expect(a?.a.isn).toBe(runScenario({ a: {}, b: {}, steps: OPEN, seed: 5 }).scenario?.a.isn);
    expect(a?.a.isn).not.toBe(b?.a.isn);
  });

  test('runScenario() delivers every byte in order despite loss, duplication and reordering', () => {
    const trace = runScenario(
      scenario({ seed: 3, link: { loss: 0.1, duplicate: 0.1, reorder: 0.2, jitter: 30 }, steps: [...OPEN, { at: 300, on: 'a', do: 'send', bytes: 50_000 }] }),
    );
    const delivered = ofType(trace, 'deliver').filter((d) => d.on === 'b');
    expect(delivered.at(-1)?.total).toBe(50_000);
    expect(ofType(trace, 'drop').length).toBeGreaterThan(0);
    expect(ofType(trace, 'receive').some((r) => r.duplicate === true)).toBe(true);
    expect(ofType(trace, 'send').some((s) => s.retransmission === true)).toBe(true);
  });

  test('runScenario() records a duplicated segment as two receive events with the same id, the second marked duplicate', () => {
    const trace = runScenario(scenario({ link: { duplicate: 1 } }));
    const syn = ofType(trace, 'send')[0];
    expect(syn?.fates).toHaveLength(2);
    expect(ofType(trace, 'receive').filter((r) => r.id === syn?.id).map((r) => r.duplicate ?? false)).toEqual([false, true]);
  });

  test('runScenario() with a bandwidth spaces back-to-back segments by their serialization time', () => {
    // 1000-byte payload + 40 header bytes at 1 Mbit/s = 8.32 ms per segment.
    const trace = runScenario(scenario({ b: { isn: 300, mss: 1000 }, link: { bandwidth: 1_000_000 }, steps: [...OPEN, { at: 400, on: 'a', do: 'send', bytes: 3000 }] }));
    const data = ofType(trace, 'send').filter((s) => s.segment.len > 0);
    expect(data.map((s) => s.t)).toEqual([400, 400, 400]);
    expect(data.map((s) => s.fates[0]?.t)).toEqual([458.32, 466.64, 474.96]);
  });

  test('runScenario() stops at `until` with an end event at that time', () => {
    const trace = runScenario(scenario({ until: 160 }));
    expect(trace.events.at(-1)).toEqual({ t: 160, type: 'end', reason: 'until', states: { a: 'SYN-SENT', b: 'SYN-RECEIVED' } });
    expect(trace.events.every((e) => e.t <= 160)).toBe(true);
  });

  test('runScenario() stops a runaway scenario at the event cap with a clear error event', () => {
    const trace = runScenario(scenario({ a: { isn: 100, mss: 1 }, steps: [...OPEN, { at: 300, on: 'a', do: 'send', bytes: 1_000_000 }] }));
    const error = ofType(trace, 'error').at(-1);
    expect(error).toMatchObject({ on: 'sim', code: 'event-cap' });
    expect(error?.message).toMatch(/more than the cap of 100000 events/);
    expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'event-cap' });
    // The cap holds even in the middle of one step: the error and end events come on top.
    expect(trace.events.length).toBe(EVENT_CAP + 2);
  });

  test('runScenario() turns an invalid scenario into an error event listing every problem', () => {
    const trace = runScenario({ a: {}, b: {}, link: { delay: -1, loss: 1.5 }, steps: [] });
    expect(trace.scenario).toBeNull();
    expect(trace.problems.map((p) => p.path)).toEqual(['$.link.delay', '$.link.loss']);
    expect(trace.events[0]).toMatchObject({ type: 'error', on: 'sim', code: 'invalid-scenario' });
    expect((trace.events[0] as { message: string }).message).toMatch(/\(2 problems\): \$\.link\.delay must be at least 0 ms, got -1; \$\.link\.loss/);
    expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'invalid' });
  });

  test.each([
    // not objects at all
    ['undefined', undefined],
    ['a number', 3],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    // an object whose fields cannot be read
    [
      'an object with a throwing getter',
      Object.defineProperty({}, 'a', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      }),
    ],
  ])('runScenario() does not throw on %s', (_name, input) => {
    const trace = runScenario(input);
    expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'invalid' });
  });

  test('runScenario() records the variables after each change in state and vars events', () => {
    const trace = runScenario(scenario({ steps: [...OPEN, { at: 300, on: 'a', do: 'send', bytes: 100 }] }));
    const lastA = trace.events.filter((e) => (e.type === 'vars' || e.type === 'state') && e.on === 'a').at(-1);
    expect(lastA).toMatchObject({ tcb: { iss: 100, irs: 300, sndUna: 201, sndNxt: 201, rcvNxt: 301, sndWnd: 65535, rcvWnd: 65535, sndQueued: 0 } });
  });

  test('runScenario() delivers data sent before the handshake completes once it does', () => {
    const trace = runScenario(scenario({ steps: [...OPEN, { at: 100, on: 'a', do: 'send', bytes: 500 }] }));
    expect(ladder(trace)).toContain('200 a <SEQ=101><ACK=301><CTL=ACK><DATA=500>');
    expect(ofType(trace, 'deliver')).toMatchObject([{ t: 250, on: 'b', bytes: 500, total: 500 }]);
  });
});

test('runScenario() with ISNs just below 2^32 carries a transfer across the wrap to 0', () => {
  const trace = runScenario({
    a: { isn: 2 ** 32 - 1000 },
    b: { isn: 2 ** 32 - 1 },
    steps: [...OPEN, { at: 300, on: 'a', do: 'send', bytes: 5000 }, { at: 300, on: 'b', do: 'send', bytes: 3000 }],
  });
  const seqs = trace.events.flatMap((e) => (e.type === 'send' && e.on === 'a' && e.segment.len > 0 ? [e.segment.seq] : []));
  // ISS + 1 = 2^32 − 999; the second 1460-byte segment starts at 2^32 − 999 + 1460 − 2^32 = 461.
  expect(seqs).toEqual([2 ** 32 - 999, 461, 1921, 3381]);
  const totals = trace.events.flatMap((e) => (e.type === 'deliver' ? [`${e.on}:${e.total}`] : []));
  expect(totals).toContain('b:5000');
  expect(totals).toContain('a:3000');
  expect(trace.events.at(-1)).toMatchObject({ reason: 'quiet', states: { a: 'ESTABLISHED', b: 'ESTABLISHED' } });
});
