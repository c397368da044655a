/**
 * Who can reach a listening TCP socket? A small, explicit model of one home network: a host with
 * one LAN address, a client on that host, a client elsewhere on the LAN, and a client on the
 * internet behind the home router's NAT. Pure and total: every input gets an answer, never a throw.
 *
 * Model assumptions (say them wherever the model is shown):
 * - The host's LAN address is `LAN_ADDRESS` (a private RFC 1918 address).
 * - The LAN and the internet reach the host over IPv4 only. The client on the host itself may use
 *   IPv4 or IPv6 loopback, or the host's own LAN address.
 * - The router does NAPT; an internet client reaches the host only through a static port forward
 *   to `LAN_ADDRESS` (RFC 3022 §2.2).
 * - The host firewall, when set to drop, drops connections that arrive from the network; traffic
 *   from the host to itself is not filtered.
 */

/** Where the listening socket is bound. */
export type BindAddress = '0.0.0.0' | '::' | '127.0.0.1' | '::1' | '192.168.1.20';
/** Where the client that tries to connect sits. */
export type ClientPlace = 'same-host' | 'same-lan' | 'internet';

/** The host's address on the home LAN: a private address (RFC 1918 §3), as a router's DHCP hands out. */
export const LAN_ADDRESS = '192.168.1.20';
/** Example port in every answer: the default of `python3 -m http.server` (Python docs, http.server). */
export const EXAMPLE_PORT = 8000;

/** Options that change the answer. */
export interface ReachOptions {
  /** IPV6_V6ONLY on a `::` socket. Default false, as on Linux (`bindv6only` = 0, man ipv6(7)) and in RFC 3493 §5.3; Windows defaults to true. */
  v6only?: boolean;
  /** The host firewall's inbound policy for connections from the network. Default 'allow'. */
  hostFirewall?: 'allow' | 'drop';
  /** Whether the home router forwards a public port to `LAN_ADDRESS`:`EXAMPLE_PORT`. Default false. */
  portForward?: boolean;
}

/** The answer for one (bind address, client place) pair. */
export interface Reach {
  reachable: boolean;
  /** The address:port the client connects to when it works, in plain words. */
  via?: string;
  /** Why, in plain English, including what the client sees when it fails. */
  reason: string;
  /** Where the rule comes from (man page, RFC section). */
  source: string;
}

/** A bind address with the label the widget shows. */
export interface BindChoice {
  value: BindAddress;
  label: string;
  /** One line on what this address means. */
  description: string;
}
/** A client place with the label the widget shows. */
export interface PlaceChoice {
  value: ClientPlace;
  label: string;
  description: string;
}

export const BIND_ADDRESSES: readonly BindChoice[] = [
  { value: '0.0.0.0', label: '0.0.0.0 (all IPv4 addresses)', description: 'INADDR_ANY: every IPv4 address of the host, loopback included.' },
  { value: '::', label: ':: (all IPv6 addresses)', description: 'in6addr_any: every IPv6 address; also IPv4 unless IPV6_V6ONLY is on.' },
  { value: '127.0.0.1', label: '127.0.0.1 (IPv4 loopback)', description: 'Only the host itself.' },
  { value: '::1', label: '::1 (IPv6 loopback)', description: 'Only the host itself, over IPv6.' },
  { value: LAN_ADDRESS, label: `${LAN_ADDRESS} (the host's LAN address)`, description: 'Only packets sent to this one address.' },
];

export const CLIENT_PLACES: readonly PlaceChoice[] = [
  { value: 'same-host', label: 'Same host', description: 'A program on the machine that listens.' },
  { value: 'same-lan', label: 'Same LAN', description: `Another computer on the home network, connecting to ${LAN_ADDRESS}.` },
  { value: 'internet', label: 'Internet', description: "A computer outside, connecting to the home router's public address." },
];

const SRC = {
  any4: 'man ip(7) (INADDR_ANY: all local interfaces); RFC 9293 §3.9.1.1',
  loop4: 'RFC 1122 §3.2.1.3 (g); RFC 6890 §2.2.2',
  loop6: 'RFC 4291 §2.5.3; man ipv6(7)',
  dual: 'RFC 3493 §3.7, §5.3; man ipv6(7)',
  v6only: 'RFC 3493 §5.3; man ipv6(7) (IPV6_V6ONLY)',
  specific: 'man ip(7) (bind to one local address)',
  refused: 'RFC 9293 §3.10.7.1 (no listener: reset)',
  nat: 'RFC 3022 §2.2 (NAPT, static port mapping); RFC 4787 §5 and RFC 5382 REQ-3 (filtering)',
  firewall: 'Host firewall policy (iptables(8) -P INPUT DROP; Windows Defender Firewall blocks inbound by default)',
} as const;

const isBind = (b: unknown): b is BindAddress => BIND_ADDRESSES.some((c) => c.value === b);
const isPlace = (p: unknown): p is ClientPlace => CLIENT_PLACES.some((c) => c.value === p);
const hostPort = (addr: string) => (addr.includes(':') ? `[${addr}]:${EXAMPLE_PORT}` : `${addr}:${EXAMPLE_PORT}`);

