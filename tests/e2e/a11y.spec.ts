import { test } from '@playwright/test';
import { builtPages, expectNoAxeViolations, hydrateAll, openPage, type Theme } from './site.ts';

const pages = builtPages();
const themes: Theme[] = ['light', 'dark'];

test('the build produced pages to check', () => {
  test.expect(pages.length).toBeGreaterThanOrEqual(4);
});

for (const path of pages) {
  for (const theme of themes) {
    test(`axe finds nothing on ${path} in the ${theme} theme`, async ({ page }) => {
      await openPage(page, path, theme);
      await hydrateAll(page); // axe must see the widgets as users do, hydrated
      await expectNoAxeViolations(page, `${path} (${theme})`);
    });
  }
}
