import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCapture } from './capture.ts';
import { decodePacket, GAP_REASON } from './decode.ts';
import { encodePacket } from './encode.ts';
import { captureFixtures, compareWithTshark, FIXTURE_DIR, recordFor, tsharkAvailable, type TsharkRecord } from './fixtures/tshark.ts';

const files = captureFixtures();
const recorded = (file: string): TsharkRecord =>
  JSON.parse(readFileSync(join(FIXTURE_DIR, file.replace(/\.(pcap|pcapng)$/, '.tshark.json')), 'utf8')) as TsharkRecord;

describe('wire fixtures (real loopback captures, see fixtures/README.md)', () => {
  test('there are capture fixtures, each with its recorded tshark decoding', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) expect(recorded(f).packets.length).toBeGreaterThan(0);
  });

  test.each(files)('readCapture + decodePacket agree with the recorded tshark decoding of %s', (file) => {
    const rec = recorded(file);
    expect(compareWithTshark(file, rec)).toEqual([]);
    // Guard against a vacuous comparison: the transport and IP fields must be among those compared.
    expect(rec.fields).toEqual(expect.arrayContaining(['frame.time_epoch']));
    expect(rec.fields.some((f) => f.startsWith('ip.') || f.startsWith('ipv6.'))).toBe(true);
  });

  test.each(files)('decodePacket explains every byte of %s and re-encodes it exactly', (file) => {
    const cap = readCapture(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))));
    expect(cap.issues).toEqual([]);
    for (const p of cap.packets) {
      const d = decodePacket(p.bytes, { ...(p.link ? { link: p.link } : {}), origLen: p.origLen });
      expect(d.spans.filter((s) => s.kind === 'undecoded')).toEqual([]);
      expect(d.spans.at(-1)!.end).toBe(p.bytes.length);
      expect(encodePacket(d.specs)).toEqual(p.bytes);
      expect(d.checksums.every((c) => c.status !== 'incorrect')).toBe(true);
      expect(d.spans.some((s) => s.kind === 'undecoded' && s.reason === GAP_REASON)).toBe(false);
    }
  });

  test('decodePacket explains the partial checksums of loopback captures as offload', () => {
    const cap = readCapture(new Uint8Array(readFileSync(join(FIXTURE_DIR, 'ipv4-tcp-http.pcap'))));
    const d = decodePacket(cap.packets[0]!.bytes, { link: 'ethernet' });
    expect(d.checksums.map((c) => [c.kind, c.status])).toEqual([['ip', 'correct'], ['tcp', 'partial']]);
    // The sequence number is random at every recording (RFC 9293 §3.4.1); the rest is fixed by the recipe.
    expect(d.summary).toMatch(/^127\.0\.0\.1:40001 → 127\.0\.0\.1:8080 TCP \[SYN\] seq=\d+ win=65495 len=0$/);
  });

  test('decodePacket finds the SNI in the recorded TLS ClientHello', () => {
    const cap = readCapture(new Uint8Array(readFileSync(join(FIXTURE_DIR, 'ipv4-tls-nano.pcap'))));
    const names = cap.packets
      .map((p) => decodePacket(p.bytes, { link: 'ethernet' }).layers.flatMap((l) => l.fields).find((f) => f.id === 'tls.handshake.extensions_server_name'))
      .filter((f) => f !== undefined)
      .map((f) => f.value);
    expect(names).toEqual(['portlab.test']);
  });
});

// Live cross-check: only defined where tshark is installed (the lead installs it; CI may not have it).
if (tsharkAvailable()) {
  describe('wire fixtures against a live tshark', () => {
    test.each(files)('decodePacket agrees with `tshark -r %s -T json` run now', (file) => {
      expect(compareWithTshark(file, recordFor(file))).toEqual([]);
    });
  });
} else {
  console.info('wire: tshark is not installed, so the live tshark comparison is not defined; the recorded tshark decodings in fixtures/*.tshark.json are still checked.');
}
