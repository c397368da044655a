/**
 * Default ephemeral port ranges: where an OS picks the local port of an outgoing connection.
 * The TIME-WAIT finding compares counts with the size of these ranges. (The ports module keeps
 * the same numbers for its lookup; a test checks the two agree.)
 */
import type { OsFamily } from './types.ts';

/** An inclusive port range. */
export interface PortSpan {
  first: number;
  last: number;
  /** Where the numbers come from. */
  source: string;
}

/** Linux `net.ipv4.ip_local_port_range` default: 32768–60999 (ip-sysctl.rst; man ip(7); FACTS.md §3.3). */
export const LINUX_EPHEMERAL: PortSpan = {
  first: 32_768,
  last: 60_999,
  source: 'Linux Documentation/networking/ip-sysctl.rst (ip_local_port_range); man ip(7)',
};
/** Windows Vista and later: 49152–65535 (Microsoft KB 929851; FACTS.md §3.3). */
export const WINDOWS_EPHEMERAL: PortSpan = { first: 49_152, last: 65_535, source: 'Microsoft KB 929851' };
/** macOS: 49152–65535 (XNU bsd/netinet/in_pcb.c ipport_firstauto = IPPORT_HIFIRSTAUTO; FACTS.md §3.3). */
export const MACOS_EPHEMERAL: PortSpan = {
  first: 49_152,
  last: 65_535,
  source: 'XNU bsd/netinet/in_pcb.c (ipport_firstauto = IPPORT_HIFIRSTAUTO)',
};

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
