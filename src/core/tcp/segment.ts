/**
 * The TCP segment as the simulator sees it: the header fields that matter to the state machine
 * (RFC 9293 §3.1) and the payload length. Payload bytes themselves are not modelled, only counted.
 */

/** A TCP control bit (RFC 9293 §3.1). This model sets only SYN, ACK, FIN, RST and PSH. */
export type SegmentFlag = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR';

/**
 * Flags in the order segments list them: ascending bit value (FIN = 0x01 … CWR = 0x80), which is
 * also the order Wireshark prints them in ("SYN, ACK", "FIN, PSH, ACK").
 */
export const SEGMENT_FLAG_ORDER: readonly SegmentFlag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

/** Options carried by a segment. Only MSS (kind 2, SYN segments only, RFC 9293 §3.2) is modelled. */
export interface SimSegmentOptions {
  /** Maximum Segment Size the sender can receive, in bytes (RFC 9293 §3.7.1). */
  mss?: number;
}

/**
 * One TCP segment. Field names follow the header (RFC 9293 §3.1); `len` is the payload length in
 * bytes (Wireshark's "Len="), so SEG.LEN in the RFC's sense is `len` plus one for SYN and one for
 * FIN — see {@link segLen}.
 */
export interface SimSegment {
  srcPort: number;
  dstPort: number;
  /** Sequence number (SEG.SEQ): of the SYN if SYN is set, else of the first payload byte. */
  seq: number;
  /** Acknowledgment number (SEG.ACK); 0 when the ACK flag is off, as the field is then unused. */
  ack: number;
  /** Control bits, in {@link SEGMENT_FLAG_ORDER}. */
  flags: SegmentFlag[];
  /** Receive window advertised by the sender (SEG.WND), in bytes. */
  window: number;
  /** Payload length in bytes. */
  len: number;
  options?: SimSegmentOptions;
}

/** True when the segment carries the flag. */
export function segmentHasFlag(segment: SimSegment, flag: SegmentFlag): boolean {
  return segment.flags.includes(flag);
}

/** SEG.LEN of RFC 9293 §3.4: payload bytes plus one for SYN and one for FIN. */
export function segLen(segment: SimSegment): number {
  return segment.len + (segmentHasFlag(segment, 'SYN') ? 1 : 0) + (segmentHasFlag(segment, 'FIN') ? 1 : 0);
}

/** Sorts and de-duplicates flags into {@link SEGMENT_FLAG_ORDER}. */
export function orderFlags(flags: readonly SegmentFlag[]): SegmentFlag[] {
  return SEGMENT_FLAG_ORDER.filter((f) => flags.includes(f));
}

/**
 * Formats a segment in the RFC's own notation, e.g. `<SEQ=100><ACK=301><CTL=SYN,ACK>`, with
 * `<DATA=n>` for a payload, as in RFC 9293 §3.5 Figures 6–13. Like the RFC, it shows the ACK
 * field only when the ACK flag is set and leaves PSH out.
 */
export function formatSegment(segment: SimSegment): string {
  const parts = [`<SEQ=${segment.seq}>`];
  if (segmentHasFlag(segment, 'ACK')) parts.push(`<ACK=${segment.ack}>`);
  const ctl = segment.flags.filter((f) => f !== 'PSH');
  if (ctl.length > 0) parts.push(`<CTL=${ctl.join(',')}>`);
  if (segment.len > 0) parts.push(`<DATA=${segment.len}>`);
  return parts.join('');
}
