/** pageForIncident against nock: the request PagerDuty receives per severity policy, and the dedup-key recovery. */
import { describe, expect, it } from 'vitest';
import { DomainError, IntegrationError } from '../../../src/core/errors.js';
import { CHECKOUT, fixture, incidentAnswer, SEARCH, severity, warroomIncident } from '../../support/pagerduty/fixtures.js';
import { createTestOnCall, DEFAULT_SERVICE_ID, pdRead, pdWrite, requestProblems, usePagerDutyNock } from '../../support/pagerduty/nock-pagerduty.js';

usePagerDutyNock();

const WAR_ROOM = 'https://acme.slack.com/archives/C0INC42';

/** Expects one POST /incidents and returns the body it carried. */
function expectCreate(answer: object = incidentAnswer()): { body: () => Record<string, unknown> } {
  let seen: Record<string, unknown> | null = null;
  pdWrite()
    .post('/incidents', (body: Record<string, unknown>) => {
      seen = body;
      return true;
    })
    .reply(201, answer);
  return {
    body: () => {
      if (!seen) throw new Error('POST /incidents was not made');
      return seen;
    },
  };
}

describe('pageForIncident', () => {
  it('pages SEV1 on the service with high urgency, its escalation policy, the dedup key and a body linking the war room', async () => {
    const port = createTestOnCall();
    const create = expectCreate();

    const outcome = await port.pageForIncident({ incident: warroomIncident(), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: WAR_ROOM });

    expect(create.body()).toEqual({
      incident: {
        type: 'incident',
        title: '[SEV1] Checkout is down',
        service: { id: 'PSVC001', type: 'service_reference' },
        urgency: 'high',
        incident_key: 'warroom-42',
        body: {
          type: 'incident_body',
          details: ['Warroom incident #42: Checkout is down', 'Severity: SEV1 (critical)', 'Service: checkout', 'Impact: Customers cannot pay', `War room: ${WAR_ROOM}`].join('\n'),
        },
        escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      },
    });
    expect(requestProblems('post', '/incidents', create.body())).toEqual([]);
    expect(outcome).toEqual({
      paged: true,
      summary: 'Paged the escalation policy of service checkout (PSVC001) with high urgency: PagerDuty incident #1234 "[SEV1] Checkout is down".',
      link: 'https://acme.pagerduty.com/incidents/PT4KHLK',
      externalId: 'PT4KHLK',
      urgency: 'high',
      escalationPolicyId: 'PEP0001',
    });
    expect(port.reports).toEqual([{ operation: 'pageForIncident', outcome: 'success' }]);
  });

  it('pages SEV2 (the primary) with high urgency and leaves the escalation policy to the service', async () => {
    const port = createTestOnCall();
    const create = expectCreate();

    await port.pageForIncident({ incident: warroomIncident({ severity: 'SEV2' }), policy: severity('SEV2'), service: CHECKOUT, warRoomUrl: WAR_ROOM });

    const incident = create.body().incident as Record<string, unknown>;
    expect(incident.urgency).toBe('high');
    expect(incident.title).toBe('[SEV2] Checkout is down');
    expect(incident).not.toHaveProperty('escalation_policy');
  });

  it('pages SEV3 with low urgency and reports the urgency PagerDuty answered', async () => {
    const port = createTestOnCall();
    const create = expectCreate(incidentAnswer({ urgency: 'low' }));

    const outcome = await port.pageForIncident({ incident: warroomIncident({ severity: 'SEV3' }), policy: severity('SEV3'), service: CHECKOUT, warRoomUrl: null });

    expect((create.body().incident as Record<string, unknown>).urgency).toBe('low');
    expect(((create.body().incident as Record<string, Record<string, string>>).body ?? {}).details).toContain('War room: #inc-20260302-checkout-is-down in Slack');
    expect(outcome.urgency).toBe('low');
  });

  it('refuses a policy that pages nobody, without calling PagerDuty', async () => {
    const port = createTestOnCall();
    const paging = port.pageForIncident({ incident: warroomIncident({ severity: 'SEV4' }), policy: severity('SEV4'), service: CHECKOUT, warRoomUrl: null });
    await expect(paging).rejects.toBeInstanceOf(DomainError);
    await expect(paging).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('pages the default service for a war room without a service, or whose service has no PagerDuty service', async () => {
    const port = createTestOnCall();
    const first = expectCreate();
    await port.pageForIncident({ incident: warroomIncident({ service: null }), policy: severity('SEV1'), service: null, warRoomUrl: WAR_ROOM });
    expect((first.body().incident as Record<string, unknown>).service).toEqual({ id: DEFAULT_SERVICE_ID, type: 'service_reference' });
    expect(first.body().incident).not.toHaveProperty('escalation_policy');

    const second = expectCreate();
    const outcome = await port.pageForIncident({ incident: warroomIncident({ service: 'search' }), policy: severity('SEV2'), service: SEARCH, warRoomUrl: WAR_ROOM });
    expect((second.body().incident as Record<string, unknown>).service).toEqual({ id: DEFAULT_SERVICE_ID, type: 'service_reference' });
    expect(outcome.summary).toContain(`the primary on call for the default service (${DEFAULT_SERVICE_ID})`);
  });

  it('says why nobody was paged when there is no PagerDuty service at all', async () => {
    const port = createTestOnCall({ defaultServiceId: null });
    const outcome = await port.pageForIncident({ incident: warroomIncident({ service: 'search' }), policy: severity('SEV1'), service: SEARCH, warRoomUrl: null });
    expect(outcome).toMatchObject({ paged: false, externalId: null, link: null });
    expect(outcome.summary).toBe('Nobody was paged: service search has no `pagerduty.service_id` and there is no `pagerduty.default_service_id` in warroom.yml.');
    expect(port.reports).toEqual([{ operation: 'pageForIncident', outcome: 'not_paged' }]);
  });
});

describe('pageForIncident retried with the same dedup key', () => {
  function expectLookup(answer: object): { query: () => Record<string, unknown> } {
    let seen: Record<string, unknown> | null = null;
    pdRead()
      .get('/incidents')
      .query((query) => {
        seen = query;
        return true;
      })
      .reply(200, answer);
    return { query: () => seen ?? {} };
  }

  it('returns the open incident PagerDuty already has for the key instead of a second page', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents').reply(400, fixture('error-400-duplicate-key.json'));
    const lookup = expectLookup(fixture('list-incidents-by-key.200.json'));

    const outcome = await port.pageForIncident({ incident: warroomIncident(), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: WAR_ROOM });

    expect(lookup.query()).toEqual({
      incident_key: 'warroom-42',
      'service_ids[]': 'PSVC001',
      'statuses[]': ['triggered', 'acknowledged'],
      date_range: 'all',
      sort_by: 'created_at:desc',
      limit: '100',
      offset: '0',
    });
    expect(outcome).toMatchObject({ paged: true, externalId: 'PT4KHLK', link: 'https://acme.pagerduty.com/incidents/PT4KHLK', urgency: 'high', escalationPolicyId: 'PEP0001' });
    expect(outcome.summary).toBe('Already paged the escalation policy of service checkout (PSVC001): PagerDuty incident #1234 "[SEV1] Checkout is down" (acknowledged, high urgency).');
    expect(port.reports).toEqual([{ operation: 'pageForIncident', outcome: 'deduplicated' }]);
  });

  it('fails, retryably, when PagerDuty reports a duplicate it then cannot find', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents').reply(400, fixture('error-400-duplicate-key.json'));
    expectLookup({ incidents: [], limit: 100, offset: 0, more: false, total: null });

    const paging = port.pageForIncident({ incident: warroomIncident(), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: WAR_ROOM });

    await expect(paging).rejects.toBeInstanceOf(IntegrationError);
    await expect(paging).rejects.toMatchObject({ retryable: true, reason: expect.stringContaining('open incident with key warroom-42 on service PSVC001, but none was found') });
  });

  it('does not mistake another 400 for a duplicate', async () => {
    const port = createTestOnCall();
    pdWrite().post('/incidents').reply(400, fixture('error-400-invalid-input.json'));

    const paging = port.pageForIncident({ incident: warroomIncident(), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: WAR_ROOM });

    await expect(paging).rejects.toMatchObject({ integration: 'pagerduty', operation: 'pageForIncident', retryable: false, reason: '400 Bad Request: Invalid Input Provided (Escalation level must be between 1 and 2)' });
  });
});
