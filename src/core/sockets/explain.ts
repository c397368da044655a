/**
 * explainTable: plain-English notes for each socket row, findings across rows, and a summary.
 * Facts are from FACTS.md (sections named in the comments); numbers are named constants.
 */
import type { PortDb } from '../ports/index.ts';
import { isIpv4, isIpv6 } from './address.ts';
import { ephemeralRangeFor, spanSize, type PortSpan } from './ephemeral.ts';
import { READING_NETSTAT_LESSON, TCP_STATES_LESSON } from './links.ts';
import { lookupStateWord } from './states.ts';
import type { Endpoint, OsFamily, SocketFormat, SocketRow, TcpState } from './types.ts';

/** How much a note or finding asks for attention. */
export type NoteSeverity = 'info' | 'warning' | 'alert';

/** One sentence or two about a row. */
export interface ExplainNote {
  severity: NoteSeverity;
  text: string;
  /** A lesson page (one of SOCKET_LESSON_LINKS). */
  link?: string;
}

/** Who can reach a listening socket, judged from its local address. */
export type Exposure =
  | 'all-interfaces'
  | 'loopback'
  | 'link-local'
  | 'private-network'
  | 'one-address'
  | 'host-name';

/** The notes for one row. */
export interface RowExplanation {
  row: SocketRow;
  notes: ExplainNote[];
  /** Set for listeners (TCP LISTEN, unconnected UDP). */
  exposure?: Exposure;
}

export type FindingKind = 'exposed-service' | 'time-wait-pile' | 'close-wait-pile' | 'syn-sent' | 'syn-flood' | 'accept-queue-full';

/** Something seen across rows. */
export interface Finding {
  kind: FindingKind;
  severity: NoteSeverity;
  text: string;
  /** Source lines of the rows involved. */
  lines: number[];
  link?: string;
}

/** Counts for the summary on top of the table. */
export interface TableSummary {
  rows: number;
  tcp: number;
  udp: number;
  /** Rows per state (RFC 9293 name), plus 'UDP' for UDP sockets and 'unknown'. */
  states: { state: TcpState | 'UDP' | 'unknown'; count: number }[];
  /** Listeners grouped by exposure, with their ports. */
  listeners: { exposure: Exposure; count: number; ports: number[] }[];
  /** Remote hosts with the most rows, most first. */
  busiestRemotes: { address: string; count: number }[];
  formats: SocketFormat[];
}

export interface TableExplanation {
  rows: RowExplanation[];
  findings: Finding[];
  summary: TableSummary;
}

export interface ExplainOptions {
  /** Service-name data from src/core/ports, for "the service usually on that port". */
  ports?: PortDb;
}

/** Rows in TIME-WAIT towards one destination before we warn about ephemeral ports (PortLab's threshold). */
export const TIME_WAIT_MANY = 100;
/** Share of the ephemeral range in TIME-WAIT to one destination that makes the warning an alert. */
export const TIME_WAIT_ALERT_SHARE = 0.1;
/** CLOSE-WAIT sockets of one program before we call it a pile-up (PortLab's threshold). */
export const CLOSE_WAIT_MANY = 3;
/** SYN-RECEIVED rows before we mention a possible SYN flood (PortLab's threshold). */
export const SYN_RECEIVED_MANY = 50;
/** How many remote hosts the summary lists. */
export const BUSIEST_REMOTES = 5;
/** Linux TIME-WAIT length: TCP_TIMEWAIT_LEN = 60 s (kernel include/net/tcp.h; FACTS.md §1.6). */
export const LINUX_TIME_WAIT_SECONDS = 60;

/**
 * Services that should rarely listen on every interface: databases, remote desktop, file sharing,
 * plaintext remote login. Port numbers and names from the IANA registry (FACTS.md §3.5).
 */
export const SENSITIVE_PORTS: ReadonlyMap<number, { label: string; severity: NoteSeverity }> = new Map([
  [23, { label: 'Telnet (plaintext remote login)', severity: 'alert' }],
  [135, { label: 'MS-RPC endpoint mapper', severity: 'warning' }],
  [139, { label: 'NetBIOS session service (SMB over NetBIOS)', severity: 'warning' }],
  [445, { label: 'SMB file sharing', severity: 'warning' }],
  [1433, { label: 'Microsoft SQL Server', severity: 'warning' }],
  [2049, { label: 'NFS', severity: 'warning' }],
  [3306, { label: 'MySQL', severity: 'warning' }],
  [3389, { label: 'Remote Desktop (RDP)', severity: 'warning' }],
  [5432, { label: 'PostgreSQL', severity: 'warning' }],
  [5900, { label: 'VNC remote desktop', severity: 'warning' }],
  [6379, { label: 'Redis', severity: 'warning' }],
  [11211, { label: 'memcached', severity: 'warning' }],
  [27017, { label: 'MongoDB', severity: 'warning' }],
] as const);

