import { expect, test } from '@playwright/test';
import { hydrateAll, openPage } from './site.ts';

test('the landing page says what PortLab teaches and leads into the course and the tools', async ({ page }) => {
  await openPage(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PortLab');
  await expect(page.getByRole('heading', { name: 'Who it is for' })).toBeVisible();
  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page).toHaveURL(/\/course\/$/);
  await expect(page.locator('.outline li')).toHaveCount(13);
});

test('every lesson of the outline links to its page: none is left "coming soon"', async ({ page }) => {
  await openPage(page, '/course/');
  await expect(page.locator('.outline li', { hasText: 'coming soon' })).toHaveCount(0);
  await expect(page.locator('.outline li a')).toHaveCount(13);
});

test('the theme can be switched to dark and back', async ({ page }) => {
  await openPage(page, '/', 'light');
  await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

async function overflowAt(page: import('@playwright/test').Page, path: string): Promise<number> {
  await openPage(page, path);
  await hydrateAll(page);
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// Every page at 320 px and at 200 % zoom is checked in every-page.spec.ts (search in csp.spec.ts); a sample of pages at the other widths here.
for (const width of [768, 1280, 3840]) {
  test(`pages fit a ${width}px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const wide: string[] = [];
    for (const path of ['/', '/course/', '/course/ports/', '/tools/port-lookup/']) {
      const overflow = await overflowAt(page, path);
      if (overflow > 0) wide.push(`${path}: ${overflow}px too wide`);
    }
    expect(wide, `at ${width}px`).toEqual([]);
  });
}
