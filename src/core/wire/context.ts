/**
 * The mutable state of one decodePacket call, and the small helpers every layer decoder uses to
 * add layers, fields, undecoded spans, issues and specs. Internal to the wire module.
 */
import type {
  ChecksumCheck,
  DecodeOptions,
  DecodedField,
  WireIssue,
  DecodedLayer,
  LayerName,
  LayerSpec,
  UndecodedSpan,
} from './types.ts';

export interface Ctx {
  readonly bytes: Uint8Array;
  readonly layers: DecodedLayer[];
  readonly undecoded: UndecodedSpan[];
  readonly issues: WireIssue[];
  readonly checksums: ChecksumCheck[];
  readonly specs: LayerSpec[];
  /** False once a layer could not be described as a spec: from `rawFrom` on, everything is one payload spec. */
  specsOk: boolean;
  /** Where the bytes not yet covered by a spec begin. */
  rawFrom: number;
  /** End of the network-layer packet inside the frame; bytes after it are the link trailer. */
  contentEnd: number;
  /** Set by the first network-layer header, so quoted or tunnelled packets do not move `contentEnd`. */
  networkSeen: boolean;
  readonly options: DecodeOptions;
  /** Pieces of the one-line summary, filled in by the outermost (not quoted) layers as they decode. */
  readonly summary: SummaryParts;
}

export interface SummaryParts {
  arp?: string;
  net?: { src: string; dst: string; v6: boolean; proto: string };
  transport?: { ports?: [number, number]; text: string };
  tls: string[];
  sni?: string;
}

export function newCtx(bytes: Uint8Array, options: DecodeOptions): Ctx {
  return {
    bytes,
    layers: [],
    undecoded: [],
    issues: [],
    checksums: [],
    specs: [],
    specsOk: true,
    rawFrom: 0,
    contentEnd: bytes.length,
    networkSeen: false,
    options,
    summary: { tls: [] },
  };
}

export function addLayer(ctx: Ctx, name: LayerName, title: string, start: number, quoted: boolean): DecodedLayer {
  const layer: DecodedLayer = { name, title, start, end: start, fields: [] };
  if (quoted) layer.quoted = true;
  ctx.layers.push(layer);
  return layer;
}

/** Index the next spec will get, or -1 when specs have stopped (fields then carry no spec link). */
export function nextSpecIndex(ctx: Ctx): number {
  return ctx.specsOk ? ctx.specs.length : -1;
}

/** Records a layer's spec; `headerEnd` is where the bytes it does not describe begin. */
export function pushSpec(ctx: Ctx, spec: LayerSpec, headerEnd: number): void {
  if (!ctx.specsOk) return;
  ctx.specs.push(spec);
  ctx.rawFrom = headerEnd;
}

/** The layer starting at `from` could not be described as a spec: everything from there is raw payload. */
export function stopSpecs(ctx: Ctx, from: number, layer?: DecodedLayer): void {
  if (layer) for (const f of layer.fields) f.spec = undefined;
  if (!ctx.specsOk) return;
  ctx.specsOk = false;
  ctx.rawFrom = from;
}

/** Why the bytes after an inner (tunnelled or quoted) packet's own length, inside the packet that carries it, are not decoded. */
export const INNER_LEFTOVER = 'bytes after the end its length field gives, inside the packet that carries it: not part of this packet';

export function undecoded(ctx: Ctx, start: number, end: number, reason: string): void {
  if (end > start) ctx.undecoded.push({ kind: 'undecoded', start, end, reason });
}

export function issue(ctx: Ctx, severity: WireIssue['severity'], offset: number, message: string): void {
  ctx.issues.push({ severity, offset, message });
}

/** Adds a hand-built field (variable parts: options, extensions, payload). */
export function pushField(layer: DecodedLayer, field: DecodedField): DecodedField {
  layer.fields.push(field);
  return field;
}

/**
 * Builds a field with every property present (undefined when unused), so all fields share one
 * object shape; the decoder creates millions of them and V8 keeps monomorphic code fast.
 */
export function newField(
  id: string,
  label: string,
  start: number,
  bitOffset: number | undefined,
  bitLength: number,
  value: DecodedField['value'],
  raw: number | undefined,
  display: string,
  explain: string,
  rfc: string,
): DecodedField {
  return { id, label, start, bitOffset, bitLength, value, raw, display, note: undefined, explain, rfc, group: undefined, spec: undefined };
}

const NO_EXTRA: Partial<DecodedField> = {};

/** Shorthand for a byte-aligned field; `extra` may set raw, note, group and spec. */
export function bytesField(
  id: string,
  label: string,
  start: number,
  length: number,
  value: DecodedField['value'],
  display: string,
  explain: string,
  rfc: string,
  extra: Partial<DecodedField> = NO_EXTRA,
): DecodedField {
  const f = newField(id, label, start, undefined, length * 8, value, extra.raw, display, explain, rfc);
  if (extra.note !== undefined) f.note = extra.note;
  if (extra.group !== undefined) f.group = extra.group;
  if (extra.spec !== undefined) f.spec = extra.spec;
  return f;
}
