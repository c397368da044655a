/**
 * NAT scenarios: the plain-JSON input of the NAT simulation (lessons, widgets and tests hold
 * them), their defaults, and validation that names every problem with a JSONPath-like location
 * and never throws.
 *
 * This file is a contract: the widget, the presets and the lesson depend on these names.
 */

import {
  addressKind,
  formatNatEndpoint,
  HOME_PREFIX,
  homePublicAddress,
  hostById,
  inPrefix,
  NAT_HOST_IDS,
  NAT_PROTOS,
  parseIpv4,
  NAT_PORT_MAX,
  NAT_PORT_MIN,
  ROUTER_LAN_ADDRESS,
  ROUTER_WAN_SHARED,
  type NatEndpoint,
  type NatHostId,
  type NatProto,
} from './addresses.ts';
import { describeValue, isObject, ProblemCollector } from '../validate.ts';
import type { NumberWording, Obj } from '../validate.ts';

/**
 * How a NAT filters packets arriving from outside on a mapping (RFC 4787 §5; RFC 5382 REQ-3):
 * from anyone (`endpoint-independent`), only from addresses the inside endpoint has sent to
 * (`address-dependent`), or only from address-and-port pairs it has sent to
 * (`address-and-port-dependent`).
 */
export type NatFiltering = 'endpoint-independent' | 'address-dependent' | 'address-and-port-dependent';

/** The filtering behaviours, least strict first. */
export const NAT_FILTERINGS: readonly NatFiltering[] = ['endpoint-independent', 'address-dependent', 'address-and-port-dependent'];

/** Idle timers of the NAT, in ms. */
export interface NatTimeouts {
  /** UDP mapping timer; default 5 min (RFC 4787 REQ-5c), at least 2 min (REQ-5). */
  udp?: number;
  /** TCP "established connection idle-timeout"; default and minimum 2 h 4 min (RFC 5382 REQ-5). */
  tcpEstablished?: number;
  /** TCP "transitory connection idle-timeout" (opening or closing); default and minimum 4 min (RFC 5382 REQ-5). */
  tcpTransitory?: number;
}

/** How the home router's NAT behaves. Every field is optional. */
export interface NatOptions {
  /** Default `address-dependent`: RFC 4787 REQ-8 recommends it when stricter filtering matters. */
  filtering?: NatFiltering;
  timeouts?: NatTimeouts;
  /**
   * True puts a carrier-grade NAT between the home router and the internet: the router's WAN
   * address is then 100.64.12.34 (shared space, RFC 6598) and the internet sees 198.51.100.7.
   * Default false.
   */
  cgnat?: boolean;
  /**
   * True (default): the router keeps the inside source port when it is free (RFC 4787 §4.2.1
   * allows it). False: it hands out ports from its pool. Either way a port already in use goes
   * to no one else (no port overloading, REQ-3).
   */
  portPreservation?: boolean;
}

/**
 * A port forward on the home router: packets for the router's public address and `publicPort`
 * go to `insideAddress:insidePort`. A static mapping (RFC 3022 §2.2).
 */
export interface ForwardRule {
  proto: NatProto;
  publicPort: number;
  /** An address on the home network, 192.168.1.2–254. */
  insideAddress: string;
  insidePort: number;
}

/** A TCP connection (SYN, SYN-ACK, ACK) from a host's `srcPort` to `to`. */
export interface ConnectStep {
  at: number;
  do: 'connect';
  from: NatHostId;
  srcPort: number;
  to: NatEndpoint;
}

/**
 * One UDP datagram, or one TCP data segment on a connection `from` opened (or accepted) earlier.
 * The receiver answers once (a reply datagram, or an ACK) unless `reply` is false (UDP only).
 */
export interface SendStep {
  at: number;
  do: 'send';
  from: NatHostId;
  proto: NatProto;
  srcPort: number;
  to: NatEndpoint;
  /** UDP only: whether the receiver answers; default true. */
  reply?: boolean;
}

/** Closes a TCP connection: FIN, FIN-ACK, ACK. */
export interface CloseStep {
  at: number;
  do: 'close';
  from: NatHostId;
  srcPort: number;
  to: NatEndpoint;
}

