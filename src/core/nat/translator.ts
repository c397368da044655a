/**
 * One NAPT (RFC 3022 §2.2): its mappings, their sessions and idle timers, port allocation,
 * filtering and port forwards, written like RFC 4787 (UDP) and RFC 5382 (TCP) word them. Pure and
 * synchronous: the caller passes `now` and records what the methods return as trace events.
 */

import { NAT_PORT_MAX, sameEndpoint, type NatEndpoint, type NatProto } from './addresses.ts';
import type { NatFiltering, NatTimeouts } from './scenario.ts';
import type { ActiveForward, MappingSnapshot, NatId, NatMappingEvent, NatPacket, NatTimer, PacketKind, SessionState } from './trace.ts';

/** The end of the port range class 0–1023 (RFC 4787 REQ-3a: keep a source port in its class). */
export const LOW_PORT_MAX = 1023;
/** Lowest usable port (0 is reserved, RFC 6335 §6). */
const LOW_PORT_MIN = 1;
/**
 * Where a NAT that does not preserve ports starts looking: the first port of the dynamic range
 * (RFC 6335 §6). A choice of this simulation; real NATs often pick at random (RFC 6056).
 */
export const POOL_START = 49152;

const MS_PER_S = 1000;

/** How a translator is set up. */
export interface TranslatorConfig {
  id: NatId;
  /** Its outside address: every mapping's outside address. */
  external: string;
  filtering: NatFiltering;
  timeouts: Required<NatTimeouts>;
  portPreservation: boolean;
}

interface Session {
  remote: NatEndpoint;
  state: SessionState;
  expiresAt: number;
  timer: NatTimer;
  /** TCP: a SYN-ACK has passed, so the next ACK completes the handshake. */
  sawSynAck: boolean;
}

interface Mapping {
  id: number;
  proto: NatProto;
  inside: NatEndpoint;
  outside: NatEndpoint;
  /** Set for the static mapping of a port forward. */
  forward: ActiveForward | null;
  sessions: Session[];
}

/** A mapping event before the caller adds time, translator and packet. */
export type MappingChange = Pick<NatMappingEvent, 'action' | 'mapping'> & Partial<Pick<NatMappingEvent, 'remote' | 'timer'>>;

/** A packet rewritten on the way out (source) or in (destination). */
export interface Translated {
  ok: true;
  packet: NatPacket;
  mappingId: number;
  via: 'new-mapping' | 'mapping' | 'forward';
  changes: MappingChange[];
  portChanged?: { wanted: number; reason: 'in-use' | 'no-preservation' };
}

/** A packet the translator cannot pass. */
export interface Refused {
  ok: false;
  reason: 'no-mapping' | 'filtered' | 'no-port';
  mappingId?: number;
}

/** The timer of RFC 4787 REQ-5 (UDP) or RFC 5382 REQ-5 (TCP, by session state). */
export function timerFor(proto: NatProto, state: SessionState, t: Required<NatTimeouts>): NatTimer {
  if (proto === 'udp') return { kind: 'udp', ms: t.udp, rule: 'RFC 4787 REQ-5' };
  if (state === 'established') return { kind: 'tcp-established', ms: t.tcpEstablished, rule: 'RFC 5382 REQ-5' };
  return { kind: 'tcp-transitory', ms: t.tcpTransitory, rule: 'RFC 5382 REQ-5' };
}

/**
 * The TCP session state after a segment passes, either way (RFC 5382 REQ-5 distinguishes
 * established from transitory; RFC 7857 §2.1 spells out the tracking): a SYN opens, the ACK after
 * a SYN-ACK establishes, a FIN starts closing.
 */
export function nextTcpState(state: SessionState | null, kind: PacketKind, sawSynAck: boolean): SessionState {
  if (kind === 'FIN' || kind === 'FIN-ACK') return 'closing';
  if (state === null) return 'opening';
  if (state === 'opening' && kind === 'ACK' && sawSynAck) return 'established';
  return state;
}

/** A translator: the home router's NAT or the carrier-grade NAT. */
export class Translator {
  readonly config: TranslatorConfig;
  private mappings: Mapping[] = [];
  private forwardList: ActiveForward[] = [];
  private nextId = 1;

