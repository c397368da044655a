/**
 * IPv4 addresses for the NAT simulation: parsing, the special-purpose ranges a NAT lesson needs
 * (RFC 1918 private space, RFC 6598 shared CGN space, RFC 5737 documentation space) and the fixed
 * topology every NAT scenario runs on. Pure: no DOM, no clock.
 */

/** A transport protocol a NAPT translates (RFC 3022 §2.2: "TU ports", TCP and UDP). */
export type NatProto = 'tcp' | 'udp';

/** Both protocols, in the order menus list them. */
export const NAT_PROTOS: readonly NatProto[] = ['tcp', 'udp'];

/** An IPv4 address and a TCP/UDP port. */
export interface NatEndpoint {
  address: string;
  port: number;
}

/** Lowest and highest TCP/UDP port a host may use (port 0 is reserved, RFC 6335 §6). */
export const NAT_PORT_MIN = 1;
export const NAT_PORT_MAX = 65535;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The address as a 32-bit number, or null when it is not dotted-quad IPv4 ("10.0.0.1"). */
export function parseIpv4(text: string): number | null {
  if (!IPV4.test(text)) return null;
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** An address block, e.g. 10.0.0.0/8. */
export interface Prefix {
  base: string;
  length: number;
  /** Where the block is defined. */
  source: string;
}

/** Whether `address` lies in `prefix` (false for anything that is not IPv4). */
export function inPrefix(address: string, prefix: Prefix): boolean {
  const a = parseIpv4(address);
  const b = parseIpv4(prefix.base);
  if (a === null || b === null) return false;
  const size = 2 ** (32 - prefix.length);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** The three private blocks (RFC 1918 §3): never routed on the public internet. */
export const PRIVATE_PREFIXES: readonly Prefix[] = [
  { base: '10.0.0.0', length: 8, source: 'RFC 1918 §3' },
  { base: '172.16.0.0', length: 12, source: 'RFC 1918 §3' },
  { base: '192.168.0.0', length: 16, source: 'RFC 1918 §3' },
];

/** Shared address space for carrier-grade NAT (RFC 6598): between a CGN and its customers only. */
export const SHARED_PREFIX: Prefix = { base: '100.64.0.0', length: 10, source: 'RFC 6598 §7' };

/** Documentation blocks (RFC 5737 §3): every "public" address in this simulation comes from them. */
export const DOCUMENTATION_PREFIXES: readonly Prefix[] = [
  { base: '192.0.2.0', length: 24, source: 'RFC 5737 §3' },
  { base: '198.51.100.0', length: 24, source: 'RFC 5737 §3' },
  { base: '203.0.113.0', length: 24, source: 'RFC 5737 §3' },
];

/**
 * Blocks that are not a unicast host at all: "this network" 0/8, loopback 127/8, multicast 224/4
 * and the reserved 240/4 with broadcast (RFC 6890 §2.2.2 lists them).
 */
export const NON_UNICAST_PREFIXES: readonly Prefix[] = [
  { base: '0.0.0.0', length: 8, source: 'RFC 6890 §2.2.2' },
  { base: '127.0.0.0', length: 8, source: 'RFC 6890 §2.2.2' },
  { base: '224.0.0.0', length: 4, source: 'RFC 6890 §2.2.2' },
  { base: '240.0.0.0', length: 4, source: 'RFC 6890 §2.2.2' },
];

/** How the internet treats an address. */
export type AddressKind = 'private' | 'shared' | 'public' | 'special';

/** `private` (RFC 1918), `shared` (RFC 6598), `special` (not a unicast host) or `public`. */
export function addressKind(address: string): AddressKind {
  if (NON_UNICAST_PREFIXES.some((p) => inPrefix(address, p))) return 'special';
  if (PRIVATE_PREFIXES.some((p) => inPrefix(address, p))) return 'private';
  if (inPrefix(address, SHARED_PREFIX)) return 'shared';
  return 'public';
}

/** "192.168.1.10:51000". */
export function formatNatEndpoint(e: NatEndpoint): string {
  return `${e.address}:${e.port}`;
}

/** Same address and port. */
export function sameEndpoint(a: NatEndpoint, b: NatEndpoint): boolean {
  return a.address === b.address && a.port === b.port;
}

// ---------------------------------------------------------------------------------------------
// The fixed topology: one home network, its router, optionally a carrier-grade NAT, the internet
// ---------------------------------------------------------------------------------------------

/** The home network: a private /24 (RFC 1918 §3), as home routers hand out by DHCP. */
export const HOME_PREFIX: Prefix = { base: '192.168.1.0', length: 24, source: 'RFC 1918 §3' };
/** The home router's address on the home network. */
export const ROUTER_LAN_ADDRESS = '192.168.1.1';
/** The home router's public (WAN) address when the ISP gives it one: RFC 5737 TEST-NET-3. */
export const ROUTER_WAN_PUBLIC = '203.0.113.5';
/** The home router's WAN address behind a carrier-grade NAT: shared address space (RFC 6598). */
export const ROUTER_WAN_SHARED = '100.64.12.34';
/** The carrier-grade NAT's address towards its customers (shared address space, RFC 6598). */
export const CGN_INSIDE_ADDRESS = '100.64.0.1';
/** The carrier-grade NAT's public address: RFC 5737 TEST-NET-2. */
export const CGN_PUBLIC_ADDRESS = '198.51.100.7';

/** Where a host sits. */
export type HostSide = 'inside' | 'internet';

/** A host of the simulation. */
export interface NatHost {
  id: NatHostId;
  /** "Laptop". */
  name: string;
  address: string;
  side: HostSide;
}

/** The hosts every scenario has. */
export type NatHostId = 'laptop' | 'console' | 'web' | 'friend';

/**
 * Two hosts at home, two on the internet. Internet addresses come from RFC 5737's documentation
 * blocks so no real machine is named.
 */
export const NAT_HOSTS: readonly NatHost[] = [
  { id: 'laptop', name: 'Laptop', address: '192.168.1.10', side: 'inside' },
  { id: 'console', name: 'Game console', address: '192.168.1.20', side: 'inside' },
  { id: 'web', name: 'Web server', address: '198.51.100.80', side: 'internet' },
  { id: 'friend', name: 'Friend', address: '192.0.2.44', side: 'internet' },
];

/** Host ids, in the order of {@link NAT_HOSTS}. */
export const NAT_HOST_IDS: readonly NatHostId[] = NAT_HOSTS.map((h) => h.id);

/** The host with this id. */
export function hostById(id: NatHostId): NatHost {
  return NAT_HOSTS.find((h) => h.id === id) as NatHost;
}

/** "the laptop", "the game console", "the web server", "your friend": how captions name a host. */
export function hostPhrase(id: NatHostId): string {
  return id === 'friend' ? 'your friend' : `the ${hostById(id).name.toLowerCase()}`;
}

/** The host with this address, if any. */
export function hostByAddress(address: string): NatHost | undefined {
  return NAT_HOSTS.find((h) => h.address === address);
}

/** The home router's WAN address: public, or shared space behind a CGN. */
export function routerWan(cgnat: boolean): string {
  return cgnat ? ROUTER_WAN_SHARED : ROUTER_WAN_PUBLIC;
}

/** The address the internet sees the home as: the router's WAN address, or the CGN's. */
export function homePublicAddress(cgnat: boolean): string {
  return cgnat ? CGN_PUBLIC_ADDRESS : ROUTER_WAN_PUBLIC;
}
