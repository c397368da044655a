/**
 * encodePacket: layer specs in, bytes out, with lengths, next-protocol numbers and checksums filled
 * in wherever a spec leaves them out. setField: edit one decoded field and get the re-encoded packet,
 * with everything that depends on it recomputed ("craft a packet").
 */
import { fromHex, parseIpv4, parseIpv6, parseMac } from './bytes.ts';
import { finish, pseudoHeaderSum, sumWords } from './checksum.ts';
import { encodeArp } from './arp.ts';
import { ICMP_CHECKSUM_AT, encodeIcmpHeader } from './icmp.ts';
import { encodeIpv4, encodeIpv4Options, IPV4_MIN_HEADER } from './ipv4.ts';
import { encodeIpv6, encodeIpv6Extension } from './ipv6.ts';
import { ETHERTYPE_FOR, encodeEthernet, encodeNull, encodeSll, encodeSll2, encodeVlan } from './link.ts';
import { ICMP_ERROR_TYPES, ICMPV6_ERROR_TYPES, IPPROTO } from './numbers.ts';
import { TCP_CHECKSUM_AT, TCP_MIN_HEADER, encodeTcpHeader, encodeTcpOptions } from './tcp.ts';
import type { DecodedPacket, DecodedField, FieldValue, WireIssue, LayerSpec } from './types.ts';
import { UDP_HEADER, encodeUdpHeader } from './udp.ts';

/** IEEE 802 "Local Experimental EtherType 1", used when nothing says what the payload is. */
export const EXPERIMENTAL_ETHERTYPE = 0x88b5;
/** IP protocol 253 is reserved "for experimentation and testing" (RFC 3692 §2.1). */
export const EXPERIMENTAL_PROTOCOL = 253;

