import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DECODER_PAGE, HeaderDecoderWidget } from './header-decoder.ts';
import { expectNoAxeViolations, hydrateAll, openPage, watchRequests, type Theme, watchDialogs } from './site.ts';

const FIXTURES = new URL('../../src/core/wire/fixtures/', import.meta.url).pathname;
const paste = (name: string) => readFileSync(`${FIXTURES}paste/${name}`, 'utf8');

async function open(page: Page, theme: Theme = 'light'): Promise<HeaderDecoderWidget> {
  await openPage(page, DECODER_PAGE, theme);
  const w = new HeaderDecoderWidget(page);
  await w.ready();
  return w;
}

const SAMPLES = [
  // [title in the picker, layers, start of the summary]
  ['SYN with options', ['eth', 'ip', 'tcp'], '192.0.2.10:51000 → 198.51.100.20:80 TCP [SYN]'],
  ['SYN-ACK', ['eth', 'ip', 'tcp'], '198.51.100.20:80 → 192.0.2.10:51000 TCP [SYN, ACK]'],
  ['IPv6 TCP with data', ['eth', 'ipv6', 'tcp', 'data'], '[2001:db8::10]:51010 → [2001:db8:1::20]:80 TCP [PSH, ACK]'],
  ['UDP DNS query', ['eth', 'ip', 'udp', 'data'], '192.0.2.10:53124 → 192.0.2.53:53 UDP'],
  ['Truncated frame', ['eth', 'ip', 'tcp'], '192.0.2.10:51000 → 198.51.100.20:80 TCP (truncated header)'],
  ['TLS ClientHello', ['eth', 'ip', 'tcp', 'tls'], '192.0.2.10:51002 → 198.51.100.20:443 TCP [PSH, ACK]'], // SNI www.example.com
] as const;

