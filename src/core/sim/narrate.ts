/**
 * Narration: turns a trace into the steps a learner (or a lecture hall) stops at, each with a
 * plain-English caption. Widgets show these captions and announce them to screen readers; they
 * never describe TCP themselves. Pure: the same trace gives the same words.
 */

import type { SimSegment } from '../tcp/segment.ts';
import type { ResolvedScenario, Side } from './scenario.ts';
import type { SendEvent, Trace, TraceEvent } from './trace.ts';

/** What a caption calls each side, e.g. `{ a: 'the client', b: 'the server' }`. */
export type SideNames = Readonly<Record<Side, string>>;

/** Names for a client/server scenario: b listens, a connects. */
export const CLIENT_SERVER_NAMES: SideNames = { a: 'the client', b: 'the server' };

/** Names when neither side is only a server (simultaneous open, or nobody listens). */
export const PEER_NAMES: SideNames = { a: 'host A', b: 'host B' };

/** One moment worth stopping at: every event at time `t`, told in sentences. */
export interface NarratedStep {
  /** Virtual time in ms; steps are in strictly increasing `t`. */
  t: number;
  /** Index of the step's first event in `trace.events`. */
  first: number;
  /** Index one past the step's last event. */
  end: number;
  /** One sentence per thing that happened, in trace order, each starting with a capital. */
  sentences: string[];
  /** The sentences joined: what the widget shows and announces. */
  caption: string;
}

/** Options of {@link narrateTrace}. */
export interface NarrateOptions {
  /** What to call each side; default {@link sideNames} of the trace's scenario. */
  names?: SideNames;
}

/**
 * "the client"/"the server" unless a listens or b connects (b as the server is the usual picture,
 * also when nothing listens and the connection is refused); "host A"/"host B" otherwise, because calling one of two simultaneous openers "the server" would teach the
 * wrong thing.
 */
export function sideNames(scenario: Pick<ResolvedScenario, 'steps'> | null): SideNames {
  if (scenario === null) return CLIENT_SERVER_NAMES;
  const aListens = scenario.steps.some((s) => s.on === 'a' && s.do === 'listen');
  const bConnects = scenario.steps.some((s) => s.on === 'b' && s.do === 'connect');
  return aListens || bConnects ? PEER_NAMES : CLIENT_SERVER_NAMES;
}

/** Milliseconds per second, for {@link formatMs}. */
const MS_PER_S = 1000;

/** "250 ms" below a second, "1.1 s" from one second up (at most three decimals, no trailing zeros). */
export function formatMs(ms: number): string {
  if (Math.abs(ms) < MS_PER_S) return `${Number(ms.toFixed(3))} ms`;
  return `${Number((ms / MS_PER_S).toFixed(3))} s`;
}

/**
 * A segment's control bits as people say them: "SYN", "SYN-ACK", "FIN-ACK", "RST-ACK", "ACK",
 * "data" for a payload with only ACK (and PSH) set. PSH is left out, as in the RFC figures.
 */
