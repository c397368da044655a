/**
 * Properties of runNatScenario over random valid scenarios (fast-check): it never throws, traces
 * are time-ordered and deterministic, no two live mappings share a public port of one protocol
 * (RFC 4787 REQ-3), and every inbound translation undoes the outbound one of its mapping (a reply
 * reaches exactly the inside endpoint that sent). Random or broken JSON never throws and always
 * yields problems.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NatEndpoint, NatHostId } from './addresses.ts';
import { CGN_PUBLIC_ADDRESS, ROUTER_WAN_PUBLIC, ROUTER_WAN_SHARED } from './addresses.ts';
import { narrateNatTrace } from './narrate.ts';
import { runNatScenario } from './run.ts';
import { NAT_FILTERINGS, validateNatScenario, type NatScenario, type NatStep } from './scenario.ts';
import type { NatTrace } from './trace.ts';

/** Enough runs to hit collisions and expiries, few enough for two shared cores. */
const NUM_RUNS = 200;

/** A few ports, so hosts collide on them often. */
const port = fc.constantFrom(1, 80, 123, 3074, 3076, 8080, 51000, 51002);
const insideHost = fc.constantFrom<NatHostId>('laptop', 'console');
const internetHost = fc.constantFrom<NatHostId>('web', 'friend');
const proto = fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp');

function insideTarget(cgnat: boolean): fc.Arbitrary<NatEndpoint> {
  const addresses = ['198.51.100.80', '192.0.2.44', '203.0.113.99', '10.1.2.3', ROUTER_WAN_PUBLIC, ...(cgnat ? [CGN_PUBLIC_ADDRESS, ROUTER_WAN_SHARED] : [])];
  return fc.record({ address: fc.constantFrom(...addresses), port });
}
function outsideTarget(cgnat: boolean): fc.Arbitrary<NatEndpoint> {
  const addresses = cgnat ? [CGN_PUBLIC_ADDRESS, ROUTER_WAN_SHARED, '192.168.1.10'] : [ROUTER_WAN_PUBLIC, '192.168.1.10'];
  return fc.record({ address: fc.constantFrom(...addresses), port });
}

function stepArb(cgnat: boolean): fc.Arbitrary<Omit<NatStep, 'at'>> {
  const fromTo = fc.oneof(
    fc.record({ from: insideHost, to: insideTarget(cgnat) }),
    fc.record({ from: internetHost, to: outsideTarget(cgnat) }),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fromTo, port).map(([ft, srcPort]) => ({ do: 'connect' as const, ...ft, srcPort })) },
    { weight: 4, arbitrary: fc.tuple(fromTo, port, proto, fc.boolean()).map(([ft, srcPort, p, reply]) => (p === 'udp' ? { do: 'send' as const, ...ft, srcPort, proto: p, reply } : { do: 'send' as const, ...ft, srcPort, proto: p })) },
    { weight: 2, arbitrary: fc.tuple(fromTo, port).map(([ft, srcPort]) => ({ do: 'close' as const, ...ft, srcPort })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 130 }).map((minutes) => ({ do: 'wait' as const, minutes })) },
    {
      weight: 2,
      arbitrary: fc.tuple(proto, port, fc.constantFrom('192.168.1.10', '192.168.1.20', '192.168.1.50'), port).map(([p, publicPort, insideAddress, insidePort]) => ({ do: 'add-forward' as const, proto: p, publicPort, insideAddress, insidePort })),
    },
    { weight: 1, arbitrary: fc.tuple(proto, port).map(([p, publicPort]) => ({ do: 'remove-forward' as const, proto: p, publicPort })) },
    {
      weight: 1,
      arbitrary: fc.tuple(insideHost, proto, port, fc.option(port, { nil: undefined }), fc.integer({ min: 1, max: 600 })).map(([from, p, pt, ext, lifetime]) => ({
        do: 'pcp-map' as const,
        from,
        proto: p,
        port: pt,
        lifetime,
        ...(ext === undefined ? {} : { externalPort: ext }),
      })),
    },
  ) as fc.Arbitrary<Omit<NatStep, 'at'>>;
}

const scenarioArb: fc.Arbitrary<NatScenario> = fc
  .record({ cgnat: fc.boolean(), filtering: fc.constantFrom(...NAT_FILTERINGS), portPreservation: fc.boolean(), udp: fc.constantFrom(120_000, 300_000) })
  .chain((o) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: 900_000 }), stepArb(o.cgnat)), { maxLength: 12 })
      .map((list): NatScenario => ({
        nat: { cgnat: o.cgnat, filtering: o.filtering, portPreservation: o.portPreservation, timeouts: { udp: o.udp } },
        steps: list.sort((a, b) => a[0] - b[0]).map(([at, s]) => ({ at, ...s }) as NatStep),
      })),
  );

