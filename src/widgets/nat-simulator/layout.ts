/**
 * The NAT trace on the shared drawings and tables: lanes, one arrow per leg of a packet (the
 * inside leg with the original addresses, the outside leg with the translated ones), marks where
 * the router makes or forgets a mapping or drops a packet; the trace table's rows; and the text
 * of the translation table, the forwarding rules and the packet "before and after". Pure: reads
 * the core's trace and decides nothing about NAT itself.
 */
import {
  CGN_PUBLIC_ADDRESS,
  formatForward,
  formatNatEndpoint,
  formatNatTime,
  formatTuple,
  hostByAddress,
  hostById,
  HOME_PREFIX,
  NAT_HOSTS,
  routerWan,
  type ActiveForward,
  type FiveTuple,
  type NatHostId,
  type NarratedStep,
  type NatLane,
  type NatTableRow,
  type NatTrace,
  type NatTraceEvent,
  type PacketKind,
  type PacketView,
} from '../../core/nat/index.ts';
import type { LadderArrow, LadderData, LadderMark, LadderOptions } from '../shared/ladder-layout.ts';
import type { TraceRow } from '../shared/step-player.svelte.ts';

/**
 * Ladder sizes for NAT labels ("SYN 192.168.1.10:51000 → 198.51.100.80:443" is long): narrow
 * gutters, since marks sit beside the middle lanes, and rows tall enough for two-line labels.
 */
export const NAT_LADDER_OPTIONS: Partial<LadderOptions> = { gutter: 40, rowHeight: 56 };

/** Short arrow names: flags for TCP, "UDP" for a datagram. */
const KIND_LABEL: Record<PacketKind, string> = {
  SYN: 'SYN',
  'SYN-ACK': 'SYN-ACK',
  ACK: 'ACK',
  data: 'data',
  FIN: 'FIN',
  'FIN-ACK': 'FIN-ACK',
  datagram: 'UDP',
  reply: 'UDP reply',
  'pcp-request': 'PCP MAP',
  'pcp-response': 'PCP answer',
};

/** The flag colour of a packet (--pl-flag-*); the label carries the same information in text. */
export function packetTone(kind: PacketKind): 'syn' | 'ack' | 'fin' | 'psh' | 'rst' {
  switch (kind) {
    case 'SYN':
    case 'SYN-ACK':
      return 'syn';
    case 'ACK':
    case 'pcp-request':
    case 'pcp-response':
      return 'ack';
    case 'FIN':
    case 'FIN-ACK':
      return 'fin';
    default:
      return 'psh';
  }
}

/** "SYN 192.168.1.10:51000 → 198.51.100.80:443". */
export function legLabel(p: { kind: PacketKind; src: { address: string; port: number }; dst: { address: string; port: number } }): string {
  return `${KIND_LABEL[p.kind]} ${formatNatEndpoint(p.src)} → ${formatNatEndpoint(p.dst)}`;
}

const LANE_NAME: Record<NatLane, string> = { home: 'Home', router: 'Router (NAT)', cgn: 'Carrier NAT', internet: 'Internet' };

/** "laptop .10, console .20": the hosts of one side that a trace involves, by name and last octet. */
function involved(ids: ReadonlySet<string>, side: 'inside' | 'internet'): string {
  const names = NAT_HOSTS.filter((h) => h.side === side && ids.has(h.id)).map((h) => `${h.name.toLowerCase()} .${h.address.split('.')[3]}`);
  return names.join(', ');
}

/**
 * The lanes: home devices, the router, the CGN when there is one, internet hosts. The home and
 * internet lanes name the hosts the trace involves (each lane stands for several hosts).
 */
export function natLanes(cgnat: boolean, hosts: ReadonlySet<string> = new Set()): LadderData['lanes'] {
  return [
    { id: 'home', label: LANE_NAME.home, sublabel: involved(hosts, 'inside') || `${HOME_PREFIX.base}/${HOME_PREFIX.length}` },
    { id: 'router', label: LANE_NAME.router, sublabel: routerWan(cgnat) },
    ...(cgnat ? [{ id: 'cgn', label: LANE_NAME.cgn, sublabel: CGN_PUBLIC_ADDRESS }] : []),
    { id: 'internet', label: LANE_NAME.internet, sublabel: involved(hosts, 'internet') || 'no host yet' },
  ];
}

