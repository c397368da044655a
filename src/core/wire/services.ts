/**
 * The service usually found on a port, for the decoder's payload line. Callers should pass the ports
 * module's IANA lookup through `DecodeOptions.serviceName`; this small fallback covers the ports the
 * samples and lessons use, with names as registered by IANA (checked in FACTS.md §3.5, IANA
 * registry snapshot 2024-03-18).
 */
import { DYNAMIC_PORTS_FIRST, LINUX_EPHEMERAL } from '../ports/ranges.ts';
export type Transport = 'tcp' | 'udp';

const BOTH: Readonly<Record<number, string>> = {
  53: 'domain',
  88: 'kerberos',
  111: 'sunrpc',
  123: 'ntp',
  389: 'ldap',
  443: 'https',
  2049: 'nfs',
  3478: 'stun',
};

const TCP: Readonly<Record<number, string>> = {
  20: 'ftp-data',
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  80: 'http',
  110: 'pop3',
  119: 'nntp',
  143: 'imap',
  179: 'bgp',
  445: 'microsoft-ds',
  465: 'submissions',
  514: 'shell',
  587: 'submission',
  636: 'ldaps',
  853: 'domain-s',
  993: 'imaps',
  995: 'pop3s',
  1080: 'socks',
  1433: 'ms-sql-s',
  3306: 'mysql',
  3389: 'ms-wbt-server',
  5432: 'postgresql',
  5900: 'rfb',
  6379: 'redis',
  6697: 'ircs-u',
  8080: 'http-alt',
};

const UDP: Readonly<Record<number, string>> = {
  67: 'bootps',
  68: 'bootpc',
  69: 'tftp',
  137: 'netbios-ns',
  138: 'netbios-dgm',
  161: 'snmp',
  162: 'snmptrap',
  500: 'isakmp',
  514: 'syslog',
  546: 'dhcpv6-client',
  547: 'dhcpv6-server',
  1900: 'ssdp',
  4500: 'ipsec-nat-t',
  5353: 'mdns',
};

export function defaultServiceName(port: number, transport: Transport): string | undefined {
  return BOTH[port] ?? (transport === 'tcp' ? TCP[port] : UDP[port]);
}

/** IANA dynamic/private range (RFC 6335 §6). */
export const IANA_DYNAMIC_FIRST = DYNAMIC_PORTS_FIRST;

/** "8080 (http-alt)", or a hint that the port looks like a client's ephemeral port. */
export function portDisplay(port: number, name: string | undefined): string {
  if (name) return `${port} (${name})`;
  if (port >= IANA_DYNAMIC_FIRST || (port >= LINUX_EPHEMERAL.first && port <= LINUX_EPHEMERAL.last)) {
    return `${port} (likely an ephemeral client port)`;
  }
  return String(port);
}

/** The shape of the ports module's PortDb that the decoder needs (structural, so no import). */
export interface ServiceTable {
  tcp: ReadonlyMap<number, { name: string }>;
  udp: ReadonlyMap<number, { name: string }>;
}

/** Adapts a port database (e.g. the ports module's `ianaPortDb()`) to `DecodeOptions.serviceName`. */
export function serviceLookup(table: ServiceTable): (port: number, transport: Transport) => string | undefined {
  return (port, transport) => table[transport].get(port)?.name || undefined;
}
