/**
 * Simulation is a function: scenario → trace. Two {@link TcpEndpoint}s, a seeded lossy link and a
 * discrete-event queue that owns virtual time. Never throws.
 */

import { TcpEndpoint, TCP_ERROR_MESSAGES } from '../tcp/endpoint.ts';
import type { TcbVars, TcpEndpointOutput } from '../tcp/endpoint.ts';
import type { SimSegment } from '../tcp/segment.ts';
import { roundTime } from '../tcp/timers.ts';
import type { TcpState } from '../tcp/states.ts';
import { mulberry32, randomUint32 } from './prng.ts';
import type { Random } from './prng.ts';
import { EventQueue } from './scheduler.ts';
import { DEFAULT_SEED, otherSide, resolveScenario, validateScenario } from './scenario.ts';
import type { ResolvedScenario, ScenarioProblem, ScenarioStep, Side } from './scenario.ts';
import { TRACE_VERSION } from './trace.ts';
import type { DropReason, EndReason, ReceiveEvent, SendEvent, Trace, TraceEvent } from './trace.ts';

/**
 * A scenario that would produce more events than this stops with an `event-cap` error, the trace
 * holding exactly this many events plus the error and the end. A 4 MiB transfer needs about 23,000;
 * the cap only stops runaway scenarios.
 */
export const EVENT_CAP = 100_000;

/** IPv4 header without options (RFC 791 §3.1), for serialization delay. */
const IPV4_HEADER_BYTES = 20;
/** TCP header without options (RFC 9293 §3.1). */
const TCP_HEADER_BYTES = 20;
/** The MSS option: kind, length and a 16-bit value (RFC 9293 §3.2). */
const MSS_OPTION_BYTES = 4;
/** Bits per byte and milliseconds per second, for serialization delay in ms. */
const BITS_PER_BYTE = 8;
const MS_PER_SECOND = 1000;
/** Where on the path a lost segment vanishes, for ladder diagrams: the middle. */
const LOSS_POINT = 0.5;

type Item =
  | { kind: 'step'; step: ScenarioStep }
  | { kind: 'arrive'; to: Side; id: number; segment: SimSegment; duplicate: boolean }
  | { kind: 'drop'; from: Side; id: number; reason: DropReason; where: number };

const SIDES: readonly Side[] = ['a', 'b'];

/** True when the endpoint's variables equal the last recorded ones (no allocation: hot path). */
function unchanged(ep: TcpEndpoint, last: TcbVars | null): boolean {
  if (last === null) return ep.state === 'CLOSED';
  return (
    ep.iss === last.iss &&
    ep.irs === last.irs &&
    ep.sndUna === last.sndUna &&
    ep.sndNxt === last.sndNxt &&
    ep.sndWnd === last.sndWnd &&
    ep.rcvNxt === last.rcvNxt &&
    ep.rcvWnd === last.rcvWnd &&
    ep.rto === last.rto &&
    ep.queuedBytes === last.sndQueued
  );
}

/** Thrown by {@link Simulation.record} when the trace is full; caught by {@link Simulation.run}. */
class EventCapReached extends Error {}

class Simulation {
  readonly events: TraceEvent[] = [];
  private readonly queue = new EventQueue<Item>();
  private readonly endpoints: Record<Side, TcpEndpoint>;
  private readonly sentCount: Record<Side, number> = { a: 0, b: 0 };
  private readonly delivered: Record<Side, number> = { a: 0, b: 0 };
  private readonly linkFreeAt: Record<Side, number> = { a: 0, b: 0 };
  private readonly lastVars: Record<Side, TcbVars | null> = { a: null, b: null };
  /** Send events by segment id (ids count up from 1, so an array serves as the map). */
  private readonly sends: SendEvent[] = [];
  private readonly dropRules: Set<string>;
  private now = 0;
  private nextId = 1;
  private receiving: ReceiveEvent | null = null;
  private readonly s: ResolvedScenario;
  private readonly random: Random;

  constructor(s: ResolvedScenario, random: Random) {
    this.s = s;
    this.random = random;
    this.dropRules = new Set(s.drop.map((d) => `${d.from}#${d.nth}`));
    this.endpoints = {
      a: this.makeEndpoint('a'),
      b: this.makeEndpoint('b'),
    };
    for (const step of s.steps) this.queue.push(step.at, { kind: 'step', step });
  }

  private makeEndpoint(side: Side): TcpEndpoint {
    const me = this.s[side];
    const peer = this.s[otherSide(side)];
    return new TcpEndpoint(
      {
        port: me.port,
        peerPort: peer.port,
        mss: me.mss,
        window: me.window,
        isn: me.isn,
        rto: this.s.tcp.rto,
        maxRetries: this.s.tcp.maxRetries,
        msl: this.s.tcp.msl,
        delayedAck: this.s.tcp.delayedAck,
      },
      this.output(side),
    );
  }

