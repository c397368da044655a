/** The fixed-layout field tables, exported so a widget can draw RFC-style bit diagrams from the same rows the decoder uses. */
import { ARP_TABLE } from './arp.ts';
import type { FieldDef } from './field-table.ts';
import { IPV4_TABLE } from './ipv4.ts';
import { IPV6_TABLE } from './ipv6.ts';
import { ETHERNET_TABLE, SLL2_TABLE, VLAN_TABLE } from './link.ts';
import { TCP_TABLE } from './tcp.ts';
import { UDP_TABLE } from './udp.ts';

export type { FieldDef };

/** Fixed part of each header, by layer name. */
export const HEADER_TABLES: Readonly<Record<'eth' | 'vlan' | 'sll2' | 'arp' | 'ip' | 'ipv6' | 'tcp' | 'udp', readonly FieldDef[]>> = {
  eth: ETHERNET_TABLE,
  vlan: VLAN_TABLE,
  sll2: SLL2_TABLE,
  arp: ARP_TABLE,
  ip: IPV4_TABLE,
  ipv6: IPV6_TABLE,
  tcp: TCP_TABLE,
  udp: UDP_TABLE,
};
