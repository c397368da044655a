/**
 * Reduced motion (issue 8): every step-by-step simulation shows the next step at once when the
 * reader asks for less motion. 320 px, 200 % zoom and forced colours are checked on every page
 * in every-page.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { builtPages, hydrateAll, openPage } from './site.ts';

const pages = builtPages();

/** Simulations that step through a trace; their tool pages are tested when the build has them. */
const SIMULATOR_TOOLS = ['tcp-simulator', 'ftp-simulator', 'tls-timing', 'nat-simulator'];
/**
 * Longer than a tween of one step at normal speed (PLAYER_TWEEN_MS = 700 ms at 1×,
 * src/widgets/shared/step-player.svelte.ts), so "settled" really is the end of any movement.
 */
const SETTLE_MS = 1500;
/** Longest CSS transition or animation allowed under reduced motion: "at once" (tokens.css sets 0.01 ms). */
const MAX_MOTION_S = 0.01;

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
