/**
 * Content-Security-Policy helpers (issue 8): reading a page's policy, judging it (no third-party
 * origin, no 'unsafe-inline' script) and recording what the browser refused under it. Used by
 * every-page.spec.ts (each page, loaded, hydrated and used) and csp.spec.ts (search, enforcement).
 * The build itself already fails on an inline script without a hash (src/csp.mjs, cspGuard).
 */
import type { Locator, Page } from '@playwright/test';

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
export async function watchCsp(page: Page) {
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
export async function policiesOf(page: Page, header: string | undefined): Promise<string[]> {
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
export function policyProblems(policy: string): string[] {
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
export async function operateWidgets(page: Page): Promise<number> {
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
