/** IPv4 (RFC 791 §3.1), with DSCP/ECN (RFC 2474, RFC 3168 §5), options and fragments. */
import { hex, fieldHex } from './bytes.ts';
import { finish, sumWords } from './checksum.ts';
import { addLayer, bytesField, INNER_LEFTOVER, issue, nextSpecIndex, pushField, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import { decodeIpPayload, type IpContext } from './dispatch.ts';
import { decodeTable, encodeTable, defineTable, rows } from './field-table.ts';
import { ECN_NAMES, dscpName, protoName } from './numbers.ts';
import type { DecodedLayer, Ipv4OptionSpec, Ipv4Spec } from './types.ts';
import { recordChecksum } from './verdict.ts';

const RFC = 'RFC 791 §3.1';
/** IHL counts 32-bit words (RFC 791 §3.1). */
export const IPV4_WORD = 4;
export const IPV4_MIN_HEADER = 20;
/** The fragment offset counts 8-byte units (RFC 791 §3.1). */
export const FRAGMENT_UNIT = 8;
const CHECKSUM_AT = 10;

export const IPV4_TABLE = defineTable([
  { id: 'ip.version', label: 'Version', byte: 0, bit: 0, bits: 4, key: 'version', rfc: RFC,
    explain: 'IP version: 4 here. Routers read this first to know how to parse the rest.' },
  { id: 'ip.hdr_len', label: 'Header length (IHL)', byte: 0, bit: 4, bits: 4, scale: IPV4_WORD, key: 'hdrLen', rfc: RFC,
    explain: 'Length of this header in 4-byte words: 5 (20 bytes) without options, at most 15 (60 bytes).' },
  { id: 'ip.dsfield.dscp', label: 'DSCP', byte: 1, bit: 0, bits: 6, key: 'dscp', rfc: 'RFC 2474 §3',
    explain: 'Differentiated Services code point: asks routers for a class of treatment (0 = best effort).',
    show: (v) => `${v} (${dscpName(v)})` },
  { id: 'ip.dsfield.ecn', label: 'ECN', byte: 1, bit: 6, bits: 2, key: 'ecn', rfc: 'RFC 3168 §5',
    explain: 'Explicit Congestion Notification: a router can set 11 (CE) instead of dropping the packet.',
    show: (v) => `${v.toString(2).padStart(2, '0')} (${ECN_NAMES[v] ?? ''})` },
  { id: 'ip.len', label: 'Total length', byte: 2, bits: 16, key: 'len', rfc: RFC,
    explain: 'Size of the whole IP packet, header plus data, in bytes (at most 65,535).' },
  { id: 'ip.id', label: 'Identification', byte: 4, bits: 16, kind: 'hex', key: 'id', rfc: RFC,
    explain: 'Number shared by all fragments of one datagram so the receiver can put them back together.',
    show: (v) => `${hex(v, 4)} (${v})` },
  { id: 'ip.flags.rb', label: 'Reserved bit', byte: 6, bit: 0, bits: 1, kind: 'flag', key: 'rb', rfc: RFC,
    explain: 'Reserved, must be zero.' },
  { id: 'ip.flags.df', label: "Don't fragment (DF)", byte: 6, bit: 1, bits: 1, kind: 'flag', key: 'df', rfc: RFC,
    explain: 'Forbids routers to split this packet; too big a packet is dropped with an ICMP error instead (path MTU discovery).' },
  { id: 'ip.flags.mf', label: 'More fragments (MF)', byte: 6, bit: 2, bits: 1, kind: 'flag', key: 'mf', rfc: RFC,
    explain: 'Set on every fragment except the last one of a split datagram.' },
  { id: 'ip.frag_offset', label: 'Fragment offset', byte: 6, bit: 3, bits: 13, key: 'fragOffset', rfc: RFC,
    explain: 'Where this fragment\'s data belongs in the original datagram, in 8-byte units.',
    show: (v) => `${v} (${v * FRAGMENT_UNIT} bytes)` },
  { id: 'ip.ttl', label: 'Time to live', byte: 8, bits: 8, key: 'ttl', rfc: RFC,
    explain: 'Hop budget: each router subtracts one and drops the packet at zero (traceroute relies on this).' },
  { id: 'ip.proto', label: 'Protocol', byte: 9, bits: 8, key: 'proto', rfc: RFC,
    explain: 'Which protocol the data carries: 6 TCP, 17 UDP, 1 ICMP.', show: protoName },
  { id: 'ip.checksum', label: 'Header checksum', byte: 10, bits: 16, kind: 'hex', key: 'checksum', rfc: RFC,
    explain: 'Ones\' complement checksum of this header only; every router recomputes it because the TTL changes.' },
  { id: 'ip.src', label: 'Source address', byte: 12, bits: 32, kind: 'ipv4', key: 'src', rfc: RFC,
    explain: 'IPv4 address of the sender (after any NAT on the way).' },
  { id: 'ip.dst', label: 'Destination address', byte: 16, bits: 32, kind: 'ipv4', key: 'dst', rfc: RFC,
    explain: 'IPv4 address of the final receiver.' },
]);
const IPV4_TABLE_AT = IPV4_TABLE.at;

/** IPv4 option numbers (RFC 791 §3.1; RFC 2113 Router Alert; IANA "IP Option Numbers"). */
const IPV4_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Options List',
  1: 'No-Operation',
  7: 'Record Route',
  68: 'Timestamp',
  130: 'Security',
  131: 'Loose Source Route',
  136: 'Stream ID',
  137: 'Strict Source Route',
  148: 'Router Alert',
};
const OPT_EOL = 0;
const OPT_NOP = 1;
/** Type-length-value options have a length byte that counts the type and length bytes too (RFC 791 §3.1). */
const OPT_MIN_TLV = 2;

