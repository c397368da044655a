/**
 * Forced-colours checks (issue 8), used by every-page.spec.ts: focus stays visible, the widgets'
 * drawings keep every line and label with enough contrast against the system background, and
 * what colour means elsewhere (a host state, a flag) is also written as text.
 */
import { expect, type Page } from '@playwright/test';

/** WCAG 1.4.11 non-text contrast (lines of a drawing) and 1.4.3 text contrast. */
const MIN_GRAPHIC_CONTRAST = 3;
const MIN_TEXT_CONTRAST = 4.5;

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
export async function svgPaint(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('astro-island svg *')]
      .filter((e) => (e instanceof SVGGeometryElement || e instanceof SVGTextElement) && !e.closest('defs') && e.getClientRects().length > 0)
      .map((e) => {
        const s = getComputedStyle(e);
        return { what: `${e.tagName}.${e.getAttribute('class') ?? ''} "${(e.textContent ?? '').trim().slice(0, 20)}"`, text: e instanceof SVGTextElement, stroke: s.stroke, strokeWidth: parseFloat(s.strokeWidth), fill: s.fill };
      }),
  );
}


export async function checkFocusIndicators(page: Page) {
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

export async function checkDrawings(page: Page, normal: Awaited<ReturnType<typeof svgPaint>>) {
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
export async function checkMeaningInText(page: Page) {
  // textContent, not innerText: innerText depends on rendering (an element the browser skips
  // painting reads as nothing), while the text is there for assistive technology either way.
  const states = await page.getByTestId('state').allTextContents();
  for (const s of states) expect(s.trim(), 'a host state, as text').toMatch(/^[A-Z][A-Z-]*[A-Z]$/);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('astro-island svg :is(g.arrow, g.node, text.mark)')].filter((g) => g.getClientRects().length > 0 && !(g.textContent ?? '').trim()).map((g) => g.getAttribute('class')),
  );
  expect(unnamed, 'coloured arrows, states and marks without text').toEqual([]);
}

export type Paint = Awaited<ReturnType<typeof svgPaint>>;

/**
 * The drawing's paint once it has stopped changing: some widgets draw after hydration (the
 * explainer's chart waits for its worker), so poll until two reads agree on the number of parts.
 */
export async function settledPaint(page: Page): Promise<Paint> {
  let paint = await svgPaint(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(250);
    const again = await svgPaint(page);
    if (again.length === paint.length) break;
    paint = again;
  }
  return paint;
}
