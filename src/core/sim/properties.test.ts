/**
 * Properties of runScenario over random valid scenarios (fast-check): it never throws, traces are
 * time-ordered, every state change is an edge of the RFC 9293 diagram, sequence numbers only move
 * forward modulo 2^32, and both ends finish in consistent states.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TcbVars } from '../tcp/endpoint.ts';
import type { SimSegment } from '../tcp/segment.ts';
import { seqAdd, seqGe, seqLe } from '../tcp/seq.ts';
import { isLegalTransition, isSynchronized } from '../tcp/states.ts';
import type { TcpState } from '../tcp/states.ts';
import { runScenario } from './run.ts';
import { validateScenario } from './scenario.ts';
import type { Scenario, ScenarioStep, Side } from './scenario.ts';
import type { Trace } from './trace.ts';

/** Enough runs to hit the rare paths, few enough to keep the suite fast on two cores. */
const NUM_RUNS = 300;

const side = fc.constantFrom<Side>('a', 'b');

const laterStep: fc.Arbitrary<ScenarioStep> = fc
  .record({
    at: fc.integer({ min: 0, max: 6000 }),
    on: side,
    // Weighted towards the calls that move an open connection along.
    do: fc.constantFrom('send', 'send', 'send', 'close', 'close', 'abort', 'listen', 'connect'),
    bytes: fc.integer({ min: 1, max: 6000 }),
  })
  .map(({ at, on, do: action, bytes }) => (action === 'send' ? { at, on, do: action, bytes } : { at, on, do: action }));

/** How the story starts: mostly a normal open, sometimes a simultaneous open, a refused one, or none. */
const opening: fc.Arbitrary<ScenarioStep[]> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 300 }).map((t): ScenarioStep[] => [
      { at: 0, on: 'b', do: 'listen' },
      { at: t, on: 'a', do: 'connect' },
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 60 }).map((t): ScenarioStep[] => [
      { at: 0, on: 'a', do: 'connect' },
      { at: t, on: 'b', do: 'connect' },
    ]),
  },
  { weight: 1, arbitrary: fc.constant<ScenarioStep[]>([{ at: 0, on: 'a', do: 'connect' }]) },
  { weight: 1, arbitrary: fc.constant<ScenarioStep[]>([]) },
);

/** An opening followed by up to six random calls, in time order (stable, so the opening stays first). */
const steps: fc.Arbitrary<ScenarioStep[]> = fc
  .tuple(opening, fc.array(laterStep, { maxLength: 6 }))
  .map(([first, rest]) => [...first, ...rest].sort((x, y) => x.at - y.at));

/** ISNs anywhere, with extra weight just below 2^32 so wrapping is exercised often. */
const isn = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2 ** 32 - 20_000, max: 2 ** 32 - 1 }));

const endpoint = (port: number) =>
  fc.record(
    {
      port: fc.constant(port),
      isn,
      mss: fc.integer({ min: 200, max: 1460 }),
      window: fc.integer({ min: 300, max: 65535 }),
      firewall: fc.constantFrom<'none' | 'drop'>('none', 'none', 'none', 'none', 'drop'),
    },
    { requiredKeys: ['port'] },
  );

const lossyLink = fc.record(
  {
    delay: fc.integer({ min: 0, max: 200 }),
    jitter: fc.integer({ min: 0, max: 60 }),
    loss: fc.double({ min: 0, max: 0.3, noNaN: true }),
    duplicate: fc.double({ min: 0, max: 0.2, noNaN: true }),
    reorder: fc.double({ min: 0, max: 0.2, noNaN: true }),
    bandwidth: fc.constantFrom(0, 1e5, 1e6, 1e8),
  },
  { requiredKeys: [] },
);

const tcp = fc.record(
  {
    rto: fc.integer({ min: 100, max: 2000 }),
    maxRetries: fc.integer({ min: 0, max: 4 }),
    msl: fc.integer({ min: 0, max: 2000 }),
    delayedAck: fc.constantFrom(0, 0, 40, 200),
  },
  { requiredKeys: [] },
);

