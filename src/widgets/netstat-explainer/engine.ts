/**
 * The explainer's engine: holds one paste, its parse and its explanation, and answers with the
 * page of rows the widget shows. It runs inside parse.worker.ts. Plain TypeScript without runes,
 * so it is unit-tested in Node. Every rule is the core's: this file only caches and cuts.
 */
// The sockets and ports modules' own indexes, not the core's: the core index would also bundle the
// simulator and the packet decoders (their load-time tables) into this worker.
import { buildPortDb, type CompactPortData, type PortDb } from '../../core/ports/index.ts';
import {
  NO_FILTER,
  explainTable,
  parseSocketTable,
  splitLines,
  tableToCsv,
  tableToMarkdown,
  viewIndices,
  type IssueSeverity,
  type RowExplanation,
  type SocketTable,
  type TableExplanation,
} from '../../core/sockets/index.ts';
import type { EngineRequest, EngineResponse, ExportKind, ExportResult, FormatChoice, Snapshot, SyncRequest } from './protocol.ts';

/** Ports listed per exposure group in the summary before "and N more". */
export const LISTENER_PORTS_SHOWN = 24;
/** Line numbers sent per finding before "and N more". */
export const FINDING_LINES_SHOWN = 40;

const EXPORT_FILES: Record<ExportKind, { name: string; type: string }> = {
  markdown: { name: 'socket-table.md', type: 'text/markdown;charset=utf-8' },
  csv: { name: 'socket-table.csv', type: 'text/csv;charset=utf-8' },
};

export class ExplainerEngine {
  private db: PortDb | undefined;
  private portsError: string | undefined;
  private text = '';
  private format: FormatChoice = 'auto';
  private table: SocketTable = parseSocketTable('');
  private explained: TableExplanation = explainTable([]);
  private lines: string[] = [];
  private viewKey = '';
  private view: number[] = [];
  private lastSync: SyncRequest | undefined;

  /** Brings the engine up to date with the request and returns what the widget shows. */
  sync(req: SyncRequest): Snapshot {
    let changed = false;
    if (req.ports !== undefined) {
      try {
        this.db = buildPortDb(JSON.parse(req.ports) as CompactPortData);
        this.portsError = undefined;
      } catch (e) {
        this.portsError = `The service-name list could not be read (${e instanceof Error ? e.message : String(e)}); port numbers still work.`;
      }
      changed = true;
    }
    if (req.text !== undefined && req.text !== this.text) {
      this.text = req.text;
      changed = true;
    }
    if (req.format !== this.format) {
      this.format = req.format;
      changed = true;
    }
    if (changed) {
      const options = this.format === 'auto' ? { ports: this.db } : { ports: this.db, format: this.format };
      this.table = parseSocketTable(this.text, options);
      this.explained = explainTable(this.table.rows, { ports: this.db });
      this.lines = splitLines(this.text);
    }
    const viewKey = JSON.stringify([req.sort, req.filter]);
    if (changed || viewKey !== this.viewKey) {
      this.view = viewIndices(this.explained.rows, req.sort, req.filter);
      this.viewKey = viewKey;
    }
    this.lastSync = req;
    return this.snapshot(req);
  }

  /** The current view (filters and sort of the last sync) as a Markdown or CSV file. */
  exportFile(kind: ExportKind, id: number): ExportResult {
    const rows = this.viewRows();
    const filter = this.lastSync?.filter ?? NO_FILTER;
    const filtered = rows.length !== this.explained.rows.length || JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
    const text =
      kind === 'markdown'
        ? tableToMarkdown(rows, {
            format: this.table.format,
            sectionFormats: this.table.sections.map((s) => s.format),
            lineCount: this.table.lineCount,
            findings: this.explained.findings,
            issues: this.table.issues,
            filtered,
          })
        : tableToCsv(rows, { source: (line) => this.lines[line - 1] ?? '' });
    const file = EXPORT_FILES[kind];
    return { type: 'export', id, kind, blob: new Blob([text], { type: file.type }), filename: file.name, rows: rows.length };
  }

  private viewRows(): RowExplanation[] {
    return this.view.map((i) => this.explained.rows[i]!);
  }

  private snapshot(req: SyncRequest): Snapshot {
    const { table, explained } = this;
    const issueCounts: Record<IssueSeverity, number> = { error: 0, warning: 0, info: 0 };
    for (const i of table.issues) issueCounts[i.severity]++;
    const snap: Snapshot = {
      type: 'snapshot',
      id: req.id,
      format: table.format,
      forced: this.format !== 'auto',
      chosen: this.format,
      sectionFormats: table.sections.map((s) => s.format),
      lineCount: table.lineCount,
      rowCount: table.rows.length,
      tcp: explained.summary.tcp,
      udp: explained.summary.udp,
      states: explained.summary.states,
      listeners: explained.summary.listeners.map((l) => ({ exposure: l.exposure, count: l.count, ports: l.ports.slice(0, LISTENER_PORTS_SHOWN), portTotal: l.ports.length })),
      busiestRemotes: explained.summary.busiestRemotes,
      findings: explained.findings.map((f) => ({ ...f, lines: f.lines.slice(0, FINDING_LINES_SHOWN), lineTotal: f.lines.length })),
      issues: table.issues.slice(0, Math.max(0, req.issueLimit)),
      issueTotal: table.issues.length,
      issueCounts,
      rows: this.view.slice(0, Math.max(0, req.rowLimit)).map((i) => {
        const e = explained.rows[i]!;
        const source = this.lines[e.row.line - 1] ?? '';
        return e.exposure === undefined ? { row: e.row, notes: e.notes, source } : { row: e.row, notes: e.notes, exposure: e.exposure, source };
      }),
      matching: this.view.length,
      sort: req.sort,
      portsLoaded: this.db !== undefined,
    };
    if (this.portsError !== undefined) snap.portsError = this.portsError;
    return snap;
  }
}

/**
 * Answers one request. Never throws: a failure (a bug, since the core never throws on input) is
 * reported so the widget can say so. `now` times the work (performance.now in the browser).
 */
export function handleRequest(engine: ExplainerEngine, req: EngineRequest, now: () => number = () => 0): EngineResponse {
  try {
    if (req.type === 'export') return engine.exportFile(req.kind, req.id);
    const start = now();
    const snap = engine.sync(req);
    snap.millis = now() - start;
    return snap;
  } catch (e) {
    return { type: 'failure', id: req.id, message: e instanceof Error ? e.message : String(e) };
  }
}