  constructor(config: TranslatorConfig) {
    this.config = config;
  }

  get id(): NatId {
    return this.config.id;
  }
  get external(): string {
    return this.config.external;
  }
  /** Live mappings, static ones included. */
  get size(): number {
    return this.mappings.length;
  }
  private snapshot(m: Mapping): MappingSnapshot {
    const sessions = m.sessions.map((s) => ({ remote: { ...s.remote }, state: s.state, expiresAt: s.expiresAt, timer: { ...s.timer } }));
    const expiresAt = m.forward !== null ? null : sessions.reduce((max, s) => Math.max(max, s.expiresAt), -Infinity);
    return { id: m.id, proto: m.proto, inside: { ...m.inside }, outside: { ...m.outside }, static: m.forward !== null, sessions, expiresAt: Number.isFinite(expiresAt) ? expiresAt : null };
  }

  /** The mapping a packet from `inside` to `remote` leaves by: one already carrying that session, else a forward's, else any (EIM). */
  private outboundMapping(proto: NatProto, inside: NatEndpoint, remote: NatEndpoint): Mapping | undefined {
    const own = this.mappings.filter((m) => m.proto === proto && sameEndpoint(m.inside, inside));
    return own.find((m) => m.sessions.some((s) => sameEndpoint(s.remote, remote))) ?? own.find((m) => m.forward !== null) ?? own[0];
  }

  private byOutsidePort(proto: NatProto, port: number): Mapping | undefined {
    return this.mappings.find((m) => m.proto === proto && m.outside.port === port);
  }

  /** Public ports in use for `proto`: by mappings and by forwards (a forward holds its port even when idle). */
  takenPorts(proto: NatProto): Set<number> {
    return new Set(this.mappings.filter((m) => m.proto === proto).map((m) => m.outside.port));
  }

  /**
   * A free public port for a source port `wanted`. RFC 4787 REQ-3: never one already in use (no
   * "port overloading"); REQ-3a: in the same range class (1–1023 or 1024–65535); REQ-4: the same
   * parity where possible. With port preservation the search starts at `wanted` itself (§4.2.1),
   * otherwise at {@link POOL_START} (or the bottom of the low class). Null when the class is full.
   */
  allocate(proto: NatProto, wanted: number): number | null {
    const taken = this.takenPorts(proto);
    const low = wanted <= LOW_PORT_MAX;
    const lo = low ? LOW_PORT_MIN : LOW_PORT_MAX + 1;
    const hi = low ? LOW_PORT_MAX : NAT_PORT_MAX;
    const size = hi - lo + 1;
    const parity = wanted % 2;
    let start = this.config.portPreservation ? wanted : low ? lo : POOL_START;
    if (start % 2 !== parity) start += 1;
    for (const sameParity of [true, false]) {
      for (let k = 0; k < size; k += 1) {
        const p = lo + ((start - lo + k) % size);
        if ((p % 2 === parity) !== sameParity) continue;
        if (!taken.has(p)) return p;
      }
    }
    return null;
  }

