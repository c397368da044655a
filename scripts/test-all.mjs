// The README's test command (`npm test`): every check, in order, fail-fast.
// Runs under the project's own Node (the `node` devDependency is first on PATH in npm scripts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Node ${process.versions.node} is too old; run through npm (npm test) so the project's Node 24 is used.`);
  process.exit(1);
}
mkdirSync('reports', { recursive: true });

const steps = [
  ['types: astro check', 'astro', ['check']],
  ['types: svelte-check', 'svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']],
  ['unit tests: vitest', 'vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']],
  ['robustness: fuzz every parser', 'node', ['scripts/fuzz.ts']],
  ['build: astro build', 'astro', ['build']],
  ['internal links', 'node', ['scripts/check-links.ts']],
  ['JavaScript budget', 'node', ['scripts/check-bundle.ts']],
  ['end-to-end: playwright', 'playwright', ['test']],
];

const started = Date.now();
for (const [label, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false, env: { ...process.env, FORCE_COLOR: '0' } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${r.status ?? r.signal}) after ${secs} s`);
    summary();
    process.exit(1);
  }
  console.log(`✓ ${label} (${secs} s)`);
}
summary();

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync('reports/vitest.json')) {
    const v = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
  }
  if (existsSync('reports/playwright.json')) {
    const s = JSON.parse(readFileSync('reports/playwright.json', 'utf8')).stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    skipped += s.skipped ?? 0;
    console.log(`playwright: ${s.expected ?? 0} passed, ${(s.unexpected ?? 0) + (s.flaky ?? 0)} failed`);
  }
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
