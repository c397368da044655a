// @ts-check
/**
 * Content-Security-Policy support for the build (issue 8).
 *
 * Astro's `security.csp` hashes the scripts Astro itself bundles or inlines, but not
 * `<script is:inline>` blocks: Starlight ships several (theme before first paint, the search
 * shortcut, the sidebar state, synced tabs) and the presenter page has one. Their text is fixed
 * in the `.astro` sources, so `inlineScriptHashes()` reads those sources when the config loads
 * and hashes every `is:inline` body; the hashes go to `scriptDirective.hashes`.
 *
 * That alone could drift (a Starlight update that renders a script differently, a new inline
 * script somewhere else), so `cspGuard()` checks the finished build: every page must carry a
 * policy, every inline script on it must match a hash in that policy, no page may use an inline
 * event handler, and no directive may name 'unsafe-inline' for scripts or any host. Any miss
 * fails `astro build`, naming the page and the script.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Script types a browser executes, so CSP governs them; JSON data blocks are never run. */
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
/** Source keywords allowed in script-src (CSP Level 3 §2.3.1); anything else is a host or scheme. */
const SCRIPT_KEYWORDS = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", "'strict-dynamic'"]);
/** Schemes that name no origin of their own, so they are not third parties (CSP Level 3 §2.3.1 scheme-source). */
const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

/** @param {string} text @returns {`sha256-${string}`} */
export function sha256(text) {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** @param {string} dir @param {(name: string) => boolean} want @returns {string[]} */
function filesUnder(dir, want) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && name !== '__tests__') out.push(...filesUnder(full, want));
    } else if (want(name)) out.push(full);
  }
  return out.sort();
}

/**
 * The bodies of every `<script is:inline>` in an `.astro` source, as Astro copies them into the
 * page (verbatim: is:inline scripts are not processed). Scripts with `src` or `define:vars` are
 * skipped: the first is not inline, the second differs per page (and the build check would say so).
 * @param {string} source
 */
export function inlineScriptBodies(source) {
  /** @type {string[]} */
  const out = [];
  for (const m of source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? '';
    if (/\bis:inline\b/.test(attrs) && !/\bsrc\s*=/.test(attrs) && !/\bdefine:vars\b/.test(attrs)) out.push(m[2] ?? '');
  }
  return out;
}

/**
 * SHA-256 hashes of every `is:inline` script in the `.astro` files under the given folders
 * (Starlight's package, the project's src/). Throws if a folder holds none, which means the
 * folder moved, not that Starlight stopped inlining scripts.
 * @param {Array<URL | string>} roots
 * @returns {Array<`sha256-${string}`>}
 */
export function inlineScriptHashes(roots) {
  /** @type {Set<`sha256-${string}`>} */
  const hashes = new Set();
  for (const root of roots) {
    const dir = typeof root === 'string' ? root : fileURLToPath(root);
    let found = 0;
    for (const file of filesUnder(dir, (n) => n.endsWith('.astro'))) {
      for (const body of inlineScriptBodies(readFileSync(file, 'utf8'))) {
        hashes.add(sha256(body));
        found++;
      }
    }
    if (found === 0) throw new Error(`csp: no <script is:inline> found under ${dir}; has the package moved?`);
  }
  return [...hashes];
}

/** @param {string} s */
const decodeEntities = (s) =>
  s.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** @param {string} attrs @param {string} name */
function attr(attrs, name) {
  const m = attrs.match(new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/**
 * A policy as a map from directive name to its source list (CSP Level 3 §2.2.1 parsing).
 * @param {string} policy
 * @returns {Map<string, string[]>}
 */
export function parsePolicy(policy) {
  /** @type {Map<string, string[]>} */
  const out = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/**
 * What is wrong with one built page's policy and inline scripts; empty when nothing is.
 * @param {string} html
 * @returns {string[]}
 */
export function cspProblems(html) {
  /** @type {string[]} */
  const problems = [];
  const metas = [...html.matchAll(/<meta\b([^>]*)>/gi)].filter((m) => attr(m[1] ?? '', 'http-equiv')?.toLowerCase() === 'content-security-policy');
  if (metas.length !== 1) return [`expected one Content-Security-Policy meta element, found ${metas.length}`];
  const policy = parsePolicy(attr(metas[0]?.[1] ?? '', 'content') ?? '');
  const scriptSources = policy.get('script-src-elem') ?? policy.get('script-src') ?? policy.get('default-src');
  if (!scriptSources) return ['the policy restricts no scripts (no script-src, script-src-elem or default-src)'];
  for (const [name, sources] of policy) {
    for (const s of sources) {
      const keyword = s.startsWith("'");
      if (!keyword && !LOCAL_SCHEMES.has(s.toLowerCase())) problems.push(`${name} names an origin other than 'self': ${s}`);
      if (name.startsWith('script-src') && keyword && !SCRIPT_KEYWORDS.has(s) && !/^'sha(256|384|512)-/.test(s)) problems.push(`${name} allows ${s}`);
    }
  }
  const allowed = new Set(scriptSources);
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    const type = (attr(attrs, 'type') ?? '').trim().toLowerCase();
    if (attr(attrs, 'src') !== undefined || !EXECUTABLE_TYPES.has(type)) continue;
    const body = m[2] ?? '';
    if (!allowed.has(`'${sha256(body)}'`)) problems.push(`inline script without a hash in the policy: ${JSON.stringify(body.trim().slice(0, 80))}`);
  }
  for (const m of html.matchAll(/<[a-z][a-z0-9-]*(?:\s[^>]*?)?\son[a-z]+\s*=/gi)) problems.push(`inline event handler (blocked by script-src): ${m[0].slice(0, 80)}`);
  return problems;
}

/**
 * Checks every HTML file of a finished build with `cspProblems`; one line per problem.
 * @param {string} dir
 */
export function verifyBuiltCsp(dir) {
  /** @type {string[]} */
  const out = [];
  const pages = filesUnder(dir, (n) => n.endsWith('.html'));
  if (pages.length === 0) return [`no HTML pages under ${dir}`];
  for (const file of pages) for (const p of cspProblems(readFileSync(file, 'utf8'))) out.push(`${relative(dir, file)}: ${p}`);
  return out;
}

/**
 * An Astro integration that fails the build when `verifyBuiltCsp` finds anything.
 * @returns {import('astro').AstroIntegration}
 */
export function cspGuard() {
  return {
    name: 'portlab-csp-guard',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const problems = verifyBuiltCsp(fileURLToPath(dir));
        if (problems.length > 0) throw new Error(`Content-Security-Policy check failed:\n  ${problems.join('\n  ')}`);
        logger.info('every page has a Content-Security-Policy and every inline script matches a hash in it');
      },
    },
  };
}