function optionTypeDisplay(t: number): string {
  // RFC 791 §3.1: copied flag (1 bit), option class (2 bits), option number (5 bits).
  return `${t} (${IPV4_OPTION_NAMES[t] ?? 'unknown'}; copied ${t >> 7}, class ${(t >> 5) & 3}, number ${t & 31})`;
}

/** Decodes the options area; returns the options and padding, or null when it is malformed. */
function decodeOptions(
  ctx: Ctx,
  layer: DecodedLayer,
  from: number,
  to: number,
  specIndex: number,
): { options: Ipv4OptionSpec[]; padding?: Uint8Array } | null {
  const b = ctx.bytes;
  const options: Ipv4OptionSpec[] = [];
  let p = from;
  while (p < to) {
    const i = options.length;
    const type = b[p]!;
    const name = IPV4_OPTION_NAMES[type] ?? 'Unknown option';
    const group = `Option: ${name}`;
    const link = (path: (string | number)[]) => (specIndex >= 0 ? { spec: { layer: specIndex, path } } : {});
    const typeField = bytesField('ip.opt.type', 'Option type', p, 1, type, optionTypeDisplay(type),
      'Option number; its top bit says whether routers copy the option into every fragment.', RFC, { group, raw: type, ...link(['options', i, 'type']) });
    if (type === OPT_EOL || type === OPT_NOP) {
      pushField(layer, typeField);
      options.push({ type });
      p++;
      if (type === OPT_EOL) {
        if (p < to) {
          const padding = b.slice(p, to);
          pushField(layer, bytesField('ip.opt.padding', 'Padding', p, to - p, fieldHex(b, p, to), fieldHex(b, p, to),
            'Zero bytes after the End of Options List that fill the header to a multiple of 4 bytes.', RFC, { group, ...link(['padding']) }));
          // Zero padding is left out of the spec only when the encoder puts it back: up to the next 4-byte boundary.
          const implied = padding.every((x) => x === 0) && Math.ceil((p - from) / IPV4_WORD) * IPV4_WORD === to - from;
          return implied ? { options } : { options, padding };
        }
        return { options };
      }
      continue;
    }
    if (p + 1 >= to) {
      pushField(layer, typeField);
      undecoded(ctx, p + 1, to, 'option length byte missing: the options area ends here');
      issue(ctx, 'error', p, `IPv4 option ${type} has no length byte`);
      return null;
    }
    const len = b[p + 1]!;
    if (len < OPT_MIN_TLV || p + len > to) {
      undecoded(ctx, p, to, len < OPT_MIN_TLV
        ? `IPv4 option length ${len} is below the minimum ${OPT_MIN_TLV}: the remaining options cannot be split`
        : `IPv4 option of length ${len} runs past the end of the header`);
      issue(ctx, 'error', p + 1, `Bad IPv4 option length ${len} at byte ${p + 1}`);
      return null;
    }
    pushField(layer, typeField);
    pushField(layer, bytesField('ip.opt.len', 'Option length', p + 1, 1, len, `${len}`,
      'Length of the whole option, type and length bytes included.', RFC, { group, raw: len }));
    if (len > OPT_MIN_TLV) {
      pushField(layer, bytesField('ip.opt.value', 'Option data', p + 2, len - OPT_MIN_TLV, fieldHex(b, p + 2, p + len), fieldHex(b, p + 2, p + len),
        'The option\'s own data (addresses for route options, a value for Router Alert).', RFC, { group, ...link(['options', i, 'data']) }));
    }
    options.push({ type, data: b.slice(p + 2, p + len) });
    p += len;
  }
  return { options };
}

