/**
 * State of the packet header decoder: where the packets come from (a sample, a paste, a capture
 * file), which one is shown, what is highlighted, and crafted edits. Every answer is derived from
 * the wire core; big pastes and capture files are read in a Web Worker so the page never freezes.
 */
// Islands import the module they use, never core/index.ts (that would pull every module's tables in).
import {
  decodePacket,
  samplePackets,
  serviceLookup,
  setField,
  type DecodedField,
  type DecodedPacket,
  type FieldValue,
  type HexFormat,
  type LinkName,
  type SamplePacket,
  type WireIssue,
} from '../../core/wire/index.ts';
import { fieldBytes, fieldsAtByte, highlightedKeys, keyOf, parseHighlight, type FieldKey } from './layout.ts';
import type { ReadRequest, ReadResponse } from './protocol.ts';
import { SAMPLE_ALIASES } from './types.ts';

/**
 * Pastes longer than this are not put into the text box: Chromium takes seconds to lay out a
 * textarea holding megabytes (measured for the netstat explainer: 10 MB, 2–5 s frozen).
 */
export const LARGE_PASTE_CHARS = 1_000_000;
/** Characters of a large paste shown, read-only, in the text box. */
export const PREVIEW_CHARS = 20_000;
/** Pause in typing before the paste is read again. */
export const DEBOUNCE_MS = 200;

/** One packet to show: its bytes and how to read them. */
export interface PacketRef {
  bytes: Uint8Array;
  link: LinkName | 'auto';
  origLen?: number;
  /** Capture timestamp (files only). */
  time?: string;
}

/** The core's sample id for a prop value (lesson-friendly name or core id), or undefined. */
export function sampleIdFor(name: string | undefined): SamplePacket['id'] | undefined {
  if (!name) return undefined;
  const mapped = (SAMPLE_ALIASES as Record<string, string>)[name] ?? name;
  return SAMPLES.find((s) => s.id === mapped)?.id;
}

export const SAMPLES: readonly SamplePacket[] = samplePackets();

/**
 * One Web Worker per page, shared by every decoder on it (a lesson embeds several): it reads
 * pastes and capture files and loads the IANA service names once.
 */
class Reader {
  /** Why the worker stopped, when it did. */
  broken: string | undefined;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (r: ReadResponse) => void>();
  private next = 1;
  private portNames: Promise<ReadResponse> | undefined;

  constructor() {
    this.worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<ReadResponse>) => {
      const answer = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      answer?.(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.broken = e.message || 'the worker script did not load';
      for (const [id, answer] of this.waiting) answer({ id, type: 'error', message: this.broken });
      this.waiting.clear();
    };
  }

  /** Sends a request; returns its id. */
  ask(make: (id: number) => ReadRequest, answer: (r: ReadResponse) => void): number {
    const id = this.next++;
    this.waiting.set(id, answer);
    this.worker.postMessage(make(id));
    return id;
  }

  ports(url: string): Promise<ReadResponse> {
    this.portNames ??= new Promise((resolve) => this.ask((id) => ({ id, type: 'ports', url }), resolve));
    return this.portNames;
  }
}

let pageReader: Reader | undefined;
function sharedReader(): Reader | undefined {
  try {
    pageReader ??= new Reader();
    return pageReader;
  } catch {
    return undefined;
  }
}

export class DecoderState {
  /** Field ids or prefixes from the `highlight` prop. */
  readonly patterns: string[] = $state.raw([]);
  /** Where the packets came from. */
  source = $state<'sample' | 'paste' | 'file'>('sample');
  sampleId = $state<string>('');
  text = $state('');
  /** Name of the opened capture file. */
  fileName = $state('');
  packets = $state.raw<PacketRef[]>([]);
  index = $state(0);
  /** Page of the packet list. */
  page = $state(0);
  format = $state<HexFormat | string>('empty');
  /** Issues of the paste (lines) or of the file (byte offsets in the file). */
  inputIssues = $state.raw<WireIssue[]>([]);
  working = $state(false);
  failure = $state<string | undefined>(undefined);
  portsNote = $state<string | undefined>(undefined);
  serviceName = $state.raw<((port: number, transport: 'tcp' | 'udp') => string | undefined) | undefined>(undefined);
  /** Fields under the pointer or focus (two-way highlighting). */
  active = $state.raw<FieldKey[]>([]);
  /** The field whose details are open. */
  selected = $state<FieldKey | undefined>(undefined);
  /** The byte that holds the grid's tab stop. */
  focusByte = $state(0);
  /** Bytes of a crafted packet (replaces the current packet's bytes while set). */
  crafted = $state.raw<Uint8Array | undefined>(undefined);
  craftIssues = $state.raw<WireIssue[]>([]);
  /** Field values before the last edit, to show what was recomputed. */
  beforeEdit = $state.raw<DecodedPacket | undefined>(undefined);

