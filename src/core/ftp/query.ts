/**
 * Reading an FTP trace at time t: the connections and listeners that exist, the NAT's mappings,
 * and the last address a PORT/EPRT command or 227/229 reply carried, decoded. A widget renders
 * any instant from these alone.
 */
import { explainFtpArgument, type FtpEndpoint, type FtpArgumentExplanation } from './encoding.ts';
import type { FtpConnection, FtpConnectionEvent, FtpHost, FtpLane, FtpTrace, NatMapping } from './trace.ts';

/** A socket listening at time t. */
export interface FtpListener {
  on: FtpHost;
  endpoint: FtpEndpoint;
  purpose: FtpConnection;
  /** Since when. */
  since: number;
}

/** Everything that exists at one instant. */
export interface FtpSnapshot {
  /** The latest status of each connection (null before it is first opened). */
  control: FtpConnectionEvent | null;
  data: FtpConnectionEvent | null;
  listeners: FtpListener[];
  /** The NAT's mappings (empty without a NAT), oldest first. */
  mappings: NatMapping[];
}

/** The connections, listeners and NAT mappings after every event at or before `t`. */
export function ftpSnapshotAt(trace: FtpTrace, t: number): FtpSnapshot {
  let control: FtpConnectionEvent | null = null;
  let data: FtpConnectionEvent | null = null;
  let listeners: FtpListener[] = [];
  const mappings: NatMapping[] = [];
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type === 'connection') {
      if (e.conn === 'control') control = e;
      else data = e;
    } else if (e.type === 'listen') {
      if (e.action === 'start') listeners.push({ on: e.on, endpoint: e.endpoint, purpose: e.purpose, since: e.t });
      else listeners = listeners.filter((l) => !(l.on === e.on && l.endpoint.address === e.endpoint.address && l.endpoint.port === e.endpoint.port));
    } else if (e.type === 'forward' && e.mapping !== undefined) mappings.push(e.mapping);
    else if (e.type === 'alg' && !mappings.includes(e.mapping)) mappings.push(e.mapping);
  }
  return { control, data, listeners, mappings };
}

/** The last data address sent on the control connection, decoded. */
export interface FtpArgumentAt {
  /** The line as it travelled last (after an ALG rewrote it, the rewritten one). */
  line: string;
  /** Who wrote it: the client, the server, or the middlebox (an ALG rewrite). */
  by: FtpLane;
  t: number;
  explanation: FtpArgumentExplanation;
  /** When an ALG rewrote the line: what the client had written. */
  original?: { line: string; explanation: FtpArgumentExplanation };
}

/**
 * The last PORT or EPRT command or 227 or 229 reply sent at or before `t`, decoded, with what the
 * client wrote when an ALG rewrote it. Null before the first.
 */
export function ftpArgumentAt(trace: FtpTrace, t: number): FtpArgumentAt | null {
  const control = trace.scenario?.server.address;
  let found: FtpArgumentAt | null = null;
  for (let i = 0; i < trace.events.length; i += 1) {
    const e = trace.events[i]!;
    if (e.t > t) break;
    if (e.type !== 'send' || e.packet.line === undefined) continue;
    const explanation = explainFtpArgument(e.packet.line, control);
    if (explanation === null) continue;
    // A middlebox passing the line on unchanged is not news; a rewrite is.
    if (e.from === 'middlebox' && found !== null && found.line === e.packet.line) continue;
    const rewritten: boolean = e.from === 'middlebox' && found !== null && found.line !== e.packet.line;
    found = {
      line: e.packet.line,
      by: e.from,
      t: e.t,
      explanation,
      ...(rewritten && found !== null ? { original: { line: found.line, explanation: found.explanation } } : {}),
    };
  }
  return found;
}
