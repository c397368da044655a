/**
 * Viewing a parsed socket table: names for the formats and exposures, how an endpoint is written,
 * which summary bucket a row falls in, sort keys and filter predicates. The explainer widget sorts
 * and filters 100,000 rows with these, so the keys are computed once per row (decorate, sort,
 * undecorate) and compare as plain strings or numbers.
 */
import { TCP_STATES } from '../tcp/states.ts';
import { stateFamily, type TcpStateFamily } from '../tcp/states.ts';
import type { Exposure, RowExplanation, TableSummary } from './explain.ts';
import type { DetectedFormat, Endpoint, Proto, SocketFormat, SocketRow, TcpState } from './types.ts';

/** The bucket a row is counted under in `TableSummary.states`: its TCP state, 'UDP' or 'unknown'. */
export type SummaryState = TableSummary['states'][number]['state'];

/** A dialect's name for people, and the commands that print it. */
export interface FormatInfo {
  label: string;
  /** Commands whose output the parser reads as this dialect, most common first. */
  commands: readonly string[];
}

/** Every dialect the parser knows, in the order the widget offers them. */
export const SOCKET_FORMATS: readonly SocketFormat[] = ['ss', 'linux-netstat', 'windows-netstat', 'bsd-netstat', 'lsof', 'powershell'];

/** Names and commands per dialect (the commands are those the fixtures were captured with; fixtures/README.md). */
export const FORMAT_INFO: Readonly<Record<SocketFormat, FormatInfo>> = {
  ss: { label: 'Linux ss (iproute2)', commands: ['ss -tulpn', 'ss -tan', 'ss -tanp', 'ss -a', 'ss -tanoe', 'ss -tani', 'ss -tanm'] },
  'linux-netstat': { label: 'Linux netstat (net-tools)', commands: ['netstat -tulpn', 'netstat -tanp', 'netstat -an', 'netstat -anp', 'netstat -tanpo'] },
  'windows-netstat': { label: 'Windows netstat', commands: ['netstat -an', 'netstat -ano', 'netstat -anob'] },
  'bsd-netstat': { label: 'macOS / FreeBSD netstat', commands: ['netstat -an', 'netstat -an -p tcp'] },
  lsof: { label: 'lsof', commands: ['lsof -i', 'lsof -i -n -P'] },
  powershell: { label: 'PowerShell', commands: ['Get-NetTCPConnection', 'Get-NetUDPEndpoint'] },
};

/** A detected format in words: a dialect's label, or what 'mixed' and 'unknown' mean. */
export function formatLabel(format: DetectedFormat, sectionFormats: readonly SocketFormat[] = []): string {
  if (format === 'unknown') return 'not recognised';
  if (format === 'mixed') {
    const names = [...new Set(sectionFormats)].map((f) => FORMAT_INFO[f].label);
    return names.length > 0 ? `several (${names.join(', ')})` : 'several formats';
  }
  return FORMAT_INFO[format].label;
}

/** How far a listener can be reached, in words: a short label and who can reach it. */
export interface ExposureInfo {
  label: string;
  reach: string;
}

/** Exposures from the widest to the narrowest reach; the summary and the sort use this order. */
export const EXPOSURE_ORDER: readonly Exposure[] = ['all-interfaces', 'one-address', 'private-network', 'link-local', 'host-name', 'loopback'];

/** Words for each exposure (the same judgement as exposureOf's notes, shortened for a list). */
export const EXPOSURE_INFO: Readonly<Record<Exposure, ExposureInfo>> = {
  'all-interfaces': { label: 'All interfaces', reach: 'other machines can connect unless a firewall blocks them' },
  'one-address': { label: 'One public address', reach: 'whoever can reach that address' },
  'private-network': { label: 'Private network address', reach: 'machines on that local network' },
  'link-local': { label: 'Link-local address', reach: 'machines on the same network segment' },
  'host-name': { label: 'Host name (run with -n to judge)', reach: 'unknown until the address is shown as a number' },
  loopback: { label: 'Loopback only', reach: 'programs on this machine only' },
};

