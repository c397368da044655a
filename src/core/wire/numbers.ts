/**
 * Protocol numbers the decoder recognises, each with its source. Only the values a learner is likely
 * to meet are named; others are shown as numbers.
 */

/** EtherTypes (IEEE 802 numbers, IANA "ieee-802-numbers" registry). */
export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  IPV6: 0x86dd,
  /** IEEE 802.1ad service tag (QinQ), decoded like an 802.1Q tag. */
  QINQ: 0x88a8,
} as const;

/** Values of the Ethernet type/length field up to 1500 are an 802.3 length, not an EtherType (IEEE 802.3 §3.2.6). */
export const ETHER_MAX_LENGTH_FIELD = 1500;

/** Smallest Ethernet frame without its 4-byte FCS: 64 − 4 (IEEE 802.3 §4.4.2 minFrameSize). Shorter payloads are padded. */
export const ETHER_MIN_FRAME_NO_FCS = 60;

export const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  [ETHERTYPE.IPV4]: 'IPv4',
  [ETHERTYPE.ARP]: 'ARP',
  [ETHERTYPE.VLAN]: '802.1Q VLAN',
  [ETHERTYPE.IPV6]: 'IPv6',
  [ETHERTYPE.QINQ]: '802.1ad QinQ',
  0x88cc: 'LLDP',
  0x8035: 'RARP',
  0x8847: 'MPLS',
  0x888e: '802.1X EAPOL',
};

/** IP protocol / IPv6 next-header numbers (IANA "Assigned Internet Protocol Numbers"; Debian /etc/protocols). */
export const IPPROTO = {
  HOPOPTS: 0,
  ICMP: 1,
  IPV4: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
} as const;

export const IPPROTO_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6 Hop-by-Hop Options',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPv4 (IP in IP)',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6',
  43: 'IPv6 Routing header',
  44: 'IPv6 Fragment header',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  58: 'ICMPv6',
  59: 'No Next Header',
  60: 'IPv6 Destination Options',
  89: 'OSPF',
  132: 'SCTP',
};

export function protoName(n: number): string {
  const name = IPPROTO_NAMES[n];
  return name ? `${n} (${name})` : String(n);
}

export function ethertypeName(n: number): string {
  const name = ETHERTYPE_NAMES[n];
  const h = '0x' + n.toString(16).padStart(4, '0');
  return name ? `${h} (${name})` : h;
}

/** pcap LINKTYPE_ values (tcpdump.org link-layer header types). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  /** Raw IP on OpenBSD; some files use 12 or 14 for raw IP too. */
  RAW_OLD_12: 12,
  RAW_OLD_14: 14,
  RAW: 101,
  /** OpenBSD loopback: like NULL but the family is in network byte order. */
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** Address families seen in BSD loopback headers (Wireshark null dissector; BSD and Darwin socket.h). */
export const NULL_FAMILY_NAMES: Readonly<Record<number, string>> = {
  2: 'IPv4 (AF_INET)',
  24: 'IPv6 (AF_INET6 on NetBSD/OpenBSD)',
  28: 'IPv6 (AF_INET6 on FreeBSD)',
  30: 'IPv6 (AF_INET6 on macOS)',
};
export const NULL_FAMILY_IPV4 = 2;
export const NULL_FAMILY_IPV6 = new Set([24, 28, 30]);

/** Linux packet types in cooked captures (linux/if_packet.h PACKET_*). */
export const SLL_PKTTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'unicast to us',
  1: 'broadcast',
  2: 'multicast',
  3: 'unicast to another host',
  4: 'sent by us',
};

/** ARPHRD_ hardware types used in cooked captures (linux/if_arp.h). */
export const ARPHRD_NAMES: Readonly<Record<number, string>> = {
  1: 'Ethernet',
  772: 'Loopback',
  776: 'IPv6-in-IPv4',
  65534: 'none',
};

/** ICMP types (RFC 792; IANA "ICMP Type Numbers"). */
export const ICMP_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Echo reply',
  3: 'Destination unreachable',
  4: 'Source quench (deprecated)',
  5: 'Redirect',
  8: 'Echo request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time exceeded',
  12: 'Parameter problem',
  13: 'Timestamp',
  14: 'Timestamp reply',
};

/** Codes of ICMP type 3 (RFC 792; RFC 1122 §3.2.2.1; RFC 1812 §5.2.7.1). */
export const ICMP_UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  4: 'fragmentation needed and DF set',
  5: 'source route failed',
  6: 'destination network unknown',
  7: 'destination host unknown',
  9: 'network administratively prohibited',
  10: 'host administratively prohibited',
  13: 'communication administratively prohibited',
};

export const ICMP_TIME_EXCEEDED_CODES: Readonly<Record<number, string>> = {
  0: 'TTL exceeded in transit',
  1: 'fragment reassembly time exceeded',
};

/** ICMPv6 types (RFC 4443 §2.1; RFC 4861 §4 for Neighbor Discovery). */
export const ICMPV6_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Destination unreachable',
  2: 'Packet too big',
  3: 'Time exceeded',
  4: 'Parameter problem',
  128: 'Echo request',
  129: 'Echo reply',
  133: 'Router solicitation',
  134: 'Router advertisement',
  135: 'Neighbor solicitation',
  136: 'Neighbor advertisement',
  137: 'Redirect',
};

/** Codes of ICMPv6 type 1 (RFC 4443 §3.1). */
export const ICMPV6_UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'no route to destination',
  1: 'communication administratively prohibited',
  2: 'beyond scope of source address',
  3: 'address unreachable',
  4: 'port unreachable',
  5: 'source address failed ingress/egress policy',
  6: 'reject route to destination',
};

/** ICMP error types whose body quotes the offending datagram (RFC 792; RFC 1122 §3.2.2). */
export const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
/** ICMPv6 error messages have types 0–127 (RFC 4443 §2.1); 1–4 are defined and quote the packet. */
export const ICMPV6_ERROR_TYPES = new Set([1, 2, 3, 4]);
export const ICMP_ECHO_TYPES = new Set([0, 8]);
export const ICMPV6_ECHO_TYPES = new Set([128, 129]);

/** ARP opcodes (RFC 826; IANA "ARP Parameters"). */
export const ARP_OPCODE_NAMES: Readonly<Record<number, string>> = {
  1: 'request',
  2: 'reply',
  3: 'RARP request',
  4: 'RARP reply',
};

/** DSCP names (RFC 2474 class selectors, RFC 2597 AF, RFC 3246 EF, RFC 8622 LE). */
export function dscpName(dscp: number): string {
  if (dscp === 46) return 'EF';
  if (dscp === 1) return 'LE';
  if (dscp % 8 === 0) return `CS${dscp / 8}`;
  const cls = dscp >> 3;
  const drop = (dscp >> 1) & 3;
  if ((dscp & 1) === 0 && cls >= 1 && cls <= 4 && drop >= 1) return `AF${cls}${drop}`;
  return 'unassigned';
}

/** ECN codepoints (RFC 3168 §5). */
export const ECN_NAMES = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'] as const;