  /** Applies a packet to a session: state, timer (refreshed), and which change to report. */
  private touch(m: Mapping, remote: NatEndpoint, kind: PacketKind, now: number, outbound: boolean): MappingChange | null {
    const t = this.config.timeouts;
    let s = m.sessions.find((x) => sameEndpoint(x.remote, remote));
    const isNew = s === undefined;
    if (m.proto === 'udp') {
      // RFC 4787 REQ-6: outbound packets refresh the mapping (all of its sessions share one timer);
      // inbound refresh is only a MAY (REQ-6a) and is not modelled.
      const timer = timerFor('udp', 'udp', t);
      const current = m.sessions[0]?.expiresAt;
      const expiresAt = outbound || current === undefined ? now + timer.ms : current;
      if (s === undefined) {
        s = { remote: { ...remote }, state: 'udp', expiresAt, timer, sawSynAck: false };
        m.sessions.push(s);
      }
      if (outbound || isNew) for (const x of m.sessions) x.expiresAt = expiresAt;
      if (isNew) return { action: 'session', mapping: this.snapshot(m), remote: { ...remote }, timer };
      return outbound ? { action: 'refreshed', mapping: this.snapshot(m), remote: { ...remote }, timer } : null;
    }
    // TCP: the session's idle timer restarts on every segment of it, either way (RFC 5382 REQ-5).
    const before = s?.state ?? null;
    const sawSynAck = (s?.sawSynAck ?? false) || kind === 'SYN-ACK';
    const state = nextTcpState(before, kind, s?.sawSynAck ?? false);
    const timer = timerFor('tcp', state, t);
    if (s === undefined) {
      s = { remote: { ...remote }, state, expiresAt: now + timer.ms, timer, sawSynAck };
      m.sessions.push(s);
    } else {
      s.state = state;
      s.expiresAt = now + timer.ms;
      s.timer = timer;
      s.sawSynAck = sawSynAck;
    }
    if (isNew) return { action: 'session', mapping: this.snapshot(m), remote: { ...remote }, timer };
    if (before !== state) return { action: 'state', mapping: this.snapshot(m), remote: { ...remote }, timer };
    return { action: 'refreshed', mapping: this.snapshot(m), remote: { ...remote }, timer };
  }

  /**
   * A packet from inside: its source becomes the mapping's outside endpoint. Endpoint-Independent
   * Mapping (RFC 4787 REQ-1, RFC 5382 REQ-1): one inside endpoint keeps one outside endpoint,
   * whatever the destination.
   */
  outbound(p: NatPacket, now: number): Translated | Refused {
    let m = this.outboundMapping(p.proto, p.src, p.dst);
    const changes: MappingChange[] = [];
    let via: Translated['via'] = m === undefined ? 'new-mapping' : m.forward !== null ? 'forward' : 'mapping';
    let portChanged: Translated['portChanged'];
    if (m === undefined) {
      const port = this.allocate(p.proto, p.src.port);
      if (port === null) return { ok: false, reason: 'no-port' };
      if (port !== p.src.port) portChanged = { wanted: p.src.port, reason: this.config.portPreservation ? 'in-use' : 'no-preservation' };
      m = { id: this.nextId++, proto: p.proto, inside: { ...p.src }, outside: { address: this.external, port }, forward: null, sessions: [] };
      this.mappings.push(m);
      via = 'new-mapping';
    }
    const change = this.touch(m, p.dst, p.kind, now, true);
    if (change !== null) changes.push(via === 'new-mapping' ? { ...change, action: 'created' } : change);
    const packet: NatPacket = { ...p, src: { ...m.outside }, dst: { ...p.dst } };
    return { ok: true, packet, mappingId: m.id, via, changes, ...(portChanged !== undefined ? { portChanged } : {}) };
  }

  /**
   * Whether the filter of a dynamic mapping lets a packet from `from` in (RFC 4787 §5, RFC 5382
   * REQ-3): anyone, only addresses the inside endpoint has sent to, or only address-and-port pairs.
   */
  private passes(m: Mapping, from: NatEndpoint): boolean {
    switch (this.config.filtering) {
      case 'endpoint-independent':
        return true;
      case 'address-dependent':
        return m.sessions.some((s) => s.remote.address === from.address);
      case 'address-and-port-dependent':
        return m.sessions.some((s) => sameEndpoint(s.remote, from));
    }
  }

  /**
   * A packet from outside to the translator's address: its destination becomes the inside
   * endpoint of the mapping that holds the port. A forward's static mapping lets anyone in (that
   * is what a forward is for, RFC 3022 §2.2); a dynamic one filters. No mapping: refused.
   */
  inbound(p: NatPacket, now: number): Translated | Refused {
    const m = p.dst.address === this.external ? this.byOutsidePort(p.proto, p.dst.port) : undefined;
    if (m === undefined) return { ok: false, reason: 'no-mapping' };
    if (m.forward === null && !this.passes(m, p.src)) return { ok: false, reason: 'filtered', mappingId: m.id };
    const changes: MappingChange[] = [];
    const change = this.touch(m, p.src, p.kind, now, false);
    if (change !== null) changes.push(change);
    const packet: NatPacket = { ...p, src: { ...p.src }, dst: { ...m.inside } };
    return { ok: true, packet, mappingId: m.id, via: m.forward !== null ? 'forward' : 'mapping', changes };
  }

