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
}