function scenarioOf(link: fc.Arbitrary<Scenario['link']>): fc.Arbitrary<Scenario> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      a: endpoint(49152),
      b: endpoint(80),
      link,
      tcp,
      steps,
      drop: fc.array(fc.record({ from: side, nth: fc.integer({ min: 1, max: 12 }) }), { maxLength: 3 }),
    });
}

const anyScenario = scenarioOf(lossyLink);

/** A perfect link: no loss, duplication, reordering, jitter or drop rules, no firewall. */
const cleanScenario = scenarioOf(fc.record({ delay: fc.integer({ min: 1, max: 100 }) })).map((s) => ({
  ...s,
  a: { ...s.a, firewall: 'none' as const },
  b: { ...s.b, firewall: 'none' as const },
  drop: [],
  // RTO above the round trip, so no spurious timeouts leave a half-open connection behind.
  tcp: { ...s.tcp, rto: Math.max(s.tcp?.rto ?? 1000, 500) },
}));

/** States in which a timer must still be running, so a finished trace can never end in them. */
const WAITING: readonly TcpState[] = ['SYN-SENT', 'SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

function finalVars(trace: Trace): Record<Side, TcbVars | null> {
  const out: Record<Side, TcbVars | null> = { a: null, b: null };
  for (const e of trace.events) if (e.type === 'state' || e.type === 'vars') out[e.on] = e.tcb;
  return out;
}

describe('runScenario over random valid scenarios', () => {
  test('the generator only produces scenarios validateScenario accepts', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        expect(validateScenario(s).problems).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  test('runScenario() never throws, never hits an internal error or the event cap, and ends with one end event', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const trace = runScenario(s);
        const errors = trace.events.filter((e) => e.type === 'error' && e.on === 'sim');
        expect(errors).toEqual([]);
        expect(trace.events.at(-1)?.type).toBe('end');
        expect(trace.events.filter((e) => e.type === 'end')).toHaveLength(1);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('runScenario() returns events in non-decreasing time order', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const events = runScenario(s).events;
        for (let i = 1; i < events.length; i += 1) {
          expect((events[i]?.t ?? 0) >= (events[i - 1]?.t ?? 0)).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('every state change starts where the previous one ended and follows an edge of the RFC 9293 diagram', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const current: Record<Side, TcpState> = { a: 'CLOSED', b: 'CLOSED' };
        for (const e of runScenario(s).events) {
          if (e.type !== 'state') continue;
          expect(e.from).toBe(current[e.on]);
          expect(isLegalTransition(e.from, e.to), `${e.from} → ${e.to} (${e.cause})`).toBe(true);
          current[e.on] = e.to;
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('SND.UNA, SND.NXT and RCV.NXT only move forward (mod 2^32) within a connection, and SND.UNA =< SND.NXT', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const last: Record<Side, TcbVars | null> = { a: null, b: null };
        for (const e of runScenario(s).events) {
          if (e.type !== 'state' && e.type !== 'vars') continue;
          const now = e.tcb;
          const before = last[e.on];
          if (now !== null && now.sndUna !== null && now.sndNxt !== null) expect(seqLe(now.sndUna, now.sndNxt)).toBe(true);
          // Same incarnation: same ISS and IRS (a return to LISTEN or CLOSED starts afresh).
          if (now !== null && before !== null && now.iss !== null && now.iss === before.iss && now.irs === before.irs) {
            for (const key of ['sndUna', 'sndNxt', 'rcvNxt'] as const) {
              const x = now[key];
              const y = before[key];
              if (x !== null && y !== null) expect(seqGe(x, y), `${e.on}.${key} went from ${y} to ${x}`).toBe(true);
            }
          }
          last[e.on] = now;
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('a side never sends beyond the right edge of the window its peer advertised (SEG.ACK + SEG.WND, mod 2^32)', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const trace = runScenario(s);
        const segments = new Map<number, SimSegment>();
        const rightEdge: Record<Side, number | null> = { a: null, b: null };
        for (const e of trace.events) {
          if (e.type === 'send') {
            segments.set(e.id, e.segment);
            const edge = rightEdge[e.on];
            if (e.segment.len > 0 && edge !== null) expect(seqLe(seqAdd(e.segment.seq, e.segment.len), edge)).toBe(true);
          }
          if (e.type === 'receive') {
            const seg = segments.get(e.id);
            if (seg === undefined || !seg.flags.includes('ACK') || seg.flags.includes('RST')) continue;
            const edge = seqAdd(seg.ack, seg.window);
            const prev = rightEdge[e.on];
            if (prev === null || seqGe(edge, prev)) rightEdge[e.on] = edge;
          }
          // A new connection starts with a new window.
          if (e.type === 'state' && (e.to === 'CLOSED' || e.to === 'LISTEN')) rightEdge[e.on] = null;
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('when nothing is left to happen, no side waits in a timed state and synchronized sides agree on sequence numbers', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const trace = runScenario(s);
        const end = trace.events.at(-1);
        if (end?.type !== 'end' || end.reason !== 'quiet') return;
        for (const st of Object.values(end.states)) expect(WAITING).not.toContain(st);
        const { a, b } = end.states;
        if (isSynchronized(a) && isSynchronized(b)) {
          expect([`${a}/${b}`]).toContainEqual(
            expect.stringMatching(/^(ESTABLISHED\/ESTABLISHED|FIN-WAIT-2\/CLOSE-WAIT|CLOSE-WAIT\/FIN-WAIT-2)$/),
          );
          const v = finalVars(trace);
          expect(v.a?.sndNxt).toBe(v.b?.rcvNxt);
          expect(v.b?.sndNxt).toBe(v.a?.rcvNxt);
          expect(v.a?.sndUna).toBe(v.a?.sndNxt);
          expect(v.b?.sndUna).toBe(v.b?.sndNxt);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('on a perfect link, a finished trace never leaves a half-open connection', () => {
    fc.assert(
      fc.property(cleanScenario, (s) => {
        const end = runScenario(s).events.at(-1);
        if (end?.type !== 'end' || end.reason !== 'quiet') return;
        expect(isSynchronized(end.states.a), JSON.stringify(end.states)).toBe(isSynchronized(end.states.b));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('runScenario() gives the same trace, byte for byte, for the same scenario', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        expect(JSON.stringify(runScenario(s))).toBe(JSON.stringify(runScenario(structuredClone(s))));
      }),
      { numRuns: 50 },
    );
  });
});

describe('runScenario over arbitrary input', () => {
  test('runScenario() never throws on anything and reports an invalid scenario with an error and an end event', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const trace = runScenario(input);
        const end = trace.events.at(-1);
        expect(end?.type).toBe('end');
        if (trace.scenario === null) {
          expect(trace.problems.length).toBeGreaterThan(0);
          expect(trace.events[0]).toMatchObject({ type: 'error', on: 'sim', code: 'invalid-scenario' });
        }
      }),
      { numRuns: 200 },
    );
  });

  test('runScenario() never throws on almost-valid scenarios with random field values', () => {
    const field = fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.string());
    const fuzzed = fc.record({
      a: fc.dictionary(fc.constantFrom('address', 'port', 'isn', 'mss', 'window', 'firewall'), field),
      b: fc.dictionary(fc.constantFrom('address', 'port', 'isn', 'mss', 'window', 'firewall'), field),
      link: fc.dictionary(fc.constantFrom('delay', 'jitter', 'loss', 'duplicate', 'reorder', 'bandwidth'), field),
      steps: fc.array(fc.dictionary(fc.constantFrom('at', 'on', 'do', 'bytes'), field), { maxLength: 4 }),
      until: field,
    });
    fc.assert(
      fc.property(fuzzed, (input) => {
        const trace = runScenario(input);
        expect(trace.events.at(-1)?.type).toBe('end');
        expect(trace.events.some((e) => e.type === 'error' && e.code === 'internal')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
