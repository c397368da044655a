/**
 * decodePacket: bytes in, layers with located fields, byte spans that tile the input, checksum
 * verdicts, issues, a summary line and editable specs out. Never throws on any input.
 */
import { readU16, fieldHex } from './bytes.ts';
import { finish, sumWords } from './checksum.ts';
import { addLayer, bytesField, issue, newCtx, pushField, type Ctx } from './context.ts';
import { decodeEthertype } from './dispatch.ts';
import { decodeEthernet, decodeNull, decodeSll, decodeSll2, nullByteOrder, readNullFamily } from './link.ts';
import { ETHER_MIN_FRAME_NO_FCS, ETHERTYPE, ETHERTYPE_NAMES, LINKTYPE, NULL_FAMILY_IPV4, NULL_FAMILY_IPV6 } from './numbers.ts';
import type { ByteSpan, DecodedField, DecodedPacket, DecodeOptions, FieldSpan, LinkName } from './types.ts';

/** Reason given to bytes no field claims; decoders should never leave any, so tests look for it. */
export const GAP_REASON = 'not described by any field table (decoder gap)';

/** The link layer for a pcap/pcapng LINKTYPE_ value, or undefined when PortLab does not decode it. */
export function linkFromLinkType(linkType: number): LinkName | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return 'ethernet';
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return 'null';
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_OLD_12:
    case LINKTYPE.RAW_OLD_14:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return 'ip';
    case LINKTYPE.LINUX_SLL:
      return 'linux-sll';
    case LINKTYPE.LINUX_SLL2:
      return 'linux-sll2';
    default:
      return undefined;
  }
}

const KNOWN_ETHERTYPES = new Set<number>([ETHERTYPE.IPV4, ETHERTYPE.IPV6, ETHERTYPE.ARP, ETHERTYPE.VLAN, ETHERTYPE.QINQ]);
const IPV4_MIN = 20;
const IPV6_HEADER = 40;

function ipv4Plausible(b: Uint8Array, at: number): { ok: boolean; checksumOk: boolean } {
  if (b.length - at < IPV4_MIN || (b[at]! >> 4) !== 4) return { ok: false, checksumOk: false };
  const ihl = (b[at]! & 15) * 4;
  const total = readU16(b, at + 2);
  if (ihl < IPV4_MIN || total < ihl || at + ihl > b.length) return { ok: false, checksumOk: false };
  return { ok: true, checksumOk: finish(sumWords(b, at, at + ihl)) === 0 };
}

function ipv6Plausible(b: Uint8Array, at: number): boolean {
  return b.length - at >= IPV6_HEADER && (b[at]! >> 4) === 6 && at + IPV6_HEADER + readU16(b, at + 4) >= b.length - 64;
}

function ethertypeMatches(b: Uint8Array, typeAt: number): boolean {
  const type = readU16(b, typeAt);
  if (!KNOWN_ETHERTYPES.has(type)) return false;
  const next = b[typeAt + 2];
  if (next === undefined) return true;
  if (type === ETHERTYPE.IPV4) return next >> 4 === 4;
  if (type === ETHERTYPE.IPV6) return next >> 4 === 6;
  return true;
}

/** Guesses the link layer of pasted bytes; the reason is reported as an `info` issue. */
export function guessLink(b: Uint8Array): { link: LinkName; reason: string } {
  const v4 = ipv4Plausible(b, 0);
  if (v4.ok && v4.checksumOk) return { link: 'ip', reason: 'starts with an IPv4 header whose checksum is correct (no link-layer header, as in tcpdump -x)' };
  if (b.length >= 14 && ethertypeMatches(b, 12)) {
    return { link: 'ethernet', reason: `Ethernet II: bytes 12–13 hold EtherType ${ETHERTYPE_NAMES[readU16(b, 12)]}` };
  }
  if (ipv6Plausible(b, 0)) return { link: 'ip', reason: 'starts with an IPv6 header (no link-layer header, as in tcpdump -x)' };
  if (b.length >= 20 && KNOWN_ETHERTYPES.has(readU16(b, 0)) && readU16(b, 2) === 0 && b[10]! <= 4 && b[11]! <= 8) {
    return { link: 'linux-sll2', reason: 'Linux cooked capture v2 (tcpdump -i any): protocol first, then interface index' };
  }
  if (b.length >= 16 && readU16(b, 0) <= 4 && readU16(b, 4) <= 8 && ethertypeMatches(b, 14)) {
    return { link: 'linux-sll', reason: 'Linux cooked capture v1: packet type, address type, address, protocol' };
  }
  if (b.length >= 4) {
    const fam = readNullFamily(b, 0, nullByteOrder(b, 0));
    if (fam === NULL_FAMILY_IPV4 || NULL_FAMILY_IPV6.has(fam)) return { link: 'null', reason: `BSD loopback header (address family ${fam})` };
  }
  if (v4.ok) return { link: 'ip', reason: 'starts like an IPv4 header (but its checksum is wrong)' };
  return { link: 'ethernet', reason: 'no link layer recognised; trying Ethernet II' };
}

