/**
 * Properties of runTlsScenario over random scenarios (fast-check): it never throws, traces are
 * time-ordered and deterministic, time to first byte grows with the RTT, TLS 1.3 is never slower
 * than TLS 1.2, and random JSON always comes back as problems.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { tlsTiming } from './query.ts';
import { runTlsScenario } from './run.ts';
import { RTT_MAX_MS, RTT_MIN_MS, TLS_STARTS, validateTlsScenario, type TlsScenario, type TlsStart } from './scenario.ts';
import { narrateTlsTrace } from './narrate.ts';

const NUM_RUNS = 300;

const rtt = fc.double({ min: RTT_MIN_MS, max: RTT_MAX_MS, noNaN: true });
const serverTime = fc.integer({ min: 0, max: 2000 });
const host = fc.domain().filter((d) => d.length <= 253 && !/\.\d+$/.test(d));

/** Any valid scenario: TLS 1.2 only over TCP with a full handshake, as the protocols allow. */
const validScenario: fc.Arbitrary<TlsScenario> = fc
  .record({
    transport: fc.constantFrom('tcp' as const, 'quic' as const),
    tls: fc.constantFrom('1.2' as const, '1.3' as const),
    start: fc.constantFrom(...TLS_STARTS),
    rtt,
    serverTime,
    serverName: host,
  })
  .map((s) => (s.tls === '1.2' ? { ...s, transport: 'tcp' as const, start: 'full' as const } : s));

function ttfb(s: TlsScenario): number {
  const t = tlsTiming(runTlsScenario(s));
  if (t === null) throw new Error(`invalid: ${JSON.stringify(s)}`);
  return t.firstByteAt;
}

describe('runTlsScenario properties', () => {
  test('runTlsScenario(random valid scenario) never throws and gives a complete, time-ordered trace', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        expect(validateTlsScenario(s).problems).toEqual([]);
        const trace = runTlsScenario(s);
        expect(trace.scenario).not.toBeNull();
        for (let i = 1; i < trace.events.length; i++) expect(trace.events[i]!.t).toBeGreaterThanOrEqual(trace.events[i - 1]!.t);
        expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'complete' });
        const timing = tlsTiming(trace);
        expect(timing).not.toBeNull();
        expect(timing!.requestAt).toBeLessThan(timing!.firstByteAt);
        expect(narrateTlsTrace(trace).length).toBeGreaterThan(1);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('runTlsScenario(same scenario) gives the identical trace', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        expect(JSON.stringify(runTlsScenario(structuredClone(s)))).toBe(JSON.stringify(runTlsScenario(s)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('time to first byte follows (round trips before the request + 1) × RTT + server time', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const t = tlsTiming(runTlsScenario(s))!;
        expect(t.firstByteAt).toBeCloseTo((t.roundTripsBeforeRequest + 1) * s.rtt! + s.serverTime!, 6);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('time to first byte never falls when the RTT grows', () => {
    fc.assert(
      fc.property(validScenario, rtt, rtt, (s, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(ttfb({ ...s, rtt: lo })).toBeLessThanOrEqual(ttfb({ ...s, rtt: hi }));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('TLS 1.3, over any transport and with any start, is never slower than TCP + TLS 1.2 at the same RTT', () => {
    fc.assert(
      fc.property(rtt, serverTime, fc.constantFrom('tcp' as const, 'quic' as const), fc.constantFrom<TlsStart>(...TLS_STARTS), (r, st, transport, start) => {
        const tls12 = ttfb({ transport: 'tcp', tls: '1.2', start: 'full', rtt: r, serverTime: st });
        expect(ttfb({ transport, tls: '1.3', start, rtt: r, serverTime: st })).toBeLessThanOrEqual(tls12);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('runTlsScenario(random JSON) never throws, and anything invalid comes back as problems with an invalid trace', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ transport: fc.jsonValue(), tls: fc.jsonValue(), start: fc.jsonValue(), rtt: fc.jsonValue() }, { requiredKeys: [] })), (input) => {
        const v = validateTlsScenario(input);
        const trace = runTlsScenario(input);
        if (v.scenario === undefined) {
          expect(v.problems.length).toBeGreaterThan(0);
          expect(trace.scenario).toBeNull();
          expect(trace.events.map((e) => e.type)).toEqual(['error', 'end']);
        } else expect(trace.scenario).not.toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
