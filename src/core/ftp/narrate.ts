/**
 * Narration of an FTP trace: the steps a learner stops at, each with plain-English sentences that
 * cite the RFC behind what happened. The widget shows these captions and never describes FTP
 * itself. Pure: the same trace gives the same words.
 */
import { formatMs, type NarratedStep } from '../sim/narrate.ts';
import { explainFtpArgument, formatFtpEndpoint, type FtpEndpoint } from './encoding.ts';
import type { ResolvedFtpScenario } from './scenario.ts';
import type { FtpEvent, FtpLane, FtpSendEvent, FtpTrace } from './trace.ts';

export type { NarratedStep } from '../sim/narrate.ts';

/** How captions name each lane, and how the ladder titles it. */
export interface FtpParticipant {
  /** In a sentence: "the client", "the home router", "the client's firewall". */
  name: string;
  /** Lane title: "Client", "Home router (NAT)". */
  title: string;
  /** Second line of the lane title: the address, and for a middlebox what it does. */
  sublabel: string;
}

/** The lanes of a scenario, left to right: client, the middlebox if any, server. */
export function ftpParticipants(s: ResolvedFtpScenario | null): Partial<Record<FtpLane, FtpParticipant>> & Record<'client' | 'server', FtpParticipant> {
  const client: FtpParticipant = { name: 'the client', title: 'Client', sublabel: s?.client.address ?? '' };
  const server: FtpParticipant = { name: 'the server', title: 'Server', sublabel: s?.server.address ?? '' };
  const mb = s?.middlebox ?? 'none';
  if (mb === 'none') return { client, server };
  if (mb.kind === 'nat') {
    return { client, middlebox: { name: 'the home router', title: 'Home router (NAT)', sublabel: `${mb.publicAddress}${mb.alg ? ' · FTP ALG' : ''}` }, server };
  }
  const allow = mb.allowInbound.length === 0 ? 'allows in: nothing' : `allows in: ${mb.allowInbound.join(', ')}`;
  return mb.at === 'client'
    ? { client, middlebox: { name: "the client's firewall", title: 'Client firewall', sublabel: allow }, server }
    : { client, middlebox: { name: "the server's firewall", title: 'Server firewall', sublabel: allow }, server };
}

