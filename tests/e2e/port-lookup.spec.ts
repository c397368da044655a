import { expect, test } from '@playwright/test';
import { openPage, PortLookupWidget, watchDialogs } from './site.ts';

test.describe('port lookup on its own page', () => {
  test.beforeEach(async ({ page }) => {
    await openPage(page, '/tools/port-lookup/');
    await new PortLookupWidget(page).ready();
  });

  test('a port number shows its range, IANA names and common use', async ({ page }) => {
    const w = new PortLookupWidget(page);
    await w.ask(' 443 ');
    await expect(w.results).toContainText('Port 443');
    await expect(w.results).toContainText('System Ports');
    await expect(w.results).toContainText('https');
    await expect(w.results).toContainText('HTTP/3');
  });

  test('a service name finds its port, whatever its case', async ({ page }) => {
    const w = new PortLookupWidget(page);
    await w.ask('HTTP');
    await expect(w.results).toContainText('is registered on port 80');
  });

  test('commonly attacked ports carry a security note', async ({ page }) => {
    const w = new PortLookupWidget(page);
    await w.ask('3389');
    await expect(w.results.getByText('Watch out:')).toBeVisible();
    await expect(w.results).toContainText('CVE-2019-0708');
  });

  test('out-of-range and odd input get a clear message', async ({ page }) => {
    const w = new PortLookupWidget(page);
    for (const [q, msg] of [
      ['65536', 'too large'],
      ['-1', 'negative'],
      ['1e3', 'did you mean 1000?'],
      ['0x50', 'hexadecimal'],
    ] as const) {
      await w.ask(q);
      await expect(w.results).toContainText(msg);
    }
  });

  test('markup typed into the box is shown as text and never runs', async ({ page }) => {
    const w = new PortLookupWidget(page);
    const dialogOpened = watchDialogs(page);
    await w.ask('<img src=x onerror=alert(1)>');
    await expect(w.results).toContainText('neither a port number nor a service name');
    await expect(page.locator('.port-lookup img')).toHaveCount(0);
    expect(dialogOpened()).toBe(false);
  });

  test('a 2 MB paste answers at once and the page keeps responding', async ({ page }) => {
    const w = new PortLookupWidget(page);
    await w.input.evaluate((el, size) => {
      const input = el as HTMLInputElement;
      input.value = 'x'.repeat(size);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, 2 * 1024 * 1024);
    await expect(w.results).toContainText('too long');
    await w.ask('22');
    await expect(w.results).toContainText('ssh');
  });

  test('suggestion buttons work from the keyboard', async ({ page }) => {
    const w = new PortLookupWidget(page);
    await w.ask('postgre');
    const suggestion = w.results.getByRole('button', { name: 'postgresql' });
    await suggestion.focus();
    await page.keyboard.press('Enter');
    await expect(w.input).toHaveValue('postgresql');
    await expect(w.results).toContainText('5432');
  });
});
