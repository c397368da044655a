/**
 * FTP scenarios: plain JSON (lessons, presets and tests hold them), their defaults, and a
 * validator that names every problem with a path (`$.client.dataPort`) and never throws.
 *
 * One client fetches one listing or file from one server, in one of FTP's four ways of setting
 * up the data connection, optionally through one middlebox (a NAT router or a stateful firewall).
 */
import { describeValue, isObject, ProblemCollector } from '../validate.ts';
import type { Obj } from '../validate.ts';
import { isIpv4, isIpv6, isPrivateIpv4, MAX_PORT, MIN_USABLE_PORT } from './encoding.ts';

/**
 * How the data connection is set up: `active` = PORT, the server connects to the client (RFC 959
 * §4.1.2, §5.2); `passive` = PASV, the client connects to the server (RFC 959 §4.1.2);
 * `extended-active` = EPRT and `extended-passive` = EPSV, the same with a format that also carries
 * IPv6 (RFC 2428 §2, §3).
 */
export type FtpMode = 'active' | 'passive' | 'extended-active' | 'extended-passive';

/** All modes, in teaching order. */
export const FTP_MODES: readonly FtpMode[] = ['active', 'passive', 'extended-active', 'extended-passive'];

/** The client host. */
export interface FtpClient {
  /** Its own address (RFC 1918 private behind a NAT). Default 192.0.2.10. */
  address?: string;
  /** Source port of its control connection (an ephemeral port). Default 50100. */
  controlPort?: number;
  /** Its end of the data connection: where it listens (active) or connects from (passive). Default 50000. */
  dataPort?: number;
  /**
   * The address it writes into PORT/EPRT; default its own. Setting the NAT's public address here
   * is what some clients offer as "external IP" without an ALG: the server then reaches the
   * router, which has no mapping for the port.
   */
  announceAddress?: string;
}

/** The server host. */
export interface FtpServer {
  /** Default 198.51.100.7. */
  address?: string;
  /** L, where it listens for control connections; default 21 (RFC 959 §5.2). Its active-mode data port is L − 1. */
  controlPort?: number;
  /** Where it listens after PASV/EPSV. Default 50200. */
  passivePort?: number;
}

/**
 * A NAT router (NAPT, RFC 3022 §2.2) in front of the client: the client has a private address and
 * shares `publicAddress`. With `alg`, its FTP application-level gateway rewrites PORT/EPRT
 * commands (RFC 3022 §4.4).
 */
export interface FtpNat {
  kind: 'nat';
  publicAddress: string;
  /** FTP ALG on; default false. */
  alg?: boolean;
  /**
   * First public port it hands out, then the next ones. Unset: each mapping keeps the inside port
   * when it is free ("port preservation", RFC 4787 §4.2.1).
   */
  firstPublicPort?: number;
}

/**
 * A stateful firewall in front of the client or the server: packets of connections opened from
 * inside pass both ways; a SYN from outside passes only to a port in `allowInbound`.
 */
export interface FtpFirewall {
  kind: 'firewall';
  at: 'client' | 'server';
  /** Ports of the protected host that outside hosts may connect to. */
  allowInbound: number[];
}

/** The middlebox between the hosts, if any. */
export type FtpMiddlebox = 'none' | FtpNat | FtpFirewall;

/** What the client asks for once logged in: a directory listing, or a file. */
export type FtpCommand = { verb: 'LIST'; bytes?: number } | { verb: 'RETR'; name: string; bytes: number };

/** A complete FTP scenario. */
export interface FtpScenario {
  name?: string;
  mode: FtpMode;
  client: FtpClient;
  server: FtpServer;
  /** Default 'none'. */
  middlebox?: FtpMiddlebox;
  /** One-way delay between the client's network and the server's, in ms; default 50. */
  oneWayDelay?: number;
  /** Default LIST of a 500-byte listing. */
  command?: FtpCommand;
  /**
   * How long a host keeps trying to open a connection, and how long the server waits for the
   * data connection, before giving up (ms); default 5000.
   */
  connectTimeout?: number;
}

