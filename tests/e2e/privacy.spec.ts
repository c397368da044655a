import { expect, test, type Page } from '@playwright/test';
import { hydrateAll, onePagePerWidget, openPage, PortLookupWidget, watchRequests } from './site.ts';
import { changeEveryChoice, clickEveryButton, enter, FILE_CONTROLS, inspect, openAllDetails, TEXT_CONTROLS } from './widget-inputs.ts';

// That no page requests anything beyond this site while loading, hydrating and being used is
// checked on every page by every-page.spec.ts, in the same visit that checks its policy.

test('typing into the port lookup sends nothing anywhere', async ({ page, baseURL }) => {
  await openPage(page, '/tools/port-lookup/');
  const widget = new PortLookupWidget(page);
  await widget.ready();
  await page.waitForLoadState('networkidle');
  const requests = watchRequests(page, baseURL!);
  for (const q of ['443', 'ssh', 'my-secret-hostname', '3389']) await widget.ask(q);
  await expect(widget.results).toContainText('Remote Desktop');
  await page.waitForTimeout(300); // give any stray beacon a chance to be seen
  expect(requests.all()).toEqual([]);
});

/**
 * Privacy gate (issue #8): once a page has loaded, using its widgets sends nothing, not even to
 * this site. Every control of every kind of widget is used once, on the page where it has the most
 * controls (onePagePerWidget in site.ts; copies in lessons run the same code): typing into
 * each input, opening a capture file, choosing every option, flipping every toggle, clicking
 * every button (which steps and plays the simulations), and the presenter's keys. Data a widget
 * needs (its Web Worker, /data/ports.json) loads with the page, so no exception is needed.
 * blob: and data: URLs (a downloaded export) never leave the browser and are not requests.
 */
const TYPED: Record<'textarea' | 'text' | 'number' | 'editable', string> = {
  textarea: 'tcp   LISTEN 0  128  0.0.0.0:22  0.0.0.0:*  users:(("sshd",pid=1,fd=3))\n45 00 00 28 00 01 00 00 40 06 00 00 c0 00 02 01 c6 33 64 02',
  text: '443',
  number: '1234',
  editable: 'my-secret-hostname.internal',
};
const CAPTURE = new URL('../../src/core/wire/fixtures/ipv4-tcp-http.pcap', import.meta.url).pathname;

/** Types into every text control not typed into yet (and presses Enter in one-line inputs). */
async function typeIntoEveryInput(page: Page): Promise<number> {
  let typed = 0;
  const controls = page.locator(TEXT_CONTROLS);
  for (let i = 0; i < (await controls.count()); i++) {
    const control = controls.nth(i);
    const info = await inspect(control);
    if (!info?.usable) continue;
    const seen = await control.evaluate((el) => {
      const w = window as unknown as { __typed?: WeakSet<Element> };
      w.__typed ??= new WeakSet();
      const before = w.__typed.has(el);
      w.__typed.add(el);
      return before;
    });
    if (seen) continue;
    await enter(control, TYPED[info.kind], info.kind).catch(() => undefined); // an input can go away as the widget re-renders
    typed++;
  }
  return typed;
}

for (const { path, islands } of onePagePerWidget()) {
  test(`${path}: using every widget makes no request once the page has loaded`, async ({ page }) => {
    test.setTimeout(60_000 + 30_000 * islands);
    await openPage(page, path);
    await hydrateAll(page);
    await page.waitForLoadState('networkidle');
    const requests: string[] = [];
    page.context().on('request', (r) => {
      if (!/^(data|blob):/.test(r.url())) requests.push(`${r.method()} ${r.url()} (${r.resourceType()})`);
    });

    let used = await openAllDetails(page);
    used += await typeIntoEveryInput(page);
    const files = page.locator(FILE_CONTROLS);
    for (let i = 0; i < (await files.count()); i++) {
      await files.nth(i).setInputFiles(CAPTURE);
      used++;
    }
    used += await changeEveryChoice(page);
    used += await clickEveryButton(page);
    used += await openAllDetails(page);
    used += await typeIntoEveryInput(page); // inputs that a click revealed
    for (const key of ['ArrowRight', 'ArrowLeft', 'End', 'Home', 'p', '?', 'Escape']) await page.keyboard.press(key);
    await page.waitForTimeout(500);
    await page.waitForLoadState('networkidle');

    expect(used, 'controls used').toBeGreaterThan(0);
    test.info().annotations.push({ type: 'controls used', description: String(used) });
    expect(requests).toEqual([]);
  });
}
