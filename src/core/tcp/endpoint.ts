/**
 * One TCP endpoint, written like RFC 9293 §3.10 "Event Processing": one dispatch on (event, state)
 * in {@link TcpEndpoint.handle}, every state change through {@link TcpEndpoint.setState}, RFC
 * variable names, and a citation on every branch. The endpoint knows nothing of links or
 * schedulers: time comes in as an argument and everything it does goes out through an
 * {@link TcpEndpointOutput}, so tests can drive it segment by segment.
 *
 * Modelling choices (documented in src/core/README.md, "Simulation"):
 * - One socket per host. The socket's TCB follows the RFC literally: a passive OPEN's TCB moves
 *   LISTEN → SYN-RECEIVED (no separate accept queue); when it is CLOSED the host answers as
 *   §3.10.7.1 says.
 * - Out-of-order segments are buffered (SHLD-31) and answered at once with a duplicate ACK
 *   (MAY-13); their ACK field is processed on arrival, their text and FIN once the gap is filled.
 * - RFC 5961 protections are on: a RST is honoured only when SEG.SEQ = RCV.NXT, a RST elsewhere
 *   in the window or a SYN in a synchronized state gets a challenge ACK, and ACKs older than
 *   SND.UNA − MAX.SND.WND are refused.
 * - The application reads immediately, so RCV.WND never shrinks; it never calls RECEIVE.
 */

import { segmentHasFlag, orderFlags, segLen } from './segment.ts';
import type { SegmentFlag, SimSegment } from './segment.ts';
import { seq, seqAdd, seqDiff, seqGe, seqGt, seqInRange, seqLe, seqLt } from './seq.ts';
import type { TcpState } from './states.ts';
import {
  CLOCK_GRANULARITY_MS,
  RTO_AFTER_SYN_TIMEOUT_MS,
  RTO_MAX_MS,
  RTO_MIN_MS,
  RTT_ALPHA,
  RTT_BETA,
  RTT_K,
  TcpTimerSet,
  roundTime,
} from './timers.ts';
import type { TcpTimer, TcpTimerKind } from './timers.ts';

/**
 * Send MSS assumed when the peer sends no MSS option: 536 bytes for IPv4 (RFC 9293 §3.7.1,
 * MUST-15). This model's endpoints always send the option, so it only matters for hand-made
 * segments in tests.
 */
export const DEFAULT_SEND_MSS = 536;

/**
 * ISN clock rate: RFC 9293 §3.4.1's clock "increments roughly every 4 microseconds", i.e. 250 ticks
 * per millisecond. Used for every ISS after an endpoint's first.
 */
export const ISN_TICKS_PER_MS = 250;

/** Why the application was told something: the RFC 9293 §3.10 error strings, as codes. */
export type TcpErrorCode =
  | 'refused'
  | 'reset'
  | 'timed-out'
  | 'does-not-exist'
  | 'closing'
  | 'already-exists'
  | 'remote-unspecified';

/**
 * The text the application is given for each {@link TcpErrorCode}, as RFC 9293 §3.10 words it
 * (without its "error: " prefix). "connection timed out" is the sockets-API wording (ETIMEDOUT)
 * of giving up per §3.8.3, which the RFC describes but does not name.
 */
export const TCP_ERROR_MESSAGES: Readonly<Record<TcpErrorCode, string>> = {
  refused: 'connection refused',
  reset: 'connection reset',
  'timed-out': 'connection timed out',
  'does-not-exist': 'connection does not exist',
  closing: 'connection closing',
  'already-exists': 'connection already exists',
  'remote-unspecified': 'remote socket unspecified',
};

/**
 * The connection variables of RFC 9293 §3.3.1 at one instant, for captions and the variables
 * panel. Null means "not known yet" (e.g. IRS before the peer's SYN arrives).
 */
export interface TcbVars {
  /** Initial send sequence number. */
  iss: number | null;
  /** Initial receive sequence number (the peer's ISN). */
  irs: number | null;
  /** SND.UNA: oldest unacknowledged sequence number. */
  sndUna: number | null;
  /** SND.NXT: next sequence number to send. */
  sndNxt: number | null;
  /** SND.WND: the window the peer last advertised. */
  sndWnd: number | null;
  /** RCV.NXT: next sequence number expected from the peer. */
  rcvNxt: number | null;
  /** RCV.WND: the window this endpoint advertises. */
  rcvWnd: number;
  /** Current retransmission timeout in ms (RFC 6298), including back-off. */
  rto: number;
  /** Bytes the application has handed to SEND that are not yet segmentized. */
  sndQueued: number;
}

/** Configuration of one endpoint. All times in ms. */
export interface TcpEndpointConfig {
  /** Local port. */
  port: number;
  /** The port an active OPEN connects to. */
  peerPort: number;
  /** MSS announced in the SYN and the largest payload this endpoint sends. */
  mss: number;
  /** Receive window advertised (RCV.WND), 1..65535 (no window scaling). */
  window: number;
  /** ISS of the first connection this endpoint opens; later ones follow the 4 µs ISN clock. */
  isn: number;
  /** Initial RTO (RFC 6298 §2.1). */
  rto: number;
  /** Retransmissions of one segment before giving up (RFC 9293 §3.8.3 R2). */
  maxRetries: number;
  /** Maximum Segment Lifetime; TIME-WAIT lasts 2 × msl. */
  msl: number;
  /** ACK delay in ms, 0 = acknowledge every segment at once (the default). */
  delayedAck: number;
}

/** What a timer did, for `timer` trace events. */
export type TcpTimerAction = 'start' | 'stop' | 'expire';

/**
 * Everything an endpoint does, reported as it happens. The simulator turns these calls into trace
 * events; tests record them.
 */
export interface TcpEndpointOutput {
  /** The state changed; `section` is the RFC 9293 section that prescribes it. */
  state(from: TcpState, to: TcpState, cause: string, section: string): void;
  /** A segment leaves the endpoint. */
  send(segment: SimSegment, retransmission: boolean): void;
  /** In-order bytes are handed to the application. */
  deliver(bytes: number): void;
  /** The peer's FIN reached the application: RFC 9293 §3.10.7.4 "connection closing" signal. */
  eof(): void;
  /** The application is told an error. */
  error(code: TcpErrorCode, section: string): void;
  /** A timer started (or restarted), stopped or expired. */
  timer(kind: TcpTimerKind, action: TcpTimerAction, expiresAt: number | undefined): void;
  /** The segment being processed was dropped; `reason` cites the rule. */
  discard(reason: string): void;
}

/** The events of RFC 9293 §3.10: user calls, an arriving segment, a timeout. */
export type TcpEndpointEvent =
  | { kind: 'open'; mode: 'passive' | 'active' }
  | { kind: 'send'; bytes: number }
  | { kind: 'close' }
  | { kind: 'abort' }
  | { kind: 'segment'; segment: SimSegment }
  | { kind: 'timeout'; timer: TcpTimerKind };

