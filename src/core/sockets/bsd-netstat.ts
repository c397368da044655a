/**
 * macOS / FreeBSD netstat rows (`netstat -an`, `netstat -an -p tcp`):
 *   Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)
 *   tcp46      0      0  *.80                   *.*                    LISTEN
 * The port follows the LAST dot; `*` is a wildcard address or port; tcp4 / tcp6 / tcp46 give the
 * family (46 = one dual-stack socket); IPv6 addresses are cut to 16 characters unless -l is given
 * (Apple network_cmds netstat.tproj inet.c / inet6.c; FACTS.md §5.5).
 */
import { splitDot } from './address.ts';
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import type { SocketRow } from './types.ts';

const ROW = /^(tcp|udp|icm|sctp|raw|div)(4|6|46)?\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+(\S+))?(?:\s+(.*?))?\s*$/;

/** Reads one BSD netstat line; undefined when the line does not have that shape. */
export function parseBsdNetstatLine(text: string, ctx: LineContext): LineResult | undefined {
  const m = ROW.exec(text);
  if (!m) return undefined;
  const localRaw = splitDot(m[5]!);
  // Linux netstat rows use a colon; a local column without a dot (or with a colon port) is not ours.
  if (!localRaw || (/:[\d*]+$/.test(m[5]!) && !m[2])) return undefined;
  if (m[1] !== 'tcp' && m[1] !== 'udp') return { kind: 'skip', what: `${m[1]}${m[2] ?? ''} socket` };
  const proto = m[1];
  const suffix = m[2];
  const dualStack = suffix === '46';
  const family: 4 | 6 = suffix === '6' || dualStack || localRaw.host.includes(':') ? 6 : 4;
  const notes: RowNote[] = [];
  const remoteRaw = m[6] === undefined ? undefined : splitDot(m[6]);
  const rest = (m[7] ?? '').trim();
  const space = rest.indexOf(' ');
  // `netstat -v` appends buffer sizes, pid and flags after the state: keep them as details.
  const stateText = rest === '' || /^\d/.test(rest) ? '' : space < 0 ? rest : rest.slice(0, space);
  const extra = stateText === '' ? rest : space < 0 ? '' : rest.slice(space + 1).trim();
  const { state } = readState(stateText, proto, notes);
  const row: SocketRow = {
    proto,
    family,
    local: localEndpoint(localRaw, dualStack ? 'both' : family, proto, ctx, notes),
    remote: remoteEndpoint(remoteRaw, dualStack ? 'both' : family, proto, ctx, notes),
    state,
    stateText,
    recvQ: Number(m[3]),
    sendQ: Number(m[4]),
    line: ctx.line,
    format: 'bsd-netstat',
    os: 'bsd',
  };
  if (dualStack) row.dualStack = true;
  if (extra !== '') row.details = extra;
  if (m[6] === undefined || remoteRaw === undefined) {
    row.partial = true;
    notes.push({ reason: 'The foreign address is missing or cut short.', severity: 'warning' });
  } else if (proto === 'tcp' && stateText === '') {
    row.partial = true;
    notes.push({ reason: 'The (state) column is missing: the line may be cut short.', severity: 'warning' });
  }
  return { kind: 'row', row, notes };
}
