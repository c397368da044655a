/**
 * FTP on the shared drawings: the trace as ladder data (one arrow per packet per hop, listeners
 * as marks), the rows of the text alternative, and the words of the Connections panel. Pure:
 * reads the core's trace and never decides anything about FTP itself.
 */
import { formatMs, type NarratedStep } from '../../core/sim/narrate.ts';
import {
  formatFtpEndpoint,
  ftpParticipants,
  type FtpConnectionEvent,
  type FtpEvent,
  type FtpLane,
  type FtpPacket,
  type FtpSendEvent,
  type FtpSnapshot,
  type FtpTrace,
  type NatMapping,
} from '../../core/ftp/index.ts';
import type { LadderArrow, LadderData, LadderMark } from '../shared/ladder-layout.ts';
import type { TraceRow } from '../shared/step-player.svelte.ts';

/** Lane order, left to right. */
const LANE_ORDER: readonly FtpLane[] = ['client', 'middlebox', 'server'];

/** Short meanings of the replies for arrow labels; the captions and the table quote them whole. */
const REPLY_WORDS: Readonly<Record<string, string>> = {
  '150': 'opening data connection',
  '200': 'okay',
  '220': 'ready',
  '226': 'transfer complete',
  '230': 'logged in',
  '331': 'need password',
  '425': "can't open data connection",
};

/**
 * The colour of an arrow, from the shared flag tokens: blue for SYN and SYN-ACK, green for ACK,
 * amber for FIN, purple for FTP commands, replies and data, red for a 4xx/5xx reply. Every arrow
 * also carries its text label, so colour is never the only signal.
 */
export function packetTone(p: FtpPacket): 'syn' | 'ack' | 'fin' | 'psh' | 'rst' {
  if (p.flags === 'SYN' || p.flags === 'SYN,ACK') return 'syn';
  if (p.flags === 'ACK') return 'ack';
  if (p.flags === 'FIN,ACK') return 'fin';
  if (p.line !== undefined && /^[45]\d\d/.test(p.line)) return 'rst';
  return 'psh';
}

/** What each colour means, for the legend under the ladder. */
export const FTP_TONE_LEGEND: readonly { tone: 'syn' | 'ack' | 'fin' | 'psh' | 'rst'; colour: string; text: string }[] = [
  { tone: 'syn', colour: 'blue', text: 'SYN and SYN-ACK (opening a connection)' },
  { tone: 'ack', colour: 'green', text: 'ACK' },
  { tone: 'psh', colour: 'purple', text: 'FTP commands, replies and data' },
  { tone: 'rst', colour: 'red', text: 'an error reply' },
  { tone: 'fin', colour: 'amber', text: 'FIN (closing)' },
];

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
}

/**
 * The arrow's text: a SYN with its addresses and ports (so the direction of each connection, and
 * what a NAT rewrote, can be read off the ladder), commands as sent, replies as their code and
 * argument or a short meaning, data as its size.
 */
export function packetLabel(p: FtpPacket): string {
  if (p.flags === 'SYN') return `SYN ${formatFtpEndpoint(p.src)} → ${formatFtpEndpoint(p.dst)}`;
  if (p.flags === 'SYN,ACK') return 'SYN-ACK';
  if (p.flags === 'ACK') return 'ACK';
  if (p.flags === 'FIN,ACK') return 'FIN';
  if (p.line === undefined) return `data ${bytes(p.bytes)}`;
  const code = p.line.slice(0, 3);
  if (!/^\d{3}$/.test(code)) return p.line;
  const arg = /\(([^)]*)\)/.exec(p.line);
  if ((code === '227' || code === '229') && arg !== null) return `${code} (${arg[1]})`;
  return `${code} ${REPLY_WORDS[code] ?? p.line.slice(4)}`;
}

/** One-line summary of a packet for the table and screen readers. */
export function packetSummary(p: FtpPacket): string {
  const what = p.line !== undefined ? ` "${p.line}"` : p.flags === 'PSH,ACK' ? ` ${bytes(p.bytes)} of data` : '';
  return `${p.conn} ${p.flags} ${formatFtpEndpoint(p.src)} → ${formatFtpEndpoint(p.dst)}${what}`;
}

type Names = ReturnType<typeof ftpParticipants>;

