/**
 * TLS timing scenarios: which transport and TLS version a client uses to open a fresh HTTPS
 * connection, how it starts (full handshake, HelloRetryRequest, 0-RTT resumption), the round-trip
 * time and the server's processing time. Plain JSON (presets, lessons and tests hold them);
 * validation names every problem with a path and never throws.
 *
 * This file is a contract: the widget, the presets and the lesson depend on these names.
 */

import type { ScenarioProblem } from '../sim/scenario.ts';
import { describeValue, isObject, ProblemCollector } from '../validate.ts';

export type { ScenarioProblem };

/** The transport under TLS: TCP (RFC 9293) or QUIC over UDP (RFC 9000). */
export type TlsTransport = 'tcp' | 'quic';

/** The TLS version: 1.2 (RFC 5246) or 1.3 (RFC 8446). */
export type TlsVersion = '1.2' | '1.3';

/**
 * How the connection starts:
 * - `full`: a full handshake (RFC 8446 §2 Figure 1; RFC 5246 §7.3 Figure 1);
 * - `hello-retry`: the client's key_share guess was for a group the server does not take, so the
 *   server answers HelloRetryRequest and the client sends a second ClientHello (RFC 8446 §2.1);
 * - `resumption-0rtt`: the client holds a PSK from an earlier session and sends early data with
 *   its ClientHello (RFC 8446 §2.3).
 */
export type TlsStart = 'full' | 'hello-retry' | 'resumption-0rtt';

/** The values of each choice, in the order menus list them. */
export const TLS_TRANSPORTS: readonly TlsTransport[] = ['tcp', 'quic'];
export const TLS_VERSIONS: readonly TlsVersion[] = ['1.2', '1.3'];
export const TLS_STARTS: readonly TlsStart[] = ['full', 'hello-retry', 'resumption-0rtt'];

/**
 * A fresh HTTPS connection and one request on it. Every field but `transport`, `tls` and `start`
 * is optional.
 *
 * @example
 * { "transport": "tcp", "tls": "1.3", "start": "full", "rtt": 100 }
 */
export interface TlsScenario {
  name?: string;
  transport: TlsTransport;
  tls: TlsVersion;
  start: TlsStart;
  /** Round-trip time in ms ({@link RTT_MIN_MS}–{@link RTT_MAX_MS}); default {@link DEFAULT_RTT_MS}. */
  rtt?: number;
  /** How long the server works on the HTTP request before the response leaves, ms; default 0. */
  serverTime?: number;
  /** The host name the client asks for in the server_name extension (SNI); default "example.com". */
  serverName?: string;
}

/** A scenario with every default filled in: what a trace was made from. */
export interface ResolvedTlsScenario {
  name: string;
  transport: TlsTransport;
  tls: TlsVersion;
  start: TlsStart;
  rtt: number;
  serverTime: number;
  serverName: string;
}

// ---------------------------------------------------------------------------------------------
// Defaults and limits
// ---------------------------------------------------------------------------------------------

/**
 * Default round-trip time: 100 ms, a plausible intercontinental path and round numbers to read
 * (a teaching choice, not a measured value).
 */
export const DEFAULT_RTT_MS = 100;
/** Smallest round-trip time the model and the widget's slider accept. */
export const RTT_MIN_MS = 1;
/**
 * Largest round-trip time the model and the widget's slider accept: one second, beyond a
 * geostationary satellite hop, so every real path fits.
 */
export const RTT_MAX_MS = 1000;
/** Largest server processing time: one minute. */
export const SERVER_TIME_MAX_MS = 60_000;

/**
 * Default SNI host name: example.com is reserved for documentation (RFC 2606 §3), so it never
 * names somebody's real server.
 */
export const DEFAULT_SERVER_NAME = 'example.com';

/** Longest host name in text form: 255 octets on the wire less the length octets (RFC 1035 §2.3.4). */
export const MAX_HOST_NAME_LENGTH = 253;
/** Longest DNS label (RFC 1035 §2.3.4). */
export const MAX_LABEL_LENGTH = 63;
/** Longest scenario name. */
export const MAX_NAME_LENGTH = 200;

// ---------------------------------------------------------------------------------------------
// The two hosts (fixed: the model is about timing, not addressing)
// ---------------------------------------------------------------------------------------------

/** The client's address: from TEST-NET-1, reserved for documentation (RFC 5737 §3). */
export const CLIENT_ADDRESS = '192.0.2.10';
/** The server's address: from TEST-NET-3, reserved for documentation (RFC 5737 §3). */
export const SERVER_ADDRESS = '203.0.113.10';
/** The client's port: the first of the dynamic range (RFC 6335 §6), as in the TCP presets. */
export const CLIENT_PORT = 49152;
/**
 * The server's port: 443, https over TCP (IANA registry) and HTTP/3 over UDP (RFC 9114 §3.1:
 * an https URL's default port, used on UDP).
 */
export const HTTPS_PORT = 443;

const SCENARIO_KEYS = ['name', 'transport', 'tls', 'start', 'rtt', 'serverTime', 'serverName'] as const;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * Why `name` cannot go in a server_name extension, or null if it can. RFC 6066 §3: a HostName is
 * a DNS host name in ASCII, without a trailing dot, and literal IPv4 or IPv6 addresses are not
 * permitted. Labels follow RFC 1123 §2.1 (letters, digits, hyphens; a digit may come first) and
 * the lengths of RFC 1035 §2.3.4. Internationalised names go as A-labels ("xn--…").
 */
