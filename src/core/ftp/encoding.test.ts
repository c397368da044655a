import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  encodeHostPort,
  explainFtpArgument,
  formatFtpEndpoint,
  formatEprt,
  formatEpsvReply,
  formatPasvReply,
  ipv6Groups,
  isIpv4,
  isIpv6,
  isPrivateIpv4,
  MAX_FTP_TEXT,
  parseEprt,
  parseEpsvReply,
  parseHostPort,
  parsePasvReply,
} from './encoding.ts';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const port = fc.integer({ min: 1, max: 65535 });

describe('encodeHostPort', () => {
  test.each([
    // RFC 959 §4.1.2 encoding, the example of FACTS.md §6
    ['192.168.1.10', 50000, '192,168,1,10,195,80'],
    // the server's port 20 is p1 = 0, p2 = 20
    ['198.51.100.7', 20, '198,51,100,7,0,20'],
    // the largest port: 255 × 256 + 255
    ['203.0.113.5', 65535, '203,0,113,5,255,255'],
    // a port that is an exact multiple of 256
    ['10.0.0.1', 256, '10,0,0,1,1,0'],
  ])('encodeHostPort(%s, %i) is "%s"', (address, p, text) => {
    expect(encodeHostPort(address, p)).toBe(text);
  });

  test.each([
    ['2001:db8::1', 21, /not an IPv4 address/],
    ['192.168.1.256', 21, /not an IPv4 address/],
    ['192.168.1.10', 0, /not a port/],
    ['192.168.1.10', 65536, /not a port/],
    ['192.168.1.10', 1.5, /not a port/],
  ])('encodeHostPort(%s, %s) throws a RangeError', (address, p, message) => {
    expect(() => encodeHostPort(address, p)).toThrow(RangeError);
    expect(() => encodeHostPort(address, p)).toThrow(message);
  });
});

describe('parseHostPort', () => {
  test('parseHostPort reads the RFC 959 example as 192.168.1.10:50000 with its six numbers', () => {
    expect(parseHostPort('192,168,1,10,195,80')).toEqual({ ok: true, address: '192.168.1.10', port: 50000, hostBytes: [192, 168, 1, 10], p1: 195, p2: 80 });
  });

  test('parseHostPort ignores spaces around the text', () => {
    expect(parseHostPort('  10,0,0,1,0,21 ')).toMatchObject({ ok: true, address: '10.0.0.1', port: 21 });
  });

  test.each([
    // a number above 255, with the offset of that number
    ['192,168,1,300,195,80', 10, /h4 is 300; each number is one byte/],
    ['192,168,1,10,256,80', 13, /p1 is 256/],
    // five numbers
    ['192,168,1,10,195', 0, /has 5 comma-separated numbers; PORT and 227 carry exactly six/],
    // seven numbers
    ['192,168,1,10,195,80,1', 0, /has 7 comma-separated numbers/],
    // not a number
    ['192,168,one,10,195,80', 8, /h3 is "one", not a decimal number/],
    ['192,168,1,10,-1,80', 13, /p1 is "-1"/],
    ['192,168,1,10,195,', 17, /p2 is "", not a decimal number/],
    // port 0
    ['192,168,1,10,0,0', 13, /port 0, which is reserved/],
    ['', 0, /is empty/],
  ])('parseHostPort("%s") reports a problem at offset %i', (text, offset, message) => {
    const r = parseHostPort(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ offset, message: expect.stringMatching(message) });
  });

  test('parseHostPort reports every bad number, not only the first', () => {
    const r = parseHostPort('999,168,x,10,195,80');
    expect(r.ok ? [] : r.problems.map((p) => p.offset)).toEqual([0, 8]);
  });

  test('parseHostPort refuses text longer than MAX_FTP_TEXT before scanning it', () => {
    const r = parseHostPort('1,'.repeat(MAX_FTP_TEXT));
    expect(r).toEqual({ ok: false, problems: [{ offset: MAX_FTP_TEXT, message: expect.stringMatching(/characters long/) }] });
  });

  test('parseHostPort(encodeHostPort(a, p)) gives back a and p (round trip)', () => {
    fc.assert(
      fc.property(ipv4, port, (address, p) => {
        expect(parseHostPort(encodeHostPort(address, p))).toMatchObject({ ok: true, address, port: p });
      }),
    );
  });

  test('parseHostPort never throws and either succeeds or names at least one problem', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 8 }).map((a) => a.join(','))), (text) => {
        const r = parseHostPort(text);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
        else expect(r.port).toBe(r.p1 * 256 + r.p2);
      }),
    );
  });
});

