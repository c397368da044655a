/**
 * The lessons "FTP: active and passive" and "TLS on port 443" as a reader meets them: the lesson
 * frame, the embedded simulators driven through their controls, and a self-check answered with the
 * keyboard alone.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrateAll, openPage } from './site.ts';

const FTP_LESSON = '/course/ftp-active-and-passive/';
const TLS_LESSON = '/course/tls-on-443/';
/** Time allowed for the tests that run axe on a whole lesson with its widgets hydrated. */
const AXE_TIMEOUT_MS = 180_000;

/** The parts every lesson has: its outline headings and the myths box. */
async function expectLessonFrame(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  for (const name of ['What you will learn', 'Check yourself', 'Sources']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('complementary', { name: 'Common myths' })).toBeVisible();
}

/** Presses Next ▶ in `root` until `target` contains `text` (at most `limit` presses). */
async function stepUntil(root: Locator, target: Locator, text: string, limit = 40) {
  const next = root.getByRole('button', { name: 'Next ▶' });
  for (let i = 0; i < limit; i++) {
    if ((await target.textContent())?.includes(text)) return;
    await next.click();
  }
  await expect(target).toContainText(text);
}

/** The presets of the lesson's FTP simulators, in page order. */
const FTP_PRESETS_IN_ORDER = ['active', 'passive', 'active-behind-nat', 'passive-behind-nat', 'passive-server-firewall', 'active-with-alg'];

/** The lesson's FTP simulator that starts from `preset`, checked by the scenario its menu shows. */
async function ftpSimulator(page: Page, preset: string): Promise<Locator> {
  const sim = page.locator('.ftp-simulator').nth(FTP_PRESETS_IN_ORDER.indexOf(preset));
  await expect(sim.getByRole('combobox', { name: 'Scenario' })).toHaveValue(preset);
  return sim;
}

/**
 * Answers question `index` of the self-check with the keyboard: focus lands on the first option,
 * Space picks it, the arrow keys move to the others. Returns the question's fieldset.
 */
async function answerByKeyboard(page: Page, index: number) {
  const question = page.locator('.self-check fieldset').nth(index);
  await question.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  return question;
}

test.describe('the FTP lesson', () => {
  // Stepping reads states at rest: every step is a jump.
  test.use({ reducedMotion: 'reduce' });

  test.beforeEach(async ({ page }) => {
    await openPage(page, FTP_LESSON);
    await hydrateAll(page);
  });

  test('has the lesson frame and no accessibility violations once its simulators have hydrated', async ({ page }) => {
    // Six simulators: axe alone took 50 s on a loaded 2-core machine.
    test.setTimeout(AXE_TIMEOUT_MS);
    await expectLessonFrame(page, 'FTP: active and passive');
    await expect(page.getByRole('heading', { name: 'Decoding PORT: p1 × 256 + p2' })).toBeVisible();
    await expect(page.locator('.ftp-simulator')).toHaveCount(FTP_PRESETS_IN_ORDER.length);
    await expectNoAxeViolations(page, FTP_LESSON);
  });

  test("active mode behind NAT ends with the server giving up: 425 Can't open data connection", async ({ page }) => {
    const sim = await ftpSimulator(page, 'active-behind-nat');
    const caption = sim.getByTestId('caption');
    await stepUntil(sim, caption, 'PORT 192,168,1,10,195,80');
    await expect(caption).toContainText('195 × 256 + 80 = 50000');
    await stepUntil(sim, caption, '425');
    await expect(caption).toContainText("Can't open data connection");
  });

  test('passive mode behind NAT transfers the listing: the client opens both connections', async ({ page }) => {
    const sim = await ftpSimulator(page, 'passive-behind-nat');
    await sim.getByRole('button', { name: 'Last' }).click();
    await expect(sim.getByTestId('caption')).toContainText('226 confirmed it');
  });

  test('a scenario picked from the menu replaces the run: EPSV is answered with 229 and only a port', async ({ page }) => {
    const sim = await ftpSimulator(page, 'passive');
    await sim.getByRole('combobox', { name: 'Scenario' }).selectOption('epsv');
    await expect(sim.getByTestId('description')).toContainText('only a port');
    await stepUntil(sim, sim.getByTestId('caption'), '229 Entering Extended Passive Mode (|||6446|)');
  });

  test('the first self-check question is answered with the keyboard and explains each choice', async ({ page }) => {
    const question = await answerByKeyboard(page, 0);
    const shown = question.locator('.self-check__feedback:visible');
    await expect(shown).toHaveCount(1);
    await expect(shown).toContainText('Correct');
    await expect(shown).toContainText('196 × 256 + 9');
    await page.keyboard.press('ArrowDown');
    await expect(question.getByRole('radio').nth(1)).toBeChecked();
    await expect(question.locator('.self-check__feedback:visible')).toContainText('Not quite');
  });
});

