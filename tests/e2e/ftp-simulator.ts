/** The FTP simulator widget, as a user sees it. */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrateAll, openPage, type Theme } from './site.ts';

export class FtpSimulatorWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.ftp-simulator').nth(index);
  }
  /** Opens a page holding the widget (the tool page by default) and waits for hydration. */
  async open(path = '/tools/ftp-simulator/', theme: Theme = 'light') {
    await openPage(this.page, path, theme);
    await hydrateAll(this.page);
    await expect(this.caption).toContainText('Step 1 of');
  }
  get caption() {
    return this.root.getByTestId('caption');
  }
  get preset() {
    return this.root.getByLabel('Scenario');
  }
  get playback() {
    return this.root.getByRole('group', { name: 'Step through the FTP session' });
  }
  button(name: string | RegExp) {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }
  /** A radio of the mode or middlebox groups, by its label ("Passive (PASV)", "NAT router"). */
  radio(name: string) {
    return this.root.getByRole('radio', { name, exact: true });
  }
  /** The Connections panel's card for "control" or "data". */
  connection(conn: 'control' | 'data') {
    return this.root.getByTestId(`connection-${conn}`);
  }
  status(conn: 'control' | 'data') {
    return this.connection(conn).getByTestId('status');
  }
  get connections() {
    return this.root.getByTestId('connections');
  }
  get decode() {
    return this.root.getByTestId('decode');
  }
  async choosePreset(name: string) {
    await this.preset.selectOption(name);
    await expect(this.caption).toContainText('Step 1 of');
  }
  async next(times = 1) {
    for (let i = 0; i < times; i++) await this.button('Next ▶').click();
  }
  async last() {
    await this.button('Last').click();
    await expect(this.button('Next ▶')).toBeDisabled();
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
