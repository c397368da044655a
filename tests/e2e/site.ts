/**
 * Page objects and helpers shared by every e2e test. Later widgets add their own page objects
 * next to this one and reuse `openPage`, `expectNoAxeViolations` and `watchRequests`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Request } from '@playwright/test';

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

/** Opens a page in the given Starlight theme (stored the way Starlight's theme picker stores it). */
export async function openPage(page: Page, path: string, theme: Theme = 'light'): Promise<void> {
  await page.addInitScript((t) => {
    localStorage.setItem('starlight-theme', t);
  }, theme);
  await page.emulateMedia({ colorScheme: theme });
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(200);
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

/** Runs axe (all WCAG 2.x A/AA rules plus best practices) and fails with a readable list. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
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
