/**
 * parseSocketTable: detect the dialect of each line, parse, normalise.
 *
 * Lines are read one at a time. Socket rows are recognised by their shape (so translated
 * Windows output works); prompts, command lines, titles and column headers only give hints
 * (which protocol an ss table without Netid lists, that a PowerShell table is UDP). Nothing is
 * guessed when nothing fits: such lines are reported with a reason, and a paste in which no
 * dialect is recognised is reported as 'unknown' (unlike jc, which falls back to its Linux parser).
 * Never throws on any input.
 */
import type { PortDb } from '../ports/index.ts';
import type { ServiceResolver } from './address.ts';
import { parseBsdNetstatLine } from './bsd-netstat.ts';
import { parseLinuxNetstatLine } from './linux-netstat.ts';
import { parseLsofLine } from './lsof.ts';
import { parsePowerShellTcpLine, parsePowerShellUdpLine } from './powershell.ts';
import type { LineContext, LineResult } from './row-helpers.ts';
import { parseSsLine } from './ss.ts';
import type { DetectedFormat, ParseIssue, Proto, SocketFormat, SocketRow, SocketTable, TableSection } from './types.ts';
import { parseWindowsNetstatLine } from './windows-netstat.ts';

/**
 * Lines longer than this are reported, not parsed. The longest real socket lines are ss rows
 * with many owners or -i details (a few thousand characters); this bounds the work per line so a
 * 10 MB paste without newlines answers at once.
 */
export const MAX_LINE_LENGTH = 8192;
/** Issue texts are cut to this many characters (the widget shows the whole line from the paste). */
export const ISSUE_TEXT_MAX = 200;
/**
 * At most this many unrecognised lines right before a table's first row are read as its title
 * and column headers (translated Windows prints a title, a blank line and one header line).
 */
export const MAX_PREAMBLE_LINES = 3;
/** Windows `netstat -b` prints at most a few owner lines per row (components, then [program]). */
export const MAX_OWNER_LINES = 6;

/** Options of parseSocketTable. */
export interface ParseOptions {
  /** Read every line as this dialect instead of detecting it. */
  format?: SocketFormat;
  /** Service-name data (from src/core/ports) used to turn `ssh`, `https` into port numbers. */
  ports?: PortDb;
  /** Alternative to `ports`: any function from a service name to a port. */
  resolveService?: ServiceResolver;
}

/** The dialects in the order they are tried: the most distinctive shapes first. */
const PARSERS: readonly (readonly [SocketFormat, (text: string, ctx: LineContext) => LineResult | undefined])[] = [
  ['windows-netstat', parseWindowsNetstatLine],
  ['linux-netstat', parseLinuxNetstatLine],
  ['bsd-netstat', parseBsdNetstatLine],
  ['ss', parseSsLine],
  ['lsof', parseLsofLine],
  ['powershell', parsePowerShellTcpLine],
];

/**
 * Builds a resolver from the ports module's database. A name registered for several ports of
 * that transport (IANA gives `http-alt` to 591, 8008 and 8080) is reported as ambiguous rather
 * than resolved to one of them.
 */
export function resolverFromPorts(db: PortDb | undefined): ServiceResolver {
  if (!db) return () => undefined;
  return (name, proto) => {
    const list = db.byName.get(name.toLowerCase());
    if (!list || list.length === 0) return undefined;
    const same = list.filter((x) => x.transport === proto);
    const ports = [...new Set((same.length > 0 ? same : list).map((x) => x.port))];
    return ports.length === 1 ? ports[0] : ports;
  };
}

