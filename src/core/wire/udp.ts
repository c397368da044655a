/** UDP (RFC 768). */
import { addLayer, issue, nextSpecIndex, pushSpec, stopSpecs, undecoded, type Ctx } from './context.ts';
import type { IpContext } from './dispatch.ts';
import { decodeTable, encodeTable, tableLength, fieldOf, defineTable, rows } from './field-table.ts';
import { decodePayload } from './payload.ts';
import { defaultServiceName, portDisplay } from './services.ts';
import { verifyChecksum } from './tcp.ts';
import type { UdpSpec } from './types.ts';

const RFC = 'RFC 768';

export const UDP_TABLE = defineTable([
  { id: 'udp.srcport', label: 'Source port', byte: 0, bits: 16, key: 'srcport', rfc: RFC,
    explain: 'Port of the sending socket, where replies should go (0 = no reply expected).' },
  { id: 'udp.dstport', label: 'Destination port', byte: 2, bits: 16, key: 'dstport', rfc: RFC,
    explain: 'Port of the receiving socket; the service the datagram is for.' },
  { id: 'udp.length', label: 'Length', byte: 4, bits: 16, key: 'length', rfc: RFC,
    explain: 'Size of the UDP header (8 bytes) plus data.' },
  { id: 'udp.checksum', label: 'Checksum', byte: 6, bits: 16, kind: 'hex', key: 'checksum', rfc: 'RFC 768; RFC 8200 §8.1',
    explain: 'Checksum of a pseudo-header, the UDP header and the data; 0 means "none" (allowed over IPv4 only).' },
]);
const UDP_TABLE_AT = UDP_TABLE.at;
export const UDP_HEADER = tableLength(UDP_TABLE);

export function decodeUdp(ctx: Ctx, start: number, end: number, ip: IpContext): void {
  const layer = addLayer(ctx, 'udp', 'User Datagram Protocol', start, ip.quoted);
  const specIndex = nextSpecIndex(ctx);
  const t = decodeTable(ctx.bytes, layer, UDP_TABLE, start, end, specIndex);
  layer.end = t.end;
  const f = rows(t);
  const service = ctx.options.serviceName ?? defaultServiceName;
  for (const k of ['srcport', 'dstport']) {
    const port = fieldOf(t, k);
    if (port) port.display = portDisplay(port.value as number, service(port.value as number, 'udp'));
  }
  if (!t.complete) {
    undecoded(ctx, t.end, end, ip.quoted ? 'the ICMP error quotes only part of the UDP header' : `truncated: a UDP header needs ${UDP_HEADER} bytes`);
    if (!ip.quoted) issue(ctx, 'error', start, `Only ${end - start} bytes for an ${UDP_HEADER}-byte UDP header`);
    stopSpecs(ctx, start, layer);
    return;
  }
  const length = f(UDP_TABLE_AT.length).value as number;
  if (!ip.quoted && !ctx.summary.transport) {
    ctx.summary.transport = { ports: [f(UDP_TABLE_AT.srcport).value as number, f(UDP_TABLE_AT.dstport).value as number], text: `UDP len=${length - UDP_HEADER}` };
  }
  const ipLength = ip.declaredEnd - start;
  let consistent = true;
  if (length < UDP_HEADER) {
    consistent = false;
    f(UDP_TABLE_AT.length).note = `below the minimum ${UDP_HEADER}`;
    issue(ctx, 'error', start + 4, `UDP length ${length} is below the ${UDP_HEADER}-byte header`);
  } else if (length !== ipLength && !ip.fragment) {
    consistent = false;
    f(UDP_TABLE_AT.length).note = `the IP header leaves ${ipLength} bytes for UDP`;
    if (!ip.quoted) issue(ctx, 'warning', start + 4, `UDP length ${length} disagrees with the ${ipLength} bytes the IP header gives it`);
  }
  verifyChecksum(ctx, layer, f(UDP_TABLE_AT.checksum), start, end, ip, 'udp', consistent ? length : undefined);
  if (!consistent && !ip.quoted) {
    stopSpecs(ctx, start, layer);
    undecoded(ctx, t.end, end, 'UDP data not decoded: the UDP length disagrees with the IP length');
    return;
  }
  const spec: UdpSpec = {
    layer: 'udp',
    srcport: f(UDP_TABLE_AT.srcport).value as number,
    dstport: f(UDP_TABLE_AT.dstport).value as number,
    length,
    checksum: f(UDP_TABLE_AT.checksum).value as number,
  };
  pushSpec(ctx, spec, t.end);
  decodePayload(ctx, t.end, end, { transport: 'udp', srcport: spec.srcport, dstport: spec.dstport, quoted: ip.quoted, declaredEnd: ip.declaredEnd });
}

export function encodeUdpHeader(spec: UdpSpec, length: number): Uint8Array {
  const out = new Uint8Array(UDP_HEADER);
  encodeTable(out, 0, UDP_TABLE, spec, { length, checksum: 0 });
  return out;
}
