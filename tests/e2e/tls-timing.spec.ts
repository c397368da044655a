import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchRequests } from './site.ts';
import { TlsTimingWidget } from './tls-timing.ts';

test.describe('TLS handshake timing on its own page', () => {
  // Most tests read the ladders at rest, so motion is off: every step is a jump.
  test.use({ reducedMotion: 'reduce' });

  test('the default comparison shows TCP + TLS 1.2 against TCP + TLS 1.3 with round trips and first bytes', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await expect(w.preset(1)).toHaveValue('tcp-tls12');
    await expect(w.preset(2)).toHaveValue('tcp-tls13');
    await expect(w.rttValue).toHaveText('100 ms');
    await expect(w.ttfb).toContainText('TCP + TLS 1.2: 3 round trips before the request · first byte at 400 ms');
    await expect(w.ttfb).toContainText('TCP + TLS 1.3: 2 round trips before the request · first byte at 300 ms');
    await expect(w.caption(1)).toHaveText('The client sends SYN to open a TCP connection to port 443 (RFC 9293 §3.5).');
  });

  test('moving the RTT slider by keyboard (End, Home, arrows) changes the time-to-first-byte numbers', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.slider.focus();
    await page.keyboard.press('End');
    await expect(w.rttValue).toHaveText('1000 ms');
    await expect(w.slider).toHaveAttribute('aria-valuetext', '1000 ms');
    await expect(w.ttfb).toContainText('TCP + TLS 1.2: 3 round trips before the request · first byte at 4 s');
    await expect(w.ttfb).toContainText('TCP + TLS 1.3: 2 round trips before the request · first byte at 3 s');
    await page.keyboard.press('Home');
    await expect(w.rttValue).toHaveText('1 ms');
    await expect(w.ttfb).toContainText('first byte at 4 ms');
    await expect(w.ttfb).toContainText('first byte at 3 ms');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await expect(w.rttValue).toHaveText('3 ms');
    await expect(w.slider).toHaveAttribute('aria-valuetext', '3 ms');
    await expect(w.ttfb).toContainText('TCP + TLS 1.2: 3 round trips before the request · first byte at 12 ms');
    await expect(w.ttfb).toContainText('TCP + TLS 1.3: 2 round trips before the request · first byte at 9 ms');
    // The ladders re-run too: their row times follow the new RTT.
    await expect(w.run(1).locator('.ladder text.time').nth(1)).toHaveText('1.5 ms');
  });

  test('stepping advances both ladders together and shows ServerHello before EncryptedExtensions', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await expect(w.arrows(1)).toHaveCount(1);
    await expect(w.arrows(2)).toHaveCount(1);
    await w.next(3);
    await expect(w.playerCaption).toContainText('Step 4 of 9: At 150 ms');
    await expect(w.caption(2)).toHaveText(
      'The server receives the ClientHello and sends ServerHello in clear, then, encrypted, EncryptedExtensions, Certificate, CertificateVerify and Finished (RFC 8446 §2).',
    );
    await expect(w.caption(1)).toContainText('sends ServerHello, Certificate, ServerKeyExchange and ServerHelloDone in clear (RFC 5246 §7.3)');
    await expect(w.arrows(1)).toHaveCount(4);
    await expect(w.arrows(2)).toHaveCount(4);
    const label = (await w.arrows(2).nth(3).locator('text.label').textContent()) ?? '';
    expect(label.indexOf('ServerHello')).toBeGreaterThanOrEqual(0);
    expect(label.indexOf('ServerHello')).toBeLessThan(label.indexOf('{EncryptedExtensions}'));
    await w.next();
    await expect(w.caption(2)).toContainText('The client sends Finished and the HTTP request, encrypted');
    await w.button('◀ Back').click();
    await expect(w.arrows(2)).toHaveCount(4);
  });

  test('a run that is finished says so while the other keeps going', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.button('Last').click();
    await expect(w.playerCaption).toContainText('Step 9 of 9');
    await expect(w.caption(1)).toContainText('The first byte of the response arrives at 400 ms: 3 round trips before the request');
    await expect(w.caption(2)).toHaveText('Nothing more happens here: the first byte arrived at 300 ms, after 2 round trips before the request.');
  });

  const PRESETS = [
    // [preset, title, flights, first byte at 100 ms RTT]
    ['tcp-tls12', 'TCP + TLS 1.2', 8, '400 ms'],
    ['tcp-tls13', 'TCP + TLS 1.3', 6, '300 ms'],
    ['tcp-tls13-hello-retry', 'TCP + TLS 1.3 with HelloRetryRequest', 8, '400 ms'],
    ['tcp-tls13-0rtt', 'TCP + TLS 1.3 0-RTT', 5, '200 ms'],
    ['quic', 'QUIC (HTTP/3)', 4, '200 ms'],
    ['quic-0rtt', 'QUIC 0-RTT', 4, '100 ms'],
  ] as const;

  for (const [name, title, flights, firstByte] of PRESETS) {
    test(`preset ${name} loads, steps to its first byte at ${firstByte} and draws ${flights} flights`, async ({ page }) => {
      const w = new TlsTimingWidget(page);
      await w.open();
      await w.preset(1).selectOption(name);
      await expect(w.run(1).getByRole('heading')).toHaveText(`Connection 1: ${title}`);
      await expect(w.ttfb).toContainText(`${title}: `);
      await w.stepUntil(1, `The first byte of the response arrives at ${firstByte}`);
      if (await w.button('Last').isEnabled()) await w.button('Last').click();
      await expect(w.arrows(1)).toHaveCount(flights);
    });
  }

  test('choosing presets by mouse and keyboard changes the ladders, the lanes and the bars', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.preset(2).selectOption('quic');
    await expect(w.run(2).locator('.lane-sub').nth(1)).toHaveText('203.0.113.10:443 UDP');
    await expect(w.ttfb).toContainText('QUIC (HTTP/3): 1 round trip before the request · first byte at 200 ms');
    await expect(w.caption(2)).toContainText('in a QUIC Initial packet');
    await w.preset(1).focus();
    await page.keyboard.press('ArrowDown'); // next in the list: TCP + TLS 1.3
    await expect(w.preset(1)).toHaveValue('tcp-tls13');
    await expect(w.ttfb).toContainText('TCP + TLS 1.3: 2 round trips before the request · first byte at 300 ms');
    await expect(w.ttfb).not.toContainText('TCP + TLS 1.2');
    await w.button('Last').click();
    await expect(w.arrows(1)).toHaveCount(6);
    await expect(w.arrows(2)).toHaveCount(4);
  });

  test('the observer panel shows ports, the SNI, and the TLS 1.2 certificate in clear but TLS 1.3 encrypted', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await expect(w.observer(1)).toContainText('TCP: 192.0.2.10:49152 → 203.0.113.10:443');
    await expect(w.observer(1).getByTestId('sni')).toHaveText('not seen yet');
    await w.next(2); // 100 ms: the ClientHellos leave
    await expect(w.observer(1).getByTestId('sni')).toHaveText('example.com');
    await expect(w.observer(2).getByTestId('sni')).toHaveText('example.com');
    await expect(w.observer(1).getByTestId('certificate')).toHaveText('not sent yet');
    await w.next(); // 150 ms: the servers answer
    await expect(w.observer(1).getByTestId('certificate')).toHaveText('readable: the server’s identity and who vouched for it');
    await expect(w.observer(2).getByTestId('certificate')).toHaveText('encrypted: only the size of the records');
    await expect(w.observer(2)).toContainText('ServerHello in clear (the chosen cipher suite and key share), then encrypted records: only their sizes and timing.');
    await w.preset(2).selectOption('quic-0rtt');
    await expect(w.observer(2)).toContainText('UDP: 192.0.2.10:49152 → 203.0.113.10:443');
    await expect(w.observer(2).getByTestId('certificate')).toHaveText('not sent: the session resumes with a pre-shared key');
    await expect(w.observer(2)).toContainText('replay');
  });

  test('the text alternative lists every event of each run and marks the current step', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.next(3);
    const table = await w.openTable('TCP + TLS 1.2');
    // 8 flights sent and received, 4 milestones, the end, and the header row.
    await expect(table.getByRole('row')).toHaveCount(8 * 2 + 4 + 1 + 1);
    await expect(table.getByRole('row', { name: /ServerHello; Certificate; ServerKeyExchange; ServerHelloDone/ })).toHaveCount(1);
    await expect(table.getByRole('row', { name: /first-byte/ })).toContainText('4 round trips');
    await expect(table.locator('tr[aria-current="step"]')).toHaveCount(2); // at 150 ms: a receive and a send
  });

  test('every control works from the keyboard', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.button('Next ▶').focus();
    await page.keyboard.press('Enter');
    await expect(w.playerCaption).toContainText('Step 2 of 9');
    await page.keyboard.press('ArrowRight');
    await expect(w.playerCaption).toContainText('Step 3 of 9');
    await page.keyboard.press('End');
    await expect(w.playerCaption).toContainText('Step 9 of 9');
    // Next is disabled on the last step and loses focus; Play stays enabled.
    await w.button('Play ▶').focus();
    await page.keyboard.press('Home');
    await expect(w.playerCaption).toContainText('Step 1 of 9');
    // The ladders scroll in their own focusable boxes.
    await w.run(1).locator('.ladder').focus();
    await expect(w.run(1).locator('.ladder')).toBeFocused();
  });

  test('changing the RTT on the last step stays on the last step', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.button('Last').click();
    await w.slider.focus();
    await page.keyboard.press('End');
    await expect(w.playerCaption).toContainText('Step 9 of 9: At 4 s');
    await expect(w.caption(1)).toContainText('The first byte of the response arrives at 4 s');
  });

  test('with reduced motion a step draws its arrows whole at once', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.next();
    // At once, with no waiting: the SYN has reached the server lane.
    const reached = await w.run(1).evaluate((el) => {
      const line = el.querySelector('.arrow line');
      const lanes = el.querySelectorAll('line.lane');
      return Number(line?.getAttribute('x2')) === Number(lanes[1]?.getAttribute('x1'));
    });
    expect(reached).toBe(true);
  });

  test('fits a 320 px screen without scrolling the page sideways, and asks nothing of the network', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const requests = watchRequests(page, baseURL!);
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.button('Last').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(requests.foreign()).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no violations after interaction (${theme})`, async ({ page }) => {
      const w = new TlsTimingWidget(page);
      await w.open('/tools/tls-timing/', theme);
      await w.preset(2).selectOption('quic-0rtt');
      await w.next(3);
      await w.openTable('TCP + TLS 1.2');
      await expectNoAxeViolations(page, `tls-timing (${theme})`);
    });
  }
});

test.describe('TLS handshake timing with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('a step animates the arrow across instead of jumping', async ({ page }) => {
    const w = new TlsTimingWidget(page);
    await w.open();
    await w.next();
    // Mid-tween the SYN is drawn part of the way; it reaches the server lane when the tween ends.
    const partial = await w.run(1).evaluate((el) => {
      const line = el.querySelector('.arrow line');
      const lanes = el.querySelectorAll('line.lane');
      return Number(line?.getAttribute('x2') ?? lanes[0]?.getAttribute('x1')) < Number(lanes[1]?.getAttribute('x1'));
    });
    expect(partial).toBe(true);
    await expect
      .poll(() => w.run(1).evaluate((el) => Number(el.querySelector('.arrow line')?.getAttribute('x2')) === Number(el.querySelectorAll('line.lane')[1]?.getAttribute('x1'))))
      .toBe(true);
  });
});
