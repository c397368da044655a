/**
 * Narration of a NAT trace: the steps a learner stops at, each with a plain-English caption that
 * explains every rewrite ("The router rewrites the laptop's source 192.168.1.10:51000 to
 * 203.0.113.5:51000 and remembers the mapping …"). Widgets show these captions and announce them;
 * they never describe NAT themselves. Pure: the same trace gives the same words.
 */

import { formatMs, type NarratedStep } from '../sim/narrate.ts';
import { CGN_PUBLIC_ADDRESS, formatNatEndpoint, hostByAddress, hostById, hostPhrase, ROUTER_WAN_PUBLIC, ROUTER_WAN_SHARED, type NatEndpoint, type NatProto } from './addresses.ts';
import { formatForward, type NatFiltering, type NatStep } from './scenario.ts';
import type {
  ActiveForward,
  NatDropEvent,
  NatForwardEvent,
  NatId,
  NatLegEvent,
  NatMappingEvent,
  NatTimer,
  NatTrace,
  NatTraceEvent,
  NatTranslateEvent,
  PacketKind,
} from './trace.ts';

export type { NarratedStep } from '../sim/narrate.ts';

const MS_PER_S = 1000;
const S_PER_MIN = 60;
const MIN_PER_H = 60;

/**
 * A time or duration as people say it: "22 ms" and "1.044 s" (formatMs) below a minute, then
 * "5 min", "5 min 0.044 s", "2 h 4 min".
 */
export function formatNatTime(ms: number): string {
  if (Math.abs(ms) < S_PER_MIN * MS_PER_S) return formatMs(ms);
  const totalS = ms / MS_PER_S;
  const h = Math.floor(totalS / (S_PER_MIN * MIN_PER_H));
  const min = Math.floor((totalS - h * S_PER_MIN * MIN_PER_H) / S_PER_MIN);
  const s = Number((totalS - h * S_PER_MIN * MIN_PER_H - min * S_PER_MIN).toFixed(3));
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} h`);
  if (min > 0) parts.push(`${min} min`);
  if (s > 0) parts.push(`${s} s`);
  return parts.join(' ');
}


/** "the laptop's" for an address a host has; null otherwise. */
function ownerOf(address: string): string | null {
  const h = hostByAddress(address);
  return h === undefined ? null : `${hostPhrase(h.id)}'s`;
}

/** What a packet is called in a sentence: "SYN", "SYN-ACK", "the datagram", "the reply". */
export function packetName(kind: PacketKind): string {
  switch (kind) {
    case 'datagram':
      return 'UDP datagram';
    case 'reply':
      return 'UDP reply';
    case 'pcp-request':
      return 'PCP MAP request';
    case 'pcp-response':
      return 'PCP answer';
    case 'data':
      return 'data segment';
    default:
      return kind;
  }
}

/** The packet with an indefinite article where English wants one: "SYN-ACK", "a UDP reply". */
export function aPacket(kind: PacketKind): string {
  const name = packetName(kind);
  return name === kind ? name : `a ${name}`;
}

const NAT_NAME: Record<NatId, string> = { router: 'the router', cgn: 'the carrier-grade NAT' };

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

function proto(p: NatProto): string {
  return p.toUpperCase();
}

/** How long a timer keeps a mapping, and the rule: "5 min after the last outbound packet, RFC 4787 REQ-5". */
export function timerPhrase(timer: NatTimer): string {
  const d = formatNatTime(timer.ms);
  switch (timer.kind) {
    case 'udp':
      return `${d} after the last outbound packet, ${timer.rule}`;
    case 'tcp-established':
      return `${d} of idle time while the connection is established, ${timer.rule}`;
    case 'tcp-transitory':
      return `${d} of idle time while the connection opens or closes, ${timer.rule}`;
    case 'pcp-lifetime':
      return `${d}, the PCP lifetime (${timer.rule})`;
  }
}

function expiryReason(timer: NatTimer): string {
  const d = formatNatTime(timer.ms);
  switch (timer.kind) {
    case 'udp':
      return `no outbound packet for ${d} (${timer.rule})`;
    case 'tcp-established':
      return `the connection was idle for ${d} (${timer.rule})`;
    case 'tcp-transitory':
      return `the connection was opening or closing and idle for ${d} (${timer.rule})`;
    case 'pcp-lifetime':
      return `its PCP lifetime of ${d} ran out (${timer.rule})`;
  }
}

/** Context a sentence needs beyond its own event. */
interface Ctx {
  events: readonly NatTraceEvent[];
  filtering: NatFiltering;
  /** Mapping events by the packet that caused them. */
  byPacket: ReadonlyMap<number, NatMappingEvent[]>;
}