test.describe('the TLS lesson', () => {
  test.use({ reducedMotion: 'reduce' });

  test.beforeEach(async ({ page }) => {
    await openPage(page, TLS_LESSON);
    await hydrateAll(page);
  });

  test('has the lesson frame and no accessibility violations once its widgets have hydrated', async ({ page }) => {
    test.setTimeout(AXE_TIMEOUT_MS);
    await expectLessonFrame(page, 'TLS on port 443');
    await expect(page.getByRole('heading', { name: 'The TLS 1.3 handshake, message by message' })).toBeVisible();
    await expectNoAxeViolations(page, TLS_LESSON);
  });

  test('TLS 1.2 against TLS 1.3: the request leaves after 2 round trips with 1.3 and after 3 with 1.2', async ({ page }) => {
    const w = page.locator('.tls-timing').first();
    await expect(w.getByRole('heading', { name: 'Connection 1: TCP + TLS 1.2' })).toBeVisible();
    const tls12 = w.getByTestId('run-1').getByTestId('run-caption');
    const tls13 = w.getByTestId('run-2').getByTestId('run-caption');
    await stepUntil(w, tls13, 'The HTTP request leaves after 2 round trips (200 ms)');
    // At the same moment the TLS 1.2 client is still in its second handshake round trip.
    await expect(tls12).toContainText('ClientKeyExchange');
    await stepUntil(w, tls12, 'The HTTP request leaves after 3 round trips (300 ms)');
  });

  test('TCP + TLS 1.3 against QUIC: QUIC sends the request after a single round trip', async ({ page }) => {
    const w = page.locator('.tls-timing').nth(2);
    await expect(w.getByRole('heading', { name: 'Connection 2: QUIC (HTTP/3)' })).toBeVisible();
    await stepUntil(w, w.getByTestId('run-2').getByTestId('run-caption'), 'The HTTP request leaves after 1 round trip (100 ms)');
    await expect(w.getByTestId('run-1').getByTestId('run-caption')).toContainText('TCP connection is open after 1 round trip');
  });

  test('a preset picked from the menu replaces a ladder', async ({ page }) => {
    const w = page.locator('.tls-timing').nth(1);
    await w.getByRole('combobox', { name: 'Connection 2' }).selectOption('quic-0rtt');
    await expect(w.getByRole('heading', { name: 'Connection 2: QUIC 0-RTT' })).toBeVisible();
    await expect(w.getByTestId('run-2').getByTestId('run-caption')).toContainText('0 round trips before the request');
  });

  test('the first self-check question is answered with the keyboard and explains each choice', async ({ page }) => {
    const question = await answerByKeyboard(page, 0);
    await expect(question.locator('.self-check__feedback:visible')).toContainText('Correct');
    await page.keyboard.press('ArrowDown');
    await expect(question.getByRole('radio').nth(1)).toBeChecked();
    const shown = question.locator('.self-check__feedback:visible');
    await expect(shown).toHaveCount(1);
    await expect(shown).toContainText('Not quite');
    await expect(shown).toContainText('TLS 1.2');
  });
});
