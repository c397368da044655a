/**
 * Every internal link in the built site resolves: href, src and srcset attributes of every HTML
 * page in dist/ that point at this site must name a file that exists (a directory needs an
 * index.html), and a #fragment must name an id on the target page. External links are listed,
 * not fetched (there is no network here, and pages must not load them anyway).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DIST = process.env.PORTLAB_DIST ?? 'dist';
const SITE = 'https://portlab.example'; // astro.config.mjs `site`: absolute links to it are internal

const pages: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.html')) pages.push(full);
  }
};
walk(DIST);

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!idsCache.has(file)) {
    const html = readFileSync(file, 'utf8');
    idsCache.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeHtml(m[1]!))));
  }
  return idsCache.get(file)!;
}
function decodeHtml(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
function target(pathname: string): string | undefined {
  const p = join(DIST, decodeURIComponent(pathname));
  if (existsSync(p) && statSync(p).isFile()) return p;
  if (existsSync(join(p, 'index.html'))) return join(p, 'index.html');
  if (existsSync(`${p}.html`)) return `${p}.html`;
  return undefined;
}

const broken: string[] = [];
const external = new Set<string>();
let checked = 0;
for (const file of pages) {
  const html = readFileSync(file, 'utf8');
  const pageUrl = new URL('/' + relative(DIST, file).split(sep).join('/').replace(/index\.html$/, ''), SITE);
  // Starlight's 404 page declares a canonical /404/ that static hosting never serves; skip it there.
  const linkable = relative(DIST, file) === '404.html' ? html.replace(/<link rel="canonical"[^>]*>/, '') : html;
  const refs = [
    ...[...linkable.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!),
    ...[...linkable.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((m) => m[1]!.split(',').map((part) => part.trim().split(/\s+/)[0]!)),
  ];
  for (const raw of refs) {
    const ref = decodeHtml(raw);
    if (!ref || /^(mailto|tel|data|javascript):/i.test(ref)) continue;
    const url = new URL(ref, pageUrl);
    if (url.origin !== SITE) {
      external.add(url.href);
      continue;
    }
    checked++;
    const file2 = target(url.pathname);
    if (!file2) {
      broken.push(`${relative(DIST, file)} → ${ref} (no such page or file)`);
      continue;
    }
    if (url.hash && file2.endsWith('.html')) {
      const id = decodeURIComponent(url.hash.slice(1));
      if (!idsOf(file2).has(id)) broken.push(`${relative(DIST, file)} → ${ref} (no element with id "${id}")`);
    }
  }
}
console.log(`Links: ${checked} internal links in ${pages.length} pages checked; ${external.size} external links not fetched.`);
if (broken.length) {
  console.error(`Broken internal links:\n- ${broken.join('\n- ')}`);
  process.exit(1);
}
