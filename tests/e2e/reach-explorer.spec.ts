import { expect, test } from '@playwright/test';
import { openPage } from './site.ts';
import { ReachExplorerWidget, SOCKETS_LESSON, type Place } from './reach-explorer.ts';

const REACHABLE = '✓ reachable';
const NOT_REACHABLE = '✗ not reachable';

async function expectReach(w: ReachExplorerWidget, expected: Record<Place, boolean>) {
  for (const [place, yes] of Object.entries(expected) as [Place, boolean][]) {
    await expect(w.result(place), place).toContainText(yes ? REACHABLE : NOT_REACHABLE);
  }
}

test.describe('the reach explorer in the sockets lesson', () => {
  test.beforeEach(async ({ page }) => {
    await openPage(page, SOCKETS_LESSON);
    await new ReachExplorerWidget(page).ready();
  });

  test('a socket bound to 127.0.0.1 is reachable from the same host only', async ({ page }) => {
    const w = new ReachExplorerWidget(page);
    await w.bind('0.0.0.0').check();
    await w.bind('127.0.0.1').check();
    await expectReach(w, { 'same-host': true, 'same-lan': false, internet: false });
    await expect(w.reason('same-lan')).toContainText('refused');
    await expect(w.summary).toHaveText('Bound to 127.0.0.1: reachable from same host; not reachable from same LAN, internet.');
    // A port forward cannot help a loopback listener.
    await w.portForward.check();
    await expectReach(w, { 'same-host': true, 'same-lan': false, internet: false });
  });

  test('0.0.0.0 reaches the host and the LAN, and the internet only with a port forward', async ({ page }) => {
    const w = new ReachExplorerWidget(page);
    await w.bind('0.0.0.0').check();
    await expectReach(w, { 'same-host': true, 'same-lan': true, internet: false });
    await expect(w.reason('internet')).toContainText('port forward');
    await w.portForward.check();
    await expectReach(w, { 'same-host': true, 'same-lan': true, internet: true });
    await expect(w.summary).toContainText('reachable from every client');
  });

  test('a host firewall that drops inbound connections blocks the LAN and the internet', async ({ page }) => {
    const w = new ReachExplorerWidget(page);
    await w.bind('0.0.0.0').check();
    await w.portForward.check();
    await w.firewallDrop.check();
    await expectReach(w, { 'same-host': true, 'same-lan': false, internet: false });
    await expect(w.reason('same-lan')).toContainText('times out');
  });

  test('IPV6_V6ONLY turns a :: socket into an IPv6-only one that IPv4 clients cannot reach', async ({ page }) => {
    const w = new ReachExplorerWidget(page);
    await w.bind('::').check();
    await expectReach(w, { 'same-host': true, 'same-lan': true, internet: false });
    await w.v6only.check();
    await expectReach(w, { 'same-host': true, 'same-lan': false, internet: false });
    await expect(w.reason('same-lan')).toContainText('IPV6_V6ONLY');
  });

  test('the explorer works with the keyboard alone', async ({ page }) => {
    const w = new ReachExplorerWidget(page);
    await expect(w.bind('127.0.0.1')).toBeChecked();
    // Tab into the widget from the element just before it until the checked radio has focus.
    await w.root.locator('p').first().evaluate((el) => {
      el.setAttribute('tabindex', '-1');
      (el as HTMLElement).focus();
    });
    await page.keyboard.press('Tab');
    await expect(w.bind('127.0.0.1')).toBeFocused();
    // Arrow keys move through the radio group and select as they go.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(w.bind('0.0.0.0')).toBeChecked();
    await expectReach(w, { 'same-host': true, 'same-lan': true, internet: false });
    // Tab leaves the group for the options; Space toggles a checkbox.
    await page.keyboard.press('Tab');
    await expect(w.v6only).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(w.portForward).toBeFocused();
    await page.keyboard.press('Space');
    await expect(w.portForward).toBeChecked();
    await expectReach(w, { 'same-host': true, 'same-lan': true, internet: true });
  });
});

test.describe('the sockets lesson without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the explorer says it needs JavaScript and shows the static table instead', async ({ page }) => {
    await page.goto(SOCKETS_LESSON);
    // Chromium parses <noscript> as text when scripts are disabled by emulation, so read its source.
    const notes = (await page.locator('noscript').allTextContents()).join(' ');
    expect(notes).toContain('The reachability explorer needs JavaScript.');
    expect(notes).toContain('127.0.0.1');
  });
});
