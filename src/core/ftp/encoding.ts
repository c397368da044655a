/**
 * How FTP writes addresses and ports into its control connection: PORT and the 227 reply (RFC 959
 * §4.1.2, §4.2.2), EPRT and the 229 reply (RFC 2428 §2, §3). Formatters take valid values;
 * parsers take any text, never throw, and return either what they understood or one problem per
 * thing wrong (with the character offset in the text).
 */

/** An IP address and a TCP port. */
export interface FtpEndpoint {
  address: string;
  port: number;
}

/** One thing wrong with a piece of FTP text: where (0-based character offset) and why. */
export interface FtpTextProblem {
  offset: number;
  message: string;
}

/** A parse that failed: every problem found. */
export interface FtpParseFailure {
  ok: false;
  problems: FtpTextProblem[];
}

/** Largest value of one byte: each of h1…h4, p1, p2 is a byte in decimal (RFC 959 §4.1.2). */
export const BYTE_MAX = 255;
/** p1 is the port's high byte: port = p1 × 256 + p2 (RFC 959 §4.1.2). */
export const PORT_HIGH_BYTE = 256;
/** TCP ports are 16 bits; 0 is reserved and never a usable port (RFC 6335 §6). */
export const MIN_USABLE_PORT = 1;
export const MAX_PORT = 65535;
/** Longest text the parsers look at: a control line is short; a paste of megabytes is refused first. */
export const MAX_FTP_TEXT = 1000;
/** EPRT network protocol numbers: 1 = IPv4, 2 = IPv6 (RFC 2428 §2, the IANA address family numbers). */
export const EPRT_IPV4 = 1;
export const EPRT_IPV6 = 2;
/** The delimiter RFC 2428 §2 recommends ("|"); any ASCII character 33–126 may be used. */
export const EPRT_DEFAULT_DELIMITER = '|';
/** Printable ASCII without space: the characters allowed as EPRT/EPSV delimiters (RFC 2428 §2). */
const DELIMITER_MIN = 33;
const DELIMITER_MAX = 126;
/** Reply codes that carry a data address (RFC 959 §4.2.2 for 227, RFC 2428 §3 for 229). */
export const REPLY_PASV = 227;
export const REPLY_EPSV = 229;
/** Longest IPv6 text form: eight groups with an embedded IPv4 tail, 45 characters (INET6_ADDRSTRLEN 46 minus the NUL). */
const MAX_IPV6_TEXT = 45;
/** Groups of 16 bits in an IPv6 address (RFC 4291 §2.2). */
const IPV6_GROUPS = 8;
const IPV6_GROUP_MAX = 0xffff;

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

const DECIMAL_BYTE = /^(0|[1-9]\d{0,2})$/;

/** The four bytes of a dotted-decimal IPv4 address, or null (leading zeros are refused: "010" could mean octal). */
export function ipv4Bytes(text: string): [number, number, number, number] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!DECIMAL_BYTE.test(p)) return null;
    const n = Number(p);
    if (n > BYTE_MAX) return null;
    out.push(n);
  }
  return out as [number, number, number, number];
}

/** Whether `text` is a dotted-decimal IPv4 address. */
export function isIpv4(text: string): boolean {
  return ipv4Bytes(text) !== null;
}

/**
 * The eight 16-bit groups of an IPv6 address in any RFC 4291 §2.2 text form ("::" once, a
 * trailing dotted IPv4 part), or null.
 */
