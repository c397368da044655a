/**
 * Test helpers for the endpoint tests (smoltcp style): a recording output, segment templates and
 * builders that bring an endpoint into each RFC 9293 state. Not part of the public API.
 */

import { TcpEndpoint } from './endpoint.ts';
import type { TcpEndpointConfig, TcpEndpointOutput, TcpErrorCode, TcpTimerAction } from './endpoint.ts';
import type { SimSegment } from './segment.ts';
import { seqAdd } from './seq.ts';
import type { TcpState } from './states.ts';
import type { TcpTimerKind } from './timers.ts';

export const LOCAL_PORT = 80;
export const REMOTE_PORT = 49152;
/** Our ISS. */
export const LOCAL_ISS = 10_000;
/** The peer's ISS (our IRS). */
export const REMOTE_ISS = 20_000;
export const LOCAL_MSS = 1000;
export const LOCAL_WINDOW = 8000;
export const REMOTE_WINDOW = 6000;
export const RTO = 1000;
export const MSL = 1000;
export const MAX_RETRIES = 3;

/** A segment from the peer: fill in what differs. */
export const RECV_TEMPL: SimSegment = {
  srcPort: REMOTE_PORT,
  dstPort: LOCAL_PORT,
  seq: 0,
  ack: 0,
  flags: [],
  window: REMOTE_WINDOW,
  len: 0,
};

/** A segment we send: fill in what differs. */
export const SEND_TEMPL: SimSegment = {
  srcPort: LOCAL_PORT,
  dstPort: REMOTE_PORT,
  seq: 0,
  ack: 0,
  flags: [],
  window: LOCAL_WINDOW,
  len: 0,
};

export function recvSeg(fields: Partial<SimSegment>): SimSegment {
  return { ...RECV_TEMPL, ...fields };
}

export function sendSeg(fields: Partial<SimSegment>): SimSegment {
  return { ...SEND_TEMPL, ...fields };
}

/** A recorded state change. */
export interface Transition {
  from: TcpState;
  to: TcpState;
  cause: string;
}

/** An endpoint wired to a recorder, with a clock the test moves. */
export class Harness implements TcpEndpointOutput {
  readonly ep: TcpEndpoint;
  now = 0;
  sent: { segment: SimSegment; retransmission: boolean }[] = [];
  transitions: Transition[] = [];
  errors: TcpErrorCode[] = [];
  delivered: number[] = [];
  eofs = 0;
  discards: string[] = [];
  timerLog: { kind: TcpTimerKind; action: TcpTimerAction; expiresAt: number | undefined }[] = [];

  constructor(config: Partial<TcpEndpointConfig> = {}) {
    this.ep = new TcpEndpoint(
      {
        port: LOCAL_PORT,
        peerPort: REMOTE_PORT,
        mss: LOCAL_MSS,
        window: LOCAL_WINDOW,
        isn: LOCAL_ISS,
        rto: RTO,
        maxRetries: MAX_RETRIES,
        msl: MSL,
        delayedAck: 0,
        ...config,
      },
      this,
    );
  }

  // TcpEndpointOutput
  state(from: TcpState, to: TcpState, cause: string): void {
    this.transitions.push({ from, to, cause });
  }
  send(segment: SimSegment, retransmission: boolean): void {
    this.sent.push({ segment, retransmission });
  }
  deliver(bytes: number): void {
    this.delivered.push(bytes);
  }
  eof(): void {
    this.eofs += 1;
  }
  error(code: TcpErrorCode): void {
    this.errors.push(code);
  }
  timer(kind: TcpTimerKind, action: TcpTimerAction, expiresAt: number | undefined): void {
    this.timerLog.push({ kind, action, expiresAt });
  }
  discard(reason: string): void {
    this.discards.push(reason);
  }

  get tcpState(): TcpState {
    return this.ep.state;
  }

  /** Segments sent since the last call, without the retransmission mark. */
  takeSent(): SimSegment[] {
    const out = this.sent.map((s) => s.segment);
    this.sent = [];
    return out;
  }

  /** Forgets everything recorded so far (after a builder). */
  clear(): this {
    this.sent = [];
    this.transitions = [];
    this.errors = [];
    this.delivered = [];
    this.eofs = 0;
    this.discards = [];
    this.timerLog = [];
    return this;
  }

  /** Delivers a segment from the peer at the current time. */
  recv(fields: Partial<SimSegment>): this {
    this.ep.receive(this.now, recvSeg(fields));
    return this;
  }

  /** Moves the clock to `t` and fires the timers due by then, in deadline order. */
  advanceTo(t: number): this {
    for (;;) {
      const next = this.ep.nextDeadline();
      if (next > t) break;
      this.now = next;
      this.ep.fireDueTimers(next);
    }
    this.now = t;
    return this;
  }
}

// --- Builders: one per state, each from the previous, as in RFC 9293 §3.5 and §3.6 -------------

export function closed(config: Partial<TcpEndpointConfig> = {}): Harness {
  return new Harness(config);
}

export function listening(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = closed(config);
  h.ep.listen(h.now);
  return h.clear();
}

/** Passive open: LISTEN, then the peer's SYN (with MSS 1000) arrives at t = 0. */
export function synReceived(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = listening(config);
  h.recv({ seq: REMOTE_ISS, flags: ['SYN'], options: { mss: 1000 } });
  return h.clear();
}

/** Active open at t = 0. */
export function synSent(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = closed(config);
  h.ep.connect(h.now);
  return h.clear();
}

/** Passive open completed by the peer's ACK at t = 100 (RTT sample 100 ms). */
export function established(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = synReceived(config);
  h.now = 100;
  h.recv({ seq: seqAdd(REMOTE_ISS, 1), ack: seqAdd(LOCAL_ISS, 1), flags: ['ACK'] });
  return h.clear();
}

/** ESTABLISHED, then CLOSE: our FIN <SEQ=ISS+1> is in flight. */
export function finWait1(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = established(config);
  h.ep.close(h.now);
  return h.clear();
}

/** FIN-WAIT-1, then the peer ACKs our FIN. */
export function finWait2(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = finWait1(config);
  h.recv({ seq: seqAdd(REMOTE_ISS, 1), ack: seqAdd(LOCAL_ISS, 2), flags: ['ACK'] });
  return h.clear();
}

/** FIN-WAIT-1, then the peer's FIN crosses ours (it does not ACK our FIN). */
export function closing(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = finWait1(config);
  h.recv({ seq: seqAdd(REMOTE_ISS, 1), ack: seqAdd(LOCAL_ISS, 1), flags: ['FIN', 'ACK'] });
  return h.clear();
}

/** FIN-WAIT-2, then the peer's FIN. */
export function timeWait(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = finWait2(config);
  h.recv({ seq: seqAdd(REMOTE_ISS, 1), ack: seqAdd(LOCAL_ISS, 2), flags: ['FIN', 'ACK'] });
  return h.clear();
}

/** ESTABLISHED, then the peer's FIN. */
export function closeWait(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = established(config);
  h.recv({ seq: seqAdd(REMOTE_ISS, 1), ack: seqAdd(LOCAL_ISS, 1), flags: ['FIN', 'ACK'] });
  return h.clear();
}

/** CLOSE-WAIT, then CLOSE: our FIN <SEQ=ISS+1> is in flight. */
export function lastAck(config: Partial<TcpEndpointConfig> = {}): Harness {
  const h = closeWait(config);
  h.ep.close(h.now);
  return h.clear();
}
