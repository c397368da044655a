/**
 * The FTP trace: what {@link runFtpScenario} returns and what the FTP widget renders. A
 * time-ordered list of plain-data events. Keep names and meanings stable (add fields, never
 * repurpose them) and bump {@link FTP_TRACE_VERSION} on any incompatible change.
 */
import type { FtpEndpoint } from './encoding.ts';
import type { FtpScenarioProblem, ResolvedFtpScenario } from './scenario.ts';

/** Version of the trace format. */
export const FTP_TRACE_VERSION = 1;

/** A lane of the ladder: the two hosts and, when there is one, the middlebox between them. */
export type FtpLane = 'client' | 'middlebox' | 'server';

/** The two hosts. */
export type FtpHost = 'client' | 'server';

/** Which of FTP's connections a packet belongs to (RFC 959 §2.3). */
export type FtpConnection = 'control' | 'data';

/**
 * The TCP control bits of a packet, as Wireshark prints them. This is not a TCP model: only the
 * handshake, the FTP lines, the data and the closing FINs are drawn (no ACK of every segment).
 */
export type FtpFlags = 'SYN' | 'SYN,ACK' | 'ACK' | 'PSH,ACK' | 'FIN,ACK';

/** One TCP segment as one hop of the path carries it (addresses as seen on that hop). */
export interface FtpPacket {
  conn: FtpConnection;
  flags: FtpFlags;
  src: FtpEndpoint;
  dst: FtpEndpoint;
  /** The FTP command or reply it carries (without the CRLF), on the control connection. */
  line?: string;
  /** Payload bytes: the line plus CRLF (RFC 959 §4.1), or the data transferred. */
  bytes: number;
}

/** What became of a packet sent on one hop. */
export interface FtpPacketFate {
  type: 'receive' | 'drop';
  t: number;
  /** Index of the matching `receive` or `drop` event in `trace.events`. */
  index: number;
}

interface Base {
  /** Virtual time in ms since the start. */
  t: number;
}

/** A host starts or stops listening on an address and port. */
export interface FtpListenEvent extends Base {
  type: 'listen';
  on: FtpHost;
  action: 'start' | 'stop';
  endpoint: FtpEndpoint;
  /** What the listener is for. */
  purpose: FtpConnection;
  /** Why, in words: "waits for the server to open the data connection (PORT, RFC 959 §4.1.2)". */
  why: string;
}

/**
 * A packet leaves `from` for the next lane `to` (one hop). A packet that crosses a middlebox is two
 * sends: the host to the middlebox, then (if it passes) the middlebox to the other host, with the
 * addresses the middlebox wrote.
 */
export interface FtpSendEvent extends Base {
  type: 'send';
  id: number;
  from: FtpLane;
  to: FtpLane;
  packet: FtpPacket;
  /** A SYN sent again because no SYN-ACK came back (RFC 6298 §5.4). */
  retransmission?: true;
  /** The hop's delay in ms (0 between a host and the middlebox at the edge of its network). */
  delay: number;
  /** Set when the packet arrives or is dropped; null while in flight when the trace ended. */
  fate: FtpPacketFate | null;
}

/** Packet `id` arrives at lane `on`. */
export interface FtpReceiveEvent extends Base {
  type: 'receive';
  id: number;
  on: FtpLane;
}

/**
 * Why a packet never arrived: `no-route` (addressed to a private address or a host that is not
 * there), `no-mapping` (reached the NAT's public address on a port it has no mapping for),
 * `firewall` (an unsolicited SYN to a port the firewall does not allow).
 */
export type FtpDropReason = 'no-route' | 'no-mapping' | 'firewall';

/** Packet `id` sent on a hop is dropped. */
export interface FtpDropEvent extends Base {
  type: 'drop';
  id: number;
  reason: FtpDropReason;
  /** Where on the hop it vanished: 0.5 in the middle of the internet, 1 at the middlebox. */
  where: number;
  /** Why, in words, with the addresses involved. */
  message: string;
  /** The RFC section behind the rule; empty for a rule of this model only (a host that is not there). */
  section: string;
}

/** A NAT mapping between an inside and an outside endpoint (NAPT, RFC 3022 §2.2). */
export interface NatMapping {
  inside: FtpEndpoint;
  outside: FtpEndpoint;
  /** Who made it: the first outgoing SYN, or the FTP ALG reading a PORT/EPRT command. */
  by: 'outbound' | 'alg';
}

