/**
 * Robustness gate (issue #8): XSS payloads pasted into every input of every widget, and put in
 * every tool's URL fragment, in real Chromium. A payload that runs sets window.__xss or opens a
 * dialog; one that is rendered as markup leaves an on* attribute, a <script> or a javascript: URL
 * in the page. Pages and inputs are discovered from the build, so new widgets are covered as they
 * land: one page per kind of widget (onePagePerWidget in site.ts), since every copy of a widget
 * runs the same code and a lesson's copy shows a subset of its tool page's controls.
 */
import { expect, test, type Page } from '@playwright/test';
import { hydrateAll, onePagePerWidget, openPage, watchDialogs } from './site.ts';
import { clickEveryButton, enter, FILE_CONTROLS, inspect, openAllDetails, TEXT_CONTROLS, usable } from './widget-inputs.ts';

const RUN = 'window.__xss=1';
/** Each one sets window.__xss or opens a dialog if a widget ever treats it as markup or code. */
const PAYLOADS: readonly string[] = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload=${RUN}>`,
  `"><img src=x onerror=alert(1)>`, // attribute breakout, double quote
  `'><svg/onload=alert(1)>`, // attribute breakout, single quote
  `javascript:${RUN}`,
  `[a link](javascript:${RUN}) **bold** <b onmouseover=${RUN}>b</b>`, // markdown
  `{@html '<img src=x onerror=${RUN}>'}`, // Svelte's raw-HTML tag
  `{{constructor.constructor('${RUN}')()}} \${${RUN}} <%= ${RUN} %>`, // template engines
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<details open ontoggle=alert(1)>x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`, // mutation XSS
  `\u202e<img src=x onerror=${RUN}>\u202d 443`, // right-to-left override
  `45 00 00 3c <script>${RUN}</script>\n\t0x0000:  4500 003c`, // inside a hex paste
  `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("<img src=x onerror=${RUN}>",pid=1,fd=3))`, // ss process name
  `<svg onload=${RUN}> 1234 root 3u IPv4 0 0t0 TCP *:80 (LISTEN)`, // lsof command name
  `${'A'.repeat(100_000)}<img src=x onerror=${RUN}>`, // very long
];

/** For file inputs, where the name is what a widget shows: the payloads that differ as a name (markup, breakouts, bidi). */
const FILE_PAYLOADS: readonly string[] = PAYLOADS.slice(0, 5).concat(PAYLOADS.filter((p) => p.includes('\u202e')));

/**
 * Records, from the first byte of the page, anything that would run script: an on* attribute
 * anywhere, or inside a widget a javascript:/data:text/html URL or a script/iframe/object/embed.
 */
async function installDetector(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __xssNodes: string[] }).__xssNodes = found;
    const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc']);
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}> in ${el.closest('astro-island')?.getAttribute('component-url') ?? 'the page'}`;
    const check = (el: Element) => {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`${describe(el)} has ${a.name}="${a.value.slice(0, 60)}"`);
        // Inside widgets only: Pagefind's search form (site chrome, not user input) has action="javascript:void(0);".
        if (URL_ATTRS.has(a.name.toLowerCase()) && /^\s*(javascript|vbscript):|^\s*data:text\/html|<script/i.test(a.value) && el.closest('astro-island')) {
          found.push(`${describe(el)} has ${a.name}="${a.value.slice(0, 60)}"`);
        }
      }
      if (/^(SCRIPT|IFRAME|OBJECT|EMBED|FRAME)$/.test(el.tagName) && el.closest('astro-island')) found.push(`${describe(el)} was added`);
    };
    const scan = (n: Node) => {
      if (!(n instanceof Element)) return;
      check(n);
      for (const d of n.querySelectorAll('*')) check(d);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const n of r.addedNodes) scan(n);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** Fails with what was found: a dialog, the marker, injected markup, or an uncaught error. */
async function expectClean(page: Page, dialogs: () => boolean, errors: readonly string[], where: string): Promise<void> {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __xssNodes?: string[] };
    return { xss: w.__xss ?? null, nodes: w.__xssNodes ?? ['(detector missing)'] };
  });
  expect.soft(dialogs(), `${where}: a dialog opened`).toBe(false);
  expect.soft(state.xss, `${where}: a payload ran (window.__xss set)`).toBeNull();
  expect.soft(state.nodes, `${where}: markup from a payload`).toEqual([]);
  expect.soft(errors, `${where}: uncaught errors`).toEqual([]);
  expect(test.info().errors).toEqual([]);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A file named and filled with the payload (no slashes: a file name cannot hold one). */