export function segmentName(segment: SimSegment): string {
  const flags = segment.flags.filter((f) => f !== 'PSH');
  if (segment.len > 0 && flags.length <= 1 && (flags.length === 0 || flags[0] === 'ACK')) return 'data';
  if (flags.length === 0) return 'segment';
  // Conventional spoken order puts the "main" bit first: SYN-ACK, FIN-ACK, RST-ACK.
  const main = flags.filter((f) => f !== 'ACK');
  return (flags.includes('ACK') ? [...main, 'ACK'] : main).join('-');
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

function possessive(name: string): string {
  return `${name}'s`;
}

function numbers(segment: SimSegment): string {
  const parts = [`sequence number ${segment.seq}`];
  if (segment.flags.includes('ACK')) parts.push(`acknowledgment number ${segment.ack}`);
  const text = parts.join(' and ');
  return segment.len > 0 ? `${text}, carrying ${segment.len} ${segment.len === 1 ? 'byte' : 'bytes'}` : text;
}

/** A pure ACK is known by what it acknowledges; anything else by its sequence number. */
function identify(segment: SimSegment): string {
  const pureAck = segment.len === 0 && segment.flags.every((f) => f === 'ACK');
  return pureAck ? `acknowledgment number ${segment.ack}` : `sequence number ${segment.seq}`;
}

function sendSentence(e: SendEvent, names: SideNames, enters: string | null): string {
  const who = names[e.on];
  const name = segmentName(e.segment);
  const verb = e.retransmission === true ? 'retransmits' : 'sends';
  const what = name === 'data' ? `data with ${numbers(e.segment)}` : `${name} with ${numbers(e.segment)}`;
  const tail = enters === null ? '' : ` and enters ${enters}`;
  return capitalize(`${who} ${verb} ${what}${tail}.`);
}

const CALL_WORDS: Readonly<Record<string, string>> = {
  listen: 'calls listen(): a passive OPEN, waiting for a connection',
  connect: 'calls connect(): an active OPEN',
  close: 'calls close(): it has no more data to send',
  abort: 'aborts the connection',
};

/**
 * One sentence per event (null for events a caption leaves out: variable updates, timers being
 * stopped, the end marker of a trace that simply ran out of events).
 */
function sentence(e: TraceEvent, names: SideNames, sends: ReadonlyMap<number, SendEvent>): string | null {
  switch (e.type) {
    case 'call':
      if (e.call === 'send') return capitalize(`${possessive(names[e.on])} application hands ${e.bytes ?? 0} bytes to TCP to send.`);
      return capitalize(`${names[e.on]} ${CALL_WORDS[e.call] ?? e.call}.`);
    case 'state':
      return capitalize(`${names[e.on]} enters ${e.to} (${e.cause}, RFC 9293 ${e.section}).`);
    case 'send':
      return sendSentence(e, names, null);
    case 'receive': {
      const s = sends.get(e.id);
      const what = s === undefined ? 'a segment' : `the ${segmentName(s.segment)} (${identify(s.segment)})`;
      const copy = e.duplicate === true ? 'a duplicate copy of ' : '';
      const rest = e.discarded === undefined ? '' : ` and discards it: ${e.discarded}`;
      return capitalize(`${names[e.on]} receives ${copy}${what}${rest}.`);
    }
    case 'drop': {
      const s = sends.get(e.id);
      const what = s === undefined ? 'a segment' : `${segmentName(s.segment)} (${identify(s.segment)})`;
      const to: Side = e.on === 'a' ? 'b' : 'a';
      if (e.reason === 'firewall') return `A firewall in front of ${names[to]} silently discards the ${what} from ${names[e.on]}.`;
      if (e.reason === 'scenario') return capitalize(`the ${what} from ${names[e.on]} is dropped on the way (a drop rule of this scenario).`);
      return capitalize(`the ${what} from ${names[e.on]} is lost in the network.`);
    }
    case 'timer': {
      const who = possessive(names[e.on]);
      if (e.action === 'stop') return null;
      if (e.timer === 'time-wait') {
        return e.action === 'start'
          ? capitalize(`${names[e.on]} waits in TIME-WAIT for 2 × MSL, ${formatMs((e.expiresAt ?? e.t) - e.t)}, before forgetting the connection.`)
          : capitalize(`${who} TIME-WAIT timer expires.`);
      }
      const kind = e.timer === 'retransmit' ? 'retransmission timer' : 'delayed-ACK timer';
      return e.action === 'start'
        ? capitalize(`${who} ${kind} is set to ${formatMs((e.expiresAt ?? e.t) - e.t)}.`)
        : capitalize(`${who} ${kind} expires: no acknowledgment arrived in time.`);
    }
    case 'deliver':
      return capitalize(`${possessive(names[e.on])} application reads ${e.bytes} bytes (${e.total} so far).`);
    case 'eof':
      return capitalize(`${possessive(names[e.on])} application learns the peer has finished sending: a read returns 0 ("${e.message}").`);
    case 'error':
      if (e.on === 'sim') return `The simulation stopped: ${e.message}.`;
      return capitalize(`${possessive(names[e.on])} application is told: "${e.message}".`);
    case 'vars':
      return null;
    case 'end':
      if (e.reason === 'quiet' || e.reason === 'invalid') return null;
      if (e.reason === 'until') return 'The scenario stops here (its time limit).';
      return `The simulation stopped early (${e.reason}).`;
  }
}

/**
 * The steps of a trace: one per distinct time at which something worth telling happens, each
 * with its caption. A state change and the segment the same side sends at that instant become one
 * sentence ("The client sends SYN with sequence number 100 and enters SYN-SENT."), the way
 * people describe Figure 6 of RFC 9293. An invalid trace gives one step naming the problems.
 */
export function narrateTrace(trace: Trace, options: NarrateOptions = {}): NarratedStep[] {
  const names = options.names ?? sideNames(trace.scenario);
  const sends = new Map<number, SendEvent>();
  for (const e of trace.events) if (e.type === 'send') sends.set(e.id, e);

  const steps: NarratedStep[] = [];
  let i = 0;
  while (i < trace.events.length) {
    const t = (trace.events[i] as TraceEvent).t;
    let j = i;
    while (j < trace.events.length && (trace.events[j] as TraceEvent).t === t) j += 1;
    const sentences = stepSentences(trace.events, i, j, names, sends);
    if (sentences.length > 0) steps.push({ t, first: i, end: j, sentences, caption: sentences.join(' ') });
    else if (steps.length > 0) (steps[steps.length - 1] as NarratedStep).end = j;
    i = j;
  }
  if (steps.length === 0) {
    // Only an invalid or empty trace has nothing to tell; say why instead of showing nothing.
    const why = trace.problems.length > 0 ? trace.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : 'nothing happens';
    const caption = trace.problems.length > 0 ? `The scenario is invalid (${why}).` : 'Nothing happens in this scenario.';
    steps.push({ t: 0, first: 0, end: trace.events.length, sentences: [caption], caption });
  }
  return steps;
}

function stepSentences(
  events: readonly TraceEvent[],
  from: number,
  to: number,
  names: SideNames,
  sends: ReadonlyMap<number, SendEvent>,
): string[] {
  // State changes that a later send of the same side at this instant absorbs.
  const merged = new Map<number, string>();
  const absorbed = new Set<number>();
  for (let k = from; k < to; k += 1) {
    const e = events[k] as TraceEvent;
    if (e.type !== 'state') continue;
    for (let m = k + 1; m < to; m += 1) {
      const s = events[m] as TraceEvent;
      if (s.type === 'send' && s.on === e.on && !merged.has(m)) {
        merged.set(m, e.to);
        absorbed.add(k);
        break;
      }
      if (s.type === 'state' && s.on === e.on) break;
    }
  }
  const out: string[] = [];
  for (let k = from; k < to; k += 1) {
    if (absorbed.has(k)) continue;
    const e = events[k] as TraceEvent;
    const text = e.type === 'send' ? sendSentence(e, names, merged.get(k) ?? null) : sentence(e, names, sends);
    if (text !== null) out.push(text);
  }
  return out;
}

/** Index of the step shown at time `t`: the last step at or before `t` (0 before the first). */
export function stepIndexAt(steps: readonly NarratedStep[], t: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  if (hi < 0 || t < (steps[0] as NarratedStep).t) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((steps[mid] as NarratedStep).t <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
