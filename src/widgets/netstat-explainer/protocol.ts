/**
 * Messages between the explainer's state (main thread) and its engine (in a Web Worker). The engine
 * keeps the whole parse and explanation; the main thread only ever receives one page of rows, so a
 * 100,000-line paste never crosses over whole.
 */
import type {
  DetectedFormat,
  ExplainNote,
  Exposure,
  Finding,
  IssueSeverity,
  ParseIssue,
  RowFilter,
  RowSort,
  SocketFormat,
  SocketRow,
  TableSummary,
} from '../../core/index.ts';

/** The format the user asked for: detect it, or read every line as one dialect. */
export type FormatChoice = SocketFormat | 'auto';

export type ExportKind = 'markdown' | 'csv';

/**
 * Everything the view depends on. Idempotent: the engine re-parses only when `text`, `format` or
 * `ports` changed, and re-sorts only when `sort` or `filter` changed.
 */
export interface SyncRequest {
  type: 'sync';
  id: number;
  /** The paste; left out when it has not changed since the last request (it can be 10 MB). */
  text?: string;
  /** The text of ports.json; sent once, when it has loaded. */
  ports?: string;
  format: FormatChoice;
  sort: RowSort;
  filter: RowFilter;
  /** How many rows of the view to send back. */
  rowLimit: number;
  /** How many parse issues to send back. */
  issueLimit: number;
}

/** Asks for the current view (filters and sort applied) as a file. */
export interface ExportRequest {
  type: 'export';
  id: number;
  kind: ExportKind;
}

export type EngineRequest = SyncRequest | ExportRequest;

/** One row of the table as the widget shows it: the row, its notes and the line it came from. */
export interface RowView {
  row: SocketRow;
  notes: ExplainNote[];
  exposure?: Exposure;
  /** The pasted line, exactly as pasted (only ever rendered as text). */
  source: string;
}

/** A finding with its line list cut to what the widget shows. */
export interface FindingView extends Omit<Finding, 'lines'> {
  lines: number[];
  /** How many lines the finding is about in all. */
  lineTotal: number;
}

/** Listeners of one exposure, with the port list cut to what the widget shows. */
export interface ListenerGroup {
  exposure: Exposure;
  count: number;
  ports: number[];
  portTotal: number;
}

/** What the widget shows after a sync. */
export interface Snapshot {
  type: 'snapshot';
  id: number;
  /** The format the rows were read as. */
  format: DetectedFormat;
  /** True when the user chose the format. */
  forced: boolean;
  /** What the user chose under "Read as". */
  chosen: FormatChoice;
  /** Formats of the paste's sections, in order (several for a mixed paste). */
  sectionFormats: SocketFormat[];
  lineCount: number;
  rowCount: number;
  tcp: number;
  udp: number;
  states: TableSummary['states'];
  listeners: ListenerGroup[];
  busiestRemotes: TableSummary['busiestRemotes'];
  findings: FindingView[];
  /** The first `issueLimit` issues, in line order. */
  issues: ParseIssue[];
  issueTotal: number;
  issueCounts: Record<IssueSeverity, number>;
  /** The first `rowLimit` rows of the view. */
  rows: RowView[];
  /** Rows that pass the filter. */
  matching: number;
  /** The order the rows are in (echoed, so the headers show the order of the rows shown). */
  sort: RowSort;
  portsLoaded: boolean;
  portsError?: string;
  /** Time the engine took, in milliseconds (set by the worker). */
  millis?: number;
}

export interface ExportResult {
  type: 'export';
  id: number;
  kind: ExportKind;
  blob: Blob;
  filename: string;
  rows: number;
}

/** The engine failed on a request (a bug: the core never throws on input). */
export interface EngineFailure {
  type: 'failure';
  id: number;
  message: string;
}

export type EngineResponse = Snapshot | ExportResult | EngineFailure;
