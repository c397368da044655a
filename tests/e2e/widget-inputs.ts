/**
 * Finding and operating every control of every widget on a page, without knowing the widgets:
 * what the XSS and privacy specs share. A widget is an astro-island; its inputs are found by
 * element type, so a new widget is covered the day it is built.
 */
import type { Locator, Page } from '@playwright/test';

/** Controls that take typed text. Number inputs are here too: a browser hands them any pasted text it accepts. */
export const TEXT_CONTROLS = [
  'textarea',
  'input:not([type])',
  'input[type="text"]',
  'input[type="search"]',
  'input[type="number"]',
  'input[type="url"]',
  'input[type="email"]',
  'input[type="tel"]',
  '[contenteditable]:not([contenteditable="false"])',
]
  .map((s) => `astro-island ${s}`)
  .join(', ');

export const FILE_CONTROLS = 'astro-island input[type="file"]';

export type ControlKind = 'textarea' | 'number' | 'text' | 'editable';

/**
 * Everything the specs ask about a control, in one round trip: whether it can take input now,
 * its kind, a label for messages, and whether its widget is the first of its kind on the page.
 * Null when the control is gone.
 */
export async function inspect(control: Locator): Promise<{ usable: boolean; kind: ControlKind; label: string; firstOfItsKind: boolean } | null> {
  try {
    return await control.evaluate(
      (el) => {
        const e = el as HTMLInputElement;
        const island = el.closest('astro-island');
        const url = island?.getAttribute('component-url');
        return {
          usable: el.isConnected && el.checkVisibility() && !e.disabled && !e.readOnly && !el.closest('[inert]'),
          kind: (el instanceof HTMLTextAreaElement ? 'textarea' : el instanceof HTMLInputElement ? (e.type === 'number' ? 'number' : 'text') : 'editable') as ControlKind,
          label: el.getAttribute('aria-label') ?? e.labels?.[0]?.textContent?.trim() ?? el.id,
          firstOfItsKind: document.querySelector(`astro-island[component-url="${url}"]`) === island,
        };
      },
      undefined,
      { timeout: 1000 },
    );
  } catch {
    return null;
  }
}

/** Whether a control can take input right now (attached, shown, enabled, not read-only). */
export async function usable(control: Locator): Promise<boolean> {
  try {
    return await control.evaluate((el) => {
      const e = el as HTMLInputElement;
      return el.isConnected && el.checkVisibility() && !e.disabled && !e.readOnly && !el.closest('[inert]');
    }, undefined, { timeout: 1000 });
  } catch {
    return false; // gone since it was counted
  }
}

/**
 * Puts text into a control the way a user's paste does and, for one-line inputs, presses Enter
 * (a form submits, a search runs). Number inputs get the text through the DOM, as a paste of
 * text into them would (the browser keeps what parses as a number), since Playwright refuses to
 * type letters into them.
 */
export async function enter(control: Locator, text: string, kind: ControlKind): Promise<void> {
  if (kind === 'number') {
    await control.evaluate((el, t) => {
      const input = el as HTMLInputElement;
      input.value = t;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, text);
    await control.press('Enter', { timeout: 2000 }).catch(() => undefined);
    return;
  }
  await control.fill(text, { timeout: 3000 });
  if (kind === 'text') await control.press('Enter', { timeout: 2000 }).catch(() => undefined);
}

/** Opens every <details> inside a widget (lessons fold a widget's own-input box away), so its controls can be found. Returns how many were opened. */
export async function openAllDetails(page: Page): Promise<number> {
  const opened = await page.evaluate(() => {
    let n = 0;
    for (const d of document.querySelectorAll('astro-island details')) {
      if ((d as HTMLDetailsElement).open) continue;
      (d as HTMLDetailsElement).open = true;
      n++;
    }
    return n;
  });
  if (opened > 0) await page.waitForTimeout(50); // the toggle events reach the widgets
  return opened;
}

/**
 * Clicks every enabled, visible button inside a widget once, in page order, letting the widget
 * update between clicks (the clicks are DOM clicks: hundreds of byte and field buttons would take
 * minutes through the mouse). Returns how many were clicked.
 */
export async function clickEveryButton(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const buttons = [...document.querySelectorAll('astro-island button')] as HTMLButtonElement[];
    let clicked = 0;
    for (const b of buttons) {
      if (!b.isConnected || b.disabled || !b.checkVisibility() || b.closest('[inert]')) continue;
      b.click();
      clicked++;
      await new Promise((r) => setTimeout(r, 0));
    }
    return clicked;
  });
}

/**
 * Chooses every option of every select inside a widget in turn (DOM events, as a user's choice
 * fires them: input, then change), then flips every checkbox and radio and moves every slider once.
 * Returns how many changes were made.
 */
export async function changeEveryChoice(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const shown = (el: HTMLElement) => el.isConnected && !(el as HTMLInputElement).disabled && el.checkVisibility();
    const fire = (el: HTMLElement) => {
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    let n = 0;
    for (const select of [...document.querySelectorAll('astro-island select')] as HTMLSelectElement[]) {
      for (const value of [...select.options].filter((o) => !o.disabled).map((o) => o.value)) {
        if (!shown(select)) break;
        select.value = value;
        fire(select);
        n++;
        await settle();
      }
    }
    for (const el of [...document.querySelectorAll('astro-island input[type="checkbox"], astro-island input[type="radio"], astro-island input[type="range"]')] as HTMLInputElement[]) {
      if (!shown(el)) continue;
      if (el.type === 'range') {
        el.value = el.max || '100';
        fire(el);
      } else el.click();
      n++;
      await settle();
    }
    return n;
  });
}
