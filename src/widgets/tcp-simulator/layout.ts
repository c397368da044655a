/**
 * TCP on the shared drawings: the trace as ladder data (one arrow per copy of a segment, timers
 * as spans, state changes as marks) and RFC 9293 Figure 5 on the diagram grid. Pure; reads the
 * core's trace and edge list and never decides anything about TCP itself.
 */
import {
  formatMs,
  stateFamily,
  tcpStateEdges,
  type NarratedStep,
  type SendEvent,
  type Side,
  type SideNames,
  type SimSegment,
  type StateEvent,
  type TcpStateEdge,
  type Trace,
} from '../../core/sim/index.ts';
import type { TcpState } from '../../core/tcp/states.ts';
import type { DiagramEdge, DiagramNode, DiagramOptions } from '../shared/diagram-layout.ts';
import { MONO_CHAR_EM, type LadderArrow, type LadderData, type LadderMark, type LadderOptions, type LadderSpan } from '../shared/ladder-layout.ts';

/** The flag colour of a segment (--pl-flag-*): the most telling bit wins, RST over SYN over FIN. */
export function segmentTone(segment: SimSegment): 'rst' | 'syn' | 'fin' | 'psh' | 'ack' {
  if (segment.flags.includes('RST')) return 'rst';
  if (segment.flags.includes('SYN')) return 'syn';
  if (segment.flags.includes('FIN')) return 'fin';
  if (segment.len > 0) return 'psh';
  return 'ack';
}

/** The arrow label: flags, seq, ack (when the ACK bit is set) and payload length. */
export function segmentLabel(segment: SimSegment): string {
  const ack = segment.flags.includes('ACK') ? ` ack=${segment.ack}` : '';
  return `${segment.flags.join(',')} seq=${segment.seq}${ack} len=${segment.len}`;
}

const DROP_WORDS = { loss: 'lost', scenario: 'dropped', firewall: 'dropped by firewall' } as const;

/** Display names of the timer kinds, as short as the ladder needs. */
const TIMER_LABEL = { retransmit: 'RTO', 'time-wait': 'TIME-WAIT', 'delayed-ack': 'delayed ACK' } as const;

/** Ladder data of a trace. `steps` give the rows; an arrow still in flight at the end runs to the last row. */
export function tcpLadder(trace: Trace, steps: readonly NarratedStep[], names: SideNames): LadderData {
  const s = trace.scenario;
  const lastT = steps.length > 0 ? (steps[steps.length - 1] as NarratedStep).t : 0;
  const endT = trace.events.length > 0 ? Math.max(lastT, (trace.events[trace.events.length - 1] as { t: number }).t) : lastT;
  const lanes = (['a', 'b'] as const).map((side) => ({
    id: side,
    label: titleCase(names[side]),
    ...(s !== null ? { sublabel: `${s[side].address}:${s[side].port}` } : {}),
  }));
  const arrows: LadderArrow[] = [];
  const spans: LadderSpan[] = [];
  const marks: LadderMark[] = [];
  const open = new Map<string, { t0: number; lane: Side; kind: keyof typeof TIMER_LABEL; expiresAt: number }>();
  const closeSpan = (key: string, t1: number) => {
    const o = open.get(key);
    if (o === undefined) return;
    open.delete(key);
    const label = `${TIMER_LABEL[o.kind]} ${formatMs(o.expiresAt - o.t0)}`;
    spans.push({ id: `${key}#${spans.length}`, lane: o.lane, t0: o.t0, t1, label, tone: o.kind });
  };
  for (const e of trace.events) {
    if (e.type === 'send') arrows.push(...sendArrows(trace, e, endT, names));
    else if (e.type === 'state') marks.push({ id: `m${marks.length}`, lane: e.on, t: e.t, label: e.to, tone: stateFamily(e.to) });
    else if (e.type === 'timer') {
      const key = `${e.on}:${e.timer}`;
      closeSpan(key, e.t);
      if (e.action === 'start') open.set(key, { t0: e.t, lane: e.on, kind: e.timer, expiresAt: e.expiresAt ?? e.t });
    }
  }
  for (const key of [...open.keys()]) closeSpan(key, endT);
  return { lanes, rows: steps.map((st) => ({ t: st.t, label: formatMs(st.t) })), arrows, spans, marks };
}

