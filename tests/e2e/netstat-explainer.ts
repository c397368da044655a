/** The netstat / ss explainer widget, as a user sees it (page object for netstat-explainer.spec.ts). */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrateAll } from './site.ts';

export const EXPLAINER_PAGE = '/tools/netstat-explainer/';

export class NetstatExplainerWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.netstat-explainer').nth(index);
  }
  get paste() {
    return this.root.getByLabel('Paste the output of netstat, ss, lsof -i or Get-NetTCPConnection');
  }
  get sample() {
    return this.root.getByLabel('Sample output');
  }
  get readAs() {
    return this.root.getByLabel('Read as', { exact: true });
  }
  get detected() {
    return this.root.locator('.detected');
  }
  get status() {
    return this.root.getByRole('status').first();
  }
  get summary() {
    return this.root.locator('.summary');
  }
  get findings() {
    return this.root.locator('.finding');
  }
  get chart() {
    return this.root.getByRole('img');
  }
  get table() {
    return this.root.getByRole('table');
  }
  /** Data rows of the table (not the opened explanation rows). */
  get rows() {
    return this.root.locator('tbody tr.row');
  }
  get rowCount() {
    return this.root.locator('.rows .count');
  }
  get issues() {
    return this.root.locator('.issues li');
  }
  filter(name: 'State' | 'Protocol' | 'Exposure' | 'Find') {
    return this.root.getByLabel(name, { exact: true });
  }
  column(name: string) {
    return this.root.getByRole('columnheader', { name });
  }
  sortBy(name: string) {
    return this.column(name).getByRole('button');
  }
  rowToggle(line: number) {
    return this.root.getByRole('button', { name: `Explain line ${line}`, exact: true });
  }
  /** The opened explanation of a source line. */
  explanation(line: number) {
    return this.root.locator('tr.details').filter({ hasText: `As pasted (line ${line})` });
  }
  button(name: string) {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** Hydrates the island and waits for the engine's first answer. */
  async ready() {
    await hydrateAll(this.page);
    await expect(this.detected).not.toContainText('…');
  }
  async pickSample(id: string) {
    await this.sample.selectOption(id);
  }
  /** Pastes text the way a browser does: the whole value at once, one input event. */
  async pasteText(text: string) {
    await this.paste.fill(text);
  }
  /** The state column of each visible row, as shown. */
  async states(): Promise<string[]> {
    return this.rows.locator('.state').allInnerTexts();
  }
}