const OS_NAME: Record<OsFamily, string> = { linux: 'Linux', windows: 'Windows', bsd: 'macOS', unknown: 'Linux' };

/** What each state means and what normally comes next (RFC 9293 §3.3.2, §3.6; FACTS.md §1.2–1.6). */
const STATE_TEXT: Record<TcpState, string> = {
  LISTEN: 'LISTEN: waiting for connection requests. Each accepted connection shows up as its own ESTABLISHED row with this same local port.',
  'SYN-SENT': 'SYN-SENT: this side sent a SYN and waits for the answer. Next: ESTABLISHED when the peer answers with SYN-ACK; the attempt fails if the peer refuses (RST) or nothing answers before the retries run out.',
  'SYN-RECEIVED': 'SYN-RECEIVED: a SYN arrived and was answered with SYN-ACK; waiting for the last ACK of the three-way handshake. Next: ESTABLISHED.',
  ESTABLISHED: 'ESTABLISHED: the connection is open and data can flow both ways. It may also be idle: the state says nothing about traffic. Next: FIN-WAIT-1 if this side closes first, CLOSE-WAIT if the peer does.',
  'FIN-WAIT-1': 'FIN-WAIT-1: this side closed and sent FIN; waiting for its ACK (then FIN-WAIT-2) or for the peer\'s FIN (then CLOSING or TIME-WAIT).',
  'FIN-WAIT-2': 'FIN-WAIT-2: our FIN was acknowledged; waiting for the peer to close its half. Next: TIME-WAIT when the peer\'s FIN arrives. Until then the peer may still send data (a half-closed connection).',
  'CLOSE-WAIT': 'CLOSE-WAIT: the peer has closed its side (its FIN arrived). The connection now waits for the program on this machine to close the socket. Next: LAST-ACK once it does; if the program never closes, the row stays.',
  CLOSING: 'CLOSING: both sides sent FIN at about the same time; waiting for the ACK of ours. Next: TIME-WAIT.',
  'LAST-ACK': 'LAST-ACK: the peer closed first, then this side closed too; waiting for the ACK of our FIN. Next: the socket disappears (CLOSED).',
  'TIME-WAIT': 'TIME-WAIT: this side closed first and now waits twice the maximum segment lifetime, so its last ACK can be repeated and stray segments of the old connection die out. Linux waits 60 s, Windows 2–4 minutes (the RFC says 4). Next: the socket disappears.',
  CLOSED: 'CLOSED: no connection.',
};

const PRIVATE_V4: readonly (readonly [number, number, number])[] = [
  // [first octet, second octet min, second octet max] — RFC 1918 private ranges (FACTS.md §8)
  [10, 0, 255],
  [172, 16, 31],
  [192, 168, 168],
  [100, 64, 127], // RFC 6598 shared address space (carrier-grade NAT)
];

/** Classifies a listening address. */
export function exposureOf(ep: Endpoint): Exposure {
  const a = ep.mappedIpv4 ?? ep.address;
  if (a === '0.0.0.0' || a === '::' || a === '*') return 'all-interfaces';
  const lower = a.toLowerCase();
  if (lower === 'localhost' || lower === 'ip6-localhost' || lower === 'localhost6' || lower === '::1') return 'loopback';
  if (isIpv4(a)) {
    const [o1, o2] = a.split('.').map(Number) as [number, number];
    if (o1 === 127) return 'loopback'; // 127.0.0.0/8 (RFC 1122 §3.2.1.3)
    if (o1 === 169 && o2 === 254) return 'link-local'; // RFC 3927
    if (PRIVATE_V4.some(([f, lo, hi]) => o1 === f && o2 >= lo && o2 <= hi)) return 'private-network';
    return 'one-address';
  }
  if (isIpv6(a)) {
    if (/^fe[89ab][0-9a-f]?:/i.test(lower)) return 'link-local'; // fe80::/10 (RFC 4291 §2.5.6)
    if (/^f[cd][0-9a-f]{0,2}:/i.test(lower)) return 'private-network'; // fc00::/7 unique local (RFC 4193)
    return 'one-address';
  }
  return 'host-name';
}

