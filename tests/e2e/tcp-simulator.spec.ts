import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchRequests } from './site.ts';
import { PresenterPage, TcpSimulatorWidget } from './tcp-simulator.ts';

test.describe('TCP simulator on its own page', () => {
  // The stepping tests read states at rest, so motion is turned off: every step is a jump.
  test.use({ reducedMotion: 'reduce' });

  test('stepping through the handshake reaches ESTABLISHED on both sides, and stepping back undoes it', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await expect(w.state('The client')).toHaveText('CLOSED');
    await expect(w.state('The server')).toHaveText('LISTEN');
    await w.next();
    await expect(w.caption).toContainText('The client sends SYN with sequence number 100 and enters SYN-SENT.');
    await expect(w.state('The client')).toHaveText('SYN-SENT');
    await w.next(2);
    await expect(w.caption).toContainText('enters ESTABLISHED');
    await expect(w.state('The client')).toHaveText('ESTABLISHED');
    await expect(w.host('The client')).toContainText('RCV.NXT301');
    await w.next();
    await expect(w.state('The server')).toHaveText('ESTABLISHED');
    await expect(w.button('Next ▶')).toBeDisabled();
    await w.back();
    await expect(w.state('The server')).toHaveText('SYN-RECEIVED');
    await expect(w.caption).toContainText('Step 4 of 5');
  });

  test('dropping the SYN-ACK in flight makes the server retransmit it after the RTO', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.next(2); // the server has just sent its SYN-ACK
    await w.root.getByRole('button', { name: /Drop this segment: SYN,ACK seq=300/ }).click();
    await expect(w.root.getByText('Drop segment no. 1 sent by the server')).toBeVisible();
    await w.next();
    await expect(w.caption).toContainText('The SYN-ACK (sequence number 300) from the server is dropped on the way');
    await w.stepUntil('The server retransmits SYN-ACK');
    await expect(w.caption).toContainText("The server's retransmission timer expires");
    // the client's SYN timer (set 50 ms earlier) has fired too: both ends retransmit
    await expect(w.root.locator('.arrow.rtx')).toHaveCount(2);
    await expect(w.root.locator('.arrow.lost')).toHaveCount(1);
  });

  test('the lost-syn preset shows lost segments, retransmissions, the running timer and the table', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.preset.selectOption('lost-syn');
    await w.stepUntil('retransmits SYN');
    await expect(w.host('The client')).toContainText('retransmission timer: fires at 3.1 s');
    await expect(w.root.locator('.arrow.lost')).toHaveCount(1);
    const table = await w.openTable();
    await expect(table.getByRole('row', { name: /drop \(scenario\)/ })).toHaveCount(2);
  });

  test('host actions append a step and the run continues from it', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.button('Last').click();
    await w.root.getByRole('group', { name: 'The client: do something now' }).getByRole('button', { name: 'close' }).click();
    await expect(w.caption).toContainText('The client calls close()');
    await expect(w.state('The client')).toHaveText('FIN-WAIT-1');
    await w.stepUntil('enters FIN-WAIT-2');
    await expect(w.button('Next ▶')).toBeDisabled(); // FIN-WAIT-2 waits for the server's close
    await w.root.getByRole('group', { name: 'The server: do something now' }).getByRole('button', { name: 'close' }).click();
    await expect(w.state('The server')).toHaveText('LAST-ACK');
    await w.stepUntil('enters TIME-WAIT');
  });

  test('the URL keeps the scenario and step: reloading lands on the same moment', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.next(2);
    await w.root.getByRole('button', { name: /Drop this segment: SYN,ACK/ }).click();
    await w.next(2);
    const caption = await w.caption.textContent();
    await expect(page).toHaveURL(/#preset=handshake&scenario=.*&step=4/);
    await page.reload();
    await w.root.scrollIntoViewIfNeeded();
    await expect(w.caption).toHaveText(caption!);
    await expect(w.root.getByText('Drop segment no. 1 sent by the server')).toBeVisible();
  });

  test('a hand-edited invalid scenario in the URL shows the validator\'s messages and still a working widget', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    const bad = encodeURIComponent('{"a":{},"b":{"port":70000},"steps":[{"at":0,"on":"c","do":"listen"}]}');
    await w.open(`/tools/tcp-simulator/#preset=lost-syn&scenario=${bad}&step=2`);
    await expect(w.notice).toContainText('scenario $.b.port');
    await expect(w.notice).toContainText('must be at most 65535');
    await expect(w.notice).toContainText('scenario $.steps[0].on');
    await expect(w.preset).toHaveValue('lost-syn');
    await expect(w.caption).toContainText('Step 3 of');
  });

  test('every control works from the keyboard', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.button('Next ▶').focus();
    await page.keyboard.press('Enter');
    await expect(w.caption).toContainText('Step 2 of 5');
    await w.scrubber.focus();
    await page.keyboard.press('End');
    await expect(w.caption).toContainText('Step 5 of 5');
    await page.keyboard.press('ArrowLeft');
    await expect(w.caption).toContainText('Step 4 of 5');
    await w.preset.focus();
    await page.keyboard.press('ArrowDown'); // next preset in the list: data-transfer
    await expect(w.preset).toHaveValue('data-transfer');
    // Tab reaches the in-flight segment drawn on the ladder, and Enter drops it
    await w.scrubber.focus();
    await page.keyboard.press('Home');
    await w.next(1);
    await w.root.getByRole('button', { name: /Drop this segment: SYN seq=100/ }).focus();
    await page.keyboard.press('Enter');
    await expect(w.root.getByText('Drop segment no. 1 sent by the client')).toBeVisible();
  });

  test('loss with a seed makes the client retransmit, and the same link replays exactly the same run', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.setFault('Loss (%)', '50');
    await w.setFault('Seed', '7'); // seed 7 loses the first SYN and a retransmission of it
    await w.button('Last').click();
    await expect(w.root.locator('.arrow.rtx').first()).toBeVisible();
    await expect(w.root.locator('.arrow.lost').first()).toBeVisible();
    const table = await w.openTable();
    await expect(table.getByRole('row', { name: /retransmit/ }).first()).toBeVisible();
    const steps = await w.caption.textContent();
    const rows = await table.getByRole('row').allTextContents();
    await expect(page).toHaveURL(/scenario=.*seed.*7/);
    await page.reload();
    await w.root.scrollIntoViewIfNeeded();
    await expect(w.caption).toHaveText(steps!);
    await expect(w.root.getByLabel('Seed')).toHaveValue('7');
    await expect((await w.openTable()).getByRole('row')).toHaveText(rows);
  });

  test('duplication shows a segment arriving twice, the second copy discarded', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.setFault('Duplication (%)', '50');
    await w.setFault('Seed', '1'); // seed 1 duplicates the SYN-ACK
    await w.stepUntil('receives a duplicate copy of the SYN-ACK');
    const table = await w.openTable();
    await expect(table.getByRole('row', { name: /receive \(duplicate\)/ })).toHaveCount(1);
  });

  test('the playback controls sit between the caption and the hosts, so stepping needs no scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const w = new TcpSimulatorWidget(page);
    await w.open();
    const caption = await w.caption.boundingBox();
    const next = await w.button('Next ▶').boundingBox();
    const host = await w.host('The client').boundingBox();
    expect(next!.y).toBeGreaterThan(caption!.y + caption!.height - 1);
    expect(next!.y + next!.height).toBeLessThan(host!.y + 1);
  });

  test('the Present link opens presenter mode at the same step', async ({ page }) => {
    const w = new TcpSimulatorWidget(page);
    await w.open();
    await w.next(2);
    await w.root.getByRole('link', { name: 'Present full screen' }).click();
    await expect(page).toHaveURL(/\/present\/handshake\/#preset=handshake&step=2/);
    await expect(new PresenterPage(page).caption).toContainText('Step 3 of 5');
  });
});

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });

  test('PageDown steps on, the cue goes away, and captions are at least 32 px', async ({ page }) => {
    const p = new PresenterPage(page);
    await p.open('/present/handshake/');
    await expect(p.cue).toBeVisible();
    const size = await p.caption.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(32);
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    await expect(p.caption).toContainText('Step 4 of 5');
    await expect(p.state('The client')).toHaveText('ESTABLISHED');
    await expect(p.cue).toHaveCount(0);
    await page.keyboard.press('PageUp');
    await expect(p.caption).toContainText('Step 3 of 5');
    await page.keyboard.press('End');
    await expect(p.state('The server')).toHaveText('ESTABLISHED');
    await page.keyboard.press('Home');
    await expect(p.caption).toContainText('Step 1 of 5');
  });

  test('number keys switch presets and B blanks the screen, all without the network', async ({ page, baseURL }) => {
    const p = new PresenterPage(page);
    await p.open('/present/handshake/');
    const requests = watchRequests(page, baseURL!);
    await page.context().setOffline(true);
    await page.keyboard.press('7'); // lost-syn
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lost SYN');
    await expect(page).toHaveURL(/\/present\/lost-syn\/#preset=lost-syn&step=0/);
    await page.keyboard.press('b');
    await expect(page.getByRole('button', { name: /Blank screen/ })).toBeVisible();
    await page.keyboard.press('b');
    await page.keyboard.press('p');
    await expect(p.caption).toContainText('Step 2 of');
    expect(requests.all()).toEqual([]);
  });

  test('caption, host cards, ladder and state-diagram labels are all at least 32 px at 1920×1080', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const p = new PresenterPage(page);
    await p.open('/present/lost-data/#preset=lost-data&step=8', 'dark');
    // The drawings re-lay out once the page has measured its root font; wait for that.
    await expect.poll(async () => Math.min(...(await p.renderedFontSizes()).ladder)).toBeGreaterThanOrEqual(32);
    const sizes = await p.renderedFontSizes();
    expect(sizes.caption).toBeGreaterThanOrEqual(32);
    expect(sizes.hosts.length).toBeGreaterThan(10);
    expect(Math.min(...sizes.hosts)).toBeGreaterThanOrEqual(32);
    expect(sizes.diagram.length).toBeGreaterThanOrEqual(12); // every box label and the host badge(s)
    expect(Math.min(...sizes.diagram)).toBeGreaterThanOrEqual(32);
    expect(Math.min(...sizes.ladder)).toBeGreaterThanOrEqual(32);
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Next ▶' })).toBeInViewport({ ratio: 1 });
  });

  test('Shift+1 and the preset menu reach presets past the tenth, and the keys are listed on screen', async ({ page }) => {
    const p = new PresenterPage(page);
    await p.open('/present/handshake/');
    await page.keyboard.press('Shift+Digit1'); // the eleventh preset
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Silent server');
    await expect(page).toHaveURL(/\/present\/silent-server\//);
    const menu = page.getByRole('combobox', { name: 'Preset' });
    await menu.selectOption('abort');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abort');
    await page.getByRole('button', { name: 'Keys (?)' }).click();
    const keys = page.getByRole('region', { name: 'Keys' });
    await expect(keys).toContainText('Shift+1');
    await expect(keys).toContainText('PageDown');
    await page.keyboard.press('Escape');
    await expect(keys).toHaveCount(0);
  });

  test('an invalid link shows messages in presenter mode too', async ({ page }) => {
    const p = new PresenterPage(page);
    await p.open('/present/abort/#preset=nope&step=1');
    await expect(page.getByRole('alert')).toContainText('there is no preset "nope"');
    await expect(p.caption).toContainText('Step 2 of');
  });

  test('presenter mode has no axe findings in the dark theme at 1280×720', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const p = new PresenterPage(page);
    await p.open('/present/lost-data/#preset=lost-data&step=6', 'dark');
    await expectNoAxeViolations(page, 'presenter lost-data (dark)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