/** Decodes one packet. `link` defaults to `auto`. */
export function decodePacket(bytes: Uint8Array, options: DecodeOptions = {}): DecodedPacket {
  const ctx = newCtx(bytes, options);
  let link: LinkName;
  if (!options.link || options.link === 'auto') {
    const guess = guessLink(bytes);
    link = guess.link;
    if (bytes.length > 0) issue(ctx, 'info', 0, `Link layer guessed: ${guess.reason}`);
  } else {
    link = options.link;
  }
  const end = bytes.length;
  if (end === 0) {
    issue(ctx, 'error', 0, 'No bytes to decode');
    return { link, layers: [], spans: [], issues: ctx.issues, checksums: [], summary: 'empty', specs: [] };
  }
  switch (link) {
    case 'ethernet':
      decodeEthernet(ctx, 0, end);
      break;
    case 'linux-sll':
      decodeSll(ctx, 0, end);
      break;
    case 'linux-sll2':
      decodeSll2(ctx, 0, end);
      break;
    case 'null':
      decodeNull(ctx, 0, end);
      break;
    case 'ip': {
      const version = (bytes[0] ?? 0) >> 4;
      decodeEthertype(ctx, version === 6 ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4, 0, end, false);
      break;
    }
  }
  addTrailer(ctx, link);
  finishSpecs(ctx);
  return {
    link,
    layers: ctx.layers,
    spans: buildSpans(ctx),
    issues: ctx.issues,
    checksums: ctx.checksums,
    summary: summarise(ctx),
    specs: ctx.specs,
  };
}

function addTrailer(ctx: Ctx, link: LinkName): void {
  const from = ctx.contentEnd;
  const to = ctx.bytes.length;
  if (from >= to) return;
  const id = link === 'ethernet' ? (to <= ETHER_MIN_FRAME_NO_FCS ? 'eth.padding' : 'eth.trailer') : link.startsWith('linux') ? 'sll.trailer' : 'frame.trailer';
  const padding = id === 'eth.padding';
  const layer = addLayer(ctx, 'trailer', padding ? 'Ethernet padding' : 'Trailer', from, false);
  layer.end = to;
  const field: DecodedField = bytesField(id, padding ? 'Padding' : 'Trailer', from, to - from, fieldHex(ctx.bytes, from, to), fieldHex(ctx.bytes, from, to).slice(0, 64),
    padding
      ? `Filler that brings a short frame up to Ethernet's minimum of ${ETHER_MIN_FRAME_NO_FCS} bytes (64 with the checksum); not part of the IP packet.`
      : 'Bytes after the end of the network packet, added by the link or the capture; not part of the IP packet.',
    padding ? 'IEEE 802.3 §4.2.3.3' : 'IEEE 802.3 §3.2');
  // The trailer spec comes last, after the payload spec that finishSpecs adds for bytes no spec covered.
  field.spec = { layer: ctx.specs.length + (ctx.rawFrom < from ? 1 : 0), path: ['bytes'] };
  pushField(layer, field);
}

function finishSpecs(ctx: Ctx): void {
  const contentEnd = Math.max(ctx.contentEnd, Math.min(ctx.rawFrom, ctx.bytes.length));
  if (ctx.rawFrom < contentEnd) ctx.specs.push({ layer: 'payload', bytes: ctx.bytes.slice(ctx.rawFrom, contentEnd) });
  if (contentEnd < ctx.bytes.length) ctx.specs.push({ layer: 'trailer', bytes: ctx.bytes.slice(contentEnd) });
}

function byteEnd(f: DecodedField): number {
  return f.start + (((f.bitOffset ?? 0) + f.bitLength + 7) >> 3);
}