/** Nothing is sent for `minutes`; the run goes on at least that long, so idle timers can expire. */
export interface WaitStep {
  at: number;
  do: 'wait';
  minutes: number;
}

/** Adds a port forward on the home router. */
export interface AddForwardStep extends ForwardRule {
  at: number;
  do: 'add-forward';
}

/** Removes the home router's port forward for `proto` and `publicPort`. */
export interface RemoveForwardStep {
  at: number;
  do: 'remove-forward';
  proto: NatProto;
  publicPort: number;
}

/**
 * An inside host asks the home router for a port forward with PCP (a MAP request to UDP 5351,
 * RFC 6887 §11, §19.1): `proto` traffic to the public `externalPort` (a suggestion; default the
 * same as `port`) goes to the host's `port`, for `lifetime` seconds.
 */
export interface PcpMapStep {
  at: number;
  do: 'pcp-map';
  from: NatHostId;
  proto: NatProto;
  port: number;
  externalPort?: number;
  /** Seconds. */
  lifetime: number;
}

/** Something that happens at time `at` (ms). */
export type NatStep = ConnectStep | SendStep | CloseStep | WaitStep | AddForwardStep | RemoveForwardStep | PcpMapStep;

/** The step kinds, in the order the README documents them. */
export const NAT_STEP_KINDS = ['connect', 'send', 'close', 'wait', 'add-forward', 'remove-forward', 'pcp-map'] as const;
export type NatStepKind = (typeof NAT_STEP_KINDS)[number];

/**
 * A complete NAT simulation input. Plain JSON.
 *
 * @example
 * { "steps": [{ "at": 0, "do": "connect", "from": "laptop", "srcPort": 51000, "to": { "address": "198.51.100.80", "port": 443 } }] }
 */
export interface NatScenario {
  name?: string;
  nat?: NatOptions;
  /** Port forwards configured on the home router from the start. */
  forwards?: ForwardRule[];
  steps: NatStep[];
}

/** One thing wrong with a scenario: where (`$.steps[2].srcPort`) and why. */
export interface NatScenarioProblem {
  path: string;
  message: string;
}

/** A scenario with every default filled in: what a trace was made from. */
export interface ResolvedNatScenario {
  name: string;
  nat: { filtering: NatFiltering; timeouts: Required<NatTimeouts>; cgnat: boolean; portPreservation: boolean };
  forwards: ForwardRule[];
  steps: NatStep[];
}

// ---------------------------------------------------------------------------------------------
// Defaults and limits
// ---------------------------------------------------------------------------------------------

const MS_PER_MINUTE = 60_000;

/** RFC 4787 REQ-5: a UDP mapping timer MUST NOT expire in less than two minutes. */
export const UDP_TIMEOUT_MIN_MS = 2 * MS_PER_MINUTE;
/** RFC 4787 REQ-5c: a default of five minutes or more is RECOMMENDED. */
export const UDP_TIMEOUT_DEFAULT_MS = 5 * MS_PER_MINUTE;
/** RFC 5382 REQ-5: the established connection idle-timeout MUST NOT be less than 2 hours 4 minutes. */
export const TCP_ESTABLISHED_TIMEOUT_MIN_MS = (2 * 60 + 4) * MS_PER_MINUTE;
/** RFC 5382 REQ-5: the transitory connection idle-timeout MUST NOT be less than 4 minutes. */
export const TCP_TRANSITORY_TIMEOUT_MIN_MS = 4 * MS_PER_MINUTE;
/** The default filtering: RFC 4787 REQ-8 and RFC 5382 REQ-3 recommend it when stricter filtering matters. */
export const DEFAULT_FILTERING: NatFiltering = 'address-dependent';

/** Most steps a scenario may have. */
export const MAX_NAT_STEPS = 200;
/** Most port forwards configured at the start. */
export const MAX_FORWARDS = 100;
/** Latest time a step may name, and the longest timer: one day. */
export const MAX_NAT_TIME_MS = 24 * 60 * MS_PER_MINUTE;
/** Longest wait: one day. */
export const MAX_WAIT_MINUTES = 24 * 60;
/** Longest PCP lifetime this simulation accepts: one day (the protocol's field is 32 bits, RFC 6887 §7.1). */
export const MAX_PCP_LIFETIME_S = 24 * 60 * 60;
/** Longest scenario name. */
export const MAX_NAT_NAME_LENGTH = 200;