function exposureText(row: SocketRow, exposure: Exposure): string {
  const where = row.local.address;
  switch (exposure) {
    case 'all-interfaces': {
      if (row.local.address === '*' || row.dualStack) {
        return 'Listens on every IPv4 and IPv6 address of this machine (one dual-stack socket, which ss prints once as *:port): other machines can reach it unless a firewall blocks them.';
      }
      if (row.local.address === '::') {
        const dual =
          row.format === 'linux-netstat' || row.format === 'lsof'
            ? ' On Linux one IPv6 socket usually serves IPv4 clients too (IPV6_V6ONLY is off by default), so this may cover every IPv4 address as well.'
            : row.format === 'ss'
              ? ' ss prints [::] only for IPv6-only sockets; a dual-stack one would show as *.'
              : '';
        return `Listens on every IPv6 address of this machine: other machines can reach it unless a firewall blocks them.${dual}`;
      }
      return 'Listens on every IPv4 address of this machine (0.0.0.0 means "any address"), including 127.0.0.1 and its network addresses: other machines can reach it unless a firewall blocks them.';
    }
    case 'loopback':
      return `Listens on the loopback address ${where} only: programs on this machine can connect, other machines cannot.`;
    case 'link-local':
      return `Listens on the link-local address ${where}${row.local.zone ? ` (interface ${row.local.zone})` : ''}: reachable only from the same network segment.`;
    case 'private-network':
      return `Listens on the private address ${where} only: reachable from that local network (and from outside only through port forwarding).`;
    case 'one-address':
      return `Listens on the single address ${where} only: reachable by whoever can reach that address.`;
    case 'host-name':
      return `Listens on the address printed as the name "${where}"; run the command with -n to see the number and judge the exposure.`;
  }
}

function serviceOf(port: number | null, proto: 'tcp' | 'udp', db: PortDb | undefined): string | undefined {
  if (port === null || !db) return undefined;
  const entry = (proto === 'tcp' ? db.tcp : db.udp).get(port);
  if (!entry || entry.name === '') return undefined;
  return entry.description ? `${entry.name} (${entry.description})` : entry.name;
}

function inRange(port: number | null, span: PortSpan): boolean {
  return port !== null && port >= span.first && port <= span.last;
}

function endpointText(ep: Endpoint): string {
  const host = ep.address.includes(':') ? `[${ep.address}]` : ep.address;
  return `${host}:${ep.port ?? ep.service ?? '*'}`;
}

function isListener(row: SocketRow): boolean {
  return (row.proto === 'tcp' && row.state === 'LISTEN') || (row.proto === 'udp' && row.remote === null);
}

