import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchRequests } from './site.ts';
import { FtpSimulatorWidget } from './ftp-simulator.ts';

/** How each preset ends: the reply code in the last caption and the data connection's status. */
const ENDINGS = [
  ['active', '226', 'closed'],
  ['passive', '226', 'closed'],
  ['active-behind-nat', '425', 'failed'],
  ['passive-behind-nat', '226', 'closed'],
  ['active-with-alg', '226', 'closed'],
  ['epsv', '226', 'closed'],
  ['eprt-ipv6', '226', 'closed'],
  ['active-client-firewall', '425', 'failed'],
  ['passive-server-firewall', '425', 'failed'],
] as const;

test.describe('FTP simulator on its own page', () => {
  // Stepping tests read the panels at rest, so motion is off: every step is a jump.
  test.use({ reducedMotion: 'reduce' });

  test('every preset loads and steps to its end with the expected reply and data connection', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await expect(w.preset).toHaveValue('passive');
    for (const [name, code, status] of ENDINGS) {
      await w.choosePreset(name);
      await expect(w.root.getByTestId('description')).not.toBeEmpty();
      await expect(w.status('data')).toHaveText(/not opened yet/);
      await w.last();
      await expect(w.caption, name).toContainText(code);
      await expect(w.status('data'), name).toHaveText(new RegExp(status));
    }
  });

  test('active mode behind a NAT ends with 425 and a failed data connection, with the reason in words', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    await expect(w.root.getByRole('group', { name: /Time-sequence diagram/ })).toContainText('Home router (NAT)');
    await w.last();
    await expect(w.caption).toContainText('The transfer failed: the data connection never opened, and the server said so with 425.');
    await expect(w.status('data')).toHaveText('✗ failed');
    await expect(w.connection('data')).toContainText('Opened by the server');
    await expect(w.connection('data')).toContainText('From 198.51.100.7:20 to 192.168.1.10:50000');
    await expect(w.connection('data')).toContainText('Why it failed: no SYN-ACK came back in 5 s. The SYN goes nowhere: 192.168.1.10 is a private address');
    await expect(w.status('control')).toHaveText('● open');
    // three SYNs, all lost on the way
    await expect(w.root.locator('.arrow.lost')).toHaveCount(3);
  });

  test('passive mode behind a NAT ends with 226', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('passive-behind-nat');
    await w.last();
    await expect(w.caption).toContainText('226 confirmed it');
    await expect(w.status('data')).toHaveText('○ closed');
    await expect(w.root.locator('.arrow.lost')).toHaveCount(0);
  });

  test('switching the mode to passive fixes the NAT case, and the widget stays at the end', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    await w.last();
    await expect(w.caption).toContainText('425');
    await w.radio('Passive (PASV)').check();
    await expect(w.radio('NAT router')).toBeChecked();
    await expect(w.caption).toContainText('Done: the listing (500 bytes) came over the data connection, and 226 confirmed it.');
    await expect(w.status('data')).toHaveText('○ closed');
    await expect(w.connection('data')).toContainText('Opened by the client');
    await expect(w.root.getByTestId('description')).toContainText('You changed it');
    // and back: the reset button restores the preset
    await w.button('Reset to preset').click();
    await expect(w.radio('Active (PORT)')).toBeChecked();
  });

  test('the NAT with an FTP ALG fixes active mode, and "Decoding the numbers" shows both PORT commands', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    await w.radio('NAT router with FTP ALG').check();
    await expect(w.preset).toHaveValue('active-behind-nat');
    await w.stepUntil("The router's FTP ALG reads the PORT command");
    await expect(w.decode).toContainText('The client wrote PORT 192,168,1,10,195,80');
    await expect(w.decode).toContainText('p1,p2 = 195,80 → port = 195 × 256 + 80 = 50000');
    await expect(w.decode.getByTestId('decoded-line')).toHaveText('PORT 203,0,113,5,156,65');
    await expect(w.decode.getByTestId('decoded')).toContainText('p1,p2 = 156,65 → port = 156 × 256 + 65 = 40001');
    await expect(w.connections.getByTestId('listeners')).toContainText('Client listens on 192.168.1.10:50000 (the data connection)');
    await expect(w.connections.getByTestId('mappings')).toContainText('192.168.1.10:50000 ⇄ 203.0.113.5:40001 (made by the FTP ALG');
    await w.last();
    await expect(w.caption).toContainText('226');
  });

  test('the Connections panel shows each connection opening, then open, at the step shown', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await expect(w.status('control')).toHaveText('… opening');
    await expect(w.connection('control')).toContainText('From 192.0.2.10:50100 to 198.51.100.7:21');
    await w.next(2);
    await expect(w.status('control')).toHaveText('● open');
    await w.stepUntil('The server replies "227 Entering Passive Mode (198,51,100,7,196,24).');
    await expect(w.decode).toContainText('196 × 256 + 24 = 50200');
    await expect(w.connections.getByTestId('listeners')).toContainText('Server listens on 198.51.100.7:50200 (the data connection)');
    await w.next();
    await expect(w.status('data')).toHaveText('… opening');
    await expect(w.connection('data')).toContainText('From 192.0.2.10:50000 to 198.51.100.7:50200');
  });

  test('the text alternative lists every event, drops and rewrites included', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    const table = await w.openTable();
    await expect(table.getByRole('row', { name: /drop \(no-route\)/ })).toHaveCount(3);
    await expect(table.getByRole('row', { name: /forward \(outbound\).*new mapping 192\.168\.1\.10:50100 ⇄ 203\.0\.113\.5:40000/ })).toHaveCount(1);
    await expect(table.getByRole('row', { name: /425 Can't open data connection/ }).first()).toBeVisible();
    await w.radio('NAT router with FTP ALG').check();
    await expect(table.getByRole('row', { name: /ALG rewrite/ })).toHaveCount(1);
  });

  test('stepping works from the keyboard: Tab to Next and Enter, then ← and → inside the controls', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.button('Play ▶').focus();
    await page.keyboard.press('Tab');
    await expect(w.button('Next ▶')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(w.caption).toContainText('Step 2 of 16');
    await page.keyboard.press('ArrowRight');
    await expect(w.caption).toContainText('Step 3 of 16');
    await page.keyboard.press('ArrowRight');
    await expect(w.caption).toContainText('Step 4 of 16');
    await page.keyboard.press('ArrowLeft');
    await expect(w.caption).toContainText('Step 3 of 16');
    await page.keyboard.press('End');
    await expect(w.caption).toContainText('Step 16 of 16');
    // Next is disabled at the end and lost its focus; Back is still inside the controls
    await w.button('◀ Back').focus();
    await page.keyboard.press('Home');
    await expect(w.caption).toContainText('Step 1 of 16');
    // the mode radios move with the arrow keys too, and re-run the scenario
    await w.radio('Passive (PASV)').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(w.radio('Active (PORT)')).toBeChecked();
    await page.keyboard.press('End');
    await expect(w.caption).toContainText('Step 1 of 16'); // End inside the radio group is not a player key
    await w.button('Last').click();
    await expect(w.caption).toContainText('226');
    // and the preset picker
    await w.preset.focus();
    await page.keyboard.press('ArrowDown');
    await expect(w.preset).not.toHaveValue('passive');
  });

  test('with reduced motion a step shows its end at once: the dropped SYN is drawn lost right after Next', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    await w.stepUntil('The server opens the data connection');
    await expect(w.root.locator('.arrow.lost')).toHaveCount(0);
    await w.next();
    expect(await w.root.locator('.arrow.lost').count()).toBe(1);
  });

  test('the widget fits 320 px without page-level horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-with-alg');
    await w.last();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await w.connections.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(320);
  });

  test('stepping and switching load nothing from the network', async ({ page, baseURL }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    const requests = watchRequests(page, baseURL!);
    await w.choosePreset('active-behind-nat');
    await w.radio('Passive (PASV)').check();
    await w.last();
    expect(requests.all()).toEqual([]);
  });
});