/** The filled-in options for `nat` (defaults from the RFCs above). */
export function resolveNatOptions(nat: NatOptions | undefined): ResolvedNatScenario['nat'] {
  return {
    filtering: nat?.filtering ?? DEFAULT_FILTERING,
    timeouts: {
      udp: nat?.timeouts?.udp ?? UDP_TIMEOUT_DEFAULT_MS,
      tcpEstablished: nat?.timeouts?.tcpEstablished ?? TCP_ESTABLISHED_TIMEOUT_MIN_MS,
      tcpTransitory: nat?.timeouts?.tcpTransitory ?? TCP_TRANSITORY_TIMEOUT_MIN_MS,
    },
    cgnat: nat?.cgnat ?? false,
    portPreservation: nat?.portPreservation ?? true,
  };
}

/** Fills in every default. */
export function resolveNatScenario(s: NatScenario): ResolvedNatScenario {
  return {
    name: s.name ?? '',
    nat: resolveNatOptions(s.nat),
    forwards: (s.forwards ?? []).map((f) => ({ ...f })),
    steps: s.steps.map((st) => structuredCloneStep(st)),
  };
}

function structuredCloneStep(st: NatStep): NatStep {
  return 'to' in st ? { ...st, to: { ...st.to } } : { ...st };
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** The NAT model's wording of number problems (the other modules say "finite number", "greater than"). */
const NAT_NUMBER_WORDING: NumberWording = { notANumber: 'must be a number', aboveExclusive: 'more than' };

/** The NAT model's own checks, on top of the shared ones. */
class Checker extends ProblemCollector {
  constructor() {
    super(NAT_NUMBER_WORDING);
  }

  port(obj: Obj, key: string, path: string, required = true): number | undefined {
    return this.number(obj, key, path, { min: NAT_PORT_MIN, max: NAT_PORT_MAX, integer: true, required, why: 'ports are 1–65535' });
  }

  address(obj: Obj, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined) {
      this.add(`${path}.${key}`, 'is required (an IPv4 address such as "198.51.100.80")');
      return undefined;
    }
    if (typeof v !== 'string' || parseIpv4(v) === null) {
      this.add(`${path}.${key}`, `must be an IPv4 address such as "198.51.100.80", got ${describeValue(v)}`);
      return undefined;
    }
    return v;
  }
}

const OPTION_KEYS = ['filtering', 'timeouts', 'cgnat', 'portPreservation'] as const;
const TIMEOUT_KEYS = ['udp', 'tcpEstablished', 'tcpTransitory'] as const;
const FORWARD_KEYS = ['proto', 'publicPort', 'insideAddress', 'insidePort'] as const;
const SCENARIO_KEYS = ['name', 'nat', 'forwards', 'steps'] as const;
const ENDPOINT_KEYS = ['address', 'port'] as const;
const STEP_KEYS: Record<NatStepKind, readonly string[]> = {
  connect: ['at', 'do', 'from', 'srcPort', 'to'],
  send: ['at', 'do', 'from', 'proto', 'srcPort', 'to', 'reply'],
  close: ['at', 'do', 'from', 'srcPort', 'to'],
  wait: ['at', 'do', 'minutes'],
  'add-forward': ['at', 'do', ...FORWARD_KEYS],
  'remove-forward': ['at', 'do', 'proto', 'publicPort'],
  'pcp-map': ['at', 'do', 'from', 'proto', 'port', 'externalPort', 'lifetime'],
};

/** Highest host number on the home /24 (.255 is its broadcast address). */
const HOME_LAST_HOST = 254;

/** Why `address` cannot be the inside end of a forward, or null when it can. */
export function forwardTargetProblem(address: string): string | null {
  if (parseIpv4(address) === null) return `"${address}" is not an IPv4 address`;
  if (!inPrefix(address, HOME_PREFIX)) return `${address} is not on the home network ${HOME_PREFIX.base}/${HOME_PREFIX.length}; a forward points at a home device`;
  if (address === ROUTER_LAN_ADDRESS) return `${address} is the router itself; a forward points at a device behind it`;
  const last = Number(address.split('.')[3]);
  if (last === 0 || last > HOME_LAST_HOST) return `${address} is the home network's ${last === 0 ? 'network' : 'broadcast'} address, not a device`;
  return null;
}

