/**
 * Shared by the GitHub adapter tests: fixtures, nock scopes that answer only requests carrying the token, an
 * adapter wired for tests (throttling and retries off unless a test turns them on) and its `onCall` reports.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CodeHostPort } from '../../../src/core/ports/code-host.js';
import { createGitHubCodeHost, type GitHubCodeHostOptions } from '../../../src/integrations/github/index.js';

export const GH_API_URL = 'https://api.github.com';
export const GH_TOKEN = 'ghp_testToken0123456789abcdefABCDEF0123';

const FIXTURES = fileURLToPath(new URL('../../fixtures/github/', import.meta.url));

/** A fresh copy of a fixture (tests may change it). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8')) as T;
}

export function rawFixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

/** Answers only requests with the token and GitHub's JSON media type. */
export function github(apiUrl = GH_API_URL): nock.Scope {
  return nock(apiUrl, { reqheaders: { authorization: `token ${GH_TOKEN}`, accept: /application\/vnd\.github/ } });
}

/** Network off for the file; each test ends with every expected GitHub call made. */
export function useGitHubNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, 'GitHub calls the test expected but the adapter did not make').toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export interface CallReport {
  operation: string;
  outcome: string;
}

export function createTestCodeHost(overrides: Partial<GitHubCodeHostOptions> = {}): CodeHostPort & { reports: CallReport[] } {
  const reports: CallReport[] = [];
  const port = createGitHubCodeHost({
    auth: { token: GH_TOKEN },
    apiUrl: GH_API_URL,
    throttle: false,
    retries: 0,
    timeoutMs: 2_000,
    retryAfterBaseMs: 1,
    onCall: (operation, _durationMs, outcome) => reports.push({ operation, outcome }),
    ...overrides,
  });
  return Object.assign(port, { reports });
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (err: unknown) => err,
  );
}