/** One entry of the retransmission queue: a segment as first sent. */
interface RtxEntry {
  seq: number;
  len: number;
  syn: boolean;
  fin: boolean;
  psh: boolean;
}

/** Out-of-order text (and FIN) held for later processing (RFC 9293 §3.10.7.4, SHLD-31). */
interface HeldText {
  seq: number;
  len: number;
  fin: boolean;
}

/** How urgently the current segment must be acknowledged. */
type AckNeed = 'none' | 'delayed' | 'now';

/**
 * One TCP endpoint (a host with one socket). Drive it with {@link handle} (or the named
 * shortcuts) and {@link fireDueTimers}; ask {@link nextDeadline} when its next timer is due.
 */
export class TcpEndpoint {
  private currentState: TcpState = 'CLOSED';

  /** The current state. Only {@link setState} changes it. */
  get state(): TcpState {
    return this.currentState;
  }

  // --- RFC 9293 §3.3.1 connection variables (public to read; only the endpoint writes them) ---
  iss: number | null = null;
  irs: number | null = null;
  sndUna: number | null = null;
  sndNxt: number | null = null;
  sndWnd: number | null = null;
  sndWl1 = 0;
  sndWl2 = 0;
  /** Largest window the peer ever advertised (RFC 5961 §5 MAX.SND.WND). */
  maxSndWnd = 0;
  rcvNxt: number | null = null;
  readonly rcvWnd: number;

  // --- RFC 6298 retransmission state ---
  rto: number;
  srtt: number | null = null;
  rttvar = 0;
  /** Retransmissions of the segment at the head of the queue. */
  retries = 0;

  private readonly config: TcpEndpointConfig;
  private readonly out: TcpEndpointOutput;
  private readonly timers = new TcpTimerSet();
  private readonly minRto: number;
  private now = 0;
  /** The TCB came from a passive OPEN (MUST-11: SYN-RECEIVED must remember it). */
  private passiveOpen = false;
  private remotePort: number;
  private sendMss: number;
  private sndQueued = 0;
  private finRequested = false;
  private finSent = false;
  private rtxQueue: RtxEntry[] = [];
  private rttTiming: { endSeq: number; sentAt: number } | null = null;
  private synTimedOut = false;
  private held: HeldText[] = [];
  private ackNeed: AckNeed = 'none';
  private unackedSegments = 0;
  private firstIssAt: number | null = null;

  constructor(config: TcpEndpointConfig, out: TcpEndpointOutput) {
    this.config = config;
    this.out = out;
    this.rcvWnd = config.window;
    this.rto = config.rto;
    // RFC 6298 §2.4 rounds RTO up to 1 s; a scenario that asks for a shorter initial RTO (to keep
    // an animation short) lowers that floor too, as Linux's 200 ms TCP_RTO_MIN does.
    this.minRto = Math.min(RTO_MIN_MS, config.rto);
    this.remotePort = config.peerPort;
    this.sendMss = Math.min(config.mss, DEFAULT_SEND_MSS);
  }

  // ---------------------------------------------------------------------------------------------
  // Public driving interface
  // ---------------------------------------------------------------------------------------------

  /** The single dispatch on (event, state): RFC 9293 §3.10.1–§3.10.8. */
  handle(now: number, event: TcpEndpointEvent): void {
    this.now = now;
    switch (event.kind) {
      case 'open':
        this.openCall(event.mode);
        return;
      case 'send':
        this.sendCall(event.bytes);
        return;
      case 'close':
        this.closeCall();
        return;
      case 'abort':
        this.abortCall();
        return;
      case 'segment':
        this.segmentArrives(event.segment);
        return;
      case 'timeout':
        this.timeout(event.timer);
        return;
    }
  }

  /** Passive OPEN (the sockets API's listen()). */
  listen(now: number): void {
    this.handle(now, { kind: 'open', mode: 'passive' });
  }

  /** Active OPEN towards the configured peer port (connect()). */
  connect(now: number): void {
    this.handle(now, { kind: 'open', mode: 'active' });
  }

  /** SEND of `bytes` bytes. */
  send(now: number, bytes: number): void {
    this.handle(now, { kind: 'send', bytes });
  }

  /** CLOSE: "I have no more data to send". */
  close(now: number): void {
    this.handle(now, { kind: 'close' });
  }

  /** ABORT. */
  abort(now: number): void {
    this.handle(now, { kind: 'abort' });
  }

  /** SEGMENT ARRIVES. */
  receive(now: number, segment: SimSegment): void {
    this.handle(now, { kind: 'segment', segment });
  }

  /** Bytes handed to SEND that are not yet segmentized. */
  get queuedBytes(): number {
    return this.sndQueued;
  }

  /** The earliest running timer's deadline, or Infinity. */
  nextDeadline(): number {
    return this.timers.nextDeadline();
  }

  /** Running timers as data. */
  runningTimers(): TcpTimer[] {
    return this.timers.list();
  }

  /** Fires every timer due at `now`, in a fixed order. */
  fireDueTimers(now: number): void {
    for (const kind of this.timers.due(now)) {
      // An earlier timer in this batch may have stopped this one (e.g. giving up stops all).
      if (this.timers.isRunning(kind)) this.handle(now, { kind: 'timeout', timer: kind });
    }
  }

