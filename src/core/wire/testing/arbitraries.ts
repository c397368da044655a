/**
 * fast-check arbitraries for wire tests (test-only; not exported from the core). They build layer
 * specs that encode into well-formed packets: options aligned to their header's boundary or ending
 * with EOL, no computed values (lengths, checksums, next-protocol numbers) so the encoder fills them.
 */
import fc from 'fast-check';
import { formatIpv6, formatMac } from '../bytes.ts';
import type {
  IcmpSpec,
  Ipv4OptionSpec,
  Ipv6OptionSpec,
  LayerSpec,
  LinkName,
  TcpOptionSpec,
  TcpSpec,
  UdpSpec,
} from '../types.ts';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

export const macArb = bytes(6, 6).map((b) => formatMac(b, 0));
export const ipv4Arb = fc.tuple(u8, u8, u8, u8).map((a) => a.join('.'));
export const ipv6Arb = bytes(16, 16).map((b) => formatIpv6(b, 0));

/** IPv4 options whose total is a multiple of 4 (or ends with EOL), at most 40 bytes. */
export const ipv4OptionsArb: fc.Arbitrary<Ipv4OptionSpec[]> = fc
  .array(
    fc.oneof(
      fc.constant<Ipv4OptionSpec>({ type: 1 }),
      fc.record({ type: fc.constantFrom(7, 68, 130, 131, 136, 137, 148, 25), data: bytes(0, 8) }),
    ),
    { maxLength: 5 },
  )
  .map((opts) => {
    const size = (o: Ipv4OptionSpec) => (o.type <= 1 ? 1 : 2 + (o.data?.length ?? 0));
    const kept: Ipv4OptionSpec[] = [];
    let total = 0;
    for (const o of opts) {
      if (total + size(o) > 39) break;
      kept.push(o);
      total += size(o);
    }
    if (total % 4 !== 0) kept.push({ type: 0 });
    return kept;
  });

/** TCP options, well-formed, at most 40 bytes, aligned or ending with EOL. */
export const tcpOptionsArb: fc.Arbitrary<TcpOptionSpec[]> = fc
  .array(
    fc.oneof(
      fc.constant<TcpOptionSpec>({ kind: 'nop' }),
      u16.map<TcpOptionSpec>((mss) => ({ kind: 'mss', mss })),
      u8.map<TcpOptionSpec>((shift) => ({ kind: 'wscale', shift })),
      fc.constant<TcpOptionSpec>({ kind: 'sack_perm' }),
      fc.array(fc.record({ le: u32, re: u32 }), { minLength: 1, maxLength: 4 }).map<TcpOptionSpec>((blocks) => ({ kind: 'sack', blocks })),
      fc.record({ tsval: u32, tsecr: u32 }).map<TcpOptionSpec>((t) => ({ kind: 'timestamp', ...t })),
      fc.oneof(fc.constant(0), fc.constantFrom(4, 6, 8, 10, 12, 14, 16)).chain((n) => bytes(n, n)).map<TcpOptionSpec>((cookie) => ({ kind: 'tfo', cookie })),
      fc.record({ type: fc.constantFrom(6, 7, 9, 14, 15, 19, 28, 29, 30, 253, 254), data: bytes(0, 10) }).map<TcpOptionSpec>((r) => ({ kind: 'raw', ...r })),
    ),
    { maxLength: 6 },
  )
  .map((opts) => {
    const size = (o: TcpOptionSpec): number => {
      switch (o.kind) {
        case 'eol': case 'nop': return 1;
        case 'mss': return 4;
        case 'wscale': return 3;
        case 'sack_perm': return 2;
        case 'sack': return 2 + 8 * o.blocks.length;
        case 'timestamp': return 10;
        case 'tfo': return 2 + o.cookie.length;
        case 'raw': return 2 + o.data.length;
      }
    };
    const kept: TcpOptionSpec[] = [];
    let total = 0;
    for (const o of opts) {
      if (total + size(o) > 39) break;
      kept.push(o);
      total += size(o);
    }
    if (total % 4 !== 0) kept.push({ kind: 'eol' });
    return kept;
  });

export const tcpArb: fc.Arbitrary<TcpSpec> = fc.record({
  layer: fc.constant('tcp' as const),
  srcport: u16,
  dstport: u16,
  seq: u32,
  ack: u32,
  res: fc.integer({ min: 0, max: 7 }),
  ae: fc.boolean(),
  cwr: fc.boolean(),
  ece: fc.boolean(),
  urg: fc.boolean(),
  ackFlag: fc.boolean(),
  psh: fc.boolean(),
  rst: fc.boolean(),
  syn: fc.boolean(),
  fin: fc.boolean(),
  window: u16,
  urgentPointer: u16,
  options: tcpOptionsArb,
});

