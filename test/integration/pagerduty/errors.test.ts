/**
 * PagerDuty failing: 4xx with PagerDuty's error body, 5xx, 429 (pdjs retries, then a clear error), a hanging
 * answer, a broken connection. Each becomes an IntegrationError('pagerduty', …) that names the status and
 * PagerDuty's message, says whether a retry may help, and never carries the token.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { createSilentLogger } from '../../support/fakes/logger.js';
import { CHECKOUT, fixture, incidentAnswer, severity, warroomIncident } from '../../support/pagerduty/fixtures.js';
import { createTestOnCall, PD_TOKEN, pdRead, pdWrite, usePagerDutyNock } from '../../support/pagerduty/nock-pagerduty.js';

usePagerDutyNock();

const page = { incident: warroomIncident(), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: null };

async function failure(promise: Promise<unknown>): Promise<IntegrationError & { outcome?: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IntegrationError);
  const error = err as IntegrationError;
  expect(error.integration).toBe('pagerduty');
  expect(`${error.message} ${error.reason}`).not.toContain(PD_TOKEN);
  return error;
}

describe('PagerDuty answering with an error', () => {
  it('401: names the status and PagerDuty’s message, not retryable', async () => {
    const logger = createSilentLogger();
    const port = createTestOnCall({ logger });
    pdWrite().post('/incidents').reply(401, fixture('error-401.json'));

    const err = await failure(port.pageForIncident(page));

    expect(err).toMatchObject({ operation: 'pageForIncident', reason: '401 Unauthorized: Invalid Token', retryable: false });
    expect(err.message).toBe('pagerduty pageForIncident failed: 401 Unauthorized: Invalid Token');
    expect(port.reports).toEqual([{ operation: 'pageForIncident', outcome: 'http_401' }]);
    expect(logger.entries.find((e) => e.level === 'warn')?.obj).toMatchObject({ operation: 'pageForIncident', outcome: 'http_401', reason: '401 Unauthorized: Invalid Token' });
    expect(JSON.stringify(logger.entries)).not.toContain(PD_TOKEN);
  });

  it('404 on an incident that does not exist', async () => {
    const port = createTestOnCall();
    pdWrite().put('/incidents/PNOPE01').reply(404, fixture('error-404.json'));
    const err = await failure(port.setUrgency('PNOPE01', 'high'));
    expect(err).toMatchObject({ operation: 'setUrgency', reason: '404 Not Found', retryable: false });
  });

  it('400 with errors[]: every detail PagerDuty gave is in the reason', async () => {
    const port = createTestOnCall();
    pdWrite().put('/incidents/PT4KHLK').reply(400, fixture('error-400-invalid-input.json'));
    const err = await failure(port.escalate('PT4KHLK', 3));
    expect(err).toMatchObject({ operation: 'escalate', reason: '400 Bad Request: Invalid Input Provided (Escalation level must be between 1 and 2)', retryable: false });
  });

  it('500 is retryable', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents/PT4KHLK/notes').reply(500, fixture('error-500.json'));
    const err = await failure(port.addNote('PT4KHLK', 'note'));
    expect(err).toMatchObject({ operation: 'addNote', reason: '500 Internal Server Error', retryable: true });
  });

  it('a proxy’s HTML error page: the status, and that the body was not PagerDuty’s', async () => {
    const port = createTestOnCall();
    pdRead().get('/oncalls').query(true).reply(502, '<html><body>Bad gateway</body></html>', { 'Content-Type': 'text/html' });
    const err = await failure(port.whoIsOnCall({ escalationPolicyId: 'PEP0001' }));
    expect(err).toMatchObject({ reason: 'HTTP 502 from api.pagerduty.com with a body that is not JSON', retryable: true });
  });

  it('a 2xx without the incident is an unexpected answer', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents').reply(201, { ok: true });
    const err = await failure(port.pageForIncident(page));
    expect(err).toMatchObject({ reason: 'unexpected answer from api.pagerduty.com: no incident with an id', retryable: false });
  });
});

describe('PagerDuty rate limiting (429)', () => {
  it('is retried by pdjs after retryTimeout, and the retry’s answer is used', async () => {
    const port = createTestOnCall({ retryTimeoutMs: 1 });
    pdWrite().post('/incidents').times(2).reply(429, fixture('error-429.json'), { 'ratelimit-reset': '1' });
    pdWrite().post('/incidents').reply(201, incidentAnswer());

    const outcome = await port.pageForIncident(page);

    // All three interceptors were used (checked after each test): two 429s, then the 201.
    expect(outcome.externalId).toBe('PT4KHLK');
  });

  it('still limited after pdjs’ three retries: a clear, retryable error saying how long PagerDuty asks to wait', async () => {
    const port = createTestOnCall({ retryTimeoutMs: 1 });
    pdRead().get('/oncalls').query(true).times(4).reply(429, fixture('error-429.json'), { 'ratelimit-reset': '30' });

    const err = await failure(port.whoIsOnCall({ escalationPolicyId: 'PEP0001' }));

    expect(err).toMatchObject({
      operation: 'whoIsOnCall',
      reason: '429 rate limited by api.pagerduty.com: Rate Limit Exceeded (still limited after 3 retries; PagerDuty asks to wait 30 s)',
      retryable: true,
      outcome: 'rate_limited',
      detail: { status: 429, retryAfterMs: 30_000 },
    });
  });
});

describe('PagerDuty unreachable', () => {
  it('a hanging answer times out, retryably', async () => {
    const port = createTestOnCall({ timeoutMs: 50 });
    pdWrite().post('/incidents').delay(1_000).reply(201, incidentAnswer());

    const err = await failure(port.pageForIncident(page));

    expect(err).toMatchObject({ reason: 'timed out after 0.05 s waiting for PagerDuty at api.pagerduty.com', retryable: true });
    expect(port.reports).toEqual([{ operation: 'pageForIncident', outcome: 'timeout' }]);
  });

  it('a broken connection says PagerDuty could not be reached, retryably', async () => {
    const port = createTestOnCall();
    pdWrite().put('/incidents/PT4KHLK').replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));

    const err = await failure(port.resolve('PT4KHLK'));

    expect(err).toMatchObject({ reason: 'cannot reach PagerDuty at api.pagerduty.com: ECONNRESET', retryable: true, outcome: 'unreachable' });
  });
});

describe('the API URL', () => {
  it('reaches an EU account at api.eu.pagerduty.com', async () => {
    const port = createTestOnCall({ apiUrl: 'https://api.eu.pagerduty.com' });
    pdWrite('https://api.eu.pagerduty.com').put('/incidents/PT4KHLK').reply(200, fixture('update-incident.200.json'));
    await port.resolve('PT4KHLK');
    expect(port.status()).toEqual({ configured: true, detail: 'PagerDuty at api.eu.pagerduty.com, acting as warroom-bot@example.com; default service PDEF001' });
  });

  it('keeps a port', async () => {
    const port = createTestOnCall({ apiUrl: 'https://pagerduty.internal.test:8443/' });
    pdWrite('https://pagerduty.internal.test:8443').put('/incidents/PT4KHLK').reply(200, fixture('update-incident.200.json'));
    await port.resolve('PT4KHLK');
  });

  it('reaches a loopback stand-in over plain http, query parameters included', async () => {
    const port = createTestOnCall({ apiUrl: 'http://127.0.0.1:4010' });
    pdRead('http://127.0.0.1:4010')
      .get('/oncalls')
      .query({ 'escalation_policy_ids[]': 'PEP0001', 'include[]': 'users', limit: '100', offset: '0' })
      .reply(200, { oncalls: [], limit: 100, offset: 0, more: false, total: null });
    await expect(port.whoIsOnCall({ escalationPolicyId: 'PEP0001' })).resolves.toEqual([]);
    expect(port.status().detail).toMatch(/^PagerDuty at 127\.0\.0\.1:4010,/);
  });

  it('refuses http to other hosts, paths and non-URLs when the adapter is built', () => {
    expect(() => createTestOnCall({ apiUrl: 'http://pagerduty.internal.test:8080' })).toThrow(
      'PagerDuty API URL must be https (http only for localhost, 127.0.0.1 or [::1]), got "http://pagerduty.internal.test:8080".',
    );
    expect(() => createTestOnCall({ apiUrl: 'http://localhost:8080/pagerduty' })).toThrow(/must be a bare host/);
    expect(() => createTestOnCall({ apiUrl: 'https://proxy.example.com/pagerduty' })).toThrow(/must be a bare host/);
    expect(() => createTestOnCall({ apiUrl: 'api.pagerduty.com' })).toThrow(/is not a URL/);
  });

  it('refuses to start without a token or From', () => {
    expect(() => createTestOnCall({ token: '' })).toThrow(/PAGERDUTY_TOKEN/);
    expect(() => createTestOnCall({ from: '' })).toThrow(/PAGERDUTY_FROM/);
  });

  it('defaults to api.pagerduty.com', () => {
    expect(createTestOnCall({ apiUrl: undefined }).status().detail).toContain('PagerDuty at api.pagerduty.com');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