describe('227 replies', () => {
  test('formatPasvReply words the reply as RFC 959 §4.2.2 does', () => {
    expect(formatPasvReply('198.51.100.7', 50200)).toBe('227 Entering Passive Mode (198,51,100,7,196,24).');
  });

  test.each([
    ['227 Entering Passive Mode (198,51,100,7,196,24).', 50200],
    // servers word it differently; clients scan for the numbers (RFC 1123 §4.1.2.6)
    ['227 Entering passive mode 198,51,100,7,196,24', 50200],
    ['227 =198,51,100,7,0,21', 21],
  ])('parsePasvReply(%s) finds the port %i', (line, p) => {
    expect(parsePasvReply(line)).toMatchObject({ ok: true, address: '198.51.100.7', port: p });
  });

  test.each([
    ['200 Command okay.', 0, /does not start with reply code 227/],
    ['227 Entering Passive Mode', 3, /holds no comma-separated numbers/],
    ['227 Entering Passive Mode (198,51,100,7,196,999).', 44, /p2 is 999/],
  ])('parsePasvReply(%s) reports a problem at offset %i', (line, offset, message) => {
    const r = parsePasvReply(line);
    expect(r.ok ? [] : r.problems).toContainEqual({ offset, message: expect.stringMatching(message) });
  });

  test('parsePasvReply(formatPasvReply(a, p)) gives back a and p (round trip)', () => {
    fc.assert(fc.property(ipv4, port, (address, p) => void expect(parsePasvReply(formatPasvReply(address, p))).toMatchObject({ ok: true, address, port: p })));
  });
});

describe('EPRT', () => {
  test.each([
    // the two examples of RFC 2428 §2
    ['132.235.1.2', 6275, '|1|132.235.1.2|6275|'],
    ['1080::8:800:200C:417A', 5282, '|2|1080::8:800:200C:417A|5282|'],
  ])('formatEprt(%s, %i) is "%s" (RFC 2428 §2)', (address, p, text) => {
    expect(formatEprt(address, p)).toBe(text);
  });

  test('formatEprt takes another delimiter, as RFC 2428 §2 allows', () => {
    expect(formatEprt('132.235.1.2', 6275, '!')).toBe('!1!132.235.1.2!6275!');
  });

  test.each([
    ['example.com', 21, '|'],
    ['132.235.1.2', 0, '|'],
    // a delimiter that could appear inside an address
    ['132.235.1.2', 21, '.'],
    ['132.235.1.2', 21, ' '],
  ])('formatEprt(%s, %i, "%s") throws a RangeError', (address, p, d) => {
    expect(() => formatEprt(address, p, d)).toThrow(RangeError);
  });

  test.each([
    ['|1|132.235.1.2|6275|', { family: 1, address: '132.235.1.2', port: 6275, delimiter: '|' }],
    ['|2|1080::8:800:200C:417A|5282|', { family: 2, address: '1080::8:800:200C:417A', port: 5282 }],
    ['#2#::ffff:192.0.2.1#21#', { family: 2, address: '::ffff:192.0.2.1', port: 21, delimiter: '#' }],
  ])('parseEprt(%s) reads the family, address and port', (text, expected) => {
    expect(parseEprt(text)).toMatchObject({ ok: true, ...expected });
  });

  test.each([
    ['|3|132.235.1.2|6275|', 1, /network protocol is "3"; RFC 2428 §2 defines 1 \(IPv4\) and 2 \(IPv6\)/],
    ['|1|1080::8|6275|', 3, /is not an IPv4 address/],
    ['|2|132.235.1.2|6275|', 3, /is not an IPv6 address/],
    ['|1|132.235.1.2|70000|', 15, /port is "70000"/],
    ['|1|132.235.1.2|6275', 0, /three fields between four "\|" delimiters/],
    ['|1|132.235.1.2|6275|x|', 0, /three fields/],
    [' 1|132.235.1.2|6275|', 1, /three fields/],
    ['', 0, /is empty/],
  ])('parseEprt(%s) reports a problem at offset %i', (text, offset, message) => {
    const r = parseEprt(text);
    expect(r.ok ? [] : r.problems).toContainEqual({ offset, message: expect.stringMatching(message) });
  });

  test('parseEprt(formatEprt(a, p)) gives back a and p for IPv4 and IPv6 (round trip)', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, fc.ipV6()), port, (address, p) => {
        expect(parseEprt(formatEprt(address, p))).toMatchObject({ ok: true, address, port: p, family: isIpv4(address) ? 1 : 2 });
      }),
    );
  });

  test('parseEprt never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => void expect(typeof parseEprt(text).ok).toBe('boolean')));
  });
});

