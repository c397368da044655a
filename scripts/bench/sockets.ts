/**
 * Benchmark of the socket-table parser and explainer (issue #6).
 * Target: parse + explain 10,000 lines in under 100 ms in Node. Also times 100,000 lines and a
 * 10 MB paste, and, when jc is installed (`apt-get install jc`), jc --netstat / jc --ss on the
 * same inputs, reporting the ratio. Run: npx node scripts/bench/sockets.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explainTable, parseSocketTable } from '../../src/core/sockets/index.ts';
import { ianaPortDb } from '../../src/core/ports/iana-data.ts';

/** The issue's target for 10,000 lines. */
const TARGET_MS = 100;
/** Timed repetitions per case; the median is reported. */
const RUNS = 9;
const fixtures = join(import.meta.dirname, '../../src/core/sockets/fixtures');
const db = ianaPortDb();

/** Header lines of a fixture plus its body rows repeated to `lines` lines. */
function grow(file: string, headerLines: number, lines: number): string {
  const all = readFileSync(join(fixtures, file), 'utf8').replace(/\r\n/g, '\n').split('\n').filter((l) => l !== '');
  const head = all.slice(0, headerLines);
  const body = all.slice(headerLines);
  const out = [...head];
  for (let i = 0; out.length < lines; i++) out.push(body[i % body.length]!);
  return `${out.join('\n')}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeOurs(text: string, runs = RUNS): { ms: number; rows: number } {
  let rows = 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const table = parseSocketTable(text, { ports: db });
    explainTable(table.rows, { ports: db });
    times.push(performance.now() - t0);
    rows = table.rows.length;
  }
  return { ms: median(times), rows };
}

function jcAvailable(): boolean {
  return spawnSync('jc', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** jc's time on the same text, or 'failed' when jc rejects it (jc --ss needs the Netid column). */
function timeJc(parser: string, text: string): { ms: number; rows: number; startupMs: number } | 'failed' {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync('jc', [parser], { input: text, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (r.status !== 0) return 'failed';
    rows = (JSON.parse(r.stdout) as unknown[]).length;
  }
  const startup: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync('jc', [parser], { input: '', encoding: 'utf8' });
    startup.push(performance.now() - t0);
  }
  return { ms: median(times), rows, startupMs: median(startup) };
}

const cases = [
  { name: 'linux netstat -tanp', file: 'debian-12/netstat-tanp.txt', header: 2, jc: '--netstat' },
  { name: 'ss -tanp (no Netid)', file: 'debian-12/ss-tanp.txt', header: 1, jc: '--ss' },
  { name: 'ss -tua (Netid)', file: 'debian-12/ss-tua.txt', header: 1, jc: '--ss' },
  { name: 'windows netstat -ano', file: 'windows-10-en/netstat-ano.txt', header: 3 },
  { name: 'macOS netstat', file: 'macos-10.14/netstat.txt', header: 2 },
  { name: 'lsof -i -nP', file: 'debian-12/lsof-i-nP.txt', header: 1 },
] as const;

const results: Record<string, unknown>[] = [];
const haveJc = jcAvailable();
console.log(`socket tables: parse + explain (median of ${RUNS}); target ${TARGET_MS} ms for 10,000 lines`);
console.log('case                         lines     rows   ours ms   jc ms (startup)   jc/ours');
for (const c of cases) {
  for (const lines of [10_000, 100_000]) {
    const text = grow(c.file, c.header, lines);
    const ours = timeOurs(text, lines > 10_000 ? 3 : RUNS);
    const entry: Record<string, unknown> = { case: c.name, lines, rows: ours.rows, oursMs: Number(ours.ms.toFixed(2)) };
    if (lines === 10_000) entry.meetsTarget = ours.ms < TARGET_MS;
    let jcText = '-';
    if (haveJc && 'jc' in c && lines === 10_000) {
      const jc = timeJc(c.jc, text);
      if (jc === 'failed') {
        entry.jc = 'failed: jc could not parse this input';
        jcText = 'failed';
      } else {
        entry.jcMs = Number(jc.ms.toFixed(1));
        entry.jcStartupMs = Number(jc.startupMs.toFixed(1));
        entry.jcRows = jc.rows;
        entry.ratio = Number((jc.ms / ours.ms).toFixed(1));
        entry.ratioWithoutStartup = Number(((jc.ms - jc.startupMs) / ours.ms).toFixed(1));
        jcText = `${jc.ms.toFixed(0)} (${jc.startupMs.toFixed(0)})`;
      }
    }
    results.push(entry);
    console.log(
      `${c.name.padEnd(28)} ${String(lines).padStart(6)} ${String(ours.rows).padStart(8)} ${ours.ms.toFixed(1).padStart(9)}   ${jcText.padEnd(15)}   ${entry.ratio === undefined ? '-' : `${entry.ratio}x (${entry.ratioWithoutStartup}x w/o startup)`}`,
    );
  }
}

// The first case also pays for JIT warm-up, as the page would on its first paste.
// A 10 MB paste of mixed junk and rows, and 10 MB with no newline at all.
const junk = `${grow('debian-12/ss-tanp.txt', 1, 2000)}<script>alert(1)</script>\n\u0000\u0001binary\n`;
const big = junk.repeat(Math.ceil((10 * 1024 * 1024) / junk.length)).slice(0, 10 * 1024 * 1024);
const bigTime = timeOurs(big, 3);
const oneLine = 'x'.repeat(10 * 1024 * 1024);
const oneLineTime = timeOurs(oneLine, 3);
results.push({ case: '10 MB mixed paste', oursMs: Number(bigTime.ms.toFixed(1)), rows: bigTime.rows });
results.push({ case: '10 MB single line', oursMs: Number(oneLineTime.ms.toFixed(1)), rows: oneLineTime.rows });
console.log(`10 MB mixed paste: ${bigTime.ms.toFixed(1)} ms (${bigTime.rows} rows); 10 MB single line: ${oneLineTime.ms.toFixed(1)} ms`);
if (!haveJc) console.log('jc not found: install it with apt-get install jc to compare.');

const reports = join(import.meta.dirname, '../../reports');
mkdirSync(reports, { recursive: true });
writeFileSync(join(reports, 'bench-sockets.json'), `${JSON.stringify({ targetMs: TARGET_MS, node: process.version, results }, null, 2)}\n`);
