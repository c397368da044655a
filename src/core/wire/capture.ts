/**
 * Capture files, read in the browser from a Uint8Array (no Node Buffer, no streams): classic pcap
 * in both byte orders with micro- or nanosecond timestamps, and pcapng sections with SHB, IDB, EPB,
 * SPB (and the obsolete PB) blocks, several interfaces and link types. Formats: the libpcap file
 * format and pcapng as described in draft-ietf-opsawg-pcap and draft-ietf-opsawg-pcapng.
 * Writers for both formats are here too (tests, benchmark, "download this packet").
 */
import { linkFromLinkType } from './decode.ts';
import type { WireIssue, LinkName } from './types.ts';

/** Seconds since 1970-01-01 UTC plus nanoseconds (a double cannot hold nanosecond epochs exactly). */
export interface CaptureTimestamp {
  sec: number;
  nsec: number;
}

export interface CapturedPacket {
  ts: CaptureTimestamp;
  /** Bytes stored in the file for this packet. */
  caplen: number;
  /** Length of the packet on the wire (larger than caplen when the snap length cut it). */
  origLen: number;
  bytes: Uint8Array;
  /** LINKTYPE_ value of the packet's interface. */
  linkType: number;
  /** How decodePacket should read it, when PortLab knows the link type. */
  link?: LinkName;
  /** pcapng interface number (0 for classic pcap). */
  interfaceId: number;
  /** Offset of the packet's record (or block) in the file. */
  offset: number;
}

export interface CaptureInterface {
  id: number;
  linkType: number;
  link?: LinkName;
  snaplen: number;
  name?: string;
  /** Timestamp units per second (1e6 for microseconds). */
  unitsPerSecond: number;
}

export interface Capture {
  format: 'pcap' | 'pcapng' | 'unknown';
  /** Link type of the file (pcap) or of the first interface (pcapng); packets carry their own. */
  linkType?: number;
  byteOrder?: 'le' | 'be';
  interfaces: CaptureInterface[];
  packets: CapturedPacket[];
  issues: WireIssue[];
}

/** libpcap magic numbers (draft-ietf-opsawg-pcap §4). */
export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
/** Alexey Kuznetzov's modified pcap: 8 more bytes per record header. */
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
const PCAP_HEADER = 24;
const PCAP_RECORD = 16;
const PCAP_MODIFIED_RECORD = 24;
/** pcapng block types (draft-ietf-opsawg-pcapng §11.1). */
export const PCAPNG = { SHB: 0x0a0d0d0a, IDB: 1, PB: 2, SPB: 3, NRB: 4, ISB: 5, EPB: 6, DSB: 0x0a, BYTE_ORDER_MAGIC: 0x1a2b3c4d } as const;
const PCAPNG_MIN_BLOCK = 12;
/** if_tsresol (option 9) and if_tsoffset (option 14) of an IDB (draft-ietf-opsawg-pcapng §4.2). */
const IF_NAME = 2;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const MICRO = 1_000_000;
const NANO = 1_000_000_000;
/** libpcap's MAXIMUM_SNAPLEN: records bigger than this are treated as corruption. */
export const MAX_RECORD = 262_144;
/** Issues of one kind beyond this count are summarised, so a corrupt file cannot flood the list. */
const MAX_SIMILAR_ISSUES = 20;

