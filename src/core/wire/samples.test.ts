import { describe, expect, test } from 'vitest';
import { encodePacket } from './encode.ts';
import { decodeSample, samplePackets, SINGLE_PACKET_LIMITS } from './samples.ts';
import type { DecodedPacket } from './types.ts';

const samples = samplePackets();
const byId = Object.fromEntries(samples.map((s) => [s.id, s]));
const ids = (d: DecodedPacket) => d.layers.flatMap((l) => l.fields).map((f) => f.id);
const value = (d: DecodedPacket, id: string) => d.layers.flatMap((l) => l.fields).find((f) => f.id === id)?.value;

describe('samplePackets', () => {
  test('samplePackets offers the six samples the widget needs', () => {
    expect(samples.map((s) => s.id)).toEqual(['syn', 'syn-ack', 'ipv6-tcp', 'dns-query', 'truncated', 'tls-client-hello']);
    for (const s of samples) {
      expect(s.title.length).toBeGreaterThan(3);
      expect(s.description.length).toBeGreaterThan(20);
    }
  });

  test.each(samples.filter((s) => s.id !== 'truncated'))('samplePackets $id decodes cleanly with correct checksums', (s) => {
    const d = decodeSample(s);
    expect(d.spans.filter((x) => x.kind === 'undecoded')).toEqual([]);
    expect(d.checksums.length).toBeGreaterThan(0);
    expect(d.checksums.every((c) => c.status === 'correct')).toBe(true);
    expect(encodePacket(d.specs)).toEqual(s.bytes);
  });

  test('samplePackets SYN carries MSS, SACK permitted, timestamps, NOP and window scale in Linux order', () => {
    const d = decodeSample(byId['syn']!);
    expect(d.layers.flatMap((l) => l.fields).filter((f) => f.id === 'tcp.option_kind').map((f) => f.value)).toEqual([2, 4, 8, 1, 3]);
    expect(value(d, 'tcp.flags.syn')).toBe(true);
    expect(value(d, 'tcp.hdr_len')).toBe(40);
  });

  test('samplePackets SYN-ACK acknowledges the SYN\'s sequence number plus one', () => {
    const syn = decodeSample(byId['syn']!);
    const synAck = decodeSample(byId['syn-ack']!);
    expect(value(synAck, 'tcp.ack_raw')).toBe((value(syn, 'tcp.seq_raw') as number) + 1);
    expect([value(synAck, 'tcp.flags.syn'), value(synAck, 'tcp.flags.ack')]).toEqual([true, true]);
  });

  test('samplePackets IPv6 sample carries TCP data over IPv6', () => {
    const d = decodeSample(byId['ipv6-tcp']!);
    expect(d.layers.map((l) => l.name)).toEqual(['eth', 'ipv6', 'tcp', 'data']);
    expect(value(d, 'ipv6.src')).toBe('2001:db8::10');
  });

  test('samplePackets DNS query is UDP to port 53', () => {
    const d = decodeSample(byId['dns-query']!);
    expect([value(d, 'udp.dstport'), value(d, 'udp.length')]).toEqual([53, 41]);
    expect(d.layers.flatMap((l) => l.fields).find((f) => f.id === 'udp.payload')!.note).toContain('usually domain');
  });

  test('samplePackets truncated frame shows the cut-off TCP header with a reason', () => {
    const s = byId['truncated']!;
    expect(s.origLen).toBeGreaterThan(s.bytes.length);
    const d = decodeSample(s);
    // Ports and sequence number fit in the 10 captured TCP bytes; the acknowledgment number does not.
    expect(d.spans.filter((x) => x.kind === 'undecoded')).toEqual([{ kind: 'undecoded', start: 42, end: 44, reason: 'truncated: a TCP header needs at least 20 bytes, only 10 present' }]);
    expect(d.issues).toContainEqual(expect.objectContaining({ severity: 'error', offset: 34, message: expect.stringContaining('TCP header') }));
    expect(d.checksums).toEqual([expect.objectContaining({ kind: 'ip', status: 'correct' })]);
  });

  test('samplePackets TLS ClientHello names its server', () => {
    const d = decodeSample(byId['tls-client-hello']!);
    expect(value(d, 'tls.handshake.extensions_server_name')).toBe('www.example.com');
    expect(value(d, 'tls.handshake.type')).toBe(1);
  });
});

describe('SINGLE_PACKET_LIMITS', () => {
  test('SINGLE_PACKET_LIMITS names only fields the decoder produces', () => {
    const produced = new Set(samples.flatMap((s) => ids(decodeSample(s))));
    // The IPv6 fragment header is not in any sample; decode.test.ts covers it.
    produced.add('ipv6.fraghdr.offset');
    for (const limit of SINGLE_PACKET_LIMITS) {
      expect(limit.text.length).toBeGreaterThan(30);
      for (const id of limit.fieldIds) expect(produced.has(id)).toBe(true);
    }
  });
});
