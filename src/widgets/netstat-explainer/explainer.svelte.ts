/**
 * State of the netstat / ss explainer: what the user typed and chose, and the last snapshot the
 * engine sent back. The engine (parse + explain, from the core) runs in a Web Worker so a
 * 100,000-line paste never freezes the page; requests are coalesced, so at most one is in flight
 * and the next one carries whatever changed meanwhile.
 */
// Main-thread code imports the core's view module, not the core's index: the index would pull
// every core module's load-time tables (state words, explanations) into the island, and those
// belong in the worker.
import { DEFAULT_SORT, NO_FILTER, type RowFilter, type RowSort, type SortKey } from '../../core/sockets/view.ts';
import type { EngineRequest, EngineResponse, ExportKind, ExportResult, FormatChoice, Snapshot, SyncRequest } from './protocol.ts';
import { findSample } from './samples.ts';

/** Rows shown at first and added by each "show more". */
export const PAGE_ROWS = 500;
/** Rows the table ever holds; beyond this the filters or the export are the way (DOM stays small). */
export const MAX_ROWS_SHOWN = 5_000;
/** Issues shown at first and added by each "show more". */
export const PAGE_ISSUES = 200;
/** Issues the list ever holds. */
export const MAX_ISSUES_SHOWN = 5_000;
/**
 * Pastes longer than this are not put into the text box: Chromium takes seconds to lay out a
 * textarea holding megabytes (measured here: 10 MB, 100,000 lines, 2–5 s of a frozen page on a
 * 2-core machine), while the worker reads the same text in about a second without blocking.
 */
export const LARGE_PASTE_CHARS = 1_000_000;
/** Lines of a large paste shown (read-only) in the text box. */
export const PREVIEW_LINES = 200;
/** Pause in typing before the paste is read again. */
export const DEBOUNCE_MS = 250;
/** How long a download's object URL is kept before it is released. */
const REVOKE_AFTER_MS = 60_000;

/** How requests reach the engine (a Web Worker). */
interface Channel {
  post(request: EngineRequest): void;
  close(): void;
}

function workerChannel(onResponse: (r: EngineResponse) => void, onBroken: (why: string) => void): Channel {
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<EngineResponse>) => onResponse(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onBroken(e.message || 'the worker script did not load');
  };
  return { post: (r) => worker.postMessage(r), close: () => worker.terminate() };
}

/** The first PREVIEW_LINES lines of a text, without splitting all of it. */
function previewOf(text: string): string {
  let at = -1;
  for (let i = 0; i < PREVIEW_LINES; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at);
}

/** One fetch of ports.json per page, shared by every explainer on it. */
let portsRequest: Promise<string> | undefined;
function loadPorts(url: string): Promise<string> {
  portsRequest ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.text();
  });
  return portsRequest;
}

export class ExplainerState {
  text = $state('');
  /** The sample shown, or '' for the user's own paste. */
  sampleId = $state('');
  format = $state<FormatChoice>('auto');
  sort = $state.raw<RowSort>(DEFAULT_SORT);
  filter = $state.raw<RowFilter>(NO_FILTER);
  rowLimit = $state(PAGE_ROWS);
  issueLimit = $state(PAGE_ISSUES);
  /** What the engine sent back last. */
  snapshot = $state.raw<Snapshot | undefined>(undefined);
  /** True while a request waits for its pause or its answer. */
  working = $state(false);
  exporting = $state<ExportKind | undefined>(undefined);
  exportNote = $state('');
  /** Something broke (not the user's input: that always gives an answer). */
  failure = $state<string | undefined>(undefined);
  portsNote = $state<string | undefined>(undefined);
  /** Source lines of the rows whose explanation is open. */
  expanded = $state.raw<ReadonlySet<number>>(new Set());
  /** The user asked to see a large paste in full, to edit it. */
  editLarge = $state(false);

  /** True when the paste is too large to put in the text box (it shows a read-only preview). */
  readonly large: boolean = $derived(this.text.length > LARGE_PASTE_CHARS && !this.editLarge);
  /** What the text box shows: the paste, or the first PREVIEW_LINES lines of a large one. */
  readonly shown: string = $derived(this.large ? previewOf(this.text) : this.text);

  readonly filtered: boolean = $derived(JSON.stringify(this.filter) !== JSON.stringify(NO_FILTER));

  private channel: Channel | undefined;
  private seq = 0;
  private inFlight = false;
  private needsSync = false;
  private sentText: string | undefined;
  private ports: string | undefined;
  private portsSent = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queuedExport: ExportKind | undefined;

  constructor(sampleId = '') {
    const sample = findSample(sampleId);
    if (sample) {
      this.text = sample.text;
      this.sampleId = sample.id;
    }
  }

  /** Starts the engine and loads the port registry. Returns the clean-up for onMount. */
  connect(dataUrl: string): () => void {
    let closed = false;
    const broken = (why: string) => {
      this.channel?.close();
      this.channel = undefined;
      this.working = false;
      this.failure = `The explainer could not start its background reader (${why}). Reload the page to try again.`;
    };
    try {
      this.channel = workerChannel((r) => this.receive(r), broken);
    } catch (e) {
      broken(e instanceof Error ? e.message : String(e));
      return () => {};
    }
    this.sync();
    loadPorts(dataUrl).then(
      (text) => {
        if (closed) return;
        this.ports = text;
        this.sync();
      },
      (e: unknown) => {
        if (!closed) this.portsNote = `Service names could not be loaded (${e instanceof Error ? e.message : String(e)}); port numbers still work.`;
      },
    );
    return () => {
      closed = true;
      clearTimeout(this.timer);
      this.channel?.close();
      this.channel = undefined;
    };
  }

