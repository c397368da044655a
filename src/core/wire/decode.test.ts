import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hex } from './bytes.ts';
import { decodePacket, GAP_REASON, guessLink } from './decode.ts';
import { encodePacket } from './encode.ts';
import { buildClientHello, decodeSample, samplePackets } from './samples.ts';
import { serviceLookup } from './services.ts';
import { mutate, mutationArb, packetArb } from './testing/arbitraries.ts';
import type { ByteSpan, DecodedField, DecodedPacket, Ipv4Spec, LayerSpec, TcpOptionSpec, TcpSpec, UdpSpec } from './types.ts';

// ---- builders ---------------------------------------------------------------------------------
const eth = (): LayerSpec => ({ layer: 'eth', dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' });
const ipv4 = (o: Partial<Ipv4Spec> = {}): Ipv4Spec => ({
  layer: 'ip', dscp: 0, ecn: 0, id: 0x1c46, rb: false, df: true, mf: false, fragOffset: 0, ttl: 64,
  src: '192.0.2.1', dst: '198.51.100.2', options: [], ...o,
});
const tcp = (o: Partial<TcpSpec> = {}): TcpSpec => ({
  layer: 'tcp', srcport: 51000, dstport: 80, seq: 1000, ack: 0, res: 0, ae: false, cwr: false, ece: false, urg: false,
  ackFlag: false, psh: false, rst: false, syn: true, fin: false, window: 64240, urgentPointer: 0, options: [], ...o,
});
const udp = (o: Partial<UdpSpec> = {}): UdpSpec => ({ layer: 'udp', srcport: 53124, dstport: 53, ...o });
const payload = (...b: number[]): LayerSpec => ({ layer: 'payload', bytes: Uint8Array.from(b) });
const ipv6 = (): LayerSpec => ({ layer: 'ipv6', dscp: 0, ecn: 0, flow: 0x12345, hlim: 64, src: '2001:db8::1', dst: '2001:db8::2' });

/** Raw IPv4 (tcpdump -x style) packet from specs. */
const rawIp = (...specs: LayerSpec[]): Uint8Array => encodePacket(specs);
const fields = (d: DecodedPacket): DecodedField[] => d.layers.flatMap((l) => l.fields);
const fieldOf = (d: DecodedPacket, id: string): DecodedField | undefined => fields(d).find((f) => f.id === id);
const valueOf = (d: DecodedPacket, id: string) => fieldOf(d, id)?.value;
const undecodedSpans = (d: DecodedPacket) => d.spans.filter((s): s is Extract<ByteSpan, { kind: 'undecoded' }> => s.kind === 'undecoded');
const patch = (b: Uint8Array, at: number, ...v: number[]): Uint8Array => {
  const c = b.slice();
  c.set(v, at);
  return c;
};

function expectTiling(d: DecodedPacket, length: number): void {
  let pos = 0;
  for (const s of d.spans) {
    expect(s.start).toBe(pos);
    expect(s.end).toBeGreaterThan(s.start);
    pos = s.end;
  }
  expect(pos).toBe(length);
}

describe('decodePacket: layers and fields', () => {
  const syn = encodePacket([eth(), ipv4(), tcp({ options: [{ kind: 'mss', mss: 1460 }, { kind: 'sack_perm' }, { kind: 'timestamp', tsval: 7, tsecr: 0 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }] })]);
  const d = decodePacket(syn, { link: 'ethernet' });

  test.each([
    // Ethernet
    ['eth.dst', '02:00:00:00:00:02'],
    ['eth.type', 0x0800],
    // IPv4: lengths in Wireshark's units (bytes), fragment offset in 8-byte units
    ['ip.version', 4],
    ['ip.hdr_len', 20],
    ['ip.dsfield.dscp', 0],
    ['ip.len', 60],
    ['ip.id', 0x1c46],
    ['ip.flags.df', true],
    ['ip.flags.mf', false],
    ['ip.frag_offset', 0],
    ['ip.ttl', 64],
    ['ip.proto', 6],
    ['ip.src', '192.0.2.1'],
    ['ip.dst', '198.51.100.2'],
    // TCP
    ['tcp.srcport', 51000],
    ['tcp.dstport', 80],
    ['tcp.seq_raw', 1000],
    ['tcp.hdr_len', 40],
    ['tcp.flags.syn', true],
    ['tcp.flags.ack', false],
    ['tcp.flags.ae', false],
    ['tcp.window_size_value', 64240],
    ['tcp.options.mss_val', 1460],
    ['tcp.options.timestamp.tsval', 7],
    ['tcp.options.wscale.shift', 7],
  ])('decodePacket(SYN) reads %s as %s', (id, value) => {
    expect(valueOf(d, id)).toBe(value);
  });

  test('decodePacket places bit fields at their exact bits (IHL is bits 4–7 of byte 14)', () => {
    const ihl = fieldOf(d, 'ip.hdr_len')!;
    expect([ihl.start, ihl.bitOffset, ihl.bitLength, ihl.raw]).toEqual([14, 4, 4, 5]);
    const df = fieldOf(d, 'ip.flags.df')!;
    expect([df.start, df.bitOffset, df.bitLength]).toEqual([20, 1, 1]);
    const ae = fieldOf(d, 'tcp.flags.ae')!;
    expect([ae.start, ae.bitOffset]).toEqual([34 + 12, 7]);
  });

  test('decodePacket gives every field a label, an explanation and an RFC reference', () => {
    for (const f of fields(d)) {
      expect(f.label.length).toBeGreaterThan(0);
      expect(f.explain.length).toBeGreaterThan(10);
      expect(f.rfc).toMatch(/RFC|IEEE|tcpdump|IANA/);
    }
  });

  test('decodePacket notes what a single SYN cannot tell and what it can', () => {
    expect(fieldOf(d, 'tcp.seq_raw')!.note).toContain('initial sequence number');
    expect(fieldOf(d, 'tcp.window_size_value')!.note).toContain('never scaled');
    const ack = decodePacket(encodePacket([ipv4(), tcp({ syn: false, ackFlag: true, ack: 5 })]), { link: 'ip' });
    expect(fieldOf(ack, 'tcp.window_size_value')!.note).toContain('one packet cannot tell');
    expect(fieldOf(ack, 'tcp.seq_raw')!.note).toContain('relative');
  });

  test('decodePacket shows the service usually on the port next to the payload', () => {
    const p = decodePacket(rawIp(ipv4(), tcp({ syn: false, ackFlag: true, psh: true }), payload(0x47, 0x45, 0x54)), { link: 'ip' });
    expect(fieldOf(p, 'tcp.dstport')!.display).toBe('80 (http)');
    expect(fieldOf(p, 'tcp.srcport')!.display).toContain('ephemeral');
    expect(fieldOf(p, 'tcp.payload')!.note).toContain('port 80/tcp is usually http');
    expect(fieldOf(p, 'tcp.payload')!.display).toBe('GET');
  });

  test('decodePacket uses a caller-supplied service table (the ports module\'s IANA data)', () => {
    const table = { tcp: new Map<number, { name: string }>(), udp: new Map([[5300, { name: 'hacl-hb' }], [9, { name: '' }]]) };
    const p = decodePacket(rawIp(ipv4(), udp({ srcport: 9, dstport: 5300 }), payload(1)), { link: 'ip', serviceName: serviceLookup(table) });
    expect(fieldOf(p, 'udp.dstport')!.display).toBe('5300 (hacl-hb)');
    // IANA lists some numbers without a name: no name is shown then.
    expect(fieldOf(p, 'udp.srcport')!.display).toBe('9');
  });

  test('decodePacket reads TCP bit 7 as AE (Accurate ECN, RFC 9768) and bits 4–6 as reserved', () => {
    const b = rawIp(ipv4(), tcp({ ae: true, res: 5 }));
    const p = decodePacket(b, { link: 'ip' });
    expect(b[20 + 12]! & 0x0f).toBe(0b1011);
    expect(valueOf(p, 'tcp.flags.ae')).toBe(true);
    expect(valueOf(p, 'tcp.flags.res')).toBe(5);
    expect(fieldOf(p, 'tcp.flags.res')!.note).toBe('should be zero');
  });

  test.each<[string, TcpOptionSpec, string, number | string]>([
    // MSS, RFC 9293 §3.2
    ['MSS', { kind: 'mss', mss: 536 }, 'tcp.options.mss_val', 536],
    // SACK blocks, RFC 2018 §3
    ['SACK', { kind: 'sack', blocks: [{ le: 10, re: 20 }] }, 'tcp.options.sack_re', 20],
    // timestamps, RFC 7323 §3.2
    ['timestamps', { kind: 'timestamp', tsval: 1, tsecr: 99 }, 'tcp.options.timestamp.tsecr', 99],
    // Fast Open cookie, RFC 7413 §4.1.1
    ['TFO cookie', { kind: 'tfo', cookie: Uint8Array.of(1, 2, 3, 4) }, 'tcp.options.tfo.cookie', '01020304'],
    // an unknown kind is shown raw, RFC 9293 §3.1 MUST-6 says skip it
    ['unknown kind 99', { kind: 'raw', type: 99, data: Uint8Array.of(0xab, 0xcd) }, 'tcp.options.unknown.payload', 'abcd'],
  ])('decodePacket decodes the %s option', (_name, option, id, value) => {
    const p = decodePacket(rawIp(ipv4(), tcp({ options: [option, { kind: 'eol' }] })), { link: 'ip' });
    expect(valueOf(p, id)).toBe(value);
    expect(fields(p).filter((f) => f.id === 'tcp.option_kind').map((f) => f.value)).toEqual([option.kind === 'raw' ? 99 : ({ mss: 2, sack: 5, timestamp: 8, tfo: 34 } as Record<string, number>)[option.kind], 0]);
  });

  test('decodePacket shows bytes after EOL as padding', () => {
    const p = decodePacket(rawIp(ipv4(), tcp({ options: [{ kind: 'nop' }, { kind: 'eol' }], padding: Uint8Array.of(0, 0) })), { link: 'ip' });
    expect(fieldOf(p, 'tcp.options.padding')).toMatchObject({ start: 42, bitLength: 16 });
  });

  test('decodePacket decodes an 802.1Q tag between Ethernet and IP', () => {
    const p = decodePacket(encodePacket([eth(), { layer: 'vlan', priority: 5, dei: false, id: 42 }, ipv4(), udp()]), { link: 'ethernet' });
    expect(p.layers.map((l) => l.name)).toEqual(['eth', 'vlan', 'ip', 'udp']);
    expect([valueOf(p, 'eth.type'), valueOf(p, 'vlan.id'), valueOf(p, 'vlan.priority'), valueOf(p, 'vlan.etype')]).toEqual([0x8100, 42, 5, 0x0800]);
  });

  test('decodePacket decodes an ARP request and pads the frame', () => {
    const arp: LayerSpec = { layer: 'arp', hwType: 1, protoType: 0x0800, opcode: 1, senderMac: '02:00:00:00:00:01', senderIp: '192.0.2.1', targetMac: '00:00:00:00:00:00', targetIp: '192.0.2.254' };
    const b = encodePacket([eth(), arp, { layer: 'trailer', bytes: new Uint8Array(18) }]);
    const p = decodePacket(b, { link: 'ethernet' });
    expect(p.summary).toBe('ARP who has 192.0.2.254? Tell 192.0.2.1');
    expect(valueOf(p, 'arp.opcode')).toBe(1);
    expect(fieldOf(p, 'eth.padding')).toMatchObject({ start: 42, bitLength: 18 * 8 });
  });

  test.each([
    // LINKTYPE_NULL written on a little-endian host
    ['le' as const, Uint8Array.of(2, 0, 0, 0)],
    // the same family from a big-endian host (or LINKTYPE_LOOP)
    ['be' as const, Uint8Array.of(0, 0, 0, 2)],
  ])('decodePacket reads a BSD loopback header in %s byte order', (byteOrder, head) => {
    const b = encodePacket([{ layer: 'null', family: 2, byteOrder }, ipv4(), udp()]);
    expect(b.subarray(0, 4)).toEqual(head);
    const p = decodePacket(b, { link: 'null' });
    expect(valueOf(p, 'null.family')).toBe(2);
    expect(p.layers.map((l) => l.name)).toEqual(['null', 'ip', 'udp']);
  });

  test('decodePacket walks an IPv6 extension header chain to TCP', () => {
    const specs: LayerSpec[] = [
      ipv6(),
      { layer: 'ipv6.hopopts', options: [{ type: 5, data: Uint8Array.of(0, 0) }, { type: 1, data: new Uint8Array(0) }] },
      { layer: 'ipv6.routing', type: 4, segleft: 0, data: new Uint8Array(4) },
      { layer: 'ipv6.fraghdr', reservedOctet: 0, offset: 0, reservedBits: 0, more: false, ident: 0xdeadbeef },
      { layer: 'ipv6.dstopts', options: [{ type: 1, data: Uint8Array.of(0, 0, 0, 0) }] },
      tcp(),
    ];
    const p = decodePacket(encodePacket(specs), { link: 'ip' });
    expect(p.layers.map((l) => l.name)).toEqual(['ipv6', 'ipv6.hopopts', 'ipv6.routing', 'ipv6.fraghdr', 'ipv6.dstopts', 'tcp']);
    expect([valueOf(p, 'ipv6.nxt'), valueOf(p, 'ipv6.hopopts.nxt'), valueOf(p, 'ipv6.routing.nxt'), valueOf(p, 'ipv6.fraghdr.nxt'), valueOf(p, 'ipv6.dstopts.nxt')]).toEqual([0, 43, 44, 60, 6]);
    expect(valueOf(p, 'ipv6.fraghdr.ident')).toBe(0xdeadbeef);
    expect(p.checksums).toEqual([expect.objectContaining({ kind: 'tcp', status: 'correct' })]);
  });

  test('decodePacket decodes ICMP echo and the packet quoted in a port-unreachable error', () => {
    const echo = decodePacket(rawIp(ipv4(), { layer: 'icmp', type: 8, code: 0, ident: 0x504c, seq: 1 }, payload(1, 2)), { link: 'ip' });
    expect(echo.summary).toBe('192.0.2.1 → 198.51.100.2 ICMP Echo request id=0x504c seq=1');
    const quoted = rawIp(ipv4({ src: '198.51.100.2', dst: '192.0.2.1' }), udp({ srcport: 40000, dstport: 9 }), payload(0x61, 0x62));
    const err = decodePacket(rawIp(ipv4({ src: '192.0.2.1', dst: '198.51.100.2' }), { layer: 'icmp', type: 3, code: 3, rest: new Uint8Array(4) }, { layer: 'payload', bytes: quoted }), { link: 'ip' });
    expect(err.layers.map((l) => `${l.name}${l.quoted ? '(quoted)' : ''}`)).toEqual(['ip', 'icmp', 'ip(quoted)', 'udp(quoted)', 'data(quoted)']);
    expect(fieldOf(err, 'icmp.code')!.display).toBe('3 (port unreachable)');
    expect(err.summary).toContain('Destination unreachable (port unreachable)');
  });

  test('decodePacket decodes ICMPv6 echo and checks its pseudo-header checksum', () => {
    const p = decodePacket(encodePacket([ipv6(), { layer: 'icmpv6', type: 128, code: 0, ident: 7, seq: 9 }]), { link: 'ip' });
    expect([valueOf(p, 'icmpv6.type'), valueOf(p, 'icmpv6.echo.identifier'), valueOf(p, 'icmpv6.echo.sequence_number')]).toEqual([128, 7, 9]);
    expect(p.checksums[0]).toMatchObject({ kind: 'icmpv6', status: 'correct' });
  });

  test('decodePacket decodes a TLS ClientHello down to its SNI', () => {
    const p = decodePacket(rawIp(ipv4(), tcp({ syn: false, ackFlag: true, psh: true, dstport: 443 }), { layer: 'payload', bytes: buildClientHello('www.example.com') }), { link: 'ip' });
    expect([valueOf(p, 'tls.record.content_type'), valueOf(p, 'tls.record.version'), valueOf(p, 'tls.handshake.type')]).toEqual([22, 0x0301, 1]);
    expect(valueOf(p, 'tls.handshake.extensions_server_name')).toBe('www.example.com');
    expect(p.summary).toContain('TLS Handshake (ClientHello) (SNI www.example.com)');
    expect(undecodedSpans(p)).toEqual([]);
  });

  test('decodePacket says a TLS record continuing in the next segment needs reassembly', () => {
    const hello = buildClientHello('www.example.com');
    const p = decodePacket(rawIp(ipv4(), tcp({ syn: false, ackFlag: true }), { layer: 'payload', bytes: hello.slice(0, 60) }), { link: 'ip' });
    expect(undecodedSpans(p)).toEqual([expect.objectContaining({ start: 45, end: 100, reason: expect.stringContaining('reassembly') })]);
  });

  test('decodePacket writes a summary line for the packet list', () => {
    const p = decodePacket(rawIp(ipv6(), tcp({ syn: true, ackFlag: true, ack: 1001 })), { link: 'ip' });
    expect(p.summary).toBe('[2001:db8::1]:51000 → [2001:db8::2]:80 TCP [SYN, ACK] seq=1000 ack=1001 win=64240 len=0');
  });
});

describe('decodePacket: Wireshark field names', () => {
  test('decodePacket emits every display-filter name the issue lists, so what people learn carries over to Wireshark', () => {
    const packets = [
      ...samplePackets().map((smp) => decodeSample(smp)),
      decodePacket(encodePacket([eth(), { layer: 'vlan', priority: 0, dei: false, id: 7 }, ipv4(), { layer: 'icmp', type: 8, code: 0, ident: 1, seq: 1 }]), { link: 'ethernet' }),
      decodePacket(encodePacket([{ layer: 'sll', pkttype: 0, hatype: 1, address: new Uint8Array(8) }, ipv6(), { layer: 'icmpv6', type: 128, code: 0, ident: 1, seq: 1 }]), { link: 'linux-sll' }),
      decodePacket(encodePacket([eth(), { layer: 'arp', hwType: 1, protoType: 0x800, opcode: 1, senderMac: '02:00:00:00:00:01', senderIp: '192.0.2.1', targetMac: '00:00:00:00:00:00', targetIp: '192.0.2.2' }]), { link: 'ethernet' }),
      decodePacket(rawIp(ipv4(), tcp({ syn: false, ackFlag: true, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ le: 1, re: 2 }] }] })), { link: 'ip' }),
    ];
    const seen = new Set(packets.flatMap((d) => fields(d).map((f) => f.id)));
    const listed = [
      'eth.dst', 'eth.src', 'eth.type', 'vlan.id', 'sll.pkttype', 'ip.version', 'ip.hdr_len', 'ip.dsfield.dscp', 'ip.dsfield.ecn',
      'ip.len', 'ip.id', 'ip.flags.df', 'ip.flags.mf', 'ip.frag_offset', 'ip.ttl', 'ip.proto', 'ip.checksum', 'ip.src', 'ip.dst',
      // The issue's ipv6.tclass is split into its two leaves, as IPv4's DS field is.
      'ipv6.tclass.dscp', 'ipv6.tclass.ecn', 'ipv6.flow', 'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim', 'ipv6.src', 'ipv6.dst',
      'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.hdr_len', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.fin',
      // Wireshark's name for RST is tcp.flags.reset.
      'tcp.flags.reset', 'tcp.flags.push', 'tcp.flags.urg', 'tcp.flags.ece', 'tcp.flags.cwr', 'tcp.window_size_value', 'tcp.checksum',
      'tcp.urgent_pointer', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.sack_perm', 'tcp.options.sack_le',
      'tcp.options.sack_re', 'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr', 'udp.srcport', 'udp.dstport', 'udp.length',
      'udp.checksum', 'icmp.type', 'icmp.code', 'icmpv6.type', 'arp.opcode',
    ];
    expect(listed.filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe('decodePacket: checksums', () => {
  test('decodePacket says "correct" for packets from the encoder', () => {
    const p = decodePacket(rawIp(ipv4(), tcp(), payload(1, 2, 3)), { link: 'ip' });
    expect(p.checksums.map((c) => [c.kind, c.status])).toEqual([['ip', 'correct'], ['tcp', 'correct']]);
    expect(fieldOf(p, 'tcp.checksum')!.note).toBe('correct');
  });

  test('decodePacket says "incorrect (should be 0x…)" and where', () => {
    const good = rawIp(ipv4(), tcp());
    const bad = patch(good, 36, 0x12, 0x34);
    const p = decodePacket(bad, { link: 'ip' });
    const right = decodePacket(good, { link: 'ip' }).checksums[1]!.value;
    expect(fieldOf(p, 'tcp.checksum')!.note).toMatch(new RegExp(`^incorrect \\(should be ${hex(right, 4)}\\)`));
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'warning', offset: 36 }));
  });

  test('decodePacket explains a partial checksum as checksum offload, not as corruption', () => {
    // What Linux leaves on loopback: the checksum field holds the folded pseudo-header sum only.
    const b = rawIp(ipv4({ src: '127.0.0.1', dst: '127.0.0.1' }), tcp());
    const pseudo = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + 20;
    const p = decodePacket(patch(b, 36, pseudo >> 8, pseudo & 0xff), { link: 'ip' });
    expect(p.checksums[1]).toMatchObject({ kind: 'tcp', status: 'partial' });
    expect(fieldOf(p, 'tcp.checksum')!.note).toContain('checksum offload');
    expect(p.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('decodePacket treats a zero UDP checksum as "none" over IPv4 and as an error over IPv6', () => {
    const v4 = decodePacket(rawIp(ipv4(), udp({ checksum: 0 }), payload(1)), { link: 'ip' });
    expect(v4.checksums[1]).toMatchObject({ kind: 'udp', status: 'none' });
    const v6 = decodePacket(encodePacket([ipv6(), udp({ checksum: 0 }), payload(1)]), { link: 'ip' });
    expect(v6.checksums[0]).toMatchObject({ kind: 'udp', status: 'zero-not-allowed' });
    expect(fieldOf(v6, 'udp.checksum')!.note).toMatch(/^incorrect: zero is not allowed over IPv6 \(should be 0x[0-9a-f]{4}\)/);
  });

  test('decodePacket cannot verify a checksum when the capture cut the packet', () => {
    const b = rawIp(ipv4(), tcp({ syn: false, ackFlag: true }), { layer: 'payload', bytes: new Uint8Array(100) });
    const p = decodePacket(b.slice(0, 60), { link: 'ip', origLen: b.length });
    expect(p.checksums[1]).toMatchObject({ kind: 'tcp', status: 'unverifiable' });
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'info', message: expect.stringContaining('snap length') }));
  });
});