class Reader {
  readonly b: Uint8Array;
  readonly le: boolean;
  constructor(b: Uint8Array, le: boolean) {
    this.b = b;
    this.le = le;
  }
  u16(at: number): number {
    const b = this.b;
    return this.le ? (b[at]! | (b[at + 1]! << 8)) : ((b[at]! << 8) | b[at + 1]!);
  }
  u32(at: number): number {
    const b = this.b;
    return this.le
      ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
      : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Reads a pcap or pcapng file. Never throws: problems come back as issues with a byte offset. */
export function readCapture(bytes: Uint8Array): Capture {
  if (bytes.length < 4) {
    return { format: 'unknown', interfaces: [], packets: [], issues: [{ severity: 'error', offset: 0, message: 'File too short to be a capture (needs at least 4 bytes)' }] };
  }
  const be = u32be(bytes, 0);
  const le = u32le(bytes, 0);
  if (be === PCAPNG.SHB) return readPcapng(bytes);
  for (const magic of [PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO, PCAP_MAGIC_MODIFIED]) {
    if (le === magic) return readPcap(bytes, true, magic);
    if (be === magic) return readPcap(bytes, false, magic);
  }
  const hex = bytes.subarray(0, 4).reduce((s, x) => s + x.toString(16).padStart(2, '0'), '');
  return {
    format: 'unknown',
    interfaces: [],
    packets: [],
    issues: [{ severity: 'error', offset: 0, message: `Wrong magic number 0x${hex}: not a pcap (a1b2c3d4 / a1b23c4d) or pcapng (0a0d0d0a) file` }],
  };
}

function limitedIssues(issues: WireIssue[]): (i: WireIssue) => void {
  const counts = new Map<string, number>();
  return (i) => {
    const key = i.message.replace(/\d+/g, '#');
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n <= MAX_SIMILAR_ISSUES) issues.push(i);
    else if (n === MAX_SIMILAR_ISSUES + 1) issues.push({ severity: 'info', offset: i.offset ?? 0, message: `Further issues like "${i.message}" are not listed` });
  };
}

function readPcap(bytes: Uint8Array, littleEndian: boolean, magic: number): Capture {
  const r = new Reader(bytes, littleEndian);
  const issues: WireIssue[] = [];
  const report = limitedIssues(issues);
  const packets: CapturedPacket[] = [];
  const capture: Capture = { format: 'pcap', byteOrder: littleEndian ? 'le' : 'be', interfaces: [], packets, issues };
  if (bytes.length < PCAP_HEADER) {
    report({ severity: 'error', offset: 0, message: `Truncated pcap file header: ${bytes.length} of ${PCAP_HEADER} bytes` });
    return capture;
  }
  const nano = magic === PCAP_MAGIC_NANO;
  const recordHeader = magic === PCAP_MAGIC_MODIFIED ? PCAP_MODIFIED_RECORD : PCAP_RECORD;
  const major = r.u16(4);
  if (major !== 2) report({ severity: 'warning', offset: 4, message: `pcap version ${major}.${r.u16(6)}; expected 2.4` });
  const snaplen = r.u32(16);
  // The low 16 bits hold the link type; the high bits may describe an FCS (draft-ietf-opsawg-pcap §4).
  const linkType = r.u32(20) & 0xffff;
  const link = linkFromLinkType(linkType);
  capture.linkType = linkType;
  capture.interfaces.push({ id: 0, linkType, ...(link ? { link } : {}), snaplen, unitsPerSecond: nano ? NANO : MICRO });
  if (!link) report({ severity: 'warning', offset: 20, message: `Link type ${linkType} is not one PortLab decodes` });
  let p = PCAP_HEADER;
  while (p < bytes.length) {
    if (p + recordHeader > bytes.length) {
      report({ severity: 'error', offset: p, message: `Truncated record header: ${bytes.length - p} of ${recordHeader} bytes at the end of the file` });
      break;
    }
    const sec = r.u32(p);
    const frac = r.u32(p + 4);
    const inclLen = r.u32(p + 8);
    const origLen = r.u32(p + 12);
    const dataAt = p + recordHeader;
    if (inclLen > Math.max(snaplen, MAX_RECORD) && dataAt + inclLen > bytes.length) {
      report({ severity: 'error', offset: p + 8, message: `Record length ${inclLen} is impossible here: the file is corrupt from byte ${p}` });
      break;
    }
    if (frac >= (nano ? NANO : MICRO)) {
      report({ severity: 'warning', offset: p + 4, message: `Timestamp fraction ${frac} is not below one second` });
    }
    const available = Math.min(inclLen, bytes.length - dataAt);
    if (available < inclLen) {
      report({ severity: 'error', offset: p, message: `Truncated record: ${available} of ${inclLen} bytes present; shown as far as it goes` });
    }
    packets.push({
      ts: { sec, nsec: nano ? frac % NANO : (frac % MICRO) * 1000 },
      caplen: available,
      origLen: Math.max(origLen, available),
      bytes: bytes.subarray(dataAt, dataAt + available),
      linkType,
      ...(link ? { link } : {}),
      interfaceId: 0,
      offset: p,
    });
    p = dataAt + inclLen;
  }
  return capture;
}

function unitsFromTsresol(v: number): number {
  // MSB clear: 10^-n seconds; MSB set: 2^-n seconds (draft-ietf-opsawg-pcapng §4.2 if_tsresol).
  return v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
}

function readPcapng(bytes: Uint8Array): Capture {
  const issues: WireIssue[] = [];
  const report = limitedIssues(issues);
  const packets: CapturedPacket[] = [];
  const capture: Capture = { format: 'pcapng', interfaces: [], packets, issues };
  let r = new Reader(bytes, true);
  // Interfaces of the current section; ids restart in every section.
  let section: CaptureInterface[] = [];
  let idBase = 0;
  const offsets: bigint[] = [];
  // readCapture only comes here when the file starts with a section header block.
  let p = 0;
  while (p < bytes.length) {
    if (bytes.length - p < PCAPNG_MIN_BLOCK) {
      report({ severity: 'error', offset: p, message: `Truncated block: ${bytes.length - p} bytes left at the end of the file` });
      break;
    }
    let type = r.u32(p);
    if (u32be(bytes, p) === PCAPNG.SHB) {
      type = PCAPNG.SHB;
      const bom = u32le(bytes, p + 8);
      if (bom === PCAPNG.BYTE_ORDER_MAGIC) r = new Reader(bytes, true);
      else if (u32be(bytes, p + 8) === PCAPNG.BYTE_ORDER_MAGIC) r = new Reader(bytes, false);
      else {
        report({ severity: 'error', offset: p + 8, message: 'Section header block with an unknown byte-order magic: cannot read further' });
        break;
      }
      capture.byteOrder ??= r.le ? 'le' : 'be';
      idBase += section.length;
      section = [];
      offsets.length = 0;
    }
    const len = r.u32(p + 4);
    if (len < PCAPNG_MIN_BLOCK || len % 4 !== 0 || p + len > bytes.length) {
      report({ severity: 'error', offset: p + 4, message: p + len > bytes.length
        ? `Truncated block of type ${type}: says ${len} bytes, ${bytes.length - p} left`
        : `Impossible block length ${len} (must be a multiple of 4 and at least ${PCAPNG_MIN_BLOCK})` });
      break;
    }
    if (r.u32(p + len - 4) !== len) {
      report({ severity: 'warning', offset: p + len - 4, message: `Block length at the end (${r.u32(p + len - 4)}) differs from the start (${len})` });
    }
    const body = p + 8;
    const bodyEnd = p + len - 4;
    switch (type) {
      case PCAPNG.SHB:
        break;
      case PCAPNG.IDB: {
        if (bodyEnd - body < 8) {
          report({ severity: 'error', offset: p, message: 'Interface description block too short' });
          break;
        }
        const linkType = r.u16(body);
        const snaplen = r.u32(body + 4);
        let unitsPerSecond = MICRO;
        let name: string | undefined;
        let tsOffset = 0n;
        for (let o = body + 8; o + 4 <= bodyEnd; ) {
          const code = r.u16(o);
          const olen = r.u16(o + 2);
          if (code === 0 || o + 4 + olen > bodyEnd) break;
          if (code === IF_TSRESOL && olen >= 1) unitsPerSecond = unitsFromTsresol(bytes[o + 4]!);
          if (code === IF_NAME) name = new TextDecoder().decode(bytes.subarray(o + 4, o + 4 + olen)).replace(/\0+$/, '');
          if (code === IF_TSOFFSET && olen >= 8) {
            const hi = BigInt(r.u32(r.le ? o + 8 : o + 4));
            const lo = BigInt(r.u32(r.le ? o + 4 : o + 8));
            tsOffset = BigInt.asIntN(64, (hi << 32n) | lo);
          }
          o += 4 + ((olen + 3) & ~3);
        }
        const link = linkFromLinkType(linkType);
        const iface: CaptureInterface = { id: idBase + section.length, linkType, ...(link ? { link } : {}), snaplen, ...(name ? { name } : {}), unitsPerSecond };
        if (!link) report({ severity: 'warning', offset: body, message: `Interface ${iface.id} has link type ${linkType}, which PortLab does not decode` });
        section.push(iface);
        offsets.push(tsOffset);
        capture.interfaces.push(iface);
        capture.linkType ??= linkType;
        break;
      }
      case PCAPNG.EPB:
      case PCAPNG.PB: {
        const epb = type === PCAPNG.EPB;
        // EPB and the obsolete PB share the layout; only the interface id is 32 or 16 bits wide.
        if (bodyEnd - body < 20) {
          report({ severity: 'error', offset: p, message: 'Packet block too short' });
          break;
        }
        const ifIndex = epb ? r.u32(body) : r.u16(body);
        const iface = section[ifIndex];
        if (!iface) {
          report({ severity: 'error', offset: body, message: `Packet refers to interface ${ifIndex}, which has no description block` });
          break;
        }
        const hi = r.u32(body + 4);
        const lo = r.u32(body + 8);
        const caplen = r.u32(body + 12);
        const origLen = r.u32(body + 16);
        const dataAt = body + 20;
        const available = Math.min(caplen, bodyEnd - dataAt);
        if (available < caplen) report({ severity: 'error', offset: p, message: `Packet data truncated: ${available} of ${caplen} bytes inside its block` });
        packets.push(makePacket(bytes, dataAt, available, origLen, iface, hi, lo, offsets[ifIndex] ?? 0n, p));
        break;
      }
      case PCAPNG.SPB: {
        const iface = section[0];
        if (!iface) {
          report({ severity: 'error', offset: p, message: 'Simple packet block before any interface description block' });
          break;
        }
        const origLen = r.u32(body);
        const dataAt = body + 4;
        const room = bodyEnd - dataAt;
        const caplen = Math.min(origLen, iface.snaplen || origLen, room);
        // SPBs carry no timestamp (draft-ietf-opsawg-pcapng §4.4).
        packets.push({ ...makePacket(bytes, dataAt, caplen, origLen, iface, 0, 0, 0n, p), ts: { sec: 0, nsec: 0 } });
        break;
      }
      default:
        // Name resolution, statistics, secrets and custom blocks do not affect packet decoding.
        break;
    }
    p += len;
  }
  return capture;
}

function makePacket(
  bytes: Uint8Array,
  at: number,
  caplen: number,
  origLen: number,
  iface: CaptureInterface,
  hi: number,
  lo: number,
  tsOffset: bigint,
  offset: number,
): CapturedPacket {
  const units = BigInt(iface.unitsPerSecond);
  const raw = (BigInt(hi) << 32n) | BigInt(lo);
  const sec = raw / units + tsOffset;
  const frac = raw % units;
  return {
    ts: { sec: Number(sec), nsec: Number((frac * 1_000_000_000n) / units) },
    caplen,
    origLen: Math.max(origLen, caplen),
    bytes: bytes.subarray(at, at + caplen),
    linkType: iface.linkType,
    ...(iface.link ? { link: iface.link } : {}),
    interfaceId: iface.id,
    offset,
  };
}

/** "1795563920.293284128": seconds and nine fraction digits, as tshark prints frame.time_epoch. */
export function formatTimestamp(ts: CaptureTimestamp, digits = 9): string {
  const frac = String(ts.nsec).padStart(9, '0').slice(0, digits);
  return digits > 0 ? `${ts.sec}.${frac}` : String(ts.sec);
}

export interface PacketToWrite {
  bytes: Uint8Array;
  ts?: CaptureTimestamp;
  /** Defaults to bytes.length. */
  origLen?: number;
  /** pcapng only. */
  interfaceId?: number;
}

function putU16(view: DataView, at: number, v: number, le: boolean): void {
  view.setUint16(at, v, le);
}

/** Writes a classic pcap file (version 2.4). */
export function writePcap(
  packets: readonly PacketToWrite[],
  options: { linkType: number; nanosecond?: boolean; byteOrder?: 'le' | 'be'; snaplen?: number },
): Uint8Array {
  const le = (options.byteOrder ?? 'le') === 'le';
  const total = PCAP_HEADER + packets.reduce((n, pk) => n + PCAP_RECORD + pk.bytes.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, options.nanosecond ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, le);
  putU16(view, 4, 2, le);
  putU16(view, 6, 4, le);
  view.setUint32(16, options.snaplen ?? MAX_RECORD, le);
  view.setUint32(20, options.linkType, le);
  let p = PCAP_HEADER;
  for (const pk of packets) {
    const ts = pk.ts ?? { sec: 0, nsec: 0 };
    view.setUint32(p, ts.sec >>> 0, le);
    view.setUint32(p + 4, options.nanosecond ? ts.nsec : Math.floor(ts.nsec / 1000), le);
    view.setUint32(p + 8, pk.bytes.length, le);
    view.setUint32(p + 12, pk.origLen ?? pk.bytes.length, le);
    out.set(pk.bytes, p + PCAP_RECORD);
    p += PCAP_RECORD + pk.bytes.length;
  }
  return out;
}

/** Writes a pcapng file: one section, one IDB per interface, EPBs (or SPBs when `simple`). */
export function writePcapng(
  interfaces: readonly { linkType: number; snaplen?: number; nanosecond?: boolean; name?: string }[],
  packets: readonly PacketToWrite[],
  options: { byteOrder?: 'le' | 'be'; simple?: boolean } = {},
): Uint8Array {
  const le = (options.byteOrder ?? 'le') === 'le';
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array): void => {
    const len = 12 + ((body.length + 3) & ~3);
    const out = new Uint8Array(len);
    const view = new DataView(out.buffer);
    view.setUint32(0, type, le);
    view.setUint32(4, len, le);
    out.set(body, 8);
    view.setUint32(len - 4, len, le);
    blocks.push(out);
  };
  const shb = new Uint8Array(16);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, PCAPNG.BYTE_ORDER_MAGIC, le);
  putU16(sv, 4, 1, le);
  putU16(sv, 6, 0, le);
  sv.setInt32(8, -1, le);
  sv.setInt32(12, -1, le);
  block(PCAPNG.SHB, shb);
  for (const iface of interfaces) {
    const name = iface.name ? new TextEncoder().encode(iface.name) : new Uint8Array(0);
    const opts: number[] = [];
    const opt = (code: number, value: Uint8Array): void => {
      const o = new Uint8Array(4 + ((value.length + 3) & ~3));
      const ov = new DataView(o.buffer);
      putU16(ov, 0, code, le);
      putU16(ov, 2, value.length, le);
      o.set(value, 4);
      opts.push(...o);
    };
    if (name.length) opt(IF_NAME, name);
    if (iface.nanosecond) opt(IF_TSRESOL, Uint8Array.of(9));
    if (opts.length) opts.push(0, 0, 0, 0);
    const body = new Uint8Array(8 + opts.length);
    const bv = new DataView(body.buffer);
    putU16(bv, 0, iface.linkType, le);
    bv.setUint32(4, iface.snaplen ?? 0, le);
    body.set(opts, 8);
    block(PCAPNG.IDB, body);
  }
  for (const pk of packets) {
    if (options.simple) {
      const body = new Uint8Array(4 + pk.bytes.length);
      new DataView(body.buffer).setUint32(0, pk.origLen ?? pk.bytes.length, le);
      body.set(pk.bytes, 4);
      block(PCAPNG.SPB, body);
      continue;
    }
    const id = pk.interfaceId ?? 0;
    const nano = interfaces[id]?.nanosecond ?? false;
    const ts = pk.ts ?? { sec: 0, nsec: 0 };
    const units = BigInt(ts.sec) * BigInt(nano ? NANO : MICRO) + BigInt(nano ? ts.nsec : Math.floor(ts.nsec / 1000));
    const body = new Uint8Array(20 + pk.bytes.length);
    const bv = new DataView(body.buffer);
    bv.setUint32(0, id, le);
    bv.setUint32(4, Number(units >> 32n), le);
    bv.setUint32(8, Number(units & 0xffffffffn), le);
    bv.setUint32(12, pk.bytes.length, le);
    bv.setUint32(16, pk.origLen ?? pk.bytes.length, le);
    body.set(pk.bytes, 20);
    block(PCAPNG.EPB, body);
  }
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let p = 0;
  for (const b of blocks) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
