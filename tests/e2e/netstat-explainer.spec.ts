import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { EXPLAINER_PAGE, NetstatExplainerWidget } from './netstat-explainer.ts';
import { expectNoAxeViolations, openPage, watchRequests, type Theme, watchDialogs } from './site.ts';

const fixture = (path: string) => readFileSync(new URL(`../../src/core/sockets/fixtures/${path}`, import.meta.url), 'utf8');

async function open(page: Page, theme: Theme = 'light'): Promise<NetstatExplainerWidget> {
  await openPage(page, EXPLAINER_PAGE, theme);
  const w = new NetstatExplainerWidget(page);
  await w.ready();
  return w;
}

const SAMPLE_ROWS = [
  // [sample id, detected format as shown, socket rows]
  ['linux-ss-tulpn', 'Linux ss (iproute2)', 6],
  ['linux-netstat-tulpn', 'Linux netstat (net-tools)', 6],
  ['linux-ss-tan', 'Linux ss (iproute2)', 28], // TIME-WAIT and CLOSE-WAIT
  ['windows-netstat-ano', 'Windows netstat', 19],
  ['windows-netstat-ano-de', 'Windows netstat', 7], // German state words
  ['windows-netstat-anob', 'Windows netstat', 7], // owner lines under the rows are not rows
  ['macos-netstat-an', 'macOS / FreeBSD netstat', 23],
  ['freebsd-netstat-an', 'macOS / FreeBSD netstat', 6],
  ['lsof-i', 'lsof', 15],
  ['powershell-get-nettcpconnection', 'PowerShell', 9],
  ['mixed', 'several (Linux ss (iproute2), Linux netstat (net-tools))', 6], // two commands in one paste
] as const;