test.describe('packet header decoder on its own page', () => {
  test('says on the widget that nothing pasted or opened leaves the browser', async ({ page }) => {
    const w = await open(page);
    await expect(w.root).toContainText('Nothing you paste or open leaves your browser.');
  });

  test('every sample decodes with the right layers', async ({ page }) => {
    const w = await open(page);
    for (const [title, layers, summary] of SAMPLES) {
      await w.pickSample(title);
      await expect(w.summary, title).toContainText(summary);
      expect(await w.layerNames(), title).toEqual(layers);
    }
    await expect(w.summary).toContainText('SNI www.example.com');
  });

  test('focusing a field lights up its bytes, focusing a byte lights up its field (keyboard only)', async ({ page }) => {
    const w = await open(page);
    // Field → bytes: the source port is bytes 34 and 35 (after 14 bytes of Ethernet and 20 of IPv4).
    await w.field('tcp.srcport').focus();
    await expect(w.litBytes).toHaveCount(2);
    await expect(w.byte(34)).toHaveClass(/\blit\b/);
    await expect(w.byte(35)).toHaveClass(/\blit\b/);
    // Byte → field: Tab into the grid, then arrows to byte 47 (TCP byte 13, the flags).
    await w.byte(0).focus();
    await expect(w.byte(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await expect(w.byte(47)).toBeFocused();
    await expect(w.field('tcp.flags.syn')).toHaveClass(/\blit\b/);
    await expect(w.field('tcp.flags.ack')).toHaveClass(/\blit\b/);
    await expect(w.field('tcp.srcport')).not.toHaveClass(/\blit\b/);
    // Enter opens the details of the field, with its explanation, RFC and Wireshark id.
    await w.field('tcp.flags.syn').focus();
    await page.keyboard.press('Enter');
    await expect(w.field('tcp.flags.syn')).toHaveAttribute('aria-expanded', 'true');
    await expect(w.root.locator('.details')).toContainText('RFC 9293');
    await expect(w.root.locator('.details')).toContainText('tcp.flags.syn');
  });

  test('the TCP header is drawn as a bit diagram with the flags one bit wide', async ({ page }) => {
    const w = await open(page);
    const diagram = w.root.getByRole('group', { name: /Transmission Control Protocol.*bit diagram/ });
    await expect(diagram).toBeVisible();
    await expect(diagram.locator('.cell').filter({ hasText: /^SYN/ })).toContainText('1');
    await expect(diagram.locator('.cell').filter({ hasText: /^FIN/ })).toContainText('0');
  });

  test('says what a single packet cannot tell', async ({ page }) => {
    const w = await open(page);
    await expect(w.limits.filter({ hasText: 'Relative sequence' })).toHaveCount(1);
    await expect(w.limits.filter({ hasText: '2^shift' })).toHaveCount(1);
  });

  test('a pasted tcpdump -XX dump is detected and its packets listed', async ({ page, baseURL }) => {
    const w = await open(page);
    await page.waitForLoadState('networkidle');
    const requests = watchRequests(page, baseURL!);
    await w.pasteText(paste('tcpdump-XX.txt'));
    await expect(w.detected).toContainText('Detected format: tcpdump');
    await expect(w.status).toContainText('4 packets read');
    await expect(w.packetRows).toHaveCount(4);
    await expect(w.summary).toContainText('127.0.0.1:40002 → 127.0.0.1:5300 UDP');
    await w.packetRows.nth(1).click();
    await expect(w.summary).toContainText('127.0.0.1:5300 → 127.0.0.1:40002 UDP');
    expect(requests.all()).toEqual([]);
  });

  test('a .pcap and a .pcapng file open in the browser, and a packet can be picked', async ({ page, baseURL }) => {
    const w = await open(page);
    await page.waitForLoadState('networkidle');
    const requests = watchRequests(page, baseURL!);
    await w.file.setInputFiles(`${FIXTURES}ipv4-tcp-http.pcap`);
    await expect(w.detected).toContainText('ipv4-tcp-http.pcap');
    await expect(w.packetRows).toHaveCount(10);
    await w.packetRows.nth(1).click();
    await expect(w.summary).toContainText('127.0.0.1:8080 → 127.0.0.1:40001 TCP [SYN, ACK]');
    await expect(w.packetRows.nth(1)).toHaveAttribute('aria-current', 'true');

    await w.file.setInputFiles(`${FIXTURES}ipv6-loopback.pcapng`);
    await expect(w.detected).toContainText('pcapng');
    await expect(w.packetRows).toHaveCount(14);
    await expect(w.summary).toContainText('[::1]:40004 → [::1]:8080 TCP [SYN]');
    expect(requests.all()).toEqual([]);
  });

  test('a file that is not a capture is reported with its byte offset', async ({ page }) => {
    const w = await open(page);
    await w.file.setInputFiles({ name: 'notes.pcap', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, this is text') });
    await expect(w.inputIssues.first()).toContainText('Error at file byte 0: Wrong magic number');
  });

  test.describe('bad input', () => {
    test('an odd number of hex digits is reported with its line and column, and the bytes read are decoded', async ({ page }) => {
      const w = await open(page);
      await w.pasteText('45000');
      await expect(w.inputIssues.filter({ hasText: 'Odd number of hex digits' })).toContainText('line 1, column 5');
      await expect(w.packetIssues.first()).toContainText(/byte \d+/);
    });

    test('non-hex characters are skipped and reported with their place', async ({ page }) => {
      const w = await open(page);
      await w.pasteText('45 00 zz 11');
      await expect(w.inputIssues.filter({ hasText: 'Not hex: "zz" skipped' })).toContainText('line 1, column 7');
    });

    test('an empty paste says there is nothing to decode', async ({ page }) => {
      const w = await open(page);
      await w.pasteText('4500');
      await expect(w.status).toContainText('1 packet read');
      await w.pasteText('');
      await expect(w.inputIssues.first()).toContainText('Nothing to decode');
      await expect(w.root).toContainText('Paste bytes above, open a capture, or pick a sample.');
    });

    test('the truncated frame marks its undecoded bytes with their offset and the reason', async ({ page }) => {
      const w = await open(page);
      await w.pickSample('Truncated frame');
      await expect(w.packetIssues.first()).toContainText('Bytes 42–43 (from byte 42): not decoded, truncated');
      await expect(w.packetIssues.filter({ hasText: 'snap length' })).toHaveCount(1);
      await expect(w.byte(42)).toHaveAccessibleName(/not decoded/);
    });

    test('an XSS payload is shown as text and runs nothing', async ({ page }) => {
      const w = await open(page);
      const dialog = watchDialogs(page);
      const before = await page.evaluate(() => document.querySelectorAll('img, script').length);
      await w.pasteText('<img src=x onerror=alert(1)><script>alert(2)</script>');
      await expect(w.inputIssues.filter({ hasText: '("<img")' })).toHaveCount(1);
      await expect(w.inputIssues.filter({ hasText: 'No bytes found' })).toHaveCount(1);
      expect(await page.evaluate(() => document.querySelectorAll('img, script').length)).toBe(before);
      expect(dialog()).toBe(false);
    });

    test('a 10 MB paste keeps the page responsive and gets its answer', async ({ page }) => {
      test.setTimeout(120_000);
      const w = await open(page);
      // Build the paste in the page and paste it the way the browser does (a paste event).
      // tcpdump -XX output of four packets, repeated to 10 MB, built in the page (no 10 MB round
      // trip through the test driver) and pasted the way the browser does: a paste event.
      const dump = paste('tcpdump-XX.txt');
      const { size, copies } = await w.paste.evaluate((el, one) => {
        const copies = Math.ceil(10_000_000 / one.length);
        const text = one.repeat(copies);
        const clipboardData = new DataTransfer();
        clipboardData.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
        return { size: text.length, copies };
      }, dump.endsWith('\n') ? dump : dump + '\n');
      expect(size).toBeGreaterThanOrEqual(10_000_000);
      const t0 = Date.now();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      expect(Date.now() - t0).toBeLessThan(1_000);
      await expect(w.paste).toHaveJSProperty('readOnly', true);
      await expect(w.root).toContainText('A large paste (');
      const packets = copies * 4;
      await expect(w.status).toContainText(`${packets.toLocaleString('en')} packets read`, { timeout: 60_000 });
      await expect(w.packetRows).toHaveCount(200); // one page of the list, not every packet
      await w.root.getByRole('button', { name: 'Next page' }).click();
      await expect(w.root).toContainText(`Page 2 of ${Math.ceil(packets / 200).toLocaleString('en')}`);
    });
  });

  test('editing the source port re-encodes the packet and recomputes the TCP checksum', async ({ page }) => {
    const w = await open(page);
    await w.field('tcp.srcport').click();
    const input = w.root.getByLabel('Craft: new value for Source port');
    await input.fill('12345');
    await w.root.getByRole('button', { name: 'Apply' }).click();
    await expect(w.summary).toContainText('192.0.2.10:12345 →');
    await expect(w.recomputed.filter({ hasText: 'tcp.checksum' })).toHaveCount(1);
    await expect(w.root.locator('.crafted')).toContainText('Re-encoded.');
    // the new checksum verifies
    await expect(w.fieldNote('tcp.checksum')).toContainText('correct');
    await w.root.getByRole('button', { name: 'Undo edits' }).click();
    await expect(w.summary).toContainText('192.0.2.10:51000 →');
  });

  test('setting the SYN flag off via its checkbox recomputes the checksum', async ({ page }) => {
    const w = await open(page);
    await w.field('tcp.flags.syn').click();
    await w.root.getByLabel('Craft: set SYN', { exact: false }).uncheck();
    await expect(w.summary).not.toContainText('[SYN]');
    await expect(w.recomputed.filter({ hasText: 'tcp.checksum' })).toHaveCount(1);
  });

  test('a field links to the lesson that covers it, once that lesson is published', async ({ page }) => {
    const w = await open(page);
    await w.field('tcp.window_size_value').click();
    await expect(w.root.locator('.details').getByRole('link', { name: 'Anatomy of a TCP segment' })).toHaveAttribute('href', '/course/tcp-segment-anatomy/');
    await w.field('eth.dst').click(); // Ethernet has no lesson: no link
    await expect(w.root.locator('.details')).toHaveCount(1);
    await expect(w.root.locator('.details').getByRole('link')).toHaveCount(0);
  });

  test('with reduced motion nothing animates', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const w = await open(page);
    const duration = await w.field('tcp.srcport').evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
    expect(duration).toBeLessThanOrEqual(0.00001); // the site-wide reduced-motion rule (tokens.css)
  });

  test('fits a 320 px screen: the byte grid scrolls in its own labelled box, the page does not', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const w = await open(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const grid = w.root.getByRole('group', { name: /^Packet bytes/ });
    await expect(grid).toHaveAttribute('tabindex', '0');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds nothing with a field open and issues shown in the ${theme} theme`, async ({ page }) => {
      const w = await open(page, theme);
      await w.pickSample('Truncated frame');
      await w.field('ip.ttl').click();
      await w.field('ip.ttl').focus();
      await expect(w.root.locator('.details')).toBeVisible();
      await expectNoAxeViolations(page, `${DECODER_PAGE} (${theme}, field open)`);
    });
  }
});

test.describe('packet header decoder in the lesson', () => {
  test('each embed emphasises what its section teaches, with the paste box behind a disclosure', async ({ page }) => {
    await openPage(page, '/course/tcp-segment-anatomy/');
    await page.locator('.header-decoder').first().waitFor();
    const count = await page.locator('.header-decoder').count();
    expect(count).toBeLessThanOrEqual(5);
    await hydrateAll(page);
    const flags = new HeaderDecoderWidget(page, 1);
    await expect(flags.summary).toContainText('[SYN, ACK]');
    await expect(flags.field('tcp.flags.syn')).toHaveClass(/\bmarked\b/);
    await expect(flags.field('tcp.flags.syn')).toContainText('lesson focus');
    await expect(flags.field('tcp.srcport')).not.toHaveClass(/\bmarked\b/);
    // the first emphasised field starts open
    await expect(flags.root.locator('.details')).toHaveCount(1);
    await expect(flags.paste).toBeHidden();
    await flags.root.getByText('Paste your own bytes or open a capture file').click();
    await expect(flags.paste).toBeVisible();
    const ip = new HeaderDecoderWidget(page, 3);
    await expect(ip.field('ip.ttl')).toHaveClass(/\bmarked\b/);
    await expect(ip.field('tcp.srcport')).not.toHaveClass(/\bmarked\b/);
  });
});
