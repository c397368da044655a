/**
 * The robustness gate (issue #8): runs every parser and validator that takes user input — hex
 * pastes, capture files, packets, socket tables, port queries, scenarios and scenarios read from
 * links — over generated and mutated inputs, and fails on any exception, any broken documented
 * invariant, or any single call that takes longer than CALL_LIMIT_MS.
 *
 *   npx node scripts/fuzz.ts                      # the gate (fixed seed)
 *   npx node scripts/fuzz.ts --seed 7 --scale 3   # another seed, three times the inputs
 *   npx node scripts/fuzz.ts --only sim.scenario --index 123 --seed 7   # replay one input
 *   npx node scripts/fuzz.ts --list               # the targets
 *
 * Inputs are deterministic: input i of target T is a function of (seed, T, i) alone. The calls run
 * in a worker thread so the main thread can stop a call that never returns (a hang) and still
 * write its reproducer. On failure: exit 1, and reports/fuzz-failure-<target>.bin (the input as a
 * file) and .txt (what failed, the seed, the index and the command that replays it).
 * The targets are listed in scripts/fuzz/targets.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { hashString, Rng } from './fuzz/gen.ts';
import { coreTargets, InvariantError, simulationTargets, slowest, widgetUrlTargets, type Target } from './fuzz/targets.ts';

/** The issue's bound on one call. */
const CALL_LIMIT_MS = 1000;
/**
 * A call over the limit is timed twice more and fails only if every run is over: a slow input, not
 * a pause (GC, another process). When it is still over, its own thread's CPU time decides: the core
 * is pure computation, so on an idle machine (CI) CPU time and wall time agree and the limit is the
 * issue's; on a machine shared with other work, wall time beyond CPU time is time the scheduler
 * gave to others, and such a call is reported as a warning, not a failure.
 */
const RETIMES = 2;
/** No call has finished for this long: a hang (an endless loop), stopped from the main thread. */
const HANG_MS = 30_000;
/** Default seed, fixed so CI runs the same inputs every time; pass --seed to explore. */
const DEFAULT_SEED = 20_260_308;
const REPORTS = new URL('../reports/', import.meta.url).pathname;

interface Options {
  seed: number;
  scale: number;
  only: string[] | undefined;
  index: number | undefined;
  list: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { seed: DEFAULT_SEED, scale: 1, only: undefined, index: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') o.seed = Number(value()) >>> 0;
    else if (a === '--scale') o.scale = Number(value());
    else if (a === '--only') o.only = value().split(',');
    else if (a === '--index') o.index = Number(value());
    else if (a === '--list') o.list = true;
    else throw new Error(`unknown argument ${a} (use --seed N, --scale X, --only a,b, --index N, --list)`);
  }
  if (!(o.scale > 0)) throw new Error('--scale must be above 0');
  return o;
}

async function allTargets(o: Options): Promise<{ targets: Target[]; missing: string[] }> {
  const sims = await simulationTargets();
  const every = [...coreTargets(o.seed), ...sims.targets, ...(await widgetUrlTargets())];
  if (o.only) {
    const unknown = o.only.filter((n) => !every.some((t) => t.name === n));
    if (unknown.length) throw new Error(`no target ${unknown.join(', ')} (targets: ${every.map((t) => t.name).join(', ')})`);
  }
  return { targets: every.filter((t) => !o.only || o.only.includes(t.name)), missing: sims.missing };
}

function countFor(t: Target, o: Options): number {
  return Math.max(1, Math.round(t.count * o.scale));
}

function inputOf(t: Target, seed: number, index: number): unknown {
  return t.generate(new Rng(seed, hashString(t.name), index), index);
}

function replayCommand(t: Target, seed: number, index: number): string {
  return `npx node scripts/fuzz.ts --seed ${seed} --only ${t.name} --index ${index}`;
}

function reproducerBase(t: Target): string {
  return `${REPORTS}fuzz-failure-${t.name}`;
}

/** Writes reports/fuzz-failure-<target>.bin and .txt; returns the .txt path. */
function writeReproducer(t: Target, seed: number, index: number, input: unknown, kind: string, detail: string): string {
  mkdirSync(REPORTS, { recursive: true });
  const base = reproducerBase(t);
  const file = t.toFile(input);
  writeFileSync(`${base}.bin`, file);
  const preview = new TextDecoder().decode(file.subarray(0, 2000));
  writeFileSync(
    `${base}.txt`,
    [
      `target: ${t.name} (${t.calls})`,
      `seed: ${seed}`,
      `index: ${index}`,
      `failure: ${kind}`,
      '',
      detail,
      '',
      `replay: ${replayCommand(t, seed, index)}`,
      `input: ${base}.bin (${file.length} bytes); first 2000 bytes as text:`,
      JSON.stringify(preview),
      '',
    ].join('\n'),
  );
  return `${base}.txt`;
}

function describeError(e: unknown): { kind: string; detail: string } {
  if (e instanceof InvariantError) return { kind: 'broken invariant', detail: e.stack ?? e.message };
  if (e instanceof Error) return { kind: `exception (${e.name})`, detail: e.stack ?? e.message };
  return { kind: 'exception (non-Error value thrown)', detail: String(e) };
}

