/**
 * Pure geometry and lookups for the header decoder: byte-grid rows, which field a byte belongs
 * to, which bytes a field covers, the `highlight` prop, the RFC-style bit diagram and the packet
 * list's pages. No runes and no DOM, so it is unit-tested in Node.
 */
import { SINGLE_PACKET_LIMITS, type ByteSpan, type DecodedField, type DecodedLayer, type DecodedPacket } from '../../core/wire/index.ts';

/** Bytes per grid row, as tcpdump -X, xxd and Wireshark print them. */
export const BYTES_PER_ROW = 16;
/** Bytes drawn in the grid at most; a jumbo frame past this is summarised (the field tree still covers it). */
export const MAX_GRID_BYTES = 4096;
/** Packet-list rows per page: keeps the DOM small for a 100,000-packet capture. */
export const LIST_PAGE_ROWS = 200;
/** Bits per row of an RFC header diagram (RFC 791 §3.1, RFC 9293 §3.1 draw 32-bit words). */
export const DIAGRAM_BITS = 32;

/** A field named by its place: layer index and field index in `DecodedPacket.layers`. */
export type FieldKey = `${number}:${number}`;
export const keyOf = (layer: number, field: number): FieldKey => `${layer}:${field}`;

/** Half-open byte range of a field (bit fields cover every byte they touch). */
export function fieldBytes(field: Pick<DecodedField, 'start' | 'bitOffset' | 'bitLength'>): { start: number; end: number } {
  const bits = (field.bitOffset ?? 0) + field.bitLength;
  return { start: field.start, end: field.start + Math.max(1, Math.ceil(bits / 8)) };
}

