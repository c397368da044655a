/**
 * Input generators for scripts/fuzz.ts: a seeded PRNG, random bytes and text, and mutators that
 * bend valid inputs (bit flips, truncation, splicing, repeats, huge numbers, unicode, CRLF, NUL).
 * Deterministic: every input is a function of (seed, target, index) alone, so one input can be
 * regenerated on its own to reproduce a failure.
 */

/** FNV-1a over a string (32 bits), to mix a target's name into its inputs' seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded source of random choices (sfc32: four 32-bit words, passes PractRand to 2^40 bytes). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = 1;
    for (const s of seeds) {
      this.a = (this.a ^ (s >>> 0)) >>> 0;
      for (let i = 0; i < 12; i++) this.u32();
    }
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 2 ** 32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }

  /** Picks by weight: `[[3, 'a'], [1, 'b']]` gives 'a' three times as often. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((n, [w]) => n + w, 0);
    let r = this.float() * total;
    for (const [w, v] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return (table[table.length - 1] as readonly [number, T])[1];
  }

  /** A length skewed towards short: mostly < 64, sometimes up to 4 KiB, rarely up to `max`. */
  size(max: number): number {
    const r = this.float();
    const cap = r < 0.7 ? 64 : r < 0.97 ? 4096 : max;
    return this.int(Math.min(cap, max) + 1);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
}

/** Numbers that break naive parsers: limits of 8/16/32/53/64 bits, signs, exponents, NaN. */
export const HUGE_NUMBERS: readonly string[] = [
  '0', '-0', '-1', '255', '256', '65535', '65536', '2147483647', '2147483648', '4294967295', '4294967296',
  '9007199254740991', '9007199254740993', '18446744073709551615', '18446744073709551616', '99999999999999999999999999',
  '1e3', '1e308', '1e309', '-1e309', '0x7fffffff', '0xffffffff', '0x100000000', '0xffffffffffffffffff', '1.5', '.5', '5.',
  'NaN', 'Infinity', '-Infinity', '+1', '00000000000000000080', '١٢٣', '１２３', '0b101', '0o17', '1_000',
];

/** Characters that break naive text handling: bidi overrides, zero-width, combining, astral, lone surrogates, controls. */
export const UNICODE_BITS: readonly string[] = [
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200b', '\u200d', '\ufeff', '\u00a0', '\u2028', '\u2029', '\u0301\u0301\u0301',
  '😀', '👩‍👩‍👧‍👦', '\ud800', '\udfff', '\udbff\udfff', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', 'ß', 'İ', 'ﬃ',
  'Ａｃｔｉｖｅ', 'Состояние', '已建立', 'ESCUCHANDO', 'ABHÖREN', '\t', '\r', '\n', '\r\n', '\v', '\f',
];

/** Markup and injection strings (the widgets must show them as text; parsers must not care). */
export const MARKUP: readonly string[] = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; DROP TABLE x; --", '{{7*7}}', '${7*7}', '{@html x}',
  '[a](javascript:alert(1))', '%00', '%zz', '%E0%A4%A', '&amp;', '\\x41\\u0041', '__proto__', 'constructor', 'toString',
];

const ALPHABETS: readonly string[] = [
  // printable ASCII
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''),
  // hex digits and hex-dump punctuation
  '0123456789abcdefABCDEF    ::--..,,xX\n\n\t|*{}"\\',
  // digits and address punctuation
  '0123456789.:/[]%*- \n',
  // words and letters of socket tables
  'tcpudpTCPUDP LISTENESTABLISHED_WAIT-.:0123456789 \n',
];

/** Random text from one alphabet, with the odd unicode or control character mixed in. */
export function randomText(rng: Rng, maxLength: number): string {
  const n = rng.size(maxLength);
  const kind = rng.int(ALPHABETS.length + 2);
  const parts: string[] = [];
  let len = 0;
  while (len < n) {
    let piece: string;
    if (kind === ALPHABETS.length) piece = String.fromCharCode(rng.int(0x10000)); // any UTF-16 unit, lone surrogates included
    else if (kind === ALPHABETS.length + 1) piece = String.fromCodePoint(rng.int(0x110000 - 0x800) + (rng.chance(0.5) ? 0 : 0x800)).replace(/[\ud800-\udfff]/g, '?');
    else {
      const alphabet = ALPHABETS[kind] as string;
      piece = rng.chance(0.02) ? rng.pick(UNICODE_BITS) : alphabet.charAt(rng.int(alphabet.length));
    }
    parts.push(piece);
    len += piece.length;
  }
  return parts.join('');
}

/** Random bytes read as text the way a paste of a binary file would arrive (UTF-8 with U+FFFD, or Latin-1). */
export function bytesAsText(rng: Rng, bytes: Uint8Array): string {
  return rng.chance(0.5) ? new TextDecoder().decode(bytes) : String.fromCharCode(...bytes.subarray(0, 65536));
}

// ---------------------------------------------------------------------------------------------
// Mutations of text

