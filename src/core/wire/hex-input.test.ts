import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { MAX_PACKET_BYTES, parseHexInput } from './hex-input.ts';

const PASTE_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'paste');
const pastes = readdirSync(PASTE_DIR).filter((f) => f.endsWith('.txt')).sort();
const hexes = (packets: Uint8Array[]) => packets.map((p) => toHex(p));

describe('parseHexInput on real tool output (fixtures/paste)', () => {
  test('there are paste fixtures to check', () => {
    expect(pastes.length).toBeGreaterThanOrEqual(10);
  });

  test.each(pastes)('parseHexInput(%s) gives the recorded packets', (file) => {
    const text = readFileSync(join(PASTE_DIR, file), 'utf8');
    const expected = JSON.parse(readFileSync(join(PASTE_DIR, file.replace(/\.txt$/, '.expected.json')), 'utf8')) as { format: string; packets: string[] };
    const r = parseHexInput(text);
    expect(r.format).toBe(expected.format);
    expect(hexes(r.packets)).toEqual(expected.packets);
    expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });
});

describe('parseHexInput on hand-written dialects', () => {
  const ip = '4500003a839740004011b9197f0000017f000001';
  test.each<[string, string, string, string[]]>([
    // Wireshark "Copy as Hex Stream"
    ['a hex stream', ip, 'hex', [ip]],
    // spaced bytes, upper case
    ['spaced upper-case bytes', '45 00 00 3A 83 97', 'hex', ['4500003a8397']],
    // colon-separated, as in some docs
    ['colon-separated bytes', '45:00:00:3a', 'hex', ['4500003a']],
    // 0x prefix on the whole stream
    ['a 0x-prefixed stream', '0x4500003a', 'hex', ['4500003a']],
    // line breaks inside one packet
    ['hex over several lines', '4500 003a\n8397 4000\r\n4011', 'hex', ['4500003a839740004011']],
    // text lines separate packets
    ['two packets with titles', 'Packet 1:\n4500\nPacket 2:\n4600', 'hex', ['4500', '4600']],
    // 0x-prefixed bytes
    ['0x-prefixed bytes', '0x45, 0x00, 0x00, 0x3a', 'c-array', ['4500003a']],
    // Wireshark "Export Packet Dissections as C Arrays", two packets
    ['C arrays', 'static const unsigned char pkt1[4] = {\n0x45, 0x00, 0x00, 0x3a };\nstatic const unsigned char pkt2[2] = {\n0x46, 0x01 };', 'c-array', ['4500003a', '4601']],
    // Wireshark "Copy as Escaped String"
    ['an escaped C string', '"\\x45\\x00\\x00\\x3a"', 'c-string', ['4500003a']],
    // Wireshark "Copy as Hex Dump" (three spaces after the offset)
    ['a Wireshark hex dump', '0000   45 00 00 3a 83 97 40 00 40 11 b9 19 7f 00 00 01   E..:..@.@.......\n0010   7f 00 00 01                                       ....', 'wireshark', [ip]],
    // the same without the ASCII column
    ['a Wireshark hex dump without ASCII', '0000   45 00 00 3a 83 97 40 00 40 11 b9 19 7f 00 00 01\n0010   7f 00 00 01', 'wireshark', [ip]],
    // ASCII column made only of hex-looking letters must not leak into the bytes
    ['a dump whose ASCII looks like hex', '0000   61 62 63 64   abcd', 'wireshark', ['61626364']],
    // base64 of 45 00 00 3a
    ['base64', 'RQAAOg==', 'base64', ['4500003a']],
    // xxd with one-byte groups (xxd -g1)
    ['xxd -g1', '00000000: 45 00 00 3a  E..:', 'xxd', ['4500003a']],
  ])('parseHexInput reads %s', (_name, text, format, packets) => {
    const r = parseHexInput(text);
    expect(r.format).toBe(format);
    expect(hexes(r.packets)).toEqual(packets);
  });
});

