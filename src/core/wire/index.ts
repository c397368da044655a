/**
 * Wire formats: pasted hex and capture files in, decoded headers with located fields out, and
 * back again. Documented in ../README.md ("Wire formats").
 */
export { parseHexInput, MAX_PACKET_BYTES, type HexFormat, type HexInput } from './hex-input.ts';
export {
  readCapture,
  formatTimestamp,
  writePcap,
  writePcapng,
  MAX_RECORD,
  type Capture,
  type CapturedPacket,
  type CaptureInterface,
  type CaptureTimestamp,
  type PacketToWrite,
} from './capture.ts';
export { decodePacket, guessLink, linkFromLinkType, GAP_REASON } from './decode.ts';
export { encodePacket, setField, withoutComputed, type SetFieldResult } from './encode.ts';
export { samplePackets, decodeSample, buildClientHello, buildDnsQuery, SINGLE_PACKET_LIMITS, type SamplePacket } from './samples.ts';
export { HEADER_TABLES, type FieldDef } from './tables.ts';
export { serviceLookup, type ServiceTable } from './services.ts';
export type * from './types.ts';