/** Longest text or byte string a mutation returns (2 MB): past the parsers' own caps (MAX_PACKET_BYTES, MAX_FRAGMENT_LENGTH, MAX_LINE_LENGTH), so those are exercised, yet small enough to keep a call fast. */
export const MAX_MUTANT = 2_000_000;

/** One to four edits of a string: the kinds a real paste or a hostile one goes through. */
export function mutateText(rng: Rng, input: string, corpus: readonly string[]): string {
  let s = input;
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    if (s.length > MAX_MUTANT) s = s.slice(0, MAX_MUTANT);
    const at = rng.int(s.length + 1);
    switch (rng.int(16)) {
      case 0: // flip a bit of one UTF-16 unit
        if (s.length) s = s.slice(0, at % s.length) + String.fromCharCode(s.charCodeAt(at % s.length) ^ (1 << rng.int(16))) + s.slice((at % s.length) + 1);
        break;
      case 1: // truncate
        s = s.slice(0, at);
        break;
      case 2: // cut the head
        s = s.slice(at);
        break;
      case 3: // delete a run
        s = s.slice(0, at) + s.slice(at + 1 + rng.int(32));
        break;
      case 4: { // splice with another input
        const other = corpus.length ? rng.pick(corpus) : '';
        const from = rng.int(other.length + 1);
        s = s.slice(0, at) + other.slice(from, from + rng.size(other.length)) + s.slice(at);
        break;
      }
      case 5: { // repeat a run (up to a few thousand times)
        const len = 1 + rng.int(Math.min(80, Math.max(1, s.length - at)));
        const times = rng.chance(0.1) ? rng.range(100, 5000) : rng.range(2, 20);
        s = s.slice(0, at) + s.slice(at, at + len).repeat(times) + s.slice(at + len);
        break;
      }
      case 6: // a huge or odd number
        s = s.slice(0, at) + rng.pick(HUGE_NUMBERS) + s.slice(at);
        break;
      case 7: { // replace a number with a huge one
        const m = [...s.matchAll(/\d+/g)];
        if (m.length) {
          const hit = rng.pick(m);
          s = s.slice(0, hit.index) + rng.pick(HUGE_NUMBERS) + s.slice(hit.index + hit[0].length);
        }
        break;
      }
      case 8: // unicode or a control character
        s = s.slice(0, at) + rng.pick(UNICODE_BITS) + s.slice(at);
        break;
      case 9: // CRLF or CR line endings
        s = rng.chance(0.5) ? s.replace(/\r?\n/g, '\r\n') : s.replace(/\r?\n/g, '\r');
        break;
      case 10: // NUL bytes
        s = s.slice(0, at) + '\0'.repeat(1 + rng.int(4)) + s.slice(at);
        break;
      case 11: { // shuffle, duplicate or drop lines
        const lines = s.split('\n');
        const i = rng.int(lines.length);
        const j = rng.int(lines.length);
        const op = rng.int(3);
        if (op === 0) [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
        else if (op === 1) lines.splice(i, 0, lines[j] as string);
        else lines.splice(i, 1);
        s = lines.join('\n');
        break;
      }
      case 12: // markup
        s = s.slice(0, at) + rng.pick(MARKUP) + s.slice(at);
        break;
      case 13: // whitespace runs
        s = s.slice(0, at) + rng.pick([' ', '\t', '\n', '\u3000']).repeat(1 + rng.int(rng.chance(0.1) ? 5000 : 8)) + s.slice(at);
        break;
      case 14: // case change
        s = rng.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
        break;
      default: { // replace one character by a random one
        if (s.length) {
          const i = at % s.length;
          s = s.slice(0, i) + String.fromCharCode(rng.chance(0.5) ? 32 + rng.int(95) : rng.int(0x10000)) + s.slice(i + 1);
        }
      }
    }
  }
  return s.length > MAX_MUTANT ? s.slice(0, MAX_MUTANT) : s;
}

// ---------------------------------------------------------------------------------------------
// Mutations of bytes

