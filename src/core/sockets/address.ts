/**
 * Address and port notation of each tool, normalised into `Endpoint`s.
 *
 * Notation per tool (FACTS.md §5): Linux netstat `0.0.0.0:22`, `:::22`, `::1:631`, `*:ssh`,
 * `[::]:ssh`; ss `0.0.0.0:22`, `*:22`, `[::]:22`, `[::1]:631`, `127.0.0.53%lo:53`,
 * `[fe80::1]%eth0:546`; Windows `0.0.0.0:135`, `[::]:135`, `[fe80::1%12]:49670`, `*:*`;
 * BSD `127.0.0.1.8080`, `*.22`, `fe80::1%lo0.5353`, `*.*`; lsof `*:22`, `[::1]:631`.
 */
import type { Endpoint } from './types.ts';

/** Largest TCP/UDP port number: ports are 16-bit (RFC 9293 §3.1). */
export const PORT_MAX = 65_535;

/**
 * Resolves a service name printed instead of a port number (`ssh` → 22). Returns every
 * candidate when the name belongs to several ports (`http-alt`: 591, 8008, 8080), so the caller
 * can say so instead of picking one.
 */
export type ServiceResolver = (name: string, proto: 'tcp' | 'udp') => number | readonly number[] | undefined;

/** The address and port text of one printed endpoint, before normalisation. */
export interface RawEndpoint {
  host: string;
  port: string;
  /** The host was printed inside brackets (`[::1]`). */
  bracketed: boolean;
}

/** What a printed port can be: digits, `*`, or a service name (RFC 6335 §5.1 letters, digits, hyphens). */
const PORT_TEXT = /^(?:\d{1,6}|\*|[A-Za-z][A-Za-z0-9_+-]*)$/;

/** Splits `host:port` (netstat, ss, Windows, lsof). Returns undefined when there is no port part. */
export function splitColon(text: string): RawEndpoint | undefined {
  const r = splitColonRaw(text);
  return r && PORT_TEXT.test(r.port) ? r : undefined;
}

function splitColonRaw(text: string): RawEndpoint | undefined {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    const host = text.slice(1, close);
    let rest = text.slice(close + 1);
    let zone = '';
    // ss prints the interface after the bracket: [fe80::1]%eth0:546
    if (rest.startsWith('%')) {
      const colon = rest.lastIndexOf(':');
      if (colon < 0) return undefined;
      zone = rest.slice(0, colon);
      rest = rest.slice(colon);
    }
    if (!rest.startsWith(':') || rest.length < 2) return undefined;
    return { host: host + zone, port: rest.slice(1), bracketed: true };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0 || colon === text.length - 1) return undefined;
  return { host: text.slice(0, colon), port: text.slice(colon + 1), bracketed: false };
}

/** Splits BSD `host.port` (the last dot separates the port). */
export function splitDot(text: string): RawEndpoint | undefined {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) return undefined;
  const port = text.slice(dot + 1);
  if (!PORT_TEXT.test(port)) return undefined;
  return { host: text.slice(0, dot), port, bracketed: false };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAPPED = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** True for a dotted-quad IPv4 literal with every part ≤ 255. */
export function isIpv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m !== null && m.slice(1).every((p) => Number(p) <= 255);
}

/** True for something shaped like an IPv6 literal (hex groups and colons, optional IPv4 tail). */
export function isIpv6(text: string): boolean {
  return text.includes(':') && /^[0-9a-f:.]+$/i.test(text);
}

/** Wildcard hosts of every tool; the normalised form depends on the socket's family. */
function isWildcardHost(host: string): boolean {
  return host === '*' || host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

/** How an endpoint's wildcard host should be written, given what the socket is. */
export type WildcardStyle = 4 | 6 | 'both';

/**
 * Normalises one endpoint. `wildcard` says what `*` means for this socket (IPv4 any, IPv6 any,
 * or both families). Returns the endpoint and, when the port was a name that could not be
 * resolved, the name (so the caller can report it).
 */
export function normaliseEndpoint(
  raw: RawEndpoint,
  wildcard: WildcardStyle,
  proto: 'tcp' | 'udp',
  resolve: ServiceResolver,
): { endpoint: Endpoint; unresolved?: string; candidates?: readonly number[] } {
  let host = raw.host;
  let zone: string | undefined;
  const pct = host.indexOf('%');
  if (pct >= 0) {
    zone = host.slice(pct + 1);
    host = host.slice(0, pct);
  }
  let address: string;
  if (isWildcardHost(host)) {
    if (host === '0.0.0.0') address = '0.0.0.0';
    else if (host === '::' || host === '[::]') address = '::';
    else address = wildcard === 4 ? '0.0.0.0' : wildcard === 6 ? '::' : '*';
  } else {
    address = isIpv6(host) ? host.toLowerCase() : host;
  }
  const endpoint: Endpoint = { address, port: null };
  if (zone) endpoint.zone = zone;
  const mapped = MAPPED.exec(address);
  if (mapped && isIpv4(mapped[1]!)) endpoint.mappedIpv4 = mapped[1]!;

  const portText = raw.port;
  let unresolved: string | undefined;
  let candidates: readonly number[] | undefined;
  if (/^\d{1,5}$/.test(portText)) {
    const n = Number(portText);
    if (n <= PORT_MAX) endpoint.port = n;
    else unresolved = portText;
  } else if (portText !== '*' && portText !== '') {
    endpoint.service = portText;
    const n = resolve(portText, proto);
    if (typeof n === 'number') endpoint.port = n;
    else {
      unresolved = portText;
      if (n !== undefined && n.length > 0) candidates = n;
    }
  }
  if (unresolved === undefined) return { endpoint };
  return candidates === undefined ? { endpoint, unresolved } : { endpoint, unresolved, candidates };
}

/** True when a printed peer means "no peer": `0.0.0.0:*`, `*:*`, `[::]:0`, `:::*`, `*.*`, `HOST:0`. */
export function isNoPeer(raw: RawEndpoint): boolean {
  if (raw.port === '0') return true;
  return raw.port === '*' && (isWildcardHost(raw.host) || raw.host === '0.0.0.0');
}

/** Family implied by a host literal; undefined for host names and wildcards. */
export function familyOfHost(host: string): 4 | 6 | undefined {
  const h = host.split('%')[0]!;
  if (isIpv4(h)) return 4;
  if (isIpv6(h)) return 6;
  return undefined;
}