function title(names: Names, lane: FtpLane): string {
  return names[lane]?.title ?? lane;
}

/** The lanes of a trace, left to right, titled "Client", "Home router (NAT)", "Server". */
export function ftpLanes(trace: FtpTrace): LadderData['lanes'] {
  const names = ftpParticipants(trace.scenario);
  return LANE_ORDER.flatMap((id) => {
    const p = names[id];
    return p === undefined ? [] : [{ id, label: p.title, sublabel: p.sublabel }];
  });
}

function sendArrow(trace: FtpTrace, e: FtpSendEvent, names: Names, endT: number): LadderArrow {
  const base = { id: `p${e.id}`, from: e.from, to: e.to, t0: e.t, label: packetLabel(e.packet), tone: packetTone(e.packet), ...(e.retransmission === true ? { note: 'retransmission' } : {}) };
  const hop = `${title(names, e.from)} to ${title(names, e.to)}`;
  const rtx = e.retransmission === true ? 'retransmitted ' : '';
  const summary = `${rtx}${packetSummary(e.packet)}, ${hop}`;
  if (e.fate === null) return { ...base, t1: Math.max(endT, e.t), reach: 1, status: 'in-flight', description: `${summary}, still on its way` };
  const drop = trace.events[e.fate.index];
  if (e.fate.type === 'drop' && drop !== undefined && drop.type === 'drop') {
    return { ...base, t1: e.fate.t, reach: drop.where, status: 'lost', description: `${summary}, dropped: ${drop.message}` };
  }
  return { ...base, t1: e.fate.t, reach: 1, status: 'delivered', description: `${summary}, delivered` };
}

/** Ladder data of a trace. `steps` give the rows. */
export function ftpLadder(trace: FtpTrace, steps: readonly NarratedStep[]): LadderData {
  const names = ftpParticipants(trace.scenario);
  const endT = trace.events.at(-1)?.t ?? 0;
  const arrows: LadderArrow[] = [];
  const marks: LadderMark[] = [];
  for (const e of trace.events) {
    if (e.type === 'send') arrows.push(sendArrow(trace, e, names, endT));
    else if (e.type === 'listen') {
      marks.push({
        id: `l${marks.length}`,
        lane: e.on,
        t: e.t,
        label: `${e.action === 'start' ? 'LISTEN' : 'CLOSED'} ${e.endpoint.port}`,
        tone: e.action === 'start' ? 'listen' : 'closed',
      });
    }
  }
  const rows = (steps.length > 0 ? steps : [{ t: 0 }]).map((s) => ({ t: s.t, label: formatMs(s.t) }));
  return { lanes: ftpLanes(trace), rows, arrows, spans: [], marks };
}

/** Rows [first, end) of the step at index `i`, for the TraceTable. */
export function stepRange(steps: readonly NarratedStep[], i: number): { first: number; end: number } {
  const s = steps[Math.max(0, Math.min(i, steps.length - 1))];
  return s === undefined ? { first: -1, end: -1 } : { first: s.first, end: s.end };
}

function mappingText(m: NatMapping): string {
  return `${formatFtpEndpoint(m.inside)} ⇄ ${formatFtpEndpoint(m.outside)}`;
}

