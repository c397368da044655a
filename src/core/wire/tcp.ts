/** TCP (RFC 9293 §3.1): every header field, every flag, and the options of RFC 9293 §3.2, RFC 7323, RFC 2018, RFC 7413. */
import { fieldHex } from './bytes.ts';
import { finish, fold, pseudoHeaderSum, sumWords } from './checksum.ts';
import { addLayer, bytesField, issue, nextSpecIndex, pushField, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import type { IpContext } from './dispatch.ts';
import { decodeTable, encodeTable, fieldOf, defineTable, rows } from './field-table.ts';
import { IPPROTO } from './numbers.ts';
import { decodePayload } from './payload.ts';
import { defaultServiceName, portDisplay } from './services.ts';
import type { DecodedField, DecodedLayer, TcpOptionSpec, TcpSpec } from './types.ts';
import { OFFLOAD_EXPLANATION, recordChecksum } from './verdict.ts';

const RFC = 'RFC 9293 §3.1';
/** The data offset counts 32-bit words (RFC 9293 §3.1). */
export const TCP_WORD = 4;
export const TCP_MIN_HEADER = 20;
const CHECKSUM_AT = 16;
/** Window scale shift counts above 14 are treated as 14 (RFC 7323 §2.3). */
export const MAX_WSCALE = 14;

export const TCP_TABLE = defineTable([
  { id: 'tcp.srcport', label: 'Source port', byte: 0, bits: 16, key: 'srcport', rfc: RFC,
    explain: 'Port of the sending socket; with the addresses it identifies the connection.' },
  { id: 'tcp.dstport', label: 'Destination port', byte: 2, bits: 16, key: 'dstport', rfc: RFC,
    explain: 'Port of the receiving socket; for a new connection, the port the server listens on.' },
  { id: 'tcp.seq_raw', label: 'Sequence number', byte: 4, bits: 32, key: 'seq', rfc: RFC,
    explain: 'Number of the first data byte in this segment (SYN and FIN count as one byte each).' },
  { id: 'tcp.ack_raw', label: 'Acknowledgment number', byte: 8, bits: 32, key: 'ack', rfc: RFC,
    explain: 'When ACK is set: the next byte the sender expects from the other side, confirming all before it.' },
  { id: 'tcp.hdr_len', label: 'Data offset', byte: 12, bit: 0, bits: 4, scale: TCP_WORD, key: 'hdrLen', rfc: RFC,
    explain: 'Length of the TCP header in 4-byte words: 5 (20 bytes) without options, at most 15 (60 bytes).' },
  { id: 'tcp.flags.res', label: 'Reserved', byte: 12, bit: 4, bits: 3, key: 'res', rfc: 'RFC 9293 §3.1; RFC 9768',
    explain: 'Three bits reserved for future use; senders set them to zero.' },
  { id: 'tcp.flags.ae', label: 'AE (Accurate ECN)', byte: 12, bit: 7, bits: 1, kind: 'flag', key: 'ae', rfc: 'RFC 9768 §3.1',
    explain: 'Formerly reserved (once NS, the ECN nonce); AccECN uses it with CWR and ECE as a 3-bit counter of congestion marks.' },
  { id: 'tcp.flags.cwr', label: 'CWR', byte: 13, bit: 0, bits: 1, kind: 'flag', key: 'cwr', rfc: 'RFC 3168 §6.1',
    explain: 'Congestion Window Reduced: the sender has slowed down after an ECN-Echo.' },
  { id: 'tcp.flags.ece', label: 'ECE', byte: 13, bit: 1, bits: 1, kind: 'flag', key: 'ece', rfc: 'RFC 3168 §6.1',
    explain: 'ECN-Echo: on a SYN, offers ECN; later, reports that a router marked a packet instead of dropping it.' },
  { id: 'tcp.flags.urg', label: 'URG', byte: 13, bit: 2, bits: 1, kind: 'flag', key: 'urg', rfc: RFC,
    explain: 'The urgent pointer is meaningful (rarely used; new applications should not).' },
  { id: 'tcp.flags.ack', label: 'ACK', byte: 13, bit: 3, bits: 1, kind: 'flag', key: 'ackFlag', rfc: RFC,
    explain: 'The acknowledgment number is meaningful; set on every segment after the first SYN.' },
  { id: 'tcp.flags.push', label: 'PSH', byte: 13, bit: 4, bits: 1, kind: 'flag', key: 'psh', rfc: RFC,
    explain: 'Push: deliver the data to the application now rather than waiting for more.' },
  { id: 'tcp.flags.reset', label: 'RST', byte: 13, bit: 5, bits: 1, kind: 'flag', key: 'rst', rfc: RFC,
    explain: 'Reset: abort the connection at once (also the answer to a SYN for a closed port).' },
  { id: 'tcp.flags.syn', label: 'SYN', byte: 13, bit: 6, bits: 1, kind: 'flag', key: 'syn', rfc: RFC,
    explain: 'Synchronize: opens a connection and carries the initial sequence number.' },
  { id: 'tcp.flags.fin', label: 'FIN', byte: 13, bit: 7, bits: 1, kind: 'flag', key: 'fin', rfc: RFC,
    explain: 'Finish: the sender has no more data to send.' },
  { id: 'tcp.window_size_value', label: 'Window', byte: 14, bits: 16, key: 'window', rfc: 'RFC 9293 §3.1; RFC 7323 §2',
    explain: 'How many more bytes the sender of this segment is ready to receive (before window scaling).' },
  { id: 'tcp.checksum', label: 'Checksum', byte: 16, bits: 16, kind: 'hex', key: 'checksum', rfc: 'RFC 9293 §3.1',
    explain: 'Ones\' complement checksum of a pseudo-header (addresses, protocol, length), the TCP header and the data.' },
  { id: 'tcp.urgent_pointer', label: 'Urgent pointer', byte: 18, bits: 16, key: 'urgentPointer', rfc: 'RFC 9293 §3.1, §3.8.5',
    explain: 'With URG: offset from this sequence number to the byte after the urgent data.' },
]);
const TCP_TABLE_AT = TCP_TABLE.at;

/** TCP option kinds (IANA "TCP Option Kind Numbers"; FACTS.md §1.9). */
export const TCP_OPTION = { EOL: 0, NOP: 1, MSS: 2, WSCALE: 3, SACK_PERM: 4, SACK: 5, TIMESTAMP: 8, MD5: 19, TFO: 34 } as const;
const OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Option List (EOL)',
  1: 'No-Operation (NOP)',
  2: 'Maximum segment size',
  3: 'Window scale',
  4: 'SACK permitted',
  5: 'SACK',
  8: 'Timestamps',
  19: 'TCP MD5 signature',
  28: 'User Timeout',
  29: 'TCP Authentication Option',
  30: 'Multipath TCP',
  34: 'TCP Fast Open cookie',
  253: 'Experimental',
  254: 'Experimental',
};
const OPTION_RFC: Readonly<Record<number, string>> = {
  0: 'RFC 9293 §3.2',
  1: 'RFC 9293 §3.2',
  2: 'RFC 9293 §3.2, §3.7.1',
  3: 'RFC 7323 §2.2',
  4: 'RFC 2018 §2',
  5: 'RFC 2018 §3',
  8: 'RFC 7323 §3.2',
  19: 'RFC 2385',
  29: 'RFC 5925',
  34: 'RFC 7413 §4.1.1',
};
/** Lengths of options whose length is fixed (RFC 9293 §3.2; RFC 7323; RFC 2018). */
const FIXED_LENGTH: Readonly<Record<number, number>> = { 2: 4, 3: 3, 4: 2, 8: 10 };
const SACK_BLOCK = 8;
/** TFO: 2 bytes for a cookie request, else a 4–16 byte cookie (RFC 7413 §4.1.1). */
const TFO_MIN_COOKIE = 4;
const TFO_MAX_COOKIE = 16;

