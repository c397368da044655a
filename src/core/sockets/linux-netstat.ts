/**
 * Linux net-tools netstat rows (`netstat -tulpn`, `-an`, `-anp`, `-tanpo`…):
 *   Proto Recv-Q Send-Q Local Address  Foreign Address  State  PID/Program name  Timer
 * UDP rows leave State blank; -p adds `PID/Program` (`-` when unknown); -o adds a timer such as
 * `off (0.00/0/0)` (net-tools netstat.c; FACTS.md §5.1).
 */
import { splitColon } from './address.ts';
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import type { SocketRow } from './types.ts';

const ROW = /^(tcp6?|udp6?|udpl6?|raw6?|unix|sctp6?)\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+(\S+))?(?:\s+(.*?))?\s*$/;
/** net-tools timer column: `off (0.00/0/0)`, `keepalive (7170.48/0/0)`, `timewait (53.20/0/0)`. */
const TIMER = /(?:^|\s)((?:off|on|keepalive|timewait|probe|unkn-\d+)\s+\([^)]*\))\s*$/;
/** `unix  2      [ ACC ]     STREAM     LISTENING     32858    /run/x.sock` */
const UNIX_ROW = /^unix\s+\d+\s+\[/;
const PID_PROGRAM = /^(?:(\d+)\/(.*)|-)$/;

/** Reads one Linux netstat line; undefined when the line does not have that shape. */
export function parseLinuxNetstatLine(text: string, ctx: LineContext): LineResult | undefined {
  if (UNIX_ROW.test(text)) return { kind: 'skip', what: 'unix socket' };
  const m = ROW.exec(text);
  if (!m) return undefined;
  const protoText = m[1]!;
  if (!protoText.startsWith('tcp') && !protoText.startsWith('udp')) return { kind: 'skip', what: `${protoText} socket` };
  if (protoText.startsWith('udpl')) return { kind: 'skip', what: 'UDP-Lite socket' };
  const localRaw = splitColon(m[4]!);
  if (!localRaw) return undefined; // BSD rows use a dot; let that parser try
  const proto = protoText.startsWith('tcp') ? 'tcp' : 'udp';
  const family: 4 | 6 = protoText.endsWith('6') ? 6 : 4;
  const notes: RowNote[] = [];
  const remoteRaw = m[5] === undefined ? undefined : splitColon(m[5]);
  let rest = m[6] ?? '';
  let timer: string | undefined;
  const t = TIMER.exec(rest);
  if (t) {
    timer = t[1]!;
    rest = rest.slice(0, t.index).trim();
  }
  // What is left: [State] [PID/Program name]. UDP rows have no state, so the first token is the
  // state only when it does not look like the PID column.
  let stateText = '';
  let owner = '';
  if (rest !== '') {
    const space = rest.indexOf(' ');
    const first = space < 0 ? rest : rest.slice(0, space);
    if (PID_PROGRAM.test(first) && (proto === 'udp' || /^\d+\//.test(first) || first === '-')) {
      owner = rest;
    } else {
      stateText = first;
      owner = space < 0 ? '' : rest.slice(space + 1).trim();
    }
  }
  const { state } = readState(stateText, proto, notes);
  const row: SocketRow = {
    proto,
    family,
    local: localEndpoint(localRaw, family, proto, ctx, notes),
    remote: remoteEndpoint(remoteRaw, family, proto, ctx, notes),
    state,
    stateText,
    recvQ: Number(m[2]),
    sendQ: Number(m[3]),
    line: ctx.line,
    format: 'linux-netstat',
    os: 'linux',
  };
  const po = PID_PROGRAM.exec(owner);
  if (po && po[1] !== undefined) {
    row.pid = Number(po[1]);
    if (po[2]) row.process = po[2];
  } else if (owner !== '' && owner !== '-' && !po) {
    row.details = owner;
  }
  if (timer) row.timer = timer;
  if (m[5] === undefined || (remoteRaw === undefined && m[5] !== undefined)) {
    row.partial = true;
    notes.push({ reason: 'The foreign address is missing or cut short.', severity: 'warning' });
  } else if (proto === 'tcp' && stateText === '') {
    row.partial = true;
    notes.push({ reason: 'The State column is missing: the line may be cut short.', severity: 'warning' });
  }
  return { kind: 'row', row, notes };
}
