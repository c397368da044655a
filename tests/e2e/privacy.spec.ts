import { expect, test } from '@playwright/test';
import { builtPages, openPage, PortLookupWidget, watchRequests } from './site.ts';

for (const path of builtPages()) {
  test(`${path} makes no request beyond this site`, async ({ page, baseURL }) => {
    const requests = watchRequests(page, baseURL!);
    await openPage(page, path);
    await page.mouse.wheel(0, 20_000); // bring every island into view so it loads
    await page.waitForLoadState('networkidle');
    expect(requests.foreign()).toEqual([]);
    expect(requests.count()).toBeGreaterThan(0);
  });
}

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
