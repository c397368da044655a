/**
 * Narration of a TLS timing trace: the steps a learner stops at, each with a plain-English
 * caption. Same step shape as the TCP simulator's (NarratedStep), so the shared StepPlayer and
 * TraceTable drive both. Pure: the same trace gives the same words.
 */

import { formatMs, type NarratedStep } from '../sim/narrate.ts';
import { HTTPS_PORT, type ResolvedTlsScenario } from './scenario.ts';
import type { TlsMessage, TlsMessageEvent, TlsMilestoneEvent, TlsSide, TlsTrace, TlsTraceEvent } from './trace.ts';
import { flightsInFlight, tlsTiming } from './query.ts';

export type { NarratedStep };

/** Where RFC 9000 describes the handshake carried in QUIC packets. */
const QUIC_HANDSHAKE_SECTION = 'RFC 9000 §7';

const NAMES: Readonly<Record<TlsSide, string>> = { client: 'the client', server: 'the server' };

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** "A", "A and B", "A, B and C". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A message as a caption names it. */
function spoken(m: TlsMessage, s: ResolvedTlsScenario): string {
  switch (m.name) {
    case 'ClientHello':
      if (m.extensions.includes('pre_shared_key')) return `ClientHello for ${s.serverName} with a pre-shared key from an earlier session`;
      return m.extensions.includes('key_share') ? `ClientHello for ${s.serverName} with a key share` : `ClientHello for ${s.serverName}`;
    case 'SYN':
      return `SYN to open a TCP connection to port ${HTTPS_PORT}`;
    case 'HelloRetryRequest':
      return 'HelloRetryRequest (a key share in another group, please)';
    case 'HTTP request':
      return m.early === true ? 'the HTTP request as early data' : 'the HTTP request';
    case 'HTTP response':
      return 'the HTTP response';
    default:
      return m.name;
  }
}

/**
 * What a side sends, in runs of readable and encrypted messages: "ServerHello in clear, then,
 * encrypted, EncryptedExtensions, Certificate, CertificateVerify and Finished". TCP segments
 * carry no such note (their headers are always readable).
 */
function flightWords(f: TlsMessageEvent, s: ResolvedTlsScenario): string {
  const groups: { encrypted: boolean | null; names: string[] }[] = [];
  for (const m of f.messages) {
    const enc = m.layer === 'tcp' ? null : m.encrypted;
    const last = groups[groups.length - 1];
    if (last !== undefined && last.encrypted === enc) last.names.push(spoken(m, s));
    else groups.push({ encrypted: enc, names: [spoken(m, s)] });
  }
  const text = groups
    .map((g, i) => {
      const then = i === 0 ? '' : ', then ';
      if (g.encrypted === null) return `${then}${list(g.names)}`;
      if (!g.encrypted) return `${then}${list(g.names)} in clear`;
      return i === 0 ? `${list(g.names)}, encrypted` : `${then}, encrypted, ${list(g.names)}`.replace(', then , ', ', then, ');
    })
    .join('');
  const packets = [...new Set(f.messages.flatMap((m) => (m.packet === undefined ? [] : [m.packet])))];
  const where = packets.length === 0 ? '' : packets.length === 1 ? ` in a QUIC ${packets[0]} packet` : ` in QUIC ${list(packets)} packets`;
  // QUIC packets carry the TLS messages: RFC 9000 §7 is where they are placed.
  const sections = [...new Set([...f.messages.map((m) => m.section), ...(packets.length > 0 ? [QUIC_HANDSHAKE_SECTION] : [])])];
  return `${text}${where} (${sections.join('; ')})`;
}

/** How a received flight is called: "the SYN", "the ACK and ClientHello", "the ServerHello flight". */
function receivedWords(f: TlsMessageEvent): string {
  const all = f.messages.map((m) => m.name);
  // The TCP ACK riding along with the first TLS flight is not what the flight is about.
  const names = all.length > 1 ? all.filter((n) => n !== 'ACK') : all;
  if (names.length <= 2) return `the ${list(names)}`;
  return `the ${names[0]} flight`;
}

