/** pageTarget (`/incident page …`) against nock: finding the user, service or escalation policy, and what is created. */
import { describe, expect, it } from 'vitest';
import type { ManualPageRequest, PageTarget } from '../../../src/core/ports.js';
import { fixture, incidentAnswer, warroomIncident } from '../../support/pagerduty/fixtures.js';
import { createTestOnCall, DEFAULT_SERVICE_ID, pdRead, pdWrite, requestProblems, usePagerDutyNock } from '../../support/pagerduty/nock-pagerduty.js';

usePagerDutyNock();

function request(target: PageTarget, overrides: Partial<ManualPageRequest> = {}): ManualPageRequest {
  return {
    target,
    title: 'Need a database expert for INC-42',
    message: 'Replica lag is climbing, please join',
    dedupKey: 'warroom-page-42-1',
    incident: warroomIncident(),
    warRoomUrl: 'https://acme.slack.com/archives/C0INC42',
    ...overrides,
  };
}

function expectCreate(): () => Record<string, unknown> {
  let seen: Record<string, unknown> | null = null;
  pdWrite()
    .post('/incidents', (body: { incident: Record<string, unknown> }) => {
      seen = body.incident;
      return true;
    })
    .reply(201, incidentAnswer({ title: 'Need a database expert for INC-42', incident_key: 'warroom-page-42-1' }));
  return () => seen ?? {};
}

function expectQuery(path: string, answer: object): () => Record<string, unknown> {
  let seen: Record<string, unknown> = {};
  pdRead()
    .get(path)
    .query((query) => {
      seen = query;
      return true;
    })
    .reply(200, answer);
  return () => seen;
}

describe('pageTarget: a person', () => {
  it('finds the PagerDuty user by exact email and assigns them directly on the incident’s service', async () => {
    const port = createTestOnCall();
    const users = expectQuery('/users', fixture('users-query.200.json'));
    const created = expectCreate();

    const outcome = await port.pageTarget(request({ kind: 'user', email: 'Ada@Example.com' }));

    expect(users()).toMatchObject({ query: 'Ada@Example.com' });
    expect(created()).toEqual({
      type: 'incident',
      title: 'Need a database expert for INC-42',
      service: { id: 'PSVC001', type: 'service_reference' },
      urgency: 'high',
      incident_key: 'warroom-page-42-1',
      body: {
        type: 'incident_body',
        details: ['Replica lag is climbing, please join', 'Warroom incident #42 [SEV1]: Checkout is down', 'Impact: Customers cannot pay', 'War room: https://acme.slack.com/archives/C0INC42'].join('\n'),
      },
      assignments: [{ assignee: { id: 'PUSR001', type: 'user_reference' } }],
    });
    expect(requestProblems('post', '/incidents', { incident: created() })).toEqual([]);
    // Assigned directly: no policy was paged, so there is no on-call list to follow.
    expect(outcome).toMatchObject({ paged: true, externalId: 'PT4KHLK', escalationPolicyId: null, urgency: 'high' });
    expect(outcome.summary).toContain('Paged user Ada Lovelace <Ada@Example.com> with high urgency');
  });

  it('uses the default service when the page is not for a war room', async () => {
    const port = createTestOnCall();
    expectQuery('/users', fixture('users-query.200.json'));
    const created = expectCreate();

    await port.pageTarget(request({ kind: 'user', email: 'ada@example.com' }, { incident: null, warRoomUrl: null }));

    expect(created().service).toEqual({ id: DEFAULT_SERVICE_ID, type: 'service_reference' });
    expect((created().body as { details: string }).details).toBe('Replica lag is climbing, please join');
  });

  it('says so when no PagerDuty user has the email, and pages nobody', async () => {
    const port = createTestOnCall();
    expectQuery('/users', fixture('users-query.200.json'));

    await expect(port.pageTarget(request({ kind: 'user', email: 'lovelace@example.com' }))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'No PagerDuty user has the email lovelace@example.com.',
    });
  });
});

describe('pageTarget: a service', () => {
  it('pages the configured Warroom service’s PagerDuty service and escalation policy', async () => {
    const port = createTestOnCall();
    const created = expectCreate();

    const outcome = await port.pageTarget(request({ kind: 'service', name: 'Checkout' }));

    expect(created()).toMatchObject({
      service: { id: 'PSVC001', type: 'service_reference' },
      escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      incident_key: 'warroom-page-42-1',
    });
    expect(created()).not.toHaveProperty('assignments');
    expect(outcome.escalationPolicyId).toBe('PEP0001');
  });

  it('names the known services when the service is unknown', async () => {
    const port = createTestOnCall();
    await expect(port.pageTarget(request({ kind: 'service', name: 'payments' }))).rejects.toMatchObject({
      code: 'UNKNOWN_SERVICE',
      message: 'There is no service named "payments". Services: checkout, search.',
    });
  });

  it('says how to configure a service that has no PagerDuty service', async () => {
    const port = createTestOnCall();
    await expect(port.pageTarget(request({ kind: 'service', name: 'search' }))).rejects.toMatchObject({ code: 'INTEGRATION_NOT_CONFIGURED', message: expect.stringContaining('`pagerduty.service_id`') });
  });
});

describe('pageTarget: an escalation policy', () => {
  it('uses an id as it is', async () => {
    const port = createTestOnCall();
    const created = expectCreate();

    await port.pageTarget(request({ kind: 'escalation_policy', idOrName: 'PEP0007' }, { incident: null }));

    expect(created()).toMatchObject({ service: { id: DEFAULT_SERVICE_ID }, escalation_policy: { id: 'PEP0007', type: 'escalation_policy_reference' } });
  });

  it('finds a policy by its exact name among the query’s matches', async () => {
    const port = createTestOnCall();
    const policies = expectQuery('/escalation_policies', fixture('escalation-policies-query.200.json'));
    const created = expectCreate();

    const outcome = await port.pageTarget(request({ kind: 'escalation_policy', idOrName: 'checkout escalation' }));

    expect(policies()).toMatchObject({ query: 'checkout escalation' });
    expect(created()).toMatchObject({ service: { id: 'PSVC001' }, escalation_policy: { id: 'PEP0001' } });
    expect(outcome.summary).toContain('Paged escalation policy Checkout Escalation');
  });

  it('suggests the close matches when no policy has that name', async () => {
    const port = createTestOnCall();
    expectQuery('/escalation_policies', fixture('escalation-policies-query.200.json'));

    await expect(port.pageTarget(request({ kind: 'escalation_policy', idOrName: 'Checkout' }))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'No PagerDuty escalation policy is named "Checkout". Did you mean: Checkout Escalation (legacy), Checkout Escalation?',
    });
  });
});

describe('pageTarget retried with the same dedup key', () => {
  it('returns the open incident instead of paging twice', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents').reply(400, fixture('error-400-duplicate-key.json'));
    const lookup = expectQuery('/incidents', fixture('list-incidents-by-key.200.json'));

    const outcome = await port.pageTarget(request({ kind: 'service', name: 'checkout' }));

    expect(lookup()).toMatchObject({ incident_key: 'warroom-page-42-1', 'service_ids[]': 'PSVC001' });
    expect(outcome).toMatchObject({ paged: true, externalId: 'PT4KHLK' });
    expect(outcome.summary).toMatch(/^Already paged service checkout \(PSVC001\)/);
    expect(port.reports).toEqual([{ operation: 'pageTarget', outcome: 'deduplicated' }]);
  });
});
