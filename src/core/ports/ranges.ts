/**
 * Port number ranges: the IANA classes of RFC 6335 and the ephemeral ranges that real
 * operating systems use by default. Every number names its source.
 */

/** Port numbers are 16-bit unsigned integers (RFC 9293 §3.1, RFC 768). */
export const PORT_MIN = 0;
export const PORT_MAX = 65_535;

/** RFC 6335 §6: System Ports 0–1023, User Ports 1024–49151, Dynamic and/or Private Ports 49152–65535. */
export const SYSTEM_PORTS_LAST = 1023;
export const USER_PORTS_LAST = 49_151;
export const DYNAMIC_PORTS_FIRST = 49_152;

/** The three RFC 6335 classes. */
export type PortClass = 'system' | 'user' | 'dynamic';

export interface PortRangeInfo {
  class: PortClass;
  first: number;
  last: number;
  /** Name as RFC 6335 §6 spells it. */
  name: string;
  /** The older, still common name. */
  alsoCalled: string;
  /** How IANA hands out numbers in this range, in plain words. */
  assignment: string;
  source: string;
}

export const PORT_RANGES: readonly PortRangeInfo[] = [
  {
    class: 'system',
    first: PORT_MIN,
    last: SYSTEM_PORTS_LAST,
    name: 'System Ports',
    alsoCalled: 'well-known ports',
    assignment: 'IANA assigns them through IETF Review or IESG Approval.',
    source: 'RFC 6335 §6, §8.1.2',
  },
  {
    class: 'user',
    first: SYSTEM_PORTS_LAST + 1,
    last: USER_PORTS_LAST,
    name: 'User Ports',
    alsoCalled: 'registered ports',
    assignment: 'IANA registers them on request (IETF Review, IESG Approval or Expert Review).',
    source: 'RFC 6335 §6, §8.1.1',
  },
  {
    class: 'dynamic',
    first: DYNAMIC_PORTS_FIRST,
    last: PORT_MAX,
    name: 'Dynamic and/or Private Ports',
    alsoCalled: 'ephemeral or private ports',
    assignment: 'IANA never assigns them: they are left for temporary and private use.',
    source: 'RFC 6335 §6',
  },
];

/** A default ephemeral (dynamic) port range of one operating system. */
export interface EphemeralRange {
  os: string;
  first: number;
  last: number;
  /** The command that shows the range on that OS. */
  command: string;
  source: string;
}

/**
 * Default ephemeral ranges. These are what the OS picks a client's local port from; they differ
 * from RFC 6335's dynamic range on Linux and FreeBSD.
 */
/** Linux `net.ipv4.ip_local_port_range` default, shared by TCP and UDP, IPv4 and IPv6. */
export const LINUX_EPHEMERAL: EphemeralRange = {
  os: 'Linux',
  first: 32_768,
  last: 60_999,
  command: 'sysctl net.ipv4.ip_local_port_range',
  source: 'Linux Documentation/networking/ip-sysctl.rst (ip_local_port_range); man ip(7)',
};
/** Windows Vista / Server 2008 and later (Windows XP / 2003: 1025–5000). */
export const WINDOWS_EPHEMERAL: EphemeralRange = {
  os: 'Windows (Vista and later)',
  first: 49_152,
  last: 65_535,
  command: 'netsh int ipv4 show dynamicport tcp',
  source: 'Microsoft KB 929851',
};
/** macOS (XNU). */
export const MACOS_EPHEMERAL: EphemeralRange = {
  os: 'macOS',
  first: 49_152,
  last: 65_535,
  command: 'sysctl net.inet.ip.portrange.first net.inet.ip.portrange.last',
  source: 'XNU bsd/netinet/in_pcb.c (ipport_firstauto = IPPORT_HIFIRSTAUTO)',
};

export const EPHEMERAL_RANGES: readonly EphemeralRange[] = [LINUX_EPHEMERAL, WINDOWS_EPHEMERAL, MACOS_EPHEMERAL];

/** Linux refuses to let unprivileged processes bind below this port by default (man ip(7)). */
export const LINUX_UNPRIVILEGED_PORT_START = 1024;

/** True when `n` is a whole number in 0–65535. */
export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= PORT_MIN && n <= PORT_MAX;
}

/** The RFC 6335 range a valid port number belongs to. */
export function portRange(port: number): PortRangeInfo {
  const found = PORT_RANGES.find((r) => port >= r.first && port <= r.last);
  // Out-of-range numbers are a caller bug, not user input: callers validate with isPortNumber first.
  if (!found) throw new RangeError(`not a port number: ${port}`);
  return found;
}

/** The operating systems whose default ephemeral range contains `port`. */
export function ephemeralOn(port: number): EphemeralRange[] {
  return EPHEMERAL_RANGES.filter((r) => port >= r.first && port <= r.last);
}