/** Ladder data of a NAT trace; `steps` give the rows. */
export function natLadder(trace: NatTrace, steps: readonly NarratedStep[]): LadderData {
  const cgnat = trace.scenario?.nat.cgnat ?? false;
  const arrows: LadderArrow[] = [];
  const marks: LadderMark[] = [];
  const hosts = new Set<string>();
  trace.events.forEach((e, i) => {
    if (e.type === 'leg') {
      hosts.add(e.from).add(e.to);
      const label = legLabel(e.packet);
      const lost = e.fate === 'lost';
      arrows.push({
        id: `l${i}`,
        from: e.fromLane,
        to: e.toLane,
        t0: e.t,
        t1: e.t1,
        reach: lost ? e.where : 1,
        status: lost ? 'lost' : 'delivered',
        label,
        tone: packetTone(e.packet.kind),
        description: `${label}, ${LANE_NAME[e.fromLane]} to ${LANE_NAME[e.toLane]}${lost ? ', lost on the way' : ''}`,
      });
    } else if (e.type === 'drop' && (e.at === 'router' || e.at === 'cgn')) {
      marks.push({ id: `m${i}`, lane: e.at, t: e.t, label: '✗ dropped', tone: 'closing' });
    } else if (e.type === 'mapping' && !e.mapping.static && (e.action === 'created' || e.action === 'expired')) {
      const port = e.mapping.outside.port;
      marks.push({ id: `m${i}`, lane: e.nat, t: e.t, label: e.action === 'created' ? `+ map :${port}` : `map :${port} expired`, tone: e.action === 'created' ? 'established' : 'closed' });
    } else if (e.type === 'forward' && (e.action === 'added' || e.action === 'removed' || e.action === 'expired')) {
      marks.push({ id: `m${i}`, lane: 'router', t: e.t, label: `${e.action === 'added' ? '+' : '−'} fwd :${e.forward.publicPort}`, tone: e.action === 'added' ? 'listen' : 'closed' });
    }
  });
  return { lanes: natLanes(cgnat, hosts), rows: steps.map((s) => ({ t: s.t, label: formatNatTime(s.t) })), arrows, spans: [], marks };
}

/** Who an event is about, for the trace table. */
function who(e: NatTraceEvent): string {
  switch (e.type) {
    case 'step':
      return 'from' in e.step ? hostName(e.step.from) : 'you';
    case 'leg':
      return e.from === 'router' ? 'router' : e.from === 'cgn' ? 'carrier NAT' : e.from === 'nowhere' ? 'internet' : hostName(e.from);
    case 'deliver':
      return hostName(e.host);
    case 'translate':
    case 'mapping':
      return e.nat === 'cgn' ? 'carrier NAT' : 'router';
    case 'drop':
      return e.at === 'cgn' ? 'carrier NAT' : e.at === 'router' ? 'router' : 'internet';
    case 'forward':
      return 'router';
    case 'error':
      return e.on === 'sim' ? 'simulator' : hostName(e.on);
    case 'waited':
    case 'end':
      return 'simulator';
  }
}

function hostName(id: NatHostId): string {
  return hostById(id).name;
}

const DROP_WORDS = { 'no-mapping': 'no mapping', filtered: 'filtered', unroutable: 'unroutable address', 'cgn-no-forward': 'carrier NAT has no forward', 'no-host': 'no such host', 'no-port': 'no free port' } as const;