// ---------------------------------------------------------------------------------------------
// Worker: generates and runs the inputs.

type ToMain =
  | { type: 'plan'; targets: { name: string; calls: string; count: number }[]; missing: string[] }
  | { type: 'target'; name: string; inputs: number; ms: number; slowestMs: number; slowestIndex: number; slowestWhat: string; retimed: number; busy: string[] }
  | { type: 'failure'; name: string; index: number; kind: string; detail: string; file: string }
  | { type: 'done' };

interface WorkerInput {
  options: Options;
  /** [target index, input index, calls finished] shared with the main thread's watchdog. */
  progress: SharedArrayBuffer;
}

/** Runs one input; returns its slowest single call (the limit is per call), that call's CPU time, and which call it was. */
function runTimed(t: Target, input: unknown): { ms: number; cpuMs: number; what: string } {
  slowest.ms = 0;
  slowest.cpuMs = 0;
  slowest.what = '';
  t.run(input);
  return { ...slowest };
}

async function work(w: WorkerInput): Promise<void> {
  const post = (m: ToMain) => parentPort!.postMessage(m);
  const progress = new Int32Array(w.progress);
  const { targets, missing } = await allTargets(w.options);
  post({ type: 'plan', targets: targets.map((t) => ({ name: t.name, calls: t.calls, count: countFor(t, w.options) })), missing });
  const seed = w.options.seed;
  for (let ti = 0; ti < targets.length; ti++) {
    const t = targets[ti]!;
    const n = countFor(t, w.options);
    const targetStart = performance.now();
    const busy: string[] = [];
    let slowestMs = 0;
    let slowestIndex = 0;
    let slowestWhat = '';
    let retimed = 0;
    Atomics.store(progress, 0, ti);
    for (let i = 0; i < n; i++) {
      Atomics.store(progress, 1, i);
      const input = inputOf(t, seed, i);
      let ms = 0;
      let cpuMs = 0;
      let what = '';
      try {
        ({ ms, cpuMs, what } = runTimed(t, input));
        if (ms > CALL_LIMIT_MS) {
          retimed++;
          for (let r = 0; r < RETIMES && ms > CALL_LIMIT_MS; r++) ({ ms, cpuMs, what } = runTimed(t, input));
        }
      } catch (e) {
        const { kind, detail } = describeError(e);
        post({ type: 'failure', name: t.name, index: i, kind, detail, file: writeReproducer(t, seed, i, input, kind, detail) });
        return;
      }
      Atomics.add(progress, 2, 1);
      if (ms > slowestMs) {
        slowestMs = ms;
        slowestIndex = i;
        slowestWhat = what;
      }
      if (ms > CALL_LIMIT_MS && cpuMs <= CALL_LIMIT_MS) {
        busy.push(`${t.name} input ${i}: ${what} took ${ms.toFixed(0)} ms but ${cpuMs.toFixed(0)} ms of CPU time`);
      } else if (ms > CALL_LIMIT_MS) {
        const detail = `${what} took ${ms.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms of CPU time (limit ${CALL_LIMIT_MS} ms per call; the input was run ${RETIMES + 1} times and this call was over the limit every time)`;
        post({ type: 'failure', name: t.name, index: i, kind: 'too slow', detail, file: writeReproducer(t, seed, i, input, 'too slow', detail) });
        return;
      }
    }
    // A reproducer left by an earlier failing run of this target no longer describes the code.
    for (const ext of ['.bin', '.txt']) rmSync(reproducerBase(t) + ext, { force: true });
    post({ type: 'target', name: t.name, inputs: n, ms: performance.now() - targetStart, slowestMs, slowestIndex, slowestWhat, retimed, busy });
  }
  post({ type: 'done' });
}

// ---------------------------------------------------------------------------------------------
// Main thread: starts the worker, watches for hangs and crashes, prints the report.