function decodeOptions(
  ctx: Ctx,
  layer: DecodedLayer,
  from: number,
  to: number,
  specIndex: number,
  syn: boolean,
): { options: TcpOptionSpec[]; padding?: Uint8Array } | null {
  const b = ctx.bytes;
  const options: TcpOptionSpec[] = [];
  let p = from;
  while (p < to) {
    const kind = b[p]!;
    const i = options.length;
    const name = OPTION_NAMES[kind] ?? 'Unknown';
    const rfc = OPTION_RFC[kind] ?? 'IANA TCP Option Kind Numbers';
    const group = `Option: ${name}`;
    const link = (path: (string | number)[]): Partial<DecodedField> => (specIndex >= 0 ? { spec: { layer: specIndex, path: ['options', i, ...path] } } : {});
    const kindField = bytesField('tcp.option_kind', 'Kind', p, 1, kind, `${kind} (${name})`,
      'Which option this is; kinds 0 and 1 are a single byte, all others are followed by a length.', rfc, { group, raw: kind });
    if (kind === TCP_OPTION.EOL || kind === TCP_OPTION.NOP) {
      kindField.explain = kind === TCP_OPTION.EOL
        ? 'End of Option List: nothing but zero padding follows.'
        : 'No-Operation: a one-byte filler that aligns the next option to a 4-byte boundary.';
      pushField(layer, kindField);
      options.push({ kind: kind === TCP_OPTION.EOL ? 'eol' : 'nop' });
      p++;
      if (kind === TCP_OPTION.EOL && p < to) {
        pushField(layer, bytesField('tcp.options.padding', 'Padding', p, to - p, fieldHex(b, p, to), fieldHex(b, p, to),
          'Bytes after End of Option List that fill the header to its data offset; they should be zero.', 'RFC 9293 §3.1',
          { group, ...(specIndex >= 0 ? { spec: { layer: specIndex, path: ['padding'] } } : {}) }));
        const padding = b.slice(p, to);
        // Zero padding is left out of the spec only when the encoder puts it back: up to the next 4-byte boundary.
        const implied = padding.every((x) => x === 0) && Math.ceil((p - from) / TCP_WORD) * TCP_WORD === to - from;
        return implied ? { options } : { options, padding };
      }
      if (kind === TCP_OPTION.EOL) return { options };
      continue;
    }
    if (p + 1 >= to) {
      pushField(layer, kindField);
      undecoded(ctx, p + 1, to, `option kind ${kind} has no length byte: the options are truncated`);
      issue(ctx, 'error', p, `TCP option kind ${kind} at byte ${p} is cut off before its length byte`);
      return null;
    }
    const len = b[p + 1]!;
    if (len < 2) {
      undecoded(ctx, p, to, `option length ${len} is impossible (at least 2: kind and length): the remaining options cannot be split`);
      issue(ctx, 'error', p + 1, `TCP option kind ${kind} has length ${len}; the minimum is 2`);
      return null;
    }
    if (p + len > to) {
      undecoded(ctx, p, to, `option length ${len} runs past the end of the TCP header at byte ${to}: options truncated`);
      issue(ctx, 'error', p + 1, `TCP option kind ${kind} (length ${len}) does not fit in the header`);
      return null;
    }
    if (kind === TCP_OPTION.SACK_PERM && len === 2) {
      // The option means what its presence says; Wireshark names the whole two bytes tcp.options.sack_perm.
      pushField(layer, bytesField('tcp.options.sack_perm', 'SACK permitted', p, 2, fieldHex(b, p, p + 2), 'Set',
        'This side can handle selective acknowledgments (RFC 2018); sent on SYN segments only.', rfc, { group }));
    }
    pushField(layer, kindField);
    pushField(layer, bytesField('tcp.option_len', 'Length', p + 1, 1, len, String(len),
      'Length of the whole option, kind and length bytes included.', rfc, { group, raw: len }));
    const v = p + 2;
    const expected = FIXED_LENGTH[kind];
    const wrongLength = expected !== undefined && expected !== len;
    const sackOk = kind === TCP_OPTION.SACK && len > 2 && (len - 2) % SACK_BLOCK === 0;
    const tfoOk = kind === TCP_OPTION.TFO && (len === 2 || (len - 2 >= TFO_MIN_COOKIE && len - 2 <= TFO_MAX_COOKIE && len % 2 === 0));
    if (wrongLength) {
      issue(ctx, 'warning', p + 1, `${name} option should be ${expected} bytes long, not ${len}`);
    }
    if (kind === TCP_OPTION.MSS && !wrongLength) {
      const mss = (b[v]! << 8) | b[v + 1]!;
      pushField(layer, bytesField('tcp.options.mss_val', 'MSS', v, 2, mss, `${mss} bytes`,
        'Largest segment payload this side wants to receive; sent only on SYN segments.', rfc,
        { group, raw: mss, ...link(['mss']), ...(syn ? {} : { note: 'an MSS option outside a SYN is ignored (RFC 9293 §3.7.1)' }) }));
      options.push({ kind: 'mss', mss });
    } else if (kind === TCP_OPTION.WSCALE && !wrongLength) {
      const shift = b[v]!;
      const note = shift > MAX_WSCALE ? `above the maximum ${MAX_WSCALE}; receivers use ${MAX_WSCALE} (RFC 7323 §2.3)` : undefined;
      pushField(layer, bytesField('tcp.options.wscale.shift', 'Shift count', v, 1, shift,
        `${shift} (windows are multiplied by ${2 ** Math.min(shift, MAX_WSCALE)})`,
        'The other side must multiply this side\'s later window values by 2^shift; agreed only in the SYN and SYN-ACK.', rfc,
        { group, raw: shift, ...link(['shift']), ...(note ? { note } : {}) }));
      options.push({ kind: 'wscale', shift });
    } else if (kind === TCP_OPTION.SACK_PERM && !wrongLength) {
      options.push({ kind: 'sack_perm' });
    } else if (sackOk) {
      const blocks: { le: number; re: number }[] = [];
      for (let q = v, n = 0; q < p + len; q += SACK_BLOCK, n++) {
        const le = ((b[q]! << 24) | (b[q + 1]! << 16) | (b[q + 2]! << 8) | b[q + 3]!) >>> 0;
        const re = ((b[q + 4]! << 24) | (b[q + 5]! << 16) | (b[q + 6]! << 8) | b[q + 7]!) >>> 0;
        pushField(layer, bytesField('tcp.options.sack_le', `Block ${n + 1} left edge`, q, 4, le, String(le),
          'First sequence number of a block of data received out of order.', rfc, { group, raw: le, ...link(['blocks', n, 'le']) }));
        pushField(layer, bytesField('tcp.options.sack_re', `Block ${n + 1} right edge`, q + 4, 4, re, String(re),
          'Sequence number just after that block.', rfc, { group, raw: re, ...link(['blocks', n, 're']) }));
        blocks.push({ le, re });
      }
      options.push({ kind: 'sack', blocks });
    } else if (kind === TCP_OPTION.TIMESTAMP && !wrongLength) {
      const tsval = ((b[v]! << 24) | (b[v + 1]! << 16) | (b[v + 2]! << 8) | b[v + 3]!) >>> 0;
      const tsecr = ((b[v + 4]! << 24) | (b[v + 5]! << 16) | (b[v + 6]! << 8) | b[v + 7]!) >>> 0;
      pushField(layer, bytesField('tcp.options.timestamp.tsval', 'Timestamp value', v, 4, tsval, String(tsval),
        'Sender\'s clock tick when it sent this segment (units are up to the sender); used for RTT and PAWS.', rfc,
        { group, raw: tsval, ...link(['tsval']) }));
      pushField(layer, bytesField('tcp.options.timestamp.tsecr', 'Timestamp echo reply', v + 4, 4, tsecr, String(tsecr),
        'The most recent timestamp value received from the other side, echoed back (0 in a first SYN).', rfc,
        { group, raw: tsecr, ...link(['tsecr']) }));
      options.push({ kind: 'timestamp', tsval, tsecr });
    } else if (tfoOk) {
      if (len === 2) kindField.note = 'cookie request: the client asks the server for a Fast Open cookie';
      else {
        pushField(layer, bytesField('tcp.options.tfo.cookie', 'Fast Open cookie', v, len - 2, fieldHex(b, v, p + len), fieldHex(b, v, p + len),
          'Cookie the server gave earlier; with it a client may send data in its SYN.', rfc, { group, ...link(['cookie']) }));
      }
      options.push({ kind: 'tfo', cookie: b.slice(v, p + len) });
    } else {
      if (kind === TCP_OPTION.SACK || kind === TCP_OPTION.TFO) issue(ctx, 'warning', p + 1, `${name} option with impossible length ${len}`);
      if (len > 2) {
        const id = kind === TCP_OPTION.MD5 ? 'tcp.options.md5.digest'
          : kind === 253 || kind === 254 ? 'tcp.options.experimental.data' : 'tcp.options.unknown.payload';
        pushField(layer, bytesField(id, 'Option data', v, len - 2, fieldHex(b, v, p + len), fieldHex(b, v, p + len),
          'Data of an option PortLab does not interpret, shown raw; receivers skip options they do not know.', rfc,
          { group, ...link(['data']) }));
      }
      options.push({ kind: 'raw', type: kind, data: b.slice(v, p + len) });
    }
    p += len;
  }
  return { options };
}

