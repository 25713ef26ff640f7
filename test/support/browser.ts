/**
 * Debian's chromium for the browser tests, driven by playwright-core (which never downloads a browser). Without
 * chromium the tests are skipped with a loud warning, except under CI (env CI set), where that is an error.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumForTests(env: NodeJS.ProcessEnv = process.env): string | null {
  const found = [env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => Boolean(path) && existsSync(path as string));
  if (found) return found;
  const reason = 'no chromium in /usr/bin (install it: apt-get install -y chromium, or set CHROMIUM_PATH)';
  if (env.CI) throw new Error(`Chromium is required under CI but ${reason}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\nBrowser tests SKIPPED: ${reason}\n${line}\n`);
  return null;
}

/** Headless, and without the background networking that this closed network refuses (and that slows the start). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