test.describe('FTP simulator with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('Next animates the packet and ends with the step fully drawn', async ({ page }) => {
    const w = new FtpSimulatorWidget(page);
    await w.open();
    await w.choosePreset('active-behind-nat');
    await w.stepUntil('The server opens the data connection');
    // A press during a move finishes that move instead of starting the next: let it end (PLAYER_TWEEN_MS is 700 ms).
    await page.waitForTimeout(1000);
    await w.next();
    await expect(w.caption).toContainText('The SYN goes nowhere');
    await expect(w.root.locator('.arrow.lost')).toHaveCount(1);
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the FTP simulator after interaction in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(120_000); // two full axe runs over a page with a long table, on a shared 2-core machine
    const w = new FtpSimulatorWidget(page);
    await w.open('/tools/ftp-simulator/', theme);
    await w.choosePreset('active-behind-nat');
    await w.radio('NAT router with FTP ALG').check();
    await w.stepUntil("The router's FTP ALG reads the PORT command");
    await w.openTable();
    await expectNoAxeViolations(page, `FTP simulator (${theme})`);
    await w.radio('Server firewall (port 21 only)').check();
    await w.radio('Passive (PASV)').check();
    await w.last();
    await expectNoAxeViolations(page, `FTP simulator at the end of a failed run (${theme})`);
  });
}