function explainRow(row: SocketRow, listening: ReadonlySet<string>, db: PortDb | undefined): RowExplanation {
  const notes: ExplainNote[] = [];
  const out: RowExplanation = { row, notes };
  const span = ephemeralRangeFor(row.os);
  if (row.partial) notes.push({ severity: 'warning', text: 'This line looks cut short: some columns are missing, so the notes below may be incomplete.' });

  // What the state means.
  if (row.proto === 'udp') {
    notes.push(
      row.remote === null
        ? { severity: 'info', text: 'UDP has no connections and no states: this socket receives datagrams sent to its port from anyone who can reach the address.', link: READING_NETSTAT_LESSON }
        : { severity: 'info', text: `A connected UDP socket: the program called connect(), so it exchanges datagrams with ${endpointText(row.remote)} only. No handshake took place; "connected" is local bookkeeping.`, link: READING_NETSTAT_LESSON },
    );
  } else if (row.state) {
    const word = lookupStateWord(row.stateText);
    let text = STATE_TEXT[row.state];
    if (word?.kind === 'bound') text = 'BOUND: the socket has a local port but neither listens nor is connected (Windows shows these with netstat -q). Many BOUND rows of one program can use up ports just like connections.';
    else if (row.stateText === 'UNCONN') text = 'UNCONN: a TCP socket with no connection: created or bound, but not listening.';
    if (row.stateInferred) text = `${text} (The state word "${row.stateText}" is not in our tables; this row was read as LISTEN because its foreign address is empty.)`;
    notes.push({ severity: 'info', text, link: TCP_STATES_LESSON });
  } else if (row.stateText !== '') {
    notes.push({ severity: 'warning', text: `The state "${row.stateText}" is not one we know, so this row is not explained further.` });
  }

  // Exposure of listeners.
  if (isListener(row)) {
    const exposure = exposureOf(row.local);
    out.exposure = exposure;
    const sensitive = row.local.port === null ? undefined : SENSITIVE_PORTS.get(row.local.port);
    const severity: NoteSeverity = exposure === 'all-interfaces' && sensitive ? sensitive.severity : 'info';
    notes.push({ severity, text: exposureText(row, exposure), link: READING_NETSTAT_LESSON });
  }

  // The service usually on that port.
  if (isListener(row) || row.remote === null) {
    const svc = serviceOf(row.local.port, row.proto, db);
    if (svc) notes.push({ severity: 'info', text: `Port ${row.local.port}/${row.proto} is registered for ${svc}. A port number is only a convention: any program may use it, so check the process.` });
  } else {
    const incoming = listening.has(`${row.proto}/${row.local.port}`);
    const remoteSvc = serviceOf(row.remote.port, row.proto, db);
    const localSvc = serviceOf(row.local.port, row.proto, db);
    if (incoming) {
      notes.push({ severity: 'info', text: `An incoming connection: the peer ${endpointText(row.remote)} connected to the listener on local port ${row.local.port}${localSvc ? ` (${localSvc})` : ''}.` });
    } else {
      if (remoteSvc && !inRange(row.remote.port, span)) notes.push({ severity: 'info', text: `The remote port ${row.remote.port} is registered for ${remoteSvc}.` });
      if (inRange(row.local.port, span)) {
        notes.push({ severity: 'info', text: `Local port ${row.local.port} is in the ${OS_NAME[row.os]} ephemeral range (${span.first}–${span.last}): the OS picked it for an outgoing connection.` });
      }
    }
  }

  // Queues (FACTS.md §5.1, §5.2, §4.4).
  queueNotes(row, notes);

  // Who owns it.
  if (row.process !== undefined || row.pid !== undefined) {
    const who = row.process ? `${row.process}${row.pid !== undefined ? ` (PID ${row.pid})` : ''}` : `PID ${row.pid}`;
    notes.push({ severity: 'info', text: `Owned by ${who}${row.owners && row.owners.length > 1 ? ` and ${row.owners.length - 1} more process(es) sharing the socket` : ''}.`, link: READING_NETSTAT_LESSON });
  } else if (row.state === 'TIME-WAIT' && (row.format === 'linux-netstat' || row.format === 'ss')) {
    notes.push({ severity: 'info', text: 'No process is shown: after the program closed the socket, the kernel alone keeps it in TIME-WAIT.' });
  } else if (row.format === 'windows-netstat' && row.details) {
    notes.push({ severity: 'info', text: `netstat -b could not name the owner ("${row.details}"): run the prompt as administrator.` });
  }
  if (row.pid === 0 && row.format === 'windows-netstat') {
    notes.push({ severity: 'info', text: 'PID 0 is the System Idle Process placeholder: Windows shows it for connections no process owns any more (such as TIME_WAIT).' });
  }

  // Notation details.
  for (const ep of [row.local, row.remote]) {
    if (ep?.mappedIpv4) notes.push({ severity: 'info', text: `${ep.address} is the IPv4 address ${ep.mappedIpv4} written as IPv6: an IPv4 client on a dual-stack IPv6 socket.`, link: READING_NETSTAT_LESSON });
  }
  if (row.format === 'bsd-netstat' && /[.:]$/.test(row.local.address)) {
    notes.push({ severity: 'info', text: 'netstat cut this address short to fit the column; run netstat -anl (macOS) for full addresses, or use -n to avoid host names.' });
  }
  return out;
}

