/**
 * What scripts/fuzz.ts fuzzes: one entry per parser or validator that takes user input. Adding a
 * target is adding one entry to the list coreTargets() returns, or one name to SIMULATIONS for a
 * scenario → trace core module; a widget's `url.ts` with a decode…Url function is picked up by
 * itself. Each target makes input number `index` from its own seeded Rng, so any one input can be
 * regenerated alone; `run` throws on a bug (an exception of the code under test, or a broken
 * documented invariant).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lookupPort, type PortDb } from '../../src/core/ports/index.ts';
import { ianaCompactData, ianaPortDb } from '../../src/core/ports/iana-data.ts';
import { BIND_ADDRESSES, CLIENT_PLACES, reachTable, whoCanReach, type BindAddress, type ClientPlace } from '../../src/core/reach/index.ts';
import { narrateTrace, PRESETS, runScenario, stateAt, validateScenario, type Trace } from '../../src/core/sim/index.ts';
import {
  explainTable,
  knownStateWords,
  parseSocketTable,
  SOCKET_FORMATS,
  tableToCsv,
  tableToMarkdown,
  viewIndices,
  type RowFilter,
  type SocketFormat,
  type SortKey,
} from '../../src/core/sockets/index.ts';
import {
  decodePacket,
  encodePacket,
  GAP_REASON,
  parseHexInput,
  readCapture,
  samplePackets,
  serviceLookup,
  setField,
  writePcap,
  writePcapng,
  type DecodedPacket,
  type LinkName,
} from '../../src/core/wire/index.ts';
import { packetArb } from '../../src/core/wire/testing/arbitraries.ts';
import { ExplainerEngine } from '../../src/widgets/netstat-explainer/engine.ts';
import { decodeSimUrl, encodeSimUrl } from '../../src/widgets/tcp-simulator/url.ts';
import { bytesAsText, HUGE_NUMBERS, MARKUP, mutateBytes, mutateJson, mutateText, randomText, Rng, UNICODE_BITS, weirdValue } from './gen.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CORE = join(ROOT, 'src/core');

/** A parser or validator under fuzz. `I` is its input. */
export interface Target<I = unknown> {
  name: string;
  /** What is called, for the report. */
  calls: string;
  /** Inputs at --scale 1. */
  count: number;
  /** Input number `index`; the same (rng state, index) always gives the same input. */
  generate(rng: Rng, index: number): I;
  /** Calls the code under test; throws on a bug. */
  run(input: I): void;
  /** The input as a file for the reproducer (text as UTF-8, bytes as they are, values as JSON). */
  toFile(input: I): Uint8Array;
}

/**
 * The slowest single call of the input being run: the limit is per call of the code under test,
 * so a target that calls a parser and then the decoder on its output times each call. The harness
 * resets it before every input.
 */
export const slowest = { ms: 0, cpuMs: 0, what: '' };

/** CPU time of this thread in ms (the core is pure computation: on an idle machine it equals the wall time). */
function threadCpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs one call of the code under test and records its time (performance.now) and its thread's CPU time. */
export function timed<T>(what: string, f: () => T): T {
  const c0 = threadCpuMs();
  const t0 = performance.now();
  try {
    return f();
  } finally {
    const ms = performance.now() - t0;
    if (ms > slowest.ms) {
      slowest.ms = ms;
      slowest.cpuMs = threadCpuMs() - c0;
      slowest.what = what;
    }
  }
}

/** Why a target's `run` failed although nothing threw: a broken documented invariant. */
export class InvariantError extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new InvariantError(message);
}

// ---------------------------------------------------------------------------------------------
// Corpus: the real fixture files under src/core/**/fixtures, the presets, and generated packets.

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Every file under a folder named `fixtures` in src/core. */
function fixtureFiles(): string[] {
  const out: string[] = [];
  const find = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (!statSync(full).isDirectory()) continue;
      if (name === 'fixtures') walk(full, out);
      else find(full);
    }
  };
  find(CORE);
  return out;
}

interface Corpus {
  /** Socket-table pastes (fixtures/…/*.txt of the sockets module). */
  socketTexts: string[];
  /** Hex pastes (the wire module's paste fixtures). */
  hexTexts: string[];
  /** Every text fixture, for splicing across targets. */
  allTexts: string[];
  /** Capture files. */
  captures: Uint8Array[];
  /** JSON fixtures (expected outputs, scenarios): odd shapes for the scenario mutators. */
  json: unknown[];
  /** Valid packets: the samples, every packet of the fixture captures, and generated ones. */
  packets: { bytes: Uint8Array; link: LinkName }[];
  packetBytes: Uint8Array[];
}

let corpus: Corpus | undefined;
let corpusSeed = -1;

