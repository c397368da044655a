/**
 * Windows netstat rows (`netstat -an`, `-ano`, `-anob`), in any UI language:
 *   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1104
 *   UDP    [::]:5353              *:*                                    2468
 * Titles, column headers and (in some languages) the state word are translated; the protocol,
 * addresses and PID never are, so a row is recognised by this shape alone (DESIGN.md).
 * With -b the owner follows on its own lines: component names, then `[program.exe]`, or a
 * "Can not obtain ownership information" message (FACTS.md §5.4); the caller attaches those.
 */
import { splitColon } from './address.ts';
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import type { SocketRow } from './types.ts';

const ROW = /^\s*(TCP|UDP)\s+(\S+)(?:\s+(\S+))?(?:\s+(.*?))?\s*$/;

/** Reads one Windows netstat line; undefined when the line does not have that shape. */
export function parseWindowsNetstatLine(text: string, ctx: LineContext): LineResult | undefined {
  const m = ROW.exec(text);
  if (!m) return undefined;
  const localRaw = splitColon(m[2]!);
  if (!localRaw) return undefined;
  const proto = m[1] === 'TCP' ? 'tcp' : 'udp';
  const family: 4 | 6 = localRaw.bracketed ? 6 : 4;
  const notes: RowNote[] = [];
  const foreign = m[3];
  // Without -n, a listener's foreign column can be a bare host name with no port ("MACHINENAME").
  const remoteRaw = foreign === undefined ? undefined : (splitColon(foreign) ?? { host: foreign, port: '0', bracketed: false });
  let rest = m[4] ?? '';
  let pid: number | undefined;
  const lastSpace = rest.lastIndexOf(' ');
  const last = lastSpace < 0 ? rest : rest.slice(lastSpace + 1);
  if (/^\d+$/.test(last)) {
    pid = Number(last);
    rest = lastSpace < 0 ? '' : rest.slice(0, lastSpace).trim();
  }
  const stateText = rest.replace(/\s+/g, ' ');
  const { state, known } = readState(stateText, proto, notes);
  const remote = remoteEndpoint(remoteRaw, family, proto, ctx, notes);
  const row: SocketRow = {
    proto,
    family,
    local: localEndpoint(localRaw, family, proto, ctx, notes),
    remote,
    state,
    stateText,
    line: ctx.line,
    format: 'windows-netstat',
    os: 'windows',
  };
  if (pid !== undefined) row.pid = pid;
  if (proto === 'tcp' && !known && remote === null) {
    // An untranslated word we do not know, but a TCP row without a peer is a listener.
    notes.length = 0;
    notes.push({
      reason: `The state "${stateText}" is not in our tables (a translated Windows?); read as LISTEN because the foreign address is empty.`,
      severity: 'info',
    });
    row.state = 'LISTEN';
    row.stateInferred = true;
  }
  if (foreign === undefined) {
    row.partial = true;
    notes.push({ reason: 'The foreign address is missing: the line may be cut short.', severity: 'warning' });
  } else if (proto === 'tcp' && stateText === '') {
    row.partial = true;
    notes.push({ reason: 'The State column is missing: the line may be cut short.', severity: 'warning' });
  }
  return { kind: 'row', row, notes };
}