async function replayOne(o: Options): Promise<number> {
  const { targets } = await allTargets(o);
  if (targets.length !== 1 || o.index === undefined) throw new Error('--index needs exactly one --only target');
  const t = targets[0]!;
  const input = inputOf(t, o.seed, o.index);
  console.log(`replaying ${t.name} input ${o.index} of seed ${o.seed} (${t.toFile(input).length} bytes as a file)`);
  let r: ReturnType<typeof runTimed>;
  try {
    r = runTimed(t, input);
  } catch (e) {
    console.error(e);
    return 1;
  }
  const over = r.ms > CALL_LIMIT_MS && r.cpuMs > CALL_LIMIT_MS;
  console.log(`${over ? 'too slow' : 'passed'}: slowest call ${r.what} took ${r.ms.toFixed(1)} ms (${r.cpuMs.toFixed(1)} ms of CPU time; limit ${CALL_LIMIT_MS} ms)`);
  return over ? 1 : 0;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  if (o.index !== undefined) return replayOne(o);
  if (o.list) {
    const { targets, missing } = await allTargets(o);
    for (const t of targets) console.log(`${t.name.padEnd(26)} ${String(countFor(t, o)).padStart(7)}  ${t.calls}`);
    for (const m of missing) console.log(`${`${m}.scenario`.padEnd(26)}       -  src/core/${m}/index.ts not built yet`);
    return 0;
  }
  console.log(`fuzz: seed ${o.seed}, scale ${o.scale} (replay with --seed ${o.seed}); limit ${CALL_LIMIT_MS} ms per call`);
  const started = performance.now();
  const progress = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const shared = new Int32Array(progress);
  const worker = new Worker(new URL(import.meta.url), { workerData: { options: o, progress } satisfies WorkerInput });
  let plan: Extract<ToMain, { type: 'plan' }> | undefined;
  const rows: Extract<ToMain, { type: 'target' }>[] = [];

  const failWith = async (kind: string, detail: string): Promise<void> => {
    // The worker cannot report (it hangs or died): regenerate the input here from (seed, target, index).
    const { targets } = await allTargets(o);
    const name = plan?.targets[Atomics.load(shared, 0)]?.name;
    const t = targets.find((x) => x.name === name);
    const index = Atomics.load(shared, 1);
    if (!t) {
      console.error(`\n✗ fuzz: ${kind} before the first target started: ${detail}`);
      return;
    }
    const file = writeReproducer(t, o.seed, index, inputOf(t, o.seed, index), kind, detail);
    console.error(`\n✗ fuzz: ${t.name} input ${index} (seed ${o.seed}): ${kind}\n${detail}\nreproducer: ${file}\nreplay: ${replayCommand(t, o.seed, index)}`);
  };

  const result = await new Promise<number>((resolve) => {
    let lastCalls = -1;
    let lastChange = performance.now();
    const watchdog = setInterval(() => {
      const calls = Atomics.load(shared, 2);
      if (calls !== lastCalls) {
        lastCalls = calls;
        lastChange = performance.now();
      } else if (plan && performance.now() - lastChange > HANG_MS) {
        clearInterval(watchdog);
        void worker.terminate().then(() => failWith('hang', `no call returned for ${HANG_MS / 1000} s: the call never finishes`).then(() => resolve(1)));
      }
    }, 500);
    worker.on('message', (m: ToMain) => {
      if (m.type === 'plan') {
        plan = m;
        const total = m.targets.reduce((n, t) => n + t.count, 0);
        console.log(`${m.targets.length} targets, ${total} inputs`);
        for (const name of m.missing) console.log(`  (src/core/${name} is not built yet: its scenarios are fuzzed once src/core/${name}/index.ts exists)`);
      } else if (m.type === 'target') {
        rows.push(m);
        console.log(
          `  ${m.name.padEnd(26)} ${String(m.inputs).padStart(7)} inputs ${(m.ms / 1000).toFixed(1).padStart(5)} s, slowest call ${m.slowestMs.toFixed(1).padStart(6)} ms (${m.slowestWhat}, input ${m.slowestIndex})${m.retimed ? `, ${m.retimed} re-timed` : ''}`,
        );
        for (const b of m.busy) console.log(`    warning: over ${CALL_LIMIT_MS} ms only while the machine was busy (load average ${loadavg()[0]!.toFixed(1)}): ${b}`);
      } else if (m.type === 'failure') {
        clearInterval(watchdog);
        console.error(`\n✗ fuzz: ${m.name} input ${m.index} (seed ${o.seed}): ${m.kind}\n${m.detail}\nreproducer: ${m.file}\nreplay: ${replayCommand({ name: m.name } as Target, o.seed, m.index)}`);
        void worker.terminate().then(() => resolve(1));
      } else {
        clearInterval(watchdog);
        void worker.terminate().then(() => resolve(0));
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      void failWith('crash', `the worker died: ${e.stack ?? e.message}`).then(() => resolve(1));
    });
    worker.on('exit', (code) => {
      // Exits after a report are expected (terminate); an exit before one is a harness error.
      clearInterval(watchdog);
      if (code !== 0 && code !== 1) resolve(2);
    });
  });

  const wall = (performance.now() - started) / 1000;
  const inputs = rows.reduce((n, r) => n + r.inputs, 0);
  const worst = rows.reduce<(typeof rows)[number] | undefined>((s, r) => (s === undefined || r.slowestMs > s.slowestMs ? r : s), undefined);
  console.log(
    `fuzz: ${inputs} inputs over ${rows.length} targets, ${result === 0 ? 'no failure' : 'FAILED'}; slowest call ${worst ? `${worst.slowestMs.toFixed(1)} ms (${worst.slowestWhat}, ${worst.name} input ${worst.slowestIndex})` : '-'}; wall time ${wall.toFixed(1)} s; seed ${o.seed}`,
  );
  return result;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
} else {
  work(workerData as WorkerInput).catch((e: unknown) => {
    // A failure of the harness itself (a generator bug), not of the code under test.
    console.error('fuzz harness error:', e);
    process.exit(2);
  });
}
