import { describe, expect, it, test } from 'vitest';
import fc from 'fast-check';
import { lookupPort, MAX_SUGGESTIONS, type PortLookupResult } from './lookup.ts';
import { ianaPortDb } from './iana-data.ts';

const db = ianaPortDb();

function summary(r: PortLookupResult): string {
  if (r.kind === 'port') return `port ${r.port} ${r.range.class}${r.transport ? ` ${r.transport}` : ''}`;
  if (r.kind === 'service') return `service ${r.name}: ${r.ports.map((p) => p.port).join(',')}`;
  return `problem`;
}

describe('lookupPort(query, db) reads what people type', () => {
  test.each([
    // plain numbers, with stray whitespace as pasted
    ['80', 'port 80 system'],
    [' 443 ', 'port 443 system'],
    ['\t22\n', 'port 22 system'],
    // the edges of the 16-bit space and of the RFC 6335 ranges
    ['0', 'port 0 system'],
    ['1023', 'port 1023 system'],
    ['1024', 'port 1024 user'],
    ['49151', 'port 49151 user'],
    ['49152', 'port 49152 dynamic'],
    ['65535', 'port 65535 dynamic'],
    // leading zeros are still decimal
    ['080', 'port 80 system'],
    // a transport named either way round
    ['53/udp', 'port 53 system udp'],
    ['TCP/443', 'port 443 system tcp'],
    ['udp:161', 'port 161 system udp'],
    // copied from an address
    [':8080', 'port 8080 user'],
    // hexadecimal is understood but flagged
    ['0x50', 'port 80 system'],
    // names, in any case
    ['https', 'service https: 443'],
    ['HTTP', 'service http: 80'],
    ['ssh', 'service ssh: 22'],
    ['http-alt', 'service http-alt: 591,8008,8080'],
    ['www', 'service www: 80'],
    ['domain', 'service domain: 53'],
  ])('%j gives %s', (query, expected) => {
    expect(summary(lookupPort(query, db))).toBe(expected);
  });
});

describe('lookupPort(query, db) explains what it cannot use', () => {
  test.each([
    // out of the 16-bit range
    ['65536', /too large.*0 to 65535/],
    ['99999999999999999999999', /too large/],
    // negative and fractional
    ['-1', /negative/],
    ['80.5', /not a whole number/],
    // scientific notation offers the decimal
    ['1e3', /did you mean 1000\?/],
    ['1e9', /not a port/],
    // hex too large
    ['0x10000', /above 65535/],
    // empty
    ['', /Type a port number/],
    ['   ', /Type a port number/],
    // markup is just text that is not a name
    ['<img src=x onerror=alert(1)>', /neither a port number nor a service name/],
    // unknown name
    ['nosuchservicexyz', /No IANA service is named "nosuchservicexyz"/],
  ])('%j: %s', (query, message) => {
    const r = lookupPort(query, db);
    expect(r.kind).toBe('problem');
    if (r.kind === 'problem') expect(r.message).toMatch(message);
  });

  it('answers a 2 MB paste with a length message without scanning it', () => {
    const r = lookupPort('8'.repeat(2 * 1024 * 1024), db);
    expect(r).toMatchObject({ kind: 'problem', message: expect.stringMatching(/2,097,152 characters/) });
  });

  it('suggests names that start with an unknown prefix', () => {
    const r = lookupPort('postgre', db);
    expect(r.kind).toBe('problem');
    if (r.kind === 'problem') {
      expect(r.suggestions).toContain('postgresql');
      expect(r.suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    }
  });

  it('still gives ranges for numbers while the name list is loading', () => {
    expect(summary(lookupPort('3389'))).toBe('port 3389 user');
    expect(lookupPort('ssh').kind).toBe('problem');
  });

  it('never throws and always answers, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.anything()), (q) => {
        const r = lookupPort(q, db);
        expect(['port', 'service', 'problem']).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers every number from 0 to 65535 with its RFC 6335 class', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (n) => {
        const r = lookupPort(String(n), db);
        expect(r.kind).toBe('port');
        if (r.kind === 'port') {
          expect(r.port).toBe(n);
          expect(r.range.class).toBe(n <= 1023 ? 'system' : n <= 49151 ? 'user' : 'dynamic');
        }
      }),
    );
  });
});

describe('lookupPort(query, db) reports IANA data', () => {
  it('gives separate TCP and UDP entries, which can differ (RFC 7605 §7.6)', () => {
    const r = lookupPort('514', db);
    expect(r.kind).toBe('port');
    if (r.kind !== 'port') return;
    expect(r.tcp?.name).toBe('shell');
    expect(r.udp?.name).toBe('syslog');
  });

  it('puts the primary IANA name first and keeps aliases for port 80', () => {
    const r = lookupPort('80', db);
    if (r.kind !== 'port') throw new Error('expected a port');
    expect(r.tcp?.name).toBe('http');
    expect(r.tcp?.aliases).toEqual(expect.arrayContaining(['www', 'www-http']));
  });

  it('marks which operating systems pick a port as ephemeral', () => {
    const r = lookupPort('40000', db);
    if (r.kind !== 'port') throw new Error('expected a port');
    expect(r.ephemeralOn.map((e) => e.os)).toEqual(['Linux']);
    const high = lookupPort('50000', db);
    if (high.kind !== 'port') throw new Error('expected a port');
    expect(high.ephemeralOn.map((e) => e.os)).toEqual(['Linux', 'Windows (Vista and later)', 'macOS']);
  });

  it('adds security notes for commonly attacked ports', () => {
    for (const p of ['23', '445', '3389']) {
      const r = lookupPort(p, db);
      if (r.kind !== 'port') throw new Error('expected a port');
      expect(r.note?.security).toBeTruthy();
    }
  });

  it('explains hexadecimal input in a remark', () => {
    const r = lookupPort('0x50', db);
    if (r.kind !== 'port') throw new Error('expected a port');
    expect(r.remark).toMatch(/hexadecimal.*80/);
  });
});
