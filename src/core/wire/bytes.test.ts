import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatIpv6, parseIpv4, parseIpv6, parseMac, readBits, writeBits } from './bytes.ts';
import { finish, sumWords } from './checksum.ts';

describe('formatIpv6', () => {
  test.each([
    // RFC 5952 §4.2.1: leading zeros dropped; §4.2.2: "::" stands for two or more zero words only
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    // RFC 5952 §4.2.3: the first of two equal runs is compressed
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    // §4.2.2: a single zero word is not compressed
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // loopback and unspecified
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    // §4.3: lower case
    ['2001:DB8::AB', '2001:db8::ab'],
  ])('formatIpv6(%s) is %s (RFC 5952 §4)', (text, canonical) => {
    expect(formatIpv6(parseIpv6(text)!, 0)).toBe(canonical);
  });

  test('parseIpv6 and formatIpv6 round-trip any address', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        expect(parseIpv6(formatIpv6(b, 0))).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['1:2:3', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9'])('parseIpv6 rejects %s', (bad) => {
    expect(parseIpv6(bad)).toBeUndefined();
  });

  test.each(['256.1.1.1', '1.2.3', 'a.b.c.d'])('parseIpv4 rejects %s', (bad) => {
    expect(parseIpv4(bad)).toBeUndefined();
  });

  test('parseMac reads colon and dash forms', () => {
    expect(parseMac('02:00:5E:10:00:01')).toEqual(Uint8Array.of(2, 0, 0x5e, 0x10, 0, 1));
    expect(parseMac('02-00-5e-10-00-01')).toEqual(Uint8Array.of(2, 0, 0x5e, 0x10, 0, 1));
    expect(parseMac('02:00:5e')).toBeUndefined();
  });
});

describe('readBits and writeBits', () => {
  test('writeBits then readBits gives the value back and leaves the other bits alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 32 }), fc.nat(), (b, bit, bits, v) => {
        const value = v % 2 ** bits;
        const out = b.slice();
        writeBits(out, 0, bit, bits, value);
        expect(readBits(out, 0, bit, bits)).toBe(value);
        const end = bit + bits;
        // Bits before and after the field are unchanged.
        for (let i = 0; i < 48; i++) {
          if (i >= bit && i < end) continue;
          expect((out[i >> 3]! >> (7 - (i & 7))) & 1).toBe((b[i >> 3]! >> (7 - (i & 7))) & 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Internet checksum', () => {
  test('finish(sumWords) matches the worked example of RFC 1071 §3', () => {
    // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2, so the checksum is ~0xddf2 = 0x220d.
    expect(finish(sumWords(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7), 0, 8))).toBe(0x220d);
  });
});