/**
 * Why a host cannot send to `to`, or null when it can. Inside hosts reach anything outside the
 * home network (a packet to another home device never passes the router, so there would be no
 * NAT to watch); internet hosts reach the home's public address, or a private or shared address
 * (which the internet cannot route: the simulation shows it dropped).
 */
export function destinationProblem(from: NatHostId, to: string, cgnat: boolean): string | null {
  const host = hostById(from);
  if (parseIpv4(to) === null) return `"${to}" is not an IPv4 address`;
  if (addressKind(to) === 'special') return `${to} is not a unicast address of a host (RFC 6890 §2.2.2)`;
  if (host.side === 'inside') {
    if (to === host.address) return `${to} is the ${host.name.toLowerCase()} itself`;
    if (inPrefix(to, HOME_PREFIX)) {
      return `${to} is on the home network, so the packet would not pass the router's NAT; to reach a home device through the NAT, use the router's public address`;
    }
    return null;
  }
  const home = homePublicAddress(cgnat);
  if (to === home) return null;
  if (cgnat && to === ROUTER_WAN_SHARED) return null;
  const kind = addressKind(to);
  if (kind === 'private' || kind === 'shared') return null;
  return `in this simulation an internet host sends only to the home's public address ${home} (or to a private address, to see it dropped), not to ${to}`;
}

function checkForward(c: Checker, raw: Obj, path: string): ForwardRule | undefined {
  const proto = c.oneOf(raw, 'proto', path, NAT_PROTOS, true);
  const publicPort = c.port(raw, 'publicPort', path);
  const insidePort = c.port(raw, 'insidePort', path);
  const insideAddress = c.address(raw, 'insideAddress', path);
  if (insideAddress !== undefined) {
    const why = forwardTargetProblem(insideAddress);
    if (why !== null) c.add(`${path}.insideAddress`, why);
    else if (proto !== undefined && publicPort !== undefined && insidePort !== undefined) return { proto, publicPort, insideAddress, insidePort };
  }
  return undefined;
}

function checkEndpoint(c: Checker, raw: Obj, key: string, path: string): NatEndpoint | undefined {
  const v = raw[key];
  const p = `${path}.${key}`;
  if (v === undefined) {
    c.add(p, 'is required, e.g. { "address": "198.51.100.80", "port": 443 }');
    return undefined;
  }
  if (!isObject(v)) {
    c.add(p, `must be an object like { "address": "198.51.100.80", "port": 443 }, got ${describeValue(v)}`);
    return undefined;
  }
  c.keys(v, p, ENDPOINT_KEYS);
  const address = c.address(v, 'address', p);
  const port = c.port(v, 'port', p);
  return address !== undefined && port !== undefined ? { address, port } : undefined;
}

