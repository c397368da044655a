/**
 * Benchmark of the TCP simulation core (issue #3): how long runScenario takes for the handshake
 * preset, for a 1 MiB transfer at 1 % loss, and how time grows with transfer size.
 *
 *   npx node scripts/bench/sim.ts
 *
 * Prints a table and writes the same numbers to reports/bench-sim.json. Targets from the issue:
 * handshake well under 1 ms; 1 MiB at 1 % loss under 50 ms.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { getPreset, runScenario } from '../../src/core/sim/index.ts';
import type { Scenario, Trace } from '../../src/core/sim/index.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
/** Runs of the handshake preset to average over (it takes microseconds). */
const HANDSHAKE_RUNS = 5000;
/** Runs of each transfer to average over. */
const TRANSFER_RUNS = 30;
/** Warm-up runs so the JIT has compiled the hot paths before timing. */
const WARMUP_RUNS = 3;
const TARGET_HANDSHAKE_MS = 1;
const TARGET_1MIB_LOSSY_MS = 50;

function transfer(bytes: number, loss: number): Scenario {
  return {
    name: `transfer ${bytes} bytes, loss ${loss}`,
    seed: 42,
    a: {},
    b: {},
    link: { delay: 50, loss },
    steps: [
      { at: 0, on: 'b', do: 'listen' },
      { at: 0, on: 'a', do: 'connect' },
      { at: 200, on: 'a', do: 'send', bytes },
      { at: 200, on: 'a', do: 'close' },
    ],
  };
}

interface Timing {
  meanMs: number;
  medianMs: number;
  events: number;
  /** Events produced per second of CPU time, from the mean. */
  eventsPerSecond: number;
  endReason: string;
}

function time(scenario: unknown, runs: number): Timing {
  let trace: Trace = runScenario(scenario);
  for (let i = 0; i < WARMUP_RUNS; i += 1) trace = runScenario(scenario);
  const durations: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    trace = runScenario(scenario);
    durations.push(performance.now() - start);
  }
  const meanMs = durations.reduce((x, y) => x + y, 0) / runs;
  durations.sort((x, y) => x - y);
  const medianMs = durations[Math.floor(runs / 2)] ?? meanMs;
  const end = trace.events.at(-1);
  return {
    meanMs,
    medianMs,
    events: trace.events.length,
    eventsPerSecond: trace.events.length / (meanMs / 1000),
    endReason: end?.type === 'end' ? end.reason : 'missing',
  };
}

const handshakePreset = getPreset('handshake');
if (handshakePreset === undefined) throw new Error('handshake preset missing');
const handshake = time(handshakePreset.scenario, HANDSHAKE_RUNS);
const lossy = time(transfer(MIB, 0.01), TRANSFER_RUNS);

const sizes = [64 * KIB, 256 * KIB, MIB, 4 * MIB];
const growth = sizes.map((bytes) => ({ bytes, ...time(transfer(bytes, 0), TRANSFER_RUNS) }));
const growthLossy = sizes.map((bytes) => ({ bytes, ...time(transfer(bytes, 0.01), TRANSFER_RUNS) }));

const fmt = (n: number, digits = 3): string => n.toFixed(digits);
const label = (bytes: number): string => (bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / KIB} KiB`);

const row = (name: string, x: Timing, target?: number): string =>
  `${name.padEnd(22)} ${fmt(x.meanMs, 3).padStart(9)} ${fmt(x.medianMs, 3).padStart(9)} ${String(x.events).padStart(8)} ${fmt(x.eventsPerSecond / 1e6, 2).padStart(7)} M ${x.endReason.padEnd(6)}` +
  (target === undefined ? '' : `  < ${target} ms: ${x.meanMs < target ? 'ok' : 'MISSED'}`);

console.log('TCP simulation benchmark (scripts/bench/sim.ts), times per runScenario call\n');
console.log(`${'case'.padEnd(22)} ${'mean ms'.padStart(9)} ${'median'.padStart(9)} ${'events'.padStart(8)} ${'events/s'.padStart(9)} end`);
console.log(row('handshake preset', handshake, TARGET_HANDSHAKE_MS));
console.log(row('1 MiB at 1 % loss', lossy, TARGET_1MIB_LOSSY_MS));
console.log('\nhow time grows with transfer size (then close; 50 ms delay):');
for (const g of growth) console.log(row(`${label(g.bytes)}, no loss`, g));
for (const g of growthLossy) console.log(row(`${label(g.bytes)}, 1 % loss`, g));

const report = {
  node: process.version,
  handshake: { runs: HANDSHAKE_RUNS, targetMs: TARGET_HANDSHAKE_MS, ...handshake },
  transfer1MiBLoss1pc: { runs: TRANSFER_RUNS, targetMs: TARGET_1MIB_LOSSY_MS, ...lossy },
  growth: growth.map((g, i) => ({ bytes: g.bytes, noLoss: g, loss1pc: growthLossy[i] })),
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'reports', 'bench-sim.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${out}`);
// A missed target fails `npm run bench`; both targets have a wide margin, so this means a regression.
if (handshake.meanMs >= TARGET_HANDSHAKE_MS || lossy.meanMs >= TARGET_1MIB_LOSSY_MS) process.exitCode = 1;