export const udpArb: fc.Arbitrary<UdpSpec> = fc.record({ layer: fc.constant('udp' as const), srcport: u16, dstport: u16 });

const payloadArb = bytes(0, 48).map((b): LayerSpec[] => (b.length ? [{ layer: 'payload', bytes: b }] : []));

function icmpArb(v6: boolean): fc.Arbitrary<LayerSpec[]> {
  const layer = v6 ? ('icmpv6' as const) : ('icmp' as const);
  const echo = fc
    .record({ type: fc.constantFrom(...(v6 ? [128, 129] : [0, 8])), code: u8, ident: u16, seq: u16 })
    .map((r): IcmpSpec => ({ layer, ...r }));
  // Informational types that quote nothing (ICMP timestamp, router solicitation / ICMPv6 types above the error range).
  const other = fc
    .record({ type: fc.constantFrom(...(v6 ? [130, 131, 200] : [9, 10, 13, 14])), code: u8, rest: bytes(4, 4) })
    .map((r): IcmpSpec => ({ layer, ...r }));
  return fc.tuple(fc.oneof(echo, other), payloadArb).map(([h, p]) => [h, ...p]);
}

function transportArb(v6: boolean): fc.Arbitrary<LayerSpec[]> {
  return fc.oneof(
    fc.tuple(tcpArb, payloadArb).map(([t, p]) => [t, ...p]),
    fc.tuple(udpArb, payloadArb).map(([t, p]) => [t, ...p]),
    icmpArb(v6),
    // An unknown protocol: its number must be given, the rest is payload.
    fc.tuple(fc.constantFrom(47, 132, 254), bytes(1, 32)).map(([, b]) => [{ layer: 'payload', bytes: b } as LayerSpec]),
  );
}

const ipv4HeaderArb = fc.record({
  layer: fc.constant('ip' as const),
  version: fc.constant(4),
  dscp: fc.integer({ min: 0, max: 63 }),
  ecn: fc.integer({ min: 0, max: 3 }),
  id: u16,
  rb: fc.boolean(),
  df: fc.boolean(),
  mf: fc.constant(false),
  fragOffset: fc.constant(0),
  ttl: u8,
  src: ipv4Arb,
  dst: ipv4Arb,
  options: ipv4OptionsArb,
});

/** IPv4 and what it carries; unknown protocols get an explicit protocol number. */
export const ipv4PacketArb: fc.Arbitrary<LayerSpec[]> = fc.oneof(
  fc.tuple(ipv4HeaderArb, transportArb(false)).map(([ip, rest]) =>
    rest[0]?.layer === 'payload' || rest.length === 0 ? [{ ...ip, proto: 47 }, ...rest] : [ip, ...rest],
  ),
  // A non-first fragment: the payload is never parsed as a transport header.
  fc.tuple(ipv4HeaderArb, fc.integer({ min: 1, max: 0x1fff }), fc.boolean(), bytes(1, 40)).map(([ip, off, mf, b]) => [
    { ...ip, fragOffset: off, mf, proto: 6 },
    { layer: 'payload', bytes: b } as LayerSpec,
  ]),
);

function ipv6OptionsArb(): fc.Arbitrary<Ipv6OptionSpec[]> {
  return fc
    .array(fc.record({ type: fc.constantFrom(5, 0x1e, 0x3e, 0x9e), data: bytes(0, 6) }), { maxLength: 3 })
    .map((opts) => {
      const total = 2 + opts.reduce((n, o) => n + 2 + o.data.length, 0);
      const missing = (8 - (total % 8)) % 8;
      const pad: Ipv6OptionSpec[] = missing === 0 ? [] : missing === 1 ? [{ type: 0 }] : [{ type: 1, data: new Uint8Array(missing - 2) }];
      return [...opts, ...pad];
    });
}

const extensionArb: fc.Arbitrary<LayerSpec[]> = fc.oneof(
  fc.constant<LayerSpec[]>([]),
  ipv6OptionsArb().map((options): LayerSpec[] => [{ layer: 'ipv6.hopopts', options }]),
  fc.tuple(ipv6OptionsArb(), fc.record({ type: u8, segleft: u8, n: fc.integer({ min: 0, max: 2 }) }), fc.boolean()).chain(([options, r, frag]) =>
    bytes(4 + 8 * r.n, 4 + 8 * r.n).map((data): LayerSpec[] => [
      { layer: 'ipv6.routing', type: r.type, segleft: r.segleft, data },
      ...(frag ? [{ layer: 'ipv6.fraghdr', reservedOctet: 0, offset: 0, reservedBits: 0, more: false, ident: 77 } as LayerSpec] : []),
      { layer: 'ipv6.dstopts', options },
    ]),
  ),
);