/** Every event of the trace as a row of the text alternative (TraceTable.svelte). */
export function natTraceRows(trace: NatTrace): TraceRow[] {
  return trace.events.map((e, index) => {
    const base = { index, t: e.t, time: formatNatTime(e.t), who: who(e) };
    switch (e.type) {
      case 'step':
        return { ...base, what: `step: ${e.step.do}`, detail: stepDetail(e.step) };
      case 'waited':
        return { ...base, what: 'wait over', detail: `${e.minutes} min` };
      case 'leg':
        return { ...base, what: e.fate === 'lost' ? 'packet (lost)' : 'packet', detail: `${legLabel(e.packet)} (${LANE_NAME[e.fromLane]} → ${LANE_NAME[e.toLane]}, arrives ${formatNatTime(e.t1)})` };
      case 'translate':
        return { ...base, what: `translate (${e.direction})`, detail: `${formatTuple(e.before)} ⇒ ${formatTuple(e.after)}` };
      case 'mapping': {
        const m = e.mapping;
        const until = m.expiresAt === null ? 'static' : `expires at ${formatNatTime(m.expiresAt)}`;
        const timer = e.timer === undefined ? '' : `, ${e.timer.rule}`;
        return { ...base, what: `mapping ${e.action}`, detail: `${m.proto.toUpperCase()} ${formatNatEndpoint(m.inside)} ⇄ ${formatNatEndpoint(m.outside)}, ${until}${timer}` };
      }
      case 'deliver':
        return { ...base, what: 'receive', detail: legLabel(e.packet) };
      case 'drop':
        return { ...base, what: `drop (${DROP_WORDS[e.reason]})`, detail: `${legLabel(e.packet)}${e.rule === '' ? '' : `, ${e.rule}`}` };
      case 'forward':
        return { ...base, what: `forward ${e.action}`, detail: e.action === 'not-found' ? `${e.forward.proto.toUpperCase()} ${e.forward.publicPort}` : formatForward(e.forward) };
      case 'error':
        return { ...base, what: 'error', detail: e.message };
      case 'end':
        return { ...base, what: 'end', detail: `${e.reason}: ${e.mappings.router} mapping(s) in the router${e.mappings.cgn > 0 ? `, ${e.mappings.cgn} in the carrier NAT` : ''}` };
    }
  });
}

function stepDetail(s: Extract<NatTraceEvent, { type: 'step' }>['step']): string {
  switch (s.do) {
    case 'connect':
    case 'close':
      return `TCP from port ${s.srcPort} to ${formatNatEndpoint(s.to)}`;
    case 'send':
      return `${s.proto.toUpperCase()} from port ${s.srcPort} to ${formatNatEndpoint(s.to)}`;
    case 'wait':
      return `${s.minutes} min`;
    case 'add-forward':
      return formatForward(s);
    case 'remove-forward':
      return `${s.proto.toUpperCase()} ${s.publicPort}`;
    case 'pcp-map':
      return `${s.proto.toUpperCase()} port ${s.port} for ${s.lifetime} s`;
  }
}

/** An endpoint with the name of its host: "192.168.1.10:51000 (Laptop)". */
export function endpointText(e: { address: string; port: number }): string {
  const h = hostByAddress(e.address);
  return `${formatNatEndpoint(e)}${h === undefined ? '' : ` (${h.name})`}`;
}

const STATE_TEXT: Record<NatTableRow['state'], string> = {
  opening: 'opening (transitory)',
  established: 'established',
  closing: 'closing (transitory)',
  udp: 'active',
  forward: 'forward, idle',
};

/** A translation-table row as text for the widget's table. */
export interface TableRowText {
  key: string;
  proto: string;
  inside: string;
  outside: string;
  remote: string;
  state: string;
  expires: string;
  /** "new" or "updated" when the row changed in the step shown; "" otherwise. */
  change: string;
}

/**
 * Rows of the translation table at time `t`. `changed` holds the mapping ids touched in the step
 * shown, with whether they were made there.
 */
export function tableText(rows: readonly NatTableRow[], t: number, changed: ReadonlyMap<number, 'new' | 'updated'>): TableRowText[] {
  return rows.map((r) => ({
    key: r.key,
    proto: r.proto.toUpperCase(),
    inside: endpointText(r.inside),
    outside: formatNatEndpoint(r.outside),
    remote: r.remote === null ? 'anyone (forward)' : endpointText(r.remote),
    state: `${STATE_TEXT[r.state]}${r.static && r.state !== 'forward' ? ' (via a forward)' : ''}`,
    expires: r.expiresAt === null ? 'while the rule exists' : formatNatTime(Math.max(0, r.expiresAt - t)),
    change: changed.get(r.mappingId) ?? '',
  }));
}