describe('EPSV and 229', () => {
  test('formatEpsvReply gives the RFC 2428 §3 example for port 6446', () => {
    expect(formatEpsvReply(6446)).toBe('229 Entering Extended Passive Mode (|||6446|)');
  });

  test.each([
    ['229 Entering Extended Passive Mode (|||6446|)', 6446],
    ['229 EPSV ok (!!!21!)', 21],
  ])('parseEpsvReply(%s) finds port %i', (line, p) => {
    expect(parseEpsvReply(line)).toMatchObject({ ok: true, port: p });
  });

  test.each([
    ['227 Entering Passive Mode (1,2,3,4,5,6)', /does not start with reply code 229/],
    ['229 Entering Extended Passive Mode', /has no "\(<d><d><d><tcp-port><d>\)" part/],
    ['229 Entering Extended Passive Mode (||6446|)', /three delimiters, the port, one delimiter/],
    ['229 Entering Extended Passive Mode (|||0|)', /port is "0"/],
  ])('parseEpsvReply(%s) reports a problem', (line, message) => {
    const r = parseEpsvReply(line);
    expect(r.ok ? [] : r.problems).toContainEqual({ offset: expect.any(Number), message: expect.stringMatching(message) });
  });

  test('parseEpsvReply(formatEpsvReply(p)) gives back p (round trip)', () => {
    fc.assert(fc.property(port, (p) => void expect(parseEpsvReply(formatEpsvReply(p))).toMatchObject({ ok: true, port: p })));
  });
});

describe('addresses', () => {
  test.each([
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['192.169.1.10', false],
    ['203.0.113.5', false],
    ['2001:db8::1', false],
  ])('isPrivateIpv4(%s) is %s (RFC 1918 §3)', (address, expected) => {
    expect(isPrivateIpv4(address)).toBe(expected);
  });

  test.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::7', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 7]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
  ])('ipv6Groups(%s) reads eight groups', (text, groups) => {
    expect(ipv6Groups(text)).toEqual(groups);
  });

  test.each(['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::', 'g::1', '1:2:3:4:5:6:7:8::', '::1.2.3.256', ''])('ipv6Groups(%s) is null', (text) => {
    expect(ipv6Groups(text)).toBeNull();
  });

  test('isIpv6 accepts every address fast-check generates, and isIpv4 none of them', () => {
    fc.assert(fc.property(fc.ipV6(), (a) => void expect([isIpv6(a), isIpv4(a)]).toEqual([true, false])));
  });

  test('formatFtpEndpoint puts IPv6 addresses in brackets', () => {
    expect(formatFtpEndpoint({ address: '2001:db8::7', port: 21 })).toBe('[2001:db8::7]:21');
    expect(formatFtpEndpoint({ address: '198.51.100.7', port: 21 })).toBe('198.51.100.7:21');
  });
});

describe('explainFtpArgument', () => {
  test('explainFtpArgument shows the PORT arithmetic: 195 × 256 + 80 = 50000', () => {
    expect(explainFtpArgument('PORT 192,168,1,10,195,80')).toEqual({
      kind: 'PORT',
      argument: '192,168,1,10,195,80',
      address: '192.168.1.10',
      port: 50000,
      arithmetic: '195 × 256 + 80 = 50000',
      lines: ['h1,h2,h3,h4 = 192,168,1,10 → address 192.168.1.10', 'p1,p2 = 195,80 → port = 195 × 256 + 80 = 50000', expect.stringContaining('the server opens the data connection')],
      source: 'RFC 959 §4.1.2',
    });
  });

  test('explainFtpArgument decodes a 227 reply as where the server listens', () => {
    expect(explainFtpArgument('227 Entering Passive Mode (198,51,100,7,196,24).')).toMatchObject({ kind: '227', address: '198.51.100.7', port: 50200, arithmetic: '196 × 256 + 24 = 50200' });
  });

  test('explainFtpArgument says EPRT needs no arithmetic', () => {
    const x = explainFtpArgument('EPRT |2|2001:db8:1::10|50000|');
    expect(x).toMatchObject({ kind: 'EPRT', address: '2001:db8:1::10', port: 50000, arithmetic: null });
    expect(x?.lines).toContain('network protocol 2 → IPv6 (1 = IPv4, 2 = IPv6)');
  });

  test('explainFtpArgument fills in the control connection\'s address for 229', () => {
    const x = explainFtpArgument('229 Entering Extended Passive Mode (|||6446|)', '198.51.100.7');
    expect(x).toMatchObject({ kind: '229', argument: '|||6446|', address: '198.51.100.7', port: 6446, source: 'RFC 2428 §3' });
    expect(x?.lines[1]).toContain('198.51.100.7');
  });

  test.each(['LIST', '200 Command okay.', 'PORT 1,2,3', 'EPRT |9|x|1|', '229 nope'])('explainFtpArgument(%s) is null', (line) => {
    expect(explainFtpArgument(line)).toBeNull();
  });
});