function mappingLabel(e: Pick<NatMappingEvent['mapping'], 'inside' | 'outside'>): string {
  return `${formatNatEndpoint(e.inside)} ⇄ ${formatNatEndpoint(e.outside)}`;
}

function translateSentence(e: NatTranslateEvent, ctx: Ctx): string {
  const nat = NAT_NAME[e.nat];
  const what = packetName(e.kind);
  const changes = ctx.byPacket.get(e.packetId)?.filter((m) => m.nat === e.nat) ?? [];
  const main = changes.find((m) => m.mapping.id === e.mappingId);
  const tailSet = new Set<string>();
  for (const m of changes) {
    if (m.action === 'state' && m.timer !== undefined) {
      const st = m.mapping.sessions.find((s) => m.remote !== undefined && s.remote.address === m.remote.address && s.remote.port === m.remote.port)?.state;
      if (st === 'established') tailSet.add(`The handshake is complete, so the mapping's idle timeout becomes ${formatNatTime(m.timer.ms)} (${m.timer.rule}).`);
      else if (st === 'closing') tailSet.add(`The connection is closing, so the mapping now times out after ${formatNatTime(m.timer.ms)} of idle time (${m.timer.rule}).`);
    }
  }
  const tail = [...tailSet];
  if (e.direction === 'hairpin') {
    const via = e.via === 'forward' ? 'its forwarding rule' : 'the mapping that owns that port';
    return `The destination ${formatNatEndpoint(e.before.dst)} is ${nat}'s own public address, so it hairpins the ${what} (${e.before.proto === 'tcp' ? 'RFC 5382 REQ-8' : 'RFC 4787 REQ-9'}): it rewrites the source ${formatNatEndpoint(e.before.src)} to ${formatNatEndpoint(e.after.src)}, the sender's public address and port, and the destination to ${formatNatEndpoint(e.after.dst)} by ${via}, and sends it back inside.${tail.length > 0 ? ` ${tail.join(' ')}` : ''}`;
  }
  if (e.direction === 'outbound') {
    const owner = ownerOf(e.before.src.address) ?? (e.nat === 'cgn' ? "the home router's" : null);
    const src = `${owner === null ? 'the source' : `${owner} source`} ${formatNatEndpoint(e.before.src)}`;
    let s: string;
    if (e.via === 'new-mapping') {
      const timer = main?.timer;
      s = `${capitalize(nat)} rewrites ${src} to ${formatNatEndpoint(e.after.src)} and remembers the mapping${timer === undefined ? '' : ` (it lasts ${timerPhrase(timer)})`}.`;
      if (e.portChanged?.reason === 'in-use') {
        s += ` Port ${e.portChanged.wanted} is already taken on ${e.after.src.address}, so this mapping gets port ${e.after.src.port}: one public port never serves two mappings (RFC 4787 REQ-3), and the new one stays in the same range and parity (REQ-3a, REQ-4).`;
      } else if (e.portChanged?.reason === 'no-preservation') {
        s += ` It does not keep source ports, so it picks port ${e.after.src.port} from its pool.`;
      }
    } else if (e.via === 'forward') {
      s = `${capitalize(nat)} sends it out through its forwarding rule: ${src} becomes ${formatNatEndpoint(e.after.src)}.`;
    } else {
      s = `${capitalize(nat)} rewrites ${src} to ${formatNatEndpoint(e.after.src)} using the mapping it already has.`;
      if (main?.action === 'session') s += ` A new destination gets the same public port: Endpoint-Independent Mapping (RFC 4787 REQ-1, RFC 5382 REQ-1).`;
      else if (main?.action === 'refreshed' && main.timer?.kind === 'udp') s += ` The outbound packet restarts the mapping's ${formatNatTime(main.timer.ms)} timer (RFC 4787 REQ-6).`;
    }
    return tail.length > 0 ? `${s} ${tail.join(' ')}` : s;
  }
  // inbound
  const owner = ownerOf(e.after.dst.address);
  const dst = `${formatNatEndpoint(e.after.dst)}${owner === null ? '' : ` (${owner.replace(/'s$/, '')})`}`;
  let s: string;
  if (e.via === 'forward') {
    const f = { proto: e.before.proto, publicPort: e.before.dst.port, insideAddress: e.after.dst.address, insidePort: e.after.dst.port };
    s = `${capitalize(nat)}'s forwarding rule ${formatForward(f)} rewrites the destination ${formatNatEndpoint(e.before.dst)} to ${dst}: a static mapping (RFC 3022 §2.2).`;
  } else {
    s = `${capitalize(nat)} finds the mapping for ${formatNatEndpoint(e.before.dst)} and rewrites the destination to ${dst}.`;
    if (ctx.filtering !== 'endpoint-independent' && main?.action !== 'session') {
      const who = ctx.filtering === 'address-dependent' ? e.before.src.address : formatNatEndpoint(e.before.src);
      s += ` It comes from ${who}, which the mapping has sent to, so the ${ctx.filtering} filter lets it in (RFC 4787 §5).`;
    } else if (main?.action === 'session') {
      s += ` The endpoint-independent filter lets anyone reach a mapped port (RFC 4787 §5).`;
    }
  }
  return tail.length > 0 ? `${s} ${tail.join(' ')}` : s;
}

function dropSentence(e: NatDropEvent, ctx: Ctx): string {
  const what = packetName(e.packet.kind);
  const p = proto(e.packet.proto);
  switch (e.reason) {
    case 'no-mapping':
      if (e.packet.proto === 'tcp' && e.packet.kind === 'SYN') {
        return `The router has no mapping and no forwarding rule for ${p} port ${e.packet.dst.port}, so it drops the SYN silently: nothing goes back to ${formatNatEndpoint(e.packet.src)} (${e.rule}: no answer to an unsolicited SYN for at least 6 s).`;
      }
      return `The router has no mapping and no forwarding rule for ${p} port ${e.packet.dst.port}, so it drops the ${what}: there is nobody to translate it to (${e.rule}).`;
    case 'filtered': {
      const limit = ctx.filtering === 'address-dependent' ? 'addresses' : 'address-and-port pairs';
      return `${capitalize(NAT_NAME[e.at === 'cgn' ? 'cgn' : 'router'])} has a mapping on ${p} port ${e.packet.dst.port}, but its ${ctx.filtering} filter lets in only ${limit} the inside host has sent to, so it drops this ${what} from ${formatNatEndpoint(e.packet.src)} (${e.rule}).`;
    }
    case 'unroutable':
      return e.addressKind === 'shared'
        ? `${e.packet.dst.address} is in the shared address space 100.64.0.0/10, which only the ISP's own network uses (${e.rule}): the internet does not route it, so the ${what} is dropped on the way.`
        : `${e.packet.dst.address} is a private address (${e.rule}): routers on the internet do not route it, so the ${what} is dropped on the way.`;
    case 'cgn-no-forward':
      return `The carrier-grade NAT has no mapping for ${p} port ${e.packet.dst.port} on ${e.packet.dst.address} and takes no forwarding rules from customers, so it drops the ${what}. A forward on the home router cannot help: the packet never reaches it (${e.rule}).`;
    case 'no-host':
      return e.at === 'nowhere' && hostByAddress(e.packet.dst.address) === undefined && e.packet.dst.address.startsWith('192.168.')
        ? `No device at home has the address ${e.packet.dst.address}, so the ${what} reaches nobody.`
        : `No host answers at ${e.packet.dst.address} in this simulation, so the ${what} reaches nobody.`;
    case 'no-port':
      return `The router has no free public port left for ${formatNatEndpoint(e.packet.src)}, so it drops the ${what}: it may not give out a port that is in use (${e.rule}).`;
  }
}

function forwardSentence(e: NatForwardEvent): string {
  const f: ActiveForward = e.forward;
  const rule = formatForward(f);
  switch (e.action) {
    case 'added':
      if (f.by === 'config') return `The router has a forwarding rule: ${rule}.`;
      if (f.by === 'pcp') {
        const moved = e.requestedPort === undefined ? '' : ` Port ${e.requestedPort} was taken, so it grants port ${f.publicPort} instead.`;
        return `The router grants the PCP MAP request (RFC 6887 §11): ${rule} for ${formatNatTime((f.lifetime ?? 0) * MS_PER_S)}.${moved}`;
      }
      return `You add a forwarding rule on the router: ${rule}. ${proto(f.proto)} packets for the router's port ${f.publicPort} now go to ${formatNatEndpoint({ address: f.insideAddress, port: f.insidePort })}.`;
    case 'removed':
      return `You remove the forwarding rule ${rule}.`;
    case 'expired':
      return `The PCP forward ${rule} ends: its lifetime of ${formatNatTime((f.lifetime ?? 0) * MS_PER_S)} ran out and nobody renewed it (RFC 6887 §15).`;
    case 'refused':
      return e.reason === 'duplicate'
        ? `The router already forwards ${proto(f.proto)} port ${f.publicPort}, so it refuses a second rule for it: one public port leads to one place.`
        : `${proto(f.proto)} port ${f.publicPort} is in use by the mapping of ${e.holder === undefined ? 'another host' : formatNatEndpoint(e.holder)}, so the router cannot forward it now: one public port cannot lead to two places (RFC 4787 REQ-3).`;
    case 'not-found':
      return `There is no forwarding rule for ${proto(f.proto)} port ${f.publicPort} to remove.`;
  }
}

function mappingSentence(e: NatMappingEvent): string | null {
  const nat = NAT_NAME[e.nat];
  if (e.action === 'expired' && e.timer !== undefined) {
    return `${capitalize(nat)}'s ${proto(e.mapping.proto)} mapping ${mappingLabel(e.mapping)} expires: ${expiryReason(e.timer)}. Port ${e.mapping.outside.port} is free again.`;
  }
  if (e.action === 'session-expired' && e.timer !== undefined && e.remote !== undefined) {
    return `${capitalize(nat)} forgets the ${proto(e.mapping.proto)} session with ${formatNatEndpoint(e.remote)} on ${mappingLabel(e.mapping)}: ${expiryReason(e.timer)}.`;
  }
  return null;
}

function stepSentence(e: Extract<NatTraceEvent, { type: 'step' }>, leg: NatLegEvent | undefined): string | null {
  const s: NatStep = e.step;
  const sends = leg === undefined ? '' : `: it sends ${packetName(leg.packet.kind)} ${formatNatEndpoint(leg.packet.src)} → ${formatNatEndpoint(leg.packet.dst)}`;
  // A host step that sent nothing failed; the error that follows tells why.
  if ((s.do === 'connect' || s.do === 'send' || s.do === 'close') && leg === undefined) return null;
  switch (s.do) {
    case 'connect':
      return capitalize(`${hostPhrase(s.from)} opens a TCP connection to ${formatNatEndpoint(s.to)}${sends}.`);
    case 'send':
      return s.proto === 'udp'
        ? capitalize(`${hostPhrase(s.from)} sends a UDP datagram from its port ${s.srcPort} to ${formatNatEndpoint(s.to)}${leg === undefined ? '' : ` (${formatNatEndpoint(leg.packet.src)} → ${formatNatEndpoint(leg.packet.dst)})`}.`)
        : capitalize(`${hostPhrase(s.from)} sends data on its connection to ${formatNatEndpoint(s.to)}${sends}.`);
    case 'close':
      return capitalize(`${hostPhrase(s.from)} closes its connection to ${formatNatEndpoint(s.to)}${sends}.`);
    case 'wait':
      return `Now ${formatNatTime(s.minutes * S_PER_MIN * MS_PER_S)} pass.`;
    case 'pcp-map':
      return capitalize(
        `${hostPhrase(s.from)} asks the router with PCP to forward ${proto(s.proto)} port ${s.externalPort ?? s.port} to its port ${s.port} for ${formatNatTime(s.lifetime * MS_PER_S)}: a MAP request to ${leg === undefined ? 'UDP 5351' : formatNatEndpoint(leg.packet.dst)} (RFC 6887 §11).`,
      );
    case 'add-forward':
    case 'remove-forward':
      return null; // the forward event that follows tells it
  }
}

/** A packet leaving; `pronoun` when the sentence before was about the same host ("It answers …"). */
function legSentence(e: NatLegEvent, pronoun = false): string | null {
  if (e.from === 'router' && e.packet.kind === 'pcp-response') {
    return `The router answers the PCP request: ${formatNatEndpoint(e.packet.src)} → ${formatNatEndpoint(e.packet.dst)}.`;
  }
  if (e.from === 'router' || e.from === 'cgn' || e.from === 'nowhere') return null; // the translation says it
  return capitalize(`${pronoun ? 'it' : hostPhrase(e.from)} answers with ${aPacket(e.packet.kind)} ${formatNatEndpoint(e.packet.src)} → ${formatNatEndpoint(e.packet.dst)}.`);
}

function deliverSentence(e: Extract<NatTraceEvent, { type: 'deliver' }>): string {
  const who = hostPhrase(e.host);
  const what = `the ${packetName(e.packet.kind)}`;
  const from = formatNatEndpoint(e.packet.src);
  if (e.note === 'unexpected') return capitalize(`${who} receives ${what} from ${from} but has no connection waiting for it, so nothing comes of it.`);
  if (e.packet.kind === 'pcp-response') return capitalize(`${who} receives the PCP answer: the forward is in place.`);
  const inside = hostById(e.host).side === 'inside';
  let s = `${who} receives ${what} from ${from}`;
  const src = e.packet.src.address;
  if (!inside && (src === ROUTER_WAN_PUBLIC || src === CGN_PUBLIC_ADDRESS)) s += `: it sees only the public address, never the private one`;
  else if (inside && (src === ROUTER_WAN_PUBLIC || src === ROUTER_WAN_SHARED)) s += `: the sender's public address and port, as hairpinning requires (RFC 4787 REQ-9a)`;
  if (e.note === 'no-answer') s += ' and does not answer';
  return capitalize(`${s}.`);
}

function sentence(e: NatTraceEvent, ctx: Ctx): string | null {
  switch (e.type) {
    case 'step':
      return stepSentence(e, undefined);
    case 'waited':
      return `${formatNatTime(e.minutes * S_PER_MIN * MS_PER_S)} have passed.`;
    case 'leg':
      return legSentence(e);
    case 'translate':
      return translateSentence(e, ctx);
    case 'mapping':
      return mappingSentence(e);
    case 'deliver':
      return deliverSentence(e);
    case 'drop':
      return dropSentence(e, ctx);
    case 'forward':
      return forwardSentence(e);
    case 'error':
      if (e.on === 'sim') return e.code === 'invalid-scenario' ? null : `The simulation stopped: ${e.message}.`;
      return `${capitalize(e.message)}.`;
    case 'end':
      return e.reason === 'done' || e.reason === 'invalid' ? null : `The simulation stopped early (${e.reason}).`;
  }
}

/**
 * The steps of a NAT trace: one per distinct time at which something worth telling happens. A
 * step that makes a host send says so in one sentence with the packet ("The laptop opens a TCP
 * connection to 198.51.100.80:443: it sends SYN 192.168.1.10:51000 → 198.51.100.80:443."). An
 * invalid trace gives one step naming the problems.
 */
export function narrateNatTrace(trace: NatTrace): NarratedStep[] {
  const byPacket = new Map<number, NatMappingEvent[]>();
  for (const e of trace.events) {
    if (e.type === 'mapping' && e.packetId !== undefined) byPacket.set(e.packetId, [...(byPacket.get(e.packetId) ?? []), e]);
  }
  const ctx: Ctx = { events: trace.events, filtering: trace.scenario?.nat.filtering ?? 'address-dependent', byPacket };
  const steps: NarratedStep[] = [];
  let i = 0;
  while (i < trace.events.length) {
    const t = (trace.events[i] as NatTraceEvent).t;
    let j = i;
    while (j < trace.events.length && (trace.events[j] as NatTraceEvent).t === t) j += 1;
    const sentences = stepSentences(trace.events, i, j, ctx);
    if (sentences.length > 0) steps.push({ t, first: i, end: j, sentences, caption: sentences.join(' ') });
    else if (steps.length > 0) (steps[steps.length - 1] as NarratedStep).end = j;
    i = j;
  }
  if (steps.length === 0) {
    const why = trace.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    const caption = trace.problems.length > 0 ? `The scenario is invalid (${why}).` : 'Nothing happens in this scenario.';
    steps.push({ t: 0, first: 0, end: trace.events.length, sentences: [caption], caption });
  }
  return steps;
}

function stepSentences(events: readonly NatTraceEvent[], from: number, to: number, ctx: Ctx): string[] {
  const absorbed = new Set<number>();
  const out: string[] = [];
  for (let k = from; k < to; k += 1) {
    if (absorbed.has(k)) continue;
    const e = events[k] as NatTraceEvent;
    if (e.type === 'step' && 'from' in e.step) {
      // The packet the step makes its host send, at this same instant.
      let leg: NatLegEvent | undefined;
      for (let m = k + 1; m < to; m += 1) {
        const x = events[m] as NatTraceEvent;
        if (x.type === 'leg' && x.from === e.step.from) {
          leg = x;
          absorbed.add(m);
          break;
        }
        if (x.type === 'step') break;
      }
      const text = stepSentence(e, leg);
      if (text !== null) out.push(text);
      continue;
    }
    const prev = events[k - 1];
    const text = e.type === 'leg' ? legSentence(e, k > from && prev?.type === 'deliver' && prev.host === e.from) : sentence(e, ctx);
    if (text !== null) out.push(text);
  }
  return out;
}

/** Index of the step shown at time `t`: the last step at or before `t` (0 before the first). */
export { stepIndexAt } from '../sim/narrate.ts';

/** "TCP 192.168.1.10:51000 → 198.51.100.80:443". */
export function formatTuple(t: { proto: NatProto; src: NatEndpoint; dst: NatEndpoint }): string {
  return `${proto(t.proto)} ${formatNatEndpoint(t.src)} → ${formatNatEndpoint(t.dst)}`;
}
