/**
 * lsof -i rows (with or without -n and -P):
 *   COMMAND  PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME
 *   sshd     812 root    3u  IPv4  21531      0t0  TCP *:22 (LISTEN)
 *   python3 8440 root    9u  IPv4  32414      0t0  UDP 127.0.0.1:49360->127.0.0.1:15353
 * NAME is `local` or `local->remote`; `*` is a wildcard address or port; IPv6 in brackets; the
 * TCP state follows in parentheses (man lsof(8) "NAME"; FACTS.md §5.3). Columns are found
 * relative to TYPE (IPv4/IPv6) because lsof adds TID/TASKCMD columns on some systems.
 */
import { splitColon } from './address.ts';
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import type { SocketRow } from './types.ts';

/** Reads one lsof line; undefined when the line does not have that shape. */
export function parseLsofLine(text: string, ctx: LineContext): LineResult | undefined {
  if (!text.includes(' IPv4 ') && !text.includes(' IPv6 ')) return undefined;
  const tokens = text.trim().split(/\s+/);
  const typeAt = tokens.findIndex((t) => t === 'IPv4' || t === 'IPv6');
  if (typeAt < 4 || !/^\d+$/.test(tokens[1]!)) return undefined;
  let nodeAt = -1;
  for (let i = typeAt + 1; i < Math.min(tokens.length, typeAt + 5); i++) {
    if (tokens[i] === 'TCP' || tokens[i] === 'UDP') {
      nodeAt = i;
      break;
    }
  }
  if (nodeAt < 0 || nodeAt + 1 >= tokens.length) return undefined;
  const proto = tokens[nodeAt] === 'TCP' ? 'tcp' : 'udp';
  const family: 4 | 6 = tokens[typeAt] === 'IPv6' ? 6 : 4;
  const name = tokens[nodeAt + 1]!;
  const arrow = name.indexOf('->');
  const localRaw = splitColon(arrow < 0 ? name : name.slice(0, arrow));
  if (!localRaw) return undefined;
  const remoteRaw = arrow < 0 ? undefined : splitColon(name.slice(arrow + 2));
  const stateToken = tokens[nodeAt + 2];
  const stateText = stateToken && /^\(.*\)$/.test(stateToken) ? stateToken.slice(1, -1) : '';
  const notes: RowNote[] = [];
  const { state } = readState(stateText, proto, notes);
  const device = tokens[typeAt + 1] ?? '';
  const row: SocketRow = {
    proto,
    family,
    local: localEndpoint(localRaw, family, proto, ctx, notes),
    remote: remoteEndpoint(remoteRaw, family, proto, ctx, notes),
    state,
    stateText,
    pid: Number(tokens[1]),
    // lsof escapes unprintable bytes and spaces in COMMAND as \xNN (man lsof(8) "COMMAND").
    process: tokens[0]!.replace(/\\x20/g, ' '),
    user: tokens[typeAt - 2]!,
    line: ctx.line,
    format: 'lsof',
    // Darwin lsof prints the DEVICE as a kernel address (0x…); Linux prints numbers.
    os: device.startsWith('0x') ? 'bsd' : /^\d+$/.test(device) ? 'linux' : 'unknown',
  };
  if (arrow >= 0 && remoteRaw === undefined) {
    row.partial = true;
    notes.push({ reason: 'The remote address after "->" is cut short.', severity: 'warning' });
  }
  return { kind: 'row', row, notes };
}
