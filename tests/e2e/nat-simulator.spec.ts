import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchRequests } from './site.ts';
import { NatSimulatorWidget } from './nat-simulator.ts';

/** Each preset, the number of steps, and what its last caption says. */
const ENDINGS: [string, number, string][] = [
  ['outbound', 7, 'The web server receives the ACK from 203.0.113.5:51000: it sees only the public address, never the private one.'],
  ['two-hosts-one-port', 10, 'The game console receives the UDP reply from 192.0.2.44:3074.'],
  ['inbound-without-forward', 2, 'The router has no mapping and no forwarding rule for TCP port 8080, so it drops the SYN silently'],
  ['port-forward', 8, 'The laptop receives the ACK from 192.0.2.44:40000.'],
  ['hairpin', 8, "The laptop receives the ACK from 203.0.113.5:52000: the sender's public address and port"],
  ['cgnat', 13, 'The carrier-grade NAT has no mapping for TCP port 8080 on 198.51.100.7'],
  ['mapping-timeout', 13, 'The router has no mapping and no forwarding rule for UDP port 3074, so it drops the UDP datagram'],
];

test.describe('NAT simulator on its own page', () => {
  // Stepping tests read the panels at rest, so motion is off: every step is a jump.
  test.use({ reducedMotion: 'reduce' });

  for (const [preset, steps, last] of ENDINGS) {
    test(`the ${preset} preset steps to its end with the right caption`, async ({ page }) => {
      const w = new NatSimulatorWidget(page);
      await w.open();
      await w.choose(preset);
      for (let i = 1; i < steps; i++) await w.next();
      await expect(w.caption).toContainText(`Step ${steps} of ${steps}:`);
      await expect(w.caption).toContainText(last);
      await expect(w.button('Next ▶')).toBeDisabled();
    });
  }

  test('stepping through outbound shows the rewrite before and after the router and the new row of the table', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await expect(w.packet).toContainText('No packet has reached the router yet.');
    await expect(w.routerTable).toContainText('Empty');
    await w.next();
    await expect(w.caption).toContainText("The router rewrites the laptop's source 192.168.1.10:51000 to 203.0.113.5:51000 and remembers the mapping");
    await expect(w.packet).toContainText('Before (inside)');
    await expect(w.packet).toContainText('After (outside)');
    await expect(w.packet.getByText('source rewritten')).toBeVisible();
    const row = w.routerTable.getByRole('row', { name: /192\.168\.1\.10:51000/ });
    await expect(row).toContainText('203.0.113.5:51000');
    await expect(row).toContainText('198.51.100.80:443');
    await expect(row).toContainText('opening (transitory)');
    await expect(row).toContainText('new');
    await expect(row).toContainText('4 min');
    await w.button('Last').click();
    await expect(row).toContainText('established');
    await expect(row).toContainText('2 h 3 min 59.98 s'); // refreshed by the ACK 20 ms before the step shown
  });

  test('the translation table shows the rewritten port of the second device', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.choose('two-hosts-one-port');
    await w.stepUntil('so this mapping gets port 3076');
    const row = w.routerTable.getByRole('row', { name: /192\.168\.1\.20:3074/ });
    await expect(row).toContainText('203.0.113.5:3076');
    await expect(row).toContainText('new');
    await expect(w.routerTable.getByRole('row', { name: /192\.168\.1\.10:3074/ })).toContainText('203.0.113.5:3074');
    await expect(w.packet).toContainText('203.0.113.5:3076');
  });

  test('adding a forward with the controls makes the inbound-without-forward connection succeed', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.choose('inbound-without-forward');
    await w.button('Last').click();
    await expect(w.caption).toContainText('drops the SYN silently');
    await expect(w.forwards).toContainText('None');
    const rule = w.form('Add a forwarding rule on the router');
    await rule.getByLabel('Protocol').selectOption('tcp');
    await rule.getByLabel('Public port').fill('8080');
    await rule.getByLabel('To device').selectOption('laptop');
    await rule.getByLabel('Inside port').fill('8080');
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await expect(w.caption).toContainText('You add a forwarding rule on the router: TCP 8080 → 192.168.1.10:8080.');
    await expect(w.forwards).toContainText('TCP 8080 → 192.168.1.10:8080 (Laptop)');
    await expect(w.root.getByText('(changed)')).toBeVisible();
    const inbound = w.form(/Connect from the internet to 203\.0\.113\.5/);
    await inbound.getByLabel('Public port').fill('8080');
    await inbound.getByRole('button', { name: 'Send from the internet' }).click();
    await expect(w.caption).toContainText('Your friend opens a TCP connection to 203.0.113.5:8080');
    await w.stepUntil("The router's forwarding rule TCP 8080 → 192.168.1.10:8080 rewrites the destination");
    await expect(w.packet.getByText('destination rewritten')).toBeVisible();
    await w.button('Last').click();
    await expect(w.caption).toContainText('The laptop receives the ACK from 192.0.2.44:40000.');
    await expect(w.routerTable.getByRole('row', { name: /192\.0\.2\.44:40000/ })).toContainText('established (via a forward)');
    // removing it again from the list
    await w.root.getByRole('button', { name: 'Remove TCP 8080' }).click();
    await expect(w.caption).toContainText('You remove the forwarding rule TCP 8080 → 192.168.1.10:8080.');
    await expect(w.forwards).toContainText('None');
  });

  test('bad input gets a message in words, and nothing changes', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    const rule = w.form('Add a forwarding rule on the router');
    await rule.getByLabel('Public port').fill('70000');
    await rule.getByLabel('Inside port').fill('http');
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await expect(w.problems).toContainText('Public port must be from 1 to 65535 (ports are 16-bit and 0 is reserved); 70000 is out of range.');
    await expect(w.problems).toContainText('Inside port must be a whole number from 1 to 65535, not “http”.');
    await expect(w.forwards).toContainText('None');
    await expect(w.caption).toContainText('Step 1 of 7');
    const out = w.form('Open a connection from home');
    await out.getByRole('combobox', { name: 'To', exact: true }).selectOption('other');
    await out.getByRole('textbox', { name: 'Address', exact: true }).fill('192.168.1.20');
    await out.getByRole('button', { name: 'Send from home' }).click();
    await expect(w.problems).toContainText('192.168.1.20 is on the home network');
  });

  test('waiting lets a mapping expire, and the table empties', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.choose('two-hosts-one-port');
    await w.button('Last').click();
    const wait = w.form(/Let time pass/);
    await wait.getByLabel('Minutes').fill('6');
    await wait.getByRole('button', { name: 'Wait' }).click();
    await expect(w.caption).toContainText('Now 6 min pass.');
    await w.next();
    await expect(w.caption).toContainText("The router's UDP mapping 192.168.1.10:3074 ⇄ 203.0.113.5:3074 expires: no outbound packet for 5 min (RFC 4787 REQ-5).");
    await w.button('Last').click();
    await expect(w.caption).toContainText('6 min have passed.');
    await expect(w.routerTable).toContainText('Empty');
  });

  test('a hairpinned connection is drawn back into the home network', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.choose('hairpin');
    await w.stepUntil('hairpins the SYN');
    await expect(w.packet).toContainText('Before (from inside)');
    await expect(w.packet).toContainText('203.0.113.5:52000');
    await expect(w.packet.getByText('source rewritten')).toBeVisible();
    await expect(w.packet.getByText('destination rewritten')).toBeVisible();
  });

  test('with a carrier-grade NAT both translation tables are shown', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.choose('cgnat');
    await w.stepUntil('The carrier-grade NAT rewrites');
    await expect(w.routerTable).toContainText('100.64.12.34:51000');
    await expect(w.cgnTable).toContainText('198.51.100.7:49152');
  });

  test('the text alternative lists every event', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    const table = await w.openTable();
    await expect(table.getByRole('row', { name: /translate \(outbound\)/ })).toHaveCount(2);
    await expect(table.getByRole('row', { name: /translate \(inbound\)/ })).toHaveCount(1);
    await expect(table.getByRole('row', { name: /mapping created/ })).toHaveCount(1);
    await expect(table.getByRole('row', { name: /TCP 192\.168\.1\.10:51000 → 198\.51\.100\.80:443 ⇒ TCP 203\.0\.113\.5:51000 → 198\.51\.100\.80:443/ }).first()).toBeVisible();
  });

  test('with reduced motion a step jumps: the now line is on its row at once', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.next(2);
    const rowY = await w.root.locator('line.row').nth(2).getAttribute('y1');
    expect(await w.root.locator('line.now').getAttribute('y1')).toBe(rowY);
  });

  test('everything works from the keyboard alone', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.preset.focus();
    await page.keyboard.press('ArrowDown'); // the next preset: two-hosts-one-port
    await expect(w.preset).toHaveValue('two-hosts-one-port');
    await w.button('Next ▶').focus();
    await page.keyboard.press('Enter');
    await expect(w.caption).toContainText('Step 2 of 10');
    await page.keyboard.press('ArrowRight');
    await expect(w.caption).toContainText('Step 3 of 10');
    await w.scrubber.focus();
    await page.keyboard.press('End');
    await expect(w.caption).toContainText('Step 10 of 10');
    // a forwarding rule typed and submitted with Enter
    const rule = w.form('Add a forwarding rule on the router');
    await rule.getByLabel('Public port').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2222');
    await page.keyboard.press('Tab'); // To device
    await page.keyboard.press('Tab'); // Inside port
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('22');
    await page.keyboard.press('Enter');
    await expect(w.forwards).toContainText('TCP 2222 → 192.168.1.10:22 (Laptop)');
    // the trace table opens with the keyboard, and its scrolling box takes focus
    await w.root.getByText('The whole trace as a table').focus();
    await page.keyboard.press('Enter');
    await expect(w.root.getByRole('table', { name: /Every event of the NAT simulation/ })).toBeVisible();
  });

  test('axe finds nothing after interaction, in light and dark, and nothing leaves the site', async ({ page, baseURL }) => {
    for (const theme of ['light', 'dark'] as const) {
      const requests = watchRequests(page, baseURL!);
      const w = new NatSimulatorWidget(page);
      await w.open('/tools/nat-simulator/', theme);
      await w.choose('cgnat');
      await w.next(3);
      await w.openTable();
      await w.form('Add a forwarding rule on the router').getByLabel('Public port').fill('0');
      await w.form('Add a forwarding rule on the router').getByRole('button', { name: 'Add rule' }).click();
      await expect(w.problems).toBeVisible();
      await expectNoAxeViolations(page, `/tools/nat-simulator/ after interaction (${theme})`);
      expect(requests.foreign()).toEqual([]);
    }
  });

  test('at 320 px wide the page does not scroll sideways', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const w = new NatSimulatorWidget(page);
    await w.open();
    await w.next(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('NAT simulator in a lesson (compact controls)', () => {
  test('the controls fold away and open from the keyboard', async ({ page }) => {
    const w = new NatSimulatorWidget(page);
    await w.open('/course/nat-and-port-forwarding/');
    const summary = w.root.getByText('Change the scenario: connections, forwards, waiting, settings');
    await expect(w.form('Add a forwarding rule on the router')).toHaveCount(0);
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(w.form('Add a forwarding rule on the router')).toBeVisible();
  });
});
