/**
 * parseHexInput: turns pasted text into packet bytes. Detects the dialect first (tcpdump -x/-xx/-X/
 * -XX, xxd, hexdump -C, od -Ax -tx1, Wireshark "Copy as Hex Dump" / tshark -x, Wireshark "Copy as
 * Hex Stream", bare hex, 0x-prefixed bytes and C arrays, C strings, base64), then parses, splitting
 * several packets at their header lines or where the offset column restarts at zero. Never throws;
 * whatever it skips is reported with a line and column. Runs in linear time (a 10 MB paste is fine).
 */
import type { WireIssue } from './types.ts';

export type HexFormat =
  | 'empty'
  | 'hex'
  | 'c-array'
  | 'c-string'
  | 'tcpdump'
  | 'xxd'
  | 'hexdump'
  | 'od'
  | 'wireshark'
  | 'base64';

export interface HexInput {
  packets: Uint8Array[];
  format: HexFormat;
  issues: WireIssue[];
}

/** libpcap's MAXIMUM_SNAPLEN: no captured packet is longer, so a pasted one is cut there. */
export const MAX_PACKET_BYTES = 262_144;
/** Issues beyond this number are summarised in one line. */
export const MAX_ISSUES = 50;

class Out {
  readonly packets: Uint8Array[] = [];
  readonly issues: WireIssue[] = [];
  private buf = new Uint8Array(256);
  private len = 0;
  private overflowReported = false;
  private dropped = 0;

  get length(): number {
    return this.len;
  }

  push(byte: number, line: number, column: number): void {
    if (this.len >= MAX_PACKET_BYTES) {
      if (!this.overflowReported) {
        this.issue('warning', `Packet longer than ${MAX_PACKET_BYTES} bytes (the largest a capture can hold): the rest is ignored`, line, column);
        this.overflowReported = true;
      }
      return;
    }
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = byte;
  }

  /**
   * Repeats the last `n` bytes until the packet has `target` bytes (hexdump/od "*" lines). Stops at
   * MAX_PACKET_BYTES: push() drops bytes past it, so a larger target (a mistyped offset) would
   * otherwise never be reached.
   */
  repeatUntil(n: number, target: number, line: number): void {
    if (n <= 0) return;
    const from = this.len - n;
    const stop = Math.min(target, MAX_PACKET_BYTES);
    for (let i = 0; this.len < stop; i++) this.push(this.buf[from + (i % n)]!, line, 1);
    if (target > stop) this.push(0, line, 1); // reports the cut once
  }

  flush(): void {
    if (this.len > 0) this.packets.push(this.buf.slice(0, this.len));
    this.len = 0;
    this.overflowReported = false;
  }

