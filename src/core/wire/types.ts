/**
 * Public data shapes of the wire module. Everything is plain data (no classes, no functions), so a
 * widget can keep it in `$state.raw`, send it to a worker or serialise it.
 */

/** Where a problem was found and why. Byte offsets for packets and captures, lines for pasted text. */
export interface WireIssue {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Byte offset in the packet (decodePacket) or in the capture file (readCapture). */
  offset?: number;
  /** 1-based line of pasted text (parseHexInput). */
  line?: number;
  /** 1-based column of pasted text (parseHexInput). */
  column?: number;
}

/** The value of a decoded field: numbers for ports, lengths and counters, text for addresses and byte strings (hex), booleans for one-bit flags. */
export type FieldValue = number | string | boolean;

/** One header field, located to the bit. */
export interface DecodedField {
  /** Wireshark display-filter name where one exists (`tcp.srcport`); PortLab's own name otherwise (`tcp.options.padding`). */
  id: string;
  /** Short human label ("Source port"). */
  label: string;
  /** First byte of the field in the packet. */
  start: number;
  /** Offset of the first bit inside byte `start`, 0 = most significant; absent for byte-aligned fields. */
  bitOffset?: number;
  /** Width in bits. */
  bitLength: number;
  /** Decoded value in Wireshark's units (`ip.hdr_len` in bytes, `ip.frag_offset` in 8-byte units, as tshark prints them). */
  value: FieldValue;
  /** The unsigned number stored in the bits, for fields up to 32 bits (for the bit diagram and the hex view). */
  raw?: number;
  /** Value as shown to a person ("6 (TCP)", "0x0800 (IPv4)", "correct"). */
  display: string;
  /** Extra remark: checksum verdict, what a single packet cannot tell, a warning. */
  note?: string;
  /** One plain-English sentence saying what the field is for. */
  explain: string;
  /** Where the field is defined ("RFC 9293 §3.1"). */
  rfc: string;
  /** Sub-heading inside the layer (a TCP option, an IPv6 option, a TLS extension). */
  group?: string;
  /** Where this field lives in `DecodedPacket.specs`, so that `setField` can edit it; absent for read-only fields. */
  spec?: SpecPath;
}

/** Path of a field's value inside `DecodedPacket.specs[layer]` (keys and array indexes). */
export interface SpecPath {
  layer: number;
  path: (string | number)[];
}

/** Names of decoded layers, as Wireshark names the protocols. */
export type LayerName =
  | 'eth'
  | 'vlan'
  | 'sll'
  | 'sll2'
  | 'null'
  | 'arp'
  | 'ip'
  | 'ipv6'
  | 'ipv6.hopopts'
  | 'ipv6.routing'
  | 'ipv6.fraghdr'
  | 'ipv6.dstopts'
  | 'tcp'
  | 'udp'
  | 'icmp'
  | 'icmpv6'
  | 'tls'
  | 'data'
  | 'trailer';

/** One protocol header (or the payload) with its fields in byte order. */
export interface DecodedLayer {
  name: LayerName;
  /** Heading for the field tree ("Transmission Control Protocol"). */
  title: string;
  /** First byte of the layer. */
  start: number;
  /** One past the last byte of the layer's header (or of the payload, for `data`/`tls`). */
  end: number;
  fields: DecodedField[];
  /** True for headers quoted inside an ICMP error message. */
  quoted?: boolean;
}

/** A run of bytes that belongs to one or more fields of one layer (several when bit fields share bytes). */
export interface FieldSpan {
  kind: 'field';
  start: number;
  end: number;
  /** Index into `DecodedPacket.layers`. */
  layer: number;
  /** Indexes into that layer's `fields`. */
  fields: number[];
}

/** Bytes the decoder could not attribute to a field, with the reason. */
export interface UndecodedSpan {
  kind: 'undecoded';
  start: number;
  end: number;
  reason: string;
}

/** Spans tile the packet: sorted, contiguous, from byte 0 to the last byte, never overlapping. */
export type ByteSpan = FieldSpan | UndecodedSpan;

export type ChecksumKind = 'ip' | 'tcp' | 'udp' | 'icmp' | 'icmpv6';

/**
 * Verdict on one checksum. `partial`: the field holds only the pseudo-header sum because the packet
 * was captured on the sending host before checksum offload completed it. `none`: a zero UDP checksum
 * over IPv4 (allowed). `zero-not-allowed`: a zero UDP checksum over IPv6. `unverifiable`: bytes
 * missing (snap length) or an IP fragment.
 */
export type ChecksumStatus = 'correct' | 'incorrect' | 'partial' | 'none' | 'zero-not-allowed' | 'unverifiable';