interface IpInfo {
  family: 4 | 6;
  addrs: Uint8Array;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function etherTypeFor(next: LayerSpec | undefined): number {
  switch (next?.layer) {
    case 'ip':
      return ETHERTYPE_FOR.ip;
    case 'ipv6':
      return ETHERTYPE_FOR.ipv6;
    case 'arp':
      return ETHERTYPE_FOR.arp;
    case 'vlan':
      return ETHERTYPE_FOR.vlan;
    default:
      return EXPERIMENTAL_ETHERTYPE;
  }
}

/** Protocol / next-header number of a spec, or undefined for payload and trailer. */
function protocolOf(next: LayerSpec | undefined): number | undefined {
  switch (next?.layer) {
    case 'tcp':
      return IPPROTO.TCP;
    case 'udp':
      return IPPROTO.UDP;
    case 'icmp':
      return IPPROTO.ICMP;
    case 'icmpv6':
      return IPPROTO.ICMPV6;
    case 'ip':
      return IPPROTO.IPV4;
    case 'ipv6':
      return IPPROTO.IPV6;
    case 'ipv6.hopopts':
      return IPPROTO.HOPOPTS;
    case 'ipv6.routing':
      return IPPROTO.ROUTING;
    case 'ipv6.fraghdr':
      return IPPROTO.FRAGMENT;
    case 'ipv6.dstopts':
      return IPPROTO.DSTOPTS;
    default:
      return undefined;
  }
}

function addresses(family: 4 | 6, src: string, dst: string): IpInfo {
  const parse = family === 4 ? parseIpv4 : parseIpv6;
  const len = family === 4 ? 4 : 16;
  const addrs = new Uint8Array(2 * len);
  addrs.set(parse(src) ?? new Uint8Array(len), 0);
  addrs.set(parse(dst) ?? new Uint8Array(len), len);
  return { family, addrs };
}

function transportChecksum(segment: Uint8Array, at: number, proto: number, ip: IpInfo | undefined, udp: boolean): number {
  const len = ip?.family === 6 ? 16 : 4;
  const pseudo = ip ? pseudoHeaderSum(ip.addrs, 0, len, ip.family === 4 ? 4 : 16, proto, segment.length) : 0;
  const sum = finish(sumWords(segment, 0, at, sumWords(segment, at + 2, segment.length, pseudo)));
  // RFC 768: a computed zero is transmitted as all ones (zero would mean "no checksum").
  return udp && sum === 0 ? 0xffff : sum;
}

function put16(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = (v >>> 8) & 0xff;
  bytes[at + 1] = v & 0xff;
}

function encodeFrom(specs: readonly LayerSpec[], i: number, ip: IpInfo | undefined): Uint8Array {
  const spec = specs[i];
  if (!spec || spec.layer === 'trailer') return new Uint8Array(0);
  const next = specs[i + 1];
  switch (spec.layer) {
    case 'eth':
      return concat(encodeEthernet(spec, spec.type ?? etherTypeFor(next)), encodeFrom(specs, i + 1, ip));
    case 'vlan':
      return concat(encodeVlan(spec, spec.etype ?? etherTypeFor(next)), encodeFrom(specs, i + 1, ip));
    case 'sll':
      return concat(encodeSll(spec, spec.protocol ?? etherTypeFor(next)), encodeFrom(specs, i + 1, ip));
    case 'sll2':
      return concat(encodeSll2(spec, spec.protocol ?? etherTypeFor(next)), encodeFrom(specs, i + 1, ip));
    case 'null':
      return concat(encodeNull(spec), encodeFrom(specs, i + 1, ip));
    case 'arp':
      return concat(encodeArp(spec), encodeFrom(specs, i + 1, ip));
    case 'ip': {
      const options = encodeIpv4Options(spec);
      const hdrLen = spec.hdrLen ?? IPV4_MIN_HEADER + options.length;
      const payload = encodeFrom(specs, i + 1, addresses(4, spec.src, spec.dst));
      const len = spec.len ?? hdrLen + payload.length;
      const proto = spec.proto ?? protocolOf(next) ?? EXPERIMENTAL_PROTOCOL;
      return concat(encodeIpv4(spec, { hdrLen, len, proto }, options), payload);
    }
    case 'ipv6': {
      const payload = encodeFrom(specs, i + 1, addresses(6, spec.src, spec.dst));
      const nxt = spec.nxt ?? protocolOf(next) ?? IPPROTO.NONE;
      return concat(encodeIpv6(spec, spec.plen ?? payload.length, nxt), payload);
    }
    case 'ipv6.hopopts':
    case 'ipv6.dstopts':
    case 'ipv6.routing':
    case 'ipv6.fraghdr': {
      const nxt = spec.nxt ?? protocolOf(next) ?? IPPROTO.NONE;
      return concat(encodeIpv6Extension(spec, nxt), encodeFrom(specs, i + 1, ip));
    }
    case 'tcp': {
      const options = encodeTcpOptions(spec);
      const hdrLen = spec.hdrLen ?? TCP_MIN_HEADER + options.length;
      const segment = concat(encodeTcpHeader(spec, hdrLen, options), encodeFrom(specs, i + 1, undefined));
      put16(segment, TCP_CHECKSUM_AT, spec.checksum ?? transportChecksum(segment, TCP_CHECKSUM_AT, IPPROTO.TCP, ip, false));
      return segment;
    }
    case 'udp': {
      const payload = encodeFrom(specs, i + 1, undefined);
      const segment = concat(encodeUdpHeader(spec, spec.length ?? UDP_HEADER + payload.length), payload);
      const at = 6;
      put16(segment, at, spec.checksum ?? transportChecksum(segment, at, IPPROTO.UDP, ip, true));
      return segment;
    }
    case 'icmp':
    case 'icmpv6': {
      const v6 = spec.layer === 'icmpv6';
      const message = concat(encodeIcmpHeader(spec), encodeFrom(specs, i + 1, undefined));
      put16(message, ICMP_CHECKSUM_AT, spec.checksum ?? transportChecksum(message, ICMP_CHECKSUM_AT, IPPROTO.ICMPV6, v6 ? ip : undefined, false));
      return message;
    }
    case 'payload':
      return concat(spec.bytes, encodeFrom(specs, i + 1, ip));
  }
}

/**
 * Encodes layer specs (outermost first) into packet bytes. Left-out lengths, next-protocol numbers
 * and checksums are computed; given ones are written as they are, so a wrong checksum can be
 * crafted on purpose. Options are padded to their header's boundary with zero (EOL) bytes.
 * Never throws: unparsable addresses are written as zeros (setField reports them).
 */
export function encodePacket(specs: readonly LayerSpec[]): Uint8Array {
  let out = encodeFrom(specs, 0, undefined);
  for (const s of specs) if (s.layer === 'trailer') out = concat(out, s.bytes);
  return out;
}

/** Keys the encoder computes, per layer: lengths, checksums, and next-protocol numbers. */
const LENGTHS_AND_CHECKSUMS: Readonly<Record<LayerSpec['layer'], readonly string[]>> = {
  eth: [],
  vlan: [],
  sll: ['halen'],
  sll2: ['halen'],
  null: [],
  arp: ['hwSize', 'protoSize'],
  ip: ['hdrLen', 'len', 'checksum'],
  ipv6: ['plen'],
  'ipv6.hopopts': ['len'],
  'ipv6.dstopts': ['len'],
  'ipv6.routing': ['len'],
  'ipv6.fraghdr': [],
  tcp: ['hdrLen', 'checksum'],
  udp: ['length', 'checksum'],
  icmp: ['checksum'],
  icmpv6: ['checksum'],
  payload: [],
  trailer: [],
};
const NEXT_PROTOCOL_KEY: Partial<Record<LayerSpec['layer'], string>> = {
  eth: 'type',
  vlan: 'etype',
  sll: 'protocol',
  sll2: 'protocol',
  ip: 'proto',
  ipv6: 'nxt',
  'ipv6.hopopts': 'nxt',
  'ipv6.dstopts': 'nxt',
  'ipv6.routing': 'nxt',
  'ipv6.fraghdr': 'nxt',
};

/**
 * Copies specs without their computed values, so that encodePacket recomputes them. Headers quoted
 * in an ICMP error keep theirs (they describe the original packet, not the quoted bytes), and a
 * next-protocol number is kept when the next spec is raw payload (nothing to derive it from).
 * `keep` names one value to leave as it is (the one the user just edited).
 */
export function withoutComputed(specs: readonly LayerSpec[], keep?: { layer: number; key: string }): LayerSpec[] {
  const copy = structuredClone(specs) as LayerSpec[];
  let quoted = false;
  copy.forEach((spec, i) => {
    if (!quoted) {
      const rec = spec as unknown as Record<string, unknown>;
      const keys = [...LENGTHS_AND_CHECKSUMS[spec.layer]];
      const nextKey = NEXT_PROTOCOL_KEY[spec.layer];
      const next = copy[i + 1];
      const derivable = spec.layer === 'ip' || spec.layer.startsWith('ipv6')
        ? protocolOf(next) !== undefined
        : next !== undefined && (next.layer === 'ip' || next.layer === 'ipv6' || next.layer === 'arp' || next.layer === 'vlan');
      if (nextKey && derivable) keys.push(nextKey);
      for (const k of keys) if (!(keep && keep.layer === i && keep.key === k)) delete rec[k];
    }
    if ((spec.layer === 'icmp' && ICMP_ERROR_TYPES.has(spec.type)) || (spec.layer === 'icmpv6' && ICMPV6_ERROR_TYPES.has(spec.type))) quoted = true;
  });
  return copy;
}

export interface SetFieldResult {
  /** The re-encoded packet (the original bytes when the edit was refused). */
  bytes: Uint8Array;
  /** The specs that were encoded. */
  specs: LayerSpec[];
  /** Why an edit was refused or adjusted. */
  issues: WireIssue[];
}

function convert(present: unknown, value: FieldValue | Uint8Array, field: DecodedField): { ok: true; value: unknown } | { ok: false; why: string } {
  // An optional spec value that is absent (zero padding) takes its type from the decoded field: hex text means bytes.
  const current = present === undefined && typeof field.value === 'string' && /^[0-9a-f]*$/.test(field.value) ? new Uint8Array(0) : present ?? field.value;
  if (current instanceof Uint8Array) {
    const b = value instanceof Uint8Array ? value : typeof value === 'string' ? fromHex(value) : undefined;
    if (!b) return { ok: false, why: 'expected hex bytes' };
    const fieldBytes = field.bitLength / 8;
    // The field shows a prefix of a longer spec value (a 6-byte MAC in an 8-byte address slot): overwrite that prefix only.
    if (fieldBytes < current.length) {
      if (b.length !== fieldBytes) return { ok: false, why: `expected ${fieldBytes} bytes` };
      const merged = current.slice();
      merged.set(b);
      return { ok: true, value: merged };
    }
    return { ok: true, value: b };
  }
  if (typeof current === 'boolean') {
    if (typeof value === 'boolean') return { ok: true, value };
    if (value === 0 || value === 1 || value === '0' || value === '1') return { ok: true, value: Number(value) === 1 };
    return { ok: false, why: 'expected true or false' };
  }
  if (typeof current === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 0) return { ok: false, why: 'expected a whole number ≥ 0' };
    const scale = field.raw && typeof field.value === 'number' && field.value !== field.raw ? field.value / field.raw : 1;
    const max = (2 ** field.bitLength - 1) * scale;
    if (field.bitLength <= 32 && n > max) return { ok: false, why: `at most ${max} fits in ${field.bitLength} bits` };
    if (n % scale !== 0) return { ok: false, why: `must be a multiple of ${scale}` };
    return { ok: true, value: n };
  }
  if (typeof current === 'string') {
    const s = String(value).trim();
    const valid = field.id.endsWith('src') || field.id.endsWith('dst') || field.id.includes('proto_ipv4') || field.id.includes('hw_mac')
      ? parseIpv4(s) ?? parseIpv6(s) ?? parseMac(s)
      : s;
    if (!valid) return { ok: false, why: 'not a valid address' };
    if (typeof field.value === 'string' && field.value.includes(':') !== s.includes(':') && !parseMac(s)) {
      return { ok: false, why: 'use the same address family' };
    }
    return { ok: true, value: s };
  }
  return { ok: false, why: 'this field cannot be edited' };
}

