/**
 * Browser benchmark of the TCP simulator's presenter view (issue #4 quality bar: 60 frames per
 * second while animating at 1920×1080 and 3840×2160, no long task over 50 ms while stepping).
 *
 * Expects a built site in dist/ (run `npx astro build` first); starts `astro preview` itself,
 * opens /present/<preset>/ in headless Chromium (the same browser and flags as the e2e tests),
 * then for each screen size:
 *   - play: presses P and records requestAnimationFrame deltas for PLAY_MS (segments tweening
 *     across the ladder, with dwell pauses on each step, as in a lecture);
 *   - step: presses PageDown STEP_COUNT times, STEP_GAP_MS apart, and records long tasks
 *     (PerformanceObserver 'longtask', the browser's own > 50 ms definition) and frame deltas.
 * Prints a table and writes reports/bench-simulator.json. Run: npx node scripts/bench/simulator-perf.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config.ts';

/** Port for this benchmark's preview server (apart from the e2e port 4329). */
const PORT = Number(process.env.PORTLAB_BENCH_PORT ?? 4339);
/** The busiest preset: 16 steps, four segments in flight at once, a retransmission. */
const PRESET = process.env.PORTLAB_BENCH_PRESET ?? 'lost-data';
const SCREENS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '3840x2160', width: 3840, height: 2160 },
];
/** Long enough to cover several tweens and dwells at 1×. */
const PLAY_MS = 6000;
/** Steps pressed in the stepping phase, and the gap between presses (a brisk presenter). */
const STEP_COUNT = 15;
const STEP_GAP_MS = 250;
/** The browser's own long-task threshold (Long Tasks API). */
const LONG_TASK_MS = 50;
/** 60 fps frame budget. */
const FRAME_MS = 1000 / 60;

interface PhaseResult {
  frames: number;
  durationMs: number;
  fps: number;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames that took longer than two 60 fps frames (a visibly dropped frame). */
  slowFrames: number;
  longTasks: number;
  maxLongTaskMs: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function startPreview(): Promise<ChildProcess> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx astro build` first');
  // --ignore-lock: another preview server (the e2e run, a colleague's) may already be running.
  const child = spawn('node_modules/.bin/astro', ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('astro preview did not start');
}

/** Starts recording frames and long tasks in the page; `stop()` returns the numbers. */
async function record(page: Page, run: () => Promise<void>): Promise<PhaseResult> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; long: number[]; on: boolean } };
    w.__bench = { frames: [], long: [], on: true };
    let last = performance.now();
    const loop = (now: number) => {
      if (!w.__bench.on) return;
      w.__bench.frames.push(now - last);
      last = now;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(loop);
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await run();
  const durationMs = Date.now() - started;
  const { frames, long } = await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; long: number[]; on: boolean } };
    w.__bench.on = false;
    return w.__bench;
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((a, b) => a + b, 0);
  return {
    frames: frames.length,
    durationMs,
    fps: total > 0 ? Math.round((frames.length / total) * 1000 * 10) / 10 : 0,
    p50FrameMs: Math.round(quantile(sorted, 0.5) * 10) / 10,
    p95FrameMs: Math.round(quantile(sorted, 0.95) * 10) / 10,
    maxFrameMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
    slowFrames: frames.filter((f) => f > 2 * FRAME_MS).length,
    longTasks: long.length,
    maxLongTaskMs: Math.round(Math.max(0, ...long)),
  };
}

const preview = await startPreview();
const launch = config.use?.launchOptions ?? {};
const browser = await chromium.launch({ ...launch, headless: true });
const results: Record<string, { play: PhaseResult; step: PhaseResult }> = {};
try {
  for (const s of SCREENS) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${PORT}/present/${PRESET}/`);
    await page.locator('astro-island[ssr]').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    const play = await record(page, async () => {
      await page.keyboard.press('p');
      await page.waitForTimeout(PLAY_MS);
      await page.keyboard.press('p');
    });
    await page.keyboard.press('Home');
    await page.waitForTimeout(300);
    const step = await record(page, async () => {
      for (let i = 0; i < STEP_COUNT; i++) {
        await page.keyboard.press('PageDown');
        await page.waitForTimeout(STEP_GAP_MS);
      }
      await page.waitForTimeout(800); // let the last tween finish
    });
    results[s.name] = { play, step };
    await page.close();
  }
} finally {
  await browser.close();
  preview.kill();
}

const rows = Object.entries(results).flatMap(([screen, r]) => [
  [screen, 'play', r.play],
  [screen, 'step', r.step],
] as const);
console.log(`Presenter view /present/${PRESET}/ in headless Chromium (frame budget ${FRAME_MS.toFixed(1)} ms, long task > ${LONG_TASK_MS} ms)`);
console.log(['screen'.padEnd(11), 'phase'.padEnd(6), 'fps'.padStart(6), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), 'slow'.padStart(6), 'long tasks'.padStart(11), 'max long'.padStart(9)].join(''));
for (const [screen, phase, r] of rows) {
  console.log([screen.padEnd(11), phase.padEnd(6), String(r.fps).padStart(6), String(r.p50FrameMs).padStart(8), String(r.p95FrameMs).padStart(8), String(r.maxFrameMs).padStart(8), String(r.slowFrames).padStart(6), String(r.longTasks).padStart(11), String(r.maxLongTaskMs).padStart(9)].join(''));
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench-simulator.json', JSON.stringify({ preset: PRESET, playMs: PLAY_MS, steps: STEP_COUNT, stepGapMs: STEP_GAP_MS, results }, null, 2));