export interface ChecksumCheck {
  kind: ChecksumKind;
  status: ChecksumStatus;
  /** Value found in the packet. */
  value: number;
  /** Value it should have, when it can be computed. */
  expected?: number;
  /** Index of the layer in `DecodedPacket.layers` and of the checksum field in it. */
  layer: number;
  field: number;
  /** One sentence for a person. */
  message: string;
}

/** How to read the first bytes of a packet. `ip` = no link header (tcpdump -x, LINKTYPE_RAW). */
export type LinkName = 'ethernet' | 'ip' | 'linux-sll' | 'linux-sll2' | 'null';

export interface DecodeOptions {
  /** Link layer; `auto` (default) guesses from the bytes and reports the guess in `issues`. */
  link?: 'auto' | LinkName;
  /** Length of the packet on the wire when known (a capture's orig_len), to tell snap-length truncation from a lying length field. */
  origLen?: number;
  /** Service usually on a port, e.g. from the ports module's IANA table; a small built-in table is used when absent. */
  serviceName?: (port: number, transport: 'tcp' | 'udp') => string | undefined;
}

export interface DecodedPacket {
  /** Link layer used (given, or guessed with an `info` issue). */
  link: LinkName;
  layers: DecodedLayer[];
  /** Byte spans tiling the packet. */
  spans: ByteSpan[];
  issues: WireIssue[];
  checksums: ChecksumCheck[];
  /** One-line summary for a packet list ("127.0.0.1:40001 → 127.0.0.1:8080 TCP [SYN] seq=547552422 len=0"). */
  summary: string;
  /** The packet as editable layer specifications: `encodePacket(specs)` gives back exactly the decoded bytes. */
  specs: LayerSpec[];
}

// ---------------------------------------------------------------------------------------------
// DecodedLayer specifications: the input of encodePacket and the editable model of a decoded packet.
// Keys marked "computed" may be left out: the encoder fills in lengths, checksums and next-protocol
// numbers. A decoded packet's specs carry them explicitly so that re-encoding is byte-exact.
// ---------------------------------------------------------------------------------------------

export interface EthernetSpec {
  layer: 'eth';
  dst: string;
  src: string;
  /** EtherType (computed from the next layer). */
  type?: number;
}

/** IEEE 802.1Q tag (follows an Ethernet header whose type is 0x8100). */
export interface VlanSpec {
  layer: 'vlan';
  priority: number;
  dei: boolean;
  id: number;
  /** EtherType of what follows (computed). */
  etype?: number;
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16 bytes). */
export interface SllSpec {
  layer: 'sll';
  pkttype: number;
  hatype: number;
  /** Link-layer address length (computed: 6). */
  halen?: number;
  /** The 8-byte address field (only the first `halen` bytes are meaningful). */
  address: Uint8Array;
  /** Protocol (EtherType), computed. */
  protocol?: number;
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20 bytes). */
export interface Sll2Spec {
  layer: 'sll2';
  /** Protocol (EtherType), computed. */
  protocol?: number;
  reserved: number;
  ifindex: number;
  hatype: number;
  pkttype: number;
  /** Computed: 6. */
  halen?: number;
  address: Uint8Array;
}

/** BSD loopback / LINKTYPE_NULL: a 4-byte address family in the capturing host's byte order. */
export interface NullSpec {
  layer: 'null';
  family: number;
  byteOrder: 'le' | 'be';
}