  /** The user typed or pasted: read again after a pause. */
  setText(value: string): void {
    this.text = value;
    this.sampleId = '';
    this.resetView();
    this.schedule();
  }

  /**
   * A paste into the text box. Returns false to let the browser paste as usual; true when the
   * result is large and was taken here instead (the caller cancels the browser's paste). Pasting
   * over a large paste's preview replaces the whole paste.
   */
  paste(pasted: string, before: string, after: string): boolean {
    const next = this.large ? pasted : before + pasted + after;
    if (!this.large && next.length <= LARGE_PASTE_CHARS) return false;
    this.editLarge = false;
    this.text = next;
    this.sampleId = '';
    this.resetView();
    this.syncNow();
    return true;
  }

  clear(): void {
    this.editLarge = false;
    this.setText('');
  }

  /** Puts a large paste into the text box after all, for editing (slow, so only on request). */
  showLarge(): void {
    this.editLarge = true;
  }

  pickSample(id: string): void {
    const sample = findSample(id);
    this.sampleId = sample?.id ?? '';
    if (!sample) return;
    this.editLarge = false;
    this.text = sample.text;
    this.resetView();
    this.syncNow();
  }

  setFormat(format: FormatChoice): void {
    this.format = format;
    this.resetView();
    this.syncNow();
  }

  /** Sorts by a column; the same column again reverses the order. */
  sortBy(key: SortKey): void {
    this.sort = { key, direction: this.sort.key === key && this.sort.direction === 'ascending' ? 'descending' : 'ascending' };
    this.rowLimit = PAGE_ROWS;
    this.syncNow();
  }

  setFilter(change: Partial<RowFilter>): void {
    this.filter = { ...this.filter, ...change };
    this.rowLimit = PAGE_ROWS;
    if (change.text !== undefined) this.schedule();
    else this.syncNow();
  }

  clearFilters(): void {
    this.filter = NO_FILTER;
    this.rowLimit = PAGE_ROWS;
    this.syncNow();
  }

  showMoreRows(): void {
    this.rowLimit = Math.min(this.rowLimit + PAGE_ROWS, MAX_ROWS_SHOWN);
    this.syncNow();
  }

  showMoreIssues(): void {
    this.issueLimit = Math.min(this.issueLimit + PAGE_ISSUES, MAX_ISSUES_SHOWN);
    this.syncNow();
  }

  toggle(line: number): void {
    const next = new Set(this.expanded);
    if (next.has(line)) next.delete(line);
    else next.add(line);
    this.expanded = next;
  }

  /** Downloads the rows that pass the filters, in the order shown, once everything typed so far is read. */
  exportAs(kind: ExportKind): void {
    this.exporting = kind;
    this.exportNote = '';
    this.queuedExport = kind;
    if (this.timer !== undefined) this.syncNow();
    else this.pump();
  }

  private resetView(): void {
    this.rowLimit = PAGE_ROWS;
    this.issueLimit = PAGE_ISSUES;
    if (this.expanded.size > 0) this.expanded = new Set();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.working = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sync();
    }, DEBOUNCE_MS);
  }

  private syncNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sync();
  }

  private sync(): void {
    this.needsSync = true;
    this.working = true;
    this.pump();
  }

  /** Sends the next request if none is in flight: a sync first, then a queued export. */
  private pump(): void {
    if (this.inFlight || !this.channel) return;
    if (this.needsSync) {
      this.needsSync = false;
      const request: SyncRequest = {
        type: 'sync',
        id: ++this.seq,
        format: this.format,
        sort: this.sort,
        filter: this.filter,
        rowLimit: this.rowLimit,
        issueLimit: this.issueLimit,
      };
      if (this.text !== this.sentText) {
        request.text = this.text;
        this.sentText = this.text;
      }
      if (this.ports !== undefined && !this.portsSent) {
        request.ports = this.ports;
        this.portsSent = true;
      }
      this.post(request);
    } else if (this.queuedExport) {
      const kind = this.queuedExport;
      this.queuedExport = undefined;
      this.post({ type: 'export', id: ++this.seq, kind });
    } else {
      this.working = this.timer !== undefined;
    }
  }

  private post(request: EngineRequest): void {
    this.inFlight = true;
    this.working = true;
    this.channel!.post(request);
  }

  private receive(r: EngineResponse): void {
    this.inFlight = false;
    if (r.type === 'snapshot') {
      this.snapshot = r;
      this.failure = undefined;
      if (r.portsError) this.portsNote = r.portsError;
    } else if (r.type === 'export') {
      this.download(r);
    } else {
      this.failure = `Something went wrong while reading the paste (${r.message}). The rows shown may be out of date.`;
      this.exporting = undefined;
    }
    this.pump();
  }

  private download(r: ExportResult): void {
    const url = URL.createObjectURL(r.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = r.filename;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    this.exporting = undefined;
    this.exportNote = `Saved ${r.filename} with ${r.rows.toLocaleString('en')} ${r.rows === 1 ? 'row' : 'rows'}.`;
  }
}
