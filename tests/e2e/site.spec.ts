import { expect, test } from '@playwright/test';
import { openPage } from './site.ts';

test('the landing page says what PortLab teaches and leads into the course and the tools', async ({ page }) => {
  await openPage(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PortLab');
  await expect(page.getByRole('heading', { name: 'Who it is for' })).toBeVisible();
  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page).toHaveURL(/\/course\/$/);
  await expect(page.locator('.outline li')).toHaveCount(13);
});

test('unwritten lessons are listed as coming soon, without a link', async ({ page }) => {
  await openPage(page, '/course/');
  const soon = page.locator('.outline li', { hasText: 'coming soon' });
  expect(await soon.count()).toBeGreaterThan(0);
  await expect(soon.locator('a')).toHaveCount(0);
});

test('search (Pagefind) finds a lesson', async ({ page }) => {
  await openPage(page, '/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.pagefind-ui__search-input').fill('ephemeral');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
});

test('the theme can be switched to dark and back', async ({ page }) => {
  await openPage(page, '/', 'light');
  await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

for (const width of [320, 768, 1280, 3840]) {
  test(`pages fit a ${width}px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/', '/course/', '/tools/port-lookup/']) {
      await openPage(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  });
}