/**
 * The rule a middlebox applied to let a packet through: `outbound` (from the protected side),
 * `tracked` (inbound, on a connection the firewall already let through), `allowed` (an inbound SYN
 * to an allowed port), `mapping` (a NAT mapping leads to an inside host).
 */
export type FtpForwardRule = 'outbound' | 'tracked' | 'allowed' | 'mapping';

/** The middlebox passes packet `id` on as packet `next`, possibly with rewritten addresses. */
export interface FtpForwardEvent extends Base {
  type: 'forward';
  id: number;
  next: number;
  by: 'nat' | 'firewall';
  rule: FtpForwardRule;
  /** Addresses before and after, when a NAT rewrote them. */
  translated?: { before: { src: FtpEndpoint; dst: FtpEndpoint }; after: { src: FtpEndpoint; dst: FtpEndpoint } };
  /** A mapping the NAT created for this packet. */
  mapping?: NatMapping;
  section: string;
}

/**
 * The NAT's FTP ALG rewrote a PORT or EPRT command in packet `id`: the public address and port
 * replace the private ones, and a mapping now leads that public port to the client (RFC 3022 §4.4).
 */
export interface FtpAlgEvent extends Base {
  type: 'alg';
  id: number;
  before: string;
  after: string;
  mapping: NatMapping;
  /** Bytes the line grew (negative: shrank): the ALG then shifts TCP sequence numbers (RFC 3022 §4.4). */
  lengthChange: number;
  section: string;
}

/** How a connection stands, from its opener's point of view. */
export type FtpConnectionStatus = 'opening' | 'open' | 'failed' | 'closed';

/** A connection changes status. */
export interface FtpConnectionEvent extends Base {
  type: 'connection';
  conn: FtpConnection;
  status: FtpConnectionStatus;
  /** Who sent the SYN. */
  opener: FtpHost;
  /** The opener's end, as the opener sees it. */
  from: FtpEndpoint;
  /** The other end, as the opener addressed it. */
  to: FtpEndpoint;
  /** The same connection as the other host sees it, when a NAT made it look different. */
  seenByPeer?: { from: FtpEndpoint; to: FtpEndpoint };
  /** Why it failed or closed, in words. */
  reason?: string;
  /** The RFC section behind the reason. */
  reasonSection?: string;
  /** The RFC section behind how it was opened. */
  section: string;
}

/** The client's application reads the transferred bytes. */
export interface FtpDeliverEvent extends Base {
  type: 'deliver';
  on: 'client';
  bytes: number;
  /** "the listing" or the file name. */
  what: string;
}

/** Codes of what an application (or the simulator) is told. */
export type FtpErrorCode = 'connection timed out' | 'invalid-scenario' | 'event-cap' | 'internal';

/** A host's application is told something went wrong, or the simulator stopped. */
export interface FtpErrorEvent extends Base {
  type: 'error';
  on: FtpHost | 'sim';
  code: FtpErrorCode;
  message: string;
}

/**
 * How the run ended: `transferred` (226), `data-failed` (425), `control-failed` (no control
 * connection), `invalid`, `incomplete` (stopped at the event cap or by a bug).
 */
export type FtpOutcome = 'transferred' | 'data-failed' | 'control-failed' | 'invalid' | 'incomplete';

/** Always the last event. */
export interface FtpEndEvent extends Base {
  type: 'end';
  outcome: FtpOutcome;
}

/** Any FTP trace event; switch on `type`. */
export type FtpEvent =
  | FtpListenEvent
  | FtpSendEvent
  | FtpReceiveEvent
  | FtpDropEvent
  | FtpForwardEvent
  | FtpAlgEvent
  | FtpConnectionEvent
  | FtpDeliverEvent
  | FtpErrorEvent
  | FtpEndEvent;

/** The output of an FTP simulation. */
export interface FtpTrace {
  version: typeof FTP_TRACE_VERSION;
  /** The scenario with defaults filled in, or null if it was invalid. */
  scenario: ResolvedFtpScenario | null;
  problems: FtpScenarioProblem[];
  /** Events in non-decreasing time order; the last is always `end`. */
  events: FtpEvent[];
}