test.describe('netstat explainer on its own page', () => {
  test('says on the widget that nothing pasted leaves the browser', async ({ page }) => {
    const w = await open(page);
    await expect(w.root).toContainText('Nothing you paste leaves your browser.');
  });

  test('every sample shows its rows and its detected format', async ({ page }) => {
    const w = await open(page);
    for (const [id, format, rows] of SAMPLE_ROWS) {
      await w.pickSample(id);
      await expect(w.detected, id).toHaveText(`Detected format: ${format}`);
      await expect(w.rows, id).toHaveCount(rows);
      await expect(w.status, id).toContainText(`${rows} sockets`);
    }
  });

  test('the summary groups listeners by exposure, charts the states and lists findings in words', async ({ page }) => {
    const w = await open(page);
    await w.pickSample('windows-netstat-ano');
    await expect(w.summary).toContainText('All interfaces: 8 sockets');
    await expect(w.summary).toContainText('Loopback only: 4 sockets');
    await expect(w.chart).toHaveAttribute('aria-label', 'Bar chart: 19 sockets in 6 states; the most common is LISTEN with 8.');
    await expect(w.summary.locator('.chart li')).toContainText(['LISTEN: 8', 'SYN-SENT: 1', 'ESTABLISHED: 3', 'CLOSE-WAIT: 1', 'TIME-WAIT: 1', 'UDP: 5']);
    await expect(w.summary.locator('.remotes li').first()).toHaveText('20.121.118.190: 3 rows');
    // severities are written as words, not only coloured
    await expect(w.findings.filter({ hasText: 'Remote Desktop (RDP) (port 3389) listens on all interfaces' })).toContainText('Warning:');
    await expect(w.findings.filter({ hasText: 'SYN-SENT' })).toContainText('Warning:');
  });

  test('translated Windows state words are shown as LISTEN and ESTABLISHED, with what was printed', async ({ page }) => {
    const w = await open(page);
    await w.pasteText(fixture('windows-10-de/netstat-ano.txt'));
    await expect(w.detected).toHaveText('Detected format: Windows netstat');
    await expect(w.rows).toHaveCount(7);
    const listen = w.rows.filter({ hasText: '127.0.0.1:7999' }).first();
    await expect(listen.locator('.state')).toHaveText('LISTEN');
    await expect(listen).toContainText('printed ABHÖREN');
    await expect(w.rows.filter({ hasText: '127.0.0.1:50123' }).locator('.state')).toHaveText('ESTABLISHED');
    await expect(w.rows.filter({ hasText: '127.0.0.1:50123' })).toContainText('printed HERGESTELLT');

    await w.pasteText(fixture('windows-10-es/netstat-ano.txt'));
    await expect(w.rows.filter({ hasText: '10.0.0.12:3389' }).locator('.state')).toHaveText('ESTABLISHED');
    await expect(w.rows.filter({ hasText: '10.0.0.12:3389' })).toContainText('printed ESTABLECIDO');
  });

  test('garbage is listed line by line with the reason, nothing dropped silently', async ({ page }) => {
    const w = await open(page);
    await w.pasteText('hello world\nthis is not netstat\n\u0000\u0001\u0002 binary \u0007\ntcp   LISTEN 0 5 127.0.0.1');
    await expect(w.detected).toHaveText('Detected format: not recognised');
    await expect(w.status).toContainText('4 lines read: 0 sockets');
    await expect(w.rowCount).toContainText('No socket rows');
    await expect(w.issues.filter({ hasText: 'Whole paste' })).toContainText('No socket table recognised');
    await expect(w.issues.filter({ hasText: 'Line 1' })).toContainText('Not understood:');
    await expect(w.issues.filter({ hasText: 'Line 2' })).toContainText('this is not netstat');
    await expect(w.issues.filter({ hasText: 'Line 3' })).toContainText('binary data');
    await expect(w.issues.filter({ hasText: 'Line 4' })).toContainText('cut short');
  });

  test('HTML and script inside the paste are shown as text and never run', async ({ page }) => {
    const dialogs = watchDialogs(page);
    const w = await open(page);
    const count = () => page.evaluate(() => ({ img: document.querySelectorAll('img').length, script: document.querySelectorAll('script').length, all: document.querySelectorAll('.netstat-explainer *').length }));
    const before = await count();
    const attack = [
      'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
      'tcp   LISTEN 0      5          127.0.0.1:8080       0.0.0.0:*    users:(("<img src=x onerror=alert(1)>",pid=7,fd=3))',
      'tcp   LISTEN 0      5          127.0.0.1:8081       0.0.0.0:*    users:(("<script>alert(1)</script>",pid=8,fd=3))',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
    ].join('\n');
    await w.pasteText(attack);
    await expect(w.rows).toHaveCount(2);
    await expect(w.rows.first()).toContainText('<img src=x onerror=alert(1)> (PID 7)');
    await expect(w.rows.nth(1)).toContainText('<script>alert(1)</script> (PID 8)');
    await expect(w.issues.filter({ hasText: 'Line 4' })).toContainText('<script>alert(1)</script>');
    await expect(w.issues.filter({ hasText: 'Line 5' })).toContainText('Looks like HTML');
    await w.rowToggle(2).click();
    await expect(w.explanation(2).locator('pre')).toHaveText(attack.split('\n')[1]!);
    await page.waitForTimeout(300); // give an injected onerror a chance to fire
    const after = await count();
    expect([after.img, after.script]).toEqual([before.img, before.script]);
    expect(await page.locator('.netstat-explainer img, .netstat-explainer script').count()).toBe(0);
    expect(after.all).toBeGreaterThan(before.all); // the rows did render
    expect(dialogs()).toBe(false);
  });

  test('a 10 MB paste of 100,000 lines keeps the page responsive and gets its answer', async ({ page }) => {
    test.setTimeout(120_000);
    const w = await open(page);
    await w.pickSample('linux-ss-tan');
    await expect(w.rows).toHaveCount(28);
    // Build the paste inside the page (no 10 MB round trip through the test driver) and paste it
    // the way the browser does: a paste event carrying the clipboard's text.
    const size = await w.paste.evaluate((el) => {
      const lines: string[] = ['State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process'];
      for (let i = 0; i < 100_000; i++) {
        const state = i % 10 === 0 ? 'TIME-WAIT ' : 'ESTAB     ';
        lines.push(`${state} 0      0      10.0.${(i >> 8) & 255}.${i & 255}:${20000 + (i % 40000)}    93.184.216.${i % 7}:443`.padEnd(100, ' '));
      }
      const text = lines.join('\n');
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      (el as HTMLTextAreaElement).select(); // select all, then paste over the sample
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      return text.length;
    });
    expect(size).toBeGreaterThanOrEqual(10_000_000);
    // While the worker reads, the page answers: a frame is drawn and typing shows at once.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(w.paste).toHaveJSProperty('readOnly', true); // the box shows a preview, not 10 MB
    await expect(w.root).toContainText('A large paste (10.1 million characters)');
    expect((await w.paste.inputValue()).split('\n')).toHaveLength(200);
    const find = w.filter('Find');
    await find.fill('93.184.216.3:443');
    await expect(find).toHaveValue('93.184.216.3:443', { timeout: 3_000 });
    // The answer: every line read, a page of rows in the DOM, not 100,000.
    await expect(w.status).toContainText('100,001 lines read: 100,000 sockets', { timeout: 60_000 });
    await expect(w.rowCount).toContainText('of 14,286 matching rows (100,000 in all)', { timeout: 30_000 });
    await find.fill('');
    await expect(w.rowCount).toContainText('Showing 500 of 100,000 rows', { timeout: 30_000 });
    await expect(w.rows).toHaveCount(500);
    await expect(w.findings.filter({ hasText: 'sit in TIME-WAIT' }).first()).toContainText('Warning:');
    await w.button('Show 500 more rows').click();
    await expect(w.rows).toHaveCount(1_000);
  });

  test('a row opens to its explanation with the original line beside it, from the keyboard too', async ({ page }) => {
    const w = await open(page);
    await w.pickSample('linux-ss-tulpn');
    const toggle = w.rowToggle(4);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = w.explanation(4);
    await expect(details.locator('pre')).toHaveText(fixture('debian-12/ss-tulpn.txt').split('\n')[3]!);
    await expect(details).toContainText('Recv-Q 1 = connections that finished the handshake');
    await expect(details).toContainText('Listens on the loopback address 127.0.0.1 only');
    await expect(details).toContainText('Owned by portlab srv (PID 18847)');
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(details).toHaveCount(0);
  });

  test('sorting by a column and filtering by state, protocol, exposure and text', async ({ page }) => {
    const w = await open(page);
    await w.pickSample('windows-netstat-ano');
    await expect(w.rows).toHaveCount(19);

    await w.sortBy('State').click();
    await expect(w.column('State')).toHaveAttribute('aria-sort', 'ascending');
    expect((await w.states())[0]).toContain('LISTEN'); // the header changes with the rows it describes
    await w.sortBy('State').press('Enter'); // keyboard: the same button reverses
    await expect(w.column('State')).toHaveAttribute('aria-sort', 'descending');
    expect((await w.states())[0]).toContain('UDP');
    await w.sortBy('Local address').click();
    await expect(w.column('State')).not.toHaveAttribute('aria-sort', /./);
    await expect(w.rows.first()).toContainText('0.0.0.0:135');

    await w.filter('State').selectOption('TIME-WAIT');
    await expect(w.rows).toHaveCount(1);
    await expect(w.rows.first()).toContainText('192.168.1.7:55810');
    await w.filter('State').selectOption('all');
    await w.filter('Protocol').selectOption('udp');
    await expect(w.rows).toHaveCount(5);
    await w.filter('Protocol').selectOption('all');
    await w.filter('Exposure').selectOption('loopback');
    await expect(w.rows).toHaveCount(4);
    await w.filter('Exposure').selectOption('connections');
    await expect(w.rows).toHaveCount(6);
    await w.filter('Exposure').selectOption('all');
    await w.filter('Find').fill('15128');
    await expect(w.rows).toHaveCount(2);
    await expect(w.rowCount).toContainText('Showing 2 of 2 matching rows (19 in all)');
    await w.button('Clear filters').click();
    await expect(w.rows).toHaveCount(19);
  });

  test('the format can be forced, and detection comes back with Automatic', async ({ page }) => {
    const w = await open(page);
    await w.pickSample('linux-ss-tulpn');
    await w.readAs.selectOption('windows-netstat');
    await expect(w.detected).toContainText('Read as: Windows netstat (your choice, and no line reads that way;');
    await expect(w.rows).toHaveCount(0);
    await expect(w.issues.filter({ hasText: 'Line 2' })).toContainText('Not understood:');
    await w.readAs.selectOption('ss');
    await expect(w.detected).toContainText('Read as: Linux ss (iproute2)');
    await expect(w.rows).toHaveCount(6);
    await w.readAs.selectOption('auto');
    await expect(w.detected).toHaveText('Detected format: Linux ss (iproute2)');
  });

  test('exports the rows shown as CSV and Markdown, made in the browser', async ({ page }) => {
    const w = await open(page);
    await w.pickSample('linux-ss-tan');
    await w.filter('State').selectOption('TIME-WAIT');
    await expect(w.rows).toHaveCount(12);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), w.button('Download CSV').click()]);
    expect(csvDownload.suggestedFilename()).toBe('socket-table.csv');
    expect(csvDownload.url()).toMatch(/^blob:/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    const records = csv.trimEnd().split('\r\n');
    expect(records[0]!.startsWith('line,proto,family,local_address,local_port')).toBe(true);
    expect(records.length).toBeGreaterThanOrEqual(13);
    expect(csv).toContain('127.0.0.1,46410,127.0.0.1,18081,TIME-WAIT,TIME-WAIT');
    expect(csv.match(/,TIME-WAIT,TIME-WAIT,/g)).toHaveLength(12);
    await expect(w.root).toContainText('Saved socket-table.csv with 12 rows.');

    const [mdDownload] = await Promise.all([page.waitForEvent('download'), w.button('Download Markdown').click()]);
    expect(mdDownload.suggestedFilename()).toBe('socket-table.md');
    const md = readFileSync((await mdDownload.path())!, 'utf8');
    expect(md).toContain('# Socket table explained');
    expect(md).toContain('29 lines pasted; 12 rows (filtered).');
    expect(md.split('\n').filter((l) => /^\| \d+ \| tcp/.test(l))).toHaveLength(12);
    expect(md).toContain('| 9 | tcp | 127.0.0.1:46410 | 127.0.0.1:18081 | TIME-WAIT |');
  });

  test('pasting, choosing, sorting and filtering send no request anywhere', async ({ page, baseURL }) => {
    const w = await open(page);
    await page.waitForLoadState('networkidle'); // the registry and the worker script load once, before
    const requests = watchRequests(page, baseURL!);
    await w.pasteText(`${fixture('windows-10-en/netstat-ano.txt')}\nmy-secret-hostname.internal`);
    await expect(w.rows).toHaveCount(19);
    await w.pickSample('linux-ss-tan');
    await expect(w.rows).toHaveCount(28);
    await w.sortBy('Remote address').click();
    await w.filter('State').selectOption('CLOSE-WAIT');
    await expect(w.rows).toHaveCount(3);
    await w.rowToggle(5).click();
    await page.waitForTimeout(300); // give any stray beacon a chance to be seen
    expect(requests.all()).toEqual([]);
  });

  test('fits a 320 px screen: the table scrolls in its own box, the page does not', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const w = await open(page);
    await w.pickSample('windows-netstat-ano');
    await w.rowToggle(17).click();
    await expect(w.explanation(17)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await w.root.locator('.rows .scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
  });

  test('with reduced motion the disclosure does not animate', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const w = await open(page);
    await w.pickSample('linux-ss-tulpn');
    const duration = await w.rowToggle(2).locator('.chevron').evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
    expect(duration).toBeLessThanOrEqual(0.00001);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds nothing with a table, findings and an open row in the ${theme} theme`, async ({ page }) => {
      const w = await open(page, theme);
      await w.pasteText(`${fixture('debian-12/ss-tan.txt')}not a socket line\n`);
      await expect(w.issues.filter({ hasText: 'Line 30' })).toContainText('Not understood:');
      await w.sortBy('State').click();
      await w.rowToggle(5).click();
      await expect(w.explanation(5)).toBeVisible();
      await expectNoAxeViolations(page, `${EXPLAINER_PAGE} with results (${theme})`);
    });
  }
});
