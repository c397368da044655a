/** ARP for IPv4 over Ethernet (RFC 826). */
import { addLayer, issue, nextSpecIndex, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import { decodeTable, encodeTable, tableLength, type FieldDef, fieldOf, defineTable } from './field-table.ts';
import { ARP_OPCODE_NAMES, ethertypeName } from './numbers.ts';
import type { ArpSpec } from './types.ts';

const RFC = 'RFC 826';
/** Hardware type 1 = Ethernet (IANA "ARP Parameters", Hardware Types). */
export const ARP_HW_ETHERNET = 1;
const MAC_BYTES = 6;
const IPV4_BYTES = 4;

const ARP_HEAD: readonly FieldDef[] = defineTable([
  { id: 'arp.hw.type', label: 'Hardware type', byte: 0, bits: 16, key: 'hwType', rfc: RFC,
    explain: 'Kind of link addresses being resolved (1 = Ethernet).', show: (v) => (v === ARP_HW_ETHERNET ? '1 (Ethernet)' : String(v)) },
  { id: 'arp.proto.type', label: 'Protocol type', byte: 2, bits: 16, kind: 'hex', key: 'protoType', rfc: RFC,
    explain: 'Kind of network addresses being resolved, as an EtherType (0x0800 = IPv4).', show: ethertypeName },
  { id: 'arp.hw.size', label: 'Hardware size', byte: 4, bits: 8, key: 'hwSize', rfc: RFC, explain: 'Length of a hardware address in bytes (6 for a MAC).' },
  { id: 'arp.proto.size', label: 'Protocol size', byte: 5, bits: 8, key: 'protoSize', rfc: RFC, explain: 'Length of a network address in bytes (4 for IPv4).' },
  { id: 'arp.opcode', label: 'Opcode', byte: 6, bits: 16, key: 'opcode', rfc: RFC,
    explain: '1 asks "who has this IP address?", 2 answers "it is at this MAC".', show: (v) => `${v} (${ARP_OPCODE_NAMES[v] ?? 'unknown'})` },
]);

const ARP_ADDRESSES: readonly FieldDef[] = defineTable([
  { id: 'arp.src.hw_mac', label: 'Sender MAC', byte: 8, bits: 48, kind: 'mac', key: 'senderMac', rfc: RFC, explain: 'Hardware address of the machine sending this ARP message.' },
  { id: 'arp.src.proto_ipv4', label: 'Sender IP', byte: 14, bits: 32, kind: 'ipv4', key: 'senderIp', rfc: RFC, explain: 'IPv4 address of the machine sending this ARP message.' },
  { id: 'arp.dst.hw_mac', label: 'Target MAC', byte: 18, bits: 48, kind: 'mac', key: 'targetMac', rfc: RFC, explain: 'Hardware address being asked for (zeros in a request) or of the asker (in a reply).' },
  { id: 'arp.dst.proto_ipv4', label: 'Target IP', byte: 24, bits: 32, kind: 'ipv4', key: 'targetIp', rfc: RFC, explain: 'IPv4 address whose MAC is wanted (request) or of the asker (reply).' },
]);
export const ARP_TABLE: readonly FieldDef[] = [...ARP_HEAD, ...ARP_ADDRESSES];
export const ARP_LENGTH = tableLength(ARP_TABLE);

export function decodeArp(ctx: Ctx, start: number, end: number): void {
  const layer = addLayer(ctx, 'arp', 'Address Resolution Protocol', start, false);
  const specIndex = nextSpecIndex(ctx);
  const head = decodeTable(ctx.bytes, layer, ARP_HEAD, start, end, specIndex);
  layer.end = head.end;
  if (!head.complete) {
    undecoded(ctx, head.end, end, 'truncated ARP header');
    stopSpecs(ctx, start, layer);
    return;
  }
  const hw = fieldOf(head, 'hwSize')!.value as number;
  const pr = fieldOf(head, 'protoSize')!.value as number;
  if (hw !== MAC_BYTES || pr !== IPV4_BYTES) {
    undecoded(ctx, head.end, end, `ARP with ${hw}-byte hardware and ${pr}-byte protocol addresses: not decoded by PortLab`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const addr = decodeTable(ctx.bytes, layer, ARP_ADDRESSES, start, end, specIndex);
  layer.end = addr.end;
  if (!addr.complete) {
    undecoded(ctx, addr.end, end, `truncated: ARP for Ethernet/IPv4 needs ${ARP_LENGTH} bytes, only ${end - start} present`);
    issue(ctx, 'error', addr.end, 'ARP message truncated');
    stopSpecs(ctx, start, layer);
    return;
  }
  const v = (k: string): unknown => (fieldOf(head, k) ?? fieldOf(addr, k))?.value;
  const spec: ArpSpec = {
    layer: 'arp',
    hwType: v('hwType') as number,
    protoType: v('protoType') as number,
    hwSize: hw,
    protoSize: pr,
    opcode: v('opcode') as number,
    senderMac: v('senderMac') as string,
    senderIp: v('senderIp') as string,
    targetMac: v('targetMac') as string,
    targetIp: v('targetIp') as string,
  };
  if (!ctx.networkSeen) {
    ctx.networkSeen = true;
    ctx.contentEnd = layer.end;
    ctx.summary.arp = spec.opcode === 1 ? `ARP who has ${spec.targetIp}? Tell ${spec.senderIp}` : spec.opcode === 2 ? `ARP ${spec.senderIp} is at ${spec.senderMac}` : 'ARP';
  }
  pushSpec(ctx, spec, layer.end);
}

export function encodeArp(spec: ArpSpec): Uint8Array {
  const out = new Uint8Array(ARP_LENGTH);
  encodeTable(out, 0, ARP_TABLE, spec, { hwSize: spec.hwSize ?? MAC_BYTES, protoSize: spec.protoSize ?? IPV4_BYTES });
  return out;
}
