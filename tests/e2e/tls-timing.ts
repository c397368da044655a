/** The TLS handshake timing widget, as a user sees it. */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrateAll, openPage, type Theme } from './site.ts';

export class TlsTimingWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.tls-timing').nth(index);
  }
  /** Opens a page holding the widget (the tool page by default) and waits for hydration. */
  async open(path = '/tools/tls-timing/', theme: Theme = 'light') {
    await openPage(this.page, path, theme);
    await hydrateAll(this.page);
    await expect(this.playerCaption).toContainText('Step 1 of');
  }
  /** The RTT slider (the player's scrubber is a slider too, with another name). */
  get slider() {
    return this.root.getByRole('slider', { name: 'Round-trip time (RTT)' });
  }
  get rttValue() {
    return this.root.getByTestId('rtt-value');
  }
  get playerCaption() {
    return this.root.getByTestId('caption');
  }
  /** Connection 1 (left) or 2 (right): picker, caption and ladder. */
  run(n: 1 | 2) {
    return this.root.getByTestId(`run-${n}`);
  }
  preset(n: 1 | 2) {
    return this.root.getByLabel(`Connection ${n}`, { exact: true });
  }
  caption(n: 1 | 2) {
    return this.run(n).getByTestId('run-caption');
  }
  arrows(n: 1 | 2) {
    return this.run(n).locator('.arrow');
  }
  get ttfb() {
    return this.root.getByTestId('ttfb');
  }
  observer(n: 1 | 2) {
    return this.root.getByTestId(`observer-${n}`);
  }
  button(name: string) {
    return this.root.getByRole('button', { name, exact: true });
  }
  async next(times = 1) {
    for (let i = 0; i < times; i++) await this.button('Next ▶').click();
  }
  /** Steps forward until connection n's caption contains `text` (at most `limit` steps). */
  async stepUntil(n: 1 | 2, text: string, limit = 12) {
    for (let i = 0; i < limit; i++) {
      if ((await this.caption(n).textContent())?.includes(text)) return;
      await this.next();
    }
    await expect(this.caption(n)).toContainText(text);
  }
  /** Opens the trace table of the run titled `title` and returns it. */
  async openTable(title: string) {
    await this.root.getByText(`${title}: every event as a table`, { exact: true }).click();
    return this.root.getByRole('table', { name: `Every event of ${title} in time order` });
  }
}