describe('parseHexInput on bad input', () => {
  test('parseHexInput says there is nothing to decode for empty input', () => {
    expect(parseHexInput('  \n\t')).toEqual({ packets: [], format: 'empty', issues: [expect.objectContaining({ severity: 'info' })] });
  });

  test('parseHexInput reports an odd number of hex digits at the dangling digit', () => {
    const r = parseHexInput('45 00 0');
    expect(hexes(r.packets)).toEqual(['4500']);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', line: 1, column: 7, message: expect.stringContaining('Odd number') }));
  });

  test('parseHexInput skips non-hex characters and says where they were', () => {
    const r = parseHexInput('45 00\n00 zz 3a');
    expect(hexes(r.packets)).toEqual(['4500003a']);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', line: 2, column: 4, message: 'Not hex: "zz" skipped' }));
  });

  test('parseHexInput reports lines it does not understand inside a dump', () => {
    const r = parseHexInput('00000000  45 00 00 3a  |E..:|\nGARBAGE LINE\n00000000  46 00  |F.|');
    expect(hexes(r.packets)).toEqual(['4500003a', '4600']);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', line: 2 }));
  });

  test('parseHexInput cuts a packet at the largest capture size and says so', () => {
    const r = parseHexInput('ab'.repeat(MAX_PACKET_BYTES + 10));
    expect(r.packets[0]!.length).toBe(MAX_PACKET_BYTES);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`${MAX_PACKET_BYTES}`) }));
  });

  // Found by scripts/fuzz.ts: a "*" line followed by an offset past the largest packet looped for ever.
  test.each([
    ['od', '000000 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff\n*\n65536 00 3a\n000055\n'],
    ['hexdump -C', '00000000  00 11 22 33 44 55 66 77  88 99 aa bb cc dd ee ff  |................|\n*\nffffffff\n'],
  ])('parseHexInput cuts a %s "*" repeat that runs past the largest capture size', (_dialect, text) => {
    const r = parseHexInput(text);
    expect(r.packets[0]!.length).toBe(MAX_PACKET_BYTES);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`${MAX_PACKET_BYTES}`) }));
  });

  test('parseHexInput reads a 10 MB paste of many packets', () => {
    const block = '\t0x0000:  4500 003a 8397 4000 4011 b919 7f00 0001  E..:..@.@.......\n\t0x0010:  7f00 0001 9c42 14b4  .....B..\n';
    const text = ('12:00:00.000000 IP a > b: UDP\n' + block).repeat(Math.ceil((10 * 1024 * 1024) / (block.length + 30)));
    const r = parseHexInput(text);
    expect(r.format).toBe('tcpdump');
    expect(r.packets.length).toBeGreaterThan(50_000);
    expect(toHex(r.packets[1]!)).toBe('4500003a839740004011b9197f0000017f0000019c4214b4');
  });

  test('parseHexInput caps its issue list on a flood of garbage', () => {
    const r = parseHexInput('45 zz '.repeat(10_000));
    expect(r.issues.length).toBeLessThanOrEqual(52);
    expect(r.issues.at(-1)!.message).toMatch(/more issues not listed/);
  });
});

describe('parseHexInput robustness', () => {
  test('parseHexInput reads back any bytes written as hex in any of the simple dialects', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.constantFrom(' ', ':', '', '\n'), (b, sep) => {
        const text = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(sep);
        const r = parseHexInput(text);
        expect(r.packets).toEqual([b]);
      }),
      { numRuns: 300 },
    );
  });

  test('parseHexInput never throws on random or mutated text', () => {
    const sample = readFileSync(join(PASTE_DIR, 'tcpdump-XX.txt'), 'utf8');
    const mutatedText = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 8 })).map(([a, n, s]) => {
      const at = a % (sample.length + 1);
      return sample.slice(0, at) + s + sample.slice(at + (n % 20));
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^[0-9a-fx:|*\s.]{0,300}$/), mutatedText), (text) => {
        const r = parseHexInput(text);
        for (const p of r.packets) expect(p).toBeInstanceOf(Uint8Array);
        for (const i of r.issues) expect(typeof i.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  test('fromHex and toHex are inverse', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});