/** Summary buckets in RFC 9293 §3.3.2 order (the life of a connection), then UDP and unknown words. */
export const STATE_ORDER: readonly SummaryState[] = [...TCP_STATES.filter((st) => st !== 'CLOSED'), 'CLOSED', 'UDP', 'unknown'];

/** The bucket explainTable's summary counts a row under. */
export function summaryStateOf(row: SocketRow): SummaryState {
  return row.proto === 'udp' ? 'UDP' : (row.state ?? 'unknown');
}

/** Colour family of a bucket: the `--pl-state-*` token of its TCP state, or 'udp' / 'unknown'. */
export function stateFamilyOf(state: SummaryState): TcpStateFamily | 'udp' | 'unknown' {
  if (state === 'UDP') return 'udp';
  if (state === 'unknown') return 'unknown';
  return stateFamily(state satisfies TcpState);
}

/**
 * An endpoint as the explainer prints it: `127.0.0.1:8080`, `[::1]:443`, `[fe80::1%lo0]:5353`,
 * `0.0.0.0:*` (no port), `localhost:http-alt` (a name that could not be resolved). '' for no peer.
 */
export function formatEndpoint(ep: Endpoint | null): string {
  if (!ep) return '';
  const host = ep.zone ? `${ep.address}%${ep.zone}` : ep.address;
  const port = ep.port ?? ep.service ?? '*';
  return ep.address.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Who holds the socket, in words: `python3 (PID 7)`, `PID 4`, or ''. */
export function ownerLabel(row: SocketRow): string {
  if (row.process !== undefined && row.pid !== undefined) return `${row.process} (PID ${row.pid})`;
  if (row.process !== undefined) return row.process;
  if (row.pid !== undefined) return `PID ${row.pid}`;
  return '';
}

/** Columns the table can be sorted by. */
export type SortKey = 'line' | 'proto' | 'local' | 'remote' | 'state' | 'owner' | 'recvQ' | 'sendQ' | 'exposure';
export type SortDirection = 'ascending' | 'descending';

export interface RowSort {
  key: SortKey;
  direction: SortDirection;
}

/** The paste's own order. */
export const DEFAULT_SORT: RowSort = { key: 'line', direction: 'ascending' };

/** Which rows to show. 'all' switches a criterion off. */
export interface RowFilter {
  state: SummaryState | 'all';
  proto: Proto | 'all';
  /** An exposure (listeners only), 'listening' (every listener) or 'connections' (every row with a peer). */
  exposure: Exposure | 'listening' | 'connections' | 'all';
  /** Case-insensitive text looked for in the addresses, the state as printed and the owner. */
  text: string;
}

export const NO_FILTER: RowFilter = { state: 'all', proto: 'all', exposure: 'all', text: '' };

/** The text the filter box searches in, lower case. */
function haystack(row: SocketRow): string {
  return [formatEndpoint(row.local), formatEndpoint(row.remote), row.stateText, row.state ?? '', ownerLabel(row), row.user ?? '', row.proto]
    .join(' ')
    .toLowerCase();
}

/** True when the row passes every criterion of the filter. */
export function rowMatches(e: RowExplanation, filter: RowFilter): boolean {
  const row = e.row;
  if (filter.proto !== 'all' && row.proto !== filter.proto) return false;
  if (filter.state !== 'all' && summaryStateOf(row) !== filter.state) return false;
  if (filter.exposure === 'listening' && e.exposure === undefined) return false;
  if (filter.exposure === 'connections' && e.exposure !== undefined) return false;
  if (filter.exposure !== 'all' && filter.exposure !== 'listening' && filter.exposure !== 'connections' && e.exposure !== filter.exposure) return false;
  const needle = filter.text.trim().toLowerCase();
  return needle === '' || haystack(row).includes(needle);
}

/** Pads a non-negative integer so that strings compare like numbers. */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Digits in the largest port, 65535. */
const PORT_DIGITS = 5;

/** Expands an IPv6 literal to eight 4-digit groups (with an IPv4 tail turned into two groups). */
export function expandIpv6(address: string): string | undefined {
  let a = address.toLowerCase().split('%')[0]!;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const [o1, o2, o3, o4] = v4.slice(1).map(Number) as [number, number, number, number];
    if ([o1, o2, o3, o4].some((o) => o > 255)) return undefined;
    a = `${a.slice(0, v4.index)}${((o1 << 8) | o2).toString(16)}:${((o3 << 8) | o4).toString(16)}`;
  }
  const halves = a.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

/**
 * A string that sorts endpoints sensibly: wildcards first, then IPv4 by number, IPv6 by number,
 * then host names alphabetically; the port by number within one address. No peer sorts first.
 */
export function endpointSortKey(ep: Endpoint | null): string {
  if (!ep) return '';
  const port = ep.port === null ? `~${ep.service ?? ''}` : pad(ep.port, PORT_DIGITS);
  const a = ep.address;
  let host: string;
  if (a === '*' || a === '0.0.0.0' || a === '::') host = `0 ${a}`;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(a)) host = `1 ${a.split('.').map((o) => pad(Number(o), 3)).join('.')}`;
  else {
    const v6 = a.includes(':') ? expandIpv6(a) : undefined;
    host = v6 ? `2 ${v6}${ep.zone ? `%${ep.zone}` : ''}` : `3 ${a.toLowerCase()}`;
  }
  return `${host} ${port}`;
}