export function ipv6Groups(text: string): number[] | null {
  if (text.length === 0 || text.length > MAX_IPV6_TEXT) return null;
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bytes(body.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    body = body.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::"; "1::1.2.3.4" leaves "1::"; "1:2:…:6:1.2.3.4" leaves "…:6:" — strip one colon unless it belongs to "::".
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const group = /^[0-9A-Fa-f]{1,4}$/;
  const parse = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!group.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  if (head === null) return null;
  if (halves.length === 1) {
    const all = [...head, ...tail];
    return all.length === IPV6_GROUPS ? all : null;
  }
  const rest = parse(halves[1] ?? '');
  if (rest === null) return null;
  const known = head.length + rest.length + tail.length;
  // "::" stands for at least one group of zeros (RFC 4291 §2.2, 2.).
  if (known >= IPV6_GROUPS) return null;
  const out = [...head, ...new Array<number>(IPV6_GROUPS - known).fill(0), ...rest, ...tail];
  return out.every((g) => g >= 0 && g <= IPV6_GROUP_MAX) ? out : null;
}

/** Whether `text` is an IPv6 address. */
export function isIpv6(text: string): boolean {
  return ipv6Groups(text) !== null;
}

/**
 * Whether an IPv4 address is in the private ranges 10/8, 172.16/12 or 192.168/16 (RFC 1918 §3),
 * which routers on the internet carry no routes for.
 */
export function isPrivateIpv4(text: string): boolean {
  const b = ipv4Bytes(text);
  if (b === null) return false;
  return b[0] === 10 || (b[0] === 172 && b[1] >= 16 && b[1] <= 31) || (b[0] === 192 && b[1] === 168);
}

/** "198.51.100.7:21", or "[2001:db8::7]:21" for IPv6 (brackets as in URLs, RFC 3986 §3.2.2). */
export function formatFtpEndpoint(e: FtpEndpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_USABLE_PORT && n <= MAX_PORT;
}

function describe(text: string): string {
  return JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
}

function fail(problems: FtpTextProblem[]): FtpParseFailure {
  return { ok: false, problems };
}

function tooLong(text: string): FtpParseFailure | null {
  return text.length > MAX_FTP_TEXT ? fail([{ offset: MAX_FTP_TEXT, message: `is ${text.length} characters long; a control line this long is not FTP (at most ${MAX_FTP_TEXT} are read)` }]) : null;
}

// ---------------------------------------------------------------------------------------------
// PORT and 227: h1,h2,h3,h4,p1,p2 (RFC 959 §4.1.2)
// ---------------------------------------------------------------------------------------------

/** A parsed host-port: the address, the port, and the six numbers it was written with. */
export interface HostPort extends FtpEndpoint {
  ok: true;
  /** h1…h4: the address bytes, high-order first. */
  hostBytes: [number, number, number, number];
  /** The port's high and low byte. */
  p1: number;
  p2: number;
}

/**
 * The PORT argument for an IPv4 address and port: "192,168,1,10,195,80" for 192.168.1.10:50000
 * (h1–h4 the address bytes, then p1 = port ÷ 256 and p2 = port mod 256; RFC 959 §4.1.2). Throws a
 * RangeError for an address that is not IPv4 or a port outside 1–65535: it formats values the
 * caller has validated, never user text.
 */
export function encodeHostPort(address: string, port: number): string {
  const bytes = ipv4Bytes(address);
  if (bytes === null) throw new RangeError(`encodeHostPort: ${JSON.stringify(address)} is not an IPv4 address (PORT carries IPv4 only, RFC 959 §4.1.2)`);
  if (!isPort(port)) throw new RangeError(`encodeHostPort: ${port} is not a port (1–65535)`);
  return [...bytes, Math.floor(port / PORT_HIGH_BYTE), port % PORT_HIGH_BYTE].join(',');
}

/**
 * Reads "h1,h2,h3,h4,p1,p2" (RFC 959 §4.1.2; spaces around the text are ignored). Never throws:
 * a wrong count of numbers, a number above 255, something that is not a decimal number, or port 0
 * each give a problem with its offset.
 */
export function parseHostPort(text: string): HostPort | FtpParseFailure {
  if (typeof text !== 'string') return fail([{ offset: 0, message: 'is not text' }]);
  const long = tooLong(text);
  if (long !== null) return long;
  const start = text.length - text.trimStart().length;
  const body = text.trim();
  if (body === '') return fail([{ offset: 0, message: 'is empty; expected six numbers h1,h2,h3,h4,p1,p2 (RFC 959 §4.1.2)' }]);
  const parts = body.split(',');
  const problems: FtpTextProblem[] = [];
  if (parts.length !== 6) {
    problems.push({ offset: start, message: `has ${parts.length} ${parts.length === 1 ? 'number' : 'comma-separated numbers'}; PORT and 227 carry exactly six: h1,h2,h3,h4,p1,p2 (RFC 959 §4.1.2)` });
  }
  const nums: number[] = [];
  let offset = start;
  let p1Offset = start;
  parts.forEach((p, i) => {
    if (i === 4) p1Offset = offset;
    const name = i < 4 ? `h${i + 1}` : `p${i - 3}`;
    if (!/^\d{1,3}$/.test(p)) {
      problems.push({ offset, message: `${i < 6 ? name : `number ${i + 1}`} is ${describe(p)}, not a decimal number 0–255` });
    } else if (Number(p) > BYTE_MAX) {
      problems.push({ offset, message: `${i < 6 ? name : `number ${i + 1}`} is ${p}; each number is one byte, at most ${BYTE_MAX}` });
    }
    nums.push(Number(p));
    offset += p.length + 1;
  });
  if (problems.length > 0) return fail(problems);
  const [h1, h2, h3, h4, p1, p2] = nums as [number, number, number, number, number, number];
  const port = p1 * PORT_HIGH_BYTE + p2;
  if (port < MIN_USABLE_PORT) return fail([{ offset: p1Offset, message: 'p1,p2 = 0,0 is port 0, which is reserved and cannot be connected to (RFC 6335 §6)' }]);
  return { ok: true, address: `${h1}.${h2}.${h3}.${h4}`, port, hostBytes: [h1, h2, h3, h4], p1, p2 };
}

/** The 227 reply to PASV: "227 Entering Passive Mode (198,51,100,7,195,80)." (RFC 959 §4.2.2). */
export function formatPasvReply(address: string, port: number): string {
  return `${REPLY_PASV} Entering Passive Mode (${encodeHostPort(address, port)}).`;
}

/**
 * Reads a 227 reply. The six numbers are found wherever they stand in the text, because servers
 * word the reply differently and clients scan for them (RFC 1123 §4.1.2.6).
 */
export function parsePasvReply(line: string): HostPort | FtpParseFailure {
  if (typeof line !== 'string') return fail([{ offset: 0, message: 'is not text' }]);
  const long = tooLong(line);
  if (long !== null) return long;
  if (!line.startsWith(String(REPLY_PASV))) return fail([{ offset: 0, message: `does not start with reply code ${REPLY_PASV} (Entering Passive Mode, RFC 959 §4.2.2)` }]);
  const m = /\d+(?:,\d+)+/.exec(line.slice(3));
  if (m === null) return fail([{ offset: 3, message: 'holds no comma-separated numbers h1,h2,h3,h4,p1,p2' }]);
  const parsed = parseHostPort(m[0]);
  if (parsed.ok) return parsed;
  const at = 3 + m.index;
  return fail(parsed.problems.map((p) => ({ offset: at + p.offset, message: p.message })));
}

// ---------------------------------------------------------------------------------------------
// EPRT and 229 (RFC 2428)
// ---------------------------------------------------------------------------------------------

/** A parsed EPRT argument. */
export interface EprtArgument extends FtpEndpoint {
  ok: true;
  /** 1 = IPv4, 2 = IPv6. */
  family: typeof EPRT_IPV4 | typeof EPRT_IPV6;
  delimiter: string;
}

function isDelimiter(c: string): boolean {
  const code = c.charCodeAt(0);
  return c.length === 1 && code >= DELIMITER_MIN && code <= DELIMITER_MAX;
}

/**
 * The EPRT argument: "|1|132.235.1.2|6275|" or "|2|1080::8:800:200C:417A|5282|" (RFC 2428 §2): a
 * delimiter, the network protocol (1 IPv4, 2 IPv6), the address in its usual text form and the
 * port in decimal. Throws a RangeError for invalid values (it formats validated values).
 */
export function formatEprt(address: string, port: number, delimiter: string = EPRT_DEFAULT_DELIMITER): string {
  const family = isIpv4(address) ? EPRT_IPV4 : isIpv6(address) ? EPRT_IPV6 : null;
  if (family === null) throw new RangeError(`formatEprt: ${JSON.stringify(address)} is not an IP address`);
  if (!isPort(port)) throw new RangeError(`formatEprt: ${port} is not a port (1–65535)`);
  if (!isDelimiter(delimiter) || /[0-9A-Fa-f.:]/.test(delimiter)) throw new RangeError(`formatEprt: ${JSON.stringify(delimiter)} cannot be a delimiter`);
  const d = delimiter;
  return `${d}${family}${d}${address}${d}${port}${d}`;
}

/** Reads an EPRT argument (RFC 2428 §2). Never throws. */
export function parseEprt(text: string): EprtArgument | FtpParseFailure {
  if (typeof text !== 'string') return fail([{ offset: 0, message: 'is not text' }]);
  const long = tooLong(text);
  if (long !== null) return long;
  const start = text.length - text.trimStart().length;
  const body = text.trim();
  if (body === '') return fail([{ offset: 0, message: 'is empty; expected <d><net-prt><d><net-addr><d><tcp-port><d> such as |1|132.235.1.2|6275| (RFC 2428 §2)' }]);
  const d = body.charAt(0);
  if (!isDelimiter(d)) return fail([{ offset: start, message: `starts with ${describe(d)}; the delimiter must be a printable ASCII character 33–126, usually "|" (RFC 2428 §2)` }]);
  const fields = body.split(d);
  // "|1|a|p|" splits into ["", "1", "a", "p", ""].
  if (fields.length !== 5 || fields[0] !== '' || fields[4] !== '') {
    return fail([{ offset: start, message: `must have three fields between four "${d}" delimiters: ${d}net-prt${d}net-addr${d}tcp-port${d} (RFC 2428 §2); found ${Math.max(0, fields.length - 1)} delimiters` }]);
  }
  const [, prt = '', addr = '', portText = ''] = fields;
  const problems: FtpTextProblem[] = [];
  const addrAt = start + 2 + prt.length;
  const portAt = addrAt + addr.length + 1;
  let family: typeof EPRT_IPV4 | typeof EPRT_IPV6 | null = null;
  if (prt === String(EPRT_IPV4)) family = EPRT_IPV4;
  else if (prt === String(EPRT_IPV6)) family = EPRT_IPV6;
  else problems.push({ offset: start + 1, message: `network protocol is ${describe(prt)}; RFC 2428 §2 defines 1 (IPv4) and 2 (IPv6)` });
  if (family === EPRT_IPV4 && !isIpv4(addr)) problems.push({ offset: addrAt, message: `${describe(addr)} is not an IPv4 address in dotted decimal (protocol 1)` });
  if (family === EPRT_IPV6 && !isIpv6(addr)) problems.push({ offset: addrAt, message: `${describe(addr)} is not an IPv6 address (protocol 2)` });
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!isPort(port)) problems.push({ offset: portAt, message: `port is ${describe(portText)}; it must be a decimal number ${MIN_USABLE_PORT}–${MAX_PORT}` });
  if (problems.length > 0 || family === null) return fail(problems);
  return { ok: true, family, address: addr, port, delimiter: d };
}

