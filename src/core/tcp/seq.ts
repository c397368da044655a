/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4: "all arithmetic dealing with sequence
 * numbers must be performed modulo 2^32"; "=<" means less than or equal modulo 2^32).
 *
 * Comparisons use the signed 32-bit difference, the same trick as BSD's SEQ_LT and Linux's
 * before()/after(): a < b when (a - b) mod 2^32, read as a signed 32-bit number, is negative. That
 * is only meaningful for numbers less than 2^31 apart, which holds because a TCP window never
 * exceeds 2^30 (RFC 7323 §2.3) and this model's never exceeds 65535.
 */

/** Size of the sequence space: sequence numbers run from 0 to 2^32 - 1 (RFC 9293 §3.4). */
export const SEQ_MODULUS = 2 ** 32;

/** Largest sequence number, 2^32 - 1. */
export const SEQ_MAX = SEQ_MODULUS - 1;

/** Reduces any integer to the sequence space [0, 2^32). */
export function seq(n: number): number {
  return n >>> 0;
}

/** a + n modulo 2^32. `n` may be negative. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** The signed distance from b to a (a - b), in (-2^31, 2^31]. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** a < b modulo 2^32. */
export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

/** a =< b modulo 2^32. */
export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

/** a > b modulo 2^32. */
export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

/** a >= b modulo 2^32. */
export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}

/** lo =< x < hi modulo 2^32 (the half-open interval used by the window tests of RFC 9293 §3.4). */
export function seqInRange(x: number, lo: number, hi: number): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}

/** The later of two sequence numbers. */
export function seqMax(a: number, b: number): number {
  return seqGe(a, b) ? a : b;
}