  /**
   * Appends an event. At the cap it stops the simulation on the spot, even in the middle of
   * processing (a single ACK can release a whole window of segments), so no trace exceeds it.
   */
  private record(event: TraceEvent): void {
    if (this.events.length >= EVENT_CAP) throw new EventCapReached();
    this.events.push(event);
  }

  private output(side: Side): TcpEndpointOutput {
    return {
      state: (from, to, cause, section) => {
        const tcb = this.endpoints[side].snapshot();
        this.lastVars[side] = tcb;
        this.record({ t: this.now, type: 'state', on: side, from, to, cause, section, tcb });
      },
      send: (segment, retransmission) => this.transmit(side, segment, retransmission),
      deliver: (bytes) => {
        this.delivered[side] += bytes;
        this.record({ t: this.now, type: 'deliver', on: side, bytes, total: this.delivered[side] });
      },
      eof: () => {
        this.record({ t: this.now, type: 'eof', on: side, message: 'connection closing', section: '§3.10.7.4' });
      },
      error: (code, section) => {
        this.record({ t: this.now, type: 'error', on: side, code, message: TCP_ERROR_MESSAGES[code], section });
      },
      timer: (kind, action, expiresAt) => {
        if (action === 'start') this.record({ t: this.now, type: 'timer', on: side, timer: kind, action, expiresAt: expiresAt ?? this.now });
        else this.record({ t: this.now, type: 'timer', on: side, timer: kind, action });
      },
      discard: (reason) => {
        if (this.receiving !== null) this.receiving.discarded = reason;
      },
    };
  }

