/** The packet header decoder widget, as a user sees it (page object for header-decoder.spec.ts). */
import type { Locator, Page } from '@playwright/test';
import { hydrateAll } from './site.ts';

export const DECODER_PAGE = '/tools/header-decoder/';

export class HeaderDecoderWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page, index = 0) {
    this.page = page;
    this.root = page.locator('.header-decoder').nth(index);
  }
  get sample() {
    return this.root.getByLabel('Sample packet');
  }
  get paste() {
    return this.root.getByLabel(/^Paste packet bytes/);
  }
  get file() {
    return this.root.getByLabel('Open a capture file (.pcap or .pcapng)');
  }
  get detected() {
    return this.root.locator('.detected');
  }
  get status() {
    return this.root.getByRole('status').first();
  }
  get summary() {
    return this.root.locator('.packet .summary');
  }
  /** Names of the decoded layers, in order ("eth", "ip", "tcp"). */
  get layers() {
    return this.root.locator('section.layer');
  }
  get packetRows() {
    return this.root.locator('.packets .pick');
  }
  get inputIssues() {
    return this.root.locator('.input-issues li');
  }
  get packetIssues() {
    return this.root.locator('.packet-issues li');
  }
  get limits() {
    return this.root.locator('.limits li');
  }
  get recomputed() {
    return this.root.locator('.recomputed li');
  }
  /** The field-tree button of a field, by Wireshark id. */
  field(id: string) {
    return this.root.locator(`button.field[data-field="${id}"]`);
  }
  /** The note under a field (checksum verdicts, what one packet cannot tell). */
  fieldNote(id: string) {
    return this.root.locator(`li:has(> button.field[data-field="${id}"]) > .note`);
  }
  byte(n: number) {
    return this.root.getByRole('button', { name: new RegExp(`^Byte ${n}:`) });
  }
  get litBytes() {
    return this.root.locator('.byte.lit');
  }
  async ready() {
    await hydrateAll(this.page);
  }
  async layerNames(): Promise<string[]> {
    return this.layers.evaluateAll((els) => els.map((e) => e.getAttribute('data-layer') ?? ''));
  }
  async pickSample(title: string) {
    await this.sample.selectOption({ label: title });
  }
  async pasteText(text: string) {
    await this.paste.fill(text);
  }
}
