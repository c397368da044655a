/**
 * Every lesson in the course, read as a learner reads it: the parts every lesson promises are
 * there, each self-check gives feedback, and every widget on the page can be operated. Generic
 * over the built lessons, so a new lesson is covered the day it is published.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { COURSE } from '../../src/course.ts';
import { builtPages, hydrateAll, openPage } from './site.ts';

const lessons = builtPages().filter((p) => /^\/course\/[^/]+\/$/.test(p));
/** Self-checks hold 3–5 questions (issue 7). */
const MIN_QUESTIONS = 3;
const MAX_QUESTIONS = 5;

test('every lesson of the outline is published: nothing is left "coming soon"', () => {
  const published = new Set(lessons.map((p) => p.split('/')[2]));
  expect(COURSE.map((l) => l.slug).filter((s) => !published.has(s))).toEqual([]);
});

/** Operates one widget the way its kind is meant to be used, and checks it answered. */
async function operate(page: Page, widget: Locator, label: string): Promise<void> {
  const caption = widget.getByTestId('caption').first();
  const next = widget.getByRole('button', { name: 'Next ▶' }).first();
  if ((await caption.count()) > 0 && (await next.count()) > 0) {
    // A step-by-step simulation: Next moves the caption on, by keyboard too.
    const before = await caption.textContent();
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(caption, `${label}: Next changes the caption`).not.toHaveText(before ?? '');
    return;
  }
  if (await widget.evaluate((el) => el.classList.contains('port-lookup'))) {
    await widget.getByRole('textbox').first().fill('22');
    await expect(widget, `${label}: the lookup answers`).toContainText('SSH');
    return;
  }
  // Widgets that start from a sample (explainer, decoder) or a choice (reach explorer) show a result at once.
  await expect(widget.locator('table, dl, [role="table"], ul').first(), `${label}: shows a result`).toBeVisible();
}

for (const path of lessons.filter((p) => p !== '/course/')) {
  test.describe(path, () => {
    test('has what every lesson promises: goals, sources, myths, a 3–5 question self-check that answers', async ({ page }) => {
      await openPage(page, path);
      const main = page.locator('main');
      await expect(main.getByRole('heading', { level: 2, name: 'What you will learn' })).toBeVisible();
      await expect(main.getByRole('heading', { level: 2, name: 'Sources' })).toBeVisible();
      await expect(main.locator('aside', { hasText: 'Common myths' }).first()).toBeVisible();
      const questions = main.locator('.self-check fieldset');
      const n = await questions.count();
      expect(n).toBeGreaterThanOrEqual(MIN_QUESTIONS);
      expect(n).toBeLessThanOrEqual(MAX_QUESTIONS);
      // Every question has exactly one right answer and explains whichever is picked.
      for (let q = 0; q < n; q++) {
        const fieldset = questions.nth(q);
        await expect(fieldset.locator('.self-check__feedback[data-correct="true"]')).toHaveCount(1);
        const first = fieldset.getByRole('radio').first();
        await first.focus();
        await page.keyboard.press('Space');
        await expect(fieldset.locator('.self-check__feedback:visible')).toHaveCount(1);
        await expect(fieldset.locator('.self-check__feedback:visible')).toContainText(/Correct|Not quite/);
      }
    });

    test('every interactive element on the page can be operated', async ({ page }) => {
      await openPage(page, path);
      await hydrateAll(page);
      const widgets = page.locator('main .widget');
      const n = await widgets.count();
      expect(n, 'at least one interactive element').toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const w = widgets.nth(i);
        await w.scrollIntoViewIfNeeded();
        await operate(page, w, `${path} widget ${i + 1}`);
      }
    });
  });
}