/** ARP for Ethernet and IPv4 (RFC 826). */
export interface ArpSpec {
  layer: 'arp';
  hwType: number;
  protoType: number;
  /** Computed: 6. */
  hwSize?: number;
  /** Computed: 4. */
  protoSize?: number;
  opcode: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

/** IPv4 option: `{ type: 0 }` EOL, `{ type: 1 }` NOP, otherwise type-length-value with `data`. */
export interface Ipv4OptionSpec {
  type: number;
  data?: Uint8Array;
}

export interface Ipv4Spec {
  layer: 'ip';
  /** 4 unless you want to craft something odd. */
  version?: number;
  /** Header length in bytes (computed from the options). */
  hdrLen?: number;
  dscp: number;
  ecn: number;
  /** Total length (computed). */
  len?: number;
  id: number;
  /** The reserved ("evil") bit, RFC 791 §3.1. */
  rb: boolean;
  df: boolean;
  mf: boolean;
  /** Fragment offset in 8-byte units. */
  fragOffset: number;
  ttl: number;
  /** Protocol (computed from the next layer). */
  proto?: number;
  /** Header checksum (computed). */
  checksum?: number;
  src: string;
  dst: string;
  options: Ipv4OptionSpec[];
  /** Bytes after an EOL option up to the header length (zeros when absent). */
  padding?: Uint8Array;
}

export interface Ipv6Spec {
  layer: 'ipv6';
  version?: number;
  dscp: number;
  ecn: number;
  flow: number;
  /** Payload length (computed). */
  plen?: number;
  /** Next header (computed from the next layer; 59 "no next header" when nothing follows). */
  nxt?: number;
  hlim: number;
  src: string;
  dst: string;
}

/** IPv6 option inside hop-by-hop or destination options: `{ type: 0 }` is Pad1. */
export interface Ipv6OptionSpec {
  type: number;
  data?: Uint8Array;
}

export interface Ipv6OptionsHeaderSpec {
  layer: 'ipv6.hopopts' | 'ipv6.dstopts';
  nxt?: number;
  /** Length in 8-octet units, not counting the first 8 (computed). */
  len?: number;
  options: Ipv6OptionSpec[];
}

export interface Ipv6RoutingSpec {
  layer: 'ipv6.routing';
  nxt?: number;
  len?: number;
  type: number;
  segleft: number;
  /** Type-specific data: (len + 1) × 8 − 4 bytes. */
  data: Uint8Array;
}

export interface Ipv6FragmentSpec {
  layer: 'ipv6.fraghdr';
  nxt?: number;
  reservedOctet: number;
  /** Fragment offset in 8-byte units. */
  offset: number;
  reservedBits: number;
  more: boolean;
  ident: number;
}

export type TcpOptionSpec =
  | { kind: 'eol' }
  | { kind: 'nop' }
  | { kind: 'mss'; mss: number }
  | { kind: 'wscale'; shift: number }
  | { kind: 'sack_perm' }
  | { kind: 'sack'; blocks: { le: number; re: number }[] }
  | { kind: 'timestamp'; tsval: number; tsecr: number }
  /** TCP Fast Open (RFC 7413): an empty cookie is a cookie request. */
  | { kind: 'tfo'; cookie: Uint8Array }
  /** Any other option, or a known one with an unexpected length: kind, then the bytes after the length byte. */
  | { kind: 'raw'; type: number; data: Uint8Array };

export interface TcpSpec {
  layer: 'tcp';
  srcport: number;
  dstport: number;
  seq: number;
  ack: number;
  /** Header length in bytes (computed). */
  hdrLen?: number;
  /** The three reserved bits 4–6 of the flags word (RFC 9293 §3.1). */
  res: number;
  /** AE, Accurate ECN (RFC 9768), bit 7: formerly NS. */
  ae: boolean;
  cwr: boolean;
  ece: boolean;
  urg: boolean;
  ackFlag: boolean;
  psh: boolean;
  rst: boolean;
  syn: boolean;
  fin: boolean;
  window: number;
  /** Computed over the pseudo-header. */
  checksum?: number;
  urgentPointer: number;
  options: TcpOptionSpec[];
  /** Bytes after an EOL option up to the header length (zeros when absent). */
  padding?: Uint8Array;
}

export interface UdpSpec {
  layer: 'udp';
  srcport: number;
  dstport: number;
  /** Header + data (computed). */
  length?: number;
  /** Computed over the pseudo-header; 0 means "none" over IPv4. */
  checksum?: number;
}

/** ICMP (RFC 792) or ICMPv6 (RFC 4443): echo messages carry ident/seq, the others 4 bytes `rest`. */
export interface IcmpSpec {
  layer: 'icmp' | 'icmpv6';
  type: number;
  code: number;
  checksum?: number;
  /** Echo request/reply identifier. */
  ident?: number;
  /** Echo request/reply sequence number. */
  seq?: number;
  /** Second 32-bit word of non-echo messages (unused, MTU, pointer, gateway…). */
  rest?: Uint8Array;
}

/** Bytes after the last header: application data, or a layer the decoder could not take apart. */
export interface PayloadSpec {
  layer: 'payload';
  bytes: Uint8Array;
}

/** Bytes after the network packet inside the frame (Ethernet padding or trailer). Always last. */
export interface TrailerSpec {
  layer: 'trailer';
  bytes: Uint8Array;
}

export type LayerSpec =
  | EthernetSpec
  | VlanSpec
  | SllSpec
  | Sll2Spec
  | NullSpec
  | ArpSpec
  | Ipv4Spec
  | Ipv6Spec
  | Ipv6OptionsHeaderSpec
  | Ipv6RoutingSpec
  | Ipv6FragmentSpec
  | TcpSpec
  | UdpSpec
  | IcmpSpec
  | PayloadSpec
  | TrailerSpec;