  /** Hands a segment to the link: counts it, applies drop rules, loss, duplication, delays. */
  private transmit(from: Side, segment: SimSegment, retransmission: boolean): void {
    const id = this.nextId++;
    const send: SendEvent = { t: this.now, type: 'send', on: from, id, segment, fates: [] };
    if (retransmission) send.retransmission = true;
    this.record(send);
    this.sends[id] = send;
    this.sentCount[from] += 1;

    const link = this.s.link;
    const to = otherSide(from);
    // Serialization: one segment at a time per direction at `bandwidth` bit/s.
    let departed = this.now;
    if (link.bandwidth > 0) {
      const wireBytes = IPV4_HEADER_BYTES + TCP_HEADER_BYTES + (segment.options?.mss !== undefined ? MSS_OPTION_BYTES : 0) + segment.len;
      const start = Math.max(this.now, this.linkFreeAt[from]);
      departed = start + (wireBytes * BITS_PER_BYTE * MS_PER_SECOND) / link.bandwidth;
      this.linkFreeAt[from] = departed;
    }
    const arrival = departed + link.delay;

    if (this.dropRules.has(`${from}#${this.sentCount[from]}`)) {
      this.scheduleDrop(from, id, 'scenario', arrival);
      return;
    }
    if (link.loss > 0 && this.random() < link.loss) {
      this.scheduleDrop(from, id, 'loss', arrival);
      return;
    }
    const copies = link.duplicate > 0 && this.random() < link.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      let t = arrival;
      if (link.jitter > 0) t += this.random() * link.jitter;
      // A reordered segment is held back by one more one-way delay (at least 1 ms), so segments
      // sent after it overtake it.
      if (link.reorder > 0 && this.random() < link.reorder) t += Math.max(link.delay, 1);
      t = roundTime(t);
      if (this.s[to].firewall === 'drop') {
        this.queue.push(t, { kind: 'drop', from, id, reason: 'firewall', where: 1 });
      } else {
        this.queue.push(t, { kind: 'arrive', to, id, segment, duplicate: copy > 0 });
      }
    }
  }

  private scheduleDrop(from: Side, id: number, reason: DropReason, arrival: number): void {
    const t = roundTime(this.now + (arrival - this.now) * LOSS_POINT);
    this.queue.push(t, { kind: 'drop', from, id, reason, where: LOSS_POINT });
  }

  private fate(id: number, type: 'receive' | 'drop'): void {
    this.sends[id]?.fates.push({ type, t: this.now, index: this.events.length - 1 });
  }

  private process(item: Item): void {
    switch (item.kind) {
      case 'step': {
        const { step } = item;
        const ep = this.endpoints[step.on];
        if (step.do === 'send') {
          this.record({ t: this.now, type: 'call', on: step.on, call: 'send', bytes: step.bytes ?? 0 });
        } else {
          this.record({ t: this.now, type: 'call', on: step.on, call: step.do });
        }
        switch (step.do) {
          case 'listen':
            ep.listen(this.now);
            break;
          case 'connect':
            ep.connect(this.now);
            break;
          case 'send':
            ep.send(this.now, step.bytes ?? 0);
            break;
          case 'close':
            ep.close(this.now);
            break;
          case 'abort':
            ep.abort(this.now);
            break;
        }
        return;
      }
      case 'arrive': {
        const ev: ReceiveEvent = { t: this.now, type: 'receive', on: item.to, id: item.id };
        if (item.duplicate) ev.duplicate = true;
        this.record(ev);
        this.fate(item.id, 'receive');
        this.receiving = ev;
        this.endpoints[item.to].receive(this.now, item.segment);
        this.receiving = null;
        return;
      }
      case 'drop':
        this.record({ t: this.now, type: 'drop', on: item.from, id: item.id, reason: item.reason, where: item.where });
        this.fate(item.id, 'drop');
        return;
    }
  }

  /** Records a `vars` event for each side whose variables changed since they were last recorded. */
  private recordVars(): void {
    for (const side of SIDES) {
      const ep = this.endpoints[side];
      if (unchanged(ep, this.lastVars[side])) continue;
      const tcb = ep.snapshot();
      if (tcb !== null) this.record({ t: this.now, type: 'vars', on: side, tcb });
      this.lastVars[side] = tcb;
    }
  }

  private states(): Record<Side, TcpState> {
    return { a: this.endpoints.a.state, b: this.endpoints.b.state };
  }

  run(): void {
    try {
      this.loop();
    } catch (err) {
      if (!(err instanceof EventCapReached)) throw err;
      this.events.push({
        t: this.now,
        type: 'error',
        on: 'sim',
        code: 'event-cap',
        message: `simulation stopped at ${this.now} ms after ${EVENT_CAP} events: the scenario produces more than the cap of ${EVENT_CAP} events (send fewer bytes, use a larger MSS, or set "until")`,
      });
      this.end('event-cap', this.now);
    }
  }

  private loop(): void {
    const until = this.s.until;
    for (;;) {
      const queued = this.queue.peekTime();
      const timerDue = Math.min(this.endpoints.a.nextDeadline(), this.endpoints.b.nextDeadline());
      const t = Math.min(queued, timerDue);
      if (t === Infinity) {
        this.end('quiet', this.now);
        return;
      }
      if (until !== null && t > until) {
        this.end('until', until);
        return;
      }
      this.now = t;
      // Steps and arrivals due at the same instant as a timer go first (an ACK arriving exactly at
      // the RTO deadline prevents the retransmission); among themselves, in scheduling order.
      if (queued <= timerDue) {
        const next = this.queue.pop();
        if (next !== undefined) this.process(next.item);
      } else {
        for (const side of SIDES) {
          const ep = this.endpoints[side];
          if (ep.nextDeadline() <= t) ep.fireDueTimers(t);
        }
      }
      this.recordVars();
    }
  }

  private end(reason: EndReason, t: number): void {
    this.events.push({ t, type: 'end', reason, states: this.states() });
  }
}

function failedTrace(problems: ScenarioProblem[], reason: 'invalid' | 'internal', message: string): Trace {
  return {
    version: TRACE_VERSION,
    scenario: null,
    problems,
    events: [
      { t: 0, type: 'error', on: 'sim', code: reason === 'invalid' ? 'invalid-scenario' : 'internal', message },
      { t: 0, type: 'end', reason, states: { a: 'CLOSED', b: 'CLOSED' } },
    ],
  };
}

/**
 * Runs a scenario and returns its trace. Never throws: an invalid scenario (anything at all,
 * including non-objects) gives a trace with an `invalid-scenario` error event and the problems;
 * a runaway one stops at {@link EVENT_CAP} events with an `event-cap` error event. The same
 * scenario always gives the same trace, byte for byte.
 */
export function runScenario(scenario: unknown): Trace {
  try {
    const checked = validateScenario(scenario);
    if (checked.scenario === undefined) {
      const list = checked.problems.map((p) => `${p.path} ${p.message}`).join('; ');
      return failedTrace(checked.problems, 'invalid', `invalid scenario (${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}): ${list}`);
    }
    const random = mulberry32(checked.scenario.seed ?? DEFAULT_SEED);
    const resolved = resolveScenario(checked.scenario, () => randomUint32(random));
    const sim = new Simulation(resolved, random);
    sim.run();
    return { version: TRACE_VERSION, scenario: resolved, problems: [], events: sim.events };
  } catch (err) {
    // A bug in the simulator, not the user's fault; report it instead of breaking the page.
    return failedTrace([], 'internal', `internal simulator error: ${err instanceof Error ? err.message : String(err)}`);
  }
}