describe('decodePacket: fragments', () => {
  test('decodePacket does not parse a non-first IPv4 fragment as TCP', () => {
    const p = decodePacket(rawIp(ipv4({ fragOffset: 185, mf: true, proto: 6 }), payload(...new Array<number>(24).fill(0xaa))), { link: 'ip' });
    expect(p.layers.map((l) => l.name)).toEqual(['ip']);
    expect(undecodedSpans(p)[0]).toMatchObject({ start: 20, end: 44, reason: expect.stringContaining('offset 1480') });
    expect(valueOf(p, 'ip.frag_offset')).toBe(185);
  });

  test('decodePacket parses the first fragment but cannot verify its transport checksum', () => {
    const p = decodePacket(rawIp(ipv4({ mf: true }), tcp()), { link: 'ip' });
    expect(p.checksums[1]).toMatchObject({ kind: 'tcp', status: 'unverifiable' });
  });

  test('decodePacket does not parse a non-first IPv6 fragment', () => {
    const p = decodePacket(encodePacket([ipv6(), { layer: 'ipv6.fraghdr', nxt: 6, reservedOctet: 0, offset: 3, reservedBits: 0, more: false, ident: 1 }, payload(1, 2, 3)]), { link: 'ip' });
    expect(p.layers.map((l) => l.name)).toEqual(['ipv6', 'ipv6.fraghdr']);
    expect(undecodedSpans(p)[0]!.reason).toContain('reassembly');
  });
});

