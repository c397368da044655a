/**
 * NAT simulation is a function: scenario → trace. Hosts at home and on the internet exchange TCP
 * segments and UDP datagrams through the home router's NAPT (and, with `cgnat`, a carrier-grade
 * NAT behind it); a discrete-event queue owns virtual time. Deterministic and never throws.
 */

import {
  addressKind,
  CGN_PUBLIC_ADDRESS,
  formatNatEndpoint,
  hostByAddress,
  hostById,
  hostPhrase,
  ROUTER_LAN_ADDRESS,
  routerWan,
  type NatEndpoint,
  type NatHostId,
  type NatProto,
} from './addresses.ts';
import { EventQueue } from '../sim/scheduler.ts';
import { resolveNatScenario, validateNatScenario, type NatStep, type PcpMapStep, type ResolvedNatScenario } from './scenario.ts';
import { NAT_TRACE_VERSION } from './trace.ts';
import type {
  ActiveForward,
  FiveTuple,
  NatDropEvent,
  NatDropReason,
  NatLane,
  NatLegEvent,
  NatNode,
  NatPacket,
  NatTrace,
  NatTraceEvent,
  PacketKind,
} from './trace.ts';
import { Translator, type MappingChange, type Translated } from './translator.ts';

/** One-way delay on the home network. A choice of this simulation: small, so the LAN looks near. */
export const LAN_DELAY_MS = 2;
/** One-way delay between the home router and the ISP's carrier-grade NAT (a choice of this simulation). */
export const ACCESS_DELAY_MS = 5;
/** One-way delay across the internet (a choice of this simulation). */
export const INTERNET_DELAY_MS = 20;
/** Where on its link a packet to an unroutable address vanishes, for the ladder: the middle. */
export const LOSS_POINT = 0.5;
/** The PCP server's port on the router (RFC 6887 §19.1, IANA 5351/udp "pcp"). */
export const PCP_SERVER_PORT = 5351;
/** The port a PCP client sends from: any free port; this simulation uses 50000. */
export const PCP_CLIENT_PORT = 50000;
/** A run stops with an `event-cap` error after this many events (a full 200-step scenario needs a few thousand). */
export const NAT_EVENT_CAP = 20_000;

const MS_PER_MINUTE = 60_000;
const MS_PER_S = 1000;

type Item =
  | { kind: 'step'; index: number; step: NatStep }
  | { kind: 'arrive'; leg: NatLegEvent }
  | { kind: 'lost'; leg: NatLegEvent; addressKind: 'private' | 'shared' }
  | { kind: 'wait-end'; index: number; minutes: number };

/** A host's view of one TCP connection: its port, the peer as it sees it, and where it stands. */
type ConnState = 'syn-sent' | 'syn-received' | 'established' | 'fin-sent' | 'last-ack';

class EventCapReached extends Error {}

function tuple(p: NatPacket): FiveTuple {
  return { proto: p.proto, src: { ...p.src }, dst: { ...p.dst } };
}

function laneOfHost(id: NatHostId): NatLane {
  return hostById(id).side === 'inside' ? 'home' : 'internet';
}

/** The rule behind a drop, for captions and the table. */
export function dropRule(reason: NatDropReason, proto: NatProto, kind: PacketKind, address?: 'private' | 'shared'): string {
  switch (reason) {
    case 'no-mapping':
      return proto === 'tcp' && kind === 'SYN' ? 'RFC 5382 REQ-4' : 'RFC 3022 §2.2';
    case 'filtered':
      return proto === 'tcp' ? 'RFC 5382 REQ-3' : 'RFC 4787 §5';
    case 'unroutable':
      return address === 'shared' ? 'RFC 6598 §7' : 'RFC 1918 §3';
    case 'cgn-no-forward':
      return 'RFC 6598 §7; RFC 6888';
    case 'no-host':
      return '';
    case 'no-port':
      return 'RFC 4787 REQ-3';
  }
}

