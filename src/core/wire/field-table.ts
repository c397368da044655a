/**
 * Field tables: one table per header (name, byte/bit offset, width, RFC reference, label and a
 * plain-English explanation). The same table drives decoding (`decodeTable`), encoding
 * (`encodeTable`) and the byte highlighting (every decoded field carries its exact bit range), so
 * labels and parser cannot drift apart.
 */
import { formatIpv4, formatIpv6, formatMac, hex, parseIpv4, parseIpv6, parseMac, readBits, writeBits } from './bytes.ts';
import { newField } from './context.ts';
import type { DecodedField, DecodedLayer, SpecPath } from './types.ts';

export type FieldKind = 'uint' | 'hex' | 'flag' | 'mac' | 'ipv4' | 'ipv6';

/** One row of a field table. */
export interface FieldDef {
  /** Wireshark display-filter name (or PortLab's own where Wireshark has none). */
  id: string;
  label: string;
  /** One plain-English sentence: what the field is for. */
  explain: string;
  rfc: string;
  /** Byte offset from the start of the header. */
  byte: number;
  /** Bit offset inside that byte, 0 = most significant. */
  bit?: number;
  bits: number;
  /** How to read and show it; `uint` by default. */
  kind?: FieldKind;
  /** The decoded value is the stored number times this (header lengths: 4). */
  scale?: number;
  /** Property of the layer's spec that holds the value (absent: not editable, e.g. fixed by the table). */
  key?: string;
  /** Display text for numeric fields (names of protocol numbers and the like). */
  show?: (value: number) => string;
  /** Internal cache of shared spec links, one per spec index (filled by the decoder). */
  links?: SpecPath[];
  /** Internal cache of display texts by raw value, for rows whose display is built (names, hex). */
  displays?: Map<number, string>;
}

/** Display texts cached per row are capped so a flood of random values cannot grow memory. */
const MAX_CACHED_DISPLAYS = 4096;

/** The spec keys of a table's rows, as a union of string literals. */
export type TableKeys<T extends readonly FieldDef[]> = Extract<T[number]['key'], string>;

/** A field table plus `at`: the row number of each spec key, for O(1) access in hot decoders. */
export type Table<K extends string = string> = readonly FieldDef[] & { readonly at: { readonly [P in K]: number } };

/**
 * Freezes a table and gives every row the same set of properties, so the decoder's hot loop sees
 * one object shape (rows written as literals with different optional keys would each get their own).
 * `at.srcport` is the row number of the row whose key is `srcport`, checked by the type system.
 */
export function defineTable<const T extends readonly FieldDef[]>(rows: T): Table<TableKeys<T>> {
  const normal = rows.map(
    (r): FieldDef => ({
      id: r.id,
      label: r.label,
      explain: r.explain,
      rfc: r.rfc,
      byte: r.byte,
      bit: r.bit,
      bits: r.bits,
      kind: r.kind,
      scale: r.scale,
      key: r.key,
      show: r.show,
      links: [],
      displays: new Map(),
    }),
  );
  const at: Record<string, number> = {};
  rows.forEach((r, i) => {
    at[r.key ?? r.id] = i;
  });
  return Object.freeze(Object.assign(normal, { at: Object.freeze(at) })) as unknown as Table<TableKeys<T>>;
}

/** Accessor for the rows a complete decodeTable call produced: `f(TABLE.at.key)`. */
export function rows(r: TableResult): (row: number) => DecodedField {
  const fields = r.layer.fields;
  const first = r.first;
  return (row) => fields[first + row]!;
}

/** Width of the header a table describes, in bytes. */
export function tableLength(defs: readonly FieldDef[]): number {
  let end = 0;
  for (const d of defs) end = Math.max(end, d.byte + (((d.bit ?? 0) + d.bits + 7) >> 3));
  return end;
}

/** Bytes spanned by a field definition (from its first byte). */
export function defByteLength(def: FieldDef): number {
  return ((def.bit ?? 0) + def.bits + 7) >> 3;
}

/** Default display of a field's value. */
export function showValue(def: FieldDef, value: DecodedField['value'], raw: number | undefined): string {
  if (typeof value === 'boolean') return value ? 'Set' : 'Not set';
  if (typeof value === 'string') return value;
  if (def.show) return def.show(value);
  if (def.kind === 'hex') return hex(raw ?? value, Math.ceil(def.bits / 4));
  if (def.scale) return `${value} bytes (${raw} × ${def.scale})`;
  return String(value);
}

/** Spec links are shared, frozen objects: one per (table row, spec index), cached on the row. */
function specLink(def: FieldDef, specLayer: number): SpecPath {
  const cache = (def.links ??= []);
  return (cache[specLayer] ??= Object.freeze({ layer: specLayer, path: Object.freeze([def.key!]) as (string | number)[] }));
}

