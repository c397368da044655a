import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_NUMBER_WORDING, DESCRIBED_STRING_MAX, describeValue, isObject, ProblemCollector, type NumberRule, type Obj } from './validate.ts';

/** A collector's problems as "path: message". */
function lines(c: ProblemCollector): string[] {
  return c.problems.map((p) => `${p.path}: ${p.message}`);
}

/** The problems a fresh collector records for `run`. */
function reported(run: (c: ProblemCollector) => unknown): string[] {
  const c = new ProblemCollector();
  run(c);
  return lines(c);
}

describe('isObject', () => {
  test.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null) as unknown, true],
    [null, false],
    [undefined, false],
    [[], false],
    [[1, 2], false],
    ['{}', false],
    [0, false],
    [true, false],
  ])('isObject(%o) is %s', (value, expected) => {
    expect(isObject(value)).toBe(expected);
  });
});

describe('describeValue', () => {
  const long = 'x'.repeat(DESCRIBED_STRING_MAX + 1);
  test.each([
    ['null', null, 'null'],
    ['an empty array', [], 'an array'],
    ['an array of numbers', [1, 2], 'an array'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['an empty string', '', 'the string ""'],
    ['a short string', 'abc', 'the string "abc"'],
    ['a string with a quote', 'a"b', 'the string "a\\"b"'],
    ['a string of exactly the limit', 'y'.repeat(DESCRIBED_STRING_MAX), `the string "${'y'.repeat(DESCRIBED_STRING_MAX)}"`],
    ['a string over the limit', long, `the string "${'x'.repeat(DESCRIBED_STRING_MAX)}…"`],
    ['a whole number', 7, 'number 7'],
    ['a negative fraction', -0.5, 'number -0.5'],
    ['zero', 0, 'number 0'],
    ['true', true, 'boolean true'],
    ['false', false, 'boolean false'],
    ['an object', { a: 1 }, 'an object'],
    ['undefined', undefined, 'undefined undefined'],
  ])('describeValue names %s as %j', (_what, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  test('describeValue never throws and never returns an empty string', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(describeValue(v).length).toBeGreaterThan(0);
      }),
    );
  });

  test('describeValue quotes at most DESCRIBED_STRING_MAX characters of any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const quoted = JSON.parse(describeValue(s).slice('the string '.length)) as string;
        expect(quoted).toBe(s.length > DESCRIBED_STRING_MAX ? `${s.slice(0, DESCRIBED_STRING_MAX)}…` : s);
      }),
    );
  });
});

