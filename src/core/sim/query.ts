/**
 * Reading a trace at a point in time, so a widget renders any instant (scrubbing, stepping back,
 * presenter bookmarks) without re-implementing TCP.
 */

import type { TcbVars } from '../tcp/endpoint.ts';
import type { SimSegment } from '../tcp/segment.ts';
import type { TcpState } from '../tcp/states.ts';
import type { TcpTimer, TcpTimerKind } from '../tcp/timers.ts';
import type { Side } from './scenario.ts';
import type { ErrorEvent, SegmentFate, SendEvent, Trace, TraceEvent } from './trace.ts';

/** One endpoint as it stands at an instant. */
export interface EndpointAt {
  state: TcpState;
  /** Connection variables (null in CLOSED: no TCB). */
  tcb: TcbVars | null;
  /** Bytes delivered to the application so far. */
  delivered: number;
  /** Running timers with their deadlines. */
  timers: TcpTimer[];
  /** The latest error the application was told, if any. */
  lastError: ErrorEvent | null;
}

/** One copy of a segment on the wire at an instant. */
export interface InFlightSegment {
  id: number;
  from: Side;
  to: Side;
  segment: SimSegment;
  retransmission: boolean;
  sentAt: number;
  /** When this copy arrives or is dropped; null if the trace ended with it still in flight. */
  endsAt: number | null;
  /** What happens to it: received, dropped, or unknown (trace ended first). */
  fate: SegmentFate['type'] | 'in-flight';
  /**
   * How far along its path it is, 0 (just sent) … 1 (at the receiver). A dropped copy stops at its
   * drop event's `where`.
   */
  progress: number;
}

/** Everything a renderer needs at one instant. */
export interface TraceSnapshot {
  t: number;
  a: EndpointAt;
  b: EndpointAt;
  inFlight: InFlightSegment[];
}

function initial(): EndpointAt {
  return { state: 'CLOSED', tcb: null, delivered: 0, timers: [], lastError: null };
}

/** Index of the first event with time > t (binary search; events are time-ordered). */
export function eventIndexAfter(trace: Trace, t: number): number {
  const events = trace.events;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as TraceEvent).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each endpoint's state, variables, delivered bytes and timers after every event at or before
 * `t`, and the segment copies in flight at `t`.
 */
export function stateAt(trace: Trace, t: number): TraceSnapshot {
  const view: Record<Side, EndpointAt> = { a: initial(), b: initial() };
  const timers: Record<Side, Map<TcpTimerKind, number>> = { a: new Map(), b: new Map() };
  const end = eventIndexAfter(trace, t);
  const sends: SendEvent[] = [];
  for (let i = 0; i < end; i += 1) {
    const e = trace.events[i] as TraceEvent;
    switch (e.type) {
      case 'state':
        view[e.on].state = e.to;
        view[e.on].tcb = e.tcb;
        break;
      case 'vars':
        view[e.on].tcb = e.tcb;
        break;
      case 'deliver':
        view[e.on].delivered = e.total;
        break;
      case 'timer':
        if (e.action === 'start') timers[e.on].set(e.timer, e.expiresAt ?? e.t);
        else timers[e.on].delete(e.timer);
        break;
      case 'error':
        if (e.on !== 'sim') view[e.on].lastError = e;
        break;
      case 'send':
        sends.push(e);
        break;
      default:
        break;
    }
  }
  for (const side of ['a', 'b'] as const) {
    view[side].timers = [...timers[side]].map(([kind, expiresAt]) => ({ kind, expiresAt }));
  }
  const inFlight: InFlightSegment[] = [];
  for (const s of sends) {
    const to: Side = s.on === 'a' ? 'b' : 'a';
    const base = { id: s.id, from: s.on, to, segment: s.segment, retransmission: s.retransmission === true, sentAt: s.t };
    if (s.fates.length === 0) {
      inFlight.push({ ...base, endsAt: null, fate: 'in-flight', progress: 0 });
      continue;
    }
    for (const f of s.fates) {
      if (f.t <= t) continue;
      const span = f.t - s.t;
      const reach = f.type === 'drop' ? dropWhere(trace, f.index) : 1;
      const progress = span > 0 ? ((t - s.t) / span) * reach : 0;
      inFlight.push({ ...base, endsAt: f.t, fate: f.type, progress });
    }
  }
  return { t, a: view.a, b: view.b, inFlight };
}

function dropWhere(trace: Trace, index: number): number {
  const e = trace.events[index];
  return e !== undefined && e.type === 'drop' ? e.where : 1;
}