function queueNotes(row: SocketRow, notes: ExplainNote[]): void {
  const r = row.recvQ;
  const s = row.sendQ;
  if (r === undefined && s === undefined) return;
  if (row.state === 'LISTEN') {
    if (row.format === 'ss') {
      const full = r !== undefined && s !== undefined && s > 0 && r >= s;
      notes.push({
        severity: full ? 'warning' : 'info',
        text: `For a listener ss shows queues, not bytes: Recv-Q ${r} = connections that finished the handshake and wait for the program to accept() them; Send-Q ${s} = the most that queue may hold (the listen backlog, capped by net.core.somaxconn).${full ? ' The queue is full: Linux drops new SYNs until the program accepts, and clients retry.' : ''}`,
        link: READING_NETSTAT_LESSON,
      });
    } else if (row.format === 'linux-netstat' && r !== undefined && r > 0) {
      notes.push({ severity: 'info', text: `Recv-Q ${r} on a listener = connections waiting for the program to accept() them (Send-Q is always 0 here; ss shows the backlog limit).`, link: READING_NETSTAT_LESSON });
    }
    return;
  }
  if (row.proto === 'tcp' && row.state === 'CLOSE-WAIT' && r === 1 && (row.format === 'ss' || row.format === 'linux-netstat')) {
    notes.push({ severity: 'info', text: 'Recv-Q 1: the peer\'s FIN is counted until the program reads the end of the stream.' });
    return;
  }
  if (r !== undefined && r > 0) notes.push({ severity: 'info', text: `Recv-Q ${r}: bytes that arrived but the program has not read yet.` });
  if (s !== undefined && s > 0) notes.push({ severity: 'info', text: `Send-Q ${s}: bytes sent but not yet acknowledged by the peer.` });
}

function findingsOf(rows: readonly SocketRow[], explained: readonly RowExplanation[]): Finding[] {
  const findings: Finding[] = [];
  // Sensitive services on every interface.
  const exposedByPort = new Map<number, number[]>();
  for (const e of explained) {
    if (e.exposure !== 'all-interfaces' || e.row.local.port === null) continue;
    if (!SENSITIVE_PORTS.has(e.row.local.port)) continue;
    const lines = exposedByPort.get(e.row.local.port) ?? [];
    lines.push(e.row.line);
    exposedByPort.set(e.row.local.port, lines);
  }
  for (const [port, lines] of exposedByPort) {
    const s = SENSITIVE_PORTS.get(port)!;
    findings.push({
      kind: 'exposed-service',
      severity: s.severity,
      text: `${s.label} (port ${port}) listens on all interfaces. If other machines do not need it, bind it to 127.0.0.1 or block the port in the firewall${port === 23 ? '; Telnet sends passwords in plain text, so prefer SSH' : ''}.`,
      lines,
      link: READING_NETSTAT_LESSON,
    });
  }

  // TIME-WAIT towards one destination, using ephemeral local ports.
  const tw = new Map<string, SocketRow[]>();
  for (const r of rows) {
    if (r.state !== 'TIME-WAIT' || !r.remote || !inRange(r.local.port, ephemeralRangeFor(r.os))) continue;
    const key = endpointText(r.remote);
    const list = tw.get(key) ?? [];
    list.push(r);
    tw.set(key, list);
  }
  for (const [dest, list] of tw) {
    if (list.length < TIME_WAIT_MANY) continue;
    const span = ephemeralRangeFor(list[0]!.os);
    const share = list.length / spanSize(span);
    findings.push({
      kind: 'time-wait-pile',
      severity: share >= TIME_WAIT_ALERT_SHARE ? 'alert' : 'warning',
      text: `${list.length} connections to ${dest} sit in TIME-WAIT, holding ${(share * 100).toFixed(1)}% of the ${spanSize(span).toLocaleString('en')} ${OS_NAME[list[0]!.os]} ephemeral ports (${span.first}–${span.last}). Each stays blocked for ${list[0]!.os === 'windows' ? '2–4 minutes' : `${LINUX_TIME_WAIT_SECONDS} s`}; if the count keeps growing, new connections to that destination will fail (port exhaustion). Reusing connections (keep-alive, pooling) avoids it.`,
      lines: list.map((r) => r.line),
      link: TCP_STATES_LESSON,
    });
  }

  // CLOSE-WAIT piling up in one program.
  const cw = new Map<string, SocketRow[]>();
  for (const r of rows) {
    if (r.state !== 'CLOSE-WAIT') continue;
    const key = r.pid !== undefined ? `PID ${r.pid}${r.process ? ` (${r.process})` : ''}` : r.process ?? `local port ${r.local.port}`;
    const list = cw.get(key) ?? [];
    list.push(r);
    cw.set(key, list);
  }
  for (const [who, list] of cw) {
    if (list.length < CLOSE_WAIT_MANY) continue;
    findings.push({
      kind: 'close-wait-pile',
      severity: 'warning',
      text: `${list.length} sockets of ${who} wait in CLOSE-WAIT: their peers closed, but the program has not closed its side. If the number grows from one run to the next, the program leaks sockets — a bug in the program, not a network problem.`,
      lines: list.map((r) => r.line),
      link: TCP_STATES_LESSON,
    });
  }

  // SYN-SENT: nothing answered yet.
  const ss = new Map<string, SocketRow[]>();
  for (const r of rows) {
    if (r.state !== 'SYN-SENT' || !r.remote) continue;
    const key = endpointText(r.remote);
    const list = ss.get(key) ?? [];
    list.push(r);
    ss.set(key, list);
  }
  for (const [dest, list] of ss) {
    findings.push({
      kind: 'syn-sent',
      severity: 'warning',
      text: `${list.length === 1 ? 'A connection attempt' : `${list.length} connection attempts`} to ${dest} ${list.length === 1 ? 'is' : 'are'} still in SYN-SENT: nothing has answered yet. If this stays, the host is down or unreachable, or a firewall drops the SYN silently (a closed port would answer at once with a reset).`,
      lines: list.map((r) => r.line),
      link: TCP_STATES_LESSON,
    });
  }

  // Many half-open connections.
  const syn = rows.filter((r) => r.state === 'SYN-RECEIVED');
  if (syn.length >= SYN_RECEIVED_MANY) {
    findings.push({
      kind: 'syn-flood',
      severity: 'alert',
      text: `${syn.length} connections are half-open in SYN-RECEIVED: SYNs arrive but the final ACKs do not. That is the pattern of a SYN flood (often from forged addresses), or of clients whose ACKs are lost on the way.`,
      lines: syn.map((r) => r.line),
      link: TCP_STATES_LESSON,
    });
  }

  // Full accept queues (ss only prints the limit).
  const full = rows.filter((r) => r.format === 'ss' && r.state === 'LISTEN' && r.sendQ !== undefined && r.sendQ > 0 && (r.recvQ ?? 0) >= r.sendQ);
  if (full.length > 0) {
    findings.push({
      kind: 'accept-queue-full',
      severity: 'warning',
      text: `${full.length === 1 ? 'A listener has' : `${full.length} listeners have`} a full accept queue: the program does not call accept() fast enough, so new connection attempts are dropped and clients retry.`,
      lines: full.map((r) => r.line),
      link: READING_NETSTAT_LESSON,
    });
  }
  return findings;
}

