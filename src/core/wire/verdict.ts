/** Turns a checksum comparison into a verdict on the field, a ChecksumCheck and, when wrong, an issue. */
import { hex } from './bytes.ts';
import { issue, type Ctx } from './context.ts';
import type { ChecksumKind, ChecksumStatus, DecodedField, DecodedLayer } from './types.ts';

const NAMES: Record<ChecksumKind, string> = {
  ip: 'IPv4 header checksum',
  tcp: 'TCP checksum',
  udp: 'UDP checksum',
  icmp: 'ICMP checksum',
  icmpv6: 'ICMPv6 checksum',
};

/** Text shown as a checksum field's note for each status. */
export function verdictNote(status: ChecksumStatus, expected: number | undefined): string {
  const should = expected === undefined ? '' : hex(expected, 4);
  switch (status) {
    case 'correct':
      return 'correct';
    case 'incorrect':
      return `incorrect (should be ${should})`;
    case 'partial':
      return `partial: checksum offload (the complete value would be ${should})`;
    case 'none':
      return 'none (zero: the sender did not compute a checksum, allowed over IPv4)';
    case 'zero-not-allowed':
      return `incorrect: zero is not allowed over IPv6 (should be ${should})`;
    case 'unverifiable':
      return 'not verified';
  }
}

export function recordChecksum(
  ctx: Ctx,
  kind: ChecksumKind,
  layerObj: DecodedLayer,
  field: DecodedField,
  status: ChecksumStatus,
  expected: number | undefined,
  message: string,
): void {
  const layer = ctx.layers.lastIndexOf(layerObj);
  const fieldIndex = layerObj.fields.indexOf(field);
  field.note = verdictNote(status, expected) + (status === 'correct' ? '' : `. ${message}`);
  const check = { kind, status, value: field.value as number, layer, field: fieldIndex, message: `${NAMES[kind]}: ${message}` };
  ctx.checksums.push(expected === undefined ? check : { ...check, expected });
  if (status === 'incorrect' || status === 'zero-not-allowed') {
    issue(ctx, 'warning', field.start, `${NAMES[kind]} ${verdictNote(status, expected)}`);
  }
}

/** The explanation PortLab gives for a partial checksum (the issue asks to explain offload rather than call it wrong). */
export const OFFLOAD_EXPLANATION =
  'The field holds only the sum of the pseudo-header. The packet was captured on the sending host before the ' +
  'network card would have completed the checksum (checksum offload; on loopback nobody ever completes it). ' +
  'The data is not corrupt.';