describe('ProblemCollector', () => {
  test('ProblemCollector.add records problems in order with their paths', () => {
    const c = new ProblemCollector();
    c.add('$.a', 'first');
    c.add('$', 'second');
    expect(c.problems).toEqual([
      { path: '$.a', message: 'first' },
      { path: '$', message: 'second' },
    ]);
  });

  test('ProblemCollector.keys reports each unknown field with its path and the known ones', () => {
    expect(reported((c) => c.keys({ a: 1, typo: 2, b: 3, other: 4 }, '$.link', ['a', 'b']))).toEqual([
      '$.link.typo: unknown field "typo" (expected one of: a, b)',
      '$.link.other: unknown field "other" (expected one of: a, b)',
    ]);
  });

  test('ProblemCollector.keys reports nothing when every field is known', () => {
    expect(reported((c) => c.keys({ a: 1 }, '$', ['a', 'b']))).toEqual([]);
  });

  const rule: NumberRule = { min: 1, max: 10 };
  test.each<[string, Obj, NumberRule, number | undefined, string[]]>([
    ['a value in range', { n: 5 }, rule, 5, []],
    ['the minimum', { n: 1 }, rule, 1, []],
    ['the maximum', { n: 10 }, rule, 10, []],
    ['a missing optional value', {}, rule, undefined, []],
    ['a missing required value', {}, { ...rule, required: true }, undefined, ['$.x.n: is required']],
    ['a string', { n: '5' }, rule, undefined, ['$.x.n: must be a finite number, got the string "5"']],
    ['NaN', { n: NaN }, rule, undefined, ['$.x.n: must be a finite number, got NaN']],
    ['null', { n: null }, rule, undefined, ['$.x.n: must be a finite number, got null']],
    ['a fraction where whole numbers are asked', { n: 2.5 }, { ...rule, integer: true }, undefined, ['$.x.n: must be a whole number, got 2.5']],
    ['a value under the minimum', { n: 0 }, { ...rule, unit: 'ms' }, undefined, ['$.x.n: must be at least 1 ms, got 0']],
    ['a value under the minimum, with why', { n: 0 }, { ...rule, unit: 'ms', why: 'RFC x' }, undefined, ['$.x.n: must be at least 1 ms (RFC x), got 0']],
    ['an exclusive minimum', { n: 1 }, { ...rule, minExclusive: true }, undefined, ['$.x.n: must be greater than 1, got 1']],
    ['a value over the maximum', { n: 11 }, { ...rule, unit: 'bytes', why: 'not in the max message' }, undefined, ['$.x.n: must be at most 10 bytes, got 11']],
  ])('ProblemCollector.number handles %s', (_what, obj, r, value, problems) => {
    const c = new ProblemCollector();
    expect(c.number(obj, 'n', '$.x', r)).toBe(value);
    expect(lines(c)).toEqual(problems);
  });

  test('ProblemCollector.number uses the wording a module passes to the constructor', () => {
    const c = new ProblemCollector({ notANumber: 'must be a number', aboveExclusive: 'more than' });
    c.number({ n: 'x' }, 'n', '$', { min: 0, max: 1 });
    c.number({ n: 0 }, 'n', '$', { min: 0, max: 1, minExclusive: true, unit: 'minutes' });
    expect(lines(c)).toEqual(['$.n: must be a number, got the string "x"', '$.n: must be more than 0 minutes, got 0']);
  });

  test('DEFAULT_NUMBER_WORDING holds the words the TCP and FTP validators use', () => {
    expect(DEFAULT_NUMBER_WORDING).toEqual({ notANumber: 'must be a finite number', aboveExclusive: 'greater than' });
  });

  const sides = ['a', 'b'] as const;
  test.each<[string, Obj, boolean, string | undefined, string[]]>([
    ['an allowed value', { on: 'b' }, false, 'b', []],
    ['a missing optional value', {}, false, undefined, []],
    ['a missing required value', {}, true, undefined, ['$.s.on: is required (one of "a", "b")']],
    ['a value not allowed', { on: 'c' }, false, undefined, ['$.s.on: must be one of "a", "b", got the string "c"']],
    ['a number', { on: 1 }, true, undefined, ['$.s.on: must be one of "a", "b", got number 1']],
  ])('ProblemCollector.oneOf handles %s', (_what, obj, required, value, problems) => {
    const c = new ProblemCollector();
    expect(c.oneOf(obj, 'on', '$.s', sides, required)).toBe(value);
    expect(lines(c)).toEqual(problems);
  });

  test.each<[string, Obj, string | undefined, boolean, string[]]>([
    ['an object', { o: { a: 1 } }, undefined, true, []],
    ['a missing optional object', {}, undefined, false, []],
    ['a missing object with a message', {}, 'is required (an object)', false, ['$.o: is required (an object)']],
    ['an array', { o: [] }, undefined, false, ['$.o: must be an object, got an array']],
    ['null', { o: null }, 'is required', false, ['$.o: must be an object, got null']],
  ])('ProblemCollector.object handles %s', (_what, obj, ifMissing, found, problems) => {
    const c = new ProblemCollector();
    const got = c.object(obj, 'o', '$', ifMissing);
    expect(got === undefined ? false : got === obj['o']).toBe(found);
    expect(lines(c)).toEqual(problems);
  });

  test.each<[string, Obj, boolean, boolean, string[]]>([
    ['an array within the limit', { l: [1, 2] }, true, true, []],
    ['an empty array', { l: [] }, true, true, []],
    ['a missing optional array', {}, false, false, []],
    ['a missing required array', {}, true, false, ['$.l: is required (an array, possibly empty)']],
    ['an object', { l: {} }, false, false, ['$.l: must be an array, got an object']],
    ['too many entries', { l: [1, 2, 3] }, false, false, ['$.l: has 3 entries, at most 2 are allowed']],
  ])('ProblemCollector.array handles %s', (_what, obj, required, found, problems) => {
    const c = new ProblemCollector();
    const got = c.array(obj, 'l', '$', required, 2);
    expect(got === undefined ? false : got === obj['l']).toBe(found);
    expect(lines(c)).toEqual(problems);
  });

  test.each<[Obj, boolean | undefined, string[]]>([
    [{ b: true }, true, []],
    [{ b: false }, false, []],
    [{}, undefined, []],
    [{ b: 'true' }, undefined, ['$.nat.b: must be true or false, got the string "true"']],
    [{ b: 1 }, undefined, ['$.nat.b: must be true or false, got number 1']],
  ])('ProblemCollector.boolean reads %o as %s', (obj, value, problems) => {
    const c = new ProblemCollector();
    expect(c.boolean(obj, 'b', '$.nat')).toBe(value);
    expect(lines(c)).toEqual(problems);
  });
});