  readonly current: PacketRef | undefined = $derived(this.packets[this.index]);
  readonly bytes: Uint8Array | undefined = $derived(this.crafted ?? this.current?.bytes);
  readonly decoded: DecodedPacket | undefined = $derived(
    this.bytes && this.current
      ? decodePacket(this.bytes, { link: this.current.link, origLen: this.crafted ? undefined : this.current.origLen, serviceName: this.serviceName })
      : undefined,
  );
  /** Fields the `highlight` prop names. */
  readonly emphasised: ReadonlySet<FieldKey> = $derived(new Set(this.decoded ? highlightedKeys(this.decoded, this.patterns) : []));
  /** Bytes of the active fields. */
  readonly litBytes: ReadonlySet<number> = $derived(this.bytesOf(this.active));
  readonly markedBytes: ReadonlySet<number> = $derived(this.bytesOf([...this.emphasised]));
  readonly large: boolean = $derived(this.text.length > LARGE_PASTE_CHARS);
  readonly shown: string = $derived(this.large ? this.text.slice(0, PREVIEW_CHARS) : this.text);

  private reader: Reader | undefined;
  /** Id of the last request sent to the reader: older answers are dropped. */
  private latest = 0;
  private closed = true;
  private fileBytes: Uint8Array | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(sample: string | undefined, highlight: string | undefined) {
    this.patterns = parseHighlight(highlight);
    this.pickSample(sampleIdFor(sample) ?? 'syn');
    const first = this.decoded ? highlightedKeys(this.decoded, this.patterns)[0] : undefined;
    this.selected = first;
  }

  field(key: FieldKey | undefined): DecodedField | undefined {
    if (!key || !this.decoded) return undefined;
    const [l, f] = key.split(':').map(Number);
    return this.decoded.layers[l!]?.fields[f!];
  }

  private bytesOf(keys: readonly FieldKey[]): Set<number> {
    const out = new Set<number>();
    for (const k of keys) {
      const f = this.field(k);
      if (!f) continue;
      const r = fieldBytes(f);
      for (let b = r.start; b < r.end; b++) out.add(b);
    }
    return out;
  }

  /** Joins the page's reader and loads service names. Returns the clean-up for onMount. */
  connect(dataUrl: string): () => void {
    this.reader = sharedReader();
    this.closed = false;
    // The IANA names are read in the worker (the ports module stays out of the island), once per
    // page; until they arrive, the core's short built-in list names the common ports.
    this.reader?.ports(dataUrl).then((r) => {
      if (this.closed) return;
      if (r.type === 'ports') this.serviceName = serviceLookup(r.table);
      else if (r.type === 'ports-error' || r.type === 'error') this.portsNote = `IANA service names could not be loaded (${r.message}); a short built-in list is used.`;
    });
    return () => {
      this.closed = true;
      clearTimeout(this.timer);
    };
  }

  private show(packets: PacketRef[]): void {
    this.packets = packets;
    this.index = 0;
    this.page = 0;
    this.resetView();
  }

  private resetView(): void {
    this.crafted = undefined;
    this.craftIssues = [];
    this.beforeEdit = undefined;
    this.active = [];
    this.selected = undefined;
    this.focusByte = 0;
  }

  pickSample(id: string): void {
    const s = SAMPLES.find((p) => p.id === id);
    if (!s) return;
    this.source = 'sample';
    this.sampleId = s.id;
    this.inputIssues = [];
    this.format = 'empty';
    this.show([{ bytes: s.bytes, link: s.link, origLen: s.origLen }]);
  }

  /** The user typed: read again after a pause. */
  setText(value: string): void {
    this.text = value;
    clearTimeout(this.timer);
    this.working = true;
    this.timer = setTimeout(() => this.readText(), DEBOUNCE_MS);
  }

  /** A paste into the box; returns true when it was taken here because it is too large for the box. */
  paste(pasted: string, before: string, after: string): boolean {
    const next = this.large ? pasted : before + pasted + after;
    if (next.length <= LARGE_PASTE_CHARS) return false;
    this.text = next;
    clearTimeout(this.timer);
    this.readText();
    return true;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.text = '';
    this.readText();
  }

