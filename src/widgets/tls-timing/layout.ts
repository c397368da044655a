/**
 * TLS timing on the shared drawings: a trace as ladder data (one arrow per flight, the client's
 * milestones as marks, the server's processing time as a span), the trace table rows, the shared
 * timeline of two runs, and the time-to-first-byte bars. Pure: reads the core's trace and never
 * decides anything about TLS itself.
 */
import { scaleLinear } from 'd3-scale';
import { formatMs, type NarratedStep } from '../../core/sim/narrate.ts';
import {
  CLIENT_ADDRESS,
  CLIENT_PORT,
  HTTPS_PORT,
  messageLabel,
  SERVER_ADDRESS,
  TLS_MILESTONES,
  type TlsMessageEvent,
  type TlsMilestone,
  type TlsTiming,
  type TlsTrace,
} from '../../core/tls/index.ts';
import type { LadderArrow, LadderData, LadderMark, LadderSpan } from '../shared/ladder-layout.ts';
import type { TraceRow } from '../shared/step-player.svelte.ts';

/**
 * The colour of a flight, from the shared flag tokens: blue for the TCP handshake's SYN and
 * SYN-ACK, green for a bare ACK, amber for TLS (and QUIC) handshake flights, purple for flights
 * carrying HTTP. Every arrow also has its text label, so colour is never the only signal.
 */
export function flightTone(f: TlsMessageEvent): 'syn' | 'ack' | 'fin' | 'psh' {
  if (f.layer === 'http') return 'psh';
  if (f.layer === 'tls' || f.layer === 'quic') return 'fin';
  return f.messages.some((m) => m.name === 'SYN' || m.name === 'SYN-ACK') ? 'syn' : 'ack';
}

/**
 * Extensions left off the arrows to keep labels short (they are in every ClientHello of their
 * kind and add nothing to the comparison); the trace table and the core's labels keep them.
 */
export const QUIET_EXTENSIONS: readonly string[] = ['supported_versions', 'psk_key_exchange_modes'];

/** The arrow's text: the core's flight label without the {@link QUIET_EXTENSIONS}. */
export function arrowLabel(f: TlsMessageEvent): string {
  return f.messages.map((m) => messageLabel({ ...m, extensions: m.extensions.filter((e) => !QUIET_EXTENSIONS.includes(e)) })).join(', ');
}

/** Ladder sizes for TLS: narrower margins (the longest milestone word is 9 characters), taller rows for multi-line flights, and room above the first row for the first flight's label. */
export const TLS_LADDER_OPTIONS = { gutter: 84, rowHeight: 66, header: 84 } as const;

/** What each colour means, for the legend under the ladders. */
export const TONE_LEGEND: readonly { tone: 'syn' | 'fin' | 'psh'; text: string }[] = [
  { tone: 'syn', text: 'TCP handshake' },
  { tone: 'fin', text: 'TLS handshake (inside QUIC packets for QUIC)' },
  { tone: 'psh', text: 'HTTP request or response' },
];

/** Short words for the client's milestones, short enough for the ladder's margin. */
export const MILESTONE_MARK: Readonly<Record<TlsMilestone, { label: string; tone: string }>> = {
  'tcp-established': { label: 'TCP open', tone: 'opening' },
  'handshake-complete': { label: 'TLS ready', tone: 'listen' },
  'request-sent': { label: 'request', tone: 'closing' },
  'first-byte': { label: '1st byte', tone: 'established' },
};

/**
 * When several milestones fall on one instant only one fits the margin: the first byte, then the
 * finished handshake, then the open TCP connection, then the request (whose arrow is labelled
 * anyway). The caption names them all.
 */
const MARK_PRIORITY: readonly TlsMilestone[] = ['first-byte', 'handshake-complete', 'tcp-established', 'request-sent'];

/** The lane titles: the two hosts with their address and port, and the transport. */
export function tlsLanes(trace: TlsTrace): LadderData['lanes'] {
  const udp = trace.scenario?.transport === 'quic';
  return [
    { id: 'client', label: 'Client', sublabel: `${CLIENT_ADDRESS}:${CLIENT_PORT}` },
    { id: 'server', label: 'Server', sublabel: `${SERVER_ADDRESS}:${HTTPS_PORT} ${udp ? 'UDP' : 'TCP'}` },
  ];
}

/**
 * Ladder data of a trace drawn on a shared timeline: `times` (strictly increasing) become the
 * rows, so two ladders stepped together line up row by row.
 */