function titleCase(name: string): string {
  return name.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase());
}

function sendArrows(trace: Trace, e: SendEvent, endT: number, names: SideNames): LadderArrow[] {
  const to: Side = e.on === 'a' ? 'b' : 'a';
  const base = {
    from: e.on,
    to,
    t0: e.t,
    label: segmentLabel(e.segment),
    tone: segmentTone(e.segment),
    ...(e.retransmission === true ? { note: 'retransmission' } : {}),
  };
  const who = `${names[e.on]} to ${names[to]}`;
  const rtx = e.retransmission === true ? 'retransmitted ' : '';
  if (e.fates.length === 0) {
    return [{ ...base, id: `s${e.id}`, t1: Math.max(endT, e.t), reach: 1, status: 'in-flight', description: `${rtx}${base.label}, ${who}, still in flight` }];
  }
  return e.fates.map((f, k) => {
    const drop = trace.events[f.index];
    const lost = f.type === 'drop' && drop !== undefined && drop.type === 'drop';
    const reach = lost ? drop.where : 1;
    const status = lost ? 'lost' : 'delivered';
    const fate = lost ? DROP_WORDS[drop.reason] : 'delivered';
    const copy = k > 0 ? ' (duplicate copy)' : '';
    return { ...base, id: `s${e.id}.${k}`, t1: f.t, reach, status, description: `${rtx}${base.label}${copy}, ${who}, ${fate}` };
  });
}

/**
 * RFC 9293 Figure 5 on a 3-column grid, top to bottom as the RFC draws it. CLOSED appears twice,
 * as in the figure: at the top (where connections start) and at the bottom right (where LAST-ACK
 * and TIME-WAIT end).
 */
export const FIGURE5_GRID: readonly { id: string; state: TcpState; col: number; row: number }[] = [
  { id: 'CLOSED', state: 'CLOSED', col: 1, row: 0 },
  { id: 'LISTEN', state: 'LISTEN', col: 1, row: 1 },
  { id: 'SYN-RECEIVED', state: 'SYN-RECEIVED', col: 0, row: 2 },
  { id: 'SYN-SENT', state: 'SYN-SENT', col: 2, row: 2 },
  { id: 'ESTABLISHED', state: 'ESTABLISHED', col: 1, row: 3 },
  { id: 'FIN-WAIT-1', state: 'FIN-WAIT-1', col: 0, row: 4 },
  { id: 'CLOSE-WAIT', state: 'CLOSE-WAIT', col: 2, row: 4 },
  { id: 'FIN-WAIT-2', state: 'FIN-WAIT-2', col: 0, row: 5 },
  { id: 'CLOSING', state: 'CLOSING', col: 1, row: 5 },
  { id: 'LAST-ACK', state: 'LAST-ACK', col: 2, row: 5 },
  { id: 'TIME-WAIT', state: 'TIME-WAIT', col: 1, row: 6 },
  { id: 'CLOSED-end', state: 'CLOSED', col: 2, row: 6 },
];

/** Diagram boxes for Figure 5, coloured by state family. */
export function tcpDiagramNodes(): DiagramNode[] {
  return FIGURE5_GRID.map((g) => ({ id: g.id, label: g.state, col: g.col, row: g.row, tone: stateFamily(g.state) }));
}

/** Which CLOSED box a connection that left `from` ends in: the bottom one once it was synchronized. */
export function closedNodeFor(from: TcpState | null): string {
  return from === null || from === 'CLOSED' || from === 'LISTEN' || from === 'SYN-SENT' || from === 'SYN-RECEIVED' ? 'CLOSED' : 'CLOSED-end';
}

/** The box of `state`, given the state it came from (only CLOSED needs to know). */
export function nodeForState(state: TcpState, from: TcpState | null): string {
  return state === 'CLOSED' ? closedNodeFor(from) : state;
}

/** A diagram edge for every RFC 9293 edge; `inFigure` edges are drawn always, the rest only when taken. */
export function tcpDiagramEdges(): (DiagramEdge & { edge: TcpStateEdge })[] {
  return tcpStateEdges().map((edge) => {
    const to = nodeForState(edge.to, edge.from);
    return { id: `${edge.from}>${edge.to}`, from: edge.from, to, edge };
  });
}