const STATE_RANK = new Map(STATE_ORDER.map((s, i) => [s, i]));
const EXPOSURE_RANK = new Map(EXPOSURE_ORDER.map((x, i) => [x, i]));

/** The value a row sorts by for one column. Missing values sort last when ascending. */
export function sortValue(e: RowExplanation, key: SortKey): string | number {
  const row = e.row;
  switch (key) {
    case 'line':
      return row.line;
    case 'proto':
      return `${row.proto}${row.family}`;
    case 'local':
      return endpointSortKey(row.local);
    case 'remote':
      return endpointSortKey(row.remote);
    case 'state':
      return STATE_RANK.get(summaryStateOf(row))!;
    case 'owner':
      return row.process !== undefined ? `0 ${row.process.toLowerCase()} ${pad(row.pid ?? 0, 10)}` : row.pid !== undefined ? `1 ${pad(row.pid, 10)}` : '2';
    case 'recvQ':
      return row.recvQ ?? Number.MAX_SAFE_INTEGER;
    case 'sendQ':
      return row.sendQ ?? Number.MAX_SAFE_INTEGER;
    case 'exposure':
      return e.exposure === undefined ? EXPOSURE_ORDER.length : EXPOSURE_RANK.get(e.exposure)!;
  }
}

/**
 * Positions (into `rows`) of the rows that pass the filter, in the requested order. Ties keep the
 * paste's order whichever the direction, so a sort is stable and repeatable.
 */
export function viewIndices(rows: readonly RowExplanation[], sort: RowSort = DEFAULT_SORT, filter: RowFilter = NO_FILTER): number[] {
  const keyed: { i: number; v: string | number; line: number }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const e = rows[i]!;
    if (rowMatches(e, filter)) keyed.push({ i, v: sortValue(e, sort.key), line: e.row.line });
  }
  const sign = sort.direction === 'ascending' ? 1 : -1;
  keyed.sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.line - b.line));
  return keyed.map((k) => k.i);
}

/**
 * Splits a paste into lines exactly as parseSocketTable numbers them (CRLF, CR or LF; a final
 * line break does not start an extra line), so `lines[row.line - 1]` is the row's source line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