/**
 * Builds the spans: fields sharing bytes merge into one span; anything unclaimed becomes a gap span.
 * Fields arrive in byte order almost always, so they are walked in place and merged with the (few)
 * undecoded runs, with no per-field allocation; out-of-order fields take a sorting path.
 */
function buildSpans(ctx: Ctx): ByteSpan[] {
  const layers = ctx.layers;
  const total = ctx.bytes.length;
  const gaps = ctx.undecoded.length > 1 ? [...ctx.undecoded].sort((a, b) => a.start - b.start || a.end - b.end) : ctx.undecoded;
  const spans: ByteSpan[] = [];
  let pos = 0;
  let last: FieldSpan | undefined;
  let j = 0;

  const emitGap = (start: number, end: number, reason: string): void => {
    const s = start < pos ? pos : start;
    const e = end > total ? total : end;
    if (s >= e) return;
    if (s > pos) spans.push({ kind: 'undecoded', start: pos, end: s, reason: GAP_REASON });
    spans.push({ kind: 'undecoded', start: s, end: e, reason });
    pos = e;
    last = undefined;
  };
  const emitField = (li: number, fi: number, f: DecodedField): void => {
    // Undecoded runs that begin before this field come first.
    while (j < gaps.length && (gaps[j]!.start < f.start || (gaps[j]!.start === f.start && gaps[j]!.end < byteEnd(f)))) {
      const g = gaps[j++]!;
      emitGap(g.start, g.end, g.reason);
    }
    let s = f.start;
    let e = byteEnd(f);
    if (e > total) e = total;
    if (last && li === last.layer && s < last.end) {
      // Bit fields sharing bytes with the previous span join it.
      if (last.fields[last.fields.length - 1] !== fi) last.fields.push(fi);
      if (e > last.end) last.end = pos = e;
      return;
    }
    if (s < pos) s = pos;
    if (s >= e) return;
    if (s > pos) spans.push({ kind: 'undecoded', start: pos, end: s, reason: GAP_REASON });
    last = { kind: 'field', start: s, end: e, layer: li, fields: [fi] };
    spans.push(last);
    pos = e;
  };

  let sorted = true;
  let prev = -1;
  for (let li = 0; li < layers.length && sorted; li++) {
    const fs = layers[li]!.fields;
    for (let fi = 0; fi < fs.length; fi++) {
      const start = fs[fi]!.start;
      if (start < prev) {
        sorted = false;
        break;
      }
      prev = start;
    }
  }
  if (sorted) {
    for (let li = 0; li < layers.length; li++) {
      const fs = layers[li]!.fields;
      for (let fi = 0; fi < fs.length; fi++) emitField(li, fi, fs[fi]!);
    }
  } else {
    const all: { li: number; fi: number; f: DecodedField }[] = [];
    layers.forEach((l, li) => l.fields.forEach((f, fi) => all.push({ li, fi, f })));
    all.sort((a, b) => a.f.start - b.f.start || byteEnd(a.f) - byteEnd(b.f));
    for (const x of all) emitField(x.li, x.fi, x.f);
  }
  while (j < gaps.length) {
    const g = gaps[j++]!;
    emitGap(g.start, g.end, g.reason);
  }
  if (pos < total) spans.push({ kind: 'undecoded', start: pos, end: total, reason: GAP_REASON });
  return spans;
}

/** The one-line summary, from the pieces the decoders left in `ctx.summary`. */
function summarise(ctx: Ctx): string {
  const { arp, net, transport, tls, sni } = ctx.summary;
  if (arp) return arp;
  if (!net) return ctx.layers.length ? ctx.layers.map((l) => l.name).join(' / ') : 'empty';
  const wrap = (a: string) => (net.v6 ? `[${a}]` : a);
  if (transport?.ports) {
    const tlsText = tls.length ? ` · ${tls.join(', ')}${sni === undefined ? '' : ` (SNI ${sni})`}` : '';
    return `${wrap(net.src)}:${transport.ports[0]} → ${wrap(net.dst)}:${transport.ports[1]} ${transport.text}${tlsText}`;
  }
  if (transport) return `${net.src} → ${net.dst} ${transport.text}`;
  return `${net.src} → ${net.dst} ${net.v6 ? 'IPv6' : 'IPv4'} ${net.proto}`;
}
