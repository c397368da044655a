/**
 * Every built page, in one visit each (issue 8). A visit loads the page once, hydrates every
 * widget once, and then checks in turn:
 *
 * 1. Content-Security-Policy: a policy with no third-party origin and no 'unsafe-inline' script.
 * 2. Forced colours, from the top of the fresh page: a visible focus indicator on the first dozen
 *    Tab stops.
 * 3. axe in the light theme (every rule), then in the dark theme (the rules that depend on
 *    colour: nothing else changes between themes). In forced colours the browser paints all HTML
 *    text in the user's system colours, so colour is the author's only inside the widgets (their
 *    SVG drawings): axe's colour rules run there, and every line and label of a drawing must keep
 *    enough contrast, and the meanings colour carries must be written as text. Forced colours in
 *    the dark theme run on the pages with widgets (the chrome is the same on every page).
 * 4. 320 CSS px wide (WCAG 1.4.10 Reflow): no sideways scrolling, the heading on screen.
 * 5. 200 % zoom: no sideways scrolling and the navigation reachable by keyboard.
 * 6. Using the widgets of a tool page; through all of it no CSP violation and no request that
 *    leaves this site.
 *
 * One visit instead of one per check: opening and hydrating a long lesson is most of what each
 * check would cost (and every check still fails with its own message). Reduced motion is checked
 * in display.spec.ts, on the simulations. With PORTLAB_SCREENSHOTS=1 each page is saved per mode
 * under reports/screenshots/<mode>/<page>.png for a person to look at (reports/ is git-ignored).
 */
import { expect, test, type Page } from '@playwright/test';
import { operateWidgets, policiesOf, policyProblems, watchCsp } from './csp.ts';
import { checkDrawings, checkFocusIndicators, checkMeaningInText, settledPaint, type Paint } from './forced-colours.ts';
import { builtPages, COLOUR_RULES, expectNoAxeViolations, hydrateAll, openPage, screenshot, setTheme, watchRequests, type Theme } from './site.ts';

const pages = builtPages();
const forcedDark = (path: string) => path === '/' || path.startsWith('/tools/') || path.startsWith('/present/handshake');

/** The narrowest screen WCAG 1.4.10 (Reflow) names: 320 CSS px. */
const PHONE = { width: 320, height: 720 } as const;
/**
 * 200 % browser zoom on a 1280×800 window: the page lays out in a 640×400 CSS px viewport (WCAG
 * 1.4.4 asks for text resizable to 200 %). Layout depends on CSS px only, so the viewport alone
 * is the zoom; the device pixel ratio would only sharpen the screenshot.
 */
const ZOOM_200 = { width: 640, height: 400 } as const;

/** How far the page scrolls sideways, in CSS px (0 when it fits). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** Back to the top with nothing focused, as a keyboard user finds a page they have just opened. */
async function focusFromTop(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const body = document.body;
    body.tabIndex = -1;
    body.focus(); // moves the sequential focus point to the start of the document
    body.removeAttribute('tabindex');
  });
}

