/**
 * Display modes (issue 8): every page usable at 320 px wide, at 200 % zoom and with reduced
 * motion. Forced colours are checked in a11y.spec.ts, in the same visit as axe in both themes.
 * With PORTLAB_SCREENSHOTS=1 each page is also saved per mode under
 * reports/screenshots/<mode>/<page>.png for a person to look at (reports/ is git-ignored).
 * The 320 px no-sideways-scrolling check per page lives in site.spec.ts; here it is repeated only
 * as far as the screenshot needs the page in that state.
 */
import { expect, test, type Page } from '@playwright/test';
import { builtPages, hydrateAll, openPage, screenshot } from './site.ts';

const pages = builtPages();

/**
 * 200 % browser zoom on a 1280×800 window: the page sees a 640×400 CSS px viewport drawn with two
 * device pixels per CSS px (WCAG 1.4.4 asks for text resizable to 200 %; 1.4.10 reflow).
 */
const ZOOM_200 = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } as const;
/** The narrowest screen WCAG 1.4.10 (Reflow) names: 320 CSS px. */
const PHONE = { width: 320, height: 720 } as const;
/** Simulations that step through a trace; their tool pages are tested when the build has them. */
const SIMULATOR_TOOLS = ['tcp-simulator', 'ftp-simulator', 'tls-timing', 'nat-simulator'];
/**
 * Longer than a tween of one step at normal speed (PLAYER_TWEEN_MS = 700 ms at 1×,
 * src/widgets/shared/step-player.svelte.ts), so "settled" really is the end of any movement.
 */
const SETTLE_MS = 1500;
/** Longest CSS transition or animation allowed under reduced motion: "at once" (tokens.css sets 0.01 ms). */
const MAX_MOTION_S = 0.01;

/** How far the page scrolls sideways, in CSS px (0 when it fits). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** Presses Tab until `accept` holds for the focused element; false if it never does within `max` presses. */
async function tabUntil(page: Page, accept: (el: Element) => boolean, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${accept.toString()})(document.activeElement)`)) return true;
  }
  return false;
}

test.describe('at 320 px wide', () => {
  test.use({ viewport: PHONE });
  for (const path of pages) {
    test(`${path} at 320 px keeps its heading on screen and fits the width (screenshot)`, async ({ page }) => {
      await openPage(page, path);
      await hydrateAll(page);
      await screenshot(page, '320px', path); // first, so a failing page can be looked at too
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeInViewport();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);
    });
  }
});

test.describe('at 200 % zoom (640×400 CSS px at 2 device px each)', () => {
  test.use(ZOOM_200);
  for (const path of pages) {
    test(`${path} at 200 % zoom: no sideways scrolling, heading visible, navigation reachable by keyboard`, async ({ page }) => {
      test.slow(); // a full-page screenshot of a long lesson at two device pixels per CSS px
      await openPage(page, path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeInViewport();
      // Keyboard first, from the top of a freshly loaded page, as a keyboard user arrives.
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
      } else {
        // Pages outside the Starlight shell (the presenter view): their own controls are reachable.
        expect(await tabUntil(page, (el) => el.tagName === 'A' || el.tagName === 'BUTTON'), 'Tab reaches a control').toBe(true);
        await expect(page.locator(':focus')).toBeInViewport();
      }
      await page.reload();
      await hydrateAll(page);
      await screenshot(page, 'zoom-200', path);
      expect(await sidewaysOverflow(page), 'sideways scroll in CSS px').toBeLessThanOrEqual(1);
    });
  }
});

test.describe('with reduced motion', () => {
  const simulations = [...SIMULATOR_TOOLS.map((s) => `/tools/${s}/`).filter((p) => pages.includes(p)), ...pages.filter((p) => p.startsWith('/present/')).slice(0, 1)];

  test('the build has at least one step-by-step simulation to check', () => {
    expect(simulations).toContain('/tools/tcp-simulator/');
  });

  /** Presses the first enabled "Next" of the page's widgets and reports the island right after and once settled. */
  async function pressNext(page: Page) {
    return page.evaluate(async (settleMs) => {
      const next = [...document.querySelectorAll<HTMLButtonElement>('astro-island button')].find((b) => /^Next\b/.test(b.textContent?.trim() ?? '') && !b.disabled && b.getClientRects().length > 0);
      if (!next) return null;
      const island = next.closest('astro-island')!;
      const caption = island.querySelector('[data-testid=caption]') ?? island.querySelector('[aria-live]');
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const durations = (list: string) => list.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d)));
      const before = caption?.textContent ?? '';
      next.click();
      await frame();
      // Transitions shortened to 0.01 ms by the reduced-motion rule in tokens.css may still be
      // listed for a frame; what must not exist is one that takes visible time.
      const animations = document.getAnimations().map((a) => {
        const timing = a.effect?.getComputedTiming();
        const ms = (Number(timing?.duration) || 0) + (timing?.delay ?? 0);
        const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
        const name = a instanceof CSSTransition ? `transition ${a.transitionProperty}` : a instanceof CSSAnimation ? `animation ${a.animationName}` : 'script animation';
        return { what: `${name} on ${target?.tagName ?? '?'}.${target?.getAttribute('class') ?? ''}`, seconds: ms / 1000 };
      });
      const atOnce = { caption: caption?.textContent ?? '', html: island.innerHTML, animations };
      const slow = [...island.querySelectorAll('*')]
        .map((e) => {
          const s = getComputedStyle(e);
          return { e, longest: Math.max(...durations(s.transitionDuration), ...durations(s.animationDuration)) };
        })
        .filter((x) => x.longest > 0)
        .map((x) => ({ what: `${x.e.tagName}.${x.e.getAttribute('class') ?? ''}`, seconds: x.longest }));
      await new Promise((r) => setTimeout(r, settleMs));
      return { before, atOnce, settled: { caption: caption?.textContent ?? '', html: island.innerHTML }, slow };
    }, SETTLE_MS);
  }

  for (const path of simulations) {
    test(`${path}: Next shows the next step at once, with no tween and no animation`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openPage(page, path);
      await hydrateAll(page);
      const r = await pressNext(page);
      expect(r, 'an enabled Next button').not.toBeNull();
      expect(r!.atOnce.caption, 'caption one frame after Next').not.toBe(r!.before);
      expect(r!.atOnce.caption, 'caption does not change afterwards').toBe(r!.settled.caption);
      expect(r!.atOnce.html === r!.settled.html, 'the drawing one frame after Next is already the final one').toBe(true);
      expect(r!.atOnce.animations.filter((a) => a.seconds > MAX_MOTION_S), 'document.getAnimations() longer than 0.01 s').toEqual([]);
      expect(r!.slow.filter((s) => s.seconds > MAX_MOTION_S)).toEqual([]);
    });
  }

  test('without reduced motion the same press does tween, so the check above can tell', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openPage(page, '/tools/tcp-simulator/');
    await hydrateAll(page);
    const r = await pressNext(page);
    expect(r!.atOnce.caption).not.toBe(r!.before);
    expect(r!.atOnce.html === r!.settled.html, 'an intermediate drawing one frame after Next').toBe(false);
  });
});
