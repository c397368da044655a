/**
 * The TLS timing trace: what {@link runTlsScenario} returns and what the TLS timing widget renders.
 * A time-ordered list of plain-data events. Keep names and meanings stable (add fields, never
 * repurpose them) and bump {@link TLS_TRACE_VERSION} on any incompatible change.
 */

import type { ResolvedTlsScenario, ScenarioProblem } from './scenario.ts';

/** Version of the trace format. */
export const TLS_TRACE_VERSION = 1;

/** The two ends of the connection (the two lanes of the ladder). */
export type TlsSide = 'client' | 'server';

/** Which protocol a message belongs to. QUIC carries the TLS 1.3 handshake in its own packets. */
export type TlsLayer = 'tcp' | 'tls' | 'quic' | 'http';

/** QUIC packet types that carry the handshake and the data (RFC 9000 §17.2, §17.3). */
export type QuicPacketType = 'Initial' | '0-RTT' | 'Handshake' | '1-RTT';

/** One message inside a flight. */
export interface TlsMessage {
  /** The RFC's name: "SYN", "ClientHello", "EncryptedExtensions", "HTTP request", … */
  name: string;
  layer: TlsLayer;
  /**
   * True when it travels under keys an on-path observer does not have (written in braces, as
   * RFC 8446 writes them). QUIC Initial packets count as readable: their keys derive from a
   * connection ID sent in clear (RFC 9001 §5.2; RFC 9000 §17.2.2).
   */
  encrypted: boolean;
  /** Extensions worth naming, in the RFC's spelling ("key_share", "server_name"). */
  extensions: string[];
  /** For QUIC: the packet type it travels in. */
  packet?: QuicPacketType;
  /** For early data: sent with 0-RTT keys before the handshake completes (RFC 8446 §2.3). */
  early?: true;
  /** The RFC section that puts it here. */
  section: string;
}

/** Fields every event has. */
export interface TlsEventBase {
  /** Virtual ms since the client started; the trace is in non-decreasing `t`. */
  t: number;
}

/**
 * A flight: everything one side sends at one instant, drawn as one arrow. `t` is when it leaves
 * (t0), `t1` when it arrives, half a round trip later.
 */
export interface TlsMessageEvent extends TlsEventBase {
  type: 'message';
  /** Shared with the matching `receive` event. */
  id: number;
  from: TlsSide;
  to: TlsSide;
  t1: number;
  messages: TlsMessage[];
  /** The highest layer in the flight (http over tls over quic/tcp): the arrow's colour. */
  layer: TlsLayer;
  /** True when every message in the flight is encrypted. */
  encrypted: boolean;
  /** Message names as the arrow shows them, encrypted ones in braces: "ServerHello +key_share, {EncryptedExtensions}, …". */
  label: string;
  /** What someone on the path between the two (a router, a Wi-Fi hotspot) can read of it. */
  observer: string;
}

/** Flight `id` arrives at `on`. */
export interface TlsReceiveEvent extends TlsEventBase {
  type: 'receive';
  on: TlsSide;
  id: number;
}

/**
 * Moments the timing comparison is about, all seen from the client:
 * - `tcp-established`: the SYN-ACK arrived, the client's TCP connection is open (RFC 9293 §3.5);
 * - `handshake-complete`: the client has the server's Finished and its keys (and has sent its own
 *   Finished in TLS 1.3 and QUIC);
 * - `request-sent`: the HTTP request leaves the client;
 * - `first-byte`: the first byte of the response arrives.
 */
export type TlsMilestone = 'tcp-established' | 'handshake-complete' | 'request-sent' | 'first-byte';

/** The milestones in the order they happen. */
export const TLS_MILESTONES: readonly TlsMilestone[] = ['tcp-established', 'handshake-complete', 'request-sent', 'first-byte'];

export interface TlsMilestoneEvent extends TlsEventBase {
  type: 'milestone';
  on: 'client';
  milestone: TlsMilestone;
  /** Whole round trips since the client started (server time not counted). */
  roundTrips: number;
  section: string;
}

/** The scenario was invalid: nothing was simulated. */
export interface TlsErrorEvent extends TlsEventBase {
  type: 'error';
  code: 'invalid-scenario';
  message: string;
}

/** The last event: `complete` after the last flight arrived, or `invalid`. */
export interface TlsEndEvent extends TlsEventBase {
  type: 'end';
  reason: 'complete' | 'invalid';
}

export type TlsTraceEvent = TlsMessageEvent | TlsReceiveEvent | TlsMilestoneEvent | TlsErrorEvent | TlsEndEvent;

/** What {@link runTlsScenario} returns. */
export interface TlsTrace {
  version: typeof TLS_TRACE_VERSION;
  /** The scenario with defaults filled in; null when it was invalid. */
  scenario: ResolvedTlsScenario | null;
  problems: ScenarioProblem[];
  events: TlsTraceEvent[];
}