/** Each side's latest state change at or before `t` (null if it has not changed state yet). */
export function lastTransitions(trace: Trace, t: number): Record<Side, StateEvent | null> {
  const out: Record<Side, StateEvent | null> = { a: null, b: null };
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type === 'state') out[e.on] = e;
  }
  return out;
}

/** One row of the trace table, the text alternative to the animation. */
export interface TraceRow {
  index: number;
  t: number;
  who: string;
  what: string;
  detail: string;
}

/**
 * Every event of the trace as a table row (variable-only updates included, since the table is
 * where exact numbers are read). Segments use the RFC's own notation (formatSegment).
 */
export function traceRows(trace: Trace, names: SideNames, format: (s: SimSegment) => string): TraceRow[] {
  const sends = new Map<number, SendEvent>();
  const rows: TraceRow[] = [];
  trace.events.forEach((e, index) => {
    const who = e.type === 'end' || (e.type === 'error' && e.on === 'sim') ? 'simulator' : names[(e as { on: Side }).on];
    const row = (what: string, detail: string) => rows.push({ index, t: e.t, who, what, detail });
    switch (e.type) {
      case 'send':
        sends.set(e.id, e);
        row(e.retransmission === true ? 'retransmit' : 'send', format(e.segment));
        break;
      case 'receive': {
        const s = sends.get(e.id);
        row(e.duplicate === true ? 'receive (duplicate)' : 'receive', `${s === undefined ? '' : format(s.segment)}${e.discarded === undefined ? '' : ` discarded: ${e.discarded}`}`);
        break;
      }
      case 'drop': {
        const s = sends.get(e.id);
        row(`drop (${e.reason})`, s === undefined ? '' : format(s.segment));
        break;
      }
      case 'state':
        row('state', `${e.from} → ${e.to} (${e.cause}, ${e.section})`);
        break;
      case 'timer':
        row(`timer ${e.action}`, `${e.timer}${e.expiresAt === undefined ? '' : `, fires at ${formatMs(e.expiresAt)}`}`);
        break;
      case 'call':
        row('call', `${e.call}${e.bytes === undefined ? '' : ` ${e.bytes} bytes`}`);
        break;
      case 'deliver':
        row('deliver', `${e.bytes} bytes (${e.total} in total)`);
        break;
      case 'eof':
        row('end of data', e.message);
        break;
      case 'error':
        row('error', e.message);
        break;
      case 'vars':
        row('variables', `SND.UNA=${e.tcb.sndUna ?? '—'} SND.NXT=${e.tcb.sndNxt ?? '—'} RCV.NXT=${e.tcb.rcvNxt ?? '—'} RTO=${formatMs(e.tcb.rto)}`);
        break;
      case 'end':
        row('end', `${e.reason}: ${names.a} ${e.states.a}, ${names.b} ${e.states.b}`);
        break;
    }
  });
  return rows;
}

/** The longest state name, "SYN-RECEIVED": boxes and gutters are sized for it. */
const LONGEST_STATE = 12;

/**
 * Presenter sizes of the ladder, in multiples of its label size `f` (the page's root font: 32 px
 * at 1920×1080). The gutters hold a state name at full size; there is no time axis (the header
 * shows t), so the segments get the width and their labels wrap to at most two lines; a row is
 * tall enough for two-line labels of segments that cross (simultaneous close) to sit beside them.
 */
export function presenterLadderOptions(f: number): Partial<LadderOptions> {
  return { fontSize: f, rowHeight: f * 4, header: f * 3.2, axis: 0, gutter: f * (LONGEST_STATE * MONO_CHAR_EM + 0.6) };
}

/**
 * Presenter sizes of the state diagram in screen pixels for label size `f`: a box fits
 * "SYN-RECEIVED" with a little air, a row leaves room for a host badge above its box and a short
 * edge below it. 3 columns × 7 rows come to about 28.1 f × 22 f (the padding leaves room for a badge over the top row), which beside the ladder fills
 * the height of a 16:9 screen under the caption.
 */
export function presenterDiagramOptions(f: number): Partial<DiagramOptions> {
  const boxWidth = f * (LONGEST_STATE * MONO_CHAR_EM + 0.8);
  return { boxWidth, colWidth: boxWidth + f * 0.8, boxHeight: f * 1.6, rowHeight: f * 3, pad: f * 0.5, pairGap: f * 0.4 };
}