  issue(severity: WireIssue['severity'], message: string, line: number, column: number): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ severity, message, line, column });
    else this.dropped++;
  }

  done(format: HexFormat): HexInput {
    this.flush();
    if (this.dropped > 0) this.issues.push({ severity: 'info', message: `${this.dropped} more issues not listed` });
    if (this.packets.length === 0 && format !== 'empty') this.issues.push({ severity: 'error', message: 'No bytes found in the input' });
    return { packets: this.packets, format, issues: this.issues };
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const TCPDUMP_LINE = /^\s*0x([0-9a-fA-F]{4,8}):\s+(.*)$/;
const XXD_LINE = /^([0-9a-fA-F]{4,16}):\s(.*)$/;
/** Offset, whitespace, then at least one two-digit hex byte: hexdump -C, od -Ax -tx1, Wireshark / tshark -x. */
const DUMP_LINE = /^([0-9a-fA-F]{4,16})(\s{1,4})([0-9a-fA-F]{2}(?:\s|$).*)$/;
const OFFSET_ONLY = /^\s*([0-9a-fA-F]{4,16})\s*$/;
const C_BYTE = /0[xX][0-9a-fA-F]{1,2}\b/g;
const C_ESCAPE = /\\x[0-9a-fA-F]{2}/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Parses pasted text into packets. */
export function parseHexInput(text: string): HexInput {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === '') {
    return { packets: [], format: 'empty', issues: [{ severity: 'info', message: 'Nothing to decode: paste hex bytes, a tcpdump/xxd/hexdump/Wireshark dump or base64' }] };
  }
  const lines = clean.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  // Classify a sample of lines; dumps announce themselves in their first data lines.
  let tcpdump = 0;
  let xxd = 0;
  let dump = 0;
  let firstDump: RegExpExecArray | null = null;
  let firstDumpLine = '';
  const sample = Math.min(lines.length, 2000);
  for (let i = 0; i < sample; i++) {
    const l = lines[i]!;
    if (l.length > 4096) continue;
    if (TCPDUMP_LINE.test(l)) tcpdump++;
    else if (XXD_LINE.test(l)) xxd++;
    else {
      const m = DUMP_LINE.exec(l);
      if (m) {
        dump++;
        if (!firstDump) {
          firstDump = m;
          firstDumpLine = l;
        }
      }
    }
  }
  if (tcpdump > 0 && tcpdump >= xxd && tcpdump >= dump) return parseDump(lines, 'tcpdump');
  if (xxd > 0 && xxd >= dump) return parseDump(lines, 'xxd');
  if (dump > 0 && firstDump && parseInt(firstDump[1]!, 16) === 0) {
    const fmt: HexFormat = /\|.*\|\s*$/.test(firstDumpLine) || firstDump[1]!.length === 8 ? 'hexdump' : firstDump[2] === ' ' ? 'od' : 'wireshark';
    return parseDump(lines, fmt);
  }
  if (C_ESCAPE.test(clean)) return parseCString(clean);
  C_BYTE.lastIndex = 0;
  if (/[{,]/.test(clean) && C_BYTE.test(clean)) return parseCArray(clean);
  const compact = clean.replace(/\s+/g, '');
  // Base64 comes as one token per line (RFC 4648 §3.1 line breaks at most); spaced groups are hex.
  const oneTokenPerLine = !/\S[ \t]+\S/.test(clean);
  if (oneTokenPerLine && compact.length % 4 === 0 && BASE64.test(compact) && /[g-zG-Z+/_=-]/.test(compact) && !/^(0[xX])/.test(compact)) {
    return parseBase64(compact);
  }
  return parseBareHex(clean);
}

const isSeparator = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 58 || c === 45 || c === 44 || c === 59;

/**
 * Bare hex: digits with any mix of spaces, colons, dashes, commas; "0x" prefixes allowed. A line of
 * text with no hex on it ("Packet 2:") separates packets; stray text inside hex lines is skipped
 * and reported. Scans characters once, without building token strings (10 MB stays fast).
 */
function parseBareHex(text: string): HexInput {
  const out = new Out();
  const n = text.length;
  let line = 1;
  let lineStart = 0;
  let nibble = -1;
  let nibbleLine = 0;
  let nibbleCol = 0;
  const lineBad: { col: number; text: string }[] = [];
  const oddCheck = (): void => {
    if (nibble >= 0) out.issue('error', 'Odd number of hex digits: the last digit is ignored', nibbleLine, nibbleCol);
    nibble = -1;
  };
  // Bytes of the current line, held back until the line is known not to be a title ("Packet 2:").
  const lineBytes: number[] = [];
  let lineNibble = -1;
  const endLine = (): void => {
    const title = lineBad.length > 0 && lineBad[0]!.col <= firstTokenCol && /[g-zG-Z]/.test(lineBad[0]!.text);
    if (title) {
      out.issue('info', `Line ${line} starts with text ("${lineBad[0]!.text}"): taken as a title between packets`, line, 1);
      nibble = lineNibble;
      oddCheck();
      out.flush();
    } else {
      for (const bad of lineBad) out.issue('error', `Not hex: "${bad.text}" skipped`, line, bad.col);
      for (const x of lineBytes) out.push(x, line, 1);
    }
    lineBytes.length = 0;
    lineNibble = nibble;
    lineBad.length = 0;
    firstTokenCol = -1;
  };
  let firstTokenCol = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      endLine();
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (isSeparator(c)) {
      i++;
      continue;
    }
    const s = i;
    if (firstTokenCol < 0) firstTokenCol = s - lineStart + 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 10 || isSeparator(d)) break;
      i++;
    }
    const t = i - s > 2 && text.charCodeAt(s) === 48 && (text.charCodeAt(s + 1) | 0x20) === 120 ? s + 2 : s;
    let ok = true;
    for (let k = t; k < i; k++) {
      if (hexValue(text.charCodeAt(k)) < 0) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      const bad = text.slice(s, Math.min(i, s + 20));
      lineBad.push({ col: s - lineStart + 1, text: i - s > 20 ? bad + '…' : bad });
      continue;
    }
    if ((i - t) % 2 === 1 && i - t < 8 && nibble < 0) {
      out.issue('warning', `Group "${text.slice(t, i)}" has an odd number of digits, so the following bytes shift by half a byte`, line, t - lineStart + 1);
    }
    for (let k = t; k < i; k++) {
      const v = hexValue(text.charCodeAt(k));
      if (nibble < 0) {
        nibble = v;
        nibbleLine = line;
        nibbleCol = k - lineStart + 1;
      } else {
        lineBytes.push((nibble << 4) | v);
        nibble = -1;
      }
    }
  }
  endLine();
  oddCheck();
  return out.done('hex');
}

