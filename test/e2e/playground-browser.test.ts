/**
 * The playground in a real browser (Debian's chromium through playwright-core): a newcomer's first incident, typed and
 * clicked on the page. Screenshots of every step are kept in test-artifacts/playground/ (CI keeps them as artifacts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../src/playground/index.js';
import { freePort } from '../../src/playground/free-port.js';
import { person } from '../../src/playground/seed.js';
import { chromiumForTests, launchChromium } from '../support/browser.js';

const chromiumPath = chromiumForTests();
const ARTIFACTS = join('test-artifacts', 'playground');
const WAIT = { timeout: 20_000 };

describe.skipIf(!chromiumPath)('playground in a browser', () => {
  let pg: Playground;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    pg = await startPlayground({ port: await freePort(), withoutPrometheus: true, logLevel: 'silent' });
    browser = await launchChromium(chromiumPath as string);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(pg.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const actAs = async (name: 'alice' | 'bob' | 'carol' | 'dave') => {
    await page.selectOption('#user-switcher', person(name).id);
    await expect.poll(() => page.inputValue('#user-switcher')).toBe(person(name).id);
  };
  const openChannel = (label: RegExp | string) => page.locator('#channel-list [data-channel-id]', { hasText: label }).first().click();
  const type = async (text: string) => {
    await page.fill('#composer textarea', text);
    await page.press('#composer textarea', 'Enter');
  };
  const lastMessages = () => page.locator('#messages .message').allInnerTexts().then((texts) => texts.slice(-6).join('\n---\n'));

  it('declares from the composer, and the war room appears in the channel list', async () => {
    await page.waitForSelector('#channel-list [data-channel-id]', WAIT);
    await actAs('alice');
    await openChannel('#general');
    await type('/incident declare Checkout 5xx after the release --sev SEV2 --service checkout');
    const room = page.locator('#channel-list [data-channel-id]', { hasText: '#inc-' });
    await room.first().waitFor(WAIT);
    await room.first().click();
    await page.locator('#messages .message', { hasText: 'Checkout 5xx after the release' }).first().waitFor(WAIT);
    await shot('1-war-room');
    expect(await page.locator('#channel-name').innerText()).toMatch(/^#inc-\d{8}-checkout-5xx-after-the-release$/);
  });

  it('previews a rollback, and a responder confirms it: the demo cluster rolls back', async () => {
    await type('/incident rollback checkout-api -n shop');
    const confirm = page.locator('#messages [data-bk-action="button"][data-action-id="mitigation_confirm"]').last();
    await confirm.waitFor(WAIT);
    await shot('2-rollback-preview');
    await actAs('carol');
    await confirm.click();
    if (await page.locator('#confirm-dialog').isVisible()) await page.click('#confirm-dialog [data-confirm-accept]');
    await expect.poll(lastMessages, WAIT).toMatch(/Done/);
    await page.click('#panel-tabs [data-tab="kubernetes"]');
    await expect.poll(() => page.locator('[data-panel="kubernetes"]').innerText(), WAIT).toContain('checkout-api:1.41.0');
    await shot('3-rollback-done');
  });

  it('resolves, submits the postmortem modal, publishes, and the issue shows in the GitHub panel', async () => {
    await actAs('alice');
    await type('/incident mitigated Rolled back to 1.41.0');
    await type('/incident resolve Bad connection pool setting in 1.42.0');
    await type('/incident postmortem');
    const submit = page.locator('#modal .bk-modal-actions [data-modal="submit"]');
    await submit.waitFor(WAIT);
    await shot('4-postmortem-modal');
    await submit.click();
    await page.locator('#modal').waitFor({ state: 'hidden', ...WAIT });
    const publish = page.locator('#messages [data-bk-action="button"][data-action-id="postmortem_publish"]').last();
    await publish.waitFor(WAIT);
    await publish.click();
    if (await page.locator('#confirm-dialog').isVisible()) await page.click('#confirm-dialog [data-confirm-accept]');
    await page.click('#panel-tabs [data-tab="github"]');
    const issue = page.locator('#github-issues li a', { hasText: /postmortem/i });
    await issue.first().waitFor(WAIT);
    await shot('5-github-issue');
    expect(await issue.first().getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme\/checkout\/issues\/\d+$/);
  }, 60_000);

  it('rendered every message without an unsupported block and without page errors', async () => {
    expect(await page.locator('.bk-unsupported').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