function cap(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** " (RFC …)" after a sentence, unless there is no section. */
function cite(section: string): string {
  return section === '' ? '' : ` (${section})`;
}

/** What the transfer is, in words. */
function what(s: ResolvedFtpScenario): string {
  return s.command.verb === 'LIST' ? 'the listing' : `the file ${s.command.name}`;
}

/** A quoted line closing a sentence: no second full stop after one inside the quotes. */
function q(line: string): string {
  return /[.!?]$/.test(line) ? `"${line}"` : `"${line}".`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
}

interface Ctx {
  s: ResolvedFtpScenario;
  names: ReturnType<typeof ftpParticipants>;
  sends: ReadonlyMap<number, FtpSendEvent>;
  events: readonly FtpEvent[];
}

function who(ctx: Ctx, lane: FtpLane): string {
  return ctx.names[lane]?.name ?? lane;
}

/** The sentence for a line a host sends on the control connection. */
function lineSentence(ctx: Ctx, e: FtpSendEvent, line: string): string {
  const { s } = ctx;
  if (e.from === 'client') {
    const verb = (line.split(' ')[0] ?? '').toUpperCase();
    switch (verb) {
      case 'USER':
        return `The client logs in: "${line}".`;
      case 'PASS':
        return `The client sends the password, "${line}": anonymous FTP asks for an e-mail address (RFC 1635), and like every command it crosses the network as plain text.`;
      case 'PORT':
      case 'EPRT': {
        const x = explainFtpArgument(line);
        if (x === null) return `The client sends ${q(line)}`;
        return `The client sends "${line}": "connect to me at ${x.address ?? ''}, port ${x.arithmetic ?? x.port}" (${x.source}).`;
      }
      case 'PASV':
        return 'The client sends "PASV": it asks the server to listen on a port for the data connection and say which (RFC 959 §4.1.2).';
      case 'EPSV':
        return 'The client sends "EPSV": like PASV, but the answer will carry only a port (RFC 2428 §3).';
      case 'LIST':
        return 'The client sends "LIST": it asks for the directory listing, which will come over the data connection.';
      case 'RETR':
        return `The client sends "${line}": it asks for the file, which will come over the data connection.`;
      default:
        return `The client sends ${q(line)}`;
    }
  }
  const code = Number(line.slice(0, 3));
  switch (code) {
    case 220:
      return `The server greets the client: "${line}" (RFC 959 §4.2).`;
    case 227: {
      const x = explainFtpArgument(line);
      const at = x === null ? '' : `: it is listening at ${x.address ?? ''}, port ${x.arithmetic ?? x.port}`;
      return `The server replies "${line}"${at} (RFC 959 §4.1.2, §4.2.2).`;
    }
    case 229: {
      const x = explainFtpArgument(line, s.server.address);
      return `The server replies "${line}": only the port, ${x?.port ?? ''}; the client is to use the address the control connection already uses, ${s.server.address} (RFC 2428 §3).`;
    }
    case 200:
      return `The server accepts the address: ${q(line)}`;
    case 150:
      return `The server replies ${q(line)}`;
    case 226:
      return `The server replies "${line}" The transfer is complete (RFC 959 §4.2).`;
    case 425:
      return `The server gives up and replies "${line}" (RFC 959 §4.2).`;
    default:
      return `The server replies ${q(line)}`;
  }
}

/** The previous SYN of the same connection from the same lane, for "no SYN-ACK came back within 1 s". */
function previousSyn(ctx: Ctx, e: FtpSendEvent): FtpSendEvent | undefined {
  let found: FtpSendEvent | undefined;
  for (const x of ctx.sends.values()) {
    if (x.id >= e.id) break;
    if (x.from === e.from && x.packet.flags === 'SYN' && x.packet.conn === e.packet.conn) found = x;
  }
  return found;
}

function sendSentence(ctx: Ctx, e: FtpSendEvent): string | null {
  // What a middlebox passes on is told by its forward event.
  if (e.from === 'middlebox') return null;
  const p = e.packet;
  const me = who(ctx, e.from);
  if (p.flags === 'SYN') {
    if (e.retransmission !== true) return null; // told by the connection's "opening" event
    const prev = previousSyn(ctx, e);
    const waited = prev === undefined ? '' : ` within ${formatMs(e.t - prev.t)}`;
    return cap(`no SYN-ACK came back${waited}, so ${me} sends its SYN again; each wait is twice the one before (RFC 6298 §5.4, §5.5).`);
  }
  if (p.flags === 'SYN,ACK') {
    return p.conn === 'control'
      ? cap(`${me} answers with SYN-ACK.`)
      : cap(`${me} accepts the data connection on ${formatFtpEndpoint(p.src)} and answers with SYN-ACK.`);
  }
  if (p.flags === 'ACK') return null; // told by the connection's "open" event
  if (p.flags === 'FIN,ACK') {
    return e.from === 'server'
      ? 'The server closes the data connection (FIN): in stream mode, closing it marks the end of the data (RFC 959 §3.4.1).'
      : 'The client closes its end of the data connection too (FIN).';
  }
  if (p.line !== undefined) return lineSentence(ctx, e, p.line);
  return cap(`${me} sends ${what(ctx.s)} over the data connection: ${bytes(p.bytes)}.`);
}

function endpointPair(a: FtpEndpoint, b: FtpEndpoint): string {
  return `from ${formatFtpEndpoint(a)} to ${formatFtpEndpoint(b)}`;
}

function sentence(ctx: Ctx, e: FtpEvent): string | null {
  const { s } = ctx;
  switch (e.type) {
    case 'listen':
      return e.action === 'start'
        ? cap(`${who(ctx, e.on)} listens on ${formatFtpEndpoint(e.endpoint)} ${e.why}.`)
        : cap(`${who(ctx, e.on)} stops listening on ${formatFtpEndpoint(e.endpoint)}: ${e.why}.`);
    case 'send':
      return sendSentence(ctx, e);
    case 'receive': {
      if (e.on !== 'client') return null;
      const line = ctx.sends.get(e.id)?.packet.line;
      if (line?.startsWith('226')) return 'The client receives the 226 reply.';
      if (line?.startsWith('425')) return 'The client receives the 425 reply: there will be no transfer.';
      return null;
    }
    case 'drop':
      return `${e.message}${cite(e.section)}.`;
    case 'alg': {
      const verb = e.before.slice(0, 4).toUpperCase();
      const size = e.lengthChange === 0 ? 'The line keeps its length.' : `The line is ${bytes(Math.abs(e.lengthChange))} ${e.lengthChange > 0 ? 'longer' : 'shorter'}, so the router also shifts the TCP sequence and acknowledgment numbers of the control connection from now on.`;
      return `The router's FTP ALG reads the ${verb} command and rewrites it: "${e.before}" becomes "${e.after}", the router's public address and port ${e.mapping.outside.port}, which it now maps to ${formatFtpEndpoint(e.mapping.inside)} (${e.section}). ${size} It can read and rewrite the command only because the control connection is plain text; with FTPS it could not.`;
    }
    case 'forward': {
      const p = ctx.sends.get(e.next)?.packet;
      const incoming = ctx.sends.get(e.id);
      if (p === undefined || incoming === undefined) return null;
      const mb = cap(who(ctx, 'middlebox'));
      if (e.mapping !== undefined && e.mapping.by === 'outbound') {
        return `${mb} maps ${formatFtpEndpoint(e.mapping.inside)} to its public ${formatFtpEndpoint(e.mapping.outside)} and forwards the ${p.flags === 'SYN' ? 'SYN' : 'packet'} with that source: the server will only ever see ${formatFtpEndpoint(e.mapping.outside)} (NAPT, ${e.section}).`;
      }
      if (p.flags !== 'SYN' || incoming.retransmission === true) return null;
      if (e.by === 'nat') return `${mb} finds its mapping for ${formatFtpEndpoint(incoming.packet.dst)} and forwards the SYN to ${formatFtpEndpoint(p.dst)}.`;
      if (e.rule === 'outbound') return `${mb} lets the SYN out and will let the answers back in: it keeps track of connections opened from inside (a stateful firewall).`;
      if (e.rule === 'allowed') return `${mb} lets the SYN in: port ${p.dst.port} is on its inbound allow list.`;
      return null;
    }
    case 'connection': {
      const opener = who(ctx, e.opener);
      if (e.status === 'opening') {
        if (e.conn === 'control') return cap(`${opener} opens the control connection to the server's port ${e.to.port}: SYN ${endpointPair(e.from, e.to)} (${e.section}).`);
        if (e.opener === 'server') return `The server opens the data connection from its port ${e.from.port} (L − 1, one below its control port) to the address the client gave: SYN ${endpointPair(e.from, e.to)} (${e.section}).`;
        return `The client opens the data connection to the port the server gave: SYN ${endpointPair(e.from, e.to)} (${e.section}). It sends its command right away, without waiting for the handshake.`;
      }
      if (e.status === 'open') return cap(`${opener} completes the handshake with ACK: the ${e.conn} connection is open.`);
      if (e.status === 'closed') return `The data connection is closed at both ends.`;
      // failed
      if (e.conn === 'control') return cap(`${opener} gives up: no SYN-ACK came back in ${formatMs(s.connectTimeout)}, so there is no control connection and no FTP session.`);
      return cap(`${opener} gives up on the data connection: no SYN-ACK came back in ${formatMs(s.connectTimeout)}.`);
    }
    case 'deliver':
      return `The client reads ${bytes(e.bytes)}: ${e.what}.`;
    case 'error':
      if (e.on === 'sim') return `The simulation stopped: ${e.message}.`;
      return cap(`${who(ctx, e.on)}'s application is told: "${e.message}".`);
    case 'end':
      switch (e.outcome) {
        case 'transferred':
          return `Done: ${what(s)} (${bytes(s.command.bytes)}) came over the data connection, and 226 confirmed it.`;
        case 'data-failed':
          return 'The transfer failed: the data connection never opened, and the server said so with 425.';
        case 'control-failed':
          return 'There is no FTP session: the control connection never opened.';
        default:
          return null;
      }
  }
}

/**
 * The steps of an FTP trace: one per distinct time at which something worth telling happens,
 * each with its caption. An invalid trace gives one step naming the problems.
 */
export function narrateFtpTrace(trace: FtpTrace): NarratedStep[] {
  const s = trace.scenario;
  if (s === null) {
    const why = trace.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    const caption = trace.problems.length > 0 ? `The scenario is invalid (${why}).` : 'Nothing happens in this scenario.';
    return [{ t: 0, first: 0, end: trace.events.length, sentences: [caption], caption }];
  }
  const sends = new Map<number, FtpSendEvent>();
  for (const e of trace.events) if (e.type === 'send') sends.set(e.id, e);
  const ctx: Ctx = { s, names: ftpParticipants(s), sends, events: trace.events };
  const steps: NarratedStep[] = [];
  let i = 0;
  while (i < trace.events.length) {
    const t = (trace.events[i] as FtpEvent).t;
    let j = i;
    const sentences: string[] = [];
    while (j < trace.events.length && (trace.events[j] as FtpEvent).t === t) {
      const text = sentence(ctx, trace.events[j] as FtpEvent);
      if (text !== null) sentences.push(text);
      j += 1;
    }
    if (sentences.length > 0) steps.push({ t, first: i, end: j, sentences, caption: sentences.join(' ') });
    else if (steps.length > 0) (steps[steps.length - 1] as NarratedStep).end = j;
    i = j;
  }
  if (steps.length === 0) steps.push({ t: 0, first: 0, end: trace.events.length, sentences: ['Nothing happens in this scenario.'], caption: 'Nothing happens in this scenario.' });
  return steps;
}