describe('decodePacket: bad input', () => {
  const good = rawIp(ipv4(), tcp({ options: [{ kind: 'mss', mss: 1460 }] }), payload(1, 2, 3, 4));
  test.each<[string, Uint8Array, number, RegExp, boolean]>([
    // IHL 4 words = 16 bytes
    ['IHL below 5', patch(good, 0, 0x44), 0, /IHL 4 \(16 bytes\) is below the minimum/, true],
    // IHL 15 words = 60 bytes but only 48 bytes in the packet
    ['IHL past the end', patch(good, 0, 0x4f), 0, /IHL says 60 header bytes but only 48/, true],
    // total length 1500 with 48 bytes present
    ['total length larger than the bytes', patch(good, 2, 0x05, 0xdc), 2, /total length 1500 is larger than the 48 bytes/, false],
    // total length 10 < 20-byte header
    ['total length below the header', patch(good, 2, 0, 10), 2, /Total length 10 is smaller than the header length 20/, true],
    // data offset 3 words
    ['data offset below 5', patch(good, 32, 0x30), 32, /Data offset 3 \(12 bytes\) is below the minimum/, true],
    // data offset 15 words = 60 bytes, only 28 present
    ['data offset past the end', patch(good, 32, 0xf0), 32, /Data offset says 60 header bytes but only 28/, true],
    // MSS option claims 12 bytes in a 4-byte options area
    ['truncated options', patch(good, 41, 12), 41, /does not fit in the header/, true],
    // option length 0
    ['option length 0', patch(good, 41, 0), 41, /has length 0; the minimum is 2/, true],
    // option length 1
    ['option length 1', patch(good, 41, 1), 41, /has length 1; the minimum is 2/, true],
    // protocol 99
    ['unknown protocol', patch(good, 9, 99), 20, /IP protocol 99 is not one PortLab decodes/, true],
  ])('decodePacket reports %s at the right byte and keeps what it can', (_name, bytes, offset, message, marksBytes) => {
    const p = decodePacket(bytes, { link: 'ip' });
    expect(p.issues).toContainEqual(expect.objectContaining({ offset, message: expect.stringMatching(message) }));
    expect(p.layers[0]!.name).toBe('ip');
    expect(valueOf(p, 'ip.src')).toBe('192.0.2.1');
    expectTiling(p, bytes.length);
    // Bytes that cannot be placed get a reason; a length that promises missing bytes has nothing to mark.
    expect(undecodedSpans(p).length > 0).toBe(marksBytes);
    expect(undecodedSpans(p).every((s) => s.reason !== GAP_REASON)).toBe(true);
  });

  test('decodePacket reports an unknown EtherType and marks the payload as not decoded', () => {
    const b = patch(encodePacket([eth(), ipv4(), udp()]), 12, 0x88, 0xcc);
    const p = decodePacket(b, { link: 'ethernet' });
    expect(p.issues).toContainEqual(expect.objectContaining({ offset: 14, message: expect.stringContaining('0x88cc (LLDP)') }));
    expect(undecodedSpans(p)).toEqual([expect.objectContaining({ start: 14, end: b.length })]);
  });

  test('decodePacket reports a frame too short for its Ethernet header', () => {
    const p = decodePacket(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), { link: 'ethernet' });
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'error', message: 'Frame too short for an Ethernet header' }));
    expectTiling(p, 8);
  });

  test('decodePacket of no bytes returns no layers and an error', () => {
    const p = decodePacket(new Uint8Array(0));
    expect(p.layers).toEqual([]);
    expect(p.spans).toEqual([]);
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'error', message: 'No bytes to decode' }));
  });

  test('decodePacket survives a 10 MB packet of random bytes', () => {
    const big = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    big[0] = 0x45;
    const p = decodePacket(big, { link: 'ip' });
    expectTiling(p, big.length);
  });
});

