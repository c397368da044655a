/**
 * Scenarios: the plain-JSON input of the simulator (lessons, URLs and tests hold them), their
 * defaults, and validation that names every problem with a JSONPath-like location and never
 * throws.
 *
 * This file is a contract: the widgets, the presets and shareable URLs depend on these names.
 */

import { MAX_RETRIES_DEFAULT, MSL_DEFAULT_MS, RTO_INITIAL_MS, RTO_MAX_MS, DELAYED_ACK_LIMIT_MS } from '../tcp/timers.ts';
import { SEQ_MAX } from '../tcp/seq.ts';
import { describeValue, isObject, ProblemCollector } from '../validate.ts';
import type { Obj } from '../validate.ts';

/** One of the two hosts of a scenario. `a` is usually the client, `b` the server. */
export type Side = 'a' | 'b';

/** The other side. */
export function otherSide(side: Side): Side {
  return side === 'a' ? 'b' : 'a';
}

/**
 * What the application on one side does at a step: `listen` is a passive OPEN, `connect` an
 * active OPEN towards the other side's address and port, `send` a SEND of `bytes` bytes, `close`
 * a CLOSE ("no more data from me") and `abort` an ABORT (RFC 9293 §3.10.1–§3.10.5).
 */
export type StepAction = 'listen' | 'connect' | 'send' | 'close' | 'abort';

/** All step actions, in the order the README documents them. */
export const STEP_ACTIONS: readonly StepAction[] = ['listen', 'connect', 'send', 'close', 'abort'];

/**
 * A host with one TCP socket. Every field is optional; see {@link DEFAULT_A} and {@link DEFAULT_B}.
 */
export interface ScenarioEndpoint {
  /** IPv4 or IPv6 address, for display; a: 10.0.0.1, b: 10.0.0.2. */
  address?: string;
  /** TCP port, 1–65535; a: 49152, b: 80. */
  port?: number;
  /** ISS of the first connection this side opens (0 … 2^32−1). Unset: drawn from the seed. */
  isn?: number;
  /** MSS announced in the SYN and the largest payload sent, 1–65495 bytes; default 1460. */
  mss?: number;
  /** Receive window advertised, 1–65535 bytes (no window scaling); default 65535. */
  window?: number;
  /**
   * `'drop'` puts a firewall in front of this host that silently discards every segment sent to
   * it (like iptables `-j DROP`): the host never sees them and never answers, so a peer's SYN is
   * retransmitted with back-off until it times out. Default `'none'`.
   */
  firewall?: 'none' | 'drop';
}

/** The path between the hosts, the same in both directions. */
export interface ScenarioLink {
  /** One-way propagation delay in ms, 0–60000; default 50. */
  delay?: number;
  /** Extra delay drawn uniformly from [0, jitter) ms per segment; default 0. May reorder. */
  jitter?: number;
  /** Probability (0–1) that a segment is lost in transit; default 0. */
  loss?: number;
  /** Probability (0–1) that a segment arrives twice; default 0. */
  duplicate?: number;
  /** Probability (0–1) that a segment is held back by one extra one-way delay; default 0. */
  reorder?: number;
  /**
   * Bottleneck rate in bits per second; each direction sends one segment at a time, taking
   * (IP header + TCP header + options + payload) × 8 / bandwidth seconds. 0 = unlimited (default).
   */
  bandwidth?: number;
}

/** TCP parameters shared by both endpoints. */
export interface ScenarioTcp {
  /** Initial RTO in ms, 1–120000; default 1000 (RFC 6298 §2.1). */
  rto?: number;
  /** Retransmissions of one segment before "connection timed out", 0–15; default 7. */
  maxRetries?: number;
  /** Maximum Segment Lifetime in ms; TIME-WAIT lasts 2 × msl. Default 120000 (RFC 9293 §3.4.2). */
  msl?: number;
  /** ACK delay in ms, 0–499 (RFC 9293 MUST-40: under 0.5 s); 0 = ACK at once (default). */
  delayedAck?: number;
}