/**
 * Sets one decoded field to a new value and re-encodes the packet, recomputing lengths, checksums
 * and next-protocol numbers (except the edited field itself: set a checksum to craft a bad one).
 */
export function setField(packet: DecodedPacket, field: DecodedField, value: FieldValue | Uint8Array): SetFieldResult {
  const original = { bytes: encodePacket(packet.specs), specs: packet.specs as LayerSpec[] };
  const refuse = (why: string): SetFieldResult => ({
    ...original,
    issues: [{ severity: 'error', offset: field.start, message: `Cannot set ${field.label}: ${why}` }],
  });
  const link = field.spec;
  if (!link || !packet.specs[link.layer]) return refuse('it is not editable (a malformed or quoted part of the packet, or a read-only field)');
  const specs = structuredClone(packet.specs) as LayerSpec[];
  let holder: unknown = specs[link.layer];
  for (const key of link.path.slice(0, -1)) {
    holder = (holder as Record<string | number, unknown> | undefined)?.[key];
  }
  const last = link.path[link.path.length - 1]!;
  if (holder === null || typeof holder !== 'object') return refuse('its place in the packet model was not found');
  const rec = holder as Record<string | number, unknown>;
  const converted = convert(rec[last], value, field);
  if (!converted.ok) return refuse(converted.why);
  rec[last] = converted.value;
  const rebuilt = withoutComputed(specs, link.path.length === 1 ? { layer: link.layer, key: String(last) } : undefined);
  return { bytes: encodePacket(rebuilt), specs: rebuilt, issues: [] };
}
