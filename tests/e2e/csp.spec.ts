/**
 * Content-Security-Policy (issue 8), beyond what every-page.spec.ts checks on each page: search
 * (Pagefind's WebAssembly) works under the policy, and the policy really refuses inline script.
 */
import { expect, test } from '@playwright/test';
import { watchCsp } from './csp.ts';
import { openPage } from './site.ts';

test('search (Pagefind, WebAssembly) works under the policy', async ({ page }) => {
  const csp = await watchCsp(page);
  await openPage(page, '/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.pagefind-ui__search-input').fill('ephemeral');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
  expect(await csp.all()).toEqual([]);
});

test('the policy is enforced: an injected inline script and an inline event handler are refused', async ({ page }) => {
  const csp = await watchCsp(page);
  await openPage(page, '/course/ports/');
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean; __handler?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    const b = document.createElement('button');
    b.setAttribute('onclick', 'window.__handler = true;');
    document.body.append(b);
    b.click();
    b.remove();
    await new Promise((r) => setTimeout(r, 50)); // violation events are queued as tasks
    return { script: w.__injected === true, handler: w.__handler === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
  const seen = await csp.all();
  expect(seen.filter((v) => /^script-src-elem blocked inline/.test(v)), seen.join('\n')).not.toEqual([]);
  expect(seen.filter((v) => /^script-src-attr blocked inline/.test(v)), seen.join('\n')).not.toEqual([]);
});