export function tlsLadder(trace: TlsTrace, times: readonly number[]): LadderData {
  const arrows: LadderArrow[] = [];
  const spans: LadderSpan[] = [];
  const byTime = new Map<number, TlsMilestone[]>();
  let requestArrives: number | undefined;
  let responseLeaves: number | undefined;
  for (const e of trace.events) {
    if (e.type === 'message') {
      const dir = e.from === 'client' ? 'client to server' : 'server to client';
      const protection = e.encrypted ? 'all encrypted' : e.messages.some((m) => m.encrypted) ? 'partly encrypted' : 'in clear';
      arrows.push({
        id: `f${e.id}`,
        from: e.from,
        to: e.to,
        t0: e.t,
        t1: e.t1,
        reach: 1,
        status: 'delivered',
        label: arrowLabel(e),
        tone: flightTone(e),
        description: `${e.label}, ${dir}, ${protection}`,
      });
      if (e.messages.some((m) => m.name === 'HTTP request')) requestArrives = e.t1;
      if (e.messages.some((m) => m.name === 'HTTP response')) responseLeaves = e.t;
    } else if (e.type === 'milestone') byTime.set(e.t, [...(byTime.get(e.t) ?? []), e.milestone]);
  }
  const marks: LadderMark[] = [...byTime].map(([t, ms]) => {
    const top = MARK_PRIORITY.find((m) => ms.includes(m)) ?? (ms[0] as TlsMilestone);
    return { id: `m${TLS_MILESTONES.indexOf(top)}@${t}`, lane: 'client', t, ...MILESTONE_MARK[top] };
  });
  const serverTime = trace.scenario?.serverTime ?? 0;
  if (serverTime > 0 && requestArrives !== undefined && responseLeaves !== undefined && responseLeaves > requestArrives) {
    spans.push({ id: 'server-time', lane: 'server', t0: requestArrives, t1: responseLeaves, label: `server ${formatMs(serverTime)}`, tone: 'server' });
  }
  const rows = (times.length > 0 ? times : [0]).map((t) => ({ t, label: formatMs(t) }));
  return { lanes: tlsLanes(trace), rows, arrows, spans, marks };
}

/** Every distinct step time of the runs, in order: the shared timeline one StepPlayer walks. */
export function unionTimes(...stepLists: readonly (readonly NarratedStep[])[]): number[] {
  return [...new Set(stepLists.flatMap((steps) => steps.map((s) => s.t)))].sort((a, b) => a - b);
}

/** The step of a run at exactly `t`, as the TraceTable's current range; empty when it has none. */
export function currentRange(steps: readonly NarratedStep[], t: number): { first: number; end: number } {
  const s = steps.find((st) => st.t === t);
  return s === undefined ? { first: -1, end: -1 } : { first: s.first, end: s.end };
}

const WHO: Readonly<Record<string, string>> = { client: 'client', server: 'server' };

/** Every event of a trace as a row of the text alternative. */
export function tlsTraceRows(trace: TlsTrace): TraceRow[] {
  const flights = new Map<number, TlsMessageEvent>();
  return trace.events.map((e, index) => {
    const row = (who: string, what: string, detail: string): TraceRow => ({ index, t: e.t, time: formatMs(e.t), who, what, detail });
    switch (e.type) {
      case 'message': {
        flights.set(e.id, e);
        const parts = e.messages.map((m) => `${m.packet === undefined ? '' : `${m.packet}: `}${m.name}${m.extensions.length > 0 ? ` (${m.extensions.join(', ')})` : ''}${m.encrypted ? ' [encrypted]' : ''}`);
        return row(WHO[e.from] ?? e.from, `send (${e.layer})`, `${parts.join('; ')} → arrives ${formatMs(e.t1)}`);
      }
      case 'receive':
        return row(WHO[e.on] ?? e.on, 'receive', flights.get(e.id)?.label ?? `flight ${e.id}`);
      case 'milestone':
        return row('client', e.milestone, `${e.roundTrips} ${e.roundTrips === 1 ? 'round trip' : 'round trips'} (${e.section})`);
      case 'error':
        return row('simulator', 'error', e.message);
      case 'end':
        return row('simulator', 'end', e.reason);
    }
  });
}

/** "TCP + TLS 1.3: 2 round trips before the request · first byte at 300 ms". */
export function ttfbText(title: string, timing: TlsTiming): string {
  const n = timing.roundTripsBeforeRequest;
  return `${title}: ${n} ${n === 1 ? 'round trip' : 'round trips'} before the request · first byte at ${formatMs(timing.firstByteAt)}`;
}

/** One bar of the time-to-first-byte comparison, in percent of the track. */
export interface TtfbBar {
  title: string;
  text: string;
  /** Bar length, 0–100. */
  width: number;
  /** Where each whole round trip falls on the track, 0–100. */
  ticks: number[];
}

/**
 * The comparison bars: one per run, on one linear scale from 0 to the slowest first byte, with a
 * tick at every round trip. Also returns the scale as a function for a "now" marker.
 */
export function ttfbBars(runs: readonly { title: string; timing: TlsTiming | null }[]): { bars: TtfbBar[]; x: (ms: number) => number } {
  const max = Math.max(1, ...runs.map((r) => r.timing?.firstByteAt ?? 0));
  const scale = scaleLinear().domain([0, max]).range([0, 100]).clamp(true);
  const x = (ms: number) => scale(ms);
  const bars = runs.map((r) => {
    if (r.timing === null) return { title: r.title, text: `${r.title}: invalid scenario`, width: 0, ticks: [] };
    const { rtt, firstByteAt } = r.timing;
    const ticks: number[] = [];
    for (let k = 1; k * rtt <= firstByteAt; k++) ticks.push(x(k * rtt));
    return { title: r.title, text: ttfbText(r.title, r.timing), width: x(firstByteAt), ticks };
  });
  return { bars, x };
}