/** A scenario with every default filled in: what a trace was made from. */
export interface ResolvedFtpScenario {
  name: string;
  mode: FtpMode;
  client: Required<Omit<FtpClient, 'announceAddress'>> & { announceAddress: string };
  server: Required<FtpServer>;
  middlebox: 'none' | Required<Omit<FtpNat, 'firstPublicPort'>> & { firstPublicPort: number | null } | FtpFirewall;
  oneWayDelay: number;
  command: { verb: 'LIST'; bytes: number } | { verb: 'RETR'; name: string; bytes: number };
  connectTimeout: number;
}

/** One thing wrong with a scenario: where (`$.client.dataPort`) and why. */
export interface FtpScenarioProblem {
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Defaults and limits
// ---------------------------------------------------------------------------------------------

/**
 * Default client: a documentation address (RFC 5737 §3, TEST-NET-1), an ephemeral control port,
 * and data port 50000 (the PORT 192,168,1,10,195,80 example: 195 × 256 + 80).
 */
export const DEFAULT_FTP_CLIENT = { address: '192.0.2.10', controlPort: 50100, dataPort: 50000 } as const;
/** Default client address behind a NAT: RFC 1918 §3 private space. */
export const DEFAULT_PRIVATE_CLIENT_ADDRESS = '192.168.1.10';
/** Default server: TEST-NET-2 (RFC 5737 §3), control port 21 (RFC 959 §5.2, IANA "ftp"). */
export const DEFAULT_FTP_SERVER = { address: '198.51.100.7', controlPort: 21, passivePort: 50200 } as const;
/** Default NAT public address: TEST-NET-3 (RFC 5737 §3). */
export const DEFAULT_NAT_PUBLIC_ADDRESS = '203.0.113.5';
/** Default one-way delay: as the TCP simulator's (50 ms, a plausible wide-area value). */
export const DEFAULT_FTP_DELAY_MS = 50;
/** A short directory listing; any size would do, the transfer is drawn as one arrow. */
export const DEFAULT_LIST_BYTES = 500;
/**
 * The model's connect and accept timeout. Real servers and clients wait longer (their own
 * settings); 5 s keeps a failing run short while showing two SYN retransmissions (RFC 6298).
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** Largest delay: one minute, as in the TCP simulator. */
export const MAX_FTP_DELAY_MS = 60_000;
/** Longest connect timeout: ten minutes. */
export const MAX_CONNECT_TIMEOUT_MS = 600_000;
/** Largest transfer: 1 TiB (the transfer is one arrow, so the size only changes the words). */
export const MAX_TRANSFER_BYTES = 2 ** 40;
/** Most ports in a firewall's allow list. */
export const MAX_ALLOW_RULES = 100;
/** Longest file name for RETR. */
export const MAX_PATHNAME = 200;
/** Longest scenario name. */
export const MAX_FTP_NAME = 200;
/** L − 1 must be a port, so L is at least 2 (RFC 959 §3.2). */
const MIN_SERVER_CONTROL_PORT = 2;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** The FTP model's own checks, on top of the shared ones. */
class Checker extends ProblemCollector {
  port(obj: Obj, key: string, path: string, min = MIN_USABLE_PORT): number | undefined {
    return this.number(obj, key, path, { min, max: MAX_PORT, integer: true });
  }
  address(obj: Obj, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !(isIpv4(v) || isIpv6(v))) {
      this.add(`${path}.${key}`, `must be an IPv4 or IPv6 address such as "192.0.2.10", got ${describeValue(v)}`);
      return undefined;
    }
    return v;
  }
}

const SCENARIO_KEYS = ['name', 'mode', 'client', 'server', 'middlebox', 'oneWayDelay', 'command', 'connectTimeout'] as const;
const CLIENT_KEYS = ['address', 'controlPort', 'dataPort', 'announceAddress'] as const;
const SERVER_KEYS = ['address', 'controlPort', 'passivePort'] as const;
const NAT_KEYS = ['kind', 'publicAddress', 'alg', 'firstPublicPort'] as const;
const FIREWALL_KEYS = ['kind', 'at', 'allowInbound'] as const;
const COMMAND_KEYS = ['verb', 'name', 'bytes'] as const;

