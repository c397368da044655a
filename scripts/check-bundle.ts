/**
 * JavaScript budget on the built site (dist/). For every page it lists the JavaScript the page
 * loads at start (external scripts with their static imports, and inline scripts) and the
 * JavaScript each island loads when it hydrates (component + renderer + their static imports),
 * all measured gzipped. It fails when:
 *   - a page with no island loads any script that is not part of the Starlight shell
 *     (theme, search, table of contents, code-block copy buttons), or
 *   - a widget's island exceeds its budget (ISLAND_BUDGET_GZIP unless listed in ISLAND_BUDGETS).
 * Writes reports/bundle.json and prints a table.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.env.PORTLAB_DIST ?? 'dist';
/** Starting budget per widget island (issue #2): 60 KB gzip. */
export const ISLAND_BUDGET_GZIP = 60 * 1024;
/** Per-widget overrides, by component file stem. */
const ISLAND_BUDGETS: Record<string, number> = {};
/** Scripts the Starlight shell ships on every page: file-name prefixes under /_astro/. */
const SHELL_PREFIXES = ['page.', 'Search.astro', 'MobileTableOfContents.astro', 'TableOfContents.astro', 'starlight-toc.', 'ec.'];
/** The shell's own start-up JavaScript may not grow past this without someone noticing. */
const SHELL_BUDGET_GZIP = 20 * 1024;

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
const fileCache = new Map<string, string>();
const read = (urlPath: string) => {
  if (!fileCache.has(urlPath)) fileCache.set(urlPath, readFileSync(join(DIST, urlPath), 'utf8'));
  return fileCache.get(urlPath)!;
};

/** A JS file and everything it imports statically, as URL paths. */
function closure(urlPath: string, seen = new Set<string>()): Set<string> {
  if (seen.has(urlPath) || !existsSync(join(DIST, urlPath))) return seen;
  seen.add(urlPath);
  const code = read(urlPath);
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.') || spec.startsWith('/')) closure(spec.startsWith('/') ? spec : posix.join(posix.dirname(urlPath), spec), seen);
  }
  return seen;
}

const htmlFiles: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.html')) htmlFiles.push(full);
  }
};
walk(DIST);

interface PageReport {
  page: string;
  islands: { component: string; files: string[]; gzip: number; budget: number }[];
  startup: { shell: number; own: number; inline: number; ownFiles: string[] };
}
const reports: PageReport[] = [];
const failures: string[] = [];
let shellMax = 0;

for (const file of htmlFiles.sort()) {
  const html = readFileSync(file, 'utf8');
  const page = '/' + relative(DIST, file).split(sep).join('/').replace(/index\.html$/, '');
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]!);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((s) => s.trim());
  const startFiles = new Set<string>();
  for (const s of srcs) for (const f of closure(s)) startFiles.add(f);
  const isShell = (f: string) => SHELL_PREFIXES.some((p) => posix.basename(f).startsWith(p));
  const shellFiles = [...startFiles].filter(isShell);
  const ownFiles = [...startFiles].filter((f) => !isShell(f));
  const islands = [...html.matchAll(/<astro-island\b[^>]*\bcomponent-url="([^"]+)"[^>]*\brenderer-url="([^"]+)"/g)].map((m) => {
    const files = new Set([...closure(m[1]!), ...closure(m[2]!)]);
    const stem = posix.basename(m[1]!).split('.')[0]!;
    const size = [...files].reduce((n, f) => n + gz(read(f)), 0);
    return { component: stem, files: [...files], gzip: size, budget: ISLAND_BUDGETS[stem] ?? ISLAND_BUDGET_GZIP };
  });
  const report: PageReport = {
    page,
    islands,
    startup: {
      shell: shellFiles.reduce((n, f) => n + gz(read(f)), 0),
      own: ownFiles.reduce((n, f) => n + gz(read(f)), 0),
      inline: inline.reduce((n, s) => n + gz(s), 0),
      ownFiles,
    },
  };
  shellMax = Math.max(shellMax, report.startup.shell);
  reports.push(report);
  if (islands.length === 0 && ownFiles.length > 0) failures.push(`${page} has no widget but loads ${ownFiles.join(', ')}`);
  for (const i of islands) if (i.gzip > i.budget) failures.push(`${page}: island ${i.component} is ${i.gzip} B gzip, budget ${i.budget} B`);
}
if (shellMax > SHELL_BUDGET_GZIP) failures.push(`the Starlight shell loads ${shellMax} B gzip at start, budget ${SHELL_BUDGET_GZIP} B`);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('JavaScript per page (gzip): shell = Starlight theme/search/TOC/code copy; own = page scripts; islands = loaded on hydration');
console.log(['page'.padEnd(40), 'shell'.padStart(9), 'inline'.padStart(9), 'own'.padStart(9), '  islands'].join(''));
for (const r of reports) {
  const isl = r.islands.map((i) => `${i.component} ${kb(i.gzip)}`).join(', ') || '—';
  console.log([r.page.padEnd(40), kb(r.startup.shell).padStart(9), kb(r.startup.inline).padStart(9), kb(r.startup.own).padStart(9), '  ' + isl].join(''));
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bundle.json', JSON.stringify({ islandBudget: ISLAND_BUDGET_GZIP, shellBudget: SHELL_BUDGET_GZIP, pages: reports }, null, 2));
if (failures.length) {
  console.error(`\nBudget check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nBudget check passed: ${reports.length} pages; islands within their budgets; pages without widgets load only the shell.`);