export function hostNameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.includes(':') || name.startsWith('[')) return 'is an IPv6 address; SNI carries host names only, never IP literals (RFC 6066 §3)';
  if (IPV4_LITERAL.test(name)) return 'is an IPv4 address; SNI carries host names only, never IP literals (RFC 6066 §3)';
  if (name.endsWith('.')) return 'ends with a dot; SNI host names are sent without the trailing dot (RFC 6066 §3)';
  if (name.length > MAX_HOST_NAME_LENGTH) return `is ${name.length} characters long; a host name has at most ${MAX_HOST_NAME_LENGTH} (RFC 1035 §2.3.4)`;
  for (const label of name.split('.')) {
    if (label.length === 0) return 'has an empty label (two dots in a row, or a leading dot)';
    if (label.length > MAX_LABEL_LENGTH) return `has a label of ${label.length} characters; at most ${MAX_LABEL_LENGTH} (RFC 1035 §2.3.4)`;
    if (!LABEL.test(label)) {
      return `has the label ${JSON.stringify(label)}: labels hold ASCII letters, digits and inner hyphens (RFC 1123 §2.1); write internationalised names as A-labels ("xn--…")`;
    }
  }
  // An all-numeric last label would read as an address to many resolvers (RFC 1123 §2.1).
  if (/^\d+$/.test(name.split('.').at(-1) ?? '')) return 'ends in an all-numeric label, which reads as an address; use a host name (RFC 1123 §2.1)';
  return null;
}

/**
 * Checks that `input` is a usable {@link TlsScenario}. Never throws. Returns a clean copy when
 * there are no problems; otherwise every problem found, each with a path such as `$.rtt`.
 */
export function validateTlsScenario(input: unknown): { scenario?: TlsScenario; problems: ScenarioProblem[] } {
  try {
    return check(input);
  } catch (err) {
    // Only hostile objects get here (a getter or Proxy that throws); JSON never does.
    return { problems: [{ path: '$', message: `could not be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

function check(input: unknown): { scenario?: TlsScenario; problems: ScenarioProblem[] } {
  const c = new ProblemCollector();
  if (!isObject(input)) {
    c.add('$', `a scenario must be an object like { "transport": "tcp", "tls": "1.3", "start": "full" }, got ${describeValue(input)}`);
    return { problems: c.problems };
  }
  c.keys(input, '$', SCENARIO_KEYS);

  // A duration in ms; worded "a finite number of ms", unlike the shared number check.
  const number = (key: string, min: number, max: number): number | undefined => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) c.add(`$.${key}`, `must be a finite number of ms, got ${describeValue(v)}`);
    else if (v < min) c.add(`$.${key}`, `must be at least ${min} ms, got ${v}`);
    else if (v > max) c.add(`$.${key}`, `must be at most ${max} ms, got ${v}`);
    else return v;
    return undefined;
  };

  const transport = c.oneOf(input, 'transport', '$', TLS_TRANSPORTS, true);
  const tls = c.oneOf(input, 'tls', '$', TLS_VERSIONS, true);
  const start = c.oneOf(input, 'start', '$', TLS_STARTS, true);
  const rtt = number('rtt', RTT_MIN_MS, RTT_MAX_MS);
  const serverTime = number('serverTime', 0, SERVER_TIME_MAX_MS);

  let serverName: string | undefined;
  if (input['serverName'] !== undefined) {
    const v = input['serverName'];
    if (typeof v !== 'string') c.add('$.serverName', `must be a host name such as "example.com", got ${describeValue(v)}`);
    else {
      const why = hostNameProblem(v);
      if (why === null) serverName = v;
      else c.add('$.serverName', why);
    }
  }
  let name: string | undefined;
  if (input['name'] !== undefined) {
    const v = input['name'];
    if (typeof v !== 'string') c.add('$.name', `must be a string, got ${describeValue(v)}`);
    else if (v.length > MAX_NAME_LENGTH) c.add('$.name', `must be at most ${MAX_NAME_LENGTH} characters, got ${v.length}`);
    else name = v;
  }

  // Combinations the protocols do not have.
  if (transport === 'quic' && tls === '1.2') {
    // RFC 9001 §4.2: "Clients MUST NOT offer TLS versions older than 1.3."
    c.add('$.tls', 'QUIC runs TLS 1.3 only: clients must not offer older versions (RFC 9001 §4.2)');
  }
  if (tls === '1.2' && start === 'resumption-0rtt') {
    // 0-RTT early data is a TLS 1.3 feature (RFC 8446 §2.3); TLS 1.2 resumption still takes a
    // round trip before application data (RFC 5246 §7.3, abbreviated handshake).
    c.add('$.start', 'TLS 1.2 has no 0-RTT: early data came with TLS 1.3 (RFC 8446 §2.3)');
  }
  if (tls === '1.2' && start === 'hello-retry') {
    // HelloRetryRequest answers a wrong key_share guess; TLS 1.2 has neither (RFC 8446 §4.1.4).
    c.add('$.start', 'HelloRetryRequest exists in TLS 1.3 only (RFC 8446 §4.1.4)');
  }

  if (c.problems.length > 0 || transport === undefined || tls === undefined || start === undefined) return { problems: c.problems };
  const scenario: TlsScenario = { transport, tls, start };
  if (name !== undefined) scenario.name = name;
  if (rtt !== undefined) scenario.rtt = rtt;
  if (serverTime !== undefined) scenario.serverTime = serverTime;
  if (serverName !== undefined) scenario.serverName = serverName;
  return { scenario, problems: [] };
}

/** Fills in every default. */
export function resolveTlsScenario(s: TlsScenario): ResolvedTlsScenario {
  return {
    name: s.name ?? '',
    transport: s.transport,
    tls: s.tls,
    start: s.start,
    rtt: s.rtt ?? DEFAULT_RTT_MS,
    serverTime: s.serverTime ?? 0,
    serverName: s.serverName ?? DEFAULT_SERVER_NAME,
  };
}