const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** One to four edits of a byte string: bit flips, truncation, splicing, repeats, extreme 16/32-bit words. */
export function mutateBytes(rng: Rng, input: Uint8Array, corpus: readonly Uint8Array[]): Uint8Array {
  let b: Uint8Array = input.slice();
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    if (b.length > MAX_MUTANT) b = b.slice(0, MAX_MUTANT);
    const at = rng.int(b.length + 1);
    switch (rng.int(9)) {
      case 0: // bit flips
        if (b.length) for (let k = 1 + rng.int(3); k > 0; k--) b[rng.int(b.length)]! ^= 1 << rng.int(8);
        break;
      case 1: // random byte
        if (b.length) b[at % b.length] = rng.int(256);
        break;
      case 2: // truncate
        b = b.slice(0, at);
        break;
      case 3: // delete a run
        b = concat(b.subarray(0, at), b.subarray(at + 1 + rng.int(64)));
        break;
      case 4: { // insert random bytes
        b = concat(b.subarray(0, at), rng.bytes(1 + rng.int(16)), b.subarray(at));
        break;
      }
      case 5: { // splice with another input
        const other = corpus.length ? rng.pick(corpus) : new Uint8Array(0);
        const from = rng.int(other.length + 1);
        b = concat(b.subarray(0, at), other.subarray(from, from + rng.size(other.length)), b.subarray(at));
        break;
      }
      case 6: { // repeat a run
        const len = 1 + rng.int(Math.min(256, Math.max(1, b.length - at)));
        const piece = b.subarray(at, at + len);
        const times = rng.chance(0.1) ? rng.range(50, 2000) : rng.range(2, 8);
        const parts: Uint8Array[] = [b.subarray(0, at)];
        for (let t = 0; t < times; t++) parts.push(piece);
        parts.push(b.subarray(at + len));
        b = concat(...parts);
        break;
      }
      case 7: { // an extreme 16- or 32-bit value, either byte order
        if (b.length >= 4) {
          const i = rng.int(b.length - 3);
          const v = rng.pick(INTERESTING_32);
          const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
          if (rng.chance(0.5)) view.setUint32(i, v >>> 0, rng.chance(0.5));
          else view.setUint16(i, v & 0xffff, rng.chance(0.5));
        }
        break;
      }
      default: // NUL or 0xFF runs
        b = concat(b.subarray(0, at), new Uint8Array(1 + rng.int(32)).fill(rng.chance(0.5) ? 0 : 0xff), b.subarray(at));
    }
  }
  return b.length > MAX_MUTANT ? b.slice(0, MAX_MUTANT) : b;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations of JSON-like values (scenarios)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that break naive validators: wrong types, extremes, non-finite numbers, deep nesting, hostile keys. */
export function weirdValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(14)) {
    case 0: return rng.pick([0, -0, -1, 1, 0.5, 1e-9, 2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE]);
    case 1: return rng.pick([NaN, Infinity, -Infinity]);
    case 2: return rng.range(-1000, 100_000);
    case 3: return rng.pick([null, undefined, true, false]);
    case 4: return rng.pick(HUGE_NUMBERS);
    case 5: return randomText(rng, 40);
    case 6: return rng.pick(['a', 'b', 'c', 'listen', 'connect', 'send', 'close', 'abort', 'drop', 'none', 'tcp', 'udp', '', ' ']);
    case 7: return rng.pick(MARKUP);
    case 8: return [];
    case 9: return {};
    case 10: return depth < 3 ? Array.from({ length: rng.int(4) }, () => weirdValue(rng, depth + 1)) : 1;
    case 11: return depth < 3 ? Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(['at', 'on', 'do', 'bytes', 'x', '__proto__', 'constructor']), weirdValue(rng, depth + 1)])) : 2;
    case 12: { // deep nesting
      let v: unknown = 1;
      for (let i = rng.range(50, 5000); i > 0; i--) v = rng.chance(0.5) ? [v] : { a: v };
      return v;
    }
    default: return 'x'.repeat(rng.pick([1000, 70_000, 300_000]));
  }
}

/** Every path to a value inside `v` (arrays and plain objects), the root included as []. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], limit = 400): (string | number)[][] {
  out.push(prefix);
  if (out.length >= limit) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out, limit));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out, limit);
  return out;
}

function clone(v: unknown): unknown {
  return v === undefined ? undefined : structuredClone(v);
}

function getAt(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

/** One to four structural edits: replace, delete, add a key, duplicate or reorder array items, swap types. */
export function mutateJson(rng: Rng, input: unknown, corpus: readonly unknown[]): unknown {
  let root = clone(input);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    const all = paths(root);
    const path = rng.pick(all);
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = path.length ? (getAt(root, parentPath) as Record<string | number, unknown>) : undefined;
    const op = rng.int(8);
    const replace = (value: unknown) => {
      if (parent === undefined || key === undefined) root = value;
      else parent[key] = value;
    };
    const target = getAt(root, path);
    if (op <= 2) replace(weirdValue(rng));
    else if (op === 3 && parent !== undefined && key !== undefined) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (op === 4 && target !== null && typeof target === 'object' && !Array.isArray(target)) {
      (target as Record<string, unknown>)[rng.pick(['extra', 'seed', 'until', 'link', 'tcp', 'steps', 'drop', 'a', 'b', '__proto__', 'constructor', 'prototype'])] = weirdValue(rng);
    } else if (op === 5 && Array.isArray(target) && target.length) {
      const item = target[rng.int(target.length)];
      // Many copies of small items (a step, a number); few of big ones, so the value stays printable.
      let small = false;
      try {
        small = (JSON.stringify(item) ?? '').length < 1000;
      } catch {
        // too deep to print: treat as big
      }
      const times = small && rng.chance(0.2) ? rng.range(100, 3000) : rng.range(1, 5);
      for (let t = 0; t < times; t++) target.push(clone(item));
    } else if (op === 6 && Array.isArray(target) && target.length > 1) {
      const i = rng.int(target.length);
      const j = rng.int(target.length);
      [target[i], target[j]] = [target[j], target[i]];
    } else if (typeof target === 'number') {
      replace(rng.pick([String(target), -target, target * 1000, target + 0.5, target * 2 ** 20, Math.floor(target / 7)]));
    } else if (corpus.length) {
      replace(clone(rng.pick(corpus)) ?? null);
    }
  }
  return root;
}
