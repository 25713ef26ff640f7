/**
 * nock scopes that answer only requests carrying what pdjs sends PagerDuty (Authorization, Accept, Content-Type)
 * and, for writes, the From header; reads must not carry From. Plus an adapter wired for tests (1 ms 429 wait)
 * and a recorder of the adapter's `onCall` reports.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createPagerDutyOnCall, type PagerDutyOnCallOptions } from '../../../src/integrations/pagerduty/index.js';
import type { OnCallPort } from '../../../src/core/ports.js';
import { CHECKOUT, SEARCH } from './fixtures.js';
import { checkSchema, loadPagerDutySpec, type OpenApiSpec, requestSchema } from './spec-check.js';

export const PD_API_URL = 'https://api.pagerduty.com';
export const PD_TOKEN = 'u+pd-test-token-0123456789';
export const PD_FROM = 'warroom-bot@example.com';
export const DEFAULT_SERVICE_ID = 'PDEF001';

const common = {
  authorization: `Token token=${PD_TOKEN}`,
  accept: 'application/vnd.pagerduty+json;version=2',
};

/** Answers GETs: the common headers, and no From. */
export function pdRead(apiUrl = PD_API_URL): nock.Scope {
  return nock(apiUrl, { reqheaders: common, badheaders: ['from'] });
}

/** Answers writes: the common headers, a JSON content type and From. */
export function pdWrite(apiUrl = PD_API_URL): nock.Scope {
  return nock(apiUrl, { reqheaders: { ...common, from: PD_FROM, 'content-type': /^application\/json/ } });
}

/** Network off for the file; each test ends with every expected PagerDuty call made. */
export function usePagerDutyNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, 'PagerDuty calls the test expected but the adapter did not make').toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export interface CallReport {
  operation: string;
  outcome: string;
}

export function createTestOnCall(overrides: Partial<PagerDutyOnCallOptions> = {}): OnCallPort & { reports: CallReport[] } {
  const reports: CallReport[] = [];
  const port = createPagerDutyOnCall({
    token: PD_TOKEN,
    from: PD_FROM,
    apiUrl: PD_API_URL,
    defaultServiceId: DEFAULT_SERVICE_ID,
    services: [CHECKOUT, SEARCH],
    timeoutMs: 2_000,
    retryTimeoutMs: 1,
    onCall: (operation, _durationMs, outcome) => reports.push({ operation, outcome }),
    ...overrides,
  });
  return Object.assign(port, { reports });
}

let spec: OpenApiSpec | null = null;

/**
 * Problems in a request body against the published request schema. The description types IncidentBody.details as
 * an object, while its own request example (and PagerDuty's API reference) sends the details as a string.
 */
export function requestProblems(method: string, path: string, body: unknown): string[] {
  spec ??= loadPagerDutySpec();
  return checkSchema(spec, requestSchema(spec, method, path), body, '', (at, value) => at === '.incident.body.details' && typeof value === 'string');
}