/**
 * Checks that `input` is a usable {@link FtpScenario}. Never throws. Returns a clean copy (known
 * fields only) when there are no problems; otherwise every problem, each with a path.
 */
export function validateFtpScenario(input: unknown): { scenario?: FtpScenario; problems: FtpScenarioProblem[] } {
  try {
    return check(input);
  } catch (err) {
    // Only hostile objects get here (a getter or Proxy that throws); JSON never does.
    return { problems: [{ path: '$', message: `could not be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

function family(address: string): 4 | 6 {
  return isIpv4(address) ? 4 : 6;
}

function check(input: unknown): { scenario?: FtpScenario; problems: FtpScenarioProblem[] } {
  const c = new Checker();
  if (!isObject(input)) {
    c.add('$', `an FTP scenario must be an object, got ${describeValue(input)}`);
    return { problems: c.problems };
  }
  c.keys(input, '$', SCENARIO_KEYS);
  const out: FtpScenario = { mode: 'passive', client: {}, server: {} };

  if (input['name'] !== undefined) {
    const name = input['name'];
    if (typeof name !== 'string') c.add('$.name', `must be a string, got ${describeValue(name)}`);
    else if (name.length > MAX_FTP_NAME) c.add('$.name', `must be at most ${MAX_FTP_NAME} characters, got ${name.length}`);
    else out.name = name;
  }
  const mode = c.oneOf(input, 'mode', '$', FTP_MODES, true);
  if (mode !== undefined) out.mode = mode;

  const client = c.object(input, 'client', '$', 'is required (an object)');
  if (client !== undefined) {
    c.keys(client, '$.client', CLIENT_KEYS);
    const address = c.address(client, 'address', '$.client');
    if (address !== undefined) out.client.address = address;
    const controlPort = c.port(client, 'controlPort', '$.client');
    if (controlPort !== undefined) out.client.controlPort = controlPort;
    const dataPort = c.port(client, 'dataPort', '$.client');
    if (dataPort !== undefined) out.client.dataPort = dataPort;
    const announce = c.address(client, 'announceAddress', '$.client');
    if (announce !== undefined) out.client.announceAddress = announce;
  }
  const server = c.object(input, 'server', '$', 'is required (an object)');
  if (server !== undefined) {
    c.keys(server, '$.server', SERVER_KEYS);
    const address = c.address(server, 'address', '$.server');
    if (address !== undefined) out.server.address = address;
    const controlPort = c.port(server, 'controlPort', '$.server', MIN_SERVER_CONTROL_PORT);
    if (controlPort !== undefined) out.server.controlPort = controlPort;
    const passivePort = c.port(server, 'passivePort', '$.server');
    if (passivePort !== undefined) out.server.passivePort = passivePort;
  }

  const mb = input['middlebox'];
  if (mb !== undefined) {
    if (mb === 'none') out.middlebox = 'none';
    else if (!isObject(mb)) c.add('$.middlebox', `must be "none" or an object with "kind": "nat" or "firewall", got ${describeValue(mb)}`);
    else {
      const kind = c.oneOf(mb, 'kind', '$.middlebox', ['nat', 'firewall'] as const, true);
      if (kind === 'nat') {
        c.keys(mb, '$.middlebox', NAT_KEYS);
        if (mb['publicAddress'] === undefined) c.add('$.middlebox.publicAddress', 'is required (the router\'s public IPv4 address)');
        const pub = c.address(mb, 'publicAddress', '$.middlebox');
        const alg = c.boolean(mb, 'alg', '$.middlebox');
        const first = c.port(mb, 'firstPublicPort', '$.middlebox');
        if (pub !== undefined) {
          if (!isIpv4(pub)) c.add('$.middlebox.publicAddress', `must be IPv4: this model's NAT translates IPv4 (RFC 3022 §2), got "${pub}"`);
          else if (isPrivateIpv4(pub)) c.add('$.middlebox.publicAddress', `must be a public address, not the private (RFC 1918 §3) "${pub}"`);
          else {
            const nat: FtpNat = { kind: 'nat', publicAddress: pub };
            if (alg !== undefined) nat.alg = alg;
            if (first !== undefined) nat.firstPublicPort = first;
            out.middlebox = nat;
          }
        }
      } else if (kind === 'firewall') {
        c.keys(mb, '$.middlebox', FIREWALL_KEYS);
        const at = c.oneOf(mb, 'at', '$.middlebox', ['client', 'server'] as const, true);
        const allow = mb['allowInbound'];
        const ports: number[] = [];
        if (allow === undefined) c.add('$.middlebox.allowInbound', 'is required (an array of ports, possibly empty)');
        else if (!Array.isArray(allow)) c.add('$.middlebox.allowInbound', `must be an array of ports, got ${describeValue(allow)}`);
        else if (allow.length > MAX_ALLOW_RULES) c.add('$.middlebox.allowInbound', `has ${allow.length} entries, at most ${MAX_ALLOW_RULES} are allowed`);
        else {
          allow.forEach((p: unknown, i) => {
            if (typeof p === 'number' && Number.isInteger(p) && p >= MIN_USABLE_PORT && p <= MAX_PORT) ports.push(p);
            else c.add(`$.middlebox.allowInbound[${i}]`, `must be a port ${MIN_USABLE_PORT}–${MAX_PORT}, got ${describeValue(p)}`);
          });
        }
        if (at !== undefined && Array.isArray(allow) && ports.length === allow.length) out.middlebox = { kind: 'firewall', at, allowInbound: ports };
      }
    }
  }

  const delay = c.number(input, 'oneWayDelay', '$', { min: 0, max: MAX_FTP_DELAY_MS, unit: 'ms' });
  if (delay !== undefined) out.oneWayDelay = delay;
  const timeout = c.number(input, 'connectTimeout', '$', { min: 1, max: MAX_CONNECT_TIMEOUT_MS, unit: 'ms' });
  if (timeout !== undefined) out.connectTimeout = timeout;

  const cmd = c.object(input, 'command', '$');
  if (cmd !== undefined) {
    c.keys(cmd, '$.command', COMMAND_KEYS);
    const verb = c.oneOf(cmd, 'verb', '$.command', ['LIST', 'RETR'] as const, true);
    const bytes = c.number(cmd, 'bytes', '$.command', { min: 0, max: MAX_TRANSFER_BYTES, integer: true, unit: 'bytes' });
    if (verb === 'RETR') {
      if (cmd['bytes'] === undefined) c.add('$.command.bytes', 'is required for RETR (the size of the file)');
      const name = cmd['name'];
      let okName: string | undefined;
      if (name === undefined) c.add('$.command.name', 'is required for RETR (the file name)');
      else if (typeof name !== 'string') c.add('$.command.name', `must be a string, got ${describeValue(name)}`);
      // A pathname is a string of printable characters without CR or LF (RFC 959 §5.3.2 <pathname>, §4.1 commands end in <CRLF>).
      else if (name.length === 0 || name.length > MAX_PATHNAME || !/^[\x21-\x7e][\x20-\x7e]*$/.test(name)) {
        c.add('$.command.name', `must be 1–${MAX_PATHNAME} printable ASCII characters (no line breaks, not starting with a space), got ${describeValue(name)}`);
      } else okName = name;
      if (okName !== undefined && bytes !== undefined) out.command = { verb: 'RETR', name: okName, bytes };
    } else if (verb === 'LIST') {
      if (cmd['name'] !== undefined) c.add('$.command.name', 'only RETR takes a name in this model');
      out.command = bytes === undefined ? { verb: 'LIST' } : { verb: 'LIST', bytes };
    }
  }

  // Rules that tie fields together, checked on what was understood.
  if (c.problems.length === 0) crossCheck(c, out);
  if (c.problems.length > 0) return { problems: c.problems };
  return { scenario: out, problems: [] };
}