/** Builds a decoded field from a table row. */
export function makeField(bytes: Uint8Array, base: number, def: FieldDef, specLayer: number): DecodedField {
  const at = base + def.byte;
  let value: DecodedField['value'];
  let raw: number | undefined;
  switch (def.kind) {
    case 'mac':
      value = formatMac(bytes, at, def.bits / 8);
      break;
    case 'ipv4':
      value = formatIpv4(bytes, at);
      raw = readBits(bytes, at, 0, 32);
      break;
    case 'ipv6':
      value = formatIpv6(bytes, at);
      break;
    case 'flag':
      raw = readBits(bytes, at, def.bit ?? 0, def.bits);
      value = raw !== 0;
      break;
    default:
      raw = readBits(bytes, at, def.bit ?? 0, def.bits);
      value = def.scale ? raw * def.scale : raw;
  }
  const bitOffset = def.bit !== undefined || def.bits % 8 !== 0 ? (def.bit ?? 0) : undefined;
  let display: string;
  const cache = def.displays;
  if (cache && raw !== undefined && (def.show || def.kind === 'hex' || def.scale)) {
    // Names and hex texts repeat across packets (protocol numbers, EtherTypes): build each once.
    let d = cache.get(raw);
    if (d === undefined) {
      d = showValue(def, value, raw);
      if (cache.size < MAX_CACHED_DISPLAYS) cache.set(raw, d);
    }
    display = d;
  } else {
    display = showValue(def, value, raw);
  }
  const field = newField(def.id, def.label, at, bitOffset, def.bits, value, raw, display, def.explain, def.rfc);
  if (def.key !== undefined && specLayer >= 0) field.spec = specLink(def, specLayer);
  return field;
}

/** What decodeTable found: rows `0 … count − 1` fitted and sit in `layer.fields` from index `first`. */
export interface TableResult {
  defs: readonly FieldDef[];
  layer: DecodedLayer;
  first: number;
  count: number;
  /** Whether every row fitted. */
  complete: boolean;
  /** One past the last byte decoded. */
  end: number;
}

/**
 * Decodes the rows of `defs` that fit before `limit` into `layer.fields`. Allocates nothing but the
 * fields themselves: this runs millions of times in a big capture.
 */
export function decodeTable(
  bytes: Uint8Array,
  layer: DecodedLayer,
  defs: readonly FieldDef[],
  base: number,
  limit: number,
  specLayer: number,
): TableResult {
  const first = layer.fields.length;
  let end = base;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    const stop = base + def.byte + defByteLength(def);
    if (stop > limit) return { defs, layer, first, count: i, complete: false, end };
    layer.fields.push(makeField(bytes, base, def, specLayer));
    if (stop > end) end = stop;
  }
  return { defs, layer, first, count: defs.length, complete: true, end };
}

/** The field decoded for the row whose spec key (or id) is `key`, if that row fitted. A linear scan beats a map for these short tables. */
export function fieldOf(r: TableResult, key: string): DecodedField | undefined {
  const defs = r.defs;
  for (let i = 0; i < r.count; i++) {
    const d = defs[i]!;
    if (d.key === key || (d.key === undefined && d.id === key)) return r.layer.fields[r.first + i];
  }
  return undefined;
}

/** Writes the values of `spec` (by each row's key; `fixed` overrides) into `out` at `base`. */
export function encodeTable(
  out: Uint8Array,
  base: number,
  defs: readonly FieldDef[],
  spec: object,
  fixed: Readonly<Record<string, number | boolean | string>> = {},
): void {
  const values = spec as Readonly<Record<string, unknown>>;
  for (const def of defs) {
    const key = def.key ?? def.id;
    const v = key in fixed ? fixed[key] : values[key];
    if (v === undefined) continue;
    const at = base + def.byte;
    switch (def.kind) {
      case 'mac': {
        const b = typeof v === 'string' ? parseMac(v, def.bits / 8) : undefined;
        if (b) out.set(b, at);
        break;
      }
      case 'ipv4': {
        const b = typeof v === 'string' ? parseIpv4(v) : undefined;
        if (b) out.set(b, at);
        break;
      }
      case 'ipv6': {
        const b = typeof v === 'string' ? parseIpv6(v) : undefined;
        if (b) out.set(b, at);
        break;
      }
      default: {
        const n = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
        const raw = def.scale ? Math.floor(n / def.scale) : n;
        writeBits(out, at, def.bit ?? 0, def.bits, Number.isFinite(raw) ? raw : 0);
      }
    }
  }
}