/** The 229 reply to EPSV: "229 Entering Extended Passive Mode (|||6446|)" (RFC 2428 §3). */
export function formatEpsvReply(port: number, delimiter: string = EPRT_DEFAULT_DELIMITER): string {
  if (!isPort(port)) throw new RangeError(`formatEpsvReply: ${port} is not a port (1–65535)`);
  if (!isDelimiter(delimiter) || /\d/.test(delimiter)) throw new RangeError(`formatEpsvReply: ${JSON.stringify(delimiter)} cannot be a delimiter`);
  const d = delimiter;
  return `${REPLY_EPSV} Entering Extended Passive Mode (${d}${d}${d}${port}${d})`;
}

/** A parsed 229 reply: only a port; the address is the control connection's (RFC 2428 §3). */
export interface EpsvReply {
  ok: true;
  port: number;
  delimiter: string;
}

/** Reads a 229 reply (RFC 2428 §3). Never throws. */
export function parseEpsvReply(line: string): EpsvReply | FtpParseFailure {
  if (typeof line !== 'string') return fail([{ offset: 0, message: 'is not text' }]);
  const long = tooLong(line);
  if (long !== null) return long;
  if (!line.startsWith(String(REPLY_EPSV))) return fail([{ offset: 0, message: `does not start with reply code ${REPLY_EPSV} (Entering Extended Passive Mode, RFC 2428 §3)` }]);
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return fail([{ offset: 3, message: 'has no "(<d><d><d><tcp-port><d>)" part (RFC 2428 §3)' }]);
  const inner = line.slice(open + 1, close);
  const d = inner.charAt(0);
  if (!isDelimiter(d)) return fail([{ offset: open + 1, message: `starts with ${describe(d)}; the delimiter must be a printable ASCII character 33–126` }]);
  if (!inner.startsWith(d.repeat(3)) || !inner.endsWith(d) || inner.length < 5) {
    return fail([{ offset: open + 1, message: `must read (${d}${d}${d}port${d}): three delimiters, the port, one delimiter (RFC 2428 §3)` }]);
  }
  const portText = inner.slice(3, -1);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!isPort(port)) return fail([{ offset: open + 4, message: `port is ${describe(portText)}; it must be a decimal number ${MIN_USABLE_PORT}–${MAX_PORT}` }]);
  return { ok: true, port, delimiter: d };
}