function checkStep(c: Checker, raw: Obj, path: string, cgnat: boolean): NatStep | undefined {
  if (raw['at'] === undefined) c.add(`${path}.at`, 'is required (ms)');
  const at = c.number(raw, 'at', path, { min: 0, max: MAX_NAT_TIME_MS, unit: 'ms' });
  const kind = c.oneOf(raw, 'do', path, NAT_STEP_KINDS, true);
  if (kind === undefined) return undefined;
  c.keys(raw, path, STEP_KEYS[kind]);
  const from = (): NatHostId | undefined => c.oneOf(raw, 'from', path, NAT_HOST_IDS, true);
  const dest = (who: NatHostId | undefined): NatEndpoint | undefined => {
    const to = checkEndpoint(c, raw, 'to', path);
    if (to === undefined || who === undefined) return to;
    const why = destinationProblem(who, to.address, cgnat);
    if (why !== null) {
      c.add(`${path}.to.address`, why);
      return undefined;
    }
    return to;
  };
  switch (kind) {
    case 'connect':
    case 'close': {
      const who = from();
      const srcPort = c.port(raw, 'srcPort', path);
      const to = dest(who);
      if (at === undefined || who === undefined || srcPort === undefined || to === undefined) return undefined;
      return { at, do: kind, from: who, srcPort, to };
    }
    case 'send': {
      const who = from();
      const proto = c.oneOf(raw, 'proto', path, NAT_PROTOS, true);
      const srcPort = c.port(raw, 'srcPort', path);
      const to = dest(who);
      const reply = c.boolean(raw, 'reply', path);
      if (reply !== undefined && proto === 'tcp') c.add(`${path}.reply`, 'only UDP sends take "reply": TCP always acknowledges data');
      if (at === undefined || who === undefined || proto === undefined || srcPort === undefined || to === undefined) return undefined;
      const step: SendStep = { at, do: 'send', from: who, proto, srcPort, to };
      if (reply !== undefined && proto === 'udp') step.reply = reply;
      return step;
    }
    case 'wait': {
      if (raw['minutes'] === undefined) c.add(`${path}.minutes`, 'is required');
      const minutes = c.number(raw, 'minutes', path, { min: 0, minExclusive: true, max: MAX_WAIT_MINUTES, unit: 'minutes' });
      if (at === undefined || minutes === undefined) return undefined;
      return { at, do: 'wait', minutes };
    }
    case 'add-forward': {
      const f = checkForward(c, raw, path);
      if (at === undefined || f === undefined) return undefined;
      return { at, do: 'add-forward', ...f };
    }
    case 'remove-forward': {
      const proto = c.oneOf(raw, 'proto', path, NAT_PROTOS, true);
      const publicPort = c.port(raw, 'publicPort', path);
      if (at === undefined || proto === undefined || publicPort === undefined) return undefined;
      return { at, do: 'remove-forward', proto, publicPort };
    }
    case 'pcp-map': {
      const who = from();
      if (who !== undefined && hostById(who).side !== 'inside') c.add(`${path}.from`, `only a home device asks its router for a forward with PCP; "${who}" is on the internet`);
      const proto = c.oneOf(raw, 'proto', path, NAT_PROTOS, true);
      const port = c.port(raw, 'port', path);
      const externalPort = c.port(raw, 'externalPort', path, false);
      if (raw['lifetime'] === undefined) c.add(`${path}.lifetime`, 'is required (seconds)');
      const lifetime = c.number(raw, 'lifetime', path, { min: 1, max: MAX_PCP_LIFETIME_S, integer: true, unit: 's' });
      if (at === undefined || who === undefined || hostById(who).side !== 'inside' || proto === undefined || port === undefined || lifetime === undefined) return undefined;
      const step: PcpMapStep = { at, do: 'pcp-map', from: who, proto, port, lifetime };
      if (externalPort !== undefined) step.externalPort = externalPort;
      return step;
    }
  }
}

/**
 * Checks that `input` is a usable {@link NatScenario}. Never throws. Returns the scenario (a
 * clean copy holding only known fields) when there are no problems; otherwise every problem
 * found, each with a path such as `$.nat.timeouts.udp` or `$.steps[3].srcPort`.
 */
