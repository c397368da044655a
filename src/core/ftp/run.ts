/**
 * FTP simulation is a function: scenario → trace. Two hosts that speak just enough FTP (login,
 * one data-connection setup, one transfer), just enough TCP (the handshake, SYN retransmission,
 * closing FINs), and at most one middlebox on the path: a NAT router with or without an FTP ALG,
 * or a stateful firewall. Deterministic and never throws.
 */
import { formatMs } from '../sim/narrate.ts';
import { RTO_INITIAL_MS, RTO_MAX_MS, roundTime } from '../tcp/timers.ts';
import {
  encodeHostPort,
  formatFtpEndpoint,
  formatEprt,
  formatEpsvReply,
  formatPasvReply,
  isPrivateIpv4,
  MAX_PORT,
  parseEprt,
  parseEpsvReply,
  parseHostPort,
  parsePasvReply,
  type FtpEndpoint,
} from './encoding.ts';
import { resolveFtpScenario, validateFtpScenario, type ResolvedFtpScenario } from './scenario.ts';
import {
  FTP_TRACE_VERSION,
  type FtpConnection,
  type FtpConnectionEvent,
  type FtpConnectionStatus,
  type FtpDropReason,
  type FtpEvent,
  type FtpFlags,
  type FtpForwardRule,
  type FtpHost,
  type FtpLane,
  type FtpOutcome,
  type FtpPacket,
  type FtpSendEvent,
  type FtpTrace,
  type NatMapping,
} from './trace.ts';

/** Runaway guard: far more events than any valid scenario makes (a failing run has about 60). */
export const FTP_EVENT_CAP = 10_000;
/** Where on the path a packet to an unroutable address vanishes, for the ladder: the middle. */
export const NO_ROUTE_POINT = 0.5;
/** Every command and reply line ends with CRLF (RFC 959 §4.1, §4.2). */
export const CRLF_BYTES = 2;
/** The anonymous login (RFC 1635): user "anonymous", an e-mail address as the password (RFC 2606 §3 reserves example.com). */
export const ANONYMOUS_USER = 'anonymous';
export const ANONYMOUS_PASSWORD = 'guest@example.com';
/** Lowest port a NAT hands out when it cannot keep the inside port (above the System Ports, RFC 6335 §6). */
const NAT_PORT_FLOOR = 1024;

/** Reply texts as RFC 959 §4.2.2 words them (229 from RFC 2428 §3, built by formatEpsvReply). */
export const FTP_REPLY_TEXT = {
  220: 'Service ready for new user.',
  331: 'User name okay, need password.',
  230: 'User logged in, proceed.',
  200: 'Command okay.',
  150: 'File status okay; about to open data connection.',
  226: 'Closing data connection. Requested file action successful.',
  425: "Can't open data connection.",
} as const;

/** A reply line: "220 Service ready for new user." */
export function replyLine(code: keyof typeof FTP_REPLY_TEXT): string {
  return `${code} ${FTP_REPLY_TEXT[code]}`;
}

/** The failure trace of an invalid scenario. */
function invalidTrace(problems: FtpTrace['problems']): FtpTrace {
  const message = `invalid scenario: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
  return {
    version: FTP_TRACE_VERSION,
    scenario: null,
    problems,
    events: [
      { t: 0, type: 'error', on: 'sim', code: 'invalid-scenario', message },
      { t: 0, type: 'end', outcome: 'invalid' },
    ],
  };
}

/**
 * Simulates one FTP session. Never throws: an invalid scenario gives a trace with an
 * `invalid-scenario` error event and the problems; a runaway run stops at {@link FTP_EVENT_CAP}.
 * The same scenario always gives the same trace.
 */
export function runFtpScenario(input: unknown): FtpTrace {
  const { scenario, problems } = validateFtpScenario(input);
  if (scenario === undefined) return invalidTrace(problems);
  const resolved = resolveFtpScenario(scenario);
  const run = new FtpRun(resolved);
  try {
    run.run();
  } catch (err) {
    run.events.push({ t: run.now, type: 'error', on: 'sim', code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` });
    run.events.push({ t: run.now, type: 'end', outcome: 'incomplete' });
  }
  return { version: FTP_TRACE_VERSION, scenario: resolved, problems: [], events: run.events };
}

interface QueueItem {
  t: number;
  seq: number;
  fn: () => void;
}