describe('decodePacket: spans', () => {
  // Found by scripts/fuzz.ts: a tunnelled packet whose own length ends before the outer packet's
  // payload does left the bytes after it unclaimed (a decoder gap).
  test.each([
    // IPv6 in IPv6 (next header 41), inner payload length 10 of the 16 bytes after its header
    ['IPv6 in IPv6', [{ ...ipv6(), nxt: 41 }, { ...ipv6(), nxt: 59, plen: 10 }, payload(...Array<number>(16).fill(0xab))] as LayerSpec[]],
    // IPv4 in IPv4 (protocol 4), inner total length 28 of the 34 bytes after the outer header
    ['IPv4 in IPv4', [ipv4({ proto: 4 }), ipv4({ len: 28 }), udp(), payload(...Array<number>(6).fill(0xab))] as LayerSpec[]],
    // IPv4 in IPv6, inner total length 28 of the 40 bytes
    ['IPv4 in IPv6', [{ ...ipv6(), nxt: 4 }, ipv4({ len: 28 }), udp(), payload(...Array<number>(12).fill(0xab))] as LayerSpec[]],
  ])('decodePacket claims the bytes after a shorter tunnelled packet: %s', (_label, specs) => {
    const b = encodePacket(specs);
    const d = decodePacket(b, { link: 'ip' });
    expect(d.spans.some((s) => s.kind === 'undecoded' && s.reason === GAP_REASON)).toBe(false);
    expect(d.spans.at(-1)!.end).toBe(b.length);
    expect(encodePacket(d.specs)).toEqual(b);
  });

  test('decodePacket spans tile generated packets with fields only', () => {
    fc.assert(
      fc.property(packetArb, ({ link, specs }) => {
        const b = encodePacket(specs);
        const d = decodePacket(b, { link });
        expectTiling(d, b.length);
        // Every field's bytes sit inside a span that lists it.
        d.layers.forEach((layer, li) =>
          layer.fields.forEach((f, fi) => {
            const span = d.spans.find((s) => s.kind === 'field' && s.layer === li && s.fields.includes(fi));
            expect(span).toBeDefined();
            expect(span!.start).toBeLessThanOrEqual(f.start);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  test('decodePacket spans tile random and mutated bytes on every link, never leaving a gap', () => {
    const link = fc.constantFrom('auto', 'ethernet', 'ip', 'linux-sll', 'linux-sll2', 'null') as fc.Arbitrary<'auto' | 'ethernet' | 'ip' | 'linux-sll' | 'linux-sll2' | 'null'>;
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(packetArb, mutationArb).map(([p, m]) => mutate(encodePacket(p.specs), m)),
    );
    fc.assert(
      fc.property(input, link, (b, l) => {
        const d = decodePacket(b, { link: l });
        expectTiling(d, b.length);
        expect(d.spans.some((s) => s.kind === 'undecoded' && s.reason === GAP_REASON)).toBe(false);
      }),
      { numRuns: 600 },
    );
  });
});

describe('guessLink', () => {
  const ip = rawIp(ipv4(), udp());
  test.each<[string, Uint8Array, string]>([
    // tcpdump -x: starts at the IP header
    ['an IPv4 header', ip, 'ip'],
    // tcpdump -xx: Ethernet in front
    ['an Ethernet frame', encodePacket([eth(), ipv4(), udp()]), 'ethernet'],
    // IPv6 without link header
    ['an IPv6 header', encodePacket([ipv6(), udp()]), 'ip'],
    // tcpdump -i any
    ['a cooked v2 header', encodePacket([{ layer: 'sll2', reserved: 0, ifindex: 1, hatype: 772, pkttype: 0, address: new Uint8Array(8) }, ipv4(), udp()]), 'linux-sll2'],
    ['a cooked v1 header', encodePacket([{ layer: 'sll', pkttype: 0, hatype: 772, address: new Uint8Array(8) }, ipv4(), udp()]), 'linux-sll'],
    // macOS lo0 capture
    ['a BSD loopback header', encodePacket([{ layer: 'null', family: 2, byteOrder: 'le' }, ipv4(), udp()]), 'null'],
  ])('guessLink recognises %s', (_name, bytes, link) => {
    expect(guessLink(bytes).link).toBe(link);
    const d = decodePacket(bytes);
    expect(d.link).toBe(link);
    expect(d.issues[0]).toMatchObject({ severity: 'info', message: expect.stringContaining('Link layer guessed') });
  });
});