  /** The earliest time a session or a forward runs out (Infinity when none will). */
  nextDeadline(): number {
    let t = Infinity;
    for (const m of this.mappings) for (const s of m.sessions) t = Math.min(t, s.expiresAt);
    for (const f of this.forwardList) if (f.expiresAt !== null) t = Math.min(t, f.expiresAt);
    return t;
  }

  /**
   * Ends everything due at or before `now`: sessions whose idle timer ran out, dynamic mappings
   * left with no session (RFC 4787 REQ-5, RFC 5382 REQ-5), forwards whose PCP lifetime ended.
   */
  expire(now: number): { changes: MappingChange[]; forwards: ActiveForward[] } {
    const changes: MappingChange[] = [];
    const ended: ActiveForward[] = [];
    for (const f of [...this.forwardList]) {
      if (f.expiresAt !== null && f.expiresAt <= now) {
        const gone = this.dropForward(f);
        ended.push(f);
        if (gone !== null) changes.push({ action: 'removed', mapping: gone, timer: { kind: 'pcp-lifetime', ms: (f.lifetime ?? 0) * MS_PER_S, rule: 'RFC 6887 §15' } });
      }
    }
    for (const m of [...this.mappings]) {
      const due = m.sessions.filter((s) => s.expiresAt <= now);
      if (due.length === 0) continue;
      const last = due[due.length - 1] as Session;
      if (m.forward === null && due.length === m.sessions.length) {
        const snap = this.snapshot(m);
        this.mappings = this.mappings.filter((x) => x !== m);
        changes.push({ action: 'expired', mapping: snap, timer: { ...last.timer } });
        continue;
      }
      for (const s of due) {
        m.sessions = m.sessions.filter((x) => x !== s);
        changes.push({ action: 'session-expired', mapping: this.snapshot(m), remote: { ...s.remote }, timer: { ...s.timer } });
      }
    }
    return { changes, forwards: ended };
  }

  /** The forward for `proto` and `publicPort`, if any. */
  forwardFor(proto: NatProto, publicPort: number): ActiveForward | undefined {
    return this.forwardList.find((f) => f.proto === proto && f.publicPort === publicPort);
  }

  /**
   * Adds a port forward and its static mapping (RFC 3022 §2.2). Refused when the port is already
   * forwarded, or held by a dynamic mapping (no port overloading, RFC 4787 REQ-3).
   */
  addForward(f: ActiveForward): { ok: true; change: MappingChange } | { ok: false; reason: 'duplicate' | 'port-in-use'; holder?: NatEndpoint } {
    if (this.forwardFor(f.proto, f.publicPort) !== undefined) return { ok: false, reason: 'duplicate' };
    const holder = this.byOutsidePort(f.proto, f.publicPort);
    if (holder !== undefined) return { ok: false, reason: 'port-in-use', holder: { ...holder.inside } };
    const forward = { ...f };
    this.forwardList.push(forward);
    const m: Mapping = {
      id: this.nextId++,
      proto: f.proto,
      inside: { address: f.insideAddress, port: f.insidePort },
      outside: { address: this.external, port: f.publicPort },
      forward,
      sessions: [],
    };
    this.mappings.push(m);
    return { ok: true, change: { action: 'created', mapping: this.snapshot(m) } };
  }

  /** Removes a forward and its static mapping (sessions through it end with it). */
  removeForward(proto: NatProto, publicPort: number): { forward: ActiveForward; change: MappingChange | null } | null {
    const f = this.forwardFor(proto, publicPort);
    if (f === undefined) return null;
    const gone = this.dropForward(f);
    return { forward: f, change: gone === null ? null : { action: 'removed', mapping: gone } };
  }

  private dropForward(f: ActiveForward): MappingSnapshot | null {
    this.forwardList = this.forwardList.filter((x) => x !== f);
    const m = this.mappings.find((x) => x.forward === f);
    if (m === undefined) return null;
    this.mappings = this.mappings.filter((x) => x !== m);
    return this.snapshot(m);
  }
}
