import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run against the built site (astro build + astro preview), never the dev server.
 * Browser: Debian's Chromium when present (Playwright cannot download its own here), otherwise
 * Playwright's own. Debian's headless shell (package chromium-headless-shell: the same Blink as
 * `chromium`, without the desktop browser around it) comes first: on two cores it opens a page
 * about three times faster (30 fresh pages: 17 s against 50 s), which is most of what the e2e
 * suite spends. The flags keep Chromium from calling home: this machine has no network, and
 * the privacy test must see only the site's own requests.
 */
const DEBIAN_BROWSERS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const executablePath = process.env.PORTLAB_CHROMIUM ?? DEBIAN_BROWSERS.find((b) => existsSync(b));
export const PORT = Number(process.env.PORTLAB_E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: true,
  retries: 0,
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  // Islands hydrate on visibility; on a busy 2-core CI machine that can take a few seconds.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-domain-reliability',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // --ignore-lock: a developer may have another preview of this project running.
    command: `astro preview --host 127.0.0.1 --port ${PORT} --ignore-lock --outDir ${process.env.PORTLAB_DIST ?? 'dist'}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
