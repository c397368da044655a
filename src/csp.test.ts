import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cspProblems, inlineScriptBodies, inlineScriptHashes, parsePolicy, sha256, verifyBuiltCsp } from './csp.mjs';

const RUN = "(() => { document.documentElement.dataset.theme = 'dark'; })();";
const OTHER = 'console.log(1);';
/** A built page with one policy (built the way Astro writes it) and the given body. */
const page = (policy: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"/><meta http-equiv="content-security-policy" content="${policy.replaceAll("'", '&#39;')}"></head><body>${body}</body></html>`;
const STRICT = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' '${sha256(RUN)}'; style-src 'self' 'unsafe-inline'`;

describe('sha256', () => {
  test('sha256(text) gives the CSP hash-source of the UTF-8 text (value from the CSP Level 3 spec example)', () => {
    // CSP Level 3 §2.3.1 example: 'sha256-...' for alert('Hello, world.');
    expect(sha256("alert('Hello, world.');")).toBe('sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=');
  });
});

describe('inlineScriptBodies', () => {
  test.each([
    // an is:inline script is copied as written, whitespace included
    ['<script is:inline>\n\tfoo();\n</script>', ['\n\tfoo();\n']],
    // other attributes around is:inline do not matter
    ['<script is:inline aria-hidden="true">a()</script>', ['a()']],
    // a processed (bundled) script is Astro's to hash
    ['<script>import x from "y";</script>', []],
    // an inline script with src is not inline
    ['<script is:inline src="/a.js"></script>', []],
    // define:vars differs per page, so it has no fixed hash
    ['<script is:inline define:vars={{ a }}>b(a)</script>', []],
    // several in one file
    ['<script is:inline>a()</script><p/><script is:inline>b()</script>', ['a()', 'b()']],
  ])('inlineScriptBodies(%j) finds %j', (source, bodies) => {
    expect(inlineScriptBodies(source)).toEqual(bodies);
  });
});

describe('inlineScriptHashes', () => {
  test("inlineScriptHashes(Starlight's package) includes the theme script Starlight inlines before first paint", () => {
    const starlight = new URL('../node_modules/@astrojs/starlight/', import.meta.url);
    const source = readFileSync(new URL('dist/components/ThemeProvider.astro', starlight), 'utf8');
    const [body] = inlineScriptBodies(source);
    expect(body).toContain('StarlightThemeProvider');
    expect(inlineScriptHashes([starlight])).toContain(sha256(body!));
  });
  test('inlineScriptHashes(folder without inline scripts) throws, naming the folder', () => {
    expect(() => inlineScriptHashes([new URL('./core/ports/', import.meta.url)])).toThrow(/no <script is:inline> found under .*core\/ports/);
  });
});

describe('parsePolicy', () => {
  test('parsePolicy(policy) maps directive names (lower-cased) to their sources, the first occurrence winning', () => {
    const p = parsePolicy("Script-Src 'self' 'sha256-x';img-src 'self' data: ; script-src *");
    expect(p.get('script-src')).toEqual(["'self'", "'sha256-x'"]);
    expect(p.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('cspProblems', () => {
  test('cspProblems(page) is empty when every inline script is hashed and external or data scripts are left alone', () => {
    const body = `<script>${RUN}</script><script type="module" src="/_astro/a.js"></script><script type="application/json">{"a":1}</script>`;
    expect(cspProblems(page(STRICT, body))).toEqual([]);
  });
  test.each([
    ['no policy at all', '<!DOCTYPE html><html><head></head><body></body></html>', /expected one Content-Security-Policy meta element, found 0/],
    ['an inline script the policy does not list', page(STRICT, `<script>${OTHER}</script>`), /inline script without a hash in the policy: "console.log\(1\);"/],
    ['a module script counts too', page(STRICT, `<script type="module">${OTHER}</script>`), /inline script without a hash/],
    ['the same script with different whitespace is a different script', page(STRICT, `<script>${RUN} </script>`), /inline script without a hash/],
    ["'unsafe-inline' for scripts", page("script-src 'self' 'unsafe-inline'", ''), /script-src allows 'unsafe-inline'/],
    ["'unsafe-eval' for scripts", page("script-src 'self' 'unsafe-eval'", ''), /script-src allows 'unsafe-eval'/],
    ['a third-party host, in any directive', page(`${STRICT}; img-src 'self' https://cdn.example.com`, ''), /img-src names an origin other than 'self': https:\/\/cdn.example.com/],
    ['a wildcard is a host source too', page("script-src 'self' *", ''), /script-src names an origin other than 'self': \*/],
    ['a policy that does not cover scripts', page("img-src 'self'", ''), /restricts no scripts/],
    ['an inline event handler', page(STRICT, '<button onclick="go()">Go</button>'), /inline event handler/],
  ])('cspProblems(page) reports %s', (_case, html, problem) => {
    expect(cspProblems(html).join('\n')).toMatch(problem);
  });
});

describe('verifyBuiltCsp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test('verifyBuiltCsp(dir) names the page of each problem and passes clean pages', () => {
    mkdirSync(join(dir, 'course', 'ports'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), page(STRICT, `<script>${RUN}</script>`));
    writeFileSync(join(dir, 'course', 'ports', 'index.html'), page(STRICT, `<script>${OTHER}</script>`));
    expect(verifyBuiltCsp(dir)).toEqual([`${join('course', 'ports', 'index.html')}: inline script without a hash in the policy: "console.log(1);"`]);
  });
  test('verifyBuiltCsp(empty dir) reports that there is nothing to check', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(verifyBuiltCsp(empty)).toEqual([expect.stringMatching(/no HTML pages/)]);
  });
});
