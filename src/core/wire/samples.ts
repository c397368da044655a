/**
 * Sample packets for the decoder widget and the lesson, all built by encodePacket from specs (so
 * they double as encoder tests). Addresses come from the documentation ranges: 192.0.2.0/24 and
 * 198.51.100.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849); names from RFC 2606 (example.com);
 * MACs are locally administered (second-lowest bit of the first byte set, IEEE 802 §8.2).
 */
import { decodePacket } from './decode.ts';
import { encodePacket } from './encode.ts';
import type { DecodedPacket, LayerSpec, LinkName, TcpOptionSpec } from './types.ts';

export interface SamplePacket {
  id: 'syn' | 'syn-ack' | 'ipv6-tcp' | 'dns-query' | 'truncated' | 'tls-client-hello';
  title: string;
  /** What to look at in it. */
  description: string;
  bytes: Uint8Array;
  link: LinkName;
  /** Length on the wire (larger than bytes.length for the truncated frame). */
  origLen: number;
  specs: LayerSpec[];
}

const CLIENT_MAC = '02:00:5e:10:00:01';
const SERVER_MAC = '02:00:5e:10:00:02';
const CLIENT = '192.0.2.10';
const SERVER = '198.51.100.20';
const CLIENT_PORT = 51000;
/** Initial sequence numbers: arbitrary 32-bit values, as RFC 9293 §3.4.1 wants them unpredictable. */
const CLIENT_ISN = 2_873_969_414;
const SERVER_ISN = 1_187_340_921;
/** Ethernet MSS for IPv4: 1500-byte MTU minus 20 (IP) and 20 (TCP) (RFC 9293 §3.7.1). */
const MSS_ETHERNET = 1460;
const WSCALE = 7;
/** Linux's option order on a SYN (FACTS.md §1.9, observed): MSS, SACK-permitted, timestamps, NOP, window scale. */
const synOptions = (tsval: number, tsecr: number): TcpOptionSpec[] => [
  { kind: 'mss', mss: MSS_ETHERNET },
  { kind: 'sack_perm' },
  { kind: 'timestamp', tsval, tsecr },
  { kind: 'nop' },
  { kind: 'wscale', shift: WSCALE },
];
const CLIENT_TSVAL = 1_952_221_133;
const SERVER_TSVAL = 3_002_174_519;
/** Linux's initial TTL / hop limit (ip-sysctl.rst ip_default_ttl = 64). */
const TTL = 64;
/** Linux's initial receive window on a SYN with a 1460 MSS: 64240 (= 44 × 1460). */
const SYN_WINDOW = 64240;

const eth = (dst: string, src: string): LayerSpec => ({ layer: 'eth', dst, src });
const ipv4 = (src: string, dst: string, id: number): LayerSpec => ({
  layer: 'ip', dscp: 0, ecn: 0, id, rb: false, df: true, mf: false, fragOffset: 0, ttl: TTL, src, dst, options: [],
});
const flags = (set: { syn?: boolean; ack?: boolean; psh?: boolean; fin?: boolean; rst?: boolean }) => ({
  res: 0, ae: false, cwr: false, ece: false, urg: false,
  ackFlag: set.ack ?? false, psh: set.psh ?? false, rst: set.rst ?? false, syn: set.syn ?? false, fin: set.fin ?? false,
});

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A DNS query (RFC 1035 §4.1): header with RD set, one question, type A (1), class IN (1). */
export function buildDnsQuery(name: string, id: number): Uint8Array {
  const labels = name.split('.').flatMap((l) => [l.length, ...ascii(l)]);
  return Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 0, 1, 0, 1]);
}

/**
 * A TLS 1.3 ClientHello record (RFC 8446 §4.1.2) naming `serverName` in its SNI extension
 * (RFC 6066 §3). Random and key share are fixed bytes so the sample is deterministic.
 */
export function buildClientHello(serverName: string): Uint8Array {
  const u16 = (v: number) => [v >> 8, v & 0xff];
  const ext = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];
  const host = [...ascii(serverName)];
  const sni = ext(0, [...u16(host.length + 3), 0, ...u16(host.length), ...host]);
  const supportedVersions = ext(43, [4, 0x03, 0x04, 0x03, 0x03]);
  const x25519 = 0x001d;
  const groups = ext(10, [...u16(2), ...u16(x25519)]);
  const sigAlgs = ext(13, [...u16(4), 0x04, 0x03, 0x08, 0x04]);
  const keyBytes = Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
  const keyShare = ext(51, [...u16(36), ...u16(x25519), ...u16(32), ...keyBytes]);
  const extensions = [...sni, ...supportedVersions, ...groups, ...sigAlgs, ...keyShare];
  const random = Array.from({ length: 32 }, (_, i) => i);
  const sessionId = Array.from({ length: 32 }, (_, i) => 0xe0 + (i & 0x0f));
  const suites = [0x1301, 0x1302, 0x1303].flatMap(u16);
  const body = [0x03, 0x03, ...random, sessionId.length, ...sessionId, ...u16(suites.length), ...suites, 1, 0, ...u16(extensions.length), ...extensions];
  const handshake = [1, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff, ...body];
  // Record version 0x0301 as TLS 1.3 clients send in their first ClientHello (RFC 8446 §5.1).
  return Uint8Array.from([22, 0x03, 0x01, ...u16(handshake.length), ...handshake]);
}

/** Bytes kept of the truncated sample: Ethernet 14 + IPv4 20 + the first 10 bytes of TCP. */
const TRUNCATED_KEEP = 44;