function milestoneSentence(e: TlsMilestoneEvent, s: ResolvedTlsScenario): string {
  const ms = formatMs(e.t);
  const trips = plural(e.roundTrips, 'round trip', 'round trips');
  switch (e.milestone) {
    case 'tcp-established':
      return `The client's TCP connection is open after ${trips} (${ms}); only now can TLS begin (${e.section}).`;
    case 'handshake-complete':
      return `The handshake is complete for the client after ${trips} (${ms}): it has the server's Finished and the keys.`;
    case 'request-sent':
      return e.roundTrips === 0
        ? 'The HTTP request leaves in the very first flight: 0 round trips before the request.'
        : `The HTTP request leaves after ${trips} (${ms}).`;
    case 'first-byte': {
      const before = e.roundTrips - 1;
      const server = s.serverTime > 0 ? ` + ${formatMs(s.serverTime)} of server time` : '';
      return `The first byte of the response arrives at ${ms}: ${plural(before, 'round trip', 'round trips')} before the request + 1 for the request and its answer${server}.`;
    }
  }
}

/**
 * The steps of a trace: one per distinct time at which something happens (a flight leaves or
 * arrives, a milestone is reached), with its caption. An invalid trace gives one step naming the
 * problems.
 */
export function narrateTlsTrace(trace: TlsTrace): NarratedStep[] {
  const s = trace.scenario;
  if (s === null) {
    const why = trace.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    const caption = `The scenario is invalid (${why}).`;
    return [{ t: 0, first: 0, end: trace.events.length, sentences: [caption], caption }];
  }
  const flights = new Map<number, TlsMessageEvent>();
  for (const e of trace.events) if (e.type === 'message') flights.set(e.id, e);

  const steps: NarratedStep[] = [];
  let i = 0;
  while (i < trace.events.length) {
    const t = (trace.events[i] as TlsTraceEvent).t;
    let j = i;
    while (j < trace.events.length && (trace.events[j] as TlsTraceEvent).t === t) j += 1;
    const sentences = stepSentences(trace.events.slice(i, j), flights, s);
    if (sentences.length > 0) steps.push({ t, first: i, end: j, sentences, caption: sentences.join(' ') });
    else if (steps.length > 0) (steps[steps.length - 1] as NarratedStep).end = j;
    i = j;
  }
  return steps;
}

function stepSentences(events: readonly TlsTraceEvent[], flights: ReadonlyMap<number, TlsMessageEvent>, s: ResolvedTlsScenario): string[] {
  const out: string[] = [];
  const received = (side: TlsSide) => events.flatMap((e) => (e.type === 'receive' && e.on === side ? [flights.get(e.id)] : [])).filter((f) => f !== undefined);
  const sent = (side: TlsSide) => events.filter((e): e is TlsMessageEvent => e.type === 'message' && e.from === side);
  const milestones = events.filter((e): e is TlsMilestoneEvent => e.type === 'milestone');
  for (const side of ['client', 'server'] as const) {
    const got = received(side);
    const out0 = sent(side);
    const who = NAMES[side];
    const gets = got.length > 0 ? `${who} receives ${list(got.map(receivedWords))}` : '';
    // A side that receives and answers at once, with no milestone in between, gets one sentence.
    const quietSide = side === 'server' || milestones.length === 0;
    if (gets !== '' && out0.length > 0 && quietSide) {
      out.push(capitalize(`${gets} and sends ${out0.map((f) => flightWords(f, s)).join('; then ')}.`));
      continue;
    }
    if (gets !== '') out.push(capitalize(`${gets}.`));
    if (side === 'client') for (const m of milestones) out.push(milestoneSentence(m, s));
    for (const f of out0) out.push(capitalize(`${who} sends ${flightWords(f, s)}.`));
  }
  return out;
}

/**
 * The caption of one run at time `t` of a shared timeline (two runs stepped together): the
 * step's caption when this run has a step at exactly `t`; otherwise what it is waiting for, or
 * that it has finished.
 */
export function tlsCaptionAt(trace: TlsTrace, steps: readonly NarratedStep[], t: number): string {
  const exact = steps.find((st) => st.t === t);
  if (exact !== undefined) return exact.caption;
  const last = steps[steps.length - 1];
  const timing = tlsTiming(trace);
  if (last !== undefined && t > last.t && timing !== null) {
    return `Nothing more happens here: the first byte arrived at ${formatMs(timing.firstByteAt)}, after ${plural(timing.roundTripsBeforeRequest, 'round trip', 'round trips')} before the request.`;
  }
  const moving = flightsInFlight(trace, t);
  if (moving.length > 0) return `Waiting: ${list(moving.map((f) => `${receivedWords(f)} on its way to ${NAMES[f.to]}`))}.`;
  return 'Waiting: the server is working on the request.';
}
