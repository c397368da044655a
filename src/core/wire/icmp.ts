/** ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, checksum, echo fields, and the quoted packet of error messages. */
import { hex, fieldHex } from './bytes.ts';
import { finish, pseudoHeaderSum, sumWords } from './checksum.ts';
import { addLayer, bytesField, issue, nextSpecIndex, pushField, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import type { IpContext } from './dispatch.ts';
import { decodeTable, encodeTable, type FieldDef, fieldOf, defineTable } from './field-table.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6 } from './ipv6.ts';
import {
  ICMP_ECHO_TYPES,
  ICMP_ERROR_TYPES,
  ICMP_TIME_EXCEEDED_CODES,
  ICMP_TYPE_NAMES,
  ICMP_UNREACH_CODES,
  ICMPV6_ECHO_TYPES,
  ICMPV6_ERROR_TYPES,
  ICMPV6_TYPE_NAMES,
  ICMPV6_UNREACH_CODES,
  IPPROTO,
} from './numbers.ts';
import { decodePayload } from './payload.ts';
import type { IcmpSpec } from './types.ts';
import { recordChecksum } from './verdict.ts';

export const ICMP_HEADER = 8;
const CHECKSUM_AT = 2;

function codeName(v6: boolean, type: number, code: number): string | undefined {
  if (v6) return type === 1 ? ICMPV6_UNREACH_CODES[code] : undefined;
  if (type === 3) return ICMP_UNREACH_CODES[code];
  if (type === 11) return ICMP_TIME_EXCEEDED_CODES[code];
  return undefined;
}

function headTable(v6: boolean): readonly FieldDef[] {
  const p = v6 ? 'icmpv6' : 'icmp';
  const rfc = v6 ? 'RFC 4443 §2.1' : 'RFC 792';
  const names = v6 ? ICMPV6_TYPE_NAMES : ICMP_TYPE_NAMES;
  return defineTable([
    { id: `${p}.type`, label: 'Type', byte: 0, bits: 8, key: 'type', rfc, show: (v) => `${v} (${names[v] ?? 'unknown'})`,
      explain: v6
        ? 'Kind of message: 128/129 echo (ping), 1 destination unreachable, 2 packet too big, 135/136 neighbor discovery.'
        : 'Kind of message: 8/0 echo request/reply (ping), 3 destination unreachable, 11 time exceeded.' },
    { id: `${p}.code`, label: 'Code', byte: 1, bits: 8, key: 'code', rfc,
      explain: 'Detail within the type, e.g. for "destination unreachable" why it was unreachable.' },
    { id: `${p}.checksum`, label: 'Checksum', byte: 2, bits: 16, kind: 'hex', key: 'checksum', rfc: v6 ? 'RFC 4443 §2.3' : 'RFC 792',
      explain: v6
        ? 'Ones\' complement checksum of the message and an IPv6 pseudo-header.'
        : 'Ones\' complement checksum of the whole ICMP message.' },
  ]);
}
const ICMP_HEAD = headTable(false);
const ICMPV6_HEAD = headTable(true);

function echoTable(v6: boolean): readonly FieldDef[] {
  const rfc = v6 ? 'RFC 4443 §4.1' : 'RFC 792';
  return defineTable([
    { id: v6 ? 'icmpv6.echo.identifier' : 'icmp.ident', label: 'Identifier', byte: 4, bits: 16, kind: 'hex', key: 'ident', rfc,
      explain: 'Chosen by the pinging program so it can match replies to its requests.', show: (v) => `${hex(v, 4)} (${v})` },
    { id: v6 ? 'icmpv6.echo.sequence_number' : 'icmp.seq', label: 'Sequence number', byte: 6, bits: 16, key: 'seq', rfc,
      explain: 'Counts the requests (ping prints it as icmp_seq).' },
  ]);
}
const ICMP_ECHO = echoTable(false);
const ICMPV6_ECHO = echoTable(true);

function restField(v6: boolean, type: number, code: number): { id: string; label: string; explain: string } {
  if (!v6 && type === 3 && code === 4) return { id: 'icmp.mtu', label: 'Unused / next-hop MTU', explain: 'Two unused bytes, then the MTU of the link that was too small (RFC 1191 §4).' };
  if (!v6 && type === 5) return { id: 'icmp.redir_gw', label: 'Gateway address', explain: 'The better router to use for this destination.' };
  if (v6 && type === 2) return { id: 'icmpv6.mtu', label: 'MTU', explain: 'Largest packet the next link can carry; the sender should send smaller ones.' };
  if (v6 && type === 4) return { id: 'icmpv6.pointer', label: 'Pointer', explain: 'Byte offset of the problem in the quoted packet.' };
  if (ICMP_ERROR_TYPES.has(type) || (v6 && ICMPV6_ERROR_TYPES.has(type))) {
    return { id: v6 ? 'icmpv6.reserved' : 'icmp.unused', label: 'Unused', explain: 'Not used by this message type; zero.' };
  }
  return { id: v6 ? 'icmpv6.reserved' : 'icmp.rest', label: 'Rest of header', explain: 'Second word of the header; its meaning depends on the type.' };
}

export function decodeIcmp(ctx: Ctx, start: number, end: number, ip: IpContext, v6: boolean): void {
  const b = ctx.bytes;
  const kind = v6 ? 'icmpv6' : 'icmp';
  const layer = addLayer(ctx, kind, v6 ? 'Internet Control Message Protocol v6' : 'Internet Control Message Protocol', start, ip.quoted);
  const specIndex = nextSpecIndex(ctx);
  const head = decodeTable(b, layer, v6 ? ICMPV6_HEAD : ICMP_HEAD, start, end, specIndex);
  layer.end = head.end;
  if (!head.complete || end - start < ICMP_HEADER) {
    undecoded(ctx, head.end, end, `truncated: an ${v6 ? 'ICMPv6' : 'ICMP'} header needs ${ICMP_HEADER} bytes`);
    if (!ip.quoted) issue(ctx, 'error', start, `Only ${end - start} bytes for an ${ICMP_HEADER}-byte ${v6 ? 'ICMPv6' : 'ICMP'} header`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const type = fieldOf(head, 'type')!.value as number;
  const code = fieldOf(head, 'code')!.value as number;
  const cname = codeName(v6, type, code);
  if (cname) fieldOf(head, 'code')!.display = `${code} (${cname})`;
  const spec: IcmpSpec = { layer: kind, type, code, checksum: fieldOf(head, 'checksum')!.value as number };
  const echo = v6 ? ICMPV6_ECHO_TYPES.has(type) : ICMP_ECHO_TYPES.has(type);
  if (echo) {
    const e = decodeTable(b, layer, v6 ? ICMPV6_ECHO : ICMP_ECHO, start, end, specIndex);
    spec.ident = fieldOf(e, 'ident')!.value as number;
    spec.seq = fieldOf(e, 'seq')!.value as number;
  } else {
    const r = restField(v6, type, code);
    const at = start + 4;
    const value = r.id === 'icmp.redir_gw' ? `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}` : fieldHex(b, at, at + 4);
    pushField(layer, bytesField(r.id, r.label, at, 4, value, value, r.explain, v6 ? 'RFC 4443' : 'RFC 792',
      specIndex >= 0 ? { spec: { layer: specIndex, path: ['rest'] } } : {}));
    spec.rest = b.slice(at, at + 4);
  }
  layer.end = start + ICMP_HEADER;
  if (!ip.quoted && !ctx.summary.transport) {
    const names = v6 ? ICMPV6_TYPE_NAMES : ICMP_TYPE_NAMES;
    const echoText = spec.ident !== undefined ? ` id=${hex(spec.ident, 4)} seq=${spec.seq}` : '';
    ctx.summary.transport = { text: `${v6 ? 'ICMPv6' : 'ICMP'} ${names[type] ?? `type ${type}`}${cname ? ` (${cname})` : ''}${echoText}` };
  }

  const ck = fieldOf(head, 'checksum')!;
  if (ip.quoted) ck.note = 'not verified: this header is quoted inside an ICMP error';
  else if (ip.fragment) recordChecksum(ctx, kind, layer, ck, 'unverifiable', undefined, 'the message is split into IP fragments');
  else if (ip.declaredEnd > end) {
    recordChecksum(ctx, kind, layer, ck, 'unverifiable', undefined, `it covers ${ip.declaredEnd - start} bytes but only ${end - start} were captured`);
  } else {
    const pseudo = v6 ? pseudoHeaderSum(b, ip.srcAt, ip.dstAt, 16, IPPROTO.ICMPV6, end - start) : 0;
    const expected = finish(sumWords(b, start, start + CHECKSUM_AT, sumWords(b, start + CHECKSUM_AT + 2, end, pseudo)));
    if (expected === ck.value) recordChecksum(ctx, kind, layer, ck, 'correct', expected, 'matches the message');
    else recordChecksum(ctx, kind, layer, ck, 'incorrect', expected, 'the message was changed after the checksum was computed, or is corrupt');
  }
  pushSpec(ctx, spec, layer.end);

  const body = layer.end;
  const isError = v6 ? ICMPV6_ERROR_TYPES.has(type) : ICMP_ERROR_TYPES.has(type);
  if (isError && body < end && !ip.quoted) {
    // The body quotes the IP header and first bytes of the packet that caused the error (RFC 792; RFC 4443 §2.4 (c)).
    const version = (b[body] ?? 0) >> 4;
    if (!v6 && version === 4) decodeIpv4(ctx, body, end, true);
    else if (v6 && version === 6) decodeIpv6(ctx, body, end, true);
    else undecoded(ctx, body, end, 'the quoted packet does not start with an IP header of the expected version');
    return;
  }
  if (v6 && type >= 133 && type <= 137) {
    undecoded(ctx, body, end, `${ICMPV6_TYPE_NAMES[type]} body (addresses and ND options): not decoded by PortLab`);
    return;
  }
  decodePayload(ctx, body, end, { transport: null, srcport: 0, dstport: 0, quoted: ip.quoted, declaredEnd: ip.declaredEnd });
}

export function encodeIcmpHeader(spec: IcmpSpec): Uint8Array {
  const out = new Uint8Array(ICMP_HEADER);
  const v6 = spec.layer === 'icmpv6';
  encodeTable(out, 0, v6 ? ICMPV6_HEAD : ICMP_HEAD, spec, { checksum: 0 });
  if (spec.ident !== undefined || spec.seq !== undefined) encodeTable(out, 0, v6 ? ICMPV6_ECHO : ICMP_ECHO, { ident: spec.ident ?? 0, seq: spec.seq ?? 0 });
  else if (spec.rest) out.set(spec.rest.subarray(0, 4), 4);
  return out;
}
export const ICMP_CHECKSUM_AT = CHECKSUM_AT;
