/** The "who can reach this listener?" explorer, as a user sees it (page object for reach-explorer.spec.ts). */
import type { Locator, Page } from '@playwright/test';
import { hydrateAll } from './site.ts';

export const SOCKETS_LESSON = '/course/sockets-and-binding/';
export type Place = 'same-host' | 'same-lan' | 'internet';

export class ReachExplorerWidget {
  readonly page: Page;
  readonly root: Locator;
  constructor(page: Page) {
    this.page = page;
    this.root = page.locator('.reach-explorer');
  }
  async ready() {
    await hydrateAll(this.page);
  }
  bind(address: string) {
    return this.root.getByRole('group', { name: 'Bind address' }).getByRole('radio', { name: new RegExp(`^${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) });
  }
  get v6only() {
    return this.root.getByRole('checkbox', { name: /IPV6_V6ONLY/ });
  }
  get firewallDrop() {
    return this.root.getByRole('checkbox', { name: /Host firewall drops/ });
  }
  get portForward() {
    return this.root.getByRole('checkbox', { name: /Port forward on the router/ });
  }
  get summary() {
    return this.root.getByRole('status');
  }
  /** The result cell ("✓ reachable" / "✗ not reachable") of one client place. */
  result(place: Place) {
    return this.root.locator(`tr[data-place="${place}"] td`).first();
  }
  /** The reason cell of one client place. */
  reason(place: Place) {
    return this.root.locator(`tr[data-place="${place}"] td`).nth(1);
  }
}
