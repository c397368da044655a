/**
 * The lesson "NAT and port forwarding", read as a learner reads it: its parts are there, its NAT
 * simulators step through the scenarios the prose describes, and a self-check question answers
 * when picked from the keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrateAll, openPage } from './site.ts';

const LESSON = '/course/nat-and-port-forwarding/';

/** Time for the whole-page axe test; see the comment there. */
const AXE_TEST_TIMEOUT_MS = 180_000;

/** Longer than the player's step animation (PLAYER_TWEEN_MS, 700 ms at normal speed). */
const ANIMATION_GRACE_MS = 1_000;

/** The presets the lesson embeds, in page order. */
const PRESETS = ['outbound', 'two-hosts-one-port', 'inbound-without-forward', 'port-forward', 'hairpin', 'cgnat', 'mapping-timeout'];

/** One embedded NAT simulator, found by the preset its scenario menu shows. */
function simulator(page: Page, preset: string) {
  const root = page.locator('.nat-simulator').nth(PRESETS.indexOf(preset));
  const caption = root.getByTestId('caption');
  const next = root.getByRole('button', { name: 'Next ▶' });
  return {
    root,
    caption,
    table: root.getByTestId('router-table'),
    /**
     * Steps forward (clicking Next, or focusing it and pressing Enter) until the caption says
     * `text`. A press while the previous step is still animating only finishes that animation
     * (the player's documented behaviour), so a press that leaves the step number unchanged is
     * simply repeated.
     */
    async stepUntil(text: string, { keyboard = false, limit = 40 } = {}) {
      await expect(root.getByLabel('Scenario')).toHaveValue(preset);
      const stepNumber = async () => /^Step (\d+) of/.exec((await caption.textContent())?.trim() ?? '')?.[1];
      for (let i = 0; i < limit; i++) {
        if ((await caption.textContent())?.includes(text)) return;
        const before = await stepNumber();
        if (keyboard) {
          await next.focus();
          await page.keyboard.press('Enter');
        } else {
          await next.click();
        }
        await expect
          .poll(stepNumber, { timeout: ANIMATION_GRACE_MS })
          .not.toBe(before)
          .catch(() => undefined);
      }
      await expect(caption).toContainText(text);
    },
  };
}

async function openLesson(page: Page) {
  await openPage(page, LESSON);
  await hydrateAll(page);
}

test.describe('the NAT and port forwarding lesson', () => {
  test('has its goals, myths, self-check and sources, and passes axe', async ({ page }) => {
    // Seven simulators to hydrate, then axe over all of them: more than the default 60 s when the
    // 2-core test machine is busy (axe alone took 65 s at load average 48).
    test.setTimeout(AXE_TEST_TIMEOUT_MS);
    await openLesson(page);
    const main = page.locator('main');
    await expect(main.getByRole('heading', { level: 1, name: 'NAT and port forwarding' })).toBeVisible();
    await expect(main.getByRole('heading', { level: 2, name: 'What you will learn' })).toBeVisible();
    await expect(main.getByRole('complementary', { name: 'Common myths' })).toBeVisible();
    await expect(main.getByRole('heading', { level: 2, name: 'Check yourself' })).toBeVisible();
    await expect(main.getByRole('heading', { level: 2, name: 'Sources' })).toBeVisible();
    await expectNoAxeViolations(page, LESSON);
  });

  test('embeds one NAT simulator per preset, in the order the prose teaches them', async ({ page }) => {
    await openLesson(page);
    const scenarios = page.locator('.nat-simulator').getByLabel('Scenario');
    await expect(scenarios).toHaveCount(PRESETS.length);
    for (const [i, name] of PRESETS.entries()) await expect(scenarios.nth(i), name).toHaveValue(name);
  });

  test('the outbound simulator rewrites the source address and fills the translation table', async ({ page }) => {
    await openLesson(page);
    const sim = simulator(page, 'outbound');
    await expect(sim.table).toContainText('Empty');
    await sim.stepUntil('remembers the mapping');
    await expect(sim.caption).toContainText('192.168.1.10:51000 to 203.0.113.5:51000');
    await expect(sim.table).toContainText('203.0.113.5:51000');
  });

  test('without a forward the SYN is dropped; with one it reaches the laptop', async ({ page }) => {
    await openLesson(page);
    const without = simulator(page, 'inbound-without-forward');
    await without.stepUntil('drops the SYN silently');
    const forward = simulator(page, 'port-forward');
    await forward.stepUntil('rewrites the destination 203.0.113.5:8080 to 192.168.1.10:8080');
  });

  test('hairpinning and carrier-grade NAT play out as the prose says, by keyboard', async ({ page }) => {
    await openLesson(page);
    const hairpin = simulator(page, 'hairpin');
    await hairpin.stepUntil('hairpins the SYN', { keyboard: true });
    await expect(hairpin.caption).toContainText('203.0.113.5:52000');
    const cgnat = simulator(page, 'cgnat');
    await cgnat.stepUntil('A forward on the home router cannot help', { keyboard: true });
    await expect(cgnat.root.getByTestId('cgn-table')).toContainText('198.51.100.7');
  });

  test('a self-check question answers when picked from the keyboard', async ({ page }) => {
    await openPage(page, LESSON);
    const question = page.getByRole('group', { name: /A friend connects to your router's public address/ });
    const noMapping = question.getByRole('radio', { name: /no table entry for that port/ });
    const broadcast = question.getByRole('radio', { name: /passes the SYN to every device/ });
    // Focus the first option, select it with Space, then move on with the arrow keys.
    await noMapping.focus();
    await page.keyboard.press('Space');
    await expect(noMapping).toBeChecked();
    await expect(question.locator('.self-check__feedback:visible')).toContainText('Correct');
    await page.keyboard.press('ArrowDown');
    await expect(broadcast).toBeChecked();
    await expect(question.locator('.self-check__feedback:visible')).toContainText('Not quite');
    await expect(question.locator('.self-check__feedback:visible')).toContainText('does not broadcast');
  });
});
