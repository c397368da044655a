/** IPv6 (RFC 8200 §3) and its extension headers: hop-by-hop, routing, fragment, destination options (RFC 8200 §4). */
import { hex, fieldHex } from './bytes.ts';
import { addLayer, bytesField, INNER_LEFTOVER, issue, nextSpecIndex, pushField, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import { decodeIpPayload, type IpContext } from './dispatch.ts';
import { decodeTable, encodeTable, type FieldDef, fieldOf, defineTable, rows } from './field-table.ts';
import { ECN_NAMES, IPPROTO, dscpName, protoName } from './numbers.ts';
import type {
  Ipv6FragmentSpec,
  Ipv6OptionSpec,
  Ipv6OptionsHeaderSpec,
  Ipv6RoutingSpec,
  Ipv6Spec,
  DecodedLayer,
  LayerName,
} from './types.ts';

const RFC = 'RFC 8200 §3';
export const IPV6_HEADER = 40;
/** Extension header lengths count 8-octet units, not including the first 8 octets (RFC 8200 §4.3). */
export const EXT_UNIT = 8;
const FRAGMENT_HEADER = 8;

export const IPV6_TABLE = defineTable([
  { id: 'ipv6.version', label: 'Version', byte: 0, bit: 0, bits: 4, key: 'version', rfc: RFC,
    explain: 'IP version: 6 here.' },
  { id: 'ipv6.tclass.dscp', label: 'Traffic class: DSCP', byte: 0, bit: 4, bits: 6, key: 'dscp', rfc: 'RFC 8200 §7; RFC 2474 §3',
    explain: 'Differentiated Services code point, the same as in IPv4: a class of treatment (0 = best effort).',
    show: (v) => `${v} (${dscpName(v)})` },
  { id: 'ipv6.tclass.ecn', label: 'Traffic class: ECN', byte: 1, bit: 2, bits: 2, key: 'ecn', rfc: 'RFC 8200 §7; RFC 3168 §5',
    explain: 'Explicit Congestion Notification, the same as in IPv4.',
    show: (v) => `${v.toString(2).padStart(2, '0')} (${ECN_NAMES[v] ?? ''})` },
  { id: 'ipv6.flow', label: 'Flow label', byte: 1, bit: 4, bits: 20, kind: 'hex', key: 'flow', rfc: 'RFC 8200 §6',
    explain: 'Random-looking label the sender gives to all packets of one flow, so routers can keep them on one path.',
    show: (v) => hex(v, 5) },
  { id: 'ipv6.plen', label: 'Payload length', byte: 4, bits: 16, key: 'plen', rfc: RFC,
    explain: 'Bytes after this 40-byte header, extension headers included.' },
  { id: 'ipv6.nxt', label: 'Next header', byte: 6, bits: 8, key: 'nxt', rfc: RFC,
    explain: 'What follows: an extension header, or the transport protocol (6 TCP, 17 UDP, 58 ICMPv6), same numbers as IPv4\'s Protocol.',
    show: protoName },
  { id: 'ipv6.hlim', label: 'Hop limit', byte: 7, bits: 8, key: 'hlim', rfc: RFC,
    explain: 'Hop budget, like IPv4\'s TTL: each router subtracts one and drops the packet at zero.' },
  { id: 'ipv6.src', label: 'Source address', byte: 8, bits: 128, kind: 'ipv6', key: 'src', rfc: RFC,
    explain: 'IPv6 address of the sender (::1 is loopback).' },
  { id: 'ipv6.dst', label: 'Destination address', byte: 24, bits: 128, kind: 'ipv6', key: 'dst', rfc: RFC,
    explain: 'IPv6 address of the receiver.' },
]);
const IPV6_TABLE_AT = IPV6_TABLE.at;

/** Extension headers PortLab walks through (RFC 8200 §4.1 order). */
export const IPV6_EXTENSION_HEADERS: ReadonlySet<number> = new Set([IPPROTO.HOPOPTS, IPPROTO.ROUTING, IPPROTO.FRAGMENT, IPPROTO.DSTOPTS]);

interface ExtInfo {
  name: LayerName;
  title: string;
  prefix: string;
  rfc: string;
  /** Next header and length rows, built once. */
  head: readonly FieldDef[];
}
function nxtDef(prefix: string, rfc: string): FieldDef {
  return { id: `${prefix}.nxt`, label: 'Next header', byte: 0, bits: 8, key: 'nxt', rfc, show: protoName,
    explain: 'What follows this extension header (another extension header or the transport protocol).' };
}
function lenDef(prefix: string, rfc: string): FieldDef {
  return { id: `${prefix}.len`, label: 'Header extension length', byte: 1, bits: 8, key: 'len', rfc,
    explain: 'Length of this header in 8-byte units, not counting the first 8 bytes.',
    show: (v) => `${v} (${(v + 1) * EXT_UNIT} bytes)` };
}

const ext = (name: LayerName, title: string, rfc: string): ExtInfo => ({ name, title, prefix: name, rfc, head: defineTable([nxtDef(name, rfc), lenDef(name, rfc)]) });
const EXT_INFO: Record<number, ExtInfo> = {
  [IPPROTO.HOPOPTS]: ext('ipv6.hopopts', 'IPv6 Hop-by-Hop Options', 'RFC 8200 §4.3'),
  [IPPROTO.ROUTING]: ext('ipv6.routing', 'IPv6 Routing header', 'RFC 8200 §4.4'),
  [IPPROTO.FRAGMENT]: ext('ipv6.fraghdr', 'IPv6 Fragment header', 'RFC 8200 §4.5'),
  [IPPROTO.DSTOPTS]: ext('ipv6.dstopts', 'IPv6 Destination Options', 'RFC 8200 §4.6'),
};

const ROUTING_REST: readonly FieldDef[] = defineTable([
  { id: 'ipv6.routing.type', label: 'Routing type', byte: 2, bits: 8, key: 'type', rfc: 'RFC 8200 §4.4',
    explain: 'Variant of routing header (0 deprecated, 2 Mobile IPv6, 3 RPL, 4 Segment Routing).' },
  { id: 'ipv6.routing.segleft', label: 'Segments left', byte: 3, bits: 8, key: 'segleft', rfc: 'RFC 8200 §4.4',
    explain: 'How many listed intermediate nodes are still to be visited.' },
]);

const FRAGMENT_TABLE: readonly FieldDef[] = defineTable([
  nxtDef('ipv6.fraghdr', 'RFC 8200 §4.5'),
  { id: 'ipv6.fraghdr.reserved_octet', label: 'Reserved', byte: 1, bits: 8, key: 'reservedOctet', rfc: 'RFC 8200 §4.5',
    explain: 'Reserved, zero.' },
  { id: 'ipv6.fraghdr.offset', label: 'Fragment offset', byte: 2, bit: 0, bits: 13, key: 'offset', rfc: 'RFC 8200 §4.5',
    explain: 'Where this fragment\'s data belongs in the original packet, in 8-byte units.', show: (v) => `${v} (${v * EXT_UNIT} bytes)` },
  { id: 'ipv6.fraghdr.reserved_bits', label: 'Reserved bits', byte: 3, bit: 5, bits: 2, key: 'reservedBits', rfc: 'RFC 8200 §4.5',
    explain: 'Reserved, zero.' },
  { id: 'ipv6.fraghdr.more', label: 'More fragments (M)', byte: 3, bit: 7, bits: 1, kind: 'flag', key: 'more', rfc: 'RFC 8200 §4.5',
    explain: 'Set on every fragment except the last.' },
  { id: 'ipv6.fraghdr.ident', label: 'Identification', byte: 4, bits: 32, kind: 'hex', key: 'ident', rfc: 'RFC 8200 §4.5',
    explain: 'Number shared by all fragments of one packet. Unlike IPv4, only the sending host fragments in IPv6.' },
]);

/** IPv6 option types seen in hop-by-hop and destination options (IANA "Destination Options and Hop-by-Hop Options"). */
const IPV6_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'Pad1',
  1: 'PadN',
  5: 'Router Alert',
  0xc2: 'Jumbo Payload',
  0x04: 'Tunnel Encapsulation Limit',
};
const PAD1 = 0;