/** Offset dumps: tcpdump, xxd, hexdump -C, od -Ax -tx1, Wireshark / tshark -x. */
function parseDump(lines: string[], format: HexFormat): HexInput {
  const out = new Out();
  const re = format === 'tcpdump' ? TCPDUMP_LINE : format === 'xxd' ? XXD_LINE : DUMP_LINE;
  type Row = { line: number; offset: number; data: string; dataColumn: number };
  let pendingRepeat = 0;
  let prev: Row | undefined;
  let prevBytes: number[] = [];
  let base = 0;

  const bytesOf = (row: Row, expected: number | undefined): number[] => {
    let data = row.data;
    if (format === 'hexdump') data = data.replace(/\s*\|.*$/, '');
    if (format === 'od') data = data.replace(/\s*>.*<\s*$/, '');
    // The ASCII column starts after a wider gap than the one between bytes (tcpdump -X, xxd: 2+; Wireshark: 3+).
    const gap = format === 'tcpdump' || format === 'xxd' ? /\s{2,}/ : /\s{3,}/;
    const hexPart = data.split(gap)[0] ?? '';
    const bytes: number[] = [];
    let col = row.dataColumn;
    for (const tok of hexPart.split(/\s+/)) {
      if (tok === '') {
        col++;
        continue;
      }
      if (!/^[0-9a-fA-F]+$/.test(tok) || tok.length % 2 !== 0) {
        out.issue('error', `Not a hex byte group: "${tok.slice(0, 20)}" skipped`, row.line, col);
      } else {
        for (let k = 0; k < tok.length; k += 2) bytes.push(parseInt(tok.slice(k, k + 2), 16));
      }
      col += tok.length + 1;
    }
    if (expected !== undefined && bytes.length > expected) bytes.length = expected;
    return bytes;
  };

  const emit = (row: Row, expected: number | undefined): void => {
    const bytes = bytesOf(row, expected);
    for (const x of bytes) out.push(x, row.line, row.dataColumn);
    prevBytes = bytes;
  };

  const rows: (Row | { line: number; kind: 'star' | 'offset' | 'text' | 'blank'; offset?: number; text?: string })[] = [];
  lines.forEach((l, i) => {
    const line = i + 1;
    const m = l.length <= 4096 ? re.exec(l) : null;
    if (m) {
      const data = format === 'tcpdump' || format === 'xxd' ? m[2]! : m[3]!;
      rows.push({ line, offset: parseInt(m[1]!, 16), data, dataColumn: l.length - data.length + 1 });
    } else if (/^\s*\*\s*$/.test(l)) rows.push({ line, kind: 'star' });
    else if (l.trim() === '') rows.push({ line, kind: 'blank' });
    else {
      const o = OFFSET_ONLY.exec(l);
      if (o && (format === 'hexdump' || format === 'od' || format === 'xxd')) rows.push({ line, kind: 'offset', offset: parseInt(o[1]!, 16) });
      else rows.push({ line, kind: 'text', text: l });
    }
  });

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if ('kind' in row) {
      if (row.kind === 'star') {
        pendingRepeat = prevBytes.length;
      } else if (row.kind === 'offset') {
        if (pendingRepeat) out.repeatUntil(pendingRepeat, row.offset! - base, row.line);
        pendingRepeat = 0;
      } else if (row.kind === 'text') {
        // tcpdump prints a header line before each packet; other dumps have none, so say what was skipped.
        if (format !== 'tcpdump') out.issue('warning', `Line not understood, ignored: "${row.text!.trim().slice(0, 40)}"`, row.line, 1);
        out.flush();
        prev = undefined;
        base = 0;
      }
      continue;
    }
    if (row.offset === 0 && out.length > 0) {
      out.flush();
      prev = undefined;
    }
    if (!prev) base = row.offset;
    if (pendingRepeat) {
      out.repeatUntil(pendingRepeat, row.offset - base, row.line);
      pendingRepeat = 0;
    }
    const have = out.length + base;
    if (row.offset > have && prev) {
      out.issue('warning', `Offset 0x${row.offset.toString(16)} skips ${row.offset - have} bytes after the previous line`, row.line, 1);
    } else if (row.offset < have) {
      out.issue('warning', `Offset 0x${row.offset.toString(16)} goes back ${have - row.offset} bytes; bytes appended anyway`, row.line, 1);
    }
    // The next data line's offset says how many bytes this one holds, which keeps ASCII columns out.
    const next = rows.slice(i + 1, i + 3).find((r) => !('kind' in r) || r.kind === 'offset');
    const nextOffset = next ? (next as { offset?: number }).offset : undefined;
    const expected = nextOffset !== undefined && nextOffset > row.offset ? nextOffset - row.offset : undefined;
    emit(row, expected);
    prev = row;
  }
  return out.done(format);
}