/** A connection attempt by the host that sends the SYN. */
interface Attempt {
  conn: FtpConnection;
  opener: FtpHost;
  from: FtpEndpoint;
  to: FtpEndpoint;
  section: string;
  established: boolean;
  cancelled: boolean;
  /** The other host's view of the connection, learned when the SYN arrives. */
  seenByPeer?: { from: FtpEndpoint; to: FtpEndpoint };
  /** The last reason a SYN of this attempt was dropped. */
  lastDrop?: string;
}

const same = (a: FtpEndpoint, b: FtpEndpoint) => a.address === b.address && a.port === b.port;
const key = (a: FtpEndpoint, b: FtpEndpoint) => `${formatFtpEndpoint(a)}>${formatFtpEndpoint(b)}`;

class StopRun extends Error {}

class FtpRun {
  readonly events: FtpEvent[] = [];
  now = 0;
  private readonly s: ResolvedFtpScenario;
  private readonly queue: QueueItem[] = [];
  private seq = 0;
  private nextId = 1;
  private readonly sends = new Map<number, FtpSendEvent>();
  // Middlebox state.
  private readonly mappings: NatMapping[] = [];
  private nextPublicPort: number | null = null;
  private readonly tracked = new Set<string>();
  // Host state.
  private control: Attempt | null = null;
  private data: Attempt | null = null;
  private serverControlUp = false;
  private serverDataUp = false;
  private serverCommand = false;
  private activeTarget: FtpEndpoint | null = null;
  private passiveListening = false;
  private clientListening = false;
  private outcome: FtpOutcome | null = null;
  private acceptTimerSet = false;

  constructor(s: ResolvedFtpScenario) {
    this.s = s;
    if (s.middlebox !== 'none' && s.middlebox.kind === 'nat') this.nextPublicPort = s.middlebox.firstPublicPort;
  }

  // ---- scheduling -----------------------------------------------------------------------------

