/**
 * The trace: what {@link runScenario} returns and what every TCP widget renders. A time-ordered
 * list of plain-data events. This file is a contract: keep names and meanings stable (add fields,
 * never repurpose them) and bump {@link TRACE_VERSION} on any incompatible change.
 */

import type { SimSegment } from '../tcp/segment.ts';
import type { TcpState } from '../tcp/states.ts';
import type { TcpErrorCode, TcbVars, TcpTimerAction } from '../tcp/endpoint.ts';
import type { TcpTimerKind } from '../tcp/timers.ts';
import type { ResolvedScenario, ScenarioProblem, Side, StepAction } from './scenario.ts';

/** Version of the trace format. */
export const TRACE_VERSION = 1;

/** Fields every event has. */
export interface TraceEventBase {
  /** Virtual time in ms since the start of the scenario (microsecond resolution). */
  t: number;
}

/**
 * A state change. `tcb` holds the variables just after it (null in CLOSED: no TCB). Use
 * `findStateEdge(from, to)` to find the RFC state-diagram edge it took.
 */
export interface StateEvent extends TraceEventBase {
  type: 'state';
  on: Side;
  from: TcpState;
  to: TcpState;
  /** The event that caused it, in the RFC's words: "rcv SYN", "CLOSE", "Timeout=2MSL", … */
  cause: string;
  /** The RFC 9293 section that prescribes it, e.g. "§3.10.7.2". */
  section: string;
  tcb: TcbVars | null;
}

/** What became of one copy of a sent segment. */
export interface SegmentFate {
  /** Received by the other side, or dropped on the way. */
  type: 'receive' | 'drop';
  /** When. */
  t: number;
  /** Index of the matching `receive` or `drop` event in `trace.events`. */
  index: number;
}

/**
 * A segment leaves `on`. `id` is shared by the matching `receive` and `drop` events. `fates` is
 * filled in as copies arrive or are dropped: usually one entry; two if the link duplicated it;
 * none if it was still in flight when the simulation ended. A ladder diagram draws one arrow per
 * fate, from (`t`, `on`) to (fate `t`, other side), stopping at `where` of the path for drops.
 */
export interface SendEvent extends TraceEventBase {
  type: 'send';
  on: Side;
  id: number;
  segment: SimSegment;
  /** Present (true) when this re-sends a segment already sent, with its original sequence number. */
  retransmission?: true;
  fates: SegmentFate[];
}

/** A copy of segment `id` arrives at `on` and is processed. */
export interface ReceiveEvent extends TraceEventBase {
  type: 'receive';
  on: Side;
  id: number;
  /** Present (true) for the extra copy of a segment the link duplicated. */
  duplicate?: true;
  /** Set when the receiver dropped the segment, with the RFC rule, e.g. "§3.10.7.2: LISTEN ignores a RST". */
  discarded?: string;
}

/**
 * Why a segment never arrived: `loss` (random, `link.loss`), `scenario` (a `drop` rule) or
 * `firewall` (the receiver's firewall is `'drop'`).
 */
export type DropReason = 'loss' | 'scenario' | 'firewall';

/** Segment `id`, sent by `on`, is lost. */
export interface DropEvent extends TraceEventBase {
  type: 'drop';
  /** The side that sent it. */
  on: Side;
  id: number;
  reason: DropReason;
  /**
   * Where on the path it vanished, as a fraction from sender (0) to receiver (1): 0.5 for losses
   * in the network, 1 for a firewall in front of the receiver.
   */
  where: number;
}

/** A timer started (or restarted, with a new deadline), stopped, or expired. */
export interface TimerEvent extends TraceEventBase {
  type: 'timer';
  on: Side;
  timer: TcpTimerKind;
  action: TcpTimerAction;
  /** Deadline, for `start`. */
  expiresAt?: number;
}

/** In-order bytes handed to the application on `on`. */
export interface DeliverEvent extends TraceEventBase {
  type: 'deliver';
  on: Side;
  bytes: number;
  /** Bytes delivered on this side so far, across connections. */
  total: number;
}

/**
 * The peer's FIN reached the application on `on`: the end of the incoming byte stream (a read
 * returns 0). RFC 9293 §3.10.7.4 calls this signal "connection closing".
 */
export interface EofEvent extends TraceEventBase {
  type: 'eof';
  on: Side;
  message: 'connection closing';
  section: string;
}

/** Codes of simulator-level errors (not TCP's). */
export type SimErrorCode = 'invalid-scenario' | 'event-cap' | 'internal';

/**
 * What an application is told (`on` = a side; `code` a TCP error code, `message` the RFC 9293
 * §3.10 wording), or a simulator problem (`on` = 'sim').
 */
export interface ErrorEvent extends TraceEventBase {
  type: 'error';
  on: Side | 'sim';
  code: TcpErrorCode | SimErrorCode;
  message: string;
  /** The section that prescribes the error, for TCP errors. */
  section?: string;
}

/** The application on `on` makes a call (a scenario step), before TCP processes it. */
export interface CallEvent extends TraceEventBase {
  type: 'call';
  on: Side;
  call: StepAction;
  bytes?: number;
}

/**
 * The variables of `on` changed without a state change (an ACK advanced SND.UNA, data advanced
 * RCV.NXT, the RTO backed off …). Emitted at most once per side per processed event.
 */
export interface VarsEvent extends TraceEventBase {
  type: 'vars';
  on: Side;
  tcb: TcbVars;
}

/**
 * Why the simulation stopped: `quiet` (nothing left to happen), `until` (the scenario's time
 * limit), `event-cap` (too many events), `invalid` (the scenario had problems), `internal` (a bug).
 */
export type EndReason = 'quiet' | 'until' | 'event-cap' | 'invalid' | 'internal';

/** Always the last event. */
export interface EndEvent extends TraceEventBase {
  type: 'end';
  reason: EndReason;
  /** Each side's state at the end. */
  states: Record<Side, TcpState>;
}

/** Any trace event; switch on `type`. */
export type TraceEvent =
  | StateEvent
  | SendEvent
  | ReceiveEvent
  | DropEvent
  | TimerEvent
  | DeliverEvent
  | EofEvent
  | ErrorEvent
  | CallEvent
  | VarsEvent
  | EndEvent;

/** The output of a simulation. */
export interface Trace {
  version: typeof TRACE_VERSION;
  /** The scenario with defaults and ISNs filled in, or null if it was invalid. */
  scenario: ResolvedScenario | null;
  /** Problems that made the scenario invalid (empty otherwise). */
  problems: ScenarioProblem[];
  /** Events in non-decreasing time order; the last is always an `end` event. */
  events: TraceEvent[];
}