export function decodeIpv6(ctx: Ctx, start: number, end: number, quoted: boolean): void {
  const layer = addLayer(ctx, 'ipv6', 'Internet Protocol version 6', start, quoted);
  const specIndex = nextSpecIndex(ctx);
  const fixed = decodeTable(ctx.bytes, layer, IPV6_TABLE, start, end, specIndex);
  layer.end = fixed.end;
  if (!fixed.complete) {
    undecoded(ctx, fixed.end, end, `truncated: an IPv6 header needs ${IPV6_HEADER} bytes, only ${end - start} present`);
    issue(ctx, 'error', start, `Only ${end - start} bytes for a ${IPV6_HEADER}-byte IPv6 header`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const f = rows(fixed);
  const version = f(IPV6_TABLE_AT.version).value as number;
  if (version !== 6) issue(ctx, 'warning', start, `Version field is ${version}, not 6`);
  const plen = f(IPV6_TABLE_AT.plen).value as number;
  const hdrEnd = start + IPV6_HEADER;
  const declaredEnd = hdrEnd + plen;
  const payloadEnd = Math.min(declaredEnd, end);
  if (declaredEnd > end) {
    const present = end - hdrEnd;
    const snapped = !quoted && ctx.options.origLen !== undefined && ctx.options.origLen > ctx.bytes.length;
    f(IPV6_TABLE_AT.plen).note = quoted
      ? `the ICMPv6 error quotes only ${present} bytes of it`
      : snapped ? `the capture kept only ${present} bytes (snap length)` : `larger than the ${present} bytes present`;
    if (!quoted) {
      issue(ctx, snapped ? 'info' : 'warning', start + 4, snapped
        ? `Packet truncated by the capture's snap length: IPv6 payload length ${plen}, ${present} bytes captured`
        : `IPv6 payload length ${plen} is larger than the ${present} bytes present`);
    }
  }
  if (plen === 0 && end > hdrEnd && !quoted) {
    f(IPV6_TABLE_AT.plen).note = 'zero: a jumbogram (RFC 2675) or a packet captured before TCP segmentation offload filled it in';
  }
  // A packet inside another (a tunnel, an ICMPv6 error's quote) may end before the space the outer
  // one gives it; the outermost packet's leftover bytes are the link trailer instead (decode.ts).
  if (ctx.networkSeen && plen !== 0 && payloadEnd < end) undecoded(ctx, payloadEnd, end, INNER_LEFTOVER);
  if (!ctx.networkSeen) {
    ctx.networkSeen = true;
    ctx.contentEnd = plen === 0 ? end : payloadEnd;
    ctx.summary.net = { src: f(IPV6_TABLE_AT.src).value as string, dst: f(IPV6_TABLE_AT.dst).value as string, v6: true, proto: f(IPV6_TABLE_AT.nxt).display };
  }
  const spec: Ipv6Spec = {
    layer: 'ipv6',
    version,
    dscp: f(IPV6_TABLE_AT.dscp).value as number,
    ecn: f(IPV6_TABLE_AT.ecn).value as number,
    flow: f(IPV6_TABLE_AT.flow).value as number,
    plen,
    nxt: f(IPV6_TABLE_AT.nxt).value as number,
    hlim: f(IPV6_TABLE_AT.hlim).value as number,
    src: f(IPV6_TABLE_AT.src).value as string,
    dst: f(IPV6_TABLE_AT.dst).value as string,
  };
  pushSpec(ctx, spec, hdrEnd);
  const ip: IpContext = {
    family: 6,
    srcAt: start + 8,
    dstAt: start + 24,
    declaredEnd: plen === 0 ? end : declaredEnd,
    fragment: false,
    quoted,
  };
  decodeIpPayload(ctx, spec.nxt!, hdrEnd, plen === 0 ? end : payloadEnd, ip);
}

/** Decodes the TLV options of a hop-by-hop or destination options header; null when malformed. */
function decodeTlvOptions(ctx: Ctx, layer: DecodedLayer, from: number, to: number, specIndex: number, rfc: string): Ipv6OptionSpec[] | null {
  const b = ctx.bytes;
  const options: Ipv6OptionSpec[] = [];
  let p = from;
  while (p < to) {
    const i = options.length;
    const type = b[p]!;
    const group = `Option: ${IPV6_OPTION_NAMES[type] ?? `type ${type}`}`;
    const link = (path: (string | number)[]) => (specIndex >= 0 ? { spec: { layer: specIndex, path } } : {});
    // RFC 8200 §4.2: the two high bits say what to do with an unknown option, the third whether it may change en route.
    const typeField = bytesField('ipv6.opt.type', 'Option type', p, 1, type,
      `${type} (${IPV6_OPTION_NAMES[type] ?? 'unknown'}; action ${type >> 6}, may change ${(type >> 5) & 1})`,
      'Option number; its two top bits tell a node that does not know it whether to skip it or drop the packet.', rfc,
      { group, raw: type, ...link(['options', i, 'type']) });
    if (type === PAD1) {
      pushField(layer, typeField);
      options.push({ type });
      p++;
      continue;
    }
    if (p + 1 >= to || p + 2 + b[p + 1]! > to) {
      undecoded(ctx, p, to, 'IPv6 option runs past the end of its header');
      issue(ctx, 'error', p, 'Malformed IPv6 option');
      return null;
    }
    const len = b[p + 1]!;
    pushField(layer, typeField);
    pushField(layer, bytesField('ipv6.opt.length', 'Option length', p + 1, 1, len, String(len),
      'Length of the option data in bytes (type and length bytes not counted).', rfc, { group, raw: len }));
    if (len > 0) {
      pushField(layer, bytesField(type === 1 ? 'ipv6.opt.padn' : 'ipv6.opt.value', type === 1 ? 'Padding' : 'Option data', p + 2, len,
        fieldHex(b, p + 2, p + 2 + len), fieldHex(b, p + 2, p + 2 + len),
        type === 1 ? 'Zero bytes that align the next header to 8 bytes.' : 'The option\'s own data.', rfc, { group, ...link(['options', i, 'data']) }));
    }
    options.push({ type, data: b.slice(p + 2, p + 2 + len) });
    p += 2 + len;
  }
  return options;
}

export function decodeIpv6Extension(ctx: Ctx, proto: number, start: number, end: number, ip: IpContext): void {
  const info = EXT_INFO[proto]!;
  const b = ctx.bytes;
  const layer = addLayer(ctx, info.name, info.title, start, ip.quoted);
  const specIndex = nextSpecIndex(ctx);
  if (proto === IPPROTO.FRAGMENT) {
    const t = decodeTable(b, layer, FRAGMENT_TABLE, start, end, specIndex);
    layer.end = t.end;
    if (!t.complete) {
      undecoded(ctx, t.end, end, 'truncated fragment header');
      stopSpecs(ctx, start, layer);
      return;
    }
    const spec: Ipv6FragmentSpec = {
      layer: 'ipv6.fraghdr',
      nxt: fieldOf(t, 'nxt')!.value as number,
      reservedOctet: fieldOf(t, 'reservedOctet')!.value as number,
      offset: fieldOf(t, 'offset')!.value as number,
      reservedBits: fieldOf(t, 'reservedBits')!.value as number,
      more: fieldOf(t, 'more')!.value as boolean,
      ident: fieldOf(t, 'ident')!.value as number,
    };
    pushSpec(ctx, spec, t.end);
    if (spec.offset > 0) {
      undecoded(ctx, t.end, end, `fragment data at offset ${spec.offset * EXT_UNIT} of the original packet: reassembly needs the other fragments`);
      issue(ctx, 'info', t.end, `Non-first IPv6 fragment: payload not parsed as ${protoName(spec.nxt!)}`);
      return;
    }
    decodeIpPayload(ctx, spec.nxt!, t.end, end, { ...ip, fragment: ip.fragment || spec.more });
    return;
  }
  const head = decodeTable(b, layer, info.head, start, end, specIndex);
  if (!head.complete) {
    layer.end = head.end;
    undecoded(ctx, head.end, end, `truncated ${info.title}`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const nxt = fieldOf(head, 'nxt')!.value as number;
  const len = fieldOf(head, 'len')!.value as number;
  const hdrEnd = start + (len + 1) * EXT_UNIT;
  if (hdrEnd > end) {
    layer.end = head.end;
    undecoded(ctx, head.end, end, `${info.title} says ${(len + 1) * EXT_UNIT} bytes but only ${end - start} are present`);
    issue(ctx, 'error', start + 1, `${info.title} runs past the end of the packet`);
    stopSpecs(ctx, start, layer);
    return;
  }
  layer.end = hdrEnd;
  if (proto === IPPROTO.ROUTING) {
    const rest = decodeTable(b, layer, ROUTING_REST, start, hdrEnd, specIndex);
    const dataAt = start + 4;
    pushField(layer, bytesField('ipv6.routing.unknown_data', 'Type-specific data', dataAt, hdrEnd - dataAt, fieldHex(b, dataAt, hdrEnd),
      fieldHex(b, dataAt, hdrEnd).slice(0, 64), 'Addresses or segments, laid out as the routing type defines.', info.rfc,
      specIndex >= 0 ? { spec: { layer: specIndex, path: ['data'] } } : {}));
    const spec: Ipv6RoutingSpec = {
      layer: 'ipv6.routing', nxt, len,
      type: fieldOf(rest, 'type')!.value as number,
      segleft: fieldOf(rest, 'segleft')!.value as number,
      data: b.slice(dataAt, hdrEnd),
    };
    pushSpec(ctx, spec, hdrEnd);
  } else {
    const options = decodeTlvOptions(ctx, layer, start + 2, hdrEnd, specIndex, info.rfc);
    if (options) {
      const spec: Ipv6OptionsHeaderSpec = { layer: info.name as 'ipv6.hopopts' | 'ipv6.dstopts', nxt, len, options };
      pushSpec(ctx, spec, hdrEnd);
    } else {
      stopSpecs(ctx, start, layer);
    }
  }
  decodeIpPayload(ctx, nxt, hdrEnd, end, ip);
}

export function encodeIpv6(spec: Ipv6Spec, plen: number, nxt: number): Uint8Array {
  const out = new Uint8Array(IPV6_HEADER);
  encodeTable(out, 0, IPV6_TABLE, spec, { version: spec.version ?? 6, plen, nxt });
  return out;
}

/** Options area of a hop-by-hop / destination header, padded with PadN/Pad1 to a multiple of 8 (with the 2-byte head). */
export function encodeIpv6Options(options: readonly Ipv6OptionSpec[]): Uint8Array {
  const parts: number[] = [];
  for (const o of options) {
    if (o.type === PAD1) parts.push(PAD1);
    else {
      const data = o.data ?? new Uint8Array(0);
      parts.push(o.type, data.length, ...data);
    }
  }
  const missing = (EXT_UNIT - ((parts.length + 2) % EXT_UNIT)) % EXT_UNIT;
  if (missing === 1) parts.push(PAD1);
  else if (missing > 1) parts.push(1, missing - 2, ...new Array<number>(missing - 2).fill(0));
  return Uint8Array.from(parts);
}

export function encodeIpv6Extension(
  spec: Ipv6OptionsHeaderSpec | Ipv6RoutingSpec | Ipv6FragmentSpec,
  nxt: number,
): Uint8Array {
  if (spec.layer === 'ipv6.fraghdr') {
    const out = new Uint8Array(FRAGMENT_HEADER);
    encodeTable(out, 0, FRAGMENT_TABLE, spec, { nxt });
    return out;
  }
  if (spec.layer === 'ipv6.routing') {
    const body = new Uint8Array(4 + spec.data.length);
    body.set(spec.data, 4);
    const padded = new Uint8Array(Math.ceil(body.length / EXT_UNIT) * EXT_UNIT || EXT_UNIT);
    padded.set(body);
    const len = spec.len ?? padded.length / EXT_UNIT - 1;
    padded[0] = nxt;
    padded[1] = len;
    encodeTable(padded, 0, ROUTING_REST, spec);
    return padded;
  }
  const opts = encodeIpv6Options(spec.options);
  const out = new Uint8Array(2 + opts.length);
  out[0] = nxt;
  out[1] = spec.len ?? out.length / EXT_UNIT - 1;
  out.set(opts, 2);
  return out;
}