export function decodeTcp(ctx: Ctx, start: number, end: number, ip: IpContext): void {
  const b = ctx.bytes;
  const layer = addLayer(ctx, 'tcp', 'Transmission Control Protocol', start, ip.quoted);
  const specIndex = nextSpecIndex(ctx);
  const fixed = decodeTable(b, layer, TCP_TABLE, start, end, specIndex);
  layer.end = fixed.end;
  const f = rows(fixed);
  const service = ctx.options.serviceName ?? defaultServiceName;
  for (const k of ['srcport', 'dstport']) {
    const port = fieldOf(fixed, k);
    if (port) port.display = portDisplay(port.value as number, service(port.value as number, 'tcp'));
  }
  if (!fixed.complete) {
    if (!ip.quoted && !ctx.summary.transport) {
      const sp = fieldOf(fixed, 'srcport');
      const dp = fieldOf(fixed, 'dstport');
      ctx.summary.transport = { text: 'TCP (truncated header)', ...(sp && dp ? { ports: [sp.value as number, dp.value as number] as [number, number] } : {}) };
    }
    undecoded(ctx, fixed.end, end, ip.quoted
      ? `the ICMP error quotes only the first ${end - start} bytes of the TCP header`
      : `truncated: a TCP header needs at least ${TCP_MIN_HEADER} bytes, only ${end - start} present`);
    if (!ip.quoted) issue(ctx, 'error', start, `Only ${end - start} bytes for a TCP header of at least ${TCP_MIN_HEADER}`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const syn = f(TCP_TABLE_AT.syn).value as boolean;
  const ackSet = f(TCP_TABLE_AT.ackFlag).value as boolean;
  annotate(f, syn, ackSet);
  if (!ip.quoted && !ctx.summary.transport) ctx.summary.transport = tcpSummary(f, ip.declaredEnd, start);

  const hdrLen = f(TCP_TABLE_AT.hdrLen).value as number;
  if (hdrLen < TCP_MIN_HEADER) {
    f(TCP_TABLE_AT.hdrLen).note = `below the minimum of ${TCP_MIN_HEADER} bytes (5 words)`;
    issue(ctx, 'error', start + 12, `Data offset ${hdrLen / TCP_WORD} (${hdrLen} bytes) is below the minimum 5 (20 bytes)`);
    undecoded(ctx, layer.end, end, 'TCP data offset is below 20 bytes, so the options and data cannot be located');
    stopSpecs(ctx, start, layer);
    return;
  }
  const hdrEnd = start + hdrLen;
  if (hdrEnd > end) {
    f(TCP_TABLE_AT.hdrLen).note = `runs past the end: only ${end - start} bytes present`;
    if (!ip.quoted) issue(ctx, 'error', start + 12, `Data offset says ${hdrLen} header bytes but only ${end - start} are present`);
    undecoded(ctx, layer.end, end, ip.quoted
      ? 'the rest of the quoted TCP header is not in the ICMP error'
      : `TCP options truncated: the header should end at byte ${hdrEnd}`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const opts = hdrLen > TCP_MIN_HEADER ? decodeOptions(ctx, layer, start + TCP_MIN_HEADER, hdrEnd, specIndex, syn) : { options: [] };
  layer.end = hdrEnd;
  verifyChecksum(ctx, layer, f(TCP_TABLE_AT.checksum), start, end, ip);

  if (opts) {
    const spec: TcpSpec = {
      layer: 'tcp',
      srcport: f(TCP_TABLE_AT.srcport).value as number,
      dstport: f(TCP_TABLE_AT.dstport).value as number,
      seq: f(TCP_TABLE_AT.seq).value as number,
      ack: f(TCP_TABLE_AT.ack).value as number,
      hdrLen,
      res: f(TCP_TABLE_AT.res).value as number,
      ae: f(TCP_TABLE_AT.ae).value as boolean,
      cwr: f(TCP_TABLE_AT.cwr).value as boolean,
      ece: f(TCP_TABLE_AT.ece).value as boolean,
      urg: f(TCP_TABLE_AT.urg).value as boolean,
      ackFlag: ackSet,
      psh: f(TCP_TABLE_AT.psh).value as boolean,
      rst: f(TCP_TABLE_AT.rst).value as boolean,
      syn,
      fin: f(TCP_TABLE_AT.fin).value as boolean,
      window: f(TCP_TABLE_AT.window).value as number,
      checksum: f(TCP_TABLE_AT.checksum).value as number,
      urgentPointer: f(TCP_TABLE_AT.urgentPointer).value as number,
      options: opts.options,
    };
    if (opts.padding) spec.padding = opts.padding;
    pushSpec(ctx, spec, hdrEnd);
  } else {
    stopSpecs(ctx, start, layer);
  }
  decodePayload(ctx, hdrEnd, end, { transport: 'tcp', srcport: f(TCP_TABLE_AT.srcport).value as number, dstport: f(TCP_TABLE_AT.dstport).value as number, quoted: ip.quoted, declaredEnd: ip.declaredEnd });
}

const FLAG_NAMES: readonly [number, string][] = [[TCP_TABLE_AT.syn, 'SYN'], [TCP_TABLE_AT.fin, 'FIN'], [TCP_TABLE_AT.rst, 'RST'], [TCP_TABLE_AT.psh, 'PSH'], [TCP_TABLE_AT.ackFlag, 'ACK'], [TCP_TABLE_AT.urg, 'URG'], [TCP_TABLE_AT.ece, 'ECE'], [TCP_TABLE_AT.cwr, 'CWR'], [TCP_TABLE_AT.ae, 'AE']];

/** "TCP [SYN, ACK] seq=… ack=… win=… len=…" for the packet list (len counts data bytes per the IP length). */
function tcpSummary(f: (row: number) => DecodedField, declaredEnd: number, start: number): { ports: [number, number]; text: string } {
  let flags = '';
  for (const [key, name] of FLAG_NAMES) if (f(key).value === true) flags += (flags ? ', ' : '') + name;
  const hdrLen = f(TCP_TABLE_AT.hdrLen).value as number;
  const len = Math.max(0, declaredEnd - start - Math.max(hdrLen, TCP_MIN_HEADER));
  const ack = f(TCP_TABLE_AT.ackFlag).value === true ? ` ack=${f(TCP_TABLE_AT.ack).value}` : '';
  return {
    ports: [f(TCP_TABLE_AT.srcport).value as number, f(TCP_TABLE_AT.dstport).value as number],
    text: `TCP [${flags}] seq=${f(TCP_TABLE_AT.seq).value}${ack} win=${f(TCP_TABLE_AT.window).value} len=${len}`,
  };
}

/** Notes on what a single packet can and cannot tell about the numbers. */
function annotate(f: (row: number) => DecodedField, syn: boolean, ackSet: boolean): void {
  f(TCP_TABLE_AT.seq).note = syn
    ? 'the initial sequence number (ISN): the first data byte will be ISN + 1'
    : 'absolute value; Wireshark shows it relative to the ISN, which only the start of the connection reveals';
  f(TCP_TABLE_AT.ack).note = ackSet
    ? 'absolute value; relative numbers need the other side\'s ISN from the handshake'
    : 'ignored: the ACK flag is not set';
  f(TCP_TABLE_AT.window).note = syn
    ? 'never scaled in a SYN or SYN-ACK; a window scale option applies to later segments (RFC 7323 §2.2)'
    : 'multiply by 2^shift from the handshake\'s window scale option; one packet cannot tell the factor';
  if (!(f(TCP_TABLE_AT.urg).value as boolean)) f(TCP_TABLE_AT.urgentPointer).note = 'ignored: URG is not set';
  if ((f(TCP_TABLE_AT.res).value as number) !== 0) f(TCP_TABLE_AT.res).note = 'should be zero';
}

/** TCP and UDP share the checksum rules (RFC 9293 §3.1; RFC 768); `zeroMeansNone` is UDP over IPv4. */
export function verifyChecksum(
  ctx: Ctx,
  layer: DecodedLayer,
  field: DecodedField,
  start: number,
  end: number,
  ip: IpContext,
  kind: 'tcp' | 'udp' = 'tcp',
  udpLength?: number,
): void {
  const value = field.value as number;
  const proto = kind === 'tcp' ? IPPROTO.TCP : IPPROTO.UDP;
  if (ip.quoted) {
    field.note = 'not verified: this header is quoted inside an ICMP error';
    return;
  }
  if (kind === 'udp' && value === 0) {
    if (ip.family === 4) {
      recordChecksum(ctx, 'udp', layer, field, 'none', undefined, 'the sender chose not to compute one');
      return;
    }
  }
  const segEnd = kind === 'udp' && udpLength !== undefined ? start + udpLength : ip.declaredEnd;
  if (ip.fragment) {
    recordChecksum(ctx, kind, layer, field, 'unverifiable', undefined, 'it covers the whole datagram, and this is only one IP fragment');
    return;
  }
  if (segEnd > ctx.bytes.length || segEnd > end) {
    recordChecksum(ctx, kind, layer, field, 'unverifiable', undefined,
      `it covers ${segEnd - start} bytes but only ${Math.min(end, ctx.bytes.length) - start} were captured`);
    return;
  }
  const length = segEnd - start;
  const pseudo = pseudoHeaderSum(ctx.bytes, ip.srcAt, ip.dstAt, ip.family === 4 ? 4 : 16, proto, length);
  const at = start + (kind === 'tcp' ? CHECKSUM_AT : 6);
  let expected = finish(sumWords(ctx.bytes, start, at, sumWords(ctx.bytes, at + 2, segEnd, pseudo)));
  // RFC 768: a computed UDP checksum of zero is sent as all ones.
  if (kind === 'udp' && expected === 0) expected = 0xffff;
  if (kind === 'udp' && value === 0) {
    recordChecksum(ctx, 'udp', layer, field, 'zero-not-allowed', expected, 'IPv6 has no header checksum, so UDP must carry one (RFC 8200 §8.1)');
  } else if (value === expected) {
    recordChecksum(ctx, kind, layer, field, 'correct', expected, 'matches the pseudo-header, header and data');
  } else if (value === fold(pseudo)) {
    recordChecksum(ctx, kind, layer, field, 'partial', expected, OFFLOAD_EXPLANATION);
  } else {
    recordChecksum(ctx, kind, layer, field, 'incorrect', expected, 'the segment was changed after the checksum was computed, or is corrupt');
  }
}

/** Serialised options, padded with zero bytes (EOL) to a multiple of 4. */
export function encodeTcpOptions(spec: TcpSpec): Uint8Array {
  const parts: number[] = [];
  const u16 = (v: number) => parts.push((v >>> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => parts.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  for (const o of spec.options) {
    switch (o.kind) {
      case 'eol': parts.push(TCP_OPTION.EOL); break;
      case 'nop': parts.push(TCP_OPTION.NOP); break;
      case 'mss': parts.push(TCP_OPTION.MSS, 4); u16(o.mss); break;
      case 'wscale': parts.push(TCP_OPTION.WSCALE, 3, o.shift & 0xff); break;
      case 'sack_perm': parts.push(TCP_OPTION.SACK_PERM, 2); break;
      case 'sack':
        parts.push(TCP_OPTION.SACK, 2 + SACK_BLOCK * o.blocks.length);
        for (const blk of o.blocks) { u32(blk.le); u32(blk.re); }
        break;
      case 'timestamp': parts.push(TCP_OPTION.TIMESTAMP, 10); u32(o.tsval); u32(o.tsecr); break;
      case 'tfo': parts.push(TCP_OPTION.TFO, 2 + o.cookie.length, ...o.cookie); break;
      case 'raw': parts.push(o.type, 2 + o.data.length, ...o.data); break;
    }
  }
  if (spec.padding) parts.push(...spec.padding);
  while (parts.length % TCP_WORD !== 0) parts.push(TCP_OPTION.EOL);
  return Uint8Array.from(parts);
}

/** TCP header (checksum left for the caller, who knows the pseudo-header). */
export function encodeTcpHeader(spec: TcpSpec, hdrLen: number, options: Uint8Array): Uint8Array {
  const out = new Uint8Array(TCP_MIN_HEADER + options.length);
  encodeTable(out, 0, TCP_TABLE, spec, { hdrLen, checksum: 0 });
  out.set(options, TCP_MIN_HEADER);
  return out;
}
export const TCP_CHECKSUM_AT = CHECKSUM_AT;
