// Refreshes the README's playground screenshots (docs/playground/*.png): runs the built playground (npm run build
// first) with the bad-release scenario in Debian's chromium. Usage: node scripts/playground-screenshots.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startPlayground } from '../dist/playground/index.js';
import { freePort } from '../dist/playground/free-port.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'playground');
const pg = await startPlayground({ port: await freePort(), scenarioPauseMs: 2_500, logLevel: 'silent' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(pg.url);
  await page.waitForSelector('#channel-list [data-channel-id]');
  await page.addStyleTag({ content: '#toasts { display: none !important; }' }); // progress toasts would cover the panels
  await page.evaluate(() => fetch('/sim/scenario', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'bad-release', user: 'U0ALICE0001' }) }));
  const room = page.locator('#channel-list [data-channel-id]', { hasText: '#inc-' }).first();
  await room.waitFor({ timeout: 30_000 });
  await room.click();

  const context = page.locator('#messages .message', { hasText: 'Suspects' }).first();
  await context.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await context.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(out, '1-war-room-context.png') });

  await page.locator('#messages .message', { hasText: 'Rolled back shop/checkout-api' }).first().waitFor({ timeout: 60_000 });
  await page.click('#panel-tabs [data-tab="kubernetes"]');
  await page.locator('#messages .message', { hasText: 'Mitigation #1' }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, '2-rollback-confirmed.png') });

  await pg.scenarios.finished('bad-release');
  await page.click('#panel-tabs [data-tab="github"]');
  await page.locator('#github-issues li a', { hasText: /postmortem/i }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, '3-postmortem-published.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await pg.stop();
}
