/**
 * Timers as data (one record per running timer, with a next-deadline query) and the RFC 6298
 * retransmission-timeout rules as named constants.
 */

/** Initial RTO before any RTT sample: "RTO SHOULD be set to 1 second" (RFC 6298 §2.1). */
export const RTO_INITIAL_MS = 1000;

/** "If it is less than 1 second, then the RTO SHOULD be rounded up to 1 second" (RFC 6298 §2.4). */
export const RTO_MIN_MS = 1000;

/**
 * Upper bound on the backed-off RTO. RFC 6298 §2.5 allows a maximum "provided it is at least 60
 * seconds"; 120 s is Linux's TCP_RTO_MAX (include/net/tcp.h).
 */
export const RTO_MAX_MS = 120_000;

/**
 * RTO after a timed-out SYN: "the RTO MUST be re-initialized to 3 seconds when data transmission
 * begins" (RFC 6298 §5.7).
 */
export const RTO_AFTER_SYN_TIMEOUT_MS = 3000;

/** Smoothing gain α = 1/8 for SRTT (RFC 6298 §2.3). */
export const RTT_ALPHA = 1 / 8;

/** Smoothing gain β = 1/4 for RTTVAR (RFC 6298 §2.3). */
export const RTT_BETA = 1 / 4;

/** Multiplier K = 4 of RTTVAR in RTO = SRTT + max(G, K·RTTVAR) (RFC 6298 §2.2). */
export const RTT_K = 4;

/**
 * Clock granularity G of RFC 6298 §2.2. Virtual time is exact, so G only has to be positive; 1 ms
 * matches the resolution of the trace's timestamps.
 */
export const CLOCK_GRANULARITY_MS = 1;

/**
 * Default number of retransmissions of one segment before the connection is given up with
 * "connection timed out". With a 1 s initial RTO, doubling and the 120 s cap, SYNs go out at 0, 1,
 * 3, 7, 15, 31, 63 and 127 s and the connect fails at 247 s: RFC 9293 §3.8.3 requires a SYN to be
 * retried for at least 3 minutes (MUST-23) and data for at least 100 s (SHLD-11). (Linux's
 * tcp_syn_retries = 6 gives up after about 127 s.)
 */
export const MAX_RETRIES_DEFAULT = 7;

/**
 * Maximum Segment Lifetime: "arbitrarily defined to be 2 minutes" (RFC 9293 §3.4.2, §4 "MSL").
 * TIME-WAIT lasts 2 × MSL = 240 s (RFC 9293 §3.6.1, MUST-13). Linux uses a fixed 60 s instead.
 */
export const MSL_DEFAULT_MS = 120_000;

/** Delayed ACKs "MUST be less than 0.5 seconds" (RFC 9293 §3.8.6.3, MUST-40). */
export const DELAYED_ACK_LIMIT_MS = 500;

/** Virtual time is kept to whole microseconds, so traces stay short to print and exact to compare. */
export const TIME_RESOLUTION_PER_MS = 1000;

/** Rounds a virtual time (ms) to whole microseconds. */
export function roundTime(ms: number): number {
  return Math.round(ms * TIME_RESOLUTION_PER_MS) / TIME_RESOLUTION_PER_MS;
}

/**
 * The kinds of timer an endpoint runs. `retransmit` is RFC 6298's retransmission timer,
 * `time-wait` the 2 × MSL timer of RFC 9293 §3.10.8, `delayed-ack` the optional ACK delay of
 * §3.8.6.3. (The user timeout of §3.10.8 is not modelled.)
 */
export type TcpTimerKind = 'retransmit' | 'time-wait' | 'delayed-ack';

/** Fixed order in which timers due at the same instant fire, so traces are deterministic. */
export const TCP_TIMER_KINDS: readonly TcpTimerKind[] = ['retransmit', 'delayed-ack', 'time-wait'];

/** A running timer: what it is and when (virtual ms) it expires. */
export interface TcpTimer {
  kind: TcpTimerKind;
  expiresAt: number;
}

/** At most one timer of each kind; starting a kind again replaces its deadline. */
export class TcpTimerSet {
  private readonly deadlines = new Map<TcpTimerKind, number>();

  /** Starts (or restarts) the timer of this kind. */
  start(kind: TcpTimerKind, expiresAt: number): void {
    this.deadlines.set(kind, expiresAt);
  }

  /** Stops the timer of this kind; returns whether it was running. */
  stop(kind: TcpTimerKind): boolean {
    return this.deadlines.delete(kind);
  }

  /** Stops every timer; returns the kinds that were running, in {@link TCP_TIMER_KINDS} order. */
  stopAll(): TcpTimerKind[] {
    const running = TCP_TIMER_KINDS.filter((k) => this.deadlines.has(k));
    this.deadlines.clear();
    return running;
  }

  isRunning(kind: TcpTimerKind): boolean {
    return this.deadlines.has(kind);
  }

  /** The deadline of this kind, or undefined when it is not running. */
  deadline(kind: TcpTimerKind): number | undefined {
    return this.deadlines.get(kind);
  }

  /** The earliest deadline of any running timer, or Infinity when none runs. */
  nextDeadline(): number {
    let next = Infinity;
    for (const t of this.deadlines.values()) if (t < next) next = t;
    return next;
  }

  /** The timers due at or before `now`, in {@link TCP_TIMER_KINDS} order. */
  due(now: number): TcpTimerKind[] {
    return TCP_TIMER_KINDS.filter((k) => {
      const t = this.deadlines.get(k);
      return t !== undefined && t <= now;
    });
  }

  /** Running timers as plain data, in {@link TCP_TIMER_KINDS} order. */
  list(): TcpTimer[] {
    const out: TcpTimer[] = [];
    for (const kind of TCP_TIMER_KINDS) {
      const expiresAt = this.deadlines.get(kind);
      if (expiresAt !== undefined) out.push({ kind, expiresAt });
    }
    return out;
  }
}
