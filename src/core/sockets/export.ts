/**
 * The annotated table as text people can keep: Markdown (for a ticket or a wiki) and CSV (for a
 * spreadsheet). Pasted text ends up inside both, so both escape it: Markdown so that nothing in a
 * cell turns into a link, HTML or another column; CSV per RFC 4180, with cells that a spreadsheet
 * would run as a formula neutralised.
 */
import type { Finding, RowExplanation } from './explain.ts';
import type { DetectedFormat, ParseIssue, SocketFormat } from './types.ts';
import { EXPOSURE_INFO, formatEndpoint, formatLabel, ownerLabel } from './view.ts';

/** What an export holds besides the rows. */
export interface ExportContext {
  format: DetectedFormat;
  /** Formats of the paste's sections, to name a mixed paste. */
  sectionFormats?: readonly SocketFormat[];
  lineCount: number;
  findings?: readonly Finding[];
  issues?: readonly ParseIssue[];
  /** The original line of the paste for a 1-based line number (CSV only: Markdown cells stay short). */
  source?: (line: number) => string;
  /** True when the rows are a filtered subset; the heading says so. */
  filtered?: boolean;
}

/** Finding line lists longer than this are cut in Markdown ("and 240 more"). */
export const EXPORT_LINES_SHOWN = 20;

const SEVERITY_WORD = { info: 'Note', warning: 'Warning', alert: 'Alert', error: 'Not understood' } as const;

/**
 * Escapes text for one Markdown table cell: every character CommonMark could read as markup
 * (emphasis, code, links, HTML, entities, the cell separator) gets a backslash (CommonMark §2.4
 * allows one before any ASCII punctuation); line breaks become spaces.
 */
export function markdownCell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`);
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, EXPORT_LINES_SHOWN).join(', ');
  return lines.length > EXPORT_LINES_SHOWN ? `${shown} and ${lines.length - EXPORT_LINES_SHOWN} more` : shown;
}

/** The rows with their notes as a Markdown document: a summary line, findings, the table, then issues. */
export function tableToMarkdown(rows: readonly RowExplanation[], ctx: ExportContext): string {
  const out: string[] = ['# Socket table explained', ''];
  out.push(
    `Format: ${markdownCell(formatLabel(ctx.format, ctx.sectionFormats))}. ${ctx.lineCount.toLocaleString('en')} lines pasted; ${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'row' : 'rows'}${ctx.filtered ? ' (filtered)' : ''}.`,
    '',
  );
  if (ctx.findings && ctx.findings.length > 0) {
    out.push('## Findings', '');
    for (const f of ctx.findings) out.push(`- **${SEVERITY_WORD[f.severity]}:** ${markdownCell(f.text)} (lines ${lineList(f.lines)})`);
    out.push('');
  }
  out.push('## Rows', '', '| Line | Proto | Local | Remote | State | Owner | Exposure | Notes |', '| ---: | --- | --- | --- | --- | --- | --- | --- |');
  for (const e of rows) {
    const r = e.row;
    const notes = e.notes.map((n) => (n.severity === 'info' ? markdownCell(n.text) : `**${SEVERITY_WORD[n.severity]}:** ${markdownCell(n.text)}`));
    out.push(
      `| ${r.line} | ${r.proto}${r.family === 6 ? '6' : ''} | ${markdownCell(formatEndpoint(r.local))} | ${markdownCell(formatEndpoint(r.remote)) || '—'} | ${markdownCell(r.state ?? r.stateText) || '—'} | ${markdownCell(ownerLabel(r)) || '—'} | ${e.exposure ? EXPOSURE_INFO[e.exposure].label : '—'} | ${notes.join('<br>')} |`,
    );
  }
  if (ctx.issues && ctx.issues.length > 0) {
    out.push('', '## Lines not understood and other notes', '');
    for (const i of ctx.issues) {
      const where = i.line === 0 ? 'Whole paste' : `Line ${i.line}`;
      out.push(`- ${where}, ${SEVERITY_WORD[i.severity].toLowerCase()}: ${markdownCell(i.reason)}${i.text ? ` — \`${i.text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\`` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Cells a spreadsheet would evaluate as a formula start with one of these (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field per RFC 4180 §2: quoted when it holds a comma, quote or line break, quotes
 * doubled. Text that would start a formula gets a leading apostrophe first. Numbers pass as they are.
 */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV header, in column order. */
export const CSV_COLUMNS = [
  'line',
  'proto',
  'family',
  'local_address',
  'local_port',
  'remote_address',
  'remote_port',
  'state',
  'state_as_printed',
  'recv_q',
  'send_q',
  'pid',
  'process',
  'user',
  'exposure',
  'format',
  'notes',
  'source_line',
] as const;

/** The rows as CSV (RFC 4180: CRLF line ends, header first); notes are joined with line breaks inside one field. */
export function tableToCsv(rows: readonly RowExplanation[], ctx: Pick<ExportContext, 'source'> = {}): string {
  const out: string[] = [CSV_COLUMNS.join(',')];
  for (const e of rows) {
    const r = e.row;
    const remotePort = r.remote ? (r.remote.port ?? r.remote.service ?? '*') : undefined;
    out.push(
      [
        r.line,
        r.proto,
        r.family,
        r.local.zone ? `${r.local.address}%${r.local.zone}` : r.local.address,
        r.local.port ?? r.local.service ?? '*',
        r.remote ? (r.remote.zone ? `${r.remote.address}%${r.remote.zone}` : r.remote.address) : undefined,
        remotePort,
        r.state ?? undefined,
        r.stateText,
        r.recvQ,
        r.sendQ,
        r.pid,
        r.process,
        r.user,
        e.exposure,
        r.format,
        e.notes.map((n) => (n.severity === 'info' ? n.text : `${SEVERITY_WORD[n.severity]}: ${n.text}`)).join('\n'),
        ctx.source?.(r.line),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}
