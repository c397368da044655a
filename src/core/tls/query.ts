/**
 * Reading a TLS timing trace: the timing summary the comparison bars show, what an on-path
 * observer has seen by time t, and which flights are on their way at t. Pure.
 */

import { CLIENT_ADDRESS, CLIENT_PORT, HTTPS_PORT, SERVER_ADDRESS } from './scenario.ts';
import type { TlsMessageEvent, TlsMilestone, TlsMilestoneEvent, TlsSide, TlsTrace } from './trace.ts';

/** The numbers a timing comparison needs, all read from the trace's milestones. */
export interface TlsTiming {
  rtt: number;
  serverTime: number;
  /** Whole round trips before the HTTP request can leave (0 when it rides in the first flight). */
  roundTripsBeforeRequest: number;
  /** When the request leaves the client, ms. */
  requestAt: number;
  /** When the first byte of the response reaches the client (time to first byte), ms. */
  firstByteAt: number;
  /** When the client holds the keys and the server's Finished, ms. */
  handshakeCompleteAt: number;
  /** When the client's TCP connection is open, ms; null over QUIC. */
  tcpEstablishedAt: number | null;
  /** Flights sent in all (arrows on the ladder). */
  flights: number;
}

function milestone(trace: TlsTrace, which: TlsMilestone): TlsMilestoneEvent | undefined {
  return trace.events.find((e): e is TlsMilestoneEvent => e.type === 'milestone' && e.milestone === which);
}

/** The timing summary of a trace, or null for an invalid one. */
export function tlsTiming(trace: TlsTrace): TlsTiming | null {
  const s = trace.scenario;
  const request = milestone(trace, 'request-sent');
  const first = milestone(trace, 'first-byte');
  const done = milestone(trace, 'handshake-complete');
  if (s === null || request === undefined || first === undefined || done === undefined) return null;
  return {
    rtt: s.rtt,
    serverTime: s.serverTime,
    roundTripsBeforeRequest: request.roundTrips,
    requestAt: request.t,
    firstByteAt: first.t,
    handshakeCompleteAt: done.t,
    tcpEstablishedAt: milestone(trace, 'tcp-established')?.t ?? null,
    flights: trace.events.filter((e) => e.type === 'message').length,
  };
}

/** One flight as an observer on the path saw it. */
export interface ObservedFlight {
  id: number;
  t: number;
  from: TlsSide;
  label: string;
  text: string;
  encrypted: boolean;
}

/** What someone on the path between client and server can read, up to a moment. */
export interface ObserverView {
  /** The transport seen on the wire: TCP, or UDP for QUIC. */
  transport: 'TCP' | 'UDP';
  /** "192.0.2.10:49152": the client's address and port, in every packet's headers. */
  client: string;
  /** "203.0.113.10:443". */
  server: string;
  /** The SNI host name once a ClientHello carrying it has passed, else null. */
  serverName: string | null;
  /**
   * The server's certificate: `in-clear` (TLS 1.2), `encrypted` (TLS 1.3), `not-sent` (a resumed
   * session, once the server's reply has passed), or `not-yet`.
   */
  certificate: 'in-clear' | 'encrypted' | 'not-sent' | 'not-yet';
  /** Standing facts about this kind of connection, in plain sentences. */
  notes: string[];
  /** Flights that have passed, oldest first. */
  seen: ObservedFlight[];
}

/**
 * What an on-path observer has seen by time `t`: a flight counts from the moment it is sent (the
 * model has one path, so "on the path" means "sent"). Null for an invalid trace.
 */
export function observerView(trace: TlsTrace, t: number): ObserverView | null {
  const s = trace.scenario;
  if (s === null) return null;
  const flights = trace.events.filter((e): e is TlsMessageEvent => e.type === 'message');
  const seen = flights.filter((f) => f.t <= t);
  const hello = seen.find((f) => f.messages.some((m) => m.name === 'ClientHello' && !m.encrypted && m.extensions.includes('server_name')));
  const certs = seen.flatMap((f) => f.messages.filter((m) => m.name === 'Certificate'));
  const serverReplied = seen.some((f) => f.from === 'server' && f.messages.some((m) => m.name === 'ServerHello'));
  const certificate: ObserverView['certificate'] =
    certs.length > 0 ? (certs.some((m) => !m.encrypted) ? 'in-clear' : 'encrypted') : serverReplied ? 'not-sent' : 'not-yet';
  const quic = s.transport === 'quic';
  const notes = [
    quic
      ? `Every packet is a UDP datagram between ${CLIENT_ADDRESS} port ${CLIENT_PORT} and ${SERVER_ADDRESS} port ${HTTPS_PORT}: the addresses, the ports and the QUIC connection IDs are in clear (RFC 9000 §17.2).`
      : `Every packet carries both addresses and ports in its IP and TCP headers: ${CLIENT_ADDRESS} port ${CLIENT_PORT} and ${SERVER_ADDRESS} port ${HTTPS_PORT}.`,
    quic
      ? 'The ClientHello travels in Initial packets whose keys anyone can derive from the connection ID: the server name (SNI) can be read on the path (RFC 9001 §5.2; RFC 6066 §3).'
      : 'The ClientHello is not encrypted: the server name (SNI) can be read on the path (RFC 6066 §3; RFC 8446 §4.1.2).',
    s.tls === '1.2'
      ? 'TLS 1.2 sends the server’s certificate in clear: an observer learns exactly which site this is and who vouched for it (RFC 5246 §7.3).'
      : 'TLS 1.3 encrypts everything after ServerHello, the certificate included: the rest is record sizes and timing (RFC 8446 §2).',
  ];
  if (s.start === 'resumption-0rtt') notes.push('The early data is encrypted but not forward secret, and someone who records it can send it again: a replay (RFC 8446 §2.3).');
  return {
    transport: quic ? 'UDP' : 'TCP',
    client: `${CLIENT_ADDRESS}:${CLIENT_PORT}`,
    server: `${SERVER_ADDRESS}:${HTTPS_PORT}`,
    serverName: hello === undefined ? null : s.serverName,
    certificate,
    notes,
    seen: seen.map((f) => ({ id: f.id, t: f.t, from: f.from, label: f.label, text: f.observer, encrypted: f.encrypted })),
  };
}

/** Flights on their way at time `t` (sent before t, arriving after it). */
export function flightsInFlight(trace: TlsTrace, t: number): TlsMessageEvent[] {
  return trace.events.filter((e): e is TlsMessageEvent => e.type === 'message' && e.t < t && e.t1 > t);
}
