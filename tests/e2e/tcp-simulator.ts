/** The TCP simulator widget and its presenter page, as a user sees them. */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrateAll, openPage, type Theme } from './site.ts';

export class TcpSimulatorWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.tcp-simulator').nth(index);
  }
  /** Opens a page holding the widget (the tool page by default) and waits for hydration. */
  async open(path = '/tools/tcp-simulator/', theme: Theme = 'light') {
    await openPage(this.page, path, theme);
    await hydrateAll(this.page);
    await expect(this.caption).toContainText('Step ');
  }
  get caption() {
    return this.root.getByTestId('caption');
  }
  /** The host card of "Client"/"Server"/"Host A"…, by its accessible name. */
  host(name: string) {
    return this.root.getByRole('group', { name, exact: true });
  }
  state(name: string) {
    return this.host(name).getByTestId('state');
  }
  button(name: string | RegExp) {
    return this.root.getByRole('button', { name });
  }
  get scrubber() {
    return this.root.getByRole('slider');
  }
  get preset() {
    return this.root.getByLabel('Scenario');
  }
  get notice() {
    return this.root.getByRole('alert');
  }
  async next(times = 1) {
    for (let i = 0; i < times; i++) await this.button('Next ▶').click();
  }
  async back() {
    await this.button('◀ Back').click();
  }
  /** Steps forward until the caption contains `text` (at most `limit` steps). */
  async stepUntil(text: string, limit = 40) {
    for (let i = 0; i < limit; i++) {
      if ((await this.caption.textContent())?.includes(text)) return;
      await this.next();
    }
    await expect(this.caption).toContainText(text);
  }
  /** Types a value into a fault field ("Loss (%)", "Seed"…) and commits it as a user would, with Tab. */
  async setFault(label: string, value: string) {
    const input = this.root.getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Tab');
  }
  async openTable() {
    await this.root.getByText('The whole trace as a table').click();
    return this.root.getByRole('table');
  }
}

export class PresenterPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async open(pathAndHash: string, theme: Theme = 'light') {
    await openPage(this.page, pathAndHash, theme);
    await expect(this.page.locator('astro-island[ssr]')).toHaveCount(0);
  }
  get caption() {
    return this.page.getByTestId('caption');
  }
  get cue() {
    return this.page.getByTestId('cue');
  }
  state(name: string) {
    return this.page.getByRole('group', { name, exact: true }).getByTestId('state');
  }
  /**
   * Font sizes as drawn on screen, in CSS px: the caption, every text in the host cards, and
   * every label of the ladder and the state diagram (an SVG's text is scaled with its viewBox).
   */
  async renderedFontSizes() {
    return this.page.evaluate(() => {
      const drawn = (el: Element) => {
        const svg = el.closest('svg');
        const vb = svg?.viewBox.baseVal;
        const scale = svg && vb && vb.width > 0 ? svg.getBoundingClientRect().width / vb.width : 1;
        return parseFloat(getComputedStyle(el).fontSize) * scale;
      };
      const texts = (root: Element | null, sel: string) => [...(root?.querySelectorAll(sel) ?? [])].filter((e) => e.textContent?.trim() && e.getClientRects().length > 0).map(drawn);
      return {
        caption: drawn(document.querySelector('[data-testid=caption]')!),
        hosts: [...document.querySelectorAll('.host')].flatMap((h) => texts(h, '*')),
        diagram: texts(document.querySelector('.state-diagram'), 'text'),
        ladder: texts(document.querySelector('.ladder'), 'text, tspan'),
      };
    });
  }
}
