/**
 * iproute2 ss rows:
 *   [Netid] State Recv-Q Send-Q Local Address:Port Peer Address:Port Process
 * Netid is printed only when more than one socket type is listed (FACTS.md §5.2). The Process
 * column holds `users:(("name",pid=1,fd=3),…)` (names may contain spaces); -e / -o add
 * `timer:(…)`, `ino:`, `sk:`, `cgroup:` on the same line; -i / -m add a tab-indented line below
 * (handled by the caller as a continuation).
 */
import { splitColon } from './address.ts';
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import type { Proto, SocketOwner, SocketRow } from './types.ts';

/** ss state words (iproute2 misc/ss.c `sstate_name[]`). */
const SS_STATES = 'ESTAB|LISTEN|UNCONN|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|TIME-WAIT|CLOSE-WAIT|LAST-ACK|CLOSING|UNKNOWN';
const ROW = new RegExp(`^(?:([a-z_0-9]+)\\s+)?(${SS_STATES})\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+(\\S+))?(?:\\s+(.*?))?\\s*$`);
const OWNER = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=(\d+)\)/g;
const TIMER = /timer:\([^)]*\)/;

/** Reads one ss line; undefined when the line does not have that shape. */
export function parseSsLine(text: string, ctx: LineContext): LineResult | undefined {
  const m = ROW.exec(text);
  if (!m) return undefined;
  const netid = m[1];
  let proto: Proto;
  if (netid === undefined) proto = ctx.ssProto ?? (m[2] === 'UNCONN' ? 'udp' : 'tcp');
  else if (netid === 'tcp') proto = 'tcp';
  else if (netid === 'udp') proto = 'udp';
  else return { kind: 'skip', what: netid.startsWith('u_') || netid === 'nl' ? 'unix/netlink socket' : `${netid} socket` };
  const localRaw = splitColon(m[5]!);
  if (!localRaw) return undefined;
  const notes: RowNote[] = [];
  // ss prints a dual-stack wildcard as `*`, an IPv6-only one as `[::]`, IPv4 as `0.0.0.0`.
  const dualStack = localRaw.host === '*' && !localRaw.bracketed;
  const family: 4 | 6 = localRaw.bracketed || localRaw.host.includes(':') || dualStack ? 6 : 4;
  const remoteRaw = m[6] === undefined ? undefined : splitColon(m[6]);
  const stateText = m[2]!;
  const { state } = readState(stateText, proto, notes);
  const row: SocketRow = {
    proto,
    family,
    local: localEndpoint(localRaw, dualStack ? 'both' : family, proto, ctx, notes),
    remote: remoteEndpoint(remoteRaw, family, proto, ctx, notes),
    state,
    stateText,
    recvQ: Number(m[3]),
    sendQ: Number(m[4]),
    line: ctx.line,
    format: 'ss',
    os: 'linux',
  };
  if (dualStack) row.dualStack = true;
  if (proto === 'tcp' && stateText === 'UNCONN') row.state = 'CLOSED';
  const rest = m[7] ?? '';
  if (rest !== '') {
    const owners: SocketOwner[] = [];
    for (const o of rest.matchAll(OWNER)) owners.push({ name: o[1]!, pid: Number(o[2]), fd: Number(o[3]) });
    if (owners.length > 0) {
      row.process = owners[0]!.name;
      row.pid = owners[0]!.pid!;
      if (owners.length > 1) row.owners = owners;
    }
    const timer = TIMER.exec(rest);
    if (timer) row.timer = timer[0];
    const other = rest.replace(/users:\(\(.*\)\)/, '').replace(TIMER, '').trim();
    if (other !== '') row.details = other;
  }
  if (remoteRaw === undefined) {
    row.partial = true;
    notes.push({ reason: 'The peer address is missing or cut short.', severity: 'warning' });
  }
  return netid === undefined && !ctx.ssProto ? { kind: 'row', row, notes, protoGuessed: true } : { kind: 'row', row, notes };
}