/** Mapping ids changed by the events `[first, end)` of a step, with "new" for those made there. */
export function changedMappings(trace: NatTrace, first: number, end: number, nat: 'router' | 'cgn'): Map<number, 'new' | 'updated'> {
  const out = new Map<number, 'new' | 'updated'>();
  for (let i = first; i < end; i += 1) {
    const e = trace.events[i];
    if (e?.type !== 'mapping' || e.nat !== nat) continue;
    if (e.action === 'created') out.set(e.mapping.id, 'new');
    else if (!out.has(e.mapping.id) && e.action !== 'expired' && e.action !== 'removed') out.set(e.mapping.id, 'updated');
  }
  return out;
}

/** A forwarding rule as text: "TCP 8080 → 192.168.1.10:8080 (Laptop)", and where it came from. */
export function forwardText(f: ActiveForward, t: number): { rule: string; origin: string } {
  const rule = `${f.proto.toUpperCase()} ${f.publicPort} → ${endpointText({ address: f.insideAddress, port: f.insidePort })}`;
  const origin = f.by === 'config' ? 'configured' : f.by === 'step' ? 'added' : `by PCP, ends in ${formatNatTime(Math.max(0, (f.expiresAt ?? t) - t))}`;
  return { rule, origin };
}

/** The packet panel: what the translator saw and what it sent on, with the changed halves marked. */
export interface PacketPanel {
  /** "Now at the router" or "Last translation, at 42 ms". */
  heading: string;
  rows: { label: string; tuple: string; src: string; dst: string; srcChanged: boolean; dstChanged: boolean }[];
  note: string;
}

function tupleRow(label: string, t: FiveTuple, srcChanged: boolean, dstChanged: boolean): PacketPanel['rows'][number] {
  return { label, tuple: formatTuple(t), src: formatNatEndpoint(t.src), dst: formatNatEndpoint(t.dst), srcChanged, dstChanged };
}

/** The text of the packet panel for a {@link PacketView}, or null when nothing has passed a translator yet. */
export function packetPanel(view: PacketView | null): PacketPanel | null {
  if (view === null) return null;
  const nat = (view.kind === 'translate' ? view.event.nat : view.event.at) === 'cgn' ? 'carrier NAT' : 'router';
  const heading = view.now ? `Now at the ${nat}` : `Last at the ${nat}, at ${formatNatTime(view.event.t)}`;
  if (view.kind === 'drop') {
    const p = view.event.packet;
    return {
      heading,
      rows: [tupleRow('Arrived', { proto: p.proto, src: p.src, dst: p.dst }, false, false)],
      note: `Dropped: ${DROP_WORDS[view.event.reason]}${view.event.rule === '' ? '' : ` (${view.event.rule})`}. Nothing is sent on.`,
    };
  }
  const e = view.event;
  const srcChanged = formatNatEndpoint(e.before.src) !== formatNatEndpoint(e.after.src);
  const dstChanged = formatNatEndpoint(e.before.dst) !== formatNatEndpoint(e.after.dst);
  const where = { outbound: ['Before (inside)', 'After (outside)'], inbound: ['Before (outside)', 'After (inside)'], hairpin: ['Before (from inside)', 'After (back inside)'] }[e.direction];
  const what = e.direction === 'outbound' ? 'the source' : e.direction === 'inbound' ? 'the destination' : 'source and destination';
  return {
    heading,
    rows: [tupleRow(where[0]!, e.before, false, false), tupleRow(where[1]!, e.after, srcChanged, dstChanged)],
    note: `${e.kind === 'datagram' || e.kind === 'reply' ? 'UDP' : e.kind}: the ${nat} rewrote ${what}${e.via === 'forward' ? ' by a forwarding rule' : e.via === 'new-mapping' ? ' with a new mapping' : ' with an existing mapping'}.`,
  };
}
