import { describe, expect, test } from 'vitest';
import { MAX_STEPS, MAX_TOTAL_BYTES, resolveScenario, validateScenario } from './scenario.ts';

const ok = {
  a: {},
  b: {},
  steps: [
    { at: 0, on: 'b', do: 'listen' },
    { at: 100, on: 'a', do: 'connect' },
  ],
};

/** The paths of the problems validateScenario reports for `input`. */
function paths(input: unknown): string[] {
  return validateScenario(input).problems.map((p) => p.path);
}

describe('validateScenario', () => {
  test('validateScenario() accepts a minimal scenario and returns a clean copy', () => {
    const result = validateScenario(ok);
    expect(result.problems).toEqual([]);
    expect(result.scenario).toEqual(ok);
    expect(result.scenario).not.toBe(ok);
  });

  test.each([
    // not an object at all
    ['null', null],
    ['a number', 42],
    ['a string', '{"a":{}}'],
    ['an array', [ok]],
    ['undefined', undefined],
  ])('validateScenario() reports %s as "$" without throwing', (_name, input) => {
    const { scenario, problems } = validateScenario(input);
    expect(scenario).toBeUndefined();
    expect(problems).toEqual([{ path: '$', message: expect.stringMatching(/must be an object/) }]);
  });

  test.each([
    // the examples
    ['a negative delay', { ...ok, link: { delay: -5 } }, '$.link.delay', /at least 0/],
    ['a loss of 1.5', { ...ok, link: { loss: 1.5 } }, '$.link.loss', /at most 1/],
    ['an unknown action', { ...ok, steps: [{ at: 0, on: 'a', do: 'dance' }] }, '$.steps[0].do', /one of "listen"/],
    ['bytes on listen', { ...ok, steps: [{ at: 0, on: 'b', do: 'listen', bytes: 10 }] }, '$.steps[0].bytes', /only "send" takes bytes/],
    ['steps out of order', { ...ok, steps: [{ at: 100, on: 'b', do: 'listen' }, { at: 50, on: 'a', do: 'connect' }] }, '$.steps[1].at', /time order/],
    ['10^9 bytes', { ...ok, steps: [{ at: 0, on: 'a', do: 'send', bytes: 1e9 }] }, '$.steps[0].bytes', /at most 16777216/],
    // more shapes of wrong input
    ['send without bytes', { ...ok, steps: [{ at: 0, on: 'a', do: 'send' }] }, '$.steps[0].bytes', /required for "send"/],
    ['a fractional byte count', { ...ok, steps: [{ at: 0, on: 'a', do: 'send', bytes: 1.5 }] }, '$.steps[0].bytes', /whole number/],
    ['an unknown side', { ...ok, steps: [{ at: 0, on: 'c', do: 'listen' }] }, '$.steps[0].on', /"a", "b"/],
    ['a step that is not an object', { ...ok, steps: ['listen'] }, '$.steps[0]', /must be an object/],
    ['a missing at', { ...ok, steps: [{ on: 'a', do: 'listen' }] }, '$.steps[0].at', /required/],
    ['NaN as a delay', { ...ok, link: { delay: Number.NaN } }, '$.link.delay', /finite number/],
    ['a string as a delay', { ...ok, link: { delay: '50' } }, '$.link.delay', /finite number/],
    ['port 0', { ...ok, a: { port: 0 } }, '$.a.port', /at least 1/],
    ['port 70000', { ...ok, b: { port: 70000 } }, '$.b.port', /at most 65535/],
    ['an ISN of 2^32', { ...ok, a: { isn: 2 ** 32 } }, '$.a.isn', /at most 4294967295/],
    ['a window of 0', { ...ok, a: { window: 0 } }, '$.a.window', /at least 1/],
    ['a window needing scaling', { ...ok, a: { window: 70000 } }, '$.a.window', /at most 65535/],
    ['a bad address', { ...ok, a: { address: '10.0.0.256' } }, '$.a.address', /IPv4 or IPv6/],
    ['an unknown firewall mode', { ...ok, b: { firewall: 'reject' } }, '$.b.firewall', /"none", "drop"/],
    ['a delayed ACK of 0.5 s', { ...ok, tcp: { delayedAck: 500 } }, '$.tcp.delayedAck', /MUST-40/],
    ['an RTO of 0', { ...ok, tcp: { rto: 0 } }, '$.tcp.rto', /at least 1/],
    ['too many retries', { ...ok, tcp: { maxRetries: 99 } }, '$.tcp.maxRetries', /at most 15/],
    ['a drop rule with nth 0', { ...ok, drop: [{ from: 'a', nth: 0 }] }, '$.drop[0].nth', /at least 1/],
    ['until 0', { ...ok, until: 0 }, '$.until', /greater than 0/],
    ['a typo in a field name', { ...ok, link: { dealy: 5 } }, '$.link.dealy', /unknown field "dealy"/],
    ['an unknown top-level field', { ...ok, speed: 1 }, '$.speed', /unknown field/],
    ['a missing side', { b: {}, steps: [] }, '$.a', /required/],
    ['a side that is not an object', { ...ok, a: 'client' }, '$.a', /must be an object/],
    ['steps that are not an array', { ...ok, steps: {} }, '$.steps', /must be an array/],
    ['both sides on one socket', { ...ok, a: { address: '10.0.0.2', port: 80 } }, '$.b.port', /same socket/],
    ['a seed below zero', { ...ok, seed: -1 }, '$.seed', /at least 0/],
    ['a name that is not a string', { ...ok, name: 5 }, '$.name', /must be a string/],
  ])('validateScenario() names %s at its path', (_name, input, path, message) => {
    const { scenario, problems } = validateScenario(input);
    expect(scenario).toBeUndefined();
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('validateScenario() reports every problem, not just the first', () => {
    expect(
      paths({ a: { port: -1 }, b: { mss: 0 }, link: { loss: 2, jitter: -1 }, steps: [{ at: -1, on: 'x', do: 'y' }], until: -3 }),
    ).toEqual(['$.a.port', '$.b.mss', '$.link.jitter', '$.link.loss', '$.steps[0].at', '$.steps[0].on', '$.steps[0].do', '$.until']);
  });

  test('validateScenario() caps the total bytes of all sends together', () => {
    const half = MAX_TOTAL_BYTES / 2 + 1;
    const steps = [
      { at: 0, on: 'a', do: 'send', bytes: half },
      { at: 1, on: 'a', do: 'send', bytes: half },
    ];
    expect(paths({ ...ok, steps })).toEqual(['$.steps[1].bytes']);
  });

  test('validateScenario() refuses more than MAX_STEPS steps', () => {
    const steps = Array.from({ length: MAX_STEPS + 1 }, (_, i) => ({ at: i, on: 'a', do: 'close' }));
    expect(paths({ ...ok, steps })).toEqual(['$.steps']);
  });

  test('validateScenario() accepts IPv6 addresses', () => {
    expect(paths({ ...ok, a: { address: '2001:db8::1' }, b: { address: '2001:db8::2' } })).toEqual([]);
  });
});

test('resolveScenario() fills in the documented defaults and asks for ISNs only where none is given', () => {
  const asked: string[] = [];
  const r = resolveScenario({ a: { isn: 5 }, b: {}, steps: [] }, (side) => {
    asked.push(side);
    return 77;
  });
  expect(asked).toEqual(['b']);
  expect(r.a).toEqual({ address: '10.0.0.1', port: 49152, isn: 5, mss: 1460, window: 65535, firewall: 'none' });
  expect(r.b).toEqual({ address: '10.0.0.2', port: 80, isn: 77, mss: 1460, window: 65535, firewall: 'none' });
  expect(r.link).toEqual({ delay: 50, jitter: 0, loss: 0, duplicate: 0, reorder: 0, bandwidth: 0 });
  expect(r.tcp).toEqual({ rto: 1000, maxRetries: 7, msl: 120_000, delayedAck: 0 });
  expect(r.until).toBeNull();
  expect(r.seed).toBe(1);
});
