import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatTimestamp, PCAPNG, readCapture, writePcap, writePcapng } from './capture.ts';
import { LINKTYPE } from './numbers.ts';
import { mutate, mutationArb } from './testing/arbitraries.ts';

const pkt = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const packets = [
  { bytes: pkt(60, 0xaa), ts: { sec: 1_700_000_000, nsec: 123_456_000 } },
  { bytes: pkt(14, 0xbb), ts: { sec: 1_700_000_001, nsec: 999_999_000 }, origLen: 1514 },
];

describe('readCapture: classic pcap', () => {
  test.each([
    // little-endian microseconds: what tcpdump writes on x86
    ['le', false],
    // big-endian microseconds
    ['be', false],
    // little-endian nanoseconds (tcpdump --nano)
    ['le', true],
    // big-endian nanoseconds
    ['be', true],
  ] as const)('readCapture reads a %s pcap (nanosecond: %s)', (byteOrder, nanosecond) => {
    const file = writePcap(packets, { linkType: LINKTYPE.ETHERNET, byteOrder, nanosecond });
    const cap = readCapture(file);
    expect(cap).toMatchObject({ format: 'pcap', byteOrder, linkType: 1, issues: [] });
    expect(cap.packets.map((p) => [p.bytes, p.caplen, p.origLen, p.ts, p.link, p.offset])).toEqual([
      [packets[0]!.bytes, 60, 60, packets[0]!.ts, 'ethernet', 24],
      [packets[1]!.bytes, 14, 1514, packets[1]!.ts, 'ethernet', 24 + 16 + 60],
    ]);
  });

  test('readCapture keeps nanoseconds that a double could not hold', () => {
    const ts = { sec: 1_795_563_920, nsec: 293_284_128 };
    const cap = readCapture(writePcap([{ bytes: pkt(1, 0), ts }], { linkType: 1, nanosecond: true }));
    expect(formatTimestamp(cap.packets[0]!.ts)).toBe('1795563920.293284128');
  });

  test('readCapture reports a wrong magic number', () => {
    const cap = readCapture(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0));
    expect(cap).toEqual({ format: 'unknown', interfaces: [], packets: [], issues: [expect.objectContaining({ severity: 'error', offset: 0, message: expect.stringContaining('0xdeadbeef') })] });
  });

  test('readCapture shows a truncated last record as far as it goes', () => {
    const file = writePcap(packets, { linkType: 1 });
    const cut = file.slice(0, file.length - 4);
    const cap = readCapture(cut);
    expect(cap.packets.map((p) => p.caplen)).toEqual([60, 10]);
    expect(cap.issues).toEqual([expect.objectContaining({ severity: 'error', offset: 24 + 16 + 60, message: expect.stringContaining('10 of 14 bytes') })]);
  });

  test('readCapture reports a truncated record header and a truncated file header', () => {
    const file = writePcap(packets, { linkType: 1 });
    expect(readCapture(file.slice(0, 24 + 16 + 60 + 5)).issues[0]).toMatchObject({ offset: 100, message: expect.stringContaining('Truncated record header') });
    expect(readCapture(file.slice(0, 10)).issues[0]).toMatchObject({ offset: 0, message: expect.stringContaining('Truncated pcap file header') });
  });

  test('readCapture stops at an impossible record length instead of reading garbage', () => {
    const file = writePcap(packets, { linkType: 1 });
    new DataView(file.buffer).setUint32(24 + 8, 0x7fffffff, true);
    const cap = readCapture(file);
    expect(cap.packets).toEqual([]);
    expect(cap.issues[0]).toMatchObject({ offset: 32, message: expect.stringContaining('corrupt') });
  });

  test('readCapture warns about a link type PortLab cannot decode but still lists the packets', () => {
    const cap = readCapture(writePcap(packets, { linkType: 147 }));
    expect(cap.packets).toHaveLength(2);
    expect(cap.packets[0]!.link).toBeUndefined();
    expect(cap.issues[0]!.message).toContain('147');
  });
});

