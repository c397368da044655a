/**
 * A small seeded pseudo-random number generator, so that loss, duplication, reordering, jitter
 * and unset ISNs are reproducible: the same seed gives the same sequence on every JavaScript
 * engine (only 32-bit integer operations are used).
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): one 32-bit state word, period
 * 2^32, good enough statistics for a network simulator and trivially reproducible.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A uniform 32-bit unsigned integer drawn from `random`. */
export function randomUint32(random: Random): number {
  return Math.floor(random() * 2 ** 32) >>> 0;
}