function crossCheck(c: Checker, s: FtpScenario): void {
  const r = resolveFtpScenario(s);
  const fc = family(r.client.address);
  if (fc !== family(r.server.address)) c.add('$.server.address', `client (${r.client.address}) and server (${r.server.address}) must use the same IP version`);
  if (family(r.client.announceAddress) !== fc) c.add('$.client.announceAddress', `must be IPv${fc} like the client's own address`);
  if (r.client.address === r.server.address) c.add('$.server.address', `the client and the server cannot share the address ${r.server.address}`);
  if (r.client.controlPort === r.client.dataPort) c.add('$.client.dataPort', `must differ from the control port ${r.client.controlPort}: each connection needs its own socket`);
  if (r.server.passivePort === r.server.controlPort) c.add('$.server.passivePort', `must differ from the control port ${r.server.controlPort}`);
  if ((r.mode === 'active' || r.mode === 'passive') && fc === 6) {
    c.add('$.mode', `"${r.mode}" uses ${r.mode === 'active' ? 'PORT' : 'PASV'}, which carries only IPv4 addresses (RFC 959 §4.1.2); use "${r.mode === 'active' ? 'extended-active' : 'extended-passive'}" (${r.mode === 'active' ? 'EPRT' : 'EPSV'}, RFC 2428) for IPv6`);
  }
  const mb = r.middlebox;
  if (mb !== 'none' && mb.kind === 'nat') {
    if (fc === 6) c.add('$.client.address', 'must be IPv4 behind a NAT: this model\'s NAT translates IPv4 (RFC 3022 §2)');
    else if (!isPrivateIpv4(r.client.address)) c.add('$.client.address', `must be a private address (RFC 1918 §3) behind a NAT, got "${r.client.address}"`);
    if (mb.publicAddress === r.server.address) c.add('$.middlebox.publicAddress', 'cannot be the server\'s address');
    if (isPrivateIpv4(r.server.address)) c.add('$.server.address', 'must be a public address: the server is on the internet, outside the NAT');
  }
}