// ---------------------------------------------------------------------------------------------
// Explaining an argument ("Decoding the numbers")
// ---------------------------------------------------------------------------------------------

/** Which kind of line carried the address. */
export type FtpArgumentKind = 'PORT' | 'EPRT' | '227' | '229';

/** A PORT/EPRT command or 227/229 reply, decoded in words. */
export interface FtpArgumentExplanation {
  kind: FtpArgumentKind;
  /** The argument as written: "192,168,1,10,195,80", "|||6446|". */
  argument: string;
  /** The address it names (for 229: the control connection's, when known). */
  address: string | null;
  port: number;
  /** How the port is computed, for PORT and 227: "195 × 256 + 80 = 50000"; null when it is written in decimal. */
  arithmetic: string | null;
  /** One line per piece: "p1,p2 = 195,80 → port = 195 × 256 + 80 = 50000". */
  lines: string[];
  /** The RFC section that defines the format. */
  source: string;
}

/**
 * Decodes the address in a PORT or EPRT command or a 227 or 229 reply, in words and arithmetic.
 * `controlAddress` is the server address of the control connection, which a 229 reply leaves out.
 * Null for any other line, or one that does not parse.
 */
export function explainFtpArgument(line: string, controlAddress?: string): FtpArgumentExplanation | null {
  if (typeof line !== 'string' || line.length > MAX_FTP_TEXT) return null;
  const upper = line.slice(0, 5).toUpperCase();
  if (upper.startsWith('PORT ') || line.startsWith(`${REPLY_PASV}`)) {
    const isPort = upper.startsWith('PORT ');
    const hp = isPort ? parseHostPort(line.slice(5)) : parsePasvReply(line);
    if (!hp.ok) return null;
    const argument = [...hp.hostBytes, hp.p1, hp.p2].join(',');
    const arithmetic = `${hp.p1} × ${PORT_HIGH_BYTE} + ${hp.p2} = ${hp.port}`;
    return {
      kind: isPort ? 'PORT' : '227',
      argument,
      address: hp.address,
      port: hp.port,
      arithmetic,
      lines: [
        `h1,h2,h3,h4 = ${hp.hostBytes.join(',')} → address ${hp.address}`,
        `p1,p2 = ${hp.p1},${hp.p2} → port = ${arithmetic}`,
        isPort ? `"Connect to me at ${formatFtpEndpoint(hp)}": the client listens there and the server opens the data connection.` : `"I am listening at ${formatFtpEndpoint(hp)}": the client opens the data connection there.`,
      ],
      source: isPort ? 'RFC 959 §4.1.2' : 'RFC 959 §4.1.2, §4.2.2',
    };
  }
  if (upper.startsWith('EPRT ')) {
    const e = parseEprt(line.slice(5));
    if (!e.ok) return null;
    return {
      kind: 'EPRT',
      argument: line.slice(5).trim(),
      address: e.address,
      port: e.port,
      arithmetic: null,
      lines: [
        `delimiter "${e.delimiter}" separates the fields`,
        `network protocol ${e.family} → ${e.family === EPRT_IPV4 ? 'IPv4' : 'IPv6'} (1 = IPv4, 2 = IPv6)`,
        `address ${e.address}, written as usual: no byte arithmetic`,
        `port ${e.port}, written in decimal: no p1 × 256 + p2`,
      ],
      source: 'RFC 2428 §2',
    };
  }
  if (line.startsWith(`${REPLY_EPSV}`)) {
    const e = parseEpsvReply(line);
    if (!e.ok) return null;
    const addr = controlAddress ?? null;
    const open = line.indexOf('(');
    return {
      kind: '229',
      argument: line.slice(open + 1, line.lastIndexOf(')')),
      address: addr,
      port: e.port,
      arithmetic: null,
      lines: [
        `three "${e.delimiter}" with nothing between them: no network protocol and no address`,
        addr === null ? 'the address is the one the control connection already uses' : `the address is the one the control connection already uses: ${addr}`,
        `port ${e.port}, in decimal`,
      ],
      source: 'RFC 2428 §3',
    };
  }
  return null;
}
