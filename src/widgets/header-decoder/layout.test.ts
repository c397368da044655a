import { describe, expect, test } from 'vitest';
import { decodePacket, samplePackets, type DecodedPacket } from '../../core/wire/index.ts';
import {
  BYTES_PER_ROW,
  bitDiagram,
  decimalAndHex,
  fieldBytes,
  fieldsAtByte,
  gridRows,
  highlightedKeys,
  keyOf,
  lessonSlugFor,
  limitsFor,
  listPage,
  matchesHighlight,
  moveByte,
  parseHighlight,
  spanIndexAt,
} from './layout.ts';

const sample = (id: string): DecodedPacket => {
  const s = samplePackets().find((p) => p.id === id)!;
  return decodePacket(s.bytes, { link: s.link, origLen: s.origLen });
};
const syn = sample('syn');
const fieldId = (p: DecodedPacket, key: string) => {
  const [l, f] = key.split(':').map(Number);
  return p.layers[l!]!.fields[f!]!.id;
};

describe('byte ↔ field lookups', () => {
  test('fieldsAtByte(spans, 47) names the TCP flags of the SYN sample (byte 13 of TCP after 14 + 20 bytes)', () => {
    const ids = fieldsAtByte(syn.spans, 14 + 20 + 13).map((k) => fieldId(syn, k));
    expect(ids).toContain('tcp.flags.syn');
    expect(ids).toContain('tcp.flags.ack');
  });

  test('fieldsAtByte(spans, n) finds a field for every byte of the SYN sample, and fieldBytes of one of them contains n', () => {
    for (let b = 0; b < syn.spans.at(-1)!.end; b++) {
      const keys = fieldsAtByte(syn.spans, b);
      expect(keys.length, `byte ${b}`).toBeGreaterThan(0);
      const covers = keys.some((k) => {
        const [l, f] = k.split(':').map(Number);
        const r = fieldBytes(syn.layers[l!]!.fields[f!]!);
        return b >= r.start && b < r.end;
      });
      expect(covers, `byte ${b}`).toBe(true);
    }
  });

  test('spanIndexAt(spans, n) is -1 past the end and for negative offsets', () => {
    expect(spanIndexAt(syn.spans, 10_000)).toBe(-1);
    expect(spanIndexAt(syn.spans, -1)).toBe(-1);
  });

  test('fieldsAtByte(spans, n) is empty on the undecoded bytes of the truncated frame', () => {
    const t = sample('truncated');
    const undecoded = t.spans.find((s) => s.kind === 'undecoded')!;
    expect(fieldsAtByte(t.spans, undecoded.start)).toEqual([]);
  });

  test.each([
    // [field, bytes it covers]
    [{ start: 46, bitLength: 4 }, { start: 46, end: 47 }], // data offset: high nibble of one byte
    [{ start: 46, bitOffset: 7, bitLength: 9 }, { start: 46, end: 48 }], // a bit field that crosses a byte
    [{ start: 34, bitLength: 16 }, { start: 34, end: 36 }], // a port
  ])('fieldBytes(%o) is %o', (field, range) => {
    expect(fieldBytes(field)).toEqual(range);
  });
});

describe('gridRows and moveByte', () => {
  test('gridRows(40) gives rows of 16, 16 and 8 bytes at offsets 0, 16, 32', () => {
    const rows = gridRows(40);
    expect(rows.map((r) => [r.offset, r.bytes.length])).toEqual([[0, 16], [16, 16], [32, 8]]);
  });

  test('gridRows(n, 16, limit) stops at the limit', () => {
    expect(gridRows(10_000, 16, 64).flatMap((r) => r.bytes)).toHaveLength(64);
  });

  test.each([
    // [from, key, length, to]
    [5, 'ArrowRight', 40, 6],
    [5, 'ArrowLeft', 40, 4],
    [0, 'ArrowLeft', 40, 0], // stays on the first byte
    [5, 'ArrowDown', 40, 5 + BYTES_PER_ROW],
    [30, 'ArrowDown', 40, 39], // clamps to the last byte
    [20, 'ArrowUp', 40, 4],
    [20, 'Home', 40, 0],
    [2, 'End', 40, 39],
  ])('moveByte(%i, %s, %i) is %i', (from, key, length, to) => {
    expect(moveByte(from, key, length)).toBe(to);
  });

  test('moveByte ignores other keys', () => {
    expect(moveByte(3, 'a', 40)).toBeUndefined();
  });
});