/** Fills in every default. */
export function resolveFtpScenario(s: FtpScenario): ResolvedFtpScenario {
  const mb = s.middlebox ?? 'none';
  const clientAddress = s.client.address ?? (mb !== 'none' && mb.kind === 'nat' ? DEFAULT_PRIVATE_CLIENT_ADDRESS : DEFAULT_FTP_CLIENT.address);
  const command = s.command ?? { verb: 'LIST' };
  return {
    name: s.name ?? '',
    mode: s.mode,
    client: {
      address: clientAddress,
      controlPort: s.client.controlPort ?? DEFAULT_FTP_CLIENT.controlPort,
      dataPort: s.client.dataPort ?? DEFAULT_FTP_CLIENT.dataPort,
      announceAddress: s.client.announceAddress ?? clientAddress,
    },
    server: {
      address: s.server.address ?? DEFAULT_FTP_SERVER.address,
      controlPort: s.server.controlPort ?? DEFAULT_FTP_SERVER.controlPort,
      passivePort: s.server.passivePort ?? DEFAULT_FTP_SERVER.passivePort,
    },
    middlebox:
      mb === 'none'
        ? 'none'
        : mb.kind === 'nat'
          ? { kind: 'nat', publicAddress: mb.publicAddress, alg: mb.alg ?? false, firstPublicPort: mb.firstPublicPort ?? null }
          : { kind: 'firewall', at: mb.at, allowInbound: [...mb.allowInbound] },
    oneWayDelay: s.oneWayDelay ?? DEFAULT_FTP_DELAY_MS,
    command: command.verb === 'LIST' ? { verb: 'LIST', bytes: command.bytes ?? DEFAULT_LIST_BYTES } : { ...command },
    connectTimeout: s.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
  };
}
