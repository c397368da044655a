/**
 * Default ephemeral port ranges: where an OS picks the local port of an outgoing connection.
 * The TIME-WAIT finding compares counts with the size of these ranges.
 */
import type { OsFamily } from './types.ts';
import { LINUX_EPHEMERAL, MACOS_EPHEMERAL, WINDOWS_EPHEMERAL } from '../ports/ranges.ts';

/** An inclusive port range. */
export interface PortSpan {
  first: number;
  last: number;
  /** Where the numbers come from. */
  source: string;
}

// The numbers live once, in the ports module, with their sources.
export { LINUX_EPHEMERAL, WINDOWS_EPHEMERAL, MACOS_EPHEMERAL };

/**
 * The range to assume for rows from each OS. BSD output is read with the macOS range: FreeBSD's
 * default (10000–65535, FACTS.md §3.3) is unverified on a live system. Unknown: Linux's, the
 * narrower of the common ones, so an exhaustion warning errs on the side of showing.
 */
export function ephemeralRangeFor(os: OsFamily): PortSpan {
  if (os === 'windows') return WINDOWS_EPHEMERAL;
  if (os === 'bsd') return MACOS_EPHEMERAL;
  return LINUX_EPHEMERAL;
}

/** Number of ports in a range. */
export function spanSize(span: PortSpan): number {
  return span.last - span.first + 1;
}
