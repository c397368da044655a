/**
 * Display modes (issue 8): every page usable at 320 px wide, at 200 % zoom, in forced-colors mode
 * and with reduced motion. Each page is also saved as a screenshot per mode under
 * reports/screenshots/<mode>/<page>.png for a person to look at (reports/ is git-ignored).
 * The 320 px no-sideways-scrolling check per page lives in site.spec.ts; here it is repeated only
 * as far as the screenshot needs the page in that state.
 */
import { expect, test, type Page } from '@playwright/test';
import { builtPages, expectNoAxeViolations, hydrateAll, openPage, type Theme } from './site.ts';

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
/** WCAG 1.4.11 non-text contrast (lines of a drawing) and 1.4.3 text contrast. */
const MIN_GRAPHIC_CONTRAST = 3;
const MIN_TEXT_CONTRAST = 4.5;

/** "/" → "index", "/course/ports/" → "course--ports". */
const fileName = (path: string) => path.replace(/^\/|\/$/g, '').replaceAll('/', '--') || 'index';

/** Screenshots are for a person to look at, so they are taken only when asked for (PORTLAB_SCREENSHOTS=1). */
const SCREENSHOTS = process.env.PORTLAB_SCREENSHOTS === '1';

/** Back to the top of the page (hydrateAll scrolled down), then a screenshot if asked for. */
async function screenshot(page: Page, mode: string, path: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  if (!SCREENSHOTS) return;
  await page.screenshot({ path: `reports/screenshots/${mode}/${fileName(path)}.png`, fullPage: true });
}

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

/** An rgb()/rgba() colour as [r, g, b, alpha]; null for anything else (none, context-stroke, url()). */
function parseRgb(c: string): [number, number, number, number] | null {
  const m = /^rgba?\(([^)]+)\)$/.exec(c);
  if (!m) return null;
  const [r = 0, g = 0, b = 0, a = 1] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
}
/** WCAG 2.x contrast ratio of two opaque colours (relative luminance, WCAG 2.2 "Definitions"). */
function contrast(a: string, b: string): number {
  const lum = (c: [number, number, number, number]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const x = parseRgb(a);
  const y = parseRgb(b);
  if (!x || !y) return NaN;
  const [hi, lo] = [lum(x), lum(y)].sort((m, n) => n - m) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
/** A paint that draws something: an rgb colour that is not fully transparent. */
const visiblePaint = (c: string) => (parseRgb(c)?.[3] ?? 0) > 0;

/** Paint of every drawn shape and text in the widgets' SVG drawings (not in <defs>), in document order. */
async function svgPaint(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('astro-island svg *')]
      .filter((e) => (e instanceof SVGGeometryElement || e instanceof SVGTextElement) && !e.closest('defs') && e.getClientRects().length > 0)
      .map((e) => {
        const s = getComputedStyle(e);
        return { what: `${e.tagName}.${e.getAttribute('class') ?? ''} "${(e.textContent ?? '').trim().slice(0, 20)}"`, text: e instanceof SVGTextElement, stroke: s.stroke, strokeWidth: parseFloat(s.strokeWidth), fill: s.fill };
      }),
  );
}


async function checkFocusIndicators(page: Page) {
  const seen: string[] = [];
  const invisible: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const look = () => {
        const s = getComputedStyle(el);
        return { outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth}` : '', border: `${s.borderStyle} ${s.borderWidth} ${s.borderColor}`, shadow: s.boxShadow };
      };
      const focused = look();
      el.blur();
      const unfocused = look();
      el.focus(); // puts the sequential focus point back where it was
      const visible = focused.outline !== '' || focused.border !== unfocused.border || focused.shadow !== unfocused.shadow;
      return { tag: el.tagName, name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30), visible };
    });
    if (!r) continue;
    seen.push(r.tag);
    if (!r.visible) invisible.push(`${r.tag} "${r.name}"`);
  }
  expect(invisible, 'focused elements without a visible focus indicator').toEqual([]);
  expect(seen, 'focus stops checked').toEqual(expect.arrayContaining(['A', 'BUTTON']));
}

async function checkDrawings(page: Page, normal: Awaited<ReturnType<typeof svgPaint>>) {
  // A widget may redraw when the colour mode changes; give it a moment to settle.
  let forced = await svgPaint(page);
  for (let i = 0; i < 20 && forced.length !== normal.length; i++) {
    await page.waitForTimeout(250);
    forced = await svgPaint(page);
  }
  expect(forced.length, 'the same drawing in both modes').toBe(normal.length);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const bad: string[] = [];
  for (const [i, f] of forced.entries()) {
    const n = normal[i]!;
    // Text: its fill is the glyph (any stroke is a halo in the background colour).
    // Shapes: the stroke where there is one, else the fill (a dot, an arrowhead).
    const [before, after, min] = n.text
      ? [n.fill, f.fill, MIN_TEXT_CONTRAST]
      : visiblePaint(n.stroke) && n.strokeWidth > 0
        ? [n.stroke, f.stroke, MIN_GRAPHIC_CONTRAST]
        : [n.fill, f.fill, MIN_GRAPHIC_CONTRAST];
    if (!visiblePaint(before)) continue; // drawn invisible on purpose (a hit area), in every mode
    const ratio = contrast(after, background);
    if (!visiblePaint(after) || !(ratio >= min)) bad.push(`${f.what}: ${after} on ${background} (${ratio.toFixed(2)}:1, was ${before})`);
  }
  expect(bad, 'drawing parts that fade in forced colours').toEqual([]);
}

/** On a simulation: the state and flag meanings that colour carries elsewhere are in the text too. */
async function checkMeaningInText(page: Page) {
  const states = await page.getByTestId('state').allInnerTexts();
  for (const s of states) expect(s.trim(), 'a host state, as text').toMatch(/^[A-Z][A-Z-]*[A-Z]$/);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('astro-island svg :is(g.arrow, g.node, text.mark)')].filter((g) => g.getClientRects().length > 0 && !(g.textContent ?? '').trim()).map((g) => g.getAttribute('class')),
  );
  expect(unnamed, 'coloured arrows, states and marks without text').toEqual([]);
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test.describe(`in forced colours (${theme})`, () => {
    // Every page in the light scheme; in the dark one, the pages with widgets (Starlight's own
    // chrome is the same on every page).
    const here = theme === 'light' ? pages : pages.filter((p) => p === '/' || p.startsWith('/tools/') || p.startsWith('/present/handshake'));
    for (const path of here) {
      test(`${path} in forced colours (${theme}): axe clean, focus visible, drawings and meanings kept`, async ({ page }) => {
        test.slow(); // axe over a long lesson, on a shared two-core machine
        await page.emulateMedia({ forcedColors: 'active' });
        await openPage(page, path, theme);
        expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
        await checkFocusIndicators(page); // from the top of the freshly loaded page
        await page.emulateMedia({ forcedColors: 'none' });
        await hydrateAll(page);
        // Some widgets draw after hydration (the explainer's chart waits for its worker): wait
        // until the drawing stops changing before taking the normal-mode reference.
        let normal = await svgPaint(page);
        for (let i = 0; i < 20; i++) {
          await page.waitForTimeout(250);
          const again = await svgPaint(page);
          if (again.length === normal.length) break;
          normal = again;
        }
        await page.emulateMedia({ forcedColors: 'active' });
        await screenshot(page, theme === 'light' ? 'forced-colors' : 'forced-colors-dark', path);
        await expectNoAxeViolations(page, `${path} (forced colours, ${theme})`);
        await checkDrawings(page, normal);
        if (normal.length > 0) await checkMeaningInText(page);
      });
    }
  });
}

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