export function validateNatScenario(input: unknown): { scenario?: NatScenario; problems: NatScenarioProblem[] } {
  try {
    return check(input);
  } catch (err) {
    // Only hostile objects get here (a getter or Proxy that throws); JSON never does.
    return { problems: [{ path: '$', message: `could not be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

function check(input: unknown): { scenario?: NatScenario; problems: NatScenarioProblem[] } {
  const c = new Checker();
  if (!isObject(input)) {
    c.add('$', `a scenario must be an object, got ${describeValue(input)}`);
    return { problems: c.problems };
  }
  c.keys(input, '$', SCENARIO_KEYS);
  const scenario: NatScenario = { steps: [] };

  if (input['name'] !== undefined) {
    const name = input['name'];
    if (typeof name !== 'string') c.add('$.name', `must be a string, got ${describeValue(name)}`);
    else if (name.length > MAX_NAT_NAME_LENGTH) c.add('$.name', `must be at most ${MAX_NAT_NAME_LENGTH} characters, got ${name.length}`);
    else scenario.name = name;
  }

  let cgnat = false;
  const nat = c.object(input, 'nat', '$');
  if (nat !== undefined) {
    c.keys(nat, '$.nat', OPTION_KEYS);
    const o: NatOptions = {};
    const filtering = c.oneOf(nat, 'filtering', '$.nat', NAT_FILTERINGS);
    if (filtering !== undefined) o.filtering = filtering;
    const cg = c.boolean(nat, 'cgnat', '$.nat');
    if (cg !== undefined) {
      o.cgnat = cg;
      cgnat = cg;
    }
    const pp = c.boolean(nat, 'portPreservation', '$.nat');
    if (pp !== undefined) o.portPreservation = pp;
    const timeouts = c.object(nat, 'timeouts', '$.nat');
    if (timeouts !== undefined) {
      c.keys(timeouts, '$.nat.timeouts', TIMEOUT_KEYS);
      const t: NatTimeouts = {};
      const p = '$.nat.timeouts';
      const udp = c.number(timeouts, 'udp', p, { min: UDP_TIMEOUT_MIN_MS, max: MAX_NAT_TIME_MS, unit: 'ms', why: 'RFC 4787 REQ-5: a UDP mapping lasts at least 2 minutes' });
      if (udp !== undefined) t.udp = udp;
      const est = c.number(timeouts, 'tcpEstablished', p, { min: TCP_ESTABLISHED_TIMEOUT_MIN_MS, max: MAX_NAT_TIME_MS, unit: 'ms', why: 'RFC 5382 REQ-5: at least 2 hours 4 minutes' });
      if (est !== undefined) t.tcpEstablished = est;
      const tr = c.number(timeouts, 'tcpTransitory', p, { min: TCP_TRANSITORY_TIMEOUT_MIN_MS, max: MAX_NAT_TIME_MS, unit: 'ms', why: 'RFC 5382 REQ-5: at least 4 minutes' });
      if (tr !== undefined) t.tcpTransitory = tr;
      o.timeouts = t;
    }
    scenario.nat = o;
  }

  const forwards = c.array(input, 'forwards', '$', false, MAX_FORWARDS);
  if (forwards !== undefined) {
    scenario.forwards = [];
    const seen = new Set<string>();
    forwards.forEach((raw, i) => {
      const path = `$.forwards[${i}]`;
      if (!isObject(raw)) {
        c.add(path, `must be an object like { "proto": "tcp", "publicPort": 8080, "insideAddress": "192.168.1.10", "insidePort": 8080 }, got ${describeValue(raw)}`);
        return;
      }
      c.keys(raw, path, FORWARD_KEYS);
      const f = checkForward(c, raw, path);
      if (f === undefined) return;
      const key = `${f.proto}/${f.publicPort}`;
      if (seen.has(key)) c.add(`${path}.publicPort`, `${f.proto.toUpperCase()} port ${f.publicPort} is already forwarded by an earlier rule; one public port leads to one place`);
      seen.add(key);
      scenario.forwards?.push(f);
    });
  }

  const steps = c.array(input, 'steps', '$', true, MAX_NAT_STEPS);
  if (steps !== undefined) {
    let lastAt = -Infinity;
    steps.forEach((raw, i) => {
      const path = `$.steps[${i}]`;
      if (!isObject(raw)) {
        c.add(path, `must be an object like { "at": 0, "do": "connect", … }, got ${describeValue(raw)}`);
        return;
      }
      const step = checkStep(c, raw, path, cgnat);
      const at = typeof raw['at'] === 'number' && Number.isFinite(raw['at']) ? raw['at'] : undefined;
      if (at !== undefined) {
        if (at < lastAt) c.add(`${path}.at`, `steps must be in time order: ${at} ms comes after ${lastAt} ms`);
        else lastAt = at;
      }
      if (step !== undefined) scenario.steps.push(step);
    });
  }

  if (c.problems.length > 0) return { problems: c.problems };
  return { scenario, problems: [] };
}

/** "TCP 8080 → 192.168.1.10:8080". */
export function formatForward(f: Pick<ForwardRule, 'proto' | 'publicPort' | 'insideAddress' | 'insidePort'>): string {
  return `${f.proto.toUpperCase()} ${f.publicPort} → ${formatNatEndpoint({ address: f.insideAddress, port: f.insidePort })}`;
}
