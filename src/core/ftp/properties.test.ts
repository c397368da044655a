/**
 * Properties of the FTP simulation over random scenarios (fast-check): it never throws, traces
 * are time-ordered and end with one `end` event, the same scenario gives the same trace, every
 * packet's fate points at its arrival or drop, narration covers every event, and random JSON
 * never throws and always yields problems when it is not a scenario.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FTP_MIDDLEBOX_CHOICES, ftpWithMiddlebox } from './edit.ts';
import { narrateFtpTrace } from './narrate.ts';
import { ftpArgumentAt, ftpSnapshotAt } from './query.ts';
import { runFtpScenario } from './run.ts';
import { FTP_MODES, validateFtpScenario, type FtpScenario } from './scenario.ts';

/** Enough runs to reach every mode × middlebox, few enough for two cores. */
const NUM_RUNS = 200;

const port = fc.integer({ min: 1024, max: 65535 });

const scenario: fc.Arbitrary<FtpScenario> = fc
  .record({
    mode: fc.constantFrom(...FTP_MODES),
    box: fc.constantFrom(...FTP_MIDDLEBOX_CHOICES.map((c) => c.value)),
    controlPort: port,
    dataPort: port,
    serverControl: fc.oneof(fc.constant(21), fc.integer({ min: 2, max: 65535 })),
    passivePort: port,
    delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 500, noNaN: true })),
    timeout: fc.integer({ min: 1, max: 20_000 }),
    firstPublicPort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    retr: fc.option(fc.record({ name: fc.constantFrom('a.txt', 'pub/x y.tar'), bytes: fc.integer({ min: 0, max: 2 ** 40 }) }), { nil: undefined }),
    extraAllow: fc.array(port, { maxLength: 3 }),
  })
  .map((r) => {
    let s: FtpScenario = {
      mode: r.mode,
      client: { controlPort: r.controlPort, dataPort: r.dataPort === r.controlPort ? (r.dataPort === 65535 ? 1024 : r.dataPort + 1) : r.dataPort },
      server: { controlPort: r.serverControl, passivePort: r.passivePort === r.serverControl ? (r.passivePort === 65535 ? 1024 : r.passivePort + 1) : r.passivePort },
      oneWayDelay: r.delay,
      connectTimeout: r.timeout,
      ...(r.retr !== undefined ? { command: { verb: 'RETR' as const, ...r.retr } } : {}),
    };
    s = ftpWithMiddlebox(s, r.box);
    const mb = s.middlebox;
    if (mb !== undefined && mb !== 'none' && mb.kind === 'nat' && r.firstPublicPort !== undefined) s = { ...s, middlebox: { ...mb, firstPublicPort: r.firstPublicPort } };
    if (mb !== undefined && mb !== 'none' && mb.kind === 'firewall') s = { ...s, middlebox: { ...mb, allowInbound: [...mb.allowInbound, ...r.extraAllow] } };
    return s;
  });

describe('runFtpScenario properties', () => {
  test('random valid scenarios run without throwing, time-ordered, ending in one end event with a real outcome', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(validateFtpScenario(s).problems).toEqual([]);
        const t = runFtpScenario(s);
        const ends = t.events.filter((e) => e.type === 'end');
        expect(ends).toHaveLength(1);
        expect(t.events.at(-1)?.type).toBe('end');
        expect(['transferred', 'data-failed', 'control-failed']).toContain((t.events.at(-1) as { outcome: string }).outcome);
        for (let i = 1; i < t.events.length; i++) expect(t.events[i]!.t).toBeGreaterThanOrEqual(t.events[i - 1]!.t);
        expect(t.events.some((e) => e.type === 'error' && e.on === 'sim')).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('the same scenario gives the same trace, byte for byte', () => {
    fc.assert(fc.property(scenario, (s) => void expect(JSON.stringify(runFtpScenario(s))).toBe(JSON.stringify(runFtpScenario(structuredClone(s))))), { numRuns: NUM_RUNS / 2 });
  });

  test('every sent packet has a fate that points at its own receive or drop, no earlier than the send', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const t = runFtpScenario(s);
        for (const e of t.events) {
          if (e.type !== 'send') continue;
          expect(e.fate).not.toBeNull();
          expect(t.events[e.fate!.index]).toMatchObject({ type: e.fate!.type, id: e.id });
          expect(e.fate!.t).toBeGreaterThanOrEqual(e.t);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('a transfer ends with 226 and a failed data connection with 425; the data connection is closed or failed at the end', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const t = runFtpScenario(s);
        const outcome = (t.events.at(-1) as { outcome: string }).outcome;
        const replies = t.events.flatMap((e) => (e.type === 'send' && e.from !== 'middlebox' && e.packet.line !== undefined && /^\d/.test(e.packet.line) ? [e.packet.line.slice(0, 3)] : []));
        const snap = ftpSnapshotAt(t, Infinity);
        if (outcome === 'transferred') {
          expect(replies.at(-1)).toBe('226');
          expect(snap.data?.status).toBe('closed');
        } else if (outcome === 'data-failed') {
          expect(replies.at(-1)).toBe('425');
          expect(snap.data?.status).toBe('failed');
        } else expect(snap.control?.status).toBe('failed');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('narration covers every event exactly once, in strictly increasing time, and queries never throw', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: -10, max: 1e6, noNaN: true }), (s, at) => {
        const t = runFtpScenario(s);
        const steps = narrateFtpTrace(t);
        expect(steps[0]!.first).toBe(0);
        expect(steps.at(-1)!.end).toBe(t.events.length);
        for (let i = 1; i < steps.length; i++) {
          expect(steps[i]!.first).toBe(steps[i - 1]!.end);
          expect(steps[i]!.t).toBeGreaterThan(steps[i - 1]!.t);
        }
        for (const st of steps) expect(st.caption.length).toBeGreaterThan(0);
        ftpSnapshotAt(t, at);
        ftpArgumentAt(t, at);
      }),
      { numRuns: NUM_RUNS / 2 },
    );
  });

  test('random JSON never throws and, unless it is a valid scenario, yields problems and an invalid trace', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ mode: fc.jsonValue(), client: fc.jsonValue(), server: fc.jsonValue(), middlebox: fc.jsonValue() }, { requiredKeys: [] })), (input) => {
        const v = validateFtpScenario(input);
        const t = runFtpScenario(input);
        if (v.scenario === undefined) {
          expect(v.problems.length).toBeGreaterThan(0);
          expect(t.events.at(-1)).toMatchObject({ type: 'end', outcome: 'invalid' });
          expect(narrateFtpTrace(t)[0]!.caption).toMatch(/^The scenario is invalid/);
        } else expect(t.problems).toEqual([]);
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  test('mutated valid scenarios never throw: each either runs or names its problems', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('mode', 'client', 'server', 'middlebox', 'oneWayDelay', 'command', 'connectTimeout'), fc.jsonValue(), (s, key, value) => {
        const input = { ...s, [key]: value };
        const v = validateFtpScenario(input);
        const t = runFtpScenario(input);
        expect(v.scenario === undefined ? v.problems.length > 0 : t.scenario !== null).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
