/**
 * Accessibility of every page (issue 8), in one visit per page: axe in the light and the dark
 * theme and in forced colours, with every widget hydrated as users see it (every rule in the light
 * theme; in the other two, which change only colours, the colour rules); in forced colours also
 * a visible focus indicator on the first dozen Tab stops, the widgets' drawings kept with enough
 * contrast, and the meanings colour carries written as text. Forced colours in the dark theme are
 * checked on the pages with widgets (Starlight's own chrome is the same on every page).
 */
import { expect, test } from '@playwright/test';
import { checkDrawings, checkFocusIndicators, checkMeaningInText, settledPaint, type Paint } from './forced-colours.ts';
import { builtPages, COLOUR_RULES, expectNoAxeViolations, hydrateAll, openPage, screenshot, setTheme, type Theme } from './site.ts';

const pages = builtPages();
const forcedDark = (path: string) => path === '/' || path.startsWith('/tools/') || path.startsWith('/present/handshake');

test('the build produced pages to check', () => {
  expect(pages.length).toBeGreaterThanOrEqual(4);
});

for (const path of pages) {
  test(`${path}: axe finds nothing in the light and dark themes and in forced colours, where focus, drawings and meanings stay visible`, async ({ page }) => {
    test.slow(); // axe three times over a long lesson, on a shared two-core machine
    // Keyboard first, from the top of a freshly loaded page in forced colours.
    await page.emulateMedia({ forcedColors: 'active' });
    await openPage(page, path, 'light');
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await checkFocusIndicators(page);

    // Normal colours, light then dark, with every widget hydrated.
    await page.emulateMedia({ forcedColors: 'none' });
    await hydrateAll(page);
    await expectNoAxeViolations(page, `${path} (light)`);
    const normal: Partial<Record<Theme, Paint>> = { light: await settledPaint(page) };
    await setTheme(page, 'dark');
    await expectNoAxeViolations(page, `${path} (dark)`, COLOUR_RULES);
    if (forcedDark(path)) normal.dark = await settledPaint(page);

    // Forced colours: in dark (sample pages), then in light (every page).
    await page.emulateMedia({ forcedColors: 'active' });
    for (const theme of ['dark', 'light'] as const) {
      const reference = normal[theme];
      if (!reference) continue;
      await setTheme(page, theme);
      await screenshot(page, theme === 'light' ? 'forced-colors' : 'forced-colors-dark', path);
      await expectNoAxeViolations(page, `${path} (forced colours, ${theme})`, COLOUR_RULES);
      await checkDrawings(page, reference);
      if (reference.length > 0) await checkMeaningInText(page);
    }
  });
}