/** C arrays (`{ 0x45, 0x00, … }`) and lists of 0x-prefixed bytes; one packet per brace block. */
function parseCArray(text: string): HexInput {
  const out = new Out();
  let line = 1;
  for (const m of text.matchAll(/[{}\n]|0[xX][0-9a-fA-F]{1,2}\b/g)) {
    const tok = m[0];
    if (tok === '\n') line++;
    else if (tok === '{' || tok === '}') out.flush();
    else out.push(parseInt(tok.slice(2), 16), line, 1);
  }
  return out.done('c-array');
}

/** C string literals with \x escapes ("\x45\x00…"); statements ending in ";" separate packets. */
function parseCString(text: string): HexInput {
  const out = new Out();
  let line = 1;
  for (const m of text.matchAll(/\\x([0-9a-fA-F]{2})|[;\n]/g)) {
    if (m[0] === '\n') line++;
    else if (m[0] === ';') out.flush();
    else out.push(parseInt(m[1]!, 16), line, 1);
  }
  return out.done('c-string');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648 §4), also the URL-safe alphabet (§5). */
function parseBase64(compact: string): HexInput {
  const out = new Out();
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < compact.length; i++) {
    let c = compact[i]!;
    if (c === '=') break;
    if (c === '-') c = '+';
    if (c === '_') c = '/';
    acc = (acc << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff, 1, i + 1);
      acc &= (1 << bits) - 1;
    }
  }
  out.issue('info', 'Read as base64', 1, 1);
  return out.done('base64');
}
