/**
 * PowerShell tables (default Format-Table view):
 *   Get-NetTCPConnection:
 *     LocalAddress  LocalPort RemoteAddress  RemotePort State       AppliedSetting OwningProcess
 *     ::            49670     ::             0          Listen                     728
 *   Get-NetUDPEndpoint:
 *     LocalAddress  LocalPort
 *     0.0.0.0       5353
 * State names come from the MSFT_NetTCPConnection State enum (Listen, Established, TimeWait,
 * CloseWait, Bound, …) and are never translated (MS NetTCPIP module docs; FACTS.md §5.4).
 */
import { localEndpoint, readState, remoteEndpoint, type LineContext, type LineResult, type RowNote } from './row-helpers.ts';
import { isIpv6 } from './address.ts';
import type { SocketRow } from './types.ts';

const PS_STATES = 'Closed|Listen|SynSent|SynReceived|Established|FinWait1|FinWait2|CloseWait|Closing|LastAck|TimeWait|DeleteTCB|Bound';
const TCP_ROW = new RegExp(`^(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(${PS_STATES})(?:\\s+([A-Za-z]+))?(?:\\s+(\\d+))?\\s*$`);
const UDP_ROW = /^(\S+)\s+(\d+)(?:\s+(\d+))?\s*$/;

function raw(host: string, port: string) {
  return { host, port, bracketed: false };
}

/** Reads one Get-NetTCPConnection row; undefined when the line does not have that shape. */
export function parsePowerShellTcpLine(text: string, ctx: LineContext): LineResult | undefined {
  const m = TCP_ROW.exec(text);
  if (!m) return undefined;
  const notes: RowNote[] = [];
  const family: 4 | 6 = isIpv6(m[1]!.split('%')[0]!) ? 6 : 4;
  const stateText = m[5]!;
  const { state } = readState(stateText, 'tcp', notes);
  const row: SocketRow = {
    proto: 'tcp',
    family,
    local: localEndpoint(raw(m[1]!, m[2]!), family, 'tcp', ctx, notes),
    remote: remoteEndpoint(raw(m[3]!, m[4]!), family, 'tcp', ctx, notes),
    state,
    stateText,
    line: ctx.line,
    format: 'powershell',
    os: 'windows',
  };
  if (m[7] !== undefined) row.pid = Number(m[7]);
  return { kind: 'row', row, notes };
}

/** Reads one Get-NetUDPEndpoint row (only called under that table's header). */
export function parsePowerShellUdpLine(text: string, ctx: LineContext): LineResult | undefined {
  const m = UDP_ROW.exec(text);
  if (!m) return undefined;
  const host = m[1]!.split('%')[0]!;
  if (!isIpv6(host) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return undefined;
  const notes: RowNote[] = [];
  const family: 4 | 6 = isIpv6(host) ? 6 : 4;
  const row: SocketRow = {
    proto: 'udp',
    family,
    local: localEndpoint(raw(m[1]!, m[2]!), family, 'udp', ctx, notes),
    remote: null,
    state: null,
    stateText: '',
    line: ctx.line,
    format: 'powershell',
    os: 'windows',
  };
  if (m[3] !== undefined) row.pid = Number(m[3]);
  return { kind: 'row', row, notes };
}