/** Index of the span holding `byte` (spans are sorted and contiguous), or -1. */
export function spanIndexAt(spans: readonly ByteSpan[], byte: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (byte < s.start) hi = mid - 1;
    else if (byte >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The fields a byte belongs to (several when bit fields share it), as keys. */
export function fieldsAtByte(spans: readonly ByteSpan[], byte: number): FieldKey[] {
  const span = spans[spanIndexAt(spans, byte)];
  return span?.kind === 'field' ? span.fields.map((f) => keyOf(span.layer, f)) : [];
}

/** One row of the byte grid. */
export interface GridRow {
  /** Offset of the row's first byte. */
  offset: number;
  /** Byte indexes in the row. */
  bytes: number[];
}

/** Rows of the byte grid for a packet of `length` bytes, at most MAX_GRID_BYTES. */
export function gridRows(length: number, perRow = BYTES_PER_ROW, limit = MAX_GRID_BYTES): GridRow[] {
  const rows: GridRow[] = [];
  const shown = Math.min(length, limit);
  for (let offset = 0; offset < shown; offset += perRow) {
    const bytes: number[] = [];
    for (let i = offset; i < Math.min(offset + perRow, shown); i++) bytes.push(i);
    rows.push({ offset, bytes });
  }
  return rows;
}

/** The byte grid's arrow-key move: left/right by one byte, up/down by a row, Home/End of the packet. */
export function moveByte(current: number, key: string, length: number, perRow = BYTES_PER_ROW): number | undefined {
  const last = Math.min(length, MAX_GRID_BYTES) - 1;
  const to = (n: number) => Math.max(0, Math.min(last, n));
  switch (key) {
    case 'ArrowLeft': return to(current - 1);
    case 'ArrowRight': return to(current + 1);
    case 'ArrowUp': return to(current - perRow);
    case 'ArrowDown': return to(current + perRow);
    case 'Home': return 0;
    case 'End': return last;
    default: return undefined;
  }
}

/** Two hex digits. */
export const hexByte = (b: number): string => b.toString(16).padStart(2, '0');
/** Printable ASCII as itself, anything else as a dot (as tcpdump -X and xxd print it). */
export const asciiOf = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** The `highlight` prop as a list of ids or id prefixes ("tcp.flags, ip" → ["tcp.flags", "ip"]). */
export function parseHighlight(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** True when a field id is one of the patterns or lies under one ("tcp.flags" covers "tcp.flags.syn"). */
export function matchesHighlight(id: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => id === p || id.startsWith(p + '.'));
}

/** Keys of every field the patterns select, in packet order. A pattern naming a layer ("ip") selects all its fields. */
export function highlightedKeys(packet: Pick<DecodedPacket, 'layers'>, patterns: readonly string[]): FieldKey[] {
  const out: FieldKey[] = [];
  packet.layers.forEach((layer, l) => {
    const wholeLayer = patterns.includes(layer.name);
    layer.fields.forEach((f, i) => {
      if (wholeLayer || matchesHighlight(f.id, patterns)) out.push(keyOf(l, i));
    });
  });
  return out;
}

/** Value in decimal and hex for numbers; absent for text and flags. */
export function decimalAndHex(field: Pick<DecodedField, 'raw' | 'value' | 'bitLength'>): { dec: string; hex: string } | undefined {
  const n = field.raw ?? (typeof field.value === 'number' ? field.value : undefined);
  if (n === undefined) return undefined;
  const digits = Math.max(1, Math.ceil(field.bitLength / 4));
  return { dec: n.toLocaleString('en'), hex: '0x' + n.toString(16).padStart(digits, '0') };
}

/** Fixed header length in bytes of the layers drawn as bit diagrams (RFC 791, 8200, 9293, 768). */
const FIXED_HEADER: Partial<Record<DecodedLayer['name'], number>> = { ip: 20, ipv6: 40, tcp: 20, udp: 8 };

/** One cell of a bit diagram: a field's bits inside one 32-bit row. */
export interface DiagramCell {
  row: number;
  /** First bit column (0–31). */
  col: number;
  width: number;
  /** Index of the field in its layer. */
  field: number;
  /** True when the cell continues a field from the row above or into the next one. */
  continued: boolean;
}

/** RFC-style diagram of a layer's fixed header (IPv4, IPv6, TCP, UDP); empty for other layers. */
export function bitDiagram(layer: Pick<DecodedLayer, 'name' | 'start' | 'end' | 'fields'>): DiagramCell[] {
  const fixed = FIXED_HEADER[layer.name];
  if (fixed === undefined) return [];
  const limit = Math.min(fixed, layer.end - layer.start) * 8;
  const cells: DiagramCell[] = [];
  layer.fields.forEach((f, index) => {
    if (f.group !== undefined) return;
    const first = (f.start - layer.start) * 8 + (f.bitOffset ?? 0);
    const end = Math.min(first + f.bitLength, limit);
    for (let bit = first; bit < end; ) {
      const row = Math.floor(bit / DIAGRAM_BITS);
      const rowEnd = Math.min(end, (row + 1) * DIAGRAM_BITS);
      cells.push({ row, col: bit % DIAGRAM_BITS, width: rowEnd - bit, field: index, continued: bit > first || rowEnd < first + f.bitLength });
      bit = rowEnd;
    }
  });
  return cells;
}

/** One page of a long packet list. */
export function listPage(total: number, page: number, perPage = LIST_PAGE_ROWS): { page: number; pages: number; first: number; end: number } {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const p = Math.max(0, Math.min(pages - 1, Math.floor(page)));
  return { page: p, pages, first: p * perPage, end: Math.min(total, (p + 1) * perPage) };
}

/** What a single packet cannot tell, limited to what concerns fields of this packet. */
export function limitsFor(packet: Pick<DecodedPacket, 'layers'>): string[] {
  const ids = new Set(packet.layers.flatMap((l) => l.fields.map((f) => f.id)));
  return SINGLE_PACKET_LIMITS.filter((l) => l.fieldIds.some((id) => ids.has(id))).map((l) => l.text);
}

/** The lesson that explains a field, by field id (only linked when published). */
export function lessonSlugFor(id: string): string | undefined {
  return /^(tcp|ip|ipv6|udp)\./.test(id) ? 'tcp-segment-anatomy' : undefined;
}

/** How the detected paste dialect is named on the widget. */
export const FORMAT_LABEL: Readonly<Record<string, string>> = {
  empty: 'nothing pasted yet',
  hex: 'bare hex (Wireshark “Copy as Hex Stream”)',
  'c-array': '0x bytes or a C array',
  'c-string': 'a C string (\\x45\\x00…)',
  tcpdump: 'tcpdump -x / -xx / -X / -XX',
  xxd: 'xxd',
  hexdump: 'hexdump -C',
  od: 'od -Ax -tx1',
  wireshark: 'Wireshark “Copy as Hex Dump” / tshark -x',
  base64: 'base64',
};

/** Where an issue is: "byte 44", "line 3, column 7", or nothing. */
export function issuePlace(issue: { offset?: number; line?: number; column?: number }): string {
  if (issue.line !== undefined) return issue.column !== undefined ? `line ${issue.line}, column ${issue.column}` : `line ${issue.line}`;
  if (issue.offset !== undefined) return `byte ${issue.offset}`;
  return '';
}