  /** The connection variables now, or null when there is no TCB (CLOSED). */
  snapshot(): TcbVars | null {
    if (this.state === 'CLOSED') return null;
    return {
      iss: this.iss,
      irs: this.irs,
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      sndWnd: this.sndWnd,
      rcvNxt: this.rcvNxt,
      rcvWnd: this.rcvWnd,
      rto: this.rto,
      sndQueued: this.sndQueued,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The one place state changes
  // ---------------------------------------------------------------------------------------------

  /**
   * Every state change goes through here, so every change is reported with its cause and the
   * section that prescribes it. Entering CLOSED deletes the TCB (RFC 9293 §3.3.2: CLOSED is "no
   * connection state at all").
   */
  private setState(next: TcpState, cause: string, section: string): void {
    const from = this.state;
    if (next === 'CLOSED') this.deleteTcb();
    this.currentState = next;
    this.out.state(from, next, cause, section);
  }

  // ---------------------------------------------------------------------------------------------
  // User calls
  // ---------------------------------------------------------------------------------------------

  /** §3.10.1 OPEN Call. */
  private openCall(mode: 'passive' | 'active'): void {
    switch (this.state) {
      case 'CLOSED':
        this.resetTcb();
        if (mode === 'passive') {
          // §3.10.1 CLOSED: "If passive, enter the LISTEN state and return."
          this.passiveOpen = true;
          this.setState('LISTEN', 'passive OPEN', '§3.10.1');
        } else {
          // §3.10.1 CLOSED: active with the remote socket specified: send <SEQ=ISS><CTL=SYN>.
          this.passiveOpen = false;
          this.remotePort = this.config.peerPort;
          this.activeOpen('active OPEN');
        }
        return;
      case 'LISTEN':
        if (mode === 'active') {
          // §3.10.1 LISTEN: "change the connection from passive to active, select an ISS".
          this.passiveOpen = false;
          this.remotePort = this.config.peerPort;
          this.activeOpen('active OPEN in LISTEN (passive to active)');
        } else {
          // §3.10.1 lists no second passive OPEN; the connection (the listening TCB) exists.
          this.out.error('already-exists', '§3.10.1');
        }
        return;
      default:
        // §3.10.1 SYN-SENT … TIME-WAIT: "Return 'error: connection already exists'."
        this.out.error('already-exists', '§3.10.1');
        return;
    }
  }

  /** §3.10.1: select an ISS, set SND.UNA = ISS and SND.NXT = ISS+1, enter SYN-SENT, send SYN. */
  private activeOpen(cause: string): void {
    const iss = this.selectIss();
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.setState('SYN-SENT', cause, '§3.10.1');
    this.rtxQueue.push({ seq: iss, len: 0, syn: true, fin: false, psh: false });
    this.transmitNew({ seq: iss, ack: 0, flags: ['SYN'], len: 0 }, 1);
  }

  /** §3.10.2 SEND Call. */
  private sendCall(bytes: number): void {
    switch (this.state) {
      case 'CLOSED':
        this.out.error('does-not-exist', '§3.10.2');
        return;
      case 'LISTEN':
        // §3.10.2 LISTEN: a scenario's listen() leaves the remote socket unspecified.
        this.out.error('remote-unspecified', '§3.10.2');
        return;
      case 'SYN-SENT':
      case 'SYN-RECEIVED':
        // §3.10.2: "Queue the data for transmission after entering ESTABLISHED state."
        if (this.finRequested) {
          this.out.error('closing', '§3.10.2');
          return;
        }
        this.sndQueued += bytes;
        return;
      case 'ESTABLISHED':
      case 'CLOSE-WAIT':
        // §3.10.2: "Segmentize the buffer and send it with a piggybacked acknowledgment". A CLOSE
        // already queued in CLOSE-WAIT means no more SENDs (§3.10.4).
        if (this.finRequested) {
          this.out.error('closing', '§3.10.4');
          return;
        }
        this.sndQueued += bytes;
        this.output();
        return;
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSING':
      case 'LAST-ACK':
      case 'TIME-WAIT':
        // §3.10.2: "Return 'error: connection closing' and do not service request."
        this.out.error('closing', '§3.10.2');
        return;
    }
  }

  /** §3.10.4 CLOSE Call. */
  private closeCall(): void {
    switch (this.state) {
      case 'CLOSED':
        this.out.error('does-not-exist', '§3.10.4');
        return;
      case 'LISTEN':
        // §3.10.4 LISTEN: "Delete TCB, enter CLOSED state, and return."
        this.setState('CLOSED', 'CLOSE', '§3.10.4');
        return;
      case 'SYN-SENT':
        // §3.10.4 SYN-SENT: "Delete the TCB and return 'error: closing' responses to any queued
        // SENDs".
        if (this.sndQueued > 0) this.out.error('closing', '§3.10.4');
        this.setState('CLOSED', 'CLOSE', '§3.10.4');
        return;
      case 'SYN-RECEIVED':
        if (this.finRequested) {
          this.out.error('closing', '§3.10.4');
          return;
        }
        this.finRequested = true;
        if (this.sndQueued === 0) {
          // §3.10.4 SYN-RECEIVED: no pending data: "form a FIN segment and send it, and enter
          // FIN-WAIT-1 state"; otherwise the CLOSE waits for ESTABLISHED (see enterEstablished).
          this.setState('FIN-WAIT-1', 'CLOSE', '§3.10.4');
          this.sendFin();
        }
        return;
      case 'ESTABLISHED':
        // §3.10.4 ESTABLISHED: "Queue this until all preceding SENDs have been segmentized, then
        // form a FIN segment and send it. In any case, enter FIN-WAIT-1 state."
        this.finRequested = true;
        this.setState('FIN-WAIT-1', 'CLOSE', '§3.10.4');
        this.output();
        return;
      case 'CLOSE-WAIT':
        if (this.finRequested) {
          this.out.error('closing', '§3.10.4');
          return;
        }
        // §3.10.4 CLOSE-WAIT: queue until preceding SENDs are segmentized, then send FIN and
        // enter LAST-ACK (done in output()).
        this.finRequested = true;
        this.output();
        return;
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSING':
      case 'LAST-ACK':
      case 'TIME-WAIT':
        // §3.10.4: "Strictly speaking, this is an error and should receive an 'error: connection
        // closing' response" (FIN-WAIT-*); "Respond with 'error: connection closing'" (the rest).
        this.out.error('closing', '§3.10.4');
        return;
    }
  }

  /** §3.10.5 ABORT Call. */
  private abortCall(): void {
    switch (this.state) {
      case 'CLOSED':
        this.out.error('does-not-exist', '§3.10.5');
        return;
      case 'LISTEN':
        // §3.10.5 LISTEN: "Delete TCB, enter CLOSED state, and return."
        this.setState('CLOSED', 'ABORT', '§3.10.5');
        return;
      case 'SYN-SENT':
        // §3.10.5 SYN-SENT: queued SENDs get "connection reset"; delete the TCB.
        if (this.sndQueued > 0) this.out.error('reset', '§3.10.5');
        this.setState('CLOSED', 'ABORT', '§3.10.5');
        return;
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSE-WAIT':
        // §3.10.5: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>", flush queues, delete the TCB.
        this.emit({ seq: this.sndNxt ?? 0, ack: 0, flags: ['RST'], len: 0, window: 0 }, false);
        if (this.sndQueued > 0) this.out.error('reset', '§3.10.5');
        this.setState('CLOSED', 'ABORT', '§3.10.5');
        return;
      case 'CLOSING':
      case 'LAST-ACK':
      case 'TIME-WAIT':
        // §3.10.5: "Respond with 'ok' and delete the TCB, enter CLOSED state, and return."
        this.setState('CLOSED', 'ABORT', '§3.10.5');
        return;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (§3.10.7)
  // ---------------------------------------------------------------------------------------------

  private segmentArrives(seg: SimSegment): void {
    if (seg.dstPort !== this.config.port) {
      // No socket on that port: the host answers as for a CLOSED connection.
      this.arrivesClosed(seg);
      return;
    }
    switch (this.state) {
      case 'CLOSED':
        this.arrivesClosed(seg);
        return;
      case 'LISTEN':
        this.arrivesListen(seg);
        return;
      case 'SYN-SENT':
        this.arrivesSynSent(seg);
        return;
      default:
        this.arrivesOther(seg);
        return;
    }
  }

  /** §3.10.7.1 CLOSED: everything but a RST is answered with a RST. */
  private arrivesClosed(seg: SimSegment): void {
    if (segmentHasFlag(seg, 'RST')) {
      this.out.discard('§3.10.7.1: a RST arriving where no connection exists is discarded');
      return;
    }
    if (!segmentHasFlag(seg, 'ACK')) {
      // "If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"
      this.emitTo(seg.srcPort, {
        seq: 0,
        ack: seqAdd(seg.seq, segLen(seg)),
        flags: ['RST', 'ACK'],
        len: 0,
        window: 0,
      });
    } else {
      // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
      this.emitTo(seg.srcPort, { seq: seg.ack, ack: 0, flags: ['RST'], len: 0, window: 0 });
    }
    this.out.discard('§3.10.7.1: no connection, answered with RST');
  }

  /** §3.10.7.2 LISTEN. */
  private arrivesListen(seg: SimSegment): void {
    // First, check for a RST: "An incoming RST should be ignored."
    if (segmentHasFlag(seg, 'RST')) {
      this.out.discard('§3.10.7.2: LISTEN ignores a RST');
      return;
    }
    // Second, check for an ACK: "Any acknowledgment is bad", answer <SEQ=SEG.ACK><CTL=RST>.
    if (segmentHasFlag(seg, 'ACK')) {
      this.emitTo(seg.srcPort, { seq: seg.ack, ack: 0, flags: ['RST'], len: 0, window: 0 });
      this.out.discard('§3.10.7.2: an ACK in LISTEN is answered with RST');
      return;
    }
    // Third, check for a SYN.
    if (segmentHasFlag(seg, 'SYN')) {
      this.remotePort = seg.srcPort;
      this.irs = seg.seq;
      this.rcvNxt = seqAdd(seg.seq, 1);
      this.learnPeer(seg);
      const iss = this.selectIss();
      this.iss = iss;
      this.sndUna = iss;
      this.sndNxt = seqAdd(iss, 1);
      this.setState('SYN-RECEIVED', 'rcv SYN', '§3.10.7.2');
      this.rtxQueue.push({ seq: iss, len: 0, syn: true, fin: false, psh: false });
      // "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"
      this.transmitNew({ seq: iss, ack: this.rcvNxt, flags: ['SYN', 'ACK'], len: 0 }, 1);
      return;
    }
    // Fourth, other data or control: "Drop the segment and return."
    this.out.discard('§3.10.7.2: neither SYN, ACK nor RST in LISTEN');
  }

  /** §3.10.7.3 SYN-SENT. */
  private arrivesSynSent(seg: SimSegment): void {
    const iss = this.iss ?? 0;
    const sndNxt = this.sndNxt ?? 0;
    const rst = segmentHasFlag(seg, 'RST');
    const ack = segmentHasFlag(seg, 'ACK');
    let ackAcceptable = false;
    // First, check the ACK bit.
    if (ack) {
      if (seqLe(seg.ack, iss) || seqGt(seg.ack, sndNxt)) {
        // "send a reset (unless the RST bit is set, if so drop the segment and return)"
        if (!rst) this.emitTo(seg.srcPort, { seq: seg.ack, ack: 0, flags: ['RST'], len: 0, window: 0 });
        this.out.discard('§3.10.7.3: unacceptable ACK in SYN-SENT');
        return;
      }
      ackAcceptable = seqLt(this.sndUna ?? 0, seg.ack) && seqLe(seg.ack, sndNxt);
    }
    // Second, check the RST bit.
    if (rst) {
      if (ackAcceptable) {
        // RFC 9293 §3.10.7.3 words this signal "connection reset"; the sockets API (ECONNREFUSED)
        // and §3.10.7.4 (for the same event in SYN-RECEIVED) call it "connection refused".
        this.out.error('refused', '§3.10.7.3');
        this.setState('CLOSED', 'rcv RST (connection refused)', '§3.10.7.3');
      } else {
        this.out.discard('§3.10.7.3: a RST without an acceptable ACK is dropped in SYN-SENT');
      }
      return;
    }
    // Third, security: not modelled. Fourth, check the SYN bit.
    if (segmentHasFlag(seg, 'SYN')) {
      this.irs = seg.seq;
      this.rcvNxt = seqAdd(seg.seq, 1);
      this.learnPeer(seg);
      this.sndWnd = seg.window;
      this.sndWl1 = seg.seq;
      this.sndWl2 = ack ? seg.ack : 0;
      if (ack) this.acknowledge(seg.ack);
      if (seqGt(this.sndUna ?? 0, iss)) {
        // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED,
        // form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
        this.setState('ESTABLISHED', 'rcv SYN,ACK', '§3.10.7.3');
        this.sendAck();
        this.enterEstablished();
      } else {
        // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"
        // (simultaneous open, Figure 7). It reuses sequence number ISS, so an ACK of it could
        // acknowledge either transmission: no RTT sample (Karn, RFC 6298 §3).
        this.setState('SYN-RECEIVED', 'rcv SYN (simultaneous open)', '§3.10.7.3');
        this.rttTiming = null;
        this.emit({ seq: iss, ack: this.rcvNxt, flags: ['SYN', 'ACK'], len: 0, mss: true }, false);
      }
      return;
    }
    // Fifth: "if neither of the SYN or RST bits is set, then drop the segment and return."
    this.out.discard('§3.10.7.3: neither SYN nor RST in SYN-SENT');
  }

  /** §3.10.7.4 Other States: SYN-RECEIVED and the synchronized states. */
  private arrivesOther(seg: SimSegment): void {
    const rcvNxt = this.rcvNxt ?? 0;
    let segSeq = seg.seq;
    let syn = segmentHasFlag(seg, 'SYN');
    const rst = segmentHasFlag(seg, 'RST');
    const fin = segmentHasFlag(seg, 'FIN');
    // Figure 7 (simultaneous open): in SYN-RECEIVED the peer's SYN,ACK repeats the SYN we already
    // took (SEG.SEQ = IRS). Per the trimming note of the first step ("trimming off any portions
    // that lie outside the window (including SYN and FIN)") only its new part, the ACK, is
    // processed.
    const repeatsSyn = this.state === 'SYN-RECEIVED' && syn && segmentHasFlag(seg, 'ACK') && segSeq === this.irs;
    if (repeatsSyn) {
      segSeq = seqAdd(segSeq, 1);
      syn = false;
    }
    const occupied = seg.len + (syn ? 1 : 0) + (fin ? 1 : 0);

    // First, check sequence number (Table 6).
    if (!this.acceptable(segSeq, occupied)) {
      if (rst) {
        this.out.discard('§3.10.7.4 first step: RST outside the window, dropped');
        return;
      }
      if (this.state === 'TIME-WAIT' && fin && seqAdd(segSeq, occupied) === rcvNxt) {
        // §3.10.7.4 fifth and eighth steps: in TIME-WAIT "the only thing that can arrive … is a
        // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout."
        this.sendAck();
        this.startTimer('time-wait', this.now + 2 * this.config.msl);
        this.out.discard('§3.10.7.4: retransmitted FIN in TIME-WAIT, ACKed and 2 MSL restarted');
        return;
      }
      // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply"
      this.sendAck();
      this.out.discard('§3.10.7.4 first step: unacceptable segment, answered with ACK');
      return;
    }

    // Second, check the RST bit (with the RFC 5961 checks RFC 9293 describes).
    if (rst) {
      if (segSeq !== rcvNxt) {
        // "If the RST bit is set and the sequence number does not exactly match the next expected
        // sequence value, yet is within the current receive window, … send … (challenge ACK)"
        this.sendAck();
        this.out.discard('§3.10.7.4 second step: RST in window but not at RCV.NXT, challenge ACK');
        return;
      }
      switch (this.state) {
        case 'SYN-RECEIVED':
          if (this.passiveOpen) {
            // "If this connection was initiated with a passive OPEN … return this connection to
            // LISTEN state and return. The user need not be informed."
            this.returnToListen('rcv RST', '§3.10.7.4');
          } else {
            // "If … initiated with an active OPEN … signal the user 'connection refused'"
            this.out.error('refused', '§3.10.7.4');
            this.setState('CLOSED', 'rcv RST (connection refused)', '§3.10.7.4');
          }
          return;
        case 'ESTABLISHED':
        case 'FIN-WAIT-1':
        case 'FIN-WAIT-2':
        case 'CLOSE-WAIT':
          // "Users should also receive an unsolicited general 'connection reset' signal. Enter
          // the CLOSED state, delete the TCB, and return."
          this.out.error('reset', '§3.10.7.4');
          this.setState('CLOSED', 'rcv RST', '§3.10.7.4');
          return;
        default:
          // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return."
          this.setState('CLOSED', 'rcv RST', '§3.10.7.4');
          return;
      }
    }

    // Third, check security: not modelled.

    // Fourth, check the SYN bit.
    if (syn) {
      if (this.state === 'SYN-RECEIVED' && this.passiveOpen) {
        // "If the connection was initiated with a passive OPEN, then return this connection to
        // the LISTEN state and return."
        this.returnToListen('rcv SYN in window', '§3.10.7.4');
        return;
      }
      // RFC 5961 §4, as RFC 9293 adopts it: "TCP endpoints MUST send a 'challenge ACK'"
      this.sendAck();
      this.out.discard('§3.10.7.4 fourth step: SYN in a synchronized state, challenge ACK');
      return;
    }

    // Fifth, check the ACK field.
    if (!segmentHasFlag(seg, 'ACK')) {
      this.out.discard('§3.10.7.4 fifth step: no ACK bit, dropped');
      return;
    }
    let established = false;
    if (this.state === 'SYN-RECEIVED') {
      if (seqLt(this.sndUna ?? 0, seg.ack) && seqLe(seg.ack, this.sndNxt ?? 0)) {
        // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue processing
        // with SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK"
        this.sndWnd = seg.window;
        this.sndWl1 = segSeq;
        this.sndWl2 = seg.ack;
        this.maxSndWnd = Math.max(this.maxSndWnd, seg.window);
        this.setState('ESTABLISHED', repeatsSyn ? 'rcv SYN,ACK (ACK of SYN)' : 'rcv ACK of SYN', '§3.10.7.4');
        established = true;
      } else {
        // "If the segment acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST>"
        this.emit({ seq: seg.ack, ack: 0, flags: ['RST'], len: 0, window: 0 }, false);
        this.out.discard('§3.10.7.4 fifth step: unacceptable ACK in SYN-RECEIVED, answered with RST');
        return;
      }
    }
    if (this.state !== 'TIME-WAIT') {
      if (!this.processAck(seg, segSeq)) return;
      // processAck may have changed the state (TypeScript cannot see that through the call).
      const after = this.state as TcpState;
      if (after === 'CLOSED' || after === 'TIME-WAIT') return;
      if (after === 'CLOSING' || after === 'LAST-ACK') {
        // CLOSING: "otherwise, ignore the segment"; LAST-ACK: "The only thing that can arrive in
        // this state is an acknowledgment of our FIN."
        this.finishSegment();
        return;
      }
    }
    if (established) this.enterEstablished();

    // Sixth, check the URG bit: not modelled.

    // Seventh, process the segment text; eighth, check the FIN bit.
    if (seg.len > 0 || fin) this.processTextAndFin(segSeq, seg.len, fin);
    this.finishSegment();
  }

  /**
   * §3.10.7.4 fifth step for ESTABLISHED and the states that do "the same processing as for the
   * ESTABLISHED state". Returns false when the segment was dropped.
   */
  private processAck(seg: SimSegment, segSeq: number): boolean {
    const sndUna = this.sndUna ?? 0;
    const sndNxt = this.sndNxt ?? 0;
    if (seqGt(seg.ack, sndNxt)) {
      // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the
      // segment, and return."
      this.sendAck();
      this.out.discard('§3.10.7.4 fifth step: ACK of data not yet sent, answered with ACK');
      return false;
    }
    if (seqLt(seg.ack, seqAdd(sndUna, -this.maxSndWnd))) {
      // RFC 5961 §5 (MAY-12): an ACK older than SND.UNA − MAX.SND.WND is discarded with an ACK.
      this.sendAck();
      this.out.discard('§3.10.7.4 fifth step: ACK below SND.UNA − MAX.SND.WND (RFC 5961 §5)');
      return false;
    }
    if (seqLt(sndUna, seg.ack)) this.acknowledge(seg.ack);
    // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 < SEG.SEQ
    // or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)) …"
    if (seqLe(this.sndUna ?? 0, seg.ack) && seqLe(seg.ack, sndNxt)) {
      if (seqLt(this.sndWl1, segSeq) || (this.sndWl1 === segSeq && seqLe(this.sndWl2, seg.ack))) {
        this.sndWnd = seg.window;
        this.sndWl1 = segSeq;
        this.sndWl2 = seg.ack;
        this.maxSndWnd = Math.max(this.maxSndWnd, seg.window);
      }
    }
    const finAcked = this.finSent && this.sndUna === this.sndNxt;
    switch (this.state) {
      case 'FIN-WAIT-1':
        // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2 and continue processing"
        if (finAcked) this.setState('FIN-WAIT-2', 'rcv ACK of FIN', '§3.10.7.4');
        return true;
      case 'CLOSING':
        // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state"
        if (finAcked) this.enterTimeWait('rcv ACK of FIN');
        return true;
      case 'LAST-ACK':
        // "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
        if (finAcked) this.setState('CLOSED', 'rcv ACK of FIN', '§3.10.7.4');
        return true;
      default:
        return true;
    }
  }

  /**
   * Seventh (text) and eighth (FIN) steps of §3.10.7.4, with out-of-order text held for later
   * (SHLD-31) and the parts outside the window trimmed off, as the first step describes.
   */
  private processTextAndFin(segSeq: number, len: number, fin: boolean): void {
    const rcvNxt = this.rcvNxt ?? 0;
    const textStates = this.state === 'ESTABLISHED' || this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2';
    if (!textStates) {
      // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has been
      // received from the remote side. Ignore the segment text." A FIN here can only repeat the
      // one already taken, which the sequence check let through because it carries new text.
      if (len > 0) this.out.discard('§3.10.7.4 seventh step: text after the peer\'s FIN is ignored');
      return;
    }
    let start = segSeq;
    let n = len;
    let hasFin = fin;
    // Trim the part already received ("only the new parts are processed").
    const old = seqDiff(rcvNxt, start);
    if (old > 0) {
      if (old >= n) {
        const finSeq = seqAdd(start, n);
        hasFin = hasFin && finSeq === rcvNxt;
        n = 0;
      } else {
        n -= old;
      }
      start = rcvNxt;
    }
    // Trim what lies beyond the right window edge, FIN included.
    const room = seqDiff(seqAdd(rcvNxt, this.rcvWnd), start);
    if (n > room) {
      n = Math.max(0, room);
      hasFin = false;
    }
    if (start !== rcvNxt) {
      // Out of order: hold it (SHLD-31) and send a duplicate ACK at once (MAY-13).
      if (n > 0 || hasFin) this.hold({ seq: start, len: n, fin: hasFin });
      this.ackNeed = 'now';
      return;
    }
    if (n > 0) this.takeText(n);
    if (this.held.length > 0) {
      // A segment that fills (part of) a gap is acknowledged at once (RFC 5681 §4.2).
      this.ackNeed = 'now';
      this.drainHeld();
    }
    if (hasFin && this.rcvNxt === seqAdd(start, n)) this.processFin();
  }

  /** Accept `n` in-order bytes: advance RCV.NXT, hand them to the application, schedule an ACK. */
  private takeText(n: number): void {
    this.rcvNxt = seqAdd(this.rcvNxt ?? 0, n);
    this.out.deliver(n);
    this.unackedSegments += 1;
    // SHLD-19: ACK at least every second full-sized segment; delayed ACKs only if configured.
    if (this.config.delayedAck === 0 || this.unackedSegments >= 2) this.ackNeed = 'now';
    else if (this.ackNeed === 'none') this.ackNeed = 'delayed';
  }

  /** Stores out-of-order text, sorted by sequence number. */
  private hold(text: HeldText): void {
    const rcvNxt = this.rcvNxt ?? 0;
    const key = seqDiff(text.seq, rcvNxt);
    let i = this.held.length;
    while (i > 0 && seqDiff((this.held[i - 1] as HeldText).seq, rcvNxt) > key) i -= 1;
    this.held.splice(i, 0, text);
  }

  /** Moves held text that has become contiguous with RCV.NXT to the application. */
  private drainHeld(): void {
    while (this.held.length > 0) {
      const head = this.held[0] as HeldText;
      const rcvNxt = this.rcvNxt ?? 0;
      const gap = seqDiff(head.seq, rcvNxt);
      if (gap > 0) return;
      this.held.shift();
      const fresh = head.len + gap; // gap <= 0: the first -gap bytes were already received
      if (fresh > 0) this.takeText(fresh);
      if (head.fin && this.rcvNxt === seqAdd(head.seq, head.len)) {
        this.processFin();
        this.held = [];
        return;
      }
    }
  }

  /** §3.10.7.4 eighth step: the FIN is next in sequence. */
  private processFin(): void {
    // "signal the user 'connection closing' …, advance RCV.NXT over the FIN, and send an
    // acknowledgment for the FIN."
    this.rcvNxt = seqAdd(this.rcvNxt ?? 0, 1);
    this.out.eof();
    this.ackNeed = 'now';
    switch (this.state) {
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        this.setState('CLOSE-WAIT', 'rcv FIN', '§3.10.7.4');
        return;
      case 'FIN-WAIT-1':
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start the
        // time-wait timer, turn off the other timers; otherwise, enter the CLOSING state."
        if (this.finSent && this.sndUna === this.sndNxt) this.enterTimeWait('rcv FIN (our FIN already ACKed)');
        else this.setState('CLOSING', 'rcv FIN (simultaneous close)', '§3.10.7.4');
        return;
      case 'FIN-WAIT-2':
        this.enterTimeWait('rcv FIN');
        return;
      default:
        // CLOSE-WAIT, CLOSING, LAST-ACK: "Remain"; TIME-WAIT is handled in the first step.
        return;
    }
  }

  /** Enter TIME-WAIT: "Start the time-wait timer, turn off the other timers" (§3.10.7.4). */
  private enterTimeWait(cause: string): void {
    this.stopTimer('retransmit');
    this.stopTimer('delayed-ack');
    this.setState('TIME-WAIT', cause, '§3.10.7.4');
    this.startTimer('time-wait', this.now + 2 * this.config.msl);
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts (§3.10.8)
  // ---------------------------------------------------------------------------------------------

  private timeout(kind: TcpTimerKind): void {
    this.timers.stop(kind);
    this.out.timer(kind, 'expire', undefined);
    switch (kind) {
      case 'retransmit':
        this.retransmissionTimeout();
        return;
      case 'time-wait':
        // "If the time-wait timeout expires on a connection, delete the TCB, enter the CLOSED
        // state, and return."
        this.setState('CLOSED', 'Timeout=2MSL', '§3.10.8');
        return;
      case 'delayed-ack':
        this.sendAck();
        return;
    }
  }

  /** §3.10.8 RETRANSMISSION TIMEOUT with RFC 6298 §5.4–5.6, and the §3.8.3 R2 limit. */
  private retransmissionTimeout(): void {
    const head = this.rtxQueue[0];
    if (head === undefined) return;
    if (this.retries >= this.config.maxRetries) {
      this.giveUp();
      return;
    }
    this.retries += 1;
    if (head.syn) this.synTimedOut = true;
    // RFC 6298 §3 (Karn): no RTT sample from a segment that was retransmitted.
    this.rttTiming = null;
    // (5.4) retransmit the earliest unacknowledged segment, reusing its sequence number.
    this.emitRtx(head, true);
    // (5.5) "The host MUST set RTO <- RTO * 2 ('back off the timer')", capped (§2.5).
    this.rto = Math.min(this.rto * 2, RTO_MAX_MS);
    // (5.6) "Start the retransmission timer, such that it expires after RTO seconds"
    this.startTimer('retransmit', this.now + this.rto);
  }

  /** §3.8.3: R2 exceeded, "close the connection". */
  private giveUp(): void {
    if (this.state === 'SYN-RECEIVED' && this.passiveOpen) {
      // The user's passive OPEN still stands and it was never told of this attempt, so the TCB
      // goes back to LISTEN, as for a RST (Figure 5 note 1) and as listening sockets do.
      this.returnToListen('retransmission limit reached', '§3.8.3');
      return;
    }
    this.out.error('timed-out', '§3.8.3');
    this.setState('CLOSED', 'retransmission limit reached', '§3.8.3');
  }

  // ---------------------------------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends queued data while the send window allows, then the FIN once a CLOSE is queued and all
   * data is segmentized (§3.10.2, §3.10.4). No Nagle, no congestion window: the only limits are
   * the MSS and SND.UNA + SND.WND.
   */
  private output(): void {
    // Data queued before a CLOSE still goes out after it: in FIN-WAIT-1, and in CLOSING when the
    // peer's FIN arrived before ours could be sent (§3.10.4: the FIN follows "all preceding SENDs").
    const canSendData =
      this.state === 'ESTABLISHED' ||
      this.state === 'CLOSE-WAIT' ||
      ((this.state === 'FIN-WAIT-1' || this.state === 'CLOSING') && !this.finSent);
    if (!canSendData) return;
    while (this.sndQueued > 0) {
      const usable = this.usableWindow();
      if (usable <= 0) return;
      const n = Math.min(this.sndQueued, this.sendMss, usable);
      const seqNo = this.sndNxt ?? 0;
      const psh = n === this.sndQueued;
      this.sndQueued -= n;
      this.sndNxt = seqAdd(seqNo, n);
      this.rtxQueue.push({ seq: seqNo, len: n, syn: false, fin: false, psh });
      const flags: SegmentFlag[] = psh ? ['PSH', 'ACK'] : ['ACK'];
      this.transmitNew({ seq: seqNo, ack: this.rcvNxt ?? 0, flags, len: n }, n);
    }
    if (this.finRequested && !this.finSent && this.usableWindow() > 0) {
      if (this.state === 'CLOSE-WAIT') this.setState('LAST-ACK', 'CLOSE', '§3.10.4');
      this.sendFin();
    }
  }

  /** Bytes of sequence space the peer's window still allows: SND.UNA + SND.WND − SND.NXT. */
  private usableWindow(): number {
    return seqDiff(seqAdd(this.sndUna ?? 0, this.sndWnd ?? 0), this.sndNxt ?? 0);
  }

  /** Sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK> and advances SND.NXT over the FIN. */
  private sendFin(): void {
    const seqNo = this.sndNxt ?? 0;
    this.finSent = true;
    this.sndNxt = seqAdd(seqNo, 1);
    this.rtxQueue.push({ seq: seqNo, len: 0, syn: false, fin: true, psh: false });
    this.transmitNew({ seq: seqNo, ack: this.rcvNxt ?? 0, flags: ['FIN', 'ACK'], len: 0 }, 1);
  }

  /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the reply the RFC asks for in many places. */
  private sendAck(): void {
    this.emit({ seq: this.sndNxt ?? 0, ack: this.rcvNxt ?? 0, flags: ['ACK'], len: 0 }, false);
  }

  /**
   * Sends a segment that occupies new sequence space (SYN, data or FIN): RFC 6298 (5.1) starts
   * the timer if it is not running, and one segment at a time is timed for an RTT sample.
   */
  private transmitNew(
    fields: { seq: number; ack: number; flags: SegmentFlag[]; len: number },
    occupies: number,
  ): void {
    if (this.rttTiming === null) this.rttTiming = { endSeq: seqAdd(fields.seq, occupies), sentAt: this.now };
    this.emit({ ...fields, mss: fields.flags.includes('SYN') }, false);
    if (!this.timers.isRunning('retransmit')) this.startTimer('retransmit', this.now + this.rto);
  }

  /** Re-sends a retransmission-queue entry exactly as first sent (same sequence number). */
  private emitRtx(entry: RtxEntry, retransmission: boolean): void {
    if (entry.syn) {
      // Before the peer's SYN arrives, SYN alone; after it, SYN,ACK (§3.10.7.2, §3.10.7.3).
      const acking = this.rcvNxt !== null && this.state !== 'SYN-SENT';
      this.emit(
        { seq: entry.seq, ack: acking ? (this.rcvNxt ?? 0) : 0, flags: acking ? ['SYN', 'ACK'] : ['SYN'], len: 0, mss: true },
        retransmission,
      );
      return;
    }
    const flags: SegmentFlag[] = entry.fin ? ['FIN', 'ACK'] : entry.psh ? ['PSH', 'ACK'] : ['ACK'];
    this.emit({ seq: entry.seq, ack: this.rcvNxt ?? 0, flags, len: entry.len }, retransmission);
  }

  /** Builds a segment to the current remote port and sends it. */
  private emit(
    f: { seq: number; ack: number; flags: SegmentFlag[]; len: number; window?: number; mss?: boolean },
    retransmission: boolean,
  ): void {
    const segment: SimSegment = {
      srcPort: this.config.port,
      dstPort: this.remotePort,
      seq: seq(f.seq),
      ack: seq(f.ack),
      flags: orderFlags(f.flags),
      window: f.window ?? this.rcvWnd,
      len: f.len,
    };
    if (f.mss === true) segment.options = { mss: this.config.mss };
    if (segment.flags.includes('ACK') && segment.ack === this.rcvNxt) {
      // Any segment carrying the current RCV.NXT acknowledges everything received (MUST-58).
      this.ackNeed = 'none';
      this.unackedSegments = 0;
      this.stopTimer('delayed-ack');
    }
    this.out.send(segment, retransmission);
  }

  /** Sends a reply (RST) to whoever sent `srcPort`'s segment, outside any connection. */
  private emitTo(dstPort: number, f: { seq: number; ack: number; flags: SegmentFlag[]; len: number; window: number }): void {
    this.out.send(
      {
        srcPort: this.config.port,
        dstPort,
        seq: seq(f.seq),
        ack: seq(f.ack),
        flags: orderFlags(f.flags),
        window: f.window,
        len: f.len,
      },
      false,
    );
  }

  /** After a segment: piggyback the ACK on data if any, else send or delay a pure ACK. */
  private finishSegment(): void {
    this.output();
    if (this.state === 'CLOSED' || this.state === 'LISTEN') return;
    if (this.ackNeed === 'now') this.sendAck();
    else if (this.ackNeed === 'delayed' && !this.timers.isRunning('delayed-ack')) {
      this.startTimer('delayed-ack', this.now + this.config.delayedAck);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Acknowledgments and RTT (RFC 9293 §3.10.7.4 fifth step, RFC 6298)
  // ---------------------------------------------------------------------------------------------

  /**
   * SND.UNA <- SEG.ACK for an acceptable ACK: entirely acknowledged segments leave the
   * retransmission queue, an RTT sample is taken if the timed segment is covered, and the
   * retransmission timer restarts (5.3) or stops (5.2).
   */
  private acknowledge(ack: number): void {
    this.sndUna = ack;
    while (this.rtxQueue.length > 0) {
      const head = this.rtxQueue[0] as RtxEntry;
      const end = seqAdd(head.seq, head.len + (head.syn ? 1 : 0) + (head.fin ? 1 : 0));
      if (seqLe(end, ack)) {
        this.rtxQueue.shift();
        continue;
      }
      if (seqGt(ack, head.seq) && !head.syn) {
        // Partly acknowledged (the peer trimmed it to its window): keep only the rest.
        const done = seqDiff(ack, head.seq);
        head.seq = ack;
        head.len -= done;
      }
      break;
    }
    this.retries = 0;
    if (this.rttTiming !== null && seqGe(ack, this.rttTiming.endSeq)) {
      this.updateRto(this.now - this.rttTiming.sentAt);
      this.rttTiming = null;
    }
    if (this.rtxQueue.length === 0) this.stopTimer('retransmit');
    else this.startTimer('retransmit', this.now + this.rto);
  }

  /** RFC 6298 §2.2–2.5: fold one RTT measurement into SRTT, RTTVAR and RTO. */
  private updateRto(r: number): void {
    if (this.srtt === null) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = (1 - RTT_BETA) * this.rttvar + RTT_BETA * Math.abs(this.srtt - r);
      this.srtt = (1 - RTT_ALPHA) * this.srtt + RTT_ALPHA * r;
    }
    const rto = this.srtt + Math.max(CLOCK_GRANULARITY_MS, RTT_K * this.rttvar);
    this.rto = roundTime(Math.min(RTO_MAX_MS, Math.max(this.minRto, rto)));
  }

  /** Work that waits for ESTABLISHED: RFC 6298 §5.7, queued CLOSE and queued SENDs. */
  private enterEstablished(): void {
    if (this.synTimedOut && this.config.rto < RTO_AFTER_SYN_TIMEOUT_MS) {
      // RFC 6298 §5.7: "the RTO MUST be re-initialized to 3 seconds when data transmission begins"
      this.rto = RTO_AFTER_SYN_TIMEOUT_MS;
    }
    this.synTimedOut = false;
    if (this.finRequested && this.state === 'ESTABLISHED') {
      // §3.10.4 SYN-RECEIVED: the CLOSE was queued "for processing after entering ESTABLISHED".
      this.setState('FIN-WAIT-1', 'queued CLOSE', '§3.10.4');
    }
    this.output();
  }

  // ---------------------------------------------------------------------------------------------
  // TCB housekeeping
  // ---------------------------------------------------------------------------------------------

  /** Table 6 of §3.10.7.4: does the segment occupy acceptable receive sequence space? */
  private acceptable(segSeq: number, occupied: number): boolean {
    const rcvNxt = this.rcvNxt ?? 0;
    const right = seqAdd(rcvNxt, this.rcvWnd);
    if (occupied === 0) {
      if (this.rcvWnd === 0) return segSeq === rcvNxt;
      return seqInRange(segSeq, rcvNxt, right);
    }
    if (this.rcvWnd === 0) return false;
    return seqInRange(segSeq, rcvNxt, right) || seqInRange(seqAdd(segSeq, occupied - 1), rcvNxt, right);
  }

  /** Reads the peer's MSS option (RFC 9293 §3.7.1): send MSS = min(ours, theirs). */
  private learnPeer(seg: SimSegment): void {
    const peerMss = seg.options?.mss ?? DEFAULT_SEND_MSS;
    this.sendMss = Math.max(1, Math.min(this.config.mss, peerMss));
    this.sndWnd = seg.window;
    this.maxSndWnd = Math.max(this.maxSndWnd, seg.window);
  }

  /**
   * ISS selection (RFC 9293 §3.4.1). The first connection uses the configured ISN so presets
   * have stable numbers; later ones advance with the 4 µs clock, so a new incarnation never
   * reuses the old sequence space.
   */
  private selectIss(): number {
    if (this.firstIssAt === null) {
      this.firstIssAt = this.now;
      return seq(this.config.isn);
    }
    return seqAdd(this.config.isn, Math.floor((this.now - this.firstIssAt) * ISN_TICKS_PER_MS));
  }

  /** SYN-RECEIVED → LISTEN: flush the retransmission queue and forget the peer (§3.10.7.4). */
  private returnToListen(cause: string, section: string): void {
    this.stopAllTimers();
    this.resetTcb();
    this.passiveOpen = true;
    this.setState('LISTEN', cause, section);
  }

  /** Entering CLOSED: stop all timers and forget everything ("delete TCB"). */
  private deleteTcb(): void {
    this.stopAllTimers();
    this.resetTcb();
    this.passiveOpen = false;
  }

  private resetTcb(): void {
    this.iss = null;
    this.irs = null;
    this.sndUna = null;
    this.sndNxt = null;
    this.sndWnd = null;
    this.sndWl1 = 0;
    this.sndWl2 = 0;
    this.maxSndWnd = 0;
    this.rcvNxt = null;
    this.rto = this.config.rto;
    this.srtt = null;
    this.rttvar = 0;
    this.retries = 0;
    this.remotePort = this.config.peerPort;
    this.sendMss = Math.min(this.config.mss, DEFAULT_SEND_MSS);
    this.sndQueued = 0;
    this.finRequested = false;
    this.finSent = false;
    this.rtxQueue = [];
    this.rttTiming = null;
    this.synTimedOut = false;
    this.held = [];
    this.ackNeed = 'none';
    this.unackedSegments = 0;
  }

  private startTimer(kind: TcpTimerKind, expiresAt: number): void {
    const at = roundTime(expiresAt);
    this.timers.start(kind, at);
    this.out.timer(kind, 'start', at);
  }

  private stopTimer(kind: TcpTimerKind): void {
    if (this.timers.stop(kind)) this.out.timer(kind, 'stop', undefined);
  }

  private stopAllTimers(): void {
    for (const kind of this.timers.stopAll()) this.out.timer(kind, 'stop', undefined);
  }
}
