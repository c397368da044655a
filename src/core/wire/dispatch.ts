/**
 * Hands the bytes after a header to the decoder its protocol number names. The decoders import
 * these functions and these import the decoders; the cycle is only followed at call time.
 */
import { issue, undecoded, type Ctx } from './context.ts';
import { decodeArp } from './arp.ts';
import { decodeIcmp } from './icmp.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6, decodeIpv6Extension, IPV6_EXTENSION_HEADERS } from './ipv6.ts';
import { decodeVlan } from './link.ts';
import { ETHERTYPE, IPPROTO, NULL_FAMILY_IPV4, NULL_FAMILY_IPV6, ethertypeName, protoName } from './numbers.ts';
import { decodeTcp } from './tcp.ts';
import { decodeUdp } from './udp.ts';

/** What a transport decoder needs to know about the IP header around it. */
export interface IpContext {
  family: 4 | 6;
  /** Offsets of the source and destination addresses (for the pseudo-header). */
  srcAt: number;
  dstAt: number;
  /** Where the upper-layer data ends according to the IP length fields (may lie past the captured bytes). */
  declaredEnd: number;
  /** The datagram is an IP fragment, so the transport checksum cannot be checked from this packet. */
  fragment: boolean;
  quoted: boolean;
}

export function decodeEthertype(ctx: Ctx, type: number, start: number, end: number, quoted: boolean): void {
  switch (type) {
    case ETHERTYPE.IPV4:
      decodeIpv4(ctx, start, end, quoted);
      return;
    case ETHERTYPE.IPV6:
      decodeIpv6(ctx, start, end, quoted);
      return;
    case ETHERTYPE.ARP:
      decodeArp(ctx, start, end);
      return;
    case ETHERTYPE.VLAN:
    case ETHERTYPE.QINQ:
      decodeVlan(ctx, start, end, quoted);
      return;
    default:
      if (end > start) {
        undecoded(ctx, start, end, `EtherType ${ethertypeName(type)}: not decoded by PortLab`);
        issue(ctx, 'info', start, `EtherType ${ethertypeName(type)} is not one PortLab decodes`);
      }
  }
}

export function decodeByNullFamily(ctx: Ctx, family: number, start: number, end: number): void {
  if (family === NULL_FAMILY_IPV4) decodeIpv4(ctx, start, end, false);
  else if (NULL_FAMILY_IPV6.has(family)) decodeIpv6(ctx, start, end, false);
  else undecoded(ctx, start, end, `address family ${family}: not decoded by PortLab`);
}

/** Decodes what follows an IPv4 header or an IPv6 header / extension header. */
export function decodeIpPayload(ctx: Ctx, proto: number, start: number, end: number, ip: IpContext): void {
  if (ip.family === 6 && IPV6_EXTENSION_HEADERS.has(proto)) {
    decodeIpv6Extension(ctx, proto, start, end, ip);
    return;
  }
  switch (proto) {
    case IPPROTO.TCP:
      decodeTcp(ctx, start, end, ip);
      return;
    case IPPROTO.UDP:
      decodeUdp(ctx, start, end, ip);
      return;
    case IPPROTO.ICMP:
      decodeIcmp(ctx, start, end, ip, false);
      return;
    case IPPROTO.ICMPV6:
      decodeIcmp(ctx, start, end, ip, true);
      return;
    case IPPROTO.IPV4:
      decodeIpv4(ctx, start, end, ip.quoted);
      return;
    case IPPROTO.IPV6:
      decodeIpv6(ctx, start, end, ip.quoted);
      return;
    case IPPROTO.NONE:
      undecoded(ctx, start, end, 'bytes after "No Next Header" (59): ignored by receivers, RFC 8200 §4.7');
      return;
    default:
      if (end > start) {
        undecoded(ctx, start, end, `protocol ${protoName(proto)}: not decoded by PortLab`);
        issue(ctx, 'info', start, `IP protocol ${protoName(proto)} is not one PortLab decodes`);
      }
  }
}