/** The sample packets, freshly built. */
export function samplePackets(): SamplePacket[] {
  const make = (id: SamplePacket['id'], title: string, description: string, specs: LayerSpec[], keep?: number): SamplePacket => {
    const full = encodePacket(specs);
    const bytes = keep === undefined ? full : full.slice(0, keep);
    return { id, title, description, bytes, link: 'ethernet', origLen: full.length, specs };
  };
  const syn: LayerSpec[] = [
    eth(SERVER_MAC, CLIENT_MAC),
    ipv4(CLIENT, SERVER, 0x3c1a),
    { layer: 'tcp', srcport: CLIENT_PORT, dstport: 80, seq: CLIENT_ISN, ack: 0, ...flags({ syn: true }), window: SYN_WINDOW, urgentPointer: 0, options: synOptions(CLIENT_TSVAL, 0) },
  ];
  const synAck: LayerSpec[] = [
    eth(CLIENT_MAC, SERVER_MAC),
    ipv4(SERVER, CLIENT, 0),
    { layer: 'tcp', srcport: 80, dstport: CLIENT_PORT, seq: SERVER_ISN, ack: (CLIENT_ISN + 1) >>> 0, ...flags({ syn: true, ack: true }), window: 65160, urgentPointer: 0, options: synOptions(SERVER_TSVAL, CLIENT_TSVAL) },
  ];
  const ipv6Tcp: LayerSpec[] = [
    eth(SERVER_MAC, CLIENT_MAC),
    { layer: 'ipv6', dscp: 0, ecn: 0, flow: 0x5a3c1, hlim: TTL, src: '2001:db8::10', dst: '2001:db8:1::20' },
    { layer: 'tcp', srcport: 51010, dstport: 80, seq: 922_337_203, ack: 3_141_592_653, ...flags({ ack: true, psh: true }), window: 502, urgentPointer: 0,
      options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', tsval: CLIENT_TSVAL + 40, tsecr: SERVER_TSVAL + 38 }] },
    { layer: 'payload', bytes: ascii('GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n') },
  ];
  const dns: LayerSpec[] = [
    eth(SERVER_MAC, CLIENT_MAC),
    { ...(ipv4(CLIENT, '192.0.2.53', 0x7d21) as Extract<LayerSpec, { layer: 'ip' }>), df: false },
    { layer: 'udp', srcport: 53124, dstport: 53 },
    { layer: 'payload', bytes: buildDnsQuery('www.example.com', 0x4c2f) },
  ];
  const tls: LayerSpec[] = [
    eth(SERVER_MAC, CLIENT_MAC),
    ipv4(CLIENT, SERVER, 0x3c1c),
    { layer: 'tcp', srcport: 51002, dstport: 443, seq: (CLIENT_ISN + 1) >>> 0, ack: (SERVER_ISN + 1) >>> 0, ...flags({ ack: true, psh: true }), window: 502, urgentPointer: 0,
      options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', tsval: CLIENT_TSVAL + 1, tsecr: SERVER_TSVAL }] },
    { layer: 'payload', bytes: buildClientHello('www.example.com') },
  ];
  return [
    make('syn', 'SYN with options', 'A client opens a connection to port 80: SYN flag, its initial sequence number, and the options it proposes (MSS, SACK permitted, timestamps, window scale).', syn),
    make('syn-ack', 'SYN-ACK', 'The server answers: SYN and ACK set, its own sequence number, and an acknowledgment number one past the client\'s.', synAck),
    make('ipv6-tcp', 'IPv6 TCP with data', 'An HTTP request in a TCP segment over IPv6: the 40-byte IPv6 header, then TCP with timestamps and PSH.', ipv6Tcp),
    make('dns-query', 'UDP DNS query', 'A DNS question to port 53 over UDP: an 8-byte header, no connection, no handshake.', dns),
    make('truncated', 'Truncated frame', 'The SYN again, but the capture kept only 44 bytes: the IP header says more follows, and the TCP header is cut off.', syn, TRUNCATED_KEEP),
    make('tls-client-hello', 'TLS ClientHello', 'The first TLS message: record header, ClientHello, and the server name (SNI) in plain text for anyone on the path.', tls),
  ];
}

/** Decodes a sample the way the widget would. */
export function decodeSample(sample: SamplePacket): DecodedPacket {
  return decodePacket(sample.bytes, { link: sample.link, origLen: sample.origLen });
}

/** What a single packet cannot tell; the widget shows these next to the fields concerned. */
export const SINGLE_PACKET_LIMITS: readonly { fieldIds: readonly string[]; text: string }[] = [
  {
    fieldIds: ['tcp.seq_raw', 'tcp.ack_raw'],
    text: 'Relative sequence and acknowledgment numbers (what Wireshark shows as Seq=1) need the initial sequence numbers from the start of the connection.',
  },
  {
    fieldIds: ['tcp.window_size_value', 'tcp.options.wscale.shift'],
    text: 'The real window of a later segment is its Window field × 2^shift, and the shift was agreed in the SYN and SYN-ACK only.',
  },
  {
    fieldIds: ['tcp.payload', 'tls.record.length'],
    text: 'Data split over several segments (a long HTTP response, a TLS record) can only be put back together from the whole connection.',
  },
  {
    fieldIds: ['tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.fin', 'tcp.flags.reset'],
    text: 'The connection state (ESTABLISHED, TIME-WAIT…) and whether a segment was lost, repeated or arrived out of order follow only from the packets before and after.',
  },
  {
    fieldIds: ['ip.frag_offset', 'ip.flags.mf', 'ipv6.fraghdr.offset'],
    text: 'A fragment\'s transport header and checksum can only be checked once all fragments are reassembled.',
  },
  {
    fieldIds: ['tcp.srcport', 'tcp.dstport', 'udp.srcport', 'udp.dstport'],
    text: 'A port number suggests a service, but only the payload (or the process that owns the socket) tells what really runs there.',
  },
];
