// `npm run bench`: runs every benchmark in scripts/bench/ under the project's Node and leaves
// their numbers in reports/bench-*.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const dir = 'scripts/bench';
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
if (files.length === 0) {
  console.error('No benchmarks found in scripts/bench/.');
  process.exit(1);
}
// The browser benchmark (simulator-perf.ts) measures the built site.
if (!existsSync('dist/index.html')) {
  console.log('No build in dist/: running astro build first.');
  if (spawnSync('astro', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync('node', [`${dir}/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