/** Presses Tab until `accept` holds for the focused element; false if it never does within `max` presses. */
async function tabUntil(page: Page, accept: (el: Element) => boolean, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${accept.toString()})(document.activeElement)`)) return true;
  }
  return false;
}

/** At 320 px and at 200 % zoom: the page fits the width (after the resize has been laid out). */
async function expectFits(page: Page, what: string) {
  await expect.poll(() => sidewaysOverflow(page), { message: `sideways scroll in CSS px ${what}` }).toBeLessThanOrEqual(1);
}

test('the build produced pages to check', () => {
  expect(pages.length).toBeGreaterThanOrEqual(4);
});

for (const path of pages) {
  test(`${path}: strict CSP, axe clean in light, dark and forced colours, usable at 320 px and 200 % zoom, nothing requested elsewhere`, async ({ page, baseURL }) => {
    test.slow(); // axe three times over a long lesson, on a shared two-core machine
    const requests = watchRequests(page, baseURL!);
    const csp = await watchCsp(page);

    // 1. The policy, on a fresh load in forced colours (light theme, as Starlight stores it).
    await page.emulateMedia({ forcedColors: 'active' });
    const response = await openPage(page, path, 'light');
    const policies = await policiesOf(page, response?.headers()['content-security-policy']);
    expect(policies.length, 'a Content-Security-Policy (meta or header)').toBeGreaterThan(0);
    for (const policy of policies) expect(policyProblems(policy), policy).toEqual([]);

    // 2. Keyboard first, from the top of the freshly loaded page in forced colours.
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await checkFocusIndicators(page);

    // 3. Normal colours, light then dark, with every widget hydrated; then forced colours.
    await page.emulateMedia({ forcedColors: 'none' });
    await hydrateAll(page);
    const islands = await page.locator('astro-island').count();
    await expectNoAxeViolations(page, `${path} (light)`);
    const normal: Partial<Record<Theme, Paint>> = { light: await settledPaint(page) };
    await setTheme(page, 'dark');
    await expectNoAxeViolations(page, `${path} (dark)`, COLOUR_RULES);
    if (forcedDark(path)) normal.dark = await settledPaint(page);
    await page.emulateMedia({ forcedColors: 'active' });
    for (const theme of ['dark', 'light'] as const) {
      const reference = normal[theme];
      if (!reference) continue;
      await setTheme(page, theme);
      await screenshot(page, theme === 'light' ? 'forced-colors' : 'forced-colors-dark', path);
      if (islands > 0) await expectNoAxeViolations(page, `${path} (forced colours, ${theme})`, COLOUR_RULES, 'astro-island');
      await checkDrawings(page, reference);
      if (reference.length > 0) await checkMeaningInText(page);
    }
    await page.emulateMedia({ forcedColors: 'none' });

    // 4. 320 px wide.
    await page.setViewportSize(PHONE);
    await expectFits(page, 'at 320 px');
    await screenshot(page, '320px', path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeInViewport();

    // 5. 200 % zoom: fits, and the navigation is reachable by keyboard from the top.
    await page.setViewportSize(ZOOM_200);
    await expectFits(page, 'at 200 % zoom');
    await screenshot(page, 'zoom-200', path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeInViewport();
    await focusFromTop(page);
    if ((await page.locator('#starlight__sidebar').count()) > 0) {
      // Starlight folds the sidebar into a menu below 50em; either way it must be reachable.
      // (Starlight 0.42: a popover opened by <button popovertarget="starlight__sidebar">.)
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) {
        expect(await tabUntil(page, (el) => el.getAttribute('popovertarget') === 'starlight__sidebar'), 'Tab reaches the menu button').toBe(true);
        await page.keyboard.press('Enter');
        await expect(page.locator('#starlight__sidebar')).toBeVisible();
      }
      expect(await tabUntil(page, (el) => el.tagName === 'A' && el.closest('#starlight__sidebar') !== null), 'Tab reaches a sidebar link').toBe(true);
      await expect(page.locator('#starlight__sidebar a:focus')).toBeInViewport();
      if (await menu.isVisible()) await page.keyboard.press('Escape');
    } else {
      // Pages outside the Starlight shell (the presenter view): their own controls are reachable.
      expect(await tabUntil(page, (el) => el.tagName === 'A' || el.tagName === 'BUTTON'), 'Tab reaches a control').toBe(true);
      await expect(page.locator(':focus')).toBeInViewport();
    }

    // 6. A tool page's widgets in use; then nothing refused and nothing fetched from elsewhere.
    await page.setViewportSize({ width: 1280, height: 720 });
    if (path.startsWith('/tools/')) expect(await operateWidgets(page), 'widget actions performed').toBeGreaterThan(0);
    expect(await csp.all(), 'CSP violations').toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(requests.foreign(), 'requests that left this site').toEqual([]);
    expect(requests.count()).toBeGreaterThan(0);
  });
}