/** The corpus for a run; the generated part depends on the seed. */
export function loadCorpus(seed: number): Corpus {
  if (corpus && corpusSeed === seed) return corpus;
  const files = fixtureFiles();
  const texts = files.filter((f) => f.endsWith('.txt') && !f.endsWith('README.txt'));
  const socketTexts = texts.filter((f) => f.includes('/sockets/')).map((f) => readFileSync(f, 'utf8'));
  const hexTexts = texts.filter((f) => f.includes('/wire/')).map((f) => readFileSync(f, 'utf8'));
  const allTexts = texts.map((f) => readFileSync(f, 'utf8'));
  const captures = files.filter((f) => /\.(pcap|pcapng)$/.test(f)).map((f) => new Uint8Array(readFileSync(f)));
  const json: unknown[] = files.filter((f) => f.endsWith('.json')).slice(0, 200).map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
  const packets: { bytes: Uint8Array; link: LinkName }[] = samplePackets().map((s) => ({ bytes: s.bytes, link: s.link }));
  for (const c of captures) for (const p of readCapture(c).packets) if (p.link) packets.push({ bytes: p.bytes.slice(), link: p.link });
  for (const p of fc.sample(packetArb, { seed, numRuns: 600 })) packets.push({ bytes: encodePacket(p.specs), link: p.link });
  corpus = { socketTexts, hexTexts, allTexts, captures, json, packets, packetBytes: packets.map((p) => p.bytes) };
  corpusSeed = seed;
  return corpus;
}