export const ipv6PacketArb: fc.Arbitrary<LayerSpec[]> = fc
  .tuple(
    fc.record({
      layer: fc.constant('ipv6' as const),
      version: fc.constant(6),
      dscp: fc.integer({ min: 0, max: 63 }),
      ecn: fc.integer({ min: 0, max: 3 }),
      flow: fc.integer({ min: 0, max: 0xfffff }),
      hlim: u8,
      src: ipv6Arb,
      dst: ipv6Arb,
    }),
    extensionArb,
    transportArb(true),
  )
  .map(([ip, ext, rest]) => {
    const unknown = rest[0]?.layer === 'payload' || rest.length === 0;
    const chain = [...ext];
    if (unknown) {
      if (chain.length) chain[chain.length - 1] = { ...chain[chain.length - 1]!, nxt: 132 } as LayerSpec;
      return [chain.length ? ip : { ...ip, nxt: 132 }, ...chain, ...rest];
    }
    return [ip, ...chain, ...rest];
  });

const arpArb: fc.Arbitrary<LayerSpec[]> = fc
  .record({
    layer: fc.constant('arp' as const),
    hwType: fc.constant(1),
    protoType: fc.constant(0x0800),
    opcode: fc.constantFrom(1, 2),
    senderMac: macArb,
    senderIp: ipv4Arb,
    targetMac: macArb,
    targetIp: ipv4Arb,
  })
  .map((a) => [a]);

export interface PacketCase {
  link: LinkName;
  specs: LayerSpec[];
}

/** A whole packet: link layer, network packet, maybe a trailer. */
export const packetArb: fc.Arbitrary<PacketCase> = fc
  .tuple(
    fc.constantFrom<LinkName>('ethernet', 'ip', 'linux-sll', 'linux-sll2', 'null'),
    fc.oneof({ weight: 3, arbitrary: ipv4PacketArb }, { weight: 2, arbitrary: ipv6PacketArb }, { weight: 1, arbitrary: arpArb }),
    fc.boolean(),
    macArb,
    macArb,
    bytes(8, 8),
    fc.constantFrom<'le' | 'be'>('le', 'be'),
    bytes(0, 12),
    fc.integer({ min: 1, max: 4094 }),
  )
  .map(([link0, net, vlan, dst, src, addr, order, trailer, vid]) => {
    const first = net[0]!;
    // ARP only travels in frames with a MAC-level header; the null/raw-IP links carry IP only.
    const link: LinkName = first.layer === 'arp' && (link0 === 'ip' || link0 === 'null') ? 'ethernet' : link0;
    const v6 = first.layer === 'ipv6';
    const head: LayerSpec[] =
      link === 'ethernet'
        ? [{ layer: 'eth', dst, src }, ...(vlan ? [{ layer: 'vlan', priority: vid % 8, dei: vid % 2 === 1, id: vid } as LayerSpec] : [])]
        : link === 'linux-sll'
          ? [{ layer: 'sll', pkttype: vid % 5, hatype: 1, address: addr }]
          : link === 'linux-sll2'
            ? [{ layer: 'sll2', reserved: 0, ifindex: vid, hatype: 1, pkttype: vid % 5, address: addr }]
            : link === 'null'
              ? [{ layer: 'null', family: v6 ? 30 : 2, byteOrder: order }]
              : [];
    const tail: LayerSpec[] = trailer.length && link !== 'null' ? [{ layer: 'trailer', bytes: trailer }] : [];
    return { link, specs: [...head, ...net, ...tail] };
  });

/** Small edits to a valid packet: flip bytes, cut it short, insert or delete a run. */
export const mutationArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: u8 }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), data: bytes(1, 6) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
  ),
  { minLength: 1, maxLength: 4 },
);

export type Mutation = { kind: string; at: number; value?: number; data?: Uint8Array; n?: number };

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Uint8Array.from(input);
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.kind === 'set' && b.length) b[at % b.length] = m.value ?? 0;
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'insert') b = Uint8Array.from([...b.slice(0, at), ...(m.data ?? []), ...b.slice(at)]);
    else if (m.kind === 'delete') b = Uint8Array.from([...b.slice(0, at), ...b.slice(at + (m.n ?? 1))]);
  }
  return b;
}
