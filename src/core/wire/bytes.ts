/**
 * Small byte helpers shared by the wire codecs: big-endian reads and writes, bit fields, hex text
 * and the usual text forms of MAC, IPv4 and IPv6 addresses. Nothing here allocates per call except
 * the text formatters.
 */

/** Reads `bits` bits (1–32) starting `bitOffset` bits (0 = most significant) into `bytes[byte]`. */
export function readBits(bytes: Uint8Array, byte: number, bitOffset: number, bits: number): number {
  const end = bitOffset + bits;
  // Fast paths: fields inside one byte or two bytes (flags, nibbles, fragment offset).
  if (end <= 8) return ((bytes[byte] ?? 0) >> (8 - end)) & ((1 << bits) - 1);
  if (end <= 16) return ((((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)) >> (16 - end)) & ((1 << bits) - 1);
  if (bitOffset === 0) {
    if (bits === 8) return bytes[byte] ?? 0;
    if (bits === 16) return ((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0);
    if (bits === 32) return readU32(bytes, byte);
  }
  const nBytes = (end + 7) >> 3;
  // Up to 40 bits can be spanned (a 32-bit field at bit offset 7), so use float arithmetic.
  let acc = 0;
  for (let i = 0; i < nBytes; i++) acc = acc * 256 + (bytes[byte + i] ?? 0);
  const shift = nBytes * 8 - end;
  acc = Math.floor(acc / 2 ** shift);
  return acc % 2 ** bits;
}

/** Writes the low `bits` bits of `value` at the given bit position, leaving other bits untouched. */
export function writeBits(bytes: Uint8Array, byte: number, bitOffset: number, bits: number, value: number): void {
  const end = bitOffset + bits;
  const nBytes = (end + 7) >> 3;
  let acc = 0;
  for (let i = 0; i < nBytes; i++) acc = acc * 256 + (bytes[byte + i] ?? 0);
  const shift = nBytes * 8 - end;
  const v = ((Math.trunc(value) % 2 ** bits) + 2 ** bits) % 2 ** bits;
  const outer = nBytes * 8;
  const high = Math.floor(acc / 2 ** (outer - bitOffset)) * 2 ** (outer - bitOffset);
  const low = acc % 2 ** shift;
  acc = high + v * 2 ** shift + low;
  for (let i = nBytes - 1; i >= 0; i--) {
    bytes[byte + i] = acc % 256;
    acc = Math.floor(acc / 256);
  }
}

export function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

export function readU32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) * 0x1000000 + (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))) >>> 0
  );
}

export function writeU16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 8) & 0xff;
  bytes[at + 1] = value & 0xff;
}

const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

const HEX_CODES = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX_CODES[2 * b] = HEX.charCodeAt(b >> 4);
  HEX_CODES[2 * b + 1] = HEX.charCodeAt(b & 15);
}
const ASCII = new TextDecoder('latin1');
/** Below this many bytes string concatenation is quicker than building a buffer and decoding it. */
const HEX_BUFFER_THRESHOLD = 128;

/** Lower-case hex of a byte range, no separators ("0402"), as tshark prints byte fields. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start < HEX_BUFFER_THRESHOLD) {
    let s = '';
    for (let i = start; i < end; i++) s += BYTE_HEX[bytes[i] ?? 0]!;
    return s;
  }
  const out = new Uint8Array(2 * (end - start));
  for (let i = start, o = 0; i < end; i++, o += 2) {
    const x = 2 * (bytes[i] ?? 0);
    out[o] = HEX_CODES[x]!;
    out[o + 1] = HEX_CODES[x + 1]!;
  }
  return ASCII.decode(out);
}

/** `0x` plus `digits` hex digits: hex(0x800, 4) = "0x0800". */
export function hex(value: number, digits: number): string {
  return '0x' + value.toString(16).padStart(digits, '0');
}

/** Parses even-length hex text ("0402", spaces allowed) back to bytes; undefined if it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** "00:1b:21:3a:4c:9e" for the `length` bytes at `at`. */
export function formatMac(bytes: Uint8Array, at: number, length = 6): string {
  let s = '';
  for (let i = 0; i < length; i++) s += (i ? ':' : '') + BYTE_HEX[bytes[at + i] ?? 0]!;
  return s;
}

export function formatIpv4(bytes: Uint8Array, at: number): string {
  return `${bytes[at] ?? 0}.${bytes[at + 1] ?? 0}.${bytes[at + 2] ?? 0}.${bytes[at + 3] ?? 0}`;
}

/** IPv6 text in the RFC 5952 §4 canonical form: lower case, no leading zeros, longest zero run as "::". */
export function formatIpv6(bytes: Uint8Array, at: number): string {
  // RFC 5952 §4.2.2-4.2.3: compress the longest run of two or more zero words, the first on a tie.
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    const zero = i < 8 && bytes[at + 2 * i] === 0 && bytes[at + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > bestLen) {
        bestStart = runStart;
        bestLen = i - runStart;
      }
      runStart = -1;
    }
  }
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      continue;
    }
    if (i > 0 && i !== bestStart + bestLen) s += ':';
    s += (((bytes[at + 2 * i] ?? 0) << 8) | (bytes[at + 2 * i + 1] ?? 0)).toString(16);
  }
  return s;
}

/** Parses "aa:bb:cc:dd:ee:ff" (or with dashes) into `length` bytes; undefined when malformed. */
export function parseMac(text: string, length = 6): Uint8Array | undefined {
  const parts = text.split(/[:-]/);
  if (parts.length !== length) return undefined;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const p = parts[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return undefined;
    out[i] = parseInt(p, 16);
  }
  return out;
}

export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

/** Parses IPv6 text (with "::" and an optional embedded IPv4 tail); undefined when malformed. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseWords = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const groups = s.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = parseWords(halves[0]!);
  const tail = halves.length === 2 ? parseWords(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const words = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const out = new Uint8Array(16);
  words.forEach((w, i) => writeU16(out, 2 * i, w));
  return out;
}

/** Printable ASCII preview of a byte range, dots for the rest, cut to `max` characters. */
export function asciiPreview(bytes: Uint8Array, start: number, end: number, max = 48): string {
  let s = '';
  const stop = Math.min(end, start + max);
  for (let i = start; i < stop; i++) {
    const b = bytes[i] ?? 0;
    // 0x20-0x7e is the printable range of US-ASCII (RFC 20 §4.2).
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
  }
  return end - start > max ? s + '…' : s;
}

/** Byte fields longer than this show only their first bytes in `value` (a 10 MB paste must stay light). */
export const MAX_FIELD_HEX_BYTES = 4096;

/** Hex of a field's bytes for its `value`, shortened with "…" past MAX_FIELD_HEX_BYTES. */
export function fieldHex(bytes: Uint8Array, start: number, end: number): string {
  return end - start > MAX_FIELD_HEX_BYTES ? toHex(bytes, start, start + MAX_FIELD_HEX_BYTES) + '…' : toHex(bytes, start, end);
}
