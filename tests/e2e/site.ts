/**
 * Page objects and helpers shared by every e2e test. Later widgets add their own page objects
 * next to this one and reuse `openPage`, `expectNoAxeViolations` and `watchRequests`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Request, type Response } from '@playwright/test';

export type Theme = 'light' | 'dark';
/** The built site under test: dist/, or PORTLAB_DIST (a build kept apart from a developer's own). */
const DIST = process.env.PORTLAB_DIST ? `${process.env.PORTLAB_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;

/** Every HTML page of the built site as a URL path ("/", "/course/ports/"). 404 excluded. */
export function builtPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html') out.push('/' + relative(DIST, dir).split(sep).filter(Boolean).map((s) => s + '/').join(''));
    }
  };
  walk(DIST);
  return out.sort();
}

/** Built pages that hold at least one widget (an astro-island): how many, and their component URLs. */
export function widgetPages(): { path: string; islands: number; components: string[] }[] {
  return builtPages()
    .map((path) => {
      const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
      const urls = [...html.matchAll(/<astro-island[^>]*component-url="([^"]+)"/g)].map((m) => m[1]!);
      return { path, islands: urls.length, components: [...new Set(urls)].sort() };
    })
    .filter((p) => p.islands > 0);
}

/**
 * The fewest pages that between them hold every kind of widget: for each island component, the
 * page with the fewest islands that holds it (a tool page before a lesson). Tests that use every
 * control of a widget run here; copies of a widget in lessons run the same code with fewer
 * controls (course.spec.ts operates each of those on every lesson).
 */
export function onePagePerWidget(): { path: string; islands: number; components: string[] }[] {
  const pages = widgetPages();
  const rank = (p: { path: string; islands: number }) => [p.islands, p.path.startsWith('/tools/') ? 0 : 1, p.path] as const;
  const chosen = new Map<string, (typeof pages)[number]>();
  for (const component of new Set(pages.flatMap((p) => p.components))) {
    const best = pages
      .filter((p) => p.components.includes(component))
      .sort((a, b) => {
        const [x, y] = [rank(a), rank(b)];
        return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
      })[0]!;
    chosen.set(best.path, best);
  }
  return [...chosen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Opens a page in the given Starlight theme (stored the way Starlight's theme picker stores it); returns its response. */
export async function openPage(page: Page, path: string, theme: Theme = 'light'): Promise<Response | null> {
  await page.addInitScript((t) => {
    localStorage.setItem('starlight-theme', t);
  }, theme);
  await page.emulateMedia({ colorScheme: theme });
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  return response;
}

/** Switches the theme of an open page as Starlight's theme picker does (stored choice, data-theme). */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Scrolls every island into view (client:visible) and waits until all have hydrated. */
export async function hydrateAll(page: Page): Promise<void> {
  const count = await page.locator('astro-island').count();
  for (let i = 0; i < count; i++) {
    const island = page.locator('astro-island').nth(i);
    // astro-island is display: contents, so scroll its first rendered child instead, and stay
    // until it has hydrated: on a busy machine scrolling on at once can leave it unloaded.
    // Scroll to the first descendant that has a box (a first child can be box-less), and again
    // while waiting: an IntersectionObserver can miss a jump that lands before it is observing.
    await expect(async () => {
      await island.evaluate((el) => {
        const target = [el, ...el.querySelectorAll('*')].find((e) => e.getClientRects().length > 0) ?? el;
        target.scrollIntoView({ block: 'center' });
      });
      await expect(island).not.toHaveAttribute('ssr', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

/** "/" → "index", "/course/ports/" → "course--ports". */
const fileName = (path: string) => path.replace(/^\/|\/$/g, '').replaceAll('/', '--') || 'index';

/** Screenshots are for a person to look at, so they are taken only when asked for (PORTLAB_SCREENSHOTS=1). */
const SCREENSHOTS = process.env.PORTLAB_SCREENSHOTS === '1';

/** Back to the top of the page (hydrateAll scrolled down), then a screenshot if asked for. */
export async function screenshot(page: Page, mode: string, path: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  if (!SCREENSHOTS) return;
  await page.screenshot({ path: `reports/screenshots/${mode}/${fileName(path)}.png`, fullPage: true });
}

/**
 * The axe rules whose result depends on colour. A theme or forced colours change nothing but
 * colours on this site (tokens.css and the presenter's page style switch colour variables only),
 * so after a full run in one scheme these are the rules worth running in another.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe-core's own source, put into a page once and run there as often as a test needs. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe (its default set: every WCAG 2.x A/AA rule plus best practices, or only `rules`) in the
 * page and fails with a readable list. axe is put into the page once and called directly: this
 * site has no frames, so @axe-core/playwright's per-frame runs (finished in a second, blank page)
 * would only triple the time of every run; a page with frames still goes through it. `within`
 * limits the run to the elements a selector matches.
 */
export async function expectNoAxeViolations(page: Page, label: string, rules?: string[], within?: string): Promise<void> {
  let results: { violations: AxeViolation[]; ran: number };
  if (page.frames().length > 1) {
    let builder = new AxeBuilder({ page });
    if (within) builder = builder.include(within);
    const r = await (rules ? builder.withRules(rules) : builder).analyze();
    results = { violations: r.violations, ran: r.passes.length + r.violations.length + r.incomplete.length };
  } else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    results = await page.evaluate(async ([only, scope]) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document | { include: string[] }, o: object) => Promise<{ violations: AxeViolation[]; passes: unknown[]; incomplete: unknown[] }> } }).axe;
      const r = await axe.run(scope ? { include: [scope] } : document, { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'rule', values: only } } : {}) });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })), ran: r.passes.length + r.violations.length + r.incomplete.length };
    }, [rules ?? null, within ?? null] as const);
  }
  if (rules) expect(results.ran, `axe ran ${rules.join(', ')} on ${label}`).toBeGreaterThan(0);
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
}

/** The part of an axe violation a failure message shows. */
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Records whether the page opened any dialog (alert, confirm, prompt). */
export function watchDialogs(page: Page): () => boolean {
  let opened = false;
  page.on('dialog', async (d) => {
    opened = true;
    await d.dismiss();
  });
  return () => opened;
}

/** Records every request a page makes; `foreign()` lists those that left the local server. */
export function watchRequests(page: Page, origin: string) {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return {
    all: () => seen.map((r) => r.url()),
    foreign: () =>
      seen
        .map((r) => r.url())
        .filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('about:')),
    count: () => seen.length,
  };
}

/** The port lookup widget, as a user sees it. */
export class PortLookupWidget {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  get input() {
    return this.page.getByLabel('Port number or service name');
  }
  get results() {
    return this.page.locator('.port-lookup .results');
  }
  async ready() {
    await hydrateAll(this.page);
  }
  async ask(query: string) {
    await this.input.fill(query);
  }
}