function payloadFile(payload: string) {
  const name = `${payload.slice(0, 120).replace(/[/\\\n\t]/g, '_')}.pcap`;
  return { name, mimeType: 'application/vnd.tcpdump.pcap', buffer: Buffer.from(payload) };
}

/** One page per kind of widget, where it has the most controls: its tool page, else the smallest lesson holding it. */
const PAGES = onePagePerWidget();

test.describe('XSS payloads in every widget input', () => {
  for (const { path, islands } of PAGES) {
    test(`${path}: every input shows pasted payloads as text`, async ({ page }) => {
      test.setTimeout(60_000 + 30_000 * islands);
      const dialogs = watchDialogs(page);
      const errors = watchErrors(page);
      await installDetector(page);
      await openPage(page, path);
      await hydrateAll(page);
      // Some inputs are folded away or appear only after a click (the decoder's field editor).
      await openAllDetails(page);
      await clickEveryButton(page);
      await openAllDetails(page);
      await expectClean(page, dialogs, errors, `${path} before any payload`);

      const controls = page.locator(TEXT_CONTROLS);
      const count = await controls.count();
      let tried = 0;
      // Last to first: an input lower down often belongs to what an input above it produced (a
      // packet's field editor below the paste box), and disappears once that input changes.
      for (let i = count - 1; i >= 0; i--) {
        const control = controls.nth(i);
        const info = await inspect(control);
        if (!info?.usable) continue;
        const { kind, firstOfItsKind } = info;
        const label = `${path} input ${i} (${kind}, ${info.label})`;
        // Every input gets every payload at once (the batch); the first widget of each kind on the
        // page also gets them one by one, since a widget may show only part of a long value. Later
        // copies of the same widget run the same code, and a lesson can hold seven of them.
        try {
          if (firstOfItsKind) {
            for (const payload of PAYLOADS) {
              await enter(control, payload, kind);
              tried++;
            }
          }
          await enter(control, PAYLOADS.join('\n'), kind);
          tried++;
          // Long enough for debounced and worker-side parsing of a paste to render.
          await page.waitForTimeout(kind === 'textarea' ? 500 : 50);
        } catch (e) {
          // The input went away under us (its widget re-rendered it); what it took so far is still checked.
          if (await usable(control)) throw e;
        }
        await expectClean(page, dialogs, errors, label);
      }

      const files = page.locator(FILE_CONTROLS);
      for (let i = 0; i < (await files.count()); i++) {
        for (const payload of FILE_PAYLOADS) {
          await files.nth(i).setInputFiles(payloadFile(payload));
          tried++;
          await page.waitForTimeout(100);
        }
        await page.waitForTimeout(400);
        await expectClean(page, dialogs, errors, `${path} file input ${i}`);
      }
      test.info().annotations.push({ type: 'payloads entered', description: String(tried) });
      await expectClean(page, dialogs, errors, path);
    });
  }
});

/**
 * A fragment carrying one payload under every key a widget reads (`preset`, `step`, and keys a
 * new widget may read) and another inside a scenario: as the scenario itself (not JSON) and in
 * the strings of a valid one (its name is shown).
 */
function fragment(first: string, second: string): string {
  const p = encodeURIComponent(first.slice(0, 5000));
  const q = encodeURIComponent(second.slice(0, 5000));
  const scenario = encodeURIComponent(
    JSON.stringify({ name: second.slice(0, 200), a: { address: second.slice(0, 50) }, b: {}, steps: [{ at: 0, on: 'b', do: 'listen' }, { at: 10, on: 'a', do: 'connect' }] }),
  );
  return `#preset=${p}&scenario=${first.length % 2 ? scenario : q}&step=${p}&widget=0&sample=${q}&q=${p}&${q}`;
}

test.describe('XSS payloads in URL fragments', () => {
  for (const { path } of PAGES) {
    test(`${path}: a fragment with payloads shows them as text`, async ({ page }) => {
      test.setTimeout(150_000);
      const dialogs = watchDialogs(page);
      const errors = watchErrors(page);
      await installDetector(page);
      for (let n = 0; n < PAYLOADS.length; n += 2) {
        // A new query string makes each a full load (a fragment change alone does not remount widgets).
        const url = `${path}?xss=${n}${fragment(PAYLOADS[n]!, PAYLOADS[(n + 1) % PAYLOADS.length]!)}`;
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        await hydrateAll(page);
        await page.waitForTimeout(100);
        await expectClean(page, dialogs, errors, `${path} with payloads ${n} and ${n + 1} in the fragment`);
      }
    });
  }
});
