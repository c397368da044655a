import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SEQ_MAX, seq, seqAdd, seqDiff, seqGe, seqGt, seqInRange, seqLe, seqLt, seqMax } from './seq.ts';

describe('sequence arithmetic modulo 2^32 (RFC 9293 §3.4)', () => {
  test.each([
    // plain numbers
    [1, 2, true],
    // equal is not less
    [7, 7, false],
    // 2^32 − 1 comes just before 0 after the wrap
    [SEQ_MAX, 0, true],
    // and 0 is after 2^32 − 1
    [0, SEQ_MAX, false],
    // 2^32 − 100 is before 50: 150 apart across the wrap
    [2 ** 32 - 100, 50, true],
  ])('seqLt(%d, %d) is %s', (a, b, expected) => {
    expect(seqLt(a, b)).toBe(expected);
    expect(seqGe(a, b)).toBe(!expected);
  });

  test('seqAdd() wraps past 2^32 − 1 to 0 and seq() reduces any integer into [0, 2^32)', () => {
    expect(seqAdd(SEQ_MAX, 1)).toBe(0);
    expect(seqAdd(0, -1)).toBe(SEQ_MAX);
    expect(seq(2 ** 32 + 5)).toBe(5);
  });

  test('seqInRange() treats the window as half-open and follows it across the wrap', () => {
    const lo = 2 ** 32 - 10;
    const hi = seqAdd(lo, 20);
    expect(seqInRange(lo, lo, hi)).toBe(true);
    expect(seqInRange(5, lo, hi)).toBe(true);
    expect(seqInRange(hi, lo, hi)).toBe(false);
    expect(seqInRange(seqAdd(lo, -1), lo, hi)).toBe(false);
  });

  test('seqDiff(seqAdd(a, n), a) is n for any a and any |n| < 2^31', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEQ_MAX }), fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), (a, n) => {
        expect(seqDiff(seqAdd(a, n), a)).toBe(n);
        expect(seqLt(a, seqAdd(a, n))).toBe(n > 0);
        expect(seqLe(a, seqAdd(a, n))).toBe(n >= 0);
        expect(seqGt(seqAdd(a, n), a)).toBe(n > 0);
        expect(seqMax(a, seqAdd(a, n))).toBe(n >= 0 ? seqAdd(a, n) : a);
      }),
    );
  });
});
