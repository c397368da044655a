/**
 * Link layers: Ethernet II (IEEE 802.3 §3.2), 802.1Q VLAN tags (IEEE 802.1Q §9.6), Linux cooked
 * captures v1 and v2 (tcpdump.org LINKTYPE_LINUX_SLL / LINKTYPE_LINUX_SLL2) and the BSD loopback
 * header (LINKTYPE_NULL / LINKTYPE_LOOP).
 */
import { formatMac, readU32, fieldHex } from './bytes.ts';
import { addLayer, bytesField, issue, nextSpecIndex, pushField, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import { decodeEthertype, decodeByNullFamily } from './dispatch.ts';
import { decodeTable, encodeTable, fieldOf, tableLength, type FieldDef, defineTable } from './field-table.ts';
import {
  ARPHRD_NAMES,
  ETHER_MAX_LENGTH_FIELD,
  ETHERTYPE,
  NULL_FAMILY_IPV4,
  NULL_FAMILY_IPV6,
  NULL_FAMILY_NAMES,
  SLL_PKTTYPE_NAMES,
  ethertypeName,
} from './numbers.ts';
import type { DecodedField, EthernetSpec, NullSpec, Sll2Spec, SllSpec, VlanSpec } from './types.ts';

const IEEE_8023 = 'IEEE 802.3 §3.2';
const SLL_REF = 'tcpdump.org LINKTYPE_LINUX_SLL';
const SLL2_REF = 'tcpdump.org LINKTYPE_LINUX_SLL2';

export const ETHERNET_TABLE: readonly FieldDef[] = defineTable([
  {
    id: 'eth.dst', label: 'Destination MAC', byte: 0, bits: 48, kind: 'mac', key: 'dst', rfc: IEEE_8023,
    explain: 'Hardware address of the next machine on this link that should take the frame (all zeros on Linux loopback).',
  },
  {
    id: 'eth.src', label: 'Source MAC', byte: 6, bits: 48, kind: 'mac', key: 'src', rfc: IEEE_8023,
    explain: 'Hardware address of the network card that sent the frame onto this link.',
  },
  {
    id: 'eth.type', label: 'EtherType', byte: 12, bits: 16, kind: 'hex', key: 'type', rfc: IEEE_8023,
    explain: 'Says which protocol the frame carries: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP, 0x8100 a VLAN tag.',
    show: ethertypeName,
  },
]);
export const ETHERNET_LENGTH = tableLength(ETHERNET_TABLE);

export const VLAN_TABLE: readonly FieldDef[] = defineTable([
  {
    id: 'vlan.priority', label: 'Priority (PCP)', byte: 0, bit: 0, bits: 3, key: 'priority', rfc: 'IEEE 802.1Q §6.9.3',
    explain: 'Priority class 0–7 that switches may use to queue this frame ahead of others.',
  },
  {
    id: 'vlan.dei', label: 'Drop eligible (DEI)', byte: 0, bit: 3, bits: 1, kind: 'flag', key: 'dei', rfc: 'IEEE 802.1Q §6.9.3',
    explain: 'Marks the frame as one a congested switch may drop first.',
  },
  {
    id: 'vlan.id', label: 'VLAN ID', byte: 0, bit: 4, bits: 12, key: 'id', rfc: 'IEEE 802.1Q §9.6',
    explain: 'Which virtual LAN (1–4094) the frame belongs to; switches keep VLANs apart.',
  },
  {
    id: 'vlan.etype', label: 'EtherType', byte: 2, bits: 16, kind: 'hex', key: 'etype', rfc: 'IEEE 802.1Q §9.6',
    explain: 'Protocol carried after the tag, as in the Ethernet type field.',
    show: ethertypeName,
  },
]);
export const VLAN_LENGTH = tableLength(VLAN_TABLE);

const pktType = (v: number): string => `${v} (${SLL_PKTTYPE_NAMES[v] ?? 'unknown'})`;
const haType = (v: number): string => `${v} (${ARPHRD_NAMES[v] ?? 'other'})`;
const PKTTYPE_EXPLAIN = 'How the packet met this host: 0 unicast to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.';
const HATYPE_EXPLAIN = 'Kind of link the packet used (ARPHRD_ value): 1 Ethernet, 772 loopback.';
const HALEN_EXPLAIN = 'How many bytes of the address field are used.';
const PROTO_EXPLAIN = 'Protocol carried, as an EtherType (0x0800 IPv4, 0x86dd IPv6).';

/** SLL v1 fields before and after the 8-byte address (which is split by the decoder according to halen). */
export const SLL_TABLE: readonly FieldDef[] = defineTable([
  { id: 'sll.pkttype', label: 'Packet type', byte: 0, bits: 16, key: 'pkttype', rfc: SLL_REF, explain: PKTTYPE_EXPLAIN, show: pktType },
  { id: 'sll.hatype', label: 'Link-layer address type', byte: 2, bits: 16, key: 'hatype', rfc: SLL_REF, explain: HATYPE_EXPLAIN, show: haType },
  { id: 'sll.halen', label: 'Link-layer address length', byte: 4, bits: 16, key: 'halen', rfc: SLL_REF, explain: HALEN_EXPLAIN },
]);
const SLL_ADDRESS_AT = 6;
const SLL_PROTOCOL: FieldDef = {
  id: 'sll.etype', label: 'Protocol', byte: 14, bits: 16, kind: 'hex', key: 'protocol', rfc: SLL_REF, explain: PROTO_EXPLAIN, show: ethertypeName,
};
const SLL_PROTOCOL_ROW: readonly FieldDef[] = defineTable([SLL_PROTOCOL]);
export const SLL_LENGTH = 16;

export const SLL2_TABLE: readonly FieldDef[] = defineTable([
  { id: 'sll.etype', label: 'Protocol', byte: 0, bits: 16, kind: 'hex', key: 'protocol', rfc: SLL2_REF, explain: PROTO_EXPLAIN, show: ethertypeName },
  {
    id: 'sll.reserved', label: 'Reserved', byte: 2, bits: 16, kind: 'hex', key: 'reserved', rfc: SLL2_REF,
    explain: 'Unused, always zero.',
  },
  {
    id: 'sll.ifindex', label: 'Interface index', byte: 4, bits: 32, key: 'ifindex', rfc: SLL2_REF,
    explain: 'Number of the network interface the packet was seen on (1 is usually lo; see `ip link`).',
  },
  { id: 'sll.hatype', label: 'Link-layer address type', byte: 8, bits: 16, key: 'hatype', rfc: SLL2_REF, explain: HATYPE_EXPLAIN, show: haType },
  { id: 'sll.pkttype', label: 'Packet type', byte: 10, bits: 8, key: 'pkttype', rfc: SLL2_REF, explain: PKTTYPE_EXPLAIN, show: pktType },
  { id: 'sll.halen', label: 'Link-layer address length', byte: 11, bits: 8, key: 'halen', rfc: SLL2_REF, explain: HALEN_EXPLAIN },
]);
const SLL2_ADDRESS_AT = 12;
export const SLL2_LENGTH = 20;
const SLL_ADDRESS_BYTES = 8;
const MAC_BYTES = 6;

/** Ethernet II, then whatever the EtherType says. */
export function decodeEthernet(ctx: Ctx, start: number, end: number): void {
  const layer = addLayer(ctx, 'eth', 'Ethernet II', start, false);
  const specIndex = nextSpecIndex(ctx);
  const t = decodeTable(ctx.bytes, layer, ETHERNET_TABLE, start, end, specIndex);
  const { complete, end: got } = t;
  const byKey = (k: string): DecodedField => fieldOf(t, k)!;
  layer.end = got;
  if (!complete) {
    undecoded(ctx, layer.end, end, `truncated: an Ethernet header needs ${ETHERNET_LENGTH} bytes, only ${end - start} present`);
    issue(ctx, 'error', layer.end, 'Frame too short for an Ethernet header');
    stopSpecs(ctx, start, layer);
    return;
  }
  const type = byKey('type').value as number;
  if (type <= ETHER_MAX_LENGTH_FIELD) {
    const f = byKey('type');
    f.id = 'eth.len';
    f.label = 'Length (IEEE 802.3)';
    f.display = `${type} bytes`;
    f.explain = 'Values up to 1500 give the payload length of an IEEE 802.3 frame (an LLC header follows) instead of a protocol.';
  }
  pushSpec(ctx, { layer: 'eth', dst: byKey('dst').value as string, src: byKey('src').value as string, type }, layer.end);
  if (type <= ETHER_MAX_LENGTH_FIELD) {
    undecoded(ctx, layer.end, end, 'IEEE 802.3 frame with an LLC header: not decoded by PortLab');
    return;
  }
  decodeEthertype(ctx, type, layer.end, end, false);
}

export function decodeVlan(ctx: Ctx, start: number, end: number, quoted: boolean): void {
  const layer = addLayer(ctx, 'vlan', '802.1Q Virtual LAN', start, quoted);
  const specIndex = nextSpecIndex(ctx);
  const t = decodeTable(ctx.bytes, layer, VLAN_TABLE, start, end, specIndex);
  const { complete, end: got } = t;
  const byKey = (k: string): DecodedField => fieldOf(t, k)!;
  layer.end = got;
  if (!complete) {
    undecoded(ctx, got, end, `truncated: a VLAN tag needs ${VLAN_LENGTH} bytes, only ${end - start} present`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const spec: VlanSpec = {
    layer: 'vlan',
    priority: byKey('priority').value as number,
    dei: byKey('dei').value as boolean,
    id: byKey('id').value as number,
    etype: byKey('etype').value as number,
  };
  pushSpec(ctx, spec, layer.end);
  decodeEthertype(ctx, spec.etype!, layer.end, end, quoted);
}

function addressFields(ctx: Ctx, layer: ReturnType<typeof addLayer>, at: number, halen: number, specIndex: number, ref: string): void {
  const b = ctx.bytes;
  const link = specIndex >= 0 ? { spec: { layer: specIndex, path: ['address'] } } : {};
  if (halen === MAC_BYTES) {
    pushField(layer, bytesField('sll.src.eth', 'Source address', at, MAC_BYTES, formatMac(b, at), formatMac(b, at),
      'Hardware address of the sender on that link (all zeros on loopback).', ref, link));
    pushField(layer, bytesField('sll.unused', 'Unused', at + MAC_BYTES, SLL_ADDRESS_BYTES - MAC_BYTES,
      fieldHex(b, at + MAC_BYTES, at + SLL_ADDRESS_BYTES), fieldHex(b, at + MAC_BYTES, at + SLL_ADDRESS_BYTES),
      'The address field has room for 8 bytes; a 6-byte MAC leaves 2 unused.', ref));
  } else {
    pushField(layer, bytesField('sll.src.other', 'Source address', at, SLL_ADDRESS_BYTES, fieldHex(b, at, at + SLL_ADDRESS_BYTES),
      fieldHex(b, at, at + SLL_ADDRESS_BYTES), 'Sender address on that link; only the first "address length" bytes count.', ref, link));
  }
}

export function decodeSll(ctx: Ctx, start: number, end: number): void {
  const layer = addLayer(ctx, 'sll', 'Linux cooked capture v1', start, false);
  const specIndex = nextSpecIndex(ctx);
  if (end - start < SLL_LENGTH) {
    layer.end = decodeTable(ctx.bytes, layer, SLL_TABLE, start, end, -1).end;
    undecoded(ctx, layer.end, end, `truncated: a cooked-capture header needs ${SLL_LENGTH} bytes, only ${end - start} present`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const t = decodeTable(ctx.bytes, layer, SLL_TABLE, start, end, specIndex);
  const byKey = (k: string): DecodedField => fieldOf(t, k)!;
  const halen = byKey('halen').value as number;
  addressFields(ctx, layer, start + SLL_ADDRESS_AT, halen, specIndex, SLL_REF);
  const proto = fieldOf(decodeTable(ctx.bytes, layer, SLL_PROTOCOL_ROW, start, end, specIndex), 'protocol')!;
  layer.end = start + SLL_LENGTH;
  const spec: SllSpec = {
    layer: 'sll',
    pkttype: byKey('pkttype').value as number,
    hatype: byKey('hatype').value as number,
    halen,
    address: ctx.bytes.slice(start + SLL_ADDRESS_AT, start + SLL_ADDRESS_AT + SLL_ADDRESS_BYTES),
    protocol: proto.value as number,
  };
  pushSpec(ctx, spec, layer.end);
  decodeEthertype(ctx, spec.protocol!, layer.end, end, false);
}

export function decodeSll2(ctx: Ctx, start: number, end: number): void {
  const layer = addLayer(ctx, 'sll2', 'Linux cooked capture v2', start, false);
  const specIndex = nextSpecIndex(ctx);
  if (end - start < SLL2_LENGTH) {
    layer.end = decodeTable(ctx.bytes, layer, SLL2_TABLE, start, end, -1).end;
    undecoded(ctx, layer.end, end, `truncated: a cooked-capture v2 header needs ${SLL2_LENGTH} bytes, only ${end - start} present`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const t = decodeTable(ctx.bytes, layer, SLL2_TABLE, start, end, specIndex);
  const byKey = (k: string): DecodedField => fieldOf(t, k)!;
  const halen = byKey('halen').value as number;
  addressFields(ctx, layer, start + SLL2_ADDRESS_AT, halen, specIndex, SLL2_REF);
  layer.end = start + SLL2_LENGTH;
  const spec: Sll2Spec = {
    layer: 'sll2',
    protocol: byKey('protocol').value as number,
    reserved: byKey('reserved').value as number,
    ifindex: byKey('ifindex').value as number,
    hatype: byKey('hatype').value as number,
    pkttype: byKey('pkttype').value as number,
    halen,
    address: ctx.bytes.slice(start + SLL2_ADDRESS_AT, start + SLL2_ADDRESS_AT + SLL_ADDRESS_BYTES),
  };
  pushSpec(ctx, spec, layer.end);
  decodeEthertype(ctx, spec.protocol!, layer.end, end, false);
}

export const NULL_LENGTH = 4;

/** The family is written in the capturing host's byte order; small values tell which one it was. */
export function nullByteOrder(bytes: Uint8Array, at: number): 'le' | 'be' {
  const be = readU32(bytes, at);
  return be > 0xffff ? 'le' : 'be';
}

export function readNullFamily(bytes: Uint8Array, at: number, order: 'le' | 'be'): number {
  const be = readU32(bytes, at);
  if (order === 'be') return be;
  return (((bytes[at + 3] ?? 0) << 24) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at] ?? 0)) >>> 0;
}

export function decodeNull(ctx: Ctx, start: number, end: number): void {
  const layer = addLayer(ctx, 'null', 'BSD loopback (Null/Loopback)', start, false);
  if (end - start < NULL_LENGTH) {
    undecoded(ctx, start, end, `truncated: a BSD loopback header needs ${NULL_LENGTH} bytes`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const specIndex = nextSpecIndex(ctx);
  const byteOrder = nullByteOrder(ctx.bytes, start);
  const family = readNullFamily(ctx.bytes, start, byteOrder);
  const name = NULL_FAMILY_NAMES[family] ?? 'unknown family';
  const field = bytesField('null.family', 'Address family', start, NULL_LENGTH, family,
    `${family} (${name}), ${byteOrder === 'le' ? 'little' : 'big'}-endian`,
    'Protocol of the packet as a socket address family, written in the byte order of the machine that captured it.',
    'tcpdump.org LINKTYPE_NULL');
  field.raw = family;
  if (specIndex >= 0) field.spec = { layer: specIndex, path: ['family'] };
  pushField(layer, field);
  layer.end = start + NULL_LENGTH;
  const spec: NullSpec = { layer: 'null', family, byteOrder };
  pushSpec(ctx, spec, layer.end);
  if (family !== NULL_FAMILY_IPV4 && !NULL_FAMILY_IPV6.has(family)) {
    issue(ctx, 'warning', start, `Unknown address family ${family} in the loopback header`);
  }
  decodeByNullFamily(ctx, family, layer.end, end);
}

// ------------------------------------------------------------------------------------------
// Encoders: header bytes for a spec whose computed fields are already filled in.
// ------------------------------------------------------------------------------------------

export function encodeEthernet(spec: EthernetSpec, type: number): Uint8Array {
  const out = new Uint8Array(ETHERNET_LENGTH);
  encodeTable(out, 0, ETHERNET_TABLE, spec, { type });
  return out;
}

export function encodeVlan(spec: VlanSpec, etype: number): Uint8Array {
  const out = new Uint8Array(VLAN_LENGTH);
  encodeTable(out, 0, VLAN_TABLE, spec, { etype });
  return out;
}

export function encodeSll(spec: SllSpec, protocol: number): Uint8Array {
  const out = new Uint8Array(SLL_LENGTH);
  encodeTable(out, 0, SLL_TABLE, spec, { halen: spec.halen ?? MAC_BYTES });
  out.set(spec.address.subarray(0, SLL_ADDRESS_BYTES), SLL_ADDRESS_AT);
  encodeTable(out, 0, SLL_PROTOCOL_ROW, spec, { protocol });
  return out;
}

export function encodeSll2(spec: Sll2Spec, protocol: number): Uint8Array {
  const out = new Uint8Array(SLL2_LENGTH);
  encodeTable(out, 0, SLL2_TABLE, spec, { protocol, halen: spec.halen ?? MAC_BYTES });
  out.set(spec.address.subarray(0, SLL_ADDRESS_BYTES), SLL2_ADDRESS_AT);
  return out;
}

export function encodeNull(spec: NullSpec): Uint8Array {
  const out = new Uint8Array(NULL_LENGTH);
  const v = spec.family >>> 0;
  const be = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  out.set(spec.byteOrder === 'be' ? be : be.reverse());
  return out;
}

/** EtherType for an IP version, used by the encoder. */
export const ETHERTYPE_FOR = { ip: ETHERTYPE.IPV4, ipv6: ETHERTYPE.IPV6, arp: ETHERTYPE.ARP, vlan: ETHERTYPE.VLAN } as const;