  /**
   * Pasted text and capture files are read in the worker, small or large: it keeps the hex and
   * capture readers out of the island's download (60 KB budget) and a 10 MB paste off the main thread.
   */
  private readText(): void {
    this.timer = undefined;
    const text = this.text;
    if (!this.reader || this.reader.broken) {
      this.failure = 'The background reader is not running, so pasted bytes cannot be read. Reload the page to try again.';
      return;
    }
    this.post((id) => ({ id, type: 'paste', text }));
  }

  private takePaste(packets: Uint8Array[], format: HexFormat, issues: WireIssue[]): void {
    this.source = 'paste';
    this.sampleId = '';
    this.format = format;
    this.inputIssues = issues;
    this.show(packets.map((bytes) => ({ bytes, link: 'auto' as const })));
  }

  /** Reads a capture file chosen or dropped by the user (in this browser; nothing is uploaded). */
  async openFile(file: File): Promise<void> {
    this.working = true;
    this.failure = undefined;
    this.fileName = file.name;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      this.working = false;
      this.failure = `The file could not be read (${e instanceof Error ? e.message : String(e)}).`;
      return;
    }
    this.fileBytes = bytes;
    if (this.reader && !this.reader.broken) this.post((id) => ({ id, type: 'file', bytes }));
    else {
      this.working = false;
      this.failure = 'The background reader is not running, so the file cannot be read. Reload the page to try again.';
    }
  }

  private takeFile(format: string, issues: WireIssue[], packets: PacketRef[]): void {
    this.source = 'file';
    this.sampleId = '';
    this.format = format;
    this.inputIssues = issues;
    this.show(packets);
    this.working = false;
  }

  private post(make: (id: number) => ReadRequest): void {
    this.working = true;
    this.latest = this.reader!.ask(make, (r) => {
      if (!this.closed) this.receive(r);
    });
  }

  private receive(r: ReadResponse): void {
    if (r.id !== this.latest || r.type === 'ports' || r.type === 'ports-error') return; // an older request, overtaken by a newer one
    this.working = false;
    if (r.type === 'error') {
      this.failure = `Something went wrong while reading (${r.message}).`;
    } else if (r.type === 'paste') {
      this.takePaste(r.packets, r.format, r.issues);
    } else {
      const file = this.fileBytes!;
      this.takeFile(r.format, r.issues, r.packets.map((p) => ({ bytes: file.subarray(p.at, p.at + p.caplen), link: p.link, origLen: p.origLen, time: p.time })));
    }
  }

  pick(index: number): void {
    if (index < 0 || index >= this.packets.length) return;
    this.index = index;
    this.resetView();
  }

  /** Pointer or focus on a field. */
  enterField(key: FieldKey): void {
    this.active = [key];
  }

  /** Pointer or focus on a byte: light up the field(s) it belongs to. */
  enterByte(byte: number): void {
    this.active = this.decoded ? fieldsAtByte(this.decoded.spans, byte) : [];
  }

  leave(): void {
    this.active = [];
  }

  select(key: FieldKey): void {
    this.selected = this.selected === key ? undefined : key;
  }

  /** "Craft a packet": sets one field and lets the core re-encode and recompute lengths and checksums. */
  edit(key: FieldKey, value: FieldValue): void {
    const d = this.decoded;
    const f = this.field(key);
    if (!d || !f) return;
    const r = setField(d, f, value);
    this.craftIssues = r.issues;
    if (r.issues.some((i) => i.severity === 'error')) return;
    this.beforeEdit = d;
    this.crafted = r.bytes;
    this.selected = key;
  }

  /** Back to the packet as it was read. */
  undoEdits(): void {
    this.crafted = undefined;
    this.craftIssues = [];
    this.beforeEdit = undefined;
  }

  /** Recomputed fields after an edit: lengths and checksums whose value changed. */
  get recomputed(): { label: string; id: string; from: string; to: string }[] {
    const a = this.beforeEdit;
    const b = this.decoded;
    if (!a || !b) return [];
    const out: { label: string; id: string; from: string; to: string }[] = [];
    b.layers.forEach((layer, l) =>
      layer.fields.forEach((f, i) => {
        if (!/(checksum|len|length|plen)$/.test(f.id)) return;
        const old = a.layers[l]?.fields[i];
        if (old && old.id === f.id && old.display !== f.display) out.push({ label: f.label, id: f.id, from: old.display, to: f.display });
      }),
    );
    return out;
  }
}

export { keyOf };