/** Every event of a trace as a row of the text alternative. */
export function ftpTraceRows(trace: FtpTrace): TraceRow[] {
  const names = ftpParticipants(trace.scenario);
  const sends = new Map<number, FtpSendEvent>();
  return trace.events.map((e: FtpEvent, index) => {
    const row = (who: string, what: string, detail: string): TraceRow => ({ index, t: e.t, time: formatMs(e.t), who, what, detail });
    switch (e.type) {
      case 'listen':
        return row(title(names, e.on), e.action === 'start' ? 'listen' : 'stop listening', `${formatFtpEndpoint(e.endpoint)}: ${e.why}`);
      case 'send':
        sends.set(e.id, e);
        return row(title(names, e.from), `send to ${title(names, e.to)}${e.retransmission === true ? ' (retransmission)' : ''}`, packetSummary(e.packet));
      case 'receive': {
        const s = sends.get(e.id);
        return row(title(names, e.on), 'receive', s === undefined ? `packet ${e.id}` : packetSummary(s.packet));
      }
      case 'drop':
        return row(e.where < 1 ? 'Internet' : title(names, 'middlebox'), `drop (${e.reason})`, `${e.message}${e.section === '' ? '' : ` (${e.section})`}`);
      case 'forward': {
        const change = e.translated === undefined ? 'unchanged' : `${formatFtpEndpoint(e.translated.before.src)} → ${formatFtpEndpoint(e.translated.before.dst)} becomes ${formatFtpEndpoint(e.translated.after.src)} → ${formatFtpEndpoint(e.translated.after.dst)}`;
        const mapping = e.mapping === undefined ? '' : `; new mapping ${mappingText(e.mapping)}`;
        return row(title(names, 'middlebox'), `forward (${e.rule})`, `${change}${mapping} (${e.section})`);
      }
      case 'alg':
        return row(title(names, 'middlebox'), 'ALG rewrite', `"${e.before}" → "${e.after}"; mapping ${mappingText(e.mapping)} (${e.section})`);
      case 'connection':
        return row(title(names, e.opener), `${e.conn} connection ${e.status}`, `${formatFtpEndpoint(e.from)} → ${formatFtpEndpoint(e.to)} (${e.section})${e.reason === undefined ? '' : `: ${e.reason}${e.reasonSection === undefined ? '' : ` (${e.reasonSection})`}`}`);
      case 'deliver':
        return row(title(names, 'client'), 'deliver', `${bytes(e.bytes)}: ${e.what}`);
      case 'error':
        return row(e.on === 'sim' ? 'Simulator' : title(names, e.on), 'error', e.message);
      case 'end':
        return row('Simulator', 'end', e.outcome);
    }
  });
}

/** How the Connections panel shows one connection. */
export interface ConnectionCard {
  /** "Control connection". */
  heading: string;
  /** "open", "opening", "failed", "closed", "not opened yet". */
  status: string;
  /** A symbol that goes with the word (never instead of it). */
  symbol: string;
  /** Colour family: ok, pending, bad, idle. */
  tone: 'ok' | 'pending' | 'bad' | 'idle';
  /** Facts, one per line. */
  lines: string[];
}

const STATUS_LOOK = {
  opening: { symbol: '…', tone: 'pending' },
  open: { symbol: '●', tone: 'ok' },
  failed: { symbol: '✗', tone: 'bad' },
  closed: { symbol: '○', tone: 'idle' },
} as const;

/** The Connections panel's card for one connection at the step shown. */
export function connectionCard(conn: 'control' | 'data', e: FtpConnectionEvent | null, names: Names): ConnectionCard {
  const heading = conn === 'control' ? 'Control connection' : 'Data connection';
  if (e === null) return { heading, status: 'not opened yet', symbol: '–', tone: 'idle', lines: [] };
  const look = STATUS_LOOK[e.status];
  const opener = names[e.opener]?.name ?? e.opener;
  const lines = [`Opened by ${opener} (${e.section})`, `From ${formatFtpEndpoint(e.from)} to ${formatFtpEndpoint(e.to)}`];
  if (e.seenByPeer !== undefined) {
    const peer = e.opener === 'client' ? names.server.name : names.client.name;
    lines.push(`As ${peer} sees it: from ${formatFtpEndpoint(e.seenByPeer.from)} to ${formatFtpEndpoint(e.seenByPeer.to)}`);
  }
  if (e.reason !== undefined) lines.push(`${e.status === 'failed' ? 'Why it failed' : 'How it closed'}: ${e.reason}${e.reasonSection === undefined ? '' : ` (${e.reasonSection})`}.`);
  return { heading, status: e.status, symbol: look.symbol, tone: look.tone, lines };
}

/** The listeners and NAT mappings of a snapshot, as sentences. */
export function socketLines(s: FtpSnapshot, names: Names): { listeners: string[]; mappings: string[] } {
  return {
    listeners: s.listeners.map((l) => `${names[l.on]?.title ?? l.on} listens on ${formatFtpEndpoint(l.endpoint)} (${l.purpose === 'control' ? 'control connections' : 'the data connection'})`),
    mappings: s.mappings.map((m) => `${mappingText(m)} (${m.by === 'alg' ? 'made by the FTP ALG from the PORT/EPRT command' : 'made by the first outgoing packet'})`),
  };
}