function summaryOf(rows: readonly SocketRow[], explained: readonly RowExplanation[]): TableSummary {
  const states = new Map<TcpState | 'UDP' | 'unknown', number>();
  const remotes = new Map<string, number>();
  const listeners = new Map<Exposure, Set<number>>();
  const listenerCounts = new Map<Exposure, number>();
  const formats = new Set<SocketFormat>();
  let tcp = 0;
  for (const r of rows) {
    formats.add(r.format);
    if (r.proto === 'tcp') tcp++;
    const key = r.proto === 'udp' ? 'UDP' : (r.state ?? 'unknown');
    states.set(key, (states.get(key) ?? 0) + 1);
    if (r.remote) remotes.set(r.remote.address, (remotes.get(r.remote.address) ?? 0) + 1);
  }
  for (const e of explained) {
    if (!e.exposure) continue;
    listenerCounts.set(e.exposure, (listenerCounts.get(e.exposure) ?? 0) + 1);
    const set = listeners.get(e.exposure) ?? new Set<number>();
    if (e.row.local.port !== null) set.add(e.row.local.port);
    listeners.set(e.exposure, set);
  }
  return {
    rows: rows.length,
    tcp,
    udp: rows.length - tcp,
    states: [...states].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || String(a.state).localeCompare(String(b.state))),
    listeners: [...listenerCounts].map(([exposure, count]) => ({ exposure, count, ports: [...listeners.get(exposure)!].sort((a, b) => a - b) })),
    busiestRemotes: [...remotes]
      .map(([address, count]) => ({ address, count }))
      .sort((a, b) => b.count - a.count || a.address.localeCompare(b.address))
      .slice(0, BUSIEST_REMOTES),
    formats: [...formats],
  };
}

/** Explains every row, then looks across rows for findings, and sums up. Never throws. */
export function explainTable(rows: readonly SocketRow[], options: ExplainOptions = {}): TableExplanation {
  const listening = new Set<string>();
  for (const r of rows) if (r.proto === 'tcp' && r.state === 'LISTEN' && r.local.port !== null) listening.add(`tcp/${r.local.port}`);
  const explained = rows.map((r) => explainRow(r, listening, options.ports));
  return { rows: explained, findings: findingsOf(rows, explained), summary: summaryOf(rows, explained) };
}
