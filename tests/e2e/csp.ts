/**
 * Content-Security-Policy (issue 8): every page carries a policy that allows no third-party origin
 * and no 'unsafe-inline' script, and nothing the site does (load, hydrate, search, use a widget)
 * runs into it. The build itself already fails on an inline script without a hash
 * (src/csp.mjs, cspGuard); this checks what the browser makes of the result.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { builtPages, hydrateAll, openPage, watchRequests } from './site.ts';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}
declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/** Source keywords a script-src may hold besides hashes; anything unquoted is a host or scheme. */
const SCRIPT_KEYWORDS = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", "'strict-dynamic'"]);

/** Records CSP violations (the DOM event, from before the first script runs) and console reports of them. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) messages.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content.Security.Policy|unsafe-eval|unsafe-inline/i.test(e.message)) messages.push(`page error: ${e.message}`);
  });
  return {
    async all(): Promise<string[]> {
      const events = await page.evaluate(() => window.__cspViolations ?? []);
      return [...events.map((v) => `${v.directive} blocked ${v.blocked || 'inline'} at ${v.source} ${v.sample}`), ...messages];
    },
  };
}

/** The policy the page runs under: its meta element(s) and the response header, if any. */
async function policiesOf(page: Page, header: string | undefined): Promise<string[]> {
  const metas = await page.locator('meta[http-equiv="content-security-policy" i]').evaluateAll((els) => els.map((e) => e.getAttribute('content') ?? ''));
  return [...metas, ...(header ? [header] : [])];
}

/** Directive name → sources, first occurrence winning (CSP Level 3 §2.2.1). */
function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** What is wrong with a policy: a script source other than 'self' and hashes, or a host anywhere. */
function policyProblems(policy: string): string[] {
  const p = parsePolicy(policy);
  const problems: string[] = [];
  const script = p.get('script-src') ?? p.get('default-src');
  if (!script) problems.push('no script-src (or default-src)');
  for (const [name, sources] of p) {
    for (const s of sources) {
      const quoted = s.startsWith("'");
      if (name.startsWith('script-src') && !(quoted && (SCRIPT_KEYWORDS.has(s) || /^'sha(256|384|512)-/.test(s)))) problems.push(`${name} allows ${s}`);
      else if (!quoted && s !== 'data:' && s !== 'blob:') problems.push(`${name} names another origin: ${s}`);
    }
  }
  return problems;
}

/**
 * Uses every island a little, the way a visitor would: picks the second entry of each list
 * (a sample packet, a scenario), types into the first text field, and steps a simulation forward.
 * Generic on purpose, so tool pages added later are exercised too.
 */
async function operateWidgets(page: Page): Promise<number> {
  let actions = 0;
  const islands = page.locator('astro-island:not(astro-island astro-island)');
  for (let i = 0; i < (await islands.count()); i++) {
    const island = islands.nth(i);
    const selects = island.locator('select').filter({ visible: true });
    for (let s = 0; s < Math.min(2, await selects.count()); s++) {
      const select = selects.nth(s);
      if ((await select.locator('option').count()) > 1 && (await select.isEnabled())) {
        await select.selectOption({ index: 1 });
        actions++;
      }
    }
    const field: Locator = island.locator('textarea, input[type="text"], input[type="search"], input:not([type])').filter({ visible: true }).first();
    if ((await field.count()) > 0 && (await field.isEditable())) {
      await field.fill('443');
      actions++;
    }
    const next = island.getByRole('button', { name: /^(Next|Step)\b/ }).filter({ visible: true }).first();
    for (let k = 0; k < 2 && (await next.count()) > 0 && (await next.isEnabled()); k++) {
      await next.click();
      actions++;
    }
  }
  // Workers answer asynchronously; let their replies (and any fetch they cause) land.
  await page.waitForLoadState('networkidle');
  return actions;
}

const pages = builtPages();

test('the build produced pages to check for a Content-Security-Policy', () => {
  expect(pages.length).toBeGreaterThanOrEqual(4);
});

for (const path of pages) {
  test(`${path} runs under a strict Content-Security-Policy, breaks none of it and requests nothing beyond this site`, async ({ page, baseURL }) => {
    const requests = watchRequests(page, baseURL!);
    const csp = await watchCsp(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const policies = await policiesOf(page, response?.headers()['content-security-policy']);
    expect(policies.length, 'a Content-Security-Policy (meta or header)').toBeGreaterThan(0);
    for (const policy of policies) expect(policyProblems(policy), policy).toEqual([]);

    await hydrateAll(page);
    if (path.startsWith('/tools/')) expect(await operateWidgets(page), 'widget actions performed').toBeGreaterThan(0);
    expect(await csp.all()).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(requests.foreign(), 'requests that left this site').toEqual([]);
    expect(requests.count()).toBeGreaterThan(0);
  });
}

test('search (Pagefind, WebAssembly) works under the policy', async ({ page }) => {
  const csp = await watchCsp(page);
  await openPage(page, '/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.pagefind-ui__search-input').fill('ephemeral');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
  expect(await csp.all()).toEqual([]);
});

test('the policy is enforced: an injected inline script and an inline event handler are refused', async ({ page }) => {
  const csp = await watchCsp(page);
  await openPage(page, '/course/ports/');
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean; __handler?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    const b = document.createElement('button');
    b.setAttribute('onclick', 'window.__handler = true;');
    document.body.append(b);
    b.click();
    b.remove();
    await new Promise((r) => setTimeout(r, 50)); // violation events are queued as tasks
    return { script: w.__injected === true, handler: w.__handler === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
  const seen = await csp.all();
  expect(seen.filter((v) => /^script-src-elem blocked inline/.test(v)), seen.join('\n')).not.toEqual([]);
  expect(seen.filter((v) => /^script-src-attr blocked inline/.test(v)), seen.join('\n')).not.toEqual([]);
});