describe('readCapture: pcapng', () => {
  const ifaces = [
    { linkType: LINKTYPE.ETHERNET, name: 'lo' },
    { linkType: LINKTYPE.LINUX_SLL2, nanosecond: true, name: 'any' },
  ];
  const two = [
    { ...packets[0]!, interfaceId: 0 },
    { ...packets[1]!, interfaceId: 1, ts: { sec: 1_700_000_002, nsec: 1 } },
  ];

  test.each(['le', 'be'] as const)('readCapture reads a %s pcapng section with two interfaces of different link types', (byteOrder) => {
    const cap = readCapture(writePcapng(ifaces, two, { byteOrder }));
    expect(cap).toMatchObject({ format: 'pcapng', byteOrder, linkType: 1, issues: [] });
    expect(cap.interfaces.map((i) => [i.id, i.linkType, i.link, i.name, i.unitsPerSecond])).toEqual([
      [0, 1, 'ethernet', 'lo', 1e6],
      [1, 276, 'linux-sll2', 'any', 1e9],
    ]);
    expect(cap.packets.map((p) => [p.interfaceId, p.link, p.ts, p.caplen, p.origLen])).toEqual([
      [0, 'ethernet', packets[0]!.ts, 60, 60],
      [1, 'linux-sll2', { sec: 1_700_000_002, nsec: 1 }, 14, 1514],
    ]);
  });

  test('readCapture reads simple packet blocks (no timestamp, length from the block)', () => {
    // An SPB holds min(original length, snap length) bytes (draft-ietf-opsawg-pcapng §4.4).
    const cap = readCapture(writePcapng([{ linkType: 1, snaplen: 32 }], [packets[0]!, { bytes: pkt(14, 0xbb) }], { simple: true }));
    expect(cap.packets.map((p) => [p.caplen, p.origLen, p.ts])).toEqual([
      [32, 60, { sec: 0, nsec: 0 }],
      [14, 14, { sec: 0, nsec: 0 }],
    ]);
  });

  /** Builds a little-endian block by hand: type, total length, body, total length. */
  const block = (type: number, body: number[]): number[] => {
    const padded = [...body, ...new Array<number>((4 - (body.length % 4)) % 4).fill(0)];
    const len = 12 + padded.length;
    const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    return [...u32(type), ...u32(len), ...padded, ...u32(len)];
  };
  const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const shb = block(PCAPNG.SHB, [...u32(PCAPNG.BYTE_ORDER_MAGIC), 1, 0, 0, 0, ...new Array<number>(8).fill(0xff)]);

  test('readCapture honours a binary timestamp resolution and a timestamp offset', () => {
    // if_tsresol 0x8a = 2^-10 s; if_tsoffset = 100 s.
    const idb = block(PCAPNG.IDB, [1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 1, 0, 0x8a, 0, 0, 0, 14, 0, 8, 0, ...u32(100), 0, 0, 0, 0, 0, 0, 0, 0]);
    // 3 × 1024 + 512 units = 3.5 s.
    const epb = block(PCAPNG.EPB, [...u32(0), ...u32(0), ...u32(3 * 1024 + 512), ...u32(1), ...u32(1), 0x42]);
    const cap = readCapture(Uint8Array.from([...shb, ...idb, ...epb]));
    expect(cap.issues).toEqual([]);
    expect(cap.packets[0]!.ts).toEqual({ sec: 103, nsec: 500_000_000 });
  });

  test('readCapture reads the obsolete packet block', () => {
    const idb = block(PCAPNG.IDB, [1, 0, 0, 0, 0, 0, 0, 0]);
    const pb = block(PCAPNG.PB, [0, 0, 0, 0, ...u32(0), ...u32(2_000_000), ...u32(2), ...u32(2), 0xca, 0xfe]);
    const cap = readCapture(Uint8Array.from([...shb, ...idb, ...pb]));
    expect(cap.packets.map((p) => [p.bytes, p.ts])).toEqual([[Uint8Array.of(0xca, 0xfe), { sec: 2, nsec: 0 }]]);
  });

  test('readCapture numbers interfaces across sections and skips blocks it does not need', () => {
    const idb = block(PCAPNG.IDB, [1, 0, 0, 0, 0, 0, 0, 0]);
    const epb = block(PCAPNG.EPB, [...u32(0), ...u32(0), ...u32(0), ...u32(1), ...u32(1), 7]);
    const isb = block(PCAPNG.ISB, [...u32(0), ...u32(0), ...u32(0)]);
    const cap = readCapture(Uint8Array.from([...shb, ...idb, ...epb, ...isb, ...shb, ...idb, ...epb]));
    expect(cap.issues).toEqual([]);
    expect(cap.packets.map((p) => p.interfaceId)).toEqual([0, 1]);
  });

  test.each<[string, (f: number[]) => number[], string]>([
    // without its section header the file is not recognised at all
    ['no section header', (f) => f.slice(shb.length), 'Wrong magic number'],
    // a packet whose interface was never described
    ['an unknown interface', (f) => [...f.slice(0, shb.length), ...f.slice(shb.length + 20)], 'no description block'],
    // length field not a multiple of 4
    ['an impossible block length', (f) => { const g = f.slice(); g[shb.length + 4] = 21; return g; }, 'Impossible block length 21'],
    // cut in the middle of a block
    ['a truncated block', (f) => f.slice(0, f.length - 6), 'Truncated block'],
  ])('readCapture reports %s', (_name, damage, message) => {
    const idb = block(PCAPNG.IDB, [1, 0, 0, 0, 0, 0, 0, 0]);
    const epb = block(PCAPNG.EPB, [...u32(0), ...u32(0), ...u32(0), ...u32(4), ...u32(4), 1, 2, 3, 4]);
    const cap = readCapture(Uint8Array.from(damage([...shb, ...idb, ...epb])));
    expect(cap.issues).toContainEqual(expect.objectContaining({ severity: 'error', message: expect.stringContaining(message) }));
  });
});

describe('readCapture robustness', () => {
  const pcap = writePcap(packets, { linkType: 1 });
  const pcapng = writePcapng([{ linkType: 1 }, { linkType: 276, nanosecond: true }], [{ ...packets[0]!, interfaceId: 1 }, packets[1]!]);
  test('readCapture never throws on random or mutated files, and every packet lies inside the file', () => {
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(fc.constantFrom(pcap, pcapng), mutationArb).map(([f, m]) => mutate(f, m)),
    );
    fc.assert(
      fc.property(file, (f) => {
        const cap = readCapture(f);
        for (const p of cap.packets) {
          expect(p.bytes.length).toBe(p.caplen);
          expect(p.bytes.buffer).toBe(f.buffer);
          expect(p.origLen).toBeGreaterThanOrEqual(p.caplen);
        }
      }),
      { numRuns: 800 },
    );
  });
});