describe('highlight prop', () => {
  test('parseHighlight splits on commas and trims', () => {
    expect(parseHighlight(' tcp.srcport, tcp.dstport ,,')).toEqual(['tcp.srcport', 'tcp.dstport']);
    expect(parseHighlight(undefined)).toEqual([]);
  });

  test.each([
    // [id, patterns, matches]
    ['tcp.flags.syn', ['tcp.flags'], true], // prefix
    ['tcp.flags', ['tcp.flags'], true], // exact
    ['tcp.flagsx', ['tcp.flags'], false], // a prefix must end at a dot
    ['ip.ttl', ['ipv6'], false], // ip is not ipv6
  ])('matchesHighlight(%s, %o) is %s', (id, patterns, result) => {
    expect(matchesHighlight(id, patterns)).toBe(result);
  });

  test('highlightedKeys(packet, ["tcp.srcport", "tcp.dstport"]) selects the two port fields', () => {
    expect(highlightedKeys(syn, ['tcp.srcport', 'tcp.dstport']).map((k) => fieldId(syn, k))).toEqual(['tcp.srcport', 'tcp.dstport']);
  });

  test('highlightedKeys(packet, ["ip"]) selects every field of the IPv4 layer, by layer name', () => {
    const ip = syn.layers.findIndex((l) => l.name === 'ip');
    expect(highlightedKeys(syn, ['ip'])).toEqual(syn.layers[ip]!.fields.map((_, i) => keyOf(ip, i)));
  });
});

describe('bitDiagram', () => {
  test('bitDiagram(tcp) puts the ports in row 0 and the data offset at column 0 of row 3, 4 bits wide', () => {
    const tcp = syn.layers.find((l) => l.name === 'tcp')!;
    const cells = bitDiagram(tcp);
    const cell = (id: string) => cells.find((c) => tcp.fields[c.field]!.id === id)!;
    expect(cell('tcp.srcport')).toMatchObject({ row: 0, col: 0, width: 16 });
    expect(cell('tcp.dstport')).toMatchObject({ row: 0, col: 16, width: 16 });
    expect(cell('tcp.hdr_len')).toMatchObject({ row: 3, col: 0, width: 4 });
    expect(cell('tcp.flags.syn')).toMatchObject({ row: 3, width: 1 });
    // every row of the fixed header is filled: 5 rows × 32 bits
    expect(cells.reduce((n, c) => n + c.width, 0)).toBe(5 * 32);
  });

  test('bitDiagram(ipv6) splits the 128-bit addresses over four rows each', () => {
    const v6 = sample('ipv6-tcp');
    const layer = v6.layers.find((l) => l.name === 'ipv6')!;
    const src = bitDiagram(layer).filter((c) => layer.fields[c.field]!.id === 'ipv6.src');
    expect(src.map((c) => c.row)).toEqual([2, 3, 4, 5]);
    expect(src.every((c) => c.continued)).toBe(true);
  });

  test('bitDiagram(eth) is empty: only IP, TCP and UDP are drawn', () => {
    expect(bitDiagram(syn.layers[0]!)).toEqual([]);
  });
});

describe('values, pages, limits and lessons', () => {
  test('decimalAndHex gives both forms, padded to the field width', () => {
    expect(decimalAndHex({ value: 64240, raw: 64240, bitLength: 16 })).toEqual({ dec: '64,240', hex: '0xfaf0' });
    expect(decimalAndHex({ value: '192.0.2.10', bitLength: 32 })).toBeUndefined();
  });

  test('listPage(100000, 3) shows rows 600 to 799 of 500 pages', () => {
    expect(listPage(100_000, 3)).toEqual({ page: 3, pages: 500, first: 600, end: 800 });
    expect(listPage(0, 5)).toEqual({ page: 0, pages: 1, first: 0, end: 0 });
  });

  test('limitsFor(SYN) mentions relative sequence numbers and the window scale, limitsFor(DNS) neither', () => {
    expect(limitsFor(syn).join(' ')).toMatch(/Relative sequence/);
    expect(limitsFor(syn).join(' ')).toMatch(/2\^shift/);
    expect(limitsFor(sample('dns-query')).join(' ')).not.toMatch(/Relative sequence/);
  });

  test('lessonSlugFor links TCP and IP fields to the segment anatomy lesson, Ethernet to none', () => {
    expect(lessonSlugFor('tcp.flags.syn')).toBe('tcp-segment-anatomy');
    expect(lessonSlugFor('eth.dst')).toBeUndefined();
  });
});