/** One thing an application does at a given time. */
export interface ScenarioStep {
  /** Virtual time in ms; steps must be in non-decreasing order of `at`. */
  at: number;
  on: Side;
  do: StepAction;
  /** Bytes to send; required for `send`, not allowed otherwise. */
  bytes?: number;
}

/** Drop the `nth` segment (1-based, retransmissions and pure ACKs count) that side `from` sends. */
export interface ScenarioDrop {
  from: Side;
  nth: number;
}

/**
 * A complete simulation input. Plain JSON: lessons, URLs and tests hold one.
 *
 * @example
 * { "a": {}, "b": {}, "steps": [{ "at": 0, "on": "b", "do": "listen" }, { "at": 100, "on": "a", "do": "connect" }] }
 */
export interface Scenario {
  name?: string;
  /** Seed of the PRNG behind loss, duplication, reordering, jitter and unset ISNs; default 1. */
  seed?: number;
  a: ScenarioEndpoint;
  b: ScenarioEndpoint;
  link?: ScenarioLink;
  tcp?: ScenarioTcp;
  steps: ScenarioStep[];
  drop?: ScenarioDrop[];
  /** Stop the simulation at this virtual time (ms). Unset: run until nothing is left to happen. */
  until?: number;
}

/** One thing wrong with a scenario: where (`$.steps[2].bytes`) and why. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

/** A scenario with every default filled in and the ISNs fixed: what a trace was made from. */
export interface ResolvedScenario {
  name: string;
  seed: number;
  a: Required<ScenarioEndpoint>;
  b: Required<ScenarioEndpoint>;
  link: Required<ScenarioLink>;
  tcp: Required<ScenarioTcp>;
  steps: ScenarioStep[];
  drop: ScenarioDrop[];
  until: number | null;
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

/** Default seed: any fixed value keeps runs reproducible. */
export const DEFAULT_SEED = 1;

/**
 * Default MSS: an Ethernet MTU of 1500 minus 20 bytes of IPv4 and 20 of TCP header (RFC 9293
 * §3.7.1 derives the MSS from the MTU this way).
 */
export const DEFAULT_MSS = 1460;

/** Default receive window: the largest a 16-bit Window field holds without window scaling (RFC 7323). */
export const DEFAULT_WINDOW = 65535;

/** Default one-way delay: 50 ms, slow enough to watch, a plausible wide-area value. */
export const DEFAULT_DELAY_MS = 50;

/** Defaults for side a, the client: first port of the dynamic range (RFC 6335 §6). */
export const DEFAULT_A = { address: '10.0.0.1', port: 49152 } as const;

/** Defaults for side b, the server: HTTP's well-known port 80 (IANA registry). */
export const DEFAULT_B = { address: '10.0.0.2', port: 80 } as const;

// ---------------------------------------------------------------------------------------------
// Limits: keep a scenario from a URL from asking for more than a browser tab should simulate
// ---------------------------------------------------------------------------------------------

/** Most steps a scenario may have. */
export const MAX_STEPS = 1000;
/** Most drop rules a scenario may have. */
export const MAX_DROP_RULES = 1000;
/** Most bytes all `send` steps together may send (16 MiB, about 11,500 full-size segments). */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** Latest virtual time a step or `until` may name: one day. */
export const MAX_TIME_MS = 24 * 60 * 60 * 1000;
/** Largest one-way delay or jitter: one minute. */
export const MAX_DELAY_MS = 60_000;
/** Largest MSL: ten minutes (TIME-WAIT of twenty). */
export const MAX_MSL_MS = 600_000;
/** Most retransmissions of one segment. */
export const MAX_RETRIES_LIMIT = 15;
/** Largest MSS: an IPv4 datagram's 65535 bytes minus 20 of IPv4 and 20 of TCP header. */
export const MAX_MSS = 65495;
/** Largest window without window scaling (16-bit field, RFC 9293 §3.1). */
export const MAX_WINDOW = 65535;
/** Largest `nth` in a drop rule: far more segments than any allowed scenario sends. */
export const MAX_DROP_NTH = 1_000_000;
/** Longest scenario name. */
export const MAX_NAME_LENGTH = 200;
/** Largest bandwidth: 1 Tbit/s. */
export const MAX_BANDWIDTH = 1e12;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

const ENDPOINT_KEYS = ['address', 'port', 'isn', 'mss', 'window', 'firewall'] as const;
const LINK_KEYS = ['delay', 'jitter', 'loss', 'duplicate', 'reorder', 'bandwidth'] as const;
const TCP_KEYS = ['rto', 'maxRetries', 'msl', 'delayedAck'] as const;
const STEP_KEYS = ['at', 'on', 'do', 'bytes'] as const;
const DROP_KEYS = ['from', 'nth'] as const;
const SCENARIO_KEYS = ['name', 'seed', 'a', 'b', 'link', 'tcp', 'steps', 'drop', 'until'] as const;
const SIDES: readonly Side[] = ['a', 'b'];

function checkEndpoint(c: ProblemCollector, ep: Obj, path: string): ScenarioEndpoint {
  c.keys(ep, path, ENDPOINT_KEYS);
  const out: ScenarioEndpoint = {};
  if (ep['address'] !== undefined) {
    const a = ep['address'];
    if (typeof a !== 'string' || !(IPV4.test(a) || (a.includes(':') && IPV6.test(a)))) {
      c.add(`${path}.address`, `must be an IPv4 or IPv6 address such as "10.0.0.1", got ${describeValue(a)}`);
    } else out.address = a;
  }
  const port = c.number(ep, 'port', path, { min: 1, max: 65535, integer: true });
  if (port !== undefined) out.port = port;
  const isn = c.number(ep, 'isn', path, { min: 0, max: SEQ_MAX, integer: true });
  if (isn !== undefined) out.isn = isn;
  const mss = c.number(ep, 'mss', path, { min: 1, max: MAX_MSS, integer: true, unit: 'bytes' });
  if (mss !== undefined) out.mss = mss;
  const window = c.number(ep, 'window', path, { min: 1, max: MAX_WINDOW, integer: true, unit: 'bytes' });
  if (window !== undefined) out.window = window;
  const firewall = c.oneOf(ep, 'firewall', path, ['none', 'drop'] as const);
  if (firewall !== undefined) out.firewall = firewall;
  return out;
}

/**
 * Checks that `input` is a usable {@link Scenario}. Never throws. Returns the scenario (a clean
 * copy holding only known fields) when there are no problems; otherwise every problem found, each
 * with a path such as `$.link.loss` or `$.steps[3].bytes`.
 */
export function validateScenario(input: unknown): { scenario?: Scenario; problems: ScenarioProblem[] } {
  try {
    return check(input);
  } catch (err) {
    // Only hostile objects get here (a getter or Proxy that throws); JSON never does.
    return { problems: [{ path: '$', message: `could not be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

function check(input: unknown): { scenario?: Scenario; problems: ScenarioProblem[] } {
  const c = new ProblemCollector();
  if (!isObject(input)) {
    c.add('$', `a scenario must be an object, got ${describeValue(input)}`);
    return { problems: c.problems };
  }
  c.keys(input, '$', SCENARIO_KEYS);
  const scenario: Scenario = { a: {}, b: {}, steps: [] };

  if (input['name'] !== undefined) {
    const name = input['name'];
    if (typeof name !== 'string') c.add('$.name', `must be a string, got ${describeValue(name)}`);
    else if (name.length > MAX_NAME_LENGTH) c.add('$.name', `must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}`);
    else scenario.name = name;
  }
  const seed = c.number(input, 'seed', '$', { min: 0, max: SEQ_MAX, integer: true });
  if (seed !== undefined) scenario.seed = seed;

  for (const side of SIDES) {
    const ep = c.object(input, side, '$', 'is required');
    if (ep !== undefined) scenario[side] = checkEndpoint(c, ep, `$.${side}`);
  }
  const addrA = scenario.a.address ?? DEFAULT_A.address;
  const addrB = scenario.b.address ?? DEFAULT_B.address;
  const portA = scenario.a.port ?? DEFAULT_A.port;
  const portB = scenario.b.port ?? DEFAULT_B.port;
  if (isObject(input['a']) && isObject(input['b']) && addrA === addrB && portA === portB) {
    c.add('$.b.port', `a and b are the same socket (${addrA}:${portA}); give them different addresses or ports`);
  }

  const link = c.object(input, 'link', '$');
  if (link !== undefined) {
    c.keys(link, '$.link', LINK_KEYS);
    const l: ScenarioLink = {};
    const delay = c.number(link, 'delay', '$.link', { min: 0, max: MAX_DELAY_MS, unit: 'ms' });
    if (delay !== undefined) l.delay = delay;
    const jitter = c.number(link, 'jitter', '$.link', { min: 0, max: MAX_DELAY_MS, unit: 'ms' });
    if (jitter !== undefined) l.jitter = jitter;
    for (const key of ['loss', 'duplicate', 'reorder'] as const) {
      const p = c.number(link, key, '$.link', { min: 0, max: 1, unit: '(a probability)' });
      if (p !== undefined) l[key] = p;
    }
    const bandwidth = c.number(link, 'bandwidth', '$.link', { min: 0, max: MAX_BANDWIDTH, unit: 'bit/s' });
    if (bandwidth !== undefined) l.bandwidth = bandwidth;
    scenario.link = l;
  }

  const tcp = c.object(input, 'tcp', '$');
  if (tcp !== undefined) {
    c.keys(tcp, '$.tcp', TCP_KEYS);
    const t: ScenarioTcp = {};
    const rto = c.number(tcp, 'rto', '$.tcp', { min: 1, max: RTO_MAX_MS, unit: 'ms' });
    if (rto !== undefined) t.rto = rto;
    const maxRetries = c.number(tcp, 'maxRetries', '$.tcp', { min: 0, max: MAX_RETRIES_LIMIT, integer: true });
    if (maxRetries !== undefined) t.maxRetries = maxRetries;
    const msl = c.number(tcp, 'msl', '$.tcp', { min: 0, max: MAX_MSL_MS, unit: 'ms' });
    if (msl !== undefined) t.msl = msl;
    const delayedAck = c.number(tcp, 'delayedAck', '$.tcp', { min: 0, max: DELAYED_ACK_LIMIT_MS - 1, unit: 'ms (RFC 9293 MUST-40: under 0.5 s)' });
    if (delayedAck !== undefined) t.delayedAck = delayedAck;
    scenario.tcp = t;
  }

  const steps = c.array(input, 'steps', '$', true, MAX_STEPS);
  if (steps !== undefined) {
    let lastAt = -Infinity;
    let totalBytes = 0;
    steps.forEach((raw, i) => {
      const path = `$.steps[${i}]`;
      if (!isObject(raw)) {
        c.add(path, `must be an object like { "at": 0, "on": "a", "do": "connect" }, got ${describeValue(raw)}`);
        return;
      }
      c.keys(raw, path, STEP_KEYS);
      if (raw['at'] === undefined) c.add(`${path}.at`, 'is required (ms)');
      const at = c.number(raw, 'at', path, { min: 0, max: MAX_TIME_MS, unit: 'ms' });
      if (raw['on'] === undefined) c.add(`${path}.on`, 'is required ("a" or "b")');
      const on = c.oneOf(raw, 'on', path, SIDES);
      if (raw['do'] === undefined) c.add(`${path}.do`, `is required (one of ${STEP_ACTIONS.join(', ')})`);
      const action = c.oneOf(raw, 'do', path, STEP_ACTIONS);
      let bytes: number | undefined;
      if (action === 'send') {
        if (raw['bytes'] === undefined) c.add(`${path}.bytes`, 'is required for "send"');
        bytes = c.number(raw, 'bytes', path, { min: 1, max: MAX_TOTAL_BYTES, integer: true, unit: 'bytes' });
        if (bytes !== undefined) {
          totalBytes += bytes;
          if (totalBytes > MAX_TOTAL_BYTES) {
            c.add(`${path}.bytes`, `brings the total sent to ${totalBytes} bytes; at most ${MAX_TOTAL_BYTES} (16 MiB) are allowed`);
          }
        }
      } else if (raw['bytes'] !== undefined && action !== undefined) {
        c.add(`${path}.bytes`, `only "send" takes bytes, not "${action}"`);
      }
      if (at !== undefined) {
        if (at < lastAt) c.add(`${path}.at`, `steps must be in time order: ${at} ms comes after ${lastAt} ms`);
        else lastAt = at;
      }
      if (at !== undefined && on !== undefined && action !== undefined) {
        const step: ScenarioStep = { at, on, do: action };
        if (bytes !== undefined) step.bytes = bytes;
        scenario.steps.push(step);
      }
    });
  }

  const drop = c.array(input, 'drop', '$', false, MAX_DROP_RULES);
  if (drop !== undefined) {
    scenario.drop = [];
    drop.forEach((raw, i) => {
      const path = `$.drop[${i}]`;
      if (!isObject(raw)) {
        c.add(path, `must be an object like { "from": "a", "nth": 1 }, got ${describeValue(raw)}`);
        return;
      }
      c.keys(raw, path, DROP_KEYS);
      if (raw['from'] === undefined) c.add(`${path}.from`, 'is required ("a" or "b")');
      if (raw['nth'] === undefined) c.add(`${path}.nth`, 'is required (1 = the first segment that side sends)');
      const from = c.oneOf(raw, 'from', path, SIDES);
      const nth = c.number(raw, 'nth', path, { min: 1, max: MAX_DROP_NTH, integer: true });
      if (from !== undefined && nth !== undefined) scenario.drop?.push({ from, nth });
    });
  }

  const until = c.number(input, 'until', '$', { min: 0, max: MAX_TIME_MS, minExclusive: true, unit: 'ms' });
  if (until !== undefined) scenario.until = until;

  if (c.problems.length > 0) return { problems: c.problems };
  return { scenario, problems: [] };
}

/**
 * Fills in every default. `isnFor` supplies the ISN of a side that has none (the simulator draws
 * it from the seeded PRNG).
 */
export function resolveScenario(s: Scenario, isnFor: (side: Side) => number): ResolvedScenario {
  const endpoint = (side: Side): Required<ScenarioEndpoint> => {
    const e = s[side];
    const d = side === 'a' ? DEFAULT_A : DEFAULT_B;
    return {
      address: e.address ?? d.address,
      port: e.port ?? d.port,
      isn: e.isn ?? isnFor(side),
      mss: e.mss ?? DEFAULT_MSS,
      window: e.window ?? DEFAULT_WINDOW,
      firewall: e.firewall ?? 'none',
    };
  };
  // Resolve a before b so that drawn ISNs come out in a fixed order.
  const a = endpoint('a');
  const b = endpoint('b');
  return {
    name: s.name ?? '',
    seed: s.seed ?? DEFAULT_SEED,
    a,
    b,
    link: {
      delay: s.link?.delay ?? DEFAULT_DELAY_MS,
      jitter: s.link?.jitter ?? 0,
      loss: s.link?.loss ?? 0,
      duplicate: s.link?.duplicate ?? 0,
      reorder: s.link?.reorder ?? 0,
      bandwidth: s.link?.bandwidth ?? 0,
    },
    tcp: {
      rto: s.tcp?.rto ?? RTO_INITIAL_MS,
      maxRetries: s.tcp?.maxRetries ?? MAX_RETRIES_DEFAULT,
      msl: s.tcp?.msl ?? MSL_DEFAULT_MS,
      delayedAck: s.tcp?.delayedAck ?? 0,
    },
    steps: s.steps.map((st) => ({ ...st })),
    drop: (s.drop ?? []).map((d) => ({ ...d })),
    until: s.until ?? null,
  };
}