class NatSimulation {
  readonly events: NatTraceEvent[] = [];
  private readonly queue = new EventQueue<Item>();
  private readonly router: Translator;
  private readonly cgn: Translator | null;
  private readonly conns = new Map<string, ConnState>();
  private readonly wantsReply = new Map<number, boolean>();
  private readonly pcpRequests = new Map<number, PcpMapStep>();
  private now = 0;
  private nextPacket = 1;
  private readonly s: ResolvedNatScenario;
  private readonly cap: number;

  constructor(s: ResolvedNatScenario, cap: number) {
    this.s = s;
    this.cap = cap;
    const common = { filtering: s.nat.filtering, timeouts: s.nat.timeouts };
    this.router = new Translator({ id: 'router', external: routerWan(s.nat.cgnat), portPreservation: s.nat.portPreservation, ...common });
    // The CGN behaves like any RFC 4787/5382 NAT (RFC 6888 asks that of CGNs) but does not keep
    // ports, so both translations show in the ladder.
    this.cgn = s.nat.cgnat ? new Translator({ id: 'cgn', external: CGN_PUBLIC_ADDRESS, portPreservation: false, ...common }) : null;
    s.steps.forEach((step, index) => this.queue.push(step.at, { kind: 'step', index, step }));
  }

  private record(e: NatTraceEvent): void {
    if (this.events.length >= this.cap) throw new EventCapReached();
    this.events.push(e);
  }

