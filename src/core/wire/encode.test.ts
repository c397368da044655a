import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodePacket, GAP_REASON } from './decode.ts';
import { encodePacket, setField, withoutComputed } from './encode.ts';
import { mutate, mutationArb, packetArb } from './testing/arbitraries.ts';
import type { DecodedPacket, LayerSpec } from './types.ts';

const RUNS = 400;

function checksumsAllGood(d: DecodedPacket): boolean {
  return d.checksums.every((c) => c.status === 'correct' || c.status === 'unverifiable');
}

describe('encodePacket', () => {
  test('decode(encode(x)) = x for generated packets, with lengths, next-protocol numbers and checksums filled in', () => {
    fc.assert(
      fc.property(packetArb, ({ link, specs }) => {
        const bytes = encodePacket(specs);
        const decoded = decodePacket(bytes, { link });
        expect(withoutComputed(decoded.specs)).toEqual(withoutComputed(specs));
        expect(checksumsAllGood(decoded)).toBe(true);
        expect(decoded.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(decoded.spans.some((s) => s.kind === 'undecoded' && s.reason === GAP_REASON)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  test('encodePacket(decodePacket(b).specs) gives back b for any bytes on any link', () => {
    const linkArb = fc.constantFrom('ethernet', 'ip', 'linux-sll', 'linux-sll2', 'null', 'auto') as fc.Arbitrary<'ethernet' | 'ip' | 'linux-sll' | 'linux-sll2' | 'null' | 'auto'>;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), linkArb, (b, link) => {
        expect(encodePacket(decodePacket(b, { link }).specs)).toEqual(b);
      }),
      { numRuns: RUNS },
    );
  });

  test('encodePacket(decodePacket(b).specs) gives back b for mutated valid packets', () => {
    fc.assert(
      fc.property(packetArb, mutationArb, ({ link, specs }, muts) => {
        const b = mutate(encodePacket(specs), muts);
        expect(encodePacket(decodePacket(b, { link }).specs)).toEqual(b);
      }),
      { numRuns: RUNS },
    );
  });

  // Found by scripts/fuzz.ts: zero padding after End of Options that runs past the next 4-byte
  // boundary was left out of the spec, so re-encoding lost those bytes.
  const ipHeader = { layer: 'ip', version: 4, dscp: 0, ecn: 0, id: 1, rb: false, df: false, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '192.0.2.2' } as const;
  test.each([
    // EOL + 3 zeros: exactly what the encoder pads to, so the spec can leave it out
    ['IPv4 options, padding to the next word', [{ ...ipHeader, options: [{ type: 0 }], padding: new Uint8Array(3) }, { layer: 'udp', srcport: 1, dstport: 2 }]],
    // EOL + 7 zeros: a whole word more than the encoder would add
    ['IPv4 options, padding past the next word', [{ ...ipHeader, options: [{ type: 0 }], padding: new Uint8Array(7) }, { layer: 'udp', srcport: 1, dstport: 2 }]],
    ['TCP options, padding past the next word', [{ ...ipHeader, options: [] }, { layer: 'tcp', srcport: 1, dstport: 2, options: [{ kind: 'eol' }], padding: new Uint8Array(11) }]],
    ['TCP options after an MSS, padding past the next word', [{ ...ipHeader, options: [] }, { layer: 'tcp', srcport: 1, dstport: 2, options: [{ kind: 'mss', mss: 1460 }, { kind: 'eol' }], padding: new Uint8Array(7) }]],
  ] as [string, LayerSpec[]][])('encodePacket(decodePacket(b).specs) gives back b with zero padding after EOL: %s', (_label, specs) => {
    const b = encodePacket(specs);
    expect(encodePacket(decodePacket(b, { link: 'ip' }).specs)).toEqual(b);
  });

  test('encodePacket writes a checksum given in the spec as it is, so a bad one can be crafted', () => {
    const specs: LayerSpec[] = [
      { layer: 'ip', version: 4, dscp: 0, ecn: 0, id: 1, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '192.0.2.2', options: [] },
      { layer: 'udp', srcport: 1000, dstport: 53, checksum: 0x1234 },
      { layer: 'payload', bytes: Uint8Array.of(1, 2, 3, 4) },
    ];
    const d = decodePacket(encodePacket(specs), { link: 'ip' });
    const udp = d.checksums.find((c) => c.kind === 'udp')!;
    expect(udp.status).toBe('incorrect');
    expect(udp.value).toBe(0x1234);
    expect(d.checksums.find((c) => c.kind === 'ip')!.status).toBe('correct');
  });

  test('encodePacket pads TCP options to a 4-byte boundary with EOL bytes', () => {
    const specs: LayerSpec[] = [
      { layer: 'ip', dscp: 0, ecn: 0, id: 1, rb: false, df: false, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '192.0.2.2', options: [] },
      { layer: 'tcp', srcport: 1, dstport: 2, seq: 0, ack: 0, res: 0, ae: false, cwr: false, ece: false, urg: false, ackFlag: false, psh: false, rst: false, syn: true, fin: false, window: 100, urgentPointer: 0, options: [{ kind: 'wscale', shift: 7 }] },
    ];
    const b = encodePacket(specs);
    // 20 (IP) + 20 (TCP) + 3 (window scale) + 1 (EOL padding)
    expect(b.length).toBe(44);
    expect(b[43]).toBe(0);
    const tcp = decodePacket(b, { link: 'ip' }).layers.find((l) => l.name === 'tcp')!;
    expect(tcp.fields.find((f) => f.id === 'tcp.hdr_len')!.value).toBe(24);
  });
});

describe('setField', () => {
  test('setField(packet, field, its own value) re-encodes the very same bytes', () => {
    fc.assert(
      fc.property(packetArb, fc.nat(), ({ link, specs }, pick) => {
        const bytes = encodePacket(specs);
        const d = decodePacket(bytes, { link });
        const editable = d.layers.flatMap((l) => l.fields).filter((f) => f.spec);
        fc.pre(editable.length > 0);
        const field = editable[pick % editable.length]!;
        const r = setField(d, field, field.value);
        expect(r.issues).toEqual([]);
        expect(r.bytes).toEqual(bytes);
      }),
      { numRuns: RUNS },
    );
  });

  test('setField on the TCP destination port recomputes the TCP checksum', () => {
    const specs: LayerSpec[] = [
      { layer: 'eth', dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' },
      { layer: 'ip', dscp: 0, ecn: 0, id: 7, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '198.51.100.2', options: [] },
      { layer: 'tcp', srcport: 50000, dstport: 80, seq: 1, ack: 0, res: 0, ae: false, cwr: false, ece: false, urg: false, ackFlag: false, psh: false, rst: false, syn: true, fin: false, window: 64240, urgentPointer: 0, options: [{ kind: 'mss', mss: 1460 }] },
    ];
    const d = decodePacket(encodePacket(specs), { link: 'ethernet' });
    const port = d.layers.find((l) => l.name === 'tcp')!.fields.find((f) => f.id === 'tcp.dstport')!;
    const r = setField(d, port, 443);
    const again = decodePacket(r.bytes, { link: 'ethernet' });
    expect(again.layers.find((l) => l.name === 'tcp')!.fields.find((f) => f.id === 'tcp.dstport')!.value).toBe(443);
    expect(again.checksums.map((c) => c.status)).toEqual(['correct', 'correct']);
  });

  test('setField on an MSS option value changes only that option', () => {
    const specs: LayerSpec[] = [
      { layer: 'ip', dscp: 0, ecn: 0, id: 7, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '198.51.100.2', options: [] },
      { layer: 'tcp', srcport: 50000, dstport: 80, seq: 1, ack: 0, res: 0, ae: false, cwr: false, ece: false, urg: false, ackFlag: false, psh: false, rst: false, syn: true, fin: false, window: 64240, urgentPointer: 0, options: [{ kind: 'mss', mss: 1460 }, { kind: 'sack_perm' }, { kind: 'nop' }, { kind: 'nop' }] },
    ];
    const d = decodePacket(encodePacket(specs), { link: 'ip' });
    const mss = d.layers.flatMap((l) => l.fields).find((f) => f.id === 'tcp.options.mss_val')!;
    const again = decodePacket(setField(d, mss, 536).bytes, { link: 'ip' });
    expect(again.layers.flatMap((l) => l.fields).find((f) => f.id === 'tcp.options.mss_val')!.value).toBe(536);
    expect(again.specs[1]).toMatchObject({ options: [{ kind: 'mss', mss: 536 }, { kind: 'sack_perm' }, { kind: 'nop' }, { kind: 'nop' }] });
  });

  test('setField keeps a checksum the user typed and recomputes the lengths around it', () => {
    const specs: LayerSpec[] = [
      { layer: 'ip', dscp: 0, ecn: 0, id: 7, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '198.51.100.2', options: [] },
      { layer: 'udp', srcport: 5000, dstport: 53 },
    ];
    const d = decodePacket(encodePacket(specs), { link: 'ip' });
    const ck = d.layers.find((l) => l.name === 'ip')!.fields.find((f) => f.id === 'ip.checksum')!;
    const again = decodePacket(setField(d, ck, 0xbeef).bytes, { link: 'ip' });
    expect(again.checksums.find((c) => c.kind === 'ip')).toMatchObject({ status: 'incorrect', value: 0xbeef });
  });

  test.each([
    // a port does not fit in 16 bits
    ['tcp.dstport', 70000, 'at most 65535'],
    // header length counts 4-byte words
    ['tcp.hdr_len', 22, 'multiple of 4'],
    // addresses must parse
    ['ip.src', '300.1.1.1', 'not a valid address'],
    // IPv4 field, IPv6 text
    ['ip.dst', '2001:db8::1', 'same address family'],
  ])('setField refuses %s = %s (%s)', (id, value, why) => {
    const specs: LayerSpec[] = [
      { layer: 'ip', dscp: 0, ecn: 0, id: 7, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64, src: '192.0.2.1', dst: '198.51.100.2', options: [] },
      { layer: 'tcp', srcport: 50000, dstport: 80, seq: 1, ack: 0, res: 0, ae: false, cwr: false, ece: false, urg: false, ackFlag: false, psh: false, rst: false, syn: true, fin: false, window: 64240, urgentPointer: 0, options: [] },
    ];
    const bytes = encodePacket(specs);
    const d = decodePacket(bytes, { link: 'ip' });
    const field = d.layers.flatMap((l) => l.fields).find((f) => f.id === id)!;
    const r = setField(d, field, value);
    expect(r.bytes).toEqual(bytes);
    expect(r.issues[0]!.message).toContain(why);
  });

  test('setField refuses fields of a part the decoder could not model', () => {
    // IHL 4 (16 bytes) is below the minimum: the IPv4 layer is shown but not editable.
    const bytes = Uint8Array.from([0x44, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2]);
    const d = decodePacket(bytes, { link: 'ip' });
    const ttl = d.layers[0]!.fields.find((f) => f.id === 'ip.ttl')!;
    const r = setField(d, ttl, 1);
    expect(r.bytes).toEqual(bytes);
    expect(r.issues[0]!.message).toContain('not editable');
  });
});
