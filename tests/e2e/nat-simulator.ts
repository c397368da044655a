/** The NAT simulator widget, as a user sees it. */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrateAll, openPage, type Theme } from './site.ts';

export class NatSimulatorWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.nat-simulator').nth(index);
  }
  /** Opens a page holding the widget (the tool page by default) and waits for hydration. */
  async open(path = '/tools/nat-simulator/', theme: Theme = 'light') {
    await openPage(this.page, path, theme);
    await hydrateAll(this.page);
    await expect(this.caption).toContainText('Step ');
  }
  get caption() {
    return this.root.getByTestId('caption');
  }
  get preset() {
    return this.root.getByRole('combobox', { name: /^Scenario/ });
  }
  button(name: string | RegExp) {
    return this.root.getByRole('button', { name });
  }
  get scrubber() {
    return this.root.getByRole('slider');
  }
  /** The router's translation table (or its "Empty" note). */
  get routerTable() {
    return this.root.getByTestId('router-table');
  }
  get cgnTable() {
    return this.root.getByTestId('cgn-table');
  }
  get packet() {
    return this.root.getByTestId('packet');
  }
  get forwards() {
    return this.root.getByTestId('forwards');
  }
  get problems() {
    return this.root.getByTestId('problems');
  }
  /** One of the "Change the scenario" forms, by the title of its fieldset. */
  form(name: string | RegExp) {
    return this.root.getByRole('group', { name });
  }
  async choose(preset: string) {
    await this.preset.selectOption(preset);
    await expect(this.caption).toContainText('Step 1 of');
  }
  async next(times = 1) {
    for (let i = 0; i < times; i++) await this.button('Next ▶').click();
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
    return this.root.getByRole('table', { name: /Every event of the NAT simulation/ });
  }
}