  run(): void {
    try {
      for (const f of this.s.forwards) this.addForward({ ...f, by: 'config', expiresAt: null });
      for (;;) {
        const tq = this.queue.peekTime();
        if (tq === Infinity) break;
        const td = Math.min(this.router.nextDeadline(), this.cgn?.nextDeadline() ?? Infinity);
        // Packets and steps due at the same instant as a timer go first: a packet sent exactly
        // when the timer is due still refreshes it (the RFCs set minimums, "MUST NOT expire in
        // less than").
        if (td < tq) {
          this.now = td;
          this.expire();
          continue;
        }
        const next = this.queue.pop();
        if (next === undefined) break;
        this.now = next.t;
        this.handle(next.item);
      }
      this.end('done');
    } catch (err) {
      const t = this.lastT();
      this.events.length = Math.min(this.events.length, this.cap);
      if (err instanceof EventCapReached) {
        this.events.push({ t, type: 'error', on: 'sim', code: 'event-cap', message: `the run stopped after ${this.cap} events` });
        this.events.push(this.endEvent('event-cap', t));
      } else {
        this.events.push({ t, type: 'error', on: 'sim', code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` });
        this.events.push(this.endEvent('internal', t));
      }
    }
  }

  private lastT(): number {
    return this.events.length > 0 ? (this.events[this.events.length - 1] as NatTraceEvent).t : 0;
  }

  private endEvent(reason: 'done' | 'event-cap' | 'internal', t: number): NatTraceEvent {
    return { t, type: 'end', reason, mappings: { router: this.router.size, cgn: this.cgn?.size ?? 0 } };
  }

  private end(reason: 'done'): void {
    this.events.push(this.endEvent(reason, Math.max(this.now, this.lastT())));
  }

  private translator(id: 'router' | 'cgn'): Translator {
    return id === 'cgn' && this.cgn !== null ? this.cgn : this.router;
  }

  // ---- timers --------------------------------------------------------------------------------

  private expire(): void {
    for (const nat of this.cgn === null ? [this.router] : [this.router, this.cgn]) {
      const { changes, forwards } = nat.expire(this.now);
      for (const f of forwards) this.record({ t: this.now, type: 'forward', action: 'expired', forward: { ...f } });
      this.recordChanges(nat, changes);
    }
  }

  private recordChanges(nat: Translator, changes: readonly MappingChange[], packetId?: number): void {
    for (const c of changes) {
      this.record({ t: this.now, type: 'mapping', nat: nat.id, ...c, ...(packetId !== undefined ? { packetId } : {}) });
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  private handle(item: Item): void {
    switch (item.kind) {
      case 'step':
        this.record({ t: this.now, type: 'step', index: item.index, step: item.step });
        this.step(item.index, item.step);
        return;
      case 'wait-end':
        this.record({ t: this.now, type: 'waited', index: item.index, minutes: item.minutes });
        return;
      case 'lost':
        this.drop('nowhere', item.leg.packet, 'unroutable', { addressKind: item.addressKind });
        return;
      case 'arrive':
        this.arrive(item.leg);
        return;
    }
  }

  private connKey(host: NatHostId, local: number, remote: NatEndpoint): string {
    return `${host}|${local}|${formatNatEndpoint(remote)}`;
  }

  private packet(proto: NatProto, kind: PacketKind, src: NatEndpoint, dst: NatEndpoint): NatPacket {
    return { id: this.nextPacket++, proto, kind, src: { ...src }, dst: { ...dst } };
  }

  private step(index: number, step: NatStep): void {
    switch (step.do) {
      case 'connect': {
        const host = hostById(step.from);
        this.conns.set(this.connKey(step.from, step.srcPort, step.to), 'syn-sent');
        this.fromHost(step.from, this.packet('tcp', 'SYN', { address: host.address, port: step.srcPort }, step.to));
        return;
      }
      case 'send': {
        const host = hostById(step.from);
        const src = { address: host.address, port: step.srcPort };
        if (step.proto === 'udp') {
          const p = this.packet('udp', 'datagram', src, step.to);
          this.wantsReply.set(p.id, step.reply ?? true);
          this.fromHost(step.from, p);
          return;
        }
        if (this.conns.get(this.connKey(step.from, step.srcPort, step.to)) !== 'established') {
          this.noConnection(step.from, step.srcPort, step.to, 'send data');
          return;
        }
        this.fromHost(step.from, this.packet('tcp', 'data', src, step.to));
        return;
      }
      case 'close': {
        const host = hostById(step.from);
        const key = this.connKey(step.from, step.srcPort, step.to);
        if (this.conns.get(key) !== 'established') {
          this.noConnection(step.from, step.srcPort, step.to, 'close it');
          return;
        }
        this.conns.set(key, 'fin-sent');
        this.fromHost(step.from, this.packet('tcp', 'FIN', { address: host.address, port: step.srcPort }, step.to));
        return;
      }
      case 'wait':
        this.queue.push(this.now + step.minutes * MS_PER_MINUTE, { kind: 'wait-end', index, minutes: step.minutes });
        return;
      case 'add-forward':
        this.addForward({ proto: step.proto, publicPort: step.publicPort, insideAddress: step.insideAddress, insidePort: step.insidePort, by: 'step', expiresAt: null });
        return;
      case 'remove-forward': {
        const r = this.router.removeForward(step.proto, step.publicPort);
        if (r === null) {
          this.record({ t: this.now, type: 'forward', action: 'not-found', forward: { proto: step.proto, publicPort: step.publicPort, insideAddress: '', insidePort: 0, by: 'step', expiresAt: null } });
          return;
        }
        this.record({ t: this.now, type: 'forward', action: 'removed', forward: { ...r.forward } });
        if (r.change !== null) this.recordChanges(this.router, [r.change]);
        return;
      }
      case 'pcp-map': {
        const host = hostById(step.from);
        const p = this.packet('udp', 'pcp-request', { address: host.address, port: PCP_CLIENT_PORT }, { address: ROUTER_LAN_ADDRESS, port: PCP_SERVER_PORT });
        this.pcpRequests.set(p.id, step);
        this.fromHost(step.from, p);
        return;
      }
    }
  }

  private noConnection(host: NatHostId, port: number, to: NatEndpoint, what: string): void {
    const name = hostPhrase(host);
    this.record({
      t: this.now,
      type: 'error',
      on: host,
      code: 'no-connection',
      message: `${name} has no open TCP connection from port ${port} to ${formatNatEndpoint(to)}, so it cannot ${what}; open one first`,
    });
  }

  private addForward(f: ActiveForward, requestedPort?: number): boolean {
    const r = this.router.addForward(f);
    if (!r.ok) {
      this.record({ t: this.now, type: 'forward', action: 'refused', forward: { ...f }, reason: r.reason, ...(r.holder !== undefined ? { holder: r.holder } : {}) });
      return false;
    }
    this.record({ t: this.now, type: 'forward', action: 'added', forward: { ...f }, ...(requestedPort !== undefined ? { requestedPort } : {}) });
    this.recordChanges(this.router, [r.change]);
    return true;
  }

  // ---- moving packets ------------------------------------------------------------------------

  private leg(packet: NatPacket, from: NatNode, to: NatNode, fromLane: NatLane, toLane: NatLane, delay: number, lost?: 'private' | 'shared'): void {
    const t1 = this.now + (lost === undefined ? delay : delay * LOSS_POINT);
    const leg: NatLegEvent = { t: this.now, type: 'leg', packet: { ...packet, src: { ...packet.src }, dst: { ...packet.dst } }, from, to, fromLane, toLane, t1, fate: lost === undefined ? 'arrives' : 'lost', where: lost === undefined ? 1 : LOSS_POINT };
    this.record(leg);
    this.queue.push(t1, lost === undefined ? { kind: 'arrive', leg } : { kind: 'lost', leg, addressKind: lost });
  }

  private fromHost(id: NatHostId, p: NatPacket): void {
    if (laneOfHost(id) === 'home') this.leg(p, id, 'router', 'home', 'router', LAN_DELAY_MS);
    else this.overInternet(p, id, 'internet');
  }

  /** A packet entering the internet, from an internet host or from the translator facing it. */
  private overInternet(p: NatPacket, from: NatNode, fromLane: NatLane): void {
    const front = this.cgn ?? this.router;
    const dst = p.dst.address;
    if (dst === front.external && from !== front.id) {
      this.leg(p, from, front.id, fromLane, front.id, INTERNET_DELAY_MS);
      return;
    }
    const host = hostByAddress(dst);
    if (host !== undefined && host.side === 'internet') {
      this.leg(p, from, host.id, fromLane, 'internet', INTERNET_DELAY_MS);
      return;
    }
    const kind = addressKind(dst);
    // Private (RFC 1918 §3) and shared (RFC 6598) addresses are not routed on the internet.
    if (kind === 'private' || kind === 'shared') {
      this.leg(p, from, 'nowhere', fromLane, 'internet', INTERNET_DELAY_MS, kind);
      return;
    }
    this.leg(p, from, 'nowhere', fromLane, 'internet', INTERNET_DELAY_MS);
  }

  private arrive(leg: NatLegEvent): void {
    const p = leg.packet;
    switch (leg.to) {
      case 'nowhere':
        this.drop('nowhere', p, 'no-host');
        return;
      case 'router':
      case 'cgn':
        this.atTranslator(this.translator(leg.to), leg);
        return;
      default:
        this.deliver(leg.to, p);
    }
  }

  private drop(at: NatNode, packet: NatPacket, reason: NatDropReason, extra: Partial<Pick<NatDropEvent, 'mappingId' | 'addressKind'>> = {}): void {
    const rule = dropRule(reason, packet.proto, packet.kind, extra.addressKind);
    this.record({ t: this.now, type: 'drop', at, packet: { ...packet }, reason, rule, ...extra });
  }

  private atTranslator(nat: Translator, leg: NatLegEvent): void {
    const p = leg.packet;
    const fromInside = nat.id === 'router' ? leg.fromLane === 'home' : leg.fromLane === 'router';
    if (!fromInside) {
      this.inbound(nat, p);
      return;
    }
    if (nat.id === 'router' && p.kind === 'pcp-request') {
      this.pcp(p);
      return;
    }
    // To the translator's own outside address from inside: hairpinning (RFC 4787 §6, REQ-9).
    if (p.dst.address === nat.external) this.hairpin(nat, p);
    else this.outbound(nat, p);
  }

  private outbound(nat: Translator, p: NatPacket): void {
    const r = nat.outbound(p, this.now);
    if (!r.ok) {
      this.drop(nat.id, p, 'no-port');
      return;
    }
    this.translated(nat, 'outbound', p, r);
    if (nat.id === 'router' && this.cgn !== null) this.leg(r.packet, 'router', 'cgn', 'router', 'cgn', ACCESS_DELAY_MS);
    else this.overInternet(r.packet, nat.id, nat.id);
  }

  private translated(nat: Translator, direction: 'outbound' | 'inbound', before: NatPacket, r: Translated): void {
    this.record({
      t: this.now,
      type: 'translate',
      nat: nat.id,
      packetId: before.id,
      kind: before.kind,
      direction,
      before: tuple(before),
      after: tuple(r.packet),
      via: r.via,
      mappingId: r.mappingId,
      ...(r.portChanged !== undefined ? { portChanged: r.portChanged } : {}),
    });
    this.recordChanges(nat, r.changes, before.id);
  }

  private refusedReason(nat: Translator, reason: 'no-mapping' | 'filtered' | 'no-port'): NatDropReason {
    // The subscriber cannot configure the CGN, so "no mapping" there means no forward can help.
    return nat.id === 'cgn' && reason === 'no-mapping' ? 'cgn-no-forward' : reason;
  }

  private inbound(nat: Translator, p: NatPacket): void {
    const r = nat.inbound(p, this.now);
    if (!r.ok) {
      this.drop(nat.id, p, this.refusedReason(nat, r.reason), r.mappingId !== undefined ? { mappingId: r.mappingId } : {});
      return;
    }
    this.translated(nat, 'inbound', p, r);
    this.inward(nat, r.packet);
  }

  /** A translated packet continues inside: to a home device, or from the CGN to the home router. */
  private inward(nat: Translator, p: NatPacket): void {
    if (nat.id === 'cgn') {
      this.leg(p, 'cgn', p.dst.address === this.router.external ? 'router' : 'nowhere', 'cgn', 'router', ACCESS_DELAY_MS);
      return;
    }
    const host = hostByAddress(p.dst.address);
    this.leg(p, 'router', host !== undefined && host.side === 'inside' ? host.id : 'nowhere', 'router', 'home', LAN_DELAY_MS);
  }

  /**
   * Hairpinning (RFC 4787 §6, REQ-9; RFC 5382 REQ-8): the source is translated as for any
   * outbound packet, so the receiver sees the sender's external address and port (REQ-9a), then
   * the destination as for an inbound one, and the packet goes back inside.
   */
  private hairpin(nat: Translator, p: NatPacket): void {
    const o = nat.outbound(p, this.now);
    if (!o.ok) {
      this.drop(nat.id, p, 'no-port');
      return;
    }
    const i = nat.inbound(o.packet, this.now);
    if (!i.ok) {
      this.recordChanges(nat, o.changes, p.id);
      this.drop(nat.id, o.packet, this.refusedReason(nat, i.reason), i.mappingId !== undefined ? { mappingId: i.mappingId } : {});
      return;
    }
    this.record({
      t: this.now,
      type: 'translate',
      nat: nat.id,
      packetId: p.id,
      kind: p.kind,
      direction: 'hairpin',
      before: tuple(p),
      after: tuple(i.packet),
      via: i.via,
      mappingId: i.mappingId,
      source: { mappingId: o.mappingId, created: o.via === 'new-mapping' },
      ...(o.portChanged !== undefined ? { portChanged: o.portChanged } : {}),
    });
    this.recordChanges(nat, [...o.changes, ...i.changes], p.id);
    this.inward(nat, i.packet);
  }

  /** A PCP MAP request (RFC 6887 §11): the router adds a forward with a lifetime and answers. */
  private pcp(p: NatPacket): void {
    const req = this.pcpRequests.get(p.id);
    if (req === undefined) return;
    const wanted = req.externalPort ?? req.port;
    const free = !this.router.takenPorts(req.proto).has(wanted);
    const port = free ? wanted : this.router.allocate(req.proto, wanted);
    if (port !== null) {
      const f: ActiveForward = {
        proto: req.proto,
        publicPort: port,
        insideAddress: p.src.address,
        insidePort: req.port,
        by: 'pcp',
        expiresAt: this.now + req.lifetime * MS_PER_S,
        lifetime: req.lifetime,
      };
      this.addForward(f, port !== wanted ? wanted : undefined);
    }
    const host = hostByAddress(p.src.address);
    const answer = this.packet('udp', 'pcp-response', p.dst, p.src);
    this.leg(answer, 'router', host?.id ?? 'nowhere', 'router', 'home', LAN_DELAY_MS);
  }

  // ---- hosts ---------------------------------------------------------------------------------

  /**
   * A host receives a packet and answers as its TCP or application would. Every host accepts
   * connections on every port (the simulation is about the NAT, not about which services run).
   */
  private deliver(host: NatHostId, p: NatPacket): void {
    const key = this.connKey(host, p.dst.port, p.src);
    const state = this.conns.get(key);
    let answer: PacketKind | null = null;
    let note: 'unexpected' | 'no-answer' | undefined;
    switch (p.kind) {
      case 'SYN':
        this.conns.set(key, 'syn-received');
        answer = 'SYN-ACK';
        break;
      case 'SYN-ACK':
        if (state === 'syn-sent') {
          this.conns.set(key, 'established');
          answer = 'ACK';
        } else note = 'unexpected';
        break;
      case 'ACK':
        if (state === 'syn-received') this.conns.set(key, 'established');
        else if (state === 'last-ack') this.conns.delete(key);
        break;
      case 'data':
        if (state === 'established') answer = 'ACK';
        else note = 'unexpected';
        break;
      case 'FIN':
        if (state === 'established') {
          this.conns.set(key, 'last-ack');
          answer = 'FIN-ACK';
        } else note = 'unexpected';
        break;
      case 'FIN-ACK':
        if (state === 'fin-sent') {
          this.conns.delete(key);
          answer = 'ACK';
        } else note = 'unexpected';
        break;
      case 'datagram':
        if (this.wantsReply.get(p.id) === false) note = 'no-answer';
        else answer = 'reply';
        break;
      case 'reply':
      case 'pcp-request':
      case 'pcp-response':
        break;
    }
    this.record({ t: this.now, type: 'deliver', host, packet: { ...p }, ...(note !== undefined ? { note } : {}) });
    if (answer !== null) this.fromHost(host, this.packet(p.proto, answer, p.dst, p.src));
  }
}

/** Options of {@link runNatScenario}. */
export interface RunNatOptions {
  /** Stop after this many events (default {@link NAT_EVENT_CAP}). */
  eventCap?: number;
}

/**
 * Simulates a NAT scenario. Never throws: an invalid scenario gives a trace with an
 * `invalid-scenario` error and the problems; a runaway one stops at the event cap. The same
 * scenario always gives the same trace.
 */
export function runNatScenario(input: unknown, options: RunNatOptions = {}): NatTrace {
  const { scenario, problems } = validateNatScenario(input);
  if (scenario === undefined) {
    return {
      version: NAT_TRACE_VERSION,
      scenario: null,
      problems,
      events: [
        { t: 0, type: 'error', on: 'sim', code: 'invalid-scenario', message: `the scenario has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}` },
        { t: 0, type: 'end', reason: 'invalid', mappings: { router: 0, cgn: 0 } },
      ],
    };
  }
  const resolved = resolveNatScenario(scenario);
  const sim = new NatSimulation(resolved, Math.max(1, options.eventCap ?? NAT_EVENT_CAP));
  sim.run();
  return { version: NAT_TRACE_VERSION, scenario: resolved, problems: [], events: sim.events };
}