let ports: PortDb | undefined;
function portDb(): PortDb {
  ports ??= ianaPortDb();
  return ports;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
/** JSON for the reproducer; non-JSON numbers and undefined spelled out so they survive. */
function jsonFile(v: unknown): Uint8Array {
  try {
    return utf8(
      JSON.stringify(v, (_k, x: unknown) =>
        typeof x === 'number' && !Number.isFinite(x) ? `__${String(x)}__` : x === undefined ? '__undefined__' : typeof x === 'bigint' ? `__${x}n__` : x,
      ) ?? 'undefined',
    );
  } catch (e) {
    return utf8(`(not serialisable: ${String(e)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Hex text: valid pastes in every dialect the parser reads.

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

function asciiColumn(b: Uint8Array): string {
  return Array.from(b, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
}

/** Renders packets as one of the dialects parseHexInput reads (hex-input.ts). */
function renderHex(rng: Rng, packets: Uint8Array[]): string {
  const dialect = rng.int(10);
  const rows = (b: Uint8Array, width: number) => {
    const out: Uint8Array[] = [];
    for (let i = 0; i < b.length; i += width) out.push(b.subarray(i, i + width));
    return out;
  };
  const eol = rng.chance(0.2) ? '\r\n' : '\n';
  const one = (b: Uint8Array, n: number): string => {
    switch (dialect) {
      case 0: { // bare hex with a separator
        const sep = rng.pick(['', ' ', ':', '-', '\n']);
        return Array.from(b, hex2).join(sep);
      }
      case 1: // 0x list / C array
        return `unsigned char pkt${n}[] = {${eol}${rows(b, 12).map((r) => '  ' + Array.from(r, (x) => `0x${hex2(x)}`).join(', ')).join(`,${eol}`)}${eol}};`;
      case 2: // C string
        return `"${Array.from(b, (x) => `\\x${hex2(x)}`).join('')}"`;
      case 3: // tcpdump -x / -X
        return `12:00:00.${String(n).padStart(6, '0')} IP 192.0.2.1.1 > 192.0.2.2.2: Flags [S], length 0${eol}` +
          rows(b, 16).map((r, i) => {
            const words = [];
            for (let k = 0; k < r.length; k += 2) words.push(Array.from(r.subarray(k, k + 2), hex2).join(''));
            return `\t0x${(i * 16).toString(16).padStart(4, '0')}:  ${words.join(' ')}${rng.chance(0.5) ? '  ' + asciiColumn(r) : ''}`;
          }).join(eol);
      case 4: // xxd
        return rows(b, 16).map((r, i) => {
          const words = [];
          for (let k = 0; k < r.length; k += 2) words.push(Array.from(r.subarray(k, k + 2), hex2).join(''));
          return `${(i * 16).toString(16).padStart(8, '0')}: ${words.join(' ').padEnd(39)}  ${asciiColumn(r)}`;
        }).join(eol);
      case 5: // hexdump -C
        return rows(b, 16).map((r, i) => `${(i * 16).toString(16).padStart(8, '0')}  ${Array.from(r, hex2).join(' ').padEnd(48)}  |${asciiColumn(r)}|`).join(eol) + `${eol}${b.length.toString(16).padStart(8, '0')}`;
      case 6: // od -Ax -tx1
        return rows(b, 16).map((r, i) => `${(i * 16).toString(16).padStart(6, '0')} ${Array.from(r, hex2).join(' ')}`).join(eol) + `${eol}${b.length.toString(16).padStart(6, '0')}`;
      case 7: // tshark -x / Wireshark "Copy as Hex Dump"
        return rows(b, 16).map((r, i) => `${(i * 16).toString(16).padStart(4, '0')}  ${Array.from(r, hex2).join(' ').padEnd(48)}  ${asciiColumn(r)}`).join(eol);
      case 8: // base64
        return btoa(String.fromCharCode(...b));
      default: // 0x-prefixed words
        return Array.from(b, (x) => `0x${hex2(x)}`).join(rng.pick([' ', ',', ', ']));
    }
  };
  return packets.map((p, n) => one(p, n)).join(dialect === 1 || dialect === 3 ? eol : `${eol}Packet ${rng.int(10)}:${eol}`);
}

function pickPackets(rng: Rng, c: Corpus, max: number): Uint8Array[] {
  return Array.from({ length: 1 + rng.int(max) }, () => rng.pick(c.packetBytes));
}

/** The usual mix: random bytes read as text, random text, valid inputs, and mutated valid inputs. */
function textMix(rng: Rng, valid: () => string, pool: () => readonly string[], maxRandom = 20_000): string {
  const kind = rng.weighted([[10, 'bytes'], [15, 'text'], [30, 'valid'], [45, 'mutant']] as const);
  if (kind === 'bytes') return bytesAsText(rng, rng.bytes(rng.size(maxRandom)));
  if (kind === 'text') return randomText(rng, maxRandom);
  if (kind === 'valid') return valid();
  return mutateText(rng, rng.chance(0.3) ? rng.pick(pool()) : valid(), pool());
}

const LINKS: readonly ('auto' | LinkName)[] = ['auto', 'ethernet', 'ip', 'linux-sll', 'linux-sll2', 'null'];

/** Documented invariants of decodePacket (src/core/README.md, "Wire formats"): spans tile the bytes with no decoder gap, and the specs re-encode to the same bytes. */
function checkDecoded(d: DecodedPacket, b: Uint8Array): void {
  let pos = 0;
  for (const s of d.spans) {
    check(s.start === pos && s.end > s.start, `spans do not tile the packet at byte ${pos} (span ${s.start}–${s.end})`);
    check(!(s.kind === 'undecoded' && s.reason === GAP_REASON), `bytes ${s.start}–${s.end} are a decoder gap`);
    pos = s.end;
  }
  check(pos === b.length, `spans end at ${pos}, the packet has ${b.length} bytes`);
  const again = encodePacket(d.specs);
  check(again.length === b.length && again.every((x, i) => x === b[i]), 'encodePacket(decoded.specs) differs from the decoded bytes');
}

// ---------------------------------------------------------------------------------------------
// Socket tables: fixture lines with their tokens swapped for other values of the same kind.

function randomAddress(rng: Rng): string {
  const v4 = () => Array.from({ length: 4 }, () => rng.pick([0, 127, 10, 192, 255, rng.int(256), 300, 1])).join('.');
  const v6 = () => rng.pick(['::', '::1', 'fe80::1%eth0', '[::ffff:192.0.2.1]', '2001:db8::1', '::ffff:10.0.0.1', 'fe80::1%12', ':::', '1:2:3:4:5:6:7:8:9', '*', '0.0.0.0', '[::]']);
  const port = () => rng.pick([String(rng.int(65536)), '*', 'http', 'ssh', 'https', 'http-alt', 'x11-1', '65536', '99999999', '-1', '']);
  const sep = rng.chance(0.15) ? '.' : ':';
  return `${rng.chance(0.6) ? v4() : v6()}${sep}${port()}`;
}

function mutateTokens(rng: Rng, line: string): string {
  const words = [...knownStateWords().keys()];
  return line.replace(/\S+/g, (tok) => {
    if (!rng.chance(0.25)) return tok;
    if (/^\d+$/.test(tok)) return rng.chance(0.5) ? String(rng.int(70_000)) : rng.pick(HUGE_NUMBERS);
    if (/[.:]\d+$|\*$/.test(tok)) return randomAddress(rng);
    if (/^[A-Z_-]{3,}$/.test(tok)) return rng.pick(words);
    return rng.chance(0.5) ? tok : randomText(rng, 12);
  });
}

function socketPaste(rng: Rng, c: Corpus): string {
  const lines = c.socketTexts.flatMap((t) => t.split(/\r?\n/));
  if (rng.chance(0.3)) return rng.pick(c.socketTexts);
  const picked = Array.from({ length: 1 + rng.size(200) }, () => (rng.chance(0.5) ? mutateTokens(rng, rng.pick(lines)) : rng.pick(lines)));
  return picked.join(rng.pick(['\n', '\r\n', '\r']));
}

// ---------------------------------------------------------------------------------------------
// Scenarios: random valid scenarios (as the simulator's property test makes them) and presets.

function randomScenario(rng: Rng): Record<string, unknown> {
  const sides = ['a', 'b'] as const;
  const steps: Record<string, unknown>[] = [];
  const open = rng.int(4);
  if (open === 0 || open === 1) steps.push({ at: 0, on: 'b', do: 'listen' }, { at: rng.int(300), on: 'a', do: 'connect' });
  else if (open === 2) steps.push({ at: 0, on: 'a', do: 'connect' }, { at: rng.int(60), on: 'b', do: 'connect' });
  for (let i = rng.int(7); i > 0; i--) {
    const action = rng.pick(['send', 'send', 'send', 'close', 'close', 'abort', 'listen', 'connect']);
    const step: Record<string, unknown> = { at: rng.int(6000), on: rng.pick(sides), do: action };
    if (action === 'send') step.bytes = rng.chance(0.05) ? rng.range(100_000, 2_000_000) : 1 + rng.int(6000);
    steps.push(step);
  }
  steps.sort((x, y) => (x.at as number) - (y.at as number));
  const endpoint = (port: number) => {
    const e: Record<string, unknown> = { port };
    if (rng.chance(0.7)) e.isn = rng.chance(0.3) ? 2 ** 32 - 1 - rng.int(20_000) : rng.u32();
    if (rng.chance(0.5)) e.mss = rng.range(1, 1460);
    if (rng.chance(0.5)) e.window = rng.range(1, 65535);
    if (rng.chance(0.1)) e.firewall = 'drop';
    return e;
  };
  const s: Record<string, unknown> = { seed: rng.u32(), a: endpoint(rng.range(1, 65535)), b: endpoint(rng.range(1, 65535)), steps };
  if (rng.chance(0.7)) {
    s.link = {
      delay: rng.int(300),
      jitter: rng.int(60),
      loss: rng.chance(0.5) ? 0 : rng.float() * 0.4,
      duplicate: rng.chance(0.7) ? 0 : rng.float() * 0.2,
      reorder: rng.chance(0.7) ? 0 : rng.float() * 0.2,
      bandwidth: rng.pick([0, 0, 1e4, 1e5, 1e6, 1e8]),
    };
  }
  if (rng.chance(0.5)) s.tcp = { rto: rng.range(1, 3000), maxRetries: rng.int(16), msl: rng.range(1, 120_000), delayedAck: rng.int(500) };
  if (rng.chance(0.3)) s.drop = Array.from({ length: 1 + rng.int(4) }, () => ({ from: rng.pick(sides), nth: 1 + rng.int(8) }));
  if (rng.chance(0.3)) s.until = rng.int(400_000);
  return s;
}

function scenarioMix(rng: Rng, valid: () => unknown, pool: readonly unknown[]): unknown {
  const kind = rng.weighted([[5, 'weird'], [5, 'text'], [35, 'valid'], [55, 'mutant']] as const);
  if (kind === 'weird') return weirdValue(rng);
  if (kind === 'text') {
    try {
      return JSON.parse(mutateText(rng, JSON.stringify(valid()), []));
    } catch {
      return randomText(rng, 200);
    }
  }
  if (kind === 'valid') return valid();
  return mutateJson(rng, rng.chance(0.3) ? rng.pick(pool) : valid(), pool);
}

function checkTrace(trace: Trace, label: string): void {
  for (const e of trace.events) if (e.type === 'error' && e.code === 'internal') throw new InvariantError(`${label}: ${e.message}`);
}

// ---------------------------------------------------------------------------------------------
// Simulations of other protocols (scenario → trace modules under src/core/<name>/). Each one's
// index.ts exports a validator named validate…Scenario and a runner named run…; presets (an array
// of objects with a `scenario`) seed the corpus when the module exports them. A name whose folder
// does not exist yet is listed as "not built" in the report.

/** Core modules of the form scenario → trace, fuzzed like the TCP simulator. One line each. */
export const SIMULATIONS: readonly string[] = ['ftp', 'tls', 'nat'];

interface SimModule {
  validate: (input: unknown) => unknown;
  run: (input: unknown) => unknown;
  validateName: string;
  runName: string;
  /** narrate…Trace(trace), when the module has one taking the trace alone: widgets call it on every trace. */
  narrate: ((trace: unknown) => unknown) | undefined;
  presets: unknown[];
}

function findSimulation(mod: Record<string, unknown>, name: string): SimModule {
  const fns = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, (x: unknown) => unknown][];
  const validate = fns.find(([k]) => /^validate\w*Scenario$/.test(k));
  const run = fns.find(([k]) => /^run\w*$/.test(k) && !/^runScenario$/.test(k)) ?? fns.find(([k]) => /^run\w*$/.test(k));
  if (!validate || !run) throw new Error(`src/core/${name}/index.ts exports no validate…Scenario and run… function (exports: ${Object.keys(mod).join(', ')})`);
  const presets: unknown[] = [];
  for (const v of Object.values(mod)) {
    if (!Array.isArray(v)) continue;
    for (const p of v) if (p !== null && typeof p === 'object' && 'scenario' in p) presets.push((p as { scenario: unknown }).scenario);
  }
  const narrate = fns.find(([k, f]) => /^narrate\w*Trace$/.test(k) && f.length <= 1)?.[1];
  return { validate: validate[1], run: run[1], validateName: validate[0], runName: run[0], narrate, presets };
}

/** A target for a scenario → trace module: validate and run presets, mutated presets and odd values; fail on a throw or an `internal` error event. */
function simulationTarget(name: string, mod: SimModule, count: number): Target<unknown> {
  const fixtures = walk(join(CORE, name))
    .filter((f) => f.endsWith('.json') && !f.includes('node_modules'))
    .map((f) => {
      try {
        return JSON.parse(readFileSync(f, 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    })
    .filter((x) => x !== undefined)
    .map((x) => (x !== null && typeof x === 'object' && 'scenario' in x ? (x as { scenario: unknown }).scenario : x));
  const pool = [...mod.presets, ...fixtures];
  if (pool.length === 0) pool.push({});
  return {
    name: `${name}.scenario`,
    calls: `${mod.validateName} + ${mod.runName}${mod.narrate ? ` + ${mod.narrate.name}` : ''} (src/core/${name})`,
    count,
    generate: (rng) => scenarioMix(rng, () => rng.pick(pool), pool),
    run: (input) => {
      timed(mod.validateName, () => mod.validate(input));
      const trace = timed(mod.runName, () => mod.run(input));
      const events = trace !== null && typeof trace === 'object' && 'events' in trace ? (trace as { events: unknown }).events : undefined;
      if (Array.isArray(events)) {
        for (const e of events) {
          const ev = e as { type?: unknown; code?: unknown; message?: unknown };
          if (ev.type === 'error' && ev.code === 'internal') throw new InvariantError(`${mod.runName}: ${String(ev.message)}`);
        }
        const narrate = mod.narrate;
        if (narrate) timed(narrate.name, () => narrate(trace));
      }
    },
    toFile: jsonFile,
  };
}

/** The other simulations present in this checkout, each as a target (imported when present). */
export async function simulationTargets(): Promise<{ targets: Target[]; missing: string[] }> {
  const targets: Target[] = [];
  const missing: string[] = [];
  for (const name of SIMULATIONS) {
    const index = join(CORE, name, 'index.ts');
    if (!existsSync(index)) {
      missing.push(name);
      continue;
    }
    const mod = (await import(index)) as Record<string, unknown>;
    targets.push(simulationTarget(name, findSimulation(mod, name), 6000));
  }
  return { targets, missing };
}

/**
 * Link decoders of other widgets: a `src/widgets/<name>/url.ts` exporting decode…Url(hash) is
 * fuzzed with fragments made of the keys and values it is likely to read, mutated, and random
 * text. (The TCP simulator's has its own entry below, which also runs the scenario it accepts.)
 */
export async function widgetUrlTargets(): Promise<Target[]> {
  const dir = join(ROOT, 'src/widgets');
  const targets: Target[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'url.ts');
    if (name === 'tcp-simulator' || !existsSync(file)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    const entry = Object.entries(mod).find(([k, v]) => /^decode\w*Url$/.test(k) && typeof v === 'function');
    if (!entry) continue;
    const [fnName, fn] = entry as [string, (hash: string) => unknown];
    const keys = ['preset', 'scenario', 'step', 'widget', 'sample', 'mode', 'q', 't'];
    const valid = (rng: Rng) =>
      '#' + Array.from({ length: 1 + rng.int(4) }, () => `${rng.pick(keys)}=${encodeURIComponent(rng.chance(0.5) ? String(rng.int(50)) : rng.chance(0.5) ? JSON.stringify(weirdValue(rng)) ?? '' : randomText(rng, 30).toWellFormed())}`).join('&');
    targets.push({
      name: `${name}.url`,
      calls: `${fnName} (src/widgets/${name}/url.ts)`,
      count: 3000,
      generate: (rng) => textMix(rng, () => valid(rng), () => [valid(rng)], 5000),
      run: (hash) => {
        timed(fnName, () => fn(hash));
      },
      toFile: utf8,
    } satisfies Target<string> as Target);
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The table.

const SORT_KEYS: readonly SortKey[] = ['line', 'proto', 'local', 'remote', 'state', 'owner', 'recvQ', 'sendQ', 'exposure'];

export function coreTargets(seed: number): Target[] {
  const c = () => loadCorpus(seed);
  const presetScenarios = PRESETS.map((p) => p.scenario as unknown);

  const hexInput: Target<string> = {
    name: 'wire.parseHexInput',
    calls: 'parseHexInput, then decodePacket on the first packets (the header decoder\'s paste box)',
    count: 22_000,
    generate: (rng) => textMix(rng, () => renderHex(rng, pickPackets(rng, c(), 4)), () => [...c().hexTexts, ...c().allTexts]),
    run: (text) => {
      const r = timed('parseHexInput', () => parseHexInput(text));
      for (const p of r.packets.slice(0, 3)) timed('decodePacket', () => decodePacket(p, { link: 'auto' }));
    },
    toFile: utf8,
  };

  const capture: Target<Uint8Array> = {
    name: 'wire.readCapture',
    calls: 'readCapture, then decodePacket on up to 50 packets (the header decoder\'s file input)',
    count: 9000,
    generate: (rng) => {
      const kind = rng.weighted([[10, 'bytes'], [25, 'valid'], [65, 'mutant']] as const);
      if (kind === 'bytes') return rng.bytes(rng.size(20_000));
      const valid = () => {
        if (rng.chance(0.3)) return rng.pick(c().captures);
        const pk = Array.from({ length: 1 + rng.int(6) }, () => {
          const p = rng.pick(c().packets);
          return { bytes: p.bytes, ts: { sec: rng.u32(), nsec: rng.int(1e9) }, origLen: rng.chance(0.8) ? p.bytes.length : rng.u32(), interfaceId: rng.int(2) };
        });
        const linkType = rng.pick([1, 0, 101, 113, 276, 12, 228, 229, rng.int(300)]);
        return rng.chance(0.5)
          ? writePcap(pk.map((p) => ({ ...p, interfaceId: undefined })), { linkType, nanosecond: rng.chance(0.5), byteOrder: rng.chance(0.5) ? 'le' : 'be', snaplen: rng.chance(0.8) ? 262_144 : rng.u32() })
          : writePcapng([{ linkType }, { linkType: rng.pick([1, 101]), nanosecond: rng.chance(0.5), name: rng.pick(['eth0', '', MARKUP[0] as string]) }], pk, { byteOrder: rng.chance(0.5) ? 'le' : 'be', simple: rng.chance(0.2) });
      };
      return kind === 'valid' ? valid() : mutateBytes(rng, valid(), c().captures);
    },
    run: (bytes) => {
      const cap = timed('readCapture', () => readCapture(bytes));
      for (const p of cap.packets.slice(0, 50)) timed('decodePacket', () => decodePacket(p.bytes, { link: p.link ?? 'auto', origLen: p.origLen }));
    },
    toFile: (b) => b,
  };

  const decode: Target<{ bytes: Uint8Array; link: 'auto' | LinkName; origLen?: number }> = {
    name: 'wire.decodePacket',
    calls: 'decodePacket on every link; checks the spans tile the bytes and encodePacket(specs) gives them back',
    count: 25_000,
    generate: (rng) => {
      const kind = rng.weighted([[15, 'bytes'], [25, 'valid'], [60, 'mutant']] as const);
      const p = rng.pick(c().packets);
      const bytes = kind === 'bytes' ? rng.bytes(rng.size(4000)) : kind === 'valid' ? p.bytes : mutateBytes(rng, p.bytes, c().packetBytes);
      const link = rng.chance(0.6) && kind !== 'bytes' ? p.link : rng.pick(LINKS);
      return rng.chance(0.2) ? { bytes, link, origLen: rng.pick([0, bytes.length + 1, rng.u32(), -1, NaN]) } : { bytes, link };
    },
    run: ({ bytes, link, origLen }) => {
      const d = timed('decodePacket', () => decodePacket(bytes, origLen === undefined ? { link } : { link, origLen }));
      timed('encodePacket', () => checkDecoded(d, bytes));
    },
    toFile: (i) => i.bytes,
  };

  const services = serviceLookup(portDb());
  const craft: Target<{ bytes: Uint8Array; link: LinkName; field: number; value: unknown }> = {
    name: 'wire.setField',
    calls: 'decodePacket + setField with typed values (the header decoder\'s "craft a packet" box), then decodes the result',
    count: 8000,
    generate: (rng) => {
      const p = rng.pick(c().packets);
      const bytes = rng.chance(0.3) ? mutateBytes(rng, p.bytes, c().packetBytes) : p.bytes;
      const value = rng.weighted<() => unknown>([
        [3, () => rng.pick(HUGE_NUMBERS)],
        [3, () => rng.pick([0, 1, -1, 0.5, 2 ** 32, 2 ** 53, NaN, Infinity, rng.int(70_000), rng.u32()])],
        [2, () => rng.pick([true, false, '0', '1', 'true'])],
        [3, () => rng.pick(['192.0.2.1', '::1', '::ffff:1.2.3.4', 'fe80::1%eth0', '00:11:22:33:44:55', '1.2.3', '999.1.1.1', '1:2:3:4:5:6:7:8:9', 'deadbeef', '0x45', ''])],
        [2, () => mutateText(rng, rng.pick(['192.0.2.1', '2001:db8::1', '00:11:22:33:44:55', '1460', 'abcdef']), [])],
        [1, () => randomText(rng, 80)],
        [1, () => rng.pick(UNICODE_BITS) + rng.pick(MARKUP)],
      ])();
      return { bytes, link: p.link, field: rng.u32(), value };
    },
    run: ({ bytes, link, field, value }) => {
      const d = timed('decodePacket', () => decodePacket(bytes, { link, serviceName: services }));
      const fields = d.layers.flatMap((l) => l.fields).filter((f) => f.spec !== undefined);
      const f = fields.length ? fields[field % fields.length] : d.layers[0]?.fields[0];
      if (!f) return;
      const r = timed('setField', () => setField(d, f, value as string));
      timed('decodePacket', () => decodePacket(r.bytes, { link }));
    },
    toFile: jsonFile,
  };

  const sockets: Target<{ text: string; format?: SocketFormat; ports: boolean }> = {
    name: 'sockets.parseSocketTable',
    calls: 'parseSocketTable (detected or forced dialect, with and without the IANA names) + explainTable + viewIndices + Markdown/CSV export',
    count: 12_000,
    generate: (rng) => {
      const text = textMix(rng, () => socketPaste(rng, c()), () => [...c().socketTexts, ...c().allTexts]);
      const format = rng.chance(0.6) ? undefined : rng.pick(SOCKET_FORMATS);
      return format === undefined ? { text, ports: rng.chance(0.5) } : { text, format, ports: rng.chance(0.5) };
    },
    run: ({ text, format, ports }) => {
      const db = ports ? portDb() : undefined;
      const t = timed('parseSocketTable', () => parseSocketTable(text, { ...(format ? { format } : {}), ...(db ? { ports: db } : {}) }));
      for (const r of t.rows) check(r.line >= 1 && r.line <= t.lineCount, `row on line ${r.line} of ${t.lineCount}`);
      const e = timed('explainTable', () => explainTable(t.rows, db ? { ports: db } : {}));
      timed('viewIndices', () => viewIndices(e.rows, { key: SORT_KEYS[text.length % SORT_KEYS.length] as SortKey, direction: text.length % 2 ? 'ascending' : 'descending' }));
      if (text.length % 4 === 0) {
        timed('tableToMarkdown', () => tableToMarkdown(e.rows, { format: t.format, sectionFormats: t.sections.map((s) => s.format), lineCount: t.lineCount, findings: e.findings, issues: t.issues, filtered: false }));
        timed('tableToCsv', () => tableToCsv(e.rows, { source: () => text.slice(0, 100) }));
      }
    },
    toFile: (i) => utf8(i.text),
  };

  const compactPorts = JSON.stringify(ianaCompactData());
  const engine: Target<{ text: string; format: SocketFormat | 'auto'; filter: RowFilter; key: SortKey; ports: boolean }> = {
    name: 'netstat-explainer.engine',
    calls: 'the explainer widget\'s engine: sync (paste, "Read as", sort, filter box) and export',
    count: 2500,
    generate: (rng) => ({
      text: textMix(rng, () => socketPaste(rng, c()), () => c().socketTexts, 4000),
      format: rng.chance(0.5) ? 'auto' : rng.pick(SOCKET_FORMATS),
      filter: {
        state: rng.pick(['all', 'LISTEN', 'ESTABLISHED', 'TIME-WAIT', 'UNCONN', 'nonsense']) as RowFilter['state'],
        proto: rng.pick(['all', 'tcp', 'udp']) as RowFilter['proto'],
        exposure: rng.pick(['all', 'listening', 'connections', 'loopback', 'all-interfaces']) as RowFilter['exposure'],
        text: rng.chance(0.5) ? '' : rng.chance(0.5) ? randomText(rng, 20) : rng.pick([...MARKUP, ...UNICODE_BITS, '.*', '(', '\\']),
      },
      key: rng.pick(SORT_KEYS),
      ports: rng.chance(0.02),
    }),
    run: (i) => {
      const e = new ExplainerEngine();
      const base = { type: 'sync' as const, format: i.format, sort: { key: i.key, direction: 'descending' as const }, filter: i.filter, rowLimit: 200, issueLimit: 50 };
      timed('engine.sync (paste)', () => e.sync({ ...base, id: 1, text: i.text, ...(i.ports ? { ports: compactPorts } : {}) }));
      timed('engine.sync (filter)', () => e.sync({ ...base, id: 2, filter: { ...i.filter, text: i.filter.text.slice(1) } }));
      timed('engine.exportFile', () => e.exportFile(i.text.length % 2 ? 'csv' : 'markdown', 3));
    },
    toFile: jsonFile,
  };

  const names = [...portDb().byName.keys()].slice(0, 5000);
  const lookup: Target<{ query: unknown; db: boolean }> = {
    name: 'ports.lookupPort',
    calls: 'lookupPort with and without the IANA names (the port lookup\'s search box)',
    count: 12_000,
    generate: (rng) => {
      const valid = () =>
        rng.pick([
          () => String(rng.int(65536)),
          () => `${rng.int(65536)}/${rng.pick(['tcp', 'udp', 'sctp', 'TCP', ''])}`,
          () => rng.pick(names),
          () => ` ${rng.pick(names).toUpperCase()} `,
          () => `0x${rng.int(65536).toString(16)}`,
          () => rng.pick(HUGE_NUMBERS),
        ])();
      const kind = rng.weighted([[5, 'value'], [10, 'text'], [40, 'valid'], [45, 'mutant']] as const);
      const query = kind === 'value' ? weirdValue(rng) : kind === 'text' ? randomText(rng, rng.chance(0.1) ? 2_000_000 : 200) : kind === 'valid' ? valid() : mutateText(rng, valid(), names);
      return { query, db: rng.chance(0.7) };
    },
    run: ({ query, db }) => {
      const ports = db ? portDb() : undefined;
      timed('lookupPort', () => lookupPort(query, ports));
    },
    toFile: jsonFile,
  };

  const scenario: Target<unknown> = {
    name: 'sim.scenario',
    calls: 'validateScenario + runScenario (+ narrateTrace and stateAt on valid ones, as the simulator widget does)',
    count: 7000,
    generate: (rng) => scenarioMix(rng, () => (rng.chance(0.4) ? rng.pick(presetScenarios) : randomScenario(rng)), [...presetScenarios, ...c().json.slice(0, 40)]),
    run: (input) => {
      timed('validateScenario', () => validateScenario(input));
      const trace = timed('runScenario', () => runScenario(input));
      checkTrace(trace, 'runScenario');
      if (trace.scenario !== null) {
        timed('narrateTrace', () => narrateTrace(trace));
        const last = trace.events[trace.events.length - 1]?.t ?? 0;
        for (const t of [0, last / 3, last, -1, NaN]) timed('stateAt', () => stateAt(trace, t));
      }
    },
    toFile: jsonFile,
  };

  const url: Target<string> = {
    name: 'tcp-simulator.url',
    calls: 'decodeSimUrl (scenarios read from a link\'s fragment), then runScenario on what it accepts',
    count: 7000,
    generate: (rng) => {
      const valid = () => {
        // The widget only ever writes a known preset name; an odd one (well-formed, as encodeURIComponent needs) stands for a hand-edited link.
        const preset = rng.chance(0.9) ? rng.pick(PRESETS).name : randomText(rng, 20).toWellFormed();
        const scenarioValue = rng.chance(0.5) ? undefined : rng.chance(0.5) ? randomScenario(rng) : mutateJson(rng, rng.pick(presetScenarios), presetScenarios);
        const hash = encodeSimUrl({ preset, step: rng.int(40), widget: rng.int(3), ...(scenarioValue === undefined ? {} : { scenario: scenarioValue as never }) });
        return (rng.chance(0.5) ? '#' : '') + hash;
      };
      return textMix(rng, valid, () => [valid(), '#preset=%zz&scenario=%7B', 'scenario=' + '%5B'.repeat(3000), `scenario=${'{"a":'.repeat(2000)}`], 5000);
    },
    run: (hash) => {
      const d = timed('decodeSimUrl', () => decodeSimUrl(hash));
      const scenario = d.scenario;
      if (scenario) checkTrace(timed('runScenario', () => runScenario(scenario)), 'runScenario(decodeSimUrl(…).scenario)');
    },
    toFile: utf8,
  };

  const binds = BIND_ADDRESSES.map((b) => b.value as unknown);
  const places = CLIENT_PLACES.map((p) => p.value as unknown);
  const reach: Target<{ bind: unknown; client: unknown; options: unknown }> = {
    name: 'reach.whoCanReach',
    calls: 'whoCanReach and reachTable (the reach explorer), known and unknown values',
    count: 2000,
    generate: (rng) => ({
      bind: rng.chance(0.7) ? rng.pick(binds) : weirdValue(rng),
      client: rng.chance(0.7) ? rng.pick(places) : weirdValue(rng),
      options: rng.chance(0.7)
        ? { v6only: rng.chance(0.5), hostFirewall: rng.pick(['allow', 'drop', 'reject']), portForward: rng.chance(0.5) }
        : rng.chance(0.5) ? undefined : weirdValue(rng),
    }),
    run: ({ bind, client, options }) => {
      const o = (options !== null && typeof options === 'object' ? options : {}) as Parameters<typeof whoCanReach>[2];
      timed('whoCanReach', () => whoCanReach(bind as BindAddress, client as ClientPlace, o));
      timed('reachTable', () => reachTable(bind as BindAddress, o));
    },
    toFile: jsonFile,
  };

  return [hexInput, capture, decode, craft, sockets, engine, lookup, scenario, url, reach] as Target[];
}

