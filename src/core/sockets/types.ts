/**
 * Public types of the socket-table parser and explainer (issue #6).
 * A paste of netstat / ss / lsof / PowerShell output becomes rows of these, one per socket line.
 */

/** Transport protocol of a socket. Other kinds (unix, raw, icmp, sctp) are skipped with a note. */
export type Proto = 'tcp' | 'udp';

/**
 * TCP connection states with their RFC 9293 §3.3.2 spellings: the simulator's type, shared so
 * the explainer and the state machine can never disagree. Tools print them differently
 * (FACTS.md §1.2); `SocketRow.stateText` keeps what was printed.
 */
import type { TcpState } from '../tcp/states.ts';
export type { TcpState };

/** The dialects the parser knows. */
export type SocketFormat =
  | 'linux-netstat'
  | 'ss'
  | 'windows-netstat'
  | 'bsd-netstat'
  | 'lsof'
  | 'powershell';

/** `parseSocketTable(...).format`: one dialect, several ('mixed'), or none recognised ('unknown'). */
export type DetectedFormat = SocketFormat | 'mixed' | 'unknown';

/** The operating system a row most likely came from; it decides the ephemeral range used. */
export type OsFamily = 'linux' | 'windows' | 'bsd' | 'unknown';

/** One end of a socket, normalised across tools. */
export interface Endpoint {
  /**
   * The address without brackets, zone or port. Wildcards are normalised: `'0.0.0.0'` any IPv4
   * address, `'::'` any IPv6 address, `'*'` any address of either family (ss `*`, BSD `tcp46`).
   * Host names printed by a tool run without -n stay as printed (`'localhost'`).
   */
  address: string;
  /** Port number; null when printed as `*` or as a service name that could not be resolved. */
  port: number | null;
  /** Zone / interface after `%` (`fe80::1%lo0` → `'lo0'`, ss `127.0.0.53%lo` → `'lo'`). */
  zone?: string;
  /** The service name the tool printed instead of a number (`'ssh'`, `'https'`). */
  service?: string;
  /** For IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`): the IPv4 address (`'192.0.2.1'`). */
  mappedIpv4?: string;
}

/** One process that holds a socket (ss can list several). */
export interface SocketOwner {
  name: string;
  pid?: number;
  fd?: number;
}

/** One socket line of the paste. */
export interface SocketRow {
  proto: Proto;
  /** Address family of the socket (a `tcp6` socket serving IPv4 clients is still 6). */
  family: 4 | 6;
  local: Endpoint;
  /** The peer; null for listeners and unconnected UDP sockets (`0.0.0.0:*`, `*:*`, `[::]:0`…). */
  remote: Endpoint | null;
  /** RFC 9293 state; null for UDP (no states) and for words the parser does not know. */
  state: TcpState | null;
  /** The state column exactly as printed ('' when the tool prints none, as for UDP). */
  stateText: string;
  recvQ?: number;
  sendQ?: number;
  pid?: number;
  /** Program name (`python3`, `svchost.exe`). */
  process?: string;
  user?: string;
  /** Every owner when the tool printed more than one (ss `users:((…),(…))`). */
  owners?: SocketOwner[];
  /** Windows `netstat -b` component lines (service names such as `RpcSs`). */
  components?: string[];
  /** Timer column (`netstat -o`, `ss -o`), as printed. */
  timer?: string;
  /** Extra text the tool printed for this socket (ss -e / -i / -m details), as printed. */
  details?: string;
  /** 1-based line of the paste this row came from. */
  line: number;
  /** The dialect this row was read as. */
  format: SocketFormat;
  /** The operating system the dialect implies. */
  os: OsFamily;
  /** The socket accepts IPv4 and IPv6 (ss `*:port`, BSD `tcp46`). */
  dualStack?: true;
  /** The line was cut short: some columns are missing. */
  partial?: true;
  /** The state was not printed in a known word and was inferred from the line's shape. */
  stateInferred?: true;
}

/** How sure a parse issue is about a problem. */
export type IssueSeverity = 'error' | 'warning' | 'info';

/** A line the parser could not (fully) use, with the reason. */
export interface ParseIssue {
  /** 1-based line number in the paste. */
  line: number;
  /** The line as pasted (shortened when very long). */
  text: string;
  reason: string;
  /** error: line not understood; warning: row made but something is off; info: skipped on purpose. */
  severity: IssueSeverity;
}

/** A run of lines read as one dialect, e.g. one command's output inside a mixed paste. */
export interface TableSection {
  format: SocketFormat;
  /** The command line that introduced it, when the paste has one. */
  command?: string;
  firstLine: number;
  lastLine: number;
  rows: number;
}

/** Result of `parseSocketTable`. */
export interface SocketTable {
  format: DetectedFormat;
  rows: SocketRow[];
  issues: ParseIssue[];
  sections: TableSection[];
  /** Number of lines in the paste. */
  lineCount: number;
}