const COMMAND_WORDS = /(?:^|[\s$#%>])(?:sudo\s+(?:-\S+\s+)*)?(netstat(?:\.exe)?|ss|lsof|Get-NetTCPConnection|Get-NetUDPEndpoint)(?=\s|$)(.*)$/i;
const PROMPT_BEFORE = /(?:^|[$#%>]\s*)$/;

type Tool = 'netstat' | 'ss' | 'lsof' | 'ps-tcp' | 'ps-udp';

interface Command {
  tool: Tool;
  text: string;
  line: number;
  ssProto?: Proto;
}

/** Recognises a prompt plus command, or a bare command line. */
function readCommand(text: string, line: number): Command | undefined {
  const lower = text.toLowerCase();
  if (!lower.includes('netstat') && !lower.includes('ss') && !lower.includes('lsof') && !lower.includes('get-net')) return undefined;
  const m = COMMAND_WORDS.exec(text);
  if (!m) return undefined;
  const wordAt = m.index + m[0].toLowerCase().indexOf(m[1]!.toLowerCase());
  const before = text.slice(0, wordAt).replace(/sudo\s.*$/i, '').trimEnd();
  if (before !== '' && !PROMPT_BEFORE.test(before)) return undefined;
  const word = m[1]!.toLowerCase();
  const args = m[2] ?? '';
  const tool: Tool = word.startsWith('netstat')
    ? 'netstat'
    : word === 'ss'
      ? 'ss'
      : word === 'lsof'
        ? 'lsof'
        : word === 'get-netudpendpoint'
          ? 'ps-udp'
          : 'ps-tcp';
  const cmd: Command = { tool, text: text.trim(), line };
  if (tool === 'ss') {
    const flags = args
      .split(/\s+/)
      .filter((a) => /^-[a-zA-Z]+$/.test(a))
      .join('');
    const tcp = flags.includes('t') || /--tcp\b/.test(args);
    const udp = flags.includes('u') || /--udp\b/.test(args);
    if (tcp && !udp) cmd.ssProto = 'tcp';
    if (udp && !tcp) cmd.ssProto = 'udp';
  }
  return cmd;
}

/** Structural lines: titles and column headers of each tool. */
const HEADERS: readonly (readonly [RegExp, 'linux-netstat' | 'bsd-netstat' | 'ss' | 'windows-netstat' | 'lsof' | 'ps-tcp' | 'ps-udp' | 'title' | 'skip-section'])[] = [
  [/^Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+\(state\)/, 'bsd-netstat'],
  [/^Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address/, 'linux-netstat'],
  [/^(?:Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port\s+Peer Address:Port/, 'ss'],
  [/^\s*Proto\s+Local Address\s+Foreign Address(?:\s+State)?/, 'windows-netstat'],
  [/^COMMAND\s+PID\s+.*\bTYPE\s+DEVICE\b/, 'lsof'],
  [/^LocalAddress\s+LocalPort\s+RemoteAddress\s+RemotePort\b/, 'ps-tcp'],
  [/^LocalAddress\s+LocalPort(?:\s+OwningProcess)?$/, 'ps-udp'],
  [/^-{2,}(?:\s+-{2,})*$/, 'title'], // PowerShell's underline row
  [/^Active (?:Internet|Multipath Internet)? ?connections\b|^Active Connections$/, 'title'],
  [/^Active (?:UNIX|LOCAL \(UNIX\)) domain sockets|^Active (?:kernel (?:event|control) sockets|Bluetooth connections|IPX sockets|AX\.25 sockets|NET\/ROM sockets)|^Registered kernel control modules/, 'skip-section'],
  [/^Proto\/ID\s+Flags\s+Local Address/, 'title'], // macOS Multipath header
  // Windows titles in the languages checked in states.ts (a translated title is also accepted
  // without this list, as the preamble of the rows that follow).
  [/^(?:Aktive Verbindungen|Активные подключения|Conexiones activas|Connexions actives|Conexões ativas|Connessioni attive|Aktywne połączenia|活动连接|アクティブな接続)$/, 'title'],
];

function clip(text: string): string {
  return text.length > ISSUE_TEXT_MAX ? `${text.slice(0, ISSUE_TEXT_MAX)}…` : text;
}

class TableParser {
  readonly rows: SocketRow[] = [];
  readonly issues: ParseIssue[] = [];
  readonly sections: TableSection[] = [];
  private section: (TableSection & { ssProto?: Proto; sectionRows: SocketRow[]; headerLine?: number }) | null = null;
  private command: Command | null = null;
  private psUdp = false;
  private headerLine: number | undefined;
  private skipSection = false;
  private skipRun: { first: number; last: number; count: number; what: Set<string> } | null = null;
  private pending: { line: number; text: string }[] = [];
  private lastRow: SocketRow | null = null;
  private ownerLines = 0;
  private sawHeader: SocketFormat | null = null;
  private formatsSeen = new Set<SocketFormat>();
  skippedAny = false;
  /** ss rows whose protocol was not printed (no Netid column) and no command told us. */
  private readonly protoGuessed = new WeakSet<SocketRow>();

  private readonly forced: SocketFormat | undefined;
  private readonly resolve: ServiceResolver;

  constructor(forced: SocketFormat | undefined, resolve: ServiceResolver) {
    this.forced = forced;
    this.resolve = resolve;
  }

  feed(raw: string, line: number): void {
    if (raw.length > MAX_LINE_LENGTH) {
      this.flushPending();
      this.issue(line, raw, `This line is ${raw.length.toLocaleString('en')} characters long; socket lines are much shorter, so it was not read.`, 'error');
      this.lastRow = null;
      return;
    }
    const text = raw.includes('\t') ? raw.replace(/\t/g, ' ') : raw;
    const trimmed = text.trim();
    if (trimmed === '') return;

    // 1. Socket rows.
    const result = this.tryRow(text, line);
    if (result) {
      if (result.kind === 'skip') {
        this.flushPending();
        this.addSkip(line, result.what);
        this.lastRow = null;
      } else {
        if (result.protoGuessed) this.protoGuessed.add(result.row);
        this.addRow(result.row, result.notes, line, raw);
      }
      return;
    }

    // 2. Extra lines that belong to the row above: ss -i / -m details, Windows -b owners.
    if (this.lastRow && this.continuation(raw, trimmed)) {
      if (this.section) this.section.lastLine = line;
      return;
    }

    // 3. Commands, titles and headers.
    const cmd = readCommand(trimmed, line);
    if (cmd) {
      this.closeSection();
      this.flushPending();
      this.endSkipRun();
      this.skipSection = false;
      this.command = cmd;
      this.psUdp = false; // only the table's own header (LocalAddress LocalPort) turns UDP rows on
      this.headerLine = undefined;
      this.lastRow = null;
      return;
    }
    for (const [re, kind] of HEADERS) {
      if (!re.test(kind === 'title' || kind === 'skip-section' ? trimmed : text.trimEnd())) continue;
      this.lastRow = null;
      if (kind === 'skip-section') {
        this.flushPending();
        this.closeSection();
        this.skipSection = true;
        this.addSkip(line, 'unix-domain or kernel socket section');
        return;
      }
      if (this.skipSection) {
        // a header inside a skipped section (the unix table's own header)
        if (kind === 'linux-netstat' || kind === 'title') {
          this.addSkip(line, 'unix-domain or kernel socket section');
          return;
        }
      }
      this.flushPending();
      this.endSkipRun();
      this.skipSection = false;
      if (kind === 'title') return;
      const format: SocketFormat = kind === 'ps-tcp' || kind === 'ps-udp' ? 'powershell' : kind;
      if (this.section && (this.section.format !== format || this.section.rows > 0)) this.closeSection();
      this.psUdp = kind === 'ps-udp';
      this.headerLine = line;
      this.sawHeader = format;
      return;
    }

    // 4. Lines inside a skipped unix / kernel section.
    if (this.skipSection) {
      this.addSkip(line, 'unix-domain or kernel socket section');
      return;
    }

    // 5. PowerShell UDP rows have no distinctive shape: only under their header.
    if (this.psUdp && (this.forced === undefined || this.forced === 'powershell')) {
      const udp = parsePowerShellUdpLine(text, this.ctx(line));
      if (udp && udp.kind === 'row') {
        this.addRow(udp.row, udp.notes, line, raw);
        return;
      }
    }

    this.lastRow = null;
    this.pending.push({ line, text: raw });
  }

  finish(): void {
    this.closeSection();
    this.flushPending();
    this.endSkipRun();
  }

  detected(): DetectedFormat {
    if (this.formatsSeen.size === 1) return [...this.formatsSeen][0]!;
    if (this.formatsSeen.size > 1) return 'mixed';
    return this.sawHeader ?? 'unknown';
  }

  private ctx(line: number): LineContext {
    const ctx: LineContext = { line, resolve: this.resolve };
    const ssProto = this.command?.tool === 'ss' ? this.command.ssProto : undefined;
    if (ssProto) ctx.ssProto = ssProto;
    if (this.psUdp) ctx.psUdp = true;
    return ctx;
  }

  private tryRow(text: string, line: number): LineResult | undefined {
    const ctx = this.ctx(line);
    for (const [format, parse] of PARSERS) {
      if (this.forced !== undefined && this.forced !== format) continue;
      const r = parse(text, ctx);
      if (r) return r;
    }
    return undefined;
  }

  private continuation(raw: string, trimmed: string): boolean {
    const row = this.lastRow!;
    if (row.format === 'ss' && /^\s/.test(raw)) {
      row.details = row.details ? `${row.details} ${trimmed}` : trimmed;
      return true;
    }
    if (row.format === 'windows-netstat' && this.ownerLines < MAX_OWNER_LINES && trimmed.length <= 120) {
      this.ownerLines++;
      const bracket = /^\[(.+)\]$/.exec(trimmed);
      if (bracket) row.process = bracket[1]!;
      else if (/^[A-Za-z][\w.-]*$/.test(trimmed)) (row.components ??= []).push(trimmed);
      else row.details = row.details ? `${row.details} ${trimmed}` : trimmed;
      return true;
    }
    return false;
  }

  private addRow(row: SocketRow, notes: readonly { reason: string; severity: 'warning' | 'info' }[], line: number, raw: string): void {
    this.endSkipRun();
    this.skipSection = false;
    const section = this.section;
    if (!section || section.format !== row.format) {
      this.closeSection();
      this.openSection(row.format, line);
    }
    const s = this.section!;
    if (s.rows === 0 && this.pending.length > 0 && this.pending.length <= MAX_PREAMBLE_LINES) {
      for (const p of this.pending) {
        this.issue(p.line, p.text, 'Read as the title or column header of the table below (headers are not checked word by word, so translated ones pass).', 'info');
      }
      this.pending = [];
    } else {
      this.flushPending();
    }
    for (const n of notes) this.issue(line, raw, n.reason, n.severity);
    s.rows++;
    s.lastLine = line;
    s.sectionRows.push(row);
    this.rows.push(row);
    this.formatsSeen.add(row.format);
    this.lastRow = row;
    this.ownerLines = 0;
  }

  private openSection(format: SocketFormat, line: number): void {
    const first = Math.min(line, this.command?.line ?? line, this.headerLine ?? line);
    this.section = { format, firstLine: first, lastLine: line, rows: 0, sectionRows: [] };
    if (this.command) this.section.command = this.command.text;
    if (format === 'ss' && this.command?.ssProto) this.section.ssProto = this.command.ssProto;
    if (this.headerLine !== undefined) this.section.headerLine = this.headerLine;
  }

  private closeSection(): void {
    const s = this.section;
    if (!s) return;
    this.section = null;
    if (s.rows === 0) return;
    if (s.format === 'ss') this.settleSsProtocol(s);
    this.sections.push({ format: s.format, firstLine: s.firstLine, lastLine: s.lastLine, rows: s.rows, ...(s.command === undefined ? {} : { command: s.command }) });
    // a command introduces one table: a later table without its own command has none
    this.command = null;
    this.headerLine = undefined;
  }

  /**
   * ss drops the Netid column when only one socket type is listed. Without the command line the
   * protocol is read from the states: UNCONN and ESTAB-only tables of UDP show UNCONN somewhere,
   * TCP tables show LISTEN or a closing state. What stays open is said, not guessed silently.
   */
  private settleSsProtocol(s: TableSection & { ssProto?: Proto; sectionRows: SocketRow[]; headerLine?: number }): void {
    if (s.ssProto) return;
    const guessed = s.sectionRows.filter((r) => this.protoGuessed.has(r));
    if (guessed.length === 0) return;
    const tcpOnly = guessed.some((r) => r.stateText !== 'UNCONN' && r.stateText !== 'ESTAB');
    const hasUnconn = guessed.some((r) => r.stateText === 'UNCONN');
    if (hasUnconn && !tcpOnly) {
      for (const r of guessed) {
        r.proto = 'udp';
        r.state = null;
      }
    } else if (!hasUnconn && !tcpOnly) {
      this.issue(
        s.headerLine ?? s.firstLine,
        '',
        'ss printed no Netid column and every row is ESTAB, so TCP and UDP cannot be told apart; the rows are read as TCP. Paste the command line (ss -t… or ss -u…) to be sure.',
        'info',
      );
    }
  }

  private addSkip(line: number, what: string): void {
    this.skippedAny = true;
    this.flushPending();
    const run = this.skipRun;
    if (run) {
      run.last = line;
      run.count++;
      run.what.add(what);
    } else {
      this.skipRun = { first: line, last: line, count: 1, what: new Set([what]) };
    }
  }

  private endSkipRun(): void {
    const run = this.skipRun;
    if (!run) return;
    this.skipRun = null;
    const where = run.first === run.last ? `line ${run.first}` : `lines ${run.first}–${run.last}`;
    this.issue(
      run.first,
      '',
      `Skipped ${run.count} line${run.count === 1 ? '' : 's'} (${where}): ${[...run.what].join(', ')}. Only TCP and UDP sockets are explained; unix-domain, raw and kernel sockets are local plumbing, not network ports.`,
      'info',
    );
  }

  private flushPending(): void {
    for (const p of this.pending) this.issue(p.line, p.text, reasonFor(p.text), 'error');
    this.pending = [];
  }

  private issue(line: number, text: string, reason: string, severity: ParseIssue['severity']): void {
    this.issues.push({ line, text: clip(text), reason, severity });
  }
}

/** Explains why a line was not understood, from its first word. */
function reasonFor(text: string): string {
  const t = text.trim();
  if (/^(?:tcp|udp)\S*\s/i.test(t) || /^(?:ESTAB|LISTEN|UNCONN|TIME-WAIT)\s/.test(t)) {
    return 'Starts like a socket line but the addresses do not parse: the line may be cut short or edited.';
  }
  if (/^<[a-z!/]/i.test(t)) return 'Looks like HTML, not command output; it is shown as text and ignored.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(t)) return 'Contains control characters: this looks like binary data, not command output.';
  return 'Not a line of netstat, ss, lsof or PowerShell output that we know.';
}

/**
 * Parses pasted netstat / ss / lsof / PowerShell output into rows, one per socket line, plus
 * issues for every line that was not (fully) used. Never throws.
 */
export function parseSocketTable(text: unknown, options: ParseOptions = {}): SocketTable {
  if (typeof text !== 'string') {
    return {
      format: 'unknown',
      rows: [],
      issues: [{ line: 0, text: '', reason: 'The input is not text.', severity: 'error' }],
      sections: [],
      lineCount: 0,
    };
  }
  const resolve = options.resolveService ?? resolverFromPorts(options.ports);
  const parser = new TableParser(options.format, resolve);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) parser.feed(lines[i]!, i + 1);
  parser.finish();
  parser.issues.sort((a, b) => a.line - b.line);
  let format = parser.detected();
  if (options.format !== undefined && parser.rows.length > 0) format = options.format;
  if (parser.rows.length === 0 && !parser.skippedAny && text.trim() !== '' && format === 'unknown') {
    parser.issues.unshift({
      line: 0,
      text: '',
      reason: 'No socket table recognised. Paste the output of netstat, ss, lsof -i, Get-NetTCPConnection or Get-NetUDPEndpoint.',
      severity: 'error',
    });
  }
  return { format, rows: parser.rows, issues: parser.issues, sections: parser.sections, lineCount: text === '' ? 0 : lines.length };
}