/** Does the socket accept an IPv4 connection addressed to the host's LAN address? */
function acceptsLanIpv4(bind: BindAddress, v6only: boolean): { ok: boolean; why: string; source: string } {
  switch (bind) {
    case '0.0.0.0':
      return { ok: true, why: `0.0.0.0 covers every IPv4 address of the host, ${LAN_ADDRESS} included.`, source: SRC.any4 };
    case '::':
      return v6only
        ? { ok: false, why: `With IPV6_V6ONLY on, the :: socket takes IPv6 only, so an IPv4 connection to ${LAN_ADDRESS} finds no listener and is refused (a reset).`, source: `${SRC.v6only}; ${SRC.refused}` }
        : { ok: true, why: `The :: socket is dual-stack (IPV6_V6ONLY off), so it also takes IPv4; the program sees the client as ::ffff:a.b.c.d.`, source: SRC.dual };
    case '127.0.0.1':
      return { ok: false, why: `127.0.0.1 is loopback: packets for it never leave the host. A connection to ${LAN_ADDRESS} finds no listener on that address and is refused (a reset).`, source: `${SRC.loop4}; ${SRC.refused}` };
    case '::1':
      return { ok: false, why: `::1 is IPv6 loopback, reachable only from the host itself. A connection to ${LAN_ADDRESS} finds no listener and is refused (a reset).`, source: `${SRC.loop6}; ${SRC.refused}` };
    case '192.168.1.20':
      return { ok: true, why: `The socket is bound to exactly ${LAN_ADDRESS}, the address this client uses.`, source: SRC.specific };
  }
}

function sameHost(bind: BindAddress, v6only: boolean): Reach {
  switch (bind) {
    case '0.0.0.0':
      return { reachable: true, via: hostPort('127.0.0.1'), reason: '0.0.0.0 includes the loopback address, so a program on the host reaches it through 127.0.0.1 (or the LAN address).', source: SRC.any4 };
    case '::':
      return v6only
        ? { reachable: true, via: hostPort('::1'), reason: 'Reachable over IPv6 through ::1. With IPV6_V6ONLY on, 127.0.0.1 is refused: "localhost" works only where it resolves to ::1.', source: SRC.v6only }
        : { reachable: true, via: `${hostPort('::1')} or ${hostPort('127.0.0.1')}`, reason: 'The dual-stack :: socket takes ::1 and, as an IPv4-mapped address, 127.0.0.1 too.', source: SRC.dual };
    case '127.0.0.1':
      return { reachable: true, via: hostPort('127.0.0.1'), reason: 'Loopback is for exactly this: programs on the same host. Only IPv4 works; a client that tries ::1 is refused.', source: SRC.loop4 };
    case '::1':
      return { reachable: true, via: hostPort('::1'), reason: 'IPv6 loopback serves programs on the same host. A client that tries 127.0.0.1 is refused.', source: SRC.loop6 };
    case '192.168.1.20':
      return { reachable: true, via: hostPort(LAN_ADDRESS), reason: `Reachable, but only by its LAN address: a connection to 127.0.0.1 ("localhost") is refused, because the socket is not bound there.`, source: `${SRC.specific}; ${SRC.refused}` };
  }
}

/**
 * Can a client at `client` open a TCP connection to a socket listening on `bind`:`EXAMPLE_PORT`?
 * The checks follow the packet: router (for the internet), host firewall, then the socket's address.
 * Unknown inputs (from untyped callers) get `reachable: false` with a reason, never an exception.
 */
export function whoCanReach(bind: BindAddress, client: ClientPlace, options: ReachOptions = {}): Reach {
  if (!isBind(bind)) return { reachable: false, reason: `"${String(bind)}" is not one of the bind addresses this model knows.`, source: 'PortLab reach model' };
  if (!isPlace(client)) return { reachable: false, reason: `"${String(client)}" is not one of the client places this model knows.`, source: 'PortLab reach model' };
  const v6only = options.v6only === true;
  const drop = options.hostFirewall === 'drop';
  const forward = options.portForward === true;

  if (client === 'same-host') return sameHost(bind, v6only);

  if (client === 'internet' && !forward) {
    return {
      reachable: false,
      reason: "The connection ends at the home router: NAT keeps a mapping only for connections started from inside, and with no port forward an unsolicited connection from outside has nowhere to go.",
      source: SRC.nat,
    };
  }
  if (drop) {
    return {
      reachable: false,
      reason: 'The host firewall drops the connection before any socket sees it. The client hears nothing and times out.',
      source: SRC.firewall,
    };
  }
  const lan = acceptsLanIpv4(bind, v6only);
  if (!lan.ok) {
    const prefix = client === 'internet' ? `The router forwards the connection to ${LAN_ADDRESS}, but: ` : '';
    return { reachable: false, reason: prefix + lan.why, source: client === 'internet' ? `${SRC.nat}; ${lan.source}` : lan.source };
  }
  if (client === 'internet') {
    return {
      reachable: true,
      via: `the router's public address, port-forwarded to ${hostPort(LAN_ADDRESS)}`,
      reason: `The port forward rewrites the destination to ${hostPort(LAN_ADDRESS)}. ${lan.why}`,
      source: `${SRC.nat}; ${lan.source}`,
    };
  }
  return { reachable: true, via: hostPort(LAN_ADDRESS), reason: lan.why, source: lan.source };
}

/** One row per client place, in `CLIENT_PLACES` order: the explorer's result table. */
export function reachTable(bind: BindAddress, options: ReachOptions = {}): ({ place: PlaceChoice } & Reach)[] {
  return CLIENT_PLACES.map((place) => ({ place, ...whoCanReach(bind, place.value, options) }));
}