export function decodeIpv4(ctx: Ctx, start: number, end: number, quoted: boolean): void {
  const b = ctx.bytes;
  const layer = addLayer(ctx, 'ip', 'Internet Protocol version 4', start, quoted);
  const specIndex = nextSpecIndex(ctx);
  const fixed = decodeTable(b, layer, IPV4_TABLE, start, end, specIndex);
  layer.end = fixed.end;
  if (!fixed.complete) {
    undecoded(ctx, fixed.end, end, `truncated: an IPv4 header needs at least ${IPV4_MIN_HEADER} bytes, only ${end - start} present`);
    issue(ctx, 'error', start, `Only ${end - start} bytes for an IPv4 header of at least ${IPV4_MIN_HEADER}`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const f = rows(fixed);
  const version = f(IPV4_TABLE_AT.version).value as number;
  if (version !== 4) issue(ctx, 'warning', start, `Version field is ${version}, not 4`);
  const hdrLen = f(IPV4_TABLE_AT.hdrLen).value as number;
  if (hdrLen < IPV4_MIN_HEADER) {
    f(IPV4_TABLE_AT.hdrLen).note = `below the minimum of ${IPV4_MIN_HEADER} bytes (5 words)`;
    issue(ctx, 'error', start, `IHL ${hdrLen / IPV4_WORD} (${hdrLen} bytes) is below the minimum 5 (20 bytes)`);
    undecoded(ctx, layer.end, end, 'IPv4 header length is below 20 bytes, so the payload cannot be located');
    stopSpecs(ctx, start, layer);
    return;
  }
  const hdrEnd = start + hdrLen;
  if (hdrEnd > end) {
    f(IPV4_TABLE_AT.hdrLen).note = `runs past the end: only ${end - start} bytes present`;
    issue(ctx, 'error', start, `IHL says ${hdrLen} header bytes but only ${end - start} are present`);
    undecoded(ctx, layer.end, end, `IPv4 options truncated: the header should end at byte ${hdrEnd}`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const opts = hdrLen > IPV4_MIN_HEADER ? decodeOptions(ctx, layer, start + IPV4_MIN_HEADER, hdrEnd, specIndex) : { options: [] };
  layer.end = hdrEnd;

  // Header checksum: the sum over the header with the checksum field left out.
  const ck = f(IPV4_TABLE_AT.checksum);
  const expected = finish(sumWords(b, start, start + CHECKSUM_AT, sumWords(b, start + CHECKSUM_AT + 2, hdrEnd)));
  const value = ck.value as number;
  if (value === expected) recordChecksum(ctx, 'ip', layer, ck, 'correct', expected, 'matches the header');
  else {
    recordChecksum(ctx, 'ip', layer, ck, 'incorrect', expected, value === 0
      ? 'a zero here in a capture from the sending host usually means the network card fills it in (checksum offload)'
      : 'the header was changed after the checksum was computed, or is corrupt');
  }

  const totalLen = f(IPV4_TABLE_AT.len).value as number;
  let lengthOk = true;
  let payloadEnd = Math.min(start + totalLen, end);
  if (totalLen < hdrLen) {
    lengthOk = false;
    payloadEnd = end;
    f(IPV4_TABLE_AT.len).note = `smaller than the header length ${hdrLen}`;
    issue(ctx, 'error', start + 2, `Total length ${totalLen} is smaller than the header length ${hdrLen}`);
  } else if (start + totalLen > end) {
    const present = end - start;
    const origLen = ctx.options.origLen;
    const snapped = !quoted && origLen !== undefined && origLen > ctx.bytes.length;
    f(IPV4_TABLE_AT.len).note = quoted
      ? `the ICMP error quotes only the first ${present} bytes`
      : snapped ? `the capture kept only ${present} bytes of it (snap length)` : `larger than the ${present} bytes present`;
    if (!quoted) {
      issue(ctx, snapped ? 'info' : 'warning', start + 2, snapped
        ? `Packet truncated by the capture's snap length: IPv4 total length ${totalLen}, ${present} bytes captured`
        : `IPv4 total length ${totalLen} is larger than the ${present} bytes present`);
    }
  }
  // A packet inside another (a tunnel, an ICMP error's quote) may end before the space the outer
  // one gives it; the outermost packet's leftover bytes are the link trailer instead (decode.ts).
  if (ctx.networkSeen && lengthOk && payloadEnd < end) undecoded(ctx, payloadEnd, end, INNER_LEFTOVER);
  if (!ctx.networkSeen) {
    ctx.networkSeen = true;
    if (lengthOk) ctx.contentEnd = payloadEnd;
    ctx.summary.net = { src: f(IPV4_TABLE_AT.src).value as string, dst: f(IPV4_TABLE_AT.dst).value as string, v6: false, proto: f(IPV4_TABLE_AT.proto).display };
  }

  if (!opts || !lengthOk) {
    stopSpecs(ctx, start, layer);
  } else {
    const spec: Ipv4Spec = {
      layer: 'ip',
      version,
      hdrLen,
      dscp: f(IPV4_TABLE_AT.dscp).value as number,
      ecn: f(IPV4_TABLE_AT.ecn).value as number,
      len: totalLen,
      id: f(IPV4_TABLE_AT.id).value as number,
      rb: f(IPV4_TABLE_AT.rb).value as boolean,
      df: f(IPV4_TABLE_AT.df).value as boolean,
      mf: f(IPV4_TABLE_AT.mf).value as boolean,
      fragOffset: f(IPV4_TABLE_AT.fragOffset).value as number,
      ttl: f(IPV4_TABLE_AT.ttl).value as number,
      proto: f(IPV4_TABLE_AT.proto).value as number,
      checksum: value,
      src: f(IPV4_TABLE_AT.src).value as string,
      dst: f(IPV4_TABLE_AT.dst).value as string,
      options: opts.options,
    };
    if (opts.padding) spec.padding = opts.padding;
    pushSpec(ctx, spec, hdrEnd);
  }
  if (!lengthOk) {
    undecoded(ctx, hdrEnd, end, 'payload not decoded: the total length field is invalid');
    return;
  }

  const fragOffset = f(IPV4_TABLE_AT.fragOffset).value as number;
  const mf = f(IPV4_TABLE_AT.mf).value as boolean;
  const proto = f(IPV4_TABLE_AT.proto).value as number;
  if (fragOffset > 0) {
    f(IPV4_TABLE_AT.fragOffset).note = 'not the first fragment: the transport header travelled in the first one';
    undecoded(ctx, hdrEnd, payloadEnd,
      `fragment data at offset ${fragOffset * FRAGMENT_UNIT} of the original datagram: reassembly needs the other fragments`);
    issue(ctx, 'info', hdrEnd, `Non-first IPv4 fragment (offset ${fragOffset * FRAGMENT_UNIT} bytes): payload not parsed as ${protoName(proto)}`);
    return;
  }
  if (mf) f(IPV4_TABLE_AT.mf).note = 'first fragment: the rest of the datagram follows in other packets';
  const ip: IpContext = {
    family: 4,
    srcAt: start + 12,
    dstAt: start + 16,
    declaredEnd: start + totalLen,
    fragment: mf,
    quoted,
  };
  decodeIpPayload(ctx, proto, hdrEnd, payloadEnd, ip);
}

/** Serialises the options (and padding up to a 4-byte boundary, at most 40 bytes of options). */
export function encodeIpv4Options(spec: Ipv4Spec): Uint8Array {
  const parts: number[] = [];
  for (const o of spec.options) {
    if (o.type === OPT_EOL || o.type === OPT_NOP) parts.push(o.type);
    else {
      const data = o.data ?? new Uint8Array(0);
      parts.push(o.type, OPT_MIN_TLV + data.length, ...data);
    }
  }
  if (spec.padding) parts.push(...spec.padding);
  while (parts.length % IPV4_WORD !== 0) parts.push(0);
  return Uint8Array.from(parts);
}

/** IPv4 header for a spec; computed values are given by the encoder. */
export function encodeIpv4(spec: Ipv4Spec, computed: { hdrLen: number; len: number; proto: number }, options: Uint8Array): Uint8Array {
  const out = new Uint8Array(IPV4_MIN_HEADER + options.length);
  encodeTable(out, 0, IPV4_TABLE, spec, {
    version: spec.version ?? 4,
    hdrLen: computed.hdrLen,
    len: computed.len,
    proto: computed.proto,
    checksum: 0,
  });
  out.set(options, IPV4_MIN_HEADER);
  const sum = spec.checksum ?? finish(sumWords(out, 0, Math.min(out.length, computed.hdrLen)));
  out[CHECKSUM_AT] = sum >> 8;
  out[CHECKSUM_AT + 1] = sum & 0xff;
  return out;
}

