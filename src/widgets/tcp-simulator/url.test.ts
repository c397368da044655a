import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPreset, type Scenario } from '../../core/sim/index.ts';
import { decodeSimUrl, encodeSimUrl, MAX_FRAGMENT_LENGTH } from './url.ts';

const handshake = getPreset('handshake')!.scenario;

describe('encodeSimUrl / decodeSimUrl', () => {
  test('encodeSimUrl() of an unchanged preset is short and readable', () => {
    expect(encodeSimUrl({ preset: 'lost-syn', step: 4 })).toBe('preset=lost-syn&step=4');
  });

  test('decodeSimUrl(encodeSimUrl(x)) gives back the preset, the scenario and the step', () => {
    const changed: Scenario = { ...handshake, drop: [{ from: 'b', nth: 1 }], link: { delay: 80, loss: 0.006 } };
    const back = decodeSimUrl('#' + encodeSimUrl({ preset: 'handshake', scenario: changed, step: 3, widget: 2 }));
    expect(back).toEqual({ found: true, preset: 'handshake', scenario: changed, step: 3, widget: 2, problems: [] });
  });

  test('decodeSimUrl() round-trips any step and widget index', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(50), (step, widget) => {
        const back = decodeSimUrl(encodeSimUrl({ preset: 'abort', step, widget }));
        expect([back.step, back.widget, back.problems]).toEqual([step, widget, []]);
      }),
      { numRuns: 100 },
    );
  });

  test('decodeSimUrl() of a fragment about something else is not found', () => {
    expect(decodeSimUrl('#overview').found).toBe(false);
    expect(decodeSimUrl('').found).toBe(false);
  });

  test.each([
    // not JSON at all
    ['preset=handshake&scenario={oops', 'scenario', 'is not valid JSON'],
    // JSON, but the validator objects: its path and message come through
    ['scenario=' + encodeURIComponent('{"a":{},"b":{},"steps":[{"at":-5,"on":"a","do":"connect"}]}'), 'scenario $.steps[0].at', 'must be at least 0'],
    // an unknown preset
    ['preset=handshak&step=1', 'preset', 'there is no preset "handshak"'],
    // a step that is not a number
    ['preset=handshake&step=two', 'step', 'must be a whole number'],
  ])('decodeSimUrl(%j) reports %s: %s', (hash, path, message) => {
    const d = decodeSimUrl(hash);
    expect(d.found).toBe(true);
    expect(d.scenario).toBeUndefined();
    expect(d.problems.find((p) => p.path === path)?.message).toContain(message);
  });

  test('decodeSimUrl() refuses an absurdly long fragment without parsing it', () => {
    const d = decodeSimUrl('scenario=' + 'x'.repeat(MAX_FRAGMENT_LENGTH));
    expect(d.problems[0]?.path).toBe('#');
  });

  test('decodeSimUrl() never throws, whatever the fragment', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => decodeSimUrl(s)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
