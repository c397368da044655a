import { expect, test } from '@playwright/test';
import { openPage, PortLookupWidget } from './site.ts';

test.describe('a lesson read with JavaScript switched off', () => {
  test.use({ javaScriptEnabled: false });

  test('OS tabs switch between Linux, macOS and Windows commands', async ({ page }) => {
    await page.goto('/course/ports/');
    const tabs = page.locator('.os-tabs').first();
    const linux = tabs.locator('[data-os="linux"]');
    const windows = tabs.locator('[data-os="windows"]');
    await expect(linux).toBeVisible();
    await expect(windows).toBeHidden();
    await tabs.locator('label', { hasText: 'Windows' }).click();
    await expect(windows).toBeVisible();
    await expect(linux).toBeHidden();
  });

  test('the OS tabs work from the keyboard', async ({ page }) => {
    await page.goto('/course/ports/');
    const tabs = page.locator('.os-tabs').first();
    await tabs.getByRole('radio', { name: 'Linux' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('radio', { name: 'macOS' })).toBeChecked();
    await expect(tabs.locator('[data-os="macos"]')).toBeVisible();
  });

  test('the self-check explains each answer as soon as it is picked', async ({ page }) => {
    await page.goto('/course/ports/');
    const first = page.locator('.self-check fieldset').first();
    const feedback = first.locator('.self-check__feedback');
    await expect(feedback.first()).toBeHidden();
    const options = first.getByRole('radio');
    const n = await options.count();
    let sawCorrect = false;
    let sawWrong = false;
    for (let i = 0; i < n; i++) {
      await options.nth(i).check();
      const shown = first.locator('.self-check__feedback:visible');
      await expect(shown).toHaveCount(1);
      const text = (await shown.textContent()) ?? '';
      if (text.includes('Correct')) sawCorrect = true;
      if (text.includes('Not quite')) sawWrong = true;
    }
    expect(sawCorrect && sawWrong).toBe(true);
  });

  test('the widget says it needs JavaScript instead of leaving a dead box', async ({ page }) => {
    await page.goto('/course/ports/');
    // Chromium parses <noscript> as text when scripts are disabled by emulation, so read its source.
    const notes = await page.locator('noscript').allTextContents();
    expect(notes.join(' ')).toContain('The port lookup needs JavaScript.');
  });
});

test('the Ports lesson embeds a working port lookup', async ({ page }) => {
  await openPage(page, '/course/ports/');
  const w = new PortLookupWidget(page);
  await w.ready();
  await w.ask('0');
  await expect(w.results).toContainText('ephemeral port');
});