function runValid(s: NatScenario): NatTrace {
  const trace = runNatScenario(s);
  expect(trace.problems).toEqual([]);
  return trace;
}

describe('runNatScenario on random valid scenarios', () => {
  test('never throws, ends with a done end event, keeps time order and is deterministic', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const trace = runValid(s);
        const last = trace.events.at(-1);
        expect(last?.type).toBe('end');
        expect(last).toMatchObject({ reason: 'done' });
        for (let i = 1; i < trace.events.length; i++) expect(trace.events[i]!.t).toBeGreaterThanOrEqual(trace.events[i - 1]!.t);
        for (const e of trace.events) if (e.type === 'leg') expect(e.t1).toBeGreaterThanOrEqual(e.t);
        expect(JSON.stringify(runNatScenario(structuredClone(s)))).toBe(JSON.stringify(trace));
        expect(narrateNatTrace(trace).length).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('no two live mappings of one translator share a public port of one protocol (RFC 4787 REQ-3, RFC 5382 REQ-7)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const trace = runValid(s);
        const live = new Map<string, Map<number, string>>();
        for (const e of trace.events) {
          if (e.type !== 'mapping') continue;
          const table = live.get(e.nat) ?? new Map<number, string>();
          live.set(e.nat, table);
          if (e.action === 'expired' || e.action === 'removed') table.delete(e.mapping.id);
          else table.set(e.mapping.id, `${e.mapping.proto}/${e.mapping.outside.port}`);
          const keys = [...table.values()];
          expect(new Set(keys).size, `${e.nat} at ${e.t}: ${keys.join(' ')}`).toBe(keys.length);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('translation is reversible: an inbound packet on a mapping goes to exactly the inside endpoint whose outbound packets it carries', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const trace = runValid(s);
        const inside = new Map<string, { t: number; inside: NatEndpoint; outside: NatEndpoint }>();
        for (const e of trace.events) {
          if (e.type === 'mapping' && e.action === 'created') inside.set(`${e.nat}#${e.mapping.id}`, { t: e.t, inside: e.mapping.inside, outside: e.mapping.outside });
        }
        for (const e of trace.events) {
          if (e.type !== 'translate') continue;
          const m = inside.get(`${e.nat}#${e.mappingId}`);
          expect(m, `mapping ${e.mappingId} of ${e.nat} exists`).toBeDefined();
          if (m === undefined) continue;
          expect(m.t).toBeLessThanOrEqual(e.t);
          if (e.direction === 'outbound') {
            expect(e.before.src).toEqual(m.inside);
            expect(e.after.src).toEqual(m.outside);
            expect(e.after.dst).toEqual(e.before.dst);
          } else {
            // inbound and hairpin: the destination is the mapping's outside endpoint, rewritten to its inside one
            expect(e.after.dst).toEqual(m.inside);
            if (e.direction === 'inbound') {
              expect(e.before.dst).toEqual(m.outside);
              expect(e.after.src).toEqual(e.before.src);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('runNatScenario on random and broken input', () => {
  test('arbitrary JSON never throws and, unless valid, yields problems and an invalid trace', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const v = validateNatScenario(input);
        const trace = runNatScenario(input);
        if (v.scenario === undefined) {
          expect(v.problems.length).toBeGreaterThan(0);
          expect(trace.events.at(-1)).toMatchObject({ type: 'end', reason: 'invalid' });
        } else expect(trace.problems).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('a valid scenario with one field replaced by junk never throws, and is either still valid or has problems with paths', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.anything(), (s, pick, junk) => {
        const copy = structuredClone(s) as unknown as Record<string, unknown> & { steps: Record<string, unknown>[] };
        const step = copy.steps.length > 0 ? copy.steps[pick % copy.steps.length] : undefined;
        if (step !== undefined) {
          const keys = Object.keys(step);
          step[keys[pick % keys.length]!] = junk;
        } else copy['nat'] = junk;
        const v = validateNatScenario(copy);
        expect(v.scenario !== undefined || v.problems.length > 0).toBe(true);
        for (const p of v.problems) expect(p.path).toMatch(/^\$/);
        expect(() => runNatScenario(copy)).not.toThrow();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