  private at(t: number, fn: () => void): void {
    const item = { t: roundTime(t), seq: this.seq++, fn };
    // Insert keeping (t, seq) order; the queue stays small, so a linear scan from the end is enough.
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1] as QueueItem).t > item.t) i -= 1;
    this.queue.splice(i, 0, item);
  }

  private push(e: FtpEvent): number {
    if (this.events.length >= FTP_EVENT_CAP) throw new StopRun();
    this.events.push(e);
    return this.events.length - 1;
  }

  run(): void {
    const { client, server } = this.s;
    try {
      this.listen('server', 'start', { address: server.address, port: server.controlPort }, 'control', 'for control connections (RFC 959 §5.2)');
      this.openConnection('client', 'control', { address: client.address, port: client.controlPort }, { address: server.address, port: server.controlPort }, 'RFC 959 §2.3, §5.2');
      while (this.queue.length > 0) {
        const item = this.queue.shift() as QueueItem;
        this.now = item.t;
        item.fn();
      }
    } catch (err) {
      if (!(err instanceof StopRun)) throw err;
      this.events.push({ t: this.now, type: 'error', on: 'sim', code: 'event-cap', message: `stopped after ${FTP_EVENT_CAP} events` });
      this.events.push({ t: this.now, type: 'end', outcome: 'incomplete' });
      return;
    }
    // Timers that found nothing left to do do not move the end: it is the last thing that happened.
    const last = this.events[this.events.length - 1];
    this.push({ t: last === undefined ? 0 : last.t, type: 'end', outcome: this.outcome ?? 'incomplete' });
  }

  // ---- path -----------------------------------------------------------------------------------

  private get mbSide(): FtpHost | null {
    const mb = this.s.middlebox;
    if (mb === 'none') return null;
    return mb.kind === 'nat' ? 'client' : mb.at;
  }

  /** Sends a packet from a host towards the other host: the first hop. */
  private transmit(from: FtpHost, packet: FtpPacket, retransmission = false): void {
    const to: FtpLane = this.mbSide === null ? (from === 'client' ? 'server' : 'client') : 'middlebox';
    this.hop(from, to, packet, retransmission);
  }

  /**
   * One hop. The hop between a host and the middlebox at the edge of its own network takes no
   * time; the other hop crosses the internet (the scenario's one-way delay) and is where an
   * address nobody routes to gets lost.
   */
  private hop(from: FtpLane, to: FtpLane, packet: FtpPacket, retransmission: boolean): void {
    const side = this.mbSide;
    const lan = side !== null && (from === side || to === side);
    const delay = lan ? 0 : this.s.oneWayDelay;
    const id = this.nextId++;
    const send: FtpSendEvent = { t: this.now, type: 'send', id, from, to, packet, delay, fate: null, ...(retransmission ? { retransmission: true as const } : {}) };
    this.push(send);
    this.sends.set(id, send);
    const towardClient = to === 'client' || (to === 'middlebox' && side === 'client');
    const lost = lan ? null : this.unroutable(packet.dst, towardClient);
    if (lost !== null) {
      this.at(this.now + delay * NO_ROUTE_POINT, () => this.drop(id, 'no-route', NO_ROUTE_POINT, lost.message, lost.section));
      return;
    }
    this.at(this.now + delay, () => this.arrive(id, to, from));
  }

  /** Why the internet cannot deliver to `dst`, or null when it can. */
  private unroutable(dst: FtpEndpoint, towardClient: boolean): { message: string; section: string } | null {
    const { client, server, middlebox } = this.s;
    if (!towardClient) {
      return dst.address === server.address ? null : { message: `The packet goes nowhere: no host answers at ${dst.address} in this model`, section: '' };
    }
    const nat = middlebox !== 'none' && middlebox.kind === 'nat' ? middlebox : null;
    if (nat !== null && dst.address === nat.publicAddress) return null;
    if (nat === null && dst.address === client.address) return null;
    if (isPrivateIpv4(dst.address)) {
      return {
        message: `The SYN goes nowhere: ${dst.address} is a private address, and routers on the internet carry no route to private networks`,
        section: 'RFC 1918 §3',
      };
    }
    return { message: `The packet goes nowhere: no host answers at ${dst.address} in this model`, section: '' };
  }

  private setFate(id: number, type: 'receive' | 'drop', index: number): void {
    const send = this.sends.get(id);
    if (send !== undefined) send.fate = { type, t: this.now, index };
  }

  private drop(id: number, reason: FtpDropReason, where: number, message: string, section: string): void {
    const index = this.push({ t: this.now, type: 'drop', id, reason, where, message, section });
    this.setFate(id, 'drop', index);
    const packet = this.sends.get(id)?.packet;
    if (packet !== undefined && packet.flags === 'SYN') {
      const attempt = packet.conn === 'control' ? this.control : this.data;
      if (attempt !== null) attempt.lastDrop = message;
    }
  }

  private arrive(id: number, at: FtpLane, from: FtpLane): void {
    const packet = (this.sends.get(id) as FtpSendEvent).packet;
    if (at === 'middlebox') {
      this.middlebox(id, packet, from);
      return;
    }
    const index = this.push({ t: this.now, type: 'receive', id, on: at });
    this.setFate(id, 'receive', index);
    if (at === 'server') this.serverReceives(packet);
    else this.clientReceives(packet);
  }

  // ---- middlebox ------------------------------------------------------------------------------

  private middlebox(id: number, packet: FtpPacket, from: FtpLane): void {
    const mb = this.s.middlebox;
    if (mb === 'none') throw new Error('a packet reached a middlebox that does not exist');
    const next: FtpLane = from === 'client' ? 'server' : 'client';
    if (mb.kind === 'firewall') {
      const inbound = next === mb.at;
      const inside = inbound ? packet.dst : packet.src;
      const outside = inbound ? packet.src : packet.dst;
      let rule: FtpForwardRule;
      let section = 'RFC 1579';
      if (!inbound) {
        this.tracked.add(key(inside, outside));
        rule = 'outbound';
      } else if (this.tracked.has(key(inside, outside))) rule = 'tracked';
      else if (packet.flags === 'SYN' && mb.allowInbound.includes(packet.dst.port)) {
        this.tracked.add(key(inside, outside));
        rule = 'allowed';
        section = 'RFC 1579';
      } else {
        const who = mb.at === 'client' ? "The client's firewall" : "The server's firewall";
        const allow = mb.allowInbound.length === 0 ? 'it allows no inbound connections' : `its inbound allow list holds only ${mb.allowInbound.join(', ')}`;
        const message = `${who} drops the unsolicited SYN from ${formatFtpEndpoint(packet.src)} to ${formatFtpEndpoint(packet.dst)}: nobody inside opened this connection, and ${allow}`;
        this.drop(id, 'firewall', 1, message, 'RFC 1579');
        return;
      }
      this.accept(id);
      this.forward(id, packet, next, { by: 'firewall', rule, section });
      return;
    }
    // NAT in front of the client (NAPT, RFC 3022 §2.2).
    if (from === 'client') {
      this.accept(id);
      let created: NatMapping | undefined;
      let mapping = this.mappings.find((m) => same(m.inside, packet.src));
      if (mapping === undefined) {
        mapping = this.map(packet.src, 'outbound');
        created = mapping;
      }
      let out: FtpPacket = { ...packet, src: { ...mapping.outside } };
      const rewritten = mb.alg && packet.conn === 'control' && packet.line !== undefined ? this.alg(id, packet.line) : null;
      if (rewritten !== null) out = { ...out, line: rewritten.line, bytes: rewritten.line.length + CRLF_BYTES };
      this.forward(id, out, next, {
        by: 'nat',
        rule: 'outbound',
        section: 'RFC 3022 §2.2',
        translated: { before: { src: packet.src, dst: packet.dst }, after: { src: out.src, dst: out.dst } },
        ...(created !== undefined ? { mapping: created } : {}),
      });
      return;
    }
    const mapping = this.mappings.find((m) => m.outside.port === packet.dst.port && m.outside.address === packet.dst.address);
    if (mapping === undefined) {
      const message = `The router drops the SYN: it has no mapping for ${formatFtpEndpoint(packet.dst)}, so it does not know which inside host should get it (only connections opened from inside, or static port forwards, get in)`;
      this.drop(id, 'no-mapping', 1, message, 'RFC 3022 §2.2');
      return;
    }
    this.accept(id);
    const out: FtpPacket = { ...packet, dst: { ...mapping.inside } };
    this.forward(id, out, next, {
      by: 'nat',
      rule: 'mapping',
      section: 'RFC 3022 §2.2',
      translated: { before: { src: packet.src, dst: packet.dst }, after: { src: out.src, dst: out.dst } },
    });
  }

  /** The middlebox takes packet `id` in (it will pass it on). */
  private accept(id: number): void {
    const index = this.push({ t: this.now, type: 'receive', id, on: 'middlebox' });
    this.setFate(id, 'receive', index);
  }

  private forward(id: number, packet: FtpPacket, next: FtpLane, how: { by: 'nat' | 'firewall'; rule: FtpForwardRule; section: string; translated?: { before: { src: FtpEndpoint; dst: FtpEndpoint }; after: { src: FtpEndpoint; dst: FtpEndpoint } }; mapping?: NatMapping }): void {
    const nextId = this.nextId;
    this.push({ t: this.now, type: 'forward', id, next: nextId, by: how.by, rule: how.rule, section: how.section, ...(how.translated !== undefined ? { translated: how.translated } : {}), ...(how.mapping !== undefined ? { mapping: how.mapping } : {}) });
    const retransmission = this.sends.get(id)?.retransmission === true;
    this.hop('middlebox', next, packet, retransmission);
  }

  /** A new mapping for an inside endpoint: the inside port if free (port preservation) or the next free one. */
  private map(inside: FtpEndpoint, by: NatMapping['by']): NatMapping {
    const nat = this.s.middlebox;
    if (nat === 'none' || nat.kind !== 'nat') throw new Error('map() without a NAT');
    const used = (p: number) => this.mappings.some((m) => m.outside.port === p);
    let port = this.nextPublicPort ?? inside.port;
    while (used(port)) port = port >= MAX_PORT ? NAT_PORT_FLOOR : port + 1;
    if (this.nextPublicPort !== null) this.nextPublicPort = port >= MAX_PORT ? NAT_PORT_FLOOR : port + 1;
    const mapping: NatMapping = { inside: { ...inside }, outside: { address: nat.publicAddress, port }, by };
    this.mappings.push(mapping);
    return mapping;
  }

  /**
   * The FTP ALG (RFC 3022 §4.4): reads PORT and EPRT commands (Linux's nf_conntrack_ftp tracks
   * both: NF_CT_FTP_PORT, NF_CT_FTP_EPRT) and, when they name the client's private address,
   * maps a public port to it and writes the public address and port instead.
   */
  private alg(id: number, line: string): { line: string } | null {
    const upper = line.slice(0, 5).toUpperCase();
    let inside: FtpEndpoint | null = null;
    let rewrite: ((e: FtpEndpoint) => string) | null = null;
    if (upper === 'PORT ') {
      const hp = parseHostPort(line.slice(5));
      if (hp.ok) {
        inside = { address: hp.address, port: hp.port };
        rewrite = (e) => `PORT ${encodeHostPort(e.address, e.port)}`;
      }
    } else if (upper === 'EPRT ') {
      const e = parseEprt(line.slice(5));
      if (e.ok && e.family === 1) {
        inside = { address: e.address, port: e.port };
        rewrite = (p) => `EPRT ${formatEprt(p.address, p.port, e.delimiter)}`;
      }
    }
    if (inside === null || rewrite === null || inside.address !== this.s.client.address) return null;
    const mapping = this.mappings.find((m) => same(m.inside, inside)) ?? this.map(inside, 'alg');
    const after = rewrite(mapping.outside);
    this.push({ t: this.now, type: 'alg', id, before: line, after, mapping, lengthChange: after.length - line.length, section: 'RFC 3022 §4.4' });
    return { line: after };
  }

  // ---- TCP, just enough -----------------------------------------------------------------------

  private listen(on: FtpHost, action: 'start' | 'stop', endpoint: FtpEndpoint, purpose: FtpConnection, why: string): void {
    this.push({ t: this.now, type: 'listen', on, action, endpoint, purpose, why });
  }

  private connection(a: Attempt, status: FtpConnectionStatus, reason?: string, reasonSection?: string): void {
    const e: FtpConnectionEvent = { t: this.now, type: 'connection', conn: a.conn, status, opener: a.opener, from: a.from, to: a.to, section: a.section };
    if (a.seenByPeer !== undefined && (!same(a.seenByPeer.from, a.from) || !same(a.seenByPeer.to, a.to))) e.seenByPeer = a.seenByPeer;
    if (reason !== undefined) e.reason = reason;
    if (reasonSection !== undefined) e.reasonSection = reasonSection;
    this.push(e);
  }

  private packet(conn: FtpConnection, flags: FtpFlags, src: FtpEndpoint, dst: FtpEndpoint, extra: { line?: string; bytes?: number } = {}): FtpPacket {
    const p: FtpPacket = { conn, flags, src: { ...src }, dst: { ...dst }, bytes: extra.bytes ?? 0 };
    if (extra.line !== undefined) {
      p.line = extra.line;
      p.bytes = extra.line.length + CRLF_BYTES;
    }
    return p;
  }

  /**
   * Active open with SYN retransmission: the SYN is sent again after the RTO, 1 s at first (RFC
   * 6298 §2.1) and doubled each time (§5.5), until the connect timeout, when the opener gives up.
   */
  private openConnection(opener: FtpHost, conn: FtpConnection, from: FtpEndpoint, to: FtpEndpoint, section: string): Attempt {
    const a: Attempt = { conn, opener, from, to, section, established: false, cancelled: false };
    if (conn === 'control') this.control = a;
    else this.data = a;
    const start = this.now;
    const deadline = start + this.s.connectTimeout;
    this.connection(a, 'opening');
    this.transmit(opener, this.packet(conn, 'SYN', from, to));
    const retry = (rto: number) => {
      const next = this.now + rto;
      if (next < deadline) {
        this.at(next, () => {
          if (a.established || a.cancelled) return;
          this.transmit(opener, this.packet(conn, 'SYN', from, to), true);
          retry(Math.min(rto * 2, RTO_MAX_MS));
        });
      } else {
        this.at(deadline, () => {
          if (a.established || a.cancelled) return;
          a.cancelled = true;
          this.giveUp(a);
        });
      }
    };
    retry(RTO_INITIAL_MS);
    return a;
  }

  private giveUp(a: Attempt): void {
    const wait = formatMs(this.s.connectTimeout);
    const why = a.lastDrop !== undefined ? `no SYN-ACK came back in ${wait}. ${a.lastDrop}` : `no SYN-ACK came back in ${wait}`;
    this.connection(a, 'failed', why, 'RFC 6298 §5.5');
    if (a.conn === 'control') {
      this.push({ t: this.now, type: 'error', on: 'client', code: 'connection timed out', message: 'connection timed out' });
      this.outcome = 'control-failed';
      return;
    }
    if (a.opener === 'server') this.serverDataFailed();
  }

  // ---- the server -----------------------------------------------------------------------------

  private reply(line: string): void {
    const c = this.control as Attempt;
    const server = c.seenByPeer?.to ?? c.to;
    const client = c.seenByPeer?.from ?? c.from;
    this.transmit('server', this.packet('control', 'PSH,ACK', server, client, { line }));
  }

  private serverReceives(p: FtpPacket): void {
    const { server } = this.s;
    if (p.conn === 'control') {
      const c = this.control as Attempt;
      if (p.flags === 'SYN') {
        c.seenByPeer = { from: p.src, to: p.dst };
        this.transmit('server', this.packet('control', 'SYN,ACK', p.dst, p.src));
      } else if (p.flags === 'ACK' && !this.serverControlUp) {
        this.serverControlUp = true;
        this.reply(replyLine(220));
      } else if (p.line !== undefined) this.serverLine(p.line);
      return;
    }
    // Data connection.
    const d = this.data;
    if (d === null) return;
    if (p.flags === 'SYN') {
      // Passive: the server accepts on its passive port.
      d.seenByPeer = { from: p.src, to: p.dst };
      this.transmit('server', this.packet('data', 'SYN,ACK', p.dst, p.src));
    } else if (p.flags === 'SYN,ACK') {
      // Active: the client accepted the server's SYN.
      d.established = true;
      this.transmit('server', this.packet('data', 'ACK', p.dst, p.src));
      this.connection(d, 'open');
      this.serverDataUp = true;
      if (this.serverCommand) this.transfer();
    } else if (p.flags === 'ACK' && !this.serverDataUp) {
      this.serverDataUp = true;
      if (this.passiveListening) {
        this.passiveListening = false;
        this.listen('server', 'stop', { address: server.address, port: server.passivePort }, 'data', 'it has its data connection');
      }
      if (this.serverCommand) this.transfer();
    } else if (p.flags === 'FIN,ACK') {
      this.connection(d, 'closed', 'both ends sent FIN; the server\'s FIN marked the end of the data', 'RFC 959 §3.4.1');
    }
  }

  private serverLine(line: string): void {
    const { server, command } = this.s;
    const verb = line.split(' ')[0]?.toUpperCase() ?? '';
    switch (verb) {
      case 'USER':
        this.reply(replyLine(331));
        return;
      case 'PASS':
        this.reply(replyLine(230));
        return;
      case 'PORT': {
        const hp = parseHostPort(line.slice(5));
        if (!hp.ok) throw new Error(`server could not read ${line}`);
        this.activeTarget = { address: hp.address, port: hp.port };
        this.reply(replyLine(200));
        return;
      }
      case 'EPRT': {
        const e = parseEprt(line.slice(5));
        if (!e.ok) throw new Error(`server could not read ${line}`);
        this.activeTarget = { address: e.address, port: e.port };
        this.reply(replyLine(200));
        return;
      }
      case 'PASV':
      case 'EPSV': {
        this.passiveListening = true;
        const why = verb === 'PASV' ? 'for the data connection the client will open (PASV, RFC 959 §4.1.2)' : 'for the data connection the client will open (EPSV, RFC 2428 §3)';
        this.listen('server', 'start', { address: server.address, port: server.passivePort }, 'data', why);
        this.reply(verb === 'PASV' ? formatPasvReply(server.address, server.passivePort) : formatEpsvReply(server.passivePort));
        return;
      }
      default:
        break;
    }
    if (verb !== command.verb) throw new Error(`server got an unexpected command ${line}`);
    this.serverCommand = true;
    this.reply(replyLine(150));
    if (this.activeTarget !== null) {
      // Active: "the server shall initiate the data connection from his own default data port (L-1)" (RFC 959 §5.2, §3.2).
      this.openConnection('server', 'data', { address: server.address, port: server.controlPort - 1 }, this.activeTarget, 'RFC 959 §3.2, §5.2');
      return;
    }
    if (this.serverDataUp) {
      this.transfer();
      return;
    }
    // Passive: wait for the client's connection, but not for ever.
    if (!this.acceptTimerSet) {
      this.acceptTimerSet = true;
      this.at(this.now + this.s.connectTimeout, () => {
        if (this.serverDataUp) return;
        if (this.passiveListening) {
          this.passiveListening = false;
          this.listen('server', 'stop', { address: server.address, port: server.passivePort }, 'data', `no data connection arrived in ${formatMs(this.s.connectTimeout)}`);
        }
        this.reply(replyLine(425));
      });
    }
  }

  private serverDataFailed(): void {
    this.reply(replyLine(425));
  }

  /** Sends the listing or file and closes the data connection, which marks the end of the data (RFC 959 §3.4.1), then 226. */
  private transfer(): void {
    const d = this.data as Attempt;
    const server = d.opener === 'server' ? d.from : (d.seenByPeer?.to ?? d.to);
    const client = d.opener === 'server' ? d.to : (d.seenByPeer?.from ?? d.from);
    const bytes = this.s.command.bytes;
    if (bytes > 0) this.transmit('server', this.packet('data', 'PSH,ACK', server, client, { bytes }));
    this.transmit('server', this.packet('data', 'FIN,ACK', server, client));
    this.reply(replyLine(226));
  }

  // ---- the client -----------------------------------------------------------------------------

  private say(line: string): void {
    const c = this.control as Attempt;
    this.transmit('client', this.packet('control', 'PSH,ACK', c.from, c.to, { line }));
  }

  private clientReceives(p: FtpPacket): void {
    const { client, mode, command } = this.s;
    if (p.conn === 'control') {
      const c = this.control as Attempt;
      if (p.flags === 'SYN,ACK') {
        c.established = true;
        this.transmit('client', this.packet('control', 'ACK', p.dst, p.src));
        this.connection(c, 'open');
        return;
      }
      const line = p.line ?? '';
      const code = Number(line.slice(0, 3));
      const commandLine = command.verb === 'LIST' ? 'LIST' : `RETR ${command.name}`;
      if (code === 220) this.say(`USER ${ANONYMOUS_USER}`);
      else if (code === 331) this.say(`PASS ${ANONYMOUS_PASSWORD}`);
      else if (code === 230) {
        if (mode === 'passive') this.say('PASV');
        else if (mode === 'extended-passive') this.say('EPSV');
        else {
          const listen = { address: client.address, port: client.dataPort };
          this.clientListening = true;
          this.listen('client', 'start', listen, 'data', mode === 'active' ? 'for the data connection the server will open (PORT, RFC 959 §4.1.2)' : 'for the data connection the server will open (EPRT, RFC 2428 §2)');
          this.say(mode === 'active' ? `PORT ${encodeHostPort(client.announceAddress, client.dataPort)}` : `EPRT ${formatEprt(client.announceAddress, client.dataPort)}`);
        }
      } else if (code === 200) this.say(commandLine);
      else if (code === 227 || code === 229) {
        let to: FtpEndpoint;
        if (code === 227) {
          const hp = parsePasvReply(line);
          if (!hp.ok) throw new Error(`client could not read ${line}`);
          to = { address: hp.address, port: hp.port };
        } else {
          const e = parseEpsvReply(line);
          if (!e.ok) throw new Error(`client could not read ${line}`);
          // The address is the control connection's (RFC 2428 §3).
          to = { address: c.to.address, port: e.port };
        }
        this.openConnection('client', 'data', { address: client.address, port: client.dataPort }, to, code === 227 ? 'RFC 959 §4.1.2' : 'RFC 2428 §3');
        // This client sends the command at once, without waiting for the handshake to finish.
        this.say(commandLine);
      } else if (code === 226) this.outcome = 'transferred';
      else if (code === 425) {
        // In passive mode the client has given up already: it started trying one one-way delay
        // before the server started waiting, and both wait the same connect timeout.
        this.outcome = 'data-failed';
        if (this.clientListening) {
          this.clientListening = false;
          this.listen('client', 'stop', { address: client.address, port: client.dataPort }, 'data', 'the server gave up on the data connection');
        }
      }
      return;
    }
    const d = this.data;
    if (d === null) return;
    if (p.flags === 'SYN') {
      // Active: the client accepts the server's connection on its data port.
      d.seenByPeer = { from: p.src, to: p.dst };
      this.transmit('client', this.packet('data', 'SYN,ACK', p.dst, p.src));
      if (this.clientListening) {
        this.clientListening = false;
        this.listen('client', 'stop', { address: client.address, port: client.dataPort }, 'data', 'it has its data connection');
      }
    } else if (p.flags === 'SYN,ACK') {
      d.established = true;
      this.transmit('client', this.packet('data', 'ACK', p.dst, p.src));
      this.connection(d, 'open');
    } else if (p.flags === 'PSH,ACK') {
      this.push({ t: this.now, type: 'deliver', on: 'client', bytes: p.bytes, what: command.verb === 'LIST' ? 'the listing' : command.name });
    } else if (p.flags === 'FIN,ACK') {
      // End of the data: the client closes its end too.
      this.transmit('client', this.packet('data', 'FIN,ACK', p.dst, p.src));
    }
  }
}
